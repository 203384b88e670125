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
    saved = (priority.fit_scores, priority.features)
    if name == "svm":

        def fit_scores(matrix, rows, labels):
            from sklearn.svm import LinearSVC

            model = LinearSVC(class_weight="balanced").fit(matrix[list(rows)], labels)
            return model.decision_function(matrix)

        priority.fit_scores = fit_scores
    elif name == "no-terms":
        features = saved[1]
        priority.features = lambda recs: features(
            [priority.Record(r.title, r.abstract) for r in recs]
        )

    def undo() -> None:
        priority.fit_scores, priority.features = saved

    return undo


def run_reviews(folder: Path, seeds: list[int], variants: list[str]) -> dict:
    files = sorted(folder.glob("*.csv"))
    if not files:
        sys.exit(f"no CSV files in {folder}")
    rows, stops = [], []
    for path in files:
        data = simulate.read_labelled(path.read_bytes(), path.name)
        n = len(data.labels)
        t0 = time.perf_counter()
        ours = simulate.simulate(data, seeds)
        took = time.perf_counter() - t0
        base = statistics.median(baseline_run(data.records, data.labels, s) for s in seeds)
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


def latency(records: int) -> None:
    """Median and worst time of the Screen page's step after a decision: record it, then
    read the reviewer's next record in priority order (store.screening.queue)."""
    import tempfile

    from bench_priority_store import build_claim, step_times

    with tempfile.TemporaryDirectory() as tmp:
        engine = build_claim(Path(tmp) / "bench.sqlite", records)
        times = step_times(engine, decisions=60)
    print(
        f"latency: records={records} decisions={len(times)} "
        f"median_ms={statistics.median(times) * 1000:.0f} max_ms={max(times) * 1000:.0f} "
        f"first_ms={times[0] * 1000:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "folder", nargs="?", default=str(ROOT.parent / "shared/screening-benchmark")
    )
    parser.add_argument("--seeds", default="1,2,3,4,5")
    parser.add_argument("--variants", action="store_true")
    parser.add_argument("--latency", action="store_true")
    parser.add_argument("--records", type=int, default=5000)
    args = parser.parse_args()
    print_machine()
    if args.latency:
        latency(args.records)
        return
    seeds = [int(s) for s in args.seeds.split(",")]
    result = run_reviews(Path(args.folder), seeds, ["svm", "no-terms"] if args.variants else [])
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
