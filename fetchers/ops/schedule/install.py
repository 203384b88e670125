"""Install and remove the nightly `littrack fetch`: a cron entry or a systemd user timer,
never both and never two. Messages go through `echo` so the CLI only prints them.

Every check (outline, --at, --timezone, a writable config, log and unit folder, a readable
crontab) comes before the first change: a bad option leaves the current schedule, the env
file and the remembered state untouched. The new schedule is written before the old one is
removed, so a failure never leaves none.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from fetchers.ops.schedule.cron import (
    NO_CRONTAB,
    check_crontab,
    check_log_file,
    check_writable_folder,
    cron_command,
    cron_entry,
    install_cron,
    remove_cron,
)
from fetchers.ops.schedule.job import (
    ENV_FILE,
    JobSettings,
    check_job_outline,
    default_log_path,
    job_settings,
    littrack_argv,
    write_env_file,
)
from fetchers.ops.schedule.state import forget_install, remember_install, remembered_places
from fetchers.ops.schedule.systemd import (
    TIMER_NAME,
    default_unit_dir,
    remove_systemd,
    systemctl_user,
    systemd_units,
    write_systemd,
)
from fetchers.ops.schedule.when import (
    EASTERN,
    DailyTime,
    ScheduleError,
    config_dir,
    format_local,
    in_offpeak_window,
    offpeak_eastern,
    remember_offpeak,
    resolve_time,
)
from fetchers.settings import is_default

Echo = Callable[[str], None]


def install_schedule(
    *,
    at: str | None = None,
    tz_name: str | None = None,
    systemd: bool = False,
    crontab_file: Path | None = None,
    unit_dir: Path | None = None,
    log_path: Path | None = None,
    db: str | None = None,
    outline: str | None = None,
    eutils_url: str | None = None,
    dry_run: bool = False,
    echo: Echo = print,
) -> None:
    """Schedule `littrack fetch` every night with the current settings; replaces littrack's
    own entry (cron or systemd) and leaves everything else in the crontab alone.
    `dry_run` makes every check and says what would be written, writing nothing."""
    job = job_settings(db, outline, eutils_url)
    check_job_outline(job, default_used=is_default("outline", outline))
    when = _when(at, tz_name, systemd)
    argv = littrack_argv()
    env_file = config_dir() / ENV_FILE
    log = (log_path or default_log_path()).expanduser().absolute()
    old_cron, old_units, _ = remembered_places()
    directory = (unit_dir or default_unit_dir()).absolute()
    uses_cron = old_cron is not None or shutil.which("crontab") is not None
    check_writable_folder(env_file.parent, "config folder")
    check_log_file(log)
    if systemd:
        check_writable_folder(directory, "unit folder")
        if uses_cron:
            check_crontab(old_cron)
    else:
        _check_cron(crontab_file)
    if dry_run:
        units = directory if systemd else None
        _describe(when, job, argv, env_file, log, crontab_file, units, echo)
        return
    # Every check passed: change things, the new schedule before removing the old one.
    names = write_env_file(env_file, job.secret)
    log.parent.mkdir(parents=True, exist_ok=True)
    if systemd:
        paths = write_systemd(directory, systemd_units(when, job, argv, env_file, log))
        if uses_cron and remove_cron(old_cron):
            echo(f"Removed the cron entry from {old_cron or 'your crontab'}")
        remember_install("systemd", unit_dir=str(directory))
        echo(f"Wrote {', '.join(str(p) for p in paths)}")
        echo(f"Runs daily at {when}; next run {format_local(when.next_run())}")
        _enable_timer(enable_now=unit_dir is None, echo=echo)
    else:
        _install_cron(when, cron_command(job, argv, env_file, log), crontab_file, echo)
        for path in remove_systemd(old_units):
            echo(f"Removed {path} (now scheduled by cron)")
    if not in_offpeak_window(when.next_run()):
        echo(
            "Warning: this time is outside NCBI's off-peak window (21:00-05:00 US "
            "Eastern); NCBI asks for large jobs to run then."
        )
    if not at:
        remember_offpeak(when.in_zone(EASTERN))
    secrets = f" ({', '.join(names)})" if names else ""
    echo(f"Secrets file: {env_file} (mode 0600){secrets}")
    echo(f"Log: {log}")


def _when(at: str | None, tz_name: str | None, systemd: bool) -> DailyTime:
    """A drawn default time is remembered only once the install has succeeded."""
    if systemd and not (at or tz_name):
        return offpeak_eastern(remember=False)  # systemd follows Eastern daylight saving
    return resolve_time(at, tz_name, remember=False)


def _check_cron(crontab_file: Path | None) -> None:
    """The user's crontab needs the `crontab` program: say so when it is missing."""
    if crontab_file is None and shutil.which("crontab") is None:
        raise ScheduleError(NO_CRONTAB)
    check_crontab(crontab_file)


def _describe(
    when: DailyTime,
    job: JobSettings,
    argv: list[str],
    env_file: Path,
    log: Path,
    crontab_file: Path | None,
    unit_dir: Path | None,
    echo: Echo,
) -> None:
    """--dry-run: what an install would write, after the same checks; nothing is written."""
    echo("Dry run: nothing was written.")
    if unit_dir is not None:
        units = systemd_units(when, job, argv, env_file, log)
        echo(f"Would write {', '.join(str(unit_dir / name) for name in units)}")
    else:
        where = str(crontab_file.absolute()) if crontab_file else "your crontab"
        echo(f"Would install in {where}:")
        echo(f"  {cron_entry(when, cron_command(job, argv, env_file, log))}")
    echo(f"Would run daily at {when}; next run {format_local(when.next_run())}")
    names = sorted(job.secret)
    secrets = f" ({', '.join(names)})" if names else ""
    echo(f"Would write the secrets file {env_file} (mode 0600){secrets}")
    echo(f"Log: {log}")


def _enable_timer(*, enable_now: bool, echo: Echo) -> None:
    """Units written to the user's own folder are enabled at once; units written elsewhere
    (--unit-dir, for tests and images) are only described."""
    enable = f"systemctl --user daemon-reload && systemctl --user enable --now {TIMER_NAME}"
    if enable_now:
        problem = systemctl_user("daemon-reload") or systemctl_user("enable", "--now", TIMER_NAME)
        if problem:
            echo(f"Could not enable the timer ({problem}); run: {enable}")
        else:
            echo(f"Enabled {TIMER_NAME}.")
    else:
        echo(f"To enable it: {enable}")
    echo("To run while logged out: loginctl enable-linger $USER")


def _install_cron(when: DailyTime, command: str, crontab_file: Path | None, echo: Echo) -> None:
    entry, replaced = install_cron(when, command, crontab_file)
    where = str(crontab_file.absolute()) if crontab_file else "your crontab"
    remember_install(
        "cron",
        crontab_file=str(crontab_file.absolute()) if crontab_file else None,
        timezone=when.tz,
    )
    echo(f"Installed in {where}" + (f" (replaced {replaced})" if replaced else ""))
    echo(f"  {entry}")
    eastern = when.in_zone(EASTERN)
    echo(
        f"Runs daily at {when} (today {eastern.hour:02d}:{eastern.minute:02d} "
        f"US Eastern); next run {format_local(when.next_run())}"
    )


def remove_schedule(
    crontab_file: Path | None = None, unit_dir: Path | None = None, *, echo: Echo = print
) -> None:
    """Remove littrack's cron entry and systemd units; other entries are left alone."""
    crontab_file, directory, _ = remembered_places(crontab_file, unit_dir)
    removed_cron = 0
    if crontab_file is not None or shutil.which("crontab"):
        removed_cron = remove_cron(crontab_file)
    if (directory / TIMER_NAME).exists() and directory == default_unit_dir():
        systemctl_user("disable", "--now", TIMER_NAME)
    removed_units = remove_systemd(directory)
    forget_install()
    if removed_cron:
        echo(f"Removed {removed_cron} cron entry from {crontab_file or 'your crontab'}")
    for path in removed_units:
        echo(f"Removed {path}")
    if not removed_cron and not removed_units:
        echo("No littrack schedule was installed.")
