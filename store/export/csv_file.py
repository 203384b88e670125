"""Reviewer CSV: a fixed, documented column set, UTF-8 (optionally with a BOM so Excel
detects the encoding), and cells that Excel cannot mistake for formulas.

The formula guard is store.formats.cells'; numbers and booleans are written as they are.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TextIO

import pandas as pd

from store.formats.cells import FORMULA_PREFIXES, excel_safe
from store.models import STUDY_DESIGNS

__all__ = ["FORMULA_PREFIXES", "excel_safe"]

BOM = "\ufeff"

#: The publications export, one row per claim × article: (column, meaning). docs/exports.md's
#: data dictionary is generated from this, and a test keeps the two in step.
PUBLICATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("claim_id", "Claim id from the outline (stable slug)"),
    ("topic_id", "Topic id the claim belongs to"),
    ("pmid", "PubMed identifier"),
    ("doi", "DOI, when PubMed lists one"),
    ("title", "Article title as PubMed gives it (plain text)"),
    ("authors", "Authors as 'Last Initials', separated by '; '"),
    ("first_author", "First author"),
    ("journal", "Journal title"),
    ("journal_iso", "ISO journal abbreviation"),
    ("volume", "Volume"),
    ("issue", "Issue"),
    ("pages", "Pages"),
    ("pub_year", "Publication year"),
    ("pub_date", "Publication date YYYY-MM-DD (missing month/day → 01)"),
    ("pub_date_text", "The date as PubMed printed it when it was not plain Y/M/D"),
    ("entrez_date", "Date the record entered PubMed (YYYY-MM-DD)"),
    (
        "design",
        "Study design (docs/evidence.md): "
        + ", ".join(STUDY_DESIGNS)
        + " ('pending' = design pending: not indexed by PubMed yet and no rule places it)",
    ),
    ("publication_types", "PubMed publication types, separated by '; '"),
    (
        "humans",
        "true when MeSH has the Humans check tag; empty when the record has no MeSH yet "
        "(not MEDLINE-indexed: unknown)",
    ),
    (
        "animals",
        "true when MeSH has the Animals check tag; empty when the record has no MeSH yet "
        "(not MEDLINE-indexed: unknown)",
    ),
    ("language", "First language code (e.g. eng)"),
    ("retracted", "true when PubMed marks the record as retracted"),
    ("erratum", "true when PubMed links an erratum"),
    ("citation_status", "MEDLINE indexing status (MEDLINE, In-Process, Publisher, ...)"),
    ("first_seen", "When littrack first linked the record to this claim (UTC)"),
    ("url", "PubMed page: https://pubmed.ncbi.nlm.nih.gov/PMID/"),
    ("doi_url", "https://doi.org/ link, when there is a DOI"),
    (
        "design_source",
        "What decided the design: publication type, mesh (a MeSH design heading), text "
        "(title/abstract wording of a record not indexed yet) or none",
    ),
    ("concern", "true when PubMed links an expression of concern (ExpressionOfConcernIn)"),
    ("preprint", "true for the publication type Preprint"),
    ("veterinary", "true for a veterinary publication type (e.g. Clinical Trial, Veterinary)"),
    (
        "registry_ids",
        "Trial registry numbers (NCT..., ISRCTN..., Registry:number such as "
        "EudraCT:2004-000123-45), separated by '; '",
    ),
    ("updated_by", "PMIDs of newer versions of this record (UpdateIn), separated by '; '"),
    (
        "screening_decision",
        "Screening outcome for this claim: include, exclude, maybe, conflict (reviewers "
        "disagree); empty: not screened",
    ),
    ("screening_verdict", "For an agreed include: supports, contradicts, mixed or no bearing"),
    ("reviewers", "Each reviewer's current decision, e.g. 'Ann: include, supports; Bo: exclude'"),
    ("screening_note", "The reviewers' notes, 'Ann: ...', separated by ' | '"),
    (
        "matched_terms",
        "Why the record matched the claim's query, evaluated locally: 'term → field: words' "
        "separated by '; '; \"matched by PubMed's expansion\" when the literal query does not "
        "select it (MeSH explosion, automatic term mapping); empty until a fetch explains it",
    ),
    # Last, so a sheet is readable without the outline's YAML and older column positions hold.
    ("claim", "The claim's sentence, as in the outline"),
    ("abstract", "Abstract as PubMed gives it (plain text; empty when PubMed has none)"),
)

#: The summary export, one row per claim × year.
SUMMARY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("claim_id", "Claim id"),
    ("topic_id", "Topic id"),
    ("year", "Publication year (or Entrez year with --by entrez)"),
    (
        "records",
        "Evidence records of the claim in that year (no non-evidence, no retracted; every "
        "stored record with --all-records)",
    ),
    ("pubmed_total", "All PubMed records of that publication year (blank: not recorded)"),
    ("per_100k", "records per 100,000 PubMed records of that year"),
    ("reference_total", "Records of the claim's reference_query that year (blank: none)"),
    ("reference_pct", "records as a percentage of reference_total"),
    ("screened", "Of `records`, those with a screening outcome"),
    ("included", "Of `records`, included (agreed or resolved)"),
    ("supports", "Included with the verdict supports"),
    ("contradicts", "Included with the verdict contradicts"),
    ("mixed", "Included with the verdict mixed"),
    ("no_bearing", "Included with the verdict no bearing"),
    ("excluded", "Of `records`, excluded"),
    ("maybe", "Of `records`, marked maybe"),
    ("conflicts", "Of `records`, reviewers disagree (not resolved)"),
    ("unscreened", "Of `records`, nobody has decided yet"),
    (
        "estimated_relevant",
        "The claim's relevant records (all years, every live record): found by screening "
        "plus the estimate for the unscreened (docs/screening.md); blank: nothing screened",
    ),
    ("estimated_relevant_low", "Lower end of its 95 % interval"),
    ("estimated_relevant_high", "Upper end of its 95 % interval"),
)


def _cell(value: object) -> object:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    return excel_safe(value)


def write_csv(
    rows: Iterable[Mapping], columns: Sequence[str], out: TextIO, *, bom: bool = False
) -> int:
    """Write `rows` (only `columns`, in that order) to a text stream opened with
    newline=''; returns the number of data rows."""
    if bom:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
        n += 1
    return n


def not_indexed(mesh: object) -> bool:
    """True when a record has no MeSH headings at all (stored as a JSON list or its text)."""
    if isinstance(mesh, str):
        try:
            mesh = json.loads(mesh)
        except ValueError:
            return False
    return isinstance(mesh, list | tuple) and len(mesh) == 0


def publication_csv_row(record: Mapping) -> dict:
    """An export_rows() record → the publications CSV's columns."""
    row = dict(record)
    if not_indexed(record.get("mesh")):
        # No MeSH at all: MEDLINE has not indexed the record yet, so "no Humans tag"
        # means unknown, not false.
        row["humans"] = row["animals"] = None
    row["design"] = record.get("study_design", "")
    for listed in ("registry_ids", "updated_by"):
        row[listed] = list(record.get(listed) or [])
    row["erratum"] = bool(record.get("erratum_in"))
    row["url"] = record.get("pubmed_url", "")
    return row


def frame_to_csv_bytes(frame: pd.DataFrame, *, bom: bool = True) -> bytes:
    """A DataFrame shown on screen as Excel-safe CSV bytes (for download buttons)."""
    buffer = io.StringIO(newline="")
    records = frame.to_dict(orient="records")
    write_csv(records, [str(c) for c in frame.columns], buffer, bom=bom)
    return buffer.getvalue().encode("utf-8")


def data_dictionary_markdown(columns: Sequence[tuple[str, str]]) -> str:
    lines = ["| column | meaning |", "|---|---|"]
    lines += [f"| `{name}` | {meaning} |" for name, meaning in columns]
    return "\n".join(lines)
