"""What reviewers' decisions add up to per claim × record: the outcome (agreed, resolved or
conflict), counts per claim and topic, included records by design and verdict, the direction
of evidence by year, included records PubMed retracted. Counting is in SQL on both backends.

A record PubMed retracts leaves every screened number (records, screened, included, the
verdicts, the map and the direction chart) the moment a fetch stores the flag, by the same
condition the retrieval counts use (store.evidence.counting.not_retracted_condition); its
decisions stay, and `retracted_inclusions` lists it until someone re-decides."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from store.db.schema import (
    articles,
    claim_articles,
    claims,
    screening_decisions,
    summary_records,
)
from store.evidence.counting import (
    counted_condition,
    live_condition,
    live_links,
    not_retracted_condition,
    read_frame,
    summaries_current,
    year_of,
)
from store.evidence.selection import scoped
from store.formats.links import pubmed_url
from store.screening.decisions import (
    WITHDRAWN,
    current_rows,
    d,
    has_screening,
)

#: Outcome statuses and the count columns built from them (see `screening_counts`).
COUNT_COLUMNS: tuple[str, ...] = (
    "records",
    "screened",
    "included",
    "supports",
    "contradicts",
    "mixed",
    "no_bearing",
    "excluded",
    "maybe",
    "conflicts",
    "unscreened",
)


def outcomes(*only: sa.ColumnElement[bool]) -> sa.Subquery:
    """Per screened claim × record: status (include / exclude / maybe / conflict), verdict
    (for an agreed or resolved include), reviewers (how many current decisions), last_id."""
    cur = current_rows(*only)
    key = cur.c.decision + sa.literal("|") + cur.c.verdict
    per_link = (
        sa.select(
            cur.c.claim_id,
            cur.c.pmid,
            sa.func.count().label("reviewers"),
            sa.func.count(sa.distinct(key)).label("kinds"),
            sa.func.min(cur.c.decision).label("any_decision"),
            sa.func.min(cur.c.verdict).label("any_verdict"),
            sa.func.max(cur.c.decision_id).label("last_id"),
        )
        .group_by(cur.c.claim_id, cur.c.pmid)
        .subquery("per_link")
    )
    last = screening_decisions.alias("last_decision")
    resolved = sa.and_(last.c.resolves.is_(True), last.c.decision != WITHDRAWN)
    status = sa.case(
        (resolved, last.c.decision),
        (per_link.c.kinds == 1, per_link.c.any_decision),
        else_=sa.literal("conflict"),
    )
    verdict = sa.case(
        (resolved, last.c.verdict),
        (per_link.c.kinds == 1, per_link.c.any_verdict),
        else_=sa.literal(""),
    )
    return (
        sa.select(
            per_link.c.claim_id,
            per_link.c.pmid,
            status.label("status"),
            verdict.label("verdict"),
            per_link.c.reviewers,
            per_link.c.last_id,
        )
        .join(last, last.c.decision_id == per_link.c.last_id)
        .subquery("outcome")
    )


def _live_with_outcome(out: sa.Subquery) -> sa.FromClause:
    return live_links().outerjoin(
        out,
        sa.and_(out.c.claim_id == claim_articles.c.claim_id, out.c.pmid == claim_articles.c.pmid),
    )


def _count_columns(out: sa.Subquery) -> list[sa.ColumnElement]:
    def n(condition: sa.ColumnElement[bool]) -> sa.ColumnElement:
        return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)

    included = out.c.status == "include"
    return [
        sa.func.count().label("records"),
        n(out.c.status.is_not(None)).label("screened"),
        n(included).label("included"),
        n(sa.and_(included, out.c.verdict == "supports")).label("supports"),
        n(sa.and_(included, out.c.verdict == "contradicts")).label("contradicts"),
        n(sa.and_(included, out.c.verdict == "mixed")).label("mixed"),
        n(sa.and_(included, out.c.verdict == "no bearing")).label("no_bearing"),
        n(out.c.status == "exclude").label("excluded"),
        n(out.c.status == "maybe").label("maybe"),
        n(out.c.status == "conflict").label("conflicts"),
        n(out.c.status.is_(None)).label("unscreened"),
    ]


def _empty_counts(key: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64") for c in COUNT_COLUMNS}).assign(
        **{key: pd.Series(dtype="object")}
    )[[key, *COUNT_COLUMNS]]


def _ints(frame: pd.DataFrame) -> pd.DataFrame:
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame


def _records_per_claim(
    conn: Connection, topic_id: str | None, claim_id: str | None
) -> pd.DataFrame:
    """claim_id, topic_id, records (live links to records not retracted) per active claim
    with such records: from the dashboard summaries when they are current (the same
    numbers, store/fetch/summaries.py), else counted."""
    if claim_id is None and summaries_current(conn):
        rec = summary_records.c
        kept = (rec.records - rec.retracted).label("records")
        stmt = (
            sa.select(claims.c.claim_id, claims.c.topic_id, kept)
            .select_from(summary_records.join(claims, claims.c.claim_id == rec.scope_id))
            .where(rec.scope == "claim", claims.c.active.is_(True), kept > 0)
        )
    else:
        stmt = (
            sa.select(claims.c.claim_id, claims.c.topic_id, sa.func.count().label("records"))
            .select_from(live_links())
            .where(live_condition(), not_retracted_condition())
            .group_by(claims.c.claim_id, claims.c.topic_id)
        )
        if claim_id is not None:
            stmt = stmt.where(claim_articles.c.claim_id == claim_id)
    if topic_id is not None:
        stmt = stmt.where(claims.c.topic_id == topic_id)
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def screening_counts(
    engine: Engine, *, topic_id: str | None = None, claim_id: str | None = None
) -> pd.DataFrame:
    """Per active claim with live records: claim_id, topic_id and COUNT_COLUMNS (`included`
    splits into supports / contradicts / mixed / no_bearing; an included record without a
    verdict is in `included` only).

    Only the screened links are joined (decisions are few); `records` comes from the
    summaries, and `unscreened` is the difference, so no page scans every link for it."""
    with engine.connect() as conn:
        if not has_screening(conn):
            return _empty_counts("claim_id").assign(topic_id=pd.Series(dtype="object"))
        records = _records_per_claim(conn, topic_id, claim_id)
        out = outcomes(*(() if claim_id is None else (d.claim_id == claim_id,)))
        counted = [c for c in _count_columns(out) if c.name not in ("records", "unscreened")]
        stmt = (
            sa.select(claims.c.claim_id, *counted)
            .select_from(
                out.join(
                    claim_articles,
                    sa.and_(
                        claim_articles.c.claim_id == out.c.claim_id,
                        claim_articles.c.pmid == out.c.pmid,
                    ),
                )
                .join(articles, articles.c.pmid == claim_articles.c.pmid)
                .join(claims, claims.c.claim_id == claim_articles.c.claim_id)
            )
            .where(live_condition(), not_retracted_condition())
            .group_by(claims.c.claim_id)
        )
        if claim_id is not None:
            stmt = stmt.where(out.c.claim_id == claim_id)
        result = conn.execute(stmt)
        screened = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    frame = records.merge(screened, on="claim_id", how="left")
    for column in COUNT_COLUMNS:
        if column not in frame:
            frame[column] = 0
    frame = _ints(frame)
    frame["unscreened"] = frame["records"] - frame["screened"]
    return frame[["claim_id", "topic_id", *COUNT_COLUMNS]]


def topic_screening_counts(engine: Engine) -> pd.DataFrame:
    """Per topic: COUNT_COLUMNS summed over its claims (claim × record pairs: a record
    judged for two claims of a topic counts twice, once per claim it was judged for)."""
    frame = screening_counts(engine)
    if frame.empty:
        return _empty_counts("topic_id")
    return frame.groupby("topic_id", as_index=False)[list(COUNT_COLUMNS)].sum()


# -- the Screen page ----------------------------------------------------------------------------


def direction_by_year(engine: Engine, claim_id: str, *, basis: str = "publication") -> pd.DataFrame:
    """year, study_design, verdict, records: the claim's live records whose outcome is an
    include that supports or contradicts, per year (records without a year left out)."""
    with engine.connect() as conn:
        if not has_screening(conn):
            return pd.DataFrame(columns=["year", "study_design", "verdict", "records"])
    out = outcomes(d.claim_id == claim_id)
    year = year_of(basis)
    stmt = (
        sa.select(
            year.label("year"),
            articles.c.study_design,
            out.c.verdict,
            sa.func.count().label("records"),
        )
        .select_from(_live_with_outcome(out))
        .where(
            live_condition(),
            not_retracted_condition(),
            claim_articles.c.claim_id == claim_id,
            out.c.status == "include",
            out.c.verdict.in_(("supports", "contradicts")),
            year.is_not(None),
        )
        .group_by(year, articles.c.study_design, out.c.verdict)
        .order_by(year, articles.c.study_design, out.c.verdict)
    )
    frame = read_frame(engine, stmt)
    for column in ("year", "records"):
        frame[column] = frame[column].astype("int64")
    return frame


#: retracted_inclusions' columns: one row per retracted record.
RETRACTED_COLUMNS = ["pmid", "title", "link", "claims", "reviewers", "decided_at"]


def retracted_inclusions(engine: Engine, *, claim_id: str | None = None) -> pd.DataFrame:
    """Records some reviewer currently includes for an active claim and PubMed now marks
    retracted, one row per record (one paper is one alert, however many claims and
    reviewers included it): pmid, title, link (PubMed), claims and reviewers (sorted,
    comma-separated), decided_at (the newest of those includes). Newest include first."""
    with engine.connect() as conn:
        if not has_screening(conn):
            return pd.DataFrame(columns=RETRACTED_COLUMNS)
    retracted = sa.select(articles.c.pmid).where(sa.not_(not_retracted_condition()))
    only = [d.pmid.in_(retracted)]  # retractions are rare: look only at their decisions
    if claim_id is not None:
        only.append(d.claim_id == claim_id)
    cur = current_rows(*only)
    stmt = (
        sa.select(cur.c.claim_id, cur.c.pmid, articles.c.title, cur.c.reviewer, cur.c.decided_at)
        .select_from(
            cur.join(articles, articles.c.pmid == cur.c.pmid).join(
                claims, claims.c.claim_id == cur.c.claim_id
            )
        )
        .where(
            cur.c.decision == "include",
            sa.not_(not_retracted_condition()),
            claims.c.active.is_(True),
        )
    )
    if claim_id is not None:
        stmt = stmt.where(cur.c.claim_id == claim_id)
    rows = read_frame(engine, stmt)
    if rows.empty:
        return pd.DataFrame(columns=RETRACTED_COLUMNS)
    frame = (
        rows.groupby("pmid", as_index=False)
        .agg(
            title=("title", "first"),
            claims=("claim_id", lambda v: ", ".join(sorted(set(v)))),
            reviewers=("reviewer", lambda v: ", ".join(sorted(set(v)))),
            decided_at=("decided_at", "max"),
        )
        .sort_values(["decided_at", "pmid"], ascending=[False, True], ignore_index=True)
    )
    frame["pmid"] = frame["pmid"].astype("int64")
    frame["link"] = [pubmed_url(p) for p in frame["pmid"]]
    return frame[RETRACTED_COLUMNS]


# -- exports --------------------------------------------------------------------------------------


def screened_by_year(
    engine: Engine,
    *,
    basis: str = "publication",
    topic_id: str | None = None,
    claim_id: str | None = None,
    since: str | None = None,
    all_records: bool = False,
) -> pd.DataFrame:
    """claim_id, year and COUNT_COLUMNS except records: the summary export's screened
    columns, counted like `screening_counts` but per year, over the same records as the
    export's `records` column (evidence only unless `all_records`), so that screened and
    unscreened add up to it."""
    columns = [c for c in COUNT_COLUMNS if c != "records"]
    with engine.connect() as conn:
        if not has_screening(conn):
            return pd.DataFrame(columns=["claim_id", "year", *columns])
    out = outcomes()
    year = year_of(basis)
    stmt = (
        sa.select(claims.c.claim_id, year.label("year"), *_count_columns(out))
        .select_from(_live_with_outcome(out))
        .where(counted_condition(all_records), year.is_not(None))
        .group_by(claims.c.claim_id, year)
    )
    stmt = scoped(stmt, topic_id, claim_id, since)
    frame = _ints(read_frame(engine, stmt))
    frame["year"] = frame["year"].astype("int64")
    return frame[["claim_id", "year", *columns]]


def add_screened_by_year(summary: pd.DataFrame, screened: pd.DataFrame) -> pd.DataFrame:
    """The summary export's claim × year rows with `screened_by_year`'s counts beside them
    (zero where nothing was screened)."""
    merged = summary.merge(screened, on=["claim_id", "year"], how="left")
    for column in screened.columns:
        if column not in ("claim_id", "year"):
            merged[column] = merged[column].fillna(0).astype("int64")
    # a year with records but no screening row: everything in it is unscreened
    merged["unscreened"] = merged["records"] - merged["screened"]
    return merged


def included_by_design(engine: Engine) -> pd.DataFrame:
    """claim_id, design, included, supports, contradicts, mixed: per active claim and study
    design, its live records whose screening outcome is an include, split by verdict (the
    evidence map's cell size and direction, store.read.evidence_map)."""
    columns = ["claim_id", "design", "included", "supports", "contradicts", "mixed"]
    with engine.connect() as conn:
        if not has_screening(conn):
            return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    out = outcomes()

    def n(verdict: str) -> sa.ColumnElement:
        return sa.func.coalesce(sa.func.sum(sa.case((out.c.verdict == verdict, 1), else_=0)), 0)

    stmt = (
        sa.select(
            claim_articles.c.claim_id,
            articles.c.study_design.label("design"),
            sa.func.count().label("included"),
            n("supports").label("supports"),
            n("contradicts").label("contradicts"),
            n("mixed").label("mixed"),
        )
        .select_from(_live_with_outcome(out))
        .where(live_condition(), not_retracted_condition(), out.c.status == "include")
        .group_by(claim_articles.c.claim_id, articles.c.study_design)
    )
    frame = read_frame(engine, stmt)
    for column in columns[2:]:
        frame[column] = frame[column].astype("int64")
    return frame
