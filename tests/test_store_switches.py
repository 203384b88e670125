"""Store commands that must report or refuse rather than hang or fail: `db version` on a
store a newer littrack wrote, and a fetch meeting a lock row held by a suspended fetch on
PostgreSQL."""

from __future__ import annotations

import json
import threading

import pytest
import sqlalchemy as sa

from fetchers.cli import cli
from store.db.connect import open_engine
from store.db.lock import acquire_lock
from store.db.schema import fetch_lock
from store.errors import FetchLockedError


def _from_the_future(url: str) -> None:
    open_engine(url).dispose()
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM alembic_version"))
        conn.execute(
            sa.text("INSERT INTO alembic_version (version_num) VALUES ('9999_from_the_future')")
        )
    engine.dispose()


def test_db_version_reports_a_newer_store_instead_of_failing(runner, db_url):
    _from_the_future(db_url)
    result = runner.invoke(cli, ["db", "version", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].endswith(": newer")
    assert result.output.splitlines()[1] == "database revisions: 9999_from_the_future"
    as_json = runner.invoke(cli, ["db", "version", "--json", "--db", db_url])
    assert as_json.exit_code == 0
    assert json.loads(as_json.output)["state"] == "newer"


@pytest.mark.postgres
def test_a_fetch_behind_a_suspended_one_reports_it_instead_of_hanging(pg_url):
    engine = open_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(
            fetch_lock.insert().values(
                name="fetch",
                host="elsewhere",
                pid=1,
                acquired_at="2020-01-01T00:00:00Z",
                heartbeat_at="2020-01-01T00:00:00Z",
            )
        )
    suspended = engine.connect()
    held = suspended.begin()
    # Fetch A, suspended inside `owned`: its transaction updated the lock row, never ended.
    suspended.execute(fetch_lock.update().values(heartbeat_at="2020-01-01T00:00:01Z"))
    outcome: list = []

    def fetch_b() -> None:
        try:
            acquire_lock(engine)
        except FetchLockedError as exc:
            outcome.append(str(exc))

    thread = threading.Thread(target=fetch_b)
    thread.start()
    thread.join(30)
    stuck = thread.is_alive()
    held.rollback()
    suspended.close()
    thread.join(30)
    engine.dispose()
    assert not stuck
    assert outcome == [
        "another fetch is running: it holds the lock row in an open transaction "
        "(suspended?); waited 5s"
    ]
