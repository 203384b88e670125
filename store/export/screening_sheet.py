"""The screening sheet a reviewer fills in Excel: one row per claim × record (live links),
the columns to fill pre-filled with the current decision, `base` (the newest decision id on
that claim × record at export) and `exported_at`; store/screening/sheet.py reads it back."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TextIO

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from store.db.connect import utcnow
from store.db.schema import articles, claims, screening_decisions, topics
from store.evidence.counting import live_condition, live_links
from store.evidence.selection import export_order
from store.export.csv_file import write_csv
from store.formats.links import pubmed_url
from store.screening import decisions, outcomes
from store.screening.sheet import FILL_COLUMNS

#: (column, meaning) in sheet order; the columns after `url` are the ones to fill.
SHEET_COLUMNS: tuple[tuple[str, str], ...] = (
    ("claim_id", "Claim id (do not edit)"),
    ("claim", "The claim's text"),
    ("pmid", "PubMed identifier (do not edit)"),
    ("title", "Article title"),
    ("journal", "Journal"),
    ("year", "Publication year"),
    ("design", "Study design"),
    ("flags", "RETRACTED / erratum, as PubMed marks the record"),
    ("abstract", "Abstract"),
    ("url", "PubMed page"),
    ("decision", "Fill in: include, exclude or maybe (empty: not screened)"),
    ("reason", "Fill in for exclusions: one of the screening reasons"),
    ("verdict", "Fill in for inclusions: supports, contradicts, mixed or no bearing"),
    ("note", "Fill in: free text"),
    ("base", "Newest decision id on this claim × record at export (do not edit)"),
    ("exported_at", "When the sheet was written (UTC)"),
)


def sheet_rows(
    engine: Engine,
    *,
    claim_ids: Sequence[str] = (),
    topic_ids: Sequence[str] = (),
    unscreened: bool = False,
    reviewer: str | None = None,
    now: str | None = None,
) -> Iterator[dict]:
    """The sheet's rows, in outline order then newest first. Pre-filled with `reviewer`'s
    current decision when given, else with the agreed (or resolved) outcome; `unscreened`
    keeps records nobody (or `reviewer`) has decided."""
    now = now or utcnow()
    who = decisions.clean_reviewer(reviewer) if reviewer else None
    stmt = (
        sa.select(
            claims.c.claim_id,
            claims.c.claim,
            articles.c.pmid,
            articles.c.title,
            articles.c.journal,
            articles.c.pub_year,
            articles.c.study_design,
            articles.c.retracted,
            articles.c.erratum_in,
            articles.c.abstract,
        )
        .select_from(live_links().outerjoin(topics, topics.c.topic_id == claims.c.topic_id))
        .where(live_condition())
        .order_by(*export_order())
    )
    scope = []
    if claim_ids:
        scope.append(claims.c.claim_id.in_(list(claim_ids)))
    if topic_ids:
        scope.append(claims.c.topic_id.in_(list(topic_ids)))
    if scope:
        stmt = stmt.where(sa.or_(*scope))
    with engine.connect() as conn:
        prefill = _prefill(conn, who)
        bases = _bases(conn)
        for row in conn.execute(stmt):
            key = (row.claim_id, int(row.pmid))
            filled = prefill.get(key)
            if unscreened and filled is not None:
                continue
            flags = [
                f
                for f, on in (
                    ("RETRACTED", row.retracted),
                    ("erratum", row.erratum_in not in (None, [], "[]")),
                )
                if on
            ]
            yield {
                "claim_id": row.claim_id,
                "claim": row.claim,
                "pmid": int(row.pmid),
                "title": row.title,
                "journal": row.journal,
                "year": row.pub_year,
                "design": row.study_design,
                "flags": ", ".join(flags),
                "abstract": row.abstract,
                "url": pubmed_url(row.pmid),
                **(filled or dict.fromkeys(FILL_COLUMNS, "")),
                "base": bases.get(key, 0),
                "exported_at": now,
            }


def _prefill(conn: Connection, reviewer: str | None) -> dict[tuple[str, int], dict]:
    if not decisions.has_screening(conn):
        return {}
    cur = decisions.current_rows()
    if reviewer is not None:
        stmt = sa.select(cur).where(cur.c.reviewer == reviewer)
    else:
        out = outcomes.outcomes()
        stmt = (
            sa.select(cur)
            .join(out, out.c.last_id == cur.c.decision_id)
            .where(out.c.status != "conflict")
        )
    return {
        (r.claim_id, int(r.pmid)): {
            "decision": r.decision,
            "reason": r.reason,
            "verdict": r.verdict,
            "note": r.note,
        }
        for r in conn.execute(stmt)
    }


def _bases(conn: Connection) -> dict[tuple[str, int], int]:
    if not decisions.has_screening(conn):
        return {}
    d = screening_decisions.c
    stmt = sa.select(d.claim_id, d.pmid, sa.func.max(d.decision_id)).group_by(d.claim_id, d.pmid)
    return {(c, int(p)): int(i) for c, p, i in conn.execute(stmt)}


def write_sheet(rows: Iterator[dict], out: TextIO) -> int:
    """Excel-safe CSV (BOM, CRLF, formula-like cells behind an apostrophe)."""
    return write_csv(rows, [c for c, _ in SHEET_COLUMNS], out, bom=True)
