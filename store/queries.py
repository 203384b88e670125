"""Read side of the store: SQL aggregations returned as small pandas DataFrames.

Every function takes an Engine and does its counting in SQL (SQLAlchemy Core, the same
statements on SQLite and PostgreSQL); only aggregates, or a bounded page of rows, reach
pandas. The dashboard caches these through dashboard/data.py; exports, `littrack status`
and the digest call them directly.

Counting rules, the same everywhere (and in the README):
- a claim's records are its *live* links: claim_articles.dropped_at IS NULL and the article
  not withdrawn by PubMed (articles.deleted_at IS NULL); claims that left the outline
  (claims.active false) are not shown;
- a topic's records are the distinct PMIDs over its claims, and a record is "new in the
  last N days" when the earliest first_seen of its links in that topic is that recent;
- PubMed Count is the latest successful count (claim_counts.count not null) per claim.

The record counts per topic and claim come from the summary tables the fetch job rewrites
at the end of each run (store/summaries.py) when they reflect the newest finished run, and
from the live links otherwise (a store written before the summaries existed, or a run that
died before its end): the same numbers either way, tests/test_summaries.py checks both.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store import health
from store.connect import utcnow
from store.evidence import HIGH_LEVEL_DESIGNS, RECENT_YEARS, sufficiency
from store.schema import (
    articles,
    claim_articles,
    claim_counts,
    claims,
    fetch_runs,
    summary_first_seen,
    summary_pub_dates,
    summary_records,
    summary_refresh,
    summary_topic_years,
    topics,
    year_counts,
)

#: How the year of a record is read: PubMed's Entrez date (when the record entered
#: PubMed) or the journal's publication date.
DATE_BASES: dict[str, str] = {"entrez": "Entrez date", "publication": "Publication date"}

#: Data older than this is flagged on the overview.
STALE_AFTER_HOURS = 36

FINISHED_STATUSES = ("ok", "partial")


def _parse_ts(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _ago(now: str, *, days: int) -> str:
    moment = _parse_ts(now) or datetime.now(UTC)
    return (moment - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def year_of(basis: str) -> sa.ColumnElement:
    """The year column for a date basis; Entrez dates are ISO text on both backends."""
    if basis == "entrez":
        return sa.cast(sa.func.substr(articles.c.entrez_date, 1, 4), sa.Integer)
    if basis == "publication":
        return articles.c.pub_year
    raise ValueError(f"unknown date basis {basis!r} (expected one of {sorted(DATE_BASES)})")


def live_links() -> sa.FromClause:
    """claim_articles ⋈ articles ⋈ claims; filter with `live_condition()`."""
    return claim_articles.join(articles, articles.c.pmid == claim_articles.c.pmid).join(
        claims, claims.c.claim_id == claim_articles.c.claim_id
    )


def live_condition() -> sa.ColumnElement[bool]:
    return sa.and_(
        claim_articles.c.dropped_at.is_(None),
        articles.c.deleted_at.is_(None),
        claims.c.active.is_(True),
    )


def _frame(engine: Engine, stmt: sa.Executable) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _count_sum(condition: sa.ColumnElement[bool]) -> sa.ColumnElement:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def _int(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for column in columns:
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame


# -- store state and cache key --------------------------------------------------------------


def store_state(engine: Engine) -> str:
    """'missing' (no littrack tables), 'empty' (no fetch has run and no records) or 'ready'."""
    inspector = sa.inspect(engine)
    needed = ("topics", "claims", "articles", "claim_articles", "fetch_runs")
    if not all(inspector.has_table(name) for name in needed):
        return "missing"
    with engine.connect() as conn:
        runs = conn.execute(sa.select(sa.func.count()).select_from(fetch_runs)).scalar_one()
        stored = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()
    return "ready" if runs or stored else "empty"


def data_version(engine: Engine) -> str:
    """Changes whenever a fetch starts or finishes: the dashboard's cache key."""
    stmt = (
        sa.select(fetch_runs.c.run_id, fetch_runs.c.status, fetch_runs.c.finished_at)
        .order_by(fetch_runs.c.run_id.desc())
        .limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(stmt).first()
    return "none" if row is None else f"{row.run_id}:{row.status}:{row.finished_at or ''}"


# -- PubMed counts ---------------------------------------------------------------------------


def latest_counts() -> sa.Subquery:
    """Per claim, the newest claim_counts row with a count (claim_id, count, counted_at)."""
    newest = (
        sa.select(claim_counts.c.claim_id, sa.func.max(claim_counts.c.run_id).label("run_id"))
        .where(claim_counts.c.count.is_not(None))
        .group_by(claim_counts.c.claim_id)
        .subquery("newest_count")
    )
    return (
        sa.select(claim_counts.c.claim_id, claim_counts.c.count, claim_counts.c.counted_at)
        .join(
            newest,
            sa.and_(
                newest.c.claim_id == claim_counts.c.claim_id,
                newest.c.run_id == claim_counts.c.run_id,
            ),
        )
        .subquery("latest_count")
    )


# -- overview ------------------------------------------------------------------------------


def _record_stats(group_col: sa.ColumnElement, now: str) -> sa.Select:
    """records / new_7d / new_30d / high_level / recent per `group_col` (topic or claim)."""
    recent_from = _ago(now, days=365 * RECENT_YEARS)[:10]

    def flag(condition: sa.ColumnElement[bool]) -> sa.ColumnElement:
        return sa.func.max(sa.case((condition, 1), else_=0))

    if group_col is claims.c.claim_id:
        # (claim_id, pmid) is claim_articles' key: each live link is one record of its
        # claim, so the claim counts need no per-PMID grouping (2.5x faster at 1,000,000
        # links, see bench/RESULTS.md).
        return (
            sa.select(
                claims.c.claim_id.label("key"),
                sa.func.count().label("records"),
                _count_sum(claim_articles.c.first_seen >= _ago(now, days=7)).label("new_7d"),
                _count_sum(claim_articles.c.first_seen >= _ago(now, days=30)).label("new_30d"),
                _count_sum(articles.c.study_design.in_(HIGH_LEVEL_DESIGNS)).label("high_level"),
                _count_sum(articles.c.pub_date >= recent_from).label("recent"),
            )
            .select_from(live_links())
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
            sa.func.min(claim_articles.c.first_seen).label("first_seen"),
            flag(articles.c.study_design.in_(HIGH_LEVEL_DESIGNS)).label("high_level"),
            flag(articles.c.pub_date >= recent_from).label("recent"),
        )
        .select_from(live_links())
        .where(live_condition())
        .group_by(group_col, claim_articles.c.pmid)
        .subquery("per_pmid")
    )
    return sa.select(
        per_pmid.c.key,
        sa.func.count().label("records"),
        _count_sum(per_pmid.c.first_seen >= _ago(now, days=7)).label("new_7d"),
        _count_sum(per_pmid.c.first_seen >= _ago(now, days=30)).label("new_30d"),
        sa.func.coalesce(sa.func.sum(per_pmid.c.high_level), 0).label("high_level"),
        sa.func.coalesce(sa.func.sum(per_pmid.c.recent), 0).label("recent"),
    ).group_by(per_pmid.c.key)


def summaries_current(conn: sa.Connection) -> bool:
    """True when the summary tables exist and no finished fetch run is newer than them."""
    if not sa.inspect(conn).has_table(summary_refresh.name):
        return False  # a store opened read-only, from before the summaries
    refreshed = conn.execute(sa.select(summary_refresh.c.run_id)).scalar()
    if refreshed is None:
        return False
    newest = conn.execute(
        sa.select(sa.func.max(fetch_runs.c.run_id)).where(fetch_runs.c.status != "running")
    ).scalar()
    return newest is None or refreshed >= newest


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


STAT_COLUMNS = ["records", "new_7d", "new_30d", "high_level", "recent"]


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
    frame = _frame(engine, per_topic)
    with engine.connect() as conn:
        stats = _stats(conn, "topic", now)
    frame = frame.merge(stats.rename(columns={"key": "topic_id"}), on="topic_id", how="left")
    frame = _int(frame, ["claims", *STAT_COLUMNS])
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
    frame = _frame(engine, stmt)
    with engine.connect() as conn:
        stats = _stats(conn, "claim", now)
    frame = frame.merge(stats.rename(columns={"key": "claim_id"}), on="claim_id", how="left")
    frame = _int(frame, STAT_COLUMNS)
    frame["pubmed_count"] = frame["pubmed_count"].astype("Int64")
    return _with_badge(frame)


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
            return _int(frame, ["year", "records"])
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
    return _int(_frame(engine, stmt), ["year", "records"])


# -- one claim -------------------------------------------------------------------------------


def claim_year_design(engine: Engine, claim_id: str, *, basis: str = "publication") -> pd.DataFrame:
    """year, study_design, records for one claim's live records."""
    year = year_of(basis)
    stmt = (
        sa.select(year.label("year"), articles.c.study_design, sa.func.count().label("records"))
        .select_from(live_links())
        .where(live_condition(), claim_articles.c.claim_id == claim_id, year.is_not(None))
        .group_by(year, articles.c.study_design)
        .order_by(year, articles.c.study_design)
    )
    return _int(_frame(engine, stmt), ["year", "records"])


def year_totals(engine: Engine, series: str) -> pd.DataFrame:
    """year, total: PubMed's count per publication year for a year_counts series
    ('pubmed' or 'reference:<claim_id>'); empty when the fetch has not recorded it."""
    stmt = (
        sa.select(year_counts.c.year, year_counts.c.count.label("total"))
        .where(year_counts.c.series == series)
        .order_by(year_counts.c.year)
    )
    return _int(_frame(engine, stmt), ["year", "total"])


def claim_design_breakdown(engine: Engine, claim_id: str) -> pd.DataFrame:
    """study_design, records for one claim (designs without records are omitted)."""
    stmt = (
        sa.select(articles.c.study_design, sa.func.count().label("records"))
        .select_from(live_links())
        .where(live_condition(), claim_articles.c.claim_id == claim_id)
        .group_by(articles.c.study_design)
        .order_by(sa.func.count().desc(), articles.c.study_design)
    )
    return _int(_frame(engine, stmt), ["records"])


SPECIES_GROUPS = ("humans only", "animals only", "humans and animals", "neither tagged")


def claim_species_breakdown(engine: Engine, claim_id: str) -> pd.DataFrame:
    """species, records: the MeSH Humans/Animals check tags of one claim's records."""
    h, a = articles.c.humans.is_(True), articles.c.animals.is_(True)
    stmt = (
        sa.select(
            _count_sum(sa.and_(h, sa.not_(a))).label(SPECIES_GROUPS[0]),
            _count_sum(sa.and_(a, sa.not_(h))).label(SPECIES_GROUPS[1]),
            _count_sum(sa.and_(h, a)).label(SPECIES_GROUPS[2]),
            _count_sum(sa.and_(sa.not_(h), sa.not_(a))).label(SPECIES_GROUPS[3]),
        )
        .select_from(live_links())
        .where(live_condition(), claim_articles.c.claim_id == claim_id)
    )
    with engine.connect() as conn:
        row = conn.execute(stmt).one()
    return pd.DataFrame({"species": list(SPECIES_GROUPS), "records": [int(v or 0) for v in row]})


def claim_count_history(engine: Engine, claim_id: str) -> pd.DataFrame:
    """One row per fetch run that counted the claim, oldest first."""
    stmt = (
        sa.select(
            claim_counts.c.run_id,
            claim_counts.c.counted_at,
            claim_counts.c.query_version,
            claim_counts.c.count,
            claim_counts.c.retrieved,
            claim_counts.c.new_links,
            claim_counts.c.dropped_links,
            claim_counts.c.status,
            claim_counts.c.error,
            claim_counts.c.warnings,
        )
        .where(claim_counts.c.claim_id == claim_id)
        .order_by(claim_counts.c.run_id)
    )
    frame = _frame(engine, stmt)
    for column in ("count", "retrieved"):
        frame[column] = frame[column].astype("Int64")
    return frame


def previous_fetch_started(engine: Engine) -> str | None:
    """Start of the newest finished fetch: links first seen at or after it are "new"."""
    stmt = sa.select(sa.func.max(fetch_runs.c.started_at)).where(
        fetch_runs.c.status.in_(FINISHED_STATUSES)
    )
    with engine.connect() as conn:
        return conn.execute(stmt).scalar()


# -- fetch runs ----------------------------------------------------------------------------


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
            fetch_runs.c.requests,
            fetch_runs.c.retries,
            fetch_runs.c.errors,
            fetch_runs.c.new_records,
            fetch_runs.c.message,
        )
        .order_by(fetch_runs.c.run_id.desc())
        .limit(limit)
    )
    frame = _frame(engine, stmt)
    durations = []
    for start, end in zip(frame["started_at"], frame["finished_at"], strict=True):
        s, e = _parse_ts(start), _parse_ts(end)
        durations.append(round((e - s).total_seconds(), 1) if s and e else None)
    frame.insert(3, "duration_s", pd.array(durations, dtype="Float64"))
    failed = _frame(
        engine,
        sa.select(claim_counts.c.run_id, claim_counts.c.claim_id)
        .where(claim_counts.c.status != "ok", claim_counts.c.run_id.in_(frame["run_id"].tolist()))
        .order_by(claim_counts.c.run_id, claim_counts.c.claim_id),
    )
    names = failed.groupby("run_id")["claim_id"].apply(", ".join) if len(failed) else {}
    frame["failed_claims"] = [names.get(run, "") for run in frame["run_id"]]
    return frame


def claim_fetch_status(engine: Engine) -> pd.DataFrame:
    """Per active claim: expected (PubMed's latest Count), retrieved by the last run that
    counted it, stored (live links now), gap = expected - stored, and its last status/error."""
    newest = (
        sa.select(claim_counts.c.claim_id, sa.func.max(claim_counts.c.run_id).label("run_id"))
        .group_by(claim_counts.c.claim_id)
        .subquery("newest_attempt")
    )
    attempt = (
        sa.select(
            claim_counts.c.claim_id,
            claim_counts.c.run_id.label("last_run_id"),
            claim_counts.c.retrieved,
            claim_counts.c.status,
            claim_counts.c.error,
        )
        .join(
            newest,
            sa.and_(
                newest.c.claim_id == claim_counts.c.claim_id,
                newest.c.run_id == claim_counts.c.run_id,
            ),
        )
        .subquery("attempt")
    )
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
            attempt.c.last_run_id,
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
    frame = _frame(engine, stmt)
    for column in ("expected", "retrieved", "last_run_id"):
        frame[column] = frame[column].astype("Int64")
    frame["stored"] = frame["stored"].astype("int64")
    frame.insert(5, "gap", frame["expected"] - frame["stored"])
    frame["status"] = frame["status"].fillna("never fetched")
    frame["error"] = frame["error"].fillna("")
    return frame


def freshness(engine: Engine, *, now: str | None = None) -> dict:
    """The overview's banner: store.health's verdict (shared with `littrack status`) plus the
    claims that failed in the newest finished run. Keys: last_success, age_hours, stale
    (older than STALE_AFTER_HOURS, or never fetched), state, message, failed_claims."""
    verdict = health.verdict(engine, stale_hours=STALE_AFTER_HOURS, now=_parse_ts(now or utcnow()))
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
        "stale": age is None or age > STALE_AFTER_HOURS,
        "state": verdict.state,
        "message": verdict.message,
        "failed_claims": failed,
    }
