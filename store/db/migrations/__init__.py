"""Schema migrations: every database a littrack release wrote opens with this one.

Alembic keeps the revisions in ``versions/`` and runs them through ``env`` (the connection
comes from the caller). Revision `0001_baseline` is the schema of
littrack 0.1.0; each later change is a revision of its own. Features add their revisions as
independent branches off the baseline, so the target is always *every head* ("heads"), and a
database is current when it holds exactly the heads this code knows.

- A new database runs every revision from the baseline on.
- A 0.1.0 database (littrack's tables, no `alembic_version`) is stamped with the baseline,
  then upgraded: in place, in one transaction, nothing dropped.
- A database holding a revision this code does not know was written by a newer littrack and
  is refused: writing to it with older code could lose what the newer one stores.

Revisions that change the design rules recompute stored records' classes through
``reclassify`` (today's rules on the stored columns).

The caller passes an open connection inside its own transaction (store.db.connect does, with
the schema lock held), so a failed upgrade rolls back whole and the old database stays usable.
"""

from __future__ import annotations

import functools
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from store.errors import SchemaTooNewError

MIGRATIONS_DIR = Path(__file__).resolve().parent

BASELINE = "0001_baseline"

#: Tables whose presence says "littrack wrote this database" (0.1.0 already had them).
LITTRACK_TABLES = frozenset({"claims", "claim_articles", "articles", "fetch_runs"})


def _config(connection: sa.Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


@functools.cache
def _revisions(directory: Path) -> tuple[frozenset[str], frozenset[str]]:
    """(heads, every revision) of the revision files in `directory`: read once per process,
    since every open and every dashboard rerun asks (parsing the files costs milliseconds)."""
    script = _script()
    return frozenset(script.get_heads()), frozenset(s.revision for s in script.walk_revisions())


def code_heads() -> frozenset[str]:
    """The revisions a database must hold to be current for this code."""
    return _revisions(MIGRATIONS_DIR)[0]


def known_revisions() -> frozenset[str]:
    return _revisions(MIGRATIONS_DIR)[1]


def database_revisions(connection: sa.Connection) -> frozenset[str]:
    """What `alembic_version` holds; empty for a new or a 0.1.0 database."""
    return frozenset(MigrationContext.configure(connection).get_current_heads())


def has_littrack_tables(connection: sa.Connection) -> bool:
    """The one test for "was this database written by littrack?" (a new file has no tables,
    a foreign one has other tables)."""
    return LITTRACK_TABLES <= set(sa.inspect(connection).get_table_names())


def schema_state(connection: sa.Connection) -> str:
    """`empty` (no littrack tables), `legacy` (0.1.0, never migrated), `behind` (an older
    migrated release), `current`, or `newer` (written by a newer littrack)."""
    revisions = database_revisions(connection)
    if not revisions:
        return "legacy" if has_littrack_tables(connection) else "empty"
    if revisions - known_revisions():
        return "newer"
    return "current" if revisions == code_heads() else "behind"


def refuse_newer(connection: sa.Connection, where: str) -> None:
    revisions = database_revisions(connection)
    unknown = sorted(revisions - known_revisions())
    if unknown:
        raise SchemaTooNewError(
            f"{where}: written by a newer littrack (schema revision {', '.join(unknown)}); "
            "install that release or a later one to open it"
        )


def upgrade(connection: sa.Connection, where: str) -> list[str]:
    """Bring the database to every head; return what was done, revision by revision (empty
    when it was current). Runs on the caller's connection and transaction."""
    refuse_newer(connection, where)
    before = database_revisions(connection)
    done: list[str] = []
    if not before and has_littrack_tables(connection):
        command.stamp(_config(connection), BASELINE)
        before = frozenset({BASELINE})
        done.append(f"{BASELINE} (recognised the 0.1.0 schema)")
    if before == code_heads():
        return done
    command.upgrade(_config(connection), "heads")
    script = _script()
    reached = _ancestors(script, database_revisions(connection))
    return done + sorted(reached - _ancestors(script, before))


def _ancestors(script: ScriptDirectory, heads: frozenset[str]) -> set[str]:
    """Every revision at or below `heads`."""
    found: set[str] = set()
    for head in heads:
        found |= {r.revision for r in script.iterate_revisions(head, "base")}
    return found
