"""Words and phrases the emulator treats as existing in PubMed although no sample has them.

PubMed reports PhraseNotFound (and drops the term) only for words absent from all of
PubMed. The sample corpus is ~4,500 records, so a real word such as "ketorolac" may occur in
none of them; reporting it would make correct queries look broken. The shipped outlines'
words and query phrases are therefore "known" by default: they give 0 hits, not an error.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from tests.emulator.search import known_phrases_of, known_words_of

OUTLINES = Path(__file__).resolve().parents[2] / "data" / "outlines"


def _queries(node) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for name, value in node.items():
            if name in ("query", "reference_query") and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_queries(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_queries(item))
    return found


@functools.cache
def outline_vocabulary(folder: Path = OUTLINES) -> tuple[frozenset[str], frozenset[str]]:
    """(words, phrases) of every data/outlines/*.yaml; empty when there is none."""
    words: set[str] = set()
    phrases: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        words |= known_words_of([text])
        try:
            queries = _queries(yaml.safe_load(text))
        except yaml.YAMLError:
            continue
        phrases |= known_phrases_of(queries)
    return frozenset(words), frozenset(phrases)
