"""One claim's page: its records per year and study design, PubMed's yearly totals to
compare them with, its design and species mix, the history of its Counts, and where
"new since the last fetch" starts. Counting rules are in store/evidence/counting.py.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.schema import articles, claim_articles, claim_counts, year_counts
from store.evidence.counting import (
    count_where,
    counted_condition,
    int_columns,
    live_links,
    read_frame,
    year_of,
)
from store.evidence.design_rules import SPECIES_GROUPS

FINISHED_STATUSES = ("ok", "partial")


def claim_year_design(
    engine: Engine, claim_id: str, *, basis: str = "publication", all_records: bool = False
) -> pd.DataFrame:
    """year, study_design, records for one claim's live records (evidence unless
    `all_records`)."""
    year = year_of(basis)
    stmt = (
        sa.select(year.label("year"), articles.c.study_design, sa.func.count().label("records"))
        .select_from(live_links())
        .where(
            counted_condition(all_records),
            claim_articles.c.claim_id == claim_id,
            year.is_not(None),
        )
        .group_by(year, articles.c.study_design)
        .order_by(year, articles.c.study_design)
    )
    return int_columns(read_frame(engine, stmt), ["year", "records"])


def year_totals(engine: Engine, series: str) -> pd.DataFrame:
    """year, total: PubMed's count per publication year for a year_counts series
    ('pubmed' or 'reference:<claim_id>'); empty when the fetch has not recorded it."""
    stmt = (
        sa.select(year_counts.c.year, year_counts.c.count.label("total"))
        .where(year_counts.c.series == series)
        .order_by(year_counts.c.year)
    )
    return int_columns(read_frame(engine, stmt), ["year", "total"])


def claim_design_breakdown(
    engine: Engine, claim_id: str, *, all_records: bool = False
) -> pd.DataFrame:
    """study_design, records for one claim (designs without records are omitted)."""
    stmt = (
        sa.select(articles.c.study_design, sa.func.count().label("records"))
        .select_from(live_links())
        .where(counted_condition(all_records), claim_articles.c.claim_id == claim_id)
        .group_by(articles.c.study_design)
        .order_by(sa.func.count().desc(), articles.c.study_design)
    )
    return int_columns(read_frame(engine, stmt), ["records"])


def claim_species_breakdown(
    engine: Engine, claim_id: str, *, all_records: bool = False
) -> pd.DataFrame:
    """species, records: the MeSH Humans/Animals check tags of one claim's records, with
    records that have no MeSH yet (not indexed) apart from those tagged neither."""
    h, a = articles.c.humans.is_(True), articles.c.animals.is_(True)
    indexed = sa.func.json_array_length(articles.c.mesh) > 0
    stmt = (
        sa.select(
            count_where(sa.and_(indexed, h, sa.not_(a))).label(SPECIES_GROUPS[0]),
            count_where(sa.and_(indexed, a, sa.not_(h))).label(SPECIES_GROUPS[1]),
            count_where(sa.and_(indexed, h, a)).label(SPECIES_GROUPS[2]),
            count_where(sa.and_(indexed, sa.not_(h), sa.not_(a))).label(SPECIES_GROUPS[3]),
            count_where(sa.not_(indexed)).label(SPECIES_GROUPS[4]),
        )
        .select_from(live_links())
        .where(counted_condition(all_records), claim_articles.c.claim_id == claim_id)
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
    frame = read_frame(engine, stmt)
    for column in ("count", "retrieved"):
        frame[column] = frame[column].astype("Int64")
    return frame
