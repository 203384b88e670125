"""Matched terms highlighted in a record's title and abstract, as Streamlit Markdown.

The record's text is data: every piece of it goes through `md_escape` (and bare URLs and
e-mail addresses are broken so GFM cannot auto-link them), so an abstract cannot inject
links, emphasis or HTML; the only markup is ours, Streamlit's `:orange-background[...]`
around the words a query term hit (the spans store/fetch/matches.py keeps). No raw HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from store.formats.markdown import md_escape

MARK = ":orange-background[{}]"

#: GitHub-flavoured Markdown turns a bare URL or e-mail address into a link even when its
#: characters are backslash-escaped; a zero-width space breaks the pattern, and the text
#: reads the same.
_ZWSP = "\u200b"
_UNLINK = (("://", f":{_ZWSP}//"), ("www.", f"www{_ZWSP}."), ("@", f"@{_ZWSP}"))


def _unlinked(text: str) -> str:
    for pattern, replacement in _UNLINK:
        text = text.replace(pattern, replacement)
    return text


def _escape_keep_edges(text: str) -> str:
    """md_escape collapses runs of spaces (and trims); keep a single edge space so words on
    either side of a mark do not run together."""
    if not text:
        return ""
    body = md_escape(_unlinked(text))
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() and body else ""
    return f"{lead}{body}{tail}"


def spans_for(hits: Iterable[Mapping[str, Any]], field: str) -> list[tuple[int, int]]:
    """Merged, sorted (start, end) spans of the hits in `field` ("title" or "abstract")."""
    raw = sorted(
        (int(h["start"]), int(h["end"]))
        for h in hits
        if h.get("field") == field and h.get("start") is not None and h.get("end") is not None
    )
    merged: list[tuple[int, int]] = []
    for start, end in raw:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlighted(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` as escaped Markdown with each span marked; spans outside the text (a record
    changed since it was explained) are ignored rather than misplaced."""
    out: list[str] = []
    at = 0
    for start, end in spans:
        if start < at or end > len(text) or start >= end:
            continue
        out.append(_escape_keep_edges(text[at:start]))
        out.append(MARK.format(md_escape(_unlinked(text[start:end]))))
        at = end
    out.append(_escape_keep_edges(text[at:]))
    return "".join(out).strip()


def show_match(title: str, abstract: str | None, match: Mapping[str, Any] | None) -> None:
    """One record on the claim page: the title, the abstract with the hits marked, then why
    it matched in words (or that no explanation is stored yet)."""
    import streamlit as st

    from store.fetch.matches import matched_terms_text

    hits = list((match or {}).get("hits") or ())
    # The title stays plain text (st.text), as everywhere on the dashboard; its hits are
    # named in the "why" line below.
    st.text(str(title or ""))
    if abstract:
        st.markdown(highlighted(str(abstract), spans_for(hits, "abstract")))
    else:
        st.text("(no abstract in PubMed)")
    if match is None:
        st.caption("Why it matched: not explained yet (the next fetch explains it)")
        return
    line = "Why it matched: " + (matched_terms_text(match) or "no term found locally")
    if not match.get("current", True):
        line += " (explained for an earlier version of the query)"
    st.caption(md_escape(line))


__all__ = ["MARK", "highlighted", "show_match", "spans_for"]
