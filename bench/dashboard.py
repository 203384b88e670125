"""The dashboard at scale: each page's queries and a full AppTest run, time and peak memory.

    python bench/dashboard.py [--claims 100] [--links 1000000] [--per-article 10] [--keep DB]

Builds a SQLite store the way a few years of nightly fetches would leave it:
- `--claims` claims taken from the ketamine outline's topics (data/outlines);
- links / per-article articles, copied from the real records of the baseline excerpts in
  tests/samples (the rows go in once through store.fetch.writes.upsert_articles, then are
  copied inside SQLite under new PMIDs with INSERT ... SELECT);
- each article linked to `--per-article` distinct claims, chosen with skewed weights so
  that some claims are far larger than others (the largest claim's page is the worst
  case); first_seen spread over 60 fetch runs of the past year, 2 % of links dropped;
- fetch_runs, claim_counts (one row per run and claim) and year_counts rows;
- then what the end of every fetch does: the dashboard summaries rewritten
  (store.fetch.summaries.refresh_summaries, timed: `summary_refresh_s`) and `PRAGMA optimize`.

Then, each in a fresh process (so that "cold" means a new connection and an empty SQLite
page cache, and the peak RSS is that process's own):
- per page, the store functions the page calls (dashboard/views/*.py via dashboard/data.py,
  with the page's default widget values; the claim page for the largest claim), timed
  cold (first call) and warm (best of two more); the page's time is the sum of its calls;
- AppTest (streamlit.testing.v1) of dashboard/app.py with LITTRACK_DB set: the overview,
  then the claim page, then the largest claim chosen in its select boxes.

The last line: `dashboard: links=... max_page_s=... summary_refresh_s=... peak_mb=...
apptest_overview_s=... apptest_claim_s=...` where max_page_s is the slowest page's cold
time, summary_refresh_s the summaries' refresh (once per fetch) and peak_mb the largest
peak RSS among the measuring processes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    ROOT,
    copies,
    peak_rss_mb,
    print_machine,
    sample_records,
    summary_line,
)

OUTLINE = ROOT / "data" / "outlines" / "ketamine-analgesia.yaml"
APP = ROOT / "dashboard" / "app.py"
RUNS = 60
START_PMID = 20_000_000
DROPPED_SHARE = 0.02
#: Share of links first seen on the first fetch; the rest arrive over the later nights.
FIRST_RUN_SHARE = 0.7
#: Claim weights fall off as 1 / rank**SKEW.
SKEW = 0.8
NOW = datetime.now(UTC).replace(microsecond=0)


def ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------- the store


def pick_outline(n_claims: int):
    """The outline's claims cut to n_claims, taking from the topics with most claims first,
    so every topic keeps its claims as long as possible."""
    from fetchers.outline.load import load_outline
    from store.models import Outline

    outline = load_outline(OUTLINE)
    per_topic = {t.topic_id: list(t.claims) for t in outline.topics}
    total = sum(map(len, per_topic.values()))
    if n_claims > total:
        raise SystemExit(f"{OUTLINE}: has {total} claims, --claims asks for {n_claims}")
    while total > n_claims:
        biggest = max(per_topic, key=lambda t: len(per_topic[t]))
        per_topic[biggest].pop()
        total -= 1
    topics = tuple(
        t.__class__(t.topic_id, t.title, tuple(per_topic[t.topic_id]), t.position)
        for t in outline.topics
        if per_topic[t.topic_id]
    )
    return Outline(outline.title, outline.source, outline.subject, topics, str(OUTLINE))


def link_rows(n_articles: int, claim_ids: list[str], per_article: int, run_times: list[str]):
    """(claim_id, pmid, first_seen, last_seen, first_run_id, dropped_at) rows, in chunks."""
    import numpy as np

    rng = np.random.default_rng(0)
    n = len(claim_ids)
    logw = -SKEW * np.log(np.arange(1, n + 1))
    rng.shuffle(logw)  # the big claims are spread over the topics
    last_seen = run_times[-1]
    chunk = 20_000
    for start in range(0, n_articles, chunk):
        m = min(chunk, n_articles - start)
        # Gumbel top-k: per_article distinct claims per article, weighted by exp(logw).
        keys = logw + rng.gumbel(size=(m, n))
        chosen = np.argpartition(-keys, per_article - 1, axis=1)[:, :per_article]
        first_run = np.where(
            rng.random((m, per_article)) < FIRST_RUN_SHARE,
            0,
            rng.integers(1, len(run_times), size=(m, per_article)),
        )
        dropped = rng.random((m, per_article)) < DROPPED_SHARE
        rows = []
        for i in range(m):
            pmid = START_PMID + start + i
            for j in range(per_article):
                run = int(first_run[i, j])
                rows.append(
                    (
                        claim_ids[chosen[i, j]],
                        pmid,
                        run_times[run],
                        last_seen,
                        run + 1,
                        last_seen if dropped[i, j] else None,
                    )
                )
        yield rows


def build_store(path: Path, n_claims: int, n_links: int, per_article: int) -> dict:
    """Fill a fresh SQLite file; returns what the measurements need to know about it."""
    import sqlalchemy as sa

    from store.db.connect import open_engine
    from store.db.schema import articles
    from store.fetch import writes

    outline = pick_outline(n_claims)
    claim_list = outline.claims
    claim_ids = [c.claim_id for c in claim_list]
    n_articles = math.ceil(n_links / per_article)
    real = sample_records()
    base = list(copies(real, min(len(real), n_articles), START_PMID))
    run_starts = [
        NOW - timedelta(days=365) + timedelta(days=i * 365 / (RUNS - 1)) for i in range(RUNS)
    ]
    run_starts[-1] = NOW - timedelta(hours=6)
    run_times = [ts(t) for t in run_starts]

    engine = open_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        writes.sync_outline(conn, outline, now=run_times[0])
        writes.upsert_articles(conn, base, fetched_at=run_times[0])
        columns = [c.name for c in articles.columns if c.name != "pmid"]
        n_base = len(base)
        for k in range(1, math.ceil(n_articles / n_base)):
            offset = k * n_base
            # Each copy is another study: its own title and DOI, or the count-once rule
            # (same DOI or title) would take 25 copies of a record for one duplicated paper.
            values = {
                "title": f"title || ' (copy {k})'",
                "doi": f"CASE WHEN doi IS NULL THEN NULL ELSE doi || '.c{k}' END",
            }
            conn.execute(
                sa.text(
                    f"INSERT INTO articles (pmid, {', '.join(columns)}) "
                    f"SELECT pmid + {offset}, {', '.join(values.get(c, c) for c in columns)} "
                    "FROM articles "
                    f"WHERE pmid < {START_PMID + n_base} AND pmid + {offset} < :end"
                ),
                {"end": START_PMID + n_articles},
            )
    engine.dispose()

    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    sizes: dict[str, int] = dict.fromkeys(claim_ids, 0)
    live: dict[str, int] = dict.fromkeys(claim_ids, 0)
    links = 0
    with db:
        for rows in link_rows(n_articles, claim_ids, per_article, run_times):
            for claim_id, *_rest, dropped in rows:
                sizes[claim_id] += 1
                live[claim_id] += dropped is None
            links += len(rows)
            db.executemany(
                "INSERT INTO claim_articles (claim_id, pmid, first_seen, last_seen, first_run_id,"
                " dropped_at) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
        # Runs, nightly counts (PubMed's Count drifting up to today's live links).
        for run_id, started in enumerate(run_starts, 1):
            db.execute(
                "INSERT INTO fetch_runs (run_id, started_at, finished_at, status, mode,"
                " outline_path, claims_total, claims_failed, requests, retries, errors,"
                " new_records, message) VALUES (?, ?, ?, 'ok', ?, ?, ?, 0, ?, 0, 0, ?, '')",
                (
                    run_id,
                    ts(started),
                    ts(started + timedelta(minutes=5)),
                    "full" if run_id == 1 else "incremental",
                    str(OUTLINE),
                    len(claim_ids),
                    2 * len(claim_ids),
                    n_articles if run_id == 1 else 0,
                ),
            )
        count_rows = []
        for run_id, started in enumerate(run_starts, 1):
            share = FIRST_RUN_SHARE + (1 - FIRST_RUN_SHARE) * (run_id - 1) / (RUNS - 1)
            for claim_id in claim_ids:
                count = round(live[claim_id] * share)
                count_rows.append(
                    (run_id, claim_id, 1, ts(started), count, count, 0, 0, 1, "ok", "", "", "")
                )
        db.executemany(
            "INSERT INTO claim_counts (run_id, claim_id, query_version, counted_at, count,"
            " retrieved, new_links, dropped_links, searches, status, error, query_translation,"
            " warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            count_rows,
        )
        series = ["pubmed"] + [f"reference:{c.claim_id}" for c in claim_list if c.reference_query]
        year_rows = [
            (name, year, (1_600_000 if name == "pubmed" else 40_000) * (year - 1940) // 86,
             "", run_times[0])
            for name in series
            for year in range(1945, NOW.year + 1)
        ]  # fmt: skip
        db.executemany(
            "INSERT INTO year_counts (series, year, count, query, counted_at)"
            " VALUES (?, ?, ?, ?, ?)",
            year_rows,
        )
    db.close()
    refresh = refresh_like_a_fetch(path)
    biggest = max(claim_ids, key=lambda c: live[c])
    topic_of = {c.claim_id: c.topic_id for c in claim_list}
    return {
        "claims": len(claim_ids),
        "topics": len(outline.topics),
        "articles": n_articles,
        "links": links,
        "largest_claim": biggest,
        "largest_topic": topic_of[biggest],
        "largest_live": live[biggest],
        "smallest_live": min(live.values()),
        **refresh,
    }


def refresh_like_a_fetch(path: Path) -> dict:
    """What the end of every `littrack fetch` does (fetchers/job/run.py: _refresh_summaries):
    rewrite the dashboard summaries in one transaction, then `PRAGMA optimize` on the same
    connection. Timed: the refresh is part of each night's cost."""
    from store.db.connect import open_engine
    from store.fetch import summaries

    engine = open_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        start = time.perf_counter()
        with conn.begin():
            rows = summaries.refresh_summaries(conn, now=ts(NOW))
        refresh_s = time.perf_counter() - start
        start = time.perf_counter()
        summaries.refresh_planner_statistics(conn)
        conn.commit()
        optimize_s = time.perf_counter() - start
    engine.dispose()
    return {"summary_refresh_s": refresh_s, "optimize_s": optimize_s, "summary_rows": rows}


# --------------------------------------------------------------------------- page queries


def page_calls(page: str, engine, claim_id: str) -> list[tuple[str, object]]:
    """(name, thunk) for every store call the page makes on its first run, with the
    arguments dashboard/data.py passes (default widgets: publication year basis, raw scale,
    default filter, 50 rows sorted by Entrez date, newest first)."""
    from store.evidence import counting as queries
    from store.evidence import novelty
    from store.read import (
        claim_detail,
        claim_page,
        evidence_map,
        health,
        new_records,
        overview,
        runs,
    )
    from store.read import publications as pubs
    from store.screening import outcomes

    app = [
        ("store_state", lambda: queries.store_state(engine)),
        ("data_version", lambda: queries.data_version(engine)),
    ]
    if page == "overview":
        calls = [
            ("freshness", lambda: health.freshness(engine)),
            ("record_totals", lambda: overview.record_totals(engine)),
            ("topic_overview", lambda: overview.topic_overview(engine)),
            ("claim_overview", lambda: overview.claim_overview(engine)),
            ("topic_year_counts", lambda: overview.topic_year_counts(engine, basis="publication")),
            ("article_title", lambda: evidence_map.article_title(engine)),
            ("evidence_map", lambda: evidence_map.evidence_map(engine)),
            ("screening_counts", lambda: outcomes.screening_counts(engine)),
            ("claim_fetch_status", lambda: runs.claim_fetch_status(engine)),
        ]
    elif page == "new":
        since = novelty.new_cutoff()
        calls = [
            ("freshness", lambda: health.freshness(engine)),
            ("count_new_links", lambda: novelty.count_new_links(engine, since)),
            ("new_records", lambda: new_records.new_records(engine, since)),
            ("weekly_new_records", lambda: novelty.weekly_new_records(engine, weeks=12)),
        ]
    elif page == "claim":
        calls = [
            ("topic_overview", lambda: overview.topic_overview(engine)),
            ("claim_overview", lambda: overview.claim_overview(engine)),
            (
                "claim_volume",
                lambda: claim_page.claim_volume(
                    engine, claim_id, basis="publication", all_records=False
                ),
            ),
            (
                "claim_design_breakdown",
                lambda: claim_detail.claim_design_breakdown(engine, claim_id),
            ),
            (
                "claim_species_breakdown",
                lambda: claim_detail.claim_species_breakdown(engine, claim_id),
            ),
            ("claim_count_history", lambda: claim_detail.claim_count_history(engine, claim_id)),
            ("claim_fetch_status", lambda: runs.claim_fetch_status(engine)),
            (
                "newest_view",
                lambda: claim_page.newest_view(
                    engine, claim_id, limit=20, new_since=novelty.new_cutoff()
                ),
            ),
        ]
    elif page == "publications":
        flt = pubs.PublicationFilter()
        calls = [
            ("claim_overview", lambda: overview.claim_overview(engine)),
            ("topic_overview", lambda: overview.topic_overview(engine)),
            ("filter_choices", lambda: pubs.filter_choices(engine)),
            ("count_publications", lambda: pubs.count_publications(engine, flt)),
            (
                "list_publications",
                lambda: pubs.list_publications(
                    engine, flt, sort="entrez_date", descending=True, limit=50, offset=0
                ),
            ),
        ]
    elif page == "fetch_status":
        calls = [
            ("freshness", lambda: health.freshness(engine)),
            ("run_history", lambda: runs.run_history(engine)),
            ("claim_fetch_status", lambda: runs.claim_fetch_status(engine)),
        ]
    else:
        raise ValueError(page)
    return app + calls


PAGES = ("overview", "new", "claim", "publications", "fetch_status")


def child_queries(page: str, db: str, claim_id: str) -> dict:
    from store.db.connect import open_reader

    engine = open_reader(f"sqlite:///{db}")  # as the dashboard opens it
    calls = page_calls(page, engine, claim_id)
    cold: dict[str, float] = {}
    warm: dict[str, float] = {}
    for name, call in calls:
        start = time.perf_counter()
        call()
        cold[name] = time.perf_counter() - start
    for _ in range(2):
        for name, call in calls:
            start = time.perf_counter()
            call()
            took = time.perf_counter() - start
            warm[name] = min(warm.get(name, took), took)
    engine.dispose()
    return {"cold": cold, "warm": warm, "peak_mb": peak_rss_mb()}


def child_apptest(db: str, topic_id: str, claim_id: str) -> dict:
    os.environ["LITTRACK_DB"] = f"sqlite:///{db}"
    from streamlit.testing.v1 import AppTest

    times = {}
    at = AppTest.from_file(str(APP), default_timeout=300)
    start = time.perf_counter()
    at.run()
    times["overview"] = time.perf_counter() - start
    problems = [str(e.value) for e in at.exception]
    start = time.perf_counter()
    at.switch_page("views/claim.py").run()
    times["claim_default"] = time.perf_counter() - start
    start = time.perf_counter()
    at.selectbox(key="claim.topic").select(topic_id).run()
    times["claim_topic"] = time.perf_counter() - start
    start = time.perf_counter()
    at.selectbox(key="claim.claim").select(claim_id).run()
    times["claim_largest"] = time.perf_counter() - start
    problems += [str(e.value) for e in at.exception]
    # The page counts evidence by default ("Evidence records"); "Records stored", which the
    # store's live links are checked against, is the raw-retrieval switch's label.
    evidence = {m.label: m.value for m in at.metric}.get("Evidence records")
    at.toggle(key="claim.all_records").set_value(True).run()
    problems += [str(e.value) for e in at.exception]
    shown = {m.label: m.value for m in at.metric}
    return {
        "times": times,
        "peak_mb": peak_rss_mb(),
        "problems": problems,
        "records_shown": shown.get("Records stored"),
        "evidence_shown": evidence,
    }


def scoped_live(db: Path, claim_id: str) -> int:
    """The claim's live links within its scope (humans: not animals-only, nor in-vitro work
    by its wording; animals: not humans-only), in plain SQL: what the claim page's "Records
    stored" should show (store.evidence.counting.scope_condition says it in SQLAlchemy)."""
    sql = """SELECT count(*) FROM claim_articles ca JOIN articles a ON a.pmid = ca.pmid
             JOIN claims c ON c.claim_id = ca.claim_id
             WHERE ca.claim_id = ? AND ca.dropped_at IS NULL AND a.deleted_at IS NULL
             AND NOT (c.scope = 'humans' AND a.animals AND NOT a.humans)
             AND NOT (c.scope = 'humans' AND a.species_source = 'text'
                      AND NOT a.humans AND NOT a.animals)
             AND NOT (c.scope = 'animals' AND a.humans AND NOT a.animals)"""
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, (claim_id,)).fetchone()[0]


def run_child(*args: str) -> dict:
    answer = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if answer.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{answer.stderr[-3000:]}")
    return json.loads(answer.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- driver


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=100, help="claims in the store")
    parser.add_argument("--links", type=int, default=1_000_000, help="claim x article links")
    parser.add_argument("--per-article", type=int, default=10, help="claims per article")
    parser.add_argument("--keep", type=Path, help="build the store at this path and keep it")
    parser.add_argument("--reuse", type=Path, help="measure an existing store built by --keep")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        result = child_queries(*rest) if kind == "queries" else child_apptest(*rest)
        print(json.dumps(result))
        return 0

    print_machine()
    with tempfile.TemporaryDirectory(prefix="littrack-bench-dash-") as tmp:
        if args.reuse:
            db = args.reuse
            info = json.loads(db.with_suffix(".json").read_text())
            print(f"store: reusing {db}")
            # The refresh is the current code's, not the one that built the store: time it.
            info |= refresh_like_a_fetch(db)
        else:
            db = args.keep or Path(tmp) / "littrack.sqlite"
            if db.exists():
                raise SystemExit(f"{db}: exists; give a new path")
            start = time.perf_counter()
            info = build_store(db, args.claims, args.links, args.per_article)
            info["build_s"] = round(time.perf_counter() - start, 1)
            db.with_suffix(".json").write_text(json.dumps(info))
        size_mb = db.stat().st_size / 1e6
        print(
            f"store: {info['claims']} claims in {info['topics']} topics, {info['articles']} "
            f"articles, {info['links']} links, {size_mb:.0f} MB, built in "
            f"{info.get('build_s', '?')} s; largest claim {info['largest_claim']} "
            f"({info['largest_live']} live links), smallest {info['smallest_live']}"
        )
        print(
            f"summaries: refreshed in {info['summary_refresh_s']:.2f} s "
            f"({', '.join(f'{k} {v}' for k, v in info['summary_rows'].items())}); "
            f"PRAGMA optimize {info['optimize_s']:.2f} s"
        )
        pages = {}
        for page in PAGES:
            result = run_child("queries", page, str(db), info["largest_claim"])
            pages[page] = result
            cold, warm = sum(result["cold"].values()), sum(result["warm"].values())
            print(
                f"\npage {page}: cold {cold:.3f} s, warm {warm:.3f} s, "
                f"peak {result['peak_mb']:.0f} MB"
            )
            for name in result["cold"]:
                print(
                    f"    {name:<24} cold {result['cold'][name]:.3f} s"
                    f"  warm {result['warm'][name]:.3f} s"
                )
        app = run_child("apptest", str(db), info["largest_topic"], info["largest_claim"])
        print(
            f"\nAppTest: overview {app['times']['overview']:.2f} s, claim page (default claim) "
            f"{app['times']['claim_default']:.2f} s, its topic chosen "
            f"{app['times']['claim_topic']:.2f} s, largest claim chosen "
            f"{app['times']['claim_largest']:.2f} s; peak {app['peak_mb']:.0f} MB; "
            f"'Records stored' shown {app['records_shown']} (expected "
            f"{scoped_live(db, info['largest_claim']):,} in the claim's scope, of "
            f"{info['largest_live']:,} live links), "
            f"'Evidence records' {app['evidence_shown']}"
        )
        if app["problems"]:
            print("AppTest exceptions: " + " | ".join(app["problems"]))

    max_page = max(sum(p["cold"].values()) for p in pages.values())
    peak = max([p["peak_mb"] for p in pages.values()] + [app["peak_mb"]])
    print(
        summary_line(
            "dashboard",
            {
                "links": info["links"],
                "max_page_s": max_page,
                "summary_refresh_s": info["summary_refresh_s"],
                "max_page_warm_s": max(sum(p["warm"].values()) for p in pages.values()),
                "peak_mb": peak,
                "apptest_overview_s": app["times"]["overview"],
                "apptest_claim_s": max(
                    app["times"][k] for k in ("claim_default", "claim_topic", "claim_largest")
                ),
            },
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
