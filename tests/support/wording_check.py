"""The generalisation check for a wording rule: what the wording alone would give the
INDEXED sample records, compared with the class PubMed's publication types or MeSH gave
them, and where a candidate pattern fires on the indexed records and on the unindexed ones
still left without a design.

A wording rule is written from the unindexed records, so it can be tuned to the one record
it was written for; the indexed records (their class decided by indexing, not wording) show
whether the same wording means the same design elsewhere. docs/evidence.md reports the
figures per round.

    python -m tests.support.wording_check                      # the wording step, indexed
    python -m tests.support.wording_check abstract 'REGEX'     # a candidate (title|abstract|both)
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable

from store.evidence import design_rules as rules
from store.models import PubmedRecord
from tests.support import evidence_table

#: A class indexing gives; `other` (primary research without a design type) says nothing
#: the wording could agree or disagree with.
SILENT = ("other", "pending")


def indexed() -> list[PubmedRecord]:
    """Indexed sample records whose class came from their publication types or MeSH."""
    return [
        r
        for r in evidence_table.sample_records()
        if r.citation_status in rules.INDEXED_STATUSES
        and r.design_source in ("publication type", "mesh")
    ]


def unplaced() -> list[PubmedRecord]:
    """Unindexed sample records that no rule places (`other` or `pending`)."""
    return [
        r
        for r in evidence_table.sample_records()
        if r.citation_status not in rules.INDEXED_STATUSES and r.study_design in SILENT
    ]


def wording_class(record: PubmedRecord) -> str:
    """The class the wording rules alone give the record, as if PubMed had not indexed it."""
    return rules.classify((), (), record.title, record.abstract or "", "Publisher")[0]


def wording_agreement(records: Iterable[PubmedRecord]) -> Counter[tuple[str, str]]:
    """(indexed class, wording class) counts over the records the wording places."""
    pairs = ((r.study_design, wording_class(r)) for r in records)
    return Counter((have, worded) for have, worded in pairs if worded not in SILENT)


def fires(pattern: str, where: str = "both") -> tuple[Counter[str], list[PubmedRecord]]:
    """Indexed classes where `pattern` matches (every indexed record, `other` too), and the
    unplaced unindexed records it matches. The text is lower-cased, as the rules read it."""
    compiled = re.compile(pattern)

    def text(r: PubmedRecord) -> str:
        parts = {"title": (r.title,), "abstract": (r.abstract,)}.get(where, (r.title, r.abstract))
        return "\n".join(p or "" for p in parts).lower()

    everywhere = [
        r for r in evidence_table.sample_records() if r.citation_status in rules.INDEXED_STATUSES
    ]
    on_indexed = Counter(r.study_design for r in everywhere if compiled.search(text(r)))
    return on_indexed, [r for r in unplaced() if compiled.search(text(r))]


def main(argv: list[str]) -> None:
    if len(argv) == 2:
        on_indexed, left = fires(argv[1], argv[0])
        print("indexed:", dict(on_indexed.most_common()))
        for r in left:
            print(r.pmid, r.title[:100])
        print(f"{len(left)} unplaced unindexed; {sum(on_indexed.values())} indexed")
        return
    pairs = wording_agreement(indexed())
    right = sum(n for (have, worded), n in pairs.items() if have == worded)
    for (have, worded), n in pairs.most_common():
        print(f"{have:>18} <- {worded:<18} {n}")
    print(f"wording agrees with indexing on {right} of {sum(pairs.values())} records it places")


if __name__ == "__main__":
    main(sys.argv[1:])
