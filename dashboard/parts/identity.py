"""Who is writing: the reviewer's identity on the Screen page.

With OpenID Connect configured (an `[auth]` section in `.streamlit/secrets.toml`), the
identity is the logged-in account (`st.login` / `st.user`): its e-mail, and only when the
provider says the e-mail is verified (`email_verified` true): an unverified address, or a
display name, is whatever the account holder typed, so it would let one person record
decisions under a colleague's name. Without it,
the reviewer types a name once per browser session. Never from the URL: a query parameter
is a link anyone can forward, not an identity. In read-only mode there is no identity and no
way to write (dashboard.data.read_only).
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from dashboard import data
from store.formats.markdown import md_escape
from store.screening.decisions import MAX_REVIEWER, clean_reviewer

SESSION_KEY = "reviewer.name"


def oidc_configured() -> bool:
    """Streamlit adds `is_logged_in` to st.user exactly when `[auth]` is configured."""
    return "is_logged_in" in st.user


def verified_identity(user: Mapping[str, object]) -> str | None:
    """The reviewer name for an OIDC account: its e-mail when `email_verified` is true
    (a JSON true, or the string "true" some providers send), else None."""
    verified = user.get("email_verified")
    if verified is True or (isinstance(verified, str) and verified.lower() == "true"):
        return clean_reviewer(str(user.get("email") or "")) or None
    return None


def reviewer(where: st.delta_generator.DeltaGenerator | None = None) -> str | None:
    """The reviewer for this session, asking for it (login button or name field) in
    `where` when it is not known yet; None until there is one, and always in read-only
    mode."""
    if data.read_only():
        return None
    box = where or st.container()
    if oidc_configured():
        if not st.user.get("is_logged_in"):
            box.info("Log in to record screening decisions.")
            box.button("Log in", key="reviewer.login", on_click=st.login)
            return None
        who = verified_identity(st.user.to_dict())
        if not who:
            box.warning(
                "Your account's e-mail address is not verified by the login provider: "
                "decisions need a verified address."
            )
            box.button("Log out", key="reviewer.logout", on_click=st.logout)
            return None
        box.caption(f"Screening as **{md_escape(who)}**")
        box.button("Log out", key="reviewer.logout", on_click=st.logout)
        return who
    current = st.session_state.get(SESSION_KEY)
    if current:
        cols = box.columns([4, 1])
        cols[0].caption(f"Screening as **{md_escape(current)}** (this browser session)")
        if cols[1].button("Change", key="reviewer.change"):
            del st.session_state[SESSION_KEY]
            st.rerun()
        return current
    with box.form("reviewer.form", border=False):
        typed = st.text_input(
            "Your name",
            key="reviewer.input",
            max_chars=MAX_REVIEWER,
            help="Recorded with every decision you make in this browser session.",
        )
        if st.form_submit_button("Start screening", key="reviewer.start") and clean_reviewer(typed):
            st.session_state[SESSION_KEY] = clean_reviewer(typed)
            st.rerun()
    return None
