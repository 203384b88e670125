"""`littrack db upgrade` and `littrack db version`: the store's schema revision."""

from __future__ import annotations

import json

import click

from fetchers.cli.options import db_option, json_option


@click.group()
def db() -> None:
    """Show or upgrade the database's schema.

    A store written by an earlier littrack is upgraded in place the first time a littrack
    command opens it (fetch, up, export, status, digest; never the read-only dashboard);
    these commands do it, or show it, on demand.

    Example: littrack db upgrade --db data/littrack.sqlite
    """


@db.command("upgrade")
@db_option
def upgrade(db: str | None) -> None:
    """Upgrade the database to this release's schema, in place and in one transaction.

    Nothing is dropped: records, links, runs, counts and year counts are kept, and new
    columns are filled from stored fields. A failed upgrade changes nothing. A database
    written by a newer littrack is refused.

    Example: littrack db upgrade --db postgresql://me@dbhost/littrack
    """
    from store.db.connect import mask_url, resolve_db_url, upgrade_schema

    url = resolve_db_url(db)
    applied = upgrade_schema(url)
    if applied:
        click.echo(f"{mask_url(url)}: upgraded; applied {', '.join(applied)}")
    else:
        click.echo(f"{mask_url(url)}: already current")


@db.command("version")
@db_option
@json_option("Print the revisions as JSON.")
def version(db: str | None, as_json: bool) -> None:
    """Print the database's schema revisions and whether it is current for this release.

    State is one of: empty (no littrack tables yet), legacy (written by 0.1.0, not yet
    upgraded), behind, current, newer (written by a newer littrack).

    Example: littrack db version --json
    """
    from store.db.connect import mask_url, resolve_db_url, schema_report

    url = resolve_db_url(db)
    report = schema_report(url)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(f"{mask_url(url)}: {report['state']}")
    click.echo(f"database revisions: {', '.join(report['database']) or '(none)'}")
    click.echo(f"this release: {', '.join(report['code'])}")
    if report["state"] in ("legacy", "behind"):
        click.echo("next: littrack db upgrade (or any littrack command that opens the store)")
