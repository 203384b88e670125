"""`littrack outline check --online`: ask PubMed how it reads each claim's query.

The offline lint sees the text; only PubMed knows what it did with it. For every claim's
query and reference query this asks esearch (through the rate-limited client) for the
Count, the QueryTranslation and every ErrorList/WarningList entry, and asks PubMed's MeSH
database (`esearch db=mesh`) whether each `[mh]`/`[majr]` heading exists. A heading that
does not exist is searched by PubMed as something else, silently; that is an error here.

Answers are cached per query text (and per E-utilities address) in one JSON file in the
user's cache folder (`$XDG_CACHE_HOME/littrack/`, else `~/.cache/littrack/`), so a rerun
costs no request until the answer is older than `MAX_AGE` or `--refresh` is given. The
cache holds only public query text and PubMed's answers: no key, no e-mail.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fetchers.eutils.client import EutilsClient
from fetchers.outline.query_check import mesh_headings
from store.formats.text import visible
from store.models import Outline

#: Cached answers older than this are asked again (PubMed's counts move daily, its MeSH
#: vocabulary yearly).
MAX_AGE = timedelta(days=7)
CACHE_NAME = "pubmed-query-check.json"

#: Severity of each ErrorList / WarningList kind. PubMed dropped or widened part of the
#: query for the first three, so the Count belongs to another query (the fetch fails such a
#: claim too); the last two change less but still deserve a look.
NOTICE_SEVERITY = {
    "PhraseNotFound": "error",
    "FieldNotFound": "error",
    "QuotedPhraseNotFound": "error",
    "PhraseIgnored": "warning",
    "OutputMessage": "warning",
}
NOTICE_LABEL = {
    "PhraseNotFound": "phrase not found",
    "FieldNotFound": "field not found",
    "QuotedPhraseNotFound": "quoted phrase not found",
    "PhraseIgnored": "phrase ignored",
    "OutputMessage": "output message",
}


def default_cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "littrack" / CACHE_NAME


class AnswerCache:
    """PubMed's answers by (E-utilities address, database, query text), in one JSON file."""

    def __init__(self, path: Path | None, *, max_age: timedelta = MAX_AGE, refresh: bool = False):
        self.path = path
        self.max_age = max_age
        self.refresh = refresh
        self.entries: dict[str, dict[str, Any]] = {}
        self.dirty = False
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and isinstance(data.get("answers"), dict):
                    self.entries = data["answers"]
            except (OSError, ValueError):
                self.entries = {}  # a damaged cache is only a cache: start again

    @staticmethod
    def key(base_url: str, db: str, term: str) -> str:
        return hashlib.sha256(f"{base_url}\n{db}\n{term}".encode()).hexdigest()

    def get(self, key: str, now: datetime) -> dict[str, Any] | None:
        if self.refresh:
            return None
        entry = self.entries.get(key)
        if not isinstance(entry, dict):
            return None
        try:
            asked = datetime.fromisoformat(str(entry["asked_at"]).replace("Z", "+00:00"))
        except (KeyError, ValueError):
            return None
        return entry if now - asked <= self.max_age else None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        self.entries[key] = entry
        self.dirty = True

    def save(self) -> str | None:
        """Write atomically (temp file + rename), so a kill never leaves half a file.

        Returns why the cache could not be written (None when it was, or had nothing new):
        a cache that cannot be written costs requests next time, never the check itself.
        """
        if self.path is None or not self.dirty:
            return None
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".query-check-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"version": 1, "answers": self.entries}, out, ensure_ascii=False)
            os.replace(tmp, self.path)
        except OSError as exc:
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)
            return f"{self.path}: {exc.strerror or exc}"
        self.dirty = False
        return None


@dataclass(frozen=True)
class OnlineFinding:
    severity: str  # error | warning
    claim_id: str
    field: str  # query | reference_query
    kind: str  # a NOTICE_SEVERITY kind, "MeshNotFound" or "NoRecords"
    message: str

    def line(self, path: str) -> str:
        where = "reference_query: " if self.field == "reference_query" else ""
        tag = "" if self.severity == "error" else "warning: "
        return f"{path}: claim '{self.claim_id}': {tag}{where}{self.message}"


@dataclass
class QueryCheck:
    """PubMed's reading of one claim's query (or reference query)."""

    claim_id: str
    field: str
    query: str
    count: int
    translation: str
    notices: list[tuple[str, str]]
    #: (heading as typed, descriptor, found in PubMed's MeSH database)
    headings: list[tuple[str, str, bool]]
    cached: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim_id,
            "field": self.field,
            "query": self.query,
            "count": self.count,
            "query_translation": self.translation,
            "notices": [{"kind": k, "text": t} for k, t in self.notices],
            "headings": [{"heading": h, "descriptor": d, "found": f} for h, d, f in self.headings],
            "cached": self.cached,
        }


@dataclass
class OnlineReport:
    path: str
    checks: list[QueryCheck] = field(default_factory=list)
    findings: list[OnlineFinding] = field(default_factory=list)
    requests: int = 0
    answers_cached: int = 0
    answers_asked: int = 0

    @property
    def errors(self) -> list[OnlineFinding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[OnlineFinding]:
        return [f for f in self.findings if f.severity == "warning"]

    def as_json(self) -> dict[str, Any]:
        def finding(f: OnlineFinding) -> dict[str, Any]:
            return {
                "claim": f.claim_id,
                "field": f.field,
                "kind": f.kind,
                "severity": f.severity,
                "message": f.line(self.path),
            }

        return {
            "path": self.path,
            "queries": [c.as_dict() for c in self.checks],
            "errors": [finding(f) for f in self.errors],
            "warnings": [finding(f) for f in self.warnings],
            "requests": self.requests,
            "answers_cached": self.answers_cached,
            "answers_asked": self.answers_asked,
        }


class _Asker:
    """One esearch per distinct (db, term), through the cache."""

    def __init__(self, client: EutilsClient, cache: AnswerCache, report: OnlineReport) -> None:
        self.client, self.cache, self.report = client, cache, report
        self.now = datetime.now(UTC)

    def ask(self, db: str, term: str) -> tuple[dict[str, Any], bool]:
        key = AnswerCache.key(self.client.settings.base_url, db, term)
        hit = self.cache.get(key, self.now)
        if hit is not None:
            self.report.answers_cached += 1
            return hit, True
        before = self.client.requests
        result = self.client.esearch(term, retmax=0, db=db)
        self.report.requests += self.client.requests - before
        self.report.answers_asked += 1
        entry = {
            "db": db,
            "term": term,
            "count": result.count,
            "translation": result.query_translation,
            "notices": [list(n) for n in result.notices],
            "asked_at": self.now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        self.cache.put(key, entry)
        return entry, False


def check_online(
    outline: Outline,
    client: EutilsClient,
    cache: AnswerCache,
    *,
    progress: Callable[[str], None] | None = None,
) -> OnlineReport:
    """Ask PubMed about every claim's query and reference query; see the module docstring.

    An E-utilities failure (after the client's retries) propagates as EutilsError; the
    answers gathered until then stay in the cache (the caller saves it).
    """
    report = OnlineReport(path=outline.path)
    asker = _Asker(client, cache, report)
    mesh_seen: dict[str, bool] = {}
    for claim in outline.claims:
        pairs = (("query", claim.query), ("reference_query", claim.reference_query))
        for field_name, query in pairs:
            if not query:
                continue
            if progress:
                progress(f"{claim.claim_id} {field_name}")
            answer, cached = asker.ask("pubmed", query)
            notices = [(str(k), str(t)) for k, t in answer.get("notices", [])]
            headings: list[tuple[str, str, bool]] = []
            for heading in mesh_headings(query):
                name = heading.descriptor
                if name.lower() not in mesh_seen:
                    mesh_answer, _ = asker.ask("mesh", f'"{name}"[mh]')
                    mesh_seen[name.lower()] = _mesh_found(mesh_answer)
                headings.append((heading.typed, name, mesh_seen[name.lower()]))
            check = QueryCheck(
                claim_id=claim.claim_id,
                field=field_name,
                query=query,
                count=int(answer.get("count", 0)),
                translation=str(answer.get("translation", "")),
                notices=notices,
                headings=headings,
                cached=cached,
            )
            report.checks.append(check)
            report.findings.extend(_findings(check))
    return report


def _mesh_found(answer: dict[str, Any]) -> bool:
    """A descriptor exists when the MeSH database finds it as typed (quotes kept)."""
    kinds = {k for k, _ in answer.get("notices", [])}
    return int(answer.get("count", 0)) > 0 and not kinds & {
        "PhraseNotFound",
        "QuotedPhraseNotFound",
        "FieldNotFound",
    }


def _findings(check: QueryCheck) -> list[OnlineFinding]:
    found: list[OnlineFinding] = []

    def add(severity: str, kind: str, message: str) -> None:
        found.append(OnlineFinding(severity, check.claim_id, check.field, kind, message))

    for typed, descriptor, ok in check.headings:
        if not ok:
            add(
                "error",
                "MeshNotFound",
                f"MeSH heading '{descriptor}' ({typed}) is not in PubMed's MeSH database",
            )
    for kind, text in check.notices:
        if kind == "OutputMessage" and text == "No items found.":
            continue
        severity = NOTICE_SEVERITY.get(kind, "warning")
        add(severity, kind, f"PubMed: {NOTICE_LABEL.get(kind, kind)}: {text}")
    if check.count == 0:
        add("warning", "NoRecords", "PubMed finds no record for this query")
    return found


def format_table(report: OnlineReport) -> str:
    """The terminal view: one row per query, PubMed's reading under it, problems after."""
    lines = [report.path]
    if report.checks:
        width = min(48, max(len(c.claim_id) for c in report.checks))
        lines.append(f"{'claim':<{width}}  {'field':<9}  {'count':>9}  problems")
        for c in report.checks:
            problems = [
                f for f in report.findings if (f.claim_id, f.field) == (c.claim_id, c.field)
            ]
            errors = sum(1 for f in problems if f.severity == "error")
            warnings = len(problems) - errors
            shown = ", ".join(
                part
                for part in (
                    f"{errors} error(s)" if errors else "",
                    f"{warnings} warning(s)" if warnings else "",
                )
                if part
            )
            field_name = "reference" if c.field == "reference_query" else "query"
            lines.append(f"{c.claim_id:<{width}}  {field_name:<9}  {c.count:>9,}  {shown or '-'}")
            lines.append(f"    PubMed read: {visible(c.translation) or '(nothing)'}")
    lines.append(
        f"{len(report.checks)} queries: {report.answers_asked} answer(s) asked, "
        f"{report.answers_cached} from the cache, {report.requests} request(s)"
    )
    if report.errors:
        lines.append(f"{len(report.errors)} error(s):")
        lines.extend(visible(f.line(report.path)) for f in report.errors)
    if report.warnings:
        lines.append(f"{len(report.warnings)} warning(s):")
        lines.extend(visible(f.line(report.path)) for f in report.warnings)
    if not report.findings:
        lines.append("PubMed reads every query as written")
    return "\n".join(lines)


__all__ = [
    "MAX_AGE",
    "AnswerCache",
    "OnlineFinding",
    "OnlineReport",
    "QueryCheck",
    "check_online",
    "default_cache_path",
    "format_table",
]
