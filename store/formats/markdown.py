"""PubMed text shown as Markdown (the dashboard's st.markdown, the digest's text part) is
data, never markup: one escaper for both, so a title shows as written everywhere."""

from __future__ import annotations

import re

# Beyond CommonMark's punctuation: '-' and '.' (a title read as a list item or a rule),
# ':' (GFM turns a bare URL into a link) and '$' (Streamlit renders $...$ as LaTeX).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


#: Where the GFM autolinker would start a link: a scheme's "://", "www." and an e-mail's "@".
_AUTOLINK_START = re.compile(r"(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=@)", re.IGNORECASE)
_WORD_JOINER = "\u2060"


def md_escape(text: str) -> str:
    """Backslash-escape Markdown and fold whitespace (a newline would end the line's block).

    Escapes are not enough against autolinks: the renderer finds URLs and e-mail addresses
    in the text *after* escapes are resolved, so an invisible word joiner goes where a link
    would start (`https:⁠//`, `www⁠.`, `a@⁠b`), which no autolinker matches."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", _AUTOLINK_START.sub(_WORD_JOINER, flat))
