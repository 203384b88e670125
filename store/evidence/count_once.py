"""One study, counted once: which stored record another one supersedes.

PubMed keeps a preprint and its journal version, an updated review and its update, or a
duplicate publication and its original as separate PMIDs. Counted as records they make one
study look like two, so each record may carry `articles.superseded_by`: the PMID of the
stored record that stands for the same study. The rules, in order (docs/evidence.md, "one
study, counted once"):

1. PubMed's own link: a record with UpdateIn B (`updated_by`), or that B names with UpdateOf
   (`updates`), is superseded by B: the journal version supersedes its preprint, an updated
   review its previous version.
2. The same DOI (case-insensitive) on several records: one is kept, the others point to it.
3. The same normalised title (case, accents, punctuation and spacing ignored; at least
   MIN_TITLE characters), between a preprint and a record that is not one, or between a
   record of publication type "Duplicate Publication" and one that is not: the preprint or
   the duplicate points to the other. Two ordinary records with one title stay apart (short
   titles such as "Ketamine." name different papers).

Where several records stand for one study, the kept one is: not a preprint, then not a
duplicate publication, then the lowest PMID (PubMed's first report). Chains resolve to the
last record (a preprint superseded by a version that a later update supersedes points to
that update). Only records PubMed has not withdrawn take part.

The condition for counting (`counted_once`) works per scope: a superseded record is left out
of a claim, topic or the store only where its superseding record is itself a live record of
that scope, so a claim that matched only the preprint still counts the study. The column is
recomputed by the fetch job with the dashboard summaries (store/fetch/summaries.py) and by
revision 0010_count_once. Pure rules first (testable without a database), then SQL.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import sqlalchemy as sa

from store.db.schema import articles, claim_articles, claims

#: A title shorter than this (normalised) never matches another.
MIN_TITLE = 30
DUPLICATE_TYPE = "Duplicate Publication"
#: Scopes of `counted_once`: the claim, its topic, every active claim.
SCOPES = ("claim", "topic", "store")

_NOT_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Report:
    """What the rules read of a stored record."""

    pmid: int
    title: str = ""
    doi: str | None = None
    preprint: bool = False
    duplicate: bool = False
    updates: tuple[int, ...] = ()
    updated_by: tuple[int, ...] = ()


def title_key(title: str) -> str:
    """The title compared across reports: accents, case, punctuation and spacing removed."""
    plain = unicodedata.normalize("NFKD", title or "")
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return _NOT_WORD.sub(" ", plain).strip()


def _rank(report: Report) -> tuple[bool, bool, int]:
    """Sorts the record to keep first."""
    return (report.preprint, report.duplicate, report.pmid)


def superseded(reports: Iterable[Report]) -> dict[int, int]:
    """{superseded PMID: the PMID that stands for its study}, chains resolved."""
    by_pmid = {r.pmid: r for r in reports}
    edges: dict[int, int] = {}

    def point(old: int, new: int) -> None:
        if old != new and old in by_pmid and new in by_pmid and old not in edges:
            edges[old] = new

    for report in sorted(by_pmid.values(), key=lambda r: r.pmid):
        for newer in sorted(report.updated_by):
            point(report.pmid, newer)
        for older in sorted(report.updates):
            point(older, report.pmid)
    for group in _groups(by_pmid.values()):
        kept = min(group, key=_rank)
        for report in group:
            if report is not kept:
                point(report.pmid, kept.pmid)
    return _resolve(edges)


def _groups(reports: Iterable[Report]) -> list[list[Report]]:
    """Records that rules 2 and 3 put together (each group has two or more)."""
    by_doi: dict[str, list[Report]] = {}
    by_title: dict[str, list[Report]] = {}
    for report in reports:
        if report.doi and report.doi.strip():
            by_doi.setdefault(report.doi.strip().lower(), []).append(report)
        key = title_key(report.title)
        if len(key) >= MIN_TITLE:
            by_title.setdefault(key, []).append(report)
    groups = [g for g in by_doi.values() if len(g) > 1]
    for group in by_title.values():
        lesser = [r for r in group if r.preprint or r.duplicate]
        full = [r for r in group if not (r.preprint or r.duplicate)]
        if lesser and full:
            groups.append(group)
    return groups


def _resolve(edges: Mapping[int, int]) -> dict[int, int]:
    """Follow each chain to its end; an edge that would close a loop is dropped."""
    resolved: dict[int, int] = {}
    for start in sorted(edges):
        seen = [start]
        node = edges[start]
        while node in edges and node not in seen:
            seen.append(node)
            node = edges[node]
        if node in seen:  # a loop: keep the lowest PMID of it as the study's record
            node = min(seen)
        if node != start:
            resolved[start] = node
    return resolved


# -- SQL: the stored column and the counting condition ----------------------------------------


def _listed(column: sa.Column) -> sa.ColumnElement[bool]:
    return sa.cast(column, sa.Text).not_in(("[]", ""))


def _ints(value: object) -> tuple[int, ...]:
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return tuple(int(v) for v in (value or ()))


#: Per live record, the few values the rules group or pick by: filled by one pass over the
#: wide `articles` table, which the grouping queries then read instead of passing over it
#: again each (three passes of some 0.15 s at 100,000 records; bench/RESULTS.md).
_study_keys = sa.Table(
    "littrack_study_keys",
    sa.MetaData(),
    sa.Column("pmid", sa.BigInteger, nullable=False),
    sa.Column("doi_key", sa.Text),  # lower(doi); NULL without a DOI
    sa.Column("prefix", sa.Text, nullable=False),  # the title's first 20 characters, lower
    sa.Column("lesser", sa.Integer, nullable=False),  # a preprint or a duplicate publication
    sa.Column("listed", sa.Integer, nullable=False),  # names UpdateOf / UpdateIn PMIDs
    prefixes=["TEMPORARY"],
)


def _fill_study_keys(conn: sa.Connection) -> None:
    a = articles.c
    lesser = sa.or_(
        a.preprint.is_(True), sa.cast(a.publication_types, sa.Text).like(f"%{DUPLICATE_TYPE}%")
    )
    select = sa.select(
        a.pmid,
        sa.case((sa.and_(a.doi.is_not(None), a.doi != ""), sa.func.lower(a.doi))),
        sa.func.lower(sa.func.substr(a.title, 1, 20)),
        sa.case((lesser, 1), else_=0),
        sa.case((sa.or_(_listed(a.updates), _listed(a.updated_by)), 1), else_=0),
    ).where(a.deleted_at.is_(None))
    conn.execute(sa.schema.DropTable(_study_keys, if_exists=True))
    conn.execute(sa.schema.CreateTable(_study_keys))
    conn.execute(_study_keys.insert().from_select([c.name for c in _study_keys.columns], select))


def _candidates(conn: sa.Connection) -> list[Report]:
    """The few stored records a rule can touch, read without loading every title: linked
    by UpdateOf/UpdateIn, preprints, duplicate publications, a shared DOI, and the records
    whose title starts like a preprint's or a duplicate's (compared in full in Python)."""
    _fill_study_keys(conn)
    k = _study_keys.c
    shared_doi = (
        sa.select(k.doi_key)
        .where(k.doi_key.is_not(None))
        .group_by(k.doi_key)
        .having(sa.func.count() > 1)
    )
    prefixes = sa.select(k.prefix).where(k.lesser == 1).distinct()
    wanted = sa.select(k.pmid).where(
        sa.or_(k.lesser == 1, k.listed == 1, k.doi_key.in_(shared_doi), k.prefix.in_(prefixes))
    )
    a = articles.c
    alive = a.deleted_at.is_(None)
    columns = [a.pmid, a.title, a.doi, a.preprint, a.publication_types, a.updates, a.updated_by]
    rows = list(conn.execute(sa.select(*columns).where(alive, a.pmid.in_(wanted))))
    conn.execute(sa.schema.DropTable(_study_keys))
    linked = {p for r in rows for p in (*_ints(r.updates), *_ints(r.updated_by))}
    linked -= {r.pmid for r in rows}
    if linked:
        more = sa.select(*columns).where(alive, a.pmid.in_(sorted(linked)))
        rows += list(conn.execute(more))
    return [
        Report(
            pmid=int(r.pmid),
            title=r.title or "",
            doi=r.doi,
            preprint=bool(r.preprint),
            duplicate=DUPLICATE_TYPE in _types(r.publication_types),
            updates=_ints(r.updates),
            updated_by=_ints(r.updated_by),
        )
        for r in rows
    ]


def _types(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = json.loads(value or "[]")
    return tuple(str(v) for v in (value or ()))


def refresh_superseded(conn: sa.Connection) -> int:
    """Recompute articles.superseded_by from the stored records; returns how many records
    are superseded. Only rows whose value changes are written."""
    wanted = superseded(_candidates(conn))
    stored = dict(
        conn.execute(
            sa.select(articles.c.pmid, articles.c.superseded_by).where(
                articles.c.superseded_by.is_not(None)
            )
        ).all()
    )
    for pmid in sorted(set(stored) - set(wanted)):
        conn.execute(articles.update().where(articles.c.pmid == pmid).values(superseded_by=None))
    for pmid, by in sorted(wanted.items()):
        if stored.get(pmid) != by:
            conn.execute(articles.update().where(articles.c.pmid == pmid).values(superseded_by=by))
    return len(wanted)


def counted_once(scope: str = "claim") -> sa.ColumnElement[bool]:
    """The link's record is not superseded by a record that is itself a live link of the
    same `scope` ("claim": the link's claim, "topic": any claim of its topic, "store": any
    active claim). Needs claim_articles, articles and claims in the FROM (live_links)."""
    if scope not in SCOPES:
        raise ValueError(f"unknown counting scope {scope!r} (expected one of {list(SCOPES)})")
    link = claim_articles.alias("newer_link")
    newer = articles.alias("newer_article")
    claim = claims.alias("newer_claim")
    where = [
        link.c.pmid == articles.c.superseded_by,
        link.c.dropped_at.is_(None),
        newer.c.deleted_at.is_(None),
        claim.c.active.is_(True),
    ]
    if scope == "claim":
        where.append(link.c.claim_id == claim_articles.c.claim_id)
    elif scope == "topic":
        where.append(claim.c.topic_id == claims.c.topic_id)
    exists = (
        sa.select(sa.literal(1))
        .select_from(
            link.join(newer, newer.c.pmid == link.c.pmid).join(
                claim, claim.c.claim_id == link.c.claim_id
            )
        )
        .where(*where)
        .exists()
    )
    return sa.or_(articles.c.superseded_by.is_(None), sa.not_(exists))
