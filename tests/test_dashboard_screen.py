"""The Screen page and the screened counts on the claim and overview pages, through AppTest
(no browser), on the seeded store (tests/support/dashboard_seed.py); read-only mode, where
neither the page nor the store can write."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from store.db.connect import open_engine
from store.db.schema import screening_decisions
from store.fetch import writes
from store.screening import decisions
from store.screening.decisions import Decision
from tests.support.dashboard_seed import RUN2_AT, build_seed

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"


@pytest.fixture
def seed(db_url):
    return build_seed(db_url)


def _app(monkeypatch, url: str, page: str, *, read_only: bool = False) -> AppTest:
    monkeypatch.setenv("LITTRACK_DB", url)
    if read_only:
        monkeypatch.setenv("LITTRACK_READONLY", "1")
    else:
        monkeypatch.delenv("LITTRACK_READONLY", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, at.exception
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _newest(seed, claim_id: str) -> list[int]:
    """The claim's live PMIDs, newest Entrez date first (the queue's default order)."""
    live = seed.live[claim_id]
    return sorted(live, key=lambda p: (seed.records[p].entrez_date or "", p), reverse=True)


def _decisions(url: str) -> list[tuple]:
    engine = open_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                screening_decisions.c.reviewer,
                screening_decisions.c.pmid,
                screening_decisions.c.decision,
                screening_decisions.c.verdict,
                screening_decisions.c.note,
            ).order_by(screening_decisions.c.decision_id)
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def _table(at: AppTest, *columns: str):
    """The shown table with these columns (AppTest does not keep dataframe keys)."""
    for element in at.dataframe:
        if set(columns) <= set(element.value.columns):
            return element.value
    raise AssertionError(f"no table with columns {columns}")


def _progress(at: AppTest) -> str:
    return at.get("progress")[0].proto.text


def test_a_reviewer_screens_a_record_and_undoes_it(monkeypatch, seed):
    at = _app(monkeypatch, seed.url, "views/screen.py")
    assert at.title[0].value == "Screen"
    assert at.markdown[0].value == "**Claim:** Ketamine keeps being studied\\."
    assert [b.key for b in at.button] == ["reviewer.start"]  # no decision without a name
    at.text_input(key="reviewer.input").input("Ann Lee")
    at.button(key="reviewer.start").click().run()
    total = len(seed.live["recent-ketamine"])
    assert _progress(at) == f"0 of {total} screened by you"

    first = _newest(seed, "recent-ketamine")[0]
    assert any(f"PMID {first}" in c.value for c in at.caption)
    at.radio(key="screen.form.decision").set_value("include")
    at.radio(key="screen.form.verdict").set_value("supports")
    at.text_area(key="screen.form.note").input("clear effect")
    at.button(key="screen.form.save").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [f"Saved: PMID {first} — include"]
    assert _decisions(seed.url) == [("Ann Lee", first, "include", "supports", "clear effect")]
    assert _progress(at) == f"1 of {total} screened by you"
    second = _newest(seed, "recent-ketamine")[1]
    assert any(f"PMID {second}" in c.value for c in at.caption)

    at.button(key="screen.undo").click().run()
    assert _decisions(seed.url)[-1] == ("Ann Lee", first, decisions.WITHDRAWN, "", "")
    assert _progress(at) == f"0 of {total} screened by you"


def test_a_verdict_on_an_exclusion_is_not_saved(monkeypatch, seed):
    at = _app(monkeypatch, seed.url, "views/screen.py")
    at.text_input(key="reviewer.input").input("Ann")
    at.button(key="reviewer.start").click().run()
    at.radio(key="screen.form.decision").set_value("exclude")
    at.selectbox(key="screen.form.reason").set_value("wrong outcome")
    at.radio(key="screen.form.verdict").set_value("supports")
    at.button(key="screen.form.save").click().run()
    # the verdict is dropped for an exclusion (it only applies to included records)
    pmid = _newest(seed, "recent-ketamine")[0]
    engine = open_engine(seed.url)
    with engine.connect() as conn:
        row = conn.execute(sa.select(screening_decisions)).one()
    engine.dispose()
    assert (row.pmid, row.decision, row.reason, row.verdict) == (
        pmid, "exclude", "wrong outcome", "",
    )  # fmt: skip


def test_conflicts_are_listed_with_agreement_and_can_be_resolved(monkeypatch, seed):
    engine = open_engine(seed.url)
    a, b = _newest(seed, "recent-ketamine")[:2]
    for pmid in (a, b):
        decisions.record_decision(engine, Decision("recent-ketamine", pmid, "Ann", "include"))
    decisions.record_decision(engine, Decision("recent-ketamine", a, "Bo", "include"))
    decisions.record_decision(
        engine, Decision("recent-ketamine", b, "Bo", "exclude", reason="duplicate")
    )
    engine.dispose()
    at = _app(monkeypatch, seed.url, "views/screen.py")
    table = _table(at, "reviewer", "decided_at")
    assert list(zip(table["pmid"], table["reviewer"], table["decision"], strict=True)) == [
        (b, "Ann", "include"), (b, "Bo", "exclude"),
    ]  # fmt: skip
    shown = {m.label: m.value for m in at.metric}
    assert shown["Records screened twice (reviewer pairs)"] == "2"
    assert shown["Agreement"] == "50.0 %"
    assert shown["Cohen's kappa"] == "0.00"

    at.text_input(key="reviewer.input").input("Cy")
    at.button(key="reviewer.start").click().run()
    assert at.selectbox(key="screen.resolve.pmid").value == b
    at.radio(key="screen.resolve.decision").set_value("exclude")
    at.selectbox(key="screen.resolve.reason").set_value("duplicate")
    at.button(key="screen.resolve.save").click().run()
    assert not at.exception, at.exception
    assert "No reviewers disagree on this claim's records." in [c.value for c in at.caption]


def test_read_only_dashboard_offers_no_way_to_write(monkeypatch, seed):
    engine = open_engine(seed.url)
    pmid = _newest(seed, "recent-ketamine")[0]
    decisions.record_decision(engine, Decision("recent-ketamine", pmid, "Ann", "include"))
    decisions.record_decision(engine, Decision("recent-ketamine", pmid, "Bo", "maybe"))
    engine.dispose()
    at = _app(monkeypatch, seed.url, "views/screen.py", read_only=True)
    assert [i.value for i in at.info] == [
        "This dashboard is read-only: decisions can be seen here but not made."
    ]
    assert len(at.text_input) == 0 and len(at.button) == 0 and len(at.text_area) == 0
    assert len(at.get("form")) == 0
    assert list(_table(at, "reviewer", "decided_at")["reviewer"]) == ["Ann", "Bo"]
    for page in ("views/claim.py", "views/overview.py", "views/publications.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert len(at.text_area) == 0 and len(at.get("form")) == 0


def test_the_store_opened_read_only_refuses_writes(seed):
    engine = open_engine(seed.url, read_only=True)
    pmid = _newest(seed, "recent-ketamine")[0]
    with pytest.raises(sa.exc.DBAPIError) as err:
        decisions.record_decision(engine, Decision("recent-ketamine", pmid, "Ann", "include"))
    engine.dispose()
    text = str(err.value.orig)
    assert "readonly database" in text or "read-only transaction" in text
    assert _decisions(seed.url) == []


def test_claim_and_overview_show_screened_counts_direction_and_retraction(monkeypatch, seed):
    engine = open_engine(seed.url)
    pmids = _newest(seed, "recent-ketamine")
    verdicts = {pmids[0]: "supports", pmids[1]: "supports", pmids[2]: "contradicts"}
    for pmid, verdict in verdicts.items():
        decisions.record_decision(
            engine, Decision("recent-ketamine", pmid, "Ann", "include", verdict=verdict)
        )
    decisions.record_decision(
        engine, Decision("recent-ketamine", pmids[3], "Ann", "exclude", reason="other")
    )
    retracted = dataclasses.replace(seed.records[pmids[2]], retracted=True)
    with engine.begin() as conn:
        writes.upsert_articles(conn, [retracted], fetched_at=RUN2_AT)
    engine.dispose()
    # the retracted inclusion (and the seed's own retracted record) leave every screened number
    gone = {pmids[2]} | {p for p in seed.live["recent-ketamine"] if seed.records[p].retracted}
    total = len(set(seed.live["recent-ketamine"]) - gone)

    at = _app(monkeypatch, seed.url, "views/claim.py")
    shown = {m.label: m.value for m in at.metric}
    assert (shown["Included"], shown["Excluded"], shown["Unscreened"]) == (
        "2", "1", str(total - 3),
    )  # fmt: skip
    assert shown["Supports / contradicts / mixed"] == "2 / 0 / 0"
    alerts = [e.value for e in at.error]
    assert any(f"PMID {pmids[2]}" in a and "retracted" in a for a in alerts), alerts
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    spec = next(s for s in specs if any("(supports)" in t.get("name", "") for t in s["data"]))
    names = {t["name"] for t in spec["data"]}
    designs = {seed.records[p].study_design for p in verdicts}
    assert names <= {f"{d} (supports)" for d in designs} | {f"{d} (contradicts)" for d in designs}
    ups = sum(max(t["y"]) for t in spec["data"] if t["name"].endswith("(supports)"))
    assert ups == 2

    at.switch_page("views/overview.py").run()
    assert not at.exception, at.exception
    table = _table(at, "topic_id", "included", "unscreened").set_index("topic_id")
    assert table.loc["anaesthesia", "included"] == 2
    assert table.loc["anaesthesia", "excluded"] == 1


def _screen_as(monkeypatch, url: str, user: dict, query: dict | None = None) -> AppTest:
    monkeypatch.setenv("LITTRACK_DB", url)
    monkeypatch.delenv("LITTRACK_READONLY", raising=False)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.user = user
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/screen.py").run()
    assert not at.exception, at.exception
    return at


def test_with_oidc_the_reviewer_is_the_logged_in_account(monkeypatch, seed):
    at = _screen_as(monkeypatch, seed.url, {"is_logged_in": False})
    assert [b.label for b in at.button] == ["Log in"]
    assert len(at.text_input) == 0 and len(at.get("progress")) == 0

    at = _screen_as(
        monkeypatch, seed.url, {"is_logged_in": True, "email": "ann@example.org", "name": "Ann"}
    )
    shown = [c.value.replace("\\", "").replace("\u2060", "") for c in at.caption]
    assert any("ann@example.org" in c for c in shown)
    at.radio(key="screen.form.decision").set_value("maybe")
    at.button(key="screen.form.save").click().run()
    assert [r[0] for r in _decisions(seed.url)] == ["ann@example.org"]


def test_the_reviewer_never_comes_from_the_url(monkeypatch, seed):
    at = _screen_as(monkeypatch, seed.url, {}, {"reviewer": "Eve", "user": "Eve"})
    assert [b.key for b in at.button] == ["reviewer.start"]
    assert len(at.get("progress")) == 0


def test_a_reason_on_an_inclusion_is_dropped_and_said(monkeypatch, seed):
    at = _app(monkeypatch, seed.url, "views/screen.py")
    at.text_input(key="reviewer.input").input("Ann")
    at.button(key="reviewer.start").click().run()
    at.radio(key="screen.form.decision").set_value("include")
    at.selectbox(key="screen.form.reason").set_value("duplicate")
    at.button(key="screen.form.save").click().run()
    assert [i.value for i in at.info] == ["The reason was not saved: it is for exclusions."]
    assert [(r[2], r[3]) for r in _decisions(seed.url)] == [("include", "")]
