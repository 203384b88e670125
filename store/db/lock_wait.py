"""Bounded lock waits for a fetch: no statement of a fetch waits forever for a writer that
stopped inside a transaction.

A writer suspended mid-transaction (SIGSTOP, a laptop lid closed on a PostgreSQL session
left `idle in transaction`) keeps its row and table locks until its connection dies. Without
a bound, the next fetch waits on them silently, every night. `bound_lock_waits(engine)` makes
every transaction of the engine wait at most WRITE_WAIT for a lock on PostgreSQL
(`SET LOCAL lock_timeout` as each transaction begins), and SQLite's busy timeout is the
same bound there; a wait that runs out becomes one FetchLockedError line naming what was
waited for, instead of a driver traceback or a hang.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.errors import FetchLockedError

#: How long any statement of a fetch waits for a lock another transaction holds (PostgreSQL).
#: Longer than the fetch lock's own wait: a legitimate writer (a screening import of a big
#: sheet) may hold rows a fetch also writes for a few seconds.
WRITE_WAIT = "30s"

#: Where PostgreSQL says what it was waiting for ('while updating tuple (0,1) in relation
#: "claims"'), or failing that the table a statement writes.
_RELATION = re.compile(r'relation "([^"]+)"')
_STATEMENT_TABLE = re.compile(
    r"^\s*(?:UPDATE|INSERT\s+INTO|DELETE\s+FROM|LOCK\s+TABLE|ALTER\s+TABLE)\s+\"?(\w+)", re.I
)


def bound_lock_waits(engine: Engine) -> Engine:
    """Install the bound on `engine` (once; later calls do nothing) and return it."""
    if not sa.event.contains(engine, "begin", _set_lock_timeout):
        sa.event.listen(engine, "begin", _set_lock_timeout)
        sa.event.listen(engine, "handle_error", _lock_wait_ran_out)
    return engine


def _set_lock_timeout(conn: sa.Connection) -> None:
    note_wait(conn, WRITE_WAIT)


def waited_for(statement: str | None, detail: str | None) -> str:
    """What a statement that ran out of lock wait was waiting for, in words."""
    found = _RELATION.search(detail or "") or _STATEMENT_TABLE.search(statement or "")
    if found is None:
        if "pg_advisory" in (statement or ""):
            return "the store's upgrade lock"
        return "a lock on the database"
    table = found.group(1).removesuffix("_pkey")
    if table == "fetch_lock":
        return "the fetch lock row"
    return f"rows of table {table}"


def lock_wait_message(what: str, waited: str) -> str:
    """The one line a fetch stops with when another transaction held `what` too long."""
    if what == "the fetch lock row":
        return (
            "another fetch is running: it holds the lock row in an open transaction "
            f"(suspended?); waited {waited}"
        )
    return (
        f"another process holds {what} in an open transaction (a suspended fetch or "
        f"import?); waited {waited}, this fetch stops"
    )


def _lock_wait_ran_out(context: sa.engine.ExceptionContext) -> None:
    """handle_error: a PostgreSQL lock timeout (SQLSTATE 55P03) or SQLite's "database is
    locked" past its busy timeout becomes FetchLockedError; anything else is left alone."""
    orig = context.original_exception
    if context.dialect is not None and context.dialect.name == "sqlite":
        if "database is locked" in str(orig):
            from store.db.connect import SQLITE_BUSY_TIMEOUT_MS

            raise FetchLockedError(
                lock_wait_message(
                    "the database's write lock", f"{SQLITE_BUSY_TIMEOUT_MS / 1000:g}s"
                )
            ) from None
        return
    if getattr(orig, "sqlstate", None) != "55P03":
        return
    diag = getattr(orig, "diag", None)
    detail = getattr(diag, "context", None) if diag is not None else None
    what = waited_for(context.statement, detail)
    raise FetchLockedError(lock_wait_message(what, _current_wait(context))) from None


def _current_wait(context: sa.engine.ExceptionContext) -> str:
    """The lock_timeout the failed statement ran under (see `note_wait`)."""
    conn = context.connection
    return str(conn.info.get(_WAIT_KEY, WRITE_WAIT)) if conn is not None else WRITE_WAIT


def note_wait(conn: sa.Connection, wait: str) -> None:
    """Set this transaction's lock wait on PostgreSQL (and remember it for the message)."""
    conn.info[_WAIT_KEY] = wait
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{wait}'")


_WAIT_KEY = "littrack_lock_wait"
