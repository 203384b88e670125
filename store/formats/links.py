"""Links to a record outside littrack, built in one place for the dashboard, the digest and
the exports, so a record has the same PubMed and DOI address wherever it is shown."""

from __future__ import annotations

from urllib.parse import quote, quote_plus

PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
DOI_URL = "https://doi.org/{doi}"
PUBMED_SEARCH_URL = "https://pubmed.ncbi.nlm.nih.gov/?term={query}"


def pubmed_url(pmid: int) -> str:
    return PUBMED_URL.format(pmid=int(pmid))


def doi_url(doi: str | None) -> str:
    """doi.org link, or "" without a DOI. DOIs may hold characters such as '<' or '#' that
    must be escaped; None, or NaN once a frame passed through pandas, means no DOI."""
    if not isinstance(doi, str) or not doi.strip():
        return ""
    return DOI_URL.format(doi=quote(doi.strip(), safe="/:;()._-"))


def pubmed_search_url(query: str) -> str:
    """A claim's query as a PubMed search (the whole query URL-encoded: it is data)."""
    return PUBMED_SEARCH_URL.format(query=quote_plus(str(query)))
