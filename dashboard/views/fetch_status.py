"""Fetch status: run history, expected vs retrieved per claim, how to run a fetch."""

import streamlit as st

from dashboard import data
from dashboard.parts.widgets import download_csv, freshness_banner

store = st.session_state["store"]
url, version = store.url, store.version

st.title("Fetch status")
fresh = data.freshness(url, version)
freshness_banner(fresh, on_status_page=True)
if fresh["state"] == "failed":  # the last run's own words: e.g. PubMed could not be reached
    st.error(f"Last fetch: {fresh['message']}")

st.header("Run history")
runs = data.run_history(url, version)
st.dataframe(runs, hide_index=True, key="status.runs")
download_csv(runs, "littrack-runs.csv", key="status.runs.csv")

skipped = data.skipped_records(url, version)
if len(skipped):
    st.header("Records skipped as unreadable")
    st.caption(
        "Records PubMed (or a server in between) sent in a form that cannot be read: each "
        "cost only itself; the claims that wanted it are incomplete until a later run gets "
        "a readable copy."
    )
    st.dataframe(skipped, hide_index=True, key="status.skipped")
    download_csv(skipped, "littrack-skipped-records.csv", key="status.skipped.csv")

st.header("Expected vs retrieved per claim")
st.caption(
    "expected: PubMed's latest Count; retrieved: PMIDs the claim's last run fetched; "
    "stored: records linked now; gap = expected − stored (records PubMed withdrew, or a "
    "failed or incomplete claim, leave a gap)."
)
per_claim = data.claim_fetch_status(url, version)
only_problems = st.toggle("Only claims with a gap or an error", key="status.problems")
if only_problems:
    per_claim = per_claim[(per_claim["gap"].fillna(1) != 0) | (per_claim["status"] != "ok")]
st.dataframe(per_claim, hide_index=True, key="status.claims")
download_csv(per_claim, "littrack-claim-status.csv", key="status.claims.csv")

st.header("Running and scheduling a fetch")
st.markdown(
    "The dashboard only reads. Fetches run from the command line, against the database "
    "named by `LITTRACK_DB` (set `NCBI_EMAIL` and `NCBI_API_KEY` first):"
)
st.code(
    "littrack fetch                 # one fetch now (incremental after the first)\n"
    "littrack schedule install      # every night (cron; --systemd for a timer)\n"
    "littrack status                # exit code 0 when last night's fetch worked",
    language="text",
    wrap_lines=True,
)
