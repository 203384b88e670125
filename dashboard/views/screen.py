"""Screen: one claim's records, one at a time, judged by a named reviewer
(store/screening/decisions.py).

The queue holds the claim's records this reviewer has not decided yet; a decision (include /
exclude / maybe, reason, verdict, note) is one form, saved as one appended row. Undo appends
the decision it replaces. Disagreements between reviewers are listed below with a way to
resolve them; agreement (percent, Cohen's kappa) sits beside them. Read-only mode shows the
lists and no way to write.
"""

import streamlit as st

from dashboard import data
from dashboard.parts import identity, priority
from store.formats.markdown import md_escape
from store.screening import agreement, decisions, queue
from store.screening.decisions import DECISIONS, VERDICTS, Decision, ScreeningError
from store.screening.queue import QUEUE_ORDERS

store = st.session_state["store"]
url, version = store.url, store.version
engine = data.writer(url)

st.title("Screen")
with engine.connect() as conn:
    ready = decisions.has_screening(conn)
if not ready:
    st.warning(
        "This database has no screening tables yet: run `littrack db upgrade` (or the next "
        "`littrack fetch`) to add them."
    )
    st.stop()

topics = data.topic_overview(url, version)
claims = data.claim_overview(url, version)
titles = dict(zip(topics["topic_id"], topics["title"], strict=True))
left, right = st.columns(2)
topic_id = left.selectbox("Topic", list(titles), format_func=titles.get, key="screen.topic")
in_topic = claims[claims["topic_id"] == topic_id].set_index("claim_id")
claim_id = right.selectbox(
    "Claim",
    list(in_topic.index),
    format_func=lambda c: f"{c} — {in_topic.loc[c, 'claim'][:70]}",
    key="screen.claim",
)
claim_text = in_topic.loc[claim_id, "claim"]
st.markdown(f"**Claim:** {md_escape(claim_text)}")

reasons = data.screening_reasons(url, version)
VERDICT_NONE = "—"


def decision_form(key: str, *, resolves: bool, pmid: int, who: str) -> None:
    """The one-step decision: include/exclude/maybe, reason, verdict, note, Save."""
    with st.form(key, clear_on_submit=True, border=True):
        c1, c2, c3 = st.columns([2, 2, 2])
        choice = c1.radio("Decision", DECISIONS, horizontal=True, key=f"{key}.decision")
        reason = c2.selectbox(
            "Reason (exclude / maybe)", ["", *reasons], key=f"{key}.reason",
            format_func=lambda r: r or "—",
        )  # fmt: skip
        verdict = c3.radio(
            "Verdict (include)", [VERDICT_NONE, *VERDICTS], horizontal=True, key=f"{key}.verdict"
        )
        note = st.text_area("Note", key=f"{key}.note", height=68)
        label = "Save resolution" if resolves else "Save decision"
        if st.form_submit_button(label, type="primary", key=f"{key}.save"):
            decision = Decision(
                claim_id, pmid, who, choice,
                reason=reason if choice != "include" else "",
                verdict="" if verdict == VERDICT_NONE or choice != "include" else verdict,
                note=note,
            )  # fmt: skip
            wrong = decisions.problems(decision, reasons)
            if choice == "include" and reason:
                st.session_state["screen.notice"] = (
                    "The reason was not saved: it is for exclusions."
                )
            if wrong:
                st.error("Not saved: " + "; ".join(wrong))
                return
            try:
                decisions.record_decision(engine, decision, resolves=resolves)
            except ScreeningError as exc:
                st.error(f"Not saved: {exc}")
                return
            st.session_state["screen.saved"] = f"Saved: PMID {pmid} — {choice}"
            st.rerun()


who = None
if data.read_only():
    st.info("This dashboard is read-only: decisions can be seen here but not made.")
else:
    who = identity.reviewer()

if who:
    if st.session_state.get("screen.saved"):
        st.success(st.session_state.pop("screen.saved"))
    if st.session_state.get("screen.notice"):
        st.info(st.session_state.pop("screen.notice"))
    done, total = queue.progress(engine, claim_id, who)
    st.progress(done / total if total else 1.0, text=f"{done} of {total} screened by you")
    order = st.radio(
        "Queue", list(QUEUE_ORDERS), format_func=QUEUE_ORDERS.get, horizontal=True,
        key="screen.order",
    )  # fmt: skip
    last = queue.last_decision(engine, claim_id, who)
    if last is not None:
        label = f"Undo my last decision (PMID {last['pmid']}: {last['decision']})"
        if st.button(label, key="screen.undo"):
            decisions.undo_last(engine, claim_id, who)
            st.session_state["screen.saved"] = f"Undone: PMID {last['pmid']} — {last['decision']}"
            st.rerun()
    key = data.screening_key(url)
    ranked = (
        data.ranked_pmids(url, version, key, claim_id, order)
        if order in queue.RANKED_ORDERS
        else None
    )
    if order == "priority":
        st.caption(priority.order_caption(data.screening_history(url, version, key, claim_id)))
    pending = queue.queue(engine, claim_id, who, order=order, limit=1, ranked=ranked)
    if pending.empty:
        st.success("Nothing left to screen for this claim.")
    else:
        record = pending.iloc[0]
        with st.container(border=True):
            st.markdown(f"#### {md_escape(record['title'] or '(no title)')}")
            facts = [record["journal"] or "", str(record["pub_year"] or ""), record["study_design"]]
            st.caption(
                " · ".join(md_escape(f) for f in facts if f) + f" · PMID {int(record['pmid'])}"
            )
            if record["retracted"]:
                st.error("RETRACTED according to PubMed")
            if record["erratum_in"] not in (None, [], "[]"):
                st.warning("PubMed lists an erratum for this article")
            st.text(record["abstract"] or "(no abstract in PubMed)")
            st.link_button(
                "Open in PubMed", f"https://pubmed.ncbi.nlm.nih.gov/{int(record['pmid'])}/"
            )
        decision_form("screen.form", resolves=False, pmid=int(record["pmid"]), who=who)
    priority.whats_left(url, version, key, claim_id)

st.subheader("Conflicts")
listed = agreement.conflicts(engine, claim_id=claim_id)
if listed.empty:
    st.caption("No reviewers disagree on this claim's records.")
else:
    st.dataframe(
        listed[
            ["pmid", "title", "reviewer", "decision", "verdict", "reason", "note", "decided_at"]
        ],
        hide_index=True,
        key="screen.conflicts",
        column_config={"pmid": st.column_config.NumberColumn("PMID", format="%d")},
    )
    if who:
        pmids = sorted(set(int(p) for p in listed["pmid"]))
        chosen = st.selectbox("Resolve the disagreement on PMID", pmids, key="screen.resolve.pmid")
        st.caption(
            "A resolution is your decision, marked as settling the disagreement: it stands "
            "until someone decides on the record again."
        )
        decision_form("screen.resolve", resolves=True, pmid=chosen, who=who)

st.subheader("Agreement")
agreed = agreement.agreement(engine, claim_id=claim_id)
if agreed.empty:
    st.caption("No record of this claim has been screened by two reviewers yet.")
else:
    row = agreed.iloc[0]
    a1, a2, a3 = st.columns(3)
    a1.metric("Records screened twice (reviewer pairs)", int(row["pairs"]))
    a2.metric("Agreement", f"{row['percent']:.1f} %")
    a3.metric("Cohen's kappa", "—" if row["kappa"] is None else f"{row['kappa']:.2f}")
