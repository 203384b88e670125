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
from store.models import STUDY_DESIGNS
from store.screening import decisions, ranking, stopping
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


def _in_queue_order(seed, claim_id: str) -> list[int]:
    """The claim's live PMIDs in the queue's cold-start order (the priority order before the
    claim has an include and an exclude): design level, then newest Entrez date first (the
    seed stores no query-term matches)."""
    live = seed.live[claim_id]
    rank = {d: i for i, d in enumerate(STUDY_DESIGNS)}
    newest = sorted(live, key=lambda p: (seed.records[p].entrez_date or "", p), reverse=True)
    return sorted(newest, key=lambda p: rank.get(seed.records[p].study_design, len(rank)))


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


def _slot(pmid: int, claim_id: str = "recent-ketamine", prefix: str = "screen.form") -> str:
    """The key prefix of the decision panel drawn for this record (dashboard/parts/decide.py)."""
    return f"{prefix}.{claim_id}.{pmid}"


def _start(at: AppTest, name: str) -> AppTest:
    at.text_input(key="reviewer.input").input(name)
    at.button(key="reviewer.start").click().run()
    assert not at.exception, at.exception
    return at


def test_a_reviewer_screens_a_record_and_undoes_it(monkeypatch, seed):
    at = _app(monkeypatch, seed.url, "views/screen.py")
    assert at.title[0].value == "Screen"
    assert at.markdown[0].value == "**Claim:** Ketamine keeps being studied\\."
    assert [b.key for b in at.button] == ["reviewer.start"]  # no decision without a name
    _start(at, "Ann Lee")
    total = len(seed.live["recent-ketamine"])
    assert _progress(at) == f"0 of {total} screened by you"

    first = _in_queue_order(seed, "recent-ketamine")[0]
    # nothing is preselected: every decision and verdict button is unpressed
    panel = [
        b for b in at.button if b.key.startswith("screen.form.") and b.key != "screen.form.save"
    ]
    assert len(panel) == 7 and {b.proto.type for b in panel} == {"secondary"}
    assert f"PMID {first}: nothing yet" in [c.value for c in at.caption]
    at.button(key="screen.form.verdict.supports").click().run()  # key 1: include, supports
    assert f"PMID {first}: include, supports" in [c.value for c in at.caption]
    at.text_area(key=f"{_slot(first)}.note").input("clear effect")
    at.button(key="screen.form.save").click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success] == [f"Saved: PMID {first} — include, supports"]
    assert _decisions(seed.url) == [("Ann Lee", first, "include", "supports", "clear effect")]
    assert _progress(at) == f"1 of {total} screened by you"
    second = _in_queue_order(seed, "recent-ketamine")[1]
    assert f"PMID {second}: nothing yet" in [c.value for c in at.caption]

    at.button(key="screen.undo").click().run()
    assert _decisions(seed.url)[-1] == ("Ann Lee", first, decisions.WITHDRAWN, "", "")
    assert _progress(at) == f"0 of {total} screened by you"


def test_saving_with_nothing_chosen_saves_nothing_and_says_so(monkeypatch, seed):
    at = _start(_app(monkeypatch, seed.url, "views/screen.py"), "Ann")
    at.button(key="screen.form.save").click().run()
    assert [e.value for e in at.error] == [
        "Not saved: choose include (I), exclude (E) or maybe (M) first"
    ]
    assert _decisions(seed.url) == []


def test_the_keys_are_bound_to_the_buttons(monkeypatch, seed):
    at = _start(_app(monkeypatch, seed.url, "views/screen.py"), "Ann")
    at.button(key="screen.form.maybe").click().run()
    at.button(key="screen.form.save").click().run()  # makes the undo button appear
    keys = {b.key: b.proto.shortcut for b in at.button if b.proto.shortcut}  # stored lower case
    assert keys == {
        "screen.undo": "u", "screen.form.include": "i", "screen.form.exclude": "e",
        "screen.form.maybe": "m", "screen.form.verdict.supports": "1",
        "screen.form.verdict.contradicts": "2", "screen.form.verdict.mixed": "3",
        "screen.form.verdict.no-bearing": "4", "screen.form.save": "enter",
    }  # fmt: skip


@pytest.mark.parametrize("meanwhile", ["another tab decided it", "a newer record arrived"])
def test_a_decision_lands_on_the_record_shown_whatever_the_queue_did(monkeypatch, seed, meanwhile):
    at = _start(_app(monkeypatch, seed.url, "views/screen.py"), "Ann")
    shown = _in_queue_order(seed, "recent-ketamine")[0]
    assert f"PMID {shown}: nothing yet" in [c.value for c in at.caption]
    at.button(key="screen.form.exclude").click().run()
    at.selectbox(key=f"{_slot(shown)}.reason").set_value("duplicate").run()
    engine = open_engine(seed.url)
    if meanwhile == "another tab decided it":
        decisions.record_decision(engine, Decision("recent-ketamine", shown, "Ann", "maybe"))
    else:
        newer = next(p for p in seed.records if p not in seed.live["recent-ketamine"])
        # The shown record's design and the newest date: the new record heads the queue.
        design = seed.records[shown].study_design
        with engine.begin() as conn:
            fresh = dataclasses.replace(
                seed.records[newer], entrez_date="2026-11-30", study_design=design
            )
            writes.upsert_articles(conn, [fresh], fetched_at=RUN2_AT)
            # A fetch that starts and ends: the dashboard's cache key changes with it.
            run = writes.start_run(
                conn, now=RUN2_AT, mode="incremental", outline_path="tests", claims_total=1
            )
            writes.link_claim(
                conn, "recent-ketamine", [newer], run_id=run, now=RUN2_AT, complete=False
            )
            writes.finish_run(conn, run, now=RUN2_AT, status="ok")
    engine.dispose()
    at.button(key="screen.form.save").click().run()
    assert not at.exception, at.exception
    assert _decisions(seed.url)[-1] == ("Ann", shown, "exclude", "", "")
    engine = open_engine(seed.url)
    with engine.connect() as conn:
        reason = conn.execute(
            sa.select(screening_decisions.c.reason).order_by(
                screening_decisions.c.decision_id.desc()
            )
        ).first()[0]
    engine.dispose()
    assert reason == "duplicate"
    assert [s.value for s in at.success] == [f"Saved: PMID {shown} — exclude"]
    if meanwhile == "a newer record arrived":  # it did reach the head of the queue
        assert f"PMID {newer}: nothing yet" in [c.value for c in at.caption]


def test_claim_and_order_come_from_the_url(monkeypatch, seed):
    at = _screen_as(monkeypatch, seed.url, {}, {"claim": "ketamine-reviews", "order": "design"})
    assert at.selectbox(key="screen.topic").value == "anaesthesia"
    assert at.selectbox(key="screen.claim").value == "ketamine-reviews"
    assert at.radio(key="screen.order").value == "design"
    at.selectbox(key="screen.claim").set_value("recent-ketamine").run()
    at.radio(key="screen.order").set_value("newest").run()
    assert (at.query_params["claim"], at.query_params["order"]) == ("recent-ketamine", "newest")


def test_an_exclusion_keeps_its_reason_and_drops_a_verdict(monkeypatch, seed):
    at = _start(_app(monkeypatch, seed.url, "views/screen.py"), "Ann")
    pmid = _in_queue_order(seed, "recent-ketamine")[0]
    at.button(key="screen.form.verdict.supports").click().run()
    at.button(key="screen.form.exclude").click().run()  # a verdict is for inclusions only
    at.selectbox(key=f"{_slot(pmid)}.reason").set_value("wrong outcome").run()
    at.button(key="screen.form.save").click().run()
    engine = open_engine(seed.url)
    with engine.connect() as conn:
        row = conn.execute(sa.select(screening_decisions)).one()
    engine.dispose()
    assert (row.pmid, row.decision, row.reason, row.verdict) == (
        pmid, "exclude", "wrong outcome", "",
    )  # fmt: skip


def test_conflicts_are_listed_with_agreement_and_can_be_resolved(monkeypatch, seed):
    engine = open_engine(seed.url)
    a, b = _in_queue_order(seed, "recent-ketamine")[:2]
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
    assert shown["This claim: reviewer pairs"] == "2"
    assert shown["This claim: agreement"] == "50.0 %"
    assert shown["This claim: Cohen's kappa"] == "0.00"
    assert shown["Whole outline: reviewer pairs over 1 claims"] == "2"
    assert shown["Whole outline: Cohen's kappa"] == "0.00"

    _start(at, "Cy")
    assert at.selectbox(key="screen.resolve.pmid").value == b
    assert "Ann: include · Bo: exclude" in " ".join(c.value.replace("\\", "") for c in at.caption)
    at.button(key="screen.resolve.exclude").click().run()
    at.selectbox(key=f"{_slot(b, prefix='screen.resolve')}.reason").set_value("duplicate").run()
    at.button(key="screen.resolve.save").click().run()
    assert not at.exception, at.exception
    assert "No reviewers disagree on this claim's records." in [c.value for c in at.caption]


def test_read_only_dashboard_offers_no_way_to_write(monkeypatch, seed):
    engine = open_engine(seed.url)
    pmid = _in_queue_order(seed, "recent-ketamine")[0]
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
    pmid = _in_queue_order(seed, "recent-ketamine")[0]
    with pytest.raises(sa.exc.DBAPIError) as err:
        decisions.record_decision(engine, Decision("recent-ketamine", pmid, "Ann", "include"))
    engine.dispose()
    text = str(err.value.orig)
    assert "readonly database" in text or "read-only transaction" in text
    assert _decisions(seed.url) == []


def test_claim_and_overview_show_screened_counts_direction_and_retraction(monkeypatch, seed):
    engine = open_engine(seed.url)
    pmids = _in_queue_order(seed, "recent-ketamine")
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
    # the retracted inclusion is neither found nor still to find
    expected = stopping.estimated_relevant([1, 1, 0], total)
    estimated = _table(at, "claim_id", "estimated_relevant").set_index("claim_id")
    assert list(estimated.index) == ["recent-ketamine"]
    row = estimated.loc["recent-ketamine"]
    assert (row["estimated_relevant"], row["estimated_relevant_low"]) == expected[:2]
    assert row["estimated_relevant_high"] == expected[2]
    at.switch_page("views/claim.py").run()
    shown = {m.label: m.value for m in at.metric}
    assert shown["Estimated relevant records"] == (
        f"about {expected[0]} ({expected[1]}–{expected[2]})"
    )


def test_priority_order_follows_the_model_once_there_is_an_include_and_an_exclude(
    monkeypatch, seed
):
    claim = "recent-ketamine"
    cold = _in_queue_order(seed, claim)
    at = _start(_app(monkeypatch, seed.url, "views/screen.py"), "Ann")
    assert at.radio(key="screen.order").value == "priority"
    assert any("starts cold" in c.value for c in at.caption)
    engine = open_engine(seed.url)
    decisions.record_decision(engine, Decision(claim, cold[-1], "Bob", "include"))
    decisions.record_decision(engine, Decision(claim, cold[0], "Bob", "exclude"))
    texts = ranking.claim_texts(engine, claim)
    decided = (cold[0], cold[-1])
    expected = [
        p for p in ranking.ranked(texts, ranking.history(engine, claim)) if p not in decided
    ]
    engine.dispose()
    at.run()
    assert not at.exception, at.exception
    assert any("a model trained on this claim's includes and excludes (1 and 1" in c.value
               for c in at.caption)  # fmt: skip
    assert any(f"PMID {expected[0]}" in c.value for c in at.caption)
    shown = {m.label: m.value for m in at.metric}
    # the figures count the records that can be evidence: retracted ones are left out
    evidence = [p for p in cold if not seed.records[p].retracted]
    assert shown["Screened (anyone)"] == f"2 of {len(evidence)}"
    assert shown["Relevant found"] == "1"
    left = stopping.remaining([1, 0], len(evidence))
    assert shown["Relevant still unscreened (estimate)"] == (
        f"about {left.estimate} ({left.low}–{left.high})"
    )
    more = stopping.stop_test([1, 0], len(evidence)).more_needed
    assert [i.value for i in at.info if "stopping rule" in i.value] == [
        "The stopping rule for 95 % recall at 95 % confidence is not met yet: about "
        f"{more} more records in a row without an include or maybe would meet it."
    ]


def test_the_screen_page_says_when_the_stopping_rule_is_met(monkeypatch, seed):
    claim = "recent-ketamine"
    order = _in_queue_order(seed, claim)
    engine = open_engine(seed.url)
    decisions.record_decision(engine, Decision(claim, order[0], "Bob", "include"))
    for pmid in order[1:-1]:
        decisions.record_decision(engine, Decision(claim, pmid, "Bob", "exclude"))
    engine.dispose()
    counted = [p for p in order if not seed.records[p].retracted]  # retracted: never relevant
    seq = [1 if p == order[0] else 0 for p in order[:-1] if not seed.records[p].retracted]
    stop = stopping.stop_test(seq, len(counted))
    assert stop.met  # the seed's claim is large enough for the rule to be met here
    at = _start(_app(monkeypatch, seed.url, "views/screen.py"), "Ann")
    assert [s.value for s in at.success if "stopping rule" in s.value] == [
        "The stopping rule is met: at 95 % confidence at least 95 % of this claim's relevant "
        f"records have been found (p = {stop.p_value:.3f}). Screening the rest is optional."
    ]
    at.selectbox(key="screen.confidence").set_value(0.99).run()
    strict = stopping.stop_test(seq, len(counted), confidence=0.99)
    assert strict.met is False
    assert any("for 95 % recall at 99 % confidence is not met" in i.value for i in at.info)


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
        monkeypatch,
        seed.url,
        {"is_logged_in": True, "email": "ann@example.org", "email_verified": True, "name": "Ann"},
    )
    shown = [c.value.replace("\\", "").replace("\u2060", "") for c in at.caption]
    assert any("ann@example.org" in c for c in shown)
    at.button(key="screen.form.maybe").click().run()
    at.button(key="screen.form.save").click().run()
    assert [r[0] for r in _decisions(seed.url)] == ["ann@example.org"]


def test_the_reviewer_never_comes_from_the_url(monkeypatch, seed):
    at = _screen_as(monkeypatch, seed.url, {}, {"reviewer": "Eve", "user": "Eve"})
    assert [b.key for b in at.button] == ["reviewer.start"]
    assert len(at.get("progress")) == 0


def test_a_reason_on_an_inclusion_is_dropped_and_said(monkeypatch, seed):
    at = _start(_app(monkeypatch, seed.url, "views/screen.py"), "Ann")
    pmid = _in_queue_order(seed, "recent-ketamine")[0]
    at.button(key="screen.form.include").click().run()
    at.selectbox(key=f"{_slot(pmid)}.reason").set_value("duplicate").run()
    at.button(key="screen.form.save").click().run()
    notices = [i.value for i in at.info if "stopping rule" not in i.value]
    assert notices == ["The reason was not saved: it is for exclusions."]
    assert [(r[2], r[3]) for r in _decisions(seed.url)] == [("include", "")]
