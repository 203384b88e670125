"""`littrack schedule install|show|remove`: the nightly fetch as a cron entry or a systemd
timer. The --at/--timezone and --crontab-file/--unit-dir options are shared with
`littrack scheduler` and `littrack status` (fetchers.cli.ops)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from fetchers.cli import F

PATH = click.Path(dir_okay=False, path_type=Path)
DIR = click.Path(file_okay=False, path_type=Path)


def at_option(f: F) -> F:
    return click.option(
        "--at",
        metavar="HH:MM",
        help="Time of day in --timezone. Default: a minute drawn once in NCBI's off-peak "
        "window (21:00-05:00 US Eastern) and remembered.",
    )(f)


def tz_option(f: F) -> F:
    return click.option(
        "--timezone",
        "tz_name",
        metavar="TZ",
        help="IANA zone of --at and of the cron daemon (default: this machine's zone).",
    )(f)


def where_options(f: F) -> F:
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
    @at_option
    @tz_option
    @where_options
    @click.option("--systemd", is_flag=True, help="Write a systemd user service + timer.")
    @click.option(
        "--log",
        "log_path",
        type=PATH,
        help="Append the job's output here [default ~/.local/state/littrack/fetch.log].",
    )
    @db_option
    @outline_option
    def schedule_install(
        at: str | None,
        tz_name: str | None,
        crontab_file: Path | None,
        unit_dir: Path | None,
        systemd: bool,
        log_path: Path | None,
        db: str | None,
        outline: str | None,
    ) -> None:
        """Schedule `littrack fetch` every night with the current settings.

        Installing again replaces littrack's entry (there is never more than one).
        NCBI_API_KEY and NCBI_EMAIL go to a private env file, not into the crontab.

        Example: littrack schedule install --at 23:40 --timezone America/New_York
        """
        from fetchers.ops.schedule.cron import (
            check_crontab,
            check_log_file,
            check_writable_folder,
            cron_command,
            install_cron,
            remove_cron,
        )
        from fetchers.ops.schedule.job import (
            ENV_FILE,
            check_job_outline,
            default_log_path,
            job_settings,
            littrack_argv,
            write_env_file,
        )
        from fetchers.ops.schedule.state import remember_install, remembered_places
        from fetchers.ops.schedule.systemd import (
            TIMER_NAME,
            default_unit_dir,
            remove_systemd,
            systemd_units,
            write_systemd,
        )
        from fetchers.ops.schedule.when import (
            EASTERN,
            config_dir,
            in_offpeak_window,
            offpeak_eastern,
            resolve_time,
        )

        job = job_settings(db, outline)
        check_job_outline(job, default_used=outline is None)
        # Every check comes before the first change: a bad --at/--timezone, an unwritable
        # log or unit folder, or an unreadable crontab leaves the current schedule, the env
        # file and the state untouched. The new schedule is then written before the old one
        # is removed, so a failure never leaves none.
        if systemd and not (at or tz_name):
            when = offpeak_eastern()  # systemd follows Eastern daylight saving itself
        else:
            when = resolve_time(at, tz_name)
        argv = littrack_argv()
        folder = config_dir()
        env_file = folder / ENV_FILE
        log = (log_path or default_log_path()).expanduser().absolute()
        old_cron, old_units, _ = remembered_places()
        check_writable_folder(folder, "config folder")
        check_log_file(log)
        directory = (unit_dir or default_unit_dir()).absolute()
        if systemd:
            check_writable_folder(directory, "unit folder")
            if old_cron is not None or shutil.which("crontab"):
                check_crontab(old_cron)
        else:
            check_crontab(crontab_file)
        names = write_env_file(env_file, job.secret)
        log.parent.mkdir(parents=True, exist_ok=True)
        if systemd:
            paths = write_systemd(directory, systemd_units(when, job, argv, env_file, log))
            if old_cron is not None or shutil.which("crontab"):
                if remove_cron(old_cron):
                    click.echo(f"Removed the cron entry from {old_cron or 'your crontab'}")
            remember_install("systemd", unit_dir=str(directory))
            click.echo(f"Wrote {', '.join(str(p) for p in paths)}")
            click.echo(f"Runs daily at {when}; next run {_fmt_local(when.next_run())}")
            enable = "systemctl --user daemon-reload && systemctl --user enable --now "
            enable += TIMER_NAME
            if unit_dir is None:
                problem = _systemctl("daemon-reload") or _systemctl("enable", "--now", TIMER_NAME)
                if problem:
                    click.echo(f"Could not enable the timer ({problem}); run: {enable}")
                else:
                    click.echo(f"Enabled {TIMER_NAME}.")
            else:
                click.echo(f"To enable it: {enable}")
            click.echo("To run while logged out: loginctl enable-linger $USER")
        else:
            command = cron_command(job, argv, env_file, log)
            entry, replaced = install_cron(when, command, crontab_file)
            for path in remove_systemd(old_units):
                click.echo(f"Removed {path} (now scheduled by cron)")
            where = str(crontab_file.absolute()) if crontab_file else "your crontab"
            remember_install(
                "cron",
                crontab_file=str(crontab_file.absolute()) if crontab_file else None,
                timezone=when.tz,
            )
            click.echo(f"Installed in {where}" + (f" (replaced {replaced})" if replaced else ""))
            click.echo(f"  {entry}")
            eastern = when.in_zone(EASTERN)
            click.echo(
                f"Runs daily at {when} (today {eastern.hour:02d}:{eastern.minute:02d} "
                f"US Eastern); next run {_fmt_local(when.next_run())}"
            )
        if not in_offpeak_window(when.next_run()):
            click.echo(
                "Warning: this time is outside NCBI's off-peak window (21:00-05:00 US "
                "Eastern); NCBI asks for large jobs to run then."
            )
        secrets = f" ({', '.join(names)})" if names else ""
        click.echo(f"Secrets file: {env_file} (mode 0600){secrets}")
        click.echo(f"Log: {log}")

    @schedule_group.command("show")
    @where_options
    def schedule_show(crontab_file: Path | None, unit_dir: Path | None) -> None:
        """Show the installed schedule and its next run; exit 1 when none is installed.

        Example: littrack schedule show
        """
        from fetchers.ops.schedule.state import installed

        found = installed(crontab_file, unit_dir)
        if not found:
            click.echo("No littrack schedule installed (littrack schedule install).")
            sys.exit(1)
        for item in found:
            click.echo(f"{item.kind} ({item.where}):")
            click.echo(f"  {item.entry}")
            when = f"daily at {item.when}" if item.when else "custom schedule"
            click.echo(f"  {when}; next run {_fmt_local(item.next_run())}")

    @schedule_group.command("remove")
    @where_options
    def schedule_remove(crontab_file: Path | None, unit_dir: Path | None) -> None:
        """Remove littrack's cron entry and systemd units (other entries are left alone).

        Example: littrack schedule remove
        """
        from fetchers.ops.schedule.cron import remove_cron
        from fetchers.ops.schedule.state import forget_install, remembered_places
        from fetchers.ops.schedule.systemd import TIMER_NAME, default_unit_dir, remove_systemd

        crontab_file, directory, _ = remembered_places(crontab_file, unit_dir)
        removed_cron = 0
        if crontab_file is not None or shutil.which("crontab"):
            removed_cron = remove_cron(crontab_file)
        if (directory / TIMER_NAME).exists() and directory == default_unit_dir():
            _systemctl("disable", "--now", TIMER_NAME)
        removed_units = remove_systemd(directory)
        forget_install()
        if removed_cron:
            click.echo(f"Removed {removed_cron} cron entry from {crontab_file or 'your crontab'}")
        for path in removed_units:
            click.echo(f"Removed {path}")
        if not removed_cron and not removed_units:
            click.echo("No littrack schedule was installed.")
