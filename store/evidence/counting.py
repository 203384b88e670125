"""Read side of the store: the building blocks every reader shares.

The readers themselves live by what they read: store/read/overview.py (per-topic and per-claim
counts and badges), store/read/claim_detail.py (one claim's charts), store/read/runs.py
(fetch runs, per-claim fetch status, the freshness banner) and store/read/publications.py
(record lists and export rows). Every reader takes an Engine and does its counting in SQL
(SQLAlchemy Core, the same statements on SQLite and PostgreSQL); only aggregates, or a
bounded page of rows, reach pandas. The dashboard caches them through dashboard/data.py;
exports, `littrack status` and the digest call them directly.

Counting rules, the same everywhere (and in the README and docs/fetching.md):
- a claim's records are its *live* links: claim_articles.dropped_at IS NULL and the article
  not withdrawn by PubMed (articles.deleted_at IS NULL); claims that left the outline
  (claims.active false) are not shown; and the record is within the claim's scope
  (`scope_condition`: a humans claim does not count records indexed, or worded, as
  animals-only);
- a topic's records are the distinct PMIDs over its claims; "new" is defined once in
  store/evidence/novelty.py (first seen by littrack, a claim's first fetch being its baseline);
- "records" are the distinct PMIDs with a live link; `littrack status`, the dashboard, the
  digest and the exports all count them this way (tests/test_record_count.py). Articles
  stored but no longer linked (every link dropped, or only on claims that left the outline)
  are kept for history and are not records;
- PubMed Count is the latest successful count (claim_counts.count not null) per claim
  (`latest_counts`); a claim's last fetch attempt, failed or not, is `latest_attempts`;
- counts are of *evidence* by default (`evidence_condition`: not `non-evidence` by
  store.evidence.design_rules, not retracted, and one study counted once per claim, topic or
  store: store.evidence.count_once); `all_records=True` on every counting reader counts
  raw retrieval instead. Exports of records keep every record with its class and flags;
- the headline totals (the store's distinct records, `littrack status`) count only the
  article's own claims (`article_condition`): context claims are a yardstick, shown in their
  own rows;
- a record is "high-level" for the badge when its design is in HIGH_LEVEL_DESIGNS and it
  is not veterinary (`high_level_condition`).
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db import migrations
from store.db.schema import (
    articles,
    claim_articles,
    claim_counts,
    claims,
    fetch_runs,
    summary_refresh,
)
from store.evidence.badge import HIGH_LEVEL_DESIGNS
from store.evidence.count_once import counted_once
from store.evidence.design_rules import NON_EVIDENCE

#: How the year of a record is read, and its label everywhere (dashboard radios and sort
#: choices): the journal's publication date (the default, first) or PubMed's Entrez date
#: (when the record entered PubMed).
DATE_BASES: dict[str, str] = {"publication": "Publication date", "entrez": "Entrez date"}


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


def stored_condition() -> sa.ColumnElement[bool]:
    """The link is stored and current, whatever the claim's scope: what PRISMA calls the
    records identified (store.read.prisma); `live_condition` narrows it to the scope."""
    return sa.and_(
        claim_articles.c.dropped_at.is_(None),
        articles.c.deleted_at.is_(None),
        claims.c.active.is_(True),
    )


def live_condition() -> sa.ColumnElement[bool]:
    return sa.and_(stored_condition(), scope_condition())


def scope_condition() -> sa.ColumnElement[bool]:
    """A link counts for its claim's scope (claims.scope, from the outline's `scope:`).

    The Cochrane convention, on the record's check tags: a "humans" claim leaves out records
    indexed as animals-only (Animals and not Humans), an "animals" claim records indexed as
    humans-only; "any" keeps all. A record without check tags (not MEDLINE-indexed yet, or
    PubMed-not-MEDLINE) is read from its wording instead (articles.species_source = 'text':
    "rats", "porcine", "in vitro" ...): a humans claim also leaves out a record whose wording
    names animals only or in-vitro work. A record whose wording names no species
    (species_source 'none') still counts for every scope.
    """
    h, a = articles.c.humans.is_(True), articles.c.animals.is_(True)
    animals_only = sa.and_(a, sa.not_(h))
    humans_only = sa.and_(h, sa.not_(a))
    # The check tags first: most records have one, so species_source is compared only for
    # the records without (the refresh's narrow article copy reads it; revision 0016 put it
    # in the covering index ix_articles_live).
    in_vitro_by_text = sa.and_(sa.not_(h), sa.not_(a), articles.c.species_source == "text")
    return sa.or_(
        claims.c.scope.not_in(("humans", "animals")),
        sa.and_(claims.c.scope == "humans", sa.not_(animals_only), sa.not_(in_vitro_by_text)),
        sa.and_(claims.c.scope == "animals", sa.not_(humans_only)),
    )


def not_retracted_condition() -> sa.ColumnElement[bool]:
    """PubMed does not mark the record retracted: the one test every count shares, raw
    retrieval's evidence counts and every screened number (store.screening.outcomes) alike."""
    return articles.c.retracted.is_(False)


def evidence_condition(scope: str = "claim") -> sa.ColumnElement[bool]:
    """The link counts as evidence in `scope` (claim, topic or store): not a letter,
    editorial, notice ..., not retracted, and its study counted once there
    (store.evidence.count_once: a preprint is left out where its journal version counts)."""
    return sa.and_(
        articles.c.study_design != NON_EVIDENCE, not_retracted_condition(), counted_once(scope)
    )


def counted_condition(all_records: bool = False, scope: str = "claim") -> sa.ColumnElement[bool]:
    """`live_condition`, and `evidence_condition` in `scope` unless raw retrieval is asked for."""
    if all_records:
        return live_condition()
    return sa.and_(live_condition(), evidence_condition(scope))


def article_condition() -> sa.ColumnElement[bool]:
    """A link whose claim is the article's own, not `context` (a yardstick claim the outline
    marks `context: true`): the headline totals count only these (store.read.overview
    record_totals, the store-wide summaries, `littrack status`); a context claim's own rows
    still show its records."""
    return claims.c.context.is_(False)


def high_level_condition() -> sa.ColumnElement[bool]:
    return sa.and_(
        articles.c.study_design.in_(HIGH_LEVEL_DESIGNS), articles.c.veterinary.is_(False)
    )


def read_frame(engine: Engine, stmt: sa.Executable) -> pd.DataFrame:
    with engine.connect() as conn:
        return frame_on(conn, stmt)


def frame_on(conn: sa.Connection, stmt: sa.Executable) -> pd.DataFrame:
    """read_frame on a connection the caller has set up (e.g. with a planner setting)."""
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def total(value: sa.ColumnElement) -> sa.ColumnElement:
    """sum() that is 0, not NULL, over no rows."""
    return sa.func.coalesce(sa.func.sum(value), 0)


def count_where(condition: sa.ColumnElement[bool]) -> sa.ColumnElement:
    return total(sa.case((condition, 1), else_=0))


def int_columns(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for column in columns:
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame


# -- store state and cache key --------------------------------------------------------------


def has_littrack_tables(engine: Engine) -> bool:
    """False for an empty PostgreSQL database, a stray file or another program's database;
    the test itself is store.db.migrations' (the same one that decides what to upgrade)."""
    with engine.connect() as conn:
        return migrations.has_littrack_tables(conn)


def store_state(engine: Engine) -> str:
    """'missing' (no littrack tables), 'outdated' (written by an earlier release and not
    upgraded yet: its tables lack what this code reads), 'newer' (written by a newer
    release), 'empty' (no fetch has run and no records) or 'ready'."""
    with engine.connect() as conn:
        schema = migrations.schema_state(conn)
    if schema == "empty":
        return "missing"
    if schema in ("legacy", "behind"):
        return "outdated"
    if schema == "newer":
        return "newer"
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


def latest_attempts() -> sa.Subquery:
    """Per claim, its newest claim_counts row whatever its status (claim_id, run_id,
    counted_at, retrieved, status, error): what the last fetch of the claim did."""
    newest = (
        sa.select(claim_counts.c.claim_id, sa.func.max(claim_counts.c.run_id).label("run_id"))
        .group_by(claim_counts.c.claim_id)
        .subquery("newest_attempt")
    )
    return (
        sa.select(
            claim_counts.c.claim_id,
            claim_counts.c.run_id,
            claim_counts.c.counted_at,
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


def live_link_count(conn: sa.Connection) -> int:
    """Live claim-record links (a record on two claims counts twice)."""
    stmt = sa.select(sa.func.count()).select_from(live_links()).where(live_condition())
    return int(conn.execute(stmt).scalar_one())


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
