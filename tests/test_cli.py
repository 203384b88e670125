"""The CLI as a user meets it: every command has help with an example, user errors are one
line on stderr with a non-zero exit, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
    from store.export.options import KINDS
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


@pytest.mark.parametrize("args", [[], ["schedule"], ["outline"]])
def test_a_bare_command_prints_its_help_on_stdout_and_exits_0(args):
    """Asking for help is not an error: no `Error:` prefix, nothing on stderr, exit 0."""
    bare = subprocess.run(
        [sys.executable, "-m", "fetchers.cli", *args], capture_output=True, text=True, timeout=60
    )
    helped = subprocess.run(
        [sys.executable, "-m", "fetchers.cli", *args, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (bare.returncode, bare.stderr) == (0, "")
    assert bare.stdout == helped.stdout
    assert bare.stdout.startswith(f"Usage: littrack {' '.join([*args, ''])}[OPTIONS]")


LINT_WARNING_OUTLINE = """\
title: T
source: s
subject: ketamine
topics:
  - id: t
    title: T
    claims:
      - id: rct
        claim: c
        query: >-
          (ketamine[mh] OR ketamine[tiab]) AND pain[tiab]
          AND "Randomized Controlled Trial"[pt]
"""


@pytest.mark.parametrize(
    "name,strict,verdict,code",
    [
        ("valid-minimal.yaml", True, "valid", 0),
        ("warned.yaml", False, "valid, with warnings", 0),
        ("warned.yaml", True, "not valid under --strict: 1 warning", 1),
        ("broken-fields.yaml", False, "not valid: {n} errors", 1),
    ],
)
def test_outline_check_ends_with_a_verdict_that_agrees_with_its_exit_status(
    runner, tmp_path, name, strict, verdict, code
):
    from fetchers.outline.load import check_outline

    folder = Path(__file__).resolve().parent / "outlines"
    path = folder / name
    if name == "warned.yaml":
        path = tmp_path / name
        path.write_text(LINT_WARNING_OUTLINE, encoding="utf-8")
    args = ["outline", "check", str(path)] + (["--strict"] if strict else [])
    result = runner.invoke(cli, args)
    assert result.exit_code == code
    errors = len(check_outline(str(path)).errors)
    assert result.output.splitlines()[-1] == verdict.format(n=errors)
