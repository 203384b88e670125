"""`littrack export publications|summary|ris`: reviewer files from the stored records.

Reads only; writes the export and, beside it, FILE.notes.txt (filters, row count, NCBI's
disclaimer). The database URL and API keys never appear in either.
"""

from __future__ import annotations

import sys
from datetime import UTC
from pathlib import Path
from typing import TextIO

import click
import sqlalchemy as sa
from click.core import ParameterSource
from sqlalchemy.engine import Engine

from store import queries, screening
from store.connect import open_engine, utcnow
from store.errors import LittrackError
from store.export_csv import (
    PUBLICATION_COLUMNS,
    SUMMARY_COLUMNS,
    publication_csv_row,
    write_csv,
)
from store.export_notes import export_notes
from store.export_ris import write_ris
from store.publications import claim_year_summary, export_rows
from store.schema import claims

KINDS = ("publications", "summary", "ris", "screening")


class ExportError(LittrackError):
    """An export's options do not match the database."""


def _since(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """The same --since as `littrack digest` (7d, 36h, 2w or a date), as the UTC day it
    falls on: Entrez dates are stored as days, so `36h` means from the day 36 hours ago."""
    if value is None:
        return None
    from fetchers.ops.digest import parse_since

    return parse_since(value).astimezone(UTC).date().isoformat()


def _check_by(ctx: click.Context, kind: str) -> None:
    """--by has a default, so only an explicit one (flag or environment) is an error."""
    source = ctx.get_parameter_source("basis")
    if kind != "summary" and source not in (None, ParameterSource.DEFAULT):
        raise click.UsageError(f"--by applies only to `export summary`, not {kind}", ctx=ctx)


def _single(
    ctx: click.Context,
    kind: str,
    topic_ids: tuple[str, ...],
    claim_ids: tuple[str, ...],
    unscreened: bool,
    reviewer: str | None,
) -> tuple[str | None, str | None]:
    """--topic and --claim repeat only for the screening sheet."""
    for option, values in (("--topic", topic_ids), ("--claim", claim_ids)):
        if len(values) > 1:
            raise click.UsageError(f"{option} can be given once for {kind}", ctx=ctx)
    for option, used in (("--unscreened", unscreened), ("--reviewer", reviewer is not None)):
        if used:
            raise click.UsageError(f"{option} applies only to `export screening`", ctx=ctx)
    return (topic_ids[0] if topic_ids else None), (claim_ids[0] if claim_ids else None)


def _check_ids(engine: Engine, topic_id: str | None, claim_id: str | None) -> None:
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
    engine = open_engine(db, create=False)
    try:
        if queries.store_state(engine) == "missing":
            raise ExportError("the database has no littrack tables (run `littrack fetch` first)")
        _check_ids(engine, topic_id, claim_id)
        version = queries.data_version(engine)
        rows_kw = dict(topic_id=topic_id, claim_id=claim_id, since=since)
        with engine.connect() as conn:
            screened = screening.link_screening(conn)
        if kind == "publications":
            rows = (
                publication_csv_row(r)
                for r in screening.with_screening(export_rows(engine, **rows_kw), screened)
            )
            n = write_csv(rows, [c for c, _ in PUBLICATION_COLUMNS], out, bom=bom)
        elif kind == "summary":
            frame = claim_year_summary(engine, basis=basis, **rows_kw)
            frame = screening.add_screened_by_year(
                frame, screening.screened_by_year(engine, basis=basis, **rows_kw)
            )
            n = write_csv(
                frame.to_dict(orient="records"), [c for c, _ in SUMMARY_COLUMNS], out, bom=bom
            )
        else:
            rows = screening.with_screening(export_rows(engine, **rows_kw), screened)
            n = write_ris(rows, out)
    finally:
        engine.dispose()
    return n, version


def register(group: click.Group) -> None:
    from fetchers.cli import db_option

    @group.command("export")
    @click.argument("kind", type=click.Choice(KINDS))
    @click.option(
        "--out",
        "out_path",
        required=True,
        metavar="FILE",
        help="File to write ('-' for standard output, without the notes file).",
    )
    @click.option(
        "--topic",
        "topic_ids",
        metavar="ID",
        multiple=True,
        help="Only this topic's claims (screening: may be repeated).",
    )
    @click.option(
        "--claim",
        "claim_ids",
        metavar="ID",
        multiple=True,
        help="Only this claim (screening: may be repeated).",
    )
    @click.option(
        "--unscreened",
        is_flag=True,
        help="screening: only records without a decision (of --reviewer, when given).",
    )
    @click.option(
        "--reviewer",
        metavar="NAME",
        help="screening: pre-fill with this reviewer's decisions (default: the agreed ones).",
    )
    @click.option(
        "--since",
        callback=_since,
        metavar="WHEN",
        help="Only records PubMed added (Entrez date) on or after WHEN: a duration back from "
        "now (7d, 36h, 2w) or a date (2026-11-01, UTC), as in `littrack digest --since`.",
    )
    @click.option(
        "--bom/--no-bom",
        default=True,
        show_default=True,
        help="Start CSV files with a UTF-8 byte-order mark so Excel reads accents correctly.",
    )
    @click.option(
        "--by",
        "basis",
        type=click.Choice(["publication", "entrez"]),
        default="publication",
        show_default=True,
        help="summary: count records by publication year or by Entrez (PubMed entry) year.",
    )
    @click.option(
        "--notes/--no-notes",
        default=True,
        show_default=True,
        help="Also write FILE.notes.txt (filters, row count, NCBI disclaimer).",
    )
    @db_option
    def export(
        kind: str,
        out_path: str,
        topic_ids: tuple[str, ...],
        claim_ids: tuple[str, ...],
        unscreened: bool,
        reviewer: str | None,
        since: str | None,
        bom: bool,
        basis: str,
        notes: bool,
        db: str | None,
    ) -> None:
        """Export stored records for reviewers: publications (CSV, one row per claim ×
        article), summary (CSV, claim × year, raw and normalised) or ris (Zotero/EndNote).

        CSV cells that a spreadsheet would run as formulas (= + - @) get a leading
        apostrophe. Columns are listed in the README's data dictionary.

        screening (CSV) is the sheet reviewers fill and bring back with `littrack import
        screening`; it needs --claim or --topic (each may be repeated).

        Example: littrack export publications --topic side-effects --out side-effects.csv
        """
        ctx = click.get_current_context()
        _check_by(ctx, kind)
        if kind == "screening":
            from fetchers.cli.screening import export_screening

            export_screening(
                ctx, out_path, db=db, claim_ids=claim_ids, topic_ids=topic_ids,
                unscreened=unscreened, reviewer=reviewer, since=since, notes=notes,
            )  # fmt: skip
            return
        topic_id, claim_id = _single(ctx, kind, topic_ids, claim_ids, unscreened, reviewer)
        filters = {"topic": topic_id, "claim": claim_id, "since": since}
        if kind == "summary":
            filters["by"] = basis
        if out_path == "-":
            n, _ = run_export(
                kind, sys.stdout, db=db, bom=False, basis=basis,
                topic_id=topic_id, claim_id=claim_id, since=since,
            )  # fmt: skip
            click.echo(f"export {kind} rows={n}", err=True)
            return
        path = Path(out_path)
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
        message = f"export {kind} rows={n} file={path}"
        if notes:
            notes_path = path.with_name(path.name + ".notes.txt")
            notes_path.write_text(
                export_notes(
                    kind=kind, file_name=path.name, rows=n, exported_at=utcnow(),
                    data_version=version, filters=filters,
                ),
                encoding="utf-8",
            )  # fmt: skip
            message += f" notes={notes_path}"
        click.echo(message)
