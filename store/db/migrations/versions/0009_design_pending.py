"""Design pending, wider wording rules, and species from wording (release 0.3.0).

Revision ID: 0009_design_pending
Revises: 0002_evidence

The design rules grew (store/evidence/design_text.py: non-evidence titles, structured
"DESIGN:" labels, "patients were randomized", registry numbers, observational wording) and
gained `pending`: a record PubMed has not indexed yet that no rule places. Every stored
record is reclassified here from its stored columns, as 0002_evidence did, so a 0.2.0 store
shows what a new fetch would; the summaries are marked stale so readers count live until the
next fetch rewrites them.

Adds `articles.species_source` (mesh | text | none): a record without the Humans / Animals
check tags has them read from its wording ("rats", "in vitro" ...), which the humans scope
then uses (store/evidence/counting.py, scope_condition).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from store.db.migrations.reclassify import reclassify

revision = "0009_design_pending"
down_revision = "0002_evidence"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(
            sa.Column("species_source", sa.String(8), nullable=False, server_default="none")
        )
    reclassify(op.get_bind())
    # The summaries were counted with the old classes and scopes: marked older than every
    # run, so readers fall back to the live queries until the next fetch rewrites them.
    op.execute(sa.text("UPDATE summary_refresh SET run_id = 0"))


def downgrade() -> None:  # pragma: no cover - littrack only upgrades
    raise NotImplementedError("littrack stores are upgraded, never downgraded")
