"""Priority screening's pure parts: the stopping rule and remainder estimate
(store/screening/stopping.py) checked against hypergeometric sums computed here with exact
integers, the model's retrain schedule and order (priority.py), and `littrack screen
simulate` (simulate.py) on a small labelled set these tests write."""

from __future__ import annotations

import csv
import json
import math
import random
from fractions import Fraction
from pathlib import Path

import pytest

from fetchers.cli.main import cli
from store.screening import priority, stopping
from store.screening.simulate import SimulateError, read_labelled, replay, simulate

TOPIC = "ketamine analgesia postoperative pain randomized controlled trial opioid consumption"
OTHER = (
    "rat hippocampus receptor binding assay",
    "depression remission infusion cohort",
    "veterinary sedation dogs anesthesia induction",
    "pharmacokinetics plasma clearance healthy volunteers",
)
FILLER = "study patients results methods outcome data group analysis effect clinical".split()


def labelled_rows(n: int = 160, included: int = 16, seed: int = 7) -> list[dict]:
    """A labelled set where includes share a topic's words (with noise) and excludes are
    about other things: the model should find the includes early."""
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        inc = i % (n // included) == 0
        words = (TOPIC if inc else rnd.choice(OTHER)).split()
        body = rnd.sample(words, k=max(3, len(words) - 2)) + rnd.sample(FILLER, k=5)
        rows.append(
            {
                "pmid": str(1000 + i),
                "title": " ".join(body[:6]),
                "abstract": " ".join(body),
                "keywords": "Ketamine; Pain, Postoperative" if inc and i % 2 else "Humans",
                "label_included": "1" if inc else "0",
            }
        )
    return rows


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> Path:
    columns = columns or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _cdf(x: int, urn: int, good: int, draws: int) -> Fraction:
    """P(X <= x) for X hypergeometric, exactly."""
    total = math.comb(urn, draws)
    return sum(
        (Fraction(math.comb(good, i) * math.comb(urn - good, draws - i), total)
         for i in range(0, min(x, good, draws) + 1)),
        Fraction(0),
    )  # fmt: skip


def _p_by_hand(seq: list[int], total: int, recall: float) -> Fraction:
    found, n = sum(seq), len(seq)
    best = Fraction(1)
    for k in range(1, n + 1):
        window = sum(seq[n - k :])
        needed = math.floor(found / recall) + 1 - (found - window)
        urn = k + total - n
        best = min(best, Fraction(0) if needed > urn else _cdf(window, urn, needed, k))
    return best


@pytest.mark.parametrize(
    ("seq", "total", "expected"),
    [
        ([1, 1, 0, 0, 0, 0], 10, Fraction(1, 2)),  # the last four excludes: 1 − 4/8
        ([1, 0, 1, 1] + [0] * 30, 60, None),
        ([0] * 20, 40, None),
        ([1] * 5 + [0] * 60, 70, None),
    ],
)
def test_p_value_is_the_smallest_hypergeometric_tail_over_windows(seq, total, expected):
    by_hand = _p_by_hand(seq, total, 0.95)
    if expected is not None:
        assert by_hand == expected
    assert stopping.p_value(seq, total, 0.95) == pytest.approx(float(by_hand), abs=1e-9)


def test_nothing_screened_is_untestable_and_everything_screened_meets_the_rule():
    assert stopping.p_value([], 10) == 1.0
    assert stopping.stop_test([1, 0, 0], 3).met


def test_more_needed_is_the_fewest_excludes_in_a_row_that_meet_the_rule():
    seq = [1, 0, 1, 1, 0, 1] + [0] * 40
    total = 400
    stop = stopping.stop_test(seq, total)
    assert not stop.met and stop.more_needed is not None
    m = stop.more_needed
    assert stopping.p_value(seq + [0] * m, total) < 0.05
    assert stopping.p_value(seq + [0] * (m - 1), total) >= 0.05
    assert stopping.stop_test(seq + [0] * m, total).met


def test_a_single_include_never_met_before_the_end_says_so():
    # One include in 1,000 found first: only screening (nearly) everything can show 95 %.
    stop = stopping.stop_test([1], 1000)
    assert not stop.met
    assert stop.more_needed is not None and stop.more_needed > 900


def test_remainder_interval_is_the_exact_hypergeometric_interval():
    seq = [1] * 40 + [0] * 60 + [1] * 5 + [0] * 95  # the last 100 hold 5 relevant
    total = 1200
    left = stopping.remaining(seq, total, confidence=0.95)
    unscreened = total - len(seq)
    assert left.estimate == round(unscreened * 5 / 100) == 50
    urn, k, r = 100 + unscreened, 100, 5
    tail = Fraction(25, 1000)  # (1 − 0.95) / 2

    def at_least(good: int) -> Fraction:
        return 1 - _cdf(r - 1, urn, good, k)

    low, high = left.low + r, left.high + r  # relevant in the urn
    assert at_least(low) > tail >= at_least(low - 1)
    assert _cdf(r, urn, high, k) > tail >= _cdf(r, urn, high + 1, k)
    assert left.low < left.estimate < left.high


def test_estimated_relevant_adds_what_was_found():
    seq = [1] * 3 + [0] * 97
    found = stopping.estimated_relevant(seq, 100)
    assert found == (3, 3, 3)  # everything screened: no uncertainty left
    assert stopping.remaining([], 10) is None and stopping.estimated_relevant([], 10) is None


@pytest.mark.parametrize(
    "labels",
    [[0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0], [1, 1, 1, 0] + [0] * 30 + [1], [0] * 12, [1, 0] * 9],
)
@pytest.mark.parametrize("total", [10, 900, 5000])
def test_retrain_point_replays_the_schedule_the_simulation_follows(labels, total):
    trained_on = 0
    for n in range(1, len(labels) + 1):
        if priority.retrain_due(labels[:n], trained_on, total):
            trained_on = n
    assert priority.retrain_point(labels, total) == trained_on


def test_the_model_orders_and_never_drops_a_record():
    rows = labelled_rows()
    data = read_labelled(write_bytes(rows), "set.csv")
    matrix = priority.features(data.records)
    labelled = list(range(0, 40))
    scores = priority.fit_scores(matrix, labelled, [data.labels[i] for i in labelled])
    rest = list(range(40, len(rows)))
    ranked = priority.order(scores, rest)
    assert sorted(ranked) == rest
    top = ranked[: sum(data.labels[i] for i in rest)]
    assert sum(data.labels[i] for i in top) >= 0.8 * len(top)


@pytest.mark.parametrize(
    ("labels", "c"),
    [([1] + [0] * 9, 1.0), ([1] + [0] * 4, 100.0), ([1, 1] + [0] * 9, 1.0), ([1, 0], 100.0),
     ([0] * 5, 1.0), ([], 1.0)],
)  # fmt: skip
def test_regularisation_follows_the_share_of_includes_decided(labels, c):
    assert priority.COMMON_INCLUDES == 0.2
    assert priority.regularisation(labels) == c


def test_the_model_regularises_weakly_once_includes_are_common():
    data = read_labelled(write_bytes(labelled_rows()), "set.csv")
    matrix = priority.features(data.records)
    rare = list(range(0, 40))  # 4 includes in 40: a tenth
    includes = [i for i in range(160) if data.labels[i]]
    common = includes[:8] + [i for i in range(160) if not data.labels[i]][:32]  # 8 in 40
    for rows, chosen, other in ((rare, "logistic-c1", "logistic-c100"),
                                (common, "logistic-c100", "logistic-c1")):  # fmt: skip
        labels = [data.labels[i] for i in rows]
        scores = priority.fit_scores(matrix, rows, labels)
        assert priority.MODEL == "adaptive"
        assert scores.tolist() == priority.fit_scores(matrix, rows, labels, chosen).tolist()
        assert scores.tolist() != priority.fit_scores(matrix, rows, labels, other).tolist()


def write_bytes(rows: list[dict]) -> bytes:
    out = []
    columns = list(rows[0])
    out.append(",".join(columns))
    for row in rows:
        out.append(",".join('"' + row[c].replace('"', '""') + '"' for c in columns))
    return ("\n".join(out) + "\n").encode()


def test_simulate_finds_the_includes_early_and_stops_with_the_recall_it_promises():
    data = read_labelled(write_bytes(labelled_rows()), "set.csv")
    result = simulate(data, [1, 2, 3])
    assert (result["records"], result["included"]) == (160, 16)
    assert result["screened_at_recall_95"] < 60
    assert result["wss_95"] == pytest.approx(
        (160 - result["screened_at_recall_95"]) / 160 - 0.05, abs=1e-4
    )
    for run in result["runs"]:
        assert run["stopped_at"] is not None and run["stopped_at"] < 160
        assert run["recall_at_stop"] >= 0.95
    assert simulate(data, [2]) == {**simulate(data, [2])}  # reproducible per seed
    again = replay(priority.features(data.records), data.labels, 2)
    assert again.screened_at_recall == result["runs"][1]["screened_at_recall_95"]


def test_screen_simulate_json_prints_the_figures(runner, tmp_path):
    path = write_csv(tmp_path / "set.csv", labelled_rows())
    result = runner.invoke(cli, ["screen", "simulate", str(path), "--seeds", "1,2", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert {"records", "included", "screened_at_recall_95", "wss_95", "runs"} <= set(figures)
    assert [r["seed"] for r in figures["runs"]] == [1, 2]
    assert set(figures["runs"][0]) == {
        "seed", "screened_at_recall_95", "stopped_at", "recall_at_stop"
    }  # fmt: skip
    plain = runner.invoke(cli, ["screen", "simulate", str(path)])
    assert plain.exit_code == 0
    assert plain.output.startswith("set.csv: records=160 included=16 screened_at_recall_95=")
    assert "seed 1: screened_at_recall_95=" in plain.output


def _bad(tmp_path: Path, name: str) -> Path:
    rows = labelled_rows(40, 4)
    if name == "missing":
        return write_csv(tmp_path / "x.csv", rows, ["pmid", "title", "label_included"])
    if name == "label":
        rows[5]["label_included"] = "yes"
        return write_csv(tmp_path / "x.csv", rows)
    if name == "one-class":
        for row in rows:
            row["label_included"] = "0"
        return write_csv(tmp_path / "x.csv", rows)
    path = tmp_path / "x.csv"
    path.write_bytes("title,abstract,label_included\nCaf\xe9,x,1\n".encode("latin-1"))
    return path


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing", "Error: x.csv: missing column abstract"),
        ("label", "Error: x.csv, line 7: label_included 'yes' is not 0 or 1"),
        ("one-class", "Error: x.csv: needs at least one include and one exclude"),
        ("latin1", "Error: x.csv: not UTF-8 (byte 33)"),
    ],
)
def test_bad_input_is_one_error_line(runner, tmp_path, case, message):
    result = runner.invoke(cli, ["screen", "simulate", str(_bad(tmp_path, case)), "--json"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [message]


def test_read_labelled_treats_na_as_empty_and_splits_keywords():
    data = read_labelled(
        b"pmid,title,abstract,keywords,label_included\n1,A,NA,Ketamine; Pain,1\n2,B,x,NA,0\n",
        "s.csv",
    )
    assert data.records[0] == priority.Record("A", "", ("Ketamine", "Pain"))
    assert data.records[1].terms == () and data.labels == [1, 0]
    with pytest.raises(SimulateError, match=r"^s\.csv: needs at least one include"):
        read_labelled(b"title,abstract,label_included\nA,b,1\n", "s.csv")


def test_a_rule_that_never_fires_before_the_end_is_null(runner, tmp_path):
    # Two records: the prior pair is everything, so the rule never gets to fire.
    path = tmp_path / "two.csv"
    path.write_text("title,abstract,label_included\nA,x,1\nB,y,0\n", encoding="utf-8")
    result = runner.invoke(cli, ["screen", "simulate", str(path), "--json"])
    assert json.loads(result.output)["runs"] == [
        {"seed": 1, "screened_at_recall_95": 1, "stopped_at": None, "recall_at_stop": None}
    ]
    plain = runner.invoke(cli, ["screen", "simulate", str(path)])
    assert plain.output.splitlines()[-1] == (
        "seed 1: screened_at_recall_95=1 stopped_at=never (everything screened)"
    )
