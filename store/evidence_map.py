"""The evidence map (the evidence-gap-map form): claims × design classes, one count per cell
and the direction of the screened verdicts in it.

The columns are store.models.STUDY_DESIGNS, whatever that holds when the map is drawn, so a
design class added there appears here without another change. A cell's count is the
claim's live records of that design; an empty cell is a gap and is returned as a 0 row, so
every reader draws the same grid.

The direction comes from `cell_direction`, the one place screened verdicts enter the map.
Until the store holds screening verdicts every cell is NO_VERDICTS.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.models import STUDY_DESIGNS
from store.queries import live_condition, live_links, read_frame, summaries_current
from store.schema import articles, claim_articles, claims, summary_claim_designs, topics

NO_VERDICTS = "no screened verdicts"

#: Every direction a cell can have, in legend order (the map's colour key).
DIRECTIONS: tuple[str, ...] = ("supports", "mixed", "against", NO_VERDICTS)


def cell_direction(claim_id: str, design: str, verdicts: dict[str, int] | None) -> str:
    """The direction the screened verdicts of one cell point: `verdicts` maps a verdict
    ("supports", "against", ...) to its number of screened included records. None or
    empty (nothing screened yet, which is every cell today) gives NO_VERDICTS."""
    if not verdicts:
        return NO_VERDICTS
    pro, con = verdicts.get("supports", 0), verdicts.get("against", 0)
    if pro and con:
        return "mixed"
    if pro:
        return "supports"
    if con:
        return "against"
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
    its own scale), direction. Designs stored but not in STUDY_DESIGNS come last."""
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
    grid["row_max"] = grid.groupby("claim_id")["records"].transform("max").astype("int64")
    grid["direction"] = [
        cell_direction(c, d, None) for c, d in zip(grid["claim_id"], grid["design"], strict=True)
    ]
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
