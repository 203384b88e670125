"""Overview: per topic, how much evidence, how new, how it grows; topic × year heatmap."""

import pandas as pd
import streamlit as st

from dashboard import charts, data, filters, screening_panels
from dashboard.blocks import download_csv, freshness_banner
from store import overview
from store.evidence import label_rows, rule_rows, thresholds_help

store = st.session_state["store"]
url, version = store.url, store.version

st.title("Evidence overview")
freshness_banner(data.freshness(url, version))

raw = filters.all_records("overview.all_records")
topics = data.topic_overview(url, version, raw)
claims = data.claim_overview(url, version, None, raw)
basis = filters.date_basis("Count years by", "overview.basis")
years = data.topic_year_counts(url, version, basis, raw)

totals = data.record_totals(url, version, raw)
flagged = claims[(claims["retracted"] > 0) | (claims["concern"] > 0)]
if len(flagged):
    st.warning(
        "Retracted or expression-of-concern records are linked to "
        + "; ".join(
            f"{row.claim_id} ({row.retracted} retracted, {row.concern} concern)"
            for row in flagged.itertuples()
        )
        + ". They are left out of the counts and the badge.",
        icon="⚠️",
    )
counted = "Records stored" if raw else "Evidence records"
cols = st.columns(5)
cols[0].metric("Topics", len(topics))
cols[1].metric("Claims", int(topics["claims"].sum()))
cols[2].metric("PubMed Count (sum)", int(topics["pubmed_count"].fillna(0).sum()))
cols[3].metric(
    counted,
    totals["records"],
    help="Distinct records; a record in several topics counts once. " + filters.ALL_RECORDS_HELP,
)
cols[4].metric(
    "New records in 7 days",
    totals["new_7d"],
    help="Distinct records first seen in the last 7 days; a record in several topics counts once",
)

by_evidence = overview.claims_by_evidence(claims)
st.caption(
    "Claims by evidence: "
    + ", ".join(f"{label} {n}" for label, n in by_evidence.items())
    + " (FAQ claims that restate a section claim are not counted)"
)

table = topics.assign(
    trend=topics["topic_id"].map(charts.sparklines(years, list(topics["topic_id"])))
)
shown = table[
    ["topic_id", "title", "claims", "pubmed_count", "records", "new_7d", "new_30d",
     "trend", "retracted", "concern", "evidence"]
]  # fmt: skip
st.subheader("Topics")
st.dataframe(
    shown,
    hide_index=True,
    key="overview.topics",
    column_config={
        "topic_id": st.column_config.TextColumn("Topic id"),
        "title": st.column_config.TextColumn("Topic", width="large"),
        "claims": st.column_config.NumberColumn("Claims"),
        "pubmed_count": st.column_config.NumberColumn(
            "PubMed Count", help="Sum of each claim's latest PubMed Count"
        ),
        "records": st.column_config.NumberColumn(
            counted, help="Distinct PubMed records linked to the topic's claims"
        ),
        "retracted": st.column_config.NumberColumn("Retracted", help="Linked retracted records"),
        "concern": st.column_config.NumberColumn(
            "Concern", help="Linked records under an expression of concern"
        ),
        "new_7d": st.column_config.NumberColumn("New 7 d", help="First seen in the last 7 days"),
        "new_30d": st.column_config.NumberColumn("New 30 d", help="First seen in the last 30 days"),
        "trend": st.column_config.LineChartColumn(
            "Records per year", help="Last 20 years of data, by the chosen date"
        ),
        "evidence": st.column_config.TextColumn("Evidence", help=thresholds_help()),
    },
)
download_csv(shown.drop(columns=["trend"]), "littrack-topics.csv", key="overview.topics.csv")
st.caption("How the evidence badge is graded (on evidence only, whatever the switch):")
rule_left, rule_right = st.columns([3, 1])
rule_left.dataframe(pd.DataFrame(rule_rows()), hide_index=True, key="overview.badge_rule")
rule_right.dataframe(pd.DataFrame(label_rows()), hide_index=True, key="overview.badge_labels")
screening_panels.overview_screening(url, version)

st.subheader("Records per topic and year")
if len(years):
    titles = dict(zip(topics["topic_id"], topics["title"], strict=True))
    st.plotly_chart(charts.topic_year_heatmap(years, titles), key="overview.heatmap")
else:
    st.info("No stored record has a year yet.")

with st.expander("PubMed Count per claim", expanded=False):
    per_claim = claims[
        ["topic_id", "claim_id", "claim", "pubmed_count", "counted_at", "records", "new_7d",
         "new_30d", "retracted", "concern", "evidence"]
    ]  # fmt: skip
    st.dataframe(per_claim, hide_index=True, key="overview.claims")
    download_csv(per_claim, "littrack-claims.csv", key="overview.claims.csv")
