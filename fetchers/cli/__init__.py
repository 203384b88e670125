"""The `littrack` command. Each area registers its commands from its own module
(cli_outline, cli_fetch, cli_export, cli_schedule, cli_ops); this file holds the group, the shared
options and the one place where user errors become a single `Error: ...` line."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click
import sqlalchemy as sa

from store.connect import store_error
from store.errors import LittrackError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

#: Modules that add commands to the group, each through a `register(group)` function.
COMMAND_MODULES = (
    "fetchers.cli.outline",
    "fetchers.cli.fetch",
    "fetchers.cli.export",
    "fetchers.cli.schedule",
    "fetchers.cli.ops",
    "fetchers.cli.db",
)

#: A click command callback (or an already-built command) passing through an option decorator.
F = TypeVar("F", bound=Callable[..., object])


def db_option(f: F) -> F:
    return click.option(
        "--db",
        "db",
        metavar="URL",
        envvar="LITTRACK_DB",
        help="Database: SQLite file path or SQLAlchemy URL [env LITTRACK_DB; default "
        "data/littrack.sqlite].",
    )(f)


def outline_option(f: F) -> F:
    return click.option(
        "--outline",
        "outline",
        metavar="PATH",
        envvar="LITTRACK_OUTLINE",
        help="Outline YAML file [env LITTRACK_OUTLINE; default "
        "data/outlines/ketamine-analgesia.yaml].",
    )(f)


class LittrackGroup(click.Group):
    """Turns user errors into one line on stderr and a non-zero exit: LittrackError (1),
    and click's own usage errors (2) such as unknown options or missing files."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: object,
    ) -> Any:  # Any as in click: the callback's value, or NoReturn when standalone
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            click.echo(f"Error: {exc.format_message()}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("Error: aborted", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except LittrackError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)
        except sa.exc.OperationalError as exc:
            click.echo(f"Error: {store_error(exc)}", err=True)
            ctx.exit(1)
        except BrokenPipeError:
            raise  # the reader went away (`| head`): main() exits quietly
        except OSError as exc:
            if exc.errno is None:
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"Error: {where}{exc.strerror}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("Error: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=LittrackGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="littrack")
def cli() -> None:
    """Track the PubMed evidence behind every claim of an article's outline.

    Example: littrack up
    """


for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as _exc:  # an area not built yet must not break the others
        if _exc.name != _name:
            raise
        continue
    _module.register(cli)


def main() -> None:
    """The console script. Output piped into a reader that stops early (`| head`) ends the
    command quietly: stdout goes to devnull so the final flush at exit cannot raise again,
    as the Python docs on SIGPIPE recommend."""
    try:
        try:
            cli(prog_name="littrack")
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
