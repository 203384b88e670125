"""One export, end to end: check the options against the database, write the file atomically
(FILE.part, then renamed) and its notes beside it. The CLI only parses options and prints.

Reads only; the database URL and API keys never appear in the export or its notes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store import queries
from store.connect import open_engine, utcnow
from store.errors import ExportError
from store.export_csv import PUBLICATION_COLUMNS, SUMMARY_COLUMNS, publication_csv_row, write_csv
from store.export_notes import export_notes
from store.export_ris import write_ris
from store.publications import claim_year_summary, export_rows
from store.schema import claims


def _publications(engine: Engine, out: TextIO, bom: bool, basis: str, **rows_kw: str | None) -> int:
    rows = (publication_csv_row(r) for r in export_rows(engine, **rows_kw))
    return write_csv(rows, [c for c, _ in PUBLICATION_COLUMNS], out, bom=bom)


def _summary(engine: Engine, out: TextIO, bom: bool, basis: str, **rows_kw: str | None) -> int:
    frame = claim_year_summary(engine, basis=basis, **rows_kw)
    columns = [c for c, _ in SUMMARY_COLUMNS]
    return write_csv(frame.to_dict(orient="records"), columns, out, bom=bom)


def _ris(engine: Engine, out: TextIO, bom: bool, basis: str, **rows_kw: str | None) -> int:
    return write_ris(export_rows(engine, **rows_kw), out)


#: Export kind → writer (engine, stream, bom, basis, topic_id/claim_id/since) → rows written.
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
) -> tuple[int, str]:
    """Write one export to the text stream `out`; returns (rows, data version)."""
    writer = WRITERS[kind]
    engine = open_engine(db, create=False)
    try:
        if queries.store_state(engine) == "missing":
            raise ExportError("the database has no littrack tables (run `littrack fetch` first)")
        check_scope(engine, topic_id, claim_id)
        version = queries.data_version(engine)
        n = writer(engine, out, bom, basis, topic_id=topic_id, claim_id=claim_id, since=since)
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
) -> tuple[int, Path | None]:
    """Write the export to `path` (replaced only once complete) and, when `notes`, the notes
    file beside it; returns (rows, notes path or None). RIS never gets a byte-order mark."""
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    if not path.parent.exists():
        raise ExportError(f"{path.parent}: no such folder")
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            n, version = run_export(
                kind, out, db=db, bom=bom and kind != "ris", basis=basis,
                topic_id=topic_id, claim_id=claim_id, since=since,
            )  # fmt: skip
        tmp.replace(path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)
    if not notes:
        return n, None
    filters = {"topic": topic_id, "claim": claim_id, "since": since}
    if kind == "summary":
        filters["by"] = basis
    notes_path = path.with_name(path.name + ".notes.txt")
    notes_path.write_text(
        export_notes(
            kind=kind, file_name=path.name, rows=n, exported_at=utcnow(),
            data_version=version, filters=filters,
        ),
        encoding="utf-8",
    )  # fmt: skip
    return n, notes_path
