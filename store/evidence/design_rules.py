"""Study-design classes and integrity flags: the rules as tables a reviewer can audit.

One module decides what a record *is* (its `design` and where that came from) for both the
parser (fetchers.pubmed, at fetch time) and the schema migration (store/db/migrations, which
recomputes every stored record from its stored columns). Both must agree, so both call
`classify` here; it needs only the standard library (no requests, no SQLAlchemy).

How a record's class is decided, first rule that applies wins:

1. **Publication types** (`PUBLICATION_TYPE_CLASS`). Notices (`NOTICE_TYPES`: errata,
   retraction and concern notices) are always `non-evidence`. Other non-evidence types
   (`NON_EVIDENCE_TYPES`: editorials, news, biographies, ...) are `non-evidence` unless the
   record is also a case report; letter forms (`LETTER_FORM_TYPES`: letters, comments) are
   `non-evidence` unless the record is also a case report or a study (`STUDIES_IN_LETTER_FORM`:
   a trial reported as a letter is a trial). Otherwise the class found first in `PRECEDENCE`
   wins, after `DEMOTED_BY`: NLM puts trial types on reviews that *discuss* trials, so a
   Review that also carries "Clinical Trial" is a review.
2. **MeSH design headings** (`MESH_DESIGN_HEADINGS`: Cohort, Retrospective, Case-Control ...
   Studies) when the publication types left the record `other`.
3. **Title and abstract wording** (`TEXT_PATTERNS`), only for records PubMed has not indexed
   (`INDEXED_STATUSES`): wording that names a design replaces `other` or a publisher's generic
   "Review" (a "Review" titled "... a systematic review and meta-analysis" is a meta-analysis).
   The title is read whole; in the abstract only phrases where the authors describe their own
   work ("this retrospective cohort study", "we conducted a systematic review") count, so a
   review *of* randomized trials does not become a trial. Negations ("non-randomized",
   "quasi-randomized") are excluded by the patterns themselves. For a record still `other`
   after that: a trial-registry number in the abstract makes it a `clinical trial`, else a
   counted group of people it studied makes it `observational` (`counted_people`,
   store/evidence/design_counts.py); an unindexed record no rule places is `pending`.

Once PubMed indexes a record the weekly re-fetch replaces a text class by the indexed one.
`docs/evidence.md` holds the generated table of publication-type sets → class over the
real sample records (tests/support/evidence_table.py; a test fails when it is stale).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from store.evidence.design_counts import counted_people
from store.evidence.design_text import design_from_text
from store.evidence.wording import Wording, normalise, register_keys

#: Every class, highest level of evidence first (charts and legends use this order).
DESIGNS: tuple[str, ...] = (
    "meta-analysis",
    "systematic review",
    "rct",
    "clinical trial",
    "observational",
    "case report",
    "guideline",
    "review",
    "protocol",
    "other",
    "pending",
    "non-evidence",
)

#: How each class is shown wherever designs are displayed or counted (legends, map columns,
#: exports' notes): `pending` is "design pending", never lumped with "other".
DESIGN_LABELS: dict[str, str] = {design: design for design in DESIGNS} | {
    "pending": "design pending"
}

#: Where a class came from.
DESIGN_SOURCES: tuple[str, ...] = ("publication type", "mesh", "text", "none")

NON_EVIDENCE = "non-evidence"
PENDING = "pending"

# -- 1. publication types ----------------------------------------------------------------------

#: Publication type (lower case) → class. Types not listed (Journal Article, Comparative
#: Study, Multicenter Study, Research Support, English Abstract, Historical Article ...) say
#: nothing about the design: NLM puts Comparative/Multicenter on trials, lab and animal work
#: alike. "Clinical Study" covers trials and observational work alike and is not listed either.
PUBLICATION_TYPE_CLASS: dict[str, str] = {
    "meta-analysis": "meta-analysis",
    "network meta-analysis": "meta-analysis",
    "systematic review": "systematic review",
    "randomized controlled trial": "rct",
    "randomized controlled trial, veterinary": "rct",
    "clinical trial": "clinical trial",
    "clinical trial, phase i": "clinical trial",
    "clinical trial, phase ii": "clinical trial",
    "clinical trial, phase iii": "clinical trial",
    "clinical trial, phase iv": "clinical trial",
    "clinical trial, veterinary": "clinical trial",
    "controlled clinical trial": "clinical trial",
    "pragmatic clinical trial": "clinical trial",
    "equivalence trial": "clinical trial",
    "adaptive clinical trial": "clinical trial",
    "observational study": "observational",
    "observational study, veterinary": "observational",
    "case reports": "case report",
    "practice guideline": "guideline",
    "guideline": "guideline",
    "consensus development conference": "guideline",
    "consensus development conference, nih": "guideline",
    "review": "review",
    "scoping review": "review",
    "clinical trial protocol": "protocol",
}

#: Among the classes the types give, the first listed decides. A protocol reports no results
#: whatever else it is tagged with; syntheses and guidelines are documents about studies.
PRECEDENCE: tuple[str, ...] = (
    "protocol",
    "meta-analysis",
    "systematic review",
    "guideline",
    "rct",
    "clinical trial",
    "observational",
    "case report",
    "review",
)

#: class → classes it overrides when both are present (applied before PRECEDENCE).
DEMOTED_BY: dict[str, frozenset[str]] = {
    "review": frozenset({"rct", "clinical trial"}),
}

#: Notices about other records: never evidence.
NOTICE_TYPES: frozenset[str] = frozenset(
    {
        "published erratum",
        "retraction of publication",
        "expression of concern",
        "retraction notice",
    }
)

#: Not evidence unless the record is also a case report.
NON_EVIDENCE_TYPES: frozenset[str] = frozenset(
    {
        "editorial",
        "news",
        "newspaper article",
        "biography",
        "autobiography",
        "portrait",
        "interview",
        "personal narrative",
        "obituary",
        "lecture",
        "address",
        "introductory journal article",
        "directory",
        "dictionary",
        "bibliography",
        "patient education handout",
        "periodical index",
        "festschrift",
    }
)

#: Types that make a record non-evidence when no type names a design: a Historical Article
#: with no other type is an essay on the history of a subject.
ESSAY_ONLY_TYPES: frozenset[str] = frozenset({"historical article"})

#: Not evidence unless the record is also a case report or a study reported in letter form.
LETTER_FORM_TYPES: frozenset[str] = frozenset({"letter", "comment"})

#: Classes that keep a letter-form record evidence.
STUDIES_IN_LETTER_FORM: frozenset[str] = frozenset(
    {"meta-analysis", "systematic review", "rct", "clinical trial", "observational", "case report"}
)

# -- 2. MeSH design headings -------------------------------------------------------------------

#: MeSH descriptor → class, used when the publication types leave a record `other`.
#: "... as Topic" headings describe the subject, not the design, and are not listed;
#: neither are Double-Blind Method or Random Allocation (NLM uses them on animal work too).
MESH_DESIGN_HEADINGS: dict[str, str] = {
    "Cohort Studies": "observational",
    "Retrospective Studies": "observational",
    "Prospective Studies": "observational",
    "Longitudinal Studies": "observational",
    "Follow-Up Studies": "observational",
    "Case-Control Studies": "observational",
    "Cross-Sectional Studies": "observational",
    "Matched-Pair Analysis": "observational",
    "Interrupted Time Series Analysis": "observational",
}

# -- 3. title and abstract wording -------------------------------------------------------------

#: MedlineCitation@Status values of records NLM has indexed: their types and MeSH are final,
#: so wording is not read. Every other status (Publisher, In-Process, In-Data-Review,
#: PubMed-not-MEDLINE, books) is read.
INDEXED_STATUSES: frozenset[str] = frozenset({"MEDLINE", "OLDMEDLINE"})

#: Classes wording may replace (a publisher's generic "Review" or nothing at all).
TEXT_REPLACES: frozenset[str] = frozenset({"other", "review"})

#: Citation statuses of records NLM has not indexed *yet* (MeSH and types will come): a
#: record there that no rule places is `pending`, not `other`. PubMed-not-MEDLINE records
#: are never indexed, so their `other` is final.
PENDING_STATUSES: frozenset[str] = frozenset({"Publisher", "In-Process", "In-Data-Review"})

# -- flags ------------------------------------------------------------------------------------

VETERINARY_TYPES: frozenset[str] = frozenset(
    {
        "randomized controlled trial, veterinary",
        "clinical trial, veterinary",
        "observational study, veterinary",
        "clinical trial protocol, veterinary",
    }
)
PREPRINT_TYPES: frozenset[str] = frozenset({"preprint"})

#: DataBankName values that are trial registries (DataBankList also names PDB, GenBank ...).
TRIAL_REGISTRIES: frozenset[str] = frozenset(
    {
        "ClinicalTrials.gov",
        "ISRCTN",
        "EudraCT",
        "ANZCTR",
        "ChiCTR",
        "CTRI",
        "DRKS",
        "JPRN",
        "NTR",
        "PACTR",
        "ReBec",
        "RPCEC",
        "SLCTR",
        "TCTR",
        "IRCT",
    }
)

#: Registry numbers found in abstract text (records not indexed yet have no DataBankList):
#: (registry, pattern, lower-case keys). A pattern runs only when one of its keys occurs.
REGISTRY_ID_PATTERNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("ClinicalTrials.gov", r"\bNCT\s?\d{8}\b", ("NCT", "nct")),
    ("ISRCTN", r"\bISRCTN\s?\d{8}\b", ("ISRCTN", "isrctn")),
    (
        "EudraCT",
        r"\b(?:EudraCT|EU\s?CT)\b[^0-9]{0,20}(\d{4}-\d{6}-\d{2})\b",
        ("EudraCT", "EUDRACT", "EU CT", "EUCT"),
    ),
    ("ChiCTR", r"\b(ChiCTR-?[A-Z]{0,3}-?\d{8,10})\b", ("ChiCTR", "CHICTR")),
    ("ANZCTR", r"\b(ACTRN\d{14})\b", ("ACTRN",)),
    ("CTRI", r"\b(CTRI/\d{4}/\d{2,3}/\d{6})\b", ("CTRI/",)),
    ("DRKS", r"\b(DRKS\d{8})\b", ("DRKS",)),
    ("IRCT", r"\b(IRCT\d{6,}N\d+)\b", ("IRCT",)),
    ("JPRN", r"\b(UMIN\d{9}|jRCTs?\d{9,10})\b", ("UMIN", "jRCT")),
)
_REGISTRY_RES = tuple(
    (name, re.compile(p, re.IGNORECASE), keys) for name, p, keys in REGISTRY_ID_PATTERNS
)
#: Every key, for the pre-check (case-sensitive substring tests: registries print their
#: prefixes in these cases; a case-insensitive regex gate cost 10x more per abstract).
_REGISTRY_KEYS: tuple[str, ...] = tuple(k for _n, _p, keys in REGISTRY_ID_PATTERNS for k in keys)


#: Keys by their lower-case form, as the wording scan finds them: a key occurs only where
#: its form does, so only the keys whose form was found are tested on the abstract.
_REGISTRY_BY_LOW = {
    low: tuple(k for k in _REGISTRY_KEYS if normalise(k) == low)
    for low in map(normalise, _REGISTRY_KEYS)
}
register_keys(_REGISTRY_BY_LOW)


def _registry_candidates(
    abstract: str, wording: Wording | None = None
) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The registry patterns worth running: those one of whose keys occurs (case as given;
    most abstracts: none). Worked out once per record `wording` (classify and registry_ids
    both ask); its scan (if made) narrows the keys to test."""
    if not abstract:
        return ()
    if wording is not None and wording.registry is not None:
        return wording.registry
    found = wording.scanned(1) if wording is not None else None
    tested = _REGISTRY_KEYS
    if found is not None:
        tested = [k for low in _REGISTRY_BY_LOW.keys() & found for k in _REGISTRY_BY_LOW[low]]
    present = {k for k in tested if k in abstract}
    patterns = tuple((name, p) for name, p, keys in _REGISTRY_RES if not present.isdisjoint(keys))
    if wording is not None:
        if patterns and wording.abstract == abstract:
            low = wording.low(1)
            patterns = tuple(
                (name, p) for name, p in patterns if name not in _LOW_NEEDS or _LOW_NEEDS[name](low)
            )
        wording.registry = patterns
    return patterns


#: A necessary condition on the normalised abstract (Wording.low) for a registry pattern to
#: match the abstract: "nct" occurs in a fifth of abstracts ("function", "distinct") and the
#: case-insensitive NCT pattern then scans the whole abstract (27 us); this literal search
#: costs about 1 us. Exact: the pattern's N, C and T match only ASCII letters of either case,
#: and the one whitespace character it allows before the digits stays one space.
_LOW_NEEDS = {"ClinicalTrials.gov": re.compile(r"nct ?\d").search}


def has_registry_number(abstract: str, wording: Wording | None = None) -> bool:
    """Whether the abstract quotes a trial-registry number (NCT…, ISRCTN…, EudraCT …)."""
    return any(p.search(abstract) for _name, p in _registry_candidates(abstract, wording))


def type_set(publication_types: Iterable[str]) -> set[str]:
    """Publication types as the rules compare them (stripped, lower case, no blanks)."""
    return {t.strip().lower() for t in publication_types if t and not t.isspace()}


def design_from_types(publication_types: Iterable[str]) -> str | None:
    """The class the publication types decide, or None when they say nothing."""
    return _design_of_types(type_set(publication_types))


def _design_of_types(types: set[str] | frozenset[str]) -> str | None:
    key = frozenset(types)  # cached for short sets only: hostile input cannot grow the cache
    return (_decided_types if sum(map(len, key)) <= 500 else _decided_types.__wrapped__)(key)


@lru_cache(maxsize=1024)  # NLM's short type list: 186 sets over the samples, 3-4 us a record
def _decided_types(types: frozenset[str]) -> str | None:
    classes = {PUBLICATION_TYPE_CLASS[t] for t in types if t in PUBLICATION_TYPE_CLASS}
    if types & NOTICE_TYPES:
        return NON_EVIDENCE
    if types & NON_EVIDENCE_TYPES and "case report" not in classes:
        return NON_EVIDENCE
    if types & LETTER_FORM_TYPES and not classes & STUDIES_IN_LETTER_FORM:
        return NON_EVIDENCE
    if not classes and types & ESSAY_ONLY_TYPES:
        return NON_EVIDENCE
    for stronger, weaker in DEMOTED_BY.items():
        if stronger in classes:
            classes -= weaker
    return next((design for design in PRECEDENCE if design in classes), None)


def design_from_mesh(descriptors: Iterable[str]) -> str | None:
    found = {MESH_DESIGN_HEADINGS[d] for d in descriptors if d in MESH_DESIGN_HEADINGS}
    return next((design for design in PRECEDENCE if design in found), None)


def classify(
    publication_types: Iterable[str],
    mesh_descriptors: Iterable[str] = (),
    title: str = "",
    abstract: str = "",
    citation_status: str = "",
    *,
    wording: Wording | None = None,
    types: set[str] | frozenset[str] | None = None,
) -> tuple[str, str]:
    """(design, design_source) for one record, from the fields the store keeps. `wording`
    is the record's title and abstract already scanned, `types` its publication types
    as `type_set` reads them (the parser works both out once per record)."""
    design = _design_of_types(type_set(publication_types) if types is None else types)
    source = "publication type"
    if design is None:
        design, source = "other", "none"
        from_mesh = design_from_mesh(mesh_descriptors)
        if from_mesh is not None:
            design, source = from_mesh, "mesh"
    if citation_status not in INDEXED_STATUSES and design in TEXT_REPLACES:
        if wording is None:
            wording = Wording(title, abstract)
        from_text = design_from_text(title, abstract, design, wording=wording)
        if from_text is None and design == "other":
            if has_registry_number(abstract, wording):
                from_text = "clinical trial"  # a registered trial the wording does not name
            else:
                from_text = counted_people(title, abstract, wording=wording)
        if from_text is not None and from_text != design:
            design, source = from_text, "text"
        elif design == "other" and citation_status in PENDING_STATUSES:
            design = PENDING
    return design, source


def type_flags(publication_types: Iterable[str]) -> dict[str, bool]:
    """The flags publication types carry: preprint, veterinary."""
    return flags_of_types(type_set(publication_types))


def flags_of_types(types: set[str] | frozenset[str]) -> dict[str, bool]:
    return {
        "preprint": bool(types & PREPRINT_TYPES),
        "veterinary": bool(types & VETERINARY_TYPES),
    }


def registry_ids(
    data_banks: Mapping[str, Iterable[str]] | Iterable[tuple[str, Iterable[str]]] = (),
    abstract: str = "",
    citation_status: str = "",
    *,
    wording: Wording | None = None,
) -> tuple[str, ...]:
    """Trial registry numbers: DataBankList entries of trial registries, and for records not
    indexed yet (no DataBankList) the numbers their abstract quotes. NCT and ISRCTN numbers
    name their registry; others are kept as "Registry:number". Sorted, without repeats."""
    found: set[str] = set()
    if isinstance(data_banks, list | tuple):  # the parser's (a cheaper test than Mapping)
        pairs = data_banks
    else:
        pairs = data_banks.items() if isinstance(data_banks, Mapping) else data_banks
    for name, numbers in pairs:
        if name not in TRIAL_REGISTRIES:
            continue
        for number in numbers:
            number = number.strip()
            if number:
                found.add(_registry_id(name, number))
    if citation_status not in INDEXED_STATUSES and abstract:
        for name, pattern in _registry_candidates(abstract, wording):
            for match in pattern.finditer(abstract):
                found.add(_registry_id(name, match.group(match.lastindex or 0)))
    return tuple(sorted(found))


def _registry_id(name: str, number: str) -> str:
    number = "".join(number.split())
    upper = number.upper()
    if upper.startswith(("NCT", "ISRCTN")):
        return upper
    if name == "ISRCTN" and number.isdigit():
        return f"ISRCTN{number}"
    return f"{name}:{number}"


# -- humans / animals ---------------------------------------------------------------------------

HUMANS_UI = "D006801"
ANIMALS_UI = "D000818"

#: How the Humans / Animals check tags read, shown everywhere species are: `unknown` (no
#: MeSH yet: not indexed) is never lumped with `neither` (indexed, neither tag).
SPECIES_GROUPS: tuple[str, ...] = (
    "humans only",
    "animals only",
    "humans and animals",
    "neither",
    "unknown (not indexed)",
)
