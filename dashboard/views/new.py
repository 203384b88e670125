"""New: the records littrack first saw in the last 7 days (or since a chosen date), each listed
once with the claims it is new to, strongest design first; and new records per week.

"New" is store.evidence.novelty's one definition (a claim's first fetch is its baseline), and
the headline counts it as the overview's "New this week" does (store/read/new_records.py),
with the same All-records switch, so the two pages show one number."""

from datetime import UTC, date, datetime, timedelta

import pandas as pd
import streamlit as st

from dashboard import charts, data, urlstate
from dashboard.parts import filters
from dashboard.parts.widgets import (
    NEW_THIS_WEEK_HELP,
    chart_table,
    download_csv,
    freshness_banner,
    number,
)
from store.evidence.novelty import NEW_DAYS
from store.formats.links import doi_url, pubmed_url

#: Rows listed on the page; the CSV holds every new link.
SHOWN = 500
WEEKS = 12
PERIODS = {"week": f"Last {NEW_DAYS} days", "since": "Since a date"}

store = st.session_state["store"]
url, version = store.url, store.version

st.title("New records")
st.caption(
    "Records littrack first saw for a claim in the period, after that claim's first fetch "
    "(a claim's first fetch is its baseline: what PubMed already had is not news). Each "
    "record is listed once, with the claims it is new to."
)
freshness_banner(data.freshness(url, version))

urlstate.seed("new.period", "period", PERIODS)
urlstate.seed_date("new.since", "since")
left, right = st.columns([1, 1])
period = left.radio(
    "Period",
    list(PERIODS),
    format_func=PERIODS.get,
    horizontal=True,
    key="new.period",
    persist_state="session",
)
today = datetime.now(UTC).date()
if period == "since":
    chosen = right.date_input(
        "New since",
        value=today - timedelta(days=30),
        min_value=date(2000, 1, 1),
        max_value=today,
        key="new.since",
        persist_state="session",
    )
    since = datetime.combine(chosen, datetime.min.time(), tzinfo=UTC)
    urlstate.publish(period=period, since=chosen.isoformat())
    label = f"since {chosen.isoformat()}"
else:
    # Whole minutes: the cached lists stay valid for a minute instead of a second.
    since = (datetime.now(UTC) - timedelta(days=NEW_DAYS)).replace(second=0, microsecond=0)
    urlstate.publish(period=None, since=None)
    label = f"in the last {NEW_DAYS} days"
since_text = since.strftime("%Y-%m-%dT%H:%M:%SZ")

raw = filters.all_records("new.all_records")
listed = data.new_records_list(url, version, since_text, raw)
total = data.count_new_links(url, version, since_text, raw)
c = st.columns(3)
c[0].metric(
    "New this week" if period == "week" else f"New records {label}",
    number(len(listed)),
    help=NEW_THIS_WEEK_HELP,
)
c[1].metric(
    "Claims with news", number(len({c for ids in listed["claim_ids"] for c in ids.split(", ")}))
)
c[2].metric(
    "New claim–record links",
    number(total),
    help="A record new to three claims is three links (the digest counts these)",
)

st.header(f"New {label}")
if listed.empty:
    st.info(
        f"Nothing new {label}. A claim's first fetch is its baseline, so a store fetched once "
        "has nothing new yet; the next fetch lists what PubMed adds."
    )
else:
    span = f"since-{since.date().isoformat()}" if period == "since" else f"last-{NEW_DAYS}-days"
    table = pd.DataFrame(
        {
            "Title": listed["title"],
            "Design": listed["design"],
            "Flags": [
                ", ".join(f for f, on in (("RETRACTED", r), ("erratum", e)) if on)
                for r, e in zip(listed["retracted"], listed["erratum"], strict=True)
            ],
            "Claims": listed["claims"],
            "Journal": listed["journal"],
            "Published": listed["pub_date"],
            "First seen (UTC)": listed["first_seen"],
            "PubMed": [pubmed_url(p) for p in listed["pmid"]],
            "DOI": [doi_url(d) for d in listed["doi"]],
        }
    )
    st.dataframe(
        table.head(SHOWN),
        hide_index=True,
        key="new.records",
        column_config={
            "Title": st.column_config.TextColumn(width="large", pinned=True),
            "Claims": st.column_config.TextColumn(width="large"),
            "Journal": st.column_config.TextColumn(width="small"),
            "PubMed": st.column_config.LinkColumn(
                display_text=r"pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/"
            ),
            "DOI": st.column_config.LinkColumn(display_text="DOI"),
        },
    )
    if len(table) > SHOWN:
        st.caption(f"The first {SHOWN:,} of {len(table):,} records; the CSV holds all of them.")
    download_csv(table, f"littrack-new-records-{span}-as-of-{today.isoformat()}.csv", key="new.csv")

st.header("New records per week")
weekly = data.weekly_new_records(url, version, WEEKS)
st.plotly_chart(charts.weekly_new(weekly), key="new.weekly", config={"displayModeBar": False})
st.caption(
    "Distinct records new to the store per week (evidence or not); the last week "
    f"({weekly['week'].iloc[-1]}) is still running."
)
chart_table(
    weekly.rename(columns={"week": "Week starting", "records": "New records"}),
    "littrack-new-records-per-week.csv",
    key="new.weekly",
)
