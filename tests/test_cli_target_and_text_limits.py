"""Command-line inputs at their limits: outlines nested too deep or never ending, queries
nested past what the fetch can read (`outline check` must agree with the fetch), server
text with control characters in `outline check --online`, and `schedule install` given a
symlinked crontab or a FIFO as its log."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fetchers.cli import cli
from fetchers.ops.query_online import OnlineReport, QueryCheck, format_table
from fetchers.outline.load import check_outline
from fetchers.outline.query_check import MAX_QUERY_DEPTH, check_query
from fetchers.outline.query_eval import parse
from store.formats.text import visible
from tests.support.ops_helpers import isolate_ops_env

# --- outlines and queries ------------------------------------------------------------------


def test_an_outline_nested_100000_deep_is_one_error(tmp_path):
    outline = tmp_path / "deep.yaml"
    outline.write_text("title: " + "[" * 100_000 + "]" * 100_000 + "\n")
    report = check_outline(outline)
    assert [e.problem for e in report.errors] == ["YAML nested too deeply to read"]


def test_dev_zero_as_an_outline_is_refused_in_one_line(runner):
    result = runner.invoke(cli, ["outline", "check", "/dev/zero"])
    assert result.exit_code != 0
    assert result.output.strip() == (
        "Error: /dev/zero: not a regular file (a device, FIFO or socket)"
    )


def test_a_query_nested_past_the_limit_fails_check_as_the_fetch_would():
    deep = "(" * 1000 + "ketamine" + ")" * 1000
    assert check_query(deep) == [f"parentheses nested deeper than {MAX_QUERY_DEPTH} levels"]
    fits = "(" * MAX_QUERY_DEPTH + "ketamine" + ")" * MAX_QUERY_DEPTH
    assert check_query(fits) == []
    parse(fits)  # what check accepts, the fetch's evaluator reads


# --- server text on the terminal -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("FAKE: all valid\r\x1b[1Avalid", "FAKE: all valid\\r\\x1b[1Avalid"),
        ("a\x00b\x07c\x9bd", "a\\x00b\\x07c\\x9bd"),
        ("right\u202eleft", "right\\u202eleft"),
        ("ketamine[tiab]", "ketamine[tiab]"),
    ],
)
def test_control_characters_from_the_server_are_made_visible(text, shown):
    assert visible(text) == shown


def test_online_output_cannot_be_spoofed_by_a_query_translation():
    check = QueryCheck(
        claim_id="c1",
        field="query",
        query="ketamine",
        count=3,
        translation="FAKE: all valid\r\x1b[1Avalid",
        notices=[],
        headings=[],
        cached=False,
    )
    report = OnlineReport(path="o.yaml", checks=[check])
    table = format_table(report)
    assert "    PubMed read: FAKE: all valid\\r\\x1b[1Avalid" in table.splitlines()
    assert "\x1b" not in table and "\r" not in table


# --- schedule install targets ---------------------------------------------------------------


@pytest.fixture
def home(monkeypatch, tmp_path):
    return isolate_ops_env(monkeypatch, tmp_path)


def test_a_symlinked_crontab_file_is_written_through_and_stays_a_link(runner, home, tmp_path):
    real = tmp_path / "real-crontab"
    real.write_bytes(b"0 3 * * 1 /usr/bin/backup\n")
    link = tmp_path / "crontab"
    link.symlink_to(real)
    args = ["schedule", "install", "--crontab-file", str(link), "--at", "23:10"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert real.read_bytes().startswith(b"0 3 * * 1 /usr/bin/backup\n")
    assert b"# littrack-nightly-fetch" in real.read_bytes()
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_fifo_as_the_log_is_refused_before_any_change(runner, home, tmp_path):
    crontab = tmp_path / "crontab"
    crontab.write_bytes(b"0 3 * * 1 /usr/bin/backup\n")
    log = tmp_path / "fetch.log"
    os.mkfifo(log)
    args = ["schedule", "install", "--crontab-file", str(crontab), "--log", str(log)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: log file {log}: not a regular file (a device, FIFO or socket)"
    )
    assert crontab.read_bytes() == b"0 3 * * 1 /usr/bin/backup\n"


def test_a_device_as_the_crontab_file_is_refused(runner, home):
    result = runner.invoke(
        cli, ["schedule", "install", "--crontab-file", "/dev/null", "--at", "23:10"]
    )
    assert result.exit_code == 1
    assert "/dev/null: not a regular file (a device, FIFO or socket)" in result.output
    assert Path("/dev/null").is_char_device()
