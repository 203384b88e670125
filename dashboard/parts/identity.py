"""Who is writing: the reviewer's identity on the Screen page.

With OpenID Connect configured (an `[auth]` section in `.streamlit/secrets.toml`), the
identity is the logged-in account (`st.login` / `st.user`): its e-mail, and only when the
provider says the e-mail is verified (`email_verified` true): an unverified address, or a
display name, is whatever the account holder typed, so it would let one person record
decisions under a colleague's name. Without it, the reviewer types a name once per browser
session: a session cookie (no expiry, this site only) keeps it across reloads until the
browser closes or "Change" forgets it. Never from the URL: a query parameter
is a link anyone can forward, not an identity. In read-only mode there is no identity and no
way to write (dashboard.data.read_only).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import unquote

import streamlit as st

from dashboard import data
from store.formats.markdown import md_escape
from store.screening.decisions import MAX_REVIEWER, clean_reviewer

SESSION_KEY = "reviewer.name"
#: The browser-session cookie that keeps the typed name across reloads.
COOKIE = "littrack_reviewer"
_WRITTEN = "reviewer.cookie"
_FORGOTTEN = "reviewer.forgotten"


def _cookie_script(name: str) -> str:
    """A script that sets (or, for "", deletes) the cookie. The name is data: JSON-encoded,
    with "<" escaped so it cannot close the script element."""
    value = json.dumps(name).replace("<", "\\u003c")
    age = "" if name else "; max-age=0"
    return (
        f"<script>document.cookie = {json.dumps(COOKIE)} + '=' + encodeURIComponent({value})"
        f" + '; path=/; SameSite=Strict{age}';</script>"
    )


def _sync_cookie(name: str) -> None:
    """Write the cookie once per change of name (a reload brings it back as a request cookie)."""
    if st.session_state.get(_WRITTEN) != name:
        st.session_state[_WRITTEN] = name
        st.html(_cookie_script(name), unsafe_allow_javascript=True, width="content")


def remembered() -> str:
    """The name this browser typed earlier in its session ("" when none or forgotten)."""
    if st.session_state.get(_FORGOTTEN):
        return ""
    raw = st.context.cookies.get(COOKIE)
    # Not a str outside a browser session (AppTest's context has no request).
    return clean_reviewer(unquote(raw))[:MAX_REVIEWER] if isinstance(raw, str) else ""


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
    current = st.session_state.get(SESSION_KEY) or remembered()
    if current:
        st.session_state[SESSION_KEY] = current
        _sync_cookie(current)
        cols = box.columns([4, 1])
        cols[0].caption(f"Screening as **{md_escape(current)}** (this browser session)")
        if cols[1].button("Change", key="reviewer.change"):
            del st.session_state[SESSION_KEY]
            st.session_state[_FORGOTTEN] = True
            st.rerun()
        return current
    if st.session_state.get(_FORGOTTEN):
        _sync_cookie("")
    with box.form("reviewer.form", border=False):
        typed = st.text_input(
            "Your name",
            key="reviewer.input",
            max_chars=MAX_REVIEWER,
            help="Recorded with every decision you make in this browser session.",
        )
        if st.form_submit_button("Start screening", key="reviewer.start") and clean_reviewer(typed):
            st.session_state[SESSION_KEY] = clean_reviewer(typed)
            st.session_state.pop(_FORGOTTEN, None)
            st.rerun()
    return None
