"""The Screen page's live reads and its one write, uncached: a decision shows at once, and
the record saved is the record shown (the form carries its claim and PMID). Cached reads are
dashboard/data.py's; these go to the database on every rerun."""

from __future__ import annotations

import pandas as pd

from dashboard import data
from store.screening import agreement, decisions, queue


def screening_ready(url: str) -> bool:
    """False when the store was opened without its screening tables (not upgraded yet)."""
    with data.writer(url).connect() as conn:
        return decisions.has_screening(conn)


def screening_queue(
    url: str, version: str, key: str, claim_id: str, reviewer: str, order: str
) -> pd.DataFrame:
    """The reviewer's next record on the claim (a one-row frame; empty when done), in the
    chosen order; priority and random orders come from the claim's ranking
    (store.screening.ranking)."""
    ranked = (
        data.ranked_pmids(url, version, key, claim_id, order)
        if order in queue.RANKED_ORDERS
        else None
    )
    return queue.queue(data.writer(url), claim_id, reviewer, order=order, limit=1, ranked=ranked)


def screening_progress(url: str, claim_id: str, reviewer: str) -> tuple[int, int]:
    return queue.progress(data.writer(url), claim_id, reviewer)


def last_decision(url: str, claim_id: str, reviewer: str) -> dict | None:
    return queue.last_decision(data.writer(url), claim_id, reviewer)


def conflicts(url: str, claim_id: str) -> pd.DataFrame:
    return agreement.conflicts(data.writer(url), claim_id=claim_id)


def claim_agreement(url: str, claim_id: str) -> pd.DataFrame:
    return agreement.agreement(data.writer(url), claim_id=claim_id)


def review_agreement(url: str) -> dict | None:
    return agreement.review_agreement(data.writer(url))


def save_decision(url: str, decision: decisions.Decision, *, resolves: bool = False) -> None:
    """The dashboard's one write (refused by the database itself under --read-only)."""
    decisions.record_decision(data.writer(url), decision, resolves=resolves)


def undo_last(url: str, claim_id: str, reviewer: str) -> None:
    decisions.undo_last(data.writer(url), claim_id, reviewer)
