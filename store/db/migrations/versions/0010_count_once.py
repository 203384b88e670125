"""One study, counted once; the link index covers "new".

Revision ID: 0010_count_once
Revises: 0002_evidence

Adds `articles.superseded_by` (store.evidence.count_once: the stored record that stands for
this one's study) to the table, and fills it from the stored records (UpdateOf / UpdateIn
links, DOIs, titles, publication types): no re-download. The articles covering index gains
superseded_by, concern, humans and animals, which the summary refresh reads for every link.
Adds `first_run_id` to the covering index of claim_articles, which the baseline rule of "new"
reads for every link (store.evidence.novelty), so the summary refresh stays index-only. The
summaries are marked stale so readers count live until the next fetch rewrites them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from store.evidence.count_once import refresh_superseded

revision = "0010_count_once"
down_revision = "0002_evidence"
branch_labels = None
depends_on = None

_ARTICLES_LIVE = [
    "pmid",
    "deleted_at",
    "study_design",
    "pub_date",
    "pub_year",
    "entrez_date",
    "retracted",
    "veterinary",
]
#: Read for every link by the summary refresh: counted once, the alerts, the claim's scope.
_ADDED = ["superseded_by", "concern", "humans", "animals"]
_LINKS_LIVE = ["claim_id", "dropped_at", "pmid", "first_seen"]


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("superseded_by", sa.BigInteger))
        batch.drop_index("ix_articles_live")
        batch.create_index("ix_articles_live", [*_ARTICLES_LIVE, *_ADDED], unique=False)
    with op.batch_alter_table("claim_articles") as batch:
        batch.drop_index("ix_claim_articles_live")
        batch.create_index("ix_claim_articles_live", [*_LINKS_LIVE, "first_run_id"], unique=False)
    refresh_superseded(op.get_bind())
    op.execute(sa.text("UPDATE summary_refresh SET run_id = 0"))


def downgrade() -> None:  # pragma: no cover - littrack only upgrades
    raise NotImplementedError("littrack stores are upgraded, never downgraded")
