"""Phase 3b of the fetch: explain why each linked record matched its claim.

Runs the claim's query through the local evaluator (fetchers/outline/query_eval.py) over
the stored record and keeps the hits in `claim_matches` (store/fetch/matches.py). Only missing or
stale explanations are computed (a new link, a changed query, a refetched record), so the
first run after an upgrade fills every existing link and later runs only what changed.
Nothing is downloaded: the records are already stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass

from sqlalchemy.engine import Connection, Engine

from fetchers.outline.query_eval import QueryParseError, RecordView, explain, parse
from store.db.connect import utcnow
from store.fetch import matches
from store.models import Claim


@dataclass
class ExplainSummary:
    records: int = 0
    unexplained: int = 0
    #: Claims whose query did not parse (the outline check reports why).
    skipped: list[str] | None = None


def explain_claims(
    engine: Engine,
    claims: Sequence[Claim],
    *,
    everything: bool = False,
    begin: Callable[[], AbstractContextManager[Connection]] | None = None,
) -> ExplainSummary:
    """Compute and store the explanations of `claims`' active links that need one.

    Record by record rather than claim by claim: most records of an outline match several
    claims, and reading a record and splitting its text into words is most of the cost, so
    each record is read and tokenised once (one RecordView) for all its claims. The
    transactions are per CHUNK records. `begin` opens each one; the fetch passes its own,
    which first checks that the run still holds the fetch lock (a run that lost it must not
    write)."""
    begin = begin or engine.begin
    summary = ExplainSummary(skipped=[])
    trees = {}
    for claim in claims:
        try:
            trees[claim.claim_id] = parse(claim.query)
        except QueryParseError:
            summary.skipped.append(claim.claim_id)
    if not trees:
        return summary
    with begin() as conn:
        versions = {c: matches.claim_version(conn, c) for c in trees}
        versions = {c: v for c, v in versions.items() if v is not None}
        claims_of = matches.claims_to_explain(conn, list(versions), everything=everything)
    pmids = list(claims_of)
    for start in range(0, len(pmids), matches.CHUNK):
        with begin() as conn:
            records = matches.match_records(conn, pmids[start : start + matches.CHUNK])
            now = utcnow()
            rows = []
            for pmid, record in records.items():
                view = RecordView(record)
                for claim_id in claims_of[pmid]:
                    result = explain(trees[claim_id], view)
                    rows.append(
                        {
                            "claim_id": claim_id,
                            "pmid": pmid,
                            "query_version": versions[claim_id],
                            "explained": result.explained,
                            "hits": result.hits_json(),
                            "computed_at": now,
                        }
                    )
                    summary.records += 1
                    summary.unexplained += not result.explained
            matches.write_matches(conn, rows)
    return summary


def explain_stored(
    engine: Engine, claim: Claim, *, pmids: Sequence[int] | None = None
) -> list[dict]:
    """For `littrack outline explain`: `claim`'s query as the outline now writes it,
    evaluated against every record the store links to the claim (or only `pmids`). Reads
    only, so an author can see what an edited query would explain before fetching it.

    Each item: {"pmid", "title", "explained", "hits": [...], "unknown": [...]}.
    Raises QueryParseError for a query that does not parse.
    """
    tree = parse(claim.query)
    wanted = set(pmids) if pmids else None
    found: list[dict] = []
    with engine.connect() as conn:
        for chunk in matches.links_to_explain(conn, claim.claim_id, everything=True):
            for record in chunk:
                if wanted is not None and record["pmid"] not in wanted:
                    continue
                result = explain(tree, record)
                found.append(
                    {
                        "pmid": record["pmid"],
                        "title": record["title"],
                        "explained": result.explained,
                        "hits": result.hits_json(),
                        "unknown": list(result.unknown),
                    }
                )
    return found


__all__ = ["ExplainSummary", "explain_claims", "explain_stored"]
