"""`littrack status`: the exit code a monitoring check relies on, for every database state.

Rows are written straight into the tables for states a real fetch cannot produce on demand
(a run 3 days old); the real fetch path, through the emulator, covers good and failed runs.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from fetchers.cli import cli
from store.db.connect import open_engine
from tests.support.ops_helpers import (
    add_article,
    add_claim,
    add_run,
    add_topic,
    hours_ago,
    isolate_ops_env,
    link,
)

HEALTHY, FAILED, STALE, NO_DATA = 0, 1, 2, 3


@pytest.fixture(autouse=True)
def home(monkeypatch, tmp_path):
    return isolate_ops_env(monkeypatch, tmp_path)


@pytest.fixture
def engine(db_url):
    engine = open_engine(db_url)
    add_topic(engine, "t1", "Topic one")
    add_claim(engine, "c-a", "t1", "Claim A", 0)
    add_claim(engine, "c-b", "t1", "Claim B", 1)
    yield engine
    engine.dispose()


def status(runner, url, *args):
    result = runner.invoke(cli, ["status", "--db", url, *args])
    assert "Traceback" not in result.output
    return result


OK_COUNTS = {"c-a": ("ok", ""), "c-b": ("ok", "")}


def test_healthy(runner, engine, db_url):
    add_run(engine, "ok", 60, counts=OK_COUNTS)
    add_run(engine, "ok", 2, counts=OK_COUNTS)
    result = status(runner, db_url)
    assert result.exit_code == HEALTHY, result.output
    assert result.output.startswith("littrack status: OK")
    assert "\n0 records, 0 claim links, 2 claims in 1 topic\n" in result.output


def test_totals_line_counts_records_links_and_claims(runner, engine, db_url):
    """One record linked to both claims; a record whose only link was dropped is stored but
    is not a record (the dashboard's definition: distinct records with a live link)."""
    add_article(engine, 111, "Shared record")
    add_article(engine, 222, "Dropped record")
    link(engine, "c-a", 111, hours_ago(5))
    link(engine, "c-b", 111, hours_ago(5))
    link(engine, "c-b", 222, hours_ago(50), dropped_at=hours_ago(3))
    add_run(engine, "ok", 2, counts=OK_COUNTS)
    result = status(runner, db_url)
    assert "\n1 record, 2 claim links, 2 claims in 1 topic\n" in result.output
    report = json.loads(status(runner, db_url, "--json").output)
    assert report["totals"] == {
        "topics": 1,
        "claims": 2,
        "records": 1,
        "all_records": 1,
        "links": 2,
    }


def test_totals_count_evidence_and_show_raw_retrieval_beside(runner, engine, db_url):
    add_article(engine, 111, "A trial", study_design="rct")
    add_article(engine, 222, "A letter", study_design="non-evidence")
    add_article(engine, 333, "A retracted trial", study_design="rct", retracted=True)
    for pmid in (111, 222, 333):
        link(engine, "c-a", pmid, hours_ago(5))
    add_run(engine, "ok", 2, counts=OK_COUNTS)
    result = status(runner, db_url)
    assert "\n1 record (3 with non-evidence and retracted), 3 claim links," in result.output
    report = json.loads(status(runner, db_url, "--json").output)
    assert (report["totals"]["records"], report["totals"]["all_records"]) == (1, 3)


def test_last_run_failed(runner, engine, db_url):
    add_run(engine, "ok", 30, counts=OK_COUNTS)
    add_run(engine, "failed", 1, claims_failed=2, message="esearch: gave up after 6 tries")
    result = status(runner, db_url)
    assert result.exit_code == FAILED, result.output
    assert "FAILED" in result.output and "gave up after 6 tries" in result.output


def test_partial_run_counts_as_failed_and_names_the_claim(runner, engine, db_url):
    add_run(engine, "ok", 30, counts=OK_COUNTS)
    add_run(
        engine,
        "partial",
        1,
        claims_failed=1,
        counts={"c-a": ("ok", ""), "c-b": ("failed", "esearch: unbalanced parenthesis")},
    )
    result = status(runner, db_url, "--json")
    report = json.loads(result.output)
    assert result.exit_code == FAILED
    assert report["status"] == "failed"
    assert report["failed_claims"] == ["c-b"]
    by_id = {c["claim_id"]: c for c in report["claims"]}
    assert by_id["c-b"]["last_error"] == "esearch: unbalanced parenthesis"
    assert by_id["c-a"]["fresh"] is True
    # c-b last succeeded in the run 30 h ago: still within 36 h, not within 12 h.
    assert by_id["c-b"]["fresh"] is True
    report = json.loads(status(runner, db_url, "--json", "--stale-hours", "12").output)
    assert {c["claim_id"]: c["fresh"] for c in report["claims"]} == {"c-a": True, "c-b": False}


def test_stale(runner, engine, db_url):
    add_run(engine, "ok", 72, counts=OK_COUNTS)
    result = status(runner, db_url)
    assert result.exit_code == STALE, result.output
    assert "72 h old" in result.output
    assert status(runner, db_url, "--stale-hours", "80").exit_code == HEALTHY


def test_a_threshold_under_an_hour_is_not_shown_as_0_h(runner, engine, db_url):
    add_run(engine, "ok", 0.5, counts=OK_COUNTS)  # 30 minutes ago
    result = status(runner, db_url, "--stale-hours", "0.001")
    assert result.exit_code == STALE, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("littrack status: STALE - data is 30 min old (last successful fetch ")
    assert first.endswith("; threshold 4 s)")


def test_a_running_run_is_ignored_for_the_verdict(runner, engine, db_url):
    add_run(engine, "ok", 3, counts=OK_COUNTS)
    add_run(engine, "running", None)
    result = status(runner, db_url, "--json")
    report = json.loads(result.output)
    assert result.exit_code == HEALTHY
    assert report["last_runs"][0]["status"] == "running"


def test_empty_database(runner, engine, db_url):
    result = status(runner, db_url)
    assert result.exit_code == NO_DATA
    assert "no fetch has finished yet" in result.output


def test_missing_sqlite_file(runner, tmp_path):
    path = tmp_path / "nothing-here.sqlite"
    result = status(runner, str(path))
    assert result.exit_code == NO_DATA
    assert "no such database" in result.output
    assert not path.exists()  # status never creates a database


def test_database_without_tables(runner, tmp_path):
    path = tmp_path / "other.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE unrelated (x INTEGER)"))
    engine.dispose()
    result = status(runner, str(path), "--json")
    assert result.exit_code == NO_DATA
    assert json.loads(result.output)["status"] == "no-data"


def test_next_scheduled_run_comes_from_the_crontab(runner, engine, db_url, tmp_path):
    add_run(engine, "ok", 1, counts=OK_COUNTS)
    crontab = tmp_path / "crontab"
    result = runner.invoke(
        cli,
        [
            "schedule",
            "install",
            "--crontab-file",
            str(crontab),
            "--at",
            "23:40",
            "--timezone",
            "UTC",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(status(runner, db_url, "--json").output)
    assert report["schedule"]["next_run"].startswith(("20", "21"))
    assert report["schedule"]["next_run"].endswith("T23:40:00+00:00")
    assert report["schedule"]["installed"][0]["kind"] == "cron"
    text = status(runner, db_url).output
    assert "Next scheduled run:" in text and "23:40 UTC" in text


def test_password_in_database_url_is_masked(runner, tmp_path):
    url = "postgresql+psycopg://lit:hunter2-secret@127.0.0.1:1/none"
    result = status(runner, url, "--json")
    assert result.exit_code == NO_DATA
    assert "hunter2-secret" not in result.output


# --- through the real fetch path ------------------------------------------------------------


def _fetch(db_url, emulator, **kwargs):
    from fetchers.job.run import run_fetch
    from fetchers.outline.load import load_outline
    from tests.support.fixtures_fetched import SMALL_OUTLINE, emulator_client

    engine = open_engine(db_url)
    client = emulator_client(emulator, max_tries=2)
    try:
        return run_fetch(engine, load_outline(SMALL_OUTLINE), client, year_counts=False, **kwargs)
    finally:
        client.close()
        engine.dispose()


def test_status_after_real_fetch_runs(runner, eutils_emulator, sqlite_url):
    import time

    first = _fetch(sqlite_url, eutils_emulator)
    assert first.status == "ok"
    result = status(runner, sqlite_url, "--json")
    report = json.loads(result.output)
    assert result.exit_code == HEALTHY, result.output
    assert report["last_runs"][0]["run_id"] == first.run_id
    assert report["totals"]["claims"] == len(first.claims)
    assert sorted(c["claim_id"] for c in report["claims"]) == sorted(
        c.claim_id for c in first.claims
    )
    by_id = {c["claim_id"]: c for c in report["claims"]}
    for claim in first.claims:
        assert by_id[claim.claim_id]["count"] == claim.count

    # One claim's searches fail (NCBI's HTTP-200 error, twice = every try): a partial run.
    eutils_emulator.add_fault("error_200", "esearch", times=2)
    second = _fetch(sqlite_url, eutils_emulator)
    assert second.status == "partial" and len(second.failed) == 1
    result = status(runner, sqlite_url, "--json")
    report = json.loads(result.output)
    assert result.exit_code == FAILED
    assert report["failed_claims"] == [second.failed[0].claim_id]

    # Every search fails: a failed run.
    eutils_emulator.add_fault("http_503", "esearch", times=None)
    third = _fetch(sqlite_url, eutils_emulator)
    assert third.status == "failed"
    assert status(runner, sqlite_url).exit_code == FAILED

    # PubMed is back: healthy again; and stale once the threshold is shorter than the age.
    eutils_emulator.clear_faults()
    assert _fetch(sqlite_url, eutils_emulator).status == "ok"
    assert status(runner, sqlite_url).exit_code == HEALTHY
    time.sleep(1.1)
    assert status(runner, sqlite_url, "--stale-hours", "0.0002").exit_code == STALE
