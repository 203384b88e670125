"""`littrack fetch`: the nightly job from the command line.

Exit status: 0 every claim fetched, 1 some claim failed (the others were still fetched),
2 nothing was fetched: the lock is held, or the outline, database or --claim is bad.
On a terminal a progress bar goes to stderr; otherwise (cron) one grep-able line per step.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click
import sqlalchemy as sa

from store.connect import store_error
from store.errors import LittrackError

if TYPE_CHECKING:
    from fetchers.fetch_job import FetchSummary

EXIT_CLAIM_FAILED = 1
EXIT_NOT_RUN = 2


def _fail(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_NOT_RUN)


def summary_table(summary: FetchSummary) -> str:
    """Per-claim table and totals, as printed at the end of a fetch."""
    header = ("claim", "count", "retrieved", "new", "dropped", "status")
    rows = [header]
    for c in summary.claims:
        status = c.status if not c.error else f"{c.status}: {c.error}"
        if len(status) > 100:
            status = status[:97] + "..."
        count = "-" if c.count is None else str(c.count)
        rows.append((c.claim_id, count, str(c.retrieved), str(c.new), str(c.dropped), status))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = []
    for row in rows:
        cells = [
            row[0].ljust(widths[0]),
            *(row[i].rjust(widths[i]) for i in range(1, len(widths))),
            row[-1],
        ]
        lines.append("  ".join(cells))
    lines.append("")
    lines.append(
        f"run {summary.run_id}: {summary.status}; claims {len(summary.claims)}, "
        f"failed {len(summary.failed)}; new records {summary.new_records}, "
        f"re-fetched {summary.refetched}; requests {summary.requests}, "
        f"retries {summary.retries}, efetch batches {summary.efetch_batches}, "
        f"year-count requests {summary.year_count_requests}; {summary.seconds:.1f} s"
    )
    return "\n".join(lines)


def register(group: click.Group) -> None:
    from fetchers.cli import db_option, outline_option

    @group.command("fetch")
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
    @click.option(
        "--eutils-url",
        metavar="URL",
        help="E-utilities base URL [env LITTRACK_EUTILS_URL; default NCBI].",
    )
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
        from fetchers.eutils import EutilsClient
        from fetchers.fetch_job import run_fetch, select_claims
        from fetchers.outline import load_outline
        from fetchers.settings import EutilsSettings, resolve
        from store.connect import open_engine

        try:
            loaded = load_outline(resolve("outline", outline))
            select_claims(loaded, claim_ids)
            engine = open_engine(resolve("db", db))
        except LittrackError as exc:
            _fail(str(exc))
        client = EutilsClient(EutilsSettings.from_env(base_url=eutils_url))
        progress = sys.stderr.isatty()
        if progress:
            from tqdm import tqdm

            def log(line: str) -> None:
                tqdm.write(line, file=sys.stderr)
        else:

            def log(line: str) -> None:
                click.echo(line)

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
        finally:
            client.close()
        click.echo(summary_table(summary))
        if summary.failed:
            sys.exit(EXIT_CLAIM_FAILED)
