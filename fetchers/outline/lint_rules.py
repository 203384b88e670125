"""The outline lint's rules, as a table: each row is a rule's code, severity, summary and the
function that finds it. `lint_query` (fetchers/outline/query_check.py) runs the table.

`littrack outline check` reports every rule with its severity. An error means the query
cannot mean what its author wrote (the outline does not load); a warning means the query
very probably does not test its claim, and `--strict` fails on it. docs/outlines.md explains
each rule with an example; tests/test_query_lint.py tests each one. The word lists and MeSH
tables the rules read are data in fetchers/outline/lint_words.py.

The rules judge a block at PubMed scale, not on a handful of sample records: a block that
is true for most records of the subject (a broad word, an exploded heading, a check tag, a
subheading attached to any heading) does not test the claim.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from fetchers.outline import lint_words as words
from fetchers.outline.lint_words import *  # noqa: F403  (the lists, for older imports)
from fetchers.outline.query_blocks import (
    base_tag,
    blocks,
    canonical,
    canonical_query,
    same_blocks,
    terms,
    typed,
    without_subject,
    word_key,
)
from fetchers.outline.query_syntax import Token, _scan

Hit = tuple[str, str]  # (rule code, message naming the term)


@dataclass
class LintInput:
    """What a rule sees: the full query PubMed gets and the claim's parts."""

    query: str
    reference_query: str | None = None
    #: The outline's subject block (None for a context claim or an outline without one).
    subject: str | None = None
    #: The claim's own block when the query is `(subject) AND (block)`.
    block: str | None = None
    #: A context claim: it sets no subject and may restrict itself to syntheses.
    context: bool = False
    terms: list[Token] = field(default_factory=list)
    #: Positions of the terms under a NOT (`NOT (animals[mh] NOT humans[mh])` is a filter).
    negated: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.terms = terms(self.query)
        tokens, _ = _scan(self.query)
        self.negated = negated_positions(tokens)


def negated_positions(tokens: list[Token]) -> set[int]:
    """Positions of the terms in the operand right after each NOT, however deep."""
    negated: set[int] = set()
    for i, tok in enumerate(tokens):
        if tok.kind != "op" or tok.text != "NOT" or i + 1 >= len(tokens):
            continue
        depth = 0
        for nxt in tokens[i + 1 :]:
            depth += (nxt.kind == "(") - (nxt.kind == ")")
            if nxt.kind in ("term", "phrase"):
                negated.add(nxt.pos)
            if depth <= 0:
                break
    return negated


def _descriptor(tok: Token) -> tuple[str, bool]:
    """(heading name lowercased, has a /qualifier) of a MeSH term."""
    name, _, qualifier = tok.text.partition("/")
    return " ".join(name.lower().split()), bool(qualifier.strip())


def _mesh_terms(inp: LintInput) -> Iterator[Token]:
    for tok in inp.terms:
        if base_tag(tok.tag) in words.MESH_TAGS and tok.pos not in inp.negated:
            yield tok


def design_filter(inp: LintInput) -> Iterator[Hit]:
    if inp.context:
        return  # a context claim may bound itself to syntheses
    for tok in inp.terms:
        if base_tag(tok.tag) in words.DESIGN_TAGS:
            yield (
                "design-filter",
                f"'{typed(tok)}' filters on design or subset: leave design to the record's "
                "classification",
            )


def unknown_subheading(inp: LintInput) -> Iterator[Hit]:
    known = words.MESH_QUALIFIERS | words.MESH_QUALIFIER_ABBREVIATIONS
    for tok in inp.terms:
        base = base_tag(tok.tag)
        names = [tok.text] if base in words.SUBHEADING_TAGS else []
        if base in words.MESH_TAGS and "/" in tok.text:
            names = tok.text.split("/")[1:]
        for name in names:
            norm = " ".join(name.lower().split()).rstrip("*")
            if norm and norm not in known:
                yield (
                    "unknown-subheading",
                    f"'{typed(tok)}': '{name.strip()}' is not a MeSH subheading",
                )


def broad_stem(stem: str) -> str | None:
    """The listed broad stem that `stem` extends or is a prefix of (both ways: `combin`
    and `combination`, `effect` and `effective`), or None."""
    stem = stem.lower()
    if len(stem) < 4:
        return None
    for broad in sorted(words.BROAD_STEMS):
        if stem.startswith(broad) or broad.startswith(stem):
            return broad
    return None


def truncation(inp: LintInput) -> Iterator[Hit]:
    for tok in inp.terms:
        parts = tok.text.split()
        if "*" not in tok.text or base_tag(tok.tag) in words.MESH_TAGS or len(parts) != 1:
            continue  # a phrase keeps its last stem narrow
        stem = parts[0].rstrip("*")
        broad = broad_stem(stem)
        if broad:
            yield (
                "broad-stem",
                f"truncation '{typed(tok)}': '{stem}*' is a broad stem (like '{broad}*', it "
                "matches everyday or unrelated words); list the words meant",
            )
        elif 4 <= sum(c.isalnum() for c in stem) < words.MIN_STEM:
            yield (
                "short-truncation",
                f"truncation '{typed(tok)}': stem '{stem}' is shorter than "
                f"{words.MIN_STEM} letters",
            )


def broad_word(inp: LintInput) -> Iterator[Hit]:
    for tok in inp.terms:
        text = " ".join(tok.text.lower().split())
        if "*" in text or base_tag(tok.tag) not in words.TEXT_TAGS or tok.pos in inp.negated:
            continue
        # PubMed searches a hyphenated word as a phrase: "patient-centered" is narrow
        single = len(text.split()) == 1 and "-" not in text and text not in words.NARROW_WORDS
        broad = (single and (text in words.BROAD_WORDS or broad_stem(text))) or (
            text in words.BROAD_PHRASES
        )
        if broad:
            yield (
                "broad-word",
                f"word '{typed(tok)}' is everyday or many-sensed (it is in most records of "
                "the subject or means something else): use the phrase or heading meant",
            )


def check_tag(inp: LintInput) -> Iterator[Hit]:
    """A check tag anywhere in the claim's query, at any depth, but under a NOT."""
    for tok in _mesh_terms(inp):
        if _descriptor(tok)[0] in words.CHECK_TAGS:
            yield (
                "check-tag-block",
                f"check tag '{typed(tok)}' used as a concept: check tags mark most records "
                "of their kind whatever the topic (name the population in words or a "
                "specific heading)",
            )


def exploded_heading(inp: LintInput) -> Iterator[Hit]:
    for tok in _mesh_terms(inp):
        name, qualified = _descriptor(tok)
        size = words.MESH_TREE_SIZES.get(name, 0)
        if size >= words.MAX_TREE and not qualified and not _noexp(tok):
            yield (
                "exploded-heading",
                f"heading '{typed(tok)}' explodes to about {size} descriptors: use the "
                "child heading meant, [majr] with a narrower concept, or [mh:noexp]",
            )


def _noexp(tok: Token) -> bool:
    return (tok.tag or "").lower().replace(" ", "").endswith(":noexp")


def broad_heading(inp: LintInput) -> Iterator[Hit]:
    for tok in _mesh_terms(inp):
        name, qualified = _descriptor(tok)
        narrowed = name in words.NOEXP_NARROWS and _noexp(tok)
        if name in words.BROAD_HEADINGS and not qualified and not narrowed:
            yield ("broad-heading", f"heading '{typed(tok)}': {words.BROAD_HEADINGS[name]}")
        elif name in words.ANATOMY_HEADINGS and not qualified:
            yield (
                "anatomy-heading",
                f"heading '{typed(tok)}' is an organ, not a disease: any record on the organ "
                "carries it (use the disease heading, or Organ/pathology)",
            )


def unbound_subheading(inp: LintInput) -> Iterator[Hit]:
    for tok in inp.terms:
        if base_tag(tok.tag) in words.SUBHEADING_TAGS and tok.pos not in inp.negated:
            yield (
                "unbound-subheading",
                f"subheading '{typed(tok)}' attaches to any heading of the record (another "
                "drug's, a co-morbidity's): bind it, as in \"Ketamine/adverse effects\"[mh]",
            )


def subject_block(inp: LintInput) -> Iterator[Hit]:
    if inp.subject and inp.block:
        synonyms = {word_key(t) for t in terms(inp.subject)}
        for op, tokens in blocks(inp.block):
            own = [t for t in tokens if t.kind in ("term", "phrase")]
            if op != "NOT" and own and all(word_key(t) in synonyms for t in own):
                yield (
                    "subject-block",
                    f"block '{canonical(tokens)}' is a subject block of its own: the "
                    "outline's subject block is ANDed already (leave it out, or extend the "
                    "outline's)",
                )
    elif inp.subject and without_subject(inp.query, inp.subject) is None:
        yield (
            "subject-block",
            f"query does not AND the outline's subject block '{' '.join(inp.subject.split())}'",
        )


def reference_query(inp: LintInput) -> Iterator[Hit]:
    if not inp.reference_query:
        return
    expected = without_subject(inp.query, inp.subject)
    if expected is not None and not same_blocks(canonical_query(inp.reference_query), expected):
        yield (
            "reference-query",
            f"reference_query is not the query without its subject block (expected: {expected})",
        )


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str  # "error" | "warning"
    summary: str
    #: The function that finds the rule's hits (None: the rule is reported by another's).
    find: Callable[[LintInput], Iterator[Hit]] | None = None


RULES: tuple[Rule, ...] = (
    Rule(
        "unknown-subheading",
        "error",
        'a MeSH subheading ([sh] or "Descriptor/qualifier"[mh]) that is not a MeSH qualifier',
        unknown_subheading,
    ),
    Rule(
        "reference-query",
        "warning",
        "reference_query is not the claim's query without its subject block, so the "
        "share (claim records / reference records) compares different questions",
        reference_query,
    ),
    Rule(
        "design-filter",
        "warning",
        "a publication-type ([pt]) or subset ([sb]) filter inside a claim query: design "
        "belongs to the record's classification, and the filter drops records not yet "
        "indexed (a context claim may bound itself to syntheses)",
        design_filter,
    ),
    Rule(
        "broad-stem",
        "warning",
        "a truncated stem that is, or is a prefix of, a broad stem (BROAD_STEMS) matches "
        "everyday words in unrelated records",
        truncation,
    ),
    Rule(
        "short-truncation",
        "warning",
        "a single-word truncation with a stem shorter than 5 letters matches too many "
        "unrelated words",
    ),
    Rule(
        "broad-word",
        "warning",
        "an untruncated everyday or many-sensed word (a broad stem's word, BROAD_WORDS) or "
        "phrase (BROAD_PHRASES) as a concept",
        broad_word,
    ),
    Rule(
        "check-tag-block",
        "warning",
        "a check tag (humans, animals, aged, child, pregnancy ...) used as a concept, at any "
        "depth of the query, outside a NOT: check tags are on most records of their kind",
        check_tag,
    ),
    Rule(
        "exploded-heading",
        "warning",
        "a MeSH heading whose explosion takes in a large tree (MESH_TREE_SIZES)",
        exploded_heading,
    ),
    Rule(
        "broad-heading",
        "warning",
        "a MeSH heading on most records of a kind, or not the concept meant (BROAD_HEADINGS)",
        broad_heading,
    ),
    Rule(
        "anatomy-heading",
        "warning",
        "an organ heading (ANATOMY_HEADINGS) where a disease of the organ is meant",
    ),
    Rule(
        "unbound-subheading",
        "warning",
        'a free subheading ("adverse effects"[sh]) attaches to any heading of the record, '
        "not to the subject's",
        unbound_subheading,
    ),
    Rule(
        "subject-block",
        "warning",
        "the claim's subject block differs from the outline's subject",
        subject_block,
    ),
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}


__all__ = [
    "RULES",
    "RULES_BY_CODE",
    "LintInput",
    "Rule",
    "broad_stem",
    "negated_positions",
]
