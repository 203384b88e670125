"""The `littrack` group: every command module added by name, and the one place where user
errors become a single `Error: ...` line.

A command module that fails to import fails the whole CLI loudly: there is no optional area.
SQLAlchemy is not imported here; its errors are recognised only once a command has loaded it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from fetchers.cli import (
    db,
    digest,
    export,
    fetch,
    outline,
    report,
    schedule,
    screen,
    screening,
    status,
    up,
)
from fetchers.cli.options import CONTEXT_SETTINGS
from store.errors import LittrackError


def _database_error(exc: Exception) -> str | None:
    """The one-line message for a SQLAlchemy OperationalError (database gone, disk full, file
    read-only), None for anything else. If SQLAlchemy was never imported, the exception cannot
    be one of its errors, so the check costs nothing on commands that do not use it."""
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is None or not isinstance(exc, sa_exc.OperationalError):
        return None
    from store.db.connect import store_error

    return str(store_error(exc))


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
            if type(exc).__name__ == "NoArgsIsHelpError" and exc.ctx is not None:
                # Bare `littrack` (or a bare group): asking for help is not an error.
                click.echo(exc.ctx.get_help())
                sys.exit(0)
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
        except Exception as exc:
            message = _database_error(exc)
            if message is None:
                raise
            click.echo(f"Error: {message}", err=True)
            ctx.exit(1)


@click.group(cls=LittrackGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="littrack")
def cli() -> None:
    """Track the PubMed evidence behind every claim of an article's outline.

    Example: littrack up
    """


cli.add_command(outline.outline)
cli.add_command(fetch.fetch)
cli.add_command(export.export)
cli.add_command(schedule.schedule)
cli.add_command(schedule.scheduler)
cli.add_command(status.status)
cli.add_command(digest.digest)
cli.add_command(up.up)
cli.add_command(up.dashboard)
cli.add_command(db.db)
cli.add_command(screening.import_group)
cli.add_command(report.report)
cli.add_command(screen.screen)


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
