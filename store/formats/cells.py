"""Spreadsheet cells: the formula guard every CSV littrack writes uses, and its undoing when
a sheet comes back.

PubMed titles are free text: a title such as `=HYPERLINK(...)` or `-2 mg/kg ...` would be
evaluated by a spreadsheet ("CSV injection"). Every text cell starting with = + - @, a tab or
a carriage return gets a leading apostrophe, which Excel and LibreOffice show as text and hide.
"""

from __future__ import annotations

from typing import TypeVar

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_V = TypeVar("_V")


def excel_safe(value: _V) -> _V | str:
    """Neutralise a text cell Excel would read as a formula; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unguard(cell: str) -> str:
    """Undo the formula guard: an apostrophe before = + - @ goes away."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_PREFIXES):
        return cell[1:]
    return cell
