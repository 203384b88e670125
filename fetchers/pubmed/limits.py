"""Bounds on what one record may hold: a PMID in range, text fields of a sane size.

PubMed's own data stays far inside these limits; they exist so that a hostile or broken
answer (a PMID of 2^63, an abstract of 60 MB) costs one record or one cut field, never a
batch, a database column or the dashboard tab that would have to render it.
"""

from __future__ import annotations

from fetchers.pubmed.errors import RecordError
from store.defaults import YEAR_MAX, YEAR_MIN
from store.models import MeshHeading

#: PMIDs are 1..~41 million today; this leaves room for decades and rejects 0, negatives
#: and numbers no database column could hold.
PMID_MAX = 99_999_999

#: Most ASCII digits read as a number anywhere in a record (PMIDs have 8, years 4).
MAX_DIGITS = 9

#: Longest text kept per field (characters). A real abstract is a few thousand characters;
#: anything beyond these is cut, and the record says which fields were cut.
FIELD_LIMITS = {
    "title": 20_000,
    "abstract": 200_000,
    "journal": 2_000,
    "journal_iso": 500,
    "volume": 200,
    "issue": 200,
    "pages": 500,
    "pub_date_text": 200,
    "citation_status": 200,
    "doi": 500,
    "pmc": 100,
}
#: Longest single item of a list field (an author name, a language, a keyword).
ITEM_LIMIT = 2_000
#: Most items kept in a list field (authors of a consortium paper run to a few thousand).
ITEMS_LIMIT = 10_000


def ascii_int(text: str | None, max_digits: int = MAX_DIGITS) -> int | None:
    """The number `text` spells in ASCII digits (at most `max_digits`), else None.

    `str.isdigit` is true for superscripts and other scripts' digits, and `int` turns
    thousands of digits into an error: this is the one reader of a number in a record."""
    value = (text or "").strip()
    if 0 < len(value) <= max_digits and value.isascii() and value.isdigit():
        return int(value)
    return None


def year_of(text: str | None) -> int | None:
    """A year within YEAR_MIN..YEAR_MAX, else None (unknown)."""
    year = ascii_int(text, 4)
    return year if year is not None and YEAR_MIN <= year <= YEAR_MAX else None


def pmid_of(text: str | None) -> int:
    """The PMID in `text`, or RecordError saying why it is not one (1..PMID_MAX, digits)."""
    value = (text or "").strip()
    if not value:
        raise RecordError("no PMID")
    if not (value.isascii() and value.isdigit()):
        raise RecordError(f"PMID is not a number: {value[:40]!r}")
    if len(value) > 9 or not 1 <= int(value) <= PMID_MAX:
        raise RecordError(f"PMID out of range 1..{PMID_MAX}: {value[:40]}")
    return int(value)


#: Most qualifiers kept per MeSH heading (MEDLINE uses a handful).
QUALIFIERS_LIMIT = 100

_TEXT_LIMITS = tuple(FIELD_LIMITS.items())
_LIST_FIELDS = ("authors", "languages", "publication_types", "keywords", "registry_ids")
#: Lists of linked PMIDs (CommentsCorrections): only their length needs a cap.
_LINK_FIELDS = ("retraction_in", "erratum_in", "updates", "updated_by")


def _mesh_over(mesh: tuple[MeshHeading, ...]) -> bool:
    """Whether a MeSH list breaks a limit (plain loops: runs on every indexed record, and
    nested generator expressions cost more than the length tests themselves)."""
    if len(mesh) > ITEMS_LIMIT:
        return True
    for heading in mesh:
        qualifiers = heading.qualifiers
        if len(heading.descriptor) > ITEM_LIMIT or len(qualifiers) > QUALIFIERS_LIMIT:
            return True
        for qualifier, _major in qualifiers:
            if len(qualifier) > ITEM_LIMIT:
                return True
    return False


def _cut_mesh(mesh: tuple[MeshHeading, ...]) -> tuple[MeshHeading, ...]:
    return tuple(
        MeshHeading(
            h.descriptor[:ITEM_LIMIT],
            h.ui[:100],
            h.major,
            tuple((q[:ITEM_LIMIT], m) for q, m in h.qualifiers[:QUALIFIERS_LIMIT]),
        )
        for h in mesh[:ITEMS_LIMIT]
    )


#: The text fields whose limit is small, and the smallest of those limits.
_SMALL_TEXTS = tuple(name for name, limit in _TEXT_LIMITS if limit < 20_000)
_SMALL_LIMIT = min(limit for name, limit in _TEXT_LIMITS if name in _SMALL_TEXTS)
_LARGE_TEXTS = tuple((name, limit) for name, limit in _TEXT_LIMITS if name not in _SMALL_TEXTS)


def _short_texts(fields: dict) -> bool:
    """A quick sufficient test that no text field is over its limit: every small-limit
    field within the smallest of those limits (C-level max over their lengths), and the
    few large-limit fields (title, abstract) tested one by one."""
    present = [value for value in map(fields.get, _SMALL_TEXTS) if value]
    if present and max(map(len, present)) > _SMALL_LIMIT:
        return False
    return all(len(fields.get(name) or "") <= limit for name, limit in _LARGE_TEXTS)


def cap_fields(fields: dict) -> None:
    """Cut over-long fields in place and name them in fields["cut_fields"].

    In the hot loop: a length test per field (about 1 % of a record's parse time), and
    work only when a field is over its limit."""
    get = fields.get
    if _short_texts(fields):
        cut = []
    else:
        cut = [name for name, limit in _TEXT_LIMITS if len(get(name) or "") > limit]
    for name in _LIST_FIELDS:
        items = get(name)
        if items and (len(items) > ITEMS_LIMIT or max(map(len, items)) > ITEM_LIMIT):
            cut.append(name)
    cut += [name for name in _LINK_FIELDS if len(get(name) or ()) > ITEMS_LIMIT]
    if get("mesh") and _mesh_over(fields["mesh"]):
        cut.append("mesh")
    if not cut:
        return
    for name in cut:
        if name in FIELD_LIMITS:
            fields[name] = fields[name][: FIELD_LIMITS[name]]
        elif name == "mesh":
            fields[name] = _cut_mesh(fields[name])
        elif name in _LINK_FIELDS:
            fields[name] = tuple(fields[name][:ITEMS_LIMIT])
        else:
            fields[name] = tuple(item[:ITEM_LIMIT] for item in fields[name][:ITEMS_LIMIT])
    fields["cut_fields"] = tuple(cut)


def cap_data_banks(
    banks: list[tuple[str, list[str]]],
) -> tuple[list[tuple[str, list[str]]], bool]:
    """A DataBankList (name, accession numbers per DataBank) within the list caps, and
    whether anything was cut: at most ITEMS_LIMIT accession numbers in all, ITEM_LIMIT
    characters per name or number. The raw list feeds the trial registry numbers; capped
    before that, a list of millions of numbers costs no more than one of 10,000."""
    kept, left, cut = [], ITEMS_LIMIT, len(banks) > ITEMS_LIMIT
    for name, numbers in banks[:ITEMS_LIMIT]:
        if len(name) > ITEM_LIMIT or len(numbers) > left:
            cut = True
        if any(len(number) > ITEM_LIMIT for number in numbers[:left]):
            cut = True
            numbers = [number[:ITEM_LIMIT] for number in numbers[:left]]
        kept.append((name[:ITEM_LIMIT], numbers[:left]))
        left -= len(kept[-1][1])
    return kept, cut
