"""How the fetches went: the newest runs, each active claim's last attempt against what is
stored, and the overview's freshness banner. Counting rules are in store/evidence/counting.py; the
stored counts read the summaries when they are current, like store/read/overview.py.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.connect import parse_utc, utcnow
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
from store.read import health

#: Data older than this is flagged on the overview.


def run_history(engine: Engine, *, limit: int = 30) -> pd.DataFrame:
    """The newest fetch runs, newest first, with duration_s and the ids of failed claims."""
    stmt = (
        sa.select(
            fetch_runs.c.run_id,
            fetch_runs.c.started_at,
            fetch_runs.c.finished_at,
            fetch_runs.c.status,
            fetch_runs.c.mode,
            fetch_runs.c.claims_total,
            fetch_runs.c.claims_failed,
            fetch_runs.c.claims_incomplete,
            fetch_runs.c.records_skipped,
            fetch_runs.c.requests,
            fetch_runs.c.retries,
            fetch_runs.c.errors,
            fetch_runs.c.new_records,
            fetch_runs.c.message,
        )
        .order_by(fetch_runs.c.run_id.desc())
        .limit(limit)
    )
    frame = read_frame(engine, stmt)
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


def skipped(engine: Engine, *, runs: int = 5, limit: int = 500) -> pd.DataFrame:
    """Records the newest `runs` runs skipped as unreadable, newest run first: where each
    was, why, and the claims it left incomplete."""
    newest = sa.select(fetch_runs.c.run_id).order_by(fetch_runs.c.run_id.desc()).limit(runs)
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


def claim_fetch_status(engine: Engine) -> pd.DataFrame:
    """Per active claim: expected (PubMed's latest Count), retrieved by the last run that
    counted it, stored (live links now), gap = expected - stored, and its last status/error."""
    attempt = latest_attempts()
    with engine.connect() as conn:
        current = summaries_current(conn)
    if current:
        stored = (
            sa.select(
                summary_records.c.scope_id.label("claim_id"),
                summary_records.c.records.label("stored"),
            )
            .where(summary_records.c.scope == "claim")
            .subquery("stored")
        )
    else:
        stored = (
            sa.select(claim_articles.c.claim_id, sa.func.count().label("stored"))
            .select_from(live_links())
            .where(live_condition())
            .group_by(claim_articles.c.claim_id)
            .subquery("stored")
        )
    latest = latest_counts()
    stmt = (
        sa.select(
            claims.c.claim_id,
            claims.c.topic_id,
            latest.c.count.label("expected"),
            attempt.c.retrieved,
            sa.func.coalesce(stored.c.stored, 0).label("stored"),
            attempt.c.run_id.label("last_run_id"),
            attempt.c.status,
            attempt.c.error,
        )
        .select_from(
            claims.outerjoin(topics, topics.c.topic_id == claims.c.topic_id)
            .outerjoin(latest, latest.c.claim_id == claims.c.claim_id)
            .outerjoin(attempt, attempt.c.claim_id == claims.c.claim_id)
            .outerjoin(stored, stored.c.claim_id == claims.c.claim_id)
        )
        .where(claims.c.active.is_(True))
        .order_by(topics.c.position, claims.c.position, claims.c.claim_id)
    )
    frame = read_frame(engine, stmt)
    for column in ("expected", "retrieved", "last_run_id"):
        frame[column] = frame[column].astype("Int64")
    frame["stored"] = frame["stored"].astype("int64")
    frame.insert(5, "gap", frame["expected"] - frame["stored"])
    frame["status"] = frame["status"].fillna("never fetched")
    frame["error"] = frame["error"].fillna("")
    return frame


def freshness(engine: Engine, *, now: str | None = None) -> dict:
    """The overview's banner: store.read.health's verdict (shared with `littrack status`) plus the
    claims that failed in the newest finished run. Keys: last_success, age_hours, stale
    (older than health.STALE_HOURS, or never fetched), state, message, failed_claims."""
    verdict = health.verdict(engine, stale_hours=health.STALE_HOURS, now=parse_utc(now or utcnow()))
    with engine.connect() as conn:
        last = conn.execute(
            sa.select(fetch_runs.c.run_id)
            .where(fetch_runs.c.status != "running")
            .order_by(fetch_runs.c.run_id.desc())
            .limit(1)
        ).scalar()
        failed = list(
            conn.execute(
                sa.select(claim_counts.c.claim_id)
                .where(claim_counts.c.run_id == last, claim_counts.c.status != "ok")
                .order_by(claim_counts.c.claim_id)
            ).scalars()
        )
    age = verdict.age_hours
    return {
        "last_success": verdict.last_success_at,
        "age_hours": None if age is None else round(age, 1),
        "stale": age is None or age > health.STALE_HOURS,
        "state": verdict.state,
        "message": verdict.message,
        "failed_claims": failed,
    }
