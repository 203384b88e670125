"""A query's parts as the lint and the evaluator see them: terms, top-level blocks, MeSH
headings, and the query in a canonical form so two spellings of one query compare equal.

Built on the scanner in fetchers/outline/query_syntax.py, so a '(' or an `AND` inside a
quoted phrase is never mistaken for syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

from fetchers.outline.query_syntax import Token, _scan, normalise_tag


@dataclass(frozen=True)
class Heading:
    """A MeSH heading a query names: `"Ketamine/adverse effects"[mh]` → Ketamine, (adverse
    effects,)."""

    descriptor: str
    qualifiers: tuple[str, ...]
    typed: str


def merged(tokens: list[Token], kind: str = "phrase") -> list[Token]:
    """Join untagged words run up to a tagged word: `Pain, Postoperative[mh]` is one term,
    as PubMed reads tagged multi-word text as a phrase. The joined token gets `kind` (the
    evaluator wants it matched as one term)."""
    out: list[Token] = []
    for tok in tokens:
        if tok.kind == "term" and tok.tag is not None:
            run: list[Token] = []
            while out and out[-1].kind == "term" and out[-1].tag is None:
                run.insert(0, out.pop())
            if run:
                text = " ".join([t.text for t in run] + [tok.text])
                tok = Token(kind, text, run[0].pos, tok.tag)
        out.append(tok)
    return out


def terms(query: str) -> list[Token]:
    tokens, _ = _scan(query)
    return [t for t in merged(tokens) if t.kind in ("term", "phrase")]


def base_tag(tag: str | None) -> str | None:
    if tag is None:
        return None
    base = normalise_tag(tag).partition(":")[0].strip()
    return base


def typed(tok: Token) -> str:
    text = f'"{tok.text}"' if tok.kind == "phrase" else tok.text
    return f"{text}[{tok.tag}]" if tok.tag is not None else text


def word_key(tok: Token) -> str:
    """A term's words without tag, quotes or case: ketamine[mh] and "Ketamine"[tiab] agree."""
    return " ".join(tok.text.lower().replace("*", "").split())


def mesh_headings(query: str) -> list[Heading]:
    """Every MeSH heading named with [mh], [majr], [mesh], [MeSH Terms] or [MeSH Major
    Topic], in query order without repeats; truncated headings are left out (PubMed
    cannot look them up as names either)."""
    from fetchers.outline.lint_words import MESH_TAGS

    found: dict[str, Heading] = {}
    for tok in terms(query):
        if base_tag(tok.tag) not in MESH_TAGS or "*" in tok.text:
            continue
        parts = [" ".join(p.split()) for p in tok.text.split("/")]
        if not parts[0]:
            continue
        heading = Heading(parts[0], tuple(p for p in parts[1:] if p), typed(tok))
        found.setdefault(heading.typed.lower(), heading)
    return list(found.values())


def blocks(query: str) -> list[tuple[str, list[Token]]]:
    """The query's top-level operands with the operator before each ("" for the first)."""
    tokens, _ = _scan(query)
    tokens = merged(tokens)
    found: list[tuple[str, list[Token]]] = []
    depth = 0
    op = ""
    current: list[Token] = []
    for tok in tokens:
        if tok.kind == "op" and depth == 0:
            if current:
                found.append((op, current))
            op, current = tok.text, []
            continue
        if tok.kind == "(":
            depth += 1
        elif tok.kind == ")":
            depth = max(0, depth - 1)
        current.append(tok)
    if current:
        found.append((op, current))
    return found


def canonical(tokens: list[Token]) -> str:
    """A block as comparable text: case, spacing and outer parentheses do not matter."""
    parts = []
    for tok in tokens:
        if tok.kind in ("term", "phrase"):
            text = " ".join(tok.text.lower().split())
            text = f'"{text}"' if tok.kind == "phrase" else text
            if tok.tag is not None:
                text += f"[{normalise_tag(tok.tag).replace(' ', '')}]"
            parts.append(text)
        else:
            parts.append(tok.text)
    text = " ".join(parts)
    while text.startswith("( ") and text.endswith(" )") and _wraps(text):
        text = text[2:-2]
    return text


def _wraps(text: str) -> bool:
    """True when the first '(' of `text` closes at its very end."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i == len(text) - 1
    return False


def canonical_query(query: str) -> str:
    """The query as comparable text (see `canonical`)."""
    tokens, _ = _scan(query)
    return canonical(merged(tokens))


def without_subject(query: str, subject: str | None = None) -> str | None:
    """The query without its subject block, canonical; None when it has no such block.

    The subject block is the top-level AND operand equal to `subject`, or, when no subject
    is given, the query's first operand (the outline convention `SUBJECT AND ...`).
    """
    parts_of = blocks(query)
    if len(parts_of) < 2:
        return None
    wanted = canonical_query(subject) if subject else None
    for index, (op, tokens) in enumerate(parts_of):
        if op not in ("", "AND"):
            continue
        if wanted is None and index != 0:
            return None
        if wanted is not None and canonical(tokens) != wanted:
            continue
        rest = parts_of[:index] + parts_of[index + 1 :]
        if rest[0][0] == "NOT":
            return None  # "SUBJECT NOT x" means nothing without the subject
        rest[0] = ("", rest[0][1])
        if len(rest) == 1:
            return canonical(rest[0][1])
        parts: list[str] = []
        for rop, rtokens in rest:
            if rop:
                parts.append(rop)
            parts.append(_group(canonical(rtokens)))
        return " ".join(parts)
    return None


def _group(text: str) -> str:
    return f"( {text} )" if " " in text and not _wraps(text) else text


def same_blocks(a: str, b: str) -> bool:
    """Two canonical queries of ANDed blocks are the same whatever the blocks' order."""

    def split(q: str) -> list[tuple[str, str]]:
        return sorted((op or "AND", _group(canonical(tokens))) for op, tokens in blocks(q))

    return a == b or split(a) == split(b)


__all__ = [
    "Heading",
    "base_tag",
    "blocks",
    "canonical",
    "canonical_query",
    "mesh_headings",
    "merged",
    "same_blocks",
    "terms",
    "typed",
    "without_subject",
    "word_key",
]
