"""Load and validate outline YAML files (article → topics → claims → PubMed queries).

The validator walks PyYAML's node tree (`yaml.compose`) rather than the plain Python objects,
because only nodes remember where they came from: every error can then name the file, the
line and the claim, which is what a person fixing a 100-claim outline needs. It collects every
problem rather than stopping at the first; `load_outline` raises on the first of them.

Claim ids are database keys: renaming one starts a new evidence history, so ids must be
stable slugs, unique in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from fetchers.outline.id_limits import id_too_long
from fetchers.outline.query_check import check_query
from store.errors import OutlineError
from store.models import Claim, Outline, Topic

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

ARTICLE_FIELDS = ("title", "source", "subject", "topics")
TOPIC_FIELDS = ("id", "title", "claims")
CLAIM_REQUIRED = ("id", "claim", "query")
CLAIM_OPTIONAL = ("group", "notes", "reference_query")

_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class OutlineIssue:
    """One problem in an outline, located as precisely as the YAML allows."""

    path: str
    problem: str
    line: int | None = None
    column: int | None = None
    topic_id: str | None = None
    claim_id: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.claim_id:
            return f"{where}: claim '{self.claim_id}': {self.problem}"
        if self.topic_id:
            return f"{where}: topic '{self.topic_id}': {self.problem}"
        return f"{where}: {self.problem}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "topic": self.topic_id,
            "claim": self.claim_id,
            "problem": self.problem,
            "message": str(self),
        }


@dataclass
class OutlineReport:
    path: str
    errors: list[OutlineIssue] = field(default_factory=list)
    #: (topic id, topic title, number of claims), in file order.
    claims_per_topic: list[tuple[str, str, int]] = field(default_factory=list)
    title: str = ""
    outline: Outline | None = None

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
        }


def load_outline(path: str | Path) -> Outline:
    """The outline at `path`; raises OutlineError naming the first problem (and how many more)."""
    report = check_outline(path)
    if report.errors:
        first = str(report.errors[0])
        more = len(report.errors) - 1
        if more:
            first += f" (and {more} more; run 'littrack outline check {path}')"
        raise OutlineError(first)
    assert report.outline is not None
    return report.outline


def check_outline(path: str | Path) -> OutlineReport:
    """Every problem in the outline at `path`.

    A path that is missing, a directory or unreadable raises OutlineError: there is no
    outline to report on.
    """
    name = str(path)
    text = _read(Path(path))
    report = OutlineReport(path=name)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        report.errors.append(_syntax_issue(name, exc))
        return report
    except yaml.YAMLError as exc:
        report.errors.append(OutlineIssue(name, f"YAML error: {exc}".splitlines()[0]))
        return report
    _Walker(name, report).outline(root)
    return report


def _syntax_issue(path: str, exc: yaml.MarkedYAMLError) -> OutlineIssue:
    mark = exc.problem_mark or exc.context_mark
    what = exc.problem or exc.context or "invalid YAML"
    if mark is None:
        return OutlineIssue(path, f"YAML syntax error: {what}")
    problem = f"YAML syntax error at line {mark.line + 1}, column {mark.column + 1}: {what}"
    ctx = exc.context_mark
    if exc.context and ctx is not None and exc.problem and ctx.line != mark.line:
        problem += f" ({exc.context} that starts at line {ctx.line + 1}, column {ctx.column + 1})"
    return OutlineIssue(path, problem, mark.line + 1, mark.column + 1)


def _read(path: Path) -> str:
    if not path.exists():
        raise OutlineError(f"{path}: no such file")
    if path.is_dir():
        raise OutlineError(f"{path}: is a directory, not an outline file")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise OutlineError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
    except OSError as exc:
        raise OutlineError(f"{path}: cannot read: {exc.strerror}") from None


def _raw_id(node: yaml.Node) -> str | None:
    """The `id` of a mapping node before validation, so early errors can name their claim."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode):
                return str(value.value) or None
    return None


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _col(node: yaml.Node | None) -> int | None:
    return node.start_mark.column + 1 if node is not None else None


class _Walker:
    """Turns the node tree into an Outline, recording every problem on the way."""

    def __init__(self, path: str, report: OutlineReport) -> None:
        self.path = path
        self.report = report
        self.claim_lines: dict[str, int | None] = {}
        self.topic_lines: dict[str, int | None] = {}

    def error(
        self,
        problem: str,
        node: yaml.Node | None,
        topic: str | None = None,
        claim: str | None = None,
    ) -> None:
        self.report.errors.append(
            OutlineIssue(self.path, problem, _line(node), _col(node), topic, claim)
        )

    def mapping(
        self, node: yaml.Node, what: str, allowed: tuple[str, ...], **ids: str | None
    ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """Key → (key node, value node); duplicates and unknown keys are errors."""
        if not isinstance(node, yaml.MappingNode):
            self.error(f"{what} must be a mapping of fields", node, **ids)
            return None
        fields: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.error(f"{what} has a key that is not a name", key_node, **ids)
                continue
            if key in fields:
                self.error(
                    f"duplicate field '{key}' (first at line {_line(fields[key][0])})",
                    key_node,
                    **ids,
                )
                continue
            if key not in allowed:
                self.error(
                    f"unknown field '{key}' in {what} (expected: {', '.join(allowed)})",
                    key_node,
                    **ids,
                )
                continue
            fields[key] = (key_node, value_node)
        return fields

    def text(
        self,
        fields: dict[str, tuple[yaml.Node, yaml.Node]],
        key: str,
        parent: yaml.Node,
        *,
        required: bool = True,
        **ids: str | None,
    ) -> str | None:
        """A non-empty string field, or None (with an error when required or mistyped)."""
        if key not in fields:
            if required:
                self.error(f"missing field '{key}'", parent, **ids)
            return None
        key_node, node = fields[key]
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR_TAG:
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
                if required:
                    self.error(f"field '{key}' is empty", key_node, **ids)
                return None
            self.error(f"field '{key}' must be text", node, **ids)
            return None
        value = " ".join(str(node.value).split())
        if not value:
            if required:
                self.error(f"field '{key}' is empty", node, **ids)
            return None
        return value

    def outline(self, root: yaml.Node | None) -> None:
        if root is None:
            self.report.errors.append(OutlineIssue(self.path, "empty file: no outline in it"))
            return
        fields = self.mapping(root, "the outline", ARTICLE_FIELDS)
        if fields is None:
            return
        title = self.text(fields, "title", root)
        source = self.text(fields, "source", root)
        subject = self.text(fields, "subject", root)
        self.report.title = title or ""
        topics: list[Topic] = []
        if "topics" not in fields:
            self.error("missing field 'topics'", root)
        else:
            key_node, seq = fields["topics"]
            if not isinstance(seq, yaml.SequenceNode) or not seq.value:
                self.error("'topics' must be a non-empty list", key_node)
            else:
                for position, node in enumerate(seq.value):
                    topic = self.topic(node, position)
                    if topic is not None:
                        topics.append(topic)
        if not self.report.errors:
            self.report.outline = Outline(
                title=title or "",
                source=source or "",
                subject=subject or "",
                topics=tuple(topics),
                path=self.path,
            )

    def slug(self, value: str | None, kind: str, node: yaml.Node, **ids: str | None) -> bool:
        if value is None:
            return False
        if not SLUG.match(value):
            self.error(
                f"{kind} id '{value}' is not a slug (lowercase letters, digits and single "
                "hyphens, e.g. 'postop-opioid-sparing')",
                node,
                **ids,
            )
            return False
        too_long = id_too_long(value, kind)
        if too_long:
            self.error(too_long, node, **ids)
            return False
        return True

    def topic(self, node: yaml.Node, position: int) -> Topic | None:
        fields = self.mapping(node, "a topic", TOPIC_FIELDS)
        if fields is None:
            return None
        topic_id = self.text(fields, "id", node)
        ids = {"topic": topic_id}
        if topic_id is not None:
            id_node = fields["id"][1]
            self.slug(topic_id, "topic", id_node, topic=topic_id)
            if topic_id in self.topic_lines:
                self.error(
                    f"duplicate topic id (first at line {self.topic_lines[topic_id]})",
                    id_node,
                    **ids,
                )
            else:
                self.topic_lines[topic_id] = _line(id_node)
        title = self.text(fields, "title", node, **ids)
        claims: list[Claim] = []
        if "claims" not in fields:
            self.error("missing field 'claims'", node, **ids)
        else:
            key_node, seq = fields["claims"]
            if not isinstance(seq, yaml.SequenceNode) or not seq.value:
                self.error("'claims' must be a non-empty list", key_node, **ids)
            else:
                for claim_position, claim_node in enumerate(seq.value):
                    claim = self.claim(claim_node, topic_id or "", claim_position)
                    if claim is not None:
                        claims.append(claim)
        self.report.claims_per_topic.append(
            (topic_id or f"#{position + 1}", title or "", len(claims))
        )
        return Topic(topic_id or "", title or "", tuple(claims), position)

    def claim(self, node: yaml.Node, topic_id: str, position: int) -> Claim | None:
        fields = self.mapping(
            node, "a claim", CLAIM_REQUIRED + CLAIM_OPTIONAL, topic=topic_id, claim=_raw_id(node)
        )
        if fields is None:
            return None
        claim_id = self.text(fields, "id", node, topic=topic_id)
        ids = {"topic": topic_id, "claim": claim_id}
        if claim_id is not None:
            id_node = fields["id"][1]
            self.slug(claim_id, "claim", id_node, **ids)
            if claim_id in self.claim_lines:
                self.error(
                    f"duplicate claim id (first at line {self.claim_lines[claim_id]})",
                    id_node,
                    **ids,
                )
            else:
                self.claim_lines[claim_id] = _line(id_node)
        claim_text = self.text(fields, "claim", node, **ids)
        query = self.text(fields, "query", node, **ids)
        optional = {k: self.text(fields, k, node, required=False, **ids) for k in CLAIM_OPTIONAL}
        for key in ("query", "reference_query"):
            value = query if key == "query" else optional["reference_query"]
            if value is None:
                continue
            for problem in check_query(value):
                where = problem if key == "query" else f"reference_query: {problem}"
                self.error(where, fields[key][1], **ids)
        return Claim(
            claim_id=claim_id or "",
            topic_id=topic_id,
            claim=claim_text or "",
            query=query or "",
            group=optional["group"] or "",
            notes=optional["notes"] or "",
            reference_query=optional["reference_query"] or "",
            position=position,
        )


__all__ = ["OutlineError", "OutlineIssue", "OutlineReport", "check_outline", "load_outline"]
