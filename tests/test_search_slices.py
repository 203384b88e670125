"""Splitting PMID ranges (pure) — the end-to-end > 9,999 fetch is in test_fetch_job.py."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fetchers.search_slices import split_range, uid_term


@given(st.integers(1, 10**9), st.integers(1, 10**9))
def test_split_covers_range_exactly_with_two_nonempty_halves(a, b):
    lo, hi = min(a, b), max(a, b)
    if lo == hi:
        hi += 1
    (l1, h1), (l2, h2) = split_range(lo, hi)
    assert l1 == lo and h2 == hi and l2 == h1 + 1
    assert l1 <= h1 < l2 <= h2
    # Each half is at most about half the range (+1 for odd sizes), so bisection ends.
    size = hi - lo + 1
    assert h1 - l1 + 1 <= size // 2 + 2 and h2 - l2 + 1 <= size // 2 + 2


def test_split_of_two_pmids():
    assert split_range(7, 8) == ((7, 7), (8, 8))


def test_uid_term_parenthesises_the_query():
    assert uid_term("a OR b", 1, 500) == "(a OR b) AND 1:500[uid]"
