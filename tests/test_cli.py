"""The CLI as a user meets it: every command has help with an example, user errors are one
line on stderr with a non-zero exit, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from fetchers.cli import cli


def _walk(command: click.Command, path: tuple[str, ...] = ()):
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            yield from _walk(sub, (*path, name))


COMMANDS = list(_walk(cli))


@pytest.mark.parametrize(
    "path,command", COMMANDS, ids=[" ".join(p) or "littrack" for p, _ in COMMANDS]
)
def test_every_command_has_help_with_an_example(runner, path, command):
    result = runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert "Example:" in result.output, f"'littrack {' '.join(path)} --help' shows no example"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden and param.name != "help":
            assert param.help, f"option {param.opts} of 'littrack {' '.join(path)}' has no help"


def test_the_commands_the_issues_name_exist():
    names = {" ".join(p) for p, _ in COMMANDS}
    for expected in (
        "outline check",
        "outline import",
        "fetch",
        "export",
        "status",
        "schedule",
        "dashboard",
        "up",
        "digest",
        "scheduler",
    ):
        assert expected in names, f"littrack {expected} is missing"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from fetchers.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "args,fragment",
    [
        (["--no-such-option"], "No such option '--no-such-option'"),
        (["no-such-command"], "No such command 'no-such-command'"),
        (["outline", "check", "/no/such/outline.yaml"], "/no/such/outline.yaml"),
        (["fetch", "--bogus"], "No such option '--bogus'"),
        (["fetch", "--db", "mysql://nobody@db/x"], "unsupported database"),
        (["export", "publications", "--db", "foo://x", "--out", "-"], "unsupported database"),
    ],
)
def test_user_errors_are_one_line_without_traceback(args, fragment):
    proc = _run(*args)
    assert proc.returncode != 0
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("Error: ")
    assert fragment in lines[0]
    assert "Traceback" not in proc.stderr + proc.stdout


HEAVY = ("pandas", "sqlalchemy", "streamlit", "numpy", "scipy", "sklearn")


@pytest.mark.parametrize(
    "args", [[], ["export"], ["status"], ["schedule", "install"], ["screen", "simulate"]]
)
def test_help_imports_no_heavy_library(args):
    """`littrack --help` (and a command's help) loads no database or dataframe library:
    -X importtime lists every module the interpreter imported, on stderr."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "fetchers.cli", *args, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Usage: " in proc.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "fetchers.cli.main" in imported  # the measurement itself works
    loaded = sorted(m for m in imported if m.split(".")[0] in HEAVY)
    assert not loaded, f"--help imported {loaded[:5]}"


def test_export_kinds_match_the_store_writers():
    from fetchers.cli.export import KINDS
    from store.export.run import WRITERS

    assert list(KINDS) == list(WRITERS)


def test_a_command_module_that_fails_to_import_fails_the_cli():
    """No area is optional: a broken command module is a traceback, not a missing command."""
    code = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'fetchers.cli.digest':\n"
        "            raise ModuleNotFoundError('blocked by the test', name=name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from fetchers.cli import main\n"
        "main()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "--help"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr
    assert "cannot import name 'digest' from partially initialized module" in proc.stderr
    assert "Usage:" not in proc.stdout
