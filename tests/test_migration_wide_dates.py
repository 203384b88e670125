"""Revision 0014_wide_dates on a store littrack 0.1.0 wrote, on SQLite and PostgreSQL: years
and date texts outside 1000 … 2999 become unknown, every other value and row is kept."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from store.db.connect import open_engine
from store.db.schema import articles
from tests.test_migrations import load_legacy, row_counts

#: Each test builds an old release's schema in db_url (never a copy of the current one).
pytestmark = pytest.mark.empty_database

DATES = ("pub_year", "pub_month", "pub_day", "pub_date", "entrez_date", "date_revised")


def test_0014_makes_dates_outside_the_year_range_unknown_and_keeps_the_rest(db_url, tmp_path):
    url = load_legacy(db_url, tmp_path)
    raw = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with raw.begin() as conn:
        pmids = list(conn.execute(sa.text("SELECT pmid FROM articles ORDER BY pmid")).scalars())
        absurd, odd, kept = pmids[0], pmids[1], pmids[2:]
        conn.execute(
            sa.text(
                "UPDATE articles SET pub_year = 30000000, pub_date = '3000000-01', "
                "entrez_date = '9999-01-01' WHERE pmid = :p"
            ),
            {"p": absurd},
        )
        conn.execute(
            sa.text("UPDATE articles SET entrez_date = '0999-12-31' WHERE pmid = :p"), {"p": odd}
        )
        columns = ", ".join(DATES)
        before = {
            r[0]: tuple(r[1:])
            for r in conn.execute(sa.text(f"SELECT pmid, {columns} FROM articles"))
        }
    raw.dispose()
    counts = row_counts(url)

    engine = open_engine(url)
    with engine.connect() as conn:
        after = {
            r.pmid: tuple(getattr(r, c) for c in DATES)
            for r in conn.execute(sa.select(articles.c.pmid, *(articles.c[c] for c in DATES)))
        }
    engine.dispose()

    assert row_counts(url) == counts
    assert after[absurd][:4] == (None, None, None, None)
    assert after[absurd][4] is None  # 9999 is past 2999
    assert after[odd][4] is None and after[odd][:4] == before[odd][:4]
    assert {p: after[p] for p in kept} == {p: before[p] for p in kept}
    assert any(after[p][0] for p in kept)  # real years are untouched, not all NULL
