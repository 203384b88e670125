"""Topic / claim: volume by year and design (raw or normalised), breakdowns, the query and
PubMed's Count history, and the newest publications with their abstracts."""

import pandas as pd
import streamlit as st

from dashboard import charts, data, filters, screening_panels
from dashboard.blocks import download_csv
from dashboard.highlight import show_match
from dashboard.views.query_history import render_query_history
from store.markdown import md_escape
from store.publications import normalise

NEWEST = 20

store = st.session_state["store"]
url, version = store.url, store.version
st.title("Topic / claim")
raw = filters.all_records("claim.all_records")
topics = data.topic_overview(url, version, raw)
claims = data.claim_overview(url, version, None, raw)
titles = dict(zip(topics["topic_id"], topics["title"], strict=True))

left, right = st.columns(2)
topic_id = left.selectbox("Topic", list(titles), format_func=titles.get, key="claim.topic")
in_topic = claims[claims["topic_id"] == topic_id].set_index("claim_id")
claim_id = right.selectbox(
    "Claim",
    list(in_topic.index),
    format_func=lambda c: f"{c} — {in_topic.loc[c, 'claim'][:70]}",
    key="claim.claim",
)
claim = in_topic.loc[claim_id]
st.markdown(f"**{md_escape(claim['claim'])}**")
if claim["retracted"] or claim["concern"]:
    st.error(
        f"{int(claim['retracted'])} retracted and {int(claim['concern'])} "
        "expression-of-concern records are linked to this claim (listed with their flags "
        "under Newest publications and in the publications export). Retracted records are "
        "left out of the counts and the badge.",
        icon="⚠️",
    )

facts = [f"Evidence scope: {claim['scope']}"] if claim.get("scope", "any") != "any" else []
if claim.get("context"):
    facts.append("context claim (no subject in its query)")
if claim.get("restates"):
    facts.append(f"restates {claim['restates']} (left out of the evidence totals)")
if facts:
    st.caption(md_escape("; ".join(facts)))

c = st.columns(5)
c[0].metric("PubMed Count", "—" if pd.isna(claim["pubmed_count"]) else int(claim["pubmed_count"]))
c[1].metric(
    "Records stored" if raw else "Evidence records",
    int(claim["records"]),
    help=filters.ALL_RECORDS_HELP,
)
c[2].metric("New in 7 days", int(claim["new_7d"]))
c[3].metric("New in 30 days", int(claim["new_30d"]))
c[4].metric("Evidence", claim["evidence"])
screening_panels.claim_screening(url, version, claim_id)

st.subheader("Volume by year and study design")
o1, o2 = st.columns(2)
basis = filters.date_basis("Count by", "claim.basis", o1)
scales = ["raw", "pubmed"] + (["reference"] if claim["reference_query"] else [])
scale = o2.radio(
    "Scale",
    scales,
    format_func={
        "raw": "Records",
        "pubmed": "Per 100,000 PubMed records",
        "reference": "Against the reference query",
    }.get,
    horizontal=True,
    key="claim.scale",
)
volume = data.claim_year_design(url, version, claim_id, basis, raw)
value = "records"
if scale != "raw" and len(volume):
    series = "pubmed" if scale == "pubmed" else f"reference:{claim_id}"
    totals = data.year_totals(url, version, series)
    volume = volume.merge(totals, on="year", how="left")
    volume["normalised"] = normalise(
        volume["records"], volume["total"].astype("Int64"), 100_000 if scale == "pubmed" else 100
    )
    value = "normalised"
    if volume["total"].isna().any():
        st.caption(
            "Years without a recorded PubMed total are left out (`littrack fetch` records "
            "them at most monthly). Totals are by publication year."
        )
    volume = volume.dropna(subset=["normalised"])
if len(volume):
    st.plotly_chart(charts.volume_by_year(volume, value=value, scale=scale), key="claim.volume")
else:
    st.info("No records with a year for this claim yet.")
with st.expander("Table"):
    st.dataframe(volume, hide_index=True, key="claim.volume.table")
    download_csv(volume, f"littrack-{claim_id}-by-year.csv", key="claim.volume.csv")

d1, d2 = st.columns(2)
designs = data.claim_design_breakdown(url, version, claim_id, raw)
with d1:
    st.subheader("Study designs")
    if len(designs):
        st.plotly_chart(charts.design_breakdown(designs), key="claim.designs")
    st.dataframe(designs, hide_index=True, key="claim.designs.table")
    download_csv(designs, f"littrack-{claim_id}-designs.csv", key="claim.designs.csv")
with d2:
    st.subheader("Humans / animals")
    species = data.claim_species_breakdown(url, version, claim_id, raw)
    st.dataframe(species, hide_index=True, key="claim.species")
    download_csv(species, f"littrack-{claim_id}-species.csv", key="claim.species.csv")

st.subheader("Query and PubMed Count history")
st.code(claim["query"], language=None, wrap_lines=True)
if claim["reference_query"]:
    st.caption("Reference query (the denominator of the normalised trend):")
    st.code(claim["reference_query"], language=None, wrap_lines=True)
history = data.claim_count_history(url, version, claim_id)
if charts.count_history_points(history) >= 2:
    st.plotly_chart(charts.count_history(history), key="claim.history")
st.dataframe(history, hide_index=True, key="claim.history.table")
download_csv(history, f"littrack-{claim_id}-count-history.csv", key="claim.history.csv")
render_query_history(url, version, claim_id)

st.subheader("Newest publications")
newest = data.newest_publications(url, version, claim_id, NEWEST)
table = pd.DataFrame(
    {
        "new": ["NEW" if n else "" for n in newest["is_new"]],
        "title": newest["title"],
        "journal": newest["journal"],
        "entrez_date": newest["entrez_date"],
        "pub_date": newest["pub_date"],
        "design": newest["study_design"],
        "flags": [
            ", ".join(
                f
                for f, on in (
                    ("RETRACTED", r),
                    ("CONCERN", c),
                    ("erratum", e),
                    ("preprint", p),
                    ("veterinary", v),
                )
                if on
            )
            for r, c, e, p, v in zip(
                newest["retracted"],
                newest["concern"],
                newest["erratum"],
                newest["preprint"],
                newest["veterinary"],
                strict=True,
            )
        ],
        "pmid": newest["pmid"],
        "pubmed": newest["pubmed_url"],
        "doi": newest["doi_url"],
    }
)
st.dataframe(
    table,
    hide_index=True,
    key="claim.newest",
    column_config={
        "new": st.column_config.TextColumn("New", help="First seen in the latest fetch"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "journal": st.column_config.TextColumn("Journal"),
        "entrez_date": st.column_config.TextColumn("Entrez date", help="Entered PubMed"),
        "pub_date": st.column_config.TextColumn("Publication date"),
        "design": st.column_config.TextColumn("Study design"),
        "flags": st.column_config.TextColumn("Flags"),
        "pmid": st.column_config.NumberColumn("PMID", format="%d"),
        "pubmed": st.column_config.LinkColumn("PubMed", display_text="PubMed"),
        "doi": st.column_config.LinkColumn("DOI", display_text="DOI"),
    },
)
download_csv(table, f"littrack-{claim_id}-newest.csv", key="claim.newest.csv")
st.caption(
    "Abstracts, with the words each query term matched highlighted (the query evaluated "
    "locally against the stored record; `littrack outline explain` prints the same)"
)
why = data.claim_matches(url, version, claim_id, tuple(int(p) for p in newest["pmid"]))
for row in newest.itertuples():
    # Expander labels are Markdown and GFM turns a bare URL into a link even when escaped,
    # so the label holds only the PMID; the title is shown inside, escaped.
    with st.expander(f"PMID {row.pmid} — abstract"):
        show_match(row.title, row.abstract, why.get(int(row.pmid)))
