"""Nightly-operation commands: schedule, scheduler, status, digest, up, dashboard."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from store.errors import StoreError

PATH = click.Path(dir_okay=False, path_type=Path)
DIR = click.Path(file_okay=False, path_type=Path)


def _at_option(f):
    return click.option(
        "--at",
        metavar="HH:MM",
        help="Time of day in --timezone. Default: a minute drawn once in NCBI's off-peak "
        "window (21:00-05:00 US Eastern) and remembered.",
    )(f)


def _tz_option(f):
    return click.option(
        "--timezone",
        "tz_name",
        metavar="TZ",
        help="IANA zone of --at and of the cron daemon (default: this machine's zone).",
    )(f)


def _where_options(f):
    f = click.option(
        "--unit-dir",
        type=DIR,
        help="Folder of systemd user units [default ~/.config/systemd/user].",
    )(f)
    f = click.option(
        "--crontab-file",
        type=PATH,
        help="Use this crontab file instead of the user's crontab (for tests and containers).",
    )(f)
    return f


def _fmt_local(moment: datetime | None) -> str:
    if moment is None:
        return "unknown"
    return moment.strftime("%Y-%m-%d %H:%M %Z")


def _systemctl(*args: str) -> str | None:
    """Run `systemctl --user ...`; None when it worked, else a one-line reason."""
    if not shutil.which("systemctl"):
        return "no systemctl on this machine"
    try:
        done = subprocess.run(
            ["systemctl", "--user", *args], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return str(exc)
    if done.returncode:
        return (done.stderr or done.stdout).strip().splitlines()[0] if done.stderr else "failed"
    return None


def register(group: click.Group) -> None:
    from fetchers.cli import db_option, outline_option

    @group.group("schedule")
    def schedule_group() -> None:
        """Install, show or remove the nightly `littrack fetch` (cron or systemd timer).

        Example: littrack schedule install
        """

    @schedule_group.command("install")
    @_at_option
    @_tz_option
    @_where_options
    @click.option("--systemd", is_flag=True, help="Write a systemd user service + timer.")
    @click.option(
        "--log",
        "log_path",
        type=PATH,
        help="Append the job's output here [default ~/.local/state/littrack/fetch.log].",
    )
    @db_option
    @outline_option
    def schedule_install(at, tz_name, crontab_file, unit_dir, systemd, log_path, db, outline):
        """Schedule `littrack fetch` every night with the current settings.

        Installing again replaces littrack's entry (there is never more than one).
        NCBI_API_KEY and NCBI_EMAIL go to a private env file, not into the crontab.

        Example: littrack schedule install --at 23:40 --timezone America/New_York
        """
        from fetchers import schedule as sched

        job = sched.job_settings(db, outline)
        argv = sched.littrack_argv()
        folder = sched.config_dir()
        env_file = folder / sched.ENV_FILE
        names = sched.write_env_file(env_file, job.secret)
        log = (log_path or sched.default_log_path()).expanduser().absolute()
        log.parent.mkdir(parents=True, exist_ok=True)
        old_cron, old_units, _ = sched.remembered_places()
        if systemd:
            if old_cron is not None or shutil.which("crontab"):
                if sched.remove_cron(old_cron):
                    click.echo(f"Removed the cron entry from {old_cron or 'your crontab'}")
            if at or tz_name:
                when = sched.resolve_time(at, tz_name)
            else:
                when = sched.offpeak_eastern()  # systemd follows Eastern daylight saving itself
            directory = (unit_dir or sched.default_unit_dir()).absolute()
            paths = sched.write_systemd(
                directory, sched.systemd_units(when, job, argv, env_file, log)
            )
            sched.remember_install("systemd", unit_dir=str(directory))
            click.echo(f"Wrote {', '.join(str(p) for p in paths)}")
            click.echo(f"Runs daily at {when}; next run {_fmt_local(when.next_run())}")
            enable = "systemctl --user daemon-reload && systemctl --user enable --now "
            enable += sched.TIMER_NAME
            if unit_dir is None:
                problem = _systemctl("daemon-reload") or _systemctl(
                    "enable", "--now", sched.TIMER_NAME
                )
                if problem:
                    click.echo(f"Could not enable the timer ({problem}); run: {enable}")
                else:
                    click.echo(f"Enabled {sched.TIMER_NAME}.")
            else:
                click.echo(f"To enable it: {enable}")
            click.echo("To run while logged out: loginctl enable-linger $USER")
        else:
            for path in sched.remove_systemd(old_units):
                click.echo(f"Removed {path} (now scheduled by cron)")
            when = sched.resolve_time(at, tz_name)
            command = sched.cron_command(job, argv, env_file, log)
            entry, replaced = sched.install_cron(when, command, crontab_file)
            where = str(crontab_file.absolute()) if crontab_file else "your crontab"
            sched.remember_install(
                "cron",
                crontab_file=str(crontab_file.absolute()) if crontab_file else None,
                timezone=when.tz,
            )
            click.echo(f"Installed in {where}" + (f" (replaced {replaced})" if replaced else ""))
            click.echo(f"  {entry}")
            eastern = when.in_zone(sched.EASTERN)
            click.echo(
                f"Runs daily at {when} (today {eastern.hour:02d}:{eastern.minute:02d} "
                f"US Eastern); next run {_fmt_local(when.next_run())}"
            )
        if not sched.in_offpeak_window(when.next_run()):
            click.echo(
                "Warning: this time is outside NCBI's off-peak window (21:00-05:00 US "
                "Eastern); NCBI asks for large jobs to run then."
            )
        secrets = f" ({', '.join(names)})" if names else ""
        click.echo(f"Secrets file: {env_file} (mode 0600){secrets}")
        click.echo(f"Log: {log}")

    @schedule_group.command("show")
    @_where_options
    def schedule_show(crontab_file, unit_dir):
        """Show the installed schedule and its next run; exit 1 when none is installed.

        Example: littrack schedule show
        """
        from fetchers import schedule as sched

        found = sched.installed(crontab_file, unit_dir)
        if not found:
            click.echo("No littrack schedule installed (littrack schedule install).")
            sys.exit(1)
        for item in found:
            click.echo(f"{item.kind} ({item.where}):")
            click.echo(f"  {item.entry}")
            when = f"daily at {item.when}" if item.when else "custom schedule"
            click.echo(f"  {when}; next run {_fmt_local(item.next_run())}")

    @schedule_group.command("remove")
    @_where_options
    def schedule_remove(crontab_file, unit_dir):
        """Remove littrack's cron entry and systemd units (other entries are left alone).

        Example: littrack schedule remove
        """
        from fetchers import schedule as sched

        crontab_file, directory, _ = sched.remembered_places(crontab_file, unit_dir)
        removed_cron = 0
        if crontab_file is not None or shutil.which("crontab"):
            removed_cron = sched.remove_cron(crontab_file)
        if (directory / sched.TIMER_NAME).exists() and directory == sched.default_unit_dir():
            _systemctl("disable", "--now", sched.TIMER_NAME)
        removed_units = sched.remove_systemd(directory)
        sched.forget_install()
        if removed_cron:
            click.echo(f"Removed {removed_cron} cron entry from {crontab_file or 'your crontab'}")
        for path in removed_units:
            click.echo(f"Removed {path}")
        if not removed_cron and not removed_units:
            click.echo("No littrack schedule was installed.")

    @group.command("scheduler")
    @_at_option
    @_tz_option
    @click.option("--run-now", is_flag=True, help="Also fetch once right away.")
    @db_option
    @outline_option
    def scheduler_command(at, tz_name, run_now, db, outline):
        """Stay in the foreground and fetch every night (for machines without cron).

        Runs the same `littrack fetch` as the cron entry, one run at a time.

        Example: littrack scheduler --run-now
        """
        from fetchers import schedule as sched
        from fetchers.scheduler import fetch_subprocess_job, run_scheduler

        when = sched.resolve_time(at, tz_name) if at else sched.offpeak_eastern()
        job = sched.job_settings(db, outline)
        env = {**os.environ, **job.public, **job.secret}
        argv = [*sched.littrack_argv(), "fetch"]
        run_scheduler(
            fetch_subprocess_job(argv, env, echo=click.echo),
            when,
            run_now=run_now,
            echo=click.echo,
        )

    @group.command("status")
    @click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
    @db_option
    @click.option(
        "--stale-hours",
        type=float,
        default=36.0,
        show_default=True,
        help="Data older than this is stale (exit 2).",
    )
    @_where_options
    def status_command(as_json, db, stale_hours, crontab_file, unit_dir):
        """Last runs, next scheduled run, records, and per-claim freshness and failures.

        Exit 0 healthy, 1 last run failed or partial, 2 data older than --stale-hours,
        3 no database or no finished fetch yet.

        Example: littrack status --json
        """
        from fetchers.status import collect_status, render_status

        report = collect_status(
            db, stale_hours=stale_hours, crontab_file=crontab_file, unit_dir=unit_dir
        )
        if as_json:
            click.echo(json.dumps(report, indent=2, default=str))
        else:
            click.echo(render_status(report))
        sys.exit(report["exit_code"])

    @group.command("digest")
    @click.option(
        "--since",
        default="7d",
        show_default=True,
        help="Since when: a duration (7d, 36h, 2w) or a date (2026-11-01, UTC).",
    )
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["md", "html"]),
        default="md",
        show_default=True,
        help="Output format of --out / standard output.",
    )
    @click.option("--out", type=PATH, help="Write the digest to this file.")
    @click.option("--send", is_flag=True, help="Send it by SMTP (LITTRACK_SMTP_*).")
    @click.option("--to", metavar="ADDR", help="Recipients for --send [env LITTRACK_DIGEST_TO].")
    @click.option(
        "--per-claim",
        type=click.IntRange(min=1),
        default=20,
        show_default=True,
        help="List at most this many records per claim (the rest are counted).",
    )
    @db_option
    def digest_command(since, fmt, out, send, to, per_claim, db):
        """New publications per topic and claim since a date, with PubMed and DOI links.

        Example: littrack digest --since 7d --format html --out digest.html
        """
        from fetchers import digest as dg
        from store import health
        from store.connect import open_engine

        now = datetime.now(UTC).replace(microsecond=0)
        start = dg.parse_since(since, now)
        smtp = dg.SmtpSettings.from_env(to) if send else None
        engine = open_engine(db, create=False)
        try:
            if not health.has_schema(engine):
                raise StoreError("the database has no littrack tables (run `littrack fetch`)")
            rows = health.new_publications(engine, dg.iso_utc(start))
        finally:
            engine.dispose()
        topics = dg.group(rows, per_claim)
        markdown = dg.render_markdown(topics, start, now)
        html_text = dg.render_html(topics, start, now)
        body = markdown if fmt == "md" else html_text
        if out:
            out.write_text(body, encoding="utf-8")
            click.echo(f"Wrote {out} ({len(rows)} new links)", err=True)
        elif not send:
            click.echo(body, nl=False)
        if smtp:
            subject = f"littrack: {len(rows)} new publication links since {since}"
            dg.send(dg.build_message(subject, markdown, html_text, smtp), smtp)
            click.echo(f"Sent the digest through {smtp.host}:{smtp.port}", err=True)

    @group.command("up")
    @db_option
    @outline_option
    @click.option("--port", type=click.IntRange(1, 65535), help="Dashboard port [default 8501].")
    @click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
    @click.option(
        "--stale-hours",
        type=float,
        default=36.0,
        show_default=True,
        help="Fetch first when the data is older than this.",
    )
    @click.option("--no-dashboard", is_flag=True, help="Stop after the fetch step.")
    def up_command(db, outline, port, no_browser, stale_hours, no_dashboard):
        """Create the database, fetch when it is empty or stale, then open the dashboard.

        When PubMed cannot be reached the dashboard still starts on the stored data.

        Example: littrack up --no-browser --port 8502
        """
        from fetchers.up import run_up

        code = run_up(
            db=db,
            outline=outline,
            port=port,
            open_browser=not no_browser,
            stale_hours=stale_hours,
            dashboard=not no_dashboard,
            echo=click.echo,
        )
        sys.exit(code)

    @group.command("dashboard")
    @click.option("--port", type=click.IntRange(1, 65535), help="Port [default 8501].")
    @db_option
    def dashboard_command(port, db):
        """Start the Streamlit dashboard on 127.0.0.1 (it only reads the database).

        Example: littrack dashboard --port 8502
        """
        from fetchers.settings import resolve
        from fetchers.up import serve_dashboard
        from store.connect import resolve_db_url

        sys.exit(serve_dashboard(resolve_db_url(resolve("db", db)), port=port, echo=click.echo))
