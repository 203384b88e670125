"""The evidence map's summary: live records per claim and design class.

Revision ID: 0007_claim_designs
Revises: 0001_baseline

The dashboard's evidence map counts every claim × design class; live, that is a join of
every link to its article on each cold page view (about 1 s per 300,000 links). The fetch job
now rewrites this table with the other summaries; the upgrade fills it from the stored links
so an upgraded store's map is right before its next fetch.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_claim_designs"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "summary_claim_designs",
        sa.Column("claim_id", sa.String(200), primary_key=True),
        sa.Column("design", sa.String(32), primary_key=True),
        sa.Column("records", sa.Integer, nullable=False),
    )
    op.execute(
        """
        INSERT INTO summary_claim_designs (claim_id, design, records)
        SELECT ca.claim_id, a.study_design, count(*)
        FROM claim_articles ca
        JOIN articles a ON a.pmid = ca.pmid
        JOIN claims c ON c.claim_id = ca.claim_id
        WHERE ca.dropped_at IS NULL AND a.deleted_at IS NULL AND c.active
        GROUP BY ca.claim_id, a.study_design
        """
    )


def downgrade() -> None:
    op.drop_table("summary_claim_designs")
