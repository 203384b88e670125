"""The query ledger: every version of every claim's query, and what each edit gained and lost.

The fetch job writes it (`record_versions` when the outline is synced, `record_run` when a
claim's search is linked); `littrack outline history` and the claim page read it
(`query_history`). A version's gained / lost PMIDs are measured once, by its first complete
successful fetch, against the previous version's last stored set (the claim's active links
before that fetch), so they say what the edit changed as of that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from store.db.schema import claims, query_versions
from store.models import Outline


@dataclass(frozen=True)
class QueryVersion:
    version: int
    query: str
    first_run: str | None
    last_run: str | None
    compared_with: int | None
    gained: list[int] | None
    lost: list[int] | None
    first_run_id: int | None = None
    last_run_id: int | None = None

    def as_dict(self) -> dict:
        return {
            "version": self.version,
            "query": self.query,
            "first_run": self.first_run,
            "last_run": self.last_run,
            "gained": self.gained,
            "lost": self.lost,
        }


def record_versions(
    conn: Connection, outline: Outline, versions: Mapping[str, int], *, now: str
) -> None:
    """A row for each claim's current version, unless it is already there."""
    have = {
        (r.claim_id, r.version)
        for r in conn.execute(sa.select(query_versions.c.claim_id, query_versions.c.version))
    }
    rows = [
        dict(claim_id=c.claim_id, version=versions[c.claim_id], query=c.query, recorded_at=now)
        for c in outline.claims
        if c.claim_id in versions and (c.claim_id, versions[c.claim_id]) not in have
    ]
    if rows:
        conn.execute(query_versions.insert(), rows)


def record_run(
    conn: Connection,
    claim_id: str,
    version: int,
    *,
    run_id: int,
    now: str,
    matched: Iterable[int] | None,
    before: Iterable[int],
) -> None:
    """Mark `run_id` as a run of this version; on its first complete run (`matched` is the
    complete id set), store gained/lost against `before`, the previous version's set."""
    row = conn.execute(
        sa.select(query_versions).where(
            query_versions.c.claim_id == claim_id, query_versions.c.version == version
        )
    ).first()
    if row is None:
        return
    values: dict = {"last_run_id": run_id, "last_run_at": now}
    if row.first_run_id is None:
        values.update(first_run_id=run_id, first_run_at=now)
    if row.gained is None and matched is not None and version > 1:
        previous = conn.execute(
            sa.select(sa.func.max(query_versions.c.version)).where(
                query_versions.c.claim_id == claim_id,
                query_versions.c.version < version,
                query_versions.c.first_run_id.is_not(None),
            )
        ).scalar()
        if previous is not None:
            now_set, old_set = set(matched), set(before)
            values.update(
                compared_with=previous,
                gained=sorted(now_set - old_set),
                lost=sorted(old_set - now_set),
            )
    conn.execute(
        query_versions.update()
        .where(query_versions.c.claim_id == claim_id, query_versions.c.version == version)
        .values(**values)
    )


def claim_known(engine: Engine, claim_id: str) -> bool:
    with engine.connect() as conn:
        return (
            conn.execute(sa.select(claims.c.claim_id).where(claims.c.claim_id == claim_id)).first()
            is not None
        )


def query_history(engine: Engine, claim_id: str) -> list[QueryVersion]:
    """The claim's query versions, oldest first."""
    stmt = (
        sa.select(query_versions)
        .where(query_versions.c.claim_id == claim_id)
        .order_by(query_versions.c.version)
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [
        QueryVersion(
            version=r.version,
            query=r.query,
            first_run=r.first_run_at,
            last_run=r.last_run_at,
            compared_with=r.compared_with,
            gained=[int(p) for p in r.gained] if r.gained is not None else None,
            lost=[int(p) for p in r.lost] if r.lost is not None else None,
            first_run_id=r.first_run_id,
            last_run_id=r.last_run_id,
        )
        for r in rows
    ]


__all__ = ["QueryVersion", "claim_known", "query_history", "record_run", "record_versions"]
