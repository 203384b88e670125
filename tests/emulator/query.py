"""PubMed query language: tokenizer and recursive-descent parser into a small AST.

PubMed is forgiving, and so is this parser: a stray ')' or a dangling operator is skipped,
a missing ')' is implied, an unmatched '"' is ignored with the OutputMessage PubMed gives.
Only AND/OR/NOT in upper case are operators; they bind left to right with equal
precedence; juxtaposed terms are ANDed. Unquoted words followed by a field tag form one
tagged phrase (`postoperative pain[tiab]`), as PubMed tries tagged multi-word text as a
phrase; untagged words stay separate terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tests.emulator.records import words

OPERATORS = {"AND": "AND", "OR": "OR", "NOT": "NOT", "&": "AND", "|": "OR"}

# Canonical tag for each accepted spelling (lower case, spaces removed).
TAG_ALIASES = {
    "tiab": "tiab",
    "title/abstract": "tiab",
    "ti": "ti",
    "title": "ti",
    "ab": "ab",
    "abstract": "ab",
    "mh": "mh",
    "mesh": "mh",
    "meshterms": "mh",
    "mh:noexp": "mh",
    "mesh:noexp": "mh",
    "meshterms:noexp": "mh",
    "majr": "majr",
    "meshmajortopic": "majr",
    "majr:noexp": "majr",
    "sh": "sh",
    "subheading": "sh",
    "meshsubheading": "sh",
    "pt": "pt",
    "pt:noexp": "pt",
    "publicationtype": "pt",
    "la": "la",
    "lang": "la",
    "language": "la",
    "sb": "sb",
    "subset": "sb",
    "filter": "sb",
    "dp": "dp",
    "pdat": "dp",
    "publicationdate": "dp",
    "date-publication": "dp",
    "edat": "edat",
    "entrezdate": "edat",
    "date-entry": "edat",
    "crdt": "crdt",
    "createdate": "crdt",
    "date-create": "crdt",
    "mdat": "mdat",
    "lr": "mdat",
    "modificationdate": "mdat",
    "date-modification": "mdat",
    "uid": "uid",
    "pmid": "uid",
    "tw": "tw",
    "textword": "tw",
    "all": "all",
    "allfields": "all",
    "au": "au",
    "author": "au",
    "ad": "ad",
    "affiliation": "ad",
    "ta": "ta",
    "journal": "ta",
    "nm": "nm",
    "substancename": "nm",
    "ot": "kw",
    "otherterm": "kw",
}

FIELD_NAMES = {
    "tiab": "Title/Abstract",
    "ti": "Title",
    "ab": "Abstract",
    "mh": "MeSH Terms",
    "majr": "MeSH Major Topic",
    "sh": "MeSH Subheading",
    "pt": "Publication Type",
    "la": "Language",
    "sb": "Filter",
    "dp": "Date - Publication",
    "edat": "Date - Entry",
    "crdt": "Date - Create",
    "mdat": "Date - Modification",
    "uid": "UID",
    "tw": "Text Word",
    "all": "All Fields",
    "au": "Author",
    "ad": "Affiliation",
    "ta": "Journal",
    "nm": "Supplementary Concept",
    "kw": "Other Term",
}

DATE_TAGS = {"dp", "edat", "crdt", "mdat"}


@dataclass
class Term:
    text: str  # as typed, without quotes and tag
    tag: str | None = None  # canonical tag; None = untagged (All Fields, ATM-like)
    raw_tag: str = ""
    quoted: bool = False
    truncated: bool = False  # trailing '*'
    proximity: int | None = None  # [tiab:~N]
    noexp: bool = False

    @property
    def words(self) -> list[str]:
        return words(self.text)

    def typed(self) -> str:
        text = self.text + ("*" if self.truncated else "")
        text = f'"{text}"' if self.quoted else text
        return f"{text}[{self.raw_tag}]" if self.raw_tag else text


@dataclass
class HistoryRef:
    key: int
    text: str


@dataclass
class BinOp:
    op: str  # AND / OR / NOT
    left: Node
    right: Node


Node = Term | HistoryRef | BinOp


@dataclass
class ParsedQuery:
    root: Node | None
    unmatched_quote: bool = False
    messages: list[str] = field(default_factory=list)


@dataclass
class Token:
    kind: str  # WORD QUOTED TAG LPAREN RPAREN OP
    value: str


TOKEN_RE = re.compile(r'\s+|\(|\)|\[[^\]]*\]?|"[^"]*"?|[^\s()\["]+')


def tokenize(text: str) -> tuple[list[Token], bool]:
    """Tokens and whether a double quote was left open (PubMed then ignores it)."""
    tokens: list[Token] = []
    unmatched = text.count('"') % 2 == 1
    if unmatched:
        # PubMed drops the odd quote: the last one.
        idx = text.rfind('"')
        text = text[:idx] + " " + text[idx + 1 :]
    for m in TOKEN_RE.finditer(text):
        chunk = m.group(0)
        if chunk.isspace():
            continue
        if chunk == "(":
            tokens.append(Token("LPAREN", chunk))
        elif chunk == ")":
            tokens.append(Token("RPAREN", chunk))
        elif chunk.startswith("["):
            tokens.append(Token("TAG", chunk.strip("[]")))
        elif chunk.startswith('"'):
            tokens.append(Token("QUOTED", chunk.strip('"')))
        elif chunk in OPERATORS:
            op = OPERATORS[chunk]
            tokens.append(Token("OP", op))
        else:
            tokens.append(Token("WORD", chunk))
    return tokens, unmatched


def canonical_tag(raw: str) -> tuple[str | None, int | None, bool]:
    """('tiab', proximity, noexp) for a typed tag; None when PubMed would not know it."""
    key = re.sub(r"\s+", "", raw.lower())
    proximity = None
    m = re.fullmatch(r"(.+?):~(\d+)", key)
    if m:
        key, proximity = m.group(1), int(m.group(2))
    noexp = key.endswith(":noexp")
    return TAG_ALIASES.get(key), proximity, noexp


class Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node | None:
        node = self.expr()
        while self.peek() is not None:  # stray ')': skip it and go on
            self.take()
            more = self.expr()
            node = _combine("AND", node, more)
        return node

    def expr(self) -> Node | None:
        node = None
        pending_op = None
        while True:
            tok = self.peek()
            if tok is None or tok.kind == "RPAREN":
                return node
            if tok.kind == "OP":
                self.take()
                pending_op = tok.value if node is not None else None
                continue
            operands = self.unary()
            for operand in operands:
                node = _combine(pending_op or "AND", node, operand)
                pending_op = None

    def unary(self) -> list[Node]:
        tok = self.take()
        if tok.kind == "LPAREN":
            inner = self.expr()
            if self.peek() is not None and self.peek().kind == "RPAREN":
                self.take()
            return [inner] if inner is not None else []
        if tok.kind == "TAG":  # a tag with nothing before it: ignore
            return []
        if tok.kind == "QUOTED":
            term = Term(tok.value, quoted=True)
            self._tag(term)
            return [term] if term.words or term.tag in DATE_TAGS else []
        # run of bare words up to an operator, parenthesis, quote or tag
        run = [tok.value]
        while self.peek() is not None and self.peek().kind == "WORD":
            run.append(self.take().value)
        if self.peek() is not None and self.peek().kind == "TAG":
            term = Term(" ".join(run))
            self._tag(term)
            return [term]
        nodes: list[Node] = []
        for word in run:
            if re.fullmatch(r"#\d+", word):
                nodes.append(HistoryRef(int(word[1:]), word))
            else:
                term = Term(word)
                self._tag(term)
                nodes.append(term)
        return nodes

    def _tag(self, term: Term) -> None:
        if self.peek() is not None and self.peek().kind == "TAG":
            raw = self.take().value
            tag, proximity, noexp = canonical_tag(raw)
            term.raw_tag = raw
            term.tag = tag if tag is not None else "unknown"
            term.proximity = proximity
            term.noexp = noexp
        if term.text.endswith("*") and term.tag not in DATE_TAGS:
            term.text = term.text.rstrip("*")
            term.truncated = True


def _combine(op: str, left: Node | None, right: Node | None) -> Node | None:
    if left is None:
        return right
    if right is None:
        return left
    return BinOp(op, left, right)


def parse(text: str) -> ParsedQuery:
    tokens, unmatched = tokenize(text)
    root = Parser(tokens).parse()
    parsed = ParsedQuery(root, unmatched_quote=unmatched)
    if unmatched:
        parsed.messages.append("Unmatched double quote ignored.")
    return parsed


def walk_terms(node: Node | None):
    if node is None:
        return
    if isinstance(node, BinOp):
        yield from walk_terms(node.left)
        yield from walk_terms(node.right)
    else:
        yield node
