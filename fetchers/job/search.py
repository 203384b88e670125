"""Phase 1 of the fetch (fetchers/job/run.py): search one claim, get PubMed's Count and ids.

Count ≤ 9,999: that one search is the complete id set. Count > 9,999: on the first fetch,
with `full`, or when the stored links do not add up to Count, the PMID range is bisected
(search_slices); otherwise ONE more search over a trailing modification-date window finds
what changed. A modification-date window (not entry date) catches records that start
matching late, when MEDLINE indexing adds MeSH terms and publication types weeks after
entry. Nothing is written here: the later phases fetch and link what the search found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from fetchers.eutils.client import ESEARCH_CAP, EutilsClient, EutilsError, SearchResult
from fetchers.job.slices import collect_ids
from store.db.connect import parse_utc
from store.models import Claim

#: The modification-date window reaches this far before the claim's last good fetch.
WINDOW_MARGIN = timedelta(days=3)


@dataclass
class ClaimResult:
    """One claim's outcome in a fetch run. The search fills count, ids, searches and
    warnings (and status/error when it fails); the efetch and link phases in fetch_job.py
    can still fail it, and fill retrieved, new and dropped."""

    claim_id: str
    status: str = "ok"
    count: int | None = None
    retrieved: int = 0
    new: int = 0
    dropped: int = 0
    searches: int = 0
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    query_translation: str = ""
    #: The complete set of matching PMIDs (True) or a reconciled window (False).
    complete: bool = True
    ids: set[int] = field(default_factory=set, repr=False)


@dataclass(frozen=True)
class Stored:
    """What the store holds for a claim, read by the orchestrator only when a search passes
    PubMed's cap: when the claim's current query version last succeeded, and its active
    links. The search itself never reads the store."""

    last_success: str | None
    active: set[int]


def search_claim(
    client: EutilsClient, claim: Claim, stored: Callable[[], Stored], *, full: bool
) -> ClaimResult:
    result = ClaimResult(claim_id=claim.claim_id)
    try:
        first = client.esearch(claim.query, retmax=ESEARCH_CAP)
        result.searches = 1
        result.query_translation = first.query_translation
        result.warnings.extend(first.warnings)
        if first.not_found:
            # PubMed searched a wider query than the outline's: storing its records would
            # put evidence under the claim that the claim's query does not select.
            result.status = "failed"
            result.error = (
                f"PubMed ignored part of the query ({'; '.join(first.not_found)}); "
                "fix the query in the outline"
            )
            return result
        result.count = first.count
        if first.count <= ESEARCH_CAP:
            result.ids = set(first.ids)
            if len(result.ids) < first.count:
                # Never OK: links would be marked dropped that PubMed still matches.
                result.status = "incomplete"
                result.error = f"search gave {len(result.ids)} ids for Count {first.count}"
            elif len(result.ids) != first.count:
                result.warnings.append(f"search gave {len(result.ids)} ids for Count {first.count}")
        else:
            _search_large(client, claim, stored(), first, result, full=full)
    except EutilsError as exc:
        result.status = "failed"
        result.error = str(exc)
    result.complete = result.complete and len(result.ids) >= (result.count or 0)
    return result


def window_term(query: str, since: datetime, until: datetime) -> str:
    """The claim's query restricted to records modified OR entered in [since, until].

    Modification date catches records that start matching late (MEDLINE indexing adds MeSH
    terms and publication types weeks after entry); entry date is ORed in so a brand-new
    record is caught even where PubMed's modification date lags its entry.
    """
    span = f"{since:%Y/%m/%d}:{until:%Y/%m/%d}"
    return f"({query}) AND ({span}[mdat] OR {span}[edat])"


def _search_large(
    client: EutilsClient,
    claim: Claim,
    stored: Stored,
    first: SearchResult,
    result: ClaimResult,
    *,
    full: bool,
) -> None:
    last, active = stored.last_success, stored.active
    if not full and last is not None:
        since = parse_utc(last) - WINDOW_MARGIN
        window = client.esearch(
            window_term(claim.query, since, datetime.now(UTC)), retmax=ESEARCH_CAP
        )
        result.searches += 1
        fresh = set(window.ids) - active
        if window.count <= ESEARCH_CAP and len(active) + len(fresh) == first.count:
            result.ids = set(window.ids)
            result.complete = False
            return
        result.warnings.append(
            f"stored {len(active)} + window {len(fresh)} != Count {first.count}: re-reconciled"
        )
    collected = collect_ids(client, claim.query, expected=first.count, first_page=first.ids)
    result.searches += collected.searches
    result.ids = collected.ids
    result.warnings.extend(collected.warnings)
    if collected.gave_up or len(collected.ids) < first.count:
        result.status = "incomplete"
        result.error = collected.warnings[-1] if collected.warnings else "ids missing"
