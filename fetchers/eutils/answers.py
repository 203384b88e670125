"""What an E-utilities answer may be, and how the client reacts to each kind.

`check(body)` functions (esearch JSON, PubMed XML) raise `RetryAnswer` for transient
trouble, `BadBytes` for an answer that does not parse (transient if truncated, poison if
it fails the same way twice) and `EutilsError` to give up at once.
"""

from __future__ import annotations

import re

from fetchers.pubmed.errors import PubmedXMLError
from fetchers.pubmed.records import iter_records


class RetryAnswer(Exception):
    """A response worth trying again (transient server trouble)."""


class BadBytes(RetryAnswer):
    """An answer that does not parse: transient if truncated, deterministic if it repeats."""


class TooLarge(Exception):
    """The answer grew past the body cap."""


def snippet(body: bytes, limit: int = 120) -> str:
    # NUL dropped: the text may end up in a PostgreSQL text column (an error, a warning).
    text = body.decode("utf-8", "replace").replace("\x00", "").strip().replace("\n", " ")
    return text[:limit]


def error_element(body: bytes) -> str | None:
    """The text of an `<ERROR>` element NCBI sends with HTTP 200, if any."""
    found = re.search(rb"<ERROR>(.*?)</ERROR>", body[:100_000], re.S)
    return snippet(found.group(1)) if found else None


def parse_pubmed_xml(body: bytes) -> list:
    """All records of an efetch body; a truncated or error body is retried whole."""
    head = body[:2000].lstrip()
    if b"<ERROR>" in head or head.startswith(b"{"):
        raise RetryAnswer(f"error body: {snippet(body)}")
    try:
        return list(iter_records(body))
    except PubmedXMLError as exc:
        # The parse error names the fault (the same fault twice is poison, even when a
        # timestamp in the body makes the two answers' bytes differ).
        raise BadBytes(f"PubMed XML does not parse: {str(exc)[:120]}") from None


def check_pubmed_xml(body: bytes) -> bytes:
    parse_pubmed_xml(body)
    return body
