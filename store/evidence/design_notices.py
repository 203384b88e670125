"""Titles that are not articles: notices, replies and a journal's own pages.

store.evidence.design_text reads this first for a record PubMed has not indexed (step 1 of
its order): a title that opens as a reply, comment, letter, editorial or correction notice,
or is a journal's own page, a tribute, a citation or a book review, is `non-evidence`
whatever design words it carries (they are the parent article's). One expression, matched
at the title's start, on the lower-cased title.
"""

from __future__ import annotations

import re

#: A title opening like this is a notice, reply, comment or letter about another article.
NON_EVIDENCE_TITLE = re.compile(
    r"^\W*(?:re\s*:|reply\b|replies\b|response\b|responses\s+to\b|in\s+(?:response|reply)\b"
    r"|authors?'?\s*(?:reply|response)\b|author'?s\s+(?:reply|response)\b"
    r"|comments?\s*(?:on\b|:)|commentary\s*(?:on\b|:)|letter\s+to\s+the\s+editor\b|letter\s*:"
    r"|editorial\b|editor'?s\s+(?:note|comment)\b|invited\s+(?:commentary|editorial)\b"
    r"|corrigendum\b|erratum\b|errata\b|correction\s*(?:to\b|:)|retraction\b|retracted\s*:"
    r"|notice\s+of\s+retraction\b|expression\s+of\s+concern\b"
    # a journal's own pages and tributes, not articles
    r"|(?:front|back|inside\s+(?:front|back))\s+cover\b|cover\s+(?:image|picture|story|art)\b"
    r"|announcements?\W*$|preface\b|foreword\b|issue\s+information\b|table\s+of\s+contents\b"
    r"|masthead\b|in\s+this\s+issue\b|in\s+memoriam\b|obituary\b|contents\s+list\b"
    r"|jama(?:\s+[a-z]+){0,2}\W*$|inaugural\s+editorial\b|abstracts\s+(?:from|of)\s+the\b"
    # a journal's correction notice: "Error in Author's Name.", "Error in Figure 2."
    r"|error\s+in\s+(?:the\s+)?(?:text|figures?|tables?|author|byline|abstract|results|methods"
    r"|discussion|references?|affiliations?|title|data|legend|key\s+points|conflict))"
    # a biography or obituary titled by a name and its years: "Claude Bernard (1813-1878).",
    # "Joseph Ghesquiere (Halle, November 30, 1925 - Archennes, January 26, 2021)."
    r"|^[^():;?!0-9]{2,60}\((?:[^()]{0,60}?\s)?\d{4}\s*[-\u2013]\s*(?:[^()]{0,60}?\s)?\d{4}\s*\)\W*$"
)

#: Notices recognised later in the title: (key, pattern). A pattern is searched only when its
#: key occurs in the title (a substring test): a pattern that walks the whole title inside
#: NON_EVIDENCE_TITLE cost every unindexed record ten times the rest of that expression.
NON_EVIDENCE_TITLE_PARTS: tuple[tuple[str, str], ...] = (
    # a reply titled after the article it answers: "Necessity of Coronary CT Scans-Reply."
    ("reply", r"[-\u2013]\s*reply\W*$"),
    # a comment or correction titled by the citation it concerns: "Gupta V, Kennedy JA, et al."
    ("et al", r"^[\w'-]+\s+[a-z]{1,3},\s+[\w'-]+\s+[a-z]{1,3},.{0,80}?\bet\s+al\b"),
    # a book review: the book's ISBN in the title
    ("isbn", r"\bisbn\b"),
    # a correction titled after the article it corrects: "… Context - CORRIGENDUM"
    ("corrigendum", r"[-\u2013:]\s*corrigendum\W*$"),
    ("erratum", r"[-\u2013:]\s*erratum\W*$"),
    # a society's news page, award scheme or meeting list
    ("news", r"^\W*(?:academy|society|association|college|section|members?)\s+news\b"),
    ("award scheme", r"\baward\s+scheme\b"),
    ("society meetings", r"\bsociety\s+meetings\W*$"),
)
_PARTS = tuple((key, re.compile(pattern)) for key, pattern in NON_EVIDENCE_TITLE_PARTS)


def notice_title(low_title: str) -> bool:
    """Whether a lower-cased title (wording.normalise) is a notice, reply, journal page,
    tribute, citation or book review rather than an article (see the module docstring)."""
    if NON_EVIDENCE_TITLE.match(low_title):
        return True
    for key, part in _PARTS:  # a loop, not any(): most titles hold no key at all
        if key in low_title and part.search(low_title):
            return True
    return False
