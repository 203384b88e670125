"""A reviewer's queue on one claim: the records they have not decided yet, in a chosen order,
their progress and their last decision (for undo)."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.schema import (
    articles,
    claim_articles,
    screening_decisions,
)
from store.evidence.counting import (
    live_condition,
    live_links,
    read_frame,
)
from store.models import STUDY_DESIGNS
from store.screening.decisions import (
    WITHDRAWN,
    clean_reviewer,
    current_rows,
    d,
)

QUEUE_ORDERS = {
    "priority": "Priority (model)",
    "newest": "Newest first",
    "design": "By design level",
    "random": "Random (audit)",
}
#: Orders computed in Python (store/screening/ranking.py) rather than by SQL.
RANKED_ORDERS = ("priority", "random")


_COLUMNS = (
    articles.c.pmid,
    articles.c.title,
    articles.c.journal,
    articles.c.pub_year,
    articles.c.entrez_date,
    articles.c.study_design,
    articles.c.retracted,
    articles.c.erratum_in,
    articles.c.abstract,
)


def queue(
    engine: Engine,
    claim_id: str,
    reviewer: str,
    *,
    order: str = "newest",
    limit: int = 50,
    ranked: list[int] | None = None,
) -> pd.DataFrame:
    """The claim's live records the reviewer has not decided yet: pmid, title, journal,
    pub_year, entrez_date, study_design, retracted, erratum_in, abstract. `newest` is by
    Entrez date; `design` puts the strongest designs (STUDY_DESIGNS order) first;
    `priority` and `random` follow `ranked` (every live PMID of the claim in that order,
    from store.screening.ranking.ranked; read here when not given), records nobody has
    decided first."""
    if order not in QUEUE_ORDERS:
        raise ValueError(f"unknown queue order {order!r}")
    if order in RANKED_ORDERS:
        return _ranked_queue(engine, claim_id, reviewer, order, limit, ranked)
    cur = current_rows(d.claim_id == claim_id, d.reviewer == clean_reviewer(reviewer))
    mine = (
        sa.select(cur.c.pmid)
        .where(cur.c.claim_id == claim_id, cur.c.reviewer == clean_reviewer(reviewer))
        .scalar_subquery()
    )
    rank = sa.case(
        *((articles.c.study_design == name, i) for i, name in enumerate(STUDY_DESIGNS)),
        else_=len(STUDY_DESIGNS),
    )
    newest = (articles.c.entrez_date.desc(), articles.c.pmid.desc())
    ordering = newest if order == "newest" else (rank, *newest)
    stmt = (
        sa.select(*_COLUMNS)
        .select_from(live_links())
        .where(
            live_condition(),
            claim_articles.c.claim_id == claim_id,
            claim_articles.c.pmid.not_in(mine),
        )
        .order_by(*ordering)
        .limit(limit)
    )
    frame = read_frame(engine, stmt)
    frame["retracted"] = frame["retracted"].astype(bool)
    return frame


def _ranked_queue(
    engine: Engine,
    claim_id: str,
    reviewer: str,
    order: str,
    limit: int,
    ranked: list[int] | None,
) -> pd.DataFrame:
    from store.screening import ranking

    if ranked is None:
        texts = ranking.claim_texts(engine, claim_id)
        ranked = ranking.ranked(texts, ranking.history(engine, claim_id), order)
    cur = current_rows(d.claim_id == claim_id)
    with engine.connect() as conn:
        decided = conn.execute(
            sa.select(cur.c.pmid, cur.c.reviewer).where(cur.c.claim_id == claim_id)
        ).all()
    mine = {int(p) for p, who in decided if who == clean_reviewer(reviewer)}
    anyone = {int(p) for p, _ in decided}
    # Records nobody has decided come first, so every decision adds to what is screened;
    # those only others decided follow (a second look), in the same order.
    chosen = [p for p in ranked if p not in anyone] + [p for p in ranked if p not in mine]
    chosen = list(dict.fromkeys(chosen))[:limit]
    stmt = sa.select(*_COLUMNS).where(articles.c.pmid.in_(chosen))
    if not chosen:
        frame = pd.DataFrame(columns=[c.name for c in _COLUMNS])
    else:
        frame = read_frame(engine, stmt).set_index("pmid", drop=False).loc[chosen]
        frame = frame.reset_index(drop=True)
    frame["retracted"] = frame["retracted"].astype(bool)
    return frame


def progress(engine: Engine, claim_id: str, reviewer: str) -> tuple[int, int]:
    """(records the reviewer has decided, live records of the claim)."""
    cur = current_rows(d.claim_id == claim_id, d.reviewer == clean_reviewer(reviewer))
    mine = sa.and_(cur.c.claim_id == claim_id, cur.c.reviewer == clean_reviewer(reviewer))
    stmt = (
        sa.select(
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(sa.case((cur.c.decision_id.is_not(None), 1), else_=0)), 0),
        )
        .select_from(
            live_links().outerjoin(cur, sa.and_(mine, cur.c.pmid == claim_articles.c.pmid))
        )
        .where(live_condition(), claim_articles.c.claim_id == claim_id)
    )
    with engine.connect() as conn:
        total, done = conn.execute(stmt).one()
    return int(done), int(total)


def last_decision(engine: Engine, claim_id: str, reviewer: str) -> dict | None:
    """The reviewer's newest row on this claim (what undo would undo), with the title."""
    stmt = (
        sa.select(screening_decisions, articles.c.title)
        .select_from(screening_decisions.outerjoin(articles, articles.c.pmid == d.pmid))
        .where(d.claim_id == claim_id, d.reviewer == clean_reviewer(reviewer))
        .order_by(d.decision_id.desc())
        .limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(stmt).first()
    return None if row is None or row.decision == WITHDRAWN else dict(row._mapping)
