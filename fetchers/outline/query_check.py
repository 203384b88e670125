"""Lint for PubMed queries, before NCBI sees them.

PubMed rarely rejects a query outright: an unknown tag becomes a warning and is searched in
All Fields, an unbalanced parenthesis is "corrected", a dangling operator is dropped. The
count that comes back is then silently the count of a different query. So the outline check
catches what PubMed would quietly reinterpret.

The lint works on tokens (a small scanner, then a grammar walk), not regular expressions over
the raw text, so a '(' or an `AND` inside a quoted phrase is not mistaken for syntax.
Lowercase `and`/`or`/`not` are ordinary words here: only uppercase operators are checked for
structure.

`lint_query` (below) goes further: queries PubMed reads exactly as written but that do not
test their claim (rules in fetchers/outline/lint_rules.py); `mesh_headings` lists the MeSH
headings a query names, for `outline check --online` to look up in PubMed's MeSH database.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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


def _check_structure(tokens: list[Token]) -> list[str]:
    """Walk the tokens as `expr := operand (OP? operand)*`, operand := term | ( expr )."""
    problems: list[str] = []
    depth = 0
    prev: Token | None = None
    for tok in tokens:
        if tok.kind == "(":
            depth += 1
        elif tok.kind == ")":
            if depth == 0:
                problems.append(f"unbalanced ')' in query (at character {tok.pos + 1})")
            else:
                depth -= 1
            if prev is not None and prev.kind == "(":
                problems.append("empty parentheses '()' in query")
            elif prev is not None and prev.kind == "op":
                problems.append(f"Boolean operator '{prev.text}' right before ')'")
        elif tok.kind == "op":
            if prev is None:
                problems.append(f"query starts with Boolean operator '{tok.text}'")
            elif prev.kind == "op":
                problems.append(f"Boolean operators '{prev.text} {tok.text}' in a row")
            elif prev.kind == "(":
                problems.append(f"Boolean operator '{tok.text}' right after '('")
            elif prev.kind == "range":
                problems.append("range ':' has no second date")
        elif tok.kind == "range":
            if prev is None or prev.kind not in ("term", "phrase"):
                problems.append("range ':' has no first date")
        prev = tok
    if depth > 0:
        problems.append("unbalanced '(' in query")
    if prev is not None and prev.kind == "op":
        problems.append(f"query ends with Boolean operator '{prev.text}'")
    if prev is not None and prev.kind == "range":
        problems.append("range ':' has no second date")
    if tokens and all(t.kind in "()" for t in tokens) and not problems:
        problems.append("query has no search terms")
    return problems


# --------------------------------------------------------------------------- lint
#
# The checks above find queries PubMed would reinterpret; the lint below finds queries that
# PubMed reads exactly as written but that do not test their claim. The rules and word lists
# are data in fetchers/outline/lint_rules.py.


@dataclass(frozen=True)
class Finding:
    """One lint result: the rule's code, its severity and a message naming the term."""

    code: str
    severity: str
    message: str


@dataclass(frozen=True)
class Heading:
    """A MeSH heading a query names: `"Ketamine/adverse effects"[mh]` → Ketamine, (adverse
    effects,)."""

    descriptor: str
    qualifiers: tuple[str, ...]
    typed: str


def _merged(tokens: list[Token], kind: str = "phrase") -> list[Token]:
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


def _terms(query: str) -> list[Token]:
    tokens, _ = _scan(query)
    return [t for t in _merged(tokens) if t.kind in ("term", "phrase")]


def _base(tag: str | None) -> str | None:
    if tag is None:
        return None
    base = normalise_tag(tag).partition(":")[0].strip()
    return base


def _typed(tok: Token) -> str:
    text = f'"{tok.text}"' if tok.kind == "phrase" else tok.text
    return f"{text}[{tok.tag}]" if tok.tag is not None else text


def _word_key(tok: Token) -> str:
    """A term's words without tag, quotes or case: ketamine[mh] and "Ketamine"[tiab] agree."""
    return " ".join(tok.text.lower().replace("*", "").split())


def mesh_headings(query: str) -> list[Heading]:
    """Every MeSH heading named with [mh], [majr], [mesh], [MeSH Terms] or [MeSH Major
    Topic], in query order without repeats; truncated headings are left out (PubMed
    cannot look them up as names either)."""
    from fetchers.outline.lint_rules import MESH_TAGS

    found: dict[str, Heading] = {}
    for tok in _terms(query):
        if _base(tok.tag) not in MESH_TAGS or "*" in tok.text:
            continue
        parts = [" ".join(p.split()) for p in tok.text.split("/")]
        if not parts[0]:
            continue
        heading = Heading(parts[0], tuple(p for p in parts[1:] if p), _typed(tok))
        found.setdefault(heading.typed.lower(), heading)
    return list(found.values())


def _blocks(query: str) -> list[tuple[str, list[Token]]]:
    """The query's top-level operands with the operator before each ("" for the first)."""
    tokens, _ = _scan(query)
    tokens = _merged(tokens)
    blocks: list[tuple[str, list[Token]]] = []
    depth = 0
    op = ""
    current: list[Token] = []
    for tok in tokens:
        if tok.kind == "op" and depth == 0:
            if current:
                blocks.append((op, current))
            op, current = tok.text, []
            continue
        if tok.kind == "(":
            depth += 1
        elif tok.kind == ")":
            depth = max(0, depth - 1)
        current.append(tok)
    if current:
        blocks.append((op, current))
    return blocks


def _canonical(tokens: list[Token]) -> str:
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
    """The query as comparable text (see `_canonical`)."""
    tokens, _ = _scan(query)
    return _canonical(_merged(tokens))


def without_subject(query: str, subject: str | None = None) -> str | None:
    """The query without its subject block, canonical; None when it has no such block.

    The subject block is the top-level AND operand equal to `subject`, or, when no subject
    is given, the query's first operand (the outline convention `SUBJECT AND ...`).
    """
    blocks = _blocks(query)
    if len(blocks) < 2:
        return None
    wanted = canonical_query(subject) if subject else None
    for index, (op, tokens) in enumerate(blocks):
        if op not in ("", "AND"):
            continue
        if wanted is None and index != 0:
            return None
        if wanted is not None and _canonical(tokens) != wanted:
            continue
        rest = blocks[:index] + blocks[index + 1 :]
        if rest[0][0] == "NOT":
            return None  # "SUBJECT NOT x" means nothing without the subject
        rest[0] = ("", rest[0][1])
        if len(rest) == 1:
            return _canonical(rest[0][1])
        parts: list[str] = []
        for rop, rtokens in rest:
            if rop:
                parts.append(rop)
            parts.append(_group(_canonical(rtokens)))
        return " ".join(parts)
    return None


def _group(text: str) -> str:
    return f"( {text} )" if " " in text and not _wraps(text) else text


def _same_blocks(a: str, b: str) -> bool:
    """Two canonical queries of ANDed blocks are the same whatever the blocks' order."""

    def split(q: str) -> list[tuple[str, str]]:
        return sorted((op or "AND", _group(_canonical(tokens))) for op, tokens in _blocks(q))

    return a == b or split(a) == split(b)


def lint_query(
    query: str,
    *,
    reference_query: str | None = None,
    subject: str | None = None,
    block: str | None = None,
) -> list[Finding]:
    """Lint findings for a claim's query (and its reference_query), most serious first.

    `query` is the query PubMed sees. `subject` is the outline's subject block when it has
    one (None for a context claim): the query must AND it, and the reference query must be
    the query without it. `block` is the claim's own block when the outline builds the query
    as `(subject) AND (block)`: the block must not AND a subject block of its own.
    """
    from fetchers.outline import lint_rules as rules

    found: list[Finding] = []

    def add(code: str, message: str) -> None:
        found.append(Finding(code, rules.RULES_BY_CODE[code].severity, message))

    for tok in _terms(query):
        base = _base(tok.tag)
        if base in rules.DESIGN_TAGS:
            add(
                "design-filter",
                f"'{_typed(tok)}' filters on design or subset: leave design to the record's "
                "classification",
            )
        _subheading_findings(tok, base, add)
        if "*" in tok.text and base not in rules.MESH_TAGS:
            stem = tok.text.split()[-1].rstrip("*") if tok.text.split() else ""
            letters = sum(c.isalnum() for c in stem)
            single = len(tok.text.split()) == 1  # a phrase keeps its last stem narrow
            if single and stem.lower() in rules.BROAD_STEMS:
                add(
                    "broad-stem",
                    f"truncation '{_typed(tok)}': '{stem}*' is a known broad stem "
                    "(matches everyday words); list the words meant",
                )
            elif single and 4 <= letters < rules.MIN_STEM:
                add(
                    "short-truncation",
                    f"truncation '{_typed(tok)}': stem '{stem}' is shorter than "
                    f"{rules.MIN_STEM} letters",
                )
    for op, tokens in _blocks(query):
        if op == "NOT":
            continue
        terms = [t for t in tokens if t.kind in ("term", "phrase")]
        if terms and all(
            _base(t.tag) in rules.MESH_TAGS and " ".join(t.text.lower().split()) in rules.CHECK_TAGS
            for t in terms
        ):
            shown = " OR ".join(_typed(t) for t in terms)
            add(
                "check-tag-block",
                f"block '{shown}' is only check tags: they mark most records of their kind, "
                "whatever the topic",
            )
    if subject and block:
        synonyms = {_word_key(t) for t in _terms(subject)}
        for op, tokens in _blocks(block):
            terms = [t for t in tokens if t.kind in ("term", "phrase")]
            if op != "NOT" and terms and all(_word_key(t) in synonyms for t in terms):
                add(
                    "subject-block",
                    f"block '{_canonical(tokens)}' is a subject block of its own: the "
                    "outline's subject block is ANDed already (leave it out, or extend the "
                    "outline's)",
                )
    elif subject:
        if without_subject(query, subject) is None:
            add(
                "subject-block",
                f"query does not AND the outline's subject block '{' '.join(subject.split())}'",
            )
    if reference_query:
        expected = without_subject(query, subject)
        if expected is not None and not _same_blocks(canonical_query(reference_query), expected):
            add(
                "reference-query",
                f"reference_query is not the query without its subject block (expected: "
                f"{expected})",
            )
    order = {"error": 0, "warning": 1}
    return sorted(found, key=lambda f: order.get(f.severity, 2))


def _subheading_findings(tok: Token, base: str | None, add: Callable[[str, str], None]) -> None:
    from fetchers.outline import lint_rules as rules

    names: list[str] = []
    if base in rules.SUBHEADING_TAGS:
        names = [tok.text]
    elif base in rules.MESH_TAGS and "/" in tok.text:
        names = tok.text.split("/")[1:]
    for name in names:
        norm = " ".join(name.lower().split()).rstrip("*")
        known = rules.MESH_QUALIFIERS | rules.MESH_QUALIFIER_ABBREVIATIONS
        if norm and norm not in known:
            add(
                "unknown-subheading",
                f"'{_typed(tok)}': '{name.strip()}' is not a MeSH subheading",
            )


__all__ = [
    "KNOWN_TAGS",
    "Finding",
    "Heading",
    "canonical_query",
    "check_query",
    "lint_query",
    "mesh_headings",
    "normalise_tag",
    "without_subject",
]
