"""store/fetch/summaries.py: the fetch job's summary tables give the dashboard exactly the numbers
of the live queries, on SQLite and PostgreSQL, after every kind of run; and the read side
falls back to the live queries whenever the summaries are missing or behind.

"Live" numbers are the same store.read.overview / store.read.runs functions with the
summaries out of the way (the marker row removed, which is also the fallback under test);
where an independent source exists (the emulator's own query evaluator) the summaries are
checked against it too.
"""

from __future__ import annotations

import shutil
import time
from datetime import timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from fetchers.job.run import run_fetch
from fetchers.outline.load import load_outline
from store.db.connect import open_engine, parse_utc, utcnow
from store.db.schema import (
    claim_articles,
    summary_first_seen,
    summary_pub_dates,
    summary_records,
    summary_refresh,
    summary_topic_years,
)
from store.evidence import counting as queries
from store.fetch import writes
from store.fetch.summaries import SUMMARY_TABLES, refresh_summaries
from store.read import evidence_map, overview, runs
from tests.support.dashboard_seed import OUTLINE as SEED_OUTLINE
from tests.support.dashboard_seed import RUN2_AT, build_seed
from tests.support.fixtures_fetched import LATE_INDEXED_PMID, SMALL_OUTLINE, emulator_client

# -- helpers -----------------------------------------------------------------------------------


def _nows(engine) -> list[str]:
    """Moments to read at: now, and exactly 7 and 30 days after the newest live link's
    first_seen (the cut-offs' edges, where `>=` decides)."""
    with engine.connect() as conn:
        newest = conn.execute(
            sa.select(sa.func.max(claim_articles.c.first_seen)).where(
                claim_articles.c.dropped_at.is_(None)
            )
        ).scalar()
    edge = parse_utc(newest)
    return [utcnow()] + [(edge + timedelta(days=d)).strftime("%Y-%m-%dT%H:%M:%SZ") for d in (7, 30)]


def _numbers(engine, nows: list[str]) -> dict:
    out: dict = {"status": runs.claim_fetch_status(engine)}
    # Evidence counts (the default) under the plain keys, raw retrieval with "all" appended.
    for raw in (False, True):
        tail = ("all",) if raw else ()
        for now in nows:
            topics = overview.topic_overview(engine, now=now, all_records=raw)
            out[("topics", now, *tail)] = topics
            out[("claims", now, *tail)] = overview.claim_overview(engine, now=now, all_records=raw)
            first = topics["topic_id"].iloc[0]
            out[("claims of", first, now, *tail)] = overview.claim_overview(
                engine, topic_id=first, now=now, all_records=raw
            )
        for basis in queries.DATE_BASES:
            out[("years", basis, *tail)] = overview.topic_year_counts(
                engine, basis=basis, all_records=raw
            )
    out["evidence map"] = evidence_map.evidence_map(engine)
    return out


def _live_numbers(engine, nows: list[str]) -> dict:
    with engine.begin() as conn:
        saved = [dict(r) for r in conn.execute(sa.select(summary_refresh)).mappings()]
        conn.execute(summary_refresh.delete())
    try:
        with engine.connect() as conn:
            assert not queries.summaries_current(conn)
        return _numbers(engine, nows)
    finally:
        if saved:
            with engine.begin() as conn:
                conn.execute(summary_refresh.insert(), saved)


def assert_summaries_equal_live(
    engine, nows: list[str] | None = None, *, expect_new: bool = True
) -> dict:
    """Summary-backed numbers == live numbers at several `now`s; returns the former.
    `expect_new=False` after a store's first fetch: every link is a baseline link."""
    with engine.connect() as conn:
        assert queries.summaries_current(conn)
    nows = nows or _nows(engine)
    shown = _numbers(engine, nows)
    live = _live_numbers(engine, nows)
    assert shown.keys() == live.keys()
    for key, frame in shown.items():
        pd.testing.assert_frame_equal(frame, live[key], obj=str(key))
    # Not an empty comparison: records, new links and years are there to be counted.
    claims = shown[("claims", nows[1])]
    assert claims["records"].sum() > 0
    assert (claims["new_7d"].sum() > 0) == expect_new
    assert len(shown[("years", "publication")]) > 0
    return shown


def _marker_run(engine) -> int | None:
    with engine.connect() as conn:
        return conn.execute(sa.select(summary_refresh.c.run_id)).scalar()


def _summary_records(engine, scope: str) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(summary_records.c.scope_id, summary_records.c.records).where(
                summary_records.c.scope == scope
            )
        )
        return {scope_id: int(n) for scope_id, n in rows}


@pytest.fixture
def engine(db_url):
    engine = open_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def small():
    return load_outline(SMALL_OUTLINE)


def _expected_ids(emulator, outline) -> dict[str, set[int]]:
    return {c.claim_id: set(emulator.search_ids(c.query)) for c in outline.claims}


def _check_against_emulator(engine, emulator, outline) -> None:
    """Records per claim and per topic equal the emulator's own answer sets."""
    expected = _expected_ids(emulator, outline)
    claims = _summary_records(engine, "claim")
    assert claims == {cid: len(ids) for cid, ids in expected.items() if ids}
    topics = _summary_records(engine, "topic")
    for topic in outline.topics:
        union = set().union(*(expected[c.claim_id] for c in topic.claims))
        assert topics.get(topic.topic_id, 0) == len(union)


# -- the real fetch path -----------------------------------------------------------------------


def test_fetch_refreshes_summaries_equal_to_live_and_to_the_emulator(
    engine, eutils_emulator, small
):
    summary = run_fetch(engine, small, emulator_client(eutils_emulator), year_counts=False)
    assert summary.status == "ok"
    assert _marker_run(engine) == summary.run_id
    _check_against_emulator(engine, eutils_emulator, small)
    # The first fetch is every claim's baseline: nothing is new, however recent.
    shown = assert_summaries_equal_live(engine, expect_new=False)
    topic_frames = [frame for key, frame in shown.items() if key[0] == "topics"]
    assert len(topic_frames) == 6  # three moments, on evidence and on every record
    assert all(frame["new_30d"].sum() == 0 for frame in topic_frames)


def test_second_run_with_a_dropped_link_and_a_late_match(engine, eutils_emulator, small):
    client = emulator_client(eutils_emulator)
    first = run_fetch(engine, small, client, year_counts=False)
    before = _summary_records(engine, "claim")
    expected = _expected_ids(eutils_emulator, small)
    gone = min(expected["ketamine-depression"])
    assert LATE_INDEXED_PMID not in expected["ketamine-any"]
    eutils_emulator.remove_record(gone)
    eutils_emulator.modify_record(LATE_INDEXED_PMID, add_mesh=["Ketamine"])
    time.sleep(1.1)  # 1 s timestamps: night two's first_seen must differ
    second = run_fetch(engine, small, client, year_counts=False)
    assert second.status == "ok" and _marker_run(engine) == second.run_id != first.run_id
    after = _summary_records(engine, "claim")
    assert after["ketamine-depression"] == before["ketamine-depression"] - 1
    lost = gone in expected["ketamine-any"]  # the depression query implies ketamine[tiab]
    assert after["ketamine-any"] == before["ketamine-any"] - lost + 1
    _check_against_emulator(engine, eutils_emulator, small)
    shown = assert_summaries_equal_live(engine)
    # The late record is new in its topic on night two only: at night two's start + 7 days
    # exactly, that run's links are still "new in 7 days" (>=), night one's are not.
    edge = _nows(engine)[1]
    topics = shown[("topics", edge)].set_index("topic_id")
    assert topics.loc["ketamine-general", "new_7d"] == 1


def test_claim_filtered_and_failed_runs_refresh_too(engine, eutils_emulator, small):
    client = emulator_client(eutils_emulator, max_tries=1)
    run_fetch(engine, small, client, year_counts=False)
    before = _summary_records(engine, "claim")
    gone = min(_expected_ids(eutils_emulator, small)["ketamine-depression"])
    eutils_emulator.remove_record(gone)
    only = run_fetch(engine, small, client, claim_ids=["ketamine-depression"], year_counts=False)
    assert _marker_run(engine) == only.run_id
    # Only the named claim was searched again: it lost the record, the others keep theirs.
    after = _summary_records(engine, "claim")
    assert after == before | {"ketamine-depression": before["ketamine-depression"] - 1}
    # Dropping links adds nothing new; the first run was the baseline.
    assert_summaries_equal_live(engine, expect_new=False)

    eutils_emulator.add_fault("http_500", "esearch", times=None)
    failed = run_fetch(engine, small, client, year_counts=False)
    assert failed.status == "failed"
    assert _marker_run(engine) == failed.run_id
    assert_summaries_equal_live(engine, expect_new=False)


def test_database_filled_by_two_fetch_nights(fetched_db_url, tmp_path):
    # A copy: the session database is shared and read-only for tests.
    source = sa.engine.make_url(fetched_db_url).database
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(source, copy)
    engine = open_engine(f"sqlite:///{copy}", create=False)
    try:
        with engine.connect() as conn:
            runs = conn.execute(sa.text("SELECT max(run_id) FROM fetch_runs")).scalar()
        assert _marker_run(engine) == runs == 2
        shown = assert_summaries_equal_live(engine)
        # Both nights' records are there: the late-indexed one of night two among them.
        claims = shown[("claims", _nows(engine)[1])]
        assert claims["records"].sum() > claims["new_7d"].sum() > 0
    finally:
        engine.dispose()


# -- the seeded store: written without the fetch job, so no summaries until refreshed ----------


def test_seed_falls_back_to_live_until_refreshed(db_url):
    seed = build_seed(db_url)
    engine = open_engine(db_url, create=False)
    try:
        with engine.connect() as conn:
            assert not queries.summaries_current(conn)
        nows = _nows(engine)
        live = _numbers(engine, nows)
        with engine.begin() as conn:
            refresh_summaries(conn, now=RUN2_AT)
        assert _marker_run(engine) == seed.run_ids[1]
        shown = assert_summaries_equal_live(engine, nows)
        for key, frame in live.items():
            pd.testing.assert_frame_equal(frame, shown[key], obj=str(key))
        # And against the seed's own assignment of records to claims.
        claims = _summary_records(engine, "claim")
        assert claims == {cid: len(links) for cid, links in seed.live.items()}
        topics = _summary_records(engine, "topic")
        for topic in SEED_OUTLINE.topics:
            union = set().union(*(seed.live[c.claim_id] for c in topic.claims))
            assert topics[topic.topic_id] == len(union)
    finally:
        engine.dispose()


def test_summaries_behind_a_newer_finished_run_are_not_used(db_url):
    seed = build_seed(db_url)
    engine = open_engine(db_url, create=False)
    try:
        with engine.begin() as conn:
            refresh_summaries(conn, now=RUN2_AT)
        # A run that died after linking (no refresh): one more record for the reviews claim.
        extra = next(
            p
            for p, r in seed.records.items()
            if p not in seed.live["ketamine-reviews"]
            and r.study_design != "non-evidence"
            and not r.retracted
        )
        later = "2026-11-23T03:00:00Z"
        with engine.begin() as conn:
            run = writes.start_run(
                conn, now=later, mode="incremental", outline_path="t", claims_total=1
            )
            live_reviews = list(seed.live["ketamine-reviews"]) + [extra]
            writes.link_claim(
                conn, "ketamine-reviews", live_reviews, run_id=run, now=later, complete=False
            )
            still_running = queries.summaries_current(conn)
            writes.finish_run(conn, run, now=later, status="interrupted")
        # While a run is still running, the last refresh stands (it is the last finished state).
        assert still_running
        with engine.connect() as conn:
            assert not queries.summaries_current(conn)
        claims = overview.claim_overview(engine).set_index("claim_id")
        assert claims.loc["ketamine-reviews", "records"] == len(seed.live["ketamine-reviews"]) + 1
        # The next refresh catches up.
        with engine.begin() as conn:
            refresh_summaries(conn, now=later)
        assert _marker_run(engine) == run
        assert _summary_records(engine, "claim")["ketamine-reviews"] == len(live_reviews)
        assert_summaries_equal_live(engine)
    finally:
        engine.dispose()


def test_empty_or_missing_summary_tables_fall_back(sqlite_url):
    build_seed(sqlite_url)
    engine = open_engine(sqlite_url, create=False)
    nows = _nows(engine)
    live = _numbers(engine, nows)
    with engine.begin() as conn:
        refresh_summaries(conn, now=RUN2_AT)
        for table in SUMMARY_TABLES:  # emptied (a refresh that never ran)
            conn.execute(table.delete())
        assert not queries.summaries_current(conn)
    for key, frame in _numbers(engine, nows).items():
        pd.testing.assert_frame_equal(frame, live[key], obj=str(key))
    # A store from before the summaries, opened read-only like the dashboard does.
    for table in reversed(SUMMARY_TABLES):
        table.drop(engine)
    engine.dispose()
    engine = open_engine(sqlite_url, create=False)
    try:
        with engine.connect() as conn:
            assert not sa.inspect(conn).has_table("summary_records")
        for key, frame in _numbers(engine, nows).items():
            pd.testing.assert_frame_equal(frame, live[key], obj=str(key))
    finally:
        engine.dispose()


def test_a_rolled_back_refresh_leaves_the_previous_summaries(db_url):
    build_seed(db_url)
    engine = open_engine(db_url, create=False)
    try:
        with engine.begin() as conn:
            refresh_summaries(conn, now=RUN2_AT)

        def snapshot():
            with engine.connect() as conn:
                return {
                    t.name: sorted(map(tuple, conn.execute(sa.select(t))))
                    for t in (summary_records, summary_first_seen, summary_pub_dates,
                              summary_topic_years, summary_refresh)
                }  # fmt: skip

        before = snapshot()
        assert before["summary_records"] and before["summary_topic_years"]
        with pytest.raises(RuntimeError), engine.connect() as conn, conn.begin():
            conn.execute(claim_articles.update().values(dropped_at=RUN2_AT))
            refresh_summaries(conn, now="2026-11-25T00:00:00Z")
            # No topic or claim has a live record any more; the whole store holds none.
            rows = conn.execute(sa.select(summary_records)).all()
            assert [(r.scope, r.scope_id, r.records) for r in rows] == [("store", "", 0)]
            raise RuntimeError("the fetch died here")
        assert snapshot() == before
        # Nothing of the failed refresh (its temporary table) is left in the way of the next.
        with engine.begin() as conn:
            refresh_summaries(conn, now="2026-11-25T00:00:00Z")
        assert snapshot()["summary_records"] == before["summary_records"]
    finally:
        engine.dispose()


def test_the_refresh_puts_the_sqlite_page_cache_back(sqlite_url):
    """The refresh widens SQLite's page cache for its sort (SQLITE_REFRESH_CACHE_KIB) and
    leaves the connection as it found it, so a pooled connection keeps its own setting."""
    from store.fetch.summaries import SQLITE_REFRESH_CACHE_KIB

    build_seed(sqlite_url)
    engine = open_engine(sqlite_url)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA cache_size=-4000")
        seen: list[int] = []

        def during(conn_, cursor, statement, *_args) -> None:
            if statement.startswith("INSERT INTO littrack_topic_records"):
                seen.append(cursor.connection.execute("PRAGMA cache_size").fetchone()[0])

        sa.event.listen(engine, "before_cursor_execute", during)
        refresh_summaries(conn, now=RUN2_AT)
        conn.commit()
        sa.event.remove(engine, "before_cursor_execute", during)
        assert seen == [-SQLITE_REFRESH_CACHE_KIB]
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -4000
        assert conn.exec_driver_sql("PRAGMA temp.cache_size").scalar() != (
            -SQLITE_REFRESH_CACHE_KIB
        )
    engine.dispose()
