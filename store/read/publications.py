"""Stored records as lists: the Publications page (filtered, sorted and paginated in SQL)
and the export streams (one row per claim × article, and claim × year summaries).

Free-text search is a case-insensitive LIKE per word over title and abstract, so it behaves
the same on SQLite and PostgreSQL without a full-text index; every word must match.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store.db.schema import articles, claim_articles, claims
from store.evidence.counting import live_condition, live_links, year_of
from store.evidence.novelty import (
    BASELINE,
    baseline_run,
    claim_baselines,
    is_new,
    link_seen_as_new,
    seen_as_new,
    with_baselines,
)
from store.formats.links import doi_url, pubmed_url

SPECIES_CHOICES = ("any", "humans", "animals", "humans and animals", "neither", "unknown")
RETRACTED_CHOICES = ("any", "only retracted", "exclude retracted")

#: Sort keys offered to users → columns (PMID breaks ties so pages never overlap).
SORT_COLUMNS = {
    "entrez_date": articles.c.entrez_date,
    "pub_date": articles.c.pub_date,
    "title": articles.c.title,
    "journal": articles.c.journal,
    "first_author": articles.c.first_author,
    "pmid": articles.c.pmid,
}

LIST_COLUMNS = (
    articles.c.pmid,
    articles.c.title,
    articles.c.journal,
    articles.c.pub_date,
    articles.c.entrez_date,
    articles.c.study_design,
    articles.c.design_source,
    articles.c.humans,
    articles.c.animals,
    articles.c.language,
    articles.c.retracted,
    articles.c.concern,
    articles.c.preprint,
    articles.c.first_author,
    articles.c.doi,
)


@dataclass(frozen=True)
class PublicationFilter:
    """What the Publications page (and its CSV download) is restricted to. Dates are
    'YYYY-MM-DD' and inclusive; `date_basis` is 'entrez' or 'publication'."""

    topic_id: str | None = None
    claim_id: str | None = None
    date_basis: str = "publication"
    date_from: str | None = None
    date_to: str | None = None
    designs: tuple[str, ...] = field(default_factory=tuple)
    species: str = "any"
    language: str | None = None
    retracted: str = "any"
    text: str = ""
    #: Only records new (store.evidence.novelty) at or after this day 'YYYY-MM-DD', in the topic or
    #: claim chosen, else anywhere in the store.
    seen_from: str | None = None

    def __post_init__(self) -> None:
        # Values come from the URL; PostgreSQL text cannot hold NUL (a DataError otherwise).
        for name, value in vars(self).items():
            if isinstance(value, str) and "\x00" in value:
                object.__setattr__(self, name, value.replace("\x00", ""))


def _like_pattern(word: str) -> str:
    escaped = word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def record_first_seen(f: PublicationFilter) -> sa.Subquery:
    """pmid, first_seen: when littrack first saw each live record in the filter's topic or
    claim (or anywhere), BASELINE ("") for one a claim's first fetch brought in."""
    baselines = claim_baselines()
    stmt = (
        sa.select(
            claim_articles.c.pmid,
            sa.func.min(seen_as_new(baselines)).label("first_seen"),
        )
        .select_from(with_baselines(live_links(), baselines))
        .where(live_condition())
        .group_by(claim_articles.c.pmid)
    )
    if f.claim_id:
        stmt = stmt.where(claim_articles.c.claim_id == f.claim_id)
    if f.topic_id:
        stmt = stmt.where(claims.c.topic_id == f.topic_id)
    return stmt.subquery("record_first_seen")


def filter_conditions(f: PublicationFilter) -> list[sa.ColumnElement[bool]]:
    conds: list[sa.ColumnElement[bool]] = [articles.c.deleted_at.is_(None)]
    if f.seen_from:
        seen = record_first_seen(f)
        conds.append(
            articles.c.pmid.in_(sa.select(seen.c.pmid).where(seen.c.first_seen >= f.seen_from))
        )
    if f.topic_id or f.claim_id:
        linked = sa.select(claim_articles.c.pmid).select_from(live_links()).where(live_condition())
        if f.claim_id:
            linked = linked.where(claim_articles.c.claim_id == f.claim_id)
        if f.topic_id:
            linked = linked.where(claims.c.topic_id == f.topic_id)
        conds.append(articles.c.pmid.in_(linked))
    date_col = articles.c.entrez_date if f.date_basis == "entrez" else articles.c.pub_date
    if f.date_from:
        conds.append(date_col >= f.date_from)
    if f.date_to:
        # Dates may be shorter than YYYY-MM-DD; '~' sorts after any digit or '-'.
        conds.append(date_col <= f.date_to + "~")
    if f.designs:
        conds.append(articles.c.study_design.in_(f.designs))
    h, a = articles.c.humans.is_(True), articles.c.animals.is_(True)
    indexed = sa.func.json_array_length(articles.c.mesh) > 0
    species = {
        "humans": h,
        "animals": a,
        "humans and animals": sa.and_(h, a),
        # Indexed with neither tag; "unknown" = no MeSH yet, never lumped with "neither".
        "neither": sa.and_(indexed, sa.not_(h), sa.not_(a)),
        "unknown": sa.not_(indexed),
    }
    if f.species in species:
        conds.append(species[f.species])
    if f.language:
        conds.append(articles.c.language == f.language)
    if f.retracted == "only retracted":
        conds.append(articles.c.retracted.is_(True))
    elif f.retracted == "exclude retracted":
        conds.append(articles.c.retracted.is_(False))
    for word in f.text.split():
        pattern = _like_pattern(word)
        conds.append(
            sa.or_(
                sa.func.lower(articles.c.title).like(pattern, escape="\\"),
                sa.func.lower(articles.c.abstract).like(pattern, escape="\\"),
            )
        )
    return conds


def count_publications(engine: Engine, f: PublicationFilter) -> int:
    stmt = sa.select(sa.func.count()).select_from(articles).where(*filter_conditions(f))
    with engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def _with_links(frame: pd.DataFrame) -> pd.DataFrame:
    frame["pubmed_url"] = [pubmed_url(p) for p in frame["pmid"]]
    frame["doi_url"] = [doi_url(d) for d in frame["doi"]]
    return frame


def list_publications(
    engine: Engine,
    f: PublicationFilter,
    *,
    sort: str = "entrez_date",
    descending: bool = True,
    limit: int | None = 50,
    offset: int = 0,
) -> pd.DataFrame:
    """One page of filtered records (limit None: all of them, for the CSV download)."""
    if sort not in SORT_COLUMNS and sort != "first_seen":
        raise ValueError(
            f"cannot sort by {sort!r} (expected one of {sorted([*SORT_COLUMNS, 'first_seen'])})"
        )
    # No MeSH at all (stored as the JSON text '[]'): MEDLINE has not indexed the record
    # yet, so its species is unknown rather than "neither".
    no_mesh = (sa.cast(articles.c.mesh, sa.Text) == "[]").label("no_mesh")
    tie = articles.c.pmid.desc() if descending else articles.c.pmid.asc()
    if sort == "first_seen" or f.seen_from:
        # First seen costs a pass over the links: only when someone asks for it.
        seen = record_first_seen(f)
        column = seen.c.first_seen if sort == "first_seen" else SORT_COLUMNS[sort]
        stmt = sa.select(*LIST_COLUMNS, seen.c.first_seen, no_mesh).select_from(
            articles.outerjoin(seen, seen.c.pmid == articles.c.pmid)
        )
    else:
        column = SORT_COLUMNS[sort]
        stmt = sa.select(*LIST_COLUMNS, no_mesh)
    order = column.desc() if descending else column.asc()
    stmt = stmt.where(*filter_conditions(f)).order_by(order, tie)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    with engine.connect() as conn:
        result = conn.execute(stmt)
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    unknown = frame.pop("no_mesh").astype(bool)
    for column_name in ("humans", "animals", "retracted"):
        frame[column_name] = frame[column_name].astype(bool)
    for column_name in ("humans", "animals"):
        frame[column_name] = frame[column_name].astype("boolean").mask(unknown)
    if "first_seen" in frame:
        frame["first_seen"] = [
            "baseline" if s == BASELINE else s for s in frame["first_seen"].fillna("")
        ]
    return _with_links(frame)


def filter_choices(engine: Engine) -> dict:
    """languages and designs present, and the span of publication/Entrez dates."""
    alive = articles.c.deleted_at.is_(None)
    with engine.connect() as conn:
        languages = list(
            conn.execute(
                sa.select(articles.c.language)
                .where(alive, articles.c.language != "")
                .distinct()
                .order_by(articles.c.language)
            ).scalars()
        )
        designs = list(
            conn.execute(
                sa.select(articles.c.study_design)
                .where(alive)
                .distinct()
                .order_by(articles.c.study_design)
            ).scalars()
        )
        span = conn.execute(
            sa.select(
                sa.func.min(articles.c.pub_date),
                sa.func.max(articles.c.pub_date),
                sa.func.min(articles.c.entrez_date),
                sa.func.max(articles.c.entrez_date),
            ).where(alive)
        ).one()
    return {
        "languages": languages,
        "designs": designs,
        "publication": (span[0], span[1]),
        "entrez": (span[2], span[3]),
    }


def newest_publications(
    engine: Engine,
    claim_id: str,
    *,
    limit: int = 20,
    new_since: str | None = None,
    basis: str = "publication",
    year: int | None = None,
) -> pd.DataFrame:
    """A claim's newest live records by Entrez date (of one `year` by `basis`, when given),
    with the abstract, an `erratum` flag, and `is_new` when the link is new
    (store.evidence.novelty) at or after `new_since`."""
    stmt = (
        sa.select(
            articles.c.pmid,
            articles.c.title,
            articles.c.journal,
            articles.c.pub_date,
            articles.c.pub_date_text,
            articles.c.entrez_date,
            articles.c.study_design,
            articles.c.doi,
            articles.c.retracted,
            articles.c.concern,
            articles.c.preprint,
            articles.c.veterinary,
            articles.c.erratum_in,
            articles.c.abstract,
            claim_articles.c.first_seen,
            claim_articles.c.first_run_id,
        )
        .select_from(live_links())
        .where(live_condition(), claim_articles.c.claim_id == claim_id)
        .order_by(articles.c.entrez_date.desc(), articles.c.pmid.desc())
        .limit(limit)
    )
    if year is not None:
        stmt = stmt.where(year_of(basis) == int(year))
    with engine.connect() as conn:
        result = conn.execute(stmt)
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
        # One claim: its baseline run is one small lookup, not a join per link.
        baseline = baseline_run(conn, claim_id)
    frame["seen_as_new"] = [
        link_seen_as_new(s, r, baseline)
        for s, r in zip(frame["first_seen"], frame.pop("first_run_id"), strict=True)
    ]
    for flag in ("retracted", "concern", "preprint", "veterinary"):
        frame[flag] = frame[flag].astype(bool)
    frame["erratum"] = [bool(json_list(v)) for v in frame["erratum_in"]]
    frame["is_new"] = [bool(new_since) and is_new(s, new_since) for s in frame["seen_as_new"]]
    return _with_links(frame.drop(columns=["erratum_in"]))


def json_list(value: object) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    return list(value)


def normalise(records: pd.Series, totals: pd.Series, per: int) -> pd.Series:
    """records per `per` of totals, rounded to 4 decimals; missing or zero totals give NA."""
    totals = totals.astype("Float64")
    values = records.astype("Float64") * per / totals.where(totals > 0)
    return values.round(4)
