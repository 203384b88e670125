"""`littrack import screening`: the sheet reviewers filled in Excel comes back
(store/screening/sheet.py). `littrack export screening` writes it, like every export."""

from __future__ import annotations

from pathlib import Path

import click

from fetchers.cli.options import CONTEXT_SETTINGS, db_option


@click.group("import", context_settings=CONTEXT_SETTINGS)
def import_group() -> None:
    """Bring reviewers' work back into the store.

    Example: littrack import screening sheet.csv --reviewer "Ann Lee"
    """


@import_group.command("screening")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--reviewer",
    required=True,
    metavar="NAME",
    help="Whose decisions these are (recorded with every row).",
)
@click.option("--dry-run", is_flag=True, help="Check and report; write nothing.")
@db_option
def import_screening(file: Path, reviewer: str, dry_run: bool, db: str | None) -> None:
    """Import a screening sheet filled in (e.g. in Excel) after `littrack export
    screening`.

    Every row is checked first; on any problem each is printed with its row number
    and nothing is imported (exit 1). Otherwise all rows are applied in one
    transaction. Rows equal to the current decision change nothing, so importing
    the same file twice is harmless. A row that differs from a decision recorded after
    the sheet was exported is reported as a conflict and not applied.

    Example: littrack import screening ketamine-sheet.csv --reviewer "Ann Lee" --dry-run
    """
    from store.db.connect import ensure_schema, open_engine, refuse_old_store
    from store.screening.sheet import SheetError, import_sheet

    data = file.read_bytes()
    if dry_run:
        refuse_old_store(db, "--dry-run writes nothing")
    engine = open_engine(db, create=False, upgrade=not dry_run)
    try:
        if not dry_run:
            ensure_schema(engine)  # a store from before screening gains its tables
        report = import_sheet(engine, data, name=file.name, reviewer=reviewer, dry_run=dry_run)
    except SheetError as exc:
        for problem in exc.problems:
            click.echo(f"{file.name}: {problem}", err=True)
        raise
    finally:
        engine.dispose()
    for line in report.applied:
        click.echo(("would apply " if dry_run else "applied ") + line)
    for line in report.conflicts:
        click.echo(line)
    click.echo(report.summary(file.name, dry_run=dry_run))
