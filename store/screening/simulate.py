"""Replay a labelled set through the ranking (priority.py) and the stopping rule
(stopping.py) the Screen page uses, as ASReview's simulate does: how early do the includes
come, and when would the rule have said stop?

Input is the ASReview CSV format: UTF-8 with a header, `title`, `abstract`,
`label_included` (1/0), optionally `keywords` (terms separated by `;`) and `pmid`. Each run
starts, like ASReview's, from one random include and one random exclude (the seed picks
them and breaks ties), then screens the highest-ranked record, retraining on priority.py's
schedule, until every record is screened.
"""

from __future__ import annotations

import csv
import io
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from store.errors import LittrackError
from store.screening import priority, stopping

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

REQUIRED = ("title", "abstract", "label_included")
#: The recall work saved is measured at (WSS@95), whatever the stopping rule's target.
WSS_RECALL = 0.95


class SimulateError(LittrackError):
    """A labelled set that cannot be simulated: the message names the file and the problem."""


@dataclass(frozen=True)
class Labelled:
    """A labelled set: the records and their 0/1 labels, in file order."""

    records: list[priority.Record]
    labels: list[int]


@dataclass
class Run:
    """One seed's replay: the order screened (row indices) and the stop."""

    seed: int
    screened_at_recall: int
    stopped_at: int | None
    recall_at_stop: float | None
    order: list[int] = field(default_factory=list, repr=False)


def _empty(value: str | None) -> str:
    value = (value or "").strip()
    return "" if value.upper() == "NA" else value


def read_labelled(data: bytes, name: str) -> Labelled:
    """Parse and check the CSV; every problem is a SimulateError naming `name`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SimulateError(f"{name}: not UTF-8 (byte {exc.start})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise SimulateError(f"{name}: missing column {', '.join(missing)}")
    records: list[priority.Record] = []
    labels: list[int] = []
    for line, row in enumerate(reader, start=2):
        label = (row.get("label_included") or "").strip()
        if label not in ("0", "1"):
            raise SimulateError(f"{name}, line {line}: label_included {label!r} is not 0 or 1")
        terms = tuple(t.strip() for t in _empty(row.get("keywords")).split(";") if t.strip())
        records.append(
            priority.Record(_empty(row.get("title")), _empty(row.get("abstract")), terms)
        )
        labels.append(int(label))
    if not priority.can_learn(labels):
        raise SimulateError(f"{name}: needs at least one include and one exclude")
    return Labelled(records, labels)


def replay(
    matrix: csr_matrix, labels: Sequence[int], seed: int, *, recall: float = stopping.RECALL
) -> Run:
    """One run: the prior pair, then priority order to the end; the stopping rule (target
    `recall`) checked after every decision from the prior on. `stopped_at` stays None when
    the rule never fired before everything was screened."""
    truth = np.asarray(labels, dtype=int)
    total, wanted = truth.size, math.ceil(WSS_RECALL * truth.sum())
    rng = np.random.default_rng(seed)
    prior = [
        int(rng.choice(np.flatnonzero(truth == 1))),
        int(rng.choice(np.flatnonzero(truth == 0))),
    ]
    tiebreak = rng.permutation(total)
    screened: list[int] = list(prior)
    seen = [int(truth[i]) for i in screened]
    unscreened = np.ones(total, dtype=bool)
    unscreened[prior] = False
    trained_on, scores = 0, np.zeros(total)
    stopped_at = recall_at_stop = None
    while unscreened.any():
        if stopped_at is None and stopping.p_value(seen, total, recall) < 1 - stopping.CONFIDENCE:
            stopped_at, recall_at_stop = len(seen), float(sum(seen) / truth.sum())
        if priority.retrain_due(seen, trained_on, total):
            scores = priority.fit_scores(matrix, screened, seen)
            trained_on = len(seen)
        candidates = tiebreak[unscreened[tiebreak]]
        pick = priority.order(scores, candidates)[0]
        screened.append(pick)
        seen.append(int(truth[pick]))
        unscreened[pick] = False
    found = np.cumsum(seen)
    at_recall = int(np.searchsorted(found, wanted) + 1)
    return Run(seed, at_recall, stopped_at, recall_at_stop, screened)


def simulate(data: Labelled, seeds: Sequence[int], *, recall: float = stopping.RECALL) -> dict:
    """The figures `littrack screen simulate --json` prints."""
    matrix = priority.features(data.records)
    runs = [replay(matrix, data.labels, s, recall=recall) for s in seeds]
    records = len(data.labels)
    median = statistics.median(r.screened_at_recall for r in runs)
    return {
        "records": records,
        "included": int(sum(data.labels)),
        "recall": recall,
        "screened_at_recall_95": median,
        "wss_95": round((records - median) / records - (1 - WSS_RECALL), 4),
        "runs": [
            {
                "seed": r.seed,
                "screened_at_recall_95": r.screened_at_recall,
                "stopped_at": r.stopped_at,
                "recall_at_stop": None if r.recall_at_stop is None else round(r.recall_at_stop, 4),
            }
            for r in runs
        ],
    }
