"""Small pieces every page uses: numbers, the guarded CSV download under each table, a
chart's table alternative, the freshness banner and the badge rule.

PubMed titles and abstracts are data, not markup: they go through st.text, st.dataframe or
`store.formats.markdown.md_escape` before st.markdown; no page ever enables raw HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC

import pandas as pd
import streamlit as st

from store.db.connect import parse_utc
from store.evidence.badge import label_rows, rule_rows
from store.export.csv_file import frame_to_csv_bytes
from store.export.notes import NCBI_DISCLAIMER

#: "New this week", the same words and definition wherever the dashboard shows it
#: (store.evidence.novelty): distinct records, counted like the numbers beside it.
NEW_THIS_WEEK_HELP = (
    "Distinct records littrack first saw in the last 7 days, after their claim's first fetch "
    "(a claim's first fetch is its baseline, not news); counted like the numbers beside it "
    "(evidence only unless All records is on). A topic's count is the records new to it."
)


def number(value: object) -> str:
    """A count with thousands separators ("12,345"); "—" for a missing value."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return f"{int(value):,}"


def csv_label(file_name: str) -> str:
    """A download button's label from its file name, so repeated buttons differ
    ("littrack-claims-overview.csv" → "Download CSV: claims overview")."""
    what = file_name.removeprefix("littrack-").removesuffix(".csv").replace("-", " ")
    return f"Download CSV: {what}"


def download_csv(
    frame: pd.DataFrame | Callable[[], pd.DataFrame | bytes],
    file_name: str,
    *,
    key: str,
    label: str | None = None,
) -> None:
    """Excel-safe UTF-8 CSV (with BOM) of exactly the table shown, or, given a callable, the
    bytes of a store export (store.export.run.export_bytes: the CLI's file of the same
    selection), built only on click. This is the only download the dashboard offers: the
    table toolbar's own export is switched off (client.disableDataExport)."""
    data = (lambda: _csv_bytes(frame())) if callable(frame) else frame_to_csv_bytes(frame)
    st.download_button(
        label or csv_label(file_name),
        data=data,
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        help="UTF-8 CSV; cells starting with = + - @ get a leading apostrophe. " + NCBI_DISCLAIMER,
    )


def _csv_bytes(built: pd.DataFrame | bytes) -> bytes:
    return built if isinstance(built, bytes) else frame_to_csv_bytes(built)


def shown_time(stamp: object) -> str:
    """A stored ISO UTC timestamp ("2026-11-25T03:00:05Z") as "2026-11-25 03:00:05 UTC":
    the zone said once."""
    parsed = parse_utc(str(stamp)) if stamp else None
    if parsed is None:
        return str(stamp)
    return parsed.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


#: Failed claims named in the freshness banner; the rest are counted.
FAILED_NAMED = 3


def freshness_banner(fresh: dict, *, on_status_page: bool = False) -> None:
    """Last successful fetch, staleness and failed claims. On the Fetch status page itself
    the failed-claims line does not point to that page."""
    failed = fresh["failed_claims"]
    if fresh["last_success"] is None:
        st.warning("No fetch has finished successfully yet. Run `littrack fetch`.")
    elif fresh["stale"]:
        st.warning(
            f"Data is {fresh['age_hours']:.0f} hours old (last successful fetch "
            f"{shown_time(fresh['last_success'])}). Check the nightly job: `littrack status`."
        )
    else:
        st.success(
            f"Last successful fetch {shown_time(fresh['last_success'])} "
            f"({fresh['age_hours']:.1f} hours ago)."
        )
    if failed:
        # One line however many failed: the first few by name, the rest as a count.
        named = ", ".join(f"`{c.replace('`', '')}`" for c in failed[:FAILED_NAMED])
        more = f" and {len(failed) - FAILED_NAMED} more" if len(failed) > FAILED_NAMED else ""
        st.error(
            f"{len(failed)} claim(s) failed or incomplete in the latest fetch: {named}{more}"
            + ("." if on_status_page else ". See Fetch status.")
        )


def chart_table(frame: pd.DataFrame, file_name: str, *, key: str) -> None:
    """A chart's text alternative: its data as a table, with its guarded CSV."""
    st.dataframe(frame, hide_index=True, key=f"{key}.table")
    download_csv(frame, file_name, key=f"{key}.csv")


def badge_rule() -> None:
    """The evidence badge's rule as two small tables (points per axis, points → badge)."""
    st.table(pd.DataFrame(rule_rows()).set_index("Counts"))
    st.table(pd.DataFrame(label_rows()).set_index("Badge"))
    st.markdown(
        "A triage aid for where the literature is thin, not a quality grade. Computed from "
        "the claim's stored records."
    )
