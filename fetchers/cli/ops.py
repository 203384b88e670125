"""Nightly-operation commands: scheduler, status, digest, up, dashboard (the `schedule`
group is in fetchers.cli.schedule)."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from fetchers.cli.schedule import at_option, tz_option, where_options
from store.errors import StoreError
from store.health import STALE_HOURS

PATH = click.Path(dir_okay=False, path_type=Path)


def register(group: click.Group) -> None:
    from fetchers.cli import db_option, outline_option

    @group.command("scheduler")
    @at_option
    @tz_option
    @click.option("--run-now", is_flag=True, help="Also fetch once right away.")
    @db_option
    @outline_option
    def scheduler_command(
        at: str | None, tz_name: str | None, run_now: bool, db: str | None, outline: str | None
    ) -> None:
        """Stay in the foreground and fetch every night (for machines without cron).

        Runs the same `littrack fetch` as the cron entry, one run at a time.

        Example: littrack scheduler --run-now
        """
        from fetchers.ops.schedule.foreground import fetch_subprocess_job, run_scheduler
        from fetchers.ops.schedule.job import check_job_outline, job_settings, littrack_argv
        from fetchers.ops.schedule.when import offpeak_eastern, resolve_time

        when = resolve_time(at, tz_name) if at else offpeak_eastern()
        job = job_settings(db, outline)
        check_job_outline(job, default_used=outline is None)
        env = {**os.environ, **job.public, **job.secret}
        argv = [*littrack_argv(), "fetch"]
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
        default=STALE_HOURS,
        show_default=True,
        help="Data older than this is stale (exit 2).",
    )
    @where_options
    def status_command(
        as_json: bool,
        db: str | None,
        stale_hours: float,
        crontab_file: Path | None,
        unit_dir: Path | None,
    ) -> None:
        """Last runs, next scheduled run, records, and per-claim freshness and failures.

        Exit 0 healthy, 1 last run failed or partial, 2 data older than --stale-hours,
        3 no database or no finished fetch yet.

        Example: littrack status --json
        """
        from fetchers.ops.status import collect_status, render_status

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
    def digest_command(
        since: str,
        fmt: str,
        out: Path | None,
        send: bool,
        to: str | None,
        per_claim: int,
        db: str | None,
    ) -> None:
        """New publications per topic and claim since a date, with PubMed and DOI links.

        Example: littrack digest --since 7d --format html --out digest.html
        """
        from fetchers.ops import digest as dg
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
        default=STALE_HOURS,
        show_default=True,
        help="Fetch first when the data is older than this.",
    )
    @click.option("--no-dashboard", is_flag=True, help="Stop after the fetch step.")
    def up_command(
        db: str | None,
        outline: str | None,
        port: int | None,
        no_browser: bool,
        stale_hours: float,
        no_dashboard: bool,
    ) -> None:
        """Create the database, fetch when it is empty or stale, then open the dashboard.

        When PubMed cannot be reached the dashboard still starts on the stored data.

        Example: littrack up --no-browser --port 8502
        """
        from fetchers.ops.up import run_up

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
    @click.option(
        "--read-only",
        is_flag=True,
        help="No screening (no write widgets) and the database opened read-only "
        "[env LITTRACK_READONLY=1].",
    )
    @db_option
    def dashboard_command(port: int | None, read_only: bool, db: str | None) -> None:
        """Start the Streamlit dashboard on 127.0.0.1. Reviewers record screening decisions
        on its Screen page; --read-only shares it with people who must not write.

        Example: littrack dashboard --port 8502 --read-only
        """
        from fetchers.ops.up import serve_dashboard
        from fetchers.settings import resolve
        from store.connect import resolve_db_url

        if read_only:
            os.environ["LITTRACK_READONLY"] = "1"  # inherited by the Streamlit process

        sys.exit(serve_dashboard(resolve_db_url(resolve("db", db)), port=port, echo=click.echo))
