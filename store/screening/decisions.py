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

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from store.db.connect import utcnow
from store.db.schema import (
    articles,
    claim_articles,
    claims,
    screening_decisions,
    screening_reasons,
    summary_records,
)
from store.errors import ScreeningError
from store.evidence.counting import (
    counted_condition,
    live_condition,
    live_links,
    read_frame,
    summaries_current,
    year_of,
)
from store.models import STUDY_DESIGNS

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

#: Outcome statuses and the count columns built from them (see `screening_counts`).
COUNT_COLUMNS: tuple[str, ...] = (
    "records",
    "screened",
    "included",
    "supports",
    "contradicts",
    "mixed",
    "no_bearing",
    "excluded",
    "maybe",
    "conflicts",
    "unscreened",
)

#: What `link_screening` adds to each exported claim × record.
LINK_COLUMNS: tuple[str, ...] = (
    "screening_decision",
    "screening_verdict",
    "reviewers",
    "screening_note",
)

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
    """A reviewer name as stored: whitespace collapsed (so "Ann  Lee " is "Ann Lee")."""
    return " ".join(str(name or "").split())


def problems(decision: Decision, reasons: Sequence[str]) -> list[str]:
    """What is wrong with `decision` against the lists, as short phrases (empty: fine)."""
    found: list[str] = []
    if not clean_reviewer(decision.reviewer):
        found.append("reviewer is empty")
    elif len(clean_reviewer(decision.reviewer)) > MAX_REVIEWER:
        found.append(f"reviewer is longer than {MAX_REVIEWER} characters")
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


def outcomes(*only: sa.ColumnElement[bool]) -> sa.Subquery:
    """Per screened claim × record: status (include / exclude / maybe / conflict), verdict
    (for an agreed or resolved include), reviewers (how many current decisions), last_id."""
    cur = current_rows(*only)
    key = cur.c.decision + sa.literal("|") + cur.c.verdict
    per_link = (
        sa.select(
            cur.c.claim_id,
            cur.c.pmid,
            sa.func.count().label("reviewers"),
            sa.func.count(sa.distinct(key)).label("kinds"),
            sa.func.min(cur.c.decision).label("any_decision"),
            sa.func.min(cur.c.verdict).label("any_verdict"),
            sa.func.max(cur.c.decision_id).label("last_id"),
        )
        .group_by(cur.c.claim_id, cur.c.pmid)
        .subquery("per_link")
    )
    last = screening_decisions.alias("last_decision")
    resolved = sa.and_(last.c.resolves.is_(True), last.c.decision != WITHDRAWN)
    status = sa.case(
        (resolved, last.c.decision),
        (per_link.c.kinds == 1, per_link.c.any_decision),
        else_=sa.literal("conflict"),
    )
    verdict = sa.case(
        (resolved, last.c.verdict),
        (per_link.c.kinds == 1, per_link.c.any_verdict),
        else_=sa.literal(""),
    )
    return (
        sa.select(
            per_link.c.claim_id,
            per_link.c.pmid,
            status.label("status"),
            verdict.label("verdict"),
            per_link.c.reviewers,
            per_link.c.last_id,
        )
        .join(last, last.c.decision_id == per_link.c.last_id)
        .subquery("outcome")
    )


def _live_with_outcome(out: sa.Subquery) -> sa.FromClause:
    return live_links().outerjoin(
        out,
        sa.and_(out.c.claim_id == claim_articles.c.claim_id, out.c.pmid == claim_articles.c.pmid),
    )


def _count_columns(out: sa.Subquery) -> list[sa.ColumnElement]:
    def n(condition: sa.ColumnElement[bool]) -> sa.ColumnElement:
        return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)

    included = out.c.status == "include"
    return [
        sa.func.count().label("records"),
        n(out.c.status.is_not(None)).label("screened"),
        n(included).label("included"),
        n(sa.and_(included, out.c.verdict == "supports")).label("supports"),
        n(sa.and_(included, out.c.verdict == "contradicts")).label("contradicts"),
        n(sa.and_(included, out.c.verdict == "mixed")).label("mixed"),
        n(sa.and_(included, out.c.verdict == "no bearing")).label("no_bearing"),
        n(out.c.status == "exclude").label("excluded"),
        n(out.c.status == "maybe").label("maybe"),
        n(out.c.status == "conflict").label("conflicts"),
        n(out.c.status.is_(None)).label("unscreened"),
    ]


def _empty_counts(key: str) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64") for c in COUNT_COLUMNS}).assign(
        **{key: pd.Series(dtype="object")}
    )[[key, *COUNT_COLUMNS]]


def _ints(frame: pd.DataFrame) -> pd.DataFrame:
    for column in COUNT_COLUMNS:
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame


def _records_per_claim(
    conn: Connection, topic_id: str | None, claim_id: str | None
) -> pd.DataFrame:
    """claim_id, topic_id, records (live links) per active claim with records: from the
    dashboard summaries when they are current (the same numbers, store/fetch/summaries.py),
    else counted."""
    if claim_id is None and summaries_current(conn):
        rec = summary_records.c
        stmt = (
            sa.select(claims.c.claim_id, claims.c.topic_id, rec.records)
            .select_from(summary_records.join(claims, claims.c.claim_id == rec.scope_id))
            .where(rec.scope == "claim", claims.c.active.is_(True), rec.records > 0)
        )
    else:
        stmt = (
            sa.select(claims.c.claim_id, claims.c.topic_id, sa.func.count().label("records"))
            .select_from(live_links())
            .where(live_condition())
            .group_by(claims.c.claim_id, claims.c.topic_id)
        )
        if claim_id is not None:
            stmt = stmt.where(claim_articles.c.claim_id == claim_id)
    if topic_id is not None:
        stmt = stmt.where(claims.c.topic_id == topic_id)
    result = conn.execute(stmt)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def screening_counts(
    engine: Engine, *, topic_id: str | None = None, claim_id: str | None = None
) -> pd.DataFrame:
    """Per active claim with live records: claim_id, topic_id and COUNT_COLUMNS (`included`
    splits into supports / contradicts / mixed / no_bearing; an included record without a
    verdict is in `included` only).

    Only the screened links are joined (decisions are few); `records` comes from the
    summaries, and `unscreened` is the difference, so no page scans every link for it."""
    with engine.connect() as conn:
        if not has_screening(conn):
            return _empty_counts("claim_id").assign(topic_id=pd.Series(dtype="object"))
        records = _records_per_claim(conn, topic_id, claim_id)
        out = outcomes(*(() if claim_id is None else (d.claim_id == claim_id,)))
        counted = [c for c in _count_columns(out) if c.name not in ("records", "unscreened")]
        stmt = (
            sa.select(claims.c.claim_id, *counted)
            .select_from(
                out.join(
                    claim_articles,
                    sa.and_(
                        claim_articles.c.claim_id == out.c.claim_id,
                        claim_articles.c.pmid == out.c.pmid,
                    ),
                )
                .join(articles, articles.c.pmid == claim_articles.c.pmid)
                .join(claims, claims.c.claim_id == claim_articles.c.claim_id)
            )
            .where(live_condition())
            .group_by(claims.c.claim_id)
        )
        if claim_id is not None:
            stmt = stmt.where(out.c.claim_id == claim_id)
        result = conn.execute(stmt)
        screened = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    frame = records.merge(screened, on="claim_id", how="left")
    for column in COUNT_COLUMNS:
        if column not in frame:
            frame[column] = 0
    frame = _ints(frame)
    frame["unscreened"] = frame["records"] - frame["screened"]
    return frame[["claim_id", "topic_id", *COUNT_COLUMNS]]


def topic_screening_counts(engine: Engine) -> pd.DataFrame:
    """Per topic: COUNT_COLUMNS summed over its claims (claim × record pairs: a record
    judged for two claims of a topic counts twice, once per claim it was judged for)."""
    frame = screening_counts(engine)
    if frame.empty:
        return _empty_counts("topic_id")
    return frame.groupby("topic_id", as_index=False)[list(COUNT_COLUMNS)].sum()


# -- the Screen page ----------------------------------------------------------------------------

QUEUE_ORDERS = {"newest": "Newest first", "design": "By design level"}


def queue(
    engine: Engine, claim_id: str, reviewer: str, *, order: str = "newest", limit: int = 50
) -> pd.DataFrame:
    """The claim's live records the reviewer has not decided yet: pmid, title, journal,
    pub_year, entrez_date, study_design, retracted, erratum_in, abstract. `newest` is by
    Entrez date; `design` puts the strongest designs (STUDY_DESIGNS order) first."""
    if order not in QUEUE_ORDERS:
        raise ValueError(f"unknown queue order {order!r}")
    cur = current_rows(d.claim_id == claim_id, d.reviewer == clean_reviewer(reviewer))
    mine = (
        sa.select(cur.c.pmid)
        .where(cur.c.claim_id == claim_id, cur.c.reviewer == clean_reviewer(reviewer))
        .scalar_subquery()
    )
    rank = sa.case(
        *((articles.c.study_design == name, i) for i, name in enumerate(STUDY_DESIGNS)),
        else_=len(STUDY_DESIGNS),
    )
    newest = (articles.c.entrez_date.desc(), articles.c.pmid.desc())
    ordering = newest if order == "newest" else (rank, *newest)
    stmt = (
        sa.select(
            articles.c.pmid,
            articles.c.title,
            articles.c.journal,
            articles.c.pub_year,
            articles.c.entrez_date,
            articles.c.study_design,
            articles.c.retracted,
            articles.c.erratum_in,
            articles.c.abstract,
        )
        .select_from(live_links())
        .where(
            live_condition(),
            claim_articles.c.claim_id == claim_id,
            claim_articles.c.pmid.not_in(mine),
        )
        .order_by(*ordering)
        .limit(limit)
    )
    frame = read_frame(engine, stmt)
    frame["retracted"] = frame["retracted"].astype(bool)
    return frame


def progress(engine: Engine, claim_id: str, reviewer: str) -> tuple[int, int]:
    """(records the reviewer has decided, live records of the claim)."""
    cur = current_rows(d.claim_id == claim_id, d.reviewer == clean_reviewer(reviewer))
    mine = sa.and_(cur.c.claim_id == claim_id, cur.c.reviewer == clean_reviewer(reviewer))
    stmt = (
        sa.select(
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(sa.case((cur.c.decision_id.is_not(None), 1), else_=0)), 0),
        )
        .select_from(
            live_links().outerjoin(cur, sa.and_(mine, cur.c.pmid == claim_articles.c.pmid))
        )
        .where(live_condition(), claim_articles.c.claim_id == claim_id)
    )
    with engine.connect() as conn:
        total, done = conn.execute(stmt).one()
    return int(done), int(total)


def last_decision(engine: Engine, claim_id: str, reviewer: str) -> dict | None:
    """The reviewer's newest row on this claim (what undo would undo), with the title."""
    stmt = (
        sa.select(screening_decisions, articles.c.title)
        .select_from(screening_decisions.outerjoin(articles, articles.c.pmid == d.pmid))
        .where(d.claim_id == claim_id, d.reviewer == clean_reviewer(reviewer))
        .order_by(d.decision_id.desc())
        .limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(stmt).first()
    return None if row is None or row.decision == WITHDRAWN else dict(row._mapping)


def conflicts(
    engine: Engine, *, claim_id: str | None = None, topic_id: str | None = None
) -> pd.DataFrame:
    """One row per reviewer's current decision on every claim × record in conflict (live or
    not: a conflict stays listed until resolved): claim_id, pmid, title, reviewer,
    decision, reason, verdict, note, decided_at."""
    only = () if claim_id is None else (d.claim_id == claim_id,)
    out = outcomes(*only)
    cur = current_rows(*only)
    stmt = (
        sa.select(
            cur.c.claim_id,
            cur.c.pmid,
            articles.c.title,
            cur.c.reviewer,
            cur.c.decision,
            cur.c.reason,
            cur.c.verdict,
            cur.c.note,
            cur.c.decided_at,
        )
        .select_from(
            cur.join(out, sa.and_(out.c.claim_id == cur.c.claim_id, out.c.pmid == cur.c.pmid))
            .join(claims, claims.c.claim_id == cur.c.claim_id)
            .outerjoin(articles, articles.c.pmid == cur.c.pmid)
        )
        .where(out.c.status == "conflict")
        .order_by(cur.c.claim_id, cur.c.pmid, cur.c.reviewer)
    )
    if claim_id is not None:
        stmt = stmt.where(cur.c.claim_id == claim_id)
    if topic_id is not None:
        stmt = stmt.where(claims.c.topic_id == topic_id)
    return read_frame(engine, stmt)


def agreement(engine: Engine, *, claim_id: str | None = None) -> pd.DataFrame:
    """Per claim with records screened by two or more reviewers: pairs (reviewer pairs
    over records both decided, resolutions left out), agreed, percent, kappa (Cohen's,
    over the same pairs; None when chance agreement is 1, e.g. everyone always included).

    The pairs are formed here from the current decisions (human-made, so few): a self-join
    in SQL took seconds on SQLite at 10,000 decisions (bench/screening.py)."""
    cur = current_rows(*(() if claim_id is None else (d.claim_id == claim_id,)))
    stmt = (
        sa.select(cur.c.claim_id, cur.c.pmid, cur.c.reviewer, cur.c.decision)
        .where(cur.c.resolves.is_(False))
        .order_by(cur.c.claim_id, cur.c.pmid, cur.c.reviewer)
    )
    if claim_id is not None:
        stmt = stmt.where(cur.c.claim_id == claim_id)
    tables: dict[str, dict[tuple[str, str], int]] = {}
    with engine.connect() as conn:
        record: list = []
        for row in [*conn.execute(stmt), None]:
            if record and (row is None or (row.claim_id, row.pmid) != record[0][:2]):
                table = tables.setdefault(record[0][0], {})
                for i, first in enumerate(record):
                    for second in record[i + 1 :]:  # reviewers in name order
                        cell = (first[3], second[3])
                        table[cell] = table.get(cell, 0) + 1
                record = []
            if row is not None:
                record.append(tuple(row))
    rows = []
    for cid, table in sorted(tables.items()):
        pairs = sum(table.values())
        if not pairs:
            continue
        agreed = sum(n for (f, s), n in table.items() if f == s)
        rows.append(
            {
                "claim_id": cid,
                "pairs": pairs,
                "agreed": agreed,
                "percent": round(100 * agreed / pairs, 1),
                "kappa": cohens_kappa(table),
            }
        )
    return pd.DataFrame(rows, columns=["claim_id", "pairs", "agreed", "percent", "kappa"])


def cohens_kappa(table: dict[tuple[str, str], int]) -> float | None:
    """Cohen's kappa from a contingency table {(first rater, second rater): count}:
    (observed - chance) / (1 - chance). None when chance agreement is 1 (no spread)."""
    total = sum(table.values())
    if not total:
        return None
    observed = sum(n for (f, s), n in table.items() if f == s) / total
    categories = {f for f, _ in table} | {s for _, s in table}
    chance = sum(
        (sum(n for (f, _), n in table.items() if f == c) / total)
        * (sum(n for (_, s), n in table.items() if s == c) / total)
        for c in categories
    )
    if chance >= 1:
        return None
    return round((observed - chance) / (1 - chance), 3)


# -- claim page: direction of the evidence, alerts ------------------------------------------------


def direction_by_year(engine: Engine, claim_id: str, *, basis: str = "publication") -> pd.DataFrame:
    """year, study_design, verdict, records: the claim's live records whose outcome is an
    include that supports or contradicts, per year (records without a year left out)."""
    with engine.connect() as conn:
        if not has_screening(conn):
            return pd.DataFrame(columns=["year", "study_design", "verdict", "records"])
    out = outcomes(d.claim_id == claim_id)
    year = year_of(basis)
    stmt = (
        sa.select(
            year.label("year"),
            articles.c.study_design,
            out.c.verdict,
            sa.func.count().label("records"),
        )
        .select_from(_live_with_outcome(out))
        .where(
            live_condition(),
            claim_articles.c.claim_id == claim_id,
            out.c.status == "include",
            out.c.verdict.in_(("supports", "contradicts")),
            year.is_not(None),
        )
        .group_by(year, articles.c.study_design, out.c.verdict)
        .order_by(year, articles.c.study_design, out.c.verdict)
    )
    frame = read_frame(engine, stmt)
    for column in ("year", "records"):
        frame[column] = frame[column].astype("int64")
    return frame


def retracted_inclusions(engine: Engine, *, claim_id: str | None = None) -> pd.DataFrame:
    """Records some reviewer currently includes for a claim and PubMed now marks retracted:
    claim_id, pmid, title, reviewer, decided_at (the reviewer's include)."""
    with engine.connect() as conn:
        if not has_screening(conn):
            return pd.DataFrame(columns=["claim_id", "pmid", "title", "reviewer", "decided_at"])
    retracted = sa.select(articles.c.pmid).where(articles.c.retracted.is_(True))
    only = [d.pmid.in_(retracted)]  # retractions are rare: look only at their decisions
    if claim_id is not None:
        only.append(d.claim_id == claim_id)
    cur = current_rows(*only)
    stmt = (
        sa.select(cur.c.claim_id, cur.c.pmid, articles.c.title, cur.c.reviewer, cur.c.decided_at)
        .select_from(
            cur.join(articles, articles.c.pmid == cur.c.pmid).join(
                claims, claims.c.claim_id == cur.c.claim_id
            )
        )
        .where(
            cur.c.decision == "include", articles.c.retracted.is_(True), claims.c.active.is_(True)
        )
        .order_by(cur.c.claim_id, cur.c.pmid, cur.c.reviewer)
    )
    if claim_id is not None:
        stmt = stmt.where(cur.c.claim_id == claim_id)
    return read_frame(engine, stmt)


# -- exports --------------------------------------------------------------------------------------


def link_screening(
    conn: Connection, pairs: Iterable[tuple[str, int]] | None = None
) -> dict[tuple[str, int], dict]:
    """Per screened claim × record: screening_decision (the outcome: include / exclude /
    maybe / conflict), screening_verdict, reviewers ("Ann: include, supports; Bo: exclude,
    wrong outcome"), screening_note (the reviewers' notes, "Ann: ..."). All of them when
    `pairs` is None."""
    if not has_screening(conn):
        return {}
    out = outcomes()
    cur = current_rows()
    stmt = (
        sa.select(cur, out.c.status, out.c.verdict.label("outcome_verdict"))
        .select_from(
            cur.join(out, sa.and_(out.c.claim_id == cur.c.claim_id, out.c.pmid == cur.c.pmid))
        )
        .order_by(cur.c.claim_id, cur.c.pmid, cur.c.reviewer)
    )
    wanted = None if pairs is None else {(c, int(p)) for c, p in pairs}
    found: dict[tuple[str, int], dict] = {}
    for row in conn.execute(stmt):
        key = (row.claim_id, int(row.pmid))
        if wanted is not None and key not in wanted:
            continue
        entry = found.setdefault(
            key,
            {
                "screening_decision": row.status,
                "screening_verdict": row.outcome_verdict,
                "reviewers": [],
                "notes": [],
            },
        )
        detail = ", ".join(v for v in (row.decision, row.verdict, row.reason) if v)
        entry["reviewers"].append(f"{row.reviewer}: {detail}")
        if row.note:
            entry["notes"].append(f"{row.reviewer}: {row.note}")
    return {
        key: {
            "screening_decision": e["screening_decision"],
            "screening_verdict": e["screening_verdict"],
            "reviewers": "; ".join(e["reviewers"]),
            "screening_note": " | ".join(e["notes"]),
        }
        for key, e in found.items()
    }


def screened_by_year(
    engine: Engine,
    *,
    basis: str = "publication",
    topic_id: str | None = None,
    claim_id: str | None = None,
    since: str | None = None,
    all_records: bool = False,
) -> pd.DataFrame:
    """claim_id, year and COUNT_COLUMNS except records: the summary export's screened
    columns, counted like `screening_counts` but per year, over the same records as the
    export's `records` column (evidence only unless `all_records`), so that screened and
    unscreened add up to it."""
    columns = [c for c in COUNT_COLUMNS if c != "records"]
    with engine.connect() as conn:
        if not has_screening(conn):
            return pd.DataFrame(columns=["claim_id", "year", *columns])
    out = outcomes()
    year = year_of(basis)
    stmt = (
        sa.select(claims.c.claim_id, year.label("year"), *_count_columns(out))
        .select_from(_live_with_outcome(out))
        .where(counted_condition(all_records), year.is_not(None))
        .group_by(claims.c.claim_id, year)
    )
    if topic_id:
        stmt = stmt.where(claims.c.topic_id == topic_id)
    if claim_id:
        stmt = stmt.where(claims.c.claim_id == claim_id)
    if since:
        stmt = stmt.where(articles.c.entrez_date >= since)
    frame = _ints(read_frame(engine, stmt))
    frame["year"] = frame["year"].astype("int64")
    return frame[["claim_id", "year", *columns]]


def with_screening(rows: Iterable[dict], screened: dict[tuple[str, int], dict]) -> Iterator[dict]:
    """export_rows() records with the `link_screening` columns added (empty when the claim
    × record was not screened)."""
    blank = dict.fromkeys(LINK_COLUMNS, "")
    for row in rows:
        yield {**row, **screened.get((row["claim_id"], int(row["pmid"])), blank)}


def add_screened_by_year(summary: pd.DataFrame, screened: pd.DataFrame) -> pd.DataFrame:
    """The summary export's claim × year rows with `screened_by_year`'s counts beside them
    (zero where nothing was screened)."""
    merged = summary.merge(screened, on=["claim_id", "year"], how="left")
    for column in screened.columns:
        if column not in ("claim_id", "year"):
            merged[column] = merged[column].fillna(0).astype("int64")
    # a year with records but no screening row: everything in it is unscreened
    merged["unscreened"] = merged["records"] - merged["screened"]
    return merged


def included_by_design(engine: Engine) -> pd.DataFrame:
    """claim_id, design, included, supports, contradicts, mixed: per active claim and study
    design, its live records whose screening outcome is an include, split by verdict (the
    evidence map's cell size and direction, store.read.evidence_map)."""
    columns = ["claim_id", "design", "included", "supports", "contradicts", "mixed"]
    with engine.connect() as conn:
        if not has_screening(conn):
            return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    out = outcomes()

    def n(verdict: str) -> sa.ColumnElement:
        return sa.func.coalesce(sa.func.sum(sa.case((out.c.verdict == verdict, 1), else_=0)), 0)

    stmt = (
        sa.select(
            claim_articles.c.claim_id,
            articles.c.study_design.label("design"),
            sa.func.count().label("included"),
            n("supports").label("supports"),
            n("contradicts").label("contradicts"),
            n("mixed").label("mixed"),
        )
        .select_from(_live_with_outcome(out))
        .where(live_condition(), out.c.status == "include")
        .group_by(claim_articles.c.claim_id, articles.c.study_design)
    )
    frame = read_frame(engine, stmt)
    for column in columns[2:]:
        frame[column] = frame[column].astype("int64")
    return frame
