"""The nightly fetch: outline → E-utilities → store, complete, incremental and resumable.

Phases (each commits its own small transactions, so a kill at any moment loses nothing
committed and a rerun finishes the job without duplicates):

1. search — per claim, esearch gives PubMed's Count and ids (fetchers/job/search.py:
   one search up to 9,999 records; beyond that a bisected PMID range, or on incremental
   runs one modification-date window that catches late MEDLINE indexing).
2. efetch — PMIDs no stored record has yet, once each however many claims share them,
   in POST batches of 500, each batch committed on its own. Stored records that are not
   MEDLINE-indexed yet are fetched again at most weekly (see REFETCH_*), so late MeSH and
   publication types update their study design.
3. link — per claim, one transaction: new links, last_seen, links that stopped matching
   marked dropped (never deleted), and the claim's Count row for this run.
4. summaries — after the links and year counts, the dashboard's per-topic and per-claim
   counts are recomputed in one transaction (store/summaries.py), whatever the run's
   status; on SQLite `PRAGMA optimize` then refreshes the planner's statistics.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from fetchers.eutils.client import EFETCH_BATCH, EutilsClient, EutilsError
from fetchers.job.progress import advance_bar, close_bar, open_bar
from fetchers.job.search import ClaimResult, search_claim
from store import summaries, writes
from store.connect import utcnow
from store.errors import FetchLockLostError, UnknownClaimError
from store.lock import FetchLock, acquire_lock, heartbeat, release_lock
from store.models import Claim, DeletedCitation, Outline

#: Not-yet-indexed records are fetched again at most this often ...
REFETCH_EVERY = timedelta(days=7)
#: ... and only while they entered PubMed within this long (indexing is done by then).
REFETCH_WITHIN = timedelta(days=365)
#: Seconds between lock heartbeats.
HEARTBEAT_EVERY = 30.0


@dataclass
class FetchSummary:
    run_id: int
    status: str = "running"
    claims: list[ClaimResult] = field(default_factory=list)
    requests: int = 0
    retries: int = 0
    efetch_batches: int = 0
    new_records: int = 0
    refetched: int = 0
    year_count_requests: int = 0
    year_count_errors: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> list[ClaimResult]:
        return [c for c in self.claims if c.status != "ok"]


class _Beat:
    """Keeps the fetch lock's heartbeat fresh, and stops the run if the lock was lost.

    A background thread beats every HEARTBEAT_EVERY seconds, so one slow E-utilities call
    (retries and backoff can take many minutes) never lets the lock look stale; calling the
    object between steps raises FetchLockLostError once another fetch has taken the lock
    over, so two runs never write at the same time.
    """

    def __init__(self, engine: Engine, lock: FetchLock, run_id: int) -> None:
        self.engine, self.lock = engine, lock
        self.lost = not heartbeat(engine, lock, run_id=run_id)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._beat_forever, name="littrack-lock", daemon=True
        )
        self._thread.start()

    def _beat_forever(self) -> None:
        while not self._stop.wait(HEARTBEAT_EVERY):
            try:
                if not heartbeat(self.engine, self.lock):
                    self.lost = True
                    return
            except Exception:  # a missed beat is retried; staleness takes 10 min
                continue

    def __call__(self) -> None:
        if self.lost:
            raise FetchLockLostError(
                "another fetch took over this run's lock (it judged this run dead); "
                "this run stops, the other one carries on"
            )

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def select_claims(outline: Outline, claim_ids: Sequence[str] | None) -> list[Claim]:
    claims = outline.claims
    if not claim_ids:
        return claims
    known = {c.claim_id: c for c in claims}
    unknown = [cid for cid in claim_ids if cid not in known]
    if unknown:
        where = outline.path or "outline"
        raise UnknownClaimError(f"{where}: no claim with id {unknown[0]!r}")
    wanted = set(claim_ids)
    return [c for c in claims if c.claim_id in wanted]


def run_fetch(
    engine: Engine,
    outline: Outline,
    client: EutilsClient,
    *,
    claim_ids: Sequence[str] | None = None,
    full: bool = False,
    log: Callable[[str], None] | None = None,
    progress: bool = False,
    year_counts: bool = True,
) -> FetchSummary:
    """Run one fetch of `outline` (or of `claim_ids`) into the store behind `engine`.

    Raises FetchLockedError when another fetch holds the database; a claim whose search
    fails is recorded as failed and the others go on.
    """
    say = log or (lambda line: None)
    selected = select_claims(outline, claim_ids)
    started = time.monotonic()
    lock = acquire_lock(engine)
    summary: FetchSummary | None = None
    beat: _Beat | None = None
    requests0, retries0 = client.requests, client.retries
    try:
        now = utcnow()
        with engine.begin() as conn:
            interrupted = writes.mark_interrupted_runs(conn, now=now)
            versions = writes.sync_outline(conn, outline, now=now)
            run_id = writes.start_run(
                conn,
                now=now,
                mode="full" if full else "incremental",
                outline_path=outline.path,
                claims_total=len(selected),
            )
        summary = FetchSummary(run_id=run_id)
        beat = _Beat(engine, lock, run_id)
        if interrupted:
            say(f"fetch run={run_id} note=marked {interrupted} earlier run(s) interrupted")
        mode = "full" if full else "incremental"
        say(f"fetch run={run_id} start claims={len(selected)} mode={mode}")

        bar = open_bar(progress, len(selected), "search")
        for claim in selected:
            result = search_claim(engine, client, claim, versions[claim.claim_id], full=full)
            summary.claims.append(result)
            beat()
            advance_bar(bar)
        close_bar(bar)

        available = _fetch_records(engine, client, summary, say, beat, progress)

        for result in summary.claims:
            claim = next(c for c in selected if c.claim_id == result.claim_id)
            _link_claim(engine, summary, result, claim, versions[claim.claim_id], available)
            line = (
                f"fetch claim={result.claim_id} count={result.count} new={result.new} "
                f"dropped={result.dropped} searches={result.searches}"
            )
            if result.status != "ok":
                line += f" status=failed error={result.error!r}"
            say(line)
            beat()

        if year_counts:
            from fetchers.job.year_counts import refresh_year_counts

            before = client.requests
            try:
                errors = refresh_year_counts(engine, selected, client, log=say, beat=beat)
            except EutilsError as exc:  # never fails the run
                errors = [str(exc)]
            summary.year_count_requests = client.requests - before
            summary.year_count_errors = errors

        beat()
        _refresh_summaries(engine, say, run_id)
        beat()

        summary.requests = client.requests - requests0
        summary.retries = client.retries - retries0
        failed = len(summary.failed)
        if failed == 0:
            summary.status = "ok"
        elif failed == len(summary.claims):
            summary.status = "failed"
        else:
            summary.status = "partial"
        summary.seconds = time.monotonic() - started
        with engine.begin() as conn:
            writes.finish_run(
                conn,
                run_id,
                now=utcnow(),
                status=summary.status,
                claims_failed=failed,
                requests=summary.requests,
                retries=summary.retries,
                errors=failed + len(summary.errors),
                new_records=summary.new_records,
                message="; ".join(summary.errors)[:2000],
            )
        say(
            f"fetch run={run_id} status={summary.status} claims={len(summary.claims)} "
            f"failed={failed} new_records={summary.new_records} requests={summary.requests} "
            f"retries={summary.retries} efetch_batches={summary.efetch_batches} "
            f"year_count_requests={summary.year_count_requests}"
        )
        return summary
    except BaseException as exc:
        if summary is not None and summary.status == "running":
            status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            try:
                with engine.begin() as conn:
                    writes.finish_run(
                        conn,
                        summary.run_id,
                        now=utcnow(),
                        status=status,
                        requests=client.requests - requests0,
                        retries=client.retries - retries0,
                        message=f"{type(exc).__name__}: {exc}"[:2000],
                    )
            except Exception:  # the original error matters more
                pass
        raise
    finally:
        if beat is not None:
            beat.stop()
        try:
            release_lock(engine, lock)
        except Exception:  # a stale lock is taken over by the next run
            pass


# --------------------------------------------------------------------------- phase 2


def _fetch_records(
    engine: Engine,
    client: EutilsClient,
    summary: FetchSummary,
    say: Callable[[str], None],
    beat: Callable[[], None],
    progress: bool,
) -> set[int]:
    """Fetch what is not stored yet; returns every PMID now stored among those needed."""
    needed: set[int] = set()
    for result in summary.claims:
        if result.status == "ok":
            needed |= result.ids
    with engine.connect() as conn:
        have = writes.stored_pmids(conn, needed)
        due = writes.unindexed_due(
            conn, now=datetime.now(UTC), every=REFETCH_EVERY, within=REFETCH_WITHIN
        )
    todo = sorted(needed - have)
    refetch = sorted(set(due) - set(todo))
    summary.refetched = len(refetch)
    # (ids, is_refresh): a refresh re-reads records already stored, so its failure leaves
    # good copies in place and must not fail the claims that link them.
    batches = [(todo[i : i + EFETCH_BATCH], False) for i in range(0, len(todo), EFETCH_BATCH)]
    batches += [(refetch[i : i + EFETCH_BATCH], True) for i in range(0, len(refetch), EFETCH_BATCH)]
    if batches:
        say(f"fetch efetch records={len(todo)} refetch={len(refetch)} batches={len(batches)}")
    available = set(have)
    failed_ids: set[int] = set()
    bar = open_bar(progress, len(batches), "efetch")
    for number, (batch, is_refresh) in enumerate(batches, 1):
        try:
            fetched = client.fetch_records(batch)
        except EutilsError as exc:
            if not is_refresh:
                failed_ids.update(batch)
            summary.errors.append(f"efetch batch {number}: {exc}")
            say(f"fetch efetch batch={number}/{len(batches)} status=failed error={str(exc)!r}")
            advance_bar(bar)
            continue
        now = utcnow()
        records = [r for r in fetched.records if not isinstance(r, DeletedCitation)]
        deleted = [r.pmid for r in fetched.records if isinstance(r, DeletedCitation)]
        with engine.begin() as conn:
            writes.upsert_articles(conn, records, fetched_at=now)
            if deleted:
                writes.mark_deleted(conn, deleted, now=now)
        stored_now = {r.pmid for r in records}
        if not is_refresh:
            summary.new_records += len(stored_now - available)
            available |= stored_now
        summary.efetch_batches += 1
        if fetched.missing:
            say(
                f"fetch efetch batch={number}/{len(batches)} missing={len(fetched.missing)} "
                f"pmids={','.join(map(str, sorted(fetched.missing)[:10]))}"
            )
        beat()
        advance_bar(bar)
    close_bar(bar)
    for result in summary.claims:
        if result.status != "ok":
            continue
        lost = result.ids & failed_ids
        if lost:
            result.status = "failed"
            result.error = f"{len(lost)} records could not be fetched (efetch failed)"
        unavailable = result.ids - available - failed_ids
        if unavailable:
            result.warnings.append(
                f"efetch returned no record for {len(unavailable)} PMIDs: "
                + ",".join(map(str, sorted(unavailable)[:10]))
            )
    return available


# --------------------------------------------------------------------------- phase 3


def _link_claim(
    engine: Engine,
    summary: FetchSummary,
    result: ClaimResult,
    claim: Claim,
    version: int,
    available: set[int],
) -> None:
    now = utcnow()
    with engine.begin() as conn:
        if result.ids:
            linkable = result.ids & available
            complete = result.complete and result.status == "ok" and linkable == result.ids
            result.new, result.dropped = writes.link_claim(
                conn,
                claim.claim_id,
                linkable,
                run_id=summary.run_id,
                now=now,
                complete=complete,
            )
            result.retrieved = len(linkable)
        elif result.status == "ok" and result.count == 0:
            result.new, result.dropped = writes.link_claim(
                conn, claim.claim_id, (), run_id=summary.run_id, now=now, complete=True
            )
        if result.status == "ok" and not result.complete:
            # A claim past 9,999 reconciled through its modification-date window: what this
            # run holds for it is every active link, not just the window's few ids.
            result.retrieved = writes.active_link_count(conn, claim.claim_id)
        writes.write_claim_count(
            conn,
            run_id=summary.run_id,
            claim_id=claim.claim_id,
            query_version=version,
            counted_at=now,
            count=result.count,
            retrieved=result.retrieved,
            new_links=result.new,
            dropped_links=result.dropped,
            searches=result.searches,
            status=result.status,
            error=result.error[:2000],
            query_translation=result.query_translation[:4000],
            warnings="\n".join(result.warnings)[:4000],
        )


# --------------------------------------------------------------------------- phase 4


def _refresh_summaries(engine: Engine, say: Callable[[str], None], run_id: int) -> None:
    """A failure here fails the run (readers then fall back to live counts, see
    store.queries.summaries_current); a failure of the planner statistics does not."""
    started = time.monotonic()
    with engine.connect() as conn:
        with conn.begin():
            summaries.refresh_summaries(conn, now=utcnow())
        took = time.monotonic() - started
        try:
            summaries.refresh_planner_statistics(conn)  # same connection: see its docstring
            conn.commit()
        except SQLAlchemyError as exc:
            conn.rollback()
            say(f"fetch run={run_id} note=planner statistics not refreshed: {exc}")
    say(f"fetch run={run_id} summaries_s={took:.2f}")
