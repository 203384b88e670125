"""The fetch job end to end against the E-utilities emulator (real HTTP, real PubMed XML).

Expected sets come from the emulator's own query evaluator (`search_ids`, no 9,999 cap),
never from the code under test.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from fetchers.job.run import run_fetch
from fetchers.outline.load import load_outline
from store.db.connect import open_engine
from store.db.schema import articles, claim_articles, claim_counts, fetch_lock, fetch_runs
from store.errors import FetchLockedError
from store.models import Claim, Outline, Topic
from tests.support.fixtures_fetched import LATE_INDEXED_PMID, emulator_client

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "outlines" / "fetch-small.yaml"
KEY = "test-api-key-0123"


@pytest.fixture
def outline() -> Outline:
    return load_outline(SMALL)


@pytest.fixture
def engine(db_url):
    engine = open_engine(db_url)
    yield engine
    engine.dispose()


def _expected(emulator, outline: Outline) -> dict[str, set[int]]:
    return {c.claim_id: set(emulator.search_ids(c.query)) for c in outline.claims}


def _active_links(engine) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    with engine.connect() as conn:
        for claim_id, pmid in conn.execute(
            sa.select(claim_articles.c.claim_id, claim_articles.c.pmid).where(
                claim_articles.c.dropped_at.is_(None)
            )
        ):
            out.setdefault(claim_id, set()).add(int(pmid))
    return out


def _stored(engine) -> list[int]:
    with engine.connect() as conn:
        return [int(p) for p in conn.execute(sa.select(articles.c.pmid)).scalars()]


def _efetched_ids(emulator) -> list[int]:
    ids: list[int] = []
    for rec in emulator.requests_to("efetch"):
        if rec.status == 200 and not rec.fault:
            ids.extend(int(p) for p in rec.params.get("id", "").split(",") if p)
    return ids


def test_full_fetch_stores_exactly_what_each_query_matches(engine, eutils_emulator, outline):
    expected = _expected(eutils_emulator, outline)
    assert expected["ketamine-any"] and expected["ketamine-depression"]
    assert expected["ketamine-nothing"] == set()
    summary = run_fetch(engine, outline, emulator_client(eutils_emulator), year_counts=False)
    assert summary.status == "ok"
    links = _active_links(engine)
    for claim_id, pmids in expected.items():
        assert links.get(claim_id, set()) == pmids, claim_id
    union = set().union(*expected.values())
    stored = _stored(engine)
    assert sorted(stored) == sorted(union)
    # Records shared by claims were downloaded once.
    fetched = _efetched_ids(eutils_emulator)
    assert sorted(fetched) == sorted(union)
    with engine.connect() as conn:
        counts = dict(conn.execute(sa.select(claim_counts.c.claim_id, claim_counts.c.count)).all())
        run = conn.execute(sa.select(fetch_runs)).one()
    assert counts == {cid: len(p) for cid, p in expected.items()}
    assert run.status == "ok" and run.new_records == len(union)
    assert run.requests == len(eutils_emulator.requests)


def test_second_night_with_nothing_new_costs_one_search_per_claim(engine, eutils_emulator, outline):
    client = emulator_client(eutils_emulator)
    run_fetch(engine, outline, client, year_counts=False)
    eutils_emulator.clear_log()
    summary = run_fetch(engine, outline, client, year_counts=False)
    assert summary.status == "ok"
    assert eutils_emulator.requests_to("efetch") == []
    searches = eutils_emulator.requests_to("esearch")
    assert len(searches) <= 2 * len(outline.claims)
    assert all(c.new == 0 and c.dropped == 0 for c in summary.claims)
    with engine.connect() as conn:
        runs = conn.execute(sa.select(fetch_runs.c.status).order_by(fetch_runs.c.run_id)).all()
        rows = conn.execute(sa.select(sa.func.count()).select_from(claim_counts)).scalar()
    assert [r.status for r in runs] == ["ok", "ok"]
    assert rows == 2 * len(outline.claims)


def test_record_gaining_mesh_is_linked_and_one_losing_the_match_is_dropped(
    engine, eutils_emulator, outline
):
    client = emulator_client(eutils_emulator)
    first = run_fetch(engine, outline, client, year_counts=False)
    assert LATE_INDEXED_PMID not in _active_links(engine)["ketamine-any"]
    gone = min(_active_links(engine)["ketamine-depression"])
    eutils_emulator.modify_record(LATE_INDEXED_PMID, add_mesh=["Ketamine"])
    eutils_emulator.remove_record(gone)
    time.sleep(1.1)
    second = run_fetch(engine, outline, client, year_counts=False)
    links = _active_links(engine)
    assert links == {k: v for k, v in _expected(eutils_emulator, outline).items() if v}
    assert LATE_INDEXED_PMID in links["ketamine-any"]
    with engine.connect() as conn:
        late = conn.execute(
            sa.select(claim_articles).where(claim_articles.c.pmid == LATE_INDEXED_PMID)
        ).one()
        dropped = conn.execute(
            sa.select(claim_articles).where(
                claim_articles.c.pmid == gone, claim_articles.c.claim_id == "ketamine-depression"
            )
        ).one()
        kept = conn.execute(sa.select(articles.c.pmid).where(articles.c.pmid == gone)).all()
    assert late.first_run_id == second.run_id != first.run_id
    assert dropped.dropped_at is not None and dropped.first_run_id == first.run_id
    assert kept  # the record's data stays
    depression = next(c for c in second.claims if c.claim_id == "ketamine-depression")
    assert depression.dropped == 1


def test_changed_query_bumps_version_and_drops_what_no_longer_matches(
    engine, eutils_emulator, outline
):
    client = emulator_client(eutils_emulator)
    run_fetch(engine, outline, client, claim_ids=["ketamine-any"], year_counts=False)
    narrow = Claim("ketamine-any", "ketamine-general", "Narrower.", "ketamine[mh]")
    narrowed = Outline("t", "s", "ketamine", (Topic("ketamine-general", "K", (narrow,)),))
    run_fetch(engine, narrowed, client, year_counts=False)
    before = set(eutils_emulator.search_ids(outline.claims[0].query))
    after = set(eutils_emulator.search_ids("ketamine[mh]"))
    assert after < before
    assert _active_links(engine)["ketamine-any"] == after
    with engine.connect() as conn:
        versions = conn.execute(
            sa.select(claim_counts.c.query_version).order_by(claim_counts.c.run_id)
        ).scalars()
        assert list(versions) == [1, 2]


def test_claim_past_9999_hits_is_retrieved_completely(sqlite_url, eutils_emulator, outline):
    engine = open_engine(sqlite_url)
    eutils_emulator.clone_records(10_100, query="ketamine[mh]")
    expected = set(eutils_emulator.search_ids("ketamine[mh] OR ketamine[tiab]"))
    assert len(expected) > 9_999
    client = emulator_client(eutils_emulator, rate=30.0)
    eutils_emulator.rate_limit_enabled = False
    summary = run_fetch(engine, outline, client, claim_ids=["ketamine-any"], year_counts=False)
    result = summary.claims[0]
    assert result.status == "ok" and result.count == len(expected)
    assert result.retrieved == len(expected) and not result.warnings
    assert _active_links(engine)["ketamine-any"] == expected
    assert any("[uid]" in r.params.get("term", "") for r in eutils_emulator.requests_to("esearch"))
    # The next night: the count matches what is stored, so at most two searches, no efetch.
    eutils_emulator.clear_log()
    again = run_fetch(engine, outline, client, claim_ids=["ketamine-any"], year_counts=False)
    assert again.claims[0].searches <= 2 and again.claims[0].status == "ok"
    assert len(eutils_emulator.requests_to("esearch")) <= 2
    assert eutils_emulator.requests_to("efetch") == []
    engine.dispose()


def test_fault_storm_ends_with_exactly_the_expected_records(sqlite_url, eutils_emulator, outline):
    engine = open_engine(sqlite_url)
    eutils_emulator.clone_records(1_200, query="ketamine[mh]")  # several efetch batches
    eutils_emulator.faults.seed(7)
    for kind in ("http_500", "http_503", "http_429", "truncate", "drop", "empty_body"):
        eutils_emulator.add_fault(kind, probability=0.05, times=None)
    eutils_emulator.add_fault("error_200", "esearch", probability=0.05, times=None)
    eutils_emulator.add_fault("missing_records", "efetch", probability=0.2, times=None, missing=3)
    client = emulator_client(eutils_emulator, max_tries=10)
    summary = run_fetch(engine, outline, client, year_counts=False)
    assert summary.status == "ok", [c.error for c in summary.failed]
    assert summary.retries > 0
    expected = _expected(eutils_emulator, outline)
    assert _active_links(engine) == {k: v for k, v in expected.items() if v}
    assert sorted(_stored(engine)) == sorted(set().union(*expected.values()))
    engine.dispose()


def test_http_200_error_body_fails_the_claim_not_zero_results(engine, eutils_emulator, outline):
    # Every search for the depression claim answers <ERROR>Search Backend failed</ERROR>.
    eutils_emulator.add_fault("error_200", "esearch", nth=3, times=3)
    client = emulator_client(eutils_emulator, max_tries=3)
    summary = run_fetch(engine, outline, client, year_counts=False)
    results = {c.claim_id: c for c in summary.claims}
    failed = results["ketamine-depression"]
    assert failed.status == "failed" and "Search Backend failed" in failed.error
    assert failed.count is None
    assert results["ketamine-any"].status == "ok" and results["ketamine-nothing"].count == 0
    assert summary.status == "partial"
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(claim_counts).where(claim_counts.c.claim_id == "ketamine-depression")
        ).one()
    assert row.status == "failed" and row.count is None


def test_query_with_a_term_pubmed_drops_fails_the_claim_and_keeps_its_links(
    engine, eutils_emulator, outline
):
    client = emulator_client(eutils_emulator)
    run_fetch(engine, outline, client, year_counts=False)
    before = _active_links(engine)["ketamine-depression"]
    # The query is edited with a misspelt word: PubMed would drop it and search the rest,
    # a wider query than the claim's. The claim must fail, not take the wider set.
    claims = [
        Claim(**{**c.__dict__, "query": c.query + " AND antidepresant[tiab]"})
        if c.claim_id == "ketamine-depression"
        else c
        for c in outline.claims
    ]
    edited = Outline(
        title=outline.title,
        source=outline.source,
        subject=outline.subject,
        topics=tuple(
            Topic(t.topic_id, t.title, tuple(c for c in claims if c.topic_id == t.topic_id))
            for t in outline.topics
        ),
        path=outline.path,
    )
    summary = run_fetch(engine, edited, client, year_counts=False)
    results = {c.claim_id: c for c in summary.claims}
    failed = results["ketamine-depression"]
    assert failed.status == "failed"
    assert "phrase not found: antidepresant[tiab]" in failed.error
    assert failed.count is None
    assert results["ketamine-any"].status == "ok"
    assert summary.status == "partial"
    assert _active_links(engine)["ketamine-depression"] == before


def test_second_fetch_in_process_is_refused_while_lock_is_held(engine, eutils_emulator, outline):
    from store.db.lock import acquire_lock, release_lock

    lock = acquire_lock(engine)
    with pytest.raises(FetchLockedError, match="another fetch is running"):
        run_fetch(engine, outline, emulator_client(eutils_emulator), year_counts=False)
    assert eutils_emulator.requests == []
    release_lock(engine, lock)


def test_stale_lock_from_dead_pid_is_taken_over(engine, eutils_emulator, outline):
    import socket

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    with engine.begin() as conn:
        conn.execute(
            fetch_lock.insert().values(
                name="fetch",
                host=socket.gethostname(),
                pid=proc.pid,
                acquired_at="2026-01-01T00:00:00Z",
                heartbeat_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            )
        )
    summary = run_fetch(engine, outline, emulator_client(eutils_emulator), year_counts=False)
    assert summary.status == "ok"
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(fetch_lock)).scalar() == 0


def test_year_counts_fill_pubmed_and_reference_series(sqlite_url, eutils_emulator, outline):
    engine = open_engine(sqlite_url)
    eutils_emulator.rate_limit_enabled = False
    client = emulator_client(eutils_emulator, rate=100.0)
    summary = run_fetch(engine, outline, client, claim_ids=["ketamine-any"])
    assert summary.year_count_requests > 0 and not summary.year_count_errors
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT series, year, count FROM year_counts")).all()
        first_year = conn.execute(
            sa.text("SELECT min(a.pub_year) FROM articles a JOIN claim_articles c USING (pmid)")
        ).scalar()
    series = {s for s, _, _ in rows}
    assert series == {"pubmed", "reference:ketamine-any"}
    pubmed = {y: c for s, y, c in rows if s == "pubmed"}
    assert min(pubmed) == first_year and max(pubmed) == time.gmtime().tm_year
    for year in (first_year, 2020):
        assert pubmed[year] == len(eutils_emulator.search_ids(f"all[sb] AND {year}:{year}[dp]"))
    # A month later nothing is due yet: no more year-count requests.
    again = run_fetch(engine, outline, client, claim_ids=["ketamine-any"])
    assert again.year_count_requests == 0
    engine.dispose()


# --------------------------------------------------------------------------- the CLI


def _cli(args, env_extra, **kwargs):
    env = {**os.environ, "NCBI_API_KEY": KEY, "NCBI_EMAIL": "ops@example.org", **env_extra}
    return subprocess.Popen(
        [sys.executable, "-c", "from fetchers.cli import main; main()", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def _wait_for(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_kill_9_mid_run_then_rerun_loses_nothing(sqlite_url, eutils_emulator, outline):
    eutils_emulator.clone_records(2_600, query="ketamine[mh]")  # six efetch batches
    eutils_emulator.latency = 0.3
    engine = open_engine(sqlite_url)
    args = ["fetch", "--outline", str(SMALL), "--db", sqlite_url, "--no-year-counts"]
    proc = _cli([*args, "--eutils-url", eutils_emulator.url], {})

    def some_committed():
        with engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar() >= 500

    assert _wait_for(some_committed), proc.communicate(timeout=5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored_before = len(_stored(engine))
    expected = _expected(eutils_emulator, outline)
    union = set().union(*expected.values())
    assert 500 <= stored_before < len(union)

    eutils_emulator.latency = 0.0
    eutils_emulator.clear_log()
    summary = run_fetch(engine, outline, emulator_client(eutils_emulator), year_counts=False)
    assert summary.status == "ok"
    assert sorted(_stored(engine)) == sorted(union)
    assert _active_links(engine) == {k: v for k, v in expected.items() if v}
    # Only what the killed run had not committed was downloaded again.
    assert len(_efetched_ids(eutils_emulator)) == len(union) - stored_before
    with engine.connect() as conn:
        runs = conn.execute(sa.select(fetch_runs.c.status).order_by(fetch_runs.c.run_id)).all()
    assert [r.status for r in runs] == ["interrupted", "ok"]
    engine.dispose()


def test_concurrent_cli_fetch_is_refused_with_the_lock_message(sqlite_url, eutils_emulator):
    # The first fetch's first request waits at the emulator's gate: it holds the lock (taken
    # before any request) until the test releases it, however slow the machine.
    eutils_emulator.hold()
    args = ["fetch", "--outline", str(SMALL), "--db", sqlite_url, "--no-year-counts"]
    url = ["--eutils-url", eutils_emulator.url]
    first = _cli([*args, *url], {})
    engine = open_engine(sqlite_url)
    try:
        assert eutils_emulator.held.wait(timeout=240)
        with engine.connect() as conn:
            assert conn.execute(sa.select(fetch_lock.c.pid)).scalar() == first.pid
        second = _cli([*args, *url], {})
        out, err = second.communicate(timeout=60)
        assert second.returncode == 2
        assert err.strip() == (
            f"Error: another fetch is running (pid {first.pid} on host "
            f"{os.uname().nodename} since {err.split(' since ')[1].rstrip(')' + chr(10))})"
        )
        eutils_emulator.release()
        out, err = first.communicate(timeout=240)
        assert first.returncode == 0, err
    finally:
        eutils_emulator.release()
        if first.poll() is None:
            first.kill()
        engine.dispose()


def test_cli_output_exit_codes_and_no_secrets(sqlite_url, eutils_emulator, outline):
    args = ["fetch", "--outline", str(SMALL), "--db", sqlite_url, "--no-year-counts"]
    proc = _cli([*args, "--eutils-url", eutils_emulator.url], {})
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    expected = _expected(eutils_emulator, outline)
    for claim_id, pmids in expected.items():
        assert (
            f"fetch claim={claim_id} count={len(pmids)} new={len(pmids)} dropped=0 searches=1"
            in out
        )
    assert "requests " in out and "efetch batches 1" in out
    assert KEY not in out + err and "ops@example.org" not in out + err
    # Every request carried tool, email and the key (in the POST body, not the URL).
    for rec in eutils_emulator.requests:
        assert rec.method == "POST"
        assert rec.params["tool"] == "littrack"
        assert rec.params["email"] == "ops@example.org" and rec.params["api_key"] == KEY

    bad = _cli([*args, "--claim", "no-such-claim", "--eutils-url", eutils_emulator.url], {})
    out, err = bad.communicate(timeout=60)
    assert bad.returncode == 2
    assert err.strip() == f"Error: {SMALL}: no claim with id 'no-such-claim'"


def test_cli_exit_1_when_a_claim_fails_and_key_is_masked(sqlite_url, eutils_emulator):
    eutils_emulator.add_fault("http_503", "esearch", times=None)
    args = ["fetch", "--outline", str(SMALL), "--db", sqlite_url, "--no-year-counts"]
    proc = _cli([*args, "--claim", "ketamine-any", "--eutils-url", eutils_emulator.url], {})
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1
    assert "fetch claim=ketamine-any count=None" in out and "status=failed" in out
    assert "HTTP 503" in out and "api_key=%2A%2A%2A" in out
    assert KEY not in out + err and "ops@example.org" not in out + err


def test_not_yet_indexed_records_are_fetched_again_weekly_and_gain_their_design(
    sqlite_url, eutils_emulator, outline
):
    engine = open_engine(sqlite_url)
    client = emulator_client(eutils_emulator)
    run_fetch(engine, outline, client, claim_ids=["ketamine-any"], year_counts=False)
    with engine.connect() as conn:
        pending = conn.execute(
            sa.select(articles.c.pmid, articles.c.study_design).where(
                articles.c.citation_status != "MEDLINE", articles.c.study_design == "other"
            )
        ).all()
    assert pending, "the ketamine samples hold records not yet MEDLINE-indexed"
    pmid = int(pending[0].pmid)
    # Indexing arrives at PubMed: the record becomes an RCT.
    eutils_emulator.modify_record(pmid, add_publication_types=["Randomized Controlled Trial"])

    # A night later nothing is due yet: the record was fetched less than a week ago.
    eutils_emulator.clear_log()
    run_fetch(engine, outline, client, claim_ids=["ketamine-any"], year_counts=False)
    assert pmid not in _efetched_ids(eutils_emulator)

    # A week on (the sample's entry date moved into the last year, as for a new record).
    week_ago = "2000-01-01T00:00:00Z"
    with engine.begin() as conn:
        conn.execute(
            sa.update(articles)
            .where(articles.c.citation_status != "MEDLINE")
            .values(fetched_at=week_ago, entrez_date=time.strftime("%Y-%m-%d"))
        )
        due = conn.execute(
            sa.select(sa.func.count()).where(articles.c.citation_status != "MEDLINE")
        ).scalar()
    eutils_emulator.clear_log()
    summary = run_fetch(engine, outline, client, claim_ids=["ketamine-any"], year_counts=False)
    assert summary.refetched == due
    assert pmid in _efetched_ids(eutils_emulator)
    with engine.connect() as conn:
        row = conn.execute(sa.select(articles).where(articles.c.pmid == pmid)).one()
    assert row.study_design == "rct"
    assert "Randomized Controlled Trial" in row.publication_types
    assert row.fetched_at != week_ago
    engine.dispose()
