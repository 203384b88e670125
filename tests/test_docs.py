"""The README grows with the code: every setting and every command is documented there."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from fetchers.cli import cli
from fetchers.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=[s.env for s in SETTINGS])
def test_every_setting_is_in_the_readme(setting):
    assert f"`{setting.env}`" in README


def _command_paths(command: click.Command, path: tuple[str, ...] = ()):
    if path:
        yield " ".join(path)
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _command_paths(sub, (*path, name))


@pytest.mark.parametrize("command", sorted(_command_paths(cli)))
def test_every_command_is_in_the_readme(command):
    assert f"littrack {command}" in README


def test_readme_opens_with_the_two_commands():
    head = README.split("## ", 1)[0]
    assert "littrack up" in head
    assert "bash scripts/test.sh" in head


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "bash scripts/test.sh" in ci
