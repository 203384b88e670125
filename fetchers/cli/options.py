"""Options shared by several commands, defined once so their names, metavars and help read
the same everywhere. Only light modules are imported here (no SQLAlchemy, no pandas):
`littrack --help` builds every command's options."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from fetchers.settings import setting
from store.defaults import STALE_HOURS

#: A click command callback (or an already-built command) passing through an option decorator.
F = TypeVar("F", bound=Callable[..., object])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

#: A file argument that must not be a folder, and a folder argument.
FILE = click.Path(dir_okay=False, path_type=Path)
FOLDER = click.Path(file_okay=False, path_type=Path)


class Hours(click.ParamType):
    """A positive, finite number of hours: `nan` or `inf` would switch a check off silently
    (every comparison with nan is false)."""

    name = "hours"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        hours = click.FLOAT.convert(value, param, ctx)
        if not math.isfinite(hours) or hours <= 0:
            self.fail(f"{value!r} is not a positive, finite number of hours", param, ctx)
        return hours


HOURS = Hours()


def _setting_help(name: str, what: str) -> str:
    s = setting(name)
    return f"{what} [env {s.env}; default {s.default}]."


def db_option(f: F) -> F:
    """--db; when absent, store.defaults reads LITTRACK_DB and the default (one place)."""
    return click.option(
        "--db",
        "db",
        metavar="URL",
        help=_setting_help("db", "Database: SQLite file path or SQLAlchemy URL"),
    )(f)


def outline_option(f: F) -> F:
    """--outline; when absent, fetchers.settings reads LITTRACK_OUTLINE and the default."""
    return click.option(
        "--outline",
        "outline",
        metavar="PATH",
        help=_setting_help("outline", "Outline YAML file"),
    )(f)


def eutils_url_option(f: F) -> F:
    """--eutils-url; when absent, fetchers.settings reads LITTRACK_EUTILS_URL and NCBI's."""
    return click.option(
        "--eutils-url",
        "eutils_url",
        metavar="URL",
        help="E-utilities base URL [env LITTRACK_EUTILS_URL; default NCBI].",
    )(f)


def json_option(help_text: str) -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return click.option("--json", "as_json", is_flag=True, help=help_text)(f)

    return decorate


def stale_hours_option(help_text: str) -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return click.option(
            "--stale-hours",
            type=HOURS,
            default=STALE_HOURS,
            show_default=True,
            help=help_text,
        )(f)

    return decorate


def port_option(help_text: str) -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return click.option("--port", type=click.IntRange(1, 65535), help=help_text)(f)

    return decorate


def at_option(f: F) -> F:
    return click.option(
        "--at",
        metavar="HH:MM",
        help="Time of day in --timezone. Default: a minute drawn once in NCBI's off-peak "
        "window (21:00-05:00 US Eastern) and remembered.",
    )(f)


def tz_option(f: F) -> F:
    return click.option(
        "--timezone",
        "tz_name",
        metavar="TZ",
        help="IANA zone of --at and of the cron daemon (default: this machine's zone).",
    )(f)


def where_options(f: F) -> F:
    """Where the schedule is installed: shared by `schedule` and `status`."""
    f = click.option(
        "--unit-dir",
        type=FOLDER,
        help="Folder of systemd user units [default ~/.config/systemd/user].",
    )(f)
    f = click.option(
        "--crontab-file",
        type=FILE,
        help="Use this crontab file instead of the user's own (`crontab -l`), e.g. in a container.",
    )(f)
    return f
