"""Overview: per topic, how much evidence, how new, how it grows; topic × year heatmap."""

import streamlit as st

from dashboard import charts, data, filters, screening_panels
from dashboard.blocks import download_csv, freshness_banner
from store.evidence import thresholds_help

store = st.session_state["store"]
url, version = store.url, store.version

st.title("Evidence overview")
freshness_banner(data.freshness(url, version))

topics = data.topic_overview(url, version)
claims = data.claim_overview(url, version)
basis = filters.date_basis("Count years by", "overview.basis")
years = data.topic_year_counts(url, version, basis)

totals = data.record_totals(url, version)
cols = st.columns(5)
cols[0].metric("Topics", len(topics))
cols[1].metric("Claims", int(topics["claims"].sum()))
cols[2].metric("PubMed Count (sum)", int(topics["pubmed_count"].fillna(0).sum()))
cols[3].metric(
    "Records stored",
    totals["records"],
    help="Distinct records; a record in several topics counts once",
)
cols[4].metric(
    "New records in 7 days",
    totals["new_7d"],
    help="Distinct records first seen in the last 7 days; a record in several topics counts once",
)

table = topics.assign(
    trend=topics["topic_id"].map(charts.sparklines(years, list(topics["topic_id"])))
)
shown = table[
    ["topic_id", "title", "claims", "pubmed_count", "records", "new_7d", "new_30d",
     "trend", "evidence"]
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
            "Records stored", help="Distinct PubMed records linked to the topic's claims"
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
st.caption(thresholds_help())
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
         "new_30d", "evidence"]
    ]  # fmt: skip
    st.dataframe(per_claim, hide_index=True, key="overview.claims")
    download_csv(per_claim, "littrack-claims.csv", key="overview.claims.csv")
