"""littrack's one entry in a crontab: the sh line it runs, install, read, remove.

The entry is found again by its comment tag, and only it is touched: the crontab is read
and written as bytes, so the user's lines stay byte for byte (a line cron would reject, or
one in another encoding, included; a crontab library would rewrite or refuse those).

CRON_TZ is not used: Debian's cron ignores it, and in crontabs that honour it, it applies
to every line after it, including the user's own entries; the time is converted to the
daemon's zone instead (fetchers.ops.schedule.when explains the drift that follows).
"""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import tempfile
from pathlib import Path

from fetchers.ops.schedule.job import JobSettings
from fetchers.ops.schedule.when import DailyTime, ScheduleError
from store.errors import ExportError
from store.export.files import write_target

#: Comment that marks littrack's cron entry so it is found again (and only it is touched).
CRON_TAG = "littrack-nightly-fetch"
_TAG_BYTES = f"# {CRON_TAG}".encode()
#: The error when cron is not installed (`crontab -l` cannot even start).
NO_CRONTAB = (
    "no `crontab` program on this machine (cron is not installed); use --systemd, "
    "or `littrack scheduler` in the foreground"
)


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


def _read_crontab(crontab_file: Path | None) -> bytes:
    """The crontab's bytes as they are (a user crontab through `crontab -l`)."""
    where = str(crontab_file) if crontab_file else "user crontab"
    if crontab_file is not None:
        try:
            return crontab_file.read_bytes() if crontab_file.exists() else b""
        except OSError as exc:
            raise ScheduleError(
                f"{where}: cannot read: {exc.strerror} (use --systemd or `littrack scheduler`)"
            ) from None
    try:
        done = subprocess.run(["crontab", "-l"], capture_output=True, check=False)
    except FileNotFoundError:
        raise ScheduleError(NO_CRONTAB) from None
    except OSError as exc:
        raise ScheduleError(
            f"{where}: cannot read: {exc.strerror} (use --systemd or `littrack scheduler`)"
        ) from None
    if done.returncode != 0:
        if b"no crontab" in done.stderr.lower():
            return b""
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ScheduleError(
            f"{where}: cannot read: {message[0] if message else 'crontab -l failed'} "
            "(use --systemd or `littrack scheduler`)"
        )
    return done.stdout


def _write_crontab(content: bytes, crontab_file: Path | None) -> None:
    where = str(crontab_file) if crontab_file else "user crontab"
    try:
        if crontab_file is not None:
            crontab_file.parent.mkdir(parents=True, exist_ok=True)
            _replace_file(crontab_file, content)
            return
        done = subprocess.run(["crontab", "-"], input=content, capture_output=True, check=False)
    except OSError as exc:
        raise ScheduleError(f"{where}: cannot write: {exc.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ScheduleError(f"{where}: cannot write: {message[0] if message else 'crontab -'}")


def _replace_file(path: Path, content: bytes) -> None:
    """As the exports write (store.export.run.write_target): a symlink is written through
    and stays a link, a device or FIFO is refused; the bytes go to a temp file created
    exclusively beside the target, renamed over it when complete."""
    try:
        target = write_target(path)
    except ExportError as exc:
        raise ScheduleError(str(exc)) from None
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o600
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def _is_ours(line: bytes) -> bool:
    return line.rstrip().endswith(_TAG_BYTES)


def _split(content: bytes) -> tuple[list[bytes], list[bytes]]:
    """(every line that is not littrack's, byte for byte with its line end; littrack's)."""
    lines = content.splitlines(keepends=True)
    return [ln for ln in lines if not _is_ours(ln)], [ln for ln in lines if _is_ours(ln)]


def check_crontab(crontab_file: Path | None = None) -> None:
    """Raise ScheduleError now if the crontab cannot be read or (for a file) written, so an
    install fails before it changes anything."""
    _read_crontab(crontab_file)
    if crontab_file is not None:
        folder = _existing_parent(crontab_file.absolute().parent)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise ScheduleError(f"{crontab_file}: cannot write: folder {folder} is not writable")
        if crontab_file.exists() and not os.access(crontab_file, os.W_OK):
            raise ScheduleError(f"{crontab_file}: cannot write: permission denied")


def _existing_parent(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_writable_folder(folder: Path, what: str) -> None:
    """Raise ScheduleError unless `folder` exists as a writable folder or can be created."""
    folder = folder.absolute()
    if folder.exists() and not folder.is_dir():
        raise ScheduleError(f"{what} {folder}: not a folder")
    existing = _existing_parent(folder)
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise ScheduleError(f"{what} {folder}: not writable ({existing} is not writable)")


def check_log_file(log: Path) -> None:
    """The job appends to `log`; refuse one it could never write."""
    check_writable_folder(log.parent, "log folder")
    if log.exists() and (log.is_dir() or not os.access(log, os.W_OK)):
        raise ScheduleError(f"log file {log}: not a writable file")
    if log.exists() and not log.is_file():
        # A FIFO would block the nightly job on its first line; a device swallows the log.
        raise ScheduleError(f"log file {log}: not a regular file (a device, FIFO or socket)")


def cron_entry(when: DailyTime, command: str) -> str:
    """The crontab line for `command` at `when` (what install_cron writes)."""
    return f"{when.minute} {when.hour} * * * {command.replace('%', chr(92) + '%')} # {CRON_TAG}"


def install_cron(
    when: DailyTime, command: str, crontab_file: Path | None = None
) -> tuple[str, int]:
    """Replace every tagged entry by one; returns (the entry's line, entries replaced).

    Every other line is kept byte for byte, valid or not, in any encoding: the crontab is
    edited as bytes and only lines ending in the tag are littrack's."""
    others, old = _split(_read_crontab(crontab_file))
    entry = cron_entry(when, command)
    if others and not others[-1].endswith((b"\n", b"\r")):
        others[-1] += b"\n"
    _write_crontab(b"".join(others) + entry.encode("utf-8") + b"\n", crontab_file)
    return entry, len(old)


def cron_entries(crontab_file: Path | None = None) -> list[str]:
    if crontab_file is not None and not crontab_file.exists():
        return []
    _, ours = _split(_read_crontab(crontab_file))
    return [line.decode("utf-8", "replace").rstrip("\r\n") for line in ours]


def remove_cron(crontab_file: Path | None = None) -> int:
    if crontab_file is not None and not crontab_file.exists():
        return 0
    others, old = _split(_read_crontab(crontab_file))
    if old:
        _write_crontab(b"".join(others), crontab_file)
    return len(old)


def cron_time(entry: str, tz_name: str) -> DailyTime | None:
    """The daily time of an entry `M H * * * ...`, or None for any other shape."""
    fields = entry.split()
    if len(fields) < 5 or fields[2:5] != ["*", "*", "*"]:
        return None
    if not (fields[0].isdigit() and fields[1].isdigit()):
        return None
    return DailyTime(int(fields[1]), int(fields[0]), tz_name)
