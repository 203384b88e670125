"""Where the store is and when its data is old: the defaults every layer shares.

Kept free of SQLAlchemy (only os and pathlib) because the CLI needs them to build its
options, and `littrack --help` must start without loading a database library. The database
setting is resolved here and nowhere else: flags pass their value in, the environment and the
default are read only by `resolve_db_url`.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The environment variable naming the database, and the default when it is unset
#: (relative to the working directory, i.e. the project checkout).
DB_ENV = "LITTRACK_DB"
DEFAULT_DB = "data/littrack.sqlite"

#: Data older than this (hours since the last successful fetch) is stale: the dashboard
#: warns and `littrack status` exits 2. One nightly run plus a missed night's slack.
STALE_HOURS = 36.0

#: Years a date may have (PubMed's oldest records are from the 1780s). The parser reads a
#: year outside as unknown (the date columns hold ten characters), and charts leave out
#: rows outside, so that a chart's cost follows its rows, never a value in them.
YEAR_MIN = 1000
YEAR_MAX = 2999


def resolve_db_url(value: str | None = None) -> str:
    """The database URL for `value` (a --db flag), else LITTRACK_DB, else the default file.

    Accepts a SQLAlchemy URL or a plain file path (taken as SQLite)."""
    value = value or os.environ.get(DB_ENV) or DEFAULT_DB
    if "://" in value:
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            # Use psycopg 3 (the driver we depend on) rather than SQLAlchemy's psycopg2 default.
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        return value
    return "sqlite:///" + str(Path(value).expanduser())
