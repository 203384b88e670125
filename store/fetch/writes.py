"""The write side of the store; only the fetch job calls these.

Every write is an upsert keyed on its natural key (pmid; claim_id+pmid; run_id+claim_id;
series+year) with the dialect's own `INSERT ... ON CONFLICT`, so a rerun after a crash
redoes work without ever duplicating a row. Functions take a Connection: the caller decides
the transaction (the job commits each efetch batch and each claim on its own).
Rows go in as executemany batches, which SQLAlchemy turns into multi-row INSERTs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from store.db.schema import (
    articles,
    claim_articles,
    claim_counts,
    claims,
    fetch_runs,
    skipped_records,
    topics,
    year_counts,
)
from store.models import Outline, PubmedRecord

if TYPE_CHECKING:
    from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
    from sqlalchemy.dialects.sqlite import Insert as SqliteInsert

#: IN-lists are cut to this size (SQLite's old limit of 999 bound parameters).
IN_CHUNK = 900


def _insert(conn: Connection, table: sa.Table) -> PostgresInsert | SqliteInsert:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgres_insert

        return postgres_insert(table)
    if conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)
    raise NotImplementedError(conn.dialect.name)  # pragma: no cover - only the two backends


def _upsert(conn: Connection, table: sa.Table, rows: list[dict], keys: Sequence[str]) -> None:
    if not rows:
        return
    stmt = _insert(conn, table)
    update = {name: stmt.excluded[name] for name in rows[0] if name not in keys}
    stmt = stmt.on_conflict_do_update(index_elements=list(keys), set_=update)
    conn.execute(stmt, rows)


def _chunks(values: Sequence, size: int = IN_CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


# --------------------------------------------------------------------------- outline


def sync_outline(conn: Connection, outline: Outline, *, now: str) -> dict[str, int]:
    """Upsert topics and claims; returns each outline claim's query_version.

    A changed query text bumps query_version (counts before and after are not comparable);
    claims no longer in the outline are marked inactive, their data kept.
    """
    for topic in outline.topics:
        _upsert(
            conn,
            topics,
            [
                dict(
                    topic_id=topic.topic_id,
                    title=topic.title,
                    outline_title=outline.title,
                    position=topic.position,
                )
            ],
            ["topic_id"],
        )
    stored = {
        row.claim_id: row
        for row in conn.execute(
            sa.select(claims.c.claim_id, claims.c.query, claims.c.query_version)
        )
    }
    versions: dict[str, int] = {}
    for claim in outline.claims:
        old = stored.get(claim.claim_id)
        version = 1 if old is None else old.query_version + (old.query != claim.query)
        versions[claim.claim_id] = version
        _upsert(
            conn,
            claims,
            [
                dict(
                    claim_id=claim.claim_id,
                    topic_id=claim.topic_id,
                    group_name=claim.group,
                    claim=claim.claim,
                    query=claim.query,
                    query_version=version,
                    reference_query=claim.reference_query,
                    notes=claim.notes,
                    position=claim.position,
                    active=True,
                    updated_at=now,
                    scope=claim.scope,
                    context=claim.context,
                    restates=claim.restates,
                    type=claim.type,
                )
            ],
            ["claim_id"],
        )
    gone = [cid for cid in stored if cid not in versions]
    for part in _chunks(gone):
        conn.execute(
            claims.update()
            .where(claims.c.claim_id.in_(part), claims.c.active.is_(True))
            .values(active=False, updated_at=now)
        )
    return versions


# --------------------------------------------------------------------------- runs


def mark_interrupted_runs(conn: Connection, *, now: str) -> int:
    """Runs still 'running' belong to a killed process (the caller holds the lock)."""
    return conn.execute(
        fetch_runs.update()
        .where(fetch_runs.c.status == "running")
        .values(status="interrupted", finished_at=now, message="process ended before the run")
    ).rowcount


def start_run(
    conn: Connection, *, now: str, mode: str, outline_path: str, claims_total: int
) -> int:
    result = conn.execute(
        fetch_runs.insert().values(
            started_at=now,
            status="running",
            mode=mode,
            outline_path=outline_path,
            claims_total=claims_total,
        )
    )
    return int(result.inserted_primary_key[0])


#: How a run can end (store/db/schema.py's fetch_runs.status, without "running").
RUN_ENDINGS = ("ok", "incomplete", "partial", "failed", "unreachable", "interrupted")


def finish_run(conn: Connection, run_id: int, *, now: str, **values) -> None:
    """Set the run's final status and totals (status, requests, retries, errors, ...)."""
    if values.get("status") not in RUN_ENDINGS:
        raise ValueError(f"run status {values.get('status')!r}: not one of {RUN_ENDINGS}")
    conn.execute(
        fetch_runs.update().where(fetch_runs.c.run_id == run_id).values(finished_at=now, **values)
    )


# --------------------------------------------------------------------------- articles


def record_row(record: PubmedRecord, *, fetched_at: str) -> dict:
    """A PubmedRecord as an `articles` row; list fields become JSON arrays.

    mesh is `[{"descriptor", "ui", "major", "qualifiers": [{"name", "major"}]}]`.
    """
    return dict(
        pmid=record.pmid,
        title=record.title,
        abstract=record.abstract,
        is_book=record.is_book,
        citation_status=record.citation_status,
        journal=record.journal,
        journal_iso=record.journal_iso,
        volume=record.volume,
        issue=record.issue,
        pages=record.pages,
        pub_year=record.pub_year,
        pub_month=record.pub_month,
        pub_day=record.pub_day,
        pub_date=record.pub_date,
        pub_date_text=record.pub_date_text,
        electronic_date=record.electronic_date,
        entrez_date=record.entrez_date,
        date_revised=record.date_revised,
        authors=list(record.authors),
        first_author=record.authors[0] if record.authors else "",
        languages=list(record.languages),
        language=record.languages[0] if record.languages else "",
        publication_types=list(record.publication_types),
        mesh=[
            {
                "descriptor": m.descriptor,
                "ui": m.ui,
                "major": m.major,
                "qualifiers": [{"name": q, "major": major} for q, major in m.qualifiers],
            }
            for m in record.mesh
        ],
        keywords=list(record.keywords),
        doi=record.doi,
        pmc=record.pmc,
        retracted=record.retracted,
        retraction_in=list(record.retraction_in),
        erratum_in=list(record.erratum_in),
        study_design=record.study_design,
        design_source=record.design_source,
        concern=record.concern,
        preprint=record.preprint,
        veterinary=record.veterinary,
        updates=list(record.updates),
        updated_by=list(record.updated_by),
        registry_ids=list(record.registry_ids),
        flagged_at=fetched_at if record.retracted or record.concern else None,
        humans=record.humans,
        animals=record.animals,
        species_source=record.species_source,
        fetched_at=fetched_at,
        deleted_at=None,
        cut_fields=",".join(record.cut_fields),
    )


def upsert_articles(conn: Connection, records: Iterable[PubmedRecord], *, fetched_at: str) -> int:
    """Insert or replace articles by pmid; returns how many rows were written."""
    rows = {r.pmid: record_row(r, fetched_at=fetched_at) for r in records}
    if not rows:
        return 0
    stmt = _insert(conn, articles)
    update = {name: stmt.excluded[name] for name in next(iter(rows.values())) if name != "pmid"}
    # A record already flagged keeps the moment it was first flagged (the digest reports
    # records flagged since its last mail); one no longer flagged loses it.
    update["flagged_at"] = sa.case(
        (stmt.excluded.flagged_at.is_(None), None),
        else_=sa.func.coalesce(articles.c.flagged_at, stmt.excluded.flagged_at),
    )
    conn.execute(
        stmt.on_conflict_do_update(index_elements=["pmid"], set_=update), list(rows.values())
    )
    return len(rows)


def mark_deleted(conn: Connection, pmids: Iterable[int], *, now: str) -> int:
    """PubMed withdrew these PMIDs: flag the stored rows, keep them."""
    done = 0
    for part in _chunks(sorted(set(pmids))):
        done += conn.execute(
            articles.update()
            .where(articles.c.pmid.in_(part), articles.c.deleted_at.is_(None))
            .values(deleted_at=now)
        ).rowcount
    return done


def stored_pmids(conn: Connection, pmids: Iterable[int]) -> set[int]:
    """Which of `pmids` are already in `articles`."""
    found: set[int] = set()
    for part in _chunks(sorted(set(pmids))):
        found.update(
            conn.execute(sa.select(articles.c.pmid).where(articles.c.pmid.in_(part))).scalars()
        )
    return found


def unindexed_due(
    conn: Connection, *, now: datetime, every: timedelta, within: timedelta
) -> list[int]:
    """Linked records not yet MEDLINE-indexed, fetched `every` ago, entered within `within`.

    MeSH terms and publication types arrive weeks after a record enters PubMed, so these
    are fetched again (bounded: recent, not yet indexed, at most once per `every`).
    """
    fetched_before = (now - every).strftime("%Y-%m-%dT%H:%M:%SZ")
    entered_after = (now - within).strftime("%Y-%m-%d")
    linked = sa.select(claim_articles.c.pmid).where(claim_articles.c.dropped_at.is_(None))
    query = sa.select(articles.c.pmid).where(
        articles.c.citation_status != "MEDLINE",
        articles.c.fetched_at <= fetched_before,
        articles.c.entrez_date >= entered_after,
        articles.c.deleted_at.is_(None),
        articles.c.pmid.in_(linked),
    )
    return sorted(conn.execute(query).scalars())


# --------------------------------------------------------------------------- links


def claim_links(conn: Connection, claim_id: str) -> dict[int, str | None]:
    """pmid → dropped_at (None while the link is active) for one claim."""
    rows = conn.execute(
        sa.select(claim_articles.c.pmid, claim_articles.c.dropped_at).where(
            claim_articles.c.claim_id == claim_id
        )
    )
    return {int(pmid): dropped for pmid, dropped in rows}


def active_link_count(conn: Connection, claim_id: str) -> int:
    """Links of a claim that still match (not dropped)."""
    return conn.execute(
        sa.select(sa.func.count()).where(
            claim_articles.c.claim_id == claim_id, claim_articles.c.dropped_at.is_(None)
        )
    ).scalar_one()


def link_claim(
    conn: Connection,
    claim_id: str,
    pmids: Iterable[int],
    *,
    run_id: int,
    now: str,
    complete: bool,
) -> tuple[int, int]:
    """Link `pmids` to the claim; returns (new links, dropped links).

    New links get first_seen=now and first_run_id; existing ones get last_seen=now and
    lose any dropped_at (the record matches again). When `pmids` is the claim's complete
    id set (`complete`), active links outside it are marked dropped_at=now — never deleted.
    """
    current = set(pmids)
    before = claim_links(conn, claim_id)
    rows = [
        dict(
            claim_id=claim_id,
            pmid=pmid,
            first_seen=now,
            last_seen=now,
            first_run_id=run_id,
            dropped_at=None,
        )
        for pmid in sorted(current)
    ]
    if rows:
        stmt = _insert(conn, claim_articles)
        stmt = stmt.on_conflict_do_update(
            index_elements=["claim_id", "pmid"],
            set_={"last_seen": stmt.excluded.last_seen, "dropped_at": None},
        )
        conn.execute(stmt, rows)
    new = sum(1 for pmid in current if pmid not in before)
    dropped = 0
    if complete:
        gone = sorted(p for p, d in before.items() if d is None and p not in current)
        for part in _chunks(gone):
            dropped += conn.execute(
                claim_articles.update()
                .where(claim_articles.c.claim_id == claim_id, claim_articles.c.pmid.in_(part))
                .values(dropped_at=now)
            ).rowcount
    else:
        # The id set came from a reconciled trailing window: every active link still matches.
        conn.execute(
            claim_articles.update()
            .where(claim_articles.c.claim_id == claim_id, claim_articles.c.dropped_at.is_(None))
            .values(last_seen=now)
        )
    return new, dropped


def write_skipped(conn: Connection, run_id: int, rows: Sequence[dict]) -> None:
    """The run's skipped records: dicts of pmid, position, reason, claim_ids."""
    if rows:
        conn.execute(
            skipped_records.insert(),
            [{"run_id": run_id, "seq": n, **row} for n, row in enumerate(rows, 1)],
        )


def write_claim_count(conn: Connection, **values) -> None:
    """One row per (run, claim): PubMed's Count and what this run did for the claim."""
    _upsert(conn, claim_counts, [values], ["run_id", "claim_id"])


def last_success(conn: Connection, claim_id: str, query_version: int) -> str | None:
    """When this claim's current query last fetched successfully (None: never)."""
    return conn.execute(
        sa.select(sa.func.max(claim_counts.c.counted_at)).where(
            claim_counts.c.claim_id == claim_id,
            claim_counts.c.query_version == query_version,
            claim_counts.c.status == "ok",
        )
    ).scalar()


# --------------------------------------------------------------------------- year counts


def year_counts_counted(conn: Connection, series: str) -> dict[int, tuple[str, str]]:
    """year → (counted_at, query) already stored for `series`."""
    rows = conn.execute(
        sa.select(year_counts.c.year, year_counts.c.counted_at, year_counts.c.query).where(
            year_counts.c.series == series
        )
    )
    return {int(y): (at, q) for y, at, q in rows}


def upsert_year_count(
    conn: Connection, *, series: str, year: int, count: int, query: str, now: str
) -> None:
    _upsert(
        conn,
        year_counts,
        [dict(series=series, year=year, count=count, query=query, counted_at=now)],
        ["series", "year"],
    )


def earliest_linked_year(conn: Connection, claim_id: str | None = None) -> int | None:
    """Earliest pub_year among active links (of one claim, or of all claims)."""
    query = (
        sa.select(sa.func.min(articles.c.pub_year))
        .select_from(articles.join(claim_articles, claim_articles.c.pmid == articles.c.pmid))
        .where(claim_articles.c.dropped_at.is_(None), articles.c.pub_year.is_not(None))
    )
    if claim_id is not None:
        query = query.where(claim_articles.c.claim_id == claim_id)
    value = conn.execute(query).scalar()
    return int(value) if value is not None else None
