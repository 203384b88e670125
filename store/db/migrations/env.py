"""Alembic's entry point, run by `store.db.migrations.upgrade` on a connection it already holds.

littrack never runs Alembic with its own engine or an alembic.ini: the caller passes the open
connection (inside the transaction that also holds the schema lock), so the whole upgrade is
one transaction and a failure leaves the database as it was.
"""

from __future__ import annotations

from alembic import context

from store.db.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things: batch mode copies the table, inside the transaction.
    render_as_batch=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
