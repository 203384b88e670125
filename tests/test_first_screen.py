"""The overview's first screen (dashboard/parts/first_screen.py): a new browser session gets
the title, the warnings and the headline numbers alone, with a loading line; the loader's
timed rerun, which the browser sends once it has drawn them, brings the whole page; later
visits in the session are drawn whole at once. Streamlit's own AppTest run
(`ElementTree.run.__wrapped__`, without the conftest's loader-following run) shows each
step; the browser test (test_dashboard_browser.py) sees the same in Chromium."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import ElementTree

from dashboard.parts.first_screen import LOADING
from store.formats.markdown import md_escape
from tests.test_dashboard_apptest import metrics

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
HEADLINE = {"Topics", "Claims", "Evidence records", "New this week"}


def streamlit_run(at: AppTest) -> AppTest:
    """One script run, as Streamlit's AppTest does it (no loader rerun)."""
    at = ElementTree.run.__wrapped__(at._tree, timeout=60)
    assert not at.exception, at.exception
    return at


def headers(at: AppTest) -> list[str]:
    return [h.value for h in at.header]


def loading(at: AppTest) -> bool:
    return LOADING in [c.value for c in at.caption]


def test_a_new_session_gets_the_headline_first_then_the_whole_page(monkeypatch, fetched_db_url):
    monkeypatch.setenv("LITTRACK_DB", fetched_db_url)
    at = streamlit_run(AppTest.from_file(str(APP), default_timeout=60))
    assert HEADLINE <= set(metrics(at))
    assert loading(at)
    assert headers(at) == []  # no topic cards, evidence map or chart yet
    assert not at.dataframe

    at = streamlit_run(at)  # the loader's timed rerun
    assert not loading(at)
    assert headers(at)[0] == "Topics"
    assert {"Evidence map", "Records per year"} <= set(headers(at))
    assert at.dataframe
    assert HEADLINE <= set(metrics(at))


def test_later_visits_in_the_session_draw_the_whole_page_at_once(monkeypatch, fetched_db_url):
    monkeypatch.setenv("LITTRACK_DB", fetched_db_url)
    at = streamlit_run(streamlit_run(AppTest.from_file(str(APP), default_timeout=60)))
    at.switch_page("views/fetch_status.py")
    at = streamlit_run(at)
    assert "Evidence map" not in headers(at)
    at.switch_page("views/overview.py")
    at = streamlit_run(at)
    assert not loading(at)
    assert "Evidence map" in headers(at)


def test_the_topic_cards_list_their_claims_only_when_opened(monkeypatch, fetched_db_url):
    """A topic card's claim list is built when a reader opens it (a lazy expander): the
    page's first drawing is lighter by a link per claim."""
    monkeypatch.setenv("LITTRACK_DB", fetched_db_url)
    at = streamlit_run(streamlit_run(AppTest.from_file(str(APP), default_timeout=60)))
    cards = [e for e in at.expander if " claims: " in e.label]
    assert len(cards) == int(metrics(at)["Topics"])
    assert all(card.children == {} for card in cards)

    topic = at.session_state["overview.trend"][0]
    at.session_state[f"overview.claims.{topic}"] = True  # the reader opens one card's list
    at = streamlit_run(at)
    opened = [e for e in at.expander if e.label.endswith(f"claims: {md_escape(topic)}")]
    assert len(opened) == 1 and len(opened[0].children) == int(opened[0].label.split()[0])
    assert sum(1 for card in at.expander if " claims: " in card.label and card.children) == 1
