"""The evidence badge per claim type (store.evidence.badge.HIGH_LEVEL_BY_TYPE), on SQLite and
PostgreSQL, read live and from the summaries a fetch leaves: a mechanism claim is not thin
for lacking RCTs, and a safety claim's cohort studies are high-level for it."""

from __future__ import annotations

import pytest

from store.db.connect import open_engine
from store.evidence.badge import (
    HIGH_LEVEL_BY_TYPE,
    HIGH_LEVEL_DESIGNS,
    high_level_designs,
    sufficiency,
    type_rows,
)
from store.fetch import writes
from store.fetch.summaries import refresh_summaries
from store.models import CLAIM_TYPES, Claim, Outline, PubmedRecord, Topic
from store.read import overview

NOW = "2026-11-25T12:00:00Z"

#: design -> how many records of it every claim links (one veterinary RCT besides): 44
#: records (volume 1 point), none recent (0 points), so the design mix decides the badge.
DESIGNS = {
    "meta-analysis": 1,
    "rct": 2,
    "clinical trial": 3,
    "observational": 4,
    "guideline": 5,
    "review": 6,
    "other": 22,
}


def _outline() -> Outline:
    claims = tuple(
        Claim(f"{t}-claim", "t", f"A {t} claim.", "ketamine[tiab]", position=i, type=t)
        for i, t in enumerate(CLAIM_TYPES)
    )
    return Outline("T", "s", "ketamine", (Topic("t", "T", claims),))


def _records() -> list[PubmedRecord]:
    records, pmid = [], 1000
    for design, n in DESIGNS.items():
        for _ in range(n):
            pmid += 1
            records.append(
                PubmedRecord(pmid=pmid, title=design, study_design=design, pub_date="2001-01-01")
            )
    records.append(
        PubmedRecord(
            pmid=9999, title="dogs", study_design="rct", veterinary=True, pub_date="2001-01-01"
        )
    )
    return records


def expected_high_level(claim_type: str) -> int:
    return sum(n for design, n in DESIGNS.items() if design in high_level_designs(claim_type))


@pytest.fixture(params=["live", "summaries"])
def typed_store(request, db_url):
    engine = open_engine(db_url)
    records = _records()
    with engine.begin() as conn:
        writes.sync_outline(conn, _outline(), now=NOW)
        run = writes.start_run(conn, now=NOW, mode="full", outline_path="t", claims_total=5)
        writes.upsert_articles(conn, records, fetched_at=NOW)
        for claim_type in CLAIM_TYPES:
            writes.link_claim(
                conn,
                f"{claim_type}-claim",
                [r.pmid for r in records],
                run_id=run,
                now=NOW,
                complete=True,
            )
        writes.finish_run(conn, run, now=NOW, status="ok")
        if request.param == "summaries":
            refresh_summaries(conn, now=NOW)
    yield engine
    engine.dispose()


def test_the_table_covers_every_type_and_efficacy_is_the_old_rule():
    assert set(HIGH_LEVEL_BY_TYPE) == set(CLAIM_TYPES)
    assert HIGH_LEVEL_BY_TYPE["efficacy"] == HIGH_LEVEL_DESIGNS
    assert high_level_designs("unknown") == HIGH_LEVEL_DESIGNS
    assert "rct" not in HIGH_LEVEL_BY_TYPE["epidemiology"]
    assert [r["Claim type"] for r in type_rows()] == list(CLAIM_TYPES)


@pytest.mark.parametrize(
    ("claim_type", "high_level", "badge"),
    [
        ("efficacy", 3, "thin"),  # MA 1 + RCT 2; the veterinary RCT is not counted
        ("mechanism", 6, "moderate"),  # + 3 clinical trials
        ("safety", 7, "moderate"),  # + 4 observational studies
        ("epidemiology", 5, "moderate"),  # MA 1 + 4 observational; RCTs are not
        ("practice", 8, "moderate"),  # + 5 guidelines
    ],
)
def test_claim_badge_follows_its_type(typed_store, claim_type, high_level, badge):
    frame = overview.claim_overview(typed_store, now=NOW).set_index("claim_id")
    row = frame.loc[f"{claim_type}-claim"]
    assert high_level == expected_high_level(claim_type)
    assert row["records"] == sum(DESIGNS.values()) + 1
    assert row["high_level"] == high_level
    assert row["evidence"] == badge
    assert (row["evidence"], row["evidence_score"]) == sufficiency(
        int(row["records"]), high_level, int(row["recent"])
    )


def test_a_topic_counts_a_record_high_level_when_it_is_for_one_of_its_claims(typed_store):
    row = overview.topic_overview(typed_store, now=NOW).set_index("topic_id").loc["t"]
    # every design high-level for some type: MA, RCT, clinical trial, observational, guideline
    assert row["high_level"] == 1 + 2 + 3 + 4 + 5
