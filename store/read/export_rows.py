"""The rows every export writes: one per live claim × article (publications, RIS, the
dashboard's download) and claim × year summaries, in one order with one selection
(store.evidence.selection)."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.schema import articles, claim_articles, claim_matches, claims, topics
from store.evidence.counting import counted_condition, live_condition, live_links, year_of
from store.evidence.selection import export_order, scoped
from store.fetch.matches import matched_terms_text
from store.formats.links import doi_url, pubmed_url
from store.read.claim_detail import year_totals
from store.read.publications import PublicationFilter, filter_conditions, json_list, normalise


def export_rows(
    engine: Engine,
    *,
    topic_id: str | None = None,
    claim_id: str | None = None,
    since: str | None = None,
    where: PublicationFilter | None = None,
) -> Iterator[dict]:
    """One dict per live claim × article link, in outline order then newest first; streamed
    from the database in batches so a large store never sits in memory. `since` keeps
    records whose Entrez date is on or after that day; `where` applies the Publications
    page's filter (the dashboard's CSV is this export, filtered as on screen)."""
    stmt = (
        sa.select(
            claims.c.claim_id,
            claims.c.topic_id,
            claims.c.claim,
            articles,
            claim_articles.c.first_seen,
            claim_matches.c.explained.label("match_explained"),
            claim_matches.c.hits.label("match_hits"),
        )
        .select_from(
            live_links()
            .outerjoin(topics, topics.c.topic_id == claims.c.topic_id)
            .outerjoin(
                claim_matches,
                sa.and_(
                    claim_matches.c.claim_id == claim_articles.c.claim_id,
                    claim_matches.c.pmid == claim_articles.c.pmid,
                    claim_matches.c.query_version == claims.c.query_version,
                ),
            )
        )
        .where(live_condition())
        .order_by(*export_order())
    )
    stmt = scoped(stmt, topic_id, claim_id, since)
    if where is not None:
        stmt = scoped(stmt, where.topic_id, where.claim_id, None)
        stmt = stmt.where(*filter_conditions(where))
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=500).execute(stmt)
        for row in result.mappings():
            record = dict(row)
            for key in (
                "authors",
                "languages",
                "publication_types",
                "keywords",
                "erratum_in",
                "registry_ids",
                "updated_by",
                "updates",
            ):
                record[key] = json_list(record.get(key))
            record["retraction_in"] = json_list(record.get("retraction_in"))
            record["pubmed_url"] = pubmed_url(record["pmid"])
            record["doi_url"] = doi_url(record.get("doi"))
            explained = record.pop("match_explained")
            hits = record.pop("match_hits")
            record["matched_terms"] = (
                ""
                if explained is None
                else matched_terms_text({"explained": explained, "hits": json_list(hits)})
            )
            yield record


def claim_year_summary(
    engine: Engine,
    *,
    topic_id: str | None = None,
    claim_id: str | None = None,
    since: str | None = None,
    basis: str = "publication",
    all_records: bool = False,
) -> pd.DataFrame:
    """claim_id, topic_id, year, records, pubmed_total, per_100k, reference_total,
    reference_pct: live evidence records (every live record with `all_records`) per claim
    and year, normalised by PubMed's total for that year (per 100,000) and by the claim's
    reference query (percent), where recorded."""
    year = year_of(basis)
    stmt = (
        sa.select(
            claims.c.claim_id,
            claims.c.topic_id,
            year.label("year"),
            sa.func.count().label("records"),
        )
        .select_from(live_links().outerjoin(topics, topics.c.topic_id == claims.c.topic_id))
        .where(counted_condition(all_records), year.is_not(None))
        .group_by(claims.c.claim_id, claims.c.topic_id, topics.c.position, claims.c.position, year)
        .order_by(topics.c.position, claims.c.position, claims.c.claim_id, year)
    )
    stmt = scoped(stmt, topic_id, claim_id, since)
    with engine.connect() as conn:
        result = conn.execute(stmt)
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    frame["year"] = frame["year"].astype("int64")
    frame["records"] = frame["records"].astype("int64")
    pubmed = year_totals(engine, "pubmed").rename(columns={"total": "pubmed_total"})
    frame = frame.merge(pubmed, on="year", how="left")
    references = [
        year_totals(engine, f"reference:{cid}").assign(claim_id=cid)
        for cid in frame["claim_id"].unique()
    ]
    references = [r for r in references if len(r)]
    if references:
        ref = pd.concat(references).rename(columns={"total": "reference_total"})
        frame = frame.merge(ref, on=["claim_id", "year"], how="left")
    else:
        frame["reference_total"] = pd.NA
    frame["pubmed_total"] = frame["pubmed_total"].astype("Int64")
    frame["reference_total"] = frame["reference_total"].astype("Int64")
    frame["per_100k"] = normalise(frame["records"], frame["pubmed_total"], 100_000)
    frame["reference_pct"] = normalise(frame["records"], frame["reference_total"], 100)
    return frame[
        [
            "claim_id",
            "topic_id",
            "year",
            "records",
            "pubmed_total",
            "per_100k",
            "reference_total",
            "reference_pct",
        ]
    ]
