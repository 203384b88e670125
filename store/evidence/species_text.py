"""Species from a record's wording, for records without the Humans / Animals check tags
(not indexed yet, or PubMed-not-MEDLINE, which never gets MeSH), and the animal guard of
the design wording rules (store/evidence/design_text.py).

Cheap by construction (the parser runs it on every record without MeSH): the key tables
below are gates, tested as sets against the keys store.evidence.wording found in one pass
over the text; the words are counted only when a gate opens."""

from __future__ import annotations

import re

from store.evidence.wording import WordCounter, Wording, keys_in, normalise, register_keys

__all__ = ["has_animal_words", "names_animals", "normalise", "species_from_text"]


#: Laboratory, farm and wild animals as authors name them (also read for species, see below).
#: Words, not phrases: a record's text is split into words once and looked up in these sets.
ANIMAL_WORDS: frozenset[str] = frozenset(
    """rat rats mice mouse murine rodent rodents rabbit rabbits piglet piglets pigs porcine
    swine minipig minipigs sheep ovine ewe ewes lamb lambs dogs canine cats feline horse horses
    equine ponies primate primates monkey monkeys macaque macaques marmoset marmosets gorilla
    gorillas chimpanzee chimpanzees zebrafish drosophila cattle bovine calves heifer heifers
    goat goats caprine chicken chickens broiler broilers hamster hamsters ferret ferrets gerbil
    gerbils wistar dawley c57bl xenopus elegans camel camels""".split()
)
#: People as abstracts name them (counted only where animals are named too).
HUMAN_WORDS: frozenset[str] = frozenset(
    """patient patients participant participants volunteer volunteers women men woman man
    children child adult adults infant infants neonate neonates adolescent adolescents human
    humans individuals persons people respondents outpatients inpatients veterans nurses
    physicians clinicians students pregnant pregnancy""".split()
)
#: Work on cells or tissue outside an organism (phrases: plain substring tests).
IN_VITRO_PHRASES: tuple[str, ...] = (
    "in vitro",
    "cell line",
    "cultured cells",
    "cell culture",
    "in silico",
    "organoid",
)

#: Substrings at least one of which occurs wherever a word of the set does: a cheap
#: necessary condition before the word pattern runs.
_ANIMAL_KEYS: tuple[str, ...] = (
    # word starts (after a space or a bracket) where a short key would hit other words:
    # "rat" in "rate", "ewe" in "fewer", "lamb" in "lambda", "pig" in "pigment"
    " rat",
    "(rat",
    "-rat",
    "mice",
    "mouse",
    "murine",
    "rodent",
    "rabbit",
    " pig",
    "(pig",
    "porcine",
    "swine",
    "sheep",
    " ovine",
    " ewe",
    " lamb",
    " dogs",
    "canine",
    " cats",
    "feline",
    "horse",
    "equine",
    "ponies",
    "primate",
    "monkey",
    "macaque",
    "marmoset",
    "gorilla",
    "chimpanzee",
    "zebrafish",
    "drosophila",
    "cattle",
    "bovine",
    "calves",
    "heifer",
    "goat",
    "caprine",
    "chicken",
    "broiler",
    "hamster",
    "ferret",
    "gerbil",
    "wistar",
    "dawley",
    "c57bl",
    "xenopus",
    "elegans",
    "camel",
)
_ANIMAL_RE = re.compile(r"\b(?:" + "|".join(sorted(ANIMAL_WORDS, key=len, reverse=True)) + r")\b")
_HUMAN_RE = re.compile(r"\b(?:" + "|".join(sorted(HUMAN_WORDS, key=len, reverse=True)) + r")\b")


_ANIMAL_COUNT = WordCounter(ANIMAL_WORDS, _ANIMAL_RE)
_HUMAN_COUNT = WordCounter(HUMAN_WORDS, _HUMAN_RE)
_ANIMAL_GATE = frozenset(_ANIMAL_KEYS)


def _animals(text: str, keys: tuple[frozenset[str], frozenset[str]]) -> int:
    """How often text names an animal word (0 without counting when no key occurs). `keys`
    is keys_in(text): the animal words are keys too, so only the words found are counted."""
    inner, spaced = keys
    if _ANIMAL_GATE.isdisjoint(spaced):
        return 0
    return _ANIMAL_COUNT.count(text, ANIMAL_WORDS.intersection(inner))


def has_animal_words(text: str) -> bool:
    """Whether lower-cased text names laboratory, farm or wild animals."""
    return bool(text) and _animals(text, keys_in(text)) > 0


def names_animals(wording: Wording, part: int) -> bool:
    """has_animal_words for the title (part 0) or abstract (part 1) of a scanned Wording."""
    text = wording.low(part)
    return bool(text) and _animals(text, wording.keys(part)) > 0


#: Substrings that name people (a cheap test, read after animal and in-vitro wording).
_HUMAN_KEYS: tuple[str, ...] = (
    "patient",
    "participant",
    "volunteer",
    "women",
    "children",
    "adults",
    "human",
    "people",
    "year-old",
    "years old",
    "infants",
    "adolescents",
    "respondents",
    "pregnan",
)


def species_from_text(
    title: str, abstract: str = "", *, wording: Wording | None = None
) -> tuple[bool, bool, bool] | None:
    """(humans, animals, in_vitro) read from the wording, or None when it names none of them.

    For records without the Humans / Animals check tags. The title decides when it names a
    species or in-vitro work; otherwise the abstract. Where animals are named, a few
    incidental mentions of people ("as in patients") do not outweigh the subject of an
    experiment ("rats were ..."): the side named more often wins, both when equal. Cell and
    tissue work ("in vitro", "cell line") naming no animal is in vitro. `wording` (the same
    title and abstract, already scanned) saves reading them again."""
    if wording is None:
        wording = Wording(title, abstract)
    for part in (0, 1):
        text = wording.low(part)
        if not text:
            continue
        keys = wording.keys(part)
        inner = keys[0]
        animals = _animals(text, keys)
        if animals:
            humans = _HUMAN_COUNT.count(text)
            return humans >= animals, animals >= humans, False
        if not _IN_VITRO_GATE.isdisjoint(inner):
            return False, False, True
        if not _HUMAN_GATE.isdisjoint(inner):
            return True, False, False
    return None


_IN_VITRO_GATE = frozenset(IN_VITRO_PHRASES)
_HUMAN_GATE = frozenset(_HUMAN_KEYS)
register_keys((*_ANIMAL_KEYS, *ANIMAL_WORDS, *IN_VITRO_PHRASES, *_HUMAN_KEYS))


#: Veterinary patients, the one exception to the animal guard: an observational class found
#: in wording that names pets or horses as patients, says "retrospective" and names no
#: laboratory species is kept (a retrospective review of dogs' records is a veterinary
#: observational study, not laboratory work). Wildlife and laboratory animals stay `other`.
VETERINARY_PATIENTS = re.compile(r"\b(?:client[- ]owned|dogs|cats|horses|canine|feline|equine)\b")
VETERINARY_STUDY = re.compile(r"\bretrospective(?:ly)?\b")
LABORATORY_SPECIES = re.compile(
    r"\b(?:rats?|mice|mouse|murine|rodents?|rabbits?|pigs?|porcine|swine|piglets?|zebrafish"
    r"|primates?|monkeys?|macaques?|hamsters?|guinea\s+pigs?|sheep|ovine)\b"
)


def veterinary_patients(wording: Wording) -> bool:
    """Whether the wording reads as a retrospective study of veterinary patients (see
    VETERINARY_PATIENTS). store.evidence.design_text asks only for the rare record whose
    wording names animals and gave an observational class, so a regex pass is cheap here."""
    text = wording.low(0) + " " + wording.low(1)
    return bool(
        VETERINARY_PATIENTS.search(text)
        and VETERINARY_STUDY.search(text)
        and not LABORATORY_SPECIES.search(text)
    )
