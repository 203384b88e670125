"""Issue 12 part B: a claim's evidence scope, context and restating claims, and why each
record matched its claim.

- `claims.scope` (any | humans | animals), `claims.context`, `claims.restates`: existing
  claims get "any", false and "" — exactly how 0.1.0 counted them, so no count moves until
  the outline says otherwise (the next fetch writes the outline's values).
- `claim_matches`: created empty. Filling it needs the query evaluator, which lives above
  the store; the next `littrack fetch` fills every live link that has no explanation yet,
  and `littrack outline explain` does so on demand, from stored records (no re-download).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_outline_scope"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("scope", sa.String(16), nullable=False, server_default="any"))
        batch.add_column(
            sa.Column("context", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("restates", sa.String(200), nullable=False, server_default=""))
    op.create_table(
        "claim_matches",
        sa.Column("claim_id", sa.String(200), primary_key=True),
        sa.Column("pmid", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("query_version", sa.Integer, nullable=False),
        sa.Column("explained", sa.Boolean, nullable=False),
        sa.Column("hits", sa.JSON, nullable=False),
        sa.Column("computed_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("claim_matches")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("restates")
        batch.drop_column("context")
        batch.drop_column("scope")
