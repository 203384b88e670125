"""A full disk mid-fetch: one line naming the database, nothing committed is lost, and the
next run (with room again) finishes with exactly the expected records.

The disk fills through SQLite's own limit (`PRAGMA max_page_count`), which fails a write
with the same SQLITE_FULL error a full file system gives; a second test uses a real 512 KiB
tmpfs where this machine lets root mount one (CI runs as root).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

import store.db.connect
from fetchers.cli import cli
from store.db.connect import open_engine
from store.db.schema import articles, claim_articles

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "outlines" / "fetch-small.yaml"


def _counts(url: str) -> tuple[int, int]:
    engine = open_engine(url, create=False)
    with engine.connect() as conn:
        n_articles = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar()
        n_links = conn.execute(sa.select(sa.func.count()).select_from(claim_articles)).scalar()
    engine.dispose()
    return n_articles, n_links


def _page_count(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return conn.execute("PRAGMA page_count").fetchone()[0]


def test_disk_full_mid_fetch_is_one_line_and_loses_nothing(
    tmp_path, eutils_emulator, runner, monkeypatch
):
    db = tmp_path / "littrack.sqlite"
    env = {
        "LITTRACK_EUTILS_URL": eutils_emulator.url,
        "LITTRACK_OUTLINE": str(SMALL),
        "NCBI_API_KEY": "test-key",
    }
    eutils_emulator.rate_limit_enabled = False
    first = runner.invoke(cli, ["fetch", "--db", str(db), "--no-year-counts"], env=env)
    assert first.exit_code == 0, first.output
    before = _counts(f"sqlite:///{db}")
    assert before[0] > 0 and before[1] > 0

    # New records arrive (copies of real ones), and the disk has room for only a few pages.
    eutils_emulator.clone_records(1_500, query="ketamine[mh]")
    limit = _page_count(db) + 3
    original = store.db.connect._sqlite_pragmas

    def full_disk(dbapi_conn, record):
        original(dbapi_conn, record)
        dbapi_conn.execute(f"PRAGMA max_page_count={limit}")

    monkeypatch.setattr(store.db.connect, "_sqlite_pragmas", full_disk)
    full = runner.invoke(cli, ["fetch", "--db", str(db), "--no-year-counts"], env=env)
    assert full.exit_code == 2
    lines = [line for line in full.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, full.stderr
    assert lines[0].startswith("Error: ") and "database or disk is full" in lines[0]
    assert str(db) in lines[0]
    assert "Traceback" not in full.output + full.stderr
    monkeypatch.setattr(store.db.connect, "_sqlite_pragmas", original)

    during = _counts(f"sqlite:///{db}")
    assert during[0] >= before[0] and during[1] >= before[1], "stored data was lost"

    again = runner.invoke(cli, ["fetch", "--db", str(db), "--no-year-counts"], env=env)
    assert again.exit_code == 0, again.output + again.stderr
    expected = set(eutils_emulator.search_ids("ketamine[mh] OR ketamine[tiab]"))
    engine = open_engine(f"sqlite:///{db}", create=False)
    with engine.connect() as conn:
        linked = set(
            conn.execute(
                sa.select(claim_articles.c.pmid).where(
                    claim_articles.c.claim_id == "ketamine-any",
                    claim_articles.c.dropped_at.is_(None),
                )
            ).scalars()
        )
        total = conn.execute(sa.select(sa.func.count()).select_from(claim_articles)).scalar()
        distinct = conn.execute(
            sa.select(sa.func.count()).select_from(
                sa.select(claim_articles.c.claim_id, claim_articles.c.pmid).distinct().subquery()
            )
        ).scalar()
    engine.dispose()
    assert linked == expected
    assert total == distinct  # no link stored twice


def _can_mount_tmpfs(target: Path) -> str | None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return "mounting a small tmpfs needs root and mount(8)"
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(target)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        return f"this machine refuses to mount a tmpfs: {proc.stderr.strip()}"
    return None


def test_a_really_full_file_system(tmp_path, eutils_emulator):
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    reason = _can_mount_tmpfs(mnt)
    if reason:
        pytest.skip(reason)
    try:
        eutils_emulator.rate_limit_enabled = False
        eutils_emulator.clone_records(1_500, query="ketamine[mh]")
        env = {
            **os.environ,
            "LITTRACK_EUTILS_URL": eutils_emulator.url,
            "LITTRACK_OUTLINE": str(SMALL),
            "LITTRACK_DB": str(mnt / "littrack.sqlite"),
            "NCBI_API_KEY": "test-key",
        }
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                "from fetchers.cli import main; main()",
                "fetch",
                "--no-year-counts",
            ],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 2, proc.stdout + proc.stderr
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "database or disk is full" in lines[0], proc.stderr
        assert "Traceback" not in proc.stderr
        # What was committed is readable: every stored article is whole (a title or a book).
        engine = open_engine(f"sqlite:///{mnt / 'littrack.sqlite'}", create=False)
        with engine.connect() as conn:
            rows = conn.execute(sa.select(articles.c.pmid, articles.c.fetched_at)).all()
        engine.dispose()
        assert all(fetched for _, fetched in rows)
    finally:
        subprocess.run(["umount", str(mnt)], check=False)
