"""The search strategy as PRISMA-S (Rethlefsen et al., Syst Rev 2021;10:39) asks a review to
report it, per claim, from what the store holds: the query exactly as sent (the outline's
subject block already expanded: the store keeps the full query), the database, every
version of the query with the dates it was first and last run (the query ledger,
store/fetch/ledger.py), PubMed's Count at the last successful search, the limits littrack
applies after retrieval (the claim's scope, the evidence classes) and PubMed's own
translation of the query as the fetch recorded it.

Reading only; store/export/reports.py renders it as Markdown or CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.schema import claim_counts, claims, topics
from store.evidence.counting import latest_counts
from store.fetch.ledger import QueryVersion, query_history

DATABASE = "PubMed (NCBI), searched through the E-utilities esearch service"

#: What the claim's `scope` leaves out after retrieval (store.evidence.counting.scope_condition).
SCOPE_LIMITS = {
    "any": "none (every record the query retrieves)",
    "humans": "records indexed as animals-only (Animals without Humans) are left out; "
    "records not yet MEDLINE-indexed are kept",
    "animals": "records indexed as humans-only (Humans without Animals) are left out; "
    "records not yet MEDLINE-indexed are kept",
}
EVIDENCE_LIMIT = (
    "counted as evidence: not retracted and not non-evidence by littrack's design rules "
    "(letters, editorials, comments, notices); removed records stay in the store and the "
    "publications export"
)

#: PRISMA-S items a tool cannot answer from its own records; the report names them so the
#: authors add them.
NOT_KNOWN = (
    ("Item 14, peer review", "whether the search strategies were peer reviewed (e.g. PRESS)"),
    ("Items 5–7, other sources", "searches of registries, websites, citation chasing or "
     "contacts with authors, done outside littrack"),
    ("Item 11, published filters", "whether a block of a query is a published, validated "
     "search filter, and its citation"),
    ("Item 12, prior work", "whether the strategy adapts one from an earlier review"),
    ("Item 16, deduplication", "how the review deduplicated records across databases "
     "(littrack keeps one record per PMID within PubMed)"),
)  # fmt: skip


@dataclass
class ClaimStrategy:
    claim_id: str
    topic_id: str
    topic_title: str
    claim: str
    query: str
    query_version: int
    scope: str
    context: bool
    versions: list[QueryVersion] = field(default_factory=list)
    pubmed_count: int | None = None
    counted_at: str | None = None
    translation: str = ""
    translated_at: str | None = None

    @property
    def scope_limit(self) -> str:
        return SCOPE_LIMITS.get(self.scope, self.scope)


def _translations(conn: sa.Connection, ids: list[str]) -> dict[str, tuple[str, str]]:
    """Per claim, the newest non-empty query translation recorded for its current version."""
    cc = claim_counts.c
    newest = (
        sa.select(cc.claim_id, sa.func.max(cc.run_id).label("run_id"))
        .select_from(claim_counts.join(claims, claims.c.claim_id == cc.claim_id))
        .where(
            cc.query_translation != "",
            cc.query_version == claims.c.query_version,
            cc.claim_id.in_(ids),
        )
        .group_by(cc.claim_id)
        .subquery()
    )
    stmt = sa.select(cc.claim_id, cc.query_translation, cc.counted_at).join(
        newest, sa.and_(newest.c.claim_id == cc.claim_id, newest.c.run_id == cc.run_id)
    )
    return {r.claim_id: (r.query_translation, r.counted_at) for r in conn.execute(stmt)}


def search_strategy(engine: Engine, claim_ids: list[str] | None = None) -> list[ClaimStrategy]:
    """One entry per active claim (or per `claim_ids`, in that order), in outline order."""
    latest = latest_counts()
    stmt = (
        sa.select(claims, topics.c.title.label("topic_title"), latest.c.count, latest.c.counted_at)
        .select_from(
            claims.outerjoin(topics, topics.c.topic_id == claims.c.topic_id).outerjoin(
                latest, latest.c.claim_id == claims.c.claim_id
            )
        )
        .order_by(topics.c.position, claims.c.position, claims.c.claim_id)
    )
    if claim_ids is None:
        stmt = stmt.where(claims.c.active.is_(True))
    else:
        stmt = stmt.where(claims.c.claim_id.in_(claim_ids))
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
        translated = _translations(conn, [r.claim_id for r in rows])
    out = []
    for r in rows:
        text, at = translated.get(r.claim_id, ("", None))
        out.append(
            ClaimStrategy(
                claim_id=r.claim_id, topic_id=r.topic_id, topic_title=r.topic_title or "",
                claim=r.claim, query=r.query, query_version=int(r.query_version),
                scope=r.scope, context=bool(r.context),
                versions=query_history(engine, r.claim_id),
                pubmed_count=None if r.count is None else int(r.count),
                counted_at=r.counted_at, translation=text, translated_at=at,
            )
        )  # fmt: skip
    if claim_ids is not None:
        order = {c: i for i, c in enumerate(claim_ids)}
        out.sort(key=lambda s: order[s.claim_id])
    return out
