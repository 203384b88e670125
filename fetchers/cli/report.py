"""`littrack report prisma|search-strategy|changes`: what a review's write-up needs from the
store (the PRISMA 2020 flow, the search strategy as PRISMA-S asks, what changed since a
date). Parses options and prints one line; the numbers and files are store.export.reports'.
"""

from __future__ import annotations

from pathlib import Path

import click

from fetchers.cli.options import CONTEXT_SETTINGS, db_option


def _suffix(*allowed: str):
    def check(_ctx: click.Context, _param: click.Parameter, value: str) -> Path:
        path = Path(value)
        if path.suffix.lower() not in allowed:
            names = f"{', '.join(allowed[:-1])} or {allowed[-1]}"
            raise click.BadParameter(f"{value!r}: give a file name ending in {names}")
        return path

    return check


def _since(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    from fetchers.ops.digest import iso_utc, parse_since

    return iso_utc(parse_since(value))


def _claim_option(help_text: str):
    return click.option("--claim", "claim_ids", metavar="ID", multiple=True, help=help_text)


@click.group("report", context_settings=CONTEXT_SETTINGS)
def report() -> None:
    """Reports for writing a review up: the PRISMA 2020 flow, the search strategy
    (PRISMA-S) and what changed since a date. Reads the database only.

    Example: littrack report prisma --all --out flow.svg
    """


@report.command("prisma")
@_claim_option("This claim (may be repeated).")
@click.option(
    "--topic",
    "topic_ids",
    metavar="ID",
    multiple=True,
    help="This topic's claims (may be repeated).",
)
@click.option("--all", "whole", is_flag=True, help="Every claim of the outline.")
@click.option(
    "--out",
    "out_path",
    required=True,
    metavar="FILE",
    callback=_suffix(".svg", ".png", ".csv"),
    help="File to write; its ending chooses the format: .svg (the diagram), .png (the "
    "diagram as an image) or .csv (the numbers: box,detail,count).",
)
@db_option
def prisma(
    claim_ids: tuple[str, ...],
    topic_ids: tuple[str, ...],
    whole: bool,
    out_path: Path,
    db: str | None,
) -> None:
    """The PRISMA 2020 flow for claims, topics or the whole outline: records identified
    (PubMed's Count, records stored), removed before screening by automation (out of
    scope, retracted, non-evidence), screened, excluded by reviewers per reason, awaiting a
    decision, and included per verdict. Give exactly one of --claim, --topic or --all.

    The numbers are claim × record links and add up with `littrack export publications`
    and `littrack export summary` (docs/reports.md).

    Example: littrack report prisma --claim nmda-antagonism-analgesia --out flow.svg
    """
    if sum((bool(claim_ids), bool(topic_ids), whole)) != 1:
        raise click.UsageError("give exactly one of --claim, --topic or --all")
    from store.export.reports import report_prisma

    flow = report_prisma(db, out_path, claim_ids=claim_ids, topic_ids=topic_ids, whole=whole)
    click.echo(
        f"report prisma identified={flow.stored} screened={flow.screened} "
        f"included={flow.included_total} file={out_path}"
    )


@report.command("search-strategy")
@_claim_option("Only this claim (may be repeated; default: every claim).")
@click.option(
    "--out",
    "out_path",
    required=True,
    metavar="FILE",
    callback=_suffix(".md", ".csv"),
    help="File to write: .md (a methods appendix) or .csv (one row per claim × query version).",
)
@db_option
def search_strategy(claim_ids: tuple[str, ...], out_path: Path, db: str | None) -> None:
    """The search strategy as PRISMA-S asks, per claim: the query exactly as sent, the
    database, each query version with the days it was first and last run, PubMed's Count
    at the last search, the limits littrack applies (scope, evidence classes) and PubMed's
    translation of the query where a fetch recorded it. The top says which littrack made it
    and what PRISMA-S asks that only the authors know.

    Example: littrack report search-strategy --out search-strategy.md
    """
    from store.export.reports import report_strategy

    n = report_strategy(db, out_path, claim_ids=claim_ids)
    click.echo(f"report search-strategy claims={n} file={out_path}")


@report.command("changes")
@click.option(
    "--since",
    required=True,
    callback=_since,
    metavar="WHEN",
    help="From this moment: a date (2026-11-01, UTC) or a duration back from now (30d, "
    "4w, 36h), as in `littrack digest --since`.",
)
@_claim_option("Only this claim (may be repeated; default: every claim).")
@click.option(
    "--out",
    "out_path",
    required=True,
    metavar="FILE",
    callback=_suffix(".md", ".csv"),
    help="File to write: .md (readable) or .csv (one row per claim).",
)
@db_option
def changes(since: str, claim_ids: tuple[str, ...], out_path: Path, db: str | None) -> None:
    """What changed since WHEN, per claim, for a living review: new records, records newly
    included or excluded, included records per verdict before and now, query edits (from
    the query ledger) and retractions that hit included records.

    Example: littrack report changes --since 30d --out changes.md
    """
    from store.export.reports import report_changes

    n = report_changes(db, out_path, since=since, claim_ids=claim_ids)
    click.echo(f"report changes claims_changed={n} file={out_path}")
