"""The common user errors of every command group, as a user sees them: exactly one line on
stderr, word for word, and the exit status the command documents. Run in a real process from
a scratch folder, so relative paths in the messages are the ones the user typed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from store.db.connect import open_engine

OUTLINE = str(Path(__file__).resolve().parents[1] / "data" / "outlines" / "ketamine-analgesia.yaml")

CASES = [
    # outline
    (["outline", "check", "nope.yaml"], 1, "Error: nope.yaml: no such file"),
    (
        ["outline", "import", "nope.txt", "--subject", "ketamine", "--out", "draft.yaml"],
        1,
        "Error: nope.txt: no such file",
    ),
    (
        ["outline", "frobnicate"],
        2,
        "Error: No such command 'frobnicate'. (see 'littrack outline --help')",
    ),
    # fetch
    (
        ["fetch", "--outline", OUTLINE, "--db", "new.sqlite", "--claim", "no-such-claim"],
        2,
        f"Error: {OUTLINE}: no claim with id 'no-such-claim'",
    ),
    (
        ["fetch", "--outline", "missing.yaml", "--db", "new.sqlite"],
        2,
        "Error: missing.yaml: no such file",
    ),
    # export
    (
        ["export", "publications", "--db", "absent.sqlite", "--out", "a.csv"],
        1,
        "Error: absent.sqlite: no such database (run `littrack fetch` first)",
    ),
    (
        ["export", "publications", "--db", "stray.sqlite", "--out", "a.csv"],
        1,
        "Error: the database has no littrack tables (run `littrack fetch` first)",
    ),
    (
        ["export", "publications", "--db", "store.sqlite", "--topic", "nope", "--out", "a.csv"],
        1,
        "Error: --topic 'nope': no such topic in the database",
    ),
    (
        ["export", "publications", "--db", "store.sqlite", "--out", "no-folder/a.csv"],
        1,
        "Error: no-folder: no such folder",
    ),
    (
        ["export", "ris", "--by", "entrez", "--out", "a.ris"],
        2,
        "Error: --by applies only to `export summary`, not ris (see 'littrack export --help')",
    ),
    (
        ["export", "xml", "--out", "a.xml"],
        2,
        "Error: Invalid value for 'KIND': 'xml' is not one "
        "of 'publications', 'summary', 'ris', 'screening'. (see 'littrack export --help')",
    ),
    # report
    (
        ["report", "prisma", "--db", "store.sqlite", "--out", "flow.svg"],
        2,
        "Error: give exactly one of --claim, --topic or --all "
        "(see 'littrack report prisma --help')",
    ),
    (
        ["report", "prisma", "--all", "--topic", "t", "--out", "flow.svg"],
        2,
        "Error: give exactly one of --claim, --topic or --all "
        "(see 'littrack report prisma --help')",
    ),
    (
        ["report", "prisma", "--all", "--out", "flow.pdf"],
        2,
        "Error: Invalid value for '--out': 'flow.pdf': give a file name ending in .svg, .png "
        "or .csv (see 'littrack report prisma --help')",
    ),
    (
        ["report", "prisma", "--claim", "nope", "--db", "store.sqlite", "--out", "flow.csv"],
        1,
        "Error: --claim 'nope': no such claim in the database",
    ),
    (
        ["report", "prisma", "--topic", "nope", "--db", "store.sqlite", "--out", "flow.csv"],
        1,
        "Error: --topic 'nope': no such topic in the database",
    ),
    (
        ["report", "prisma", "--all", "--db", "stray.sqlite", "--out", "flow.svg"],
        1,
        "Error: the database has no littrack tables (run `littrack fetch` first)",
    ),
    (
        ["report", "prisma", "--all", "--db", "store.sqlite", "--out", "no-folder/flow.svg"],
        1,
        "Error: no-folder: no such folder",
    ),
    (
        ["report", "search-strategy", "--db", "store.sqlite", "--out", "strategy.txt"],
        2,
        "Error: Invalid value for '--out': 'strategy.txt': give a file name ending in .md or "
        ".csv (see 'littrack report search-strategy --help')",
    ),
    (
        ["report", "changes", "--since", "last month", "--db", "store.sqlite", "--out", "c.md"],
        1,
        "Error: --since 'last month': expected a duration (7d, 36h, 2w) or a date (2026-11-01)",
    ),
    (
        ["report", "changes", "--db", "store.sqlite", "--out", "c.md"],
        2,
        "Error: Missing option '--since'. (see 'littrack report changes --help')",
    ),
    # schedule and scheduler
    (
        ["schedule", "install", "--at", "25:00", "--crontab-file", "ct", "--outline", OUTLINE],
        1,
        "Error: --at '25:00': hour must be 0-23 and minute 0-59",
    ),
    (
        ["schedule", "install", "--timezone", "Mars/Base", "--crontab-file", "ct"]
        + ["--outline", OUTLINE],
        1,
        "Error: --timezone 'Mars/Base': unknown time zone (e.g. Europe/Berlin)",
    ),
    (
        ["scheduler", "--at", "7pm", "--outline", OUTLINE],
        1,
        "Error: --at '7pm': expected HH:MM, e.g. 23:40",
    ),
    # status
    (
        ["status", "--stale-hours", "soon"],
        2,
        "Error: Invalid value for '--stale-hours': 'soon' is not a valid float. "
        "(see 'littrack status --help')",
    ),
    # digest
    (
        ["digest", "--since", "yesterday", "--db", "store.sqlite"],
        1,
        "Error: --since 'yesterday': expected a duration (7d, 36h, 2w) or a date (2026-11-01)",
    ),
    (
        ["digest", "--send", "--db", "store.sqlite"],
        1,
        "Error: --send: LITTRACK_SMTP_HOST is not set",
    ),
    (
        ["digest", "--db", "stray.sqlite"],
        1,
        "Error: the database has no littrack tables (run `littrack fetch`)",
    ),
    # db
    (
        ["db", "version", "--db", "absent.sqlite"],
        1,
        "Error: absent.sqlite: no such database (run `littrack fetch` first)",
    ),
    # up and dashboard
    (
        ["up", "--port", "0"],
        2,
        "Error: Invalid value for '--port': 0 is not in the range 1<=x<=65535. "
        "(see 'littrack up --help')",
    ),
    (
        ["dashboard", "--port", "70000"],
        2,
        "Error: Invalid value for '--port': 70000 is not in the range 1<=x<=65535. "
        "(see 'littrack dashboard --help')",
    ),
]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-errors")
    (folder / "stray.sqlite").write_bytes(b"")  # a file that is a database without our tables
    open_engine(f"sqlite:///{folder / 'store.sqlite'}").dispose()  # an empty littrack store
    return folder


@pytest.mark.parametrize("args,code,line", CASES, ids=[" ".join(a[:2]) for a, _, _ in CASES])
def test_user_error_is_exactly_one_line(scratch, args, code, line):
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(scratch),
        "LITTRACK_CONFIG_DIR": str(scratch / "config"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "fetchers.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=scratch,
        env=env,
    )
    assert proc.stderr.splitlines() == [line], proc.stderr
    assert proc.returncode == code
    assert not (scratch / "config" / "env").exists(), "a refused command changed nothing"


def test_a_missing_postgresql_database_suggests_createdb(postgres_available, scratch):
    from tests.conftest import PG_ADMIN_URL

    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/littrack_no_such_db"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(scratch),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
    }
    proc = subprocess.run(
        [sys.executable, "-m", "fetchers.cli", "db", "upgrade", "--db", url],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=scratch,
        env=env,
    )
    assert proc.returncode == 1
    [line] = proc.stderr.splitlines()
    assert line.startswith(f"Error: {url}: cannot connect: ")
    assert line.endswith(
        'database "littrack_no_such_db" does not exist (create it first: createdb '
        "littrack_no_such_db)"
    )
