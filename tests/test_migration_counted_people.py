"""Revision 0015_counted_people on a 0.3.0 store (SQLite and PostgreSQL): stored records
PubMed has not indexed are reclassified in place by today's wording rules, indexed records
and every other column are left as they were, and the summaries are read live until the
next fetch."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from store.db import migrations
from store.db.connect import open_engine
from store.evidence.design_rules import INDEXED_STATUSES
from tests.test_migration_design_pending import _articles, legacy_before, todays_design
from tests.test_migrations import row_counts

#: Each test builds an old release's schema in db_url (never a copy of the current one).
pytestmark = pytest.mark.empty_database

MINE = "0015_counted_people"

#: An unindexed record as 0.3.0 stored it: its abstract counts the people studied, which
#: 0.3.0's rules did not read, so it was "design pending".
COUNTED = {
    "pmid": 99000001,
    "title": "Outcomes of spinal fusion in osteogenesis imperfecta.",
    "abstract": "METHODS: Twenty-six children who underwent fusion were reviewed.\n\n"
    "RESULTS: 95 children with scoliosis were examined after two years.",
    "citation_status": "Publisher",
}


def make_0_3_0_store(db_url, tmp_path) -> str:
    """The 0.1.0 fixture brought to every head but this one (what 0.3.0 wrote), plus one
    unindexed record 0.3.0 left pending and one whose title 0.3.0 did not read."""
    url = legacy_before(db_url, tmp_path, MINE)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        template = conn.execute(sa.text("SELECT * FROM articles LIMIT 1")).mappings().one()
        for pmid, title, abstract in (
            (COUNTED["pmid"], COUNTED["title"], COUNTED["abstract"]),
            (99000002, "Claude Bernard (1813-1878).", ""),
        ):
            row = dict(template) | {
                "pmid": pmid,
                "title": title,
                "abstract": abstract,
                "citation_status": "Publisher",
                "publication_types": ["Journal Article"],
                "mesh": [],
                "study_design": "pending",
                "design_source": "none",
            }
            table = sa.Table("articles", sa.MetaData(), autoload_with=conn)
            conn.execute(table.insert().values(**row))
        conn.execute(sa.text("UPDATE summary_refresh SET run_id = 7"))
    engine.dispose()
    return url


def test_0015_reclassifies_a_0_3_0_stores_unindexed_records_in_place(db_url, tmp_path):
    url = make_0_3_0_store(db_url, tmp_path)
    before, _ = _articles(url)
    counts = row_counts(url)

    open_engine(url).dispose()

    after, refresh = _articles(url)
    assert row_counts(url) == counts
    assert set(after) == set(before)
    assert (after[99000001]["study_design"], after[99000001]["design_source"]) == (
        "observational",
        "text",
    )
    assert after[99000002]["study_design"] == "non-evidence"
    changed = {"study_design", "design_source", "humans", "animals", "species_source"}
    for pmid, row in after.items():
        old = before[pmid]
        assert {k: v for k, v in row.items() if k not in changed} == {
            k: v for k, v in old.items() if k not in changed
        }
        if old["citation_status"] in INDEXED_STATUSES:
            assert row == old  # wording never decides for indexed records
            continue
        assert (row["study_design"], row["design_source"]) == todays_design(old)
    assert set(refresh) <= {0}  # summaries stale: counted live until the next fetch
    engine = open_engine(url)
    with engine.connect() as conn:
        assert MINE in migrations.database_revisions(conn)
    engine.dispose()
