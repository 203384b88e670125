"""Screened evidence beside raw retrieval, for the claim and overview pages: counts,
the direction of the evidence over time, and alerts for included records PubMed later
retracted. Kept out of the page files so those stay about retrieval."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data
from dashboard.parts.widgets import download_csv
from store.formats.markdown import md_escape

NO_SCREENING = "none"
NO_SCREENING_TEXT = (
    "This database has no screening tables yet: `littrack db upgrade` (or the next "
    "`littrack fetch`) adds them."
)


def _retraction_alerts(url: str, version: str, key: str, claim_id: str | None) -> None:
    """One alert per retracted paper (not per claim × reviewer), naming its claims."""
    found = data.retracted_inclusions(url, version, key)
    if claim_id is not None:
        found = found[[claim_id in c.split(", ") for c in found["claims"]]]
    for row in found.itertuples():
        claims = ", ".join(f"`{c.replace('`', '')}`" for c in row.claims.split(", "))
        st.error(
            f'Included record [PMID {int(row.pmid)}]({row.link}) "{md_escape(row.title)}" '
            f"has been retracted according to PubMed (included for {claims} by "
            f"{md_escape(row.reviewers)}, last on {str(row.decided_at)[:10]}): review the "
            "decisions. It is left out of the screened counts."
        )


def claim_screening(url: str, version: str, claim_id: str) -> None:
    """Screened counts beside the claim's records, its alerts, and the direction chart."""
    key = data.screening_key(url)
    st.header("Screened evidence")
    if key == NO_SCREENING:
        st.caption(NO_SCREENING_TEXT)
        return
    counts = data.screening_counts(url, version, key, claim_id)
    row = counts[counts["claim_id"] == claim_id]
    if row.empty:
        st.caption("No live records to screen for this claim.")
        return
    r = row.iloc[0]
    cols = st.columns(5)
    cols[0].metric(
        "Screened",
        f"{int(r['screened'])} of {int(r['records'])}",
        help=f"maybe: {int(r['maybe'])}, in conflict between reviewers: {int(r['conflicts'])}",
    )
    cols[1].metric("Included", int(r["included"]))
    cols[2].metric(
        "Supports / contradicts / mixed",
        f"{int(r['supports'])} / {int(r['contradicts'])} / {int(r['mixed'])}",
        help=f"Included records by verdict; no bearing: {int(r['no_bearing'])}",
    )
    cols[3].metric("Excluded", int(r["excluded"]))
    cols[4].metric("Unscreened", int(r["unscreened"]))
    _retraction_alerts(url, version, key, claim_id)
    direction = data.direction_by_year(url, version, key, claim_id)
    if direction.empty:
        st.caption(
            "Direction of the evidence over time: no included record with a verdict of "
            "supports or contradicts yet (see the Screen page)."
        )
        return
    st.markdown("**Direction of the evidence over time** (included records, by publication year)")
    st.plotly_chart(charts.evidence_direction(direction), key="claim.direction")
    with st.expander("Table"):
        st.dataframe(direction, hide_index=True, key="claim.direction.table")
        download_csv(direction, f"littrack-{claim_id}-direction.csv", key="claim.direction.csv")


def overview_screening(url: str, version: str) -> None:
    """Per topic: screened claim × record pairs beside the records retrieved."""
    key = data.screening_key(url)
    st.subheader("Screened evidence per topic")
    if key == NO_SCREENING:
        st.caption(NO_SCREENING_TEXT)
        return
    table = data.topic_screening_counts(url, version, key)
    _retraction_alerts(url, version, key, None)
    if table.empty or not int(table["screened"].sum()):
        st.caption("Nothing screened yet: reviewers judge records on the Screen page.")
    shown = table[
        ["topic_id", "records", "screened", "included", "supports", "contradicts", "mixed",
         "excluded", "maybe", "conflicts", "unscreened"]
    ]  # fmt: skip
    st.dataframe(
        shown,
        hide_index=True,
        key="overview.screening",
        column_config={
            "topic_id": st.column_config.TextColumn("Topic id"),
            "records": st.column_config.NumberColumn(
                "Claim × record pairs", help="Each claim's live records, summed over the topic"
            ),
        },
    )
    download_csv(shown, "littrack-screening.csv", key="overview.screening.csv")
