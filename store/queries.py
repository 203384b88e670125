"""Read side of the store: the building blocks every reader shares.

The readers themselves live by what they read: store/overview.py (per-topic and per-claim
counts and badges), store/claim_detail.py (one claim's charts), store/fetch_history.py
(fetch runs, per-claim fetch status, the freshness banner) and store/publications.py
(record lists and export rows). Every reader takes an Engine and does its counting in SQL
(SQLAlchemy Core, the same statements on SQLite and PostgreSQL); only aggregates, or a
bounded page of rows, reach pandas. The dashboard caches them through dashboard/data.py;
exports, `littrack status` and the digest call them directly.

Counting rules, the same everywhere (and in the README):
- a claim's records are its *live* links: claim_articles.dropped_at IS NULL and the article
  not withdrawn by PubMed (articles.deleted_at IS NULL); claims that left the outline
  (claims.active false) are not shown;
- a topic's records are the distinct PMIDs over its claims; "new" is defined once in
  store/novelty.py (first seen by littrack, a claim's first fetch being its baseline);
- PubMed Count is the latest successful count (claim_counts.count not null) per claim.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.schema import (
    articles,
    claim_articles,
    claim_counts,
    claims,
    fetch_runs,
    summary_refresh,
)

#: How the year of a record is read: PubMed's Entrez date (when the record entered
#: PubMed) or the journal's publication date.
DATE_BASES: dict[str, str] = {"entrez": "Entrez date", "publication": "Publication date"}


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


def read_frame(engine: Engine, stmt: sa.Executable) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(stmt)
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def count_where(condition: sa.ColumnElement[bool]) -> sa.ColumnElement:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def int_columns(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
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


# -- PubMed counts and summaries ------------------------------------------------------------


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
