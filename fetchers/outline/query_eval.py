"""Why did this record match? A claim's PubMed query evaluated locally against one record.

PubMed says only *that* a record matched a query, never why. To see whether a claim's
records test the claim, an author needs the terms that hit and the words they hit
(`depress*` hitting "cardiorespiratory depression" in an anaesthesia paper is a false
match that no count reveals). This module parses a query into a tree and evaluates it
against a record's title, abstract, author keywords, MeSH headings and subheadings and
publication types, keeping every hit with where it was found.

It does what PubMed does literally and nothing it does by expansion: no MeSH tree
explosion, no automatic term mapping, no phrase-index fallback. A record PubMed returned that
the local evaluation does not select is therefore reported as *not explained* ("matched by
PubMed's expansion"), never guessed at. Fields littrack does not store (dates, authors,
substance names, ...) evaluate as unknown, with three-valued logic, so they cannot make a
record look explained either.

Pure: no database, no HTTP. fetchers/job/explain.py runs it over stored records.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fetchers.outline.query_check import Token, _merged, _scan, check_query, normalise_tag
from fetchers.outline.query_record import (
    _WORD,
    ABSTRACT,
    KEYWORDS,
    MESH,
    PUBLICATION_TYPE,
    SUBHEADING,
    TITLE,
    RecordView,
    _fold,
    _key,
    _Text,
)

#: Which record fields each text tag searches.
_TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "tiab": (TITLE, ABSTRACT, KEYWORDS),
    "title/abstract": (TITLE, ABSTRACT, KEYWORDS),
    "ti": (TITLE,),
    "title": (TITLE,),
    "ot": (KEYWORDS,),
    "other term": (KEYWORDS,),
    "tw": (TITLE, ABSTRACT, KEYWORDS, MESH, SUBHEADING, PUBLICATION_TYPE),
    "text word": (TITLE, ABSTRACT, KEYWORDS, MESH, SUBHEADING, PUBLICATION_TYPE),
    "text words": (TITLE, ABSTRACT, KEYWORDS, MESH, SUBHEADING, PUBLICATION_TYPE),
    "all": (TITLE, ABSTRACT, KEYWORDS, MESH, SUBHEADING, PUBLICATION_TYPE),
    "all fields": (TITLE, ABSTRACT, KEYWORDS, MESH, SUBHEADING, PUBLICATION_TYPE),
}
_MESH_TAGS = frozenset({"mh", "mesh", "mesh terms"})
_MAJR_TAGS = frozenset({"majr", "mesh major topic"})
_SH_TAGS = frozenset({"sh", "mesh subheading", "mesh subheadings", "subheading"})
_PT_TAGS = frozenset({"pt", "publication type"})

#: At most this many hits per term and field (a long abstract repeats its words).
MAX_HITS_PER_FIELD = 20


@dataclass(frozen=True)
class Hit:
    """One term of the query found in one field of the record."""

    term: str  # the term as the query writes it, e.g. 'depress*[tiab]'
    field: str  # TITLE, ABSTRACT, KEYWORDS, MESH, SUBHEADING or PUBLICATION_TYPE
    text: str  # the record's words (or heading) that matched
    #: Character offsets into the title or abstract; None for other fields.
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "term": self.term,
            "field": self.field,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Explanation:
    """`explained`: the local evaluation selects the record. `hits`: every term that hit
    (outside NOT), whether or not the whole query was satisfied. `unknown`: terms on fields
    littrack does not store."""

    explained: bool
    hits: tuple[Hit, ...] = ()
    unknown: tuple[str, ...] = ()

    def hits_json(self) -> list[dict[str, Any]]:
        return [h.as_dict() for h in self.hits]


@dataclass
class _Leaf:
    text: str
    tag: str | None  # normalised base tag, None when untagged
    typed: str
    quoted: bool
    suffix: str = ""  # "noexp", "~3", ...


@dataclass
class _Node:
    op: str  # AND | OR | NOT
    left: _Leaf | _Node
    right: _Leaf | _Node


@dataclass
class _Unknown:
    typed: str


_Tree = _Leaf | _Node | _Unknown


# ------------------------------------------------------------------------------ parsing


def _typed(tok: Token) -> str:
    text = f'"{tok.text}"' if tok.kind == "phrase" else tok.text
    return f"{text}[{tok.tag}]" if tok.tag is not None else text


class QueryParseError(ValueError):
    """The query does not parse (run `littrack outline check`: its lint names the problem)."""


def parse(query: str) -> _Tree:
    """The query as a tree: operators bind left to right with equal precedence (PubMed's
    rule), juxtaposed operands are ANDed."""
    problems = check_query(query)
    if problems:
        raise QueryParseError(problems[0])
    tokens = _merged(_scan(query)[0], kind="term")
    pos = 0

    def operand() -> _Tree:
        nonlocal pos
        if pos >= len(tokens):
            raise QueryParseError("query ends where a term was expected")
        tok = tokens[pos]
        pos += 1
        if tok.kind == "(":
            tree = expression()
            if pos < len(tokens) and tokens[pos].kind == ")":
                pos += 1
            return tree
        if tok.kind in ("term", "phrase"):
            if pos < len(tokens) and tokens[pos].kind == "range":
                # `"2020"[dp] : "2024"[dp]`: dates are not stored per se; unknown.
                pos += 1
                end = tokens[pos] if pos < len(tokens) else tok
                pos += 1
                return _Unknown(f"{_typed(tok)}:{_typed(end)}")
            return _leaf(tok)
        raise QueryParseError(f"unexpected '{tok.text}' at character {tok.pos + 1}")

    def expression() -> _Tree:
        nonlocal pos
        tree = operand()
        while pos < len(tokens) and tokens[pos].kind != ")":
            op = "AND"
            if tokens[pos].kind == "op":
                op = tokens[pos].text
                pos += 1
            tree = _Node(op, tree, operand())
        return tree

    tree = expression()
    if pos != len(tokens):
        raise QueryParseError(f"unbalanced ')' at character {tokens[pos].pos + 1}")
    return tree


def _leaf(tok: Token) -> _Leaf | _Unknown:
    base, suffix = None, ""
    if tok.tag is not None:
        norm = normalise_tag(tok.tag)
        base, _, suffix = (part.strip() for part in norm.partition(":"))
    known = base is None or base in _TEXT_FIELDS or base in _MESH_TAGS | _MAJR_TAGS
    known = known or base in _SH_TAGS | _PT_TAGS
    if not known:
        return _Unknown(_typed(tok))
    return _Leaf(tok.text, base, _typed(tok), tok.kind == "phrase", suffix)


# ------------------------------------------------------------------------------ evaluation


def explain(query: str | _Tree, record: Mapping[str, Any] | RecordView) -> Explanation:
    """Why `record` matches `query` (a stored `articles` row as a mapping, or a RecordView).

    Raises QueryParseError for a query that does not parse.
    """
    tree = parse(query) if isinstance(query, str) else query
    view = record if isinstance(record, RecordView) else RecordView(record)
    hits: list[Hit] = []
    unknown: list[str] = []
    value = _evaluate(tree, view, hits, unknown, positive=True)
    return Explanation(value is True, tuple(dict.fromkeys(hits)), tuple(dict.fromkeys(unknown)))


def _evaluate(
    tree: _Tree, view: RecordView, hits: list[Hit], unknown: list[str], *, positive: bool
) -> bool | None:
    """Kleene three-valued logic: None is "cannot tell locally"."""
    if isinstance(tree, _Unknown):
        unknown.append(tree.typed)
        return None
    if isinstance(tree, _Leaf):
        found = _leaf_hits(tree, view)
        if positive:
            hits.extend(found)
        return bool(found)
    left = _evaluate(tree.left, view, hits, unknown, positive=positive)
    right = _evaluate(tree.right, view, hits, unknown, positive=positive and tree.op != "NOT")
    if tree.op == "NOT":
        right = None if right is None else not right
    if tree.op == "OR":
        if left is True or right is True:
            return True
        return None if left is None or right is None else False
    if left is False or right is False:
        return False
    return None if left is None or right is None else True


def _leaf_hits(leaf: _Leaf, view: RecordView) -> list[Hit]:
    if leaf.tag is None or leaf.tag in _TEXT_FIELDS:
        return _text_hits(leaf, view, _TEXT_FIELDS[leaf.tag or "all"])
    if leaf.tag in _PT_TAGS:
        wanted = _key(leaf.text)
        return [
            Hit(leaf.typed, PUBLICATION_TYPE, t)
            for t in view.types
            if _key(t) == wanted or (_truncated(leaf) and _key(t).startswith(_stem(leaf)))
        ]
    if leaf.tag in _SH_TAGS:
        wanted = _key(leaf.text)
        return [
            Hit(leaf.typed, SUBHEADING, f"{h.descriptor}/{q}")
            for h in view.headings
            for q, _ in h.qualifiers
            if _key(q) == wanted
        ]
    return _mesh_hits(leaf, view, major=leaf.tag in _MAJR_TAGS)


def _truncated(leaf: _Leaf) -> bool:
    return leaf.text.endswith("*")


def _stem(leaf: _Leaf) -> str:
    return _key(leaf.text.rstrip("*"))


def _mesh_hits(leaf: _Leaf, view: RecordView, *, major: bool) -> list[Hit]:
    """`Pain[mh]`, `"Ketamine/adverse effects"[mh]`, `Ketamine/AE[majr]`: the descriptor as
    indexed (no explosion to narrower headings), with the qualifier when one is given."""
    descriptor, _, qualifier = leaf.text.partition("/")
    wanted = _key(descriptor.rstrip("*"))
    wanted_q = _key(qualifier)
    found: list[Hit] = []
    for heading in view.headings:
        key = _key(heading.descriptor)
        if not (key == wanted or (descriptor.endswith("*") and key.startswith(wanted))):
            continue
        if wanted_q:
            for name, q_major in heading.qualifiers:
                if _key(name) == wanted_q and (not major or q_major or heading.major):
                    found.append(Hit(leaf.typed, MESH, f"{heading.descriptor}/{name}"))
        elif not major or heading.major or any(m for _, m in heading.qualifiers):
            found.append(Hit(leaf.typed, MESH, heading.descriptor))
    return found


def _text_hits(leaf: _Leaf, view: RecordView, fields: Sequence[str]) -> list[Hit]:
    wanted = [w for w in _WORD.findall(_fold(leaf.text))]
    if not wanted:
        return []
    truncated = _truncated(leaf)
    proximity = None
    if leaf.suffix.startswith("~") and leaf.suffix[1:].strip().isdigit():
        proximity = int(leaf.suffix[1:].strip())
    found: list[Hit] = []
    for name in fields:
        offsets = name in (TITLE, ABSTRACT)
        for text in view.texts.get(name, ()):
            if not _may_hold(text.tokens, wanted, truncated):
                continue
            spans = _find(text, wanted, truncated, proximity)
            for start, end in spans[:MAX_HITS_PER_FIELD]:
                found.append(
                    Hit(
                        leaf.typed,
                        name,
                        text.text[start:end],
                        start if offsets else None,
                        end if offsets else None,
                    )
                )
    return found


def _may_hold(tokens: set[str], wanted: list[str], truncated: bool) -> bool:
    """False when some word of `wanted` is nowhere in the text (so `_find` finds nothing)."""
    last = len(wanted) - 1
    for j, word in enumerate(wanted):
        if truncated and j == last:
            if word not in tokens and not any(t.startswith(word) for t in tokens):
                return False
        elif word not in tokens:
            return False
    return True


@lru_cache(maxsize=4096)
def _phrase(wanted: tuple[str, ...], truncated: bool) -> re.Pattern | None:
    """The words in a row as one pattern over an ASCII text lower-cased (a word's start is
    checked after the match), or None when the phrase could overlap itself (a later word
    that is also its first), where a scan that skips past each match could miss a start."""
    first, last = wanted[0], len(wanted) - 1
    for j in range(1, last + 1):
        if wanted[j] == first or (truncated and j == last and first.startswith(wanted[j])):
            return None
    body = r"[\W_]+".join(map(re.escape, wanted))
    return re.compile(body + (r"[^\W_]*" if truncated else r"(?![^\W_])"))


def _pattern_spans(text: _Text, wanted: list[str], truncated: bool) -> list[tuple[int, int]] | None:
    """The phrase's spans by one pattern over an ASCII text; None where it cannot be used."""
    folded = text.folded
    pattern = None if folded is None else _phrase(tuple(wanted), truncated)
    if pattern is None:
        return None
    return [
        (m.start(), m.end())
        for m in pattern.finditer(folded)
        if not m.start() or not folded[m.start() - 1].isalnum()
    ]


def _find(
    text: _Text, wanted: list[str], truncated: bool, proximity: int | None
) -> list[tuple[int, int]]:
    """Character spans where the words `wanted` occur in a row (the last one as a prefix
    when truncated), or within `proximity` words of each other for `[tiab:~N]`.

    An ASCII text is searched with one pattern, without splitting it into words: most texts
    are read by a leaf or two, and the split cost more than the search. Other texts, and
    phrases that can overlap themselves, are read word by word."""
    if proximity is None:
        spans = _pattern_spans(text, wanted, truncated)
        if spans is not None:
            return spans
    words, k = text.words, len(wanted)

    def same(token: str, j: int) -> bool:
        return token.startswith(wanted[j]) if truncated and j == k - 1 else token == wanted[j]

    spans: list[tuple[int, int]] = []
    if proximity is None:
        if truncated and k == 1:
            starts = sorted(i for w, at in text.positions.items() if same(w, 0) for i in at)
        else:
            starts = text.positions.get(wanted[0], [])
        for i in starts:
            if i + k <= len(words) and all(same(words[i + j][0], j) for j in range(1, k)):
                spans.append((words[i][1], words[i + k - 1][2]))
        return spans
    width = proximity + k
    i = 0
    while i < len(words):
        window = words[i : i + width]
        places = [next((w for w in window if same(w[0], j)), None) for j in range(k)]
        if all(places) and any(same(words[i][0], j) for j in range(k)):
            chosen = [p for p in places if p is not None]
            spans.append((min(p[1] for p in chosen), max(p[2] for p in chosen)))
            i += width
        else:
            i += 1
    return spans


__all__ = [
    "ABSTRACT",
    "Explanation",
    "Hit",
    "KEYWORDS",
    "MESH",
    "PUBLICATION_TYPE",
    "QueryParseError",
    "RecordView",
    "SUBHEADING",
    "TITLE",
    "explain",
    "parse",
]
