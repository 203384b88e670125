"""Revision 0003_reliability on a store littrack 0.1.0 wrote, on SQLite and PostgreSQL: the
widened columns take what used to stop a fetch, the new columns are filled for old rows,
every row is kept."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from store.db.connect import open_engine
from store.db.schema import articles, claim_counts, fetch_runs, skipped_records
from tests.test_migrations import load_legacy, row_counts

#: Each test builds an old release's schema in db_url (never a copy of the current one).
pytestmark = pytest.mark.empty_database


def test_0003_on_a_0_1_0_store_fills_new_columns_and_widens_old_ones(db_url, tmp_path):
    url = load_legacy(db_url, tmp_path)
    before = row_counts(url)
    engine = open_engine(url)
    try:
        with engine.connect() as conn:
            versions = set(
                conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars()
            )
            assert "0003_reliability" in versions
            cut = set(conn.execute(sa.select(articles.c.cut_fields)).scalars())
            runs = conn.execute(
                sa.select(fetch_runs.c.records_skipped, fetch_runs.c.claims_incomplete)
            ).all()
            assert (
                conn.execute(sa.select(sa.func.count()).select_from(skipped_records)).scalar() == 0
            )
        assert before["articles"] > 0 and cut == {""}  # nothing was cut before 0003
        assert runs and set(runs) == {(0, 0)}
        with engine.begin() as conn:
            pmid = conn.execute(sa.select(sa.func.min(articles.c.pmid))).scalar()
            conn.execute(
                articles.update()
                .where(articles.c.pmid == pmid)
                .values(language="x" * 40, citation_status="S" * 50, pmc="PMC" + "9" * 40)
            )
            run_id, claim_id = conn.execute(
                sa.select(claim_counts.c.run_id, claim_counts.c.claim_id).limit(1)
            ).one()
            conn.execute(
                claim_counts.update()
                .where(claim_counts.c.run_id == run_id, claim_counts.c.claim_id == claim_id)
                .values(count=3_000_000_000, retrieved=2**40)
            )
        with engine.connect() as conn:
            assert (
                conn.execute(sa.select(articles.c.language).where(articles.c.pmid == pmid)).scalar()
                == "x" * 40
            )
            assert (
                conn.execute(
                    sa.select(claim_counts.c.count).where(
                        claim_counts.c.run_id == run_id, claim_counts.c.claim_id == claim_id
                    )
                ).scalar()
                == 3_000_000_000
            )
    finally:
        engine.dispose()
    after = row_counts(url)
    assert {k: v for k, v in after.items() if k in before} == before
