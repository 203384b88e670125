"""Install, show and remove the nightly `littrack fetch`: one cron entry (python-crontab) or a
systemd user service + timer.

Surprises worth knowing:
- NCBI asks for large jobs between 21:00 and 05:00 US Eastern. The default start is chosen at
  random ONCE per machine (remembered in `schedule.json` in the config folder), so that many
  installations do not all hit NCBI at the same second, and a reinstall keeps the same time.
- cron runs in the daemon's time zone, which has its own (or no) daylight saving. The chosen
  Eastern time is converted once with zoneinfo, so over a year the entry drifts by up to 2 h
  against Eastern time (1 h for most zones, 2 h where the seasons are opposite). The default
  start is therefore drawn from 23:00–02:59 Eastern, 2 h inside the window on both sides.
  CRON_TZ is not used: Debian's cron ignores it, and in crontabs that honour it, it applies
  to every line after it, including the user's own entries.
- systemd timers understand a time zone (`OnCalendar=... America/New_York`), so the default
  timer is written in Eastern time and follows daylight saving exactly.
- cron needs the NCBI key and e-mail, but a crontab is readable by tools and backups and
  `crontab -l` prints it; secrets go in `<config>/env` (mode 0600) which the job sources and
  the systemd service reads with EnvironmentFile=. They are never printed.
"""

from __future__ import annotations

import json
import os
import random
import shlex
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa

from fetchers.settings import DEFAULT_EUTILS_URL, SETTINGS, resolve
from store.connect import resolve_db_url
from store.errors import LittrackError

#: Comment that marks littrack's cron entry so it is found again (and only it is touched).
CRON_TAG = "littrack-nightly-fetch"
SERVICE_NAME = "littrack-fetch.service"
TIMER_NAME = "littrack-fetch.timer"

EASTERN = "America/New_York"
#: NCBI's off-peak window in Eastern time: 21:00 to 05:00 (480 minutes).
WINDOW_START = time(21, 0)
WINDOW_MINUTES = 8 * 60
#: Default starts are drawn from [21:00 + 2 h, 05:00 - 2 h) Eastern (see module docstring).
DEFAULT_MARGIN_MINUTES = 120

STATE_FILE = "schedule.json"
ENV_FILE = "env"


class ScheduleError(LittrackError):
    """The schedule could not be installed, read or removed."""


# --- where things live -------------------------------------------------------------------


def config_dir() -> Path:
    """LITTRACK_CONFIG_DIR, else $XDG_CONFIG_HOME/littrack, else ~/.config/littrack."""
    if os.environ.get("LITTRACK_CONFIG_DIR"):
        return Path(os.environ["LITTRACK_CONFIG_DIR"]).expanduser().resolve()
    if os.environ.get("XDG_CONFIG_HOME"):
        return (Path(os.environ["XDG_CONFIG_HOME"]).expanduser() / "littrack").resolve()
    return Path(resolve("config_dir")).expanduser().resolve()


def default_log_path() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state).expanduser().resolve() / "littrack" / "fetch.log"


def default_unit_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "systemd" / "user"


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
        if name and _valid_zone(name):
            return name
    return "UTC"


def _valid_zone(name: str) -> bool:
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


def offpeak_eastern(folder: Path | None = None) -> DailyTime:
    """This machine's default start in Eastern time: drawn at random the first time, then
    remembered in schedule.json so every later install (and `littrack scheduler`) agrees."""
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
    state["eastern"] = f"{chosen.hour:02d}:{chosen.minute:02d}"
    write_state(state, folder)
    return chosen


def resolve_time(at: str | None, tz_name: str | None) -> DailyTime:
    """--at is wall-clock time in --timezone (default: this machine's zone); without --at,
    the remembered off-peak Eastern time converted to that zone (as of today)."""
    tz_name = tz_name or local_zone_name()
    zone(tz_name)
    if at:
        hour, minute = parse_at(at)
        return DailyTime(hour, minute, tz_name)
    return offpeak_eastern().in_zone(tz_name)


# --- what the job runs -------------------------------------------------------------------


def littrack_argv() -> list[str]:
    """The absolute command for this installation: the `littrack` script next to the running
    Python when there is one, else `python -m fetchers.cli`."""
    python = Path(sys.executable).absolute()
    script = python.parent / "littrack"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    found = shutil.which("littrack")
    if found and Path(found).parent == python.parent:
        return [str(Path(found).absolute())]
    return [str(python), "-m", "fetchers.cli"]


@dataclass(frozen=True)
class JobSettings:
    """What the scheduled job needs. `public` may appear in a crontab or unit file; `secret`
    goes only to the 0600 env file."""

    public: dict[str, str]
    secret: dict[str, str]
    workdir: Path


def job_settings(
    db: str | None = None, outline: str | None = None, eutils_url: str | None = None
) -> JobSettings:
    """The current LITTRACK_* settings, with paths made absolute (cron starts in $HOME)."""
    public: dict[str, str] = {}
    secret: dict[str, str] = {}
    db_url = resolve_db_url(db)
    if db_url.startswith("sqlite:///") and db_url != "sqlite:///:memory:":
        db_url = "sqlite:///" + str(Path(db_url[len("sqlite:///") :]).expanduser().absolute())
    try:
        has_password = sa.engine.make_url(db_url).password is not None
    except Exception:  # noqa: BLE001 - an unparsable URL is reported by the fetch itself
        has_password = False
    (secret if has_password else public)["LITTRACK_DB"] = db_url
    public["LITTRACK_OUTLINE"] = str(Path(resolve("outline", outline)).expanduser().absolute())
    url = resolve("eutils_url", eutils_url)
    if url != DEFAULT_EUTILS_URL:
        public["LITTRACK_EUTILS_URL"] = url
    for s in SETTINGS:
        if s.secret and s.env.startswith("NCBI_") and os.environ.get(s.env):
            secret[s.env] = os.environ[s.env]
    return JobSettings(public, secret, Path.cwd().absolute())


def write_env_file(path: Path, secret: Mapping[str, str]) -> list[str]:
    """Create or update the 0600 env file (KEY='value' lines, read by sh and systemd alike).

    Keys already in the file and not set now are kept, so reinstalling from a shell without
    NCBI_API_KEY does not silently drop the key. Returns the names the file holds.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    kept: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                name, value = line.split("=", 1)
                kept[name.strip()] = value
    for name, value in secret.items():
        kept[name] = shlex.quote(value)
    text = (
        "# littrack: settings for the scheduled fetch (secrets; keep this file private)\n"
        + "".join(f"{name}={value}\n" for name, value in kept.items())
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(path, 0o600)
    return sorted(kept)


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


# --- cron --------------------------------------------------------------------------------


def _open_crontab(crontab_file: Path | None):
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


def _write_crontab(cron, crontab_file: Path | None) -> None:
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


# --- systemd -----------------------------------------------------------------------------


def _unit_quote(value: str) -> str:
    """A systemd word: `%` doubled (specifiers), quoted when it holds spaces or quotes."""
    value = value.replace("%", "%%")
    if any(c in value for c in " \"\\'\t"):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def systemd_units(
    when: DailyTime, job: JobSettings, argv: list[str], env_file: Path, log: Path
) -> dict[str, str]:
    environment = "".join(f"Environment={_unit_quote(f'{k}={v}')}\n" for k, v in job.public.items())
    service = (
        "[Unit]\n"
        "Description=littrack: fetch PubMed records for the tracked outline\n"
        "Wants=network-online.target\n"
        "After=network-online.target\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"WorkingDirectory={_unit_quote(str(job.workdir))}\n"
        f"EnvironmentFile=-{_unit_quote(str(env_file))}\n"
        f"{environment}"
        f"ExecStart={' '.join(_unit_quote(a) for a in [*argv, 'fetch'])}\n"
        f"StandardOutput=append:{str(log).replace('%', '%%')}\n"
        f"StandardError=append:{str(log).replace('%', '%%')}\n"
        "Nice=10\n"
    )
    timer = (
        "[Unit]\n"
        f"Description=littrack: nightly PubMed fetch at {when}\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar=*-*-* {when.hour:02d}:{when.minute:02d}:00 {when.tz}\n"
        "# Run at the next start when the machine was off at the scheduled time.\n"
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {SERVICE_NAME: service, TIMER_NAME: timer}


def write_systemd(unit_dir: Path, units: Mapping[str, str]) -> list[Path]:
    try:
        unit_dir.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, text in units.items():
            path = unit_dir / name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    except OSError as exc:
        raise ScheduleError(f"{unit_dir}: cannot write units: {exc.strerror}") from None
    return paths


def systemd_time(unit_dir: Path) -> DailyTime | None:
    """The timer's OnCalendar, when it is ours (`*-*-* HH:MM:00 [ZONE]`)."""
    try:
        text = (unit_dir / TIMER_NAME).read_text(encoding="utf-8")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("OnCalendar="):
            parts = line.split("=", 1)[1].split()
            if len(parts) >= 2 and parts[0] == "*-*-*":
                try:
                    hour, minute = parse_at(parts[1].rsplit(":", 1)[0])
                except ScheduleError:
                    return None
                tz_name = parts[2] if len(parts) > 2 else local_zone_name()
                return DailyTime(hour, minute, tz_name) if _valid_zone(tz_name) else None
    return None


def remove_systemd(unit_dir: Path) -> list[Path]:
    removed = []
    for name in (TIMER_NAME, SERVICE_NAME):
        path = unit_dir / name
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


# --- what is installed -------------------------------------------------------------------


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
