"""Reading a screening sheet file as Excel saves it: the encoding, the separator, the
export's formula guard, and cells of any size (store.screening.sheet checks and applies the
rows)."""

from __future__ import annotations

import csv
import io

from store.errors import SheetError
from store.formats.cells import unguard

#: Columns a sheet must have.
REQUIRED_COLUMNS = ("claim_id", "pmid", "decision")
#: Longest cell read: far above the longest value the export writes (an abstract of
#: 200,000 characters), far below what would exhaust memory.
MAX_CELL = 2_000_000


def decode(data: bytes) -> str:
    """UTF-8 (with or without Excel's BOM), else Windows-1252 (Excel's "CSV" on Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """`;` when the header line has more of them than commas (European Excel), else `,`."""
    header = text.split("\n", 1)[0]
    if header.count("\t") > max(header.count(","), header.count(";")):
        return "\t"
    return ";" if header.count(";") > header.count(",") else ","


def _csv_rows(text: str, name: str) -> list[list[str]]:
    """Every row; a cell past MAX_CELL (or any csv fault) is one error naming its row."""
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL)
    rows: list[list[str]] = []
    try:
        for cells in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)):
            rows.append(cells)
    except csv.Error as exc:
        why = str(exc)
        if "field larger than field limit" in why:
            why = f"a cell is longer than {MAX_CELL} characters"
        raise SheetError(f"{name}: row {len(rows) + 1}: {why}") from None
    finally:
        csv.field_size_limit(limit)
    return rows


def read_sheet(data: bytes, name: str) -> list[tuple[int, dict[str, str]]]:
    """(sheet row number as Excel shows it, header row = 1; cells by column) for every
    data row. Raises SheetError when the file has no usable header."""
    text = decode(data)
    rows = _csv_rows(text, name)
    if not rows or not any(c.strip() for c in rows[0]):
        raise SheetError(f"{name}: empty file, no header row")
    header = [c.strip().lower() for c in rows[0]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise SheetError(f"{name}: missing column(s) {', '.join(missing)} in the header row")
    found = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        found.append(
            (
                number,
                {
                    h: unguard(cells[i].strip()) if i < len(cells) else ""
                    for i, h in enumerate(header)
                },
            )
        )
    return found
