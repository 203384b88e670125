"""The Streamlit app: `streamlit run dashboard/app.py` (what `littrack dashboard` runs) or
the repository's streamlit_app.py. It never calls NCBI, and writes only screening decisions
(the Screen page); LITTRACK_READONLY=1 opens the store read-only."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

try:
    from dashboard import data, navigation, urlstate
except ModuleNotFoundError:  # `streamlit run dashboard/app.py` from a checkout not installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from dashboard import data, navigation, urlstate


FAVICON = Path(__file__).resolve().parent / "static" / "favicon.png"

#: Layout rules Streamlit has no option for (constant text, never data): on a phone the
#: page title is smaller, so the headline numbers stay on the first screen.
STYLE = """<style>
@media (max-width: 640px) {
  h1 { font-size: 1.5rem !important; padding-bottom: 0.25rem !important; }
}
[class*="st-key-topic-card-"] h3 { font-size: 1.15rem; padding-top: 0; }
</style>"""


def main() -> None:
    # A local favicon: a Material icon or emoji would be fetched from a font/CDN host.
    st.set_page_config(page_title="littrack", page_icon=str(FAVICON), layout="wide")
    # The only CSV a user can download is the guarded one (blocks.download_csv): the table
    # toolbar's own export would write titles such as =HYPERLINK(...) unescaped.
    st.set_option("client.disableDataExport", True)
    st.html(STYLE)
    problem = data.readonly_problem()
    if problem:
        st.warning(problem)
    store = data.current_store()
    st.session_state["store"] = store
    page = navigation.build(store.state)
    urlstate.arrive(page.url_path)
    with st.sidebar:
        st.caption(f"Database: `{store.shown_url}`")
        if store.state == "ready":
            st.caption(f"Data version: run {store.version.split(':')[0]}")
    page.run()


if __name__ == "__main__":
    main()
