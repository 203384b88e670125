"""Load and validate outline YAML files (article → topics → claims → PubMed queries).

The validator walks PyYAML's node tree (`yaml.compose`) rather than the plain Python objects,
because only nodes remember where they came from: every error can then name the file, the
line and the claim, which is what a person fixing a 100-claim outline needs. It collects every
problem rather than stopping at the first; `load_outline` raises on the first of them.

Claim ids are database keys: renaming one starts a new evidence history, so ids must be
stable slugs, unique in the file.

The subject is written once: `subject:` may be a mapping with the subject's `name` and its
`query` block (synonyms, brand names), which every claim ANDs unless it is a context claim
(`context: true`). A claim's `query` in the file is then only its own block; the full query
PubMed sees (and the store keeps) is `(subject) AND (block)`, built here, so the subject
cannot drift between claims and the fetch is unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from fetchers.outline.id_limits import id_too_long
from fetchers.outline.query_check import check_query, lint_query
from store.errors import OutlineError
from store.models import CLAIM_SCOPES, Claim, Outline, Topic

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

ARTICLE_FIELDS = ("title", "source", "subject", "topics", "screening_reasons")
TOPIC_FIELDS = ("id", "title", "claims")
CLAIM_REQUIRED = ("id", "claim", "query")
CLAIM_OPTIONAL = ("group", "notes", "reference_query")
CLAIM_FLAGS = ("scope", "context", "restates")
SUBJECT_FIELDS = ("name", "query")

_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"


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


def check_outline(path: str | Path, *, subject: str | None = None) -> OutlineReport:
    """Every problem in the outline at `path`: errors, and lint warnings.

    `subject` is the outline's subject block, when it has one: each claim's query must AND
    it and its reference_query must be the query without it. A path that is missing, a
    directory or unreadable raises OutlineError: there is no outline to report on.
    """
    name = str(path)
    text = _read(Path(path))
    report = OutlineReport(path=name)
    report.subject = subject
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        report.errors.append(OutlineIssue(name, "YAML nested too deeply to read"))
        return report
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


#: Largest outline read (a real one is a few hundred kB); `/dev/zero` never ends.
MAX_OUTLINE_BYTES = 16 * 1024 * 1024


def _read(path: Path) -> str:
    if not path.exists():
        raise OutlineError(f"{path}: no such file")
    if path.is_dir():
        raise OutlineError(f"{path}: is a directory, not an outline file")
    if not path.is_file():
        raise OutlineError(f"{path}: not a regular file (a device, FIFO or socket)")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_OUTLINE_BYTES + 1)
        if len(data) > MAX_OUTLINE_BYTES:
            raise OutlineError(f"{path}: larger than {MAX_OUTLINE_BYTES // 2**20} MB")
        return data.decode("utf-8")
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
        self.restates_lines: dict[str, int | None] = {}
        self.subject_query = ""

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

    def lint(
        self,
        query: str,
        reference_query: str | None,
        fields: dict[str, tuple[yaml.Node, yaml.Node]],
        ids: dict[str, str | None],
        *,
        subject: str | None = None,
        block: str | None = None,
    ) -> None:
        """Lint findings: errors stop the outline loading, warnings only `--strict`.

        `query` is the query PubMed sees; `subject` the outline's subject block (None for a
        context claim, or an outline without one: then the query's first block is taken as
        its subject); `block` the claim's own block when the query is `(subject) AND (block)`.
        """
        for finding in lint_query(
            query,
            reference_query=reference_query,
            subject=subject or self.report.subject,
            block=block,
        ):
            key = "reference_query" if finding.code == "reference-query" else "query"
            node = fields[key][1]
            issue = OutlineIssue(
                self.path,
                finding.message,
                _line(node),
                _col(node),
                ids.get("topic"),
                ids.get("claim"),
                severity=finding.severity,
                rule=finding.code,
            )
            (self.report.errors if finding.severity == "error" else self.report.warnings).append(
                issue
            )

    def outline(self, root: yaml.Node | None) -> None:
        if root is None:
            self.report.errors.append(OutlineIssue(self.path, "empty file: no outline in it"))
            return
        fields = self.mapping(root, "the outline", ARTICLE_FIELDS)
        if fields is None:
            return
        title = self.text(fields, "title", root)
        source = self.text(fields, "source", root)
        subject, self.subject_query = self.subject(fields, root)
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
        reasons = self.screening_reasons(fields)
        if not self.report.errors:
            self.report.outline = Outline(
                title=title or "",
                source=source or "",
                subject=subject or "",
                topics=tuple(topics),
                path=self.path,
                screening_reasons=reasons,
                subject_query=self.subject_query,
            )
        self.check_restates(topics)

    def subject(
        self, fields: dict[str, tuple[yaml.Node, yaml.Node]], root: yaml.Node
    ) -> tuple[str | None, str]:
        """(name, subject block): `subject: ketamine`, or a mapping with `name` and `query`."""
        if "subject" not in fields or not isinstance(fields["subject"][1], yaml.MappingNode):
            return self.text(fields, "subject", root), ""
        node = fields["subject"][1]
        sub = self.mapping(node, "the subject", SUBJECT_FIELDS)
        if sub is None:
            return None, ""
        name = self.text(sub, "name", node)
        query = self.text(sub, "query", node)
        if query is None:
            return name, ""
        for problem in check_query(query):
            self.error(f"subject query: {problem}", sub["query"][1])
        return name, query

    def check_restates(self, topics: list[Topic]) -> None:
        """`restates` names another claim of the outline, which restates nothing itself."""
        claims = {c.claim_id: c for t in topics for c in t.claims}
        for claim in claims.values():
            if not claim.restates:
                continue
            target = claims.get(claim.restates)
            line = self.restates_lines.get(claim.claim_id)
            problem = None
            if claim.restates == claim.claim_id:
                problem = "restates itself"
            elif target is None:
                problem = f"restates '{claim.restates}', which is not a claim of this outline"
            elif target.restates:
                problem = (
                    f"restates '{claim.restates}', which itself restates '{target.restates}': "
                    "name the section claim"
                )
            if problem:
                self.report.errors.append(
                    OutlineIssue(self.path, problem, line, None, claim.topic_id, claim.claim_id)
                )
        if self.report.errors:
            self.report.outline = None

    def screening_reasons(self, fields: dict[str, tuple[yaml.Node, yaml.Node]]) -> tuple[str, ...]:
        """The optional list of exclusion reasons reviewers choose from
        (store/screening/decisions.py has the defaults): distinct non-empty texts."""
        if "screening_reasons" not in fields:
            return ()
        key_node, seq = fields["screening_reasons"]
        if not isinstance(seq, yaml.SequenceNode) or not seq.value:
            self.error("'screening_reasons' must be a non-empty list of texts", key_node)
            return ()
        found: list[str] = []
        for node in seq.value:
            value = " ".join(str(node.value).split()) if isinstance(node, yaml.ScalarNode) else ""
            if not value or node.tag != _STR_TAG:
                self.error("a screening reason must be non-empty text", node)
            elif value in found:
                self.error(f"duplicate screening reason '{value}'", node)
            elif len(value) > 200:
                self.error("a screening reason must be at most 200 characters", node)
            else:
                found.append(value)
        return tuple(found)

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
            node,
            "a claim",
            CLAIM_REQUIRED + CLAIM_OPTIONAL + CLAIM_FLAGS,
            topic=topic_id,
            claim=_raw_id(node),
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
        syntax_ok = True
        for key in ("query", "reference_query"):
            value = query if key == "query" else optional["reference_query"]
            if value is None:
                continue
            for problem in check_query(value):
                syntax_ok = False
                where = problem if key == "query" else f"reference_query: {problem}"
                self.error(where, fields[key][1], **ids)
        scope = self.text(fields, "scope", node, required=False, **ids) or "any"
        if scope not in CLAIM_SCOPES:
            self.error(
                f"scope '{scope}' is not one of: {', '.join(CLAIM_SCOPES)}",
                fields["scope"][1],
                **ids,
            )
        context = self.flag(fields, "context", **ids)
        restates = self.text(fields, "restates", node, required=False, **ids) or ""
        if restates and claim_id:
            self.restates_lines[claim_id] = _line(fields["restates"][1])
        block = query or ""
        subject_query = "" if context else self.subject_query
        if query is not None and syntax_ok:
            self.lint(
                full_query(subject_query, block),
                optional["reference_query"],
                fields,
                ids,
                subject=subject_query or None,
                block=block if subject_query else None,
            )
        return Claim(
            claim_id=claim_id or "",
            topic_id=topic_id,
            claim=claim_text or "",
            query=full_query(subject_query, block) if block else "",
            group=optional["group"] or "",
            notes=optional["notes"] or "",
            reference_query=optional["reference_query"] or "",
            position=position,
            block=block if subject_query else "",
            scope=scope,
            context=context,
            restates=restates,
        )

    def flag(
        self, fields: dict[str, tuple[yaml.Node, yaml.Node]], key: str, **ids: str | None
    ) -> bool:
        """A yes/no field (`true` / `false`); absent is false."""
        if key not in fields:
            return False
        node = fields[key][1]
        if not isinstance(node, yaml.ScalarNode) or node.tag != _BOOL_TAG:
            self.error(f"field '{key}' must be true or false", node, **ids)
            return False
        return str(node.value).lower() in ("true", "yes", "on")


__all__ = [
    "OutlineError",
    "OutlineIssue",
    "OutlineReport",
    "check_outline",
    "full_query",
    "load_outline",
]
