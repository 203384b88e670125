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
new summaries, never a mix), computed by INSERT ... SELECT on the database itself. It reads
the million links once: every live link goes into a temporary table with the counting rules
of store.evidence evaluated on it. The topic pass de-duplicates (topic, PMID) from that into
a second one and counts those per (first seen, publication date, years) into a third, which
every topic row sums; the whole store's rows sum a fourth, each record of an article claim
once; the claim pass groups the links by (claim, design, "new" moment) into a fifth, and
the claims' publication dates are grouped from the links. Every GROUP BY is a sort in
SQLite, about a second per million rows here, so the refresh sorts the large tables as few
times as it can (bench/RESULTS.md, dashboard). Before counting, the refresh recomputes which
records are superseded (store.evidence.count_once). A run that dies before its end leaves
the summaries behind its links; `summary_refresh.run_id` says which run they reflect and
readers fall back to the live queries until the next fetch refreshes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
from store.fetch.summary_tables import claim_facts as _claim_facts
from store.fetch.summary_tables import link_facts as _link_facts
from store.fetch.summary_tables import store_records as _store_records
from store.fetch.summary_tables import topic_cells as _topic_cells
from store.fetch.summary_tables import topic_records as _topic_records

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


#: `insert(table, columns, select)` inside `_refresh`: INSERT ... SELECT, rows counted.
_Insert = Callable[[sa.Table, list[str], sa.Select], None]


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

    _fill_link_facts(conn)
    _fill_topic_records(conn)
    _fill_topic_cells(conn)
    _insert_topic_rows(insert)
    _fill_store_records(conn)
    conn.execute(sa.schema.DropTable(_topic_records, if_exists=True))
    _insert_store_rows(insert)
    conn.execute(sa.schema.DropTable(_store_records, if_exists=True))
    # A claim's records are its live links ((claim_id, pmid) is the key): no de-duplication.
    _fill_claim_facts(conn)
    _insert_claim_rows(insert)
    conn.execute(sa.schema.DropTable(_claim_facts, if_exists=True))
    conn.execute(sa.schema.DropTable(_link_facts, if_exists=True))

    newest = conn.execute(sa.select(sa.func.max(fetch_runs.c.run_id))).scalar()
    conn.execute(summary_refresh.insert().values(name=MARKER, run_id=newest or 0, refreshed_at=now))
    return written


def _total(value: sa.ColumnElement) -> sa.ColumnElement:
    return sa.func.coalesce(sa.func.sum(value), 0)


def _summed_columns(cells: sa.ColumnCollection) -> list[sa.ColumnElement]:
    """records, high_level, evidence_records, evidence_high_level, retracted, concern of a
    group of cells (topic_cells, claim_facts: counts already)."""
    return [
        _total(cells[name])
        for name in ("records", "high_level", "evidence", "evidence_high_level", "retracted",
                     "concern")
    ]  # fmt: skip


def _insert_topic_rows(insert: _Insert) -> None:
    """Every topic row of the summaries: sums over the topic's cells."""
    cells = _topic_cells.c
    topic = sa.literal("topic", sa.String(8))
    records, evidence = sa.func.sum(cells.records), sa.func.sum(cells.evidence)
    insert(
        summary_records,
        _RECORDS_COLUMNS,
        sa.select(topic, cells.topic_id, *_summed_columns(cells)).group_by(cells.topic_id),
    )
    insert(
        summary_first_seen,
        ["scope", "scope_id", "first_seen", "records", "evidence_records"],
        sa.select(topic, cells.topic_id, cells.first_seen, records, evidence).group_by(
            cells.topic_id, cells.first_seen
        ),
    )
    insert(
        summary_pub_dates,
        ["scope", "scope_id", "pub_date", "records", "evidence_records"],
        sa.select(topic, cells.topic_id, cells.pub_date, records, evidence)
        .where(cells.pub_date.is_not(None))
        .group_by(cells.topic_id, cells.pub_date),
    )
    for basis, year in (("publication", cells.pub_year), ("entrez", cells.entrez_year)):
        insert(
            summary_topic_years,
            ["topic_id", "basis", "year", "records", "evidence_records"],
            sa.select(cells.topic_id, sa.literal(basis, sa.String(16)), year, records, evidence)
            .where(year.is_not(None))
            .group_by(cells.topic_id, year),
        )


def _insert_store_rows(insert: _Insert) -> None:
    """The whole store (scope "store", id ""): each record once, first seen at its earliest
    link anywhere; the overview's headline totals, which topic rows cannot be summed into.
    Only the article's own claims count here: context claims are not its evidence."""
    r = _store_records.c
    store, everything = sa.literal(STORE_SCOPE, sa.String(8)), sa.literal("", sa.String(200))
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


def _insert_claim_rows(insert: _Insert) -> None:
    """Every claim row of the summaries. One pass over the links groups them by claim,
    design and seen_as_new (a few thousand rows); the claim rows of summary_records,
    summary_first_seen and summary_claim_designs are sums of it. The publication dates are
    a pass of their own: grouping by date as well makes the facts some 200,000 rows and
    their sort dearer than a second pass (bench/dashboard.py)."""
    facts = _claim_facts.c
    claim = sa.literal("claim", sa.String(8))
    insert(
        summary_records,
        _RECORDS_COLUMNS,
        sa.select(claim, facts.claim_id, *_summed_columns(facts)).group_by(facts.claim_id),
    )
    insert(
        summary_first_seen,
        ["scope", "scope_id", "first_seen", "records", "evidence_records"],
        sa.select(
            claim, facts.claim_id, facts.first_seen, _total(facts.records), _total(facts.evidence)
        ).group_by(facts.claim_id, facts.first_seen),
    )
    insert(
        summary_claim_designs,
        ["claim_id", "design", "records"],
        sa.select(facts.claim_id, facts.design, _total(facts.records)).group_by(
            facts.claim_id, facts.design
        ),
    )
    links = _link_facts.c
    insert(
        summary_pub_dates,
        ["scope", "scope_id", "pub_date", "records", "evidence_records"],
        sa.select(claim, links.claim_id, links.pub_date, sa.func.count(), _total(links.evidence))
        .where(links.pub_date.is_not(None))
        .group_by(links.claim_id, links.pub_date),
    )


def _rebuild(conn: Connection, table: sa.Table, select: sa.Select) -> None:
    """(Re)create a temporary table and fill it from `select`, column for column."""
    conn.execute(sa.schema.DropTable(table, if_exists=True))
    conn.execute(sa.schema.CreateTable(table))
    conn.execute(table.insert().from_select([c.name for c in table.columns], select))


def _fill_link_facts(conn: Connection) -> None:
    """Every live link once, with the conditions of store.evidence evaluated on it: the one
    pass over the links (and their articles and claims) that the whole refresh makes."""
    baselines = claim_baselines()
    select = (
        sa.select(
            claim_articles.c.claim_id,
            claims.c.topic_id,
            claim_articles.c.pmid,
            seen_as_new(baselines),
            articles.c.study_design,
            _high_level(),
            _evidence("claim"),
            _evidence("topic"),
            _evidence("store"),
            _flag(article_condition()),
            _flag(articles.c.retracted.is_(True)),
            _flag(articles.c.concern.is_(True)),
            articles.c.pub_date,
            year_of("publication"),
            year_of("entrez"),
        )
        .select_from(with_baselines(live_links(), baselines))
        .where(live_condition())
    )
    _rebuild(conn, _link_facts, select)


def _fill_topic_records(conn: Connection) -> None:
    """The one de-duplication: (topic, PMID) pairs with the record's earliest seen_as_new
    in the topic (store.evidence.novelty: BASELINE when any of its links there is a baseline
    link), whether one of its links there is high-level or on an article claim, and the
    fields that are the same on each of its links in the topic. Those are grouped by, not
    aggregated: the same groups, and SQLite's sort carries them for free where max() on
    each cost a second per million links (bench/dashboard.py)."""
    links = _link_facts.c
    same = (
        links.topic_evidence,
        links.store_evidence,
        links.retracted,
        links.concern,
        links.pub_date,
        links.pub_year,
        links.entrez_year,
    )
    select = sa.select(
        links.topic_id,
        links.pmid,
        sa.func.min(links.first_seen),
        sa.func.max(links.high_level),
        *same[:2],
        sa.func.max(links.article),
        *same[2:],
    ).group_by(links.topic_id, links.pmid, *same)
    _rebuild(conn, _topic_records, select)


def _fill_topic_cells(conn: Connection) -> None:
    """The topic's records counted per (first seen, publication date, years): one sort of
    the (topic, PMID) pairs instead of one per summary table (the cells are far fewer than
    the pairs: many records share a day and a night's fetch)."""
    per_topic = _topic_records.c
    keys = (
        per_topic.topic_id,
        per_topic.first_seen,
        per_topic.pub_date,
        per_topic.pub_year,
        per_topic.entrez_year,
    )
    select = sa.select(
        *keys,
        *_records_columns(
            per_topic.high_level, per_topic.evidence, per_topic.retracted, per_topic.concern
        ),
    ).group_by(*keys)
    _rebuild(conn, _topic_cells, select)


def _fill_store_records(conn: Connection) -> None:
    """Each record once over the article claims' topics: first seen at its earliest link
    there, high-level when it is in one of them; the rest is the record's own."""
    per_topic = _topic_records.c
    same = (per_topic.store_evidence, per_topic.retracted, per_topic.concern)
    select = (
        sa.select(
            per_topic.pmid,
            sa.func.min(per_topic.first_seen),
            sa.func.max(per_topic.high_level),
            *same,
        )
        .where(per_topic.article == 1)
        .group_by(per_topic.pmid, *same)
    )
    _rebuild(conn, _store_records, select)


def _fill_claim_facts(conn: Connection) -> None:
    """Live links counted per (claim, design, seen_as_new), with their 0/1 flags summed."""
    links = _link_facts.c
    keys = (links.claim_id, links.design, links.first_seen)
    select = sa.select(
        *keys,
        *_records_columns(links.high_level, links.evidence, links.retracted, links.concern),
    ).group_by(*keys)
    _rebuild(conn, _claim_facts, select)


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
