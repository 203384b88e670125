"""A record's title and abstract as the wording rules read them: lower-cased once, and
scanned once for every rule keyword (design_text, species_text, design_rules' registry
prefixes) by one Aho-Corasick automaton, so that each rule's keyword gate is a set test.

The rule modules register their keyword tables here when they are imported
(`register_keys`); the automaton is built from everything registered the first time a text
is scanned, and again if a table registers later. Nothing is cached across texts: a
`Wording` holds one record's title and abstract and is dropped with the record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from operator import itemgetter

import ahocorasick

_KEYS: set[str] = set()
_built: list = []  # [automaton] once built from _KEYS
#: [keys that start with a space, the same without it]: these also match at a text's start.
_SPACED: list = []


def normalise(text: str) -> str:
    """Lower case, runs of whitespace as one space: `" ".join(text.lower().split())`.

    Most texts the parser hands over are already single-spaced (element_text folds ASCII
    whitespace; abstracts join their sections with a blank line), and then the lower-cased
    text itself is the answer: split and join would copy every word of it. The test is
    exact because every whitespace character but the space is unprintable (Python's
    `isprintable`) and lower-casing never makes whitespace (both checked over all of
    Unicode in tests/test_wording.py)."""
    if not text:
        return ""
    low = flat = text.lower()
    # An ASCII text (most: str.isascii reads a flag) holds none of the Unicode spaces.
    for space in _SINGLE_SPACES[:1] if flat.isascii() else _SINGLE_SPACES:
        if space in flat:
            flat = flat.replace(space, " ")
    if flat.isprintable() and "  " not in flat and flat[0] != " " and flat[-1] != " ":
        return flat
    return " ".join(low.split())


#: Whitespace that normalise's fast path turns into a space first: the blank line between
#: abstract sections, and the thin, no-break and narrow no-break spaces of PubMed's numbers
#: ("10\u2009mg"). Replacing a whitespace run by one space leaves split() unchanged.
_SINGLE_SPACES = ("\n\n", "\u2009", "\xa0", "\u202f")


def register_keys(keys: Iterable[str]) -> None:
    """Add rule keywords (matched on normalised text) to the shared automaton."""
    new = {key for key in keys if key} - _KEYS
    if new:
        _KEYS.update(new)
        _built.clear()


def _automaton() -> ahocorasick.Automaton:
    if not _built:
        spaced = tuple(sorted(key for key in _KEYS if key.startswith(" ")))
        _SPACED[:] = [spaced, tuple(key[1:] for key in spaced)] if spaced else []
        automaton = ahocorasick.Automaton()
        for key in _KEYS:
            automaton.add_word(key, key)
        automaton.make_automaton()
        _built.append(automaton)
        _ASCII_KEYS[:] = [all(key.isascii() and _STAND_IN not in key for key in _KEYS)]
    return _built[0]


#: [whether every key is ASCII without _STAND_IN], set with the automaton.
_ASCII_KEYS: list[bool] = []
#: What each non-ASCII character of a text becomes before the scan (see keys_in).
_STAND_IN = "?"


def keys_in(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(keys occurring in `text`, keys occurring in " " + `text`): the second also has
    word-start keys (" rat") that match at the very start of the text."""
    if not text or not _KEYS:
        return _NONE, _NONE
    automaton = _automaton()
    scanned = text
    if not text.isascii() and _ASCII_KEYS[0]:
        # The automaton walks a text of one-byte characters 1.5-2.5x faster (a "≥" or a
        # Greek letter makes the whole string wider). Every key is ASCII without "?", so a
        # non-ASCII character is never part of a match, and as "?" it cannot become one.
        scanned = text.encode("ascii", "replace").decode("ascii")
    found = frozenset(map(_second, automaton.iter(scanned)))
    if _SPACED and text.startswith(_SPACED[1]):
        return found, found.union([key for key in _SPACED[0] if text.startswith(key[1:])])
    return found, found


_NONE: frozenset[str] = frozenset()
_second = itemgetter(1)


class Wording:
    """One record's title and abstract; their normalised forms and keyword sets are worked
    out when a rule first asks for them, then kept for the other rules of that record."""

    __slots__ = ("title", "abstract", "_low", "_keys", "registry")

    def __init__(self, title: str = "", abstract: str = "") -> None:
        self.title = title or ""
        self.abstract = abstract or ""
        self._low: list[str | None] = [None, None]
        self._keys: list[tuple[frozenset[str], frozenset[str]] | None] = [None, None]
        #: The registry patterns worth running on the abstract (design_rules), once known.
        self.registry: tuple | None = None

    def low(self, part: int) -> str:
        """The normalised title (part 0) or abstract (part 1)."""
        low = self._low[part]
        if low is None:
            low = self._low[part] = normalise(self.abstract if part else self.title)
        return low

    def keys(self, part: int) -> tuple[frozenset[str], frozenset[str]]:
        """keys_in(self.low(part)), worked out once."""
        keys = self._keys[part]
        if keys is None:
            keys = self._keys[part] = keys_in(self.low(part))
        return keys

    def scanned(self, part: int) -> frozenset[str] | None:
        """The keys of a part if it was scanned already, else None (no scan is made)."""
        keys = self._keys[part]
        return None if keys is None else keys[0]

    @property
    def low_title(self) -> str:
        return self.low(0)

    @property
    def low_abstract(self) -> str:
        return self.low(1)


_WORD = re.compile(r"\w+")


def is_word_char(char: str) -> bool:
    """What re's `\\w` matches in a str pattern (letters, digits of any script, "_")."""
    return char.isalnum() or char == "_"


def whole_words(text: str, word: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every place a word of word characters stands whole in `text`, as
    `\\bword\\b` matches it: str.find finds it, and a place is kept where word characters do
    not go on at either end (cheaper than a regex whose word boundary is tried everywhere)."""
    length, size = len(word), len(text)
    start = text.find(word)
    while start >= 0:
        end = start + length
        if (start == 0 or not is_word_char(text[start - 1])) and (
            end == size or not is_word_char(text[end])
        ):
            yield start, end
        start = text.find(word, start + 1)


class WordCounter:
    """How often a text names a word of a set, as `len(re.findall(r"\\b(?:w1|w2...)\\b"))`
    counts it: for words of word characters only, a match bounded by word boundaries is a
    whole run of word characters, so the automaton's matches are checked at both ends."""

    def __init__(self, words: Iterable[str], pattern: re.Pattern[str]) -> None:
        self.words = frozenset(words)
        self.pattern = pattern  # the same count where a word is not all word characters
        self._plain = all(_WORD.fullmatch(word) for word in self.words)
        self._automaton = ahocorasick.Automaton()
        for word in self.words:
            self._automaton.add_word(word, len(word))
        if self.words:
            self._automaton.make_automaton()

    def count(self, text: str, found: Iterable[str] | None = None) -> int:
        """The count; `found`, the words known to occur in text as substrings (a keys_in
        result), makes it look for those alone (str.find) instead of scanning."""
        if not text or not self.words:
            return 0
        if not self._plain:
            return len(self.pattern.findall(text))
        if found is not None:
            return self._count_found(text, found)
        n = 0
        last = len(text) - 1
        for end, length in self._automaton.iter(text):
            start = end - length + 1
            if (start == 0 or not is_word_char(text[start - 1])) and (
                end == last or not is_word_char(text[end + 1])
            ):
                n += 1
        return n

    def _count_found(self, text: str, found: Iterable[str]) -> int:
        return sum(1 for word in found for _place in whole_words(text, word))
