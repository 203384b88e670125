"""The overview in a real browser: seconds from opening a fresh tab to the headline numbers.

    python bench/dashboard.py --keep /tmp/bench.sqlite     # build the 1,000,000-link store once
    python bench/dashboard_browser.py /tmp/bench.sqlite [--runs 3]

Starts the dashboard as `littrack dashboard` does (fetchers.ops.up.dashboard_argv) on the
store (read-only), opens Debian's Chromium (/usr/bin/chromium) through Playwright, and for
each run opens a new tab on /overview and
waits for the "New this week" metric (the last headline number) and then for the evidence
map. The first run after the server starts fills its caches (cold); the others are warm.
The last line: `dashboard_browser: runs=... cold_headline_s=... warm_headline_s=...
warm_map_s=...` (warm = median of the other runs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, print_machine, summary_line

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _serve(db: Path, port: int) -> subprocess.Popen:
    """The dashboard as `littrack dashboard` starts it (same arguments), read-only."""
    from fetchers.ops.up import dashboard_argv

    argv = dashboard_argv(port)
    env = {**os.environ, "LITTRACK_DB": f"sqlite:///{db}", "LITTRACK_READONLY": "1"}
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                return proc
        except OSError:
            time.sleep(0.25)
    proc.terminate()
    raise SystemExit("the dashboard did not start")


def measure(base: str, runs: int) -> list[tuple[float, float]]:
    from playwright.sync_api import sync_playwright

    found = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        for _ in range(runs):
            tab = context.new_page()
            start = time.perf_counter()
            tab.goto(base + "/overview")
            metric = tab.locator('[data-testid="stMetric"]', has_text="New this week")
            metric.wait_for(timeout=120_000)
            headline = time.perf_counter() - start
            tab.get_by_text("one log scale for the whole map", exact=False).wait_for(
                timeout=120_000
            )
            found.append((headline, time.perf_counter() - start))
            tab.close()
        browser.close()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="a store built by bench/dashboard.py --keep")
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--port", type=int, default=8631)
    args = parser.parse_args(argv)
    print_machine()
    proc = _serve(args.db, args.port)
    try:
        found = measure(f"http://127.0.0.1:{args.port}", args.runs)
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    for i, (headline, whole) in enumerate(found):
        print(f"run {i + 1}: headline {headline:.2f} s, evidence map {whole:.2f} s")
    warm = found[1:] or found
    print(
        summary_line(
            "dashboard_browser",
            {
                "runs": len(found),
                "cold_headline_s": found[0][0],
                "warm_headline_s": statistics.median(h for h, _ in warm),
                "warm_map_s": statistics.median(w for _, w in warm),
            },
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
