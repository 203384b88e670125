"""The evidence map as a table read by its numbers (the evidence-gap-map form): one row per
claim (its sentence), one column per design class, the count in each cell.

- One scale for the whole map: a cell's shade is log(1 + records) against the largest
  cell of an evidence design anywhere on the map, so two claims compare at a glance, and
  "other", "non-evidence" and "design pending" cells are shown muted and never set the
  scale (they would shrink the RCTs and reviews beside them).
- The direction of the screened verdicts is a mark after the count (▲ ▼ ◆), not a colour,
  so no colour means two things across pages; a claim's open conflicts are a column.
- A claim with screened inclusions counts those (its "Counts" column says "included"),
  else its retrieved evidence records ("retrieved"): the unit is stated on every row.
- The header row and the first column stay in view while scrolling (a data grid), the key
  sits above the table, and a click on a cell opens that claim's records of that design on
  the Publications page. On a phone it is the same table, scrolled sideways.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard import navigation
from store.read.evidence_map import NO_VERDICTS

#: Design classes that are not evidence of an effect: muted, and left out of the scale.
MUTED = frozenset({"other", "non-evidence", "design pending"})
#: The direction of a cell's screened verdicts, as a mark after its count.
MARKS = {"supports": "▲", "contradicts": "▼", "mixed": "◆"}
#: Light to dark slate, a hue no design or verdict uses; the text on each is whichever of
#: white and near-black contrasts more (`ink`), at least 4.5:1 on every shade.
SHADES = ("#F1F3F7", "#DCE2EC", "#C0CADB", "#9AA9C4", "#6F82A8", "#4A5D85", "#2F3D5C")
MUTED_TEXT = "#6B6B6B"
#: Rows of the table before it scrolls (with its header row fixed).
MAX_HEIGHT = 620
ROW_HEIGHT = 35


def scale_top(grid: pd.DataFrame) -> int:
    """The largest cell of an evidence design on the whole map (1 when there is none)."""
    shown = grid[~grid["design"].isin(MUTED)]["records"]
    return max(int(shown.max()) if len(shown) else 0, 1)


def shade(records: int, top: int) -> str:
    """The background of a cell holding `records` on the map-wide log scale."""
    if records <= 0:
        return ""
    level = math.log1p(records) / math.log1p(top)
    return SHADES[min(len(SHADES) - 1, max(0, math.ceil(level * (len(SHADES) - 1))))]


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a #RRGGBB colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink(background: str) -> str:
    """The text colour (white or near-black) with the higher contrast on `background`."""
    light = _luminance(background)
    on_white = 1.05 / (light + 0.05)
    on_black = (light + 0.05) / (_luminance("#111111") + 0.05)
    return "#FFFFFF" if on_white > on_black else "#111111"


def cell_text(records: int, direction: str) -> str:
    if records <= 0:
        return ""
    mark = MARKS.get(direction, "") if direction != NO_VERDICTS else ""
    return f"{records:,}" + (f" {mark}" if mark else "")


def map_table(grid: pd.DataFrame, conflicts: dict[str, int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(shown, styles): the table as text, one row per claim in outline order, and the CSS
    of each of its cells. `grid` is store.read.evidence_map.evidence_map's frame."""
    designs = list(dict.fromkeys(grid["design"]))
    top = scale_top(grid)
    rows, styles = [], []
    for claim_id, part in grid.groupby("claim_id", sort=False):
        first = part.iloc[0]
        cells = part.set_index("design")
        row = {"Claim": str(first["claim"] or claim_id)}
        style = {"Claim": ""}
        for design in designs:
            n, direction = int(cells.at[design, "records"]), str(cells.at[design, "direction"])
            row[design] = cell_text(n, direction)
            if design in MUTED:
                style[design] = f"color: {MUTED_TEXT}"
            elif n:
                back = shade(n, top)
                style[design] = f"background-color: {back}; color: {ink(back)}"
            else:
                style[design] = ""
        open_conflicts = int(conflicts.get(str(claim_id), 0))
        row["Conflicts"] = f"⚠ {open_conflicts}" if open_conflicts else ""
        row["Counts"] = "included" if bool(first["screened"]) else "retrieved"
        row["Topic"] = str(first["topic"])
        row["Claim id"] = str(claim_id)
        style.update({"Conflicts": "", "Counts": "", "Topic": "", "Claim id": ""})
        rows.append(row)
        styles.append(style)
    return pd.DataFrame(rows), pd.DataFrame(styles)


def key_text(top: int) -> str:
    """The map's key, shown above it."""
    steps = [n for n in (1, 10, 100, 1_000, 10_000, 100_000) if n <= top]
    return (
        "Each cell: records of that design (a claim's screened inclusions once it has any, "
        "else its retrieved evidence records; the Counts column says which). Shading is one "
        f"log scale for the whole map, darkest at {top:,} ({' · '.join(f'{n:,}' for n in steps)}"
        "); other, non-evidence and design-pending cells are grey text and do not set it. "
        "Screened verdicts: ▲ supports, ▼ contradicts, ◆ mixed; ⚠ open conflicts between "
        "reviewers. Click a cell to list its records."
    )


def show(grid: pd.DataFrame, conflicts: dict[str, int]) -> None:
    """Draw the map; a clicked design cell opens Publications on that claim and design."""
    shown, styles = map_table(grid, conflicts)
    designs = list(dict.fromkeys(grid["design"]))
    st.caption(key_text(scale_top(grid)))
    config = {
        "Claim": st.column_config.TextColumn("Claim", width="large", pinned=True),
        "Conflicts": st.column_config.TextColumn("Conflicts", help="Open reviewer conflicts"),
        "Counts": st.column_config.TextColumn("Counts", help="included or retrieved records"),
    }
    event = st.dataframe(
        shown.style.apply(lambda _: styles, axis=None),
        hide_index=True,
        key="overview.map",
        column_config=config,
        height=min(MAX_HEIGHT, ROW_HEIGHT * (len(shown) + 1) + 3),
        on_select="rerun",
        selection_mode="single-cell",
    )
    cells = (event.selection.get("cells") if event else None) or []
    if cells:
        row, column = cells[0]
        if column in designs:
            st.switch_page(
                navigation.view("publications.py"),
                query_params={"claim": shown.iloc[row]["Claim id"], "design": column},
            )
