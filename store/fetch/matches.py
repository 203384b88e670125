"""Why each record matched its claim: the `claim_matches` rows, written by the fetch job
(fetchers/job/explain.py evaluates the claim's query against the stored record) and read by
the claim page, the publications export and `littrack outline explain`.

A row is current while the claim's query_version is the one it was computed for and the
record has not been fetched again since (a refetch may add MeSH terms). Stale and missing
rows are what `links_to_explain` returns, so the first fetch after an upgrade fills the
explanations of every existing link from the stored records, without downloading anything.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store.db.schema import articles, claim_articles, claim_matches, claims
from store.models import EXPANSION

#: The record fields the query evaluator reads.
MATCH_FIELDS = ("title", "abstract", "keywords", "mesh", "publication_types")

#: Rows are read and written in chunks of this many links.
CHUNK = 500


def _json(value: object) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return []
    return value if value is not None else []


def links_to_explain(
    conn: Connection, claim_id: str, *, everything: bool = False
) -> Iterator[list[dict[str, Any]]]:
    """Chunks of the claim's active links (pmid plus MATCH_FIELDS) whose explanation is
    missing or stale; all active links with `everything`."""
    current = sa.and_(
        claim_matches.c.claim_id == claim_articles.c.claim_id,
        claim_matches.c.pmid == claim_articles.c.pmid,
    )
    stmt = (
        sa.select(articles.c.pmid, *(articles.c[name] for name in MATCH_FIELDS))
        .select_from(
            claim_articles.join(articles, articles.c.pmid == claim_articles.c.pmid)
            .join(claims, claims.c.claim_id == claim_articles.c.claim_id)
            .outerjoin(claim_matches, current)
        )
        .where(
            claim_articles.c.claim_id == claim_id,
            claim_articles.c.dropped_at.is_(None),
            articles.c.deleted_at.is_(None),
        )
        .order_by(articles.c.pmid)
    )
    if not everything:
        stmt = _stale(stmt)
    result = conn.execute(stmt)
    while True:
        rows = result.fetchmany(CHUNK)
        if not rows:
            return
        yield [_record(row) for row in rows]


def _stale(stmt: sa.Select) -> sa.Select:
    """Only links whose explanation is missing, for an older query version, or older than
    the record's last fetch."""
    return stmt.where(
        sa.or_(
            claim_matches.c.pmid.is_(None),
            claim_matches.c.query_version != claims.c.query_version,
            articles.c.fetched_at > claim_matches.c.computed_at,
        )
    )


def claims_to_explain(
    conn: Connection, claim_ids: list[str], *, everything: bool = False
) -> dict[int, list[str]]:
    """pmid → the claims (of `claim_ids`) whose active link to it has a missing or stale
    explanation (every active link with `everything`), in PMID order: the fetch reads and
    tokenises each record once for all its claims."""
    current = sa.and_(
        claim_matches.c.claim_id == claim_articles.c.claim_id,
        claim_matches.c.pmid == claim_articles.c.pmid,
    )
    stmt = (
        sa.select(claim_articles.c.pmid, claim_articles.c.claim_id)
        .select_from(
            claim_articles.join(articles, articles.c.pmid == claim_articles.c.pmid)
            .join(claims, claims.c.claim_id == claim_articles.c.claim_id)
            .outerjoin(claim_matches, current)
        )
        .where(
            claim_articles.c.claim_id.in_(claim_ids),
            claim_articles.c.dropped_at.is_(None),
            articles.c.deleted_at.is_(None),
        )
        .order_by(claim_articles.c.pmid, claim_articles.c.claim_id)
    )
    if not everything:
        stmt = _stale(stmt)
    names = {name: name for name in claim_ids}  # one string per claim, however many links
    found: dict[int, list[str]] = {}
    for pmid, claim_id in conn.execute(stmt):
        found.setdefault(int(pmid), []).append(names[claim_id])
    return found


def match_records(conn: Connection, pmids: list[int]) -> dict[int, dict[str, Any]]:
    """pmid → the record's MATCH_FIELDS (JSON fields decoded), for at most CHUNK PMIDs."""
    stmt = sa.select(articles.c.pmid, *(articles.c[name] for name in MATCH_FIELDS)).where(
        articles.c.pmid.in_(pmids)
    )
    return {int(row.pmid): _record(row) for row in conn.execute(stmt)}


def _record(row: sa.Row) -> dict[str, Any]:
    return {
        "pmid": int(row.pmid),
        **{
            name: _json(row[i + 1]) if name not in ("title", "abstract") else row[i + 1]
            for i, name in enumerate(MATCH_FIELDS)
        },
    }


def write_matches(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Upsert (claim_id, pmid, query_version, explained, hits, computed_at) rows."""
    if not rows:
        return
    from store.fetch.writes import _upsert

    _upsert(conn, claim_matches, rows, ["claim_id", "pmid"])


def claim_version(conn: Connection, claim_id: str) -> int | None:
    return conn.execute(
        sa.select(claims.c.query_version).where(claims.c.claim_id == claim_id)
    ).scalar()


def read_matches(conn: Connection, claim_id: str, pmids: Iterable[int]) -> dict[int, dict]:
    """pmid → {"explained", "hits", "current"} for the claim's stored explanations;
    `current` is false when the query changed since (shown, but marked as old)."""
    found: dict[int, dict] = {}
    wanted = sorted(set(int(p) for p in pmids))
    for start in range(0, len(wanted), CHUNK):
        part = wanted[start : start + CHUNK]
        stmt = (
            sa.select(
                claim_matches.c.pmid,
                claim_matches.c.explained,
                claim_matches.c.hits,
                (claim_matches.c.query_version == claims.c.query_version).label("current"),
            )
            .select_from(claim_matches.join(claims, claims.c.claim_id == claim_matches.c.claim_id))
            .where(claim_matches.c.claim_id == claim_id, claim_matches.c.pmid.in_(part))
        )
        for row in conn.execute(stmt):
            found[int(row.pmid)] = {
                "explained": bool(row.explained),
                "hits": _json(row.hits),
                "current": bool(row.current),
            }
    return found


def matched_terms_text(match: Mapping[str, Any] | None) -> str:
    """One line for a CSV cell or a terminal: `term → field: text; ...`, prefixed with
    EXPANSION when the local evaluation does not select the record; "" when not computed."""
    if not match:
        return ""
    grouped: dict[tuple[str, str], dict[str, None]] = {}
    for hit in match.get("hits") or ():
        texts = grouped.setdefault((hit.get("term", ""), hit.get("field", "")), {})
        text = str(hit.get("text", ""))
        if text.casefold() not in {t.casefold() for t in texts}:
            texts[text] = None
    parts = [f"{term} → {where}: {', '.join(texts)}" for (term, where), texts in grouped.items()]
    if not match.get("explained"):
        head = EXPANSION + (" (local hits: " if parts else "")
        return head + "; ".join(parts) + (")" if parts else "")
    return "; ".join(parts)


__all__ = [
    "EXPANSION",
    "MATCH_FIELDS",
    "claim_version",
    "claims_to_explain",
    "links_to_explain",
    "match_records",
    "matched_terms_text",
    "read_matches",
    "write_matches",
]
