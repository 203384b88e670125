"""The query ledger (issue 12): table `query_versions`, filled from what stores already hold.

claims.query holds each claim's current query and claim_counts the version each run
searched, so an existing store gets one row per (claim, version) seen: the current
version with its text, older versions with their runs but an empty text (0.1.0 did not keep
it). gained / lost stay NULL: they are only known from a fetch that compares two versions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_query_ledger"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    ledger = op.create_table(
        "query_versions",
        sa.Column("claim_id", sa.String(200), primary_key=True),
        sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("query", sa.Text, nullable=False, server_default=""),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("first_run_id", sa.Integer),
        sa.Column("first_run_at", sa.String(32)),
        sa.Column("last_run_id", sa.Integer),
        sa.Column("last_run_at", sa.String(32)),
        sa.Column("compared_with", sa.Integer),
        sa.Column("gained", sa.JSON),
        sa.Column("lost", sa.JSON),
    )
    conn = op.get_bind()
    meta = sa.MetaData()
    claims = sa.Table("claims", meta, autoload_with=conn)
    counts = sa.Table("claim_counts", meta, autoload_with=conn)
    current = {
        row.claim_id: row
        for row in conn.execute(
            sa.select(
                claims.c.claim_id, claims.c.query, claims.c.query_version, claims.c.updated_at
            )
        )
    }
    ok = counts.c.status == "ok"
    runs = conn.execute(
        sa.select(
            counts.c.claim_id,
            counts.c.query_version,
            sa.func.min(counts.c.run_id).label("first_run_id"),
            sa.func.min(counts.c.counted_at).label("first_run_at"),
            sa.func.max(counts.c.run_id).label("last_run_id"),
            sa.func.max(counts.c.counted_at).label("last_run_at"),
        )
        .where(ok)
        .group_by(counts.c.claim_id, counts.c.query_version)
    )
    rows: dict[tuple[str, int], dict] = {}
    for row in runs:
        claim = current.get(row.claim_id)
        text = claim.query if claim is not None and claim.query_version == row.query_version else ""
        rows[(row.claim_id, row.query_version)] = dict(
            claim_id=row.claim_id,
            version=row.query_version,
            query=text,
            recorded_at=row.first_run_at,
            first_run_id=row.first_run_id,
            first_run_at=row.first_run_at,
            last_run_id=row.last_run_id,
            last_run_at=row.last_run_at,
        )
    for claim_id, claim in current.items():
        rows.setdefault(
            (claim_id, claim.query_version),
            dict(
                claim_id=claim_id,
                version=claim.query_version,
                query=claim.query,
                recorded_at=claim.updated_at,
                first_run_id=None,
                first_run_at=None,
                last_run_id=None,
                last_run_at=None,
            ),
        )
    if rows:
        op.bulk_insert(ledger, [rows[k] for k in sorted(rows)])


def downgrade() -> None:
    op.drop_table("query_versions")
