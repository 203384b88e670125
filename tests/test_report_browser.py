"""The PRISMA 2020 flow in a real browser (Debian's Chromium through Playwright), on a copy of
the store the real fetch path filled, with a claim screened:

- the SVG drawn at 1440 and 390 px: every line of text inside its box, no two boxes
  overlapping, the data-URI image (as the dashboard shows it) loaded; screenshots go to
  tests/artifacts/screenshots/prisma-*.png;
- the dashboard's claim and overview pages show the flow, and their downloads are byte for
  byte what `littrack report prisma` writes for the same claim and the whole outline.

Skipped only when /usr/bin/chromium is missing."""

from __future__ import annotations

import base64
import shutil
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from fetchers.cli.main import cli
from store.db.connect import open_engine
from store.export.prisma_svg import flow_svg
from store.read.prisma import flow_for
from store.screening import decisions
from store.screening.decisions import Decision
from tests.support.serve import free_port, serving
from tests.test_dashboard_browser import CHROMIUM, CHROMIUM_ARGS, READY, SHOTS, WIDTHS

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is missing (apt-get install -y chromium)",
    ),
]


@pytest.fixture(scope="module")
def screened_store(fetched_db_url, tmp_path_factory):
    """A copy of the fetched store (never written itself) with the biggest claim screened:
    (url, topic_id, claim_id)."""
    source = Path(sa.engine.make_url(fetched_db_url).database)
    copy = tmp_path_factory.mktemp("prisma-store") / "littrack.sqlite"
    shutil.copyfile(source, copy)
    url = f"sqlite:///{copy}"
    engine = open_engine(url)
    with engine.connect() as conn:
        topic_id, claim_id = conn.execute(
            sa.text(
                """SELECT c.topic_id, c.claim_id FROM claim_articles ca
                   JOIN claims c ON c.claim_id = ca.claim_id WHERE ca.dropped_at IS NULL
                   GROUP BY c.topic_id, c.claim_id ORDER BY count(*) DESC, c.claim_id LIMIT 1"""
            )
        ).one()
        pmids = list(
            conn.execute(
                sa.text(
                    """SELECT ca.pmid FROM claim_articles ca JOIN articles a USING (pmid)
                       WHERE ca.claim_id = :c AND ca.dropped_at IS NULL AND NOT a.retracted
                       AND a.study_design != 'non-evidence' ORDER BY ca.pmid LIMIT 3"""
                ),
                {"c": claim_id},
            ).scalars()
        )
    assert len(pmids) == 3
    plan = [("include", "", "supports"), ("exclude", "wrong population", ""), ("maybe", "", "")]
    for pmid, (decision, reason, verdict) in zip(pmids, plan, strict=True):
        decisions.record_decision(
            engine, Decision(claim_id, pmid, "Ann", decision, reason=reason, verdict=verdict)
        )
    engine.dispose()
    return url, topic_id, claim_id


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


#: Per box: its rect and every text's box, in the page's pixels.
GEOMETRY = """() => [...document.querySelectorAll('svg g.box')].map(g => ({
    key: g.dataset.box,
    rect: g.querySelector('rect').getBoundingClientRect().toJSON(),
    texts: [...g.querySelectorAll('text')].map(t => t.getBoundingClientRect().toJSON()),
}))"""


def _inside(inner: dict, outer: dict) -> bool:
    return (
        inner["left"] >= outer["left"] - 0.5
        and inner["right"] <= outer["right"] + 0.5
        and inner["top"] >= outer["top"] - 0.5
        and inner["bottom"] <= outer["bottom"] + 0.5
    )


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["right"] <= b["left"]
        or b["right"] <= a["left"]
        or a["bottom"] <= b["top"]
        or b["bottom"] <= a["top"]
    )


@pytest.mark.parametrize("width_name", list(WIDTHS))
def test_the_svg_renders_with_every_text_inside_its_box(screened_store, browser, width_name):
    url, _, claim_id = screened_store
    engine = open_engine(url)
    try:
        svg = flow_svg(flow_for(engine, claim_ids=[claim_id]))
    finally:
        engine.dispose()
    width, height = WIDTHS[width_name]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    data_uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    inline = svg.replace("<svg ", '<svg style="max-width:100%;height:auto" ', 1)
    page.set_content(
        '<!doctype html><html><body style="margin:8px;background:#fff">'
        f'<div id="inline" style="max-width:100%">{inline}</div>'
        f'<img id="as-image" alt="flow" src="{data_uri}" style="max-width:100%;height:auto">'
        "</body></html>"
    )
    page.wait_for_function("() => document.getElementById('as-image').complete")
    assert page.evaluate("() => document.getElementById('as-image').naturalWidth") == 900
    geometry = page.evaluate(GEOMETRY)
    assert [g["key"] for g in geometry] == [
        "identified", "removed_before_screening", "screened", "excluded", "awaiting", "included",
    ]  # fmt: skip
    for box in geometry:
        assert box["texts"], box["key"]
        for text in box["texts"]:
            assert _inside(text, box["rect"]), (width_name, box["key"], text, box["rect"])
    for i, a in enumerate(geometry):
        for b in geometry[i + 1 :]:
            assert not _overlap(a["rect"], b["rect"]), (a["key"], b["key"])
    drawn = page.evaluate(
        "() => document.querySelector('#inline svg').getBoundingClientRect().width"
    )
    assert drawn <= width - 16 + 0.5  # scaled to the page, no sideways scroll
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / f"prisma-{width_name}.png"
    page.locator("#inline svg").screenshot(path=str(shot))
    from PIL import Image

    with Image.open(shot) as image:
        assert abs(image.width - drawn) <= 2
        low, high = image.convert("L").getextrema()
        assert low < 60 and high == 255  # dark lines and text on white
    context.close()


@pytest.fixture(scope="module")
def server(screened_store, tmp_path_factory):
    url = screened_store[0]
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit-prisma") / "server.log"
    argv = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with serving(argv, port, log, {"LITTRACK_DB": url}) as base:
        yield base


def _cli_file(url: str, tmp_path: Path, name: str, *scope: str) -> bytes:
    from click.testing import CliRunner

    out = tmp_path / name
    result = CliRunner().invoke(cli, ["report", "prisma", *scope, "--db", url, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _settle(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
    page.wait_for_selector(READY, timeout=30_000)
    page.wait_for_selector('[data-testid="stSkeleton"]', state="detached", timeout=30_000)


def _download(page, label: str) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("button", name=label, exact=True).click()
    return Path(download.value.path()).read_bytes()


def test_the_dashboard_shows_the_flow_and_downloads_what_the_cli_writes(
    screened_store, server, browser, tmp_path
):
    url, topic_id, claim_id = screened_store
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{server}/claim?topic={topic_id}&claim={claim_id}")
    _settle(page, "PRISMA 2020 flow")
    image = page.get_by_role("img", name=f"PRISMA 2020 flow diagram: claim {claim_id}")
    image.scroll_into_view_if_needed()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 900
    assert page.locator('[data-testid="stException"]').count() == 0
    assert _download(page, "Download CSV") == _cli_file(
        url, tmp_path, "claim.csv", "--claim", claim_id
    )
    assert _download(page, "Download SVG") == _cli_file(
        url, tmp_path, "claim.svg", "--claim", claim_id
    )
    assert _download(page, "Download PNG")[:8] == b"\x89PNG\r\n\x1a\n"

    page.goto(f"{server}/overview")
    _settle(page, "PRISMA 2020 flow")
    image = page.get_by_role("img", name="PRISMA 2020 flow diagram: whole outline")
    image.scroll_into_view_if_needed()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 900
    assert _download(page, "Download SVG") == _cli_file(url, tmp_path, "all.svg", "--all")
    assert _download(page, "Download CSV") == _cli_file(url, tmp_path, "all.csv", "--all")
    context.close()
