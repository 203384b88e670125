"""Splitting PMID ranges (pure), and `collect_ids` against the emulator; the end-to-end
> 9,999 fetch is in test_fetch_job.py."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from fetchers.eutils.client import ESEARCH_CAP
from fetchers.job.slices import collect_ids, split_range, uid_term
from tests.support.fixtures_fetched import emulator_client


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


def test_collect_ids_starts_from_the_halves_when_count_is_over_the_cap(eutils_emulator):
    """The claim's own search already said Count > 9,999, so 1..top is not searched again;
    the ids still equal the emulator's own answer set."""
    query = "ketamine[mh]"
    eutils_emulator.clone_records(10_100, query=query)
    expected = set(eutils_emulator.search_ids(query))
    assert len(expected) > ESEARCH_CAP
    eutils_emulator.rate_limit_enabled = False  # not a rate test: no 429 retries in the log
    client = emulator_client(eutils_emulator, rate=100.0)
    try:
        eutils_emulator.clear_log()
        collected = collect_ids(client, query, expected=len(expected))
    finally:
        client.close()
    assert collected.ids == expected
    searches = eutils_emulator.requests_to("esearch")
    assert collected.searches == len(searches)
    ranges = []
    for rec in searches:
        found = re.search(r"AND (\d+):(\d+)\[uid\]$", rec.params.get("term", ""))
        if found:
            ranges.append((int(found[1]), int(found[2])))
    top = max(hi for _, hi in ranges)
    assert (1, top) not in ranges
    assert set(split_range(1, top)) <= set(ranges)
