"""Priority screening's page parts: the Screen page's "what is left" panel with the
stopping rule's message, and the estimated relevant records beside retrieval on the claim
and overview pages (store/screening/ranking.py, stopping.py)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from store.screening import stopping
from store.screening.priority import can_learn
from store.screening.ranking import History, Status

RECALL_CHOICES = (0.8, 0.9, 0.95, 0.99)
CONFIDENCE_CHOICES = (0.9, 0.95, 0.99)
METHOD = (
    "Method: a hypergeometric test on the records screened last, treated as a sample of "
    "them and the unscreened rest (Callaghan & Müller-Hansen 2020). It assumes the records "
    "screened last were at least as likely to be relevant as those left, which priority "
    "order makes conservative and random (audit) order makes exact. Relevant = any "
    "reviewer's include or maybe."
)


def _pct(value: float) -> str:
    return f"{value * 100:g} %"


def interval(value: tuple[int, int, int] | None) -> str:
    """(estimate, low, high) as "about 40 (31–52)"; "—" when unknown."""
    if value is None:
        return "—"
    estimate, low, high = value
    return f"about {estimate} ({low}–{high})"


def order_caption(past: History) -> str:
    """What the priority order is based on right now."""
    labels = past.training()[1]
    if can_learn(labels):
        return (
            f"Priority order: a model trained on this claim's includes and excludes "
            f"({labels.count(1)} and {labels.count(0)} so far) ranks the rest; it only orders, "
            "it never excludes."
        )
    return (
        "Priority order starts cold (design level, then the claim's matched terms, newest "
        "first) until this claim has one include and one exclude to learn from."
    )


def stop_message(status: Status) -> tuple[str, str]:
    """(kind, text) of the stopping rule's message: kind is success or info."""
    target, conf = _pct(status.recall), _pct(status.confidence)
    if status.screened == 0:
        return "info", "Nothing screened yet on this claim: the stopping rule needs decisions."
    if status.stop.met:
        return "success", (
            f"The stopping rule is met: at {conf} confidence at least {target} of this "
            f"claim's relevant records have been found (p = {status.stop.p_value:.3f}). "
            "Screening the rest is optional."
        )
    if status.stop.more_needed is None:
        return "info", (
            f"The stopping rule for {target} recall is not met, and only screening every "
            "remaining record would meet it."
        )
    return "info", (
        f"The stopping rule for {target} recall at {conf} confidence is not met yet: "
        f"about {status.stop.more_needed} more records in a row without an include or "
        "maybe would meet it."
    )


def whats_left(url: str, version: str, key: str, claim_id: str) -> None:
    """Records screened, includes found, the estimate of relevant records still unscreened,
    and whether the stopping rule is met at the reviewer's recall target and confidence."""
    with st.container(border=True):
        st.markdown("**What is left**")
        c1, c2 = st.columns(2)
        recall = c1.selectbox(
            "Recall target", RECALL_CHOICES, index=RECALL_CHOICES.index(stopping.RECALL),
            format_func=_pct, key="screen.recall",
        )  # fmt: skip
        confidence = c2.selectbox(
            "Confidence", CONFIDENCE_CHOICES, index=CONFIDENCE_CHOICES.index(stopping.CONFIDENCE),
            format_func=_pct, key="screen.confidence",
        )  # fmt: skip
        status = data.screening_status(url, version, key, claim_id, recall, confidence)
        m1, m2, m3 = st.columns(3)
        m1.metric("Screened (anyone)", f"{status.screened} of {status.records}")
        m2.metric("Relevant found", status.relevant_found, help=f"includes: {status.includes}")
        left = status.remaining
        m3.metric(
            "Relevant still unscreened (estimate)",
            "—" if left is None else interval((left.estimate, left.low, left.high)),
            help=f"{_pct(confidence)} interval, from the last {stopping.WINDOW} records screened",
        )
        kind, text = stop_message(status)
        (st.success if kind == "success" else st.info)(text, icon=None)
        st.caption(METHOD)


def claim_estimate(url: str, version: str, claim_id: str) -> None:
    """The claim page: estimated relevant records beside its retrieved records."""
    key = data.screening_key(url)
    if key == "none":
        return
    found = data.estimated_relevant(url, version, key).get(claim_id)
    if found is None:
        return
    st.metric(
        "Estimated relevant records",
        interval(found),
        help="Relevant found plus the estimate for the unscreened records (95 % interval). "
        + METHOD,
    )


def estimates_table(estimates: dict[str, tuple[int, int, int]]) -> pd.DataFrame:
    """claim_id, estimated_relevant, low, high: the overview's table."""
    rows = [
        {"claim_id": c, "estimated_relevant": e, "estimated_relevant_low": lo,
         "estimated_relevant_high": hi}
        for c, (e, lo, hi) in sorted(estimates.items())
    ]  # fmt: skip
    return pd.DataFrame(
        rows,
        columns=[
            "claim_id",
            "estimated_relevant",
            "estimated_relevant_low",
            "estimated_relevant_high",
        ],
    )


def overview_estimates(url: str, version: str, claims: pd.DataFrame) -> None:
    """The overview: for claims with screening, estimated relevant records beside the
    records retrieved (`claims` has claim_id and records)."""
    key = data.screening_key(url)
    if key == "none":
        return
    table = estimates_table(data.estimated_relevant(url, version, key))
    if table.empty:
        return
    retrieved = claims[["claim_id", "records"]] if "records" in claims else claims[["claim_id"]]
    shown = retrieved.merge(table, on="claim_id", how="inner")
    st.markdown("**Estimated relevant records per screened claim** (95 % interval)")
    st.dataframe(shown, hide_index=True, key="overview.estimated")
    st.caption(METHOD)
