"""Shown instead of the other pages while the store has no data (or cannot be opened)."""

import streamlit as st

store = st.session_state["store"]

st.title(
    "littrack: this database needs an upgrade"
    if store.state in ("outdated", "newer")
    else "littrack: no data yet"
)
if store.problem:
    st.warning(store.problem)
elif store.state == "missing":
    st.info("The database exists but has no littrack tables yet.")
elif store.state == "outdated":
    st.warning(
        "This database was written by an earlier littrack and has not been upgraded yet; the "
        "dashboard only reads, so it does not upgrade it. Run `littrack db upgrade` (the next "
        "`littrack fetch` does it too): nothing stored is lost."
    )
elif store.state == "newer":
    st.warning(
        "This database was written by a newer littrack than this one: install that release "
        "or a later one to read it."
    )
else:
    st.info("The database is set up, but no fetch has stored any records yet.")
st.markdown(
    "littrack shows the PubMed evidence behind each claim of an article's outline. "
    "Fill the database with a first fetch (it takes a few minutes for the ketamine outline; "
    "set `NCBI_EMAIL` and, if you have one, `NCBI_API_KEY` first):"
)
st.code(
    "littrack fetch --outline data/outlines/ketamine-analgesia.yaml\n"
    "# or fetch and open the dashboard in one go:\nlittrack up",
    language="text",
    wrap_lines=True,
)
st.markdown(
    "The dashboard reads the database named by `LITTRACK_DB` (a SQLite file path or a "
    "PostgreSQL URL). Reload this page when the fetch has finished. To keep the data fresh, "
    "schedule a nightly fetch with `littrack schedule install`."
)
st.caption(f"Database: `{store.shown_url}`")
