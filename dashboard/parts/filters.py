"""The filter widgets pages share (the Publications page's sidebar, the All-records switch,
the date basis; claim and overview pages use them too), with stable keys (tests and the
browser drive them by key or label). Returns a store-level PublicationFilter, so the same
filter drives the table, its count and its CSV download."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import urlstate
from store.evidence.counting import DATE_BASES
from store.read.publications import RETRACTED_CHOICES, SPECIES_CHOICES, PublicationFilter

ALL = "(all)"

SORT_LABELS = {
    "entrez_date": DATE_BASES["entrez"],
    "pub_date": DATE_BASES["publication"],
    "title": "Title",
    "journal": "Journal",
    "first_author": "First author",
    "pmid": "PMID",
    "first_seen": "First seen by littrack",
}


#: "neither" is indexed with neither check tag; "unknown" has no MeSH yet (not indexed).
SPECIES_LABELS = {"neither": "neither (indexed)", "unknown": "unknown (not indexed yet)"}

ALL_RECORDS_HELP = (
    "Off: counts are of evidence (no letters, editorials, comments, news, errata or notices; "
    "no retracted records). On: every stored record (raw retrieval). The evidence badge is "
    "always graded on evidence."
)


#: The switch's URL parameter: `all=1` when on, absent when off.
ALL_RECORDS_PARAM = "all"


def all_records(key: str, container: DeltaGenerator | None = None) -> bool:
    """The one counting switch: evidence (default) or raw retrieval. It lives in the URL
    (`?all=1`), so a shared link shows the recipient the numbers the sender saw."""
    if urlstate.fresh(key) and st.query_params.get(ALL_RECORDS_PARAM) == "1":
        st.session_state[key] = True
    on = (container or st).toggle(
        "All records (raw retrieval)", help=ALL_RECORDS_HELP, key=key, persist_state="session"
    )
    urlstate.publish(**{ALL_RECORDS_PARAM: "1" if on else None})
    return on


#: The date bases and their labels: store.evidence.counting.DATE_BASES (the first is the default).
DATE_BASIS_LABELS = DATE_BASES


def date_basis(label: str, key: str, container: DeltaGenerator | None = None) -> str:
    """Which date a year or range counts by: publication date or Entrez (PubMed entry) date.
    One widget everywhere so every page offers the same two choices with the same labels."""
    where = container if container is not None else st
    return where.radio(
        label,
        list(DATE_BASIS_LABELS),
        format_func=DATE_BASIS_LABELS.__getitem__,
        horizontal=True,
        key=key,
        persist_state="session",
    )


def _as_date(text: str | None, fallback: date) -> date:
    try:
        return date.fromisoformat((text or "")[:10])
    except ValueError:
        return fallback


def publication_filter(
    claims: pd.DataFrame, topics: pd.DataFrame, choices: dict
) -> tuple[PublicationFilter, str, bool]:
    """Draw the filter widgets; returns (PublicationFilter, sort, descending)."""
    side = st.sidebar
    side.header("Filters")
    topic_titles = dict(zip(topics["topic_id"], topics["title"], strict=True))
    urlstate.seed("pub.topic", "topic", topic_titles)
    if (
        urlstate.fresh("pub.topic")
        and "claim" in st.query_params
        and "topic" not in st.query_params
    ):
        st.session_state["pub.topic"] = ALL  # a link naming only a claim: every topic's claims
    urlstate.seed("pub.claim", "claim", claims["claim_id"])
    urlstate.seed("pub.basis", "basis", DATE_BASIS_LABELS)
    urlstate.seed_list("pub.designs", "design", choices["designs"])
    urlstate.seed("pub.species", "species", SPECIES_CHOICES)
    urlstate.seed("pub.language", "language", choices["languages"])
    urlstate.seed("pub.retracted", "retracted", RETRACTED_CHOICES)
    urlstate.seed("pub.text", "text")
    urlstate.seed("pub.sort", "sort", SORT_LABELS)
    urlstate.seed_date("pub.seen", "seen")
    topic = side.selectbox(
        "Topic",
        [ALL, *topic_titles],
        format_func=lambda t: t if t == ALL else topic_titles[t],
        key="pub.topic",
        persist_state="session",
    )
    in_topic = claims if topic == ALL else claims[claims["topic_id"] == topic]
    claim = side.selectbox(
        "Claim", [ALL, *in_topic["claim_id"]], key="pub.claim", persist_state="session"
    )
    basis = date_basis("Dates by", "pub.basis", side)
    low, high = choices[basis]
    today = date.today()
    first, last = _as_date(low, date(1900, 1, 1)), _as_date(high, today)
    dates_key = f"pub.dates.{basis}"
    if urlstate.fresh(dates_key) and ("from" in st.query_params or "to" in st.query_params):
        st.session_state[dates_key] = (
            _as_date(st.query_params.get("from"), first),
            _as_date(st.query_params.get("to"), last),
        )
    span = side.date_input(
        "Date range",
        value=(first, last),
        min_value=date(1800, 1, 1),
        max_value=max(last, today),
        key=dates_key,
        persist_state="session",
    )
    date_from, date_to = (span + (None, None))[:2] if isinstance(span, tuple) else (span, None)
    designs = side.multiselect(
        "Study design", choices["designs"], key="pub.designs", persist_state="session"
    )
    species = side.selectbox(
        "Humans / animals",
        SPECIES_CHOICES,
        format_func=lambda s: SPECIES_LABELS.get(s, s),
        key="pub.species",
        persist_state="session",
    )
    language = side.selectbox(
        "Language", [ALL, *choices["languages"]], key="pub.language", persist_state="session"
    )
    retracted = side.selectbox(
        "Retracted", RETRACTED_CHOICES, key="pub.retracted", persist_state="session"
    )
    text = side.text_input("Title or abstract contains", key="pub.text", persist_state="session")
    seen_from = side.date_input(
        "New since (first seen by littrack)",
        value=None,
        min_value=date(2000, 1, 1),
        max_value=today,
        key="pub.seen",
        persist_state="session",
        help="Records littrack first saw on or after this day, after their claim's first "
        "fetch (a claim's first fetch is its baseline, never new)",
    )
    sort = side.selectbox(
        "Sort by", list(SORT_LABELS), format_func=SORT_LABELS.__getitem__, key="pub.sort"
    )
    descending = side.toggle(
        "Newest / Z first", value=True, key="pub.desc", persist_state="session"
    )
    flt = PublicationFilter(
        topic_id=None if topic == ALL else topic,
        claim_id=None if claim == ALL else claim,
        date_basis=basis,
        date_from=date_from.isoformat() if date_from and date_from > first else None,
        date_to=date_to.isoformat() if date_to and date_to < last else None,
        designs=tuple(designs),
        species=species,
        language=None if language == ALL else language,
        retracted=retracted,
        text=text.strip(),
        seen_from=seen_from.isoformat() if isinstance(seen_from, date) else None,
    )
    urlstate.publish(
        topic=flt.topic_id,
        claim=flt.claim_id,
        basis=basis,
        design=list(flt.designs),
        species=None if species == "any" else species,
        language=flt.language,
        retracted=None if retracted == "any" else retracted,
        text=flt.text,
        sort=sort,
        seen=flt.seen_from,
        **{"from": flt.date_from, "to": flt.date_to},
    )
    return flt, sort, descending


def describe(flt: PublicationFilter, sort: str, descending: bool) -> dict[str, str | None]:
    """The filter in words, for the export notes and the page (only what is set)."""
    return {
        "topic": flt.topic_id,
        "claim": flt.claim_id,
        "dates by": DATE_BASIS_LABELS[flt.date_basis] if flt.date_from or flt.date_to else None,
        "from": flt.date_from,
        "to": flt.date_to,
        "designs": ", ".join(flt.designs) or None,
        "humans/animals": None if flt.species == "any" else flt.species,
        "language": flt.language,
        "retracted": None if flt.retracted == "any" else flt.retracted,
        "text": flt.text or None,
        "new since": flt.seen_from,
        "sorted by": f"{SORT_LABELS[sort]}, {'descending' if descending else 'ascending'}",
    }


def file_stem(flt: PublicationFilter) -> str:
    """What a download holds, for its file name: scope then the filters set."""
    parts = [flt.claim_id or flt.topic_id or "all-claims"]
    if flt.designs:
        parts.append("-".join(d.replace(" ", "") for d in flt.designs))
    if flt.date_from or flt.date_to:
        parts.append(f"{flt.date_basis}-{flt.date_from or 'start'}-to-{flt.date_to or 'end'}")
    if flt.species != "any":
        parts.append(flt.species.replace(" ", "-"))
    if flt.language:
        parts.append(flt.language)
    if flt.retracted != "any":
        parts.append(flt.retracted.replace(" ", "-"))
    if flt.text:
        parts.append("text-" + "-".join(flt.text.split())[:40])
    if flt.seen_from:
        parts.append(f"new-since-{flt.seen_from}")
    stem = "-".join(parts)
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in stem)[:150]
