"""The temporary tables a summary refresh builds and drops inside its transaction
(store.fetch.summaries): kept apart so that the refresh reads as its passes."""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["claim_facts", "link_facts", "topic_records"]

#: One row per live link, its flags evaluated once: the topic and claim passes and the
#: claims' publication dates all read this instead of joining the million links again.
link_facts = sa.Table(
    "littrack_link_facts",
    sa.MetaData(),
    sa.Column("claim_id", sa.String(200), nullable=False),
    sa.Column("topic_id", sa.String(200), nullable=False),
    sa.Column("pmid", sa.BigInteger, nullable=False),
    sa.Column("first_seen", sa.String(32), nullable=False),  # seen_as_new
    sa.Column("design", sa.String(32), nullable=False),
    sa.Column("high_level", sa.Integer, nullable=False),
    sa.Column("evidence", sa.Integer, nullable=False),  # counted once in the claim
    sa.Column("topic_evidence", sa.Integer, nullable=False),  # ... in the topic
    sa.Column("store_evidence", sa.Integer, nullable=False),  # ... in the store, article claim
    sa.Column("article", sa.Integer, nullable=False),
    sa.Column("retracted", sa.Integer, nullable=False),
    sa.Column("concern", sa.Integer, nullable=False),
    sa.Column("pub_date", sa.String(10)),
    sa.Column("pub_year", sa.Integer),
    sa.Column("entrez_year", sa.Integer),
    prefixes=["TEMPORARY"],
)

#: One row per (topic, live record), built and dropped inside each refresh.
topic_records = sa.Table(
    "littrack_topic_records",
    sa.MetaData(),
    sa.Column("topic_id", sa.String(200), nullable=False),
    sa.Column("pmid", sa.BigInteger, nullable=False),
    sa.Column("first_seen", sa.String(32), nullable=False),
    sa.Column("high_level", sa.Integer, nullable=False),
    sa.Column("evidence", sa.Integer, nullable=False),
    #: evidence counted once over the whole store, and on one of the article's own claims
    sa.Column("store_evidence", sa.Integer, nullable=False),
    #: 1 when one of the record's links in the topic is on an article claim (not context)
    sa.Column("article", sa.Integer, nullable=False),
    sa.Column("retracted", sa.Integer, nullable=False),
    sa.Column("concern", sa.Integer, nullable=False),
    sa.Column("pub_date", sa.String(10)),
    sa.Column("pub_year", sa.Integer),
    sa.Column("entrez_year", sa.Integer),
    prefixes=["TEMPORARY"],
)


#: Live links per (claim, design, seen_as_new), built and dropped inside each refresh.
claim_facts = sa.Table(
    "littrack_claim_facts",
    sa.MetaData(),
    sa.Column("claim_id", sa.String(200), nullable=False),
    sa.Column("design", sa.String(32), nullable=False),
    sa.Column("first_seen", sa.String(32), nullable=False),
    sa.Column("records", sa.Integer, nullable=False),
    sa.Column("high_level", sa.Integer, nullable=False),
    sa.Column("evidence", sa.Integer, nullable=False),
    sa.Column("evidence_high_level", sa.Integer, nullable=False),
    sa.Column("retracted", sa.Integer, nullable=False),
    sa.Column("concern", sa.Integer, nullable=False),
    prefixes=["TEMPORARY"],
)
