"""What changed since a moment, per claim: what a living review's update reports.

- new records: the claim's current links first seen on or after `since` (all, and those
  counted as evidence);
- newly included / newly excluded: current evidence links (the PRISMA flow's "screened",
  store.read.prisma) whose screening outcome is include (exclude) now and was not before
  `since`; the outcome "before" is computed from the decisions made before `since`
  (decisions are append-only, so it is exact);
- included by verdict before and now, over the same links;
- query edits: versions the query ledger recorded on or after `since`, with what each
  gained and lost at its first complete fetch;
- retractions that hit included records: records PubMed marked retracted on or after `since`
  (littrack's `flagged_at`) that a claim includes now.

Reading only; store/export/reports.py renders it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.schema import articles, claim_articles, claims, query_versions, topics
from store.db.schema import screening_decisions as sd
from store.evidence.counting import (
    count_where,
    counted_condition,
    evidence_condition,
    live_condition,
    live_links,
)
from store.screening.decisions import VERDICTS, has_screening
from store.screening.outcomes import outcomes


@dataclass
class QueryEdit:
    version: int
    recorded_at: str
    query: str
    gained: int | None
    lost: int | None


@dataclass
class ClaimChanges:
    claim_id: str
    topic_id: str
    new_records: int = 0
    new_evidence: int = 0
    newly_included: int = 0
    newly_excluded: int = 0
    verdicts_before: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    verdicts_now: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    query_edits: list[QueryEdit] = field(default_factory=list)
    retracted_included: list[tuple[int, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.new_records or self.newly_included or self.newly_excluded
            or self.verdicts_before != self.verdicts_now or self.query_edits
            or self.retracted_included
        )  # fmt: skip


def _claims(conn: sa.Connection, claim_ids: list[str] | None) -> list[ClaimChanges]:
    stmt = (
        sa.select(claims.c.claim_id, claims.c.topic_id)
        .select_from(claims.outerjoin(topics, topics.c.topic_id == claims.c.topic_id))
        .order_by(topics.c.position, claims.c.position, claims.c.claim_id)
    )
    if claim_ids is None:
        stmt = stmt.where(claims.c.active.is_(True))
    else:
        stmt = stmt.where(claims.c.claim_id.in_(claim_ids))
    return [ClaimChanges(r.claim_id, r.topic_id) for r in conn.execute(stmt)]


def _new_records(conn: sa.Connection, found: dict[str, ClaimChanges], since: str) -> None:
    stmt = (
        sa.select(
            claims.c.claim_id,
            sa.func.count().label("records"),
            count_where(evidence_condition()).label("evidence"),
        )
        .select_from(live_links())
        .where(live_condition(), claim_articles.c.first_seen >= since)
        .group_by(claims.c.claim_id)
    )
    for r in conn.execute(stmt):
        if r.claim_id in found:
            found[r.claim_id].new_records = int(r.records)
            found[r.claim_id].new_evidence = int(r.evidence)


def _outcome_pairs(conn: sa.Connection, *only: sa.ColumnElement[bool]) -> dict:
    """(claim_id, pmid) → (status, verdict) over current evidence links."""
    out = outcomes(*only)
    stmt = (
        sa.select(out.c.claim_id, out.c.pmid, out.c.status, out.c.verdict)
        .select_from(
            live_links().join(
                out,
                sa.and_(
                    out.c.claim_id == claim_articles.c.claim_id,
                    out.c.pmid == claim_articles.c.pmid,
                ),
            )
        )
        .where(counted_condition())
    )
    return {(r.claim_id, int(r.pmid)): (r.status, r.verdict) for r in conn.execute(stmt)}


def _screening(conn: sa.Connection, found: dict[str, ClaimChanges], since: str) -> None:
    if not has_screening(conn):
        return
    now = _outcome_pairs(conn)
    before = _outcome_pairs(conn, sd.c.decided_at < since)
    counts: Counter = Counter()
    for (claim_id, pmid), (status, verdict) in now.items():
        was = before.get((claim_id, pmid), (None, ""))[0]
        if status in ("include", "exclude") and was != status:
            counts[(claim_id, status)] += 1
        if status == "include" and verdict in VERDICTS and claim_id in found:
            found[claim_id].verdicts_now[verdict] += 1
    for (claim_id, _), (status, verdict) in before.items():
        if status == "include" and verdict in VERDICTS and claim_id in found:
            found[claim_id].verdicts_before[verdict] += 1
    for claim_id, entry in found.items():
        entry.newly_included = counts[(claim_id, "include")]
        entry.newly_excluded = counts[(claim_id, "exclude")]


def _query_edits(conn: sa.Connection, found: dict[str, ClaimChanges], since: str) -> None:
    q = query_versions.c
    stmt = (
        sa.select(q.claim_id, q.version, q.recorded_at, q.query, q.gained, q.lost)
        .where(q.recorded_at >= since, q.version > 1)
        .order_by(q.claim_id, q.version)
    )
    for r in conn.execute(stmt):
        if r.claim_id in found:
            found[r.claim_id].query_edits.append(
                QueryEdit(
                    version=int(r.version), recorded_at=r.recorded_at, query=r.query,
                    gained=None if r.gained is None else len(r.gained),
                    lost=None if r.lost is None else len(r.lost),
                )
            )  # fmt: skip


def _retractions(conn: sa.Connection, found: dict[str, ClaimChanges], since: str) -> None:
    if not has_screening(conn):
        return
    hit = sa.select(articles.c.pmid).where(
        articles.c.retracted.is_(True), articles.c.flagged_at >= since
    )
    out = outcomes(sd.c.pmid.in_(hit))
    stmt = (
        sa.select(out.c.claim_id, out.c.pmid, articles.c.title)
        .select_from(
            live_links().join(
                out,
                sa.and_(
                    out.c.claim_id == claim_articles.c.claim_id,
                    out.c.pmid == claim_articles.c.pmid,
                ),
            )
        )
        .where(
            live_condition(),
            out.c.status == "include",
            articles.c.retracted.is_(True),
            articles.c.flagged_at >= since,
        )
        .order_by(out.c.claim_id, out.c.pmid)
    )
    for r in conn.execute(stmt):
        if r.claim_id in found:
            found[r.claim_id].retracted_included.append((int(r.pmid), r.title))


def changes_since(
    engine: Engine, since: str, claim_ids: list[str] | None = None
) -> list[ClaimChanges]:
    """Per active claim (or per `claim_ids`), in outline order. `since` is an ISO date or
    timestamp in UTC, compared as text with the stored timestamps."""
    with engine.connect() as conn:
        entries = _claims(conn, claim_ids)
        found = {e.claim_id: e for e in entries}
        _new_records(conn, found, since)
        _screening(conn, found, since)
        _query_edits(conn, found, since)
        _retractions(conn, found, since)
    return entries
