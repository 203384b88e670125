"""The evidence map as a table (dashboard/parts/evidence_map.py), from hand-made grids in
store.read.evidence_map.evidence_map's shape: counts in the cells, one scale for the whole
map that "other" cannot set, verdict marks, conflicts and the unit of each row."""

from __future__ import annotations

import pandas as pd

from dashboard.parts import evidence_map as part
from store.read.evidence_map import NO_VERDICTS


def _grid(rows: list[tuple]) -> pd.DataFrame:
    """(topic, claim_id, claim, design, records, direction, screened) rows."""
    columns = ["topic", "claim_id", "claim", "design", "records", "direction", "screened"]
    return pd.DataFrame(rows, columns=columns)


GRID = _grid(
    [
        ("Pain", "big", "Ketamine relieves pain.", "rct", 2_292, NO_VERDICTS, False),
        ("Pain", "big", "Ketamine relieves pain.", "other", 40_000, NO_VERDICTS, False),
        ("Pain", "thin", "Ketamine helps in burns.", "rct", 1, "supports", True),
        ("Pain", "thin", "Ketamine helps in burns.", "other", 0, NO_VERDICTS, True),
    ]
)


def test_cells_show_counts_and_marks_with_claim_sentences():
    shown, _ = part.map_table(GRID, {"thin": 2})
    assert list(shown.columns) == [
        "Claim", "rct", "other", "Conflicts", "Counts", "Topic", "Claim id",
    ]  # fmt: skip
    assert shown.to_dict(orient="records") == [
        {"Claim": "Ketamine relieves pain.", "rct": "2,292", "other": "40,000",
         "Conflicts": "", "Counts": "retrieved", "Topic": "Pain", "Claim id": "big"},
        {"Claim": "Ketamine helps in burns.", "rct": "1 ▲", "other": "",
         "Conflicts": "⚠ 2", "Counts": "included", "Topic": "Pain", "Claim id": "thin"},
    ]  # fmt: skip


def test_one_scale_for_the_whole_map_that_other_does_not_set():
    assert part.scale_top(GRID) == 2_292  # not 40,000 "other" records
    _, styles = part.map_table(GRID, {})
    assert styles.loc[0, "rct"].startswith(f"background-color: {part.SHADES[-1]}")
    # 1 record against 2,292 on the same log scale: the lightest shade, not a full cell
    assert styles.loc[1, "rct"].startswith(f"background-color: {part.SHADES[1]}")
    assert styles.loc[0, "other"] == f"color: {part.MUTED_TEXT}"  # muted, never shaded
    assert part.shade(0, 2_292) == "" and part.shade(2_292, 2_292) == part.SHADES[-1]
    assert "darkest at 2,292 (1 · 10 · 100 · 1,000)" in part.key_text(2_292)


def test_every_shade_keeps_its_count_readable():
    for back in part.SHADES:
        text = part.ink(back)
        light, dark = sorted((part._luminance(back), part._luminance(text)))
        assert (dark + 0.05) / (light + 0.05) >= 4.5, (back, text)  # WCAG AA
