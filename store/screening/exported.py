"""Screening as the exports show it: each claim × record's outcome, verdict, reviewers and
notes, added to export rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store.screening.decisions import (
    current_rows,
    has_screening,
)
from store.screening.outcomes import (
    outcomes,
)

#: What `link_screening` adds to each exported claim × record.
LINK_COLUMNS: tuple[str, ...] = (
    "screening_decision",
    "screening_verdict",
    "reviewers",
    "screening_note",
)


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


def with_screening(rows: Iterable[dict], screened: dict[tuple[str, int], dict]) -> Iterator[dict]:
    """export_rows() records with the `link_screening` columns added (empty when the claim
    × record was not screened)."""
    blank = dict.fromkeys(LINK_COLUMNS, "")
    for row in rows:
        yield {**row, **screened.get((row["claim_id"], int(row["pmid"])), blank)}
