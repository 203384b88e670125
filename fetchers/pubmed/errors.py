"""What the PubMed parsers report: one module both records.py and books.py import, so
neither has to import the other lazily to raise.

`PubmedXMLError` is a fault of the whole document (truncated, malformed, not an article
set). A fault of one record is not an exception at all: the parser yields a
`store.models.SkippedRecord` in its place and carries on, so one record PubMed (or a
hostile server) got wrong never costs its neighbours.
"""

from __future__ import annotations

from store.errors import PubmedXMLError

__all__ = ["PubmedXMLError", "RecordError"]


class RecordError(Exception):
    """One record cannot be read (no usable PMID, a required element missing); the parser
    turns it into a SkippedRecord with this message as the reason."""
