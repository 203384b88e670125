"""The evidence map (the evidence-gap-map form): claims × design classes, one count per cell
and the direction of the screened verdicts in it.

The columns are store.models.STUDY_DESIGNS, whatever that holds when the map is drawn, so a
design class added there appears here without another change. A cell's count is the
claim's live records of that design; an empty cell is a gap and is returned as a 0 row, so
every reader draws the same grid.

A claim with screened included records (store.screening.decisions) is sized by those instead: its
cells count the included records of each design, so the map shows what the screening kept
rather than what the queries retrieved. The direction comes from `cell_direction`, the one
place screened verdicts enter the map: NO_VERDICTS where no included record of the cell has
a supports / contradicts / mixed verdict.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.schema import articles, claim_articles, claims, summary_claim_designs, topics
from store.evidence.counting import live_condition, live_links, read_frame, summaries_current
from store.models import STUDY_DESIGNS
from store.screening.outcomes import included_by_design

NO_VERDICTS = "no screened verdicts"

#: Every direction a cell can have, in legend order (the map's colour key).
DIRECTIONS: tuple[str, ...] = ("supports", "mixed", "contradicts", NO_VERDICTS)


def cell_direction(verdicts: dict[str, int] | None) -> str:
    """The direction the screened verdicts of one cell (claim × design) point: `verdicts`
    maps a verdict (store.screening.decisions.VERDICTS: "supports", "contradicts", "mixed") to its
    number of screened included records. Both ways, or any "mixed", is mixed; None or no
    such verdict (nothing screened, or only "no bearing") gives NO_VERDICTS."""
    if not verdicts:
        return NO_VERDICTS
    pro, con = verdicts.get("supports", 0), verdicts.get("contradicts", 0)
    if verdicts.get("mixed", 0) or (pro and con):
        return "mixed"
    if pro:
        return "supports"
    if con:
        return "contradicts"
    return NO_VERDICTS


def claim_design_counts(engine: Engine) -> pd.DataFrame:
    """claim_id, design, records for every active claim with live records (non-zero cells):
    from the summary the fetch job rewrites when it is current, else from the live links."""
    with engine.connect() as conn:
        if summaries_current(conn) and sa.inspect(conn).has_table(summary_claim_designs.name):
            cells = summary_claim_designs.c
            stmt = sa.select(cells.claim_id, cells.design, cells.records).select_from(
                summary_claim_designs.join(claims, claims.c.claim_id == cells.claim_id)
            )
            return read_frame(engine, stmt.where(claims.c.active.is_(True)))
    stmt = (
        sa.select(
            claim_articles.c.claim_id,
            articles.c.study_design.label("design"),
            sa.func.count().label("records"),
        )
        .select_from(live_links())
        .where(live_condition())
        .group_by(claim_articles.c.claim_id, articles.c.study_design)
    )
    return read_frame(engine, stmt)


def evidence_map(engine: Engine) -> pd.DataFrame:
    """One row per active claim × design class, in outline order then STUDY_DESIGNS order:
    topic_id, topic, claim_id, claim, design, records, row_max (the claim's largest cell,
    its own scale), direction, screened (True when the row counts screened included records,
    the claim having any, else retrieved records). Designs stored but not in STUDY_DESIGNS
    come last."""
    rows = read_frame(
        engine,
        sa.select(
            claims.c.topic_id,
            sa.func.coalesce(topics.c.title, claims.c.topic_id).label("topic"),
            claims.c.claim_id,
            claims.c.claim,
        )
        .select_from(claims.outerjoin(topics, topics.c.topic_id == claims.c.topic_id))
        .where(claims.c.active.is_(True))
        .order_by(topics.c.position, claims.c.position, claims.c.claim_id),
    )
    counts = claim_design_counts(engine)
    extra = sorted(set(counts["design"]) - set(STUDY_DESIGNS)) if len(counts) else []
    designs = list(STUDY_DESIGNS) + extra
    grid = rows.merge(pd.DataFrame({"design": designs}), how="cross")
    grid = grid.merge(counts, on=["claim_id", "design"], how="left")
    grid["records"] = grid["records"].fillna(0).astype("int64")
    screened = included_by_design(engine)
    verdict_columns = ["included", "supports", "contradicts", "mixed"]
    grid = grid.merge(screened, on=["claim_id", "design"], how="left")
    grid[verdict_columns] = grid[verdict_columns].fillna(0).astype("int64")
    grid["screened"] = grid["claim_id"].isin(set(screened["claim_id"]))
    grid.loc[grid["screened"], "records"] = grid.loc[grid["screened"], "included"]
    grid["row_max"] = grid.groupby("claim_id")["records"].transform("max").astype("int64")
    grid["direction"] = [
        cell_direction({"supports": s, "contradicts": c, "mixed": m})
        for s, c, m in zip(grid["supports"], grid["contradicts"], grid["mixed"], strict=True)
    ]
    grid = grid.drop(columns=verdict_columns)
    return grid.reset_index(drop=True)


def article_title(engine: Engine) -> str:
    """The outline's article title as the last outline import stored it ("" when none)."""
    stmt = (
        sa.select(topics.c.outline_title)
        .where(topics.c.outline_title != "")
        .order_by(topics.c.position)
        .limit(1)
    )
    with engine.connect() as conn:
        return conn.execute(stmt).scalar() or ""
