"""One claim's priority order and "what is left", read from the store: the glue between the
decisions (decisions.py) and the pure model (priority.py) and rule (stopping.py).

- the claim's texts: its live records' title, abstract, MeSH headings and keywords, and a
  cold-start order (design level, then how many of the claim's query terms the record
  matched, then newest) for before the model can learn;
- the claim's history: every record with a current decision by anyone, in the order it was
  first decided; *relevant* (for the stopping rule and the estimates) is any reviewer's
  include or maybe, conservatively; the model learns from includes (1) and excludes (0);
- a random (audit) order: a fixed pseudo-random permutation per claim (a hash of claim and
  PMID), so records screened in it are a random sample whoever screens them.

The feature matrix depends only on the claim's records, so callers cache it per fetch
(dashboard/data.py); the scores depend on the decisions up to the model's retrain point.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.schema import articles, claim_articles, claim_matches, screening_decisions
from store.evidence.counting import live_condition, live_links, not_retracted_condition
from store.models import STUDY_DESIGNS
from store.screening import priority, stopping
from store.screening.decisions import WITHDRAWN, d, has_screening


@dataclass(frozen=True)
class ClaimTexts:
    """The claim's live records: pmids (row order of `matrix`) and the cold-start order."""

    claim_id: str
    pmids: tuple[int, ...]
    matrix: object
    cold: tuple[int, ...]


@dataclass(frozen=True)
class History:
    """Records decided by anyone, first decided first: relevance (include/maybe) and the
    training label (1 include, 0 exclude, None maybe only)."""

    pmids: tuple[int, ...]
    relevant: tuple[int, ...]
    train: tuple[int | None, ...]

    def training(self) -> tuple[list[int], list[int]]:
        """(pmids, labels) the model learns from, in decision order."""
        rows = [(p, t) for p, t in zip(self.pmids, self.train, strict=True) if t is not None]
        return [p for p, _ in rows], [t for _, t in rows]


def _terms(mesh: object, keywords: object) -> tuple[str, ...]:
    found: list[str] = []
    for value in (mesh, keywords):
        items = json.loads(value) if isinstance(value, str) else value
        for item in items or ():
            name = item.get("descriptor", "") if isinstance(item, dict) else item
            if isinstance(name, (list, tuple)):
                name = name[0] if name else ""
            if name:
                found.append(str(name))
    return tuple(found)


def _hits(value: object) -> int:
    items = json.loads(value) if isinstance(value, str) else value
    return len(items) if isinstance(items, (list, tuple)) else 0


def claim_texts(engine: Engine, claim_id: str) -> ClaimTexts:
    """Read the claim's live records and build their features (seconds for thousands of
    records: cache it per fetch)."""
    design_rank = {name: i for i, name in enumerate(STUDY_DESIGNS)}
    stmt = (
        sa.select(
            articles.c.pmid,
            articles.c.title,
            articles.c.abstract,
            articles.c.mesh,
            articles.c.keywords,
            articles.c.study_design,
            articles.c.entrez_date,
            claim_matches.c.hits,
        )  # fmt: skip
        .select_from(
            live_links().outerjoin(
                claim_matches,
                sa.and_(
                    claim_matches.c.claim_id == claim_articles.c.claim_id,
                    claim_matches.c.pmid == claim_articles.c.pmid,
                ),
            )
        )
        .where(live_condition(), claim_articles.c.claim_id == claim_id)
        .order_by(articles.c.pmid)
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    records = [
        priority.Record(r.title or "", r.abstract or "", _terms(r.mesh, r.keywords)) for r in rows
    ]
    matrix = priority.features(records) if records else None
    cold = sorted(
        rows,
        key=lambda r: (
            design_rank.get(r.study_design, len(STUDY_DESIGNS)),
            -_hits(r.hits),
            _negated(r.entrez_date or ""),
            -int(r.pmid),
        ),
    )
    return ClaimTexts(
        claim_id, tuple(int(r.pmid) for r in rows), matrix, tuple(int(r.pmid) for r in cold)
    )


def _negated(date: str) -> tuple[int, ...]:
    """Newest first inside a sort key: the date's code points negated."""
    return tuple(-ord(c) for c in date)


def history(engine: Engine, claim_id: str, live: set[int] | None = None) -> History:
    """The claim's screening history from every reviewer's current decisions, limited to
    `live` records when given (a record that stopped matching leaves the count)."""
    stmt = (
        sa.select(d.decision_id, d.pmid, d.reviewer, d.decision)
        .where(d.claim_id == claim_id)
        .order_by(d.decision_id)
    )
    with engine.connect() as conn:
        rows = conn.execute(stmt).all()
    first: dict[int, int] = {}
    current: dict[tuple[int, str], str] = {}
    for row in rows:
        pmid = int(row.pmid)
        if row.decision == WITHDRAWN:
            current.pop((pmid, row.reviewer), None)
            continue
        first.setdefault(pmid, row.decision_id)
        current[(pmid, row.reviewer)] = row.decision
    per_record: dict[int, set[str]] = {}
    for (pmid, _), decision in current.items():
        per_record.setdefault(pmid, set()).add(decision)
    order = sorted((p for p in per_record if live is None or p in live), key=lambda p: first[p])
    relevant = tuple(int(bool(per_record[p] & {"include", "maybe"})) for p in order)
    train = tuple(
        1 if "include" in per_record[p] else 0 if "exclude" in per_record[p] else None
        for p in order
    )
    return History(tuple(order), relevant, train)


def audit_key(claim_id: str, pmid: int) -> bytes:
    """The record's place in the claim's random (audit) order."""
    return hashlib.blake2b(f"{claim_id}\x1f{pmid}".encode(), digest_size=8).digest()


def training_key(texts: ClaimTexts, past: History) -> tuple[tuple[int, int], ...]:
    """The decisions the current model is trained on (retrain schedule applied): what a
    cache of scores is keyed by. Empty: no model yet (cold start)."""
    pmids, labels = past.training()
    upto = priority.retrain_point(labels, len(texts.pmids))
    return tuple(zip(pmids[:upto], labels[:upto], strict=True))


def scores(texts: ClaimTexts, trained: tuple[tuple[int, int], ...]) -> np.ndarray | None:
    """Model scores for every record of `texts` (None before the model can learn)."""
    row = {p: i for i, p in enumerate(texts.pmids)}
    pairs = [(row[p], label) for p, label in trained if p in row]
    if texts.matrix is None or not priority.can_learn([label for _, label in pairs]):
        return None
    return priority.fit_scores(texts.matrix, [i for i, _ in pairs], [label for _, label in pairs])


ScoreSource = Callable[[ClaimTexts, tuple[tuple[int, int], ...]], "np.ndarray | None"]


def ranked(
    texts: ClaimTexts, past: History, order: str = "priority", score_source: ScoreSource = scores
) -> list[int]:
    """Every live record of the claim in `order` ("priority" or "random"); callers drop the
    ones a reviewer has decided. Priority falls back to the cold-start order until the
    claim has an include and an exclude (`score_source` lets the dashboard cache scores)."""
    return ranked_for(texts, training_key(texts, past), order, score_source)


def ranked_for(
    texts: ClaimTexts,
    trained: tuple[tuple[int, int], ...],
    order: str = "priority",
    score_source: ScoreSource = scores,
) -> list[int]:
    """`ranked` for a model trained on `trained` (training_key): the same list until the
    next retrain point, so a page can cache it by that key."""
    if order == "random":
        return sorted(texts.pmids, key=lambda p: audit_key(texts.claim_id, p))
    values = score_source(texts, trained)
    if values is None:
        return list(texts.cold)
    row = {p: i for i, p in enumerate(texts.pmids)}
    cold_rows = [row[p] for p in texts.cold]
    return [texts.pmids[i] for i in priority.order(values, cold_rows)]


@dataclass(frozen=True)
class Status:
    """What is left on a claim: counts, the remainder estimate and the stopping rule."""

    records: int
    screened: int
    relevant_found: int
    includes: int
    remaining: stopping.Remaining | None
    stop: stopping.Stop
    recall: float
    confidence: float
    model_ready: bool

    @property
    def estimated_relevant(self) -> tuple[int, int, int] | None:
        if self.remaining is None:
            return None
        r = self.remaining
        f = self.relevant_found
        return f + r.estimate, f + r.low, f + r.high


def status(
    records: int,
    past: History,
    *,
    recall: float = stopping.RECALL,
    confidence: float = stopping.CONFIDENCE,
) -> Status:
    """The what's-left figures for a claim of `records` live records and its history."""
    seq = list(past.relevant)
    return Status(
        records=records,
        screened=len(seq),
        relevant_found=sum(seq),
        includes=sum(1 for t in past.train if t == 1),
        remaining=stopping.remaining(seq, records, confidence),
        stop=stopping.stop_test(seq, records, recall, confidence),
        recall=recall,
        confidence=confidence,
        model_ready=priority.can_learn([t for t in past.train if t is not None]),
    )


def _live_history(engine: Engine, claim_id: str) -> tuple[int, History]:
    """The claim's live records and their history, retracted records left out: a retracted
    paper is never relevant evidence, so it counts neither as found nor as still to find
    (as every screened number leaves it out)."""
    with engine.connect() as conn:
        live = set(
            conn.execute(
                sa.select(claim_articles.c.pmid)
                .select_from(live_links())
                .where(
                    live_condition(),
                    not_retracted_condition(),
                    claim_articles.c.claim_id == claim_id,
                )
            ).scalars()
        )
    return len(live), history(engine, claim_id, {int(p) for p in live})


def claim_status(engine: Engine, claim_id: str, **kw: float) -> Status:
    """`status` read from the store (live records only)."""
    records, past = _live_history(engine, claim_id)
    return status(records, past, **kw)


def _decided_claims(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        if not has_screening(conn):
            return []
        return sorted(conn.execute(sa.select(screening_decisions.c.claim_id).distinct()).scalars())


def estimated_relevant(engine: Engine) -> dict[str, tuple[int, int, int]]:
    """claim_id → (estimate, low, high) of its relevant records, for claims with screening
    (the claim and overview pages, the summary export)."""
    found: dict[str, tuple[int, int, int]] = {}
    for claim_id in _decided_claims(engine):
        records, past = _live_history(engine, claim_id)
        value = stopping.estimated_relevant(list(past.relevant), records)
        if value is not None:
            found[claim_id] = value
    return found


def prioritised(engine: Engine, rows: Iterable[dict]) -> list[dict]:
    """Sheet rows (claim_id, pmid, ...) re-ordered within each claim by priority; claims
    keep their order."""
    listed = list(rows)
    place: dict[tuple[str, int], int] = {}
    for claim_id in dict.fromkeys(r["claim_id"] for r in listed):
        texts = claim_texts(engine, claim_id)
        live = set(texts.pmids)
        for i, pmid in enumerate(ranked(texts, history(engine, claim_id, live))):
            place[(claim_id, pmid)] = i
    first = {c: i for i, c in reversed(list(enumerate(r["claim_id"] for r in listed)))}
    return sorted(
        listed, key=lambda r: (first[r["claim_id"]], place.get((r["claim_id"], r["pmid"]), 0))
    )
