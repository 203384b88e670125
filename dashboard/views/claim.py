"""Topic / claim: the claim's headline numbers and screened evidence, then its panels
(dashboard/parts/claim_panels.py): volume by year and design (raw or normalised),
breakdowns, the query with PubMed's Count history, and the newest publications with their
abstracts. Topic, claim, the All-records switch, date basis, scale and a chosen year live
in the URL."""

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from dashboard import data, urlstate
from dashboard.parts import claim_panels, filters, priority, prisma, screening_panels
from dashboard.parts.widgets import NEW_THIS_WEEK_HELP, number
from store.formats.markdown import md_escape

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
if "topic" not in st.query_params and "claim" in st.query_params and urlstate.fresh("claim.topic"):
    owner = claims.loc[claims["claim_id"] == st.query_params["claim"], "topic_id"]
    if len(owner):
        st.session_state["claim.topic"] = owner.iloc[0]
left, right = st.columns(2)
topic_id = left.selectbox(
    "Topic", list(titles), format_func=titles.get, key="claim.topic", persist_state="session"
)
in_topic = claims[claims["topic_id"] == topic_id].set_index("claim_id")
urlstate.seed("claim.claim", "claim", in_topic.index)
if st.session_state.get("claim.claim") not in in_topic.index:
    st.session_state.pop("claim.claim", None)  # the topic changed: its first claim
claim_id = right.selectbox(
    "Claim",
    list(in_topic.index),
    format_func=lambda c: in_topic.loc[c, "claim"][:90],
    key="claim.claim",
    persist_state="session",
)
urlstate.publish(topic=topic_id, claim=claim_id)
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
c[2].metric("New this week", number(claim["new_7d"]), help=NEW_THIS_WEEK_HELP)
c[3].metric("New in 30 days", number(claim["new_30d"]))
c[4].metric("Evidence badge", claim["evidence"])
screening_panels.claim_screening(url, version, claim_id)
priority.claim_estimate(url, version, claim_id)
prisma.prisma_flow(url, version, claim_id)

basis, year = claim_panels.volume(url, version, claim, raw, this_year)
claim_panels.designs_and_species(url, version, claim_id, raw)
claim_panels.query(url, version, claim)
claim_panels.newest(url, version, claim_id, basis, year)
