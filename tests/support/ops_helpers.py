"""Helpers for the nightly-operation tests: an isolated config/state folder, and rows written
straight into the schema tables for database states a real fetch cannot produce on demand
(a run 3 days old, a run that is still 'running')."""

from __future__ import annotations

import os
import socket
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from store.db.schema import articles, claim_articles, claim_counts, claims, fetch_runs, topics

ROOT = Path(__file__).resolve().parents[2]


def isolate_ops_env(monkeypatch, tmp_path: Path) -> Path:
    """Config, state and systemd folders inside tmp_path; never the user's own."""
    home = tmp_path / "home"
    monkeypatch.setenv("LITTRACK_CONFIG_DIR", str(home / ".config" / "littrack"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    for var in [v for v in os.environ if v.startswith("LITTRACK_SMTP_")] + [
        "LITTRACK_DIGEST_TO",
        "LITTRACK_DIGEST_FROM",
    ]:
        monkeypatch.delenv(var, raising=False)
    return home


def ts(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def hours_ago(hours: float) -> str:
    return ts(datetime.now(UTC) - timedelta(hours=hours))


def add_topic(engine, topic_id: str, title: str, position: int = 0) -> None:
    with engine.begin() as conn:
        conn.execute(topics.insert().values(topic_id=topic_id, title=title, position=position))


def add_claim(engine, claim_id: str, topic_id: str, claim: str, position: int = 0) -> None:
    with engine.begin() as conn:
        conn.execute(
            claims.insert().values(
                claim_id=claim_id,
                topic_id=topic_id,
                claim=claim,
                query=f"{claim_id}[tiab]",
                position=position,
                updated_at=hours_ago(100),
            )
        )


def add_article(engine, pmid: int, title: str, **values) -> None:
    row = {
        "pmid": pmid,
        "title": title,
        "journal": "Test Journal",
        "pub_date": "2024-05-01",
        "pub_year": 2024,
        "authors": [],
        "languages": ["eng"],
        "publication_types": ["Journal Article"],
        "mesh": [],
        "keywords": [],
        "retraction_in": [],
        "erratum_in": [],
        "fetched_at": hours_ago(1),
        **values,
    }
    with engine.begin() as conn:
        conn.execute(articles.insert().values(**row))


def link(
    engine,
    claim_id: str,
    pmid: int,
    first_seen: str,
    dropped_at: str | None = None,
    first_run_id: int | None = None,
):
    """A claim_articles row. Without `first_run_id` (or with the claim's first successful
    run) it is a baseline link, never "new" (store.evidence.novelty)."""
    with engine.begin() as conn:
        conn.execute(
            claim_articles.insert().values(
                claim_id=claim_id,
                pmid=pmid,
                first_seen=first_seen,
                last_seen=first_seen,
                dropped_at=dropped_at,
                first_run_id=first_run_id,
            )
        )


def add_run(
    engine,
    status: str,
    finished_hours_ago: float | None,
    *,
    claims_total: int = 2,
    claims_failed: int = 0,
    message: str = "",
    counts: dict[str, tuple[str, str]] | None = None,
) -> int:
    """A fetch_runs row (and claim_counts rows: claim_id → (status, error))."""
    finished = None if finished_hours_ago is None else hours_ago(finished_hours_ago)
    started = hours_ago((finished_hours_ago or 0) + 0.1)
    with engine.begin() as conn:
        run_id = conn.execute(
            fetch_runs.insert().values(
                started_at=started,
                finished_at=finished,
                status=status,
                claims_total=claims_total,
                claims_failed=claims_failed,
                message=message,
            )
        ).inserted_primary_key[0]
        for claim_id, (claim_status, error) in (counts or {}).items():
            conn.execute(
                claim_counts.insert().values(
                    run_id=run_id,
                    claim_id=claim_id,
                    counted_at=finished or started,
                    count=3,
                    retrieved=3,
                    status=claim_status,
                    error=error,
                )
            )
    return run_id


def closed_port_url() -> str:
    """An http URL on 127.0.0.1 where nothing listens (connection refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/entrez/eutils/"


def littrack_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "fetchers.cli", *args]


def count_rows(engine, sql: str, **params) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql), params)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
