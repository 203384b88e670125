"""Revision 0002_evidence on the 0.1.0 stores (SQLite and PostgreSQL): every record's design is
recomputed from its stored fields by the parser's rules, the flags derivable from stored
columns are filled, nothing is lost, and the summaries are read live until the next fetch."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from store.db.connect import open_engine
from store.evidence.counting import summaries_current
from store.evidence.design_rules import classify
from store.read.overview import claim_overview
from tests.test_migrations import TABLES_0_1_0, load_legacy, row_counts

#: Each test builds an old release's schema in db_url (never a copy of the current one).
pytestmark = pytest.mark.empty_database


def _articles(url: str) -> dict[int, dict]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        table = sa.Table("articles", sa.MetaData(), autoload_with=conn)
        rows = {r.pmid: r._asdict() for r in conn.execute(sa.select(table))}
    engine.dispose()
    return rows


def test_the_upgrade_recomputes_designs_from_stored_fields(db_url, tmp_path):
    url = load_legacy(db_url, tmp_path)
    before = _articles(url)
    counts = row_counts(url)
    # 0.1.0 read publication types only: the letters and the unindexed meta-analysis were "other".
    assert before[33962333]["study_design"] == "other"
    assert before[419567]["study_design"] == "other"
    assert "design_source" not in before[33962333]

    open_engine(url).dispose()

    after = _articles(url)
    assert row_counts(url) == counts
    assert set(after) == set(before)
    for pmid, row in after.items():
        old = before[pmid]
        # Every 0.1.0 column keeps its value, except the recomputed design and, for records
        # without MeSH, the species read from their wording (0009_design_pending).
        recomputed = {"study_design"}
        if row["species_source"] == "text":
            recomputed |= {"humans", "animals"}
        assert {k: v for k, v in row.items() if k in old and k not in recomputed} == {
            k: v for k, v in old.items() if k not in recomputed
        }
        expected = classify(
            old["publication_types"] if isinstance(old["publication_types"], list) else [],
            [m["descriptor"] for m in old["mesh"]] if isinstance(old["mesh"], list) else [],
            old["title"],
            old["abstract"],
            old["citation_status"],
        )
        assert (row["study_design"], row["design_source"]) == expected
        assert row["concern"] is False or row["concern"] == 0
        assert row["flagged_at"] is None  # none of the stored records is retracted
    assert (after[33962333]["study_design"], after[33962333]["design_source"]) == (
        "meta-analysis",
        "text",
    )
    assert after[34092549]["study_design"] == "protocol"
    assert after[419567]["study_design"] == "non-evidence"
    assert after[34034067]["study_design"] == "observational"
    changed = {p for p in after if after[p]["study_design"] != before[p]["study_design"]}
    # 9 placed by today's rules; 5 unindexed records no rule places are design pending.
    assert len(changed) == 14
    assert {p for p in changed if after[p]["study_design"] == "pending"} == {
        32488858,
        34023336,
        34036940,
        34062414,
        34097106,
    }


def test_upgraded_counts_are_read_live_and_leave_non_evidence_out(db_url, tmp_path):
    url = load_legacy(db_url, tmp_path)
    engine = open_engine(url)
    with engine.connect() as conn:
        assert not summaries_current(conn)
        letters = conn.execute(
            sa.text(
                "SELECT ca.claim_id, count(*) FROM claim_articles ca JOIN articles a "
                "ON a.pmid = ca.pmid WHERE a.study_design = 'non-evidence' "
                "AND ca.dropped_at IS NULL GROUP BY ca.claim_id"
            )
        ).all()
    assert letters  # the fixture links some letters to claims
    evidence = claim_overview(engine).set_index("claim_id")
    everything = claim_overview(engine, all_records=True).set_index("claim_id")
    for claim_id, n in letters:
        assert everything.at[claim_id, "records"] - evidence.at[claim_id, "records"] == n
    assert "summary_refresh" in TABLES_0_1_0
