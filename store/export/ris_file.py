"""RIS for Zotero, EndNote and Mendeley, written with rispy.

One reference per article even when it supports several claims: the claims go into the
keywords ("littrack:claim-id") and a note, so a reviewer can filter by claim in the reference
manager without duplicate entries. RIS has no comment syntax that every reader accepts, so
the NCBI disclaimer travels in the sidecar notes file (see store.export.notes), not inside.
Every value is folded to one line (store.formats.text.one_line): a line break inside a value would
end it, and the next line could forge a reference of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
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


def _text(name: str) -> Callable[[Mapping], object]:
    return lambda record: record.get(name) or ""


#: RIS field (rispy's name) → how a record gives it, in RIS order. Empty values are left out.
FIELDS: tuple[tuple[str, Callable[[Mapping], object]], ...] = (
    ("type_of_reference", lambda r: "BOOK" if r.get("is_book") else "JOUR"),
    ("title", _text("title")),
    ("authors", lambda r: list(r.get("authors") or [])),
    ("secondary_title", _text("journal")),
    ("journal_name", lambda r: r.get("journal_iso") or r.get("journal") or ""),
    ("volume", _text("volume")),
    ("number", _text("issue")),
    ("start_page", lambda r: _pages(r.get("pages", ""))[0]),
    ("end_page", lambda r: _pages(r.get("pages", ""))[1]),
    ("abstract", _text("abstract")),
    ("accession_number", lambda r: str(r["pmid"])),
    ("name_of_database", lambda r: "PubMed"),
    ("database_provider", lambda r: "National Library of Medicine"),
    ("urls", lambda r: [r.get("pubmed_url") or ""]),
)

#: Fields only a record that has the value gets, after the fixed ones.
OPTIONAL_FIELDS: tuple[tuple[str, Callable[[Mapping], object]], ...] = (
    ("year", lambda r: str(r["pub_year"]) if r.get("pub_year") else ""),
    ("date", lambda r: (r.get("pub_date") or "").replace("-", "/")),
    ("doi", _text("doi")),
    ("language", _text("language")),
)


def _listed(label: str, values: Iterable[object]) -> str:
    values = [str(v) for v in values]
    return label + ", ".join(values) if values else ""


#: Notes a record's flags add, in this order: (the note, or a function of the record that
#: gives it or "" for none).
FLAG_NOTES: tuple[Callable[[Mapping], str], ...] = (
    lambda r: "RETRACTED according to PubMed" if r.get("retracted") else "",
    lambda r: "PubMed lists an erratum for this article" if r.get("erratum_in") else "",
    lambda r: "EXPRESSION OF CONCERN according to PubMed" if r.get("concern") else "",
    lambda r: (
        f"littrack design: {r['study_design']} (from {r.get('design_source') or 'none'})"
        if r.get("study_design")
        else ""
    ),
    lambda r: (
        ", ".join(f for f in ("preprint", "veterinary") if r.get(f))
        and ("littrack flags: " + ", ".join(f for f in ("preprint", "veterinary") if r.get(f)))
    ),
    lambda r: _listed("Trial registry: ", r.get("registry_ids") or []),
    lambda r: _listed("Updated by PMID ", r.get("updated_by") or []),
)


def ris_entry(record: Mapping, claim_ids: Iterable[str], extra_notes: Iterable[str] = ()) -> dict:
    """An export_rows() record (plus the claims it supports) as a rispy reference;
    `extra_notes` (the screening of each claim) follow the claims note."""
    claim_ids = list(dict.fromkeys(claim_ids))
    entry: dict = {name: read(record) for name, read in FIELDS}
    entry["keywords"] = list(record.get("keywords") or []) + [
        CLAIM_KEYWORD_PREFIX + c for c in claim_ids
    ]
    entry["notes"] = ["littrack claims: " + ", ".join(claim_ids), *extra_notes]
    entry.update((name, read(record)) for name, read in OPTIONAL_FIELDS)
    entry["notes"] += [note for flag in FLAG_NOTES if (note := flag(record))]
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
