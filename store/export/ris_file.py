"""RIS for Zotero, EndNote and Mendeley, written with rispy.

One reference per article even when it supports several claims: the claims go into the
keywords ("littrack:claim-id") and a note, so a reviewer can filter by claim in the reference
manager without duplicate entries. RIS has no comment syntax that every reader accepts, so
the NCBI disclaimer travels in the sidecar notes file (see store.export.notes), not inside.
Every value is folded to one line (store.formats.text.one_line): a line break inside a value would
end it, and the next line could forge a reference of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TextIO

import rispy

from store.formats.text import one_line

CLAIM_KEYWORD_PREFIX = "littrack:"


def _pages(pages: str) -> tuple[str, str]:
    start, _, end = (pages or "").partition("-")
    return start.strip(), end.strip()


def screening_notes(row: Mapping) -> list[str]:
    """The screening of one claim × record as RIS notes (none when not screened)."""
    if not row.get("screening_decision"):
        return []
    outcome = ", ".join(v for v in (row["screening_decision"], row.get("screening_verdict")) if v)
    notes = [f"littrack screening {row['claim_id']}: {outcome} ({row.get('reviewers', '')})"]
    if row.get("screening_note"):
        notes.append(f"littrack screening note {row['claim_id']}: {row['screening_note']}")
    return notes


def ris_entry(record: Mapping, claim_ids: Iterable[str], extra_notes: Iterable[str] = ()) -> dict:
    """An export_rows() record (plus the claims it supports) as a rispy reference;
    `extra_notes` (the screening of each claim) follow the claims note."""
    claim_ids = list(dict.fromkeys(claim_ids))
    start, end = _pages(record.get("pages", ""))
    entry: dict = {
        "type_of_reference": "BOOK" if record.get("is_book") else "JOUR",
        "title": record.get("title") or "",
        "authors": list(record.get("authors") or []),
        "secondary_title": record.get("journal") or "",
        "journal_name": record.get("journal_iso") or record.get("journal") or "",
        "volume": record.get("volume") or "",
        "number": record.get("issue") or "",
        "start_page": start,
        "end_page": end,
        "abstract": record.get("abstract") or "",
        "accession_number": str(record["pmid"]),
        "name_of_database": "PubMed",
        "database_provider": "National Library of Medicine",
        "urls": [record.get("pubmed_url") or ""],
        "keywords": list(record.get("keywords") or [])
        + [CLAIM_KEYWORD_PREFIX + c for c in claim_ids],
        "notes": ["littrack claims: " + ", ".join(claim_ids), *extra_notes],
    }
    if record.get("pub_year"):
        entry["year"] = str(record["pub_year"])
    if record.get("pub_date"):
        entry["date"] = record["pub_date"].replace("-", "/")
    if record.get("doi"):
        entry["doi"] = record["doi"]
    if record.get("language"):
        entry["language"] = record["language"]
    if record.get("retracted"):
        entry["notes"].append("RETRACTED according to PubMed")
    if record.get("erratum_in"):
        entry["notes"].append("PubMed lists an erratum for this article")
    if record.get("concern"):
        entry["notes"].append("EXPRESSION OF CONCERN according to PubMed")
    if record.get("study_design"):
        source = record.get("design_source") or "none"
        entry["notes"].append(f"littrack design: {record['study_design']} (from {source})")
    flags = [f for f in ("preprint", "veterinary") if record.get(f)]
    if flags:
        entry["notes"].append("littrack flags: " + ", ".join(flags))
    if record.get("registry_ids"):
        entry["notes"].append("Trial registry: " + ", ".join(record["registry_ids"]))
    if record.get("updated_by"):
        entry["notes"].append("Updated by PMID " + ", ".join(str(p) for p in record["updated_by"]))
    return {
        key: ([one_line(v) for v in value] if isinstance(value, list) else one_line(value))
        for key, value in entry.items()
        if value not in ("", [], None)
    }


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its `1.`, `2.` line before each reference: standard RIS starts
    every reference with `TY  -`, and some reference managers reject anything else."""

    def set_header(self, count: int) -> str:
        return ""


def write_ris(rows: Iterable[Mapping], out: TextIO) -> int:
    """Merge export_rows() (claim × article) into one reference per PMID, in first-seen
    order, and write them; returns the number of references."""
    records: dict[int, Mapping] = {}
    claims: dict[int, list[str]] = {}
    notes: dict[int, list[str]] = {}
    for row in rows:
        records.setdefault(row["pmid"], row)
        claims.setdefault(row["pmid"], []).append(row["claim_id"])
        notes.setdefault(row["pmid"], []).extend(screening_notes(row))
    entries = [ris_entry(records[pmid], claims[pmid], notes[pmid]) for pmid in records]
    if entries:
        out.write(rispy.dumps(entries, implementation=_RisWriter))
    return len(entries)
