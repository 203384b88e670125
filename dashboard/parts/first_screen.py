"""The overview's first screen before the rest of the page.

Streamlit sends a page's elements as the script makes them, and the browser draws them
between messages. When the topic cards, the evidence map grid, the charts and the tables
follow the headline at once, the browser is busy taking them in and paints the headline
only when it has taken in most of the page (4–7 s on a 2-core machine at the bench's
1,000,000 links, against under 2 s when the page stops after the headline). So a new
browser session gets the first screen alone, with a one-line "loading" note in a fragment
that reruns itself on a short timer. The timer runs in the browser, so its rerun arrives
only once the browser has taken in the first screen; that rerun asks for the whole page,
which then replaces the first screen in place (same elements, same order). Later visits
to the page in the same session are drawn whole at once.
"""

from __future__ import annotations

import streamlit as st

#: Session keys: the first screen was sent once (the loader ran inline) / was drawn.
_SENT = "first_screen.sent"
DRAWN = "first_screen.drawn"
#: Seconds the browser waits after taking in the first screen before asking for the rest.
TICK = 0.05
LOADING = "Loading the topics, the evidence map and the charts…"


def rest_of_page_follows() -> None:
    """Call after the first screen's last element. In a new session this ends the run
    (st.stop) after a loader; the loader's own rerun, which the browser sends once it has
    drawn the first screen, reruns the whole page. Otherwise it returns at once."""
    if st.session_state.get(DRAWN):
        return

    @st.fragment(run_every=TICK)
    def loader() -> None:
        if st.session_state.get(_SENT):
            st.session_state[DRAWN] = True
            st.rerun(scope="app")
        st.session_state[_SENT] = True
        st.caption(LOADING)

    loader()
    st.stop()
