"""New: the records littrack first saw in the last 7 days (or since a chosen date), across
every claim, grouped by topic and claim, with design and flags; and new records per week.

"New" is store.evidence.novelty's one definition (a claim's first fetch is its baseline), the same
as the overview's "new this week" and the digest."""

from datetime import UTC, date, datetime, timedelta

import pandas as pd
import streamlit as st

from dashboard import charts, data, urlstate
from dashboard.parts import filters
from dashboard.parts.widgets import chart_table, download_csv, freshness_banner, number
from store.evidence.novelty import NEW_DAYS
from store.formats.links import doi_url, pubmed_url
from store.formats.markdown import md_escape

#: Rows listed on the page; the CSV holds every new link.
SHOWN = 500
WEEKS = 12
PERIODS = {"week": f"Last {NEW_DAYS} days", "since": "Since a date"}

store = st.session_state["store"]
url, version = store.url, store.version

st.title("New records")
st.caption(
    "Records littrack first saw for a claim in the period, after that claim's first fetch "
    "(a claim's first fetch is its baseline: what PubMed already had is not news). A record "
    "new to several claims is listed under each."
)
freshness_banner(data.freshness(url, version))

urlstate.seed("new.period", "period", PERIODS)
urlstate.seed_date("new.since", "since")
left, right = st.columns([1, 1])
period = left.radio(
    "Period", list(PERIODS), format_func=PERIODS.get, horizontal=True, key="new.period"
)
today = datetime.now(UTC).date()
if period == "since":
    chosen = right.date_input(
        "New since",
        value=today - timedelta(days=30),
        min_value=date(2000, 1, 1),
        max_value=today,
        key="new.since",
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
total = data.count_new_links(url, version, since_text, raw)
rows = data.new_links(url, version, since_text, SHOWN, raw)
c = st.columns(3)
c[0].metric("New claim–record links", number(total))
c[1].metric("Claims with news", number(rows["claim_id"].nunique() if total <= SHOWN else None))
c[2].metric("Distinct records", number(rows["pmid"].nunique() if total <= SHOWN else None))

st.header("New records per week")
weekly = data.weekly_new_records(url, version, WEEKS)
st.plotly_chart(charts.weekly_new(weekly), key="new.weekly", config={"displayModeBar": False})
st.caption(
    "Distinct records new to the store per week; the last week "
    f"({weekly['week'].iloc[-1]}) is still running."
)
chart_table(
    weekly.rename(columns={"week": "Week starting", "records": "New records"}),
    "littrack-new-records-per-week.csv",
    key="new.weekly",
)

st.header(f"New {label}")
if total == 0:
    st.info(
        f"Nothing new {label}. A claim's first fetch is its baseline, so a store fetched once "
        "has nothing new yet; the next fetch lists what PubMed adds."
    )
else:
    if total > SHOWN:
        st.warning(
            f"{number(total)} new links: the first {SHOWN} are listed; the CSV holds all of them."
        )
    span = f"since-{since.date().isoformat()}" if period == "since" else f"last-{NEW_DAYS}-days"
    download_csv(
        lambda: data.new_links(url, version, since_text, total, raw),
        f"littrack-new-records-{span}-as-of-{today.isoformat()}.csv",
        key="new.csv",
    )
    for topic, in_topic in rows.groupby("topic", sort=False):
        st.subheader(md_escape(topic), anchor=False)
        for (claim_id, claim), part in in_topic.groupby(["claim_id", "claim"], sort=False):
            st.markdown(f"**{md_escape(claim_id)}**: {md_escape(claim)} ({len(part)} new)")
            table = pd.DataFrame(
                {
                    "Title": part["title"],
                    "Journal": part["journal"],
                    "Published": part["pub_date"],
                    "Design": part["design"],
                    "Flags": [
                        ", ".join(f for f, on in (("RETRACTED", r), ("erratum", e)) if on)
                        for r, e in zip(part["retracted"], part["erratum"], strict=True)
                    ],
                    "First seen (UTC)": part["first_seen"],
                    "PubMed": [pubmed_url(p) for p in part["pmid"]],
                    "DOI": [doi_url(d) for d in part["doi"]],
                }
            )
            st.dataframe(
                table,
                hide_index=True,
                key=f"new.{claim_id}",
                column_config={
                    "Title": st.column_config.TextColumn(width="large"),
                    "PubMed": st.column_config.LinkColumn(
                        display_text=r"pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/"
                    ),
                    "DOI": st.column_config.LinkColumn(display_text="DOI"),
                },
            )
