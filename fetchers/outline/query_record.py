"""The record side of the local query evaluator (fetchers.outline.query_eval): a stored
record's searchable fields, folded and split into words once for every claim's query."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

#: PubMed-like words: runs of letters and digits; hyphens and punctuation split words.
_WORD = re.compile(r"[^\W_]+")

#: Field names as shown to people (the `field` of a hit).
TITLE, ABSTRACT, KEYWORDS = "title", "abstract", "keywords"
MESH, SUBHEADING, PUBLICATION_TYPE = "MeSH", "MeSH subheading", "publication type"


def _fold(text: str) -> str:
    if text.isascii():  # NFKD changes no ASCII character and casefold is lower()
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


#: One word folded: words recur across a store's records, so most folds are a cache hit.
_fold_word = lru_cache(maxsize=65_536)(_fold)


@lru_cache(maxsize=65_536)
def _key(text: str) -> str:
    """A controlled-vocabulary value as comparable text: 'Pain, Postoperative' → 'pain
    postoperative'."""
    return " ".join(_WORD.findall(_fold(text)))


class _Text:
    """One text: its folded words as a set first (one C-level pass, enough to tell that a
    phrase cannot occur), and the words with their offsets and places only when a phrase
    could occur, since most texts are ruled out by the set."""

    __slots__ = ("text", "_folded", "_tokens", "_words", "_positions")

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded = text.lower() if text.isascii() else None  # lower() keeps offsets
        self._tokens: set[str] | None = None
        self._words: list[tuple[str, int, int]] | None = None
        self._positions: dict[str, list[int]] | None = None

    @classmethod
    def of(cls, text: str) -> _Text:
        return cls(text)

    @property
    def folded(self) -> str | None:
        """The text lower-cased with its offsets kept (ASCII texts), else None."""
        return self._folded

    @property
    def tokens(self) -> set[str]:
        if self._tokens is None:
            if self._folded is not None:
                self._tokens = set(_WORD.findall(self._folded))
            else:
                self._tokens = {w for w, _, _ in self.words}
        return self._tokens

    @property
    def words(self) -> list[tuple[str, int, int]]:
        """(folded word, start, end) in the original text."""
        if self._words is None:
            if self._folded is not None:
                found = _WORD.finditer(self._folded)
                self._words = [(m.group(), m.start(), m.end()) for m in found]
            else:
                found = _WORD.finditer(self.text)
                self._words = [(_fold_word(m.group()), *m.span()) for m in found]
        return self._words

    @property
    def positions(self) -> dict[str, list[int]]:
        """Each folded word's places in `words`: a phrase is looked for only where its first
        word is."""
        if self._positions is None:
            self._positions = {}
            for i, (word, _, _) in enumerate(self.words):
                self._positions.setdefault(word, []).append(i)
        return self._positions


@dataclass
class _Heading:
    descriptor: str
    major: bool
    qualifiers: list[tuple[str, bool]]


class RecordView:
    """The searchable fields of one stored record, tokenised once for every claim."""

    def __init__(self, record: Mapping[str, Any]) -> None:
        self.texts: dict[str, list[_Text]] = {
            TITLE: [_Text.of(str(record.get("title") or ""))],
            ABSTRACT: [_Text.of(str(record.get("abstract") or ""))],
            KEYWORDS: [_Text.of(str(k)) for k in record.get("keywords") or ()],
        }
        self.headings: list[_Heading] = []
        for heading in record.get("mesh") or ():
            qualifiers = [
                (str(q.get("name", "")), bool(q.get("major")))
                for q in heading.get("qualifiers") or ()
            ]
            self.headings.append(
                _Heading(str(heading.get("descriptor", "")), bool(heading.get("major")), qualifiers)
            )
        self.types = [str(t) for t in record.get("publication_types") or ()]
        self.texts[MESH] = [_Text.of(h.descriptor) for h in self.headings]
        self.texts[SUBHEADING] = [
            _Text.of(q) for q in sorted({q for h in self.headings for q, _ in h.qualifiers})
        ]
        self.texts[PUBLICATION_TYPE] = [_Text.of(t) for t in self.types]
