"""`littrack up` (database, fetch when needed, dashboard) and `littrack dashboard` (the
dashboard alone). fetchers.ops.up does the work; streamlit runs in its own process."""

from __future__ import annotations

import os
import sys

import click

from fetchers.cli.options import (
    db_option,
    eutils_url_option,
    outline_option,
    port_option,
    stale_hours_option,
)


@click.command("up")
@db_option
@outline_option
@port_option("Dashboard port [default 8501].")
@click.option("--no-browser", is_flag=True, help="Do not open a browser window.")
@stale_hours_option("Fetch first when the data is older than this.")
@click.option("--no-dashboard", is_flag=True, help="Stop after the fetch step.")
@eutils_url_option
def up(
    db: str | None,
    outline: str | None,
    port: int | None,
    no_browser: bool,
    stale_hours: float,
    no_dashboard: bool,
    eutils_url: str | None,
) -> None:
    """Create the database, fetch when it is empty or stale, then open the dashboard.

    When PubMed cannot be reached the dashboard still starts on the stored data.

    Example: littrack up --no-browser --port 8502
    """
    from fetchers.ops.up import run_up

    code = run_up(
        db=db,
        outline=outline,
        port=port,
        open_browser=not no_browser,
        stale_hours=stale_hours,
        dashboard=not no_dashboard,
        eutils_url=eutils_url,
        echo=click.echo,
    )
    sys.exit(code)


@click.command("dashboard")
@port_option("Port [default 8501].")
@click.option(
    "--read-only",
    is_flag=True,
    help="No screening (no write widgets) and the database opened read-only "
    "[env LITTRACK_READONLY=1].",
)
@db_option
def dashboard(port: int | None, read_only: bool, db: str | None) -> None:
    """Start the Streamlit dashboard on 127.0.0.1. Reviewers record screening decisions
    on its Screen page; --read-only shares it with people who must not write.

    Example: littrack dashboard --port 8502 --read-only
    """
    from fetchers.ops.up import serve_dashboard
    from store.defaults import resolve_db_url

    if read_only:
        os.environ["LITTRACK_READONLY"] = "1"  # inherited by the Streamlit process

    sys.exit(serve_dashboard(resolve_db_url(db), port=port, echo=click.echo))
