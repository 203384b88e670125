"""The claim page's panels below its headline, each drawn from one cached read
(dashboard/data.py over store/read/claim_page.py and claim_detail.py): volume by year,
study designs and species, the query with PubMed's Count history, and the newest records
with their abstracts."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from dashboard import charts, data, urlstate
from dashboard.parts import filters
from dashboard.parts.highlight import show_match
from dashboard.parts.query_history import render_query_history
from dashboard.parts.widgets import chart_table, download_csv
from store.formats.links import pubmed_search_url
from store.formats.markdown import md_escape
from store.read.claim_page import NEWEST_COLUMNS

NEWEST = 20
_WEBBY = re.compile(r"(?i)(https?:|www\.|://|@)")
SCALE_LABELS = {
    "raw": "Records",
    "pubmed": "Per 100,000 PubMed records",
    "reference": "Against the reference query",
}


def _picked_year(event: object, years: pd.Series) -> int | None:
    """The clicked bar's year, else the URL's `year` when it is on the chart."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if points:
        return int(points[0]["x"])
    wanted = st.query_params.get("year", "")
    return int(wanted) if wanted.isdigit() and int(wanted) in set(years) else None


def volume(url: str, version: str, claim: pd.Series, raw: bool, this_year: int) -> tuple:
    """Volume by year and design on the chosen scale; returns (basis, picked year)."""
    claim_id = str(claim.name)
    st.header("Volume by year and study design")
    o1, o2 = st.columns(2)
    urlstate.seed("claim.basis", "basis", filters.DATE_BASIS_LABELS)
    basis = filters.date_basis("Count by", "claim.basis", o1)
    scales = ["raw", "pubmed"] + (["reference"] if claim["reference_query"] else [])
    urlstate.seed("claim.scale", "scale", scales)
    scale = o2.radio(
        "Scale",
        scales,
        format_func=SCALE_LABELS.get,
        horizontal=True,
        key="claim.scale",
        persist_state="session",
    )
    shown = data.claim_volume(url, version, claim_id, basis, raw, scale)
    if shown.note:
        (st.info if shown.value == "records" or not len(shown.frame) else st.caption)(shown.note)
    picked = None
    if len(shown.frame):
        event = st.plotly_chart(
            charts.volume_by_year(
                shown.frame, value=shown.value, scale=scale, current_year=this_year
            ),
            key="claim.volume",
            on_select="rerun",
            selection_mode="points",
        )
        picked = _picked_year(event, shown.frame["year"])
        st.caption("Click a bar to list that year's newest records below.")
    elif int(claim["records"]) == 0:
        st.info("No records stored for this claim yet.")
    else:
        st.info("None of this claim's records has a year on this basis.")
    urlstate.publish(basis=basis, scale=scale, year=picked)
    with st.expander("Volume by year as a table"):
        table = shown.frame.rename(
            columns={"year": "Year", "study_design": "Study design", "records": "Records",
                     "total": "Total", "normalised": SCALE_LABELS[scale]}
        )  # fmt: skip
        chart_table(
            table, f"littrack-{claim_id}-by-year-{basis}-date-{scale}.csv", key="claim.volume"
        )
    return basis, picked


def designs_and_species(url: str, version: str, claim_id: str, raw: bool) -> None:
    d1, d2 = st.columns(2)
    designs = data.claim_design_breakdown(url, version, claim_id, raw)
    with d1:
        st.header("Study designs")
        if len(designs):
            st.plotly_chart(
                charts.design_breakdown(designs),
                key="claim.designs",
                config={"displayModeBar": False},
            )
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


HISTORY_NAMES = {
    "run_id": "Run", "counted_at": "Counted at (UTC)", "count": "PubMed Count",
    "retrieved": "Retrieved", "status": "Status", "query_version": "Query version",
    "new_links": "New links", "dropped_links": "Dropped links", "error": "Error",
    "warnings": "PubMed warnings",
}  # fmt: skip


def query(url: str, version: str, claim: pd.Series) -> None:
    claim_id = str(claim.name)
    st.header("Query and PubMed Count history")
    st.code(claim["query"], language=None, wrap_lines=True)
    st.link_button(
        "Run this query in PubMed", pubmed_search_url(claim["query"]),
        icon=":material/open_in_new:",
    )  # fmt: skip
    if claim["reference_query"]:
        st.caption("Reference query (the denominator of the normalised trend):")
        st.code(claim["reference_query"], language=None, wrap_lines=True)
    history = data.claim_count_history(url, version, claim_id)
    if charts.count_history_points(history) >= 2:
        st.plotly_chart(
            charts.count_history(history), key="claim.history", config={"displayModeBar": False}
        )
    chart_table(
        history.rename(columns=HISTORY_NAMES),
        f"littrack-{claim_id}-count-history.csv",
        key="claim.history",
    )
    render_query_history(url, version, claim_id)


NEWEST_CONFIG = {
    "new": st.column_config.TextColumn(
        "New", help="First seen in the last 7 days, after the claim's first fetch"
    ),
    "title": st.column_config.TextColumn("Title", width="large"),
    "design": st.column_config.TextColumn("Study design"),
    "flags": st.column_config.TextColumn("Flags"),
    "journal": st.column_config.TextColumn("Journal", width="small"),
    "entrez_date": st.column_config.TextColumn("Entrez date", help="Entered PubMed"),
    "pub_date": st.column_config.TextColumn("Publication date"),
    "pmid": st.column_config.NumberColumn("PMID", format="%d"),
    "pubmed": st.column_config.LinkColumn("PubMed", display_text="PubMed"),
    "doi": st.column_config.LinkColumn("DOI", display_text="DOI"),
}


def newest(url: str, version: str, claim_id: str, basis: str, year: int | None) -> None:
    """The newest records (of the picked year), then their abstracts with the hits marked."""
    if year is None:
        st.header("Newest publications")
    else:
        st.header(f"Newest publications of {year}")
        st.caption(f"By {filters.DATE_BASIS_LABELS[basis].lower()}; click the bar again to clear.")
    rows = data.newest_view(url, version, claim_id, NEWEST, basis, year)
    table = rows[NEWEST_COLUMNS]
    st.dataframe(table, hide_index=True, key="claim.newest", column_config=NEWEST_CONFIG)
    download_csv(table, f"littrack-{claim_id}-newest.csv", key="claim.newest.csv")
    st.header("Abstracts", anchor=False)
    st.caption(
        "Abstracts, with the words each query term matched highlighted (the query evaluated "
        "locally against the stored record; `littrack outline explain` prints the same)"
    )
    why = data.claim_matches(url, version, claim_id, tuple(int(p) for p in rows["pmid"]))
    for row in rows.itertuples():
        # Expander labels are Markdown and GFM turns a bare URL into a link even when
        # escaped, so web addresses are left out of the label; the title is shown inside.
        words = [w for w in str(row.title).split() if not _WEBBY.search(w)]
        with st.expander(f"PMID {row.pmid}: {md_escape(' '.join(words)[:90])}"):
            show_match(row.title, row.abstract, why.get(int(row.pmid)))
