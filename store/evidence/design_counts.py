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
from store.evidence.wording import Wording, register_keys

#: A count as abstracts write it: digits or a number word.
_COUNT = (
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
)
#: People a study counts (not "cases", "eyes" or "samples": series and lab work).
_PEOPLE_WORDS: tuple[str, ...] = (
    "patients",
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
#: a group of people counted and studied ("95 surviving children with spina bifida were
#: examined", "we enrolled 120 consecutive adults", "patients (n = 51)", "38 patients and 40
#: healthy controls") is an observational study when nothing else named the design. A
#: registered study that counts its patients stays a trial by its registry number.
COUNTED_PEOPLE = (
    "observational",
    rf"\b{_COUNT}\s+{_BETWEEN}{{0,5}}?{_PEOPLE}\b[^.;]{{0,120}}?\b(?:were|was)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?{_STUDIED}\b"
    rf"|\b{_COUNT}\s+{_BETWEEN}{{0,5}}?{_PEOPLE}\s+(?:[^.;]{{0,80}}?\s)?"
    r"(?:completed|underwent|participated|took\s+part|answered|responded)\b"
    rf"|\bwe\s+(?:[\w-]+\s+)?{_STUDIED}\s+(?:[\w-]+\s+){{0,3}}?{_COUNT}\s+"
    rf"{_BETWEEN}{{0,4}}?{_PEOPLE}\b"
    rf"|\b{_PEOPLE}\s*\(\s*n\s*=\s*\d|\(\s*n\s*=\s*\d[\d,]*\s*{_PEOPLE}\b"
    rf"|\b{_PEOPLE}\s+(?:with\s+[^.,;]{{1,60}}?\s+)?and\s+(?:{_COUNT}\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:healthy\s+)?controls\b",
    _PEOPLE_KEYS,
)

_COUNTED_RE = re.compile(COUNTED_PEOPLE[1])
_COUNTED_KEYS = frozenset(COUNTED_PEOPLE[2])
register_keys(_COUNTED_KEYS)


def counted_people(title: str, abstract: str, *, wording: Wording | None = None) -> str | None:
    """`observational` when the abstract counts a group of people it studied (COUNTED_PEOPLE)
    and names no laboratory animals; the caller asks only when nothing else placed the
    record."""
    if not abstract:
        return None
    if wording is None:
        wording = Wording(title, abstract)
    if not _COUNTED_KEYS.intersection(wording.keys(1)[0]):
        return None
    if not _COUNTED_RE.search(wording.low(1)):
        return None
    if names_animals(wording, 0) or names_animals(wording, 1):
        return None
    return COUNTED_PEOPLE[0]
