"""Screening: reviewers' append-only decisions per claim × record, and the exclusion reasons.

Both tables are new and empty: there is nothing stored before this release to fill them from.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_screening"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screening_decisions",
        sa.Column("decision_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim_id", sa.String(200), nullable=False),
        sa.Column("pmid", sa.BigInteger, nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False, server_default=""),
        sa.Column("verdict", sa.String(16), nullable=False, server_default=""),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("decided_at", sa.String(32), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("based_on", sa.Integer),
        sa.Column("resolves", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index(
        "ix_screening_claim_pmid",
        "screening_decisions",
        ["claim_id", "pmid", "reviewer", "decision_id"],
    )
    op.create_table(
        "screening_reasons",
        sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("reason", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("screening_reasons")
    op.drop_index("ix_screening_claim_pmid", table_name="screening_decisions")
    op.drop_table("screening_decisions")
