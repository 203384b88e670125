"""The dashboard in a real browser: Debian's Chromium driven by Playwright against
`streamlit run streamlit_app.py` on the database the real fetch path filled.

Opens every page through the sidebar, filters the Publications page, downloads its CSV and
checks the rows against the database, and saves a screenshot of each page in
tests/artifacts/screenshots/ (set LITTRACK_SCREENSHOT_DIR=docs/screenshots to refresh the
ones the README shows). Skipped only when /usr/bin/chromium is missing."""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SHOTS = Path(
    os.environ.get("LITTRACK_SCREENSHOT_DIR") or ROOT / "tests" / "artifacts" / "screenshots"
)
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(fetched_db_url, tmp_path_factory):
    port = _free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = dict(os.environ, LITTRACK_DB=fetched_db_url)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
                "--server.headless", "true", "--server.address", "127.0.0.1",
                "--server.port", str(port), "--browser.gatherUsageStats", "false",
            ],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("streamlit did not start:\n" + log.read_text(errors="replace"))
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1400, "height": 900}, accept_downloads=True
        )
        tab = context.new_page()
        yield tab
        context.close()
        browser.close()


def _settle(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
    page.wait_for_selector(READY, timeout=30_000)
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=30_000)
    page.wait_for_timeout(500)  # let Plotly finish drawing before a screenshot
    assert page.locator('[data-testid="stException"]').count() == 0


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(900, height), 4000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / name))
    page.set_viewport_size({"width": 1400, "height": 900})


def _nav(page, title: str, heading: str) -> None:
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    _settle(page, heading)


def test_every_page_filter_and_download(server, page, fetched_db_url):
    page.goto(server)
    _settle(page, "Evidence overview")
    assert page.get_by_text("Records per topic and year").count() == 1
    _shoot(page, "overview.png")

    _nav(page, "Topic / claim", "Volume by year and study design")
    engine = sa.create_engine(fetched_db_url)
    with engine.connect() as conn:
        topic_title, claim_id = conn.execute(
            sa.text(
                """SELECT t.title, c.claim_id FROM claim_articles ca
                   JOIN claims c ON c.claim_id = ca.claim_id JOIN topics t USING (topic_id)
                   WHERE ca.dropped_at IS NULL GROUP BY t.title, c.claim_id
                   ORDER BY count(*) DESC, c.claim_id LIMIT 1"""
            )
        ).one()
    engine.dispose()
    page.get_by_role("combobox", name="Topic").click()
    page.get_by_role("option", name=topic_title).click()
    _settle(page, "Volume by year and study design")
    page.get_by_role("combobox", name="Claim").click()
    page.get_by_role("option", name=claim_id, exact=False).first.click()
    _settle(page, "Newest publications")
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for(timeout=30_000)
    _shoot(page, "claim.png")

    _nav(page, "Fetch status", "Run history")
    _shoot(page, "fetch-status.png")

    _nav(page, "Publications", "Matching records")
    page.get_by_label("Title or abstract contains").fill("ketamine")
    page.keyboard.press("Enter")
    engine = sa.create_engine(fetched_db_url)
    with engine.connect() as conn:
        expected = set(
            conn.execute(
                sa.text(
                    """SELECT pmid FROM articles WHERE deleted_at IS NULL AND
                       (lower(title) LIKE '%ketamine%' OR lower(abstract) LIKE '%ketamine%')"""
                )
            ).scalars()
        )
        every = conn.execute(sa.text("SELECT count(*) FROM articles")).scalar()
    engine.dispose()
    assert 0 < len(expected) < every  # the filter must narrow the list
    metric = page.locator('[data-testid="stMetricValue"]').first
    for _ in range(60):
        if metric.inner_text().strip() == str(len(expected)):
            break
        page.wait_for_timeout(250)
    assert metric.inner_text().strip() == str(len(expected))
    _settle(page, "Matching records")
    _shoot(page, "publications.png")

    with page.expect_download() as download:
        page.locator('[data-testid="stDownloadButton"] button').first.click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {int(r["pmid"]) for r in rows} == expected
    assert all(r["pubmed_url"] == f"https://pubmed.ncbi.nlm.nih.gov/{r['pmid']}/" for r in rows)
