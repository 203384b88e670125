"""`littrack digest`: what is new since a date, as Markdown or HTML, printed, written or
mailed. fetchers.ops.digest reads and renders; this module parses and prints."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from fetchers.cli.options import FILE, db_option


@click.command("digest")
@click.option(
    "--since",
    default="7d",
    show_default=True,
    help="Since when: a duration (7d, 36h, 2w) or a date (2026-11-01, UTC).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "html"]),
    default="text",
    show_default=True,
    help="Output format of --out / standard output: plain text (as in the e-mail), "
    "Markdown or HTML.",
)
@click.option("--out", type=FILE, help="Write the digest to this file.")
@click.option("--send", is_flag=True, help="Send it by SMTP (LITTRACK_SMTP_*).")
@click.option("--to", metavar="ADDR", help="Recipients for --send [env LITTRACK_DIGEST_TO].")
@click.option(
    "--per-claim",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="List at most this many records per claim (the rest are counted).",
)
@click.option(
    "--all-records",
    is_flag=True,
    help="List every new record, not only evidence (letters, editorials, notices and "
    "retracted records are left out by default).",
)
@db_option
def digest(
    since: str,
    fmt: str,
    out: Path | None,
    send: bool,
    to: str | None,
    per_claim: int,
    all_records: bool,
    db: str | None,
) -> None:
    """New publications per topic and claim since a date, with PubMed and DOI links.

    Example: littrack digest --since 7d --format html --out digest.html
    """
    from fetchers.ops import digest as dg

    now = datetime.now(UTC).replace(microsecond=0)
    start = dg.parse_since(since, now)
    smtp = dg.SmtpSettings.from_env(to) if send else None  # a bad SMTP setting fails first
    result = dg.build_digest(db, start, now, per_claim=per_claim, all_records=all_records)
    if out:
        out.write_text(result.body(fmt), encoding="utf-8")
        click.echo(f"Wrote {out} ({result.links} new links)", err=True)
    elif not send:
        click.echo(result.body(fmt), nl=False)
    if smtp:
        dg.send_digest(result, since, smtp)
        click.echo(f"Sent the digest through {smtp.host}:{smtp.port}", err=True)
