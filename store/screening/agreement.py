"""Conflicts between reviewers and agreement, per claim and over the whole outline: the share
of reviewer pairs with the same decision and verdict (what a conflict disagrees on), and
Cohen's kappa over the same pairs."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.schema import (
    articles,
    claims,
)
from store.evidence.counting import (
    read_frame,
)
from store.screening.decisions import (
    current_rows,
    d,
)
from store.screening.outcomes import (
    outcomes,
)


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


#: What agreement compares: the decision and, for an inclusion, its verdict, exactly what
#: `conflicts` (store.screening.outcomes) calls a disagreement, so the two never contradict.
AGREEMENT_BASIS = "decision and verdict"


def _category(decision: str, verdict: str | None) -> str:
    """One rater's answer as compared: "include|supports", "exclude|" ..."""
    return f"{decision}|{verdict or ''}"


def _pair_tables(engine: Engine, claim_id: str | None) -> dict[str, dict[tuple[str, str], int]]:
    """claim_id → contingency table {(first reviewer's answer, second's): pairs}, over every
    pair of reviewers (name order) who both decided a record, resolutions left out.

    The pairs are formed here from the current decisions (human-made, so few): a self-join
    in SQL took seconds on SQLite at 10,000 decisions (bench/screening.py)."""
    cur = current_rows(*(() if claim_id is None else (d.claim_id == claim_id,)))
    stmt = (
        sa.select(cur.c.claim_id, cur.c.pmid, cur.c.reviewer, cur.c.decision, cur.c.verdict)
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
                    for second in record[i + 1 :]:
                        cell = (first[2], second[2])
                        table[cell] = table.get(cell, 0) + 1
                record = []
            if row is not None:
                answer = _category(row.decision, row.verdict)
                record.append((row.claim_id, row.pmid, answer))
    return tables


def _summary(table: dict[tuple[str, str], int]) -> dict:
    pairs = sum(table.values())
    agreed = sum(n for (f, s), n in table.items() if f == s)
    return {
        "pairs": pairs,
        "agreed": agreed,
        "percent": round(100 * agreed / pairs, 1),
        "kappa": cohens_kappa(table),
    }


AGREEMENT_COLUMNS = ["claim_id", "pairs", "agreed", "percent", "kappa"]


def agreement(engine: Engine, *, claim_id: str | None = None) -> pd.DataFrame:
    """Per claim with records screened by two or more reviewers: pairs (reviewer pairs
    over records both decided, resolutions left out), agreed (same decision and verdict:
    AGREEMENT_BASIS), percent, kappa (Cohen's, over the same pairs; None when chance
    agreement is 1, e.g. everyone always gave the same answer)."""
    rows = [
        {"claim_id": cid, **_summary(table)}
        for cid, table in sorted(_pair_tables(engine, claim_id).items())
        if sum(table.values())
    ]
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def review_agreement(engine: Engine) -> dict | None:
    """The same figures over the whole outline (every claim's pairs pooled into one table):
    pairs, agreed, percent, kappa, claims; None before any record was screened twice."""
    pooled: dict[tuple[str, str], int] = {}
    tables = _pair_tables(engine, None)
    for table in tables.values():
        for cell, n in table.items():
            pooled[cell] = pooled.get(cell, 0) + n
    if not sum(pooled.values()):
        return None
    return {**_summary(pooled), "claims": sum(1 for t in tables.values() if sum(t.values()))}


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
