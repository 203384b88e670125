"""Reliability (issue 11): columns wide enough for whatever PubMed sends, and a record of
what a run skipped.

- articles: citation_status, language and pmc become Text (a <Language> over 16 characters
  or a Status over 32 stopped every PostgreSQL fetch); `cut_fields` names the fields cut to
  their size limit (empty for every record stored before: nothing was cut then).
- claim_counts: count and retrieved become 64-bit (a Count ≥ 2^31 overflowed).
- fetch_runs: records_skipped and claims_incomplete (0 for older runs: nothing was counted).
- skipped_records: each record a run could not read, where it was and why.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_reliability"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.alter_column("citation_status", type_=sa.Text, existing_type=sa.String(32))
        batch.alter_column("language", type_=sa.Text, existing_type=sa.String(16))
        batch.alter_column("pmc", type_=sa.Text, existing_type=sa.String(32))
        batch.add_column(sa.Column("cut_fields", sa.Text, nullable=False, server_default=""))
    with op.batch_alter_table("claim_counts") as batch:
        batch.alter_column("count", type_=sa.BigInteger, existing_type=sa.Integer)
        batch.alter_column("retrieved", type_=sa.BigInteger, existing_type=sa.Integer)
    with op.batch_alter_table("fetch_runs") as batch:
        batch.add_column(
            sa.Column("records_skipped", sa.Integer, nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("claims_incomplete", sa.Integer, nullable=False, server_default="0")
        )
    op.create_table(
        "skipped_records",
        sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("pmid", sa.BigInteger),
        sa.Column("position", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("claim_ids", sa.Text, nullable=False, server_default=""),
    )


def downgrade() -> None:
    op.drop_table("skipped_records")
    with op.batch_alter_table("fetch_runs") as batch:
        batch.drop_column("claims_incomplete")
        batch.drop_column("records_skipped")
    with op.batch_alter_table("claim_counts") as batch:
        batch.alter_column("retrieved", type_=sa.Integer, existing_type=sa.BigInteger)
        batch.alter_column("count", type_=sa.Integer, existing_type=sa.BigInteger)
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("cut_fields")
        batch.alter_column("pmc", type_=sa.String(32), existing_type=sa.Text)
        batch.alter_column("language", type_=sa.String(16), existing_type=sa.Text)
        batch.alter_column("citation_status", type_=sa.String(32), existing_type=sa.Text)
