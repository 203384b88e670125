"""The temporary tables a summary refresh builds and drops inside its transaction
(store.fetch.summaries): kept apart so that the refresh reads as its passes.

The large ones (a row per live link, or per (topic, record)) hold integers only: claims,
topics, "seen as new" moments, designs and record dates are numbered first (the `*_keys`
tables and article_facts), because SQLite sorts every GROUP BY and compares one integer
key far faster than a few strings (bench/RESULTS.md, dashboard). The small results are
turned back into ids, timestamps and dates before any summary table is written.
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = [
    "ARTICLE_RULE_COLUMNS",
    "article_facts",
    "article_rows",
    "claim_dates",
    "claim_facts",
    "claim_keys",
    "date_keys",
    "design_keys",
    "link_facts",
    "seen_keys",
    "store_records",
    "topic_cells",
    "topic_records",
]


def _flags(*names: str) -> list[sa.Column]:
    """0/1 (or summed 0/1) columns."""
    return [sa.Column(name, sa.Integer, nullable=False) for name in names]


def _numbers(*names: str) -> list[sa.Column]:
    """Numbered keys: 64-bit, since the passes multiply them into packed keys."""
    return [sa.Column(name, sa.BigInteger, nullable=False) for name in names]


def _record_dates() -> list[sa.Column]:
    return [
        sa.Column("pub_date", sa.String(10)),
        sa.Column("pub_year", sa.Integer),
        sa.Column("entrez_year", sa.Integer),
    ]


def _temporary(name: str, *columns: sa.Column) -> sa.Table:
    return sa.Table(name, sa.MetaData(), *columns, prefixes=["TEMPORARY"])


def _pmid(*, key: bool = False) -> sa.Column:
    """On SQLite an INTEGER PRIMARY KEY is the rowid: found by rowid, no index of its own."""
    kind = sa.BigInteger().with_variant(sa.Integer, "sqlite") if key else sa.BigInteger
    return sa.Column("pmid", kind, primary_key=key, autoincrement=False, nullable=False)


def _number(name: str) -> sa.Column:
    """A numbered key as the table's key: the rowid on SQLite."""
    kind = sa.BigInteger().with_variant(sa.Integer, "sqlite")
    return sa.Column(name, kind, primary_key=True, autoincrement=False)


#: Every claim numbered (claim_no), its topic (topic_no) and the run of its first
#: successful fetch (store.evidence.novelty.claim_baselines): the link pass reads these
#: once per claim.
claim_keys = _temporary(
    "littrack_claim_keys",
    _number("claim_no"),
    sa.Column("claim_id", sa.String(200), nullable=False, unique=True),
    sa.Column("topic_id", sa.String(200), nullable=False),
    *_numbers("topic_no"),
    sa.Column("baseline_run", sa.Integer),
)

#: Every `seen_as_new` value a link can have (store.evidence.novelty: BASELINE or a
#: first_seen), numbered in their own order, so min(seen_no) is min(seen_as_new).
seen_keys = _temporary(
    "littrack_seen_keys",
    _number("seen_no"),
    sa.Column("first_seen", sa.String(32), nullable=False, unique=True),
)

#: The articles' columns that the counting rules read, copied under their own names.
ARTICLE_RULE_COLUMNS = (
    "pmid",
    "deleted_at",
    "study_design",
    "retracted",
    "veterinary",
    "concern",
    "humans",
    "animals",
    "superseded_by",
    "species_source",
    "pub_date",
    "pub_year",
)


def _rule_columns() -> list[sa.Column]:
    """What the counting rules read of an article, and its dates (both article tables)."""
    return [
        sa.Column("deleted_at", sa.String(32)),
        sa.Column("study_design", sa.String(32), nullable=False),
        *[
            sa.Column(name, sa.Boolean, nullable=False)
            for name in ("retracted", "veterinary", "concern", "humans", "animals")
        ],
        sa.Column("superseded_by", sa.BigInteger),
        sa.Column("species_source", sa.String(8), nullable=False),
        *_record_dates(),
    ]


#: The live articles' ARTICLE_RULE_COLUMNS and entrez_year, as read (one pass over
#: `articles`): article_facts numbers them.
article_rows = _temporary(
    "littrack_article_rows",
    _pmid(key=True),
    *_rule_columns(),
    sa.Column("date_key", sa.String(64), nullable=False),
)  # fmt: skip

#: The live articles, with the columns the counting rules read (store.evidence: scope,
#: design, evidence, high-level) under their own names, keyed by PMID: the link pass finds
#: each link's article here by rowid instead of seeking the covering index of the wide
#: `articles` once per link. Also each record's own numbers, once: its design and its
#: dates (pub_date, pub_year, entrez_year) numbered, evidence in the whole store, and
#: retracted / concern as 0/1.
article_facts = _temporary(
    "littrack_article_facts",
    _pmid(key=True),
    *_rule_columns(),
    *_numbers("design_no", "date_no"),
    *_flags("store_evidence", "is_retracted", "is_concern"),
)  # fmt: skip

#: design_no -> study_design, and date_no -> the record's dates; date_key spells the
#: dates as one string without NULLs (summary_passes.date_key), for an equality join.
design_keys = _temporary(
    "littrack_design_keys",
    _number("design_no"),
    sa.Column("design", sa.String(32), nullable=False, unique=True),
)
date_keys = _temporary(
    "littrack_date_keys",
    _number("date_no"),
    sa.Column("date_key", sa.String(64), nullable=False, unique=True),
    *_record_dates(),
)

#: One row per live link, its flags evaluated once: the claim and topic passes read this
#: instead of joining the million links again. evidence, topic_evidence: counted once in
#: the claim, in the topic (the latter the same on every link of the record in the topic);
#: article: the link's claim is one of the article's own, not a context claim.
link_facts = _temporary(
    "littrack_link_facts",
    *_numbers("claim_no", "topic_no"),
    _pmid(),
    *_numbers("seen_no", "design_no", "date_no"),
    *_flags("high_level", "evidence", "topic_evidence", "article", "is_retracted", "is_concern"),
)

#: One row per (topic, live record): its earliest seen_no in the topic, high-level when
#: one of its links there is, evidence counted once in the topic, article: 1 when one of
#: its links in the topic is on an article claim.
topic_records = _temporary(
    "littrack_topic_records",
    *_numbers("topic_no"),
    _pmid(),
    *_numbers("seen_no"),
    *_flags("high_level", "evidence", "article"),
)

#: A topic's records counted per (first seen, publication date, both years), their 0/1
#: flags summed: every topic row of the summaries is a sum over these.
topic_cells = _temporary(
    "littrack_topic_cells",
    sa.Column("topic_id", sa.String(200), nullable=False),
    sa.Column("first_seen", sa.String(32), nullable=False),
    *_record_dates(),
    *_flags("records", "high_level", "evidence", "evidence_high_level", "retracted", "concern"),
)

#: One row per record with a link on an article claim: the whole store's row and its
#: first_seen rows are sums over these.
store_records = _temporary(
    "littrack_store_records",
    _pmid(),
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

#: Live links per (claim, numbered record dates): records and evidence records.
claim_dates = _temporary(
    "littrack_claim_dates",
    *_numbers("claim_no", "date_no"),
    *_flags("records", "evidence"),
)
