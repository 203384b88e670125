"""What "new" means, once for every page, the digest and the exports.

A record is *new* when littrack first saw it for a claim after that claim's first
successful fetch. The first fetch of a claim is its baseline: it brings in everything PubMed
already had, which is not news, so its links never count as new however recent they are. A
record that a claim's query starts to match later (newly published, or newly indexed with
MeSH terms) is new from the moment the fetch linked it (claim_articles.first_seen).

For a topic or the whole store a record is new when the earliest moment it was seen in that
scope is recent *and* none of its links there is a baseline link: a record some claim
already had at its baseline is not news to the topic because another claim picks it up.

The rule is expressed as one column, `seen_as_new`: the link's first_seen, or BASELINE (an
empty string, older than any timestamp) for a baseline link. "New since T" is then
`min(seen_as_new) >= T` over whatever scope is counted, which the summaries, the live
queries, the digest and the exports all share.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.connect import parse_utc
from store.db.schema import (
    articles,
    claim_articles,
    claim_counts,
    claims,
    summary_first_seen,
    topics,
)
from store.evidence.counting import (
    evidence_condition,
    frame_on,
    live_condition,
    live_links,
    read_frame,
    summaries_current,
)

#: summary_first_seen's scope for the whole store (store.fetch.summaries.STORE_SCOPE; not
#: imported from there, which imports this module).
STORE_SCOPE = "store"

#: seen_as_new of a baseline link: sorts before every stored timestamp.
BASELINE = ""

#: "New this week": the window every page, the digest default and the badge table use.
NEW_DAYS = 7


def claim_baselines() -> sa.Subquery:
    """Per claim, the run of its first successful fetch (claim_id, baseline_run).

    A claim that never fetched successfully has no row, so all its links are baseline."""
    return (
        sa.select(
            claim_counts.c.claim_id,
            sa.func.min(claim_counts.c.run_id).label("baseline_run"),
        )
        .where(claim_counts.c.status == "ok")
        .group_by(claim_counts.c.claim_id)
        .subquery("claim_baseline")
    )


def with_baselines(links: sa.FromClause, baselines: sa.Subquery) -> sa.FromClause:
    """`links` (anything holding claim_articles) joined to the claims' baseline runs."""
    return links.outerjoin(baselines, baselines.c.claim_id == claim_articles.c.claim_id)


def is_baseline(baselines: sa.FromClause) -> sa.ColumnElement[bool]:
    """True for a link the claim's first fetch brought in (or one without a run id, written
    before littrack kept run ids, or of a claim without a successful fetch)."""
    return sa.not_(
        sa.and_(
            claim_articles.c.first_run_id.is_not(None),
            baselines.c.baseline_run.is_not(None),
            claim_articles.c.first_run_id > baselines.c.baseline_run,
        )
    )


def seen_as_new(baselines: sa.FromClause) -> sa.ColumnElement[str]:
    """first_seen for a link that can be new, BASELINE for a baseline link. `baselines`:
    claim_baselines(), or anything joined per claim with its `baseline_run` column."""
    return sa.case(
        (is_baseline(baselines), sa.literal(BASELINE, sa.String(32))),
        else_=claim_articles.c.first_seen,
    )


def baseline_run(conn: sa.Connection, claim_id: str) -> int | None:
    """The run of one claim's first successful fetch (None: it never had one)."""
    return conn.execute(
        sa.select(sa.func.min(claim_counts.c.run_id)).where(
            claim_counts.c.claim_id == claim_id, claim_counts.c.status == "ok"
        )
    ).scalar()


def link_seen_as_new(first_seen: str, first_run_id: object, baseline: int | None) -> str:
    """`seen_as_new` in Python, for rows of one claim already read (its baseline known)."""
    if baseline is None or first_run_id is None or pd.isna(first_run_id):
        return BASELINE
    return first_seen if int(first_run_id) > baseline else BASELINE


def new_cutoff(now: str | None = None, *, days: int = NEW_DAYS) -> str:
    """The stored-timestamp text `days` before `now` (default: the current time)."""
    moment = parse_utc(now) if now else None
    moment = moment or datetime.now(UTC)
    return (moment - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_new(seen: object, cutoff: str) -> bool:
    """The same test in Python, for rows already read (a seen_as_new value)."""
    return isinstance(seen, str) and seen != BASELINE and seen >= cutoff


# -- readers: the New page, and the weekly trend ---------------------------------------------


def _new_since(
    baselines: sa.Subquery,
    since: str,
    until: str | None,
    all_records: bool,
    *,
    baseline: bool = False,
) -> list[sa.ColumnElement[bool]]:
    """The one definition of "new since a date" for a claim's links: live, not brought in by
    the claim's baseline fetch, first seen at or after `since` (and before `until`), and
    evidence unless `all_records` (store.evidence.counting.evidence_condition). The New page,
    its count and the digest all use it. With `baseline`, the links of the window that the
    rule leaves out instead (the digest says how many)."""
    conditions = [
        live_condition(),
        is_baseline(baselines) if baseline else sa.not_(is_baseline(baselines)),
        claim_articles.c.first_seen >= since,
    ]
    if until is not None:
        conditions.append(claim_articles.c.first_seen < until)
    if not all_records:
        conditions.append(evidence_condition())
    return conditions


@contextmanager
def _window_planned(engine: Engine) -> Iterator[sa.Connection]:
    """A connection on which SQLite plans the `_new_since` readers from the first_seen index.

    Without statistics on how few links a week brings (sqlite_stat1 knows only that the
    60 first_seen values average 16,667 links each), SQLite preferred an automatic index on
    `articles.retracted` (built from the wide table on every call) and probed
    claim_articles once per (claim, article): 10 million probes, 13-19 s for the New page
    at 1,000,000 links (bench/dashboard.py). Without automatic indexes it reads the
    window's links from ix_claim_articles_first_seen (0.5 s). The setting is put back
    before the connection returns to the pool; PostgreSQL plans these well as they are."""
    with engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            yield conn
            return
        before = int(conn.exec_driver_sql("PRAGMA automatic_index").scalar() or 0)
        conn.exec_driver_sql("PRAGMA automatic_index=OFF")
        try:
            yield conn
        finally:
            conn.exec_driver_sql(f"PRAGMA automatic_index={before}")


def new_links(
    engine: Engine,
    since: str,
    *,
    until: str | None = None,
    all_records: bool = False,
    limit: int | None = None,
) -> pd.DataFrame:
    """Live links of active claims that are new since `since` (ISO UTC text; `_new_since`),
    in outline order then newest first: topic_id, topic, claim_id, claim, pmid, title,
    journal, journal_iso, pub_date, pub_year, design, retracted, concern, erratum, doi,
    first_seen. The New page lists them; the digest groups them by topic and claim."""
    baselines = claim_baselines()
    stmt = (
        sa.select(
            claims.c.topic_id,
            sa.func.coalesce(topics.c.title, claims.c.topic_id).label("topic"),
            claims.c.claim_id,
            claims.c.claim,
            articles.c.pmid,
            articles.c.title,
            articles.c.journal,
            articles.c.journal_iso,
            articles.c.pub_date,
            articles.c.pub_year,
            articles.c.study_design.label("design"),
            articles.c.retracted,
            articles.c.concern,
            articles.c.erratum_in,
            articles.c.doi,
            claim_articles.c.first_seen,
        )
        .select_from(
            with_baselines(live_links(), baselines).outerjoin(
                topics, topics.c.topic_id == claims.c.topic_id
            )
        )
        .where(*_new_since(baselines, since, until, all_records))
        .order_by(
            sa.func.coalesce(topics.c.position, 0),
            claims.c.topic_id,
            claims.c.position,
            claims.c.claim_id,
            claim_articles.c.first_seen.desc(),
            articles.c.pmid.desc(),
        )
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    with _window_planned(engine) as conn:
        frame = frame_on(conn, stmt)
    frame["retracted"] = frame["retracted"].astype(bool)
    frame["concern"] = frame["concern"].fillna(False).astype(bool)
    frame["erratum"] = [_has_items(v) for v in frame.pop("erratum_in")]
    frame["pub_year"] = frame["pub_year"].astype("Int64")
    return frame


def count_new_links(
    engine: Engine, since: str, *, until: str | None = None, all_records: bool = False
) -> int:
    """How many links `new_links` would return without a limit."""
    baselines = claim_baselines()
    stmt = (
        sa.select(sa.func.count())
        .select_from(with_baselines(live_links(), baselines))
        .where(*_new_since(baselines, since, until, all_records))
    )
    with _window_planned(engine) as conn:
        return int(conn.execute(stmt).scalar_one())


def count_baseline_links(
    engine: Engine, since: str, *, until: str | None = None, all_records: bool = False
) -> int:
    """Links first seen in the window that came with their claim's first fetch: not new,
    so `new_links` leaves them out, and the digest says how many it did not list."""
    baselines = claim_baselines()
    stmt = (
        sa.select(sa.func.count())
        .select_from(with_baselines(live_links(), baselines))
        .where(*_new_since(baselines, since, until, all_records, baseline=True))
    )
    with _window_planned(engine) as conn:
        return int(conn.execute(stmt).scalar_one())


def weekly_new_records(engine: Engine, *, weeks: int = 12, now: str | None = None) -> pd.DataFrame:
    """week (its Monday, YYYY-MM-DD), records: distinct records new to the store in each of
    the last `weeks` weeks (the current week last, and incomplete), zeros included."""
    with engine.connect() as conn:
        use_summary = summaries_current(conn)
    if use_summary:
        seen = summary_first_seen.c
        stmt = sa.select(seen.first_seen, seen.records).where(
            seen.scope == STORE_SCOPE, seen.scope_id == "", seen.first_seen != BASELINE
        )
    else:
        baselines = claim_baselines()
        per_pmid = (
            sa.select(sa.func.min(seen_as_new(baselines)).label("first_seen"))
            .select_from(with_baselines(live_links(), baselines))
            .where(live_condition())
            .group_by(claim_articles.c.pmid)
            .subquery("record_seen")
        )
        stmt = (
            sa.select(per_pmid.c.first_seen, sa.func.count().label("records"))
            .where(per_pmid.c.first_seen != BASELINE)
            .group_by(per_pmid.c.first_seen)
        )
    frame = read_frame(engine, stmt)
    today = (parse_utc(now) if now else None) or datetime.now(UTC)
    monday = (today - timedelta(days=today.weekday())).date()
    starts = [monday - timedelta(weeks=w) for w in range(weeks - 1, -1, -1)]
    counts = dict.fromkeys(starts, 0)
    for stamp, records in zip(frame["first_seen"], frame["records"], strict=True):
        moment = parse_utc(stamp)
        if moment is None:
            continue
        start = (moment - timedelta(days=moment.weekday())).date()
        if start in counts:
            counts[start] += int(records)
    return pd.DataFrame({"week": [d.isoformat() for d in counts], "records": list(counts.values())})


def _has_items(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() not in ("", "[]", "null")
    return bool(list(value))  # type: ignore[call-overload]
