"""littrack's one entry in a crontab (python-crontab): the sh line it runs, install, read,
remove.

The entry is found again by its comment tag, and only it is touched. CRON_TZ is not used:
Debian's cron ignores it, and in crontabs that honour it, it applies to every line after it,
including the user's own entries; the time is converted to the daemon's zone instead
(fetchers.ops.schedule.when explains the drift that follows).
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from fetchers.ops.schedule.job import JobSettings
from fetchers.ops.schedule.when import DailyTime, ScheduleError

if TYPE_CHECKING:
    from crontab import CronTab

#: Comment that marks littrack's cron entry so it is found again (and only it is touched).
CRON_TAG = "littrack-nightly-fetch"


def cron_command(job: JobSettings, argv: list[str], env_file: Path, log: Path) -> str:
    """One sh line: go to the install folder, load the env file, run the fetch, append to log.
    (`%` is special in crontabs; python-crontab escapes it when it writes the entry.)"""
    assigns = " ".join(f"{k}={shlex.quote(v)}" for k, v in job.public.items())
    line = (
        f"cd {shlex.quote(str(job.workdir))} && set -a && . {shlex.quote(str(env_file))} && "
        f"set +a && {assigns} exec {shlex.join([*argv, 'fetch'])} "
        f">> {shlex.quote(str(log))} 2>&1"
    )
    return line


def _open_crontab(crontab_file: Path | None) -> CronTab:
    from crontab import CronTab

    try:
        if crontab_file is not None:
            crontab_file.parent.mkdir(parents=True, exist_ok=True)
            crontab_file.touch(exist_ok=True)
            return CronTab(tabfile=str(crontab_file))
        return CronTab(user=True)
    except OSError as exc:
        where = str(crontab_file) if crontab_file else "user crontab"
        raise ScheduleError(
            f"{where}: cannot read: {exc} (use --systemd or `littrack scheduler`)"
        ) from None


def _write_crontab(cron: CronTab, crontab_file: Path | None) -> None:
    try:
        cron.write()
    except OSError as exc:
        where = str(crontab_file) if crontab_file else "user crontab"
        raise ScheduleError(f"{where}: cannot write: {exc}") from None


def install_cron(
    when: DailyTime, command: str, crontab_file: Path | None = None
) -> tuple[str, int]:
    """Replace every tagged entry by one; returns (the entry's line, entries replaced)."""
    cron = _open_crontab(crontab_file)
    old = list(cron.find_comment(CRON_TAG))
    for job in old:
        cron.remove(job)
    job = cron.new(command=command, comment=CRON_TAG)
    job.setall(f"{when.minute} {when.hour} * * *")
    if not job.is_valid():  # pragma: no cover - setall above is always valid
        raise ScheduleError(f"invalid cron entry: {job}")
    _write_crontab(cron, crontab_file)
    return str(job), len(old)


def cron_entries(crontab_file: Path | None = None) -> list[str]:
    if crontab_file is not None and not crontab_file.exists():
        return []
    cron = _open_crontab(crontab_file)
    return [str(job) for job in cron.find_comment(CRON_TAG)]


def remove_cron(crontab_file: Path | None = None) -> int:
    if crontab_file is not None and not crontab_file.exists():
        return 0
    cron = _open_crontab(crontab_file)
    old = list(cron.find_comment(CRON_TAG))
    for job in old:
        cron.remove(job)
    if old:
        _write_crontab(cron, crontab_file)
    return len(old)


def cron_time(entry: str, tz_name: str) -> DailyTime | None:
    """The daily time of an entry `M H * * * ...`, or None for any other shape."""
    fields = entry.split()
    if len(fields) < 5 or fields[2:5] != ["*", "*", "*"]:
        return None
    if not (fields[0].isdigit() and fields[1].isdigit()):
        return None
    return DailyTime(int(fields[1]), int(fields[0]), tz_name)
