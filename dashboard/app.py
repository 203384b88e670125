"""The Streamlit app: `streamlit run dashboard/app.py` (what `littrack dashboard` runs) or
the repository's streamlit_app.py. It never calls NCBI, and writes only screening decisions
(the Screen page); LITTRACK_READONLY=1 opens the store read-only."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

try:
    from dashboard import data, navigation
except ModuleNotFoundError:  # `streamlit run dashboard/app.py` from a checkout not installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from dashboard import data, navigation


def main() -> None:
    st.set_page_config(page_title="littrack", page_icon=":material/library_books:", layout="wide")
    store = data.current_store()
    st.session_state["store"] = store
    page = navigation.build(store.state)
    with st.sidebar:
        st.caption(f"Database: `{store.shown_url}`")
        if store.state == "ready":
            st.caption(f"Data version: run {store.version.split(':')[0]}")
    page.run()


if __name__ == "__main__":
    main()
