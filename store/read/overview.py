"""The overview's numbers: per-topic and per-claim record counts, their evidence badges,
and distinct records per topic and year.

The record counts come from the summary tables the fetch job rewrites at the end of each
run (store/fetch/summaries.py) when they reflect the newest finished run, and from the live links
otherwise (a store written before the summaries existed, or a run that died before its
end): the same numbers either way, tests/test_summaries.py checks both. The counting rules
are in store/evidence/counting.py.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.connect import parse_utc, utcnow
from store.db.schema import (
    articles,
    claim_articles,
    claims,
    summary_first_seen,
    summary_pub_dates,
    summary_records,
    summary_topic_years,
    topics,
)
from store.evidence.badge import RECENT_YEARS, high_level_for_claim, sufficiency
from store.evidence.counting import (
    article_condition,
    count_where,
    counted_condition,
    evidence_condition,
    int_columns,
    latest_counts,
    live_condition,
    live_links,
    read_frame,
    summaries_current,
    total,
    year_of,
)
from store.evidence.novelty import claim_baselines, seen_as_new, with_baselines
from store.fetch.summaries import STORE_SCOPE

STAT_COLUMNS = ["records", "new_7d", "new_30d", "high_level", "recent", "retracted", "concern"]


def _ago(now: str, *, days: int) -> str:
    moment = parse_utc(now) or datetime.now(UTC)
    return (moment - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _record_stats(group_col: sa.ColumnElement, now: str, all_records: bool) -> sa.Select:
    """records / new_7d / new_30d / high_level / recent per `group_col` (topic or claim), of
    evidence (or of every live record with `all_records`), and the retracted / concern
    records among every live record (the alerts)."""
    recent_from = _ago(now, days=365 * RECENT_YEARS)[:10]
    scope = "claim" if group_col is claims.c.claim_id else "topic"
    counted = sa.true() if all_records else evidence_condition(scope)

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
                count_where(counted).label("records"),
                count_where(sa.and_(counted, seen >= _ago(now, days=7))).label("new_7d"),
                count_where(sa.and_(counted, seen >= _ago(now, days=30))).label("new_30d"),
                count_where(sa.and_(counted, high_level_for_claim())).label("high_level"),
                count_where(sa.and_(counted, articles.c.pub_date >= recent_from)).label("recent"),
                count_where(articles.c.retracted.is_(True)).label("retracted"),
                count_where(articles.c.concern.is_(True)).label("concern"),
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
            flag(counted).label("counted"),
            flag(high_level_for_claim()).label("high_level"),
            flag(articles.c.pub_date >= recent_from).label("recent"),
            flag(articles.c.retracted.is_(True)).label("retracted"),
            flag(articles.c.concern.is_(True)).label("concern"),
        )
        .select_from(links)
        .where(live_condition())
        .group_by(group_col, claim_articles.c.pmid)
        .subquery("per_pmid")
    )
    p = per_pmid.c
    kept = p.counted == 1

    return sa.select(
        p.key,
        count_where(kept).label("records"),
        count_where(sa.and_(kept, p.first_seen >= _ago(now, days=7))).label("new_7d"),
        count_where(sa.and_(kept, p.first_seen >= _ago(now, days=30))).label("new_30d"),
        total(p.high_level * p.counted).label("high_level"),
        total(p.recent * p.counted).label("recent"),
        total(p.retracted).label("retracted"),
        total(p.concern).label("concern"),
    ).group_by(p.key)


def _summary_stats(scope: str, now: str, all_records: bool) -> sa.Select:
    """`_record_stats` read from the summaries: the time-relative counts are sums of the
    per-first_seen and per-pub_date rows on the right side of `now`'s cut-offs."""
    recent_from = _ago(now, days=365 * RECENT_YEARS)[:10]
    week, month = _ago(now, days=7), _ago(now, days=30)
    seen = summary_first_seen.c
    seen_n = seen.records if all_records else seen.evidence_records
    new = (
        sa.select(
            seen.scope_id,
            sa.func.sum(sa.case((seen.first_seen >= week, seen_n), else_=0)).label("n7"),
            sa.func.sum(seen_n).label("n30"),
        )
        .where(seen.scope == scope, seen.first_seen >= month)
        .group_by(seen.scope_id)
        .subquery("new")
    )
    dated = summary_pub_dates.c
    dated_n = dated.records if all_records else dated.evidence_records
    recent = (
        sa.select(dated.scope_id, sa.func.sum(dated_n).label("recent"))
        .where(dated.scope == scope, dated.pub_date >= recent_from)
        .group_by(dated.scope_id)
        .subquery("recent")
    )
    rec = summary_records.c
    return (
        sa.select(
            rec.scope_id.label("key"),
            (rec.records if all_records else rec.evidence_records).label("records"),
            sa.func.coalesce(new.c.n7, 0).label("new_7d"),
            sa.func.coalesce(new.c.n30, 0).label("new_30d"),
            (rec.high_level if all_records else rec.evidence_high_level).label("high_level"),
            sa.func.coalesce(recent.c.recent, 0).label("recent"),
            rec.retracted,
            rec.concern,
        )
        .select_from(
            summary_records.outerjoin(new, new.c.scope_id == rec.scope_id).outerjoin(
                recent, recent.c.scope_id == rec.scope_id
            )
        )
        .where(rec.scope == scope)
    )


def _stats(conn: sa.Connection, scope: str, now: str, all_records: bool) -> pd.DataFrame:
    """key, records, new_7d, new_30d, high_level, recent, retracted, concern per topic or
    claim."""
    if summaries_current(conn):
        stmt = _summary_stats(scope, now, all_records)
    else:
        group = claims.c.topic_id if scope == "topic" else claims.c.claim_id
        stmt = _record_stats(group, now, all_records)
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _with_badge(frame: pd.DataFrame, badge: pd.DataFrame, key: str) -> pd.DataFrame:
    """The badge is graded on evidence only, whichever counts the frame shows."""
    on_evidence = frame[[key]].merge(badge.rename(columns={"key": key}), on=key, how="left")
    on_evidence = int_columns(on_evidence, ["records", "high_level", "recent"])
    graded = [
        sufficiency(int(r), int(h), int(c))
        for r, h, c in zip(
            on_evidence["records"], on_evidence["high_level"], on_evidence["recent"], strict=True
        )
    ]
    frame["evidence"] = [label for label, _ in graded]
    frame["evidence_score"] = [score for _, score in graded]
    return frame


def topic_overview(
    engine: Engine, *, now: str | None = None, all_records: bool = False
) -> pd.DataFrame:
    """One row per topic with active claims, in outline order: topic_id, title, claims,
    pubmed_count (sum of the claims' latest Counts), records, new_7d, new_30d, high_level,
    recent (of evidence, or of every record with `all_records`), retracted, concern (of
    every live record), evidence, evidence_score (the badge, always on evidence)."""
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
        stats = _stats(conn, "topic", now, all_records)
        badge = stats if not all_records else _stats(conn, "topic", now, False)
    frame = frame.merge(stats.rename(columns={"key": "topic_id"}), on="topic_id", how="left")
    frame = int_columns(frame, ["claims", *STAT_COLUMNS])
    frame["pubmed_count"] = frame["pubmed_count"].astype("Int64")
    return _with_badge(frame.drop(columns=["position"]), badge, "topic_id")


def claim_overview(
    engine: Engine,
    *,
    topic_id: str | None = None,
    now: str | None = None,
    all_records: bool = False,
) -> pd.DataFrame:
    """One row per active claim (optionally of one topic), in outline order: claim_id,
    topic_id, group_name, claim, query, reference_query, scope, context, restates,
    pubmed_count, counted_at, plus the record statistics and badge of `topic_overview`."""
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
            claims.c.scope,
            claims.c.context,
            claims.c.restates,
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
        stats = _stats(conn, "claim", now, all_records)
        badge = stats if not all_records else _stats(conn, "claim", now, False)
    frame = frame.merge(stats.rename(columns={"key": "claim_id"}), on="claim_id", how="left")
    frame = int_columns(frame, STAT_COLUMNS)
    frame["pubmed_count"] = frame["pubmed_count"].astype("Int64")
    return _with_badge(frame, badge, "claim_id")


def claims_by_evidence(claims_frame: pd.DataFrame) -> dict[str, int]:
    """How many claims carry each evidence badge (`claim_overview` rows), in BADGES order.

    A claim that restates another (an FAQ answer repeating a section claim, `restates` in
    the outline) is left out: its records are its section claim's, and counting it would
    make one finding look like two claims with substantial evidence."""
    from store.evidence.badge import BADGES

    counted = claims_frame
    if "restates" in claims_frame.columns:
        counted = claims_frame[claims_frame["restates"].fillna("") == ""]
    labels = list(counted["evidence"]) if len(counted) else []
    return {name: labels.count(name) for name in BADGES}


def record_totals(
    engine: Engine, *, now: str | None = None, all_records: bool = False
) -> dict[str, int]:
    """Distinct live records (evidence, each study once, or every record with
    `all_records`) over every active claim of the article itself (context claims left out:
    store.evidence.counting.article_condition), and how many of them are new in the last 7
    and 30 days: a record in several topics counts once (the per-topic columns cannot be
    summed for this). New: store.evidence.novelty (baseline links are never new)."""
    now = now or utcnow()
    with engine.connect() as conn:
        if summaries_current(conn):
            return _summary_totals(conn, now, all_records)
    baselines = claim_baselines()
    per_pmid = (
        sa.select(
            claim_articles.c.pmid,
            sa.func.min(seen_as_new(baselines)).label("first_seen"),
        )
        .select_from(with_baselines(live_links(), baselines))
        .where(counted_condition(all_records, "store"), article_condition())
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


def _summary_totals(conn: sa.Connection, now: str, all_records: bool) -> dict[str, int]:
    rec = summary_records.c
    records = conn.execute(
        sa.select(rec.records if all_records else rec.evidence_records).where(
            rec.scope == STORE_SCOPE, rec.scope_id == ""
        )
    ).scalar()
    seen = summary_first_seen.c
    n = seen.records if all_records else seen.evidence_records
    stmt = sa.select(
        sa.func.coalesce(sa.func.sum(sa.case((seen.first_seen >= _ago(now, days=7), n))), 0),
        sa.func.coalesce(sa.func.sum(sa.case((seen.first_seen >= _ago(now, days=30), n))), 0),
    ).where(seen.scope == STORE_SCOPE, seen.scope_id == "")
    new_7d, new_30d = conn.execute(stmt).one()
    return {"records": int(records or 0), "new_7d": int(new_7d), "new_30d": int(new_30d)}


def topic_year_counts(
    engine: Engine, *, basis: str = "publication", all_records: bool = False
) -> pd.DataFrame:
    """topic_id, year, records: distinct live records (evidence unless `all_records`) per
    topic and year."""
    year = year_of(basis)
    with engine.connect() as conn:
        if summaries_current(conn):
            years = summary_topic_years.c
            n = years.records if all_records else years.evidence_records
            stmt = (
                sa.select(years.topic_id, years.year, n.label("records"))
                .where(years.basis == basis, n > 0)
                .order_by(years.topic_id, years.year)
            )
            result = conn.execute(stmt)
            frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
            return int_columns(frame, ["year", "records"])
    per_pmid = (
        sa.select(claims.c.topic_id, claim_articles.c.pmid, year.label("year"))
        .select_from(live_links())
        .where(counted_condition(all_records, "topic"), year.is_not(None))
        .distinct()
        .subquery("topic_pmid")
    )
    stmt = (
        sa.select(per_pmid.c.topic_id, per_pmid.c.year, sa.func.count().label("records"))
        .group_by(per_pmid.c.topic_id, per_pmid.c.year)
        .order_by(per_pmid.c.topic_id, per_pmid.c.year)
    )
    return int_columns(read_frame(engine, stmt), ["year", "records"])
