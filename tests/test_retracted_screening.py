"""A paper included by reviewers and later retracted by PubMed leaves every screened number
(store/screening/outcomes.py), on SQLite and PostgreSQL, live and from the summaries; the
alert names it once. Expected numbers come from the seed and the decisions made here."""

from __future__ import annotations

import dataclasses

import pytest

from store.db.connect import open_engine
from store.fetch import summaries, writes
from store.screening import decisions, outcomes
from store.screening.decisions import Decision
from tests.support.dashboard_seed import NOW, RUN2_AT, build_seed

CLAIMS = ("recent-ketamine", "ketamine-reviews")


@pytest.fixture
def included(db_url):
    """The seed with one evidence record included (supports) by Ann and Bo on both claims
    that link it; returns (url, seed, pmid)."""
    seed = build_seed(db_url)
    both = set(seed.live["recent-ketamine"]) & set(seed.live["ketamine-reviews"])
    pmid = min(p for p in both if not seed.records[p].retracted)
    engine = open_engine(db_url)
    for claim_id in CLAIMS:
        for reviewer in ("Ann", "Bo"):
            decisions.record_decision(
                engine, Decision(claim_id, pmid, reviewer, "include", verdict="supports")
            )
    engine.dispose()
    return db_url, seed, pmid


def _retract(url: str, seed, pmid: int, *, refresh: bool) -> None:
    """What a later fetch does: store the record with PubMed's flag, then (at its end)
    rewrite the summaries."""
    engine = open_engine(url)
    with engine.begin() as conn:
        retracted = dataclasses.replace(seed.records[pmid], retracted=True)
        writes.upsert_articles(conn, [retracted], fetched_at=RUN2_AT)
        if refresh:
            summaries.refresh_summaries(conn, now=NOW)
    engine.dispose()


def _kept(seed, claim_id: str) -> int:
    return sum(not seed.records[p].retracted for p in seed.live[claim_id])


@pytest.mark.parametrize("refresh", [False, True], ids=["live", "summaries"])
def test_screening_counts_leave_a_retracted_inclusion_out(included, refresh):
    url, seed, pmid = included
    engine = open_engine(url)
    before = outcomes.screening_counts(engine).set_index("claim_id")
    assert before.loc["recent-ketamine", ["included", "supports"]].tolist() == [1, 1]
    _retract(url, seed, pmid, refresh=refresh)
    after = outcomes.screening_counts(engine).set_index("claim_id")
    for claim_id in CLAIMS:
        row = after.loc[claim_id]
        kept = _kept(seed, claim_id) - 1
        assert row[["records", "screened", "included", "supports", "unscreened"]].tolist() == [
            kept, 0, 0, 0, kept,
        ]  # fmt: skip
    topics = outcomes.topic_screening_counts(engine).set_index("topic_id")
    assert topics.loc["anaesthesia", ["included", "supports", "screened"]].tolist() == [0, 0, 0]
    engine.dispose()


def test_the_map_and_the_direction_chart_leave_it_out(included):
    url, seed, pmid = included
    engine = open_engine(url)
    record = seed.records[pmid]
    cells = outcomes.included_by_design(engine)
    assert set(cells["claim_id"]) == set(CLAIMS) and cells["supports"].sum() == 2
    direction = outcomes.direction_by_year(engine, "recent-ketamine")
    assert [(r.year, r.verdict, r.records) for r in direction.itertuples()] == [
        (record.pub_year, "supports", 1)
    ]
    _retract(url, seed, pmid, refresh=False)
    assert outcomes.included_by_design(engine).empty
    assert outcomes.direction_by_year(engine, "recent-ketamine").empty
    engine.dispose()


@pytest.mark.parametrize("all_records", [False, True])
def test_screened_by_year_follows_the_evidence_rule(included, all_records):
    """The summary export's screened columns count the records its `records` column counts:
    evidence leaves the retracted paper out, raw retrieval (`all_records`) keeps it."""
    url, seed, pmid = included
    engine = open_engine(url)
    _retract(url, seed, pmid, refresh=False)
    frame = outcomes.screened_by_year(engine, claim_id="recent-ketamine", all_records=all_records)
    assert int(frame["included"].sum()) == (1 if all_records else 0)
    engine.dispose()


def test_the_alert_names_each_retracted_paper_once(included):
    url, seed, pmid = included
    engine = open_engine(url)
    assert outcomes.retracted_inclusions(engine).empty
    _retract(url, seed, pmid, refresh=False)
    alert = outcomes.retracted_inclusions(engine)
    assert alert.to_dict("records") == [
        {
            "pmid": pmid,
            "title": seed.records[pmid].title,
            "link": f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
            "claims": "ketamine-reviews, recent-ketamine",
            "reviewers": "Ann, Bo",
            "decided_at": alert["decided_at"].iloc[0],
        }
    ]
    one = outcomes.retracted_inclusions(engine, claim_id="ketamine-reviews")
    assert list(one["claims"]) == ["ketamine-reviews"]
    # Bo takes his include back on one claim: the paper is still listed, for Ann there
    decisions.record_decision(
        engine, Decision("ketamine-reviews", pmid, "Bo", "exclude", reason="other")
    )
    row = outcomes.retracted_inclusions(engine, claim_id="ketamine-reviews").iloc[0]
    assert (row["pmid"], row["reviewers"]) == (pmid, "Ann")
    engine.dispose()
