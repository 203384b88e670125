"""Species from a record's wording, for records without the Humans / Animals check tags
(not indexed yet, or PubMed-not-MEDLINE, which never gets MeSH), and the animal guard of
the design wording rules (store/evidence/design_text.py).

Cheap by construction (the parser runs it on every record without MeSH): a word pattern
runs only when one of its substrings occurs."""

from __future__ import annotations

import functools
import re


@functools.lru_cache(maxsize=8)
def normalise(text: str) -> str:
    """Lower case, runs of whitespace as one space (cheap: C-level split and join). Cached
    for the few strings of the record at hand: the design and species rules read the same
    title and abstract."""
    return " ".join(text.lower().split()) if text else ""


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


def _counts(text: str, keys: tuple[str, ...], pattern: re.Pattern[str]) -> int:
    """How often text names a word of the set (0 without a regex when no key occurs)."""
    if not any(map(f" {text}".__contains__, keys)):
        return 0
    return len(pattern.findall(text))


def has_animal_words(text: str) -> bool:
    """Whether lower-cased text names laboratory, farm or wild animals."""
    return (
        bool(text)
        and any(map(f" {text}".__contains__, _ANIMAL_KEYS))
        and (_ANIMAL_RE.search(text) is not None)
    )


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


def species_from_text(title: str, abstract: str = "") -> tuple[bool, bool, bool] | None:
    """(humans, animals, in_vitro) read from the wording, or None when it names none of them.

    For records without the Humans / Animals check tags. The title decides when it names a
    species or in-vitro work; otherwise the abstract. Where animals are named, a few
    incidental mentions of people ("as in patients") do not outweigh the subject of an
    experiment ("rats were ..."): the side named more often wins, both when equal. Cell and
    tissue work ("in vitro", "cell line") naming no animal is in vitro."""
    for text in (normalise(title), normalise(abstract)):
        if not text:
            continue
        animals = _counts(text, _ANIMAL_KEYS, _ANIMAL_RE)
        if animals:
            humans = len(_HUMAN_RE.findall(text))
            return humans >= animals, animals >= humans, False
        if any(map(text.__contains__, IN_VITRO_PHRASES)):
            return False, False, True
        if any(map(text.__contains__, _HUMAN_KEYS)):
            return True, False, False
    return None
