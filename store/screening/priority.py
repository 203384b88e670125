"""Priority order: rank a claim's unscreened records by a model trained on the decisions
made so far, so that the relevant ones come early (active learning, as in ASReview and
EPPI-Reviewer's priority screening).

One implementation serves the Screen page, `littrack export screening --order priority` and
`littrack screen simulate`, so what the simulation measures is what reviewers get:

- features: TF-IDF of title + abstract (words and word pairs, sublinear counts) beside a
  second TF-IDF block of whole MeSH headings and author keywords (a heading is one token:
  "Histamine H1 Antagonists" is not three words). The vocabulary is fitted on the claim's
  records without their labels;
- model: class-balanced logistic regression whose regularisation follows the decisions:
  C = 1 while includes are under a fifth of the records decided, C = 100 once they are
  common (`regularisation`). C = 1 alone ranked best on the reviews with few includes but
  fell 0.08 below the plain baseline on the one with 27 %; C = 100 alone kept that review
  but gave back most of the gain elsewhere (bench/RESULTS.md, docs/screening.md). Fitted
  by liblinear's dual solver (the same model as the primal one, but with far more features
  than labelled records it fits ~50x faster). The alternatives in MODELS are what
  bench/screening_rank.py --variants compares it with. Trained on every record with a
  current include or exclude (maybe is left out of training);
- retraining: after a decision that brings a new include, otherwise every ceil(n/300)
  decisions (`retrain_point`), so a page after a decision usually re-scores a cached model;
- the model never excludes: it only orders. Before the claim has one include and one
  exclude there is nothing to learn from and the caller's cold-start order stands.

scikit-learn is imported here (and nowhere else in the package), lazily, so commands that
do not rank stay fast to start.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

#: Decisions between retrains when no new include arrived: ceil(records / RETRAIN_DIVISOR).
RETRAIN_DIVISOR = 300
#: Share of includes among the decisions from which the model regularises weakly (C = 100).
COMMON_INCLUDES = 0.2


@dataclass(frozen=True)
class Record:
    """The text a record is ranked by."""

    title: str
    abstract: str = ""
    terms: tuple[str, ...] = ()


def _terms_analyzer(value: str) -> list[str]:
    return [t for t in value.split("\x1f") if t]


def features(records: Sequence[Record]) -> csr_matrix:
    """The records' feature matrix (rows in input order): text TF-IDF beside term TF-IDF.
    Fitted on these records only, without labels (no information from decisions leaks in)."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{r.title or ''} {r.title or ''} {r.abstract or ''}" for r in records]
    terms = ["\x1f".join(t.strip().lower() for t in r.terms if t.strip()) for r in records]
    min_df = 2 if len(records) >= 50 else 1
    words = TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, min_df=min_df, stop_words="english",
        strip_accents="unicode",
    )  # fmt: skip
    blocks = [_fit(words, texts)]
    if any(terms):
        blocks.append(_fit(TfidfVectorizer(analyzer=_terms_analyzer, sublinear_tf=True), terms))
    return hstack(blocks, format="csr")


def _fit(vectorizer: Any, texts: list[str]) -> csr_matrix:
    """fit_transform, or an empty block when the texts hold no term at all."""
    from scipy.sparse import csr_matrix

    try:
        return vectorizer.fit_transform(texts)
    except ValueError:  # empty vocabulary: no record has any word
        return csr_matrix((len(texts), 1))


def can_learn(labels: Sequence[int]) -> bool:
    """True once there is an include and an exclude to learn from."""
    return 1 in labels and 0 in labels


def retrain_due(labels: Sequence[int], trained_on: int, total: int) -> bool:
    """Whether the model trained on the first `trained_on` decisions should be refitted
    now that there are len(labels): a new include since, or ceil(total/300) decisions since
    (or no model yet, once there is an include and an exclude)."""
    if trained_on == 0:
        return can_learn(labels)
    since = labels[trained_on:]
    return 1 in since or len(since) >= _step(total)


def _step(total: int) -> int:
    return math.ceil(max(total, 1) / RETRAIN_DIVISOR)


def retrain_point(labels: Sequence[int], total: int) -> int:
    """How many of the decisions (in the order made) the current model is trained on: the
    schedule of `retrain_due` checked after each decision, as the simulation does, in one
    pass. 0 means no model yet."""
    trained_on, seen = 0, set()
    for n, label in enumerate(labels, start=1):
        seen.add(label)
        if trained_on == 0:
            if len(seen) == 2:
                trained_on = n
        elif label == 1 or n - trained_on >= _step(total):
            trained_on = n
    return trained_on


def _svm(labels: np.ndarray) -> Any:
    from sklearn.svm import LinearSVC

    return LinearSVC(class_weight="balanced")


def _logistic(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(
        C=c, class_weight="balanced", solver="liblinear", dual=True, random_state=0
    )


def regularisation(labels: Sequence[int]) -> float:
    """The logistic model's C for these decisions: C = 1 (stronger regularisation) while
    includes are under `COMMON_INCLUDES` of the records decided, C = 100 once they are
    common (the benchmark: C = 1 ranks best on reviews with few includes, C = 100 on the one
    with 27 %)."""
    decided = len(labels)
    share = sum(labels) / decided if decided else 0.0
    return 100.0 if share >= COMMON_INCLUDES else 1.0


def _adaptive(labels: np.ndarray) -> Any:
    return _logistic(regularisation(labels.tolist()))


#: The models the benchmark compares (bench/screening_rank.py --variants), each built from
#: the training labels; MODEL is the one used.
MODELS = {
    "adaptive": _adaptive,
    "logistic-c1": lambda labels: _logistic(1.0),
    "logistic-c100": lambda labels: _logistic(100.0),
    "svm": _svm,
}
MODEL = "adaptive"


def fit_scores(
    matrix: csr_matrix, rows: Sequence[int], labels: Sequence[int], model: str | None = None
) -> np.ndarray:
    """Relevance scores for every row of `matrix` from a model fitted on `rows` (indices)
    labelled `labels` (1 include, 0 exclude). Higher first; ties keep input order."""
    y = np.asarray(labels, dtype=int)
    fitted = MODELS[model or MODEL](y).fit(matrix[list(rows)], y)
    return fitted.decision_function(matrix)


def order(scores: np.ndarray, candidates: Sequence[int]) -> list[int]:
    """The candidate row indices, highest score first (stable: ties keep candidate order)."""
    cand = np.asarray(candidates, dtype=int)
    if cand.size == 0:
        return []
    return [int(i) for i in cand[np.argsort(-scores[cand], kind="stable")]]
