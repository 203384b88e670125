"""Title and abstract wording → design class, for records PubMed has not indexed yet.

Called by store.evidence.design_rules.classify (see its docstring for where this step sits).
The parser runs it on every unindexed record, so it is built to be cheap: the text is
lower-cased once and scanned once for every rule's keywords (store.evidence.wording: one
Aho-Corasick pass), and each class's pattern runs only when one of its keywords occurs (a
set test); most records never reach a regular expression.

Order, first that decides wins:

1. A title that opens as a reply, comment, letter, editorial or correction notice, or is a
   journal's own page, a "Name (1856-1939)" tribute, a citation or a book review
   (store/evidence/design_notices.py), is `non-evidence`: its design words are not its own.
2. The title, read whole (`TEXT_PATTERNS`, first class in the table wins); if it names no
   design, a title about one person or "a rare complication" (`TITLE_CASE`) is a case report.
3. Structured-abstract design labels (`DESIGN:`, `STUDY DESIGN:`, `DESIGN, SETTING, AND
   PARTICIPANTS:`, `CASE PRESENTATION:` ...), whose paragraph is read like a title.
4. Abstract phrases where the authors name their own work ("this retrospective cohort
   study", "we conducted a systematic review"): `_SELF` before a `TEXT_PATTERNS` phrase.
5. Only when nothing else placed the record (`other`): method wording (`METHOD_PATTERNS`,
   store/evidence/design_methods.py: "patients were randomized", "we retrospectively
   reviewed", "a 39-year-old man", "we review", "in this essay"); then, in
   design_rules.classify, a trial-registry number in the abstract (a registered trial), and
   last a counted group of people studied (store/evidence/design_counts.py: observational).

Human-study classes (`HUMAN_STUDY_CLASSES`) are never given from wording when the title or
abstract names animals (store/evidence/species_text.py): "randomly divided rats" is not a
trial. The exception is a retrospective study of pets or horses as patients
(`VETERINARY_CLASSES`, species_text.VETERINARY_PATIENTS): a veterinary observational study.
"""

from __future__ import annotations

import re

from store.evidence.any_search import AnySearch
from store.evidence.design_methods import METHOD_PATTERNS
from store.evidence.design_notices import notice_title
from store.evidence.species_text import names_animals, normalise, veterinary_patients
from store.evidence.wording import Wording, keys_in, register_keys

NON_EVIDENCE = "non-evidence"

_W = r"[\w'-]+[,:]?\s+"  # one word and its space, inside a design phrase
_RANDOMIZED = r"(?<!non-)(?<!non)(?<!non )(?<!quasi-)(?<!quasi )(?<!pseudo-)(?<!not )randomi[sz]ed"

#: (class, phrase, keywords) in the order they decide: the first class whose phrase occurs
#: wins. Phrases are matched on lower-cased text; a phrase can only match where one of its
#: keywords occurs (the keywords are a fast necessary condition, not a rule of their own).
TEXT_PATTERNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "protocol",
        r"\b(?:study|trial|review)\s+protocol\b"
        rf"|\bprotocol\s+(?:for|of)\s+(?:{_W}){{0,5}}?(?:trial|study|review|meta-analysis)\b"
        r"|\brationale\s+and\s+design\b",
        ("protocol", "rationale"),
    ),
    (
        "meta-analysis",
        r"(?<!without )(?<!without a )\bmeta-?\s?analy[sz](?:is|es)\b"
        r"|\bsystematic\s+(?:literature\s+)?review\s+(?:and|with)\s+(?:a\s+)?meta-?\s?analy",
        ("meta",),
    ),
    (
        "systematic review",
        r"\bsystematic(?:al)?\s+(?:literature\s+)?review\b|\bumbrella\s+review\b"
        r"|\breview\s+of\s+systematic\s+reviews\b|\bcochrane\s+review\b",
        ("systematic", "umbrella", "cochrane"),
    ),
    (
        "rct",
        rf"{_RANDOMIZED}\b[^.;:?!]{{0,80}}?\b(?:trial|study)\b|\brct\b",
        ("randomi", "rct"),
    ),
    (
        "clinical trial",
        r"\bnon-?\s?randomi[sz]ed\s+(?:[\w-]+\s+){0,2}?trial\b"
        r"|\b(?:single[- ]arm|open[- ]label|single[- ]group|dose[- ](?:escalation|finding))"
        r"(?:,\s+(?!(?:[\w,-]+\s+){0,3}?randomi)|\s+)(?:[\w-]+\s+){0,3}?(?:trial|study)\b"
        r"|\bphase\s+(?:[1-4]|i{1,3}|iv)[ab]?(?:\s*/\s*(?:[1-4]|i{1,3}|iv)[ab]?)?,?\s+"
        r"(?:[\w,-]+\s+){0,3}?(?:trial|study)\b"
        r"|\bclinical\s+trial\b|\bpilot\s+trial\b|\bcontrolled\s+trial\b",
        ("trial", "phase", "single", "open", "dose"),
    ),
    (
        "case report",
        r"\bcase[- ]series\b|\bseries\s+of\s+\d+\s+(?:[\w-]+\s+)?cases\b",
        ("series",),
    ),
    (
        "observational",
        r"\b(?:retrospective|prospective)(?:ly)?\s+(?:[\w,-]+\s+){0,3}?"
        r"(?:cohort|study|analysis|analyses|review|observational|chart|evaluation|survey|audit"
        r"|registry)\b"
        r"|\bcohort\s+(?:study|analysis)\b"
        r"|\bcase[- ]control\s+(?:and\s+(?:[\w-]+\s+){0,3}?)?(?:study|analysis)\b"
        r"|\bcross[- ]sectional\b|\bobservational\s+(?:study|analysis|cohort)\b"
        r"|\bpopulation[- ]based\s+(?:[\w-]+\s+){0,2}?(?:study|analysis|cohort)\b"
        r"|\bregistry[- ]based\b|\blongitudinal\s+(?:study|cohort|analysis)\b"
        r"|\bnational\s+(?:[\w-]+\s+){0,2}?(?:cohort|registry|register|database)\b"
        r"|\b(?:nationwide|national|international|multicent(?:re|er)|online|web-based"
        r"|point[- ]prevalence)\s+survey\b|\becological\s+(?:study|analysis)\b"
        r"|\bmulticent(?:re|er)\s+(?:retrospective\s+)?analysis\b",
        (
            "spective",
            "cohort",
            "control",
            "sectional",
            "observational",
            "population",
            "regist",
            "longitudinal",
            "national",
            "survey",
            "ecological",
            "multicent",
        ),
    ),
    (
        "observational",
        # the International Journal of Epidemiology's descriptions of a cohort or registry;
        # surveillance, health records, a named cohort
        r"^(?:cohort|data\s+resource)\s+profile\b|\bsurveillance\s+(?:study|data)\b"
        r"|\busing\s+electronic\s+(?:health|medical)\s+records\b"
        r"|\b(?:in|from)\s+the\s+(?:[\w()-]+\s+){0,4}?cohort\b",
        ("profile", "surveillance", "electronic health", "electronic medical", "cohort"),
    ),
    (
        "case report",
        r"\bcase\s+reports?\b|\bcase\s+series\b|(?:^|[:.])\s*a\s+case\s+of\b"
        r"|\breport\s+of\s+(?:an?|one|two|three|four|five|\d+)\s+(?:[\w-]+\s+)?cases?\b"
        r"|\b(?:in|of)\s+an?\s+\d{1,3}[- ](?:year|month|week|day)s?[- ]old\b",
        ("case", "old"),
    ),
    (
        "guideline",
        r"^(?:[\w'-]+\s+){0,3}?guidelines?\s*(?::|for\b|on\b|$)"
        r"|\bconsensus\s+(?:statement|recommendations?|guidelines?|conference|report|document)\b"
        r"|\bposition\s+(?:statement|paper)\b|\bexpert\s+consensus\b|\bpractice\s+parameter\b",
        ("guideline", "consensus", "position", "parameter"),
    ),
    (
        "review",
        r"\b(?:narrative|literature|critical|comprehensive|scoping|mini-?|integrative"
        r"|state-of-the-art|clinical|updated?|historical)\s+review\b"
        r"|\breview\s+of\s+(?:the\s+)?(?:current\s+)?literature\b"
        r"|(?:^|[:.]\s*|\s-\s)an?\s+(?:[\w-]+\s+){0,2}?review\.?\s*$"
        r"|(?:^|[:.]\s*)an?\s+(?:[\w-]+\s+)?review\s+of\s+(?!\d|(?:our|all|patients|cases)\b)"
        # a title that announces an update or overview of a field
        r"|(?:^|:\s*)(?:an?\s+)?update\s+on\b|^(?:recent\s+)?advances\s+in\b"
        r"|\b(?:19|20)\d\d\s+update\s+on\b",
        ("review", "update", "advances"),
    ),
    (
        "observational",
        # a test's accuracy read on patients, a serological survey (after the review rows:
        # "diagnostic accuracy of X: a narrative review" stays a review)
        r"\bdiagnostic\s+(?:accuracy|performances?)\b|\bsero-?(?:survey|prevalence)\b",
        (
            "diagnostic accuracy",
            "diagnostic performance",
            "serosurvey",
            "seroprevalence",
            "sero-survey",
            "sero-prevalence",
        ),
    ),
)

#: Case-report wording read in the title only, when the table above placed nothing: a
#: condition "in a lung transplant recipient", "A Middle-Aged Male With ...", "a rare
#: complication". Not in the table: "a rare complication of X: a narrative review" is a
#: review, which the table finds first.
_ONE_PERSON = (
    r"(?:patient|man|woman|boy|girl|child|infant|neonate|newborn|recipient|male|female"
    r"|adolescent|toddler|pregnant\s+woman|athlete)"
)
TITLE_CASE = re.compile(
    rf"\b(?:in|of)\s+an?\s+(?:[\w-]+\s+(?:\([\w-]+\)\s+)?){{0,3}}?{_ONE_PERSON}(?![\w-])"
    rf"|^\W*an?\s+(?:[\w-]+\s+){{0,3}}?{_ONE_PERSON}\s+(?:with|presenting)\b"
    r"|\ban?\s+(?:very\s+)?(?:rare|unusual|uncommon)\s+(?:cause|complication|location|site"
    r"|entity|presentation|case|finding|manifestation|association|variant|tumou?r|form)\b"
    r"|\bcase\s+presentation\b"
    # a teaching case: "[52/f-Fever and upper abdominal pain …]", "Lessons for the clinical
    # nephrologist: …"
    r"|^\W*\d{1,3}\s*/\s*[fmw]\s*[-\u2013]|^\W*lessons\s+for\s+the\s+clinical\b"
)

#: In the abstract a phrase counts only right after the authors name their own work.
_SELF = (
    r"(?:\b(?:this|the\s+present|the\s+current|our)\s+"
    r"|\bwe\s+(?:conducted|performed|carried\s+out|undertook|designed|report|present|describe"
    r"|did)\s+(?:an?\s+|the\s+)?)"
    r"(?:(?!(?:study|studies|trial|trials|review|reviews|analysis|analyses|article|paper)\b)"
    r"[\w'-]+,?\s+){0,4}?"
)

#: Classes the abstract may give ("provide guidelines for" is not a guideline).
ABSTRACT_CLASSES: frozenset[str] = frozenset(
    {
        "protocol",
        "meta-analysis",
        "systematic review",
        "rct",
        "clinical trial",
        "observational",
        "case report",
        "review",
    }
)

#: Structured-abstract labels whose paragraph states the design (read like a title).
DESIGN_LABEL = re.compile(
    r"(?:study\s+|research\s+|trial\s+)?design(?:s)?(?:\s*(?:,|and|&)\s*[\w ,&]+)?"
    r"|(?:methods?|materials\s+and\s+methods)\s*(?:and|&)\s*design|setting\s+and\s+design"
)
#: Labels that mark a case report whatever their paragraph says.
CASE_LABEL = re.compile(r"case\s*(?:presentation|report|description|summary|history|details)?s?")

#: Classes of studies in people, not given from wording to animal work.
HUMAN_STUDY_CLASSES: frozenset[str] = frozenset(
    {"rct", "clinical trial", "observational", "case report"}
)

#: The one class the animal guard lets through for veterinary patients (see
#: store.evidence.species_text.VETERINARY_PATIENTS).
VETERINARY_CLASSES: frozenset[str] = frozenset({"observational"})

_ABSTRACT_RULES = tuple((d, p) for d, p, _keys in TEXT_PATTERNS if d in ABSTRACT_CLASSES)
#: Where the authors may name their own work (found with str.find, one word at a time: no
#: anchor can overlap another, so these are exactly the places a single alternation finds).
_ANCHORS = ("this ", "the present ", "the current ", "our ", "we ")
#: All abstract classes in one pattern, tried only at anchors; group i+1 is rule i.
_ABSTRACT_RE = re.compile(_SELF + "(?:" + "|".join(f"({p})" for _d, p in _ABSTRACT_RULES) + ")")


class _Rules:
    """A rule table with its keyword gate: a rule's pattern is searched only when one of its
    keys is among the keys the text holds (store.evidence.wording, one pass for all rules)."""

    def __init__(
        self, table: tuple[tuple[str, str, tuple[str, ...]], ...], *, split: bool = False
    ) -> None:
        # Abstract-long method rules: AnySearch, the same yes/no answer as re.search without
        # trying every alternative at every position (store/evidence/any_search.py). Title
        # rules read a title or a labelled paragraph: too short for that to pay for the
        # extra patterns compiled at import.
        search = AnySearch if split else re.compile
        self.rules = tuple((d, search(p), frozenset(keys)) for d, p, keys in table)
        self.keys = frozenset(k for _d, _p, keys in table for k in keys)
        register_keys(self.keys)

    def first(self, text: str, found: frozenset[str], animal: bool) -> str | None:
        """The first class whose pattern occurs in `text`, whose keys are `found`."""
        if not text or self.keys.isdisjoint(found):
            return None
        for design, pattern, keys in self.rules:
            if animal and design in HUMAN_STUDY_CLASSES:
                continue
            if not keys.isdisjoint(found) and pattern.search(text):
                return design
        return None


#: Every key of the abstract classes: without one, no own-work phrase can match.
_ABSTRACT_KEYS = frozenset(
    k for d, _p, keys in TEXT_PATTERNS if d in ABSTRACT_CLASSES for k in keys
)


def _self_phrase(text: str, found: frozenset[str], animal: bool) -> str | None:
    """The first class (table order) named right after an own-work anchor in the abstract."""
    if _ABSTRACT_KEYS.isdisjoint(found):
        return None
    best = len(_ABSTRACT_RULES)
    find, match_at = text.find, _ABSTRACT_RE.match
    for anchor in _ANCHORS:
        start = find(anchor)
        while start >= 0:
            if not (start and text[start - 1].isalnum()):  # "four", "hour": not an anchor
                match = match_at(text, start)
                if match is not None:
                    rule = match.lastindex - 1 if match.lastindex else best
                    design = _ABSTRACT_RULES[rule][0] if rule < best else None
                    if design is not None and not (animal and design in HUMAN_STUDY_CLASSES):
                        best = min(best, rule)
            start = find(anchor, start + 1)
    return _ABSTRACT_RULES[best][0] if best < len(_ABSTRACT_RULES) else None


def _labelled(abstract: str) -> tuple[str, bool]:
    """(the design-labelled paragraphs, joined; whether a case label occurs)."""
    design_text, case = [], False
    for paragraph in abstract.split("\n\n"):
        label, colon, body = paragraph.partition(":")
        if not colon or len(label) > 60:
            continue
        label = " ".join(label.lower().split())
        if DESIGN_LABEL.fullmatch(label):
            design_text.append(normalise(body))
        elif CASE_LABEL.fullmatch(label):
            case = True
    return " ".join(design_text), case


def design_from_text(
    title: str, abstract: str = "", current: str = "other", *, wording: Wording | None = None
) -> str | None:
    """The class the wording gives (see the module docstring), or None when it is silent.

    `abstract` keeps its "LABEL: text" paragraphs separated by blank lines (as the parser
    and the store keep it). `current` is the class so far: method wording is read only
    when it is `other`. The animal guard is checked only when a human-study class is found
    (rare), and then the rules run again without those classes. `wording` (the same title
    and abstract, already scanned) saves reading them again."""
    if wording is None:
        wording = Wording(title, abstract)
    low_title = wording.low(0)
    if low_title and notice_title(low_title):
        return NON_EVIDENCE
    found = _design(wording, current, animal=False)
    if found in HUMAN_STUDY_CLASSES and (names_animals(wording, 0) or names_animals(wording, 1)):
        if found in VETERINARY_CLASSES and veterinary_patients(wording):
            return found
        found = _design(wording, current, animal=True)
    return found


def _design(wording: Wording, current: str, animal: bool) -> str | None:
    abstract = wording.abstract
    found = _TITLE_RULES.first(wording.low(0), wording.keys(0)[0], animal)
    if found is None and not animal and TITLE_CASE.search(wording.low(0)):
        return "case report"
    if found is None and abstract and ":" in abstract:
        labelled, case = _labelled(abstract)
        if case and not animal:
            return "case report"
        if labelled:
            found = _TITLE_RULES.first(labelled, keys_in(labelled)[0], animal)
    if abstract and (found is None or found in REFINED):
        low_abstract = wording.low(1)
        keys = wording.keys(1)[0]
        if found is None:
            found = _self_phrase(low_abstract, keys, animal)
        if found is None and current == "other":
            found = _METHOD_RULES.first(low_abstract, keys, animal)
        elif found in REFINED and not animal:
            found = REFINED[found](low_abstract, keys) or found
    return found


def _randomized(text: str, keys: frozenset[str]) -> str | None:
    """A trial whose abstract says its patients were randomized is an rct."""
    if _RANDOMIZED_KEYS.isdisjoint(keys):
        return None
    return "rct" if _RANDOMIZED_METHOD.search(text) else None


def _case_series(text: str, keys: frozenset[str]) -> str | None:
    """A "retrospective / prospective case series" is a case series, not a cohort."""
    return "case report" if "case series" in text or "case-series" in text else None


#: A class found in the title or a label that the abstract's wording may sharpen.
REFINED = {"clinical trial": _randomized, "observational": _case_series}


_TITLE_RULES = _Rules(TEXT_PATTERNS)
_METHOD_RULES = _Rules(METHOD_PATTERNS, split=True)
_RANDOMIZED_METHOD = _METHOD_RULES.rules[0][1]  # the "rct" method rule, already compiled
_RANDOMIZED_KEYS = frozenset(METHOD_PATTERNS[0][2])
