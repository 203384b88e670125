"""`littrack export screening` (called from the export command) and `littrack import
screening`: the sheet reviewers fill in Excel and bring back (store/screening/sheet.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from fetchers.cli.options import CONTEXT_SETTINGS, db_option
from store.errors import ExportError as ScreeningCliError


def export_screening(
    ctx: click.Context,
    out_path: str,
    *,
    db: str | None,
    claim_ids: tuple[str, ...],
    topic_ids: tuple[str, ...],
    unscreened: bool,
    reviewer: str | None,
    since: str | None,
    notes: bool,
) -> None:
    """Write the sheet for the given claims/topics (at least one), atomically, with notes."""
    import sqlalchemy as sa

    from store.db.connect import open_engine, utcnow
    from store.db.schema import claims
    from store.evidence import counting as queries
    from store.export.notes import export_notes
    from store.screening.sheet import sheet_rows, write_sheet

    if not claim_ids and not topic_ids:
        raise click.UsageError("export screening needs --claim ID or --topic ID", ctx=ctx)
    if since is not None:
        raise click.UsageError("--since does not apply to `export screening`", ctx=ctx)
    engine = open_engine(db, create=False)
    try:
        if queries.store_state(engine) == "missing":
            raise ScreeningCliError(
                "the database has no littrack tables (run `littrack fetch` first)"
            )
        with engine.connect() as conn:
            known_claims = set(conn.execute(sa.select(claims.c.claim_id)).scalars())
            known_topics = set(conn.execute(sa.select(claims.c.topic_id)).scalars())
        for option, values, known, what in (
            ("--claim", claim_ids, known_claims, "claim"),
            ("--topic", topic_ids, known_topics, "topic"),
        ):
            for value in values:
                if value not in known:
                    raise ScreeningCliError(f"{option} {value!r}: no such {what} in the database")
        now = utcnow()
        version = queries.data_version(engine)
        rows = sheet_rows(
            engine, claim_ids=claim_ids, topic_ids=topic_ids, unscreened=unscreened,
            reviewer=reviewer, now=now,
        )  # fmt: skip
        if out_path == "-":
            n = write_sheet(rows, sys.stdout)
            click.echo(f"export screening rows={n}", err=True)
            return
        path = Path(out_path)
        if path.is_dir():
            raise ScreeningCliError(f"{path}: is a folder; give a file name")
        if not path.parent.exists():
            raise ScreeningCliError(f"{path.parent}: no such folder")
        tmp = path.with_name(path.name + ".part")
        try:
            with tmp.open("w", encoding="utf-8", newline="") as out:
                n = write_sheet(rows, out)
            tmp.replace(path)
        except OSError as exc:
            raise ScreeningCliError(f"{path}: cannot write: {exc.strerror}") from None
        finally:
            tmp.unlink(missing_ok=True)
    finally:
        engine.dispose()
    message = f"export screening rows={n} file={path}"
    if notes:
        notes_path = path.with_name(path.name + ".notes.txt")
        filters = {
            "claim": ", ".join(claim_ids) or None,
            "topic": ", ".join(topic_ids) or None,
            "unscreened": "yes" if unscreened else None,
            "reviewer": reviewer,
        }
        notes_path.write_text(
            export_notes(
                kind="screening", file_name=path.name, rows=n, exported_at=now,
                data_version=version, filters=filters,
            ),
            encoding="utf-8",
        )  # fmt: skip
        message += f" notes={notes_path}"
    click.echo(message)


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
