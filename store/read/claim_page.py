"""Read models of the claim page that are more than one query: the volume by year on a chosen
scale (records, per 100,000 PubMed records, or against the claim's reference query) and the
newest publications with their flags as words. Kept here, not in the page, so the page only
draws, and so the rules (which years drop out, what a flag is called) are tested without a
browser."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy.engine import Engine

from store.read.claim_detail import claim_year_design, year_totals
from store.read.publications import newest_publications, normalise

#: Scale → (year_counts series, per): how a claim's yearly records are normalised.
SCALE_SERIES = {"pubmed": ("pubmed", 100_000), "reference": ("reference:{claim_id}", 100)}

#: (column of newest_publications, word in the Flags column), in the order shown.
FLAG_WORDS = (
    ("retracted", "RETRACTED"),
    ("concern", "CONCERN"),
    ("erratum", "erratum"),
    ("preprint", "preprint"),
    ("veterinary", "veterinary"),
)


@dataclass(frozen=True)
class Volume:
    """The volume chart's data: `frame` has year, study_design, records (and total and
    normalised on a normalised scale); `value` is the column to draw; `note` says why
    years are missing, or that no total is recorded yet ("" when nothing to say)."""

    frame: pd.DataFrame
    value: str
    note: str = ""


NO_TOTALS = {
    "pubmed": "PubMed's yearly totals are not recorded yet (`littrack fetch` records them at "
    "most monthly); the records themselves are under the Records scale.",
    "reference": "The reference series has no yearly counts yet (`littrack fetch` records them "
    "at most monthly), so nothing can be normalised; the records themselves are under the "
    "Records scale.",
}
SOME_TOTALS = (
    "Years without a recorded total are left out (`littrack fetch` records them at most "
    "monthly). Totals are by publication year."
)


def claim_volume(
    engine: Engine, claim_id: str, *, basis: str, all_records: bool, scale: str = "raw"
) -> Volume:
    """The claim's records per year and design on `scale` ("raw", "pubmed", "reference")."""
    volume = claim_year_design(engine, claim_id, basis=basis, all_records=all_records)
    if scale not in SCALE_SERIES or not len(volume):
        return Volume(volume, "records")
    series, per = SCALE_SERIES[scale]
    totals = year_totals(engine, series.format(claim_id=claim_id))
    volume = volume.merge(totals, on="year", how="left")
    volume["normalised"] = normalise(volume["records"], volume["total"].astype("Int64"), per)
    note = NO_TOTALS[scale] if not len(totals) else ""
    if len(totals) and volume["total"].isna().any():
        note = SOME_TOTALS
    return Volume(volume.dropna(subset=["normalised"]).reset_index(drop=True), "normalised", note)


def flags_text(row: pd.Series | dict) -> str:
    """A record's flags as words ("RETRACTED, erratum"), "" when it has none."""
    return ", ".join(word for column, word in FLAG_WORDS if bool(row[column]))


#: The newest-publications table's columns, in the order shown.
NEWEST_COLUMNS = ["new", "title", "design", "flags", "journal", "entrez_date", "pub_date",
                  "pmid", "pubmed", "doi"]  # fmt: skip


def newest_view(
    engine: Engine,
    claim_id: str,
    *,
    limit: int,
    new_since: str,
    basis: str = "publication",
    year: int | None = None,
) -> pd.DataFrame:
    """The claim's newest records as the page shows them: NEWEST_COLUMNS (title and flags
    beside each other, so a retracted row shows its flag at any width), then the abstract
    for the abstracts panel."""
    newest = newest_publications(
        engine, claim_id, limit=limit, new_since=new_since, basis=basis, year=year
    )
    table = pd.DataFrame(
        {
            "new": ["NEW" if n else "" for n in newest["is_new"]],
            "title": newest["title"],
            "design": newest["study_design"],
            "flags": [flags_text(row) for _, row in newest.iterrows()],
            "journal": newest["journal"],
            "entrez_date": newest["entrez_date"],
            "pub_date": newest["pub_date"],
            "pmid": newest["pmid"],
            "pubmed": newest["pubmed_url"],
            "doi": newest["doi_url"],
            "abstract": newest["abstract"],
        }
    )
    return table
