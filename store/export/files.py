"""The one safe file writer: every file littrack writes for a user goes through here.

A file is written to a temp file beside its target (created exclusively, with a random name,
so a planted `FILE.part` link is never followed) and renamed over the target only when
complete; a symlink is written through (its target gets the data, the link stays); a device,
FIFO, socket or folder is refused, since renaming a file over it would replace it (and
writing into /dev/full would "succeed"). A failed write leaves the old file as it was.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO

from store.errors import ExportError


def write_target(path: Path) -> Path:
    """The regular file that writing to `path` should replace (a symlink's target)."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        if not target.parent.is_dir():
            folder = target.parent if path.is_symlink() else path.parent
            raise ExportError(f"{folder}: no such folder") from None
        return target
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise ExportError(f"{path}: is a folder; give a file name")
    if not stat.S_ISREG(mode):
        raise ExportError(
            f"{path}: not a regular file (a device, FIFO or socket); "
            "use --out - to write to standard output"
        )
    return target


def write_replacing(
    path: Path,
    write: Callable[[TextIO], object] | Callable[[BinaryIO], object],
    *,
    mode: int | None = None,
    binary: bool = False,
) -> None:
    """Write through a temp file beside the target, renamed over it only when complete.

    A failed write (full disk, no permission) leaves the old file as it was and raises
    ExportError naming `path`; an existing file keeps its permissions, a new one gets `mode`
    (default: 0666 less the umask)."""
    target = write_target(path)
    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from None
    tmp = Path(tmp_name)
    try:
        opened = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        with opened as out:
            write(out)  # type: ignore[arg-type]
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        else:
            os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        tmp.replace(target)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """A whole binary file (a PNG) through the safe writer."""
    write_replacing(path, lambda out: out.write(data), mode=mode, binary=True)


def write_text(path: Path, text: str, *, mode: int | None = None) -> None:
    """A whole text file through the safe writer (notes files, reports, digests)."""
    write_replacing(path, lambda out: out.write(text), mode=mode)


def write_to_stream(out: TextIO, write: Callable[[TextIO], int]) -> int:
    """Write to standard output (`--out -`): a write error (a full device) is one
    ExportError, while a reader that went away (`| head`) stays a BrokenPipeError."""
    try:
        n = write(out)
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        if exc.errno is None:
            raise
        raise ExportError(f"standard output: cannot write: {exc.strerror}") from None
    return n


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
