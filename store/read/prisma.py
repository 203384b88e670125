"""The PRISMA 2020 flow's numbers for a claim, a set of claims (a topic) or the whole outline.

One reader for every place that shows the flow (the dashboard's claim and overview pages,
`littrack report prisma` as SVG, PNG or CSV), so they cannot disagree. The unit is the
claim × record link, the unit reviewers screen: a record retrieved for two claims is
identified, screened and judged twice, once per claim, exactly as `export publications`
lists it (one row per claim × record) and the summary export counts it.

Each box is built on the store's own conditions (store.evidence.counting), so a change to
what counts as evidence flows through here unchanged:

- identified: PubMed's latest Count per claim (summed), and the links stored for the claims
  (`stored_condition`: current links of active claims, in scope or not);
- removed before screening, by automation, each counted apart and in this order: out of the
  claim's scope (`scope_condition`), then retracted, then the design rules' non-evidence
  (letters, editorials, notices), then a second report of a study counted once (a preprint
  whose journal version the claim holds, a duplicate publication: store.evidence.count_once);
- screened: what is left, the links `counted_condition()` counts (the summary export's
  `records`);
- excluded by reviewers, per reason: the reason of the outcome's deciding decision (the
  resolving one, else the newest current one); "no reason given" when it had none;
- awaiting a decision: not yet screened, marked maybe, or reviewers disagree;
- included, per verdict ("no verdict" for an include without one).

identified = removed + screened and screened = excluded + awaiting + included, always.

The removal classes are read from the claim summaries the fetch job writes when they are
current (the scope needs each article's own row, costly over every link), else counted over
the links; tests/test_report_prisma.py checks both give the same flow.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.schema import (
    articles,
    claim_articles,
    claims,
    screening_decisions,
    summary_records,
    topics,
)
from store.errors import ExportError
from store.evidence.count_once import counted_once
from store.evidence.counting import (
    count_where,
    evidence_condition,
    latest_counts,
    live_links,
    scope_condition,
    stored_condition,
    summaries_current,
)
from store.evidence.design_rules import NON_EVIDENCE
from store.screening.decisions import VERDICTS, has_screening, reasons
from store.screening.outcomes import outcomes

#: The CSV's box names, in the flow's order.
BOXES: tuple[str, ...] = (
    "identified",
    "removed_before_screening",
    "screened",
    "excluded",
    "awaiting",
    "included",
)
#: The removed-before-screening details, in the order a link is assigned to one.
REMOVED: tuple[str, ...] = ("out of scope", "retracted", "non-evidence", "second report of a study")
AWAITING: tuple[str, ...] = ("not yet screened", "maybe", "reviewers disagree")
NO_REASON = "no reason given"
NO_VERDICT = "no verdict"


@dataclass
class Flow:
    """The flow's numbers; `label` says what it covers ("claim x", "topic y", "whole outline")."""

    label: str
    claim_ids: list[str]
    pubmed_count: int | None = None
    claims_counted: int = 0
    stored: int = 0
    distinct_records: int = 0
    removed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REMOVED, 0))
    screened: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    awaiting: dict[str, int] = field(default_factory=lambda: dict.fromkeys(AWAITING, 0))
    included: dict[str, int] = field(
        default_factory=lambda: {**dict.fromkeys(VERDICTS, 0), NO_VERDICT: 0}
    )

    @property
    def removed_total(self) -> int:
        return sum(self.removed.values())

    @property
    def excluded_total(self) -> int:
        return sum(self.excluded.values())

    @property
    def awaiting_total(self) -> int:
        return sum(self.awaiting.values())

    @property
    def included_total(self) -> int:
        return sum(self.included.values())

    def rows(self) -> list[tuple[str, str, int | None]]:
        """(box, detail, count): one row per box (detail empty) followed by its details;
        the CSV's rows, and what the tests compare with the exports."""
        identified: list[tuple[str, int | None]] = [
            ("", self.stored),
            ("pubmed_count", self.pubmed_count),
            ("distinct_records", self.distinct_records),
        ]
        parts: list[tuple[str, list[tuple[str, int | None]], dict[str, int]]] = [
            ("identified", identified, {}),
            ("removed_before_screening", [("", self.removed_total)], self.removed),
            ("screened", [("", self.screened)], {}),
            ("excluded", [("", self.excluded_total)], self.excluded),
            ("awaiting", [("", self.awaiting_total)], self.awaiting),
            ("included", [("", self.included_total)], self.included),
        ]
        out: list[tuple[str, str, int | None]] = []
        for box, heads, details in parts:
            out.extend((box, detail, n) for detail, n in heads)
            out.extend((box, detail, n) for detail, n in details.items())
        return out


def resolve_scope(
    engine: Engine,
    *,
    claim_ids: Sequence[str] = (),
    topic_ids: Sequence[str] = (),
    whole: bool = False,
) -> tuple[str, list[str]]:
    """(label, claim ids) for --claim … | --topic … | --all; exactly one of them. An id the
    database does not hold is an error: an empty flow from a typo would look like an answer."""
    given = [bool(claim_ids), bool(topic_ids), whole]
    if sum(given) != 1:
        raise ExportError("give exactly one of --claim, --topic or --all")
    with engine.connect() as conn:
        if whole:
            ids = list(
                conn.execute(
                    sa.select(claims.c.claim_id)
                    .where(claims.c.active.is_(True))
                    .order_by(claims.c.topic_id, claims.c.position, claims.c.claim_id)
                ).scalars()
            )
            return "whole outline", ids
        if claim_ids:
            known = set(
                conn.execute(
                    sa.select(claims.c.claim_id).where(claims.c.claim_id.in_(list(claim_ids)))
                ).scalars()
            )
            for claim_id in claim_ids:
                if claim_id not in known:
                    raise ExportError(f"--claim {claim_id!r}: no such claim in the database")
            ids = list(dict.fromkeys(claim_ids))
            return ("claim " if len(ids) == 1 else "claims ") + ", ".join(ids), ids
        ids = []
        for topic_id in dict.fromkeys(topic_ids):
            found = list(
                conn.execute(
                    sa.select(claims.c.claim_id)
                    .where(claims.c.topic_id == topic_id, claims.c.active.is_(True))
                    .order_by(claims.c.position, claims.c.claim_id)
                ).scalars()
            )
            known = conn.execute(
                sa.select(sa.func.count()).select_from(topics).where(topics.c.topic_id == topic_id)
            ).scalar_one()
            if not found and not known:
                raise ExportError(f"--topic {topic_id!r}: no such topic in the database")
            ids.extend(found)
        names = list(dict.fromkeys(topic_ids))
        return ("topic " if len(names) == 1 else "topics ") + ", ".join(names), ids


def _stored(conn: sa.Connection, flow: Flow, only: sa.ColumnElement[bool], many: bool) -> None:
    """Links stored, and distinct PMIDs when the flow covers several claims (for one claim
    they are the same: (claim_id, pmid) is the key). Both read only covering indexes."""
    columns = [sa.func.count().label("stored")]
    if many:
        columns.append(sa.func.count(sa.distinct(claim_articles.c.pmid)).label("distinct"))
    row = conn.execute(
        sa.select(*columns).select_from(live_links()).where(stored_condition(), only)
    ).one()
    flow.stored = int(row.stored)
    flow.distinct_records = int(row.distinct) if many else flow.stored


def _removed_from_summaries(conn: sa.Connection, flow: Flow, only: sa.ColumnElement[bool]) -> None:
    """The removal classes from the claim summaries the fetch job wrote (store/fetch/
    summaries.py: live in-scope links, evidence among them, retracted among them), so the
    scope, which needs each article's own row, is not re-evaluated for every link."""
    rec = summary_records.c
    row = conn.execute(
        sa.select(
            sa.func.coalesce(sa.func.sum(rec.records), 0).label("records"),
            sa.func.coalesce(sa.func.sum(rec.evidence_records), 0).label("evidence"),
            sa.func.coalesce(sa.func.sum(rec.retracted), 0).label("retracted"),
        )
        .select_from(summary_records.join(claims, claims.c.claim_id == rec.scope_id))
        .where(rec.scope == "claim", claims.c.active.is_(True), only)
    ).one()
    records, evidence, retracted = int(row.records), int(row.evidence), int(row.retracted)
    # Second reports are few (records with superseded_by set): counted over their links.
    second = conn.execute(
        sa.select(sa.func.count())
        .select_from(live_links())
        .where(stored_condition(), only, articles.c.superseded_by.is_not(None), _second_report())
    ).scalar_one()
    flow.removed = {
        "out of scope": flow.stored - records,
        "retracted": retracted,
        "non-evidence": records - evidence - retracted - int(second),
        "second report of a study": int(second),
    }
    flow.screened = evidence


def _removed_from_links(conn: sa.Connection, flow: Flow, only: sa.ColumnElement[bool]) -> None:
    """The same numbers counted over the links (summaries older than the newest run)."""
    in_scope = scope_condition()
    not_evidence = sa.not_(evidence_condition())
    retracted = articles.c.retracted.is_(True)
    other = sa.and_(in_scope, not_evidence, sa.not_(retracted))
    stmt = (
        sa.select(
            count_where(sa.not_(in_scope)).label("out_of_scope"),
            count_where(sa.and_(in_scope, not_evidence, retracted)).label("retracted"),
            count_where(sa.and_(other, sa.not_(_second_report()))).label("other"),
            count_where(sa.and_(other, _second_report())).label("second"),
            count_where(sa.and_(in_scope, evidence_condition())).label("screened"),
        )
        .select_from(live_links())
        .where(stored_condition(), only)
    )
    row = conn.execute(stmt).one()
    flow.removed = {
        "out of scope": int(row.out_of_scope),
        "retracted": int(row.retracted),
        "non-evidence": int(row.other),
        "second report of a study": int(row.second),
    }
    flow.screened = int(row.screened)


def _second_report() -> sa.ColumnElement[bool]:
    """In scope, not retracted, not non-evidence by design, yet not counted: its study is
    counted once, through another record the claim holds (store.evidence.count_once)."""
    return sa.and_(
        scope_condition(),
        articles.c.retracted.is_(False),
        articles.c.study_design != NON_EVIDENCE,
        sa.not_(counted_once("claim")),
    )


def _pubmed_counts(conn: sa.Connection, flow: Flow, only: sa.ColumnElement[bool]) -> None:
    latest = latest_counts()
    row = conn.execute(
        sa.select(sa.func.sum(latest.c.count), sa.func.count(latest.c.claim_id))
        .select_from(latest.join(claims, claims.c.claim_id == latest.c.claim_id))
        .where(only)
    ).one()
    flow.pubmed_count = None if row[0] is None else int(row[0])
    flow.claims_counted = int(row[1])


def _outcome_counts(conn: sa.Connection, flow: Flow, ids: list[str] | None) -> None:
    offered = reasons(conn)
    flow.excluded = {}
    if not has_screening(conn):
        flow.awaiting["not yet screened"] = flow.screened
        return
    out = outcomes(*(() if ids is None else (screening_decisions.c.claim_id.in_(ids),)))
    deciding = screening_decisions.alias("deciding")
    stmt = (
        sa.select(out.c.status, out.c.verdict, deciding.c.reason, sa.func.count().label("n"))
        .select_from(
            live_links()
            .join(
                out,
                sa.and_(
                    out.c.claim_id == claim_articles.c.claim_id,
                    out.c.pmid == claim_articles.c.pmid,
                ),
            )
            .join(deciding, deciding.c.decision_id == out.c.last_id)
        )
        .where(stored_condition(), scope_condition(), evidence_condition())
        .group_by(out.c.status, out.c.verdict, deciding.c.reason)
    )
    if ids is not None:
        stmt = stmt.where(claims.c.claim_id.in_(ids))
    excluded: dict[str, int] = {}
    decided = 0
    for status, verdict, reason, n in conn.execute(stmt):
        n = int(n)
        decided += n
        if status == "include":
            key = verdict if verdict in VERDICTS else NO_VERDICT
            flow.included[key] = flow.included.get(key, 0) + n
        elif status == "exclude":
            key = reason or NO_REASON
            excluded[key] = excluded.get(key, 0) + n
        elif status == "maybe":
            flow.awaiting["maybe"] += n
        else:
            flow.awaiting["reviewers disagree"] += n
    flow.awaiting["not yet screened"] = flow.screened - decided
    order = {r: i for i, r in enumerate(offered)}
    flow.excluded = dict(
        sorted(excluded.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
    )


def retrieval_flow(engine: Engine, label: str, claim_ids: list[str] | None) -> Flow:
    """The boxes that move only with a fetch (identified, removed, screened) over
    `claim_ids` (None: every active claim); the rest are zero until `with_outcomes`. The
    dashboard caches the two parts apart, so a decision does not rescan every link."""
    flow = Flow(label=label, claim_ids=list(claim_ids or []))
    only = sa.true() if claim_ids is None else claims.c.claim_id.in_(list(claim_ids))
    with engine.connect() as conn:
        _stored(conn, flow, only, claim_ids is None or len(claim_ids) > 1)
        if summaries_current(conn):
            _removed_from_summaries(conn, flow, only)
        else:
            _removed_from_links(conn, flow, only)
        _pubmed_counts(conn, flow, sa.and_(only, claims.c.active.is_(True)))
    return flow


def with_outcomes(engine: Engine, retrieval: Flow, claim_ids: list[str] | None) -> Flow:
    """A copy of `retrieval_flow`'s answer with the screening boxes counted (excluded,
    awaiting, included)."""
    flow = dataclasses.replace(
        retrieval,
        removed=dict(retrieval.removed),
        excluded={},
        awaiting=dict.fromkeys(AWAITING, 0),
        included={**dict.fromkeys(VERDICTS, 0), NO_VERDICT: 0},
    )
    with engine.connect() as conn:
        _outcome_counts(conn, flow, claim_ids)
    return flow


def prisma_flow(engine: Engine, label: str, claim_ids: list[str] | None) -> Flow:
    """The flow over `claim_ids` (None: every active claim): `retrieval_flow`, then
    `with_outcomes`."""
    return with_outcomes(engine, retrieval_flow(engine, label, claim_ids), claim_ids)


def flow_for(
    engine: Engine,
    *,
    claim_ids: Sequence[str] = (),
    topic_ids: Sequence[str] = (),
    whole: bool = False,
) -> Flow:
    """`resolve_scope` then `prisma_flow`: the CLI's and the dashboard's entry point."""
    label, ids = resolve_scope(engine, claim_ids=claim_ids, topic_ids=topic_ids, whole=whole)
    return prisma_flow(engine, label, None if whole else ids)
