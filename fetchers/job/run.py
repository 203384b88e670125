"""The nightly fetch: outline → E-utilities → store, complete, incremental and resumable.

Phases (each commits its own small transactions, so a kill at any moment loses nothing
committed and a rerun finishes the job without duplicates):

1. search — per claim, esearch gives PubMed's Count and ids (fetchers/job/search.py:
   one search up to 9,999 records; beyond that a bisected PMID range, or on incremental
   runs one modification-date window that catches late MEDLINE indexing).
2. efetch — PMIDs no stored record has yet, once each however many claims share them,
   in POST batches of 500, each batch committed on its own. Stored records that are not
   MEDLINE-indexed yet are fetched again at most weekly (see REFETCH_*), so late MeSH and
   publication types update their study design. A batch whose answer never parses (bad
   bytes, not a bad network) is split in halves until the record at fault is alone; it is
   skipped and reported, its neighbours are stored.
3. link — per claim, one transaction: new links, last_seen, links that stopped matching
   marked dropped (never deleted), and the claim's Count row for this run. A claim some of
   whose records could not be fetched or read is *incomplete*: what was fetched is linked,
   nothing is marked dropped, and the run says so (exit 1, `status` WARN).
4. summaries — after the links and year counts, the dashboard's per-topic and per-claim
   counts are recomputed in one transaction (store/fetch/summaries.py), whatever the run's
   status; on SQLite `PRAGMA optimize` then refreshes the planner's statistics.

Every write runs in `store.db.lock.owned`: the transaction first proves the lock is still
this run's, so a run suspended past a takeover writes nothing more. A run past its
deadline releases the lock (from the heartbeat thread, even while the main thread waits
on a hung server) and stops at its next step.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from fetchers.eutils.client import EutilsClient, EutilsError
from fetchers.job.efetch import fetch_records
from fetchers.job.ending import finish, give_up, record_failure
from fetchers.job.explain import explain_claims
from fetchers.job.heartbeat import Beat
from fetchers.job.progress import advance_bar, close_bar, open_bar
from fetchers.job.search import ClaimResult, Stored, search_claim
from store.db.connect import utcnow
from store.db.lock import FetchLock, acquire_lock, check_owned, owned, release_lock
from store.db.lock_wait import bound_lock_waits
from store.errors import EutilsUnreachableError, FetchLockLostError, UnknownClaimError
from store.fetch import ledger, summaries, writes
from store.models import Claim, Outline
from store.screening import decisions

__all__ = ["FetchLockLostError", "FetchSummary", "UnknownClaimError", "run_fetch", "select_claims"]

#: A run still going after this long stops and releases the lock (a hung server must not
#: block the following nights). The largest outlines take well under an hour.
RUN_DEADLINE = 6 * 3600.0


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
    #: Records skipped as unreadable: dicts of pmid, position, reason, claim_ids.
    skipped: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    #: Why the run gave up (status "unreachable"): the one line the CLI prints.
    message: str = ""

    @property
    def failed(self) -> list[ClaimResult]:
        """Claims not fully fetched: failed or incomplete (either makes the run exit 1)."""
        return [c for c in self.claims if c.status != "ok"]

    @property
    def incomplete(self) -> list[ClaimResult]:
        return [c for c in self.claims if c.status == "incomplete"]


@dataclass
class _Run:
    """What every phase of one run needs."""

    engine: Engine
    client: EutilsClient
    lock: FetchLock
    summary: FetchSummary
    say: Callable[[str], None]
    beat: Beat
    progress: bool

    def begin(self) -> AbstractContextManager[Connection]:
        """A write transaction that first proves the lock is still ours."""
        return owned(self.engine, self.lock)


def stored_state(engine: Engine, claim_id: str, version: int) -> Stored:
    """The incremental rule's inputs for a search past the cap (fetchers.job.search)."""
    with engine.connect() as conn:
        last = writes.last_success(conn, claim_id, version)
        active = {p for p, d in writes.claim_links(conn, claim_id).items() if d is None}
    return Stored(last, active)


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
    deadline: float = RUN_DEADLINE,
) -> FetchSummary:
    """Run one fetch of `outline` (or of `claim_ids`) into the store behind `engine`.

    Raises FetchLockedError when another fetch holds the database; a claim whose search
    fails is recorded as failed and the others go on. `deadline` (seconds) bounds the run.
    """
    say = log or (lambda line: None)
    selected = select_claims(outline, claim_ids)
    started = time.monotonic()
    # Every lock wait of the run is bounded: a writer suspended inside a transaction
    # stops this run with one line instead of hanging it (store.db.lock_wait).
    bound_lock_waits(engine)
    lock = acquire_lock(engine)
    run: _Run | None = None
    requests0, retries0 = client.requests, client.retries
    try:
        run_id, versions = _start(engine, outline, selected, full, say)
        beat = Beat(engine, lock, run_id, deadline)
        # Requests stop at the run's deadline too (a dripping server cannot keep the
        # process past it: the watchdog cuts the request at whichever deadline comes first).
        client.stop_at = beat.deadline_at
        run = _Run(engine, client, lock, FetchSummary(run_id), say, beat, progress)
        try:
            _search(run, selected, versions, full)
        except EutilsUnreachableError as exc:
            return give_up(run, exc, len(selected), requests0, retries0, started)
        available = fetch_records(run)
        _link(run, selected, versions, available)
        _explain(run, selected)
        if year_counts:
            _year_counts(run, selected)
        beat()
        _refresh_summaries(run)
        beat()
        return finish(run, requests0, retries0, started)
    except BaseException as exc:
        if run is not None and run.summary.status == "running":
            record_failure(run, exc, requests0, retries0)
        raise
    finally:
        client.stop_at = None
        if run is not None:
            run.beat.stop()
        try:
            release_lock(engine, lock)
        except Exception:  # a stale lock is taken over by the next run
            pass


def _start(
    engine: Engine, outline: Outline, selected: list[Claim], full: bool, say: Callable
) -> tuple[int, dict[str, int]]:
    """Take over runs left 'running', sync the outline, open this run's row."""
    now = utcnow()
    mode = "full" if full else "incremental"
    with engine.begin() as conn:
        interrupted = writes.mark_interrupted_runs(conn, now=now)
        versions = writes.sync_outline(conn, outline, now=now)
        decisions.set_reasons(conn, outline.screening_reasons)
        ledger.record_versions(conn, outline, versions, now=now)
        run_id = writes.start_run(
            conn, now=now, mode=mode, outline_path=outline.path, claims_total=len(selected)
        )
    if interrupted:
        say(f"fetch run={run_id} note=marked {interrupted} earlier run(s) interrupted")
    say(f"fetch run={run_id} start claims={len(selected)} mode={mode}")
    return run_id, versions


# --------------------------------------------------------------------------- phase 1


def _search(run: _Run, selected: list[Claim], versions: dict[str, int], full: bool) -> None:
    """Off a terminal each claim's search is logged as it ends (a cron log shows progress);
    a host that gives no answer at all ends the run here (EutilsUnreachableError)."""
    bar = open_bar(run.progress, len(selected), "search")
    for number, claim in enumerate(selected, 1):
        stored = functools.partial(
            stored_state, run.engine, claim.claim_id, versions[claim.claim_id]
        )
        result = search_claim(run.client, claim, stored, full=full)
        run.summary.claims.append(result)
        if run.client.unreachable:
            close_bar(bar)
            raise EutilsUnreachableError(run.client.unreachable_message())
        if not run.progress:
            line = (
                f"fetch search claim={result.claim_id} n={number}/{len(selected)} "
                f"count={result.count} ids={len(result.ids)} searches={result.searches}"
            )
            if result.status != "ok":
                line += f" status={result.status} error={result.error!r}"
            run.say(line)
        run.beat()
        advance_bar(bar)
    close_bar(bar)


# --------------------------------------------------------------------------- phase 2


def _link(run: _Run, selected: list[Claim], versions: dict[str, int], available: set[int]) -> None:
    by_id = {c.claim_id: c for c in selected}
    for result in run.summary.claims:
        claim = by_id[result.claim_id]
        _link_claim(run, result, claim, versions[claim.claim_id], available)
        line = (
            f"fetch claim={result.claim_id} count={result.count} new={result.new} "
            f"dropped={result.dropped} searches={result.searches}"
        )
        if result.status != "ok":
            line += f" status={result.status} error={result.error!r}"
        run.say(line)
        run.beat()


def _link_claim(
    run: _Run, result: ClaimResult, claim: Claim, version: int, available: set[int]
) -> None:
    now = utcnow()
    run_id = run.summary.run_id
    with run.begin() as conn:
        if result.status == "ok":
            # The query ledger: this run searched `version`; a new version's first complete
            # search is compared with the links the previous version left.
            before = {p for p, d in writes.claim_links(conn, claim.claim_id).items() if d is None}
            ledger.record_run(
                conn,
                claim.claim_id,
                version,
                run_id=run_id,
                now=now,
                matched=result.ids if result.complete else None,
                before=before,
            )
        if result.ids:
            linkable = result.ids & available
            complete = result.complete and result.status == "ok" and linkable == result.ids
            result.new, result.dropped = writes.link_claim(
                conn, claim.claim_id, linkable, run_id=run_id, now=now, complete=complete
            )
            result.retrieved = len(linkable)
        elif result.status == "ok" and result.count == 0:
            result.new, result.dropped = writes.link_claim(
                conn, claim.claim_id, (), run_id=run_id, now=now, complete=True
            )
        if result.status == "ok" and not result.complete:
            # A claim past 9,999 reconciled through its modification-date window: what this
            # run holds for it is every active link, not just the window's few ids.
            result.retrieved = writes.active_link_count(conn, claim.claim_id)
        writes.write_claim_count(
            conn,
            run_id=run_id,
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


def _explain(run: _Run, selected: list[Claim]) -> None:
    """Phase 3b: why each linked record matched (fetchers/job/explain.py); local work on
    stored records, no request."""
    explained = explain_claims(run.engine, selected, begin=run.begin)
    run.say(
        f"fetch run={run.summary.run_id} explained={explained.records} "
        f"by_expansion={explained.unexplained}"
    )
    run.beat()


# --------------------------------------------------------------------------- phase 4


def _year_counts(run: _Run, selected: list[Claim]) -> None:
    """Year counts never fail the run: their errors are only reported."""
    from fetchers.job.year_counts import refresh_year_counts

    before = run.client.requests
    try:
        errors = refresh_year_counts(
            run.engine, selected, run.client, log=run.say, beat=run.beat, begin=run.begin
        )
    except EutilsError as exc:
        errors = [str(exc)]
    run.summary.year_count_requests = run.client.requests - before
    run.summary.year_count_errors = errors
    for error in errors:
        run.say(f"fetch year_counts status=failed error={error!r}")


def _refresh_summaries(run: _Run) -> None:
    """A failure here fails the run (readers then fall back to live counts, see
    store.evidence.counting.summaries_current); a failure of the planner statistics does not."""
    started = time.monotonic()
    run_id = run.summary.run_id
    with run.engine.connect() as conn:
        with conn.begin():
            check_owned(conn, run.lock)
            summaries.refresh_summaries(conn, now=utcnow())
        took = time.monotonic() - started
        try:
            summaries.refresh_planner_statistics(conn)  # same connection: see its docstring
            conn.commit()
        except SQLAlchemyError as exc:
            conn.rollback()
            run.say(f"fetch run={run_id} note=planner statistics not refreshed: {exc}")
    run.say(f"fetch run={run_id} summaries_s={took:.2f}")
