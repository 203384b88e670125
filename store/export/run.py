"""One export, end to end, for the CLI and the dashboard alike: check the options against the
database, write the rows, and the notes file beside it. Files go through the one safe writer
(store/export/files.py); the CLI only parses options and prints, the dashboard only offers
the bytes.

Reads only; the database URL and API keys never appear in the export or its notes.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.connect import open_engine, utcnow
from store.db.schema import claims
from store.errors import ExportError
from store.evidence import counting
from store.export.csv_file import (
    PUBLICATION_COLUMNS,
    SUMMARY_COLUMNS,
    publication_csv_row,
    write_csv,
)
from store.export.files import write_replacing, write_text, write_to_stream
from store.export.notes import export_notes
from store.export.options import ExportOptions
from store.export.ris_file import write_ris
from store.export.screening_sheet import sheet_rows, write_sheet
from store.read.export_rows import claim_year_summary, export_rows
from store.screening import exported, outcomes, ranking


def _screened_rows(engine: Engine, options: ExportOptions) -> Iterator[dict]:
    """export_rows() with each claim × record's screening
    (store.screening.exported.LINK_COLUMNS)."""
    with engine.connect() as conn:
        screened = exported.link_screening(conn)
    rows = export_rows(
        engine,
        topic_id=options.topic_id,
        claim_id=options.claim_id,
        since=options.since,
        where=options.where,
    )
    return exported.with_screening(rows, screened)


def _publications(engine: Engine, options: ExportOptions, out: TextIO, now: str) -> int:
    rows = (publication_csv_row(r) for r in _screened_rows(engine, options))
    return write_csv(rows, [c for c, _ in PUBLICATION_COLUMNS], out, bom=options.writes_bom)


def _summary(engine: Engine, options: ExportOptions, out: TextIO, now: str) -> int:
    scope = {"topic_id": options.topic_id, "claim_id": options.claim_id, "since": options.since}
    counted = {"basis": options.basis, "all_records": options.all_records}
    frame = claim_year_summary(engine, **counted, **scope)
    frame = outcomes.add_screened_by_year(
        frame, outcomes.screened_by_year(engine, **counted, **scope)
    )
    estimates = ranking.estimated_relevant(engine)
    for i, suffix in enumerate(("", "_low", "_high")):
        frame[f"estimated_relevant{suffix}"] = pd.array(
            [estimates[c][i] if c in estimates else None for c in frame["claim_id"]],
            dtype="Int64",
        )
    columns = [c for c, _ in SUMMARY_COLUMNS]
    return write_csv(frame.to_dict(orient="records"), columns, out, bom=options.writes_bom)


def _ris(engine: Engine, options: ExportOptions, out: TextIO, now: str) -> int:
    return write_ris(_screened_rows(engine, options), out)


def _screening(engine: Engine, options: ExportOptions, out: TextIO, now: str) -> int:
    rows = sheet_rows(
        engine,
        claim_ids=options.claim_ids,
        topic_ids=options.topic_ids,
        unscreened=options.unscreened,
        reviewer=options.reviewer,
        now=now,
    )
    if options.order == "priority":
        rows = ranking.prioritised(engine, rows)
    return write_sheet(rows, out)


#: Export kind → writer (engine, options, stream, export time) → rows written. Only the
#: summary counts, so only it reads `all_records` (evidence when false); publications and
#: RIS keep every record with its class and flags.
WRITERS: dict[str, Callable[[Engine, ExportOptions, TextIO, str], int]] = {
    "publications": _publications,
    "summary": _summary,
    "ris": _ris,
    "screening": _screening,
}


def check_options(engine: Engine, options: ExportOptions) -> None:
    """--topic and --claim must name what the database holds, and agree with each other:
    an export that is empty because of a typo would look like an answer."""
    if options.kind not in WRITERS:
        raise ExportError(f"{options.kind!r}: no such export (one of {', '.join(WRITERS)})")
    if options.kind == "screening" and not (options.claim_ids or options.topic_ids):
        raise ExportError("export screening needs --claim ID or --topic ID")
    with engine.connect() as conn:
        topic_of = dict(conn.execute(sa.select(claims.c.claim_id, claims.c.topic_id)).all())
    for topic_id in options.topic_ids:
        if topic_id not in topic_of.values():
            raise ExportError(f"--topic {topic_id!r}: no such topic in the database")
    for claim_id in options.claim_ids:
        if claim_id not in topic_of:
            raise ExportError(f"--claim {claim_id!r}: no such claim in the database")
    if options.kind != "screening" and options.topic_id and options.claim_id:
        if topic_of[options.claim_id] != options.topic_id:
            raise ExportError(
                f"--claim {options.claim_id!r} belongs to topic "
                f"{topic_of[options.claim_id]!r}, not {options.topic_id!r}"
            )


def write_export(engine: Engine, options: ExportOptions, out: TextIO) -> tuple[int, str, str]:
    """Write one export to the text stream `out`; returns (rows, data version, export time)."""
    if counting.store_state(engine) == "missing":
        raise ExportError("the database has no littrack tables (run `littrack fetch` first)")
    check_options(engine, options)
    version = counting.data_version(engine)
    now = utcnow()
    return WRITERS[options.kind](engine, options, out, now), version, now


def run_export(options: ExportOptions, out: TextIO, *, db: str | None) -> tuple[int, str, str]:
    """write_export() on the database `db` names (upgraded on first use, like every command)."""
    engine = open_engine(db, create=False)
    try:
        return write_export(engine, options, out)
    finally:
        engine.dispose()


def export_to_file(
    options: ExportOptions, path: Path, *, db: str | None
) -> tuple[int, Path | None]:
    """Write the export to `path` (replaced only once complete) and, when `options.notes`,
    the notes file beside it; returns (rows, notes path or None)."""
    result: list = []
    write_replacing(path, lambda out: result.extend(run_export(options, out, db=db)))
    n, version, now = result
    if not options.notes:
        return n, None
    notes_path = path.with_name(path.name + ".notes.txt")
    text = export_notes(
        kind=options.kind, file_name=path.name, rows=n, exported_at=now,
        data_version=version, filters=options.filters(),
    )  # fmt: skip
    write_text(notes_path, text)
    return n, notes_path


def export_to_stream(options: ExportOptions, out: TextIO, *, db: str | None) -> int:
    """The export on standard output (`--out -`, no notes file)."""
    return write_to_stream(out, lambda stream: run_export(options, stream, db=db)[0])


def export_bytes(engine: Engine, options: ExportOptions) -> bytes:
    """The export as the bytes a file would hold (the dashboard's download buttons, on the
    dashboard's own read-only engine): the same code, so the dashboard's CSV equals the
    CLI's file of the same selection."""
    buffer = io.StringIO(newline="")
    write_export(engine, options, buffer)
    return buffer.getvalue().encode("utf-8")
