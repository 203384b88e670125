"""Screening: reviewers' decisions per claim × record, and what they add up to.

Retrieval is not evidence until someone has read the record, and evidence is per claim: the
same record can support one claim and be off topic for the next. So every decision is on a
claim × record (a PMID linked to the claim), by a named reviewer:

- `decision` include / exclude / maybe, an exclusion `reason` from a short list, for included
  records a `verdict` (supports / contradicts / mixed / no bearing), a free `note`;
- history is append-only (`screening_decisions`): a reviewer's current decision is their
  newest row; undo writes a new row (the one before, or `withdrawn` when there was none);
- the *outcome* of a claim × record: when every reviewer's current decision agrees (same
  decision and verdict), that; when a reviewer marked a decision as resolving the
  disagreement and nobody decided after it, that; otherwise a **conflict**;
- agreement per claim: over pairs of reviewers who both screened a record (resolutions left
  out), the share of pairs with the same decision and Cohen's kappa over the same pairs;
- counts (included by verdict, excluded, maybe, conflicts, unscreened) are over the claim's
  live links, so they add up to the claim's records; a record that stops matching keeps its
  decisions, which count again if it matches again.

Counting is done in SQL (the same statements on SQLite and PostgreSQL); only aggregates,
one claim's rows, or the current decisions (for agreement's reviewer pairs) reach Python.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from store.db.connect import utcnow
from store.db.schema import (
    claim_articles,
    claims,
    screening_decisions,
    screening_reasons,
)
from store.errors import ScreeningError

DECISIONS: tuple[str, ...] = ("include", "exclude", "maybe")
VERDICTS: tuple[str, ...] = ("supports", "contradicts", "mixed", "no bearing")
#: What the outline's `screening_reasons` replaces.
DEFAULT_REASONS: tuple[str, ...] = (
    "wrong population",
    "wrong intervention",
    "wrong outcome",
    "not evidence",
    "animal study",
    "duplicate",
    "other",
)
SOURCES: tuple[str, ...] = ("dashboard", "import")
#: Written by undo when the reviewer had no earlier decision: the record is unscreened again
#: for them. Never offered as a choice.
WITHDRAWN = "withdrawn"
MAX_REVIEWER = 200
#: Longest note kept (a note is a sentence or two; a sheet cell can hold megabytes).
MAX_NOTE = 20_000

d = screening_decisions.c


@dataclass(frozen=True)
class Decision:
    """One reviewer's decision on one claim × record, before it is stored."""

    claim_id: str
    pmid: int
    reviewer: str
    decision: str
    reason: str = ""
    verdict: str = ""
    note: str = ""


def clean_reviewer(name: str | None) -> str:
    """A reviewer name as stored: NFKC-normalised (full-width "Ａｎｎ" is "Ann"), invisible
    format characters dropped (a zero-width space must not make a second reviewer), and
    whitespace collapsed (so "Ann  Lee " is "Ann Lee")."""
    text = unicodedata.normalize("NFKC", str(name or ""))
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.split())


def _scripts(word: str) -> set[str]:
    """The scripts of a word's letters, by the first word of their Unicode names."""
    return {unicodedata.name(c, "?").split()[0].title() for c in word if c.isalpha()}


def look_alike(name: str) -> str | None:
    """Why `name` may imitate another reviewer's (a word mixing scripts: Cyrillic "А" in
    "Аnn"), else None."""
    for word in name.split():
        scripts = _scripts(word)
        if len(scripts) > 1:
            return f"mixes {' and '.join(sorted(scripts))} letters (a look-alike name?)"
    return None


def problems(decision: Decision, reasons: Sequence[str]) -> list[str]:
    """What is wrong with `decision` against the lists, as short phrases (empty: fine)."""
    found: list[str] = []
    if not clean_reviewer(decision.reviewer):
        found.append("reviewer is empty")
    elif len(clean_reviewer(decision.reviewer)) > MAX_REVIEWER:
        found.append(f"reviewer is longer than {MAX_REVIEWER} characters")
    elif why := look_alike(clean_reviewer(decision.reviewer)):
        found.append(f"reviewer {clean_reviewer(decision.reviewer)!r} {why}")
    for name in ("reason", "verdict", "note"):
        if "\x00" in getattr(decision, name):
            found.append(f"{name} holds a NUL character")
    if len(decision.note) > MAX_NOTE:
        found.append(f"note is longer than {MAX_NOTE} characters")
    if decision.decision not in DECISIONS:
        found.append(
            f"decision {decision.decision!r} is not one of {', '.join(DECISIONS)}"
            if decision.decision
            else "decision is empty"
        )
    if decision.reason and decision.reason not in reasons:
        found.append(f"reason {decision.reason!r} is not one of {', '.join(reasons)}")
    if decision.verdict:
        if decision.verdict not in VERDICTS:
            found.append(f"verdict {decision.verdict!r} is not one of {', '.join(VERDICTS)}")
        elif decision.decision in DECISIONS and decision.decision != "include":
            found.append(f"a verdict needs decision include, not {decision.decision}")
    return found


# -- reasons ----------------------------------------------------------------------------------


def has_screening(conn: Connection) -> bool:
    """False for a store opened read-only that was never upgraded to the screening schema."""
    return sa.inspect(conn).has_table(screening_decisions.name)


def newest_decision_id(conn: Connection) -> int:
    """The newest decision's id (0 before the first): it changes with every decision and
    undo, so the dashboard keys its screening caches on it."""
    return int(conn.execute(sa.select(sa.func.max(d.decision_id))).scalar() or 0)


def reasons(conn: Connection) -> list[str]:
    """The exclusion reasons offered, in order: the outline's, or the defaults."""
    if not sa.inspect(conn).has_table(screening_reasons.name):
        return list(DEFAULT_REASONS)
    stored = list(
        conn.execute(
            sa.select(screening_reasons.c.reason).order_by(screening_reasons.c.position)
        ).scalars()
    )
    return stored or list(DEFAULT_REASONS)


def set_reasons(conn: Connection, values: Sequence[str] | None) -> None:
    """Store the outline's reasons (None or empty: the defaults). Decisions already made
    with a reason that left the list keep it."""
    conn.execute(screening_reasons.delete())
    chosen = list(values or DEFAULT_REASONS)
    conn.execute(
        screening_reasons.insert(), [{"position": i, "reason": r} for i, r in enumerate(chosen)]
    )


# -- writing ----------------------------------------------------------------------------------


def _check_link(conn: Connection, claim_id: str, pmid: int) -> None:
    if (
        conn.execute(sa.select(claims.c.claim_id).where(claims.c.claim_id == claim_id)).first()
        is None
    ):
        raise ScreeningError(f"claim {claim_id!r}: no such claim in the database")
    linked = conn.execute(
        sa.select(claim_articles.c.pmid).where(
            claim_articles.c.claim_id == claim_id, claim_articles.c.pmid == pmid
        )
    ).first()
    if linked is None:
        raise ScreeningError(f"claim {claim_id!r}, PMID {pmid}: the record is not linked to it")


def insert_decision(
    conn: Connection,
    decision: Decision,
    *,
    source: str,
    now: str | None = None,
    based_on: int | None = None,
    resolves: bool = False,
) -> int:
    """Append one decision (the caller's transaction); returns its decision_id. Checks the
    lists and that the claim × record link exists (dropped links too: a record that stopped
    matching can still be judged)."""
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}")
    wrong = problems(decision, reasons(conn))
    if decision.decision == WITHDRAWN:
        wrong = [p for p in wrong if not p.startswith("decision ")]
    if wrong:
        raise ScreeningError("; ".join(wrong))
    _check_link(conn, decision.claim_id, decision.pmid)
    result = conn.execute(
        screening_decisions.insert().values(
            claim_id=decision.claim_id,
            pmid=int(decision.pmid),
            reviewer=clean_reviewer(decision.reviewer),
            decision=decision.decision,
            reason=decision.reason if decision.decision != "include" else "",
            verdict=decision.verdict if decision.decision == "include" else "",
            note=decision.note.strip(),
            decided_at=now or utcnow(),
            source=source,
            based_on=based_on,
            resolves=resolves,
        )
    )
    return int(result.inserted_primary_key[0])


def record_decision(
    engine: Engine, decision: Decision, *, source: str = "dashboard", resolves: bool = False
) -> int:
    """Append one decision in its own transaction. Two reviewers saving at the same moment
    both get their row: nothing is read-modify-written."""
    with engine.begin() as conn:
        return insert_decision(conn, decision, source=source, resolves=resolves)


def undo_last(engine: Engine, claim_id: str, reviewer: str) -> dict | None:
    """Undo the reviewer's newest decision on this claim by appending the decision it
    replaced on that record (or `withdrawn` when it was the first). Returns the undone row,
    or None when there is nothing to undo."""
    reviewer = clean_reviewer(reviewer)
    with engine.begin() as conn:
        last = conn.execute(
            sa.select(screening_decisions)
            .where(d.claim_id == claim_id, d.reviewer == reviewer)
            .order_by(d.decision_id.desc())
            .limit(1)
        ).first()
        if last is None or last.decision == WITHDRAWN:
            return None
        before = conn.execute(
            sa.select(screening_decisions)
            .where(
                d.claim_id == claim_id,
                d.pmid == last.pmid,
                d.reviewer == reviewer,
                d.decision_id < last.decision_id,
            )
            .order_by(d.decision_id.desc())
            .limit(1)
        ).first()
        if before is None or before.decision == WITHDRAWN:
            restored = Decision(claim_id, last.pmid, reviewer, WITHDRAWN)
        else:
            restored = Decision(
                claim_id, last.pmid, reviewer, before.decision, before.reason, before.verdict,
                before.note,
            )  # fmt: skip
        insert_decision(conn, restored, source=last.source)
        return dict(last._mapping)


# -- reading: current decisions and outcomes ----------------------------------------------------


def current_rows(*only: sa.ColumnElement[bool]) -> sa.Subquery:
    """Each reviewer's current decision per claim × record (withdrawn ones left out).
    `only` (conditions on claim_id, pmid or reviewer) narrows the search for the newest
    rows, so one claim's page does not group every decision in the store."""
    newest = (
        sa.select(sa.func.max(d.decision_id).label("decision_id"))
        .where(*only)
        .group_by(d.claim_id, d.pmid, d.reviewer)
        .subquery("newest_decision")
    )
    return (
        sa.select(screening_decisions)
        .join(newest, newest.c.decision_id == d.decision_id)
        .where(d.decision != WITHDRAWN)
        .subquery("current_decision")
    )
