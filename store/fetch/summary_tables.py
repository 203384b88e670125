"""The temporary tables a summary refresh builds and drops inside its transaction
(store.fetch.summaries): kept apart so that the refresh reads as its passes."""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["claim_facts", "link_facts", "store_records", "topic_cells", "topic_records"]


def _flags(*names: str) -> list[sa.Column]:
    """0/1 (or summed 0/1) columns."""
    return [sa.Column(name, sa.Integer, nullable=False) for name in names]


def _record_fields() -> list[sa.Column]:
    """The record's own fields, the same on each of its links."""
    return [
        *_flags("retracted", "concern"),
        sa.Column("pub_date", sa.String(10)),
        sa.Column("pub_year", sa.Integer),
        sa.Column("entrez_year", sa.Integer),
    ]


def _temporary(name: str, *columns: sa.Column) -> sa.Table:
    return sa.Table(name, sa.MetaData(), *columns, prefixes=["TEMPORARY"])


#: One row per live link, its flags evaluated once: the claim and topic passes read this
#: instead of joining the million links again. evidence, topic_evidence, store_evidence:
#: counted once in the claim, in the topic, in the store (the last two the same on every
#: link of the record in the topic, and in the store); article: the link's claim is one of
#: the article's own, not a context claim.
link_facts = _temporary(
    "littrack_link_facts",
    sa.Column("claim_id", sa.String(200), nullable=False),
    sa.Column("topic_id", sa.String(200), nullable=False),
    sa.Column("pmid", sa.BigInteger, nullable=False),
    sa.Column("first_seen", sa.String(32), nullable=False),  # seen_as_new
    sa.Column("design", sa.String(32), nullable=False),
    *_flags("high_level", "evidence", "topic_evidence", "store_evidence", "article"),
    *_record_fields(),
)

#: One row per (topic, live record). evidence: counted once in the topic; store_evidence:
#: counted once in the store; article: 1 when one of the record's links in the topic is on
#: an article claim.
topic_records = _temporary(
    "littrack_topic_records",
    sa.Column("topic_id", sa.String(200), nullable=False),
    sa.Column("pmid", sa.BigInteger, nullable=False),
    sa.Column("first_seen", sa.String(32), nullable=False),
    *_flags("high_level", "evidence", "store_evidence", "article"),
    *_record_fields(),
)

#: A topic's records counted per (first seen, publication date, both years), their 0/1
#: flags summed: every topic row of the summaries is a sum over these.
topic_cells = _temporary(
    "littrack_topic_cells",
    sa.Column("topic_id", sa.String(200), nullable=False),
    sa.Column("first_seen", sa.String(32), nullable=False),
    sa.Column("pub_date", sa.String(10)),
    sa.Column("pub_year", sa.Integer),
    sa.Column("entrez_year", sa.Integer),
    *_flags("records", "high_level", "evidence", "evidence_high_level", "retracted", "concern"),
)

#: One row per record with a link on an article claim: the whole store's row and its
#: first_seen rows are sums over these.
store_records = _temporary(
    "littrack_store_records",
    sa.Column("pmid", sa.BigInteger, nullable=False),
    sa.Column("first_seen", sa.String(32), nullable=False),
    *_flags("high_level", "evidence", "retracted", "concern"),
)

#: Live links per (claim, design, seen_as_new), their 0/1 flags summed.
claim_facts = _temporary(
    "littrack_claim_facts",
    sa.Column("claim_id", sa.String(200), nullable=False),
    sa.Column("design", sa.String(32), nullable=False),
    sa.Column("first_seen", sa.String(32), nullable=False),
    *_flags("records", "high_level", "evidence", "evidence_high_level", "retracted", "concern"),
)
