"""A claim's type: mechanism, efficacy, safety, epidemiology or practice.

Revision ID: 0008_claim_types
Revises: 0006_outline_scope

The type decides which designs are high-level evidence for the claim's badge
(store.evidence.badge.HIGH_LEVEL_BY_TYPE): a mechanism claim is not thin for lacking RCTs.
Existing claims get "efficacy", whose high-level designs (meta-analysis, systematic review,
RCT) are exactly the rule every claim had before, so no badge moves until the outline names a
type (the next fetch writes the outline's values).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_claim_types"
down_revision = "0006_outline_scope"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(
            sa.Column("type", sa.String(16), nullable=False, server_default="efficacy")
        )


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("type")
