"""The New page's list: each new record once, with every claim it is new to, strongest design
first. "New" is store.evidence.novelty's rule over the whole store, the rule the overview's
"New this week" counts with: a record is new since T when every live link it has was first
seen at or after T and none is a baseline link. So the list's length for the last 7 days is
the overview's number, with the same All-records switch."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.schema import claim_articles
from store.evidence.counting import counted_condition, live_links
from store.evidence.novelty import claim_baselines, new_links, seen_as_new, with_baselines
from store.models import STUDY_DESIGNS

#: The list's columns, one row per record.
COLUMNS = ["pmid", "title", "design", "retracted", "erratum", "journal", "pub_date",
           "first_seen", "claims", "claim_ids", "topics", "doi"]  # fmt: skip


def new_record_pmids(engine: Engine, since: str, *, all_records: bool = False) -> set[int]:
    """Records new to the store since `since` (ISO UTC): their earliest seen_as_new over
    all their live links is at or after it (evidence only unless `all_records`)."""
    baselines = claim_baselines()
    stmt = (
        sa.select(claim_articles.c.pmid)
        .select_from(with_baselines(live_links(), baselines))
        .where(counted_condition(all_records))
        .group_by(claim_articles.c.pmid)
        .having(sa.func.min(seen_as_new(baselines)) >= since)
    )
    with engine.connect() as conn:
        return {int(p) for p in conn.execute(stmt).scalars()}


def new_records(engine: Engine, since: str, *, all_records: bool = False) -> pd.DataFrame:
    """COLUMNS, one row per record new since `since`, in design order (STUDY_DESIGNS, the
    strongest first) then newest first; `claims` joins the claim sentences it is new to."""
    wanted = new_record_pmids(engine, since, all_records=all_records)
    links = new_links(engine, since)
    links = links[links["pmid"].isin(wanted)]
    if links.empty:
        return pd.DataFrame(columns=COLUMNS)
    grouped = links.groupby("pmid", sort=False)
    frame = grouped.agg(
        title=("title", "first"),
        design=("design", "first"),
        retracted=("retracted", "first"),
        erratum=("erratum", "first"),
        journal=("journal", "first"),
        pub_date=("pub_date", "first"),
        first_seen=("first_seen", "min"),
        doi=("doi", "first"),
    ).reset_index()
    joined = grouped.agg(
        claims=("claim", lambda c: "; ".join(dict.fromkeys(c))),
        claim_ids=("claim_id", lambda c: ", ".join(dict.fromkeys(c))),
        topics=("topic", lambda t: "; ".join(dict.fromkeys(t))),
    ).reset_index()
    frame = frame.merge(joined, on="pmid")
    rank = {design: i for i, design in enumerate(STUDY_DESIGNS)}
    frame["rank"] = [rank.get(d, len(rank)) for d in frame["design"]]
    frame = frame.sort_values(["rank", "first_seen", "pmid"], ascending=[True, False, False])
    return frame[COLUMNS].reset_index(drop=True)
