"""The documentation grows with the code: every setting is in the README's table, every
command in the README's daily use or in the generated reference, and the generated parts of
docs/ (the CLI reference, the export data dictionary) match the code they are made from."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from fetchers.cli import cli
from fetchers.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
GENERATED = ["docs/cli.md", "docs/exports.md"]


@pytest.mark.parametrize("setting", SETTINGS, ids=[s.env for s in SETTINGS])
def test_every_setting_is_in_the_readme(setting):
    settings = README.split("<!-- section:settings -->")[1].split("<!-- /section:settings -->")[0]
    assert f"`{setting.env}`" in settings


def _command_paths(command: click.Command, path: tuple[str, ...] = ()):
    if path:
        yield " ".join(path)
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _command_paths(sub, (*path, name))


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_in_the_readme(command):
    assert f"littrack {command}" in README


@pytest.mark.parametrize("command", sorted(_command_paths(cli)))
def test_every_command_has_a_reference_section(command):
    assert f"\n## littrack {command}\n" in CLI_DOC


def test_generated_docs_match_the_code():
    """`cog --check` fails when a command's help (or an export column) changed without
    `cog -r docs/cli.md docs/exports.md` being run."""
    proc = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", *GENERATED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_readme_is_for_users_and_links_the_reference():
    assert len(README.splitlines()) <= 320
    for target in (
        "docs/cli.md",
        "docs/fetching.md",
        "docs/operations.md",
        "docs/exports.md",
        "tests/emulator/README.md",
        "bench/README.md",
    ):
        assert f"]({target})" in README, target
        assert (ROOT / target).is_file(), target


def test_readme_opens_with_the_two_commands():
    head = README.split("## ", 1)[0]
    assert "littrack up" in head
    assert "bash scripts/test.sh" in head


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "bash scripts/test.sh" in ci


def test_every_docs_page_is_indexed_by_reader_and_listed_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    index = (ROOT / "docs" / "README.md").read_text()
    pages = sorted(p.name for p in (ROOT / "docs").glob("*.md") if p.name != "README.md")
    assert [p for p in pages if f"]({p})" not in index] == []
    assert [p for p in pages if f"](docs/{p})" not in readme] == []


def test_docs_cite_no_issue_numbers_and_no_documents_outside_the_repository():
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text()
        assert not re.search(r"\b[Ii]ssue #?\d+", text), page.name
        assert "-review.md" not in text, page.name


#: The commands that read each setting the README gives a general flag for: each must take
#: that flag, or the README's "a flag overrides it" is false for them.
READERS = {
    "LITTRACK_EUTILS_URL": ["fetch", "up", "scheduler", "schedule install", "outline check"],
    "LITTRACK_OUTLINE": ["fetch", "up", "scheduler", "schedule install"],
    "LITTRACK_DB": [
        "fetch",
        "up",
        "dashboard",
        "status",
        "digest",
        "scheduler",
        "schedule install",
    ],
}


def _readme_flags() -> dict[str, str]:
    """variable → flag, for the settings table's rows whose flag is not tied to one command."""
    settings = README.split("<!-- section:settings -->")[1].split("<!-- /section:settings -->")[0]
    flags = {}
    for row in settings.splitlines():
        cells = [c.strip() for c in row.strip("|").split("|")]
        if len(cells) == 4 and cells[1].startswith("`--") and cells[1].endswith("`"):
            flags[cells[0].strip("`")] = cells[1].strip("`")
    return flags


def test_the_readme_flags_are_the_ones_checked():
    assert {k: v for k, v in _readme_flags().items() if k != "LITTRACK_DIGEST_TO"} == {
        "LITTRACK_DB": "--db",
        "LITTRACK_OUTLINE": "--outline",
        "LITTRACK_EUTILS_URL": "--eutils-url",
    }


@pytest.mark.parametrize(
    "variable,command", [(v, c) for v, commands in READERS.items() for c in commands]
)
def test_every_command_that_reads_a_setting_takes_its_readme_flag(variable, command):
    found: click.Command = cli
    for name in command.split():
        found = found.commands[name]  # type: ignore[attr-defined]
    flag = _readme_flags()[variable]
    assert flag in {opt for p in found.params for opt in getattr(p, "opts", [])}
