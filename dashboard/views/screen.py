"""Screen: one claim's records, one at a time, judged by a named reviewer
(store/screening/decisions.py), at reading speed.

The queue holds the claim's records this reviewer has not decided yet. Nothing is
preselected: a decision is one key (I / E / M, or 1–4 for include with a verdict), Enter
saves it on the record shown (dashboard/parts/decide.py) and U undoes the last one. The
decision sits above the abstract, whose matched terms are highlighted as on the claim page.
Topic, claim and queue order live in the URL; the reviewer's name lives in a browser-session
cookie. Disagreements are listed with a way to resolve them, and agreement measures the
same thing they do (decision and verdict), per claim and over the whole outline. Read-only
mode shows the lists and no way to write.
"""

import streamlit as st

from dashboard import data, live, urlstate
from dashboard.parts import decide, identity, priority
from dashboard.parts.highlight import highlighted, spans_for
from store.fetch.matches import matched_terms_text
from store.formats.links import pubmed_url
from store.formats.markdown import md_escape
from store.screening.agreement import AGREEMENT_BASIS
from store.screening.queue import QUEUE_ORDERS

#: Fewer reviewer pairs than this: kappa is shown with a warning that it is unstable.
FEW_PAIRS = 10
UNDO_KEY = "U"

store = st.session_state["store"]
url, version = store.url, store.version

st.title("Screen")
if not live.screening_ready(url):
    st.warning(
        "This database has no screening tables yet: run `littrack db upgrade` (or the next "
        "`littrack fetch`) to add them."
    )
    st.stop()

topics = data.topic_overview(url, version)
claims = data.claim_overview(url, version)
titles = dict(zip(topics["topic_id"], topics["title"], strict=True))
urlstate.seed("screen.topic", "topic", titles)
if "screen.topic" not in st.session_state or (
    urlstate.fresh("screen.topic") and "claim" in st.query_params and "topic" not in st.query_params
):
    # A link naming only a claim opens its topic; a bare /screen the first topic with records.
    named = claims[claims["claim_id"] == st.query_params.get("claim", "")]
    with_records = claims[claims["records"] > 0]
    first = named if len(named) else with_records if len(with_records) else claims
    st.session_state["screen.topic"] = first["topic_id"].iloc[0]
left, right = st.columns(2)
topic_id = left.selectbox(
    "Topic", list(titles), format_func=titles.get, key="screen.topic", persist_state="session"
)
in_topic = claims[claims["topic_id"] == topic_id].set_index("claim_id")
urlstate.seed("screen.claim", "claim", in_topic.index)
if st.session_state.get("screen.claim") not in in_topic.index:
    busy = in_topic[in_topic["records"] > 0]
    st.session_state["screen.claim"] = (busy if len(busy) else in_topic).index[0]
claim_id = right.selectbox(
    "Claim",
    list(in_topic.index),
    format_func=lambda c: f"{in_topic.loc[c, 'claim'][:80]} ({int(in_topic.loc[c, 'records'])})",
    key="screen.claim",
    persist_state="session",
    help="Each claim's sentence, with its records in brackets",
)
st.markdown(f"**Claim:** {md_escape(in_topic.loc[claim_id, 'claim'])}")
reasons = data.screening_reasons(url, version)

who = None
if data.read_only():
    st.info("This dashboard is read-only: decisions can be seen here but not made.")
else:
    who = identity.reviewer()
urlstate.seed("screen.order", "order", QUEUE_ORDERS)
order = st.radio(
    "Queue order", list(QUEUE_ORDERS), format_func=QUEUE_ORDERS.get, horizontal=True,
    key="screen.order", persist_state="session",
)  # fmt: skip
urlstate.publish(topic=topic_id, claim=claim_id, order=order)

if who:
    if st.session_state.get("screen.saved"):
        st.success(st.session_state.pop("screen.saved"))
    if st.session_state.get("screen.notice"):
        st.info(st.session_state.pop("screen.notice"))
    done, total = live.screening_progress(url, claim_id, who)
    bar, undo = st.columns([3, 1])
    bar.progress(done / total if total else 1.0, text=f"{done} of {total} screened by you")
    last = live.last_decision(url, claim_id, who)
    if last is not None and undo.button(
        f"Undo PMID {last['pmid']} ({last['decision']})", key="screen.undo", shortcut=UNDO_KEY
    ):
        live.undo_last(url, claim_id, who)
        st.session_state["screen.saved"] = f"Undone: PMID {last['pmid']} — {last['decision']}"
        st.rerun()
    key = data.screening_key(url)
    if order == "priority":
        st.caption(priority.order_caption(data.screening_history(url, version, key, claim_id)))
    pending = live.screening_queue(url, version, key, claim_id, who, order)
    if pending.empty:
        st.success("Nothing left to screen for this claim.")
    else:
        record = pending.iloc[0]
        pmid = int(record["pmid"])
        match = data.claim_matches(url, version, claim_id, (pmid,)).get(pmid)
        hits = list((match or {}).get("hits") or ())
        with st.container(border=True, key="screen-record"):
            title = str(record["title"] or "(no title)")
            st.markdown(f"**{highlighted(title, spans_for(hits, 'title'))}**")
            facts = [record["journal"] or "", str(record["pub_year"] or ""), record["study_design"]]
            st.markdown(
                " · ".join(md_escape(f) for f in facts if f)
                + f" · [PubMed {pmid}]({pubmed_url(pmid)})"
            )
            if record["retracted"]:
                st.error("RETRACTED according to PubMed")
            if record["erratum_in"] not in (None, [], "[]"):
                st.warning("PubMed lists an erratum for this article")
            decide.panel(
                "screen.form", url=url, claim_id=claim_id, pmid=pmid, who=who, reasons=reasons
            )
            abstract = record["abstract"]
            if abstract:
                st.markdown(highlighted(str(abstract), spans_for(hits, "abstract")))
            else:
                st.text("(no abstract in PubMed)")
            if match is not None:
                st.caption(md_escape("Matched: " + (matched_terms_text(match) or "no term")))
        st.caption(
            "Keys: I include, E exclude, M maybe, 1–4 include with a verdict "
            "(1 supports, 2 contradicts, 3 mixed, 4 no bearing), Enter save, U undo."
        )
    priority.whats_left(url, version, key, claim_id)

st.header("Conflicts")
listed = live.conflicts(url, claim_id)
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
        sides = listed[listed["pmid"] == chosen]
        st.caption(
            " · ".join(
                md_escape(f"{r.reviewer}: {r.decision}" + (f", {r.verdict}" if r.verdict else ""))
                for r in sides.itertuples()
            )
            + ". A resolution is your decision, marked as settling the disagreement: it stands "
            "until someone decides on the record again."
        )
        decide.panel(
            "screen.resolve", url=url, claim_id=claim_id, pmid=chosen, who=who,
            reasons=reasons, resolves=True, keys=False,
        )  # fmt: skip

st.header("Agreement")
st.caption(
    f"Two reviewers agree on a record when they gave the same {AGREEMENT_BASIS} — exactly "
    "what the conflict list above calls a disagreement. Resolutions are left out."
)
agreed = live.claim_agreement(url, claim_id)
outline = live.review_agreement(url)
for label, row in (
    ("This claim", None if agreed.empty else agreed.iloc[0].to_dict()),
    ("Whole outline", outline),
):
    if row is None:
        st.caption(f"{label}: no record has been screened by two reviewers yet.")
        continue
    a1, a2, a3 = st.columns(3)
    pairs = int(row["pairs"])
    scope = f" over {row['claims']} claims" if "claims" in row else ""
    a1.metric(f"{label}: reviewer pairs{scope}", pairs)
    a2.metric(f"{label}: agreement", f"{row['percent']:.1f} %")
    kappa = row["kappa"]
    a3.metric(f"{label}: Cohen's kappa", "—" if kappa is None or kappa != kappa else f"{kappa:.2f}")
    if pairs < FEW_PAIRS:
        st.caption(f"{label}: only {pairs} pairs, so kappa can swing widely with one record.")
