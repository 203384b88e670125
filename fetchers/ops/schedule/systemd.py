"""The systemd user service + timer that run the nightly fetch: unit text, write, read the
time back, remove.

systemd timers understand a time zone (`OnCalendar=... America/New_York`), so the default
timer is written in Eastern time and follows daylight saving exactly (cron cannot).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from fetchers.ops.schedule.job import JobSettings
from fetchers.ops.schedule.when import (
    DailyTime,
    ScheduleError,
    local_zone_name,
    parse_at,
    valid_zone,
)

SERVICE_NAME = "littrack-fetch.service"
TIMER_NAME = "littrack-fetch.timer"


def default_unit_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "systemd" / "user"


def _unit_quote(value: str) -> str:
    """A word of ExecStart= or Environment= (the settings systemd splits and unquotes): `%`
    doubled (specifiers), quoted when it holds spaces or quotes. Not for path settings."""
    value = value.replace("%", "%%")
    if any(c in value for c in " \"\\'\t"):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def _unit_path(path: Path) -> str:
    """A path setting (WorkingDirectory=, EnvironmentFile=, append:): systemd takes the rest
    of the line as the path and does not strip quotes, so it is written bare with `%` doubled.
    A path systemd cannot hold on one line (a newline, surrounding blanks) is refused."""
    text = str(path)
    if "\n" in text or text != text.strip():
        raise ScheduleError(f"{text!r}: a systemd unit cannot name this path; use another folder")
    return text.replace("%", "%%")


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
        f"WorkingDirectory={_unit_path(job.workdir)}\n"
        f"EnvironmentFile=-{_unit_path(env_file)}\n"
        f"{environment}"
        f"ExecStart={' '.join(_unit_quote(a) for a in [*argv, 'fetch'])}\n"
        f"StandardOutput=append:{_unit_path(log)}\n"
        f"StandardError=append:{_unit_path(log)}\n"
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
                return DailyTime(hour, minute, tz_name) if valid_zone(tz_name) else None
    return None


def remove_systemd(unit_dir: Path) -> list[Path]:
    removed = []
    for name in (TIMER_NAME, SERVICE_NAME):
        path = unit_dir / name
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def systemctl_user(*args: str) -> str | None:
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
