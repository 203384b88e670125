"""`littrack outline explain CLAIM_ID`: why each stored record matched the claim's query."""

from __future__ import annotations

import json

import click

from fetchers import settings
from fetchers.cli.options import db_option, json_option
from store.errors import ExplainError
from store.models import EXPANSION


@click.command("explain")
@click.argument("claim_id", metavar="CLAIM_ID")
@click.argument("path", required=False, metavar="[PATH]")
@db_option
@click.option("--pmid", "pmids", type=int, multiple=True, help="Only this record (repeatable).")
@click.option(
    "--unexplained", is_flag=True, help=f"Only records {EXPANSION} (the local query misses them)."
)
@json_option("Print a JSON list of {pmid, title, explained, hits, unknown} instead of text.")
def explain(
    claim_id: str,
    path: str | None,
    db: str | None,
    pmids: tuple[int, ...],
    unexplained: bool,
    as_json: bool,
) -> None:
    """Why each record stored for CLAIM_ID matched: the claim's query in the outline at PATH
    (default: LITTRACK_OUTLINE) evaluated against the record's title, abstract, keywords,
    MeSH headings and subheadings and publication types, term by term.

    The query is read from the outline file, so an edited query can be checked against the
    stored records before the next fetch. A record the local evaluation does not select is
    said to be matched by PubMed's expansion (MeSH explosion, automatic term mapping):
    PubMed's reasons are not guessed. Reads the database only.

    Example: littrack outline explain heart-rate-increase --unexplained
    """
    from fetchers.job.explain import explain_stored
    from fetchers.outline.load import load_outline
    from fetchers.outline.query_eval import QueryParseError
    from store.db.connect import open_engine
    from store.evidence.counting import store_state
    from store.fetch.matches import matched_terms_text

    outline = load_outline(settings.resolve("outline", path))
    claim = next((c for c in outline.claims if c.claim_id == claim_id), None)
    if claim is None:
        raise ExplainError(f"{claim_id}: no such claim in {outline.path}")
    engine = open_engine(db, create=False)
    try:
        if store_state(engine) == "missing":
            raise ExplainError("the database has no littrack tables (run `littrack fetch` first)")
        try:
            found = explain_stored(engine, claim, pmids=pmids or None)
        except QueryParseError as exc:
            raise ExplainError(f"{claim_id}: query does not parse: {exc}") from None
    finally:
        engine.dispose()
    if unexplained:
        found = [f for f in found if not f["explained"]]
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    total = len(found)
    by_expansion = sum(not f["explained"] for f in found)
    click.echo(f"claim {claim_id}: {total} record(s), {by_expansion} {EXPANSION}")
    click.echo(f"query: {claim.query}")
    for item in found:
        click.echo("")
        click.echo(f"PMID {item['pmid']}  {item['title']}")
        click.echo(f"  {matched_terms_text(item) or '(no hits)'}")
        if item["unknown"]:
            click.echo(f"  not evaluated locally: {', '.join(item['unknown'])}")
