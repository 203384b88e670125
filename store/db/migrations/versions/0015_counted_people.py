"""Design wording, third round (after release 0.3.0): counted groups of people, one-person
titles, a journal's own pages.

Revision ID: 0015_counted_people
Revises: 0009_design_pending

The wording rules for records PubMed has not indexed grew (store/evidence/design_text.py):
an abstract that counts the people it studied ("95 children were examined", "patients
(n = 51)") is observational when nothing else names the design and no registry number makes
it a trial; a title about one person ("... in a lung transplant recipient", "A Young Woman
with ...") or "a rare complication" is a case report; covers, announcements, prefaces and
"Name (1856-1939)" titles are non-evidence; "we review" is a review and "in this essay" an
opinion piece. Stored unindexed records are reclassified here with today's rules, as a new
fetch would place them, and the summaries are marked stale so readers count live until the
next fetch rewrites them. Indexed records are not read: wording never decides for them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from store.db.migrations.reclassify import reclassify

revision = "0015_counted_people"
down_revision = "0009_design_pending"
branch_labels = None
depends_on = None


def upgrade() -> None:
    reclassify(op.get_bind(), unindexed_only=True)
    op.execute(sa.text("UPDATE summary_refresh SET run_id = 0"))


def downgrade() -> None:  # pragma: no cover - littrack only upgrades
    raise NotImplementedError("littrack stores are upgraded, never downgraded")
