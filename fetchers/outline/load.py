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

from pathlib import Path

import yaml

from fetchers.outline.report import OutlineIssue, OutlineReport, full_query, grouped
from fetchers.outline.walker import Walker
from store.errors import OutlineError
from store.models import Outline


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
    Walker(name, report).outline(root)
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


__all__ = [
    "OutlineError",
    "OutlineIssue",
    "OutlineReport",
    "check_outline",
    "full_query",
    "grouped",
    "load_outline",
]
