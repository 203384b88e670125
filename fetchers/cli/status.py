"""`littrack status`: last runs, next scheduled run, records and per-claim freshness, as text
or JSON, with a monitoring-plugin exit code (fetchers.ops.status builds the report)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from fetchers.cli.options import db_option, json_option, stale_hours_option, where_options


@click.command("status")
@json_option("Print the status as JSON.")
@db_option
@stale_hours_option("Data older than this is stale (exit 2).")
@where_options
def status(
    as_json: bool,
    db: str | None,
    stale_hours: float,
    crontab_file: Path | None,
    unit_dir: Path | None,
) -> None:
    """Last runs, next scheduled run, records, and per-claim freshness and failures.

    Exit 0 healthy, 1 last run failed, partial or incomplete, 2 data older than --stale-hours,
    3 no database or no finished fetch yet.

    Example: littrack status --json
    """
    from fetchers.ops.status import collect_status, render_status

    report = collect_status(
        db, stale_hours=stale_hours, crontab_file=crontab_file, unit_dir=unit_dir
    )
    if as_json:
        click.echo(json.dumps(report, indent=2, default=str))
    else:
        click.echo(render_status(report))
    sys.exit(report["exit_code"])
