"""The articles covering index covers the claim's scope whole: species_source joins it.

Revision ID: 0016_species_in_live_index
Revises: 0009_design_pending (adds species_source), 0010_count_once

`ix_articles_live` held every column the counting rules read but `species_source`, which
the scope rule reads for a record without check tags (store.evidence.counting
scope_condition). The summary refresh copies those columns of every live article once per
fetch (store/fetch/summary_passes.py, article facts); without species_source in the index
that copy was a scan of the wide table (abstracts, JSON: some 500 MB at 100,000 records),
with it a scan of the index. Only the index changes; no row does.
"""

from __future__ import annotations

from alembic import op

revision = "0016_species_in_live_index"
# 0009_design_pending adds species_source: this revision merges the two branches.
down_revision = ("0009_design_pending", "0010_count_once")
branch_labels = None
depends_on = None

# Fixed here, not imported: a revision must do the same thing whatever the code becomes.
_BEFORE = [
    "pmid",
    "deleted_at",
    "study_design",
    "pub_date",
    "pub_year",
    "entrez_date",
    "retracted",
    "veterinary",
    "superseded_by",
    "concern",
    "humans",
    "animals",
]


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_live")
        batch.create_index("ix_articles_live", [*_BEFORE, "species_source"], unique=False)


def downgrade() -> None:  # pragma: no cover - littrack only upgrades
    raise NotImplementedError("littrack stores are upgraded, never downgraded")
