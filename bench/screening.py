"""Screening at scale: the store calls the Screen, claim and overview pages make.

    python bench/screening.py [--links 1000000] [--claims 100] [--screened 0.05] [--reuse DB]

Builds (or reuses) the store of bench/dashboard.py, then appends decisions the way a team
would leave them: two reviewers on `--screened` of every claim's live links (one in ten
pairs disagreeing, a few resolved), and a third reviewer on the largest claim. Each call is
timed cold (a fresh process and connection) and warm (best of two more), for the largest
claim. Every decision changes the dashboard's screening cache key, so the cold numbers are
what a page pays after each decision (the PRISMA flow's screening boxes among them).

The last line: `screening: links=... decisions=... max_page_s=... screen_page_s=...
overview_extra_s=... claim_extra_s=...
prisma_retrieval_s=...` (the PRISMA flow's boxes the dashboard caches per fetch).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))  # after the packages: bench/store.py

from _common import ROOT, peak_rss_mb, print_machine, summary_line


def _bench_dashboard():
    """bench/dashboard.py by path: its name is taken by the `dashboard` package. It puts
    bench/ first on sys.path, where bench/store.py would shadow the `store` package, so the
    package is imported before it."""
    import store.db.connect
    import store.db.schema
    import store.fetch.summaries
    import store.fetch.writes  # noqa: F401

    spec = importlib.util.spec_from_file_location(
        "bench_dashboard", Path(__file__).resolve().parent / "dashboard.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NOW = "2026-11-01T00:00:00Z"


def seed_decisions(path: Path, share: float, largest: str) -> int:
    """Append decisions in SQL (INSERT ... SELECT on live links); returns how many."""
    db = sqlite3.connect(path)
    modulo = max(1, round(1 / share))
    with db:
        for reviewer, choice in (("Ann", "include"), ("Bo", "include")):
            db.execute(
                """INSERT INTO screening_decisions (claim_id, pmid, reviewer, decision, reason,
                   verdict, note, decided_at, source, based_on, resolves)
                   SELECT claim_id, pmid, ?, CASE WHEN ? = 'Bo' AND pmid % 10 = 3
                          THEN 'exclude' ELSE ? END,
                          CASE WHEN ? = 'Bo' AND pmid % 10 = 3 THEN 'other' ELSE '' END,
                          CASE WHEN ? = 'Bo' AND pmid % 10 = 3 THEN ''
                               WHEN pmid % 3 = 0 THEN 'contradicts' ELSE 'supports' END,
                          '', ?, 'dashboard', NULL, 0
                   FROM claim_articles WHERE dropped_at IS NULL AND pmid % ? = 0""",
                (reviewer, reviewer, choice, reviewer, reviewer, NOW, modulo),
            )
        db.execute(
            """INSERT INTO screening_decisions (claim_id, pmid, reviewer, decision, reason,
               verdict, note, decided_at, source, based_on, resolves)
               SELECT claim_id, pmid, 'Cy', 'include', '', 'mixed', '', ?, 'dashboard', NULL, 1
               FROM claim_articles WHERE claim_id = ? AND dropped_at IS NULL
               AND pmid % ? = 0 AND pmid % 20 = 3""",
            (NOW, largest, modulo),
        )
    n = db.execute("SELECT count(*) FROM screening_decisions").fetchone()[0]
    db.close()
    return n


def calls(engine, claim_id: str) -> dict[str, list]:
    from store.read import prisma
    from store.screening import agreement, outcomes, queue

    whole = prisma.retrieval_flow(engine, "whole outline", None)
    one = prisma.retrieval_flow(engine, claim_id, [claim_id])

    return {
        "screen": [
            ("queue", lambda: queue.queue(engine, claim_id, "Ann", limit=1)),
            ("queue_by_design", lambda: queue.queue(engine, claim_id, "Ann", order="design")),
            ("progress", lambda: queue.progress(engine, claim_id, "Ann")),
            ("last_decision", lambda: queue.last_decision(engine, claim_id, "Ann")),
            ("conflicts", lambda: agreement.conflicts(engine, claim_id=claim_id)),
            ("agreement", lambda: agreement.agreement(engine, claim_id=claim_id)),
        ],
        "claim": [
            ("screening_counts", lambda: outcomes.screening_counts(engine, claim_id=claim_id)),
            ("direction_by_year", lambda: outcomes.direction_by_year(engine, claim_id)),
            ("retracted_inclusions", lambda: outcomes.retracted_inclusions(engine)),
            # the PRISMA flow's part recounted after a decision (the rest is cached per fetch)
            ("prisma_outcomes", lambda: prisma.with_outcomes(engine, one, [claim_id])),
        ],
        "overview": [
            ("topic_screening_counts", lambda: outcomes.topic_screening_counts(engine)),
            ("retracted_inclusions", lambda: outcomes.retracted_inclusions(engine)),
            ("prisma_outcomes", lambda: prisma.with_outcomes(engine, whole, None)),
        ],
        # once per fetch on each page (dashboard/data.py caches it by data version)
        "prisma_retrieval": [
            ("claim", lambda: prisma.retrieval_flow(engine, claim_id, [claim_id])),
            ("whole_outline", lambda: prisma.retrieval_flow(engine, "whole outline", None)),
        ],
    }


def child(page: str, db: str, claim_id: str) -> dict:
    from store.db.connect import open_engine

    engine = open_engine(f"sqlite:///{db}", create=False)
    chosen = calls(engine, claim_id)[page]
    cold, warm = {}, {}
    for name, call in chosen:
        start = time.perf_counter()
        call()
        cold[name] = time.perf_counter() - start
    for _ in range(2):
        for name, call in chosen:
            start = time.perf_counter()
            call()
            warm[name] = min(warm.get(name, 1e9), time.perf_counter() - start)
    engine.dispose()
    return {"cold": cold, "warm": warm, "peak_mb": peak_rss_mb()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100)
    parser.add_argument("--links", type=int, default=1_000_000)
    parser.add_argument("--per-article", type=int, default=10)
    parser.add_argument("--screened", type=float, default=0.05, help="share of links screened")
    parser.add_argument("--reuse", type=Path, help="a store built by bench/dashboard.py --keep")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    print_machine()
    with tempfile.TemporaryDirectory(prefix="littrack-bench-screen-") as tmp:
        if args.reuse:
            db = Path(tmp) / "littrack.sqlite"
            db.write_bytes(args.reuse.read_bytes())
            info = json.loads(args.reuse.with_suffix(".json").read_text())
            from store.db.connect import open_engine

            open_engine(f"sqlite:///{db}").dispose()  # upgrade: add the screening tables
        else:
            db = Path(tmp) / "littrack.sqlite"
            info = _bench_dashboard().build_store(db, args.claims, args.links, args.per_article)
        decisions = seed_decisions(db, args.screened, info["largest_claim"])
        print(
            f"store: {info['links']} links, largest claim {info['largest_claim']} "
            f"({info['largest_live']} live links); {decisions} decisions"
        )
        totals = {}
        for page in ("screen", "claim", "overview", "prisma_retrieval"):
            answer = subprocess.run(
                [sys.executable, __file__, "--child", page, str(db), info["largest_claim"]],
                capture_output=True, text=True, cwd=ROOT, check=False,
            )  # fmt: skip
            if answer.returncode:
                raise SystemExit(answer.stderr[-3000:])
            result = json.loads(answer.stdout.strip().splitlines()[-1])
            totals[page] = sum(result["cold"].values())
            print(
                f"\npage {page} (screening calls): cold {totals[page]:.3f} s, warm "
                f"{sum(result['warm'].values()):.3f} s, peak {result['peak_mb']:.0f} MB"
            )
            for name in result["cold"]:
                print(
                    f"    {name:<24} cold {result['cold'][name]:.3f} s"
                    f"  warm {result['warm'][name]:.3f} s"
                )
    print(
        summary_line(
            "screening",
            {
                "links": info["links"],
                "decisions": decisions,
                "max_page_s": max(v for k, v in totals.items() if k != "prisma_retrieval"),
                "screen_page_s": totals["screen"],
                "overview_extra_s": totals["overview"],
                "claim_extra_s": totals["claim"],
                "prisma_retrieval_s": totals["prisma_retrieval"],
            },
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
