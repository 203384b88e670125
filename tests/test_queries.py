"""The store's read side (store.evidence.counting, overview, claim_detail, runs and
publications) on SQLite and PostgreSQL, against numbers computed in Python from the seed's
own assignment of real PubMed records to claims."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from store.db.connect import open_engine
from store.evidence import counting as queries
from store.evidence.badge import HIGH_LEVEL_DESIGNS, sufficiency
from store.fetch.summaries import refresh_summaries
from store.read import claim_detail, export_rows, health, overview, runs
from store.read import publications as pubs
from tests.support.dashboard_seed import (
    NOW,
    OUTLINE,
    PUBMED_TOTALS,
    REFERENCE_TOTALS,
    RUN2_AT,
    build_seed,
    topic_of,
)


@pytest.fixture(params=["live", "summaries"])
def seeded(request, db_url):
    """The seed read live (it is written without the fetch job, so it has no summaries),
    and again after store.fetch.summaries.refresh_summaries, as a fetch would leave it."""
    seed = build_seed(db_url)
    engine = open_engine(db_url, create=False)
    if request.param == "summaries":
        with engine.begin() as conn:
            refresh_summaries(conn, now=RUN2_AT)
    with engine.connect() as conn:
        assert queries.summaries_current(conn) == (request.param == "summaries")
    yield seed, engine
    engine.dispose()


def _is_evidence(record) -> bool:
    return record.study_design != "non-evidence" and not record.retracted


def _high(record) -> bool:
    return record.study_design in HIGH_LEVEL_DESIGNS and not record.veterinary


def _topic_pmids(seed, topic_id, all_records=True):
    first: dict[int, str] = {}
    for claim_id, links in seed.live.items():
        if topic_of(claim_id) == topic_id:
            for pmid, seen in links.items():
                if all_records or _is_evidence(seed.records[pmid]):
                    first[pmid] = min(seen, first.get(pmid, seen))
    return first


def test_the_seed_holds_non_evidence_and_flagged_records(seeded):
    seed, _ = seeded
    linked = [seed.records[p] for links in seed.live.values() for p in links]
    assert any(r.study_design == "non-evidence" for r in linked)
    assert any(r.retracted for r in linked)


@pytest.mark.parametrize("all_records", [False, True], ids=["evidence", "all-records"])
def test_overview_numbers_match_the_seed(seeded, all_records):
    seed, engine = seeded
    frame = overview.topic_overview(engine, now=NOW, all_records=all_records)
    frame = frame.set_index("topic_id")
    assert list(frame.index) == [t.topic_id for t in OUTLINE.topics]
    for topic in OUTLINE.topics:
        row = frame.loc[topic.topic_id]
        first = _topic_pmids(seed, topic.topic_id, all_records)
        every = _topic_pmids(seed, topic.topic_id)
        assert row["claims"] == len(topic.claims)
        assert row["pubmed_count"] == sum(seed.counts[c.claim_id] for c in topic.claims)
        assert row["records"] == len(first)
        assert row["new_7d"] == sum(1 for s in first.values() if s >= "2026-11-17")
        assert row["new_30d"] == sum(1 for s in first.values() if s >= "2026-10-25")
        high = sum(1 for p in first if _high(seed.records[p]))
        recent = sum(1 for p in first if (seed.records[p].pub_date or "") >= "2021-11-25")
        assert row["high_level"] == high
        assert row["recent"] == recent
        assert row["retracted"] == sum(seed.records[p].retracted for p in every)
        assert row["concern"] == sum(seed.records[p].concern for p in every)
        # The badge is graded on evidence whatever the counts shown.
        ev = _topic_pmids(seed, topic.topic_id, False)
        ev_high = sum(1 for p in ev if _high(seed.records[p]))
        ev_recent = sum(1 for p in ev if (seed.records[p].pub_date or "") >= "2021-11-25")
        assert row["evidence"] == sufficiency(len(ev), ev_high, ev_recent)[0]


@pytest.mark.parametrize("all_records", [False, True], ids=["evidence", "all-records"])
def test_record_totals_count_each_record_once(seeded, all_records):
    seed, engine = seeded
    first: dict[int, str] = {}
    for links in seed.live.values():
        for pmid, seen in links.items():
            if all_records or _is_evidence(seed.records[pmid]):
                first[pmid] = min(seen, first.get(pmid, seen))
    totals = overview.record_totals(engine, now=NOW, all_records=all_records)
    assert totals == {
        "records": len(first),
        "new_7d": sum(1 for s in first.values() if s >= "2026-11-17"),
        "new_30d": sum(1 for s in first.values() if s >= "2026-10-25"),
    }
    # The per-topic columns overcount a record in several topics; the totals do not.
    per_topic = overview.topic_overview(engine, now=NOW, all_records=all_records)
    assert totals["records"] <= per_topic["records"].sum()


def test_claim_overview_and_fetch_status(seeded):
    seed, engine = seeded
    frame = overview.claim_overview(engine, now=NOW).set_index("claim_id")
    raw = overview.claim_overview(engine, now=NOW, all_records=True).set_index("claim_id")
    assert set(frame.index) == set(seed.live)
    status = runs.claim_fetch_status(engine).set_index("claim_id")
    for claim_id, links in seed.live.items():
        records = [seed.records[p] for p in links]
        assert frame.loc[claim_id, "records"] == sum(map(_is_evidence, records))
        assert raw.loc[claim_id, "records"] == len(links)
        assert frame.loc[claim_id, "retracted"] == sum(r.retracted for r in records)
        assert frame.loc[claim_id, "pubmed_count"] == seed.counts[claim_id]
        assert status.loc[claim_id, "stored"] == len(links)
        assert status.loc[claim_id, "expected"] == seed.counts[claim_id]
        assert status.loc[claim_id, "gap"] == seed.counts[claim_id] - len(links)
    # The failed claim keeps its last good Count but shows the failure of the newest attempt.
    assert status.loc["animal-ketamine", "status"] == "failed"
    assert "HTTP 500" in status.loc["animal-ketamine", "error"]
    one_topic = overview.claim_overview(engine, topic_id="veterinary", now=NOW)
    assert list(one_topic["claim_id"]) == ["animal-ketamine"]


@pytest.mark.parametrize("basis", ["publication", "entrez"])
def test_year_counts_by_design_and_topic(seeded, basis):
    seed, engine = seeded

    def year(p):
        r = seed.records[p]
        return r.pub_year if basis == "publication" else int(r.entrez_date[:4])

    links = seed.live["recent-ketamine"]
    expected = Counter(
        (year(p), seed.records[p].study_design) for p in links if _is_evidence(seed.records[p])
    )
    frame = claim_detail.claim_year_design(engine, "recent-ketamine", basis=basis)
    got = {(r.year, r.study_design): r.records for r in frame.itertuples()}
    assert got == dict(expected)

    heat = overview.topic_year_counts(engine, basis=basis)
    vet = heat[heat["topic_id"] == "veterinary"]
    expected_vet = Counter(year(p) for p in _topic_pmids(seed, "veterinary", False))
    assert dict(zip(vet["year"], vet["records"], strict=True)) == dict(expected_vet)


def test_breakdowns_and_history(seeded):
    seed, engine = seeded
    links = seed.live["animal-ketamine"]
    designs = claim_detail.claim_design_breakdown(engine, "animal-ketamine", all_records=True)
    assert dict(zip(designs["study_design"], designs["records"], strict=True)) == dict(
        Counter(seed.records[p].study_design for p in links)
    )
    species = claim_detail.claim_species_breakdown(
        engine, "recent-ketamine", all_records=True
    ).set_index("species")
    recs = [seed.records[p] for p in seed.live["recent-ketamine"]]
    # The check-tag groups read MeSH only (species read from wording stay "unknown").
    tagged = [r for r in recs if r.mesh]
    assert species.loc["humans only", "records"] == sum(r.humans and not r.animals for r in tagged)
    assert species.loc["animals only", "records"] == sum(r.animals and not r.humans for r in tagged)
    # Not indexed yet (no MeSH) is kept apart from indexed with neither tag.
    assert species.loc["unknown (not indexed)", "records"] == sum(not r.mesh for r in recs)
    assert species.loc["neither", "records"] == sum(
        bool(r.mesh) and not r.humans and not r.animals for r in recs
    )
    assert species.loc["unknown (not indexed)", "records"] > 0
    assert species["records"].sum() == len(recs)
    history = claim_detail.claim_count_history(engine, "animal-ketamine")
    assert list(history["status"]) == ["ok", "failed"]
    assert list(history["run_id"]) == list(seed.run_ids)
    totals = claim_detail.year_totals(engine, "pubmed")
    assert dict(zip(totals["year"], totals["total"], strict=True)) == PUBMED_TOTALS


def test_runs_and_freshness(seeded):
    seed, engine = seeded
    history = runs.run_history(engine)
    assert list(history["run_id"]) == list(reversed(seed.run_ids))
    assert list(history["status"]) == ["partial", "ok"]
    assert list(history["duration_s"]) == [150.0, 300.0]
    assert list(history["failed_claims"]) == ["animal-ketamine", ""]
    fresh = health.freshness(engine, now="2026-11-23T12:00:00Z")  # 32.96 h after
    assert fresh["last_success"] == "2026-11-22T03:02:30Z"
    assert fresh["stale"] is False and fresh["failed_claims"] == ["animal-ketamine"]
    later = health.freshness(engine, now="2026-11-23T16:00:00Z")
    assert later["stale"] is True  # 36.96 h after the fetch finished
    assert queries.store_state(engine) == "ready"
    assert queries.data_version(engine).startswith(f"{seed.run_ids[1]}:partial:")


def test_newest_publications_new_badge_and_links(seeded):
    seed, engine = seeded
    since = RUN2_AT  # the second fetch's start: its links are the new ones
    frame = pubs.newest_publications(engine, "recent-ketamine", limit=100, new_since=since)
    links = seed.live["recent-ketamine"]
    assert len(frame) == len(links)
    assert list(frame["entrez_date"]) == sorted(frame["entrez_date"], reverse=True)
    new = set(frame.loc[frame["is_new"], "pmid"])
    assert new == {p for p, s in links.items() if s == RUN2_AT}
    row = frame.set_index("pmid").loc[seed.formula_pmid]
    assert row["pubmed_url"] == f"https://pubmed.ncbi.nlm.nih.gov/{seed.formula_pmid}/"
    doi = seed.records[seed.formula_pmid].doi
    assert (row["doi_url"] == f"https://doi.org/{doi}") if doi else row["doi_url"] == ""


def _every_pmid(seed):
    return set(seed.records)


@pytest.mark.parametrize(
    "flt, keep",
    [
        (pubs.PublicationFilter(), lambda r, s: True),
        (
            pubs.PublicationFilter(topic_id="veterinary"),
            lambda r, s: r.pmid in s.live["animal-ketamine"],
        ),
        (
            pubs.PublicationFilter(claim_id="ketamine-reviews"),
            lambda r, s: r.pmid in s.live["ketamine-reviews"],
        ),
        (pubs.PublicationFilter(designs=("review",)), lambda r, s: r.study_design == "review"),
        (pubs.PublicationFilter(species="animals"), lambda r, s: r.animals),
        (
            pubs.PublicationFilter(species="neither"),
            lambda r, s: bool(r.mesh) and not r.humans and not r.animals,
        ),
        (pubs.PublicationFilter(species="unknown"), lambda r, s: not r.mesh),
        (
            pubs.PublicationFilter(date_from="1978-01-01", date_to="1979-12-31"),
            lambda r, s: "1978-01-01" <= (r.pub_date or "") <= "1979-12-31",
        ),
        (
            pubs.PublicationFilter(date_basis="entrez", date_from="2021-01-01"),
            lambda r, s: (r.entrez_date or "") >= "2021-01-01",
        ),
        (
            pubs.PublicationFilter(text="KETAMINE sheep"),
            lambda r, s: all(
                w in (r.title + " " + r.abstract).lower() for w in ("ketamine", "sheep")
            ),
        ),
        (pubs.PublicationFilter(text="100%_"), lambda r, s: "100%_" in (r.title + r.abstract)),
        (pubs.PublicationFilter(language="eng"), lambda r, s: (r.languages or ("",))[0] == "eng"),
        (pubs.PublicationFilter(retracted="only retracted"), lambda r, s: r.retracted),
    ],
    ids=lambda v: repr(v)[:60] if isinstance(v, pubs.PublicationFilter) else "",
)
def test_publication_filters(seeded, flt, keep):
    seed, engine = seeded
    expected = {p for p, r in seed.records.items() if keep(r, seed)}
    assert pubs.count_publications(engine, flt) == len(expected)
    got = pubs.list_publications(engine, flt, limit=None)
    assert set(got["pmid"]) == expected
    for row in got.itertuples():  # no MeSH yet (not MEDLINE-indexed): species unknown
        record = seed.records[row.pmid]
        if record.mesh:
            assert (row.humans, row.animals) == (record.humans, record.animals)
        else:
            assert pd.isna(row.humans) and pd.isna(row.animals)


def test_pagination_is_stable_and_sorted(seeded):
    seed, engine = seeded
    flt = pubs.PublicationFilter()
    pages = [
        pubs.list_publications(engine, flt, sort="pub_date", descending=False, limit=10, offset=o)
        for o in range(0, len(seed.records), 10)
    ]
    pmids = [p for page in pages for p in page["pmid"]]
    assert sorted(pmids) == sorted(seed.records)  # every record exactly once
    dates = [d or "" for page in pages for d in page["pub_date"]]
    assert dates == sorted(dates)
    with pytest.raises(ValueError):
        pubs.list_publications(engine, flt, sort="title; drop table articles")


def test_export_rows_and_summary(seeded):
    seed, engine = seeded
    rows = list(export_rows.export_rows(engine))
    assert len(rows) == sum(len(v) for v in seed.live.values())
    assert {(r["claim_id"], r["pmid"]) for r in rows} == {
        (c, p) for c, links in seed.live.items() for p in links
    }
    assert [r["claim_id"] for r in rows][0] == "recent-ketamine"  # outline order
    only = list(export_rows.export_rows(engine, claim_id="animal-ketamine", since="2021-01-01"))
    assert {r["pmid"] for r in only} == {
        p for p in seed.live["animal-ketamine"] if seed.records[p].entrez_date >= "2021-01-01"
    }
    summary = export_rows.claim_year_summary(engine)
    rk = summary[summary["claim_id"] == "recent-ketamine"].set_index("year")
    links = seed.live["recent-ketamine"]
    by_year = Counter(seed.records[p].pub_year for p in links if _is_evidence(seed.records[p]))
    assert dict(rk["records"]) == dict(by_year)
    raw = export_rows.claim_year_summary(engine, all_records=True)
    raw = raw[raw["claim_id"] == "recent-ketamine"].set_index("year")
    assert dict(raw["records"]) == dict(Counter(seed.records[p].pub_year for p in links))
    for year, n in by_year.items():
        assert rk.loc[year, "per_100k"] == pytest.approx(n * 100_000 / PUBMED_TOTALS[year], 1e-3)
        assert rk.loc[year, "reference_pct"] == pytest.approx(
            n * 100 / REFERENCE_TOTALS[year], 1e-3
        )
    assert summary[summary["claim_id"] == "animal-ketamine"]["reference_total"].isna().all()
