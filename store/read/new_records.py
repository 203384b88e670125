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
from store.evidence.counting import live_condition, live_links
from store.evidence.novelty import claim_baselines, is_baseline, new_links, with_baselines
from store.models import STUDY_DESIGNS

#: The list's columns, one row per record.
COLUMNS = ["pmid", "title", "design", "retracted", "erratum", "journal", "pub_date",
           "first_seen", "claims", "claim_ids", "topics", "doi"]  # fmt: skip


#: PMIDs per IN (...) list: under every backend's bound-parameter limit.
CHUNK = 900


def seen_before(engine: Engine, pmids: list[int], since: str) -> set[int]:
    """Of `pmids`, those with a live link that is a baseline link or was first seen before
    `since`: not new to the store, whatever their newer links say."""
    baselines = claim_baselines()
    old = sa.or_(is_baseline(baselines), claim_articles.c.first_seen < since)
    found: set[int] = set()
    with engine.connect() as conn:
        for start in range(0, len(pmids), CHUNK):
            stmt = (
                sa.select(claim_articles.c.pmid)
                .select_from(with_baselines(live_links(), baselines))
                .where(live_condition(), claim_articles.c.pmid.in_(pmids[start : start + CHUNK]))
                .where(old)
                .distinct()
            )
            found |= {int(p) for p in conn.execute(stmt).scalars()}
    return found


def new_records(engine: Engine, since: str, *, all_records: bool = False) -> pd.DataFrame:
    """COLUMNS, one row per record new since `since`, in design order (STUDY_DESIGNS, the
    strongest first) then newest first; `claims` joins the claim sentences it is new to.

    Only the records of the new links can be new, so the check that none of their links is
    older (`seen_before`) reads those few records' links, not the whole store's."""
    links = new_links(engine, since, all_records=all_records)
    older = seen_before(engine, sorted({int(p) for p in links["pmid"]}), since)
    links = links[~links["pmid"].isin(older)]
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
