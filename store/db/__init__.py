"""Engines and tables: the one room that knows how a store is opened and shaped.

- ``connect``      database URLs, engines (SQLite WAL, PostgreSQL), read-only opening, upgrade
  on first use
- ``schema``       the tables, as SQLAlchemy metadata (what a fresh store is created with)
- ``lock``         the fetch lock with heartbeat and stale takeover
- ``lock_wait``    every lock wait of a fetch bounded (PostgreSQL lock_timeout, SQLite busy
  timeout), and the one line it stops with
- ``migrations/``  Alembic revisions from the 0.1.0 baseline; ``env.py`` and ``versions/``
"""
