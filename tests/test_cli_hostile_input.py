"""Hostile input from the command line's side: export targets, line-based formats,
careless arguments, outline ids and text, the crontab (docs/reliability.md)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import plotly.io
import pytest
import rispy

from dashboard.charts import plotly_text, trend_lines
from fetchers.cli import cli
from fetchers.outline import query_check
from fetchers.outline.id_limits import ID_MAX_CHARS
from store.db.schema import claims, topics, year_counts
from store.export.notes import export_notes
from store.export.ris_file import write_ris
from store.formats.markdown import md_escape
from store.formats.text import one_line
from tests.support.dashboard_seed import build_seed
from tests.support.ops_helpers import isolate_ops_env

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def seeded(sqlite_url) -> str:
    build_seed(sqlite_url)
    return sqlite_url


def _export(runner, url: str, out: str, kind: str = "ris"):
    return runner.invoke(cli, ["export", kind, "--out", out, "--db", url, "--no-notes"])


# --- 2: export --out ---------------------------------------------------------------------


def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(runner, seeded, tmp_path):
    target = tmp_path / "real" / "refs.ris"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "refs-link.ris"
    link.symlink_to(target)
    result = _export(runner, seeded, str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target
    assert "\nTY  - JOUR\n" in target.read_text()
    assert sorted(p.name for p in target.parent.iterdir()) == ["refs.ris"]  # no temp left


def test_export_through_a_dangling_symlink_creates_its_target(runner, seeded, tmp_path):
    target = tmp_path / "new.ris"
    link = tmp_path / "link.ris"
    link.symlink_to(target)
    assert _export(runner, seeded, str(link)).exit_code == 0
    assert link.is_symlink() and "\nTY  - JOUR\n" in target.read_text()


def test_export_to_a_fifo_a_device_or_a_folder_is_refused(runner, seeded, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target, message in (
        (str(fifo), f"Error: {fifo}: not a regular file (a device, FIFO or socket); use --out - "
         "to write to standard output"),
        ("/dev/null", "Error: /dev/null: not a regular file (a device, FIFO or socket); use "
         "--out - to write to standard output"),
        (str(tmp_path), f"Error: {tmp_path}: is a folder; give a file name"),
    ):  # fmt: skip
        result = _export(runner, seeded, target)
        assert result.exit_code == 1
        assert result.output.strip() == message
    assert fifo.exists() and not fifo.is_file()
    assert Path("/dev/null").is_char_device()


def test_export_to_dev_full_reports_the_error(seeded):
    refused = subprocess.run(
        [sys.executable, "-m", "fetchers.cli", "export", "ris", "--out", "/dev/full"],
        capture_output=True, text=True, env={**os.environ, "LITTRACK_DB": seeded}, cwd=ROOT,
    )  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "Error: /dev/full: not a regular file (a device, FIFO or socket); use --out - to "
        "write to standard output"
    )
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "fetchers.cli", "export", "ris", "--out", "-"],
            stdout=full, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "LITTRACK_DB": seeded}, cwd=ROOT,
        )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: standard output: cannot write: No space left on device"


def test_export_to_stdout_with_a_dash(runner, seeded):
    result = runner.invoke(cli, ["export", "ris", "--out", "-", "--db", seeded])
    assert result.exit_code == 0
    assert "\nTY  - JOUR\n" in result.stdout


def test_a_failed_export_keeps_the_old_file_and_leaves_no_temp(
    runner, seeded, tmp_path, monkeypatch
):
    target = tmp_path / "out" / "refs.ris"
    target.parent.mkdir()
    target.write_text("previous export\n")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("store.export.ris_file.rispy.dumps", full_disk)
    result = _export(runner, seeded, str(target))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {target}: cannot write: No space left on device"
    assert target.read_text() == "previous export\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["refs.ris"]


# --- 4: line-based formats fold line breaks ----------------------------------------------

BREAKS = ["\n", "\r", "\r\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"]


@pytest.mark.parametrize("brk", BREAKS, ids=[repr(b) for b in BREAKS])
def test_ris_values_never_contain_a_line_break(brk):
    forged = f"Evil A{brk}TY  - JOUR{brk}UR  - https://attacker.example{brk}ER  - "
    record = {
        "pmid": 123,
        "title": f"Title{brk}TY  - JOUR",
        "authors": [forged],
        "language": f"eng{brk}UR  - https://attacker.example",
        "abstract": f"LABEL{brk}ER  - : text",
        "journal": "J",
        "pubmed_url": "https://pubmed.ncbi.nlm.nih.gov/123/",
        "claim_id": "c1",
    }
    out = io.StringIO()
    assert write_ris([record], out) == 1
    text = out.getvalue()
    entries = rispy.loads(text)
    assert len(entries) == 1
    assert entries[0]["accession_number"] == "123"
    assert entries[0]["urls"] == ["https://pubmed.ncbi.nlm.nih.gov/123/"]
    assert "attacker" not in " ".join(entries[0].get("urls", []))
    tags = [line[:6] for line in text.splitlines() if line[:6] in ("TY  - ", "ER  - ", "UR  - ")]
    assert tags == ["TY  - ", "UR  - ", "ER  - "]


def test_notes_filters_are_one_line_each():
    text = export_notes(
        kind="ris", file_name="x.ris", rows=1, exported_at="2026-01-01T00:00:00Z",
        data_version="1:x", filters={"topic": "a\nforged: yes"},
    )  # fmt: skip
    assert "filters: topic=a forged: yes" in text.splitlines()


def test_one_line_folds_exactly_what_splitlines_splits():
    every = "".join(chr(c) for c in range(0x3000))
    boundaries = {c for c in every if len(f"a{c}b".splitlines()) == 2}
    assert {c for c in every if one_line(f"a{c}b") != f"a{c}b"} == boundaries
    assert all(one_line(f"a{c}b") == "a b" for c in boundaries)


# --- 14, 26: arguments that used to end in a traceback or disable a check ------------------


@pytest.mark.parametrize("command", [["digest"], ["export", "ris", "--out", "-"]])
def test_since_far_in_the_past_is_one_error_line(runner, seeded, command):
    result = runner.invoke(cli, [*command, "--since", "100000000d", "--db", seeded])
    assert result.exit_code != 0
    assert result.output.strip().splitlines()[-1] == (
        "Error: --since '100000000d': reaches back before the year 1; give a date instead"
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0"])
def test_stale_hours_must_be_a_positive_finite_number(runner, seeded, value):
    result = runner.invoke(cli, ["status", "--stale-hours", value, "--db", seeded])
    assert result.exit_code == 2
    assert result.output.strip().startswith(
        f"Error: Invalid value for '--stale-hours': {value!r} is not a positive, finite "
        "number of hours (see '"
    )
    assert len(result.output.strip().splitlines()) == 1


# --- 15, 16: nothing kept, or a URL typo --------------------------------------------------


@pytest.mark.parametrize(
    ("db", "shown"),
    [("sqlite:///", "sqlite:///"), ("sqlite://", "sqlite://"), (":memory:", "sqlite:///:memory:")],
)
def test_in_memory_databases_are_refused(runner, db, shown):
    result = runner.invoke(cli, ["fetch", "--db", db, "--eutils-url", "http://127.0.0.1:9/"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"Error: database URL {shown!r} is an in-memory SQLite database: nothing would be "
        "kept; give a file path (e.g. data/littrack.sqlite)"
    )


@pytest.mark.parametrize(
    ("url", "why"),
    [("htp://eutils/", "unknown scheme 'htp' (use http:// or https://)"),
     ("not a url", "not a URL (use http:// or https://)")],
)  # fmt: skip
def test_a_url_typo_is_one_line_before_any_request(runner, tmp_path, url, why):
    db = tmp_path / "lit.sqlite"
    result = runner.invoke(cli, ["fetch", "--db", str(db), "--eutils-url", url])
    assert result.exit_code == 2
    shown = url if url.endswith("/") else url + "/"  # settings end the base URL with '/'
    assert result.output.strip() == f"Error: E-utilities URL {shown!r}: {why}"


# --- 17, 18: outline check --------------------------------------------------------------


class _CountingStr(str):
    """Counts the characters every slice of the query copies."""

    copied = 0

    def __getitem__(self, key):
        part = str.__getitem__(self, key)
        if isinstance(key, slice):
            _CountingStr.copied += len(part)
        return part


def test_outline_check_is_linear_on_colons():
    query = _CountingStr("ketamine" + " :" * 20_000)
    _CountingStr.copied = 0
    problems = query_check.check_query(query)
    assert problems  # the lone ':' are still reported
    assert _CountingStr.copied <= 4 * len(query)  # was ~len(query)**2 / 4


def test_ids_longer_than_the_database_holds_are_refused(runner, tmp_path):
    assert ID_MAX_CHARS == claims.c.claim_id.type.length == topics.c.topic_id.type.length
    assert year_counts.c.series.type.length >= len("reference:") + ID_MAX_CHARS
    long_id = "a" * 300
    outline = tmp_path / "o.yaml"
    outline.write_text(
        "title: T\nsource: s\nsubject: x\ntopics:\n"
        f"  - id: {long_id}\n    title: T\n    claims:\n"
        f"      - id: ok-claim\n        claim: C\n        query: ketamine[tiab]\n"
        f"      - id: {'b' * 201}\n        claim: C\n        query: ketamine[tiab]\n"
    )
    result = runner.invoke(cli, ["outline", "check", str(outline)])
    assert result.exit_code == 1
    assert f"topic id '{'a' * 40}...' is 300 characters long; the database holds at most 200" in (
        result.output
    )
    assert f"claim id '{'b' * 40}...' is 201 characters long; the database holds at most 200" in (
        result.output
    )
    outline.write_text(
        outline.read_text().replace(long_id, "a" * 200).replace("b" * 201, "b" * 200)
    )
    assert runner.invoke(cli, ["outline", "check", str(outline)]).exit_code == 0


# --- 22: outline text is never markup on the dashboard -------------------------------------


def test_plotly_labels_show_markup_as_text():
    import pandas as pd

    title = '<a href="https://evil.example">click</a> & <b>bold</b>'
    frame = pd.DataFrame({"name": [title], "year": [2020], "records": [3]})
    fig = trend_lines(frame)
    label = fig.data[0].name
    assert label == plotly_text(title)
    assert "<a" not in label and "<b>" not in label
    assert (
        label
        == '&lt;a href="https://evil.example"&gt;click&lt;/a&gt; &amp; &lt;b&gt;bold&lt;/b&gt;'
    )
    assert "<a href" not in plotly.io.to_json(fig)


def test_claim_text_cannot_be_autolinked():
    shown = md_escape("See https://evil.example/x, www.evil.example and me@evil.example")
    for start in ("https://", "www.", "me@evil"):
        assert start not in shown.replace("\\", "")
    assert shown.replace("\u2060", "").replace("\\", "") == (
        "See https://evil.example/x, www.evil.example and me@evil.example"
    )


# --- 10, 24, 25: schedule install --------------------------------------------------------


@pytest.fixture
def home(monkeypatch, tmp_path):
    return isolate_ops_env(monkeypatch, tmp_path)


FOREIGN = (
    b"MAILTO=someone@example.org\n"
    b"this line is not valid cron\n"
    b"0 3 * * 1 /usr/bin/caf\xe9-backup --weekly\r\n"
    b"# no newline at the end"
)


def test_foreign_crontab_lines_are_kept_byte_for_byte(runner, home, tmp_path):
    crontab = tmp_path / "crontab"
    crontab.write_bytes(FOREIGN)
    args = ["schedule", "install", "--crontab-file", str(crontab), "--at", "23:10"]
    result = runner.invoke(cli, [*args, "--timezone", "UTC"])
    assert result.exit_code == 0, result.output
    text = crontab.read_bytes()
    assert text.startswith(FOREIGN + b"\n")
    assert text.count(b"# littrack-nightly-fetch") == 1
    status = runner.invoke(cli, ["schedule", "show", "--crontab-file", str(crontab)])
    assert status.exit_code == 0 and "10 23 * * *" in status.output
    result = runner.invoke(cli, ["schedule", "remove", "--crontab-file", str(crontab)])
    assert result.exit_code == 0
    assert crontab.read_bytes() == FOREIGN + b"\n"


def test_systemd_install_into_an_unwritable_unit_folder_changes_nothing(runner, home, tmp_path):
    crontab = tmp_path / "crontab"
    crontab.write_bytes(b"0 3 * * 1 /usr/bin/backup\n")
    assert (
        runner.invoke(
            cli, ["schedule", "install", "--crontab-file", str(crontab), "--at", "23:10"]
        ).exit_code
        == 0
    )
    before = crontab.read_bytes()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the unit folder's parent should be")
    units = blocker / "units"
    result = runner.invoke(cli, ["schedule", "install", "--systemd", "--unit-dir", str(units)])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: unit folder {units}: not writable ({blocker} is not writable)"
    )
    assert crontab.read_bytes() == before  # the cron entry is still there


def test_an_unwritable_log_path_is_refused_before_any_change(runner, home, tmp_path):
    crontab = tmp_path / "crontab"
    crontab.write_bytes(b"0 3 * * 1 /usr/bin/backup\n")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    log = blocker / "logs" / "fetch.log"
    result = runner.invoke(
        cli, ["schedule", "install", "--crontab-file", str(crontab), "--log", str(log)]
    )
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: log folder {log.parent}: not writable ({blocker} is not writable)"
    )
    assert crontab.read_bytes() == b"0 3 * * 1 /usr/bin/backup\n"
    assert not (Path(os.environ["LITTRACK_CONFIG_DIR"]) / "env").exists()


def test_the_readme_makes_no_cron_d_claim():
    readme = (ROOT / "README.md").read_text()
    assert "/etc/cron.d" not in readme
