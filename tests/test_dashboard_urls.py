"""Shareable views and navigation through AppTest on the seeded store: the All-records switch
and the clicked year travel in the URL, a sidebar link (no parameters) reopens a page with
the filters it had, and a link's parameters win over what the session remembers."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.dashboard_seed import build_seed

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


@pytest.fixture
def seed(tmp_path):
    return build_seed(f"sqlite:///{tmp_path / 'urls.sqlite'}")


def _open(monkeypatch, url: str, page: str, **params: str) -> AppTest:
    monkeypatch.setenv("LITTRACK_DB", url)
    monkeypatch.delenv("LITTRACK_READONLY", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page(page)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_switch_and_the_year_come_from_a_shared_link(monkeypatch, seed):
    year = max(r.pub_year for p, r in seed.records.items() if p in seed.live["recent-ketamine"])
    at = _open(
        monkeypatch, seed.url, "views/claim.py", claim="recent-ketamine", all="1", year=str(year)
    )
    assert at.toggle(key="claim.all_records").value is True
    assert {m.label for m in at.metric} >= {"Records stored"}
    assert f"Newest publications of {year}" in [h.value for h in at.header]
    at.toggle(key="claim.all_records").set_value(False).run()
    assert "all" not in at.query_params and at.query_params["year"] == str(year)


def test_a_sidebar_link_keeps_the_page_filters_and_a_link_wins(monkeypatch, seed):
    at = _open(monkeypatch, seed.url, "views/claim.py")
    at.selectbox(key="claim.claim").select("ketamine-reviews").run()
    at.radio(key="claim.scale").set_value("pubmed").run()
    at.switch_page("views/overview.py").run()
    at.switch_page("views/claim.py").run()  # as a sidebar link: no parameters
    assert not at.exception, at.exception
    assert at.selectbox(key="claim.claim").value == "ketamine-reviews"
    assert at.radio(key="claim.scale").value == "pubmed"
    assert (at.query_params["claim"], at.query_params["scale"]) == ("ketamine-reviews", "pubmed")
    at.switch_page("views/overview.py").run()
    at.switch_page("views/claim.py")
    at.query_params.clear()  # a link replaces the address: only its own parameters
    at.query_params["claim"] = "animal-ketamine"  # a card's link names another claim
    at.run()
    assert at.selectbox(key="claim.topic").value == "veterinary"
    assert at.selectbox(key="claim.claim").value == "animal-ketamine"
