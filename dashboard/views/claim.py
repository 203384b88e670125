"""Topic / claim: volume by year and design (raw or normalised), breakdowns, the query (with
a PubMed search link) and PubMed's Count history, and the newest publications with their
abstracts. Topic, claim, date basis, scale and a chosen year live in the URL."""

import re
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from dashboard import charts, data, urlstate
from dashboard.parts import filters, priority, screening_panels
from dashboard.parts.highlight import show_match
from dashboard.parts.query_history import render_query_history
from dashboard.parts.widgets import chart_table, download_csv, number
from store.formats.links import pubmed_search_url
from store.formats.markdown import md_escape
from store.read.publications import normalise

NEWEST = 20
_WEBBY = re.compile(r"(?i)(https?:|www\.|://|@)")
SCALE_LABELS = {
    "raw": "Records",
    "pubmed": "Per 100,000 PubMed records",
    "reference": "Against the reference query",
}

store = st.session_state["store"]
url, version = store.url, store.version
this_year = datetime.now(UTC).year
st.title("Topic / claim")
raw = filters.all_records("claim.all_records")
topics = data.topic_overview(url, version, raw)
claims = data.claim_overview(url, version, None, raw)
titles = dict(zip(topics["topic_id"], topics["title"], strict=True))

urlstate.seed("claim.topic", "topic", titles)
# A link naming only a claim opens its topic too.
if "claim.topic" not in st.session_state and "claim" in st.query_params:
    owner = claims.loc[claims["claim_id"] == st.query_params["claim"], "topic_id"]
    if len(owner):
        st.session_state["claim.topic"] = owner.iloc[0]
left, right = st.columns(2)
topic_id = left.selectbox("Topic", list(titles), format_func=titles.get, key="claim.topic")
in_topic = claims[claims["topic_id"] == topic_id].set_index("claim_id")
urlstate.seed("claim.claim", "claim", in_topic.index)
if st.session_state.get("claim.claim") not in in_topic.index:
    st.session_state.pop("claim.claim", None)  # the topic changed: its first claim
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

status = data.claim_fetch_status(url, version)
mine = status[status["claim_id"] == claim_id]
fetched = len(mine) and pd.notna(mine["last_run_id"].iloc[0])
if len(mine) and mine["status"].iloc[0] == "failed":
    error = str(mine["error"].iloc[0] or "no message").splitlines()[0][:300]
    st.error(
        f"This claim failed in the last fetch ({md_escape(error)}). The numbers below are from "
        "its last successful fetch; see Fetch status."
    )
if not fetched:
    st.info("This claim has not been fetched yet: run `littrack fetch`.")
elif pd.notna(claim["pubmed_count"]) and int(claim["pubmed_count"]) == 0:
    st.info("PubMed finds no record for this claim's query (Count 0): check the query below.")

c = st.columns(5)
c[0].metric("PubMed Count", number(claim["pubmed_count"]))
c[1].metric(
    "Records stored" if raw else "Evidence records",
    number(claim["records"]),
    help=filters.ALL_RECORDS_HELP,
)
c[2].metric("New this week", number(claim["new_7d"]), help="First seen in the last 7 days, "
            "after the claim's first fetch")  # fmt: skip
c[3].metric("New in 30 days", number(claim["new_30d"]))
c[4].metric("Evidence badge", claim["evidence"])
screening_panels.claim_screening(url, version, claim_id)
priority.claim_estimate(url, version, claim_id)

st.subheader("Volume by year and study design")
o1, o2 = st.columns(2)
urlstate.seed("claim.basis", "basis", filters.DATE_BASIS_LABELS)
basis = filters.date_basis("Count by", "claim.basis", o1)
scales = ["raw", "pubmed"] + (["reference"] if claim["reference_query"] else [])
urlstate.seed("claim.scale", "scale", scales)
scale = o2.radio("Scale", scales, format_func=SCALE_LABELS.get, horizontal=True, key="claim.scale")
urlstate.publish(topic=topic_id, claim=claim_id, basis=basis, scale=scale)
volume = data.claim_year_design(url, version, claim_id, basis, raw)
value = "records"
if scale != "raw" and len(volume):
    series = "pubmed" if scale == "pubmed" else f"reference:{claim_id}"
    totals = data.year_totals(url, version, series)
    if not len(totals):
        st.info(
            "The reference series has no yearly counts yet (`littrack fetch` records them at "
            "most monthly), so nothing can be normalised; the records themselves are under "
            "the Records scale."
            if scale == "reference"
            else "PubMed's yearly totals are not recorded yet (`littrack fetch` records them "
            "at most monthly); the records themselves are under the Records scale."
        )
    volume = volume.merge(totals, on="year", how="left")
    volume["normalised"] = normalise(
        volume["records"], volume["total"].astype("Int64"), 100_000 if scale == "pubmed" else 100
    )
    value = "normalised"
    if len(totals) and volume["total"].isna().any():
        st.caption(
            "Years without a recorded total are left out (`littrack fetch` records them at "
            "most monthly). Totals are by publication year."
        )
    volume = volume.dropna(subset=["normalised"])
picked_year = None
if len(volume):
    event = st.plotly_chart(
        charts.volume_by_year(volume, value=value, scale=scale, current_year=this_year),
        key="claim.volume",
        on_select="rerun",
        selection_mode="points",
    )
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if points:
        picked_year = int(points[0]["x"])
    st.caption(
        f"{this_year} is the year so far. Click a bar to list that year's newest records below."
    )
elif int(claim["records"]) == 0:
    st.info("No records stored for this claim yet.")
else:
    st.info("None of this claim's records has a year on this basis.")
with st.expander("Volume by year as a table"):
    shown = volume.rename(
        columns={"year": "Year", "study_design": "Study design", "records": "Records",
                 "total": "Total", "normalised": SCALE_LABELS[scale]}
    )  # fmt: skip
    chart_table(shown, f"littrack-{claim_id}-by-year-{basis}-date-{scale}.csv", key="claim.volume")

d1, d2 = st.columns(2)
designs = data.claim_design_breakdown(url, version, claim_id, raw)
with d1:
    st.header("Study designs")
    if len(designs):
        st.plotly_chart(charts.design_breakdown(designs), key="claim.designs")
    chart_table(
        designs.rename(columns={"study_design": "Study design", "records": "Records"}),
        f"littrack-{claim_id}-designs.csv",
        key="claim.designs",
    )
with d2:
    st.header("Humans / animals")
    species = data.claim_species_breakdown(url, version, claim_id, raw)
    species = species.rename(columns=lambda c: str(c).replace("_", " ").capitalize())
    st.dataframe(species, hide_index=True, key="claim.species")
    download_csv(species, f"littrack-{claim_id}-species.csv", key="claim.species.csv")

st.header("Query and PubMed Count history")
st.code(claim["query"], language=None, wrap_lines=True)
st.link_button(
    "Run this query in PubMed",
    pubmed_search_url(claim["query"]),
    icon=":material/open_in_new:",
)
if claim["reference_query"]:
    st.caption("Reference query (the denominator of the normalised trend):")
    st.code(claim["reference_query"], language=None, wrap_lines=True)
history = data.claim_count_history(url, version, claim_id)
if charts.count_history_points(history) >= 2:
    st.plotly_chart(charts.count_history(history), key="claim.history")
history = history.rename(
    columns={"run_id": "Run", "counted_at": "Counted at (UTC)", "count": "PubMed Count",
             "retrieved": "Retrieved", "status": "Status", "query_version": "Query version",
             "new_links": "New links", "dropped_links": "Dropped links", "error": "Error",
             "warnings": "PubMed warnings"}
)  # fmt: skip
chart_table(history, f"littrack-{claim_id}-count-history.csv", key="claim.history")
render_query_history(url, version, claim_id)

if picked_year is None:
    st.header("Newest publications")
    newest = data.newest_publications(url, version, claim_id, NEWEST)
else:
    st.header(f"Newest publications of {picked_year}")
    st.caption(f"By {filters.DATE_BASIS_LABELS[basis].lower()}; click the bar again to clear.")
    newest = data.newest_publications(url, version, claim_id, NEWEST, basis, picked_year)
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
        "new": st.column_config.TextColumn(
            "New", help="First seen in the last 7 days, after the claim's first fetch"
        ),
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
st.header("Abstracts", anchor=False)
st.caption(
    "Abstracts, with the words each query term matched highlighted (the query evaluated "
    "locally against the stored record; `littrack outline explain` prints the same)"
)
why = data.claim_matches(url, version, claim_id, tuple(int(p) for p in newest["pmid"]))
for row in newest.itertuples():
    # Expander labels are Markdown and GFM turns a bare URL into a link even when escaped,
    # so web addresses are left out of the label; the title is shown inside, escaped.
    words = [w for w in str(row.title).split() if not _WEBBY.search(w)]
    short = " ".join(words)[:90]
    with st.expander(f"PMID {row.pmid}: {md_escape(short)}"):
        show_match(row.title, row.abstract, why.get(int(row.pmid)))
