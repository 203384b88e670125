"""`littrack fetch`: the nightly job from the command line.

Exit status: 0 every claim fetched, 1 some claim failed (the others were still fetched),
2 nothing was fetched: the lock is held, the outline, database or --claim is bad, or PubMed
gave no answer at all (the run stops after a few claims instead of retrying every one).
On a terminal a progress bar goes to stderr; otherwise (cron) one grep-able line per step,
each claim's as soon as its search ends. SIGTERM ends the run with one line, like Ctrl-C.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import NoReturn

import click

from fetchers.cli.options import db_option, eutils_url_option, outline_option
from store.errors import LittrackError

EXIT_CLAIM_FAILED = 1
EXIT_NOT_RUN = 2


def _fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_NOT_RUN)


def _terminated(_signum: int, _frame: FrameType | None) -> NoReturn:
    # SystemExit unwinds the run like Ctrl-C does: its row is marked interrupted.
    raise SystemExit(143)


@click.command("fetch")
@outline_option
@db_option
@click.option(
    "--claim",
    "claim_ids",
    multiple=True,
    metavar="ID",
    help="Fetch only this claim (repeatable). Default: every claim of the outline.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Re-reconcile every claim's complete id set (also past 9,999 hits).",
)
@click.option(
    "--no-year-counts",
    is_flag=True,
    help="Skip the monthly per-year PubMed counts used to normalise trends.",
)
@eutils_url_option
def fetch(
    outline: str | None,
    db: str | None,
    claim_ids: tuple[str, ...],
    full: bool,
    no_year_counts: bool,
    eutils_url: str | None,
) -> None:
    """Fetch the PubMed records every claim's query matches into the database.

    Example: littrack fetch --claim postop-opioid-sparing
    """
    import sqlalchemy as sa

    from fetchers.eutils.client import EutilsClient, check_base_url
    from fetchers.job.report import summary_table
    from fetchers.job.run import run_fetch, select_claims
    from fetchers.outline.load import load_outline
    from fetchers.settings import EutilsSettings, resolve
    from store.db.connect import open_engine, store_error

    try:
        loaded = load_outline(resolve("outline", outline))
        select_claims(loaded, claim_ids)
        settings = EutilsSettings.from_env(base_url=eutils_url)
        check_base_url(settings.base_url)
        engine = open_engine(db, bounded_waits=True)
    except LittrackError as exc:
        _fail(str(exc))
    client = EutilsClient(settings)
    progress = sys.stderr.isatty()
    if progress:
        from tqdm import tqdm

        def log(line: str) -> None:
            tqdm.write(line, file=sys.stderr)
    else:

        def log(line: str) -> None:
            click.echo(line)

    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        summary = run_fetch(
            engine,
            loaded,
            client,
            claim_ids=claim_ids or None,
            full=full,
            log=log,
            progress=progress,
            year_counts=not no_year_counts,
        )
    except LittrackError as exc:
        _fail(str(exc))
    except sa.exc.SQLAlchemyError as exc:
        _fail(str(store_error(exc, resolve("db", db))))
    except SystemExit:
        click.echo("Error: stopped by SIGTERM; the run is marked interrupted", err=True)
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
        client.close()
    if summary.status == "unreachable":
        _fail(summary.message)
    click.echo(summary_table(summary))
    if summary.failed:
        sys.exit(EXIT_CLAIM_FAILED)
