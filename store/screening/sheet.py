"""The screening sheet a reviewer fills in Excel, coming back: import.

Export (store/export/screening_sheet.py) writes one row per claim × record (live links), the
columns to fill pre-filled with the current decision, `base` (the newest decision id on that
claim × record at export) and `exported_at`. Import reads the file as Excel saves it,
checks every row before writing anything, and appends the reviewer's decisions in one transaction:

- rows whose decision, reason, verdict and note are all empty are not screened: skipped;
- a row equal to the reviewer's current decision, or to a current decision as the store
  held them at export (`base`; the pre-fill is always one of them), changes nothing (so
  re-importing a file is a no-op, and a pre-filled colleague's decision does not become this
  reviewer's by passing through the sheet, also after an undo); "current" is the store's
  one definition, decisions.current_rows;
- a row that differs from a decision someone recorded on that claim × record after the
  sheet was exported (decision id above `base`) is a conflict: reported, not applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from store.db.connect import utcnow
from store.db.schema import articles, claim_articles, claims, screening_decisions
from store.errors import SheetError
from store.screening import decisions
from store.screening.sheet_file import MAX_CELL, REQUIRED_COLUMNS, decode, read_sheet, unguard

__all__ = ["MAX_CELL", "REQUIRED_COLUMNS", "decode", "read_sheet", "unguard"]

FILL_COLUMNS = ("decision", "reason", "verdict", "note")
#: Highest PMID a row may name (as the parser's limit), and highest decision id (int4).
PMID_MAX = 99_999_999
MAX_DECISION_ID = 2**31 - 1


# -- import: checking and applying ----------------------------------------------------------------


@dataclass
class SheetRow:
    number: int
    decision: decisions.Decision
    base: int


@dataclass
class ImportReport:
    rows: int = 0
    skipped: int = 0
    unchanged: int = 0
    applied: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    new: int = 0
    changed: int = 0

    def summary(self, name: str, *, dry_run: bool) -> str:
        verb = "would apply" if dry_run else "applied"
        return (
            f"import screening file={name} rows={self.rows} {verb}={self.new + self.changed} "
            f"(new={self.new} changed={self.changed}) unchanged={self.unchanged} "
            f"not_screened={self.skipped} conflicts={len(self.conflicts)}"
            + (" (dry run: nothing written)" if dry_run else "")
        )


def _canonical(value: str, choices: Sequence[str]) -> str:
    """Excel users type "Include" or "No Bearing": match case-insensitively."""
    folded = " ".join(value.split()).lower()
    for choice in choices:
        if choice.lower() == folded:
            return choice
    return value


def _number(text: str, what: str, low: int, high: int) -> tuple[int | None, str | None]:
    """(the number, None), or (None, the problem): ASCII digits within low..high, checked
    before any database sees it (a column holds 2^31 or 2^63, Python's int anything)."""
    if not (text.isascii() and text.isdigit()):
        return None, f"{what} {text[:40]!r} is not a number"
    if len(text) > 12 or not low <= int(text) <= high:
        return None, f"{what} {text[:40]} is out of range {low}..{high}"
    return int(text), None


def check_rows(
    conn: Connection, rows: list[tuple[int, dict[str, str]]], reviewer: str
) -> tuple[list[SheetRow], list[str], int]:
    """(valid rows to consider, "row N: problem" for every bad one, rows not screened)."""
    allowed = decisions.reasons(conn)
    known_claims = set(conn.execute(sa.select(claims.c.claim_id)).scalars())
    good: list[SheetRow] = []
    bad: list[str] = []
    skipped = 0
    seen: dict[tuple[str, int], int] = {}
    wanted: list[tuple[int, str, int]] = []
    for number, cells in rows:
        fill = {c: cells.get(c, "") for c in FILL_COLUMNS}
        if not any(fill.values()):
            skipped += 1
            continue
        claim_id = cells.get("claim_id", "")
        pmid_text = cells.get("pmid", "")
        here: list[str] = []
        if not claim_id:
            here.append("claim_id is empty")
        elif claim_id not in known_claims:
            here.append(f"unknown claim {claim_id!r}")
        pmid, problem = _number(pmid_text, "PMID", 1, PMID_MAX)
        if problem:
            here.append(problem if pmid_text else "pmid is empty")
        base_text = cells.get("base", "") or "0"
        base, problem = _number(base_text, "base", 0, MAX_DECISION_ID)
        if problem:
            here.append(f"{problem} (leave the exported value)")
        if "\x00" in claim_id:
            here.append("claim_id holds a NUL character")
        decision = decisions.Decision(
            claim_id=claim_id,
            pmid=pmid or 0,
            reviewer=reviewer,
            decision=_canonical(fill["decision"], decisions.DECISIONS),
            reason=_canonical(fill["reason"], allowed),
            verdict=_canonical(fill["verdict"], decisions.VERDICTS),
            note=fill["note"],
        )
        here += [p for p in decisions.problems(decision, allowed) if p != "reviewer is empty"]
        if pmid is not None and claim_id:
            key = (claim_id, pmid)
            if key in seen:
                here.append(f"claim {claim_id!r}, PMID {pmid} is already on row {seen[key]}")
            else:
                seen[key] = number
        if here:
            bad += [f"row {number}: {p}" for p in here]
        else:
            good.append(SheetRow(number, decision, base))
            wanted.append((number, claim_id, pmid))
    bad += _link_problems(conn, wanted)
    bad.sort(key=lambda p: int(p.split(":", 1)[0].split()[1]))
    return good, bad, skipped


def _link_problems(conn: Connection, wanted: list[tuple[int, str, int]]) -> list[str]:
    if not wanted:
        return []
    pmids = sorted({p for _, _, p in wanted})
    known: set[int] = set()
    links: set[tuple[str, int]] = set()
    for start in range(0, len(pmids), 500):
        part = pmids[start : start + 500]
        known |= set(
            conn.execute(sa.select(articles.c.pmid).where(articles.c.pmid.in_(part))).scalars()
        )
        links |= {
            (c, int(p))
            for c, p in conn.execute(
                sa.select(claim_articles.c.claim_id, claim_articles.c.pmid).where(
                    claim_articles.c.pmid.in_(part)
                )
            )
        }
    found = []
    for number, claim_id, pmid in wanted:
        if pmid not in known:
            found.append(f"row {number}: unknown PMID {pmid}")
        elif (claim_id, pmid) not in links:
            found.append(f"row {number}: claim {claim_id!r} and PMID {pmid} are not linked")
    return found


def _values(row: object) -> tuple[str, str, str, str]:
    return (row.decision, row.reason, row.verdict, row.note)  # type: ignore[attr-defined]


def _as_stored(decision: decisions.Decision) -> tuple[str, str, str, str]:
    """What insert_decision would store (reason only off includes, verdict only on them)."""
    return (
        decision.decision,
        decision.reason if decision.decision != "include" else "",
        decision.verdict if decision.decision == "include" else "",
        decision.note.strip(),
    )


def _describe(values: tuple[str, str, str, str]) -> str:
    return ", ".join(v for v in values[:3] if v) + (f" (note: {values[3]})" if values[3] else "")


#: Key of the PostgreSQL advisory lock that serialises sheet imports.
_IMPORT_LOCK = 0x5C_4EE7


def _write_lock(conn: Connection) -> None:
    """Take the write lock before comparing, so that compare-and-append is one step: two
    imports of one sheet at once would otherwise both see "not decided yet" and both append.
    On SQLite a write statement (even one changing nothing) takes the database's write lock
    for the rest of the transaction; on PostgreSQL an advisory lock does the same for imports."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _IMPORT_LOCK})
    else:
        conn.execute(
            sa.update(screening_decisions)
            .where(screening_decisions.c.decision_id < 0)
            .values(note=screening_decisions.c.note)
        )


def _current(conn: Connection, *where: sa.ColumnElement[bool]) -> sa.Row | None:
    """The reviewer's current decision (the store's one definition: current_rows)."""
    cur = decisions.current_rows(*where)
    return conn.execute(sa.select(cur)).first()


def _was_current(
    conn: Connection, wanted: tuple[str, str, str, str], *where: sa.ColumnElement[bool]
) -> bool:
    """Whether `wanted` equals someone's current decision as of the sheet's `base` (the
    pre-fill is always one of them: the reviewer's own, or the agreed outcome's)."""
    cur = decisions.current_rows(*where)
    return any(_values(r) == wanted for r in conn.execute(sa.select(cur)))


def import_sheet(
    engine: Engine, data: bytes, *, name: str, reviewer: str, dry_run: bool = False
) -> ImportReport:
    """Check every row, then append the reviewer's decisions in one transaction (rolled
    back on a dry run). Raises SheetError listing every bad row, before writing anything."""
    reviewer = decisions.clean_reviewer(reviewer)
    if not reviewer:
        raise SheetError("--reviewer: is empty; give the name your decisions are recorded under")
    if len(reviewer) > decisions.MAX_REVIEWER:
        raise SheetError(f"--reviewer: longer than {decisions.MAX_REVIEWER} characters")
    rows = read_sheet(data, name)
    report = ImportReport(rows=len(rows))
    d = screening_decisions.c
    conn = engine.connect()
    try:
        trans = conn.begin()
        if not decisions.has_screening(conn):
            raise SheetError(
                f"{name}: the database has no screening tables (run `littrack db upgrade`)"
            )
        good, bad, report.skipped = check_rows(conn, rows, reviewer)
        if bad:
            raise SheetError(
                f"{name}: {len(bad)} problem(s) in the sheet; nothing was imported", bad
            )
        _write_lock(conn)
        now = utcnow()
        for row in good:
            dec = row.decision
            wanted = _as_stored(dec)
            history = conn.execute(
                sa.select(screening_decisions)
                .where(d.claim_id == dec.claim_id, d.pmid == dec.pmid)
                .order_by(d.decision_id)
            ).all()
            here = (d.claim_id == dec.claim_id, d.pmid == dec.pmid)
            current = _current(conn, *here, d.reviewer == reviewer)
            if current is not None and _values(current) == wanted:
                report.unchanged += 1
                continue
            if _was_current(conn, wanted, *here, d.decision_id <= row.base):
                # The pre-filled value, as the store's current decisions were at export:
                # passing a colleague's decision through the sheet does not make it yours.
                report.unchanged += 1
                continue
            newer = [
                h for h in history if h.decision_id > row.base and h.decision != decisions.WITHDRAWN
            ]
            if newer and _values(newer[-1]) != wanted:
                late = newer[-1]
                report.conflicts.append(
                    f"row {row.number}: conflict: claim {dec.claim_id!r}, PMID {dec.pmid}: "
                    f"{late.reviewer} recorded {_describe(_values(late))} at {late.decided_at}, "
                    "after this sheet was exported; not applied (export again to see it)"
                )
                continue
            decisions.insert_decision(
                conn, dec, source="import", now=now, based_on=row.base or None
            )
            was = f" (was: {_describe(_values(current))})" if current is not None else ""
            report.applied.append(
                f"row {row.number}: {dec.claim_id} PMID {dec.pmid}: {_describe(wanted)}{was}"
            )
            if current is None:
                report.new += 1
            else:
                report.changed += 1
        if dry_run:
            trans.rollback()
        else:
            trans.commit()
    finally:
        conn.close()
    return report
