"""The page list. Page files are addressed by absolute paths next to this module, so the
app runs the same from `streamlit run streamlit_app.py`, `streamlit run dashboard/app.py`
and an installed package (`littrack dashboard`).

The folder is `views/`, not `pages/`: a `pages/` folder beside the main script switches
Streamlit (and AppTest on every rerun) to the old directory-based multipage mode, which
runs the page file without the main script."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

VIEWS_DIR = Path(__file__).resolve().parent / "views"

#: (file, title, url path, icon) in sidebar order; the first is the default page.
PAGES = (
    ("overview.py", "Overview", "home", ":material/dashboard:"),
    ("new.py", "New", "new", ":material/fiber_new:"),
    ("claim.py", "Topic / claim", "claim", ":material/insights:"),
    ("publications.py", "Publications", "publications", ":material/article:"),
    ("screen.py", "Screen", "screen", ":material/fact_check:"),
    ("fetch_status.py", "Fetch status", "fetch-status", ":material/sync:"),
)
#: The overview's public address besides "/".
OVERVIEW_PATH = "overview"
EMPTY_PAGE = ("empty.py", "Get started", "get-started", ":material/info:")


def build(state: str) -> st.Page:
    """st.navigation over every page when the store has data, else the get-started page."""
    chosen = PAGES if state == "ready" else (EMPTY_PAGE,)
    pages = [
        st.Page(VIEWS_DIR / name, title=title, url_path=url_path, icon=icon, default=i == 0)
        for i, (name, title, url_path, icon) in enumerate(chosen)
    ]
    if state == "ready":
        # Streamlit serves the default page only at "/" (its own url_path reserves a name
        # nobody links to); this hidden twin makes a shared /overview link open it too.
        name, title, _, icon = PAGES[0]
        pages.append(
            st.Page(VIEWS_DIR / name, title=title, url_path=OVERVIEW_PATH, icon=icon,
                    visibility="hidden")
        )  # fmt: skip
    return st.navigation(pages)


def view(name: str) -> Path:
    """A page's file, for st.page_link (a link that opens that page with query parameters)."""
    return VIEWS_DIR / name
