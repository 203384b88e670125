"""Evaluate a parsed PubMed query against the corpus: sets of PMIDs plus PubMed's messages.

Approximations (documented in the README's emulator section):
- MeSH explosion is not modelled: `pain[mh]` matches the descriptor "Pain" only.
- Untagged words search every indexed text field ("All Fields") instead of Automatic Term
  Mapping; the TranslationSet stays empty.
- A word is "not found" (PhraseNotFound, and dropped from the query as PubMed does) only
  when no record in the corpus contains it anywhere and it is not in `known_words` — the
  corpus is tiny next to PubMed, so a real word that merely has no hits here gives 0 hits,
  not an error.
- A quoted phrase that occurs nowhere in its fields gives QuotedPhraseNotFound and is
  searched as its words ANDed; an unquoted tagged phrase falls back the same way, silently.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from tests.emulator.corpus import TOKEN_FIELDS, Corpus
from tests.emulator.query import (
    DATE_TAGS,
    FIELD_NAMES,
    BinOp,
    HistoryRef,
    Node,
    ParsedQuery,
    Term,
    canonical_tag,
)
from tests.emulator.records import RecordFields, key, words

TEXT_GROUPS: dict[str | None, tuple[str, ...]] = {
    None: TOKEN_FIELDS,
    "all": TOKEN_FIELDS,
    "tiab": ("ti", "ab", "kw"),
    "ti": ("ti",),
    "ab": ("ab",),
    "tw": ("ti", "ab", "kw", "mh", "sh", "nm", "pt"),
    "ad": ("ad",),
    "ta": ("ta",),
    "nm": ("nm",),
    "kw": ("kw",),
}
EXACT_TAGS = {"mh", "majr", "sh", "pt", "la", "sb", "au"}
#: PubMed's stopwords (PubMed Help): not indexed, so a search drops them and reports each in
#: WarningList/PhraseIgnored, e.g. `Building the genomic nation[ti]` → "the" ignored. Inside a
#: phrase found in the phrase index they are kept ("quality of life").
STOPWORDS = frozenset(
    """a about again all almost also although always among an and another any are as at be
    because been before being between both but by can could did do does done due during each
    either enough especially etc for found from further had has have having here how however
    i if in into is it its itself just kg km made mainly make may mg might ml mm most mostly
    must nearly neither no nor obtained of often on our overall perhaps pmid quite rather
    really regarding seem seen several should show showed shown shows significantly since so
    some such than that the their theirs them then there therefore these they this those
    through thus to upon use used using various very was we were what when which while with
    within without would""".split()
)
PUBMED_CAP = 9999


class HistoryNotFound(Exception):
    """`#n` or query_key that the WebEnv does not hold."""

    def __init__(self, key: int) -> None:
        super().__init__(f"Unable to obtain query #{key}")
        self.key = key


@dataclass
class SearchOutcome:
    pmids: set[int]
    translation: str
    phrases_not_found: list[str] = field(default_factory=list)
    fields_not_found: list[str] = field(default_factory=list)
    phrases_ignored: list[str] = field(default_factory=list)
    quoted_not_found: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


# -- dates ----------------------------------------------------------------------------------
def parse_date_bound(text: str, upper: bool) -> date | None:
    """'2020', '2020/03', '2020/03/15' (also '-' or '.') as the first or last day covered."""
    parts = [p for p in re.split(r"[/\-.]", text.strip()) if p]
    if not parts or not all(p.isdigit() for p in parts) or len(parts) > 3:
        return None
    year = int(parts[0])
    if not 1000 <= year <= 9999:
        return None
    month = int(parts[1]) if len(parts) > 1 else (12 if upper else 1)
    month = min(max(month, 1), 12)
    last = calendar.monthrange(year, month)[1]
    day = int(parts[2]) if len(parts) > 2 else (last if upper else 1)
    return date(year, month, min(max(day, 1), last))


def date_range(text: str, today: date) -> tuple[date, date] | None:
    """A [dp]/[edat]/… value: 'lo:hi', a single date, or 'last N years|months|days'."""
    m = re.fullmatch(r"\s*last\s+(\d+)\s+(year|month|day)s?\s*", text.lower())
    if m:
        n, unit = int(m.group(1)), m.group(2)
        days = {"year": 365, "month": 30, "day": 1}[unit] * n
        return today - timedelta(days=days), today
    if ":" in text:
        lo_text, hi_text = text.split(":", 1)
        lo, hi = parse_date_bound(lo_text, False), parse_date_bound(hi_text, True)
    else:
        lo, hi = parse_date_bound(text, False), parse_date_bound(text, True)
    if lo is None or hi is None:
        return None
    return lo, hi


def fmt(day: date) -> str:
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}"


def date_limit_term(
    datetype: str | None,
    mindate: str | None,
    maxdate: str | None,
    reldate: str | None,
    today: date,
) -> Term | None:
    """esearch's datetype/mindate/maxdate/reldate as the term NCBI appends to the query."""
    tag, _, _ = canonical_tag(datetype or "pdat")
    if tag not in DATE_TAGS:
        tag = "dp"
    if reldate and str(reldate).strip().isdigit():
        lo, hi = today - timedelta(days=int(reldate)), today
    elif mindate or maxdate:
        lo = parse_date_bound(mindate or "1000", False)
        hi = parse_date_bound(maxdate or "3000", True)
        if lo is None or hi is None:
            return None
    else:
        return None
    return Term(f"{fmt(lo)}:{fmt(hi)}", tag=tag, raw_tag=tag)


# -- phrase matching ------------------------------------------------------------------------
def _run_has(run: list[str], ws: list[str], truncated: bool, proximity: int | None) -> bool:
    k = len(ws)

    def same(token: str, j: int) -> bool:
        return token.startswith(ws[j]) if truncated and j == k - 1 else token == ws[j]

    if not proximity:
        for i in range(len(run) - k + 1):
            if all(same(run[i + j], j) for j in range(k)):
                return True
        return False
    span = proximity + k
    for i in range(len(run)):
        window = run[i : i + span]
        if all(any(same(tok, j) for tok in window) for j in range(k)):
            return True
    return False


def phrase_in(
    rec: RecordFields, fields: Iterable[str], ws: list[str], truncated: bool, proximity: int | None
) -> bool:
    return any(
        _run_has(run, ws, truncated, proximity) for f in fields for run in rec.segments.get(f, ())
    )


class Evaluator:
    def __init__(
        self,
        corpus: Corpus,
        history: Callable[[int], list[int] | None] | None = None,
        known_words: set[str] | None = None,
        default_tag: str | None = None,
        today: date | None = None,
        known_phrases: set[str] | None = None,
    ) -> None:
        self.corpus = corpus
        self.history = history
        self.known_words = known_words or set()
        self.known_phrases = known_phrases or set()
        self.default_tag = default_tag
        self.today = today or date.today()
        self.out = SearchOutcome(set(), "")

    # -- entry point ------------------------------------------------------------------------
    def run(self, parsed: ParsedQuery, extra: Term | None = None) -> SearchOutcome:
        self.out.messages.extend(parsed.messages)
        root: Node | None = parsed.root
        with self.corpus.lock:
            pmids, translation = self.node(root) if root is not None else (None, None)
            if extra is not None:
                limit_ids, limit_text = self.term(extra)
                if pmids is None:
                    pmids, translation = limit_ids, limit_text
                else:
                    pmids = pmids & limit_ids
                    translation = f"{translation} AND {limit_text}"
        self.out.pmids = pmids or set()
        if not translation and self.out.phrases_not_found:
            # every term was dropped: PubMed echoes them, e.g. (abcXYZ[All Fields])
            shown = [p if "[" in p else f"{p}[All Fields]" for p in self.out.phrases_not_found]
            translation = "(" + " ".join(shown) + ")"
        self.out.translation = translation or ""
        return self.out

    def node(self, node: Node) -> tuple[set[int] | None, str | None]:
        if isinstance(node, BinOp):
            left, lt = self.node(node.left)
            right, rt = self.node(node.right)
            lt = f"({lt})" if isinstance(node.left, BinOp) and lt and " " in lt else lt
            rt = f"({rt})" if isinstance(node.right, BinOp) and rt and " " in rt else rt
            if left is None:
                return (None, None) if node.op == "NOT" else (right, rt)
            if right is None:
                return left, lt
            if node.op == "AND":
                return left & right, f"{lt} AND {rt}"
            if node.op == "OR":
                return left | right, f"{lt} OR {rt}"
            return left - right, f"{lt} NOT {rt}"
        if isinstance(node, HistoryRef):
            ids = self.history(node.key) if self.history else None
            if ids is None:
                raise HistoryNotFound(node.key)
            return set(ids), node.text
        return self.term(node)

    # -- one term ---------------------------------------------------------------------------
    def term(self, t: Term) -> tuple[set[int] | None, str | None]:
        tag = t.tag
        if tag == "unknown":
            self.out.fields_not_found.append(t.raw_tag)
            tag = None
        if tag is None:
            tag = self.default_tag
        if tag == "uid":
            return self.uid(t)
        if tag in DATE_TAGS:
            return self.dates(t, tag)
        if tag in EXACT_TAGS:
            found = self.exact(t, tag)
            label = FIELD_NAMES[tag] + (":noexp" if t.noexp else "")
            if not found and self.unknown(t):
                self.out.phrases_not_found.append(t.typed())
                return None, None
            return found, self.render(t, label)
        return self.text(t, tag)

    def render(self, t: Term, label: str, text: str | None = None) -> str:
        shown = (text if text is not None else t.text).lower()
        return f"{shown}*[{label}]" if t.truncated else f'"{shown}"[{label}]'

    def unknown(self, t: Term) -> bool:
        ws = t.words
        if not ws:
            return True
        for i, w in enumerate(ws):
            if w in self.known_words:
                continue
            if t.truncated and i == len(ws) - 1:
                if any(self.prefix_tokens(f, w) for f in TOKEN_FIELDS):
                    continue
                return True
            if not self.corpus.knows_word(w):
                return True
        return False

    def uid(self, t: Term) -> tuple[set[int] | None, str | None]:
        text = t.text.replace(" ", "")
        m = re.fullmatch(r"(\d+):(\d+)", text)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            found = {p for p in self.corpus.xml if lo <= p <= hi}
            return found, f"{lo}:{hi}[UID]"
        if text.isdigit():
            pmid = int(text)
            return ({pmid} if pmid in self.corpus.xml else set()), f"{pmid}[UID]"
        self.out.phrases_not_found.append(t.typed())
        return None, None

    def dates(self, t: Term, tag: str) -> tuple[set[int] | None, str | None]:
        span = date_range(t.text, self.today)
        if span is None:
            self.out.phrases_not_found.append(t.typed())
            return None, None
        lo, hi = span
        fields = self.corpus.fields
        if tag == "dp":
            found = {
                p
                for p, rec in fields.items()
                if any(a <= hi and b >= lo for a, b in rec.pub_intervals)
            }
        else:
            found = {p for p, rec in fields.items() if lo <= getattr(rec, tag) <= hi}
        return found, f"{fmt(lo)}:{fmt(hi)}[{FIELD_NAMES[tag]}]"

    def exact(self, t: Term, tag: str) -> set[int]:
        table = self.corpus.exact[tag]
        if "/" in t.text and tag in ("mh", "majr"):
            head, _, tail = t.text.partition("/")
            wanted = f"{key(head)}/{key(tail)}"
        else:
            wanted = key(t.text)
        if tag == "au":
            return self.union_prefix("e", "au", wanted, lambda k: _author_matches(k, wanted))
        if t.truncated:
            return self.union_prefix("e", tag, wanted, lambda k: True)
        return set(table.get(wanted, ()))

    def union_prefix(self, kind: str, field_name: str, prefix: str, accept) -> set[int]:
        keys = self.corpus.sorted_keys(kind, field_name)
        table = (self.corpus.tokens if kind == "t" else self.corpus.exact)[field_name]
        found: set[int] = set()
        i = bisect.bisect_left(keys, prefix)
        while i < len(keys) and keys[i].startswith(prefix):
            if accept(keys[i]):
                found |= table.get(keys[i], set())
            i += 1
        return found

    def prefix_tokens(self, field_name: str, prefix: str) -> bool:
        keys = self.corpus.sorted_keys("t", field_name)
        i = bisect.bisect_left(keys, prefix)
        return i < len(keys) and keys[i].startswith(prefix)

    def word_postings(self, fields: Iterable[str], w: str, prefix: bool) -> set[int]:
        found: set[int] = set()
        for f in fields:
            if prefix:
                found |= self.union_prefix("t", f, w, lambda k: True)
            else:
                found |= self.corpus.tokens[f].get(w, set())
        return found

    def text(self, t: Term, tag: str | None) -> tuple[set[int] | None, str | None]:
        fields = TEXT_GROUPS.get(tag, TOKEN_FIELDS)
        label = FIELD_NAMES.get(tag or "all", "All Fields")
        ws = t.words
        if not ws:
            return None, None
        if t.truncated and len(ws[-1]) < 4:
            # PubMed needs four leading characters before '*'; we search the word as typed.
            self.out.phrases_ignored.append(t.text + "*")
            t = Term(t.text, tag=t.tag, raw_tag=t.raw_tag, quoted=t.quoted)
        if len(ws) == 1 and not t.quoted and not t.truncated and ws[0] in STOPWORDS:
            # PubMed does not index stopwords: a lone one is dropped, with a warning
            self.out.phrases_ignored.append(ws[0])
            return None, None
        found = self.phrase(fields, ws, t.truncated, t.proximity)
        if found or len(ws) == 1:
            if not found and self.unknown(t):
                self.out.phrases_not_found.append(t.typed())
                return None, None
            return found, self.render(t, label)
        if self.unknown(t):
            self.out.phrases_not_found.append(t.typed())
            return None, None
        if " ".join(ws) in self.known_phrases:
            # a phrase PubMed has in its phrase index: searched as such, no fallback
            return found, self.render(t, label)
        # multi-word text not found as a phrase: search its words, as PubMed does
        if t.quoted:
            self.out.quoted_not_found.append(t.text)
        found = None
        parts = []
        for i, w in enumerate(ws):
            prefix = t.truncated and i == len(ws) - 1
            if w in STOPWORDS and not prefix:
                self.out.phrases_ignored.append(w)
                continue
            ids = self.word_postings(fields, w, prefix)
            found = ids if found is None else found & ids
            parts.append(f"{w}*[{label}]" if prefix else f'"{w}"[{label}]')
        if not parts:
            return None, None
        return found or set(), "(" + " AND ".join(parts) + ")"

    def phrase(
        self, fields: tuple[str, ...], ws: list[str], truncated: bool, proximity: int | None
    ) -> set[int]:
        candidates: set[int] | None = None
        for i, w in enumerate(ws):
            ids = self.word_postings(fields, w, truncated and i == len(ws) - 1)
            candidates = ids if candidates is None else candidates & ids
            if not candidates:
                return set()
        if len(ws) == 1:
            return candidates
        verdict: dict[int, bool] = {}  # clones share one RecordFields: check each once
        found = set()
        recs = self.corpus.fields
        for pmid in candidates:
            rec = recs[pmid]
            ok = verdict.get(id(rec))
            if ok is None:
                ok = verdict[id(rec)] = phrase_in(rec, fields, ws, truncated, proximity)
            if ok:
                found.add(pmid)
        return found


def _author_matches(author_key: str, wanted: str) -> bool:
    """'hart' matches 'hart rk'; 'hart r' matches 'hart rk' (initials are truncated)."""
    if author_key == wanted or author_key.startswith(wanted + " "):
        return True
    return " " in wanted and author_key.startswith(wanted)


# -- order ---------------------------------------------------------------------------------
def order(corpus: Corpus, pmids: Iterable[int], sort: str | None = None) -> list[int]:
    """PubMed's esearch order. Default ("most recent"): newest entrez date first, then PMID
    descending. pub_date: newest publication date first. Author / JournalName: A→Z."""
    fields = corpus.fields
    sort = (sort or "").strip().lower().replace("+", " ").replace("_", " ")
    ids = list(pmids)
    if sort in ("pub date", "pubdate", "publication date"):
        return sorted(
            ids, key=lambda p: (max(b for _, b in fields[p].pub_intervals), p), reverse=True
        )
    if sort in ("author", "first author"):
        return sorted(ids, key=lambda p: ((fields[p].authors or ["~"])[0], -p))
    if sort in ("journalname", "journal", "journal name"):
        return sorted(ids, key=lambda p: (fields[p].summary.get("source", "").lower(), -p))
    return sorted(ids, key=lambda p: (fields[p].edat, p), reverse=True)


def known_words_of(terms: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for term in terms:
        found.update(words(term))
    return found


def known_phrases_of(queries: Iterable[str]) -> set[str]:
    """Multi-word terms of PubMed queries ('"respiratory depression"[tiab]' → 'respiratory
    depression'), which the real phrase index would hold."""
    from tests.emulator.query import parse, walk_terms

    found: set[str] = set()
    for query in queries:
        for node in walk_terms(parse(query).root):
            if isinstance(node, Term) and len(node.words) > 1:
                found.add(" ".join(node.words))
    return found
