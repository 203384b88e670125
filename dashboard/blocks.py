"""Small pieces every page uses: Markdown escaping for PubMed text, the CSV download under
each table, and the freshness banner.

PubMed titles and abstracts are data, not markup: they go through st.text, st.dataframe or
`md_escape` before st.markdown; no page ever enables raw HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from store.export_csv import frame_to_csv_bytes
from store.export_notes import NCBI_DISCLAIMER

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown so a title is shown as written (no links, no emphasis)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def download_csv(
    frame: pd.DataFrame | Callable[[], pd.DataFrame], file_name: str, *, key: str
) -> None:
    """Excel-safe UTF-8 CSV (with BOM) of exactly the table shown, or of every filtered row
    when given a callable (built only on click)."""
    data = (lambda: frame_to_csv_bytes(frame())) if callable(frame) else frame_to_csv_bytes(frame)
    st.download_button(
        "Download CSV",
        data=data,
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        help="UTF-8 CSV; cells starting with = + - @ get a leading apostrophe. " + NCBI_DISCLAIMER,
    )


def freshness_banner(fresh: dict) -> None:
    failed = fresh["failed_claims"]
    if fresh["last_success"] is None:
        st.warning("No fetch has finished successfully yet. Run `littrack fetch`.")
    elif fresh["stale"]:
        st.warning(
            f"Data is {fresh['age_hours']:.0f} hours old (last successful fetch "
            f"{fresh['last_success']} UTC). Check the nightly job: `littrack status`."
        )
    else:
        st.success(
            f"Last successful fetch {fresh['last_success']} UTC "
            f"({fresh['age_hours']:.1f} hours ago)."
        )
    if failed:
        st.error(
            f"{len(failed)} claim(s) failed in the latest fetch: "
            + ", ".join(f"`{c.replace('`', '')}`" for c in failed)
            + ". See Fetch status."
        )
