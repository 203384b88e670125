"""`pattern.search(text) is not None` for the wording rules' long alternations, faster.

Why: a rule pattern such as `\\b(?:database|registry)\\s+...|\\brespondents\\b|...` starts
with a word boundary, so Python's regex engine cannot skip ahead to where a literal occurs:
it tries every alternative at every position of a 1,500-character abstract (15-60 us a
search, the largest single cost of the wording rules). The rules only ask *whether* a pattern
occurs, and for that question the alternation may be split: `A|B` occurs exactly when `A` or
`B` does. Each alternative is rewritten to start with its literal word, and the engine then
jumps from one occurrence of that word to the next (a C-level scan):

- `\\b(?:a|b)rest` becomes `\\barest` and `\\bbrest` (a non-capturing group at the start,
  not repeated);
- `\\bword rest` becomes `word(?<=\\bword)rest`, and a leading look-behind `(?<!X)` becomes
  `(?<!(?:X)word)` after the word: both look at the same characters as before.

Alternatives that do not start with a word of two letters or more stay together in one
pattern. The rule tables keep the patterns as written (they are what a reviewer reads); only
the search is rewritten, and tests/test_any_search.py checks the answers against the original
pattern on every sample title and abstract and on generated wording. design_text uses it for
the method rules, which read whole abstracts; a title is too short for the extra patterns
(compiled at import) to pay.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["AnySearch", "alternatives"]

_WORD = re.compile(r"[a-z]+")
_QUANTIFIERS = "?*+{"


class AnySearch:
    """Whether `pattern` occurs in a text: `search(text)` is true exactly when
    `re.compile(pattern).search(text)` finds a match."""

    __slots__ = ("pattern", "_searches")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = re.compile(pattern, flags)
        fast, slow = [], []
        for alternative in alternatives(pattern):
            (fast if _starts_with_word(alternative) else slow).append(alternative)
        if slow:
            fast.append("|".join(slow))
        self._searches = tuple(re.compile(p, flags).search for p in fast)

    def search(self, text: str) -> bool:
        for search in self._searches:
            if search(text) is not None:
                return True
        return False


def alternatives(pattern: str) -> list[str]:
    """The pattern as alternatives whose union matches where it does, each rewritten to
    start with a literal word where it can (see the module docstring)."""
    return [_word_first(x) for top in _split(pattern) for x in _expand(top)]


def _starts_with_word(alternative: str) -> bool:
    match = _WORD.match(alternative)
    return match is not None and len(match.group()) >= 2


def _scan(pattern: str, i: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth after it) for each character of `pattern` from `i` that is
    not escaped or inside a character class: what both splitting and group matching read."""
    depth = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(pattern, i)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        yield i, char, depth
        i += 1


def _split(pattern: str) -> list[str]:
    """Top-level alternatives of a pattern (not inside groups or character classes)."""
    parts, start = [], 0
    for i, char, depth in _scan(pattern):
        if char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _class_end(pattern: str, i: int) -> int:
    """The index after the character class opening at pattern[i]."""
    i += 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _group_end(pattern: str, i: int) -> int:
    """The index after the group opening at pattern[i]."""
    for j, char, depth in _scan(pattern, i):
        if char == ")" and depth == 0:
            return j + 1
    raise ValueError(f"unbalanced group at {i} in {pattern!r}")


def _expand(alternative: str) -> list[str]:
    """`\\b(?:a|b)rest` → `\\barest`, `\\bbrest` (recursively); anything else as it is."""
    boundary = "\\b" if alternative.startswith("\\b") else ""
    at = len(boundary)
    if not alternative.startswith("(?:", at):
        return [alternative]
    end = _group_end(alternative, at)
    if alternative[end : end + 1] and alternative[end] in _QUANTIFIERS:
        return [alternative]
    rest = alternative[end:]
    return [
        x for part in _split(alternative[at + 3 : end - 1]) for x in _expand(boundary + part + rest)
    ]


def _word_first(alternative: str) -> str:
    """`(?<!X)\\bword rest` → `word(?<!(?:X)word)(?<=\\bword)rest`; unchanged when the
    alternative does not open with look-behinds, a word boundary and a word."""
    behind = []
    at = 0
    while alternative.startswith(("(?<!", "(?<="), at):
        end = _group_end(alternative, at)
        behind.append((alternative[at + 3], alternative[at + 4 : end - 1]))
        at = end
    boundary = alternative.startswith("\\b", at)
    if boundary:
        at += 2
    word = _WORD.match(alternative, at)
    if word is None:
        return alternative
    literal = word.group()
    after = word.end()
    if alternative[after : after + 1] and alternative[after] in _QUANTIFIERS:
        literal, after = literal[:-1], after - 1
    if len(literal) < 2 or not (boundary or behind):
        return alternative
    checks = "".join(f"(?<{kind}(?:{inner}){literal})" for kind, inner in behind)
    if boundary:
        checks += f"(?<=\\b{literal})"
    return literal + checks + alternative[after:]
