"""One export, end to end: check the options against the database, write the file atomically
(a temp file beside the target, renamed over it only when complete; a symlink is written
through, a device, FIFO or folder refused) and its notes beside it. The CLI only parses
options and prints.

Reads only; the database URL and API keys never appear in the export or its notes.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.connect import open_engine, utcnow
from store.db.schema import claims
from store.errors import ExportError
from store.evidence import counting as queries
from store.export.csv_file import (
    PUBLICATION_COLUMNS,
    SUMMARY_COLUMNS,
    publication_csv_row,
    write_csv,
)
from store.export.notes import export_notes
from store.export.ris_file import write_ris
from store.read.publications import claim_year_summary, export_rows
from store.screening import exported, outcomes, ranking


def _screened_rows(engine: Engine, **rows_kw: str | None) -> Iterator[dict]:
    """export_rows() with each claim × record's screening
    (store.screening.exported.LINK_COLUMNS)."""
    with engine.connect() as conn:
        screened = exported.link_screening(conn)
    return exported.with_screening(export_rows(engine, **rows_kw), screened)


def _publications(
    engine: Engine, out: TextIO, bom: bool, basis: str, all_records: bool, **rows_kw: str | None
) -> int:
    rows = (publication_csv_row(r) for r in _screened_rows(engine, **rows_kw))
    return write_csv(rows, [c for c, _ in PUBLICATION_COLUMNS], out, bom=bom)


def _summary(
    engine: Engine, out: TextIO, bom: bool, basis: str, all_records: bool, **rows_kw: str | None
) -> int:
    frame = claim_year_summary(engine, basis=basis, all_records=all_records, **rows_kw)
    frame = outcomes.add_screened_by_year(
        frame, outcomes.screened_by_year(engine, basis=basis, all_records=all_records, **rows_kw)
    )
    estimates = ranking.estimated_relevant(engine)
    for i, suffix in enumerate(("", "_low", "_high")):
        frame[f"estimated_relevant{suffix}"] = pd.array(
            [estimates[c][i] if c in estimates else None for c in frame["claim_id"]],
            dtype="Int64",
        )
    columns = [c for c, _ in SUMMARY_COLUMNS]
    return write_csv(frame.to_dict(orient="records"), columns, out, bom=bom)


def _ris(
    engine: Engine, out: TextIO, bom: bool, basis: str, all_records: bool, **rows_kw: str | None
) -> int:
    return write_ris(_screened_rows(engine, **rows_kw), out)


#: Export kind → writer (engine, stream, bom, basis, all_records, topic_id/claim_id/since) →
#: rows written. Only the summary counts, so only it reads `all_records` (evidence when
#: false); publications and RIS keep every record with its class and flags.
WRITERS: dict[str, Callable[..., int]] = {
    "publications": _publications,
    "summary": _summary,
    "ris": _ris,
}


def check_scope(engine: Engine, topic_id: str | None, claim_id: str | None) -> None:
    """--topic and --claim must name what the database holds, and agree with each other:
    an export that is empty because of a typo would look like an answer."""
    with engine.connect() as conn:
        if topic_id is not None:
            found = conn.execute(
                sa.select(sa.func.count()).select_from(claims).where(claims.c.topic_id == topic_id)
            ).scalar_one()
            if not found:
                raise ExportError(f"--topic {topic_id!r}: no such topic in the database")
        if claim_id is not None:
            row = conn.execute(
                sa.select(claims.c.topic_id).where(claims.c.claim_id == claim_id)
            ).first()
            if row is None:
                raise ExportError(f"--claim {claim_id!r}: no such claim in the database")
            if topic_id is not None and row.topic_id != topic_id:
                raise ExportError(
                    f"--claim {claim_id!r} belongs to topic {row.topic_id!r}, not {topic_id!r}"
                )


def run_export(
    kind: str,
    out: TextIO,
    *,
    db: str | None,
    topic_id: str | None = None,
    claim_id: str | None = None,
    since: str | None = None,
    bom: bool = True,
    basis: str = "publication",
    all_records: bool = False,
) -> tuple[int, str]:
    """Write one export to the text stream `out`; returns (rows, data version)."""
    writer = WRITERS[kind]
    engine = open_engine(db, create=False)
    try:
        if queries.store_state(engine) == "missing":
            raise ExportError("the database has no littrack tables (run `littrack fetch` first)")
        check_scope(engine, topic_id, claim_id)
        version = queries.data_version(engine)
        n = writer(
            engine, out, bom, basis, all_records, topic_id=topic_id, claim_id=claim_id, since=since
        )
    finally:
        engine.dispose()
    return n, version


def export_to_file(
    kind: str,
    path: Path,
    *,
    db: str | None,
    topic_id: str | None = None,
    claim_id: str | None = None,
    since: str | None = None,
    bom: bool = True,
    basis: str = "publication",
    notes: bool = True,
    all_records: bool = False,
) -> tuple[int, Path | None]:
    """Write the export to `path` (replaced only once complete) and, when `notes`, the notes
    file beside it; returns (rows, notes path or None). RIS never gets a byte-order mark."""
    result: list = []

    def write(out: TextIO) -> None:
        result.extend(
            run_export(
                kind, out, db=db, bom=bom and kind != "ris", basis=basis,
                all_records=all_records, topic_id=topic_id, claim_id=claim_id, since=since,
            )
        )  # fmt: skip

    write_replacing(path, write)
    n, version = result
    if not notes:
        return n, None
    filters = {"topic": topic_id, "claim": claim_id, "since": since}
    if kind == "summary":
        filters["by"] = basis
        filters["counted"] = "all records" if all_records else "evidence"
    notes_path = path.with_name(path.name + ".notes.txt")
    text = export_notes(
        kind=kind, file_name=path.name, rows=n, exported_at=utcnow(),
        data_version=version, filters=filters,
    )  # fmt: skip
    write_replacing(notes_path, lambda out: out.write(text))
    return n, notes_path


def write_target(path: Path) -> Path:
    """The regular file that writing to `path` should replace.

    A symlink is written through (its target gets the data, the link stays); a device, FIFO,
    socket or folder is refused, since renaming a file over it would replace it (and writing
    into /dev/full would "succeed")."""
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


def write_replacing(path: Path, write: Callable[[TextIO], object]) -> None:
    """Write through a temp file beside the target, renamed over it only when complete.

    A failed write (full disk, no permission) leaves the old file as it was and raises
    ExportError naming `path`; an existing file keeps its permissions."""
    target = write_target(path)
    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            write(out)
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        tmp.replace(target)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export_to_stream(kind: str, out: TextIO, **options: str | bool | None) -> int:
    """The export on standard output (`--out -`); a write error (a full device) is one
    ExportError, while a reader that went away (`| head`) stays a BrokenPipeError."""
    try:
        n, _ = run_export(kind, out, **options)  # type: ignore[arg-type]
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        if exc.errno is None:
            raise
        raise ExportError(f"standard output: cannot write: {exc.strerror}") from None
    return n
