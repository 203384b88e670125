"""The dashboard in a real browser: Debian's Chromium driven by Playwright against
`streamlit run streamlit_app.py` on the database the real fetch path filled.

Opens every page at 1440 and 390 px and checks, on each: no horizontal page scroll, no
serious or critical axe-core violation (tests/vendor/axe-core), and that the browser asked
no host but the dashboard's own for anything (fonts and favicon included). Filters the
Publications page, downloads its CSV and checks the rows against the database, opens
`/overview` directly, and at the end checks the database file is byte for byte unchanged.
Screenshots go to tests/artifacts/screenshots/ (set LITTRACK_SCREENSHOT_DIR=docs/screenshots
to refresh the ones the README shows). Skipped only when /usr/bin/chromium is missing."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from dashboard.parts.first_screen import LOADING
from tests.support.serve import free_port as _free_port
from tests.support.serve import serving

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SHOTS = Path(
    os.environ.get("LITTRACK_SCREENSHOT_DIR") or ROOT / "tests" / "artifacts" / "screenshots"
)
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}
#: (sidebar link, a text the page shows when drawn, screenshot name)
PAGES = [
    ("Overview", "Evidence map", "overview"),
    ("New", "New records per week", "new"),
    ("Topic / claim", "Volume by year and study design", "claim"),
    ("Publications", "Matching records", "publications"),
    ("Fetch status", "Run history", "fetch-status"),
    ("Screen", "Agreement", "screen"),
]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is missing (apt-get install -y chromium)",
    ),
]


#: The database file's hash when the server started, per URL.
STORE_HASH: dict[str, str] = {}


@pytest.fixture(scope="module")
def server(fetched_db_url, tmp_path_factory):
    db_file = Path(sa.engine.make_url(fetched_db_url).database)
    STORE_HASH[fetched_db_url] = hashlib.sha256(db_file.read_bytes()).hexdigest()
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    argv = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with serving(argv, port, log, {"LITTRACK_DB": fetched_db_url}) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def requests_seen():
    return []


@pytest.fixture(scope="module", params=list(WIDTHS))
def page(request, browser, server, requests_seen):
    width, height = WIDTHS[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        accept_downloads=True,
        is_mobile=request.param == "phone",
        has_touch=request.param == "phone",
    )
    tab = context.new_page()
    tab.on("request", lambda r: requests_seen.append(r.url))
    tab.width_name = request.param
    tab.base = server
    yield tab
    context.close()


def _settle(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
    page.wait_for_selector(READY, timeout=30_000)
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=30_000)
    page.get_by_text(LOADING).first.wait_for(state="detached", timeout=30_000)
    _drawn(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_text("Page not found").count() == 0, page.url


#: True once every Plotly chart on the page has drawn its plot (Plotly adds `.main-svg`
#: when it has laid the figure out).
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .every(chart => chart.querySelector('.main-svg'))"""
#: True once a grid (the evidence map) starts under the given element (its key), within
#: 120 px of the key's bottom: what the overview test checks, as the browser lays it out.
KEY_ABOVE_A_GRID = """key => {
    const k = key.getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid="stDataFrame"]')].some(grid => {
        const top = grid.getBoundingClientRect().top;
        return top > k.top && top - k.bottom < 120;
    });
}"""
#: Resolves after the browser has painted twice more (what is drawn is on screen).
TWO_FRAMES = """() => new Promise(done =>
    requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"""


def _drawn(page) -> None:
    """Wait until every chart is drawn and the browser has painted it, so a screenshot
    or axe sees the finished page (instead of waiting a fixed half second)."""
    page.wait_for_function(CHARTS_DRAWN, timeout=30_000)
    page.evaluate(TWO_FRAMES)


def _shoot(page, name: str) -> None:
    """docs/screenshots/NAME.png (NAME-phone.png at phone width); a page opened without the
    `page` fixture (the screening browser test's) is a desktop one."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    width_name = getattr(page, "width_name", "desktop")
    width, height = WIDTHS[width_name]
    full = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": min(max(height, full), 6000)})
    _drawn(page)
    suffix = "" if width_name == "desktop" else "-phone"
    page.screenshot(path=str(SHOTS / f"{name}{suffix}.png"))
    page.set_viewport_size({"width": width, "height": height})


def _no_sideways_scroll(page) -> None:
    widths = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]');
            return [document.documentElement.scrollWidth, window.innerWidth,
                    main.scrollWidth, main.clientWidth];
        }"""
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[3] + 1, widths


def _axe(page) -> list[dict]:
    """Serious and critical axe-core violations on the page as drawn, and any heading-order
    one (moderate: a skipped heading level)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [
        v for v in result if v["impact"] in ("serious", "critical") or v["id"] == "heading-order"
    ]


def _nav(page, title: str, heading: str) -> None:
    path = next(p for t, _, p in PAGES if t == title)
    # Through the address bar, as a shared link would open it (the sidebar is collapsed on
    # a phone); "overview" is the default page, which must answer /overview too.
    page.goto(f"{page.base}/{path}")
    _settle(page, heading)


def _headline_seconds(page) -> tuple[float, float]:
    """A fresh tab on the overview: seconds from navigation to the headline numbers drawn,
    and to the evidence map's key, which comes with the rest of the page once the first
    screen's loading line has gone (dashboard/parts/first_screen.py)."""
    tab = page.context.new_page()
    try:
        start = tab.evaluate("() => performance.now()")
        tab.goto(page.base + "/overview")
        tab.locator('[data-testid="stMetric"]', has_text="New this week").wait_for(timeout=60_000)
        headline = (tab.evaluate("() => performance.now()") - start) / 1000
        tab.get_by_text("one log scale for the whole map", exact=False).wait_for(timeout=60_000)
        whole = (tab.evaluate("() => performance.now()") - start) / 1000
        assert tab.get_by_text(LOADING).count() == 0
        return headline, whole
    finally:
        tab.close()


def test_the_overview_leads_with_its_headline_and_map(server, page):
    """At both widths the headline numbers are above the fold, and the map is a table whose
    key sits above it. The time to the headline in a fresh tab is printed (bench/RESULTS.md
    holds the measured figures; no test asserts a time)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    seconds = sorted(_headline_seconds(page) for _ in range(3))
    print(
        f"overview in a fresh tab at {page.width_name}: headline {seconds[1][0]:.2f} s, "
        f"evidence map {seconds[1][1]:.2f} s (the run with the median headline)"
    )
    _nav(page, "Overview", "Evidence map")
    height = WIDTHS[page.width_name][1]
    box = page.locator('[data-testid="stMetric"]', has_text="New this week").bounding_box()
    assert box and box["y"] + box["height"] <= height, box
    key_text = page.get_by_text("one log scale for the whole map", exact=False).first
    # The map's grid is laid out a moment after its key (the tables above it come first):
    # wait for that layout, then read the boxes.
    try:
        page.wait_for_function(KEY_ABOVE_A_GRID, arg=key_text.element_handle(), timeout=30_000)
    except PlaywrightTimeout:
        pass  # the assertion below says what was drawn instead
    key = key_text.bounding_box()
    grids = page.locator('[data-testid="stDataFrame"]')
    tops = [grids.nth(i).bounding_box() for i in range(grids.count())]
    below = [g["y"] - (key["y"] + key["height"]) for g in tops if g and g["y"] > key["y"]]
    assert below and min(below) < 120, (key, tops)  # the key sits right above the map
    _shoot(page, "overview-map")


def test_every_page_at_both_widths_is_accessible_offline_and_fits(server, page, requests_seen):
    problems = {}
    for title, heading, path in PAGES:
        _nav(page, title, heading)
        _no_sideways_scroll(page)
        found = _axe(page)
        if found:
            problems[f"{page.width_name} {path}"] = found
        _shoot(page, path)
    assert not problems, problems
    own = urlsplit(server).netloc
    foreign = {u for u in requests_seen if urlsplit(u).scheme in ("http", "https", "ws", "wss")
               and urlsplit(u).netloc != own}  # fmt: skip
    assert requests_seen and not foreign, sorted(foreign)[:10]


@pytest.mark.parametrize("page", ["desktop"], indirect=True)  # the walk runs once, at 1440 px
def test_every_page_filter_and_download(server, page, fetched_db_url):
    from playwright.sync_api import expect

    assert page.width_name == "desktop"
    page.goto(server)
    _settle(page, "Evidence map")
    page.get_by_text("Records per year").first.wait_for(timeout=30_000)  # drawn after the map
    assert page.get_by_text("Records per year").count() >= 1

    _nav(page, "Topic / claim", "Volume by year and study design")
    engine = sa.create_engine(fetched_db_url)
    with engine.connect() as conn:
        topic_title, claim_text = conn.execute(
            sa.text(
                """SELECT t.title, c.claim FROM claim_articles ca
                   JOIN claims c ON c.claim_id = ca.claim_id JOIN topics t USING (topic_id)
                   WHERE ca.dropped_at IS NULL GROUP BY t.title, c.claim_id, c.claim
                   ORDER BY count(*) DESC, c.claim_id LIMIT 1"""
            )
        ).one()
    engine.dispose()
    page.get_by_role("combobox", name="Topic").click()
    page.get_by_role("option", name=topic_title).click()
    _settle(page, "Volume by year and study design")
    page.get_by_role("combobox", name="Claim").click()
    page.get_by_role("option", name=claim_text[:90], exact=False).first.click()
    _settle(page, "Newest publications")
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=30_000)
    assert "topic=" in page.url and "claim=" in page.url  # a shareable view

    _nav(page, "Publications", "Matching records")
    page.get_by_label("Title or abstract contains").fill("ketamine")
    page.keyboard.press("Enter")
    engine = sa.create_engine(fetched_db_url)
    with engine.connect() as conn:
        matching = """SELECT a.pmid FROM articles a WHERE a.deleted_at IS NULL AND
                      (lower(a.title) LIKE '%ketamine%' OR lower(a.abstract) LIKE '%ketamine%')"""
        # The page lists every stored record; its CSV has one row per claim that holds the
        # record in scope (a humans claim's in-vitro record is in no row).
        in_scope = """ AND EXISTS (
            SELECT 1 FROM claim_articles ca JOIN claims c USING (claim_id)
            WHERE ca.pmid = a.pmid AND ca.dropped_at IS NULL AND c.active
              AND NOT (c.scope = 'humans' AND a.animals AND NOT a.humans)
              AND NOT (c.scope = 'animals' AND a.humans AND NOT a.animals)
              AND NOT (c.scope = 'humans' AND a.species_source = 'text'
                       AND NOT a.humans AND NOT a.animals))"""
        expected = set(conn.execute(sa.text(matching)).scalars())
        in_csv = set(conn.execute(sa.text(matching + in_scope)).scalars())
        every = conn.execute(sa.text("SELECT count(*) FROM articles")).scalar()
    engine.dispose()
    assert 0 < len(expected) < every  # the filter must narrow the list
    metric = page.locator('[data-testid="stMetricValue"]').first
    # The filtered count, once the rerun the filter started has drawn it.
    expect(metric).to_have_text(str(len(expected)), timeout=30_000)
    assert metric.inner_text().strip() == str(len(expected))
    _settle(page, "Matching records")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV: matching publications").click()
    assert download.value.suggested_filename.startswith("littrack-publications-all-claims-text")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {int(r["pmid"]) for r in rows} == in_csv
    assert all(r["url"] == f"https://pubmed.ncbi.nlm.nih.gov/{r['pmid']}/" for r in rows)
    assert rows and all(r["claim_id"] and r["topic_id"] for r in rows)
    # No table offers Streamlit's own (unguarded) CSV export.
    page.locator('[data-testid="stDataFrame"]').first.hover()
    assert page.locator('[data-testid="stElementToolbarButton"]', has_text="Download").count() == 0
    assert page.get_by_role("button", name="Download as CSV").count() == 0


def test_the_store_is_never_written(server, page, fetched_db_url):
    """Last in this module: every page above was drawn from the database file, which is
    still exactly the bytes the fixture wrote."""
    path = Path(sa.engine.make_url(fetched_db_url).database)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == STORE_HASH[fetched_db_url]
