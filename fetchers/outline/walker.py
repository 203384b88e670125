"""The outline validator's walk over PyYAML's node tree (see fetchers/outline/load.py).

Only nodes remember where they came from, so every problem found here names the file, the
line and the claim. A claim's fields are read from the table in fetchers/outline/fields.py.
"""

from __future__ import annotations

from typing import Any

import yaml

from fetchers.outline.fields import (
    ARTICLE_FIELDS,
    BOOL_TAG,
    CLAIM_FIELDS,
    CLAIM_KEYS,
    SLUG,
    STR_TAG,
    SUBJECT_FIELDS,
    TOPIC_FIELDS,
    ClaimField,
)
from fetchers.outline.fields import raw_id as _raw_id
from fetchers.outline.id_limits import id_too_long
from fetchers.outline.query_check import check_query, lint_query
from fetchers.outline.report import OutlineIssue, OutlineReport, _col, _line, full_query
from store.models import Claim, Outline, Topic

#: Claim attributes that are the text field of the same name ("" when absent).
TEXT_ATTRIBUTES = ("claim", "group", "notes", "reference_query", "restates")


class Walker:
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
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR_TAG:
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
        context: bool = False,
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
            context=context,
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
            if not value or node.tag != STR_TAG:
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
        fields = self.mapping(node, "a claim", CLAIM_KEYS, topic=topic_id, claim=_raw_id(node))
        if fields is None:
            return None
        claim_id = self.text(fields, "id", node, topic=topic_id)
        ids = {"topic": topic_id, "claim": claim_id}
        self.claim_id_known(claim_id, fields, ids)
        values = {f.key: self.claim_field(f, fields, node, ids) for f in CLAIM_FIELDS}
        values["id"] = claim_id
        syntax_ok = self.claim_syntax(values, fields, ids)
        if values["restates"] and claim_id:
            self.restates_lines[claim_id] = _line(fields["restates"][1])
        block = values["query"] or ""
        subject_query = "" if values["context"] else self.subject_query
        if values["query"] is not None and syntax_ok:
            self.lint(
                full_query(subject_query, block),
                values["reference_query"],
                fields,
                ids,
                subject=subject_query or None,
                block=block if subject_query else None,
                context=values["context"],
            )
        text = {key: values[key] or "" for key in TEXT_ATTRIBUTES}
        return Claim(
            claim_id=claim_id or "",
            topic_id=topic_id,
            query=full_query(subject_query, block) if block else "",
            position=position,
            block=block if subject_query else "",
            scope=values["scope"],
            context=values["context"],
            type=values["type"],
            **text,
        )

    def claim_id_known(
        self,
        claim_id: str | None,
        fields: dict[str, tuple[yaml.Node, yaml.Node]],
        ids: dict[str, str | None],
    ) -> None:
        """A claim id is a slug and unique in the file (it is a database key)."""
        if claim_id is None:
            return
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

    def claim_field(
        self,
        spec: ClaimField,
        fields: dict[str, tuple[yaml.Node, yaml.Node]],
        node: yaml.Node,
        ids: dict[str, str | None],
    ) -> Any:
        """One claim field read as its CLAIM_FIELDS entry says (the id is read first)."""
        if spec.kind == "flag":
            return self.flag(fields, spec.key, **ids)
        if spec.key == "id":
            return None
        value = self.text(fields, spec.key, node, required=spec.required, **ids)
        if spec.kind != "choice":
            return value
        if value is None:
            return spec.default
        if value not in spec.choices:
            self.error(
                f"{spec.key} '{value}' is not one of: {', '.join(spec.choices)}",
                fields[spec.key][1],
                **ids,
            )
        return value

    def claim_syntax(
        self,
        values: dict[str, Any],
        fields: dict[str, tuple[yaml.Node, yaml.Node]],
        ids: dict[str, str | None],
    ) -> bool:
        """The query and reference_query parse as PubMed reads them (errors, not lint)."""
        ok = True
        for key in ("query", "reference_query"):
            if values[key] is None:
                continue
            for problem in check_query(values[key]):
                ok = False
                where = problem if key == "query" else f"reference_query: {problem}"
                self.error(where, fields[key][1], **ids)
        return ok

    def flag(
        self, fields: dict[str, tuple[yaml.Node, yaml.Node]], key: str, **ids: str | None
    ) -> bool:
        """A yes/no field (`true` / `false`); absent is false."""
        if key not in fields:
            return False
        node = fields[key][1]
        if not isinstance(node, yaml.ScalarNode) or node.tag != BOOL_TAG:
            self.error(f"field '{key}' must be true or false", node, **ids)
            return False
        return str(node.value).lower() in ("true", "yes", "on")


__all__ = ["Walker"]
