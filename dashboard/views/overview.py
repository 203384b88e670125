"""Overview: the article and its headline numbers first (warnings are one line each, so they
stay above the fold at 1440 and 390 px), its topics as cards (claims, records, new this week,
badge mix, trend; each opening its claims), the evidence map (a table read by its numbers,
dashboard/parts/evidence_map.py), and several topics on one trend chart. The All-records
switch lives in the URL."""

from datetime import UTC, datetime

import streamlit as st

from dashboard import charts, data, navigation, urlstate
from dashboard.parts import (
    evidence_map,
    filters,
    first_screen,
    priority,
    prisma,
    screening_panels,
)
from dashboard.parts.widgets import (
    NEW_THIS_WEEK_HELP,
    badge_rule,
    chart_table,
    download_csv,
    freshness_banner,
    number,
)
from store.evidence.badge import BADGES
from store.formats.markdown import md_escape
from store.read import overview
from store.read.evidence_map import NO_VERDICTS

#: Topic cards per row at full width (Streamlit stacks columns on a phone).
CARDS_PER_ROW = 5
#: Years of the sparkline on each card.
SPARK_YEARS = 10

store = st.session_state["store"]
url, version = store.url, store.version
this_year = datetime.now(UTC).year

article = data.article_title(url, version)
st.title(md_escape(article) if article else "Evidence overview")  # text, never Markdown
st.caption("Evidence overview: every topic and claim of the article, from stored PubMed records.")
freshness_banner(data.freshness(url, version))

raw = filters.all_records("overview.all_records")
topics = data.topic_overview(url, version, raw)
claims = data.claim_overview(url, version, None, raw)
urlstate.seed("overview.basis", "basis", filters.DATE_BASIS_LABELS)
totals = data.record_totals(url, version, raw)
flagged = claims[(claims["retracted"] > 0) | (claims["concern"] > 0)]
if len(flagged):
    # One line whatever the number of claims: the claims are listed on the Publications page.
    st.warning(
        f"{len(flagged)} {'claim links' if len(flagged) == 1 else 'claims link'} retracted "
        f"({int(flagged['retracted'].sum())}) or "
        f"expression-of-concern ({int(flagged['concern'].sum())}) records, left out of the "
        "counts and the badge: Publications lists them (Retracted filter).",
        icon="⚠️",
    )
counted = "Records stored" if raw else "Evidence records"

with st.container(horizontal=True, key="overview-headline"):
    st.metric("Topics", number(len(topics)), width="content")
    st.metric("Claims", number(int(topics["claims"].sum())), width="content")
    st.metric(
        counted,
        number(totals["records"]),
        help="Distinct records; a record in several topics counts once. "
        + filters.ALL_RECORDS_HELP,
        width="content",
    )
    st.metric("New this week", number(totals["new_7d"]), help=NEW_THIS_WEEK_HELP, width="content")

by_evidence = overview.claims_by_evidence(claims)
st.caption(
    "Claims by evidence: "
    + ", ".join(f"{label} {n}" for label, n in by_evidence.items())
    + " (FAQ claims that restate a section claim are not counted)"
)

first_screen.rest_of_page_follows()

# -- topic cards ---------------------------------------------------------------------------
st.header("Topics")
basis = filters.date_basis("Count years by", "overview.basis")
urlstate.publish(basis=basis)
years = data.topic_year_counts(url, version, basis, raw)
sparks = charts.sparklines(years, list(topics["topic_id"]), years=SPARK_YEARS)
first_year = int(years["year"].max()) - SPARK_YEARS + 1 if len(years) else this_year
claim_page = navigation.view("claim.py")

for start in range(0, len(topics), CARDS_PER_ROW):
    row = st.columns(CARDS_PER_ROW)
    for spot, topic in zip(
        row, topics.iloc[start : start + CARDS_PER_ROW].itertuples(), strict=False
    ):
        in_topic = claims[claims["topic_id"] == topic.topic_id]
        mix = in_topic["evidence"].value_counts()
        with spot.container(border=True, key=f"topic-card-{topic.topic_id}"):
            st.subheader(md_escape(topic.title), anchor=False)
            st.markdown(
                f"**{number(topic.claims)}** claims · **{number(topic.records)}** records · "
                f"**{number(topic.new_7d)}** new this week (records new to the topic)"
            )
            st.markdown(
                "Evidence: " + " · ".join(f"{int(mix[b])} {b}" for b in BADGES if b in mix.index)
            )
            spark = sparks.get(topic.topic_id, [])
            if spark and sum(spark):
                span = f"{max(first_year, int(years['year'].min()))}–{int(years['year'].max())}"
                st.markdown(
                    f"`{charts.sparkline_text(spark)}` records per year {span}, "
                    f"peak {number(max(spark))}"
                )
            st.page_link(
                claim_page,
                label=f"Open {topic.title}",
                icon=":material/arrow_forward:",
                query_params={"topic": topic.topic_id},
            )
            # Expanders are buttons to assistive technology: the topic id keeps labels unique.
            claim_list = st.expander(
                f"{len(in_topic)} claims: {md_escape(topic.topic_id)}",
                key=f"overview.claims.{topic.topic_id}",
                on_change="rerun",
            )
            with claim_list:
                for claim in in_topic.itertuples() if claim_list.open else ():
                    st.page_link(
                        claim_page,
                        label=f"{md_escape(claim.claim_id)}: {number(claim.records)} records, "
                        f"{claim.evidence}",
                        query_params={"topic": topic.topic_id, "claim": claim.claim_id},
                    )

with st.expander("Topics as a table"):
    topic_table = topics[
        ["topic_id", "title", "claims", "pubmed_count", "records", "new_7d", "new_30d",
         "retracted", "concern", "evidence"]
    ]  # fmt: skip
    st.dataframe(
        topic_table,
        hide_index=True,
        key="overview.topics",
        column_config={
            "topic_id": st.column_config.TextColumn("Topic id"),
            "title": st.column_config.TextColumn("Topic", width="large"),
            "claims": st.column_config.NumberColumn("Claims", format="localized"),
            "pubmed_count": st.column_config.NumberColumn(
                "PubMed Count (sum)",
                help="Sum of the claims' latest Counts: a paper matching two claims counts twice",
                format="localized",
            ),
            "records": st.column_config.NumberColumn(counted, format="localized"),
            "new_7d": st.column_config.NumberColumn(
                "New this week", help=NEW_THIS_WEEK_HELP, format="localized"
            ),
            "new_30d": st.column_config.NumberColumn("New in 30 days", format="localized"),
            "retracted": st.column_config.NumberColumn(
                "Retracted", help="Linked retracted records"
            ),
            "concern": st.column_config.NumberColumn(
                "Concern", help="Linked records under an expression of concern"
            ),
            "evidence": st.column_config.TextColumn("Evidence badge"),
        },
    )
    download_csv(topic_table, "littrack-topics-overview.csv", key="overview.topics.csv")

with st.expander("How the evidence badge is worked out (on evidence only, whatever the switch)"):
    badge_rule()

screening_panels.overview_screening(url, version)
priority.overview_estimates(url, version, claims)

# -- evidence map --------------------------------------------------------------------------
st.header("Evidence map")
key = data.screening_key(url)
grid = data.evidence_map(url, version, key)
screened = data.screening_counts(url, version, key) if key != "none" else None
conflicts = (
    {} if screened is None else dict(zip(screened["claim_id"], screened["conflicts"], strict=True))
)
evidence_map.show(grid, conflicts)
if grid["direction"].eq(NO_VERDICTS).all():
    st.caption("Nothing has been screened yet, so no cell has a verdict mark.")
# -- trend ----------------------------------------------------------------------------------
st.header("Records per year")
titles = dict(zip(topics["topic_id"], topics["title"], strict=True))
busiest = list(topics.sort_values("records", ascending=False)["topic_id"][:4])
urlstate.seed_list("overview.trend", "trend", titles)
chosen = st.multiselect(
    "Topics on the chart",
    list(titles),
    default=None if "overview.trend" in st.session_state else busiest,
    format_func=titles.get,
    key="overview.trend",
)
urlstate.publish(trend=chosen)
series = years[years["topic_id"].isin(chosen)].assign(name=lambda f: f["topic_id"].map(titles))
if len(series):
    st.plotly_chart(
        charts.trend_lines(series, current_year=this_year),
        key="overview.trendchart",
    )
    chart_table(
        series.pivot_table(index="year", columns="name", values="records", fill_value=0)
        .reset_index()
        .rename(columns={"year": "Year"}),
        f"littrack-records-per-year-by-{basis}-date.csv",
        key="overview.trend",
    )
elif not len(years):
    st.info("No stored record has a year yet.")
else:
    st.info("Choose one or more topics to draw their records per year.")

with st.expander("Every claim: PubMed Count, records, new, badge"):
    per_claim = claims[
        ["topic_id", "claim_id", "claim", "pubmed_count", "counted_at", "records", "new_7d",
         "new_30d", "retracted", "concern", "evidence"]
    ].rename(
        columns={
            "topic_id": "Topic",
            "claim_id": "Claim id",
            "claim": "Claim",
            "pubmed_count": "PubMed Count",
            "counted_at": "Counted at",
            "records": counted,
            "retracted": "Retracted",
            "concern": "Concern",
            "new_7d": "New this week",
            "new_30d": "New in 30 days",
            "evidence": "Evidence badge",
        }
    )  # fmt: skip
    st.dataframe(per_claim, hide_index=True, key="overview.claims")
    download_csv(per_claim, "littrack-claims-overview.csv", key="overview.claims.csv")

prisma.prisma_flow(url, version)  # the whole outline's flow, last: it is for the write-up
