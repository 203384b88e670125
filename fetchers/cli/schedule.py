"""`littrack schedule install|show|remove` (the nightly fetch as a cron entry or a systemd
timer) and `littrack scheduler` (the same job in the foreground, for machines without cron).
The work is fetchers.ops.schedule's; this module parses and prints."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from fetchers.cli.options import (
    FILE,
    at_option,
    db_option,
    eutils_url_option,
    outline_option,
    tz_option,
    where_options,
)


@click.group("schedule")
def schedule() -> None:
    """Install, show or remove the nightly `littrack fetch` (cron or systemd timer).

    Example: littrack schedule install
    """


@schedule.command("install")
@at_option
@tz_option
@where_options
@click.option("--systemd", is_flag=True, help="Write a systemd user service + timer.")
@click.option(
    "--log",
    "log_path",
    type=FILE,
    help="Append the job's output here [default ~/.local/state/littrack/fetch.log].",
)
@db_option
@outline_option
@eutils_url_option
@click.option(
    "--dry-run",
    is_flag=True,
    help="Make every check and show what would be written; write nothing.",
)
def install(
    at: str | None,
    tz_name: str | None,
    crontab_file: Path | None,
    unit_dir: Path | None,
    systemd: bool,
    log_path: Path | None,
    db: str | None,
    outline: str | None,
    eutils_url: str | None,
    dry_run: bool,
) -> None:
    """Schedule `littrack fetch` every night with the current settings.

    Installing again replaces littrack's entry (there is never more than one).
    NCBI_API_KEY and NCBI_EMAIL go to a private env file, not into the crontab.

    Example: littrack schedule install --at 23:40 --timezone America/New_York
    """
    from fetchers.ops.schedule.install import install_schedule

    install_schedule(
        at=at,
        tz_name=tz_name,
        systemd=systemd,
        crontab_file=crontab_file,
        unit_dir=unit_dir,
        log_path=log_path,
        db=db,
        outline=outline,
        eutils_url=eutils_url,
        dry_run=dry_run,
        echo=click.echo,
    )


@schedule.command("show")
@where_options
def show(crontab_file: Path | None, unit_dir: Path | None) -> None:
    """Show the installed schedule and its next run; exit 1 when none is installed.

    Example: littrack schedule show
    """
    from fetchers.ops.schedule.state import installed
    from fetchers.ops.schedule.when import format_local

    found = installed(crontab_file, unit_dir)
    if not found:
        click.echo("No littrack schedule installed (littrack schedule install).")
        sys.exit(1)
    for item in found:
        click.echo(f"{item.kind} ({item.where}):")
        click.echo(f"  {item.entry}")
        when = f"daily at {item.when}" if item.when else "custom schedule"
        click.echo(f"  {when}; next run {format_local(item.next_run())}")


@schedule.command("remove")
@where_options
def remove(crontab_file: Path | None, unit_dir: Path | None) -> None:
    """Remove littrack's cron entry and systemd units (other entries are left alone).

    Example: littrack schedule remove
    """
    from fetchers.ops.schedule.install import remove_schedule

    remove_schedule(crontab_file, unit_dir, echo=click.echo)


@click.command("scheduler")
@at_option
@tz_option
@click.option("--run-now", is_flag=True, help="Also fetch once right away.")
@db_option
@outline_option
@eutils_url_option
def scheduler(
    at: str | None,
    tz_name: str | None,
    run_now: bool,
    db: str | None,
    outline: str | None,
    eutils_url: str | None,
) -> None:
    """Stay in the foreground and fetch every night (for machines without cron).

    Runs the same `littrack fetch` as the cron entry, one run at a time.

    Example: littrack scheduler --run-now
    """
    from fetchers.ops.schedule.foreground import fetch_subprocess_job, run_scheduler
    from fetchers.ops.schedule.job import check_job_outline, job_settings, littrack_argv
    from fetchers.ops.schedule.when import offpeak_eastern, resolve_time
    from fetchers.settings import is_default

    when = resolve_time(at, tz_name) if at else offpeak_eastern()
    job = job_settings(db, outline, eutils_url)
    check_job_outline(job, default_used=is_default("outline", outline))
    env = {**os.environ, **job.public, **job.secret}
    argv = [*littrack_argv(), "fetch"]
    run_scheduler(
        fetch_subprocess_job(argv, env, echo=click.echo),
        when,
        run_now=run_now,
        echo=click.echo,
    )
