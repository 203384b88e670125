"""Check and lint PubMed queries before NCBI sees them.

Two levels: `check_query` (fetchers/outline/query_syntax.py) finds what PubMed would quietly
reinterpret (an unknown tag, an unbalanced parenthesis); `lint_query` finds queries PubMed
reads exactly as written but that do not test their claim, by running the rule table in
fetchers/outline/lint_rules.py. `mesh_headings` lists the MeSH headings a query names, for
`outline check --online` to look up in PubMed's MeSH database.
"""

from __future__ import annotations

from dataclasses import dataclass

from fetchers.outline.lint_rules import RULES, RULES_BY_CODE, LintInput
from fetchers.outline.query_blocks import (
    Heading,
    canonical_query,
    merged,
    mesh_headings,
    without_subject,
)
from fetchers.outline.query_syntax import (
    KNOWN_TAGS,
    MAX_QUERY_DEPTH,
    Token,
    _scan,
    check_query,
    normalise_tag,
)

#: Older names, for modules that read the scanner through this one.
_merged = merged


@dataclass(frozen=True)
class Finding:
    """One lint result: the rule's code, its severity and a message naming the term."""

    code: str
    severity: str
    message: str


def lint_query(
    query: str,
    *,
    reference_query: str | None = None,
    subject: str | None = None,
    block: str | None = None,
    context: bool = False,
) -> list[Finding]:
    """Lint findings for a claim's query (and its reference_query), errors first, each once.

    `query` is the query PubMed sees. `subject` is the outline's subject block when it has
    one (None for a context claim): the query must AND it, and the reference query must be
    the query without it. `block` is the claim's own block when the outline builds the query
    as `(subject) AND (block)`: the block must not AND a subject block of its own.
    `context` marks a context claim (it may restrict itself to syntheses).
    """
    inp = LintInput(query, reference_query, subject, block, context)
    found: dict[tuple[str, str], Finding] = {}
    for rule in RULES:
        for code, message in rule.find(inp) if rule.find else ():
            found.setdefault((code, message), Finding(code, RULES_BY_CODE[code].severity, message))
    order = {"error": 0, "warning": 1}
    return sorted(found.values(), key=lambda f: order.get(f.severity, 2))


__all__ = [
    "KNOWN_TAGS",
    "MAX_QUERY_DEPTH",
    "Finding",
    "Heading",
    "Token",
    "_scan",
    "canonical_query",
    "check_query",
    "lint_query",
    "mesh_headings",
    "normalise_tag",
    "without_subject",
]
