"""Publications: every stored record, filtered, sorted and paginated in SQL."""

from datetime import UTC, datetime

import streamlit as st

from dashboard import data
from dashboard.parts import filters
from dashboard.parts.filters import publication_filter
from dashboard.parts.widgets import download_csv, number
from store.export.notes import export_notes
from store.formats.markdown import md_escape

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
c1.metric("Matching records", number(total))
size = c2.selectbox("Rows per page", PAGE_SIZES, index=2, key="pub.size")
pages = max(1, -(-total // size))
page = c3.number_input("Page", min_value=1, max_value=pages, value=1, step=1, key="pub.page")
offset = (int(page) - 1) * size
rows = data.list_publications(url, version, key, sort, descending, size, offset)
st.caption(
    f"Rows {offset + 1 if total else 0:,}–{offset + len(rows):,} of {total:,}, "
    f"page {page:,} of {pages:,}"
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
        "first_seen",
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
        "first_seen": st.column_config.TextColumn(
            "First seen (UTC)", help="When littrack first saw it; baseline = a claim's first fetch"
        ),
        "pubmed_url": st.column_config.LinkColumn("PubMed", display_text="PubMed"),
        "doi_url": st.column_config.LinkColumn("DOI", display_text="DOI"),
    },
)
stem = filters.file_stem(flt)
today = datetime.now(UTC).strftime("%Y-%m-%d")
file_name = f"littrack-publications-{stem}-{today}.csv"
chosen = filters.describe(flt, sort, descending)
st.markdown(
    "**Filter:** "
    + md_escape("; ".join(f"{k}: {v}" for k, v in chosen.items() if v and k != "sorted by"))
    if any(v for k, v in chosen.items() if k != "sorted by")
    else "**Filter:** none (every stored record)"
)
d1, d2 = st.columns(2)
with d1:
    download_csv(
        lambda: data.publication_export(url, key),
        file_name,
        key="pub.csv",
        label="Download CSV: matching publications (one row per claim and record)",
    )
with d2:
    st.download_button(
        "Download notes: the filter and source of that CSV",
        data=lambda: export_notes(
            kind="publications (dashboard)",
            file_name=file_name,
            rows=total,
            exported_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            data_version=version,
            filters=chosen,
        ).encode("utf-8"),
        file_name=file_name.removesuffix(".csv") + ".notes.txt",
        mime="text/plain",
        key="pub.notes",
        on_click="ignore",
    )
st.caption(
    f"The CSV holds all {total:,} matching records, one row per claim that links each, with "
    "the columns of `littrack export` (see the README's data dictionary)."
)
