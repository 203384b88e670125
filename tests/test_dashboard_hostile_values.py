"""The dashboard given values it must show as data or ignore: a NUL in a URL parameter on
PostgreSQL, an outline title written as Markdown, a stored year of 30,000,000, and
LITTRACK_READONLY values that are neither on nor off (AppTest, on both backends)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.parts.identity import verified_identity
from store.db.connect import open_engine
from store.db.schema import articles, topics
from tests.support.dashboard_seed import build_seed

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


@pytest.fixture
def seed(db_url):
    return build_seed(db_url)


def _app(monkeypatch, url: str, page: str | None = None, query: dict | None = None) -> AppTest:
    monkeypatch.setenv("LITTRACK_DB", url)
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def test_a_nul_in_the_text_filter_is_ignored_not_a_database_error(monkeypatch, seed):
    at = _app(monkeypatch, seed.url, "views/publications.py", {"text": "keta\x00mine"})
    assert not at.error
    assert at.text_input(key="pub.text").value == "keta\x00mine"


def test_the_article_title_is_text_not_markdown(monkeypatch, seed):
    engine = open_engine(seed.url)
    with engine.begin() as conn:
        conn.execute(sa.update(topics).values(outline_title="![i](http://evil.invalid/i.png)"))
    engine.dispose()
    at = _app(monkeypatch, seed.url)
    (title,) = at.title
    assert title.value == r"\!\[i\]\(http\:⁠//evil\.invalid/i\.png\)"


def test_a_stored_year_of_30000000_is_left_out_of_every_chart(monkeypatch, seed):
    engine = open_engine(seed.url)
    # One record of every claim, so that whichever claim a page shows, its charts meet one
    # (a single record picked without an order was, on PostgreSQL, in no chart shown).
    absurd = {min(pmids) for pmids in seed.live.values() if pmids}
    with engine.begin() as conn:
        conn.execute(
            sa.update(articles).where(articles.c.pmid.in_(absurd)).values(pub_year=30_000_000)
        )
    engine.dispose()
    at = _app(monkeypatch, seed.url)
    for page in ("views/overview.py", "views/claim.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
        charts = at.get("plotly_chart")
        assert charts, page
        for chart in charts:
            assert "30000000" not in chart.proto.spec


@pytest.mark.parametrize(
    ("value", "read_only", "problem"),
    [
        ("", False, None),
        ("0", False, None),
        ("off", False, None),
        ("1", True, None),
        ("Yes", True, None),
        ("2", True, "LITTRACK_READONLY='2' is not one of 1, true, yes, on or 0, false, no, off"),
        ("read-only", True, "LITTRACK_READONLY='read-only' is not one of"),
        ("enabled", True, "LITTRACK_READONLY='enabled' is not one of"),
        ("y", True, "LITTRACK_READONLY='y' is not one of"),
    ],
)
def test_an_unknown_readonly_value_means_read_only_and_says_so(
    monkeypatch, value, read_only, problem
):
    monkeypatch.setenv("LITTRACK_READONLY", value)
    assert data.read_only() is read_only
    said = data.readonly_problem()
    if problem is None:
        assert said is None
    else:
        assert said.startswith(problem) and said.endswith(": the dashboard is read-only")


def test_an_unknown_readonly_value_shows_no_write_widget(monkeypatch, seed):
    monkeypatch.setenv("LITTRACK_READONLY", "read-only")
    at = _app(monkeypatch, seed.url, "views/screen.py")
    assert [w.value for w in at.warning][0].startswith("LITTRACK_READONLY='read-only'")
    assert len(at.text_input) == 0 and len(at.button) == 0


@pytest.mark.parametrize(
    ("user", "identity"),
    [
        ({"email": "ann@example.org", "email_verified": True}, "ann@example.org"),
        ({"email": "ann@example.org", "email_verified": "true"}, "ann@example.org"),
        ({"email": "ann@example.org", "email_verified": False}, None),
        ({"email": "ann@example.org", "email_verified": "false"}, None),
        ({"email": "ann@example.org"}, None),
        ({"name": "Ann", "email_verified": True}, None),
    ],
)
def test_an_oidc_identity_needs_a_verified_email(user, identity):
    assert verified_identity(user) == identity


def test_an_unverified_oidc_account_cannot_screen(monkeypatch, seed):
    monkeypatch.setenv("LITTRACK_DB", seed.url)
    monkeypatch.delenv("LITTRACK_READONLY", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.user = {"is_logged_in": True, "email": "bob@example.org", "email_verified": False}
    at.run()
    at.switch_page("views/screen.py").run()
    assert not at.exception, at.exception
    assert [w.value for w in at.warning] == [
        "Your account's e-mail address is not verified by the login provider: "
        "decisions need a verified address."
    ]
    assert len(at.get("progress")) == 0
