"""PubMed text shown as Markdown (the dashboard's st.markdown, the digest's text part) is
data, never markup: one escaper for both, so a title shows as written everywhere."""

from __future__ import annotations

import re

# Beyond CommonMark's punctuation: '-' and '.' (a title read as a list item or a rule),
# ':' (GFM turns a bare URL into a link) and '$' (Streamlit renders $...$ as LaTeX).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: str) -> str:
    """Backslash-escape Markdown and fold whitespace (a newline would end the line's block)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
