"""Phase 2 of the fetch (fetchers/job/run.py): efetch the PMIDs no stored record has yet.

Once each however many claims share them, in POST batches, each batch committed on its own;
stored records not yet MEDLINE-indexed are fetched again at most weekly (REFETCH_*), so late
MeSH and publication types update their design. A batch whose answer never parses is split
in halves until the record at fault is alone: it is skipped and reported, its neighbours
stored. Claims that lose records here are judged incomplete, never marked as dropping them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from fetchers.eutils.client import EFETCH_BATCH, EutilsError, UnreadableAnswerError
from fetchers.job.progress import advance_bar, close_bar, open_bar
from store.db.connect import utcnow
from store.fetch import writes
from store.models import DeletedCitation

if TYPE_CHECKING:
    from fetchers.job.run import _Run

#: Not-yet-indexed records are fetched again at most this often ...
REFETCH_EVERY = timedelta(days=7)
#: ... and only while they entered PubMed within this long (indexing is done by then).
REFETCH_WITHIN = timedelta(days=365)


@dataclass
class _Fetched:
    """What the efetch phase learnt about the ids it asked for."""

    available: set[int]
    failed: set[int] = field(default_factory=set)
    missing: set[int] = field(default_factory=set)
    skipped: set[int] = field(default_factory=set)
    deleted: set[int] = field(default_factory=set)


def fetch_records(run: _Run) -> set[int]:
    """Fetch what is not stored yet; returns every PMID now stored among those needed."""
    summary = run.summary
    needed: set[int] = set()
    for result in summary.claims:
        if result.status in ("ok", "incomplete"):
            needed |= result.ids
    with run.engine.connect() as conn:
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
        run.say(f"fetch efetch records={len(todo)} refetch={len(refetch)} batches={len(batches)}")
    state = _Fetched(available=set(have))
    bar = open_bar(run.progress, len(batches), "efetch")
    for number, (batch, is_refresh) in enumerate(batches, 1):
        label = f"{number}/{len(batches)}"
        _fetch_batch(run, state, batch, is_refresh, label)
        run.beat()
        advance_bar(bar)
    close_bar(bar)
    _judge_claims(run, state)
    return state.available


def _fetch_batch(
    run: _Run, state: _Fetched, batch: list[int], is_refresh: bool, label: str
) -> None:
    """One efetch batch; an answer that never parses is split until its culprit is alone."""
    summary = run.summary
    try:
        fetched = run.client.fetch_records(batch)
    except UnreadableAnswerError as exc:
        if len(batch) > 1:
            half = len(batch) // 2
            run.say(f"fetch efetch batch={label} ids={len(batch)} note=unreadable, split")
            _fetch_batch(run, state, batch[:half], is_refresh, label)
            _fetch_batch(run, state, batch[half:], is_refresh, label)
            return
        _skip(run, state, pmid=batch[0], where=f"efetch batch {label}, PMID asked alone", why=exc)
        return
    except EutilsError as exc:
        if not is_refresh:
            state.failed.update(batch)
        summary.errors.append(f"efetch batch {label}: {exc}")
        run.say(f"fetch efetch batch={label} status=failed error={str(exc)!r}")
        return
    now = utcnow()
    records = [r for r in fetched.records if not isinstance(r, DeletedCitation)]
    deleted = [r.pmid for r in fetched.records if isinstance(r, DeletedCitation)]
    with run.begin() as conn:
        writes.upsert_articles(conn, records, fetched_at=now)
        if deleted:
            writes.mark_deleted(conn, deleted, now=now)
    for item in fetched.skipped:
        where = f"efetch batch {label} ({len(batch)} ids), record {item.position}"
        _skip(run, state, pmid=item.pmid, where=where, why=item.reason)
    stored_now = {r.pmid for r in records}
    state.deleted.update(deleted)
    if not is_refresh:
        summary.new_records += len(stored_now - state.available)
        state.available |= stored_now
        state.missing |= fetched.missing
    summary.efetch_batches += 1
    if fetched.missing:
        run.say(
            f"fetch efetch batch={label} missing={len(fetched.missing)} "
            f"pmids={','.join(map(str, sorted(fetched.missing)[:10]))}"
        )


def _skip(run: _Run, state: _Fetched, *, pmid: int | None, where: str, why: object) -> None:
    reason = str(why)[:500]
    if pmid is not None:
        state.skipped.add(pmid)
    run.summary.skipped.append({"pmid": pmid, "position": where, "reason": reason})
    shown = "-" if pmid is None else pmid
    run.say(f"fetch skipped pmid={shown} where={where!r} reason={reason!r}")


def _judge_claims(run: _Run, state: _Fetched) -> None:
    """Fail the claims an efetch failure hit; mark incomplete those missing records."""
    for result in run.summary.claims:
        if result.status not in ("ok", "incomplete"):
            continue
        lost = result.ids & state.failed
        if lost:
            result.status = "failed"
            result.error = f"{len(lost)} records could not be fetched (efetch failed)"
            continue
        skipped = result.ids & state.skipped
        missing = (result.ids - state.available - state.failed - state.deleted) - skipped
        problems = [result.error] if result.error else []
        if skipped:
            problems.append(
                f"{len(skipped)} records skipped as unreadable: "
                + ",".join(map(str, sorted(skipped)[:10]))
            )
        if missing:
            problems.append(
                f"efetch returned no record for {len(missing)} PMIDs: "
                + ",".join(map(str, sorted(missing)[:10]))
            )
        if problems:
            result.status = "incomplete"
            result.error = "; ".join(problems)
    for row in run.summary.skipped:
        row["claim_ids"] = ",".join(
            r.claim_id
            for r in run.summary.claims
            if row["pmid"] is not None and row["pmid"] in r.ids
        )


# --------------------------------------------------------------------------- phase 3
