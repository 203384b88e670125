"""Make the 0.1.0 stores the migration tests upgrade: run littrack 0.1.0's own `fetch`
against its own E-utilities emulator, twice, into SQLite and PostgreSQL.

Run once, with a checkout of the 0.1.0 release and its virtualenv (not by the test suite):

    git worktree add --detach ../legacy v0.1.0-commit && (cd ../legacy && python3 -m venv
    .venv && .venv/bin/pip install -e '.[test]')
    ../legacy/.venv/bin/python tests/legacy/make_stores.py ../legacy tests/legacy

It writes `littrack-0.1.0.sqlite` and `littrack-0.1.0.postgresql.sql` (pg_dump --inserts of
the same fetch on PostgreSQL), both as 0.1.0 left them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

checkout = Path(sys.argv[1]).resolve()
out = Path(sys.argv[2]).resolve()
sys.path.insert(0, str(checkout))
os.chdir(checkout)

from tests.emulator.server import EutilsEmulator  # noqa: E402  (the 0.1.0 emulator)

OUTLINE = "tests/outlines/fetch-small.yaml"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/test"
PG_DB = "littrack_legacy_010"


def fetch(db: str, url: str) -> None:
    env = {**os.environ, "LITTRACK_EUTILS_URL": url, "NCBI_EMAIL": "", "NCBI_API_KEY": ""}
    for _ in range(2):  # a first fetch and an incremental one: runs, counts, links, year counts
        subprocess.run(
            [str(checkout / ".venv/bin/littrack"), "fetch", "--db", db, "--outline", OUTLINE],
            env=env,
            check=True,
        )


with EutilsEmulator(rate_limit_enabled=False) as emu:
    sqlite_file = out / "littrack-0.1.0.sqlite"
    sqlite_file.unlink(missing_ok=True)
    fetch(str(sqlite_file), emu.url)
    subprocess.run(["sqlite3", str(sqlite_file), "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;"])
    for suffix in ("-wal", "-shm"):
        Path(str(sqlite_file) + suffix).unlink(missing_ok=True)

    psql = shutil.which("psql") or "psql"
    subprocess.run([psql, PG_ADMIN, "-c", f"DROP DATABASE IF EXISTS {PG_DB}"], check=True)
    subprocess.run([psql, PG_ADMIN, "-c", f"CREATE DATABASE {PG_DB}"], check=True)
    fetch(f"postgresql://postgres@127.0.0.1:5432/{PG_DB}", emu.url)
    dump = subprocess.run(
        [
            "pg_dump",
            "--inserts",
            "--no-owner",
            "--no-privileges",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            PG_DB,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    (out / "littrack-0.1.0.postgresql.sql").write_text(dump)
    subprocess.run([psql, PG_ADMIN, "-c", f"DROP DATABASE {PG_DB}"], check=True)
print("wrote", *sorted(p.name for p in out.glob("littrack-0.1.0*")))
