"""A writer suspended inside a transaction never hangs the next fetch (round-2 review L5).

The suspended writer is a real second process: it opens the store, takes row locks (or
SQLite's write lock) in a transaction, says so on its standard output and is then stopped
with SIGSTOP, as a fetch or an import would be when its machine is suspended. The next fetch
must stop with one line naming what it waited for, on every statement that could wait: the
fetch lock row when taking it, its heartbeat and its release, the run rows and the outline's
claims it writes at the start. The tests synchronise on the holder's "held" line, never on a
sleep; the wait is shortened to one second for speed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from fetchers.cli import cli
from fetchers.eutils.client import EutilsClient
from fetchers.job.run import run_fetch
from fetchers.settings import EutilsSettings
from store.db import connect, lock_wait
from store.db import lock as fetch_lock_module
from store.db.connect import open_engine, utcnow
from store.db.lock import acquire_lock, heartbeat, release_lock
from store.db.schema import fetch_lock, fetch_runs
from store.errors import FetchLockedError
from store.fetch import writes
from tests.hostile.night import outline_of, rows

#: The holder: run the statements given, in one transaction, print "held", wait for stdin.
_HOLDER = """
import sys
import sqlalchemy as sa
url, statements = sys.argv[1], sys.argv[2:]
if url.startswith("sqlite"):
    import sqlite3
    conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    for statement in statements:
        conn.execute(statement)
else:
    engine = sa.create_engine(url)
    conn = engine.connect()
    conn.begin()
    for statement in statements:
        conn.execute(sa.text(statement)).all()
print("held", flush=True)
sys.stdin.readline()
"""


@contextmanager
def suspended_writer(url: str, *statements: str) -> Iterator[int]:
    """A process holding the locks `statements` take, stopped with SIGSTOP; resumed and
    ended afterwards (its transaction then rolls back)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, url, *statements],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == "held\n"
        os.kill(holder.pid, signal.SIGSTOP)
        yield holder.pid
    finally:
        os.kill(holder.pid, signal.SIGCONT)
        holder.kill()
        holder.wait(30)


def _outcome(work) -> str:
    """Run `work` in a thread; its FetchLockedError's text. A thread that is still waiting
    after a minute fails the test (the holder is then ended, which frees it)."""
    outcome: list[str] = []

    def target() -> None:
        try:
            work()
            outcome.append("no error")
        except FetchLockedError as exc:
            outcome.append(str(exc))

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the fetch hung behind the suspended writer"
    return outcome[0]


@pytest.fixture
def short_waits(monkeypatch):
    monkeypatch.setattr(lock_wait, "WRITE_WAIT", "1s")
    monkeypatch.setattr(fetch_lock_module, "LOCK_WAIT", "1s")
    monkeypatch.setattr(connect, "SQLITE_BUSY_TIMEOUT_MS", 1000)


def _night_a_left(engine) -> None:
    """Fetch A's state when it was suspended: the outline synced, its run row 'running', its
    lock row (committed) with a heartbeat long past, so the next fetch may take it over."""
    with engine.begin() as conn:
        writes.sync_outline(conn, outline_of("q1", "q2"), now=utcnow())
        writes.start_run(conn, now=utcnow(), mode="incremental", outline_path="r.yaml",
                         claims_total=2)  # fmt: skip
        conn.execute(
            fetch_lock.insert().values(
                name="fetch",
                host="elsewhere",
                pid=1,
                acquired_at="2020-01-01T00:00:00Z",
                heartbeat_at="2020-01-01T00:00:00Z",
            )
        )


def _fetch_b(engine) -> None:
    client = EutilsClient(EutilsSettings(base_url="http://127.0.0.1:9/"))
    run_fetch(engine, outline_of("q1", "q2"), client, year_counts=False)


WAITED = "in an open transaction (a suspended fetch or import?); waited 1s, this fetch stops"


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("held", "message"),
    [
        (
            "SELECT * FROM fetch_lock FOR UPDATE",
            "another fetch is running: it holds the lock row in an open transaction "
            "(suspended?); waited 1s",
        ),
        (
            "SELECT * FROM fetch_runs WHERE status = 'running' FOR UPDATE",
            f"another process holds rows of table fetch_runs {WAITED}",
        ),
        ("SELECT * FROM claims FOR UPDATE", f"another process holds rows of table claims {WAITED}"),
    ],
    ids=["lock-row", "run-row", "claim-rows"],
)
def test_the_next_fetch_stops_with_a_line_behind_a_suspended_postgresql_writer(
    pg_url, short_waits, held, message
):
    engine = open_engine(pg_url)
    _night_a_left(engine)
    with suspended_writer(pg_url, held):
        said = _outcome(lambda: _fetch_b(engine))
    assert said == message
    # Fetch B let go of what it took: only A's stale lock row is left, or none.
    left = [(r.host, r.pid) for r in rows(engine, fetch_lock)]
    assert left == ([("elsewhere", 1)] if "lock row" in message else [])
    # Nothing of B's half-started run was kept: A's run row is the only one.
    assert [r.status for r in rows(engine, fetch_runs)] == ["running"]
    engine.dispose()


@pytest.mark.postgres
def test_heartbeat_and_release_are_bounded_behind_a_suspended_postgresql_writer(
    pg_url, short_waits
):
    engine = open_engine(pg_url)
    lock = acquire_lock(engine)
    expected = (
        "another fetch is running: it holds the lock row in an open transaction "
        "(suspended?); waited 1s"
    )
    with suspended_writer(pg_url, "SELECT * FROM fetch_lock FOR UPDATE"):
        assert _outcome(lambda: heartbeat(engine, lock)) == expected
        assert _outcome(lambda: release_lock(engine, lock)) == expected
    assert heartbeat(engine, lock)  # the holder gone, the lock is still this run's
    release_lock(engine, lock)
    assert rows(engine, fetch_lock) == []
    engine.dispose()


def test_the_next_fetch_stops_with_a_line_behind_a_suspended_sqlite_writer(sqlite_url, short_waits):
    engine = open_engine(sqlite_url)
    _night_a_left(engine)
    with suspended_writer(sqlite_url, "BEGIN IMMEDIATE"):
        said = _outcome(lambda: _fetch_b(engine))
    assert said == f"another process holds the database's write lock {WAITED}"
    assert [(r.host, r.pid) for r in rows(engine, fetch_lock)] == [("elsewhere", 1)]
    engine.dispose()


def test_the_bound_is_installed_once_and_names_what_was_waited_for():
    engine = sa.create_engine("sqlite://")
    assert lock_wait.bound_lock_waits(lock_wait.bound_lock_waits(engine)) is engine
    assert sa.event.contains(engine, "begin", lock_wait._set_lock_timeout)
    context = 'while updating tuple (0,3) in relation "fetch_lock"'
    assert lock_wait.waited_for("UPDATE x", context) == "the fetch lock row"
    assert lock_wait.waited_for('INSERT INTO "claims" (a) VALUES (1)', None) == (
        "rows of table claims"
    )
    assert lock_wait.waited_for("SELECT pg_advisory_xact_lock(1)", None) == (
        "the store's upgrade lock"
    )
    engine.dispose()


OUTLINE = """\
title: Lock waits
source: tests/test_reliability_lock_waits.py
subject: anything
topics:
  - id: t
    title: Topic
    claims:
      - id: c1
        claim: One.
        query: q1
"""


@pytest.mark.postgres
def test_littrack_fetch_exits_2_with_one_line_behind_a_suspended_writer(
    pg_url, short_waits, runner, tmp_path
):
    engine = open_engine(pg_url)
    _night_a_left(engine)
    engine.dispose()
    outline = tmp_path / "outline.yaml"
    outline.write_text(OUTLINE)
    args = ["fetch", "--outline", str(outline), "--db", pg_url, "--eutils-url",
            "http://127.0.0.1:9/"]  # fmt: skip
    with suspended_writer(pg_url, "SELECT * FROM fetch_runs WHERE status = 'running' FOR UPDATE"):
        result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert result.output == f"Error: another process holds rows of table fetch_runs {WAITED}\n"


@pytest.mark.postgres
def test_an_upgrade_on_first_use_is_bounded_behind_a_suspended_upgrader(pg_url, short_waits):
    open_engine(pg_url).dispose()
    plain = sa.create_engine(pg_url, poolclass=sa.pool.NullPool)
    with plain.begin() as conn:  # a store one revision behind: opening it upgrades it
        conn.execute(sa.text("DELETE FROM alembic_version WHERE version_num = '0014_wide_dates'"))
    plain.dispose()
    with suspended_writer(pg_url, f"SELECT pg_advisory_lock({connect._DDL_LOCK})"):
        said = _outcome(lambda: open_engine(pg_url, bounded_waits=True).dispose())
    assert said == f"another process holds the store's upgrade lock {WAITED}"
    open_engine(pg_url, bounded_waits=True).dispose()  # the upgrader gone, the upgrade runs
