"""The decision panel of the Screen page: one key (or click) per choice, nothing preselected.

Include / exclude / maybe are buttons with the keyboard shortcuts I, E and M; the verdicts
are buttons 1–4 (a verdict implies include); Enter saves. Streamlit's own `shortcut=` binds
each key in the browser (no script of ours), and ignores it while the cursor is in the note.

Every piece of the panel's state is keyed by the claim and PMID it was drawn for, and the
save button's callback carries both: a decision is saved on the record the reviewer saw,
whatever happened to the queue between drawing and saving (another tab, a colleague, a new
fetch). A choice never leaks onto the next record, because that record has other keys.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard import live
from store.errors import ScreeningError, StoreError
from store.screening.decisions import DECISIONS, VERDICTS, Decision, problems

#: Decision → its key, in the order the buttons are drawn.
DECISION_KEYS = {"include": "I", "exclude": "E", "maybe": "M"}
#: Verdict → its key (1–4, in VERDICTS order).
VERDICT_KEYS = {verdict: str(i) for i, verdict in enumerate(VERDICTS, start=1)}
SAVE_KEY = "Enter"
NO_REASON = ""

assert tuple(DECISION_KEYS) == DECISIONS, "a decision without a key"


def _slot(prefix: str, claim_id: str, pmid: int) -> str:
    return f"{prefix}.{claim_id}.{pmid}"


def _choose(slot: str, decision: str, verdict: str) -> None:
    st.session_state[f"{slot}.decision"] = decision
    st.session_state[f"{slot}.verdict"] = verdict


def _forget(slot: str) -> None:
    for part in ("decision", "verdict", "reason", "note"):
        st.session_state.pop(f"{slot}.{part}", None)


def _save(
    prefix: str,
    url: str,
    claim_id: str,
    pmid: int,
    who: str,
    resolves: bool,
    reasons: Sequence[str],
) -> None:
    """The save button's callback: claim and PMID are the ones the panel was drawn for."""
    slot = _slot(prefix, claim_id, pmid)
    choice = st.session_state.get(f"{slot}.decision") or ""
    reason = st.session_state.get(f"{slot}.reason") or NO_REASON
    decision = Decision(
        claim_id,
        pmid,
        who,
        choice,
        reason=reason if choice != "include" else "",
        verdict=st.session_state.get(f"{slot}.verdict", "") if choice == "include" else "",
        note=st.session_state.get(f"{slot}.note") or "",
    )
    wrong = problems(decision, reasons)
    if not choice:
        wrong = ["choose include (I), exclude (E) or maybe (M) first"]
    if wrong:
        st.session_state[f"{prefix}.error"] = "Not saved: " + "; ".join(wrong)
        return
    try:
        live.save_decision(url, decision, resolves=resolves)
    except (ScreeningError, StoreError) as exc:
        st.session_state[f"{prefix}.error"] = f"Not saved: {exc}"
        return
    if choice == "include" and reason:
        st.session_state["screen.notice"] = "The reason was not saved: it is for exclusions."
    _forget(slot)
    what = choice + (f", {decision.verdict}" if decision.verdict else "")
    st.session_state["screen.saved"] = f"Saved: PMID {pmid} — {what}"


def panel(
    prefix: str,
    *,
    url: str,
    claim_id: str,
    pmid: int,
    who: str,
    reasons: Sequence[str],
    resolves: bool = False,
    keys: bool = True,
) -> None:
    """Decision, verdict, reason, note and save for the record (claim_id, pmid). `keys`
    binds the one-key shortcuts (one panel per page may have them)."""
    slot = _slot(prefix, claim_id, pmid)
    if st.session_state.get(f"{prefix}.error"):
        st.error(st.session_state.pop(f"{prefix}.error"))
    chosen = st.session_state.get(f"{slot}.decision")
    verdict = st.session_state.get(f"{slot}.verdict", "")
    with st.container(horizontal=True, key=f"{prefix}-decisions"):
        for decision, key in DECISION_KEYS.items():
            st.button(
                decision.capitalize(),
                key=f"{prefix}.{decision}",
                type="primary" if chosen == decision else "secondary",
                shortcut=key if keys else None,
                on_click=_choose,
                args=(slot, decision, ""),
                help=f"Decision: {decision}" + (f" (key {key})" if keys else ""),
            )
    with st.container(horizontal=True, key=f"{prefix}-verdicts"):
        st.markdown("Verdict (include):")
        for name, key in VERDICT_KEYS.items():
            st.button(
                name,
                key=f"{prefix}.verdict.{name.replace(' ', '-')}",
                type="primary" if chosen == "include" and verdict == name else "secondary",
                shortcut=key if keys else None,
                on_click=_choose,
                args=(slot, "include", name),
                help=f"Include, verdict {name}" + (f" (key {key})" if keys else ""),
            )
    left, right = st.columns([1, 2])
    left.selectbox(
        "Reason (exclude / maybe)",
        [NO_REASON, *reasons],
        key=f"{slot}.reason",
        format_func=lambda r: r or "—",
    )
    right.text_area("Note", key=f"{slot}.note", height=68)
    label = "Save resolution" if resolves else "Save decision"
    st.button(
        label,
        key=f"{prefix}.save",
        type="primary",
        shortcut=SAVE_KEY if keys else None,
        on_click=_save,
        args=(prefix, url, claim_id, pmid, who, resolves, tuple(reasons)),
    )
    shown = chosen or "nothing yet"
    if chosen == "include" and verdict:
        shown += f", {verdict}"
    st.caption(f"PMID {pmid}: {shown}")
