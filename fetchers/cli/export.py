"""`littrack export publications|summary|ris`: reviewer files from the stored records.

Parses the options and prints one line; checking, writing and the notes file are
store.export's. The database URL and API keys never appear in the export or its notes.
"""

from __future__ import annotations

import sys
from datetime import UTC
from pathlib import Path

import click
from click.core import ParameterSource

from fetchers.cli.options import db_option

#: The export kinds, as store.export.WRITERS names them (a test checks they agree; that
#: module loads pandas, too slow to import for `--help`).
KINDS = ("publications", "summary", "ris")


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


@click.command("export")
@click.argument("kind", type=click.Choice(KINDS))
@click.option(
    "--out",
    "out_path",
    required=True,
    metavar="FILE",
    help="File to write ('-' for standard output, without the notes file).",
)
@click.option("--topic", "topic_id", metavar="ID", help="Only this topic's claims.")
@click.option("--claim", "claim_id", metavar="ID", help="Only this claim.")
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
    topic_id: str | None,
    claim_id: str | None,
    since: str | None,
    bom: bool,
    basis: str,
    notes: bool,
    db: str | None,
) -> None:
    """Export stored records for reviewers: publications (CSV, one row per claim ×
    article), summary (CSV, claim × year, raw and normalised) or ris (Zotero/EndNote).

    CSV cells that a spreadsheet would run as formulas (= + - @) get a leading
    apostrophe. Columns are listed in docs/exports.md, the data dictionary.

    Example: littrack export publications --topic side-effects --out side-effects.csv
    """
    from store.export import export_to_file, export_to_stream

    _check_by(click.get_current_context(), kind)
    scope = {"topic_id": topic_id, "claim_id": claim_id, "since": since}
    if out_path == "-":
        n = export_to_stream(kind, sys.stdout, db=db, bom=False, basis=basis, **scope)
        click.echo(f"export {kind} rows={n}", err=True)
        return
    path = Path(out_path)
    n, notes_path = export_to_file(kind, path, db=db, bom=bom, basis=basis, notes=notes, **scope)
    message = f"export {kind} rows={n} file={path}"
    if notes_path is not None:
        message += f" notes={notes_path}"
    click.echo(message)
