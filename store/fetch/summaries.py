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
new summaries, never a mix), computed by INSERT ... SELECT on the database itself, in the
passes of store/fetch/summary_passes.py. It reads the million links once: every live link
goes into a temporary table with the counting rules of store.evidence evaluated on it
(its article found in a narrow copy of the live articles). The topic pass de-duplicates
(topic, PMID) from that into a second one and counts those per (first seen, record dates)
into a third, which every topic row sums; the whole store's rows sum a fourth, each record
of an article claim once; the claim pass groups the links by (claim, design, "new" moment)
into a fifth, and by (claim, record dates) into a sixth. Every GROUP BY is a sort in
SQLite, and sorting on a few strings costs about twice what sorting on one integer does,
so the claims, topics, "new" moments, designs and dates are numbered first and the large
passes group by one packed integer; the results get their ids and dates back at the end
(bench/RESULTS.md, dashboard). Before counting, the refresh recomputes which records are
superseded (store.evidence.count_once). A run that dies before its end leaves the summaries
behind its links; `summary_refresh.run_id` says which run they reflect and readers fall
back to the live queries until the next fetch refreshes them.

Always the whole store, never only the claims a run touched: a nightly run fetches every
claim, one record re-fetched for one claim (now retracted, or a design read anew) changes
the numbers of every claim and topic it is linked to, a new journal version changes which
records count once anywhere, and the store-wide row de-duplicates over all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store.db.schema import (
    fetch_runs,
    summary_claim_designs,
    summary_first_seen,
    summary_pub_dates,
    summary_records,
    summary_refresh,
    summary_topic_years,
)
from store.evidence.count_once import refresh_superseded
from store.evidence.counting import total
from store.fetch import summary_passes as passes
from store.fetch import summary_tables as temporary
from store.fetch.summary_passes import SUMS

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


#: summary_records columns, filled from per-record 0/1 flags (summary_passes.records_columns).
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


#: The refresh's temporary tables, dropped at its end (and before, where it can).
_TEMPORARY = (
    temporary.claim_keys,
    temporary.seen_keys,
    temporary.article_rows,
    temporary.article_facts,
    temporary.design_keys,
    temporary.date_keys,
    temporary.link_facts,
    temporary.topic_records,
    temporary.topic_cells,
    temporary.store_records,
    temporary.claim_facts,
    temporary.claim_dates,
)


def _drop(conn: Connection, *tables: sa.Table) -> None:
    for table in tables:
        conn.execute(sa.schema.DropTable(table, if_exists=True))


def _refresh(conn: Connection, now: str) -> dict[str, int]:
    for table in SUMMARY_TABLES:
        # A DML statement first: it is what makes pysqlite open the transaction, so the
        # temporary tables below are created inside it and vanish on a rollback.
        conn.execute(table.delete())
    written: dict[str, int] = {}
    refresh_superseded(conn)  # one study counted once: before anything is counted

    def insert(table: sa.Table, columns: list[str], select: sa.Select) -> None:
        result = conn.execute(table.insert().from_select(columns, select))
        written[table.name] = written.get(table.name, 0) + max(result.rowcount, 0)

    passes.fill_keys(conn)
    passes.fill_article_facts(conn)
    sizes = passes.sizes(conn)
    passes.fill_link_facts(conn)
    passes.fill_topic_records(conn, sizes)
    passes.fill_topic_cells(conn, sizes)
    _insert_topic_rows(insert)
    passes.fill_store_records(conn)
    _drop(conn, temporary.topic_records, temporary.topic_cells)
    _insert_store_rows(insert)
    # A claim's records are its live links ((claim_id, pmid) is the key): no de-duplication.
    passes.fill_claim_facts(conn, sizes)
    passes.fill_claim_dates(conn, sizes)
    _drop(conn, temporary.link_facts, temporary.article_facts, temporary.store_records)
    _insert_claim_rows(insert)
    _drop(conn, *_TEMPORARY)

    newest = conn.execute(sa.select(sa.func.max(fetch_runs.c.run_id))).scalar()
    conn.execute(summary_refresh.insert().values(name=MARKER, run_id=newest or 0, refreshed_at=now))
    return written


def _summed_columns(cells: sa.ColumnCollection) -> list[sa.ColumnElement]:
    """records, high_level, evidence_records, evidence_high_level, retracted, concern of a
    group of cells (topic_cells, claim_facts: counts already)."""
    return [total(cells[name]) for name in SUMS]


def _insert_topic_rows(insert: _Insert) -> None:
    """Every topic row of the summaries: sums over the topic's cells."""
    cells = temporary.topic_cells.c
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
    r = temporary.store_records.c
    store, everything = sa.literal(STORE_SCOPE, sa.String(8)), sa.literal("", sa.String(200))
    insert(
        summary_records,
        _RECORDS_COLUMNS,
        sa.select(
            store,
            everything,
            *passes.records_columns(r.high_level, r.evidence, r.retracted, r.concern),
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
    facts = temporary.claim_facts.c
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
            claim,
            facts.claim_id,
            facts.first_seen,
            total(facts.records),
            total(facts.evidence),
        ).group_by(facts.claim_id, facts.first_seen),
    )
    insert(
        summary_claim_designs,
        ["claim_id", "design", "records"],
        sa.select(facts.claim_id, facts.design, total(facts.records)).group_by(
            facts.claim_id, facts.design
        ),
    )
    dates, keys = temporary.claim_dates.c, temporary.claim_keys.c
    pub_date = temporary.date_keys.c.pub_date
    insert(
        summary_pub_dates,
        ["scope", "scope_id", "pub_date", "records", "evidence_records"],
        sa.select(claim, keys.claim_id, pub_date, sa.func.sum(dates.records),
                  sa.func.sum(dates.evidence))
        .select_from(
            temporary.claim_dates.join(temporary.claim_keys, keys.claim_no == dates.claim_no)
            .join(temporary.date_keys, temporary.date_keys.c.date_no == dates.date_no)
        )
        .where(pub_date.is_not(None))
        .group_by(keys.claim_id, pub_date),
    )  # fmt: skip


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
