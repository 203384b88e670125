"""Screening in a real browser: Debian's Chromium driven by Playwright against the dashboard
started as a user starts it (`littrack dashboard`, and `littrack dashboard --read-only`) on
the seeded store. A reviewer names themself, includes the newest record as supporting the
claim, sees it stored and counted on the claim page; the read-only dashboard offers no
way to write. Skipped only when /usr/bin/chromium is missing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from store.db.connect import open_engine
from store.models import STUDY_DESIGNS
from store.screening import decisions, ranking, stopping
from store.screening.decisions import Decision
from tests.support.dashboard_seed import build_seed
from tests.support.serve import serving
from tests.test_dashboard_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    WIDTHS,
    _free_port,
    _settle,
    _shoot,
)

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (apt-get install -y chromium)"
    ),
]


def _dashboard(url: str, log: Path, *extra: str):
    """`littrack dashboard` in its own process; yields the base URL once, then stops it."""
    port = _free_port()
    argv = [sys.executable, "-m", "fetchers.cli", "dashboard", "--port", str(port), *extra]
    env = {"LITTRACK_DB": url, "LITTRACK_READONLY": ""}
    with serving(argv, port, log, env) as base:
        yield base


@pytest.fixture
def seed(tmp_path):
    return build_seed(f"sqlite:///{tmp_path / 'screen.sqlite'}")


@pytest.fixture(scope="module")
def browser():
    """One Chromium for the module (starting one takes seconds); each test has its own
    context (cookies, storage, tabs), so no test sees another's."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser):
    width, height = WIDTHS["desktop"]
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.width_name = "desktop"  # what _shoot names the screenshot by
    yield tab
    context.close()


def _cold_order(seed) -> list[int]:
    rank = {d: i for i, d in enumerate(STUDY_DESIGNS)}
    live = seed.live["recent-ketamine"]
    newest = sorted(live, key=lambda p: (seed.records[p].entrez_date or "", p), reverse=True)
    return sorted(newest, key=lambda p: rank.get(seed.records[p].study_design, len(rank)))


def test_a_reviewer_screens_a_record_in_chromium(seed, browser_page, tmp_path):
    page = browser_page
    newest = _cold_order(seed)[0]  # the priority queue's cold start: design level, newest
    total = len(seed.live["recent-ketamine"])
    for base in _dashboard(seed.url, tmp_path / "server.log"):
        page.goto(base + "/screen")
        _settle(page, "Your name")
        page.get_by_role("textbox", name="Your name").fill("Ann Lee")
        page.get_by_role("button", name="Start screening").click()
        _settle(page, f"0 of {total} screened by you")
        assert page.get_by_text(f"PMID {newest}", exact=False).count() >= 1
        page.get_by_role("button", name="supports").click()  # include, verdict supports
        _settle(page, f"PMID {newest}: include, supports")
        page.get_by_role("textbox", name="Note").fill("dose-dependent effect")
        page.get_by_role("button", name="Save decision").click()
        _settle(page, f"1 of {total} screened by you")
        assert page.get_by_text(f"Saved: PMID {newest} — include, supports").count() == 1
        _shoot(page, "screen")

        engine = sa.create_engine(seed.url)
        with engine.connect() as conn:
            stored = conn.execute(
                sa.text("SELECT reviewer, pmid, decision, verdict, note FROM screening_decisions")
            ).all()
        engine.dispose()
        assert [tuple(r) for r in stored] == [
            ("Ann Lee", newest, "include", "supports", "dose-dependent effect")
        ]

        page.locator('[data-testid="stSidebarNav"] a', has_text="Topic / claim").first.click()
        _settle(page, "Screened evidence")
        metric = page.locator('[data-testid="stMetric"]', has_text="Supports / contradicts")
        assert metric.locator('[data-testid="stMetricValue"]').inner_text().strip() == "1 / 0 / 0"


def test_a_read_only_dashboard_offers_no_way_to_write(seed, browser_page, tmp_path):
    page = browser_page
    for base in _dashboard(seed.url, tmp_path / "server.log", "--read-only"):
        page.goto(base + "/screen")
        _settle(page, "This dashboard is read-only")
        assert page.get_by_role("textbox", name="Your name").count() == 0
        assert page.locator('[data-testid="stForm"]').count() == 0
        assert page.get_by_role("button").filter(has_text="Save").count() == 0


#: (key, what the panel then says) for ten records: every decision and verdict key once.
TEN = [
    ("i", "include"), ("1", "include, supports"), ("e", "exclude"), ("m", "maybe"),
    ("2", "include, contradicts"), ("3", "include, mixed"), ("4", "include, no bearing"),
    ("i", "include"), ("1", "include, supports"), ("e", "exclude"),
]  # fmt: skip


def test_a_reviewer_screens_ten_records_with_the_keyboard_alone(seed, browser_page, tmp_path):
    page = browser_page
    newest = sorted(
        seed.live["recent-ketamine"], key=lambda p: (seed.records[p].entrez_date or "", p)
    )[::-1]
    total = len(newest)
    assert total >= len(TEN)
    for base in _dashboard(seed.url, tmp_path / "server.log"):
        page.goto(base + "/screen?claim=recent-ketamine&order=newest")
        _settle(page, "Your name")
        page.get_by_role("textbox", name="Your name").press_sequentially("Kim")
        page.keyboard.press("Enter")
        _settle(page, f"0 of {total} screened by you")
        timings = []
        for done, ((key, said), pmid) in enumerate(zip(TEN, newest, strict=False)):
            _settle(page, f"PMID {pmid}: nothing yet")
            start = page.evaluate("() => performance.now()")
            page.keyboard.press(key)
            _settle(page, f"PMID {pmid}: {said}")
            page.keyboard.press("Enter")
            _settle(page, f"{done + 1} of {total} screened by you")
            timings.append(page.evaluate("() => performance.now()") - start)
        if done == len(TEN) - 1:
            _shoot(page, "screen-keyboard")
        page.keyboard.press("u")
        _settle(page, f"{len(TEN) - 1} of {total} screened by you")
        print(
            "keyboard screening, ms per record (key, save, next record drawn): "
            + ", ".join(f"{t:.0f}" for t in timings)
        )
        engine = sa.create_engine(seed.url)
        with engine.connect() as conn:
            stored = conn.execute(
                sa.text(
                    "SELECT pmid, decision, verdict FROM screening_decisions "
                    "WHERE reviewer = 'Kim' ORDER BY decision_id"
                )
            ).all()
        engine.dispose()
        wanted = []
        for (_, said), pmid in zip(TEN, newest, strict=False):
            decision, _, verdict = said.partition(", ")
            wanted.append((pmid, decision, verdict))
        assert [tuple(r) for r in stored] == [*wanted, (newest[len(TEN) - 1], "withdrawn", "")]

        page.reload()  # the name is kept for the browser session
        _settle(page, "Screening as")
        assert page.get_by_text("Screening as Kim").count() == 1
        assert page.get_by_role("textbox", name="Your name").count() == 0


def test_priority_order_and_what_is_left_in_chromium(seed, browser_page, tmp_path):
    """Bob has included one record and excluded one: Ann's queue follows the model, the
    panel shows what is left and the rule's message, and after her decision the next
    record is the model's next."""
    page = browser_page
    claim = "recent-ketamine"
    cold = _cold_order(seed)
    engine = open_engine(seed.url)
    decisions.record_decision(engine, Decision(claim, cold[-1], "Bob", "include"))
    decisions.record_decision(engine, Decision(claim, cold[0], "Bob", "exclude"))
    texts = ranking.claim_texts(engine, claim)
    decided = (cold[0], cold[-1])
    expected = [
        p for p in ranking.ranked(texts, ranking.history(engine, claim)) if p not in decided
    ]
    total = len([p for p in cold if not seed.records[p].retracted])  # retracted: never relevant
    more = stopping.stop_test([1, 0], total).more_needed
    for base in _dashboard(seed.url, tmp_path / "server.log"):
        page.goto(base + f"/screen?claim={claim}")
        _settle(page, "Your name")
        page.get_by_role("textbox", name="Your name").press_sequentially("Ann")
        page.keyboard.press("Enter")
        _settle(page, "What is left")
        assert page.get_by_text(f"PMID {expected[0]}", exact=False).count() >= 1
        assert page.get_by_text("a model trained on this claim", exact=False).count() == 1
        found = page.locator('[data-testid="stMetric"]', has_text="Screened (anyone)")
        assert found.locator('[data-testid="stMetricValue"]').inner_text() == f"2 of {total}"
        assert page.get_by_text(f"about {more} more records in a row", exact=False).count() == 1
        page.keyboard.press("e")
        _settle(page, f"PMID {expected[0]}: exclude")
        page.keyboard.press("Enter")
        _settle(page, f"Saved: PMID {expected[0]} — exclude")
        after = ranking.ranked(texts, ranking.history(engine, claim))
        nxt = next(p for p in after if p not in (expected[0], *decided))
        assert page.get_by_text(f"PMID {nxt}", exact=False).count() >= 1
        _settle(page, f"3 of {total}")
    engine.dispose()
