"""How a fetch run ends: its status, its row in fetch_runs, and its last log line.

Every ending leaves one line in the log and a readable status: finished (ok, incomplete,
partial, failed), given up because the E-utilities host never answered (unreachable: the
run stops after the search of a few claims, see fetchers/eutils/reach.py), or stopped by
an exception, Ctrl-C or SIGTERM (failed, interrupted).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from store.db.connect import utcnow
from store.fetch import writes

if TYPE_CHECKING:
    from fetchers.job.run import FetchSummary, _Run


def failure_message(exc: BaseException) -> str:
    """The run row's message for an exception that ended the run (never an empty one)."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted (Ctrl-C)"
    if isinstance(exc, SystemExit):
        return "stopped by a signal (SIGTERM)"
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def give_up(
    run: _Run, exc: Exception, claims: int, requests0: int, retries0: int, started: float
) -> FetchSummary:
    """The host gave no answer at all: nothing of this run is linked; the run row and the
    log's last line say so (`littrack status` and the Fetch status page read the row)."""
    summary = run.summary
    summary.requests = run.client.requests - requests0
    summary.retries = run.client.retries - retries0
    summary.status = "unreachable"
    summary.seconds = time.monotonic() - started
    summary.message = f"{exc} — {claims} claim{'' if claims == 1 else 's'} not fetched"
    with run.begin() as conn:
        writes.finish_run(
            conn,
            summary.run_id,
            now=utcnow(),
            status=summary.status,
            claims_failed=claims,
            requests=summary.requests,
            retries=summary.retries,
            errors=claims,
            message=summary.message[:2000],
        )
    run.say(
        f"fetch run={summary.run_id} status=unreachable claims={claims} "
        f"requests={summary.requests} retries={summary.retries} "
        f"seconds={summary.seconds:.1f} error={summary.message!r}"
    )
    return summary


def _run_status(summary: FetchSummary) -> str:
    failed = sum(1 for c in summary.claims if c.status == "failed")
    if failed and failed == len(summary.claims):
        return "failed"
    if failed:
        return "partial"
    if summary.incomplete or summary.skipped:
        return "incomplete"
    return "ok"


def finish(run: _Run, requests0: int, retries0: int, started: float) -> FetchSummary:
    summary = run.summary
    summary.requests = run.client.requests - requests0
    summary.retries = run.client.retries - retries0
    summary.status = _run_status(summary)
    summary.seconds = time.monotonic() - started
    failed = sum(1 for c in summary.claims if c.status == "failed")
    incomplete = len(summary.incomplete)
    with run.begin() as conn:
        writes.write_skipped(conn, summary.run_id, summary.skipped)
        writes.finish_run(
            conn,
            summary.run_id,
            now=utcnow(),
            status=summary.status,
            claims_failed=failed,
            claims_incomplete=incomplete,
            records_skipped=len(summary.skipped),
            requests=summary.requests,
            retries=summary.retries,
            errors=failed + len(summary.errors),
            new_records=summary.new_records,
            message="; ".join(summary.errors)[:2000],
        )
    run.say(
        f"fetch run={summary.run_id} status={summary.status} claims={len(summary.claims)} "
        f"failed={failed} incomplete={incomplete} skipped={len(summary.skipped)} "
        f"new_records={summary.new_records} requests={summary.requests} "
        f"retries={summary.retries} efetch_batches={summary.efetch_batches} "
        f"year_count_requests={summary.year_count_requests}"
    )
    return summary


def record_failure(run: _Run, exc: BaseException, requests0: int, retries0: int) -> None:
    """The run's own row says how it ended. This is the one write without the ownership
    check: it touches only this run's row, and a run that lost its lock must say so."""
    status = "interrupted" if isinstance(exc, KeyboardInterrupt | SystemExit) else "failed"
    try:
        with run.engine.begin() as conn:
            writes.finish_run(
                conn,
                run.summary.run_id,
                now=utcnow(),
                status=status,
                requests=run.client.requests - requests0,
                retries=run.client.retries - retries0,
                message=failure_message(exc)[:2000],
            )
    except Exception:  # the original error matters more
        pass
