"""The last wording rule for records PubMed has not indexed: a group of people counted and
studied is an observational study.

store.evidence.design_rules.classify asks only when nothing else placed an unindexed record
(no publication type, MeSH heading, title, design label, own-work phrase or method wording)
and its abstract quotes no trial-registry number (a registered study stays a trial). On the
sample records it places about 130 records that were "design pending"; read by hand, about
four in five of a sample of them are observational studies, the rest uncontrolled
treatment series and laboratory-style experiments in volunteers (docs/evidence.md).
"""

from __future__ import annotations

import re

from store.evidence.species_text import names_animals
from store.evidence.wording import Wording, register_keys, whole_words

#: A count as abstracts write it: digits or a number word.
_COUNT = (
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
#: People a study counts (not "cases", "eyes" or "samples": series and lab work).
_PEOPLE_WORDS: tuple[str, ...] = (
    "patients",
    "inpatients",
    "outpatients",
    "participants",
    "subjects",
    "adults",
    "children",
    "women",
    "men",
    "individuals",
    "persons",
    "people",
    "infants",
    "neonates",
    "adolescents",
    "students",
    "respondents",
    "volunteers",
    "nurses",
    "physicians",
    "residents",
    "survivors",
    "veterans",
    "mothers",
    "athletes",
    "workers",
    "employees",
    "caregivers",
    "smokers",
    "donors",
    "couples",
    "families",
)
_PEOPLE = "(?:" + "|".join(_PEOPLE_WORDS) + ")"
_PEOPLE_KEYS = tuple(sorted({w[:-1] if w.endswith("s") else w for w in _PEOPLE_WORDS}))
#: Words between a count and the people that say the count is of something else: "287
#: articles concerning older adults", "12 trials in children".
_BETWEEN = (
    r"(?:(?!(?:articles|studies|papers|trials|reviews|records|samples|documents|reports|videos"
    r"|tweets|posts|images|specimens|cases|centers|centres|hospitals|countries|sites)\b)"
    r"[\w,()-]+\s+)"
)
#: What a study does with the people it counts.
_STUDIED = (
    r"(?:included|enrolled|recruited|studied|analy[sz]ed|evaluated|assessed|examined"
    r"|investigated|identified|surveyed|interviewed|followed|reviewed|selected|treated"
    r"|operated|compared|divided|categori[sz]ed|classified|screened)"
)

#: The last wording rule, after a trial-registry number (store.evidence.design_rules.classify):
#: a group of people counted and studied is an observational study when nothing else named
#: the design (a registered study that counts its patients stays a trial by its number).
#: Each row is read at every place the abstract names people (`_PEOPLE_WORDS`): (example,
#: what must end the text before the word, what must start the text after it); "" is
#: anything.
COUNTED_PEOPLE: tuple[tuple[str, str, str], ...] = (
    (
        "95 surviving children with spina bifida were examined",
        rf"\b{_COUNT}\s+{_BETWEEN}{{0,5}}",
        rf"[^.;]{{0,120}}?\b(?:were|was)\s+(?:[\w-]+\s+){{0,2}}?{_STUDIED}\b",
    ),
    (
        "a total of 589 shift workers completed the questionnaire",
        rf"\b{_COUNT}\s+{_BETWEEN}{{0,5}}",
        r"\s+(?:[^.;]{0,80}?\s)?(?:completed|underwent|participated|took\s+part|answered"
        r"|responded)\b",
    ),
    (
        "we enrolled 120 consecutive adults",
        rf"\bwe\s+(?:[\w-]+\s+)?{_STUDIED}\s+(?:[\w-]+\s+){{0,3}}?{_COUNT}\s+{_BETWEEN}{{0,4}}",
        "",
    ),
    ("infertile patients (n = 51)", "", r"\s*\(\s*n\s*=\s*\d"),
    ("(n = 51 patients)", r"\(\s*n\s*=\s*\d[\d,]*\s*", ""),
    (
        "38 patients with X and 40 healthy controls",
        "",
        rf"\s+(?:with\s+[^.,;]{{1,60}}?\s+)?and\s+(?:{_COUNT}\s+)?(?:[\w-]+\s+){{0,2}}?"
        r"(?:healthy\s+)?controls\b",
    ),
    (
        "1340 consecutive adult patients",
        r"\b\d[\d,]*\s+consecutive\s+(?:(?!(?:days?|weeks?|months?|years?|hours?|nights?"
        r"|shifts?|cycles?|sessions?|visits?|times)\b)[\w-]+\s+)?",
        "",
    ),
    (
        "participants were 503 boys recruited in first grade",
        "",
        rf"\s+(?:were|included)\s+(?:a\s+total\s+of\s+)?{_COUNT}\s(?![^.;]*randomi)",
    ),
)
#: Where people are named; then each row's two sides are tried there (a short window each),
#: the anchored side after the word first: it fails at once on most places. The parser
#: finds the same places with `_people_at` (str.find); this pattern says what they are.
_PEOPLE_AT = re.compile(rf"\b{_PEOPLE}\b")
_ROWS = tuple(
    (re.compile(f"(?:{before})$") if before else None, re.compile(after) if after else None)
    for _example, before, after in COUNTED_PEOPLE
)
#: A text before the word that rows with nothing after it need ("we …", "(n = …",
#: "… consecutive …").
_HINTS = {2: "we ", 4: "(", 6: "consecutive"}
_KEYS = frozenset(_PEOPLE_KEYS)
register_keys(_KEYS)


def counted_people(title: str, abstract: str, *, wording: Wording | None = None) -> str | None:
    """`observational` when the abstract counts a group of people it studied
    (COUNTED_PEOPLE) and names no laboratory animals; the caller asks only when nothing else
    placed the record."""
    if not abstract:
        return None
    if wording is None:
        wording = Wording(title, abstract)
    if _KEYS.isdisjoint(wording.keys(1)[0]):
        return None
    text = wording.low(1)
    if not any(_counted_at(text, start, end) for start, end in _people_at(text, wording)):
        return None
    if names_animals(wording, 0) or names_animals(wording, 1):
        return None
    return "observational"


#: Each people word under its key (the key is part of the word, so the word occurs only
#: where its key does).
_WORDS_BY_KEY: dict[str, tuple[str, ...]] = {
    key: tuple(w for w in _PEOPLE_WORDS if (w[:-1] if w.endswith("s") else w) == key)
    for key in _PEOPLE_KEYS
}
#: Whether every people word is word characters only: then a match of `_PEOPLE_AT` is a
#: whole run of word characters that equals a word, which `_people_at` finds by str.find.
_PLAIN_WORDS = all(re.fullmatch(r"\w+", w) for w in _PEOPLE_WORDS)


def _people_at(text: str, wording: Wording) -> list[tuple[int, int]]:
    """(start, end) of every match of `_PEOPLE_AT` in the normalised abstract, in some order
    (the caller asks whether any place counts). The regex starts with a word boundary, so
    re tries all 30 words at every character of the abstract (most of counted_people's
    time); here only the words whose key the wording scan found are looked for, by
    str.find, each hit kept when word characters do not go on at either end."""
    if not _PLAIN_WORDS:
        return [m.span() for m in _PEOPLE_AT.finditer(text)]
    found = wording.keys(1)[0]
    places = []
    for key in _KEYS.intersection(found):
        for word in _WORDS_BY_KEY[key]:
            places.extend(whole_words(text, word))
    return places


def _counted_at(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 120) : start], text[end : end + 200]
    for row, (b, a) in enumerate(_ROWS):
        if a is not None and not a.match(after):
            continue
        hint = _HINTS.get(row)
        if hint is not None and hint not in before:
            continue
        if b is None or b.search(before):
            return True
    return False
