"""Database URL → SQLAlchemy Engine, with the schema created on first use.

SQLite is the embedded default (one file, WAL so the dashboard can read while the nightly
fetch writes, a busy timeout so short write overlaps wait instead of failing). PostgreSQL
is chosen by URL for teams that share one store.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db import migrations
from store.db.lock_wait import bound_lock_waits
from store.defaults import resolve_db_url
from store.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy.engine.interfaces import DBAPIConnection
    from sqlalchemy.pool import ConnectionPoolEntry

SQLITE_BUSY_TIMEOUT_MS = 30_000


def utcnow() -> str:
    """Timestamps are stored as ISO-8601 UTC text so they sort the same on every backend."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str | None) -> datetime | None:
    """A stored timestamp (utcnow's "...Z" text, a bare date, or one with an offset) as an
    aware UTC datetime; None, empty or unreadable text (pandas' "NaT") gives None."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def mask_url(url: str) -> str:
    """A URL fit for logs and screens: any password replaced by ***."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


def _sqlite_pragmas(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_read_pragmas(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def parse_db_url(url: str | None) -> tuple[str, sa.engine.URL]:
    """The database URL (or the default store's) as written and as SQLAlchemy reads it:
    one parser for the reader and the writer, so both refuse a bad URL alike."""
    resolved = resolve_db_url(url)
    try:
        return resolved, sa.engine.make_url(resolved)
    except Exception as exc:
        raise StoreError(f"database URL {resolved!r} is not valid: {exc}") from None


def open_reader(url: str | None = None) -> Engine:
    """Open the store for reading only: the dashboard's engine.

    SQLite is opened with `mode=ro` and `query_only`, and nothing is set that writes (no
    journal-mode change, no schema check or upgrade), so pointing the dashboard at a 0-byte
    or foreign file leaves it byte for byte as it was; PostgreSQL sessions are read-only
    transactions. A missing file is a StoreError, never created."""
    resolved, parsed = parse_db_url(url)
    if parsed.get_backend_name() == "sqlite":
        db_path = parsed.database or ""
        if not db_path or db_path == ":memory:" or not Path(db_path).is_file():
            where = db_path or resolved
            raise StoreError(f"{where}: no such database (run `littrack fetch` first)")
        uri = "file:" + quote(str(Path(db_path).resolve())) + "?mode=ro&uri=true"
        engine = sa.create_engine(
            "sqlite:///" + uri, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )
        sa.event.listen(engine, "connect", _sqlite_read_pragmas)
    else:
        try:
            engine = sa.create_engine(
                resolved,
                pool_pre_ping=True,
                connect_args={"options": "-c default_transaction_read_only=on"},
            )
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
            raise StoreError(
                f"{mask_url(resolved)}: unsupported database (use a SQLite file path or a "
                f"postgresql+psycopg:// URL): {_first_line(exc)}"
            ) from None
    probe = "SELECT count(*) FROM sqlite_master" if engine.dialect.name == "sqlite" else "SELECT 1"
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(probe))
    except sa.exc.SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"{mask_url(resolved)}: cannot read: {_first_line(exc)}") from None
    return engine


def _in_memory(db_path: str | None, query: Mapping) -> bool:
    """SQLite keeps nothing for "", ":memory:", "file::memory:..." or ?mode=memory."""
    path = (db_path or "").strip()
    return (
        not path
        or path == ":memory:"
        or path.startswith("file::memory:")
        or query.get("mode") == "memory"
    )


def open_engine(
    url: str | None = None,
    *,
    create: bool = True,
    read_only: bool = False,
    upgrade: bool = True,
    bounded_waits: bool = False,
) -> Engine:
    """Open the store at `url` (see `resolve_db_url`), creating tables when `create` is set.

    A store an earlier release wrote is upgraded on first use (store.db.migrations), also by
    commands that only read it (`create=False`: export, status, digest), unless `upgrade`
    is off (`littrack db version` only looks) or the store is opened `read_only`. A store a
    newer release wrote is refused either way.

    `read_only` (a dashboard shared with people who must not write) makes the database
    itself refuse writes: SQLite opens the file with `mode=ro`, PostgreSQL sessions start
    with `default_transaction_read_only`; it implies `create=False`.

    `bounded_waits` (a fetch) bounds every lock wait, the upgrade on first use included
    (store.db.lock_wait): a writer suspended inside a transaction stops the command with
    one line instead of hanging it.

    Raises StoreError with the masked URL when the database cannot be reached or created.
    Readers that must never write use `open_reader`.
    """
    if read_only:
        create = False
    resolved, parsed = parse_db_url(url)
    if parsed.get_backend_name() == "sqlite":
        db_path = parsed.database
        if _in_memory(db_path, parsed.query):
            raise StoreError(
                f"database URL {resolved!r} is an in-memory SQLite database: nothing would be "
                "kept; give a file path (e.g. data/littrack.sqlite)"
            )
        if db_path:
            path = Path(db_path)
            if not create and not path.exists():
                raise StoreError(f"{path}: no such database (run `littrack fetch` first)")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{path.parent}: cannot create folder: {exc.strerror}") from None
        if read_only and db_path and db_path != ":memory:":
            return _sqlite_read_only(Path(db_path))
        engine = sa.create_engine(resolved, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    else:
        try:
            extra = {"options": "-c default_transaction_read_only=on"} if read_only else {}
            engine = sa.create_engine(resolved, pool_pre_ping=True, connect_args=extra)
        except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
            raise StoreError(
                f"{mask_url(resolved)}: unsupported database (use a SQLite file path or a "
                f"postgresql+psycopg:// URL): {_first_line(exc)}"
            ) from None
    if bounded_waits:
        bound_lock_waits(engine)
    if create:
        ensure_schema(engine)
        return engine
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
            state = migrations.schema_state(conn)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(
            f"{mask_url(resolved)}: cannot connect: {_first_line(exc)}{_createdb_hint(exc)}"
        ) from None
    if state == "newer":
        ensure_schema(engine)  # raises SchemaTooNewError with the revision
    if upgrade and not read_only and state in ("legacy", "behind"):
        ensure_schema(engine)
    return engine


def _sqlite_read_only(path: Path) -> Engine:
    """A SQLite engine on `path` opened with `mode=ro`: every write fails in SQLite itself.
    Only the busy timeout is set (journal mode and the other pragmas would be writes)."""
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro"
    engine = sa.create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
                                        check_same_thread=False),
    )  # fmt: skip
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"{path}: cannot open read-only: {_first_line(exc)}") from None
    return engine


def ensure_schema(engine: Engine) -> list[str]:
    """Create a new database, or upgrade one an earlier release wrote, to this code's schema
    (store.db.migrations). Refuses a database written by a newer littrack.

    Most opens find the schema current and stop after one read. An upgrade runs in one
    transaction holding the schema lock, so two processes opening the same database (a cron
    fetch and `littrack up`) never both migrate: on PostgreSQL an advisory lock serialises
    them, on SQLite `BEGIN IMMEDIATE` does; the second finds the work done.
    """
    where = mask_url(str(engine.url))
    try:
        with engine.connect() as conn:
            if migrations.schema_state(conn) == "current":
                return []
            migrations.refuse_newer(conn, where)
        if engine.dialect.name == "sqlite":
            return _upgrade_sqlite(engine, where)
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _DDL_LOCK})
            return migrations.upgrade(conn, where)
    except StoreError:
        raise
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(
            f"{where}: cannot open database: {_first_line(exc)}{_createdb_hint(exc)} "
            "(nothing was changed)"
        ) from None


def _upgrade_sqlite(engine: Engine, where: str) -> list[str]:
    """Python's sqlite3 runs DDL outside any transaction unless told otherwise; this private
    engine turns its implicit transactions off and begins IMMEDIATE itself, so every CREATE
    and ALTER of the upgrade commits or rolls back together."""
    ddl_engine = sa.create_engine(
        engine.url,
        poolclass=sa.pool.NullPool,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
    )

    @sa.event.listens_for(ddl_engine, "connect")
    def _connect(dbapi_conn: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        _sqlite_pragmas(dbapi_conn, record)
        dbapi_conn.isolation_level = None  # type: ignore[attr-defined]

    @sa.event.listens_for(ddl_engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with ddl_engine.begin() as conn:
            return migrations.upgrade(conn, where)
    finally:
        ddl_engine.dispose()


def refuse_old_store(url: str | None, why: str) -> None:
    """StoreError unless the store's schema is current, read without writing a byte (a
    dry run must not upgrade the store it pretends to leave alone)."""
    reader = open_reader(url)
    try:
        with reader.connect() as conn:
            state = migrations.schema_state(conn)
    finally:
        reader.dispose()
    if state != "current":
        where = mask_url(resolve_db_url(url))
        raise StoreError(
            f"{where}: the store's schema is {state}; {why}: run `littrack db upgrade` first"
        )


def upgrade_schema(url: str | None = None) -> list[str]:
    """`littrack db upgrade`: upgrade an existing store; the revisions applied."""
    engine = open_engine(url, create=False, upgrade=False)
    try:
        return ensure_schema(engine)
    finally:
        engine.dispose()


def schema_report(url: str | None = None) -> dict[str, object]:
    """`littrack db version`: state, the database's revisions and this release's heads.
    Opened read-only, so a store a newer littrack wrote is reported ("newer"), not refused."""
    engine = open_reader(url)
    try:
        with engine.connect() as conn:
            return {
                "state": migrations.schema_state(conn),
                "database": sorted(migrations.database_revisions(conn)),
                "code": sorted(migrations.code_heads()),
            }
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"{mask_url(str(engine.url))}: cannot read: {_first_line(exc)}") from None
    finally:
        engine.dispose()


#: Advisory-lock key that serialises schema creation on a shared PostgreSQL database.
_DDL_LOCK = 74_320_001


def store_error(exc: BaseException, url: str | None = None) -> StoreError:
    """A database failure met mid-work (disk full, server gone, file read-only) as one line.

    Every write is its own transaction, so what was committed before the failure stays; the
    message says so, because that is what a user wants to know first.
    """
    where = mask_url(resolve_db_url(url)) if url else "database"
    return StoreError(
        f"{where}: {_first_line(exc)} (work committed before this is kept; "
        "fix the cause and run the command again)"
    )


def _createdb_hint(exc: BaseException) -> str:
    """PostgreSQL's 'database "X" does not exist' with what to do about it."""
    found = re.search(r'database "([^"]+)" does not exist', str(getattr(exc, "orig", None) or exc))
    return f" (create it first: createdb {found.group(1)})" if found else ""


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__
