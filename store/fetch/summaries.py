"""Dashboard summaries: per-topic and per-claim counts, recomputed by the fetch job.

A topic's numbers count *distinct* records over its claims, so answering them live means
de-duplicating every (topic, PMID) pair on each page view: at 1,000,000 links that is
~780,000 pairs and 2-3 s per page (bench/dashboard.py). The counts only change when the
fetch job writes links, so the job rewrites these tables once at the end of every run that
gets past its start (ok, partial, failed claims, `--claim` runs alike) and store/read/overview.py
and store/read/runs.py read them.

Nothing stored here depends on the clock: "new in the last N days" and "published in the
last RECENT_YEARS years" are kept as counts per first_seen moment and per publication date,
and summed against `now` when read, so the numbers stay exact between fetches.

The refresh is a full rewrite inside the caller's transaction (readers see the old or the
new summaries, never a mix), computed by INSERT ... SELECT on the database itself: the
topic-level pass de-duplicates (topic, PMID) once into a temporary table, and every topic
aggregate is read from that; the claim-level pass groups the links by (claim, design, "new"
moment) into another, and the claim rows are sums of it. Before counting, the refresh
recomputes which records are superseded (store.evidence.count_once). A run that dies
before its end leaves the summaries behind its links; `summary_refresh.run_id` says which
run they reflect and readers fall back to the live queries until the next fetch refreshes
them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store.db.schema import (
    articles,
    claim_articles,
    claims,
    fetch_runs,
    summary_claim_designs,
    summary_first_seen,
    summary_pub_dates,
    summary_records,
    summary_refresh,
    summary_topic_years,
)
from store.evidence.badge import high_level_for_claim
from store.evidence.count_once import refresh_superseded
from store.evidence.counting import (
    article_condition,
    evidence_condition,
    live_condition,
    live_links,
    year_of,
)
from store.evidence.novelty import claim_baselines, seen_as_new, with_baselines

MARKER = "summaries"
#: summary_records / summary_first_seen scope that covers every live record once.
STORE_SCOPE = "store"

SUMMARY_TABLES = (
    summary_records,
    summary_claim_designs,
    summary_first_seen,
    summary_pub_dates,
    summary_topic_years,
    summary_refresh,
)

#: One row per (topic, live record), built and dropped inside each refresh.
_topic_records = sa.Table(
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
_claim_facts = sa.Table(
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


def _flag(condition: sa.ColumnElement[bool]) -> sa.ColumnElement:
    return sa.case((condition, 1), else_=0)


def _high_level() -> sa.ColumnElement:
    return _flag(high_level_for_claim())


def _evidence(scope: str = "claim") -> sa.ColumnElement:
    return _flag(evidence_condition(scope))


#: summary_records columns, filled from per-record 0/1 flags by `_records_columns`.
_RECORDS_COLUMNS = [
    "scope",
    "scope_id",
    "records",
    "high_level",
    "evidence_records",
    "evidence_high_level",
    "retracted",
    "concern",
]


def _records_columns(
    high_level: sa.ColumnElement,
    evidence: sa.ColumnElement,
    retracted: sa.ColumnElement,
    concern: sa.ColumnElement,
) -> list[sa.ColumnElement]:
    """records, high_level, evidence_records, evidence_high_level, retracted, concern."""

    def total(value: sa.ColumnElement) -> sa.ColumnElement:
        return sa.func.coalesce(sa.func.sum(value), 0)

    return [
        sa.func.count(),
        total(high_level),
        total(evidence),
        total(high_level * evidence),
        total(retracted),
        total(concern),
    ]


#: SQLite page cache (KiB, main and temp) while the summaries are rewritten: the topic pass
#: groups every link by (topic, PMID), and with SQLite's default 2 MB cache that sort
#: spills to temporary files (bench/dashboard.py). Allocated only as used, and put back when
#: the refresh ends. (temp_store cannot change inside the caller's transaction.)
SQLITE_REFRESH_CACHE_KIB = 262_144
_SQLITE_SETTINGS = ("cache_size", "temp.cache_size")


@contextmanager
def _sqlite_sort_memory(conn: Connection) -> Iterator[None]:
    if conn.dialect.name != "sqlite":
        yield
        return
    before = {k: conn.exec_driver_sql(f"PRAGMA {k}").scalar() for k in _SQLITE_SETTINGS}
    wanted = {"cache_size": -SQLITE_REFRESH_CACHE_KIB, "temp.cache_size": -SQLITE_REFRESH_CACHE_KIB}
    for key, value in wanted.items():
        conn.exec_driver_sql(f"PRAGMA {key}={int(value)}")
    try:
        yield
    finally:
        for key, value in before.items():
            conn.exec_driver_sql(f"PRAGMA {key}={int(value)}")


def refresh_summaries(conn: Connection, *, now: str) -> dict[str, int]:
    """Rewrite every summary table from the live links; returns rows written per table.

    Runs in the caller's transaction (commit it as one). `now` is recorded as the moment
    of the refresh; the marker row names the newest fetch run at that moment.
    """
    with _sqlite_sort_memory(conn):
        return _refresh(conn, now)


def _refresh(conn: Connection, now: str) -> dict[str, int]:
    for table in SUMMARY_TABLES:
        # A DML statement first: it is what makes pysqlite open the transaction, so the
        # temporary table below is created inside it and vanishes on a rollback.
        conn.execute(table.delete())
    written: dict[str, int] = {}
    refresh_superseded(conn)  # one study counted once: before anything is counted

    def insert(table: sa.Table, columns: list[str], select: sa.Select) -> None:
        result = conn.execute(table.insert().from_select(columns, select))
        written[table.name] = written.get(table.name, 0) + max(result.rowcount, 0)

    _fill_topic_records(conn)
    per_topic = _topic_records.c
    topic = sa.literal("topic", sa.String(8))
    ev_count = sa.func.sum(per_topic.evidence)
    insert(
        summary_records,
        _RECORDS_COLUMNS,
        sa.select(
            topic,
            per_topic.topic_id,
            *_records_columns(
                per_topic.high_level, per_topic.evidence, per_topic.retracted, per_topic.concern
            ),
        ).group_by(per_topic.topic_id),
    )
    insert(
        summary_first_seen,
        ["scope", "scope_id", "first_seen", "records", "evidence_records"],
        sa.select(
            topic, per_topic.topic_id, per_topic.first_seen, sa.func.count(), ev_count
        ).group_by(per_topic.topic_id, per_topic.first_seen),
    )
    insert(
        summary_pub_dates,
        ["scope", "scope_id", "pub_date", "records", "evidence_records"],
        sa.select(topic, per_topic.topic_id, per_topic.pub_date, sa.func.count(), ev_count)
        .where(per_topic.pub_date.is_not(None))
        .group_by(per_topic.topic_id, per_topic.pub_date),
    )
    for basis, year in (("publication", per_topic.pub_year), ("entrez", per_topic.entrez_year)):
        insert(
            summary_topic_years,
            ["topic_id", "basis", "year", "records", "evidence_records"],
            sa.select(
                per_topic.topic_id,
                sa.literal(basis, sa.String(16)),
                year,
                sa.func.count(),
                ev_count,
            )
            .where(year.is_not(None))
            .group_by(per_topic.topic_id, year),
        )
    # The whole store (scope "store", id ""): each record once, first seen at its earliest
    # link anywhere; the overview's headline totals, which topic rows cannot be summed into.
    # Only the article's own claims count here: context claims are not its evidence.
    per_record = (
        sa.select(
            per_topic.pmid,
            sa.func.min(per_topic.first_seen).label("first_seen"),
            sa.func.max(per_topic.high_level).label("high_level"),
            sa.func.max(per_topic.store_evidence).label("evidence"),
            sa.func.max(per_topic.retracted).label("retracted"),
            sa.func.max(per_topic.concern).label("concern"),
        )
        .where(per_topic.article == 1)
        .group_by(per_topic.pmid)
        .subquery("per_record")
    )
    store, everything = sa.literal(STORE_SCOPE, sa.String(8)), sa.literal("", sa.String(200))
    r = per_record.c
    insert(
        summary_records,
        _RECORDS_COLUMNS,
        sa.select(
            store, everything, *_records_columns(r.high_level, r.evidence, r.retracted, r.concern)
        ),
    )
    insert(
        summary_first_seen,
        ["scope", "scope_id", "first_seen", "records", "evidence_records"],
        sa.select(
            store, everything, r.first_seen, sa.func.count(), sa.func.sum(r.evidence)
        ).group_by(r.first_seen),
    )
    conn.execute(sa.schema.DropTable(_topic_records, if_exists=True))

    # A claim's records are its live links ((claim_id, pmid) is the key): no de-duplication.
    # One pass over the links groups them by claim, design and seen_as_new (a few thousand
    # rows); the claim rows of summary_records, summary_first_seen and summary_claim_designs
    # are sums of it, so the million links are read once for the three, not three times.
    _fill_claim_facts(conn)
    facts = _claim_facts.c
    claim = sa.literal("claim", sa.String(8))

    def total(value: sa.ColumnElement) -> sa.ColumnElement:
        return sa.func.coalesce(sa.func.sum(value), 0)

    insert(
        summary_records,
        _RECORDS_COLUMNS,
        sa.select(
            claim,
            facts.claim_id,
            *[
                total(c)
                for c in (
                    facts.records,
                    facts.high_level,
                    facts.evidence,
                    facts.evidence_high_level,
                    facts.retracted,
                    facts.concern,
                )
            ],
        ).group_by(facts.claim_id),
    )
    insert(
        summary_first_seen,
        ["scope", "scope_id", "first_seen", "records", "evidence_records"],
        sa.select(
            claim, facts.claim_id, facts.first_seen, total(facts.records), total(facts.evidence)
        ).group_by(facts.claim_id, facts.first_seen),
    )
    insert(
        summary_claim_designs,
        ["claim_id", "design", "records"],
        sa.select(facts.claim_id, facts.design, total(facts.records)).group_by(
            facts.claim_id, facts.design
        ),
    )
    conn.execute(sa.schema.DropTable(_claim_facts, if_exists=True))
    live = sa.select().select_from(live_links()).where(live_condition())
    insert(
        summary_pub_dates,
        ["scope", "scope_id", "pub_date", "records", "evidence_records"],
        live.add_columns(
            claim,
            claim_articles.c.claim_id,
            articles.c.pub_date,
            sa.func.count(),
            sa.func.sum(_evidence()),
        )
        .where(articles.c.pub_date.is_not(None))
        .group_by(claim_articles.c.claim_id, articles.c.pub_date),
    )

    newest = conn.execute(sa.select(sa.func.max(fetch_runs.c.run_id))).scalar()
    conn.execute(summary_refresh.insert().values(name=MARKER, run_id=newest or 0, refreshed_at=now))
    return written


def _fill_topic_records(conn: Connection) -> None:
    """The one de-duplication: (topic, PMID) pairs with the record's earliest seen_as_new
    in the topic (store.evidence.novelty: BASELINE when any of its links there is a baseline link)
    and the article's own fields (the same on each of its links, hence max())."""
    conn.execute(sa.schema.DropTable(_topic_records, if_exists=True))
    conn.execute(sa.schema.CreateTable(_topic_records))
    baselines = claim_baselines()
    select = (
        sa.select(
            claims.c.topic_id,
            claim_articles.c.pmid,
            sa.func.min(seen_as_new(baselines)),
            sa.func.max(_high_level()),
            sa.func.max(_evidence("topic")),
            sa.func.max(_flag(sa.and_(evidence_condition("store"), article_condition()))),
            sa.func.max(_flag(article_condition())),
            sa.func.max(_flag(articles.c.retracted.is_(True))),
            sa.func.max(_flag(articles.c.concern.is_(True))),
            sa.func.max(articles.c.pub_date),
            sa.func.max(year_of("publication")),
            sa.func.max(year_of("entrez")),
        )
        .select_from(with_baselines(live_links(), baselines))
        .where(live_condition())
        .group_by(claims.c.topic_id, claim_articles.c.pmid)
    )
    columns = [
        "topic_id",
        "pmid",
        "first_seen",
        "high_level",
        "evidence",
        "store_evidence",
        "article",
        "retracted",
        "concern",
        "pub_date",
        "pub_year",
        "entrez_year",
    ]
    conn.execute(_topic_records.insert().from_select(columns, select))


def _fill_claim_facts(conn: Connection) -> None:
    """Live links counted per (claim, design, seen_as_new), with their 0/1 flags summed."""
    conn.execute(sa.schema.DropTable(_claim_facts, if_exists=True))
    conn.execute(sa.schema.CreateTable(_claim_facts))
    baselines = claim_baselines()
    seen = seen_as_new(baselines)
    evidence, high_level = _evidence(), _high_level()
    select = (
        sa.select(
            claim_articles.c.claim_id,
            articles.c.study_design,
            seen,
            sa.func.count(),
            sa.func.sum(high_level),
            sa.func.sum(evidence),
            sa.func.sum(high_level * evidence),
            sa.func.sum(_flag(articles.c.retracted.is_(True))),
            sa.func.sum(_flag(articles.c.concern.is_(True))),
        )
        .select_from(with_baselines(live_links(), baselines))
        .where(live_condition())
        .group_by(claim_articles.c.claim_id, articles.c.study_design, seen)
    )
    columns = [c.name for c in _claim_facts.columns]
    conn.execute(_claim_facts.insert().from_select(columns, select))


def refresh_planner_statistics(conn: Connection) -> None:
    """SQLite: `PRAGMA optimize`, which runs ANALYZE on the tables this connection queried
    (so: on the connection that just refreshed the summaries) when their statistics are
    missing or stale, so the planner knows the sizes of the tables a fetch grew.

    No `analysis_limit`: sampled statistics (limit 1000) told the planner that `articles`
    was small, and counting live records became a scan of the wide table instead of a
    covering index (4 → 54 ms at 100,000 articles, and far worse on a cold disk); a full
    ANALYZE of that store takes 0.2 s. PostgreSQL's autovacuum analyzes on its own."""
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql("PRAGMA optimize")
