"""How the fetches went, read once for the dashboard, `littrack status` and the digest: the
newest runs, the records they skipped, and each active claim's last attempt against what is
stored. Counting rules are in store/evidence/counting.py; the stored counts read the
summaries when they are current, like store/read/overview.py. The verdict built on these
(ok, failed, stale) is store/read/health.py's.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.connect import parse_utc
from store.db.schema import (
    claim_articles,
    claim_counts,
    claims,
    fetch_runs,
    skipped_records,
    summary_records,
    topics,
)
from store.evidence.counting import (
    latest_attempts,
    latest_counts,
    live_condition,
    live_links,
    read_frame,
    summaries_current,
)


def _newest(limit: int) -> sa.Select:
    return sa.select(fetch_runs).order_by(fetch_runs.c.run_id.desc()).limit(limit)


def last_runs(engine: Engine, limit: int = 5) -> list[dict]:
    """The newest runs, newest first, every column (`littrack status --json`)."""
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(_newest(limit))]


#: run_history's columns, in the Fetch status page's order.
HISTORY_COLUMNS = (
    "run_id", "started_at", "finished_at", "status", "mode", "claims_total", "claims_failed",
    "claims_incomplete", "records_skipped", "requests", "retries", "errors", "new_records",
    "message",
)  # fmt: skip


def run_history(engine: Engine, *, limit: int = 30) -> pd.DataFrame:
    """The newest fetch runs, newest first, with duration_s and the ids of failed claims."""
    frame = read_frame(engine, _newest(limit))[list(HISTORY_COLUMNS)]
    durations = []
    for start, end in zip(frame["started_at"], frame["finished_at"], strict=True):
        s, e = parse_utc(start), parse_utc(end)
        durations.append(round((e - s).total_seconds(), 1) if s and e else None)
    frame.insert(3, "duration_s", pd.array(durations, dtype="Float64"))
    failed = read_frame(
        engine,
        sa.select(claim_counts.c.run_id, claim_counts.c.claim_id)
        .where(claim_counts.c.status != "ok", claim_counts.c.run_id.in_(frame["run_id"].tolist()))
        .order_by(claim_counts.c.run_id, claim_counts.c.claim_id),
    )
    names = failed.groupby("run_id")["claim_id"].apply(", ".join) if len(failed) else {}
    frame["failed_claims"] = [names.get(run, "") for run in frame["run_id"]]
    return frame


def skipped(
    engine: Engine, *, runs: int = 5, limit: int = 500, run_id: int | None = None
) -> pd.DataFrame:
    """Records the newest `runs` runs (or run `run_id` alone) skipped as unreadable, newest
    run first: where each was, why, and the claims it left incomplete."""
    newest = sa.select(fetch_runs.c.run_id).order_by(fetch_runs.c.run_id.desc()).limit(runs)
    if run_id is not None:
        newest = sa.select(fetch_runs.c.run_id).where(fetch_runs.c.run_id == run_id)
    stmt = (
        sa.select(
            skipped_records.c.run_id,
            skipped_records.c.pmid,
            skipped_records.c.position,
            skipped_records.c.reason,
            skipped_records.c.claim_ids,
        )
        .where(skipped_records.c.run_id.in_(newest.scalar_subquery()))
        .order_by(skipped_records.c.run_id.desc(), skipped_records.c.seq)
        .limit(limit)
    )
    frame = read_frame(engine, stmt)
    frame["pmid"] = frame["pmid"].astype("Int64")
    return frame


def _live_stored() -> sa.Subquery:
    return (
        sa.select(claim_articles.c.claim_id, sa.func.count().label("stored"))
        .select_from(live_links())
        .where(live_condition())
        .group_by(claim_articles.c.claim_id)
        .subquery("stored")
    )


def _stored(engine: Engine) -> sa.Subquery:
    """Live links per claim: from the summaries when they are current (the same number)."""
    with engine.connect() as conn:
        current = summaries_current(conn)
    if not current:
        return _live_stored()
    return (
        sa.select(
            summary_records.c.scope_id.label("claim_id"),
            summary_records.c.records.label("stored"),
        )
        .where(summary_records.c.scope == "claim")
        .subquery("stored")
    )


def _claim_rows(stored: sa.Subquery) -> sa.Select:
    """Per active claim, in outline order: PubMed's latest Count, its last attempt (run,
    status, error, retrieved, when), when it last succeeded, and its stored links."""
    attempt = latest_attempts()
    latest = latest_counts()
    last_ok = (
        sa.select(
            claim_counts.c.claim_id, sa.func.max(claim_counts.c.counted_at).label("last_ok_at")
        )
        .where(claim_counts.c.status == "ok")
        .group_by(claim_counts.c.claim_id)
        .subquery("last_ok")
    )
    return (
        sa.select(
            claims.c.claim_id,
            claims.c.topic_id,
            latest.c.count.label("expected"),
            attempt.c.retrieved,
            sa.func.coalesce(stored.c.stored, 0).label("stored"),
            attempt.c.run_id.label("last_run_id"),
            attempt.c.status,
            attempt.c.error,
            attempt.c.counted_at.label("last_counted_at"),
            last_ok.c.last_ok_at,
        )
        .select_from(
            claims.outerjoin(topics, topics.c.topic_id == claims.c.topic_id)
            .outerjoin(latest, latest.c.claim_id == claims.c.claim_id)
            .outerjoin(attempt, attempt.c.claim_id == claims.c.claim_id)
            .outerjoin(stored, stored.c.claim_id == claims.c.claim_id)
            .outerjoin(last_ok, last_ok.c.claim_id == claims.c.claim_id)
        )
        .where(claims.c.active.is_(True))
        .order_by(topics.c.position, claims.c.position, claims.c.claim_id)
    )


def claim_fetch_status(engine: Engine) -> pd.DataFrame:
    """Per active claim (the Fetch status page): expected (PubMed's latest Count),
    retrieved by the last run that counted it, stored (live links now), gap = expected -
    stored, and its last status/error."""
    frame = read_frame(engine, _claim_rows(_stored(engine)))
    frame = frame.drop(columns=["last_counted_at", "last_ok_at"])
    for column in ("expected", "retrieved", "last_run_id"):
        frame[column] = frame[column].astype("Int64")
    frame["stored"] = frame["stored"].astype("int64")
    frame.insert(5, "gap", frame["expected"] - frame["stored"])
    frame["status"] = frame["status"].fillna("never fetched")
    frame["error"] = frame["error"].fillna("")
    return frame


def claim_freshness(engine: Engine) -> list[dict]:
    """The same rows for `littrack status` (JSON keys as documented in docs/operations.md):
    last_status, last_error, count, last_counted_at, last_ok_at and records (live links)."""
    keys = {"expected": "count", "stored": "records", "status": "last_status",
            "error": "last_error"}  # fmt: skip
    with engine.connect() as conn:
        rows = conn.execute(_claim_rows(_live_stored())).all()
    wanted = ("claim_id", "topic_id", "status", "error", "expected", "last_counted_at",
              "last_ok_at", "stored")  # fmt: skip
    return [{keys.get(k, k): row._mapping[k] for k in wanted} for row in rows]
