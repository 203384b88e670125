"""`littrack export publications|summary|ris`: reviewer files from the stored records.

Reads only; writes the export and, beside it, FILE.notes.txt (filters, row count, NCBI's
disclaimer). The database URL and API keys never appear in either.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import TextIO

import click
import sqlalchemy as sa
from click.core import ParameterSource
from sqlalchemy.engine import Engine

from store import queries
from store.connect import open_engine, utcnow
from store.errors import LittrackError
from store.export_csv import (
    PUBLICATION_COLUMNS,
    SUMMARY_COLUMNS,
    publication_csv_row,
    write_csv,
)
from store.export_notes import export_notes
from store.export_ris import write_ris
from store.publications import claim_year_summary, export_rows
from store.schema import claims

KINDS = ("publications", "summary", "ris")


class ExportError(LittrackError):
    """An export's options do not match the database."""


def _since(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """The same --since as `littrack digest` (7d, 36h, 2w or a date), as the UTC day it
    falls on: Entrez dates are stored as days, so `36h` means from the day 36 hours ago."""
    if value is None:
        return None
    from fetchers.ops.digest import parse_since

    return parse_since(value).astimezone(UTC).date().isoformat()


def _check_by(ctx: click.Context, kind: str) -> None:
    """--by has a default, so only an explicit one (flag or environment) is an error."""
    source = ctx.get_parameter_source("basis")
    if kind != "summary" and source not in (None, ParameterSource.DEFAULT):
        raise click.UsageError(f"--by applies only to `export summary`, not {kind}", ctx=ctx)


def _check_ids(engine: Engine, topic_id: str | None, claim_id: str | None) -> None:
    with engine.connect() as conn:
        if topic_id is not None:
            found = conn.execute(
                sa.select(sa.func.count()).select_from(claims).where(claims.c.topic_id == topic_id)
            ).scalar_one()
            if not found:
                raise ExportError(f"--topic {topic_id!r}: no such topic in the database")
        if claim_id is not None:
            row = conn.execute(
                sa.select(claims.c.topic_id).where(claims.c.claim_id == claim_id)
            ).first()
            if row is None:
                raise ExportError(f"--claim {claim_id!r}: no such claim in the database")
            if topic_id is not None and row.topic_id != topic_id:
                raise ExportError(
                    f"--claim {claim_id!r} belongs to topic {row.topic_id!r}, not {topic_id!r}"
                )


def run_export(
    kind: str,
    out: TextIO,
    *,
    db: str | None,
    topic_id: str | None = None,
    claim_id: str | None = None,
    since: str | None = None,
    bom: bool = True,
    basis: str = "publication",
) -> tuple[int, str]:
    """Write one export to the text stream `out`; returns (rows, data version)."""
    engine = open_engine(db, create=False)
    try:
        if queries.store_state(engine) == "missing":
            raise ExportError("the database has no littrack tables (run `littrack fetch` first)")
        _check_ids(engine, topic_id, claim_id)
        version = queries.data_version(engine)
        rows_kw = dict(topic_id=topic_id, claim_id=claim_id, since=since)
        if kind == "publications":
            rows = (publication_csv_row(r) for r in export_rows(engine, **rows_kw))
            n = write_csv(rows, [c for c, _ in PUBLICATION_COLUMNS], out, bom=bom)
        elif kind == "summary":
            frame = claim_year_summary(engine, basis=basis, **rows_kw)
            n = write_csv(
                frame.to_dict(orient="records"), [c for c, _ in SUMMARY_COLUMNS], out, bom=bom
            )
        else:
            n = write_ris(export_rows(engine, **rows_kw), out)
    finally:
        engine.dispose()
    return n, version


def write_target(path: Path) -> Path:
    """The regular file that writing to `path` should replace.

    A symlink is written through (its target gets the data, the link stays); a device, FIFO,
    socket or folder is refused, since renaming a file over it would replace it (and writing
    into /dev/full would "succeed")."""
    target = Path(os.path.realpath(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise ExportError(f"{target.parent}: no such folder") from None
        return target
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from None
    if stat.S_ISDIR(mode):
        raise ExportError(f"{path}: is a folder; give a file name")
    if not stat.S_ISREG(mode):
        raise ExportError(
            f"{path}: not a regular file (a device, FIFO or socket); "
            "use --out - to write to standard output"
        )
    return target


def write_replacing(path: Path, write: Callable[[TextIO], object]) -> None:
    """Write through a temp file beside the target, renamed over it only when complete.

    A failed write (full disk, no permission) leaves the old file as it was and raises
    ExportError naming `path`."""
    target = write_target(path)
    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".part"
        )
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            write(out)
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        tmp.replace(target)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write: {exc.strerror}") from None
    finally:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def register(group: click.Group) -> None:
    from fetchers.cli import db_option

    @group.command("export")
    @click.argument("kind", type=click.Choice(KINDS))
    @click.option(
        "--out",
        "out_path",
        required=True,
        metavar="FILE",
        help="File to write ('-' for standard output, without the notes file).",
    )
    @click.option("--topic", "topic_id", metavar="ID", help="Only this topic's claims.")
    @click.option("--claim", "claim_id", metavar="ID", help="Only this claim.")
    @click.option(
        "--since",
        callback=_since,
        metavar="WHEN",
        help="Only records PubMed added (Entrez date) on or after WHEN: a duration back from "
        "now (7d, 36h, 2w) or a date (2026-11-01, UTC), as in `littrack digest --since`.",
    )
    @click.option(
        "--bom/--no-bom",
        default=True,
        show_default=True,
        help="Start CSV files with a UTF-8 byte-order mark so Excel reads accents correctly.",
    )
    @click.option(
        "--by",
        "basis",
        type=click.Choice(["publication", "entrez"]),
        default="publication",
        show_default=True,
        help="summary: count records by publication year or by Entrez (PubMed entry) year.",
    )
    @click.option(
        "--notes/--no-notes",
        default=True,
        show_default=True,
        help="Also write FILE.notes.txt (filters, row count, NCBI disclaimer).",
    )
    @db_option
    def export(
        kind: str,
        out_path: str,
        topic_id: str | None,
        claim_id: str | None,
        since: str | None,
        bom: bool,
        basis: str,
        notes: bool,
        db: str | None,
    ) -> None:
        """Export stored records for reviewers: publications (CSV, one row per claim ×
        article), summary (CSV, claim × year, raw and normalised) or ris (Zotero/EndNote).

        CSV cells that a spreadsheet would run as formulas (= + - @) get a leading
        apostrophe. Columns are listed in the README's data dictionary.

        Example: littrack export publications --topic side-effects --out side-effects.csv
        """
        _check_by(click.get_current_context(), kind)
        filters = {"topic": topic_id, "claim": claim_id, "since": since}
        if kind == "summary":
            filters["by"] = basis
        if out_path == "-":
            try:
                n, _ = run_export(
                    kind, sys.stdout, db=db, bom=False, basis=basis,
                    topic_id=topic_id, claim_id=claim_id, since=since,
                )  # fmt: skip
                sys.stdout.flush()
            except BrokenPipeError:
                raise  # the reader went away (`| head`): main() exits quietly
            except OSError as exc:
                if exc.errno is None:
                    raise
                raise ExportError(f"standard output: cannot write: {exc.strerror}") from None
            click.echo(f"export {kind} rows={n}", err=True)
            return
        path = Path(out_path)
        result: list = []

        def write(out: TextIO) -> None:
            result.extend(
                run_export(
                    kind, out, db=db, bom=bom and kind != "ris", basis=basis,
                    topic_id=topic_id, claim_id=claim_id, since=since,
                )
            )  # fmt: skip

        write_replacing(path, write)
        n, version = result
        message = f"export {kind} rows={n} file={path}"
        if notes:
            notes_path = path.with_name(path.name + ".notes.txt")
            text = export_notes(
                kind=kind, file_name=path.name, rows=n, exported_at=utcnow(),
                data_version=version, filters=filters,
            )  # fmt: skip
            write_replacing(notes_path, lambda out: out.write(text))
            message += f" notes={notes_path}"
        click.echo(message)
