"""When the nightly fetch runs: a daily wall-clock time in a zone, NCBI's off-peak window,
and the machine's remembered default start (in `schedule.json` in the config folder).

Surprises worth knowing:
- NCBI asks for large jobs between 21:00 and 05:00 US Eastern. The default start is chosen at
  random ONCE per machine (remembered in `schedule.json`), so that many installations do not
  all hit NCBI at the same second, and a reinstall keeps the same time.
- cron runs in the daemon's time zone, which has its own (or no) daylight saving. The chosen
  Eastern time is converted once with zoneinfo, so over a year the entry drifts by up to 2 h
  against Eastern time (1 h for most zones, 2 h where the seasons are opposite). The default
  start is therefore drawn from 23:00–02:59 Eastern, 2 h inside the window on both sides.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fetchers.settings import config_dir
from store.errors import ScheduleError

EASTERN = "America/New_York"
#: NCBI's off-peak window in Eastern time: 21:00 to 05:00 (480 minutes).
WINDOW_START = time(21, 0)
WINDOW_MINUTES = 8 * 60
#: Default starts are drawn from [21:00 + 2 h, 05:00 - 2 h) Eastern (see module docstring).
DEFAULT_MARGIN_MINUTES = 120

STATE_FILE = "schedule.json"


# --- zones -------------------------------------------------------------------------------


def local_zone_name() -> str:
    """The machine's IANA zone: $TZ, else the /etc/localtime link, else /etc/timezone, else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    try:
        candidates.append(Path("/etc/timezone").read_text().strip())
    except OSError:
        pass
    for name in candidates:
        if name and valid_zone(name):
            return name
    return "UTC"


def valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(
            f"--timezone {name!r}: unknown time zone (e.g. Europe/Berlin)"
        ) from None


# --- the time of day ---------------------------------------------------------------------


@dataclass(frozen=True)
class DailyTime:
    """A run every day at hour:minute wall-clock time in zone `tz` (an IANA name)."""

    hour: int
    minute: int
    tz: str

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d} {self.tz}"

    def next_run(self, now: datetime | None = None) -> datetime:
        now = now or datetime.now(UTC)
        tz = zone(self.tz)
        local_now = now.astimezone(tz)
        day = local_now.date()
        for offset in range(3):
            candidate = datetime.combine(
                day + timedelta(days=offset), time(self.hour, self.minute), tzinfo=tz
            )
            if candidate > local_now:
                return candidate
        raise AssertionError("unreachable")  # pragma: no cover

    def in_zone(self, tz_name: str, on: date | None = None) -> DailyTime:
        """The same instant (on day `on`, default today) as wall-clock time in another zone."""
        on = on or datetime.now(zone(self.tz)).date()
        instant = datetime.combine(on, time(self.hour, self.minute), tzinfo=zone(self.tz))
        there = instant.astimezone(zone(tz_name))
        return DailyTime(there.hour, there.minute, tz_name)


def parse_at(text: str) -> tuple[int, int]:
    try:
        hour_text, minute_text = text.strip().split(":")
        hour, minute = int(hour_text), int(minute_text)
    except ValueError:
        raise ScheduleError(f"--at {text!r}: expected HH:MM, e.g. 23:40") from None
    if not (0 <= hour < 24 and 0 <= minute < 60):
        raise ScheduleError(f"--at {text!r}: hour must be 0-23 and minute 0-59")
    return hour, minute


def in_offpeak_window(moment: datetime) -> bool:
    """True when `moment` falls between 21:00 and 05:00 US Eastern."""
    eastern = moment.astimezone(ZoneInfo(EASTERN))
    minutes = (eastern.hour * 60 + eastern.minute - WINDOW_START.hour * 60) % (24 * 60)
    return minutes < WINDOW_MINUTES


# --- the remembered state ----------------------------------------------------------------


def format_local(moment: datetime | None) -> str:
    """A next-run time as people read it, in the zone it was computed in."""
    if moment is None:
        return "unknown"
    return moment.strftime("%Y-%m-%d %H:%M %Z")


def read_state(folder: Path | None = None) -> dict:
    path = (folder or config_dir()) / STATE_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ScheduleError(f"{path}: cannot read: {exc}") from None


def write_state(state: dict, folder: Path | None = None) -> None:
    folder = folder or config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / STATE_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)


def offpeak_eastern(folder: Path | None = None, *, remember: bool = True) -> DailyTime:
    """This machine's default start in Eastern time: drawn at random the first time, then
    remembered in schedule.json so every later install (and `littrack scheduler`) agrees.
    `remember=False` draws without writing (an install remembers only once it succeeds)."""
    state = read_state(folder)
    remembered = state.get("eastern")
    if isinstance(remembered, str):
        try:
            hour, minute = parse_at(remembered)
            return DailyTime(hour, minute, EASTERN)
        except ScheduleError:
            pass  # a hand-edited value that makes no sense: draw again
    span = WINDOW_MINUTES - 2 * DEFAULT_MARGIN_MINUTES
    offset = DEFAULT_MARGIN_MINUTES + random.SystemRandom().randrange(span)
    total = (WINDOW_START.hour * 60 + offset) % (24 * 60)
    chosen = DailyTime(total // 60, total % 60, EASTERN)
    if remember:
        remember_offpeak(chosen, folder)
    return chosen


def remember_offpeak(eastern: DailyTime, folder: Path | None = None) -> None:
    """Keep `eastern` as this machine's default start, unless one is remembered already."""
    state = read_state(folder)
    if not isinstance(state.get("eastern"), str):
        state["eastern"] = f"{eastern.hour:02d}:{eastern.minute:02d}"
        write_state(state, folder)


def resolve_time(at: str | None, tz_name: str | None, *, remember: bool = True) -> DailyTime:
    """--at is wall-clock time in --timezone (default: this machine's zone); without --at,
    the remembered off-peak Eastern time converted to that zone (as of today)."""
    tz_name = tz_name or local_zone_name()
    zone(tz_name)
    if at:
        hour, minute = parse_at(at)
        return DailyTime(hour, minute, tz_name)
    return offpeak_eastern(remember=remember).in_zone(tz_name)
