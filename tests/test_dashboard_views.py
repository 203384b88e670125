"""The dashboard's issue-14 views through AppTest, against the database two real fetch nights
filled (`fetched_db_url`): the New page, the evidence map, shareable URLs, the guarded
publications CSV, and a store the dashboard only reads. Expected numbers are counted here in
plain SQL, independently of store/."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.parts.filters import file_stem
from store.evidence.badge import sufficiency
from store.export.csv_file import PUBLICATION_COLUMNS
from store.models import STUDY_DESIGNS
from store.read.publications import PublicationFilter
from tests.test_dashboard_apptest import LIVE, frame_with, metrics, run_app, sql

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"

#: Links that are new (after their claim's first successful fetch) since :since.
NEW_LINKS = f"""
    SELECT ca.claim_id, ca.pmid {LIVE}
    AND ca.first_seen >= :since
    AND ca.first_run_id > (SELECT min(cc.run_id) FROM claim_counts cc
                           WHERE cc.claim_id = ca.claim_id AND cc.status = 'ok')
"""


def _ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_new_page_lists_exactly_the_new_links(monkeypatch, fetched_db_url):
    url = fetched_db_url
    at = run_app(monkeypatch, url, "views/new.py")
    assert at.title[0].value == "New records"
    expected = sql(url, NEW_LINKS, since=_ago(7))
    assert expected, "night two should have linked something new"
    assert metrics(at)["New claim–record links"] == f"{len(expected):,}"
    # Each record once, with every claim it is new to (claim sentences).
    shown = frame_with(at, "Title", "Claims", "PubMed")
    pmids = [int(u.rstrip("/").rsplit("/", 1)[1]) for u in shown["PubMed"]]
    assert len(pmids) == len(set(pmids))
    sentences = dict(sql(url, "SELECT claim_id, claim FROM claims"))
    claims_of: dict[int, list[str]] = {}
    for claim_id, pmid in expected:
        claims_of.setdefault(pmid, []).append(sentences[claim_id])
    for pmid, claims in zip(pmids, shown["Claims"], strict=True):
        assert sorted(claims.split("; ")) == sorted(claims_of[pmid]), pmid
    # One "New this week", the overview's number, whatever page shows it.
    new_this_week = metrics(at)["New this week"]
    assert new_this_week == f"{len(pmids):,}"
    at.switch_page("views/overview.py").run()
    assert metrics(at)["New this week"] == new_this_week
    at.switch_page("views/new.py").run()
    weekly = frame_with(at, "Week starting", "New records")
    assert len(weekly) == 12 and weekly["New records"].sum() >= 1


def test_new_page_since_a_date_from_the_url(monkeypatch, fetched_db_url):
    url = fetched_db_url
    monkeypatch.setenv("LITTRACK_DB", url)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("views/new.py")
    at.query_params["period"] = "since"
    at.query_params["since"] = "2000-01-01"
    at.run()
    assert not at.exception
    everything = sql(url, NEW_LINKS, since="2000-01-01")
    assert metrics(at)["New claim–record links"] == f"{len(everything):,}"
    assert at.date_input(key="new.since").value.isoformat() == "2000-01-01"


def test_evidence_map_table_equals_the_database(monkeypatch, fetched_db_url):
    url = fetched_db_url
    at = run_app(monkeypatch, url)
    table = frame_with(at, "Claim", "Claim id", "Counts", *STUDY_DESIGNS)
    active = dict(sql(url, "SELECT claim_id, claim FROM claims WHERE active"))
    assert sorted(table["Claim id"]) == sorted(active)  # every claim, empty ones too
    assert dict(zip(table["Claim id"], table["Claim"], strict=True)) == active  # sentences
    counts = {
        (c, d): n
        for c, d, n in sql(
            url, f"SELECT ca.claim_id, a.study_design, count(*) {LIVE} GROUP BY 1, 2"
        )
    }
    for row in table.to_dict(orient="records"):
        for design in STUDY_DESIGNS:
            n = counts.get((row["Claim id"], design), 0)
            assert row[design] == (f"{n:,}" if n else ""), (row["Claim id"], design)
    assert set(table["Counts"]) == {"retrieved"}
    assert any(v == "" for v in table[list(STUDY_DESIGNS)].to_numpy().ravel())  # gaps shown
    assert any("Nothing has been screened yet" in c.value for c in at.caption)


def test_a_map_cell_opens_that_claims_records_of_that_design(monkeypatch, fetched_db_url):
    url = fetched_db_url
    claim_id, design = sql(url, f"SELECT ca.claim_id, a.study_design {LIVE} ORDER BY 1, 2 LIMIT 1")[
        0
    ]
    at = run_app(monkeypatch, url)
    table = frame_with(at, "Claim id", *STUDY_DESIGNS)
    row = list(table["Claim id"]).index(claim_id)
    at.session_state["overview.map"] = {"selection": {"cells": [(row, design)]}}
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="pub.claim").value == claim_id
    assert at.multiselect(key="pub.designs").value == [design]


def test_a_shared_link_reopens_the_claim(monkeypatch, fetched_db_url):
    url = fetched_db_url
    claim_id, topic_id = sql(
        url, "SELECT claim_id, topic_id FROM claims WHERE active ORDER BY claim_id DESC LIMIT 1"
    )[0]
    monkeypatch.setenv("LITTRACK_DB", url)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("views/claim.py")
    at.query_params["claim"] = claim_id  # a link naming only the claim finds its topic
    at.query_params["scale"] = "pubmed"
    at.run()
    assert not at.exception
    assert at.selectbox(key="claim.topic").value == topic_id
    assert at.selectbox(key="claim.claim").value == claim_id
    assert at.radio(key="claim.scale").value == "pubmed"
    # A stale link falls back to the default view instead of failing.
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("views/claim.py")
    at.query_params["claim"] = "no-such-claim"
    at.run()
    assert not at.exception and at.selectbox(key="claim.claim").value


def test_publications_new_since_filter_and_first_seen_sort(monkeypatch, fetched_db_url):
    url = fetched_db_url
    at = run_app(monkeypatch, url, "views/publications.py")
    day = _ago(7)[:10]
    at.date_input(key="pub.seen").set_value(datetime.fromisoformat(day).date()).run()
    assert not at.exception
    new_records = {p for _, p in sql(url, NEW_LINKS, since=day)}
    # A record is new in the store when no link of it is a baseline link.
    baseline = {
        r[0]
        for r in sql(
            url,
            f"""SELECT ca.pmid {LIVE} AND (ca.first_run_id IS NULL OR ca.first_run_id <=
                (SELECT min(cc.run_id) FROM claim_counts cc
                 WHERE cc.claim_id = ca.claim_id AND cc.status = 'ok'))""",
        )
    }
    expected = new_records - baseline
    assert int(metrics(at)["Matching records"].replace(",", "")) == len(expected) > 0
    at.selectbox(key="pub.sort").select("first_seen").run()
    shown = frame_with(at, "pmid", "first_seen")
    assert set(shown["pmid"]) == expected
    assert at.query_params["seen"] == day and at.query_params["sort"] == "first_seen"


def test_publications_date_range_from_a_shared_link(monkeypatch, fetched_db_url):
    url = fetched_db_url
    monkeypatch.setenv("LITTRACK_DB", url)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("views/publications.py")
    at.query_params["from"] = "2015-01-01"
    at.query_params["to"] = "2019-12-31"
    at.run()
    assert not at.exception
    expected = sql(
        url,
        """SELECT count(*) FROM articles WHERE deleted_at IS NULL
           AND pub_date >= '2015-01-01' AND pub_date <= '2019-12-31~'""",
    )[0][0]
    assert int(metrics(at)["Matching records"].replace(",", "")) == expected
    assert at.query_params["from"] == "2015-01-01" and at.query_params["to"] == "2019-12-31"


def test_publications_csv_has_the_export_columns_and_says_what_it_holds(fetched_db_url):
    url = fetched_db_url
    topic_id = sql(url, f"SELECT c.topic_id {LIVE} GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")[0][0]
    flt = PublicationFilter(topic_id=topic_id, designs=("rct", "meta-analysis"), text="pain")
    raw = data.publication_export(url, data.filter_key(flt))
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    frame["pmid"] = frame["pmid"].astype(int)
    assert list(frame.columns) == [name for name, _ in PUBLICATION_COLUMNS]
    expected = sql(
        url,
        f"""SELECT ca.claim_id, ca.pmid {LIVE} AND c.topic_id = :t
            AND a.study_design IN ('rct', 'meta-analysis')
            AND (lower(a.title) LIKE '%pain%' OR lower(a.abstract) LIKE '%pain%')""",
        t=topic_id,
    )
    assert sorted(zip(frame["claim_id"], frame["pmid"], strict=True)) == sorted(expected)
    assert set(frame["topic_id"]) <= {topic_id}
    stem = file_stem(flt)
    assert stem.startswith(topic_id) and "rct-meta-analysis" in stem and "text-pain" in stem


def test_table_toolbar_download_is_off(monkeypatch, fetched_db_url):
    run_app(monkeypatch, fetched_db_url)
    assert st_config.get_option("client.disableDataExport") is True
    text = (ROOT / ".streamlit" / "config.toml").read_text()
    assert "disableDataExport = true" in text


def test_download_labels_are_unique_on_every_page(monkeypatch, fetched_db_url):
    at = run_app(monkeypatch, fetched_db_url)
    for page in ("views/overview.py", "views/new.py", "views/claim.py", "views/publications.py",
                 "views/fetch_status.py"):  # fmt: skip
        at.switch_page(page).run()
        assert not at.exception, page
        labels = [b.label for b in at.get("download_button")]
        assert labels and len(labels) == len(set(labels)), (page, labels)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 a zip file, not a database" * 20])
def test_a_zero_byte_or_foreign_file_is_left_untouched(monkeypatch, tmp_path, content):
    path = tmp_path / "store.sqlite"
    path.write_bytes(content)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    at = run_app(monkeypatch, str(path))
    assert at.title[0].value == "littrack: no data yet"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.sqlite"]
    if content:
        assert any("not a database" in w.value for w in at.warning)


@pytest.mark.parametrize(
    ("records", "high", "recent", "label"),
    [(0, 0, 0, "none"), (3, 0, 0, "thin"), (5, 0, 3, "thin"), (40, 1, 3, "moderate"),
     (250, 5, 20, "substantial")],
)  # fmt: skip
def test_badge_words_fit_the_numbers(records, high, recent, label):
    assert sufficiency(records, high, recent)[0] == label


def test_badge_rule_is_a_table(monkeypatch, fetched_db_url):
    at = run_app(monkeypatch, fetched_db_url)
    tables = [t.value for t in at.table]
    rule = next(t for t in tables if "1 point from" in t.columns)
    assert list(rule["2 points from"]) == ["200", "5", "20"]
    assert "thin" in next(t for t in tables if "Total points" in t.columns).index


def test_csv_bytes_are_formula_guarded():
    frame = pd.DataFrame({"title": ['=HYPERLINK("x")', "plain"]})
    from store.export.csv_file import frame_to_csv_bytes

    text = frame_to_csv_bytes(frame).decode("utf-8-sig")
    assert list(pd.read_csv(io.StringIO(text))["title"]) == ['\'=HYPERLINK("x")', "plain"]


def test_claim_page_says_when_its_claim_failed_or_matched_nothing(monkeypatch, tmp_path):
    from tests.support.dashboard_seed import build_seed

    seed = build_seed(f"sqlite:///{tmp_path / 'seeded.sqlite'}")
    monkeypatch.setenv("LITTRACK_DB", seed.url)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("views/claim.py")
    at.query_params["claim"] = "animal-ketamine"  # failed in the seed's second run
    at.run()
    assert not at.exception
    assert any(e.value.startswith("This claim failed in the last fetch") for e in at.error)
    at.selectbox(key="claim.topic").select("anaesthesia").run()
    assert not any("failed in the last fetch" in e.value for e in at.error), [
        e.value for e in at.error
    ]
    # PubMed's Count 0 for a claim: the query matches nothing, said as such.
    engine = sa.create_engine(seed.url)
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE claim_counts SET count = 0 WHERE claim_id = 'recent-ketamine'")
        )
    engine.dispose()
    st.cache_data.clear()  # the edit above is not a fetch run, so no new cache key
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("views/claim.py")
    at.query_params["claim"] = "recent-ketamine"
    at.run()
    assert any("PubMed finds no record for this claim's query" in i.value for i in at.info)


def test_the_freshness_banner_is_one_line_however_many_claims_failed():
    def page():
        from dashboard.parts.widgets import freshness_banner

        freshness_banner(
            {"last_success": None, "stale": False, "age_hours": 0.0,
             "failed_claims": [f"c{i}" for i in range(7)]}
        )  # fmt: skip

    at = AppTest.from_function(page).run()
    assert [e.value for e in at.error] == [
        "7 claim(s) failed or incomplete in the latest fetch: `c0`, `c1`, `c2` and 4 more. "
        "See Fetch status."
    ]
