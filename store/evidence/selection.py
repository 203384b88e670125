"""What an export selects and in which order, written once: the publications, summary and RIS
exports, the screening sheet and the summary's screened columns all use these, so the same
--topic/--claim/--since selects the same rows everywhere."""

from __future__ import annotations

import sqlalchemy as sa

from store.db.schema import articles, claims, topics


def scoped(
    stmt: sa.Select, topic_id: str | None, claim_id: str | None, since: str | None
) -> sa.Select:
    """Only one topic's or claim's links, and only records PubMed added (Entrez date) on or
    after `since` (YYYY-MM-DD)."""
    if topic_id:
        stmt = stmt.where(claims.c.topic_id == topic_id)
    if claim_id:
        stmt = stmt.where(claims.c.claim_id == claim_id)
    if since:
        stmt = stmt.where(articles.c.entrez_date >= since)
    return stmt


def export_order() -> tuple[sa.ColumnElement, ...]:
    """Every export's row order: outline order (topic, claim), then newest Entrez date
    first, PMID breaking ties, so two exports of the same store list rows alike."""
    return (
        topics.c.position,
        claims.c.position,
        claims.c.claim_id,
        articles.c.entrez_date.desc(),
        articles.c.pmid.desc(),
    )
