"""`littrack export publications|summary|ris`: reviewer files from the stored records.

Parses the options and prints one line; checking, writing and the notes file are
store.export.run's. The database URL and API keys never appear in the export or its notes.
"""

from __future__ import annotations

import dataclasses
import sys
from datetime import UTC
from pathlib import Path

import click
from click.core import ParameterSource

from fetchers.cli.options import db_option
from store.export.options import KINDS, SINGLE_SCOPE, ExportOptions


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
    if kind != "summary" and ctx.params.get("all_records"):
        raise click.UsageError(
            f"--all-records applies only to `export summary` ({kind} keeps every record "
            "with its class and flags)",
            ctx=ctx,
        )


def _single(
    ctx: click.Context,
    kind: str,
    topic_ids: tuple[str, ...],
    claim_ids: tuple[str, ...],
    unscreened: bool,
    reviewer: str | None,
    order: str = "newest",
) -> None:
    """--topic and --claim repeat only for the screening sheet."""
    for option, values in (("--topic", topic_ids), ("--claim", claim_ids)):
        if len(values) > 1:
            raise click.UsageError(f"{option} can be given once for {kind}", ctx=ctx)
    for option, used in (
        ("--unscreened", unscreened),
        ("--reviewer", reviewer is not None),
        ("--order", order != "newest"),
    ):
        if used:
            raise click.UsageError(f"{option} applies only to `export screening`", ctx=ctx)


@click.command("export")
@click.argument("kind", metavar="KIND", type=click.Choice(KINDS))
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
    "--order",
    type=click.Choice(["newest", "priority"]),
    default="newest",
    show_default=True,
    help="screening: rows within each claim newest first, or in priority order (the "
    "Screen page's model, trained on the decisions so far).",
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
    "--all-records",
    is_flag=True,
    help="summary: count every stored record (raw retrieval) instead of evidence only "
    "(no letters, editorials, notices ..., no retracted records).",
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
    order: str,
    since: str | None,
    bom: bool,
    basis: str,
    all_records: bool,
    notes: bool,
    db: str | None,
) -> None:
    """Export stored records for reviewers: publications (CSV, one row per claim ×
    article), summary (CSV, claim × year, raw and normalised) or ris (Zotero/EndNote).

    CSV cells that a spreadsheet would run as formulas (= + - @) get a leading
    apostrophe. Columns are listed in docs/exports.md, the data dictionary.

    screening (CSV) is the sheet reviewers fill and bring back with `littrack import
    screening`; it needs --claim or --topic (each may be repeated).

    Example: littrack export publications --topic side-effects --out side-effects.csv
    """
    ctx = click.get_current_context()
    _check_by(ctx, kind)
    if kind in SINGLE_SCOPE:
        _single(ctx, kind, topic_ids, claim_ids, unscreened, reviewer, order)
    else:
        if not claim_ids and not topic_ids:
            raise click.UsageError("export screening needs --claim ID or --topic ID", ctx=ctx)
        if since is not None:
            raise click.UsageError("--since does not apply to `export screening`", ctx=ctx)
    options = ExportOptions(
        kind, topic_ids=topic_ids, claim_ids=claim_ids, since=since, bom=bom, basis=basis,
        all_records=all_records, unscreened=unscreened, reviewer=reviewer, notes=notes,
        order=order,
    )  # fmt: skip
    from store.export.run import export_to_file, export_to_stream

    if out_path == "-":
        n = export_to_stream(dataclasses.replace(options, bom=False), sys.stdout, db=db)
        click.echo(f"export {kind} rows={n}", err=True)
        return
    path = Path(out_path)
    n, notes_path = export_to_file(options, path, db=db)
    message = f"export {kind} rows={n} file={path}"
    if notes_path is not None:
        message += f" notes={notes_path}"
    click.echo(message)
