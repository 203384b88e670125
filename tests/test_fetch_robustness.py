"""What a night can throw at a fetch beyond network faults: a stolen lock, a rejected API
key, a refresh that fails, two first runs at once, PubMed silently widening a query, and new
records on a claim past the 9,999 cap. All against the emulator (real HTTP)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from fetchers.job import heartbeat as heartbeat_module
from fetchers.job.run import FetchLockLostError, run_fetch
from fetchers.outline.load import load_outline
from store.db.connect import open_engine
from store.db.schema import articles, claim_articles, claim_counts, fetch_lock, fetch_runs
from store.models import Claim, Outline, Topic
from tests.support.fixtures_fetched import emulator_client

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "outlines" / "fetch-small.yaml"


@pytest.fixture
def outline() -> Outline:
    return load_outline(SMALL)


def _with_query(outline: Outline, claim_id: str, query: str) -> Outline:
    topics = tuple(
        Topic(
            t.topic_id,
            t.title,
            tuple(
                Claim(**{**c.__dict__, "query": query}) if c.claim_id == claim_id else c
                for c in t.claims
            ),
        )
        for t in outline.topics
    )
    return Outline(outline.title, outline.source, outline.subject, topics, outline.path)


def _active(engine, claim_id: str) -> set[int]:
    with engine.connect() as conn:
        return set(
            conn.execute(
                sa.select(claim_articles.c.pmid).where(
                    claim_articles.c.claim_id == claim_id, claim_articles.c.dropped_at.is_(None)
                )
            ).scalars()
        )


def test_a_run_whose_lock_was_taken_over_stops_writing(
    sqlite_url, eutils_emulator, outline, monkeypatch
):
    monkeypatch.setattr(heartbeat_module, "HEARTBEAT_EVERY", 0.05)
    engine = open_engine(sqlite_url)
    eutils_emulator.add_fault("slow", "efetch", delay=1.0)

    def take_over(line: str) -> None:
        # Another fetch judged this one dead and took the lock, while efetch is slow.
        if "efetch records=" in line:
            with engine.begin() as conn:
                conn.execute(fetch_lock.delete())

    with pytest.raises(FetchLockLostError):
        run_fetch(engine, outline, emulator_client(eutils_emulator), log=take_over)
    with engine.connect() as conn:
        run = conn.execute(sa.select(fetch_runs)).one()
        links = conn.execute(sa.select(sa.func.count()).select_from(claim_articles)).scalar()
    assert run.status == "failed" and "took over" in run.message
    assert links == 0  # it stopped before the link phase
    engine.dispose()


def test_a_rejected_api_key_never_appears_in_output_or_the_store(
    sqlite_url, eutils_emulator, outline
):
    key = "SECRET-KEY-0123456789abcdef"
    eutils_emulator.rejected_api_keys.add(key)
    engine = open_engine(sqlite_url)
    lines: list[str] = []
    client = emulator_client(eutils_emulator, api_key=key)
    summary = run_fetch(engine, outline, client, log=lines.append, year_counts=False)
    assert summary.status == "failed"
    errors = [c.error for c in summary.claims]
    assert all("HTTP 400" in e and "NCBI_API_KEY" in e for e in errors), errors
    with engine.connect() as conn:
        stored = " ".join(
            str(v)
            for row in conn.execute(sa.select(claim_counts)).all()
            + conn.execute(sa.select(fetch_runs)).all()
            for v in row
        )
    for text in (*lines, *errors, stored):
        assert key not in text
    engine.dispose()


def test_a_failed_refresh_of_stored_records_fails_no_claim(sqlite_url, eutils_emulator, outline):
    engine = open_engine(sqlite_url)
    client = emulator_client(eutils_emulator, max_tries=2)
    run_fetch(engine, outline, client, year_counts=False)
    before = _active(engine, "ketamine-any")
    with engine.begin() as conn:  # stored records due for their weekly refresh
        conn.execute(
            sa.update(articles)
            .where(articles.c.citation_status != "MEDLINE")
            .values(fetched_at="2000-01-01T00:00:00Z", entrez_date=f"{dt.date.today()}")
        )
    eutils_emulator.add_fault("http_503", "efetch", times=None)
    summary = run_fetch(engine, outline, client, year_counts=False)
    assert summary.refetched > 0
    assert summary.status == "ok", [c.error for c in summary.failed]
    assert summary.errors and "efetch batch" in summary.errors[0]
    assert summary.new_records == 0
    assert _active(engine, "ketamine-any") == before
    engine.dispose()


def test_a_quoted_phrase_pubmed_does_not_know_fails_the_claim(sqlite_url, eutils_emulator, outline):
    engine = open_engine(sqlite_url)
    widened = _with_query(outline, "ketamine-depression", '"depression ketamine anesthesia"[tiab]')
    summary = run_fetch(engine, widened, emulator_client(eutils_emulator), year_counts=False)
    result = {c.claim_id: c for c in summary.claims}["ketamine-depression"]
    assert result.status == "failed"
    assert "quoted phrase not found" in result.error
    assert _active(engine, "ketamine-depression") == set()
    engine.dispose()


def test_new_records_past_the_cap_are_caught_by_the_window(sqlite_url, eutils_emulator, outline):
    engine = open_engine(sqlite_url)
    eutils_emulator.rate_limit_enabled = False
    eutils_emulator.clone_records(10_100, query="ketamine[mh]")
    client = emulator_client(eutils_emulator, rate=50.0)
    run_fetch(engine, outline, client, claim_ids=["ketamine-any"], year_counts=False)
    # Five new records enter PubMed today (their modification date is their source's).
    new = eutils_emulator.clone_records(5, query="ketamine[mh]", edat=dt.date.today())
    eutils_emulator.clear_log()
    summary = run_fetch(engine, outline, client, claim_ids=["ketamine-any"], year_counts=False)
    result = summary.claims[0]
    assert result.status == "ok" and result.searches <= 2
    assert set(new) <= _active(engine, "ketamine-any")
    expected = set(eutils_emulator.search_ids("ketamine[mh] OR ketamine[tiab]"))
    assert _active(engine, "ketamine-any") == expected
    with engine.connect() as conn:
        retrieved = conn.execute(
            sa.select(claim_counts.c.retrieved).where(claim_counts.c.run_id == summary.run_id)
        ).scalar_one()
    assert retrieved == len(expected)  # what the claim holds, not the window's few ids
    engine.dispose()


OPEN_STORE = "import sys; from store.db.connect import open_engine; open_engine(sys.argv[1])"


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_two_first_runs_at_once_both_open_the_new_database(backend, tmp_path, request):
    for attempt in range(3):
        if backend == "sqlite":
            url = f"sqlite:///{tmp_path / f'race{attempt}.sqlite'}"
        else:
            url = request.getfixturevalue("pg_url")
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", OPEN_STORE, url],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        results = [p.communicate(timeout=60) for p in procs]
        assert [p.returncode for p in procs] == [0, 0, 0, 0], results
        engine = open_engine(url, create=False)
        with engine.connect() as conn:
            assert sa.inspect(conn).has_table("claim_articles")
        engine.dispose()
        if backend == "postgresql":
            break


# --------------------------------------------------------------------------- a dead host


def _closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (bound, then closed)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch_args(db_url: str, url: str) -> list[str]:
    return [
        "fetch",
        "--outline",
        str(SMALL),
        "--db",
        db_url,
        "--no-year-counts",
        "--eutils-url",
        url,
    ]


def test_a_dead_host_ends_the_fetch_with_one_line_exit_2_and_status_says_so(
    runner, db_url, outline, monkeypatch
):
    from fetchers.cli import cli
    from fetchers.eutils import reach

    monkeypatch.setattr(reach, "UNREACHABLE_AFTER", 3)
    port = _closed_port()
    claims = len(outline.claims)
    result = runner.invoke(cli, _fetch_args(db_url, f"http://127.0.0.1:{port}/"))
    assert result.exit_code == 2
    line = (
        f"PubMed cannot be reached at 127.0.0.1:{port} (connection refused, 3 tries in a row) "
        f"— {claims} claims not fetched"
    )
    assert result.stderr == f"Error: {line}\n"
    assert result.stdout.splitlines()[0] == f"fetch run=1 start claims={claims} mode=incremental"
    assert "status=unreachable" in result.stdout.splitlines()[-1]
    assert "fetch search claim=" not in result.stdout  # the first claim never got an answer
    engine = open_engine(db_url)
    with engine.connect() as conn:
        run = conn.execute(sa.select(fetch_runs)).one()
    engine.dispose()
    assert (run.status, run.message, run.requests) == ("unreachable", line, 3)
    assert run.claims_failed == claims

    status = runner.invoke(cli, ["status", "--db", db_url])
    assert status.exit_code == 1
    first = status.stdout.splitlines()[0]
    assert first == (
        f"littrack status: FAILED - last run #1 ({run.finished_at}) unreachable: {line}"
    )
    assert f"  #1 {run.started_at} unreachable: {claims} claims, {claims} failed," in status.stdout


@pytest.mark.parametrize("kind", ["drop", "http_503"])
def test_a_few_failures_then_answers_still_complete_the_fetch(
    runner, sqlite_url, eutils_emulator, monkeypatch, kind
):
    """Dropped connections (no answer) stay under the threshold; HTTP errors never count."""
    from fetchers.cli import cli
    from fetchers.eutils import reach

    monkeypatch.setattr(reach, "UNREACHABLE_AFTER", 3)
    eutils_emulator.add_fault(kind, "esearch", times=2 if kind == "drop" else 4)
    result = runner.invoke(cli, _fetch_args(sqlite_url, eutils_emulator.url))
    assert result.exit_code == 0, result.output
    claims = len(load_outline(SMALL).claims)
    assert f"\nrun 1: ok; claims {claims}, failed 0, incomplete 0," in result.stdout
    assert sum(1 for r in eutils_emulator.requests if r.fault == kind) == (
        2 if kind == "drop" else 4
    )


def test_off_a_terminal_each_claim_is_logged_when_its_search_ends(
    runner, sqlite_url, eutils_emulator, outline
):
    from fetchers.cli import cli

    result = runner.invoke(cli, _fetch_args(sqlite_url, eutils_emulator.url))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    total = len(outline.claims)
    searched = [ln for ln in lines if ln.startswith("fetch search claim=")]
    counts = {
        ln.split()[1]: ln.split()[2] for ln in lines if ln.startswith("fetch claim=")
    }  # claim=ID -> count=N, from the link phase
    assert len(searched) == total
    for number, (claim, line) in enumerate(zip(outline.claims, searched, strict=True), 1):
        count = counts[f"claim={claim.claim_id}"]
        assert line.startswith(
            f"fetch search claim={claim.claim_id} n={number}/{total} {count} ids="
        ), line
    # The table's `new` column counts links (the totals line counts new records).
    header = next(ln for ln in lines if ln.startswith("claim "))
    assert header.split() == ["claim", "count", "retrieved", "new", "links", "dropped", "status"]
    assert "new links" in header
    # Every search line comes before the efetch phase starts.
    assert lines.index(searched[-1]) < next(
        i for i, ln in enumerate(lines) if ln.startswith("fetch efetch ")
    )


def test_sigterm_ends_a_fetch_with_one_line_and_an_interrupted_run(sqlite_url, eutils_emulator):
    import os
    import signal

    eutils_emulator.hold()
    env = {**os.environ, "LITTRACK_DB": sqlite_url}
    proc = subprocess.Popen(
        [sys.executable, "-m", "fetchers.cli", *_fetch_args(sqlite_url, eutils_emulator.url)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert eutils_emulator.held.wait(timeout=240)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
    finally:
        eutils_emulator.release()
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143
    assert err == "Error: stopped by SIGTERM; the run is marked interrupted\n"
    engine = open_engine(sqlite_url)
    with engine.connect() as conn:
        run = conn.execute(sa.select(fetch_runs)).one()
    engine.dispose()
    assert (run.status, run.message) == ("interrupted", "stopped by a signal (SIGTERM)")
    status = subprocess.run(
        [sys.executable, "-m", "fetchers.cli", "status", "--db", sqlite_url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert status.returncode == 1
    assert status.stdout.splitlines()[0] == (
        f"littrack status: FAILED - last run #1 ({run.finished_at}) interrupted: "
        "stopped by a signal (SIGTERM)"
    )
