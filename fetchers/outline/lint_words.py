"""The outline lint's word lists and MeSH tables: data the rules in
fetchers/outline/lint_rules.py read. Change a list here, not a rule.

The lists name *kinds* of trouble, and the rules apply them as patterns, not as exact
spellings: a broad stem is matched as a prefix both ways (`combin*` and `combination*`,
`effect*` and `effective*`, the untruncated word `effectiveness`), so an author's variant of
a broad term is caught as well as the term a review happened to find.
"""

from __future__ import annotations

#: Stems shorter than this (before '*') are flagged by `short-truncation`.
MIN_STEM = 5

#: Stems of everyday or many-sensed words of biomedical prose; lowercase, without '*'. A
#: single-word term (truncated or not) whose stem is a prefix of one of these, or has one of
#: these as its prefix, is flagged by `broad-stem` / `broad-word` (inside a quoted phrase,
#: as in "postpartum depress*", the phrase keeps the word narrow, so it is not).
BROAD_STEMS = frozenset(
    {
        # words that name something else in the subject's own literature
        "depress",  # "cardiorespiratory depression by general anaesthetics"
        "dissociat",  # "dissociative anaesthetic" (the class name); "dissociation constant"
        "lactat",  # "lactate" as an oxygen-debt index in animal experiments
        "schedul",  # "fixed-ratio schedules of reinforcement"
        "regulat",  # "miR-605 regulates ..."
        "terminal",  # "C-terminal"
        "placent",  # "placenta previa", "glutathione S-transferase placental form"
        "diversion",  # urinary diversion, flow diversion
        "heterogen",  # statistical heterogeneity of a meta-analysis
        "variab",  # "heart rate variability"
        # verbs and nouns of any clinical abstract
        "combin",
        "prescrib",
        "communicat",
        "responsib",
        "clinic",
        "monitor",
        "risk",
        "effect",
        "efficac",
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
        "prevent",
        "attenuat",
        "minimi",
        "predict",
        "compar",
        "safe",
        "emerg",
        "novel",
        "onset",
        "chronic",
        "psycholog",
        "function",
        "placebo",
        "prolong",
        "recover",
        "durat",
        "admin",
        "versus",
    }
)

#: Untruncated words that start with a broad stem but have one sense ("lactation" is not
#: "lactate"); `broad-word` leaves them alone.
NARROW_WORDS = frozenset({"lactation", "lactating"})

#: Untruncated single words as broad as the stems above but not prefixes of them.
BROAD_WORDS = frozenset(
    {
        "dose", "doses", "dosing", "dosage", "mood", "new", "use", "used", "study",
        "studies", "level", "levels", "time", "quality", "model", "models", "control",
        "trial", "trials", "review", "therapy", "therapies", "versus", "vs",
    }
)  # fmt: skip

#: Phrases measured in nearly every trial of an anaesthetic or analgesic.
BROAD_PHRASES = frozenset(
    {"heart rate", "blood pressure", "pain score", "pain scores", "vital signs", "side effect"}
)

#: Field tags that search words (where a broad word is broad); None is an untagged term.
TEXT_TAGS = frozenset({None, "tiab", "ti", "tw", "all", "all fields", "title", "title/abstract",
                       "text word", "text words"})  # fmt: skip

#: MeSH headings whose tree is large, with roughly how many descriptors an explosion takes
#: in (approximate, rounded and written by hand: littrack ships no MeSH tree file; a heading
#: not listed is not judged). A heading
#: whose explosion takes in at least MAX_TREE descriptors is flagged by `exploded-heading`
#: unless it is searched with [mh:noexp]: the claim almost always means one branch.
MESH_TREE_SIZES: dict[str, int] = {
    "mental disorders": 370,
    "substance-related disorders": 45,
    "pregnancy complications": 170,
    "nervous system diseases": 1000,
    "neoplasms": 800,
    "cardiovascular diseases": 600,
    "signs and symptoms": 350,
    "behavior": 300,
    "chemically-induced disorders": 150,
    "wounds and injuries": 300,
    "psychological phenomena": 300,
    "urologic diseases": 80,
    "brain diseases": 300,
    "drug-related side effects and adverse reactions": 40,
}
MAX_TREE = 40

#: BROAD_HEADINGS entries that are broad only exploded: [mh:noexp] is the heading alone.
NOEXP_NARROWS = frozenset({"analgesics", "anesthetics"})

#: Headings every second record of a kind carries, or that mean something other than the
#: claim's concept (heading -> why, shown in the warning). Flagged by `broad-heading`.
BROAD_HEADINGS: dict[str, str] = {
    "time factors": "indexed on any record that reports a time course",
    "treatment outcome": "indexed on nearly every trial",
    "risk factors": "indexed on any record that reports a risk factor",
    "risk assessment": "indexed on any record that weighs a risk",
    "pain measurement": "indexed on nearly every analgesic trial",
    "prospective studies": "a design, not a concept",
    "retrospective studies": "a design, not a concept",
    "follow-up studies": "a design, not a concept",
    "double-blind method": "a design, not a concept",
    "pharmacokinetics": "the discipline, not the drug's pharmacokinetics (use "
    '"Ketamine/pharmacokinetics"[mh])',
    "excitatory amino acid antagonists": "the subject's own drug class, not a partner drug",
    "analgesics": "explodes to every analgesic class, the subject's own included",
    "anesthetics": "explodes to every anaesthetic, the subject included",
    "communication": "very broad: any record about talking, writing or signalling",
}

#: Anatomy headings (MeSH tree A) that a query uses where it means a disease of the organ:
#: the organ heading is on any record that studies the organ (e.g. bladder physiology).
ANATOMY_HEADINGS = frozenset(
    {
        "urinary bladder", "kidney", "ureter", "urethra", "liver", "brain", "heart", "lung",
        "spinal cord", "stomach", "intestines", "placenta", "peripheral nerves", "neurons",
        "eye", "skin",
    }
)  # fmt: skip

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
    "ANATOMY_HEADINGS",
    "BROAD_HEADINGS",
    "BROAD_PHRASES",
    "BROAD_STEMS",
    "BROAD_WORDS",
    "CHECK_TAGS",
    "DESIGN_TAGS",
    "MAX_TREE",
    "MESH_QUALIFIERS",
    "MESH_QUALIFIER_ABBREVIATIONS",
    "MESH_TAGS",
    "MESH_TREE_SIZES",
    "MIN_STEM",
    "NARROW_WORDS",
    "NOEXP_NARROWS",
    "SUBHEADING_TAGS",
    "TEXT_TAGS",
]
