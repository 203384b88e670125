"""Lint for PubMed queries, before NCBI sees them.

PubMed rarely rejects a query outright: an unknown tag becomes a warning and is searched in
All Fields, an unbalanced parenthesis is "corrected", a dangling operator is dropped. The
count that comes back is then silently the count of a different query. So the outline check
catches what PubMed would quietly reinterpret.

The lint works on tokens (a small scanner, then a grammar walk), not regular expressions over
the raw text, so a '(' or an `AND` inside a quoted phrase is not mistaken for syntax.
Lowercase `and`/`or`/`not` are ordinary words here: only uppercase operators are checked for
structure.

fetchers/outline/query_check.py goes further (`lint_query`): queries PubMed reads exactly as
written but that do not test their claim; fetchers/outline/query_blocks.py reads a query's
blocks and headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPERATORS = frozenset({"AND", "OR", "NOT"})

#: Field tags PubMed accepts, short and long forms, lowercased with inner spaces collapsed.
KNOWN_TAGS = frozenset(
    {
        # short forms
        "1au", "ad", "aid", "all", "au", "auid", "book", "cn", "cois", "crdt", "dcom", "dp",
        "ed", "edat", "fau", "filter", "fir", "gr", "ip", "ir", "isbn", "jid", "jour", "la",
        "lastau", "lid", "lr", "majr", "mh", "mesh", "mhda", "nm", "ot", "pa", "pdat", "pg",
        "pl", "pmid", "ps", "pt", "pubn", "rn", "sb", "sh", "si", "ta", "ti", "tiab", "tt",
        "tw", "uid", "vi",
        # long forms
        "affiliation", "all fields", "article identifier", "author", "author - corporate",
        "author - first", "author - full", "author - identifier", "author - last",
        "conflict of interest statement", "corporate author", "date - completion",
        "date - create", "date - entry", "date - mesh", "date - modification",
        "date - publication", "ec/rn number", "editor", "entry date",
        "first author name", "full author name", "full investigator name", "grant number",
        "grants and funding", "investigator", "issue", "journal", "language",
        "last author name", "location id", "mesh date", "mesh major topic",
        "mesh subheading", "mesh subheadings", "mesh terms", "modification date",
        "nlm unique id", "other term", "pagination", "personal name as subject",
        "pharmacological action", "place of publication", "publication date",
        "publication type", "publisher", "secondary source id", "subset",
        "substance name", "supplementary concept", "text word", "text words", "title",
        "title/abstract", "transliterated title", "volume",
    }
)  # fmt: skip

#: Tags that take `:noexp` (no explosion of the MeSH/publication-type tree).
NOEXP_TAGS = frozenset(
    {"mh", "mesh", "mesh terms", "majr", "mesh major topic", "pt", "publication type", "sh"}
)
#: Tags that take a proximity suffix `:~N` (PubMed: title, title/abstract, affiliation).
PROXIMITY_TAGS = frozenset({"ti", "title", "tiab", "title/abstract", "ad", "affiliation"})
#: Tags whose terms may be ranges `lo:hi`.
DATE_TAGS = frozenset(
    {
        "dp", "pdat", "edat", "crdt", "mhda", "lr", "dcom", "publication date",
        "date - publication", "date - entry", "date - create", "date - mesh",
        "date - modification", "date - completion", "entry date", "mesh date",
        "modification date",
    }
)  # fmt: skip
UID_TAGS = frozenset({"uid", "pmid"})

_DATE = re.compile(r"^\d{4}(/\d{1,2}(/\d{1,2})?)?$")
_WORD_END = frozenset(' \t\r\n()"[]')


@dataclass(frozen=True)
class Token:
    kind: str  # "term", "phrase", "op", "(", ")", "range"
    text: str
    pos: int
    tag: str | None = None


def check_query(query: str) -> list[str]:
    """Every problem found in `query`, each a short phrase fit to follow `claim 'id': `."""
    if not isinstance(query, str) or not query.strip():
        return ["empty query"]
    tokens, problems = _scan(query)
    problems += _check_tags(tokens)
    problems += _check_structure(tokens)
    problems += _check_depth(tokens)
    return _unique(problems)


#: Deepest nesting of parentheses a query may have: the query evaluator (fetchers.job.explain)
#: reads a query recursively, so `check` refuses what the fetch could not read.
MAX_QUERY_DEPTH = 100


def _check_depth(tokens: list[Token]) -> list[str]:
    depth = deepest = 0
    for tok in tokens:
        depth += (tok.kind == "(") - (tok.kind == ")")
        deepest = max(deepest, depth)
    if deepest > MAX_QUERY_DEPTH:
        return [f"parentheses nested deeper than {MAX_QUERY_DEPTH} levels"]
    return []


def normalise_tag(tag: str) -> str:
    return " ".join(tag.lower().split())


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _scan(query: str) -> tuple[list[Token], list[str]]:
    tokens: list[Token] = []
    problems: list[str] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(Token(ch, ch, i))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                problems.append(f"unbalanced '\"' in query (opened at character {i + 1})")
                text, i = query[i + 1 :], n
            else:
                text, i = query[i + 1 : end], end + 1
            if not text.strip():
                problems.append("empty phrase '\"\"' in query")
            tokens.append(Token("phrase", text, i))
        elif ch == "[":
            end = query.find("]", i + 1)
            if end < 0:
                problems.append(f"unclosed '[' in query (at character {i + 1})")
                i = n
                continue
            tag = query[i + 1 : end]
            i = end + 1
            prev = tokens[-1] if tokens else None
            if prev is None or prev.kind not in ("term", "phrase") or prev.tag is not None:
                problems.append(f"field tag '[{tag}]' has no term before it")
                continue
            tokens[-1] = Token(prev.kind, prev.text, prev.pos, tag)
        elif ch == "]":
            problems.append(f"unbalanced ']' in query (at character {i + 1})")
            i += 1
        elif ch == ":" and _range_separator(query, i):
            tokens.append(Token("range", ":", i))
            i += 1
        else:
            start = i
            while i < n and query[i] not in _WORD_END:
                i += 1
            word = query[start:i]
            kind = "op" if word in OPERATORS else "term"
            tokens.append(Token(kind, word, start))
    return tokens, problems


def _range_separator(query: str, i: int) -> bool:
    """A lone ':' between two tagged dates: `"2020"[dp] : "2024"[dp]`.

    Looks back only over the whitespace before the ':' (not a copy of everything before
    it), so a query full of ':' is checked in linear time."""
    j = i - 1
    while j >= 0 and query[j].isspace():
        j -= 1
    return (j >= 0 and query[j] in ']"') or (i + 1 < len(query) and query[i + 1] == " ")


def _check_tags(tokens: list[Token]) -> list[str]:
    problems: list[str] = []
    for tok in tokens:
        if tok.kind in ("term", "phrase"):
            problems += _check_term(tok)
    return problems


def _check_term(tok: Token) -> list[str]:
    problems: list[str] = []
    base = None
    if tok.tag is not None:
        base, problem = _split_tag(tok.tag)
        if problem:
            problems.append(problem)
    text = tok.text
    if "*" in text:
        problems += _check_truncation(text)
    if tok.kind == "term" and ":" in text.strip(":") and base in DATE_TAGS | UID_TAGS:
        problems += _check_range(text, base)
    elif tok.kind == "term" and (text.startswith(":") or text.endswith(":")) and base:
        problems.append(f"range '{text}[{tok.tag}]' is missing one end")
    return problems


def _split_tag(tag: str) -> tuple[str | None, str | None]:
    """Return (base tag, problem). Accepts `mh:noexp`, `tiab:~3` and PubMed's long names."""
    norm = normalise_tag(tag)
    if not norm:
        return None, "empty field tag '[]'"
    base, _, suffix = norm.partition(":")
    base = base.strip()
    suffix = suffix.strip()
    if base not in KNOWN_TAGS and base.replace(" ", "") not in KNOWN_TAGS:
        return None, f"unknown field tag '[{tag}]'"
    if not suffix:
        return base, None
    if suffix == "noexp":
        if base not in NOEXP_TAGS:
            return base, f"field tag '[{tag}]': ':noexp' only applies to MeSH and publication types"
        return base, None
    if suffix.startswith("~"):
        if base not in PROXIMITY_TAGS:
            return base, f"field tag '[{tag}]': proximity ':~N' only applies to ti, tiab and ad"
        if not suffix[1:].strip().isdigit():
            return base, f"field tag '[{tag}]': proximity needs a number, as in ':~3'"
        return base, None
    return base, f"unknown field tag '[{tag}]'"


def _check_truncation(text: str) -> list[str]:
    problems = []
    for word in text.split():
        if "*" not in word:
            continue
        stem = word.rstrip("*")
        if "*" in stem:
            problems.append(f"'*' inside '{word}': PubMed truncates only at the end of a word")
        elif len(stem) < 4:
            problems.append(f"truncation '{word}' needs at least 4 characters before '*'")
    return problems


def _check_range(text: str, base: str) -> list[str]:
    lo, _, hi = text.partition(":")
    if not lo or not hi:
        return [f"range '{text}' is missing one end"]
    if base in UID_TAGS:
        if not (lo.isdigit() and hi.isdigit()):
            return [f"PMID range '{text}' must be two numbers"]
        if int(lo) > int(hi):
            return [f"PMID range '{text}' runs backwards"]
        return []
    if not (_DATE.match(lo) and _DATE.match(hi)):
        return [f"date range '{text}' must look like YYYY[/MM[/DD]]:YYYY[/MM[/DD]]"]
    if _date_key(lo) > _date_key(hi):
        return [f"date range '{text}' runs backwards"]
    return []


def _date_key(date: str) -> tuple[int, ...]:
    return tuple(int(p) for p in date.split("/"))


def _on_close(depth: int, tok: Token, prev: Token | None) -> tuple[int, list[str]]:
    problems: list[str] = []
    if depth == 0:
        problems.append(f"unbalanced ')' in query (at character {tok.pos + 1})")
    else:
        depth -= 1
    if prev is not None and prev.kind == "(":
        problems.append("empty parentheses '()' in query")
    elif prev is not None and prev.kind == "op":
        problems.append(f"Boolean operator '{prev.text}' right before ')'")
    return depth, problems


#: What an operator may not follow: the previous token's kind -> the problem.
_OP_AFTER: dict[str | None, str] = {
    None: "query starts with Boolean operator '{op}'",
    "op": "Boolean operators '{prev} {op}' in a row",
    "(": "Boolean operator '{op}' right after '('",
    "range": "range ':' has no second date",
}


def _on_op(tok: Token, prev: Token | None) -> list[str]:
    problem = _OP_AFTER.get(prev.kind if prev is not None else None)
    if problem is None:
        return []
    return [problem.format(op=tok.text, prev=prev.text if prev is not None else "")]


def _on_range(prev: Token | None) -> list[str]:
    if prev is None or prev.kind not in ("term", "phrase"):
        return ["range ':' has no first date"]
    return []


def _at_end(tokens: list[Token], depth: int, prev: Token | None, found: bool) -> list[str]:
    problems: list[str] = []
    if depth > 0:
        problems.append("unbalanced '(' in query")
    if prev is not None and prev.kind == "op":
        problems.append(f"query ends with Boolean operator '{prev.text}'")
    if prev is not None and prev.kind == "range":
        problems.append("range ':' has no second date")
    if tokens and all(t.kind in "()" for t in tokens) and not (found or problems):
        problems.append("query has no search terms")
    return problems


def _check_structure(tokens: list[Token]) -> list[str]:
    """Walk the tokens as `expr := operand (OP? operand)*`, operand := term | ( expr )."""
    problems: list[str] = []
    depth = 0
    prev: Token | None = None
    for tok in tokens:
        if tok.kind == "(":
            depth += 1
        elif tok.kind == ")":
            depth, found = _on_close(depth, tok, prev)
            problems += found
        elif tok.kind == "op":
            problems += _on_op(tok, prev)
        elif tok.kind == "range":
            problems += _on_range(prev)
        prev = tok
    return problems + _at_end(tokens, depth, prev, bool(problems))


__all__ = ["KNOWN_TAGS", "Token", "check_query", "normalise_tag"]
