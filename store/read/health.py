"""Read side for nightly operation: did last night's fetch work, how fresh is each claim, and
which records were flagged since a date (for the digest; what is *new* is
store.evidence.novelty.new_links, shared with the New page).

The verdict is meant for monitoring (`littrack status` exit codes), so it is deliberately
simple and documented in docs/operations.md: the newest *finished* run decides (a run still marked
`running` is ignored — it may be in progress or killed; the fetch job takes such rows over),
and a failure outranks staleness because it names the cause.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.connect import parse_utc, utcnow
from store.db.schema import (
    articles,
    claim_articles,
    claim_counts,
    claims,
    fetch_runs,
    topics,
)
from store.defaults import STALE_HOURS
from store.evidence.counting import (
    live_link_count,
)
from store.read.overview import record_totals

#: Exit codes of `littrack status`, following the monitoring-plugin convention
#: (0 OK, 1 warning, 2 critical, 3 unknown).
HEALTHY, LAST_RUN_FAILED, STALE, NO_DATA = 0, 1, 2, 3

#: Run states that still refreshed the stored data (partial: some claims failed;
#: incomplete: some records could not be fetched or read).
SUCCESS_STATES = ("ok", "partial", "incomplete")


@dataclass(frozen=True)
class Verdict:
    code: int
    state: str  # ok | warn | failed | stale | no-data
    message: str
    last_success_at: str | None = None
    age_hours: float | None = None


def totals(engine: Engine) -> dict:
    """Topics and active claims, records (distinct PMIDs with a live link that are evidence:
    the dashboard's number, from store.read.overview), all_records (the same without the
    evidence rule: raw retrieval) and live claim-record links."""
    with engine.connect() as conn:
        n_topics = conn.execute(sa.select(sa.func.count()).select_from(topics)).scalar_one()
        n_claims = conn.execute(
            sa.select(sa.func.count()).select_from(claims).where(claims.c.active.is_(True))
        ).scalar_one()
        n_links = live_link_count(conn)
    n_records = record_totals(engine)["records"]
    n_all = record_totals(engine, all_records=True)["records"]
    return {
        "topics": n_topics,
        "claims": n_claims,
        "records": n_records,
        "all_records": n_all,
        "links": n_links,
    }


def _hours(hours: float) -> str:
    """Whole hours from one hour up; minutes or seconds below, so 0.001 h is not '0 h'."""
    if hours >= 1:
        return f"{hours:.0f} h"
    if hours * 60 >= 1:
        return f"{hours * 60:.0f} min"
    return f"{hours * 3600:.0f} s"


def verdict(
    engine: Engine, *, stale_hours: float = STALE_HOURS, now: datetime | None = None
) -> Verdict:
    """Healthy (0), last finished run failed or partial (1), data older than `stale_hours`
    (2), or nothing fetched yet (3)."""
    now = now or datetime.now(UTC)
    with engine.connect() as conn:
        last = conn.execute(
            sa.select(fetch_runs)
            .where(fetch_runs.c.status != "running")
            .order_by(fetch_runs.c.run_id.desc())
            .limit(1)
        ).first()
        success = conn.execute(
            sa.select(fetch_runs.c.finished_at)
            .where(fetch_runs.c.status.in_(SUCCESS_STATES), fetch_runs.c.finished_at.is_not(None))
            .order_by(fetch_runs.c.run_id.desc())
            .limit(1)
        ).scalar()
    if last is None:
        return Verdict(NO_DATA, "no-data", "no fetch has finished yet (run `littrack fetch`)")
    success_at = parse_utc(success)
    age = (now - success_at).total_seconds() / 3600 if success_at else None
    if last.status == "incomplete":
        return Verdict(
            LAST_RUN_FAILED,
            "warn",
            f"last run #{last.run_id} ({last.finished_at or last.started_at}) incomplete: "
            f"{last.claims_incomplete} of {last.claims_total} claims incomplete, "
            f"{last.records_skipped} records skipped as unreadable",
            success,
            age,
        )
    if last.status != "ok":
        detail = f"{last.claims_failed} of {last.claims_total} claims failed"
        if last.message:
            detail += f": {last.message.splitlines()[0]}"
        if last.status in ("unreachable", "interrupted") and last.message:
            # The message says it all ("… — 115 claims not fetched", "interrupted (Ctrl-C)").
            detail = last.message.splitlines()[0]
        return Verdict(
            LAST_RUN_FAILED,
            "failed",
            f"last run #{last.run_id} ({last.finished_at or last.started_at}) "
            f"{last.status}: {detail}",
            success,
            age,
        )
    if age is None or age > stale_hours:
        return Verdict(
            STALE,
            "stale",
            f"data is {_hours(age or 0)} old (last successful fetch {success}; "
            f"threshold {_hours(stale_hours)})",
            success,
            age,
        )
    return Verdict(HEALTHY, "ok", f"last fetch {success} succeeded ({age:.1f} h ago)", success, age)


def newly_flagged(engine: Engine, since: str, until: str | None = None) -> list[dict]:
    """Live links of active claims whose record littrack first stored as retracted or under
    an expression of concern at or after `since` (articles.flagged_at): the digest's
    integrity alerts, whenever the record was first linked."""
    query = (
        sa.select(
            claims.c.topic_id,
            claims.c.claim_id,
            claims.c.claim,
            articles.c.pmid,
            articles.c.title,
            articles.c.retracted,
            articles.c.concern,
            articles.c.flagged_at,
        )
        .select_from(claim_articles)
        .join(articles, articles.c.pmid == claim_articles.c.pmid)
        .join(claims, claims.c.claim_id == claim_articles.c.claim_id)
        .outerjoin(topics, topics.c.topic_id == claims.c.topic_id)
        .where(
            articles.c.flagged_at >= since,
            claim_articles.c.dropped_at.is_(None),
            articles.c.deleted_at.is_(None),
            claims.c.active.is_(True),
        )
        .order_by(
            sa.func.coalesce(topics.c.position, 0),
            claims.c.topic_id,
            claims.c.position,
            claims.c.claim_id,
            articles.c.pmid,
        )
    )
    if until is not None:
        query = query.where(articles.c.flagged_at < until)
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def freshness(engine: Engine, *, now: str | None = None) -> dict:
    """The overview's banner: the verdict (shared with `littrack status`) plus the
    claims that failed in the newest finished run. Keys: last_success, age_hours, stale
    (older than STALE_HOURS, or never fetched), state, message, failed_claims."""
    judged = verdict(engine, stale_hours=STALE_HOURS, now=parse_utc(now or utcnow()))
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
    age = judged.age_hours
    return {
        "last_success": judged.last_success_at,
        "age_hours": None if age is None else round(age, 1),
        "stale": age is None or age > STALE_HOURS,
        "state": judged.state,
        "message": judged.message,
        "failed_claims": failed,
    }
