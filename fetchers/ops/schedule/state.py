"""The schedule's state: what is installed where, and what the last install remembers, so
that `schedule show|remove` and `status` find it without flags.

There is one schedule at a time, either one cron entry (`cron`) or a systemd user service +
timer (`systemd`). When it runs is `when`; what it runs, with which settings and secrets, is
`job` (all in this package).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fetchers.ops.schedule.cron import cron_entries, cron_time
from fetchers.ops.schedule.systemd import TIMER_NAME, default_unit_dir, systemd_time
from fetchers.ops.schedule.when import (
    DailyTime,
    ScheduleError,
    local_zone_name,
    read_state,
    write_state,
)


@dataclass(frozen=True)
class Installed:
    kind: str  # cron | systemd
    where: str
    entry: str
    when: DailyTime | None

    def next_run(self, now: datetime | None = None) -> datetime | None:
        return self.when.next_run(now) if self.when else None


def installed(crontab_file: Path | None = None, unit_dir: Path | None = None) -> list[Installed]:
    """What is installed where the flags (or, without them, the last install) say.

    Without a crontab file the user's crontab is read only when a `crontab` program exists;
    a machine without cron simply has no cron entry."""
    crontab_file, unit_dir, cron_tz = remembered_places(crontab_file, unit_dir)
    found: list[Installed] = []
    if crontab_file is not None or shutil.which("crontab"):
        try:
            entries = cron_entries(crontab_file)
        except ScheduleError:
            entries = []
        where = str(crontab_file) if crontab_file else "user crontab"
        found += [Installed("cron", where, e, cron_time(e, cron_tz)) for e in entries]
    timer = unit_dir / TIMER_NAME
    if timer.exists():
        when = systemd_time(unit_dir)
        found.append(Installed("systemd", str(timer), f"{TIMER_NAME} at {when}", when))
    return found


def remembered_places(
    crontab_file: Path | None = None, unit_dir: Path | None = None
) -> tuple[Path | None, Path, str]:
    """Flags win; else where the last install wrote (schedule.json); else the defaults.
    Also returns the zone the cron entry's time was written in."""
    last = read_state().get("installed") or {}
    cron = last.get("cron") or {}
    units = last.get("systemd") or {}
    if crontab_file is None and cron.get("crontab_file"):
        crontab_file = Path(cron["crontab_file"])
    if unit_dir is None:
        unit_dir = Path(units["unit_dir"]) if units.get("unit_dir") else default_unit_dir()
    return crontab_file, unit_dir, cron.get("timezone") or local_zone_name()


def remember_install(kind: str, **where: str | None) -> None:
    """One schedule at a time: recording one kind forgets the other (the CLI removes it)."""
    state = read_state()
    state["installed"] = {kind: {k: v for k, v in where.items() if v}}
    write_state(state)


def forget_install() -> None:
    state = read_state()
    if state.pop("installed", None) is not None:
        write_state(state)
