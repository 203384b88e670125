"""An outline check's results: where each problem is (OutlineIssue) and what was found
(OutlineReport); and how a claim's full query is built from the subject and its block.

Kept apart from the YAML walk (fetchers/outline/walker.py) because the CLI and the online
check read reports without walking anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from store.models import Outline


def grouped(query: str) -> str:
    """`query` as one operand: wrapped in parentheses unless one pair already encloses it."""
    text = query.strip()
    if text.startswith("(") and text.endswith(")"):
        depth = 0
        quoted = False
        for i, ch in enumerate(text):
            if ch == '"':
                quoted = not quoted
            elif not quoted and ch == "(":
                depth += 1
            elif not quoted and ch == ")":
                depth -= 1
                if depth == 0:
                    if i == len(text) - 1:
                        return text
                    break
    return f"({text})"


def full_query(subject_query: str, block: str) -> str:
    """The query PubMed sees for a claim: the subject block AND the claim's block."""
    if not subject_query:
        return block
    return f"{grouped(subject_query)} AND {grouped(block)}"


@dataclass(frozen=True)
class OutlineIssue:
    """One problem in an outline, located as precisely as the YAML allows."""

    path: str
    problem: str
    line: int | None = None
    column: int | None = None
    topic_id: str | None = None
    claim_id: str | None = None
    #: "error" (the outline does not load) or "warning" (fails only `outline check --strict`).
    severity: str = "error"
    #: The lint rule (fetchers/outline/lint_rules.py) behind a warning; "" for other problems.
    rule: str = ""

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        problem = self.problem if self.severity == "error" else f"warning: {self.problem}"
        if self.claim_id:
            return f"{where}: claim '{self.claim_id}': {problem}"
        if self.topic_id:
            return f"{where}: topic '{self.topic_id}': {problem}"
        return f"{where}: {problem}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "topic": self.topic_id,
            "claim": self.claim_id,
            "problem": self.problem,
            "severity": self.severity,
            "rule": self.rule,
            "message": str(self),
        }


@dataclass
class OutlineReport:
    path: str
    errors: list[OutlineIssue] = field(default_factory=list)
    #: Lint warnings: the outline loads, but `outline check --strict` fails.
    warnings: list[OutlineIssue] = field(default_factory=list)
    #: (topic id, topic title, number of claims), in file order.
    claims_per_topic: list[tuple[str, str, int]] = field(default_factory=list)
    title: str = ""
    outline: Outline | None = None
    subject: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def topics(self) -> int:
        return len(self.claims_per_topic)

    @property
    def claims(self) -> int:
        return sum(n for _, _, n in self.claims_per_topic)

    def as_json(self) -> dict[str, Any]:
        return {
            "topics": self.topics,
            "claims": self.claims,
            "errors": [e.as_dict() for e in self.errors],
            "warnings": [w.as_dict() for w in self.warnings],
        }


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _col(node: yaml.Node | None) -> int | None:
    return node.start_mark.column + 1 if node is not None else None


__all__ = ["OutlineIssue", "OutlineReport", "full_query", "grouped"]
