"""Read models the dashboard pages draw from (store/read/claim_page.py, new_records.py), on
the seeded store (tests/support/dashboard_seed.py) on both backends: the claim page's
normalised volume and flags, and the New page's one-row-per-record list, whose length is
the overview's "New this week" by construction."""

from __future__ import annotations

import pytest

from store.db.connect import open_engine
from store.read import claim_page, new_records, overview
from tests.support.dashboard_seed import NOW, PUBMED_TOTALS, build_seed

WEEK_BEFORE_NOW = "2026-11-17T12:00:00Z"


@pytest.fixture
def seed(db_url):
    return build_seed(db_url)


@pytest.fixture
def engine(seed):
    eng = open_engine(seed.url)
    yield eng
    eng.dispose()


def test_claim_volume_per_100000_pubmed_records_drops_years_without_a_total(seed, engine):
    raw = claim_page.claim_volume(
        engine, "recent-ketamine", basis="publication", all_records=True, scale="raw"
    )
    assert raw.value == "records" and raw.note == ""
    shown = claim_page.claim_volume(
        engine, "recent-ketamine", basis="publication", all_records=True, scale="pubmed"
    )
    assert shown.value == "normalised"
    assert set(shown.frame["year"]) <= set(PUBMED_TOTALS)
    for row in shown.frame.itertuples():
        assert row.normalised == round(row.records * 100_000 / PUBMED_TOTALS[row.year], 4)
    dropped = set(raw.frame["year"]) - set(PUBMED_TOTALS)
    assert shown.note == (claim_page.SOME_TOTALS if dropped else "")
    nothing = claim_page.claim_volume(
        engine, "animal-ketamine", basis="publication", all_records=True, scale="reference"
    )
    assert nothing.note == claim_page.NO_TOTALS["reference"] and nothing.frame.empty


def test_newest_view_puts_flags_in_words_beside_the_title(seed, engine):
    table = claim_page.newest_view(engine, "recent-ketamine", limit=100, new_since=WEEK_BEFORE_NOW)
    assert list(table.columns) == [*claim_page.NEWEST_COLUMNS, "abstract"]
    flags = dict(zip(table["pmid"], table["flags"], strict=True))
    retracted = [p for p, r in seed.records.items() if r.retracted and p in flags]
    concern = [p for p, r in seed.records.items() if r.concern and p in flags]
    assert retracted and all(flags[p].startswith("RETRACTED") for p in retracted)
    assert concern and all("CONCERN" in flags[p] for p in concern)
    assert claim_page.flags_text(
        {"retracted": False, "concern": False, "erratum": True, "preprint": True,
         "veterinary": False}
    ) == "erratum, preprint"  # fmt: skip


@pytest.mark.parametrize("all_records", [False, True])
def test_new_records_lists_each_record_once_and_counts_as_the_overview(seed, engine, all_records):
    listed = new_records.new_records(engine, WEEK_BEFORE_NOW, all_records=all_records)
    assert list(listed.columns) == new_records.COLUMNS
    assert listed["pmid"].is_unique and len(listed) > 0
    totals = overview.record_totals(engine, now=NOW, all_records=all_records)
    assert len(listed) == totals["new_7d"]
    # a record new to two claims lists both, by their sentences
    both = listed[listed["claim_ids"].str.contains(", ")]
    for row in both.itertuples():
        assert len(row.claims.split("; ")) == len(row.claim_ids.split(", "))
    ranks = [new_records.STUDY_DESIGNS.index(d) for d in listed["design"]]
    assert ranks == sorted(ranks)  # strongest design first


def test_the_new_list_plans_without_automatic_indexes_and_puts_the_setting_back(seed, engine):
    """SQLite chose an automatic index on `articles.retracted` and probed every (claim,
    article) pair for the week's links (13 s at 1,000,000 links, bench/dashboard.py); the
    window's readers turn automatic indexes off for their statement, and the pooled
    connection gets the setting back. PostgreSQL has no such setting and plans as before."""
    import sqlalchemy as sa

    from store.evidence import novelty

    if engine.dialect.name != "sqlite":
        assert len(novelty.new_links(engine, WEEK_BEFORE_NOW)) > 0
        return
    seen: list[int] = []

    def during(_conn, cursor, statement, *_args) -> None:
        if statement.lstrip().startswith("SELECT") and "claim_baseline" in statement:
            seen.append(cursor.connection.execute("PRAGMA automatic_index").fetchone()[0])

    sa.event.listen(engine, "before_cursor_execute", during)
    try:
        links = novelty.new_links(engine, WEEK_BEFORE_NOW)
        counted = novelty.count_new_links(engine, WEEK_BEFORE_NOW)
        novelty.count_baseline_links(engine, WEEK_BEFORE_NOW)
    finally:
        sa.event.remove(engine, "before_cursor_execute", during)
    assert len(links) == counted > 0
    assert seen == [0, 0, 0]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA automatic_index").scalar() == 1
