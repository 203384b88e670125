"""One fetch at a time per database: a row in `fetch_lock`.

A table row (rather than a file lock) works the same on SQLite and PostgreSQL and is
visible to every host that shares a PostgreSQL store. Inserting the row is the atomic step
(primary key); a row left by a killed run is taken over when its process is gone (same
host) or its heartbeat is older than STALE_AFTER. The takeover is a compare-and-swap on the
old pid and heartbeat, so two newcomers cannot both win.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeAlias

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.connect import parse_utc, utcnow
from store.db.lock_wait import bound_lock_waits, note_wait
from store.db.schema import fetch_lock
from store.errors import FetchLockedError, FetchLockLostError

LOCK_NAME = "fetch"
#: A lock whose heartbeat is older than this is considered abandoned (the job beats
#: about every 30 s).
STALE_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class FetchLock:
    host: str
    pid: int
    acquired_at: str


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


#: A fetch_lock row: name, run_id, host, pid, acquired_at, heartbeat_at.
_LockRow: TypeAlias = sa.Row[str, int | None, str, int, str, str]


def _is_stale(row: _LockRow, host: str, now: datetime, stale_after: timedelta) -> bool:
    if row.host == host and row.pid != os.getpid() and not _pid_alive(row.pid):
        return True
    try:
        return now - parse_utc(row.heartbeat_at) > stale_after
    except ValueError:
        return True


@contextmanager
def _waiting_briefly(engine: Engine) -> Iterator[sa.Connection]:
    """A transaction that waits at most LOCK_WAIT for a row lock on PostgreSQL (a fetch
    suspended inside a write holds the lock row; even an INSERT of the same key waits for
    it); past it, FetchLockedError (store.db.lock_wait) instead of a hang."""
    with bound_lock_waits(engine).begin() as conn:
        note_wait(conn, LOCK_WAIT)
        yield conn


#: How long taking the lock waits for the lock row on PostgreSQL.
LOCK_WAIT = "5s"


def _insert_or_locked(engine: Engine, values: dict, lock: FetchLock) -> FetchLock:
    try:
        with _waiting_briefly(engine) as conn:
            conn.execute(fetch_lock.insert().values(**values))
    except sa.exc.IntegrityError:
        raise FetchLockedError(
            "another fetch started at the same moment and holds the lock"
        ) from None
    return lock


def acquire_lock(engine: Engine, *, stale_after: timedelta = STALE_AFTER) -> FetchLock:
    """Take the fetch lock or raise FetchLockedError naming who holds it."""
    host = socket.gethostname()
    pid = os.getpid()
    now_text = utcnow()
    values = dict(name=LOCK_NAME, host=host, pid=pid, acquired_at=now_text, heartbeat_at=now_text)
    try:
        with _waiting_briefly(engine) as conn:
            conn.execute(fetch_lock.insert().values(**values))
        return FetchLock(host, pid, now_text)
    except sa.exc.IntegrityError:
        pass
    return _take_over(engine, values, FetchLock(host, pid, now_text), stale_after)


def _take_over(engine: Engine, values: dict, mine: FetchLock, stale_after: timedelta) -> FetchLock:
    host, pid, now_text = mine.host, mine.pid, mine.acquired_at
    with _waiting_briefly(engine) as conn:
        row = conn.execute(sa.select(fetch_lock).where(fetch_lock.c.name == LOCK_NAME)).first()
        if row is None:  # released between our insert and this read: one more try
            return _insert_or_locked(engine, values, mine)
        if not _is_stale(row, host, datetime.now(UTC), stale_after):
            raise FetchLockedError(
                f"another fetch is running (pid {row.pid} on host {row.host} "
                f"since {row.acquired_at})"
            )
        taken = conn.execute(
            fetch_lock.update()
            .where(
                fetch_lock.c.name == LOCK_NAME,
                fetch_lock.c.pid == row.pid,
                fetch_lock.c.host == row.host,
                fetch_lock.c.heartbeat_at == row.heartbeat_at,
            )
            .values(host=host, pid=pid, acquired_at=now_text, heartbeat_at=now_text, run_id=None)
        ).rowcount
    if taken != 1:
        raise FetchLockedError("another fetch took over a stale fetch lock at the same moment")
    return FetchLock(host, pid, now_text)


def _mine(lock: FetchLock) -> tuple[sa.ColumnElement[bool], ...]:
    return (
        fetch_lock.c.name == LOCK_NAME,
        fetch_lock.c.host == lock.host,
        fetch_lock.c.pid == lock.pid,
        fetch_lock.c.acquired_at == lock.acquired_at,
    )


def heartbeat(engine: Engine, lock: FetchLock, *, run_id: int | None = None) -> bool:
    """Refresh the lock's heartbeat; False when the lock is no longer ours."""
    values: dict = {"heartbeat_at": utcnow()}
    if run_id is not None:
        values["run_id"] = run_id
    with bound_lock_waits(engine).begin() as conn:
        return conn.execute(fetch_lock.update().where(*_mine(lock)).values(**values)).rowcount == 1


def release_lock(engine: Engine, lock: FetchLock) -> None:
    with bound_lock_waits(engine).begin() as conn:
        conn.execute(fetch_lock.delete().where(*_mine(lock)))


def check_owned(conn: sa.Connection, lock: FetchLock) -> None:
    """Inside a write transaction: prove the lock is still ours (and beat it), or raise
    FetchLockLostError. See `owned`."""
    mine = conn.execute(fetch_lock.update().where(*_mine(lock)).values(heartbeat_at=utcnow()))
    if mine.rowcount != 1:
        raise FetchLockLostError(
            "another fetch took over this run's lock (or the run passed its "
            "deadline); this run stops before writing"
        )


@contextmanager
def owned(engine: Engine, lock: FetchLock) -> Iterator[sa.Connection]:
    """A transaction that first proves the lock is still ours (and beats it).

    The check is an UPDATE of the lock row in the same transaction as the writes that
    follow: on PostgreSQL it holds the row until commit, on SQLite the write lock, so a
    takeover either happens before (and this raises FetchLockLostError, writing nothing)
    or waits until the writes are committed. A run suspended past a takeover can thus
    never write after it."""
    with bound_lock_waits(engine).begin() as conn:
        check_owned(conn, lock)
        yield conn
