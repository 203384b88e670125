"""The claim page's query ledger block: every version of the claim's query and what each
edit gained and lost (store/fetch/ledger.py). Kept apart from claim.py so that page can change
around it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data


def ledger_frame(versions: list[dict]) -> pd.DataFrame:
    """One row per version: its text, runs, and the PMIDs the edit gained and lost."""

    def pmids(values: list[int] | None) -> str:
        return "not measured" if values is None else " ".join(map(str, values)) or "none"

    return pd.DataFrame(
        {
            "version": [v["version"] for v in versions],
            "query": [v["query"] or "(text not kept: older than the ledger)" for v in versions],
            "first_run": [v["first_run"] or "" for v in versions],
            "last_run": [v["last_run"] or "" for v in versions],
            "gained": [pmids(v["gained"]) if v["version"] > 1 else "" for v in versions],
            "lost": [pmids(v["lost"]) if v["version"] > 1 else "" for v in versions],
        }
    )


def render_query_history(url: str, version: str, claim_id: str) -> None:
    versions = data.query_history(url, version, claim_id)
    if len(versions) < 2:
        return
    st.caption(
        "Query versions (`littrack outline history`): PMIDs each edit gained and lost, "
        "measured by the new version's first complete fetch."
    )
    st.dataframe(ledger_frame(versions), hide_index=True, key="claim.ledger")
