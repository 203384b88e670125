"""The reports for writing a review up: the PRISMA 2020 flow (SVG, PNG or CSV), the search
strategy as PRISMA-S asks (Markdown or CSV) and what changed since a date (Markdown or CSV).

The numbers come from the read models (store.read.prisma, store.read.search_strategy,
store.read.changes); this module only renders them and writes the file through the exports'
safe writer (store.export.files: atomic, through symlinks, refusing FIFOs,
devices and folders). The file's suffix chooses the format.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from store.errors import ExportError
from store.export.csv_file import write_csv
from store.export.files import write_bytes, write_replacing
from store.export.prisma_svg import flow_svg, littrack_version
from store.read.changes import ClaimChanges
from store.read.prisma import Flow
from store.read.search_strategy import DATABASE, EVIDENCE_LIMIT, NOT_KNOWN, ClaimStrategy
from store.screening.decisions import VERDICTS

PRISMA_FORMATS = (".svg", ".png", ".csv")
TEXT_FORMATS = (".md", ".csv")
PRISMA_COLUMNS = ("box", "detail", "count")
STRATEGY_COLUMNS = (
    "claim_id", "topic_id", "claim", "database", "query_version", "current", "query",
    "first_run", "last_run", "pubmed_count", "counted_at", "scope", "scope_limit",
    "evidence_limit", "query_translation",
)  # fmt: skip
CHANGES_COLUMNS = (
    "claim_id", "topic_id", "since", "new_records", "new_evidence", "newly_included",
    "newly_excluded", *(f"{v.replace(' ', '_')}_before" for v in VERDICTS),
    *(f"{v.replace(' ', '_')}_now" for v in VERDICTS), "query_edits", "retracted_included",
)  # fmt: skip


def out_format(path: Path, allowed: tuple[str, ...]) -> str:
    """The format `path`'s suffix names, one of `allowed`."""
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise ExportError(
            f"--out {path}: give a file name ending in {', '.join(allowed[:-1])} or {allowed[-1]}"
        )
    return suffix


def _light(text: object) -> str:
    """Outline text in Markdown: whitespace folded, the characters that would become markup
    (emphasis, code, links, HTML, table cells) escaped; other punctuation left readable."""
    return re.sub(r"([\\`*_\[\]<>|])", r"\\\1", " ".join(str(text).split()))


def _fence(text: str) -> str:
    ticks = "```"
    while ticks in text:
        ticks += "`"
    return f"{ticks}text\n{text}\n{ticks}"


def _num(value: int | None) -> str:
    return "not recorded" if value is None else f"{value:,}"


def _day(stamp: str | None) -> str:
    return stamp[:10] if stamp else "not run"


def _png(svg: str) -> bytes:
    try:
        import cairosvg
    except (ImportError, OSError) as exc:  # the package, or the cairo library under it
        raise ExportError(
            f"PNG needs the cairosvg package and the cairo library ({exc}); write .svg instead"
        ) from None
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=1800)


def write_rows(path: Path, rows: Iterable[Mapping], columns: Iterable[str]) -> None:
    write_replacing(path, lambda out: write_csv(rows, list(columns), out, bom=True))


def prisma_bytes(flow: Flow, fmt: str) -> bytes:
    """The flow as the bytes of a .svg, .png or .csv file (the dashboard's downloads)."""
    if fmt == ".svg":
        return flow_svg(flow).encode("utf-8")
    if fmt == ".png":
        return _png(flow_svg(flow))
    out = io.StringIO(newline="")
    write_csv(prisma_csv_rows(flow), PRISMA_COLUMNS, out, bom=True)
    return out.getvalue().encode("utf-8")


def prisma_csv_rows(flow: Flow) -> list[dict]:
    return [{"box": b, "detail": d, "count": "" if n is None else n} for b, d, n in flow.rows()]


def write_prisma(flow: Flow, path: Path) -> str:
    """Write the flow to `path` in the format its suffix names; returns that suffix."""
    fmt = out_format(path, PRISMA_FORMATS)
    write_bytes(path, prisma_bytes(flow, fmt))  # the dashboard's downloads, byte for byte
    return fmt


# -- search strategy --------------------------------------------------------------------------


def strategy_rows(strategies: list[ClaimStrategy]) -> list[dict]:
    """One row per claim × query version (the current one marked), oldest first."""
    rows = []
    for s in strategies:
        versions = s.versions or []
        if not any(v.version == s.query_version for v in versions):
            versions = [*versions, _current(s)]
        for v in versions:
            current = v.version == s.query_version
            rows.append({
                "claim_id": s.claim_id, "topic_id": s.topic_id, "claim": s.claim,
                "database": DATABASE, "query_version": v.version,
                "current": "true" if current else "false",
                "query": v.query or (s.query if current else ""),
                "first_run": v.first_run or "", "last_run": v.last_run or "",
                "pubmed_count": s.pubmed_count if current and s.pubmed_count is not None else "",
                "counted_at": (s.counted_at or "") if current else "",
                "scope": s.scope, "scope_limit": s.scope_limit,
                "evidence_limit": EVIDENCE_LIMIT,
                "query_translation": s.translation if current else "",
            })  # fmt: skip
    return rows


def _current(s: ClaimStrategy):  # a QueryVersion for a claim the ledger does not list
    from store.fetch.ledger import QueryVersion

    return QueryVersion(s.query_version, s.query, None, None, None, None, None)


def strategy_markdown(strategies: list[ClaimStrategy], *, made_at: str | None = None) -> str:
    made_at = made_at or datetime.now(UTC).strftime("%Y-%m-%d")
    lines = [
        "# Search strategy",
        "",
        f"Made by littrack {littrack_version()} on {made_at} from its store, following "
        "PRISMA-S (Rethlefsen et al., Syst Rev 2021;10:39). One database was searched: "
        f"{DATABASE}. Each claim's query is given exactly as sent, with every version "
        "the query had and the days each version was first and last run.",
        "",
        "Limits applied by littrack after retrieval, for every claim: " + EVIDENCE_LIMIT + ".",
        "",
        "Not known to littrack (the authors must report these):",
        "",
        *(f"- {item}: {what}." for item, what in NOT_KNOWN),
        "",
    ]
    for s in strategies:
        lines.extend(_strategy_section(s))
    return "\n".join(lines).rstrip() + "\n"


def _strategy_section(s: ClaimStrategy) -> list[str]:
    lines = [
        f"## {_light(s.claim_id)}",
        "",
        f"Claim: {_light(s.claim)}  ",
        f"Topic: {_light(s.topic_title or s.topic_id)}  ",
        f"Database: {DATABASE}  ",
        f"Query version: {s.query_version}  ",
        f"Records retrieved by the last search: {_num(s.pubmed_count)} (PubMed's Count"
        + (f", {_day(s.counted_at)})" if s.counted_at else ")")
        + "  ",
        f"Scope: {s.scope}; left out: {s.scope_limit}",
    ]
    if s.context:
        lines[-1] += "  \nContext claim: the query sets no subject."
    lines += ["", "Query as sent:", "", _fence(s.query), ""]
    if s.translation:
        lines += [
            f"PubMed's translation of the query ({_day(s.translated_at)}):",
            "",
            _fence(s.translation),
            "",
        ]
    else:
        lines += ["PubMed's translation of the query: not recorded.", ""]
    if s.versions:
        lines += ["| Version | First run | Last run | Query |", "|---|---|---|---|"]
        for v in s.versions:
            query = "current (above)" if v.version == s.query_version else f"`{v.query}`"
            if v.version != s.query_version and not v.query:
                query = "not kept"
            lines.append(
                f"| {v.version} | {_day(v.first_run)} | {_day(v.last_run)} | "
                f"{query.replace('|', chr(92) + '|')} |"
            )
        lines.append("")
    else:
        lines += ["Query history: not recorded (the store predates the query ledger).", ""]
    return lines


# -- changes since ------------------------------------------------------------------------------


def changes_rows(changes: list[ClaimChanges], since: str) -> list[dict]:
    rows = []
    for c in changes:
        row: dict = {
            "claim_id": c.claim_id, "topic_id": c.topic_id, "since": since,
            "new_records": c.new_records, "new_evidence": c.new_evidence,
            "newly_included": c.newly_included, "newly_excluded": c.newly_excluded,
            "query_edits": len(c.query_edits),
            "retracted_included": "; ".join(str(p) for p, _ in c.retracted_included),
        }  # fmt: skip
        for v in VERDICTS:
            key = v.replace(" ", "_")
            row[f"{key}_before"] = c.verdicts_before[v]
            row[f"{key}_now"] = c.verdicts_now[v]
        rows.append(row)
    return rows


def changes_markdown(changes: list[ClaimChanges], since: str) -> str:
    changed = [c for c in changes if c.changed]
    lines = [
        f"# Changes since {since}",
        "",
        f"Made by littrack {littrack_version()}. {len(changed)} of {len(changes)} claims "
        "changed. Counts are of each claim's current records; newly included or excluded "
        "compares each record's screening outcome now with the one its decisions made "
        f"before {since}.",
        "",
    ]
    if changed:
        lines += [
            "| Claim | New records (evidence) | Newly included | Newly excluded | "
            "Included before → now | Query edits | Retracted included |",
            "|---|---|---|---|---|---|---|",
        ]
        for c in changed:
            lines.append(
                f"| {_light(c.claim_id)} | {c.new_records} ({c.new_evidence}) | "
                f"{c.newly_included} | {c.newly_excluded} | "
                f"{sum(c.verdicts_before.values())} → {sum(c.verdicts_now.values())} | "
                f"{len(c.query_edits)} | {len(c.retracted_included)} |"
            )
        lines.append("")
    for c in changed:
        lines.extend(_changes_section(c))
    return "\n".join(lines).rstrip() + "\n"


def _changes_section(c: ClaimChanges) -> list[str]:
    lines = [f"## {_light(c.claim_id)}", ""]
    lines.append(
        "Included by verdict, before → now: "
        + "; ".join(f"{v} {c.verdicts_before[v]} → {c.verdicts_now[v]}" for v in VERDICTS)
    )
    lines.append("")
    for e in c.query_edits:
        change = (
            "gained and lost not measured yet (no complete fetch of it)"
            if e.gained is None
            else f"gained {e.gained}, lost {e.lost} records"
        )
        lines += [f"Query edited to version {e.version} on {_day(e.recorded_at)}: {change}.", ""]
        lines += [_fence(e.query), ""]
    for pmid, title in c.retracted_included:
        lines.append(f"- Retracted and included: PMID {pmid}, {_light(title)}")
    if c.retracted_included:
        lines.append("")
    return lines


def write_text(path: Path, text: str) -> None:
    write_replacing(path, lambda out: out.write(text))


# -- end to end, for the CLI ----------------------------------------------------------------------


def _check_out(path: Path, allowed: tuple[str, ...]) -> str:
    """The format, and a device or FIFO refused before any work (the safe writer refuses it
    too, but its message offers `--out -`, which reports do not have: the suffix is the
    format)."""
    fmt = out_format(path, allowed)
    try:
        mode = os.stat(os.path.realpath(path)).st_mode
    except OSError:
        return fmt  # absent (or unreadable): the writer says what is wrong
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise ExportError(f"{path}: not a regular file (a device, FIFO or socket)")
    return fmt


def _open(db: str | None):
    from store.db.connect import open_engine
    from store.evidence.counting import store_state

    engine = open_engine(db, create=False)
    if store_state(engine) == "missing":
        engine.dispose()
        raise ExportError("the database has no littrack tables (run `littrack fetch` first)")
    return engine


def report_prisma(
    db: str | None,
    path: Path,
    *,
    claim_ids: tuple[str, ...] = (),
    topic_ids: tuple[str, ...] = (),
    whole: bool = False,
) -> Flow:
    """`littrack report prisma`: the flow for the claims, topics or whole outline, written
    to `path` (.svg, .png or .csv)."""
    from store.read.prisma import flow_for

    _check_out(path, PRISMA_FORMATS)
    engine = _open(db)
    try:
        flow = flow_for(engine, claim_ids=claim_ids, topic_ids=topic_ids, whole=whole)
    finally:
        engine.dispose()
    write_prisma(flow, path)
    return flow


def report_strategy(db: str | None, path: Path, *, claim_ids: tuple[str, ...] = ()) -> int:
    """`littrack report search-strategy`: returns the number of claims written."""
    from store.read.prisma import resolve_scope
    from store.read.search_strategy import search_strategy

    fmt = _check_out(path, TEXT_FORMATS)
    engine = _open(db)
    try:
        ids = None
        if claim_ids:
            _, ids = resolve_scope(engine, claim_ids=claim_ids)
        strategies = search_strategy(engine, ids)
    finally:
        engine.dispose()
    if fmt == ".csv":
        write_rows(path, strategy_rows(strategies), STRATEGY_COLUMNS)
    else:
        write_text(path, strategy_markdown(strategies))
    return len(strategies)


def since_label(since: str) -> str:
    """A midnight (a date given as such) shows as the day."""
    return since[:10] if since.endswith("T00:00:00Z") else since


def report_changes(
    db: str | None, path: Path, *, since: str, claim_ids: tuple[str, ...] = ()
) -> int:
    """`littrack report changes`: returns the number of claims that changed."""
    from store.read.changes import changes_since
    from store.read.prisma import resolve_scope

    fmt = _check_out(path, TEXT_FORMATS)
    engine = _open(db)
    try:
        ids = None
        if claim_ids:
            _, ids = resolve_scope(engine, claim_ids=claim_ids)
        changes = changes_since(engine, since, ids)
    finally:
        engine.dispose()
    label = since_label(since)
    if fmt == ".csv":
        write_rows(path, changes_rows(changes, label), CHANGES_COLUMNS)
    else:
        write_text(path, changes_markdown(changes, label))
    return sum(1 for c in changes if c.changed)
