"""The outline lint's rules and word lists, as data: the one place to read or change them.

`littrack outline check` reports every rule below with its severity. An error means the
query cannot mean what its author wrote (the outline does not load); a warning means the
query very probably does not test its claim, and `--strict` fails on it. docs/outlines.md
explains each rule with an example; tests/test_query_lint.py tests each one.

The lists come from a librarian's review of the shipped ketamine outline: the truncations
and check tags there made blocks of a claim's query true for almost any record (e.g.
`depress*` matching "cardiorespiratory depression" in an anaesthesia paper).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str  # "error" | "warning"
    summary: str


RULES: tuple[Rule, ...] = (
    Rule(
        "reference-query",
        "warning",
        "reference_query is not the claim's query without its subject block, so the "
        "share (claim records / reference records) compares different questions",
    ),
    Rule(
        "design-filter",
        "warning",
        "a publication-type ([pt]) or subset ([sb]) filter inside a claim query: design "
        "belongs to the record's classification, and the filter drops records not yet indexed",
    ),
    Rule(
        "short-truncation",
        "warning",
        "a single-word truncation with a stem shorter than 5 letters matches too many "
        "unrelated words",
    ),
    Rule(
        "broad-stem",
        "warning",
        "a truncated stem on the list of known broad stems (BROAD_STEMS) matches everyday "
        "words in unrelated records",
    ),
    Rule(
        "check-tag-block",
        "warning",
        "a block whose only concept is a check tag (humans, animals, aged, pregnancy ...): "
        "check tags are on most records of their kind whatever the topic",
    ),
    Rule(
        "subject-block",
        "warning",
        "the claim's subject block differs from the outline's subject",
    ),
    Rule(
        "unknown-subheading",
        "error",
        'a MeSH subheading ([sh] or "Descriptor/qualifier"[mh]) that is not a MeSH qualifier',
    ),
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}

#: Stems shorter than this (before '*') are flagged by `short-truncation`.
MIN_STEM = 5

#: Truncation stems that match everyday or unrelated words: the review's examples (first 13)
#: and the same kind of everyday verbs and nouns; lowercase, without the '*'. A single-word
#: truncation on this list is flagged whatever its length (inside a quoted phrase, as in
#: "local anesthetic*", the phrase keeps the stem narrow, so it is not).
BROAD_STEMS = frozenset(
    {
        "depress",  # "cardiorespiratory depression by general anaesthetics"
        "lactat",  # "lactate" as an oxygen-debt index in animal experiments
        "schedul",  # "fixed-ratio schedules of reinforcement"
        "regulat",  # "miR-605 regulates ..."
        "combination",
        "terminal",  # "C-terminal"
        "prescrib",
        "communicat",
        "responsib",
        "clinic",
        "monitor",
        "risk",
        "placenta",
        "effect",
        "treat",
        "manag",
        "associat",
        "chang",
        "increas",
        "reduc",
        "improv",
        "respon",
        "patient",
        "outcome",
    }
)

#: MeSH check tags: descriptors indexers add to every record they apply to, whatever the
#: record is about. Normalised (lowercase, single spaces, commas kept).
CHECK_TAGS = frozenset(
    {
        "humans",
        "animals",
        "male",
        "female",
        "pregnancy",
        "infant",
        "infant, newborn",
        "child",
        "child, preschool",
        "adolescent",
        "adult",
        "young adult",
        "middle aged",
        "aged",
        "aged, 80 and over",
    }
)

#: Field tags that filter on a record's design or subset (`design-filter`).
DESIGN_TAGS = frozenset({"pt", "publication type", "sb", "subset", "filter"})

#: Tags that name MeSH headings (checked against PubMed's MeSH database by `--online`).
MESH_TAGS = frozenset({"mh", "mesh", "mesh terms", "majr", "mesh major topic"})
SUBHEADING_TAGS = frozenset({"sh", "mesh subheading", "mesh subheadings", "subheading"})

#: MeSH qualifiers (subheadings), lowercase.
MESH_QUALIFIERS = frozenset(
    {
        "abnormalities", "administration & dosage", "adverse effects", "agonists",
        "analogs & derivatives", "analysis", "anatomy & histology",
        "antagonists & inhibitors", "biosynthesis", "blood", "blood supply",
        "cerebrospinal fluid", "chemical synthesis", "chemically induced", "chemistry",
        "classification", "complications", "congenital", "cytology", "deficiency",
        "diagnosis", "diagnostic imaging", "diet therapy", "drug effects", "drug therapy",
        "economics", "education", "embryology", "enzymology", "epidemiology", "ethics",
        "ethnology", "etiology", "genetics", "growth & development", "history",
        "immunology", "injuries", "innervation", "instrumentation",
        "isolation & purification", "legislation & jurisprudence", "metabolism", "methods",
        "microbiology", "mortality", "nursing", "organization & administration",
        "parasitology", "pathogenicity", "pathology", "pharmacokinetics", "pharmacology",
        "physiology", "physiopathology", "poisoning", "prevention & control", "psychology",
        "radiation effects", "radiotherapy", "rehabilitation", "secondary", "standards",
        "statistics & numerical data", "supply & distribution", "surgery",
        "therapeutic use", "therapy", "toxicity", "transmission", "transplantation",
        "trends", "ultrastructure", "urine", "veterinary", "virology", "manpower",
    }
)  # fmt: skip

#: PubMed also takes each qualifier's two-letter abbreviation ("Ketamine/ae"[mh], ae[sh]).
MESH_QUALIFIER_ABBREVIATIONS = frozenset(
    {
        "ab", "ad", "ae", "ag", "aa", "an", "ah", "ai", "bi", "bl", "bs", "cf", "cs", "ci",
        "ch", "cl", "co", "cn", "cy", "df", "di", "dg", "dh", "de", "dt", "ec", "ed", "em",
        "en", "ep", "es", "eh", "et", "ge", "gd", "hi", "im", "in", "ir", "is", "ip", "lj",
        "ma", "me", "mt", "mi", "mo", "nu", "og", "ps", "py", "pa", "pk", "pd", "ph", "pp",
        "po", "pc", "px", "re", "rt", "rh", "sc", "st", "sn", "sd", "su", "tu", "th", "to",
        "tm", "tr", "td", "ul", "ur", "ve", "vi",
    }
)  # fmt: skip


__all__ = [
    "BROAD_STEMS",
    "CHECK_TAGS",
    "DESIGN_TAGS",
    "MESH_QUALIFIERS",
    "MESH_QUALIFIER_ABBREVIATIONS",
    "MESH_TAGS",
    "MIN_STEM",
    "RULES",
    "RULES_BY_CODE",
    "SUBHEADING_TAGS",
    "Rule",
]
