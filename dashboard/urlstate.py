"""Shareable views: a page's topic, claim and filters live in the URL (st.query_params).

A widget reads its starting value from the URL when a page is opened (its key not in the
session yet, or the page just entered: a link's parameters win over what the session
remembers), and every rerun writes the current value back, so copying the address bar
reopens the same view. The page widgets keep their values for the session
(`persist_state="session"`), so a sidebar link, which carries no parameters, reopens a
page with the filters it had and puts them back in the URL. Values that are not among the
widget's choices are ignored: a stale or hand-edited link opens the default view instead
of failing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import streamlit as st

#: Session keys: the page of the previous run, and whether this run entered a new page.
_PAGE = "urlstate.page"
_ARRIVED = "urlstate.arrived"


def arrive(page: str) -> None:
    """Called by the app before each run of a page: notes whether the page was just entered."""
    st.session_state[_ARRIVED] = st.session_state.get(_PAGE) != page
    st.session_state[_PAGE] = page


def fresh(key: str) -> bool:
    """True when the URL may set widget `key`: not set yet this session, or page just entered."""
    return key not in st.session_state or bool(st.session_state.get(_ARRIVED))


def seed(key: str, param: str, choices: Iterable[object] | None = None) -> None:
    """Before drawing the widget `key`: take its value from the URL parameter `param`
    when `fresh(key)` and that value is one of `choices` (any value when choices is None)."""
    if not fresh(key) or param not in st.query_params:
        return
    wanted = st.query_params[param]
    if choices is None:
        st.session_state[key] = wanted
        return
    for choice in choices:
        if str(choice) == wanted:
            st.session_state[key] = choice
            return


def seed_list(key: str, param: str, choices: Iterable[str]) -> None:
    """A multiselect's starting value from a repeated URL parameter (?design=a&design=b)."""
    if not fresh(key) or param not in st.query_params:
        return
    allowed = set(choices)
    st.session_state[key] = [v for v in st.query_params.get_all(param) if v in allowed]


def seed_date(key: str, param: str) -> None:
    if not fresh(key) or param not in st.query_params:
        return
    try:
        st.session_state[key] = date.fromisoformat(st.query_params[param])
    except ValueError:
        pass


def publish(**values: object) -> None:
    """Write the view's current values to the URL; None or "" removes a parameter."""
    for name, value in values.items():
        if value is None or value == "" or value == []:
            if name in st.query_params:
                del st.query_params[name]
        elif isinstance(value, list | tuple):
            if st.query_params.get_all(name) != [str(v) for v in value]:
                st.query_params[name] = [str(v) for v in value]
        elif st.query_params.get(name) != str(value):
            st.query_params[name] = str(value)
