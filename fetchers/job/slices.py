"""Every PMID of a query past PubMed's 9,999-id cap, by EDirect's method.

PubMed's esearch returns at most 9,999 ids of any search, while `Count` stays the true
total. EDirect's `ecollect` gets around it by cutting the query into PMID ranges,
`(query) AND lo:hi[uid]`, halving each range until every part holds ≤ 9,999; the parts'
ids are then unioned. The top of the first range is the newest PMID in PubMed plus a margin
of 1,000, because old records are sometimes added late under new PMIDs above the newest
ones seen in a search.

The split is pure (`split_range`, `uid_term`); `collect_ids` drives a client.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fetchers.eutils.client import ESEARCH_CAP, EutilsClient, EutilsError

#: Added above the highest PMID seen, for records that arrive late (EDirect does the same).
TOP_MARGIN = 1_000
#: A search for recent PMIDs of all of PubMed, to find the top of the PMID range.
NEWEST_TERM = "all[sb]"
NEWEST_RETMAX = 1_000
#: Searches allowed per 9,999 ids of Count (plus a base): a sound split needs about 3; only
#: a server whose Count keeps lying reaches this, and the bisection then gives up.
SEARCHES_PER_CAP = 40
SEARCHES_BASE = 40
#: The most searches one claim's split may cost, whatever Count the server claims: a budget
#: linear in Count alone would let a lying Count of 99,999,999 buy 400,000 searches. A sound
#: split needs about 3 per 9,999 ids, so claims up to about 3 million records fit.
MAX_SPLIT_SEARCHES = 1_000


@dataclass
class CollectedIds:
    ids: set[int] = field(default_factory=set)
    count: int = 0
    searches: int = 0
    warnings: list[str] = field(default_factory=list)
    #: The bisection stopped early (a Count that cannot be true, or the search budget).
    gave_up: bool = False


def uid_term(term: str, lo: int, hi: int) -> str:
    """The query restricted to PMIDs lo..hi (inclusive)."""
    return f"({term}) AND {lo}:{hi}[uid]"


def split_range(lo: int, hi: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Halve lo..hi into two non-empty ranges that cover it exactly, like EDirect."""
    if hi <= lo:
        raise ValueError(f"cannot split a single PMID range {lo}:{hi}")
    mid = lo // 2 + hi // 2
    if mid < lo:
        mid = lo
    if mid >= hi:
        mid = hi - 1
    return (lo, mid), (mid + 1, hi)


def top_pmid(client: EutilsClient, seen: set[int] | tuple[int, ...] = ()) -> tuple[int, int]:
    """(highest PMID worth searching, searches spent).

    Asks PubMed for its newest records; if that search fails the highest id already seen
    (the query's own first page) is used instead. Either way TOP_MARGIN is added.
    """
    highest = max(seen, default=0)
    searches = 0
    try:
        searches += 1
        newest = client.esearch(NEWEST_TERM, retmax=NEWEST_RETMAX)
        highest = max(highest, max(newest.ids, default=0))
    except EutilsError:
        pass
    return highest + TOP_MARGIN, searches


def collect_ids(
    client: EutilsClient,
    term: str,
    *,
    expected: int,
    first_page: tuple[int, ...] = (),
    cap: int = ESEARCH_CAP,
) -> CollectedIds:
    """All PMIDs of `term` (whose Count is `expected`) by bisecting the PMID range.

    Each range is searched once with retmax=cap: that answer gives both its Count and,
    when it fits, its ids; the whole range is not searched when `expected` (the query's
    own Count) is already over the cap. Raises EutilsError when a slice cannot be
    searched, since a partial id set would mark good links as dropped.
    """
    out = CollectedIds(count=expected)
    top, spent = top_pmid(client, first_page)
    out.searches += spent
    stack = [(1, top)]
    if expected > cap and top > 1:
        # The claim's own search already said the whole range is over the cap: searching
        # 1..top again could only repeat that, so start from its two halves.
        left, right = split_range(1, top)
        stack = [right, left]
    budget = min(SEARCHES_BASE + SEARCHES_PER_CAP * (expected // cap + 1), MAX_SPLIT_SEARCHES)
    while stack:
        lo, hi = stack.pop()
        if out.searches >= budget:
            out.gave_up = True
            out.warnings.append(
                f"gave up splitting the PMID range after {out.searches} searches "
                f"({len(out.ids)} of Count {expected} ids collected)"
            )
            break
        part = client.esearch(uid_term(term, lo, hi), retmax=cap)
        out.searches += 1
        if part.count == 0:
            continue
        if part.count > hi - lo + 1:
            out.gave_up = True
            out.warnings.append(
                f"gave up splitting the PMID range: range {lo}:{hi} holds {hi - lo + 1} "
                f"PMIDs but PubMed's Count for it was {part.count}"
            )
            break
        if part.count <= cap or lo == hi:
            out.ids.update(part.ids)
            if len(part.ids) < part.count:
                out.warnings.append(f"range {lo}:{hi} returned {len(part.ids)} of {part.count} ids")
            continue
        left, right = split_range(lo, hi)
        stack.append(right)
        stack.append(left)
    if len(out.ids) != expected and not out.gave_up:
        out.warnings.append(
            f"retrieved {len(out.ids)} ids but PubMed's Count was {expected} "
            f"(difference {len(out.ids) - expected:+d})"
        )
    return out
