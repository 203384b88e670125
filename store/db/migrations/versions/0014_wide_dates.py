"""Dates outside the years a date may have (store.defaults.YEAR_MIN … YEAR_MAX) become
unknown in stores written before the parser bounded them.

The parser now reads a year outside 1000 … 2999 as unknown, so new rows never hold one; an
older SQLite store may (a PubDate Year of 30,000,000 made the claim page take minutes and
gigabytes). Such a year, and every date text that is not ten characters or fewer starting
with a year in range, is set to NULL — what the parser stores for the same record today.
No column changes: with years bounded, every date fits PostgreSQL's `String(10)`, and a
record with an unknown date keeps every other field.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_wide_dates"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

# Fixed here, not imported: a revision must do the same thing whatever the code becomes.
_YEAR_MIN, _YEAR_MAX = 1000, 2999
_DATE_COLUMNS = ("pub_date", "entrez_date", "electronic_date", "date_revised")


def upgrade() -> None:
    articles = sa.table(
        "articles",
        sa.column("pub_year", sa.Integer),
        sa.column("pub_month", sa.Integer),
        sa.column("pub_day", sa.Integer),
        *(sa.column(name, sa.String) for name in _DATE_COLUMNS),
    )
    c = articles.c
    op.execute(
        articles.update()
        .where(sa.or_(c.pub_year < _YEAR_MIN, c.pub_year > _YEAR_MAX))
        .values(pub_year=None, pub_month=None, pub_day=None, pub_date=None)
    )
    for name in _DATE_COLUMNS:
        column = c[name]
        outside = sa.or_(
            sa.func.length(column) > 10,
            sa.func.substr(column, 1, 4) < str(_YEAR_MIN),
            sa.func.substr(column, 1, 4) > str(_YEAR_MAX),
            sa.func.substr(column, 5, 1).not_in(["", "-"]),
        )
        op.execute(articles.update().where(column.is_not(None), outside).values({name: None}))


def downgrade() -> None:
    """Nothing to undo: the values set to NULL were not dates."""
