"""PubMed's own totals per publication year, the denominators of normalised trends.

Series "pubmed" counts all of PubMed (`all[sb]`) per year; "reference:<claim_id>" counts a
claim's `reference_query` per year. Each is one count-only esearch (retmax=0) per year,
`(term) AND Y:Y[dp]` (the range form, which PubMed's help prefers to `Y[dp]` because of
split print/electronic years).

Cost is bounded: the current and previous year are refreshed when older than 30 days
(they still grow as records are added and indexed); older years when older than a year
(late-added old records barely move them). A first run costs one request per year per
series, later months about two per series.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Connection, Engine

from fetchers.eutils.client import EutilsClient, EutilsError
from store.db.connect import parse_utc, utcnow
from store.fetch import writes
from store.models import Claim

PUBMED_SERIES = "pubmed"
PUBMED_TERM = "all[sb]"
RECENT_MAX_AGE = timedelta(days=30)
OLD_MAX_AGE = timedelta(days=365)


def year_term(term: str, year: int) -> str:
    return f"({term}) AND {year}:{year}[dp]"


def years_due(
    first_year: int,
    counted: dict[int, tuple[str, str]],
    query: str,
    *,
    now: datetime,
) -> list[int]:
    """Years from `first_year` to now whose stored count is missing, stale or for another query."""
    due = []
    for year in range(first_year, now.year + 1):
        stored = counted.get(year)
        if stored is None or stored[1] != query:
            due.append(year)
            continue
        age = now - parse_utc(stored[0])
        limit = RECENT_MAX_AGE if year >= now.year - 1 else OLD_MAX_AGE
        if age >= limit:
            due.append(year)
    return due


def refresh_year_counts(
    engine: Engine,
    claims: Sequence[Claim],
    client: EutilsClient,
    *,
    log: Callable[[str], None] | None = None,
    beat: Callable[[], None] | None = None,
    now: datetime | None = None,
    begin: Callable[[], AbstractContextManager[Connection]] | None = None,
) -> list[str]:
    """Count what is due for "pubmed" and each claim's reference_query; returns error lines.

    `begin` opens each write's transaction (the fetch job passes one that checks it still
    holds the lock); default engine.begin."""
    say = log or (lambda line: None)
    now = now or datetime.now(UTC)
    errors: list[str] = []
    with engine.connect() as conn:
        plans: list[tuple[str, str, int | None]] = [
            (PUBMED_SERIES, PUBMED_TERM, writes.earliest_linked_year(conn))
        ]
        for claim in claims:
            if claim.reference_query.strip():
                plans.append(
                    (
                        f"reference:{claim.claim_id}",
                        claim.reference_query,
                        writes.earliest_linked_year(conn, claim.claim_id),
                    )
                )
    for series, term, first_year in plans:
        if first_year is None:
            continue
        with engine.connect() as conn:
            counted = writes.year_counts_counted(conn, series)
        due = years_due(first_year, counted, term, now=now)
        done = 0
        for year in due:
            try:
                count = client.count(year_term(term, year))
            except EutilsError as exc:
                errors.append(f"{series} {year}: {exc}")
                say(f"fetch year_counts series={series} year={year} status=failed")
                break  # the service is struggling; the next run tries again
            with (begin or engine.begin)() as conn:
                writes.upsert_year_count(
                    conn, series=series, year=year, count=count, query=term, now=utcnow()
                )
            done += 1
            if beat:
                beat()
        if due:
            say(f"fetch year_counts series={series} years={done}/{len(due)}")
    return errors
