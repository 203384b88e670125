"""Priority screening on eight labelled reviews (Cohen et al. 2006): work saved at 95 %
recall and the stopping rule's recall and work, for littrack's ranking and a plain baseline
in the same run.

    nice python bench/screening_rank.py [FOLDER] [--seeds 1,2,3,4,5] [--variants]
    nice python bench/screening_rank.py --latency [--records 5000]

FOLDER defaults to ../shared/screening-benchmark relative to the repository. littrack's runs
go through store/screening/simulate.py's `replay`, the code `littrack screen simulate` and
the Screen page use. The baseline is ASReview's default loop written out plainly: TF-IDF of
title + abstract (1–2-grams), LinearSVC (class-balanced), one random include and one random
exclude as the prior (the same pair as littrack's run for that seed), retrained every
ceil(n/300) decisions, no stopping rule. `--variants` adds the alternatives the model was
chosen against. `--latency` times the Screen page's step after a decision (the store's
priority queue) on a synthetic claim.

Ends with `screening_rank: median_wss=... baseline_median_wss=... stop_recall_ok=.../...`.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))

import numpy as np
from _common import ROOT, print_machine

from store.screening import priority, simulate


def baseline_run(records: list[priority.Record], labels: list[int], seed: int) -> int:
    """Records screened until 95 % of the includes are found, by the plain baseline."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    truth = np.asarray(labels)
    total = truth.size
    matrix = TfidfVectorizer(ngram_range=(1, 2)).fit_transform(
        [f"{r.title} {r.abstract}" for r in records]
    )
    rng = np.random.default_rng(seed)
    prior = [
        int(rng.choice(np.flatnonzero(truth == 1))),
        int(rng.choice(np.flatnonzero(truth == 0))),
    ]
    tiebreak = rng.permutation(total)
    screened = list(prior)
    unscreened = np.ones(total, dtype=bool)
    unscreened[prior] = False
    step, since = math.ceil(total / 300), None
    scores = np.zeros(total)
    while unscreened.any():
        if since is None or since >= step:
            model = LinearSVC(class_weight="balanced").fit(matrix[screened], truth[screened])
            scores, since = model.decision_function(matrix), 0
        candidates = tiebreak[unscreened[tiebreak]]
        take = candidates[np.argsort(-scores[candidates], kind="stable")][0]
        screened.append(int(take))
        unscreened[take] = False
        since += 1
    found = np.cumsum(truth[screened])
    return int(np.searchsorted(found, math.ceil(0.95 * truth.sum())) + 1)


def wss(records: int, screened: float) -> float:
    return (records - screened) / records - 0.05


def _variant(name: str):
    """Swap one piece of priority.py for an alternative; returns the undo."""
    saved = (priority.MODEL, priority.features)
    if name in priority.MODELS:
        priority.MODEL = name
    elif name == "no-terms":
        features = saved[1]
        priority.features = lambda recs: features(
            [priority.Record(r.title, r.abstract) for r in recs]
        )

    def undo() -> None:
        priority.MODEL, priority.features = saved

    return undo


def _progress(review: str, seed: int, what: str, value: object) -> object:
    print(f"  {review} seed={seed} {what}={value}", flush=True)
    return value


def _ours(review: str, data: simulate.Labelled, seeds: list[int]) -> dict:
    """simulate.simulate's figures, one seed at a time with a progress line each."""
    matrix = priority.features(data.records)
    runs = []
    for seed in seeds:
        run = simulate.replay(matrix, data.labels, seed)
        runs.append(run)
        _progress(
            review, seed, "ours", (run.screened_at_recall, run.stopped_at, run.recall_at_stop)
        )
    n = len(data.labels)
    median = statistics.median(r.screened_at_recall for r in runs)
    return {
        "included": sum(data.labels),
        "wss_95": wss(n, median),
        "runs": [
            {"seed": r.seed, "screened_at_recall_95": r.screened_at_recall,
             "stopped_at": r.stopped_at, "recall_at_stop": r.recall_at_stop}
            for r in runs
        ],
    }  # fmt: skip


def run_reviews(
    folder: Path, seeds: list[int], variants: list[str], only: list[str] | None = None
) -> dict:
    files = sorted(
        (p for p in folder.glob("*.csv") if not only or p.stem in only),
        key=lambda p: p.stat().st_size,  # small reviews first: figures arrive early
    )
    if not files:
        sys.exit(f"no CSV files in {folder}")
    rows, stops = [], []
    for path in files:
        data = simulate.read_labelled(path.read_bytes(), path.name)
        n = len(data.labels)
        t0 = time.perf_counter()
        ours = _ours(path.stem, data, seeds)
        took = time.perf_counter() - t0
        base = statistics.median(
            _progress(path.stem, s, "baseline", baseline_run(data.records, data.labels, s))
            for s in seeds
        )
        extra = {}
        for name in variants:
            undo = _variant(name)
            try:
                extra[name] = simulate.simulate(data, seeds)["wss_95"]
            finally:
                undo()
        for run in ours["runs"]:
            stops.append((path.stem, n, run))
        runs = ours["runs"]
        stopped = [r["stopped_at"] or n for r in runs]
        row = {
            "review": path.stem, "records": n, "included": ours["included"],
            "wss": ours["wss_95"], "baseline": wss(n, base), "variants": extra,
            "stop_recall": statistics.median((r["recall_at_stop"] or 1.0) for r in runs),
            "stop_work": statistics.median(stopped) / n,
            "stop_ok": sum(1 for r in runs if (r["recall_at_stop"] or 1.0) >= 0.95),
            "stop_early": sum(1 for r in runs if r["stopped_at"] is not None),
            "runs": len(runs), "seconds_per_seed": took / len(seeds),
        }  # fmt: skip
        rows.append(row)
        print(
            f"{row['review']}: records={n} included={row['included']} wss={row['wss']:.3f} "
            f"baseline={row['baseline']:.3f} "
            + " ".join(f"{k}={v:.3f}" for k, v in extra.items())
            + f" stop_recall_median={row['stop_recall']:.3f} stop_work_median="
            f"{row['stop_work']:.3f} stop_ok={row['stop_ok']}/{row['runs']} "
            f"stopped_early={row['stop_early']}/{row['runs']} s_per_seed={took / len(seeds):.1f}",
            flush=True,
        )
    return {"rows": rows, "stops": stops}


def _claim_store(path: Path, records: int):
    """A SQLite store with one claim linking `records` real sample records (copied under
    new PMIDs past the samples' 4,000)."""
    from _common import copies, sample_records

    from store.db.connect import open_engine
    from store.fetch import writes
    from store.models import Claim, Outline, Topic

    claim = Claim("bench-claim", "bench", "A claim", "ketamine[tiab]", position=0)
    outline = Outline(
        title="bench", source="bench", subject="", topics=(Topic("bench", "Bench", (claim,)),)
    )
    rows = list(copies(sample_records(), records, 90_000_000))
    engine = open_engine(f"sqlite:///{path}")
    now = "2026-12-01T00:00:00Z"
    with engine.begin() as conn:
        writes.sync_outline(conn, outline, now=now)
        writes.upsert_articles(conn, rows, fetched_at=now)
        run = writes.start_run(conn, now=now, mode="full", outline_path="bench", claims_total=1)
        writes.link_claim(
            conn, "bench-claim", [r.pmid for r in rows], run_id=run, now=now, complete=True
        )
    truth = {r.pmid: int(r.study_design in ("rct", "meta-analysis", "systematic review"))
             for r in rows}  # fmt: skip
    return engine, truth


def latency(records: int, decisions_made: int = 500, steps: int = 60) -> None:
    """The Screen page's step after a decision, as dashboard/data.py caches it: the claim's
    features once per fetch, the model's scores and order per retrain point. Timed: write the
    decision, read the history, rank (refitting when due), read the next record."""
    import tempfile

    from store.screening import decisions as dec
    from store.screening import queue, ranking

    with tempfile.TemporaryDirectory() as tmp:
        engine, truth = _claim_store(Path(tmp) / "bench.sqlite", records)
        claim = "bench-claim"
        t0 = time.perf_counter()
        texts = ranking.claim_texts(engine, claim)
        features_s = time.perf_counter() - t0
        cache: dict = {}

        def cached(texts, trained):
            if trained not in cache:
                cache[trained] = ranking.scores(texts, trained)
            return cache[trained]

        orders: dict = {}

        def step() -> int:
            past = ranking.history(engine, claim, set(texts.pmids))
            trained = ranking.training_key(texts, past)
            if trained not in orders:
                orders[trained] = ranking.ranked_for(texts, trained, "priority", cached)
            ranked = orders[trained]
            frame = queue.queue(engine, claim, "Ann", order="priority", limit=1, ranked=ranked)
            return int(frame["pmid"].iloc[0])

        pmid = step()
        for _ in range(decisions_made):
            label = "include" if truth[pmid] else "exclude"
            dec.record_decision(engine, dec.Decision(claim, pmid, "Ann", label))
            pmid = step()
        times, cpu = [], []
        for _ in range(steps):
            t0, c0 = time.perf_counter(), time.process_time()
            label = "include" if truth[pmid] else "exclude"
            dec.record_decision(engine, dec.Decision(claim, pmid, "Ann", label))
            pmid = step()
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        engine.dispose()
    times.sort()
    print(
        f"latency: records={records} decided_before={decisions_made} steps={steps} "
        f"features_once_s={features_s:.1f} median_ms={statistics.median(times) * 1000:.0f} "
        f"p90_ms={times[int(0.9 * len(times))] * 1000:.0f} max_ms={times[-1] * 1000:.0f} "
        f"cpu_median_ms={statistics.median(cpu) * 1000:.0f} cpu_max_ms={max(cpu) * 1000:.0f}"
    )


def simulate_timing(folder: Path, records: int = 2000) -> None:
    """Wall time of `littrack screen simulate` (one seed) on a labelled set of `records`
    rows: the benchmark's reviews concatenated, smallest first, cut at `records`."""
    import csv
    import subprocess
    import tempfile

    rows: list[dict] = []
    for path in sorted(folder.glob("*.csv"), key=lambda p: p.stat().st_size):
        with path.open(encoding="utf-8", newline="") as f:
            rows.extend(csv.DictReader(f))
    rows = rows[:records]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"set-{records}.csv"
        with out.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        import resource

        t0 = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(
            [sys.executable, "-m", "fetchers.cli", "screen", "simulate", str(out), "--json"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        took = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(
        f"simulate: records={len(rows)} wall_s={took:.1f} cpu_s={cpu:.1f} "
        f"result={proc.stdout.strip()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folder", nargs="?", default=str(ROOT.parent / "shared/screening-benchmark")
    )
    parser.add_argument("--seeds", default="1,2,3,4,5")
    parser.add_argument("--variants", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated review names")
    parser.add_argument("--latency", action="store_true")
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--simulate-timing", action="store_true")
    args = parser.parse_args()
    print_machine()
    if args.latency:
        latency(args.records)
        return
    if args.simulate_timing:
        simulate_timing(Path(args.folder))
        return
    seeds = [int(s) for s in args.seeds.split(",")]
    variants = [m for m in priority.MODELS if m != priority.MODEL] + ["no-terms"]
    files = [s for s in args.only.split(",") if s] if args.only else None
    result = run_reviews(Path(args.folder), seeds, variants if args.variants else [], files)
    rows = result["rows"]
    ok = sum(r["stop_ok"] for r in rows)
    total = sum(r["runs"] for r in rows)
    early = sum(1 for r in rows if r["stop_work"] < 1.0)
    print(
        f"screening_rank: seeds={args.seeds} "
        f"median_wss={statistics.median(r['wss'] for r in rows):.3f} "
        f"baseline_median_wss={statistics.median(r['baseline'] for r in rows):.3f} "
        f"worst_gap={min(r['wss'] - r['baseline'] for r in rows):.3f} "
        f"stop_recall_ok={ok}/{total} reviews_stopped_early={early}/{len(rows)}"
    )


if __name__ == "__main__":
    main()
