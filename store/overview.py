"""The overview's numbers: per-topic and per-claim record counts, their evidence badges,
and distinct records per topic and year.

The record counts come from the summary tables the fetch job rewrites at the end of each
run (store/summaries.py) when they reflect the newest finished run, and from the live links
otherwise (a store written before the summaries existed, or a run that died before its
end): the same numbers either way, tests/test_summaries.py checks both. The counting rules
are in store/queries.py.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.connect import parse_utc, utcnow
from store.evidence import HIGH_LEVEL_DESIGNS, RECENT_YEARS, sufficiency
from store.novelty import claim_baselines, seen_as_new, with_baselines
from store.queries import (
    count_where,
    int_columns,
    latest_counts,
    live_condition,
    live_links,
    read_frame,
    summaries_current,
    year_of,
)
from store.schema import (
    articles,
    claim_articles,
    claims,
    summary_first_seen,
    summary_pub_dates,
    summary_records,
    summary_topic_years,
    topics,
)
from store.summaries import STORE_SCOPE

STAT_COLUMNS = ["records", "new_7d", "new_30d", "high_level", "recent"]


def _ago(now: str, *, days: int) -> str:
    moment = parse_utc(now) or datetime.now(UTC)
    return (moment - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _record_stats(group_col: sa.ColumnElement, now: str) -> sa.Select:
    """records / new_7d / new_30d / high_level / recent per `group_col` (topic or claim)."""
    recent_from = _ago(now, days=365 * RECENT_YEARS)[:10]

    def flag(condition: sa.ColumnElement[bool]) -> sa.ColumnElement:
        return sa.func.max(sa.case((condition, 1), else_=0))

    baselines = claim_baselines()
    seen = seen_as_new(baselines)
    links = with_baselines(live_links(), baselines)
    if group_col is claims.c.claim_id:
        # (claim_id, pmid) is claim_articles' key: each live link is one record of its
        # claim, so the claim counts need no per-PMID grouping (2.5x faster at 1,000,000
        # links, see bench/RESULTS.md).
        return (
            sa.select(
                claims.c.claim_id.label("key"),
                sa.func.count().label("records"),
                count_where(seen >= _ago(now, days=7)).label("new_7d"),
                count_where(seen >= _ago(now, days=30)).label("new_30d"),
                count_where(articles.c.study_design.in_(HIGH_LEVEL_DESIGNS)).label("high_level"),
                count_where(articles.c.pub_date >= recent_from).label("recent"),
            )
            .select_from(links)
            .where(live_condition())
            .group_by(claims.c.claim_id)
        )
    # The article's own flags are the same on each of its links, so they ride along in the
    # per-PMID rows instead of a second join to `articles` (which read the wide rows: with
    # 1,000,000 links that join was a third of the overview's time, see bench/RESULTS.md).
    per_pmid = (
        sa.select(
            group_col.label("key"),
            claim_articles.c.pmid,
            sa.func.min(seen).label("first_seen"),
            flag(articles.c.study_design.in_(HIGH_LEVEL_DESIGNS)).label("high_level"),
            flag(articles.c.pub_date >= recent_from).label("recent"),
        )
        .select_from(links)
        .where(live_condition())
        .group_by(group_col, claim_articles.c.pmid)
        .subquery("per_pmid")
    )
    return sa.select(
        per_pmid.c.key,
        sa.func.count().label("records"),
        count_where(per_pmid.c.first_seen >= _ago(now, days=7)).label("new_7d"),
        count_where(per_pmid.c.first_seen >= _ago(now, days=30)).label("new_30d"),
        sa.func.coalesce(sa.func.sum(per_pmid.c.high_level), 0).label("high_level"),
        sa.func.coalesce(sa.func.sum(per_pmid.c.recent), 0).label("recent"),
    ).group_by(per_pmid.c.key)


def _summary_stats(scope: str, now: str) -> sa.Select:
    """`_record_stats` read from the summaries: the time-relative counts are sums of the
    per-first_seen and per-pub_date rows on the right side of `now`'s cut-offs."""
    recent_from = _ago(now, days=365 * RECENT_YEARS)[:10]
    week, month = _ago(now, days=7), _ago(now, days=30)
    seen = summary_first_seen.c
    new = (
        sa.select(
            seen.scope_id,
            sa.func.sum(sa.case((seen.first_seen >= week, seen.records), else_=0)).label("n7"),
            sa.func.sum(seen.records).label("n30"),
        )
        .where(seen.scope == scope, seen.first_seen >= month)
        .group_by(seen.scope_id)
        .subquery("new")
    )
    dated = summary_pub_dates.c
    recent = (
        sa.select(dated.scope_id, sa.func.sum(dated.records).label("recent"))
        .where(dated.scope == scope, dated.pub_date >= recent_from)
        .group_by(dated.scope_id)
        .subquery("recent")
    )
    rec = summary_records.c
    return (
        sa.select(
            rec.scope_id.label("key"),
            rec.records,
            sa.func.coalesce(new.c.n7, 0).label("new_7d"),
            sa.func.coalesce(new.c.n30, 0).label("new_30d"),
            rec.high_level,
            sa.func.coalesce(recent.c.recent, 0).label("recent"),
        )
        .select_from(
            summary_records.outerjoin(new, new.c.scope_id == rec.scope_id).outerjoin(
                recent, recent.c.scope_id == rec.scope_id
            )
        )
        .where(rec.scope == scope)
    )


def _stats(conn: sa.Connection, scope: str, now: str) -> pd.DataFrame:
    """key, records, new_7d, new_30d, high_level, recent per topic or claim."""
    if summaries_current(conn):
        stmt = _summary_stats(scope, now)
    else:
        stmt = _record_stats(claims.c.topic_id if scope == "topic" else claims.c.claim_id, now)
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _with_badge(frame: pd.DataFrame) -> pd.DataFrame:
    graded = [
        sufficiency(int(r), int(h), int(c))
        for r, h, c in zip(frame["records"], frame["high_level"], frame["recent"], strict=True)
    ]
    frame["evidence"] = [label for label, _ in graded]
    frame["evidence_score"] = [score for _, score in graded]
    return frame


def topic_overview(engine: Engine, *, now: str | None = None) -> pd.DataFrame:
    """One row per topic with active claims, in outline order: topic_id, title, claims,
    pubmed_count (sum of the claims' latest Counts), records, new_7d, new_30d, high_level,
    recent, evidence, evidence_score."""
    now = now or utcnow()
    latest = latest_counts()
    per_topic = (
        sa.select(
            topics.c.topic_id,
            topics.c.title,
            topics.c.position,
            sa.func.count(claims.c.claim_id).label("claims"),
            sa.func.sum(latest.c.count).label("pubmed_count"),
        )
        .select_from(
            topics.join(claims, claims.c.topic_id == topics.c.topic_id).outerjoin(
                latest, latest.c.claim_id == claims.c.claim_id
            )
        )
        .where(claims.c.active.is_(True))
        .group_by(topics.c.topic_id, topics.c.title, topics.c.position)
        .order_by(topics.c.position, topics.c.topic_id)
    )
    frame = read_frame(engine, per_topic)
    with engine.connect() as conn:
        stats = _stats(conn, "topic", now)
    frame = frame.merge(stats.rename(columns={"key": "topic_id"}), on="topic_id", how="left")
    frame = int_columns(frame, ["claims", *STAT_COLUMNS])
    frame["pubmed_count"] = frame["pubmed_count"].astype("Int64")
    return _with_badge(frame.drop(columns=["position"]))


def claim_overview(
    engine: Engine, *, topic_id: str | None = None, now: str | None = None
) -> pd.DataFrame:
    """One row per active claim (optionally of one topic), in outline order: claim_id,
    topic_id, group_name, claim, query, reference_query, pubmed_count, counted_at, plus the
    record statistics and badge of `topic_overview`."""
    now = now or utcnow()
    latest = latest_counts()
    stmt = (
        sa.select(
            claims.c.claim_id,
            claims.c.topic_id,
            claims.c.group_name,
            claims.c.claim,
            claims.c.query,
            claims.c.reference_query,
            latest.c.count.label("pubmed_count"),
            latest.c.counted_at,
        )
        .select_from(
            claims.outerjoin(topics, topics.c.topic_id == claims.c.topic_id).outerjoin(
                latest, latest.c.claim_id == claims.c.claim_id
            )
        )
        .where(claims.c.active.is_(True))
        .order_by(topics.c.position, claims.c.position, claims.c.claim_id)
    )
    if topic_id is not None:
        stmt = stmt.where(claims.c.topic_id == topic_id)
    frame = read_frame(engine, stmt)
    with engine.connect() as conn:
        stats = _stats(conn, "claim", now)
    frame = frame.merge(stats.rename(columns={"key": "claim_id"}), on="claim_id", how="left")
    frame = int_columns(frame, STAT_COLUMNS)
    frame["pubmed_count"] = frame["pubmed_count"].astype("Int64")
    return _with_badge(frame)


def record_totals(engine: Engine, *, now: str | None = None) -> dict[str, int]:
    """Distinct live records over every active claim, and how many of them are new in the
    last 7 and 30 days: a record in several topics counts once (the per-topic columns
    cannot be summed for this). New: store.novelty (baseline links are never new)."""
    now = now or utcnow()
    with engine.connect() as conn:
        if summaries_current(conn):
            return _summary_totals(conn, now)
    baselines = claim_baselines()
    per_pmid = (
        sa.select(
            claim_articles.c.pmid,
            sa.func.min(seen_as_new(baselines)).label("first_seen"),
        )
        .select_from(with_baselines(live_links(), baselines))
        .where(live_condition())
        .group_by(claim_articles.c.pmid)
        .subquery("record_first_seen")
    )
    stmt = sa.select(
        sa.func.count(sa.distinct(per_pmid.c.pmid)).label("records"),
        count_where(per_pmid.c.first_seen >= _ago(now, days=7)).label("new_7d"),
        count_where(per_pmid.c.first_seen >= _ago(now, days=30)).label("new_30d"),
    )
    with engine.connect() as conn:
        row = conn.execute(stmt).one()
    return {"records": int(row.records), "new_7d": int(row.new_7d), "new_30d": int(row.new_30d)}


def _summary_totals(conn: sa.Connection, now: str) -> dict[str, int]:
    records = conn.execute(
        sa.select(summary_records.c.records).where(
            summary_records.c.scope == STORE_SCOPE, summary_records.c.scope_id == ""
        )
    ).scalar()
    seen = summary_first_seen.c
    stmt = sa.select(
        sa.func.coalesce(
            sa.func.sum(sa.case((seen.first_seen >= _ago(now, days=7), seen.records))), 0
        ),
        sa.func.coalesce(
            sa.func.sum(sa.case((seen.first_seen >= _ago(now, days=30), seen.records))), 0
        ),
    ).where(seen.scope == STORE_SCOPE, seen.scope_id == "")
    new_7d, new_30d = conn.execute(stmt).one()
    return {"records": int(records or 0), "new_7d": int(new_7d), "new_30d": int(new_30d)}


def topic_year_counts(engine: Engine, *, basis: str = "publication") -> pd.DataFrame:
    """topic_id, year, records: distinct live records per topic and year."""
    year = year_of(basis)
    with engine.connect() as conn:
        if summaries_current(conn):
            years = summary_topic_years.c
            stmt = (
                sa.select(years.topic_id, years.year, years.records)
                .where(years.basis == basis)
                .order_by(years.topic_id, years.year)
            )
            result = conn.execute(stmt)
            frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
            return int_columns(frame, ["year", "records"])
    per_pmid = (
        sa.select(claims.c.topic_id, claim_articles.c.pmid, year.label("year"))
        .select_from(live_links())
        .where(live_condition(), year.is_not(None))
        .distinct()
        .subquery("topic_pmid")
    )
    stmt = (
        sa.select(per_pmid.c.topic_id, per_pmid.c.year, sa.func.count().label("records"))
        .group_by(per_pmid.c.topic_id, per_pmid.c.year)
        .order_by(per_pmid.c.topic_id, per_pmid.c.year)
    )
    return int_columns(read_frame(engine, stmt), ["year", "records"])
