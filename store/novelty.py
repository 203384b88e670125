"""What "new" means, once for every page, the digest and the exports.

A record is *new* when littrack first saw it for a claim after that claim's first
successful fetch. The first fetch of a claim is its baseline: it brings in everything PubMed
already had, which is not news, so its links never count as new however recent they are. A
record that a claim's query starts to match later (newly published, or newly indexed with
MeSH terms) is new from the moment the fetch linked it (claim_articles.first_seen).

For a topic or the whole store a record is new when the earliest moment it was seen in that
scope is recent *and* none of its links there is a baseline link: a record some claim
already had at its baseline is not news to the topic because another claim picks it up.

The rule is expressed as one column, `seen_as_new`: the link's first_seen, or BASELINE (an
empty string, older than any timestamp) for a baseline link. "New since T" is then
`min(seen_as_new) >= T` over whatever scope is counted, which the summaries, the live
queries, the digest and the exports all share.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from store.connect import parse_utc
from store.schema import claim_articles, claim_counts

#: seen_as_new of a baseline link: sorts before every stored timestamp.
BASELINE = ""

#: "New this week": the window every page, the digest default and the badge table use.
NEW_DAYS = 7


def claim_baselines() -> sa.Subquery:
    """Per claim, the run of its first successful fetch (claim_id, baseline_run).

    A claim that never fetched successfully has no row, so all its links are baseline."""
    return (
        sa.select(
            claim_counts.c.claim_id,
            sa.func.min(claim_counts.c.run_id).label("baseline_run"),
        )
        .where(claim_counts.c.status == "ok")
        .group_by(claim_counts.c.claim_id)
        .subquery("claim_baseline")
    )


def with_baselines(links: sa.FromClause, baselines: sa.Subquery) -> sa.FromClause:
    """`links` (anything holding claim_articles) joined to the claims' baseline runs."""
    return links.outerjoin(baselines, baselines.c.claim_id == claim_articles.c.claim_id)


def is_baseline(baselines: sa.Subquery) -> sa.ColumnElement[bool]:
    """True for a link the claim's first fetch brought in (or one without a run id, written
    before littrack kept run ids, or of a claim without a successful fetch)."""
    return sa.not_(
        sa.and_(
            claim_articles.c.first_run_id.is_not(None),
            baselines.c.baseline_run.is_not(None),
            claim_articles.c.first_run_id > baselines.c.baseline_run,
        )
    )


def seen_as_new(baselines: sa.Subquery) -> sa.ColumnElement[str]:
    """first_seen for a link that can be new, BASELINE for a baseline link."""
    return sa.case(
        (is_baseline(baselines), sa.literal(BASELINE, sa.String(32))),
        else_=claim_articles.c.first_seen,
    )


def new_cutoff(now: str | None = None, *, days: int = NEW_DAYS) -> str:
    """The stored-timestamp text `days` before `now` (default: the current time)."""
    moment = parse_utc(now) if now else None
    moment = moment or datetime.now(UTC)
    return (moment - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_new(seen: object, cutoff: str) -> bool:
    """The same test in Python, for rows already read (a seen_as_new value)."""
    return isinstance(seen, str) and seen != BASELINE and seen >= cutoff
