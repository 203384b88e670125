"""Plain records shared by every layer.

The parser builds `PubmedRecord`s, the store writes them, the dashboard and exports read
their columns back. Keeping them as frozen dataclasses (not ORM objects) keeps the parser
pure and lets tests compare whole records with `==`.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.evidence.design_rules import DESIGN_LABELS, DESIGNS


@dataclass(frozen=True)
class MeshHeading:
    descriptor: str
    ui: str = ""
    major: bool = False
    #: (qualifier name, major-topic flag) pairs, in record order.
    qualifiers: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class PubmedRecord:
    """One PubMed citation (journal article or book document) as littrack stores it.

    Dates are ISO strings (`YYYY-MM-DD`, or shorter when PubMed gives less) so that they
    sort as text on every backend. `pub_date` is always a full sortable date: a missing
    month or day becomes 01, a season its first month, a MedlineDate its first year/month.
    """

    pmid: int
    title: str = ""
    abstract: str = ""
    is_book: bool = False
    #: MedlineCitation@Status: MEDLINE, In-Process, Publisher, PubMed-not-MEDLINE, ...
    #: Anything but MEDLINE may still gain MeSH terms and publication types.
    citation_status: str = ""
    journal: str = ""
    journal_iso: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    pub_year: int | None = None
    pub_month: int | None = None
    pub_day: int | None = None
    #: Full sortable date derived from the above (e.g. "2018-07-01").
    pub_date: str | None = None
    #: The date as PubMed printed it when it was not plain Y/M/D ("2018 Jul-Aug", "1990 Spring").
    pub_date_text: str = ""
    electronic_date: str | None = None
    entrez_date: str | None = None
    date_revised: str | None = None
    #: "Last Initials" per author, or the collective name, in order.
    authors: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    publication_types: tuple[str, ...] = ()
    mesh: tuple[MeshHeading, ...] = ()
    keywords: tuple[str, ...] = ()
    doi: str | None = None
    pmc: str | None = None
    retracted: bool = False
    retraction_in: tuple[int, ...] = ()
    erratum_in: tuple[int, ...] = ()
    #: One of store.evidence.design_rules.DESIGNS (meta-analysis ... other, non-evidence).
    study_design: str = "other"
    #: publication type | mesh | text | none: what decided study_design.
    design_source: str = "none"
    #: An expression of concern was published about this record (ExpressionOfConcernIn).
    concern: bool = False
    preprint: bool = False
    #: A veterinary publication type (e.g. "Randomized Controlled Trial, Veterinary").
    veterinary: bool = False
    #: PMIDs this record updates (UpdateOf, e.g. the preprint of a journal article) and
    #: PMIDs that update it (UpdateIn).
    updates: tuple[int, ...] = ()
    updated_by: tuple[int, ...] = ()
    #: Trial registry numbers (NCT..., ISRCTN..., "EudraCT:..."), sorted.
    registry_ids: tuple[str, ...] = ()
    humans: bool = False
    animals: bool = False
    #: What humans / animals were read from: `mesh` (check tags), `text` (wording, for a
    #: record without check tags: "rats", "in vitro" ...) or `none`.
    species_source: str = "none"
    #: Fields cut to their size limit (fetchers.pubmed.errors.FIELD_LIMITS), in field order.
    cut_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class SkippedRecord:
    """A record the parser could not read: skipped, reported, never stored.

    `position` is its 1-based place among the records of the document it came from;
    `pmid` is known when the fault was elsewhere (or when it was asked for alone).
    """

    position: int
    reason: str
    pmid: int | None = None


@dataclass(frozen=True)
class DeletedCitation:
    """A PMID that PubMed withdrew (DeleteCitation in update files)."""

    pmid: int


#: Which records count as evidence for a claim (store.evidence.counting.scope_condition): "humans"
#: leaves out records indexed as animals-only, "animals" those indexed as humans-only; a
#: record not yet indexed (no check tag either way) counts for every scope.
CLAIM_SCOPES: tuple[str, ...] = ("any", "humans", "animals")

#: What kind of statement a claim makes (the outline's `type:`); it decides which designs are
#: high-level evidence for the claim's badge (store.evidence.badge.HIGH_LEVEL_BY_TYPE).
#: A claim without `type:` is "efficacy", the rule every claim had before types existed.
CLAIM_TYPES: tuple[str, ...] = ("mechanism", "efficacy", "safety", "epidemiology", "practice")
DEFAULT_CLAIM_TYPE = "efficacy"


@dataclass(frozen=True)
class Claim:
    claim_id: str
    topic_id: str
    claim: str
    #: The full query sent to PubMed: the outline's subject block AND the claim's own block
    #: (or the block alone for a context claim, or an outline without a subject block).
    query: str
    group: str = ""
    notes: str = ""
    reference_query: str = ""
    position: int = 0
    #: The claim's own block as the outline writes it ("" when it is the whole query).
    block: str = ""
    scope: str = "any"
    #: A context claim sets no subject: it tracks the evidence behind a statement the
    #: article makes about something else (e.g. NSAIDs' GI risk in an Alternatives bullet).
    context: bool = False
    #: The id of the section claim this one restates (FAQ answers), or "".
    restates: str = ""
    #: mechanism | efficacy | safety | epidemiology | practice (CLAIM_TYPES).
    type: str = "efficacy"


@dataclass(frozen=True)
class Topic:
    topic_id: str
    title: str
    claims: tuple[Claim, ...] = ()
    position: int = 0


@dataclass(frozen=True)
class Outline:
    title: str
    source: str
    #: The subject's name (e.g. "ketamine").
    subject: str
    topics: tuple[Topic, ...] = ()
    path: str = ""
    #: Exclusion reasons for screening; empty: store.screening.decisions.DEFAULT_REASONS.
    screening_reasons: tuple[str, ...] = ()
    #: The subject block every non-context claim ANDs ("" when the outline has none).
    subject_query: str = ""

    @property
    def claims(self) -> list[Claim]:
        return [c for t in self.topics for c in t.claims]


STUDY_DESIGNS: tuple[str, ...] = DESIGNS


def design_label(design: str) -> str:
    """How a design class is shown in charts, tables and legends: `pending` (not indexed
    yet, no rule places it) is "design pending", never lumped with "other"."""
    return DESIGN_LABELS.get(design, design)


#: Every field a PubmedRecord has, in declaration order (used by writers and exports).
RECORD_FIELDS: tuple[str, ...] = tuple(PubmedRecord.__dataclass_fields__)

__all__ = [
    "CLAIM_SCOPES",
    "CLAIM_TYPES",
    "DEFAULT_CLAIM_TYPE",
    "Claim",
    "DeletedCitation",
    "MeshHeading",
    "Outline",
    "PubmedRecord",
    "RECORD_FIELDS",
    "STUDY_DESIGNS",
    "design_label",
    "Topic",
]


#: Said of a record the local query evaluation does not select: PubMed matched it through a
#: MeSH explosion, automatic term mapping or a field littrack does not store
#: (store.fetch.matches; the CLI prints it without loading the database side).
EXPANSION = "matched by PubMed's expansion"
