"""Publications: every stored record, filtered, sorted and paginated in SQL."""

import streamlit as st

from dashboard import data
from dashboard.blocks import download_csv
from dashboard.filters import publication_filter

PAGE_SIZES = (10, 25, 50, 100, 250)

store = st.session_state["store"]
url, version = store.url, store.version

st.title("Publications")
flt, sort, descending = publication_filter(
    data.claim_overview(url, version), data.topic_overview(url, version),
    data.filter_choices(url, version),
)  # fmt: skip
key = data.filter_key(flt)
total = data.count_publications(url, version, key)

c1, c2, c3 = st.columns([2, 1, 1])
c1.metric("Matching records", total)
size = c2.selectbox("Rows per page", PAGE_SIZES, index=2, key="pub.size")
pages = max(1, -(-total // size))
page = c3.number_input("Page", min_value=1, max_value=pages, value=1, step=1, key="pub.page")
offset = (int(page) - 1) * size
rows = data.list_publications(url, version, key, sort, descending, size, offset)
st.caption(
    f"Rows {offset + 1 if total else 0}–{offset + len(rows)} of {total}, page {page} of {pages}"
)
st.dataframe(
    rows,
    hide_index=True,
    key="pub.table",
    column_order=[
        "pmid",
        "title",
        "journal",
        "pub_date",
        "entrez_date",
        "study_design",
        "design_source",
        "humans",
        "animals",
        "language",
        "retracted",
        "concern",
        "preprint",
        "first_author",
        "pubmed_url",
        "doi_url",
    ],  # fmt: skip
    column_config={
        "pmid": st.column_config.NumberColumn("PMID", format="%d"),
        "title": st.column_config.TextColumn("Title", width="large"),
        "journal": st.column_config.TextColumn("Journal"),
        "pub_date": st.column_config.TextColumn("Publication date"),
        "entrez_date": st.column_config.TextColumn("Entrez date", help="Entered PubMed"),
        "study_design": st.column_config.TextColumn("Study design"),
        "design_source": st.column_config.TextColumn(
            "Design from", help="publication type, mesh, text (not indexed yet) or none"
        ),
        "humans": st.column_config.CheckboxColumn("Humans", help="MeSH Humans check tag"),
        "animals": st.column_config.CheckboxColumn("Animals", help="MeSH Animals check tag"),
        "language": st.column_config.TextColumn("Language"),
        "retracted": st.column_config.CheckboxColumn("Retracted"),
        "concern": st.column_config.CheckboxColumn("Concern", help="Expression of concern"),
        "preprint": st.column_config.CheckboxColumn("Preprint"),
        "first_author": st.column_config.TextColumn("First author"),
        "pubmed_url": st.column_config.LinkColumn("PubMed", display_text="PubMed"),
        "doi_url": st.column_config.LinkColumn("DOI", display_text="DOI"),
    },
)
download_csv(
    lambda: data.all_publications(url, key, sort, descending).drop(columns=[]),
    "littrack-publications.csv",
    key="pub.csv",
)
st.caption(f"The download holds all {total} matching records, not only this page.")
