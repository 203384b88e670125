"""When to stop screening, and how much relevant evidence is left: a hypergeometric test on
the records screened last (Callaghan & Müller-Hansen 2020, "Statistical stopping criteria
for automated screening in systematic reviews", Systematic Reviews 9:273).

Input is the claim's screening history as a sequence of 0/1 (relevant = include or maybe,
in the order the records were first decided) and the number of records. For every window of
the last k screened records, treated as a sample drawn without replacement from those k and
the unscreened rest (the "urn"), the null hypothesis "recall is below the target" means the
urn holds at least floor(found / target) + 1 − (found outside the window) relevant records;
its p-value is the hypergeometric probability of seeing no more than the window's relevant
records. The rule is met when the smallest p-value over k is below 1 − confidence.

Assumption, stated wherever the figures are shown: the records screened last were at least
as likely to be relevant as those still unscreened. A random order makes it exact (a random
audit); a priority order makes the test conservative; a newest-first order is close to
random with respect to relevance. The estimate of the relevant records still unscreened is
the same sampling view over the last `WINDOW` screened records, with an exact
(Clopper–Pearson style) hypergeometric interval.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

RECALL = 0.95
CONFIDENCE = 0.95
#: Screened records (the most recent) the remainder estimate is drawn from.
WINDOW = 100


@dataclass(frozen=True)
class Stop:
    """The stopping test at one moment: met or not, its p-value, and how many more records
    without a relevant one would meet it (None: screening everything would be needed)."""

    met: bool
    p_value: float
    more_needed: int | None


@dataclass(frozen=True)
class Remaining:
    """Relevant records estimated among the unscreened: point, interval at `confidence`."""

    estimate: int
    low: int
    high: int


def _log_comb(n: np.ndarray, k: np.ndarray) -> np.ndarray:
    from scipy.special import gammaln

    return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)


def hypergeom_cdf(x: object, urn: object, good: object, draws: object) -> np.ndarray:
    """P(X <= x) for X hypergeometric (`draws` from `urn` holding `good`), elementwise, as a
    sum of log-space terms: one array operation for every window at once."""
    from scipy.special import logsumexp

    x, urn, good, draws = (np.asarray(a, dtype=np.int64) for a in (x, urn, good, draws))
    x, urn, good, draws = np.broadcast_arrays(x, urn, good, draws)
    top = max(int(x.max(initial=0)), 0)
    i = np.arange(top + 1).reshape(-1, *([1] * x.ndim))
    valid = (i <= x) & (i <= good) & (draws - i >= 0) & (draws - i <= urn - good)
    ii = np.where(valid, i, 0)
    terms = (
        _log_comb(good, np.minimum(ii, good))
        + _log_comb(urn - good, np.clip(draws - ii, 0, urn - good))
        - _log_comb(urn, draws)
    )
    terms = np.where(valid, terms, -np.inf)
    with np.errstate(divide="ignore"):
        total = np.exp(logsumexp(terms, axis=0))
    return np.clip(np.where(x < 0, 0.0, total), 0.0, 1.0)


def p_value(relevant: Sequence[int], total: int, recall: float = RECALL) -> float:
    """The smallest p-value over windows of the null "recall < `recall`" (1.0: untestable,
    nothing screened). Among windows holding the same number of relevant records the
    longest has the smallest p-value (one more draw, one more record in the urn, no more
    relevant ones), so only the windows that stop just short of a relevant record, and the
    whole history, are computed."""
    seq = np.asarray(relevant, dtype=int)
    n = seq.size
    if n == 0:
        return 1.0
    unscreened = total - n
    found = int(seq.sum())
    if unscreened <= 0:
        return 0.0
    backwards = seq[::-1]
    in_window = np.cumsum(backwards)  # relevant among the last k, k = 1..n
    k = np.arange(1, n + 1)
    longest = np.append(backwards[1:] == 1, True)  # the record beyond the window is relevant
    k, in_window = k[longest], in_window[longest]
    needed = math.floor(found / recall) + 1 - (found - in_window)
    urn = k + unscreened
    impossible = needed > urn
    p = hypergeom_cdf(in_window, urn, np.minimum(needed, urn), k)
    p = np.where(impossible, 0.0, p)
    return float(p.min())


def stop_test(
    relevant: Sequence[int], total: int, recall: float = RECALL, confidence: float = CONFIDENCE
) -> Stop:
    """The rule now, and the fewest further records, all without a relevant one, after
    which it would be met (doubling then bisection over that count)."""
    alpha = 1.0 - confidence
    p = p_value(relevant, total, recall)
    if p < alpha:
        return Stop(True, p, 0)
    left = total - len(relevant)
    seq = list(relevant)

    def met_after(m: int) -> bool:
        return p_value(seq + [0] * m, total, recall) < alpha

    if left <= 0 or not met_after(left):
        return Stop(False, p, None)
    lo, hi = 0, 1
    while not met_after(hi):
        lo, hi = hi, min(hi * 2, left)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if met_after(mid) else (mid, hi)
    return Stop(False, p, hi)


def remaining(
    relevant: Sequence[int], total: int, confidence: float = CONFIDENCE, window: int = WINDOW
) -> Remaining | None:
    """Relevant records among the unscreened, from the last `window` screened treated as a
    sample of them and the unscreened together; None before anything is screened."""
    seq = np.asarray(relevant, dtype=int)
    unscreened = total - seq.size
    if seq.size == 0:
        return None
    if unscreened <= 0:
        return Remaining(0, 0, 0)
    sample = seq[-window:]
    k, r = int(sample.size), int(sample.sum())
    urn = k + unscreened
    alpha = (1.0 - confidence) / 2
    possible = np.arange(r, r + unscreened + 1)  # relevant in the urn
    upper_tail = 1.0 - hypergeom_cdf(r - 1, urn, possible, k)  # P(X >= r)
    lower_tail = hypergeom_cdf(r, urn, possible, k)  # P(X <= r)
    low = int(possible[upper_tail > alpha].min()) - r
    high = int(possible[lower_tail > alpha].max()) - r
    estimate = round(unscreened * r / k)
    return Remaining(min(max(estimate, low), high), low, high)


def estimated_relevant(
    relevant: Sequence[int], total: int, confidence: float = CONFIDENCE
) -> tuple[int, int, int] | None:
    """The claim's relevant records: found plus the remainder estimate, as (estimate, low,
    high); None when nothing is screened."""
    left = remaining(relevant, total, confidence)
    if left is None:
        return None
    found = int(sum(relevant))
    return found + left.estimate, found + left.low, found + left.high
