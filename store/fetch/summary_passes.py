"""The passes of a summary refresh (store.fetch.summaries): each fills one temporary table
of store.fetch.summary_tables with INSERT ... SELECT on the database itself.

Why they look the way they do (bench/RESULTS.md, dashboard): every GROUP BY is a sort in
SQLite, and its cost is mostly comparing the keys. A key of a few strings (claim, design,
timestamp) is compared field by field on every tie, which at 1,000,000 links happens on
nearly every comparison; one integer is compared in a single step. So claims, topics,
"seen as new" moments, designs and record dates are numbered first, the large passes group
by one packed integer (`packed`) and read its parts back by division, and the small results
are turned back into ids, timestamps and dates. The numbering keeps order where an aggregate
needs it (seen_no: min(seen_no) is the earliest seen_as_new) and is otherwise arbitrary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.sql import visitors

from store.db.schema import articles, claim_articles, claims
from store.evidence.badge import high_level_for_claim
from store.evidence.counting import (
    article_condition,
    evidence_condition,
    live_condition,
    live_links,
    total,
    year_of,
)
from store.evidence.novelty import BASELINE, claim_baselines, seen_as_new
from store.fetch.summary_tables import (
    ARTICLE_RULE_COLUMNS,
    article_facts,
    article_rows,
    claim_dates,
    claim_facts,
    claim_keys,
    date_keys,
    design_keys,
    link_facts,
    seen_keys,
    store_records,
    topic_cells,
    topic_records,
)

#: The sums of a group of links or records, in the order of `records_columns`.
SUMS = ("records", "high_level", "evidence", "evidence_high_level", "retracted", "concern")

#: A packed key stays below this (SQLite and PostgreSQL integers are 64-bit signed).
_PACKED_LIMIT = 2**62


def flag(condition: sa.ColumnElement[bool]) -> sa.ColumnElement:
    """0/1 for a condition: flags are summed, and a boolean cannot be on PostgreSQL."""
    return sa.case((condition, 1), else_=0)


def records_columns(
    high_level: sa.ColumnElement,
    evidence: sa.ColumnElement,
    retracted: sa.ColumnElement,
    concern: sa.ColumnElement,
) -> list[sa.ColumnElement]:
    """records, high_level, evidence_records, evidence_high_level, retracted, concern."""
    return [
        sa.func.count(),
        total(high_level),
        total(evidence),
        total(high_level * evidence),
        total(retracted),
        total(concern),
    ]


def labelled_sums(
    high_level: sa.ColumnElement,
    evidence: sa.ColumnElement,
    retracted: sa.ColumnElement,
    concern: sa.ColumnElement,
) -> list[sa.ColumnElement]:
    """records_columns, named as SUMS."""
    values = records_columns(high_level, evidence, retracted, concern)
    return [value.label(name) for value, name in zip(values, SUMS, strict=True)]


def rebuild(conn: Connection, table: sa.Table, select: sa.Select) -> None:
    """(Re)create a temporary table and fill it from `select`, column for column."""
    conn.execute(sa.schema.DropTable(table, if_exists=True))
    conn.execute(sa.schema.CreateTable(table))
    conn.execute(table.insert().from_select([c.name for c in table.columns], select))


@dataclass(frozen=True)
class Sizes:
    """One more than the largest number of each kind: the radixes of the packed keys."""

    claims: int
    topics: int
    seen: int
    designs: int
    dates: int
    pmids: int


def sizes(conn: Connection) -> Sizes:
    """Read once the key tables and the article facts are filled."""

    def top(*columns: sa.ColumnElement) -> list[int]:
        row = conn.execute(sa.select(*(sa.func.max(c) for c in columns))).one()
        return [int(v or 0) + 1 for v in row]

    n_claims, n_topics = top(claim_keys.c.claim_no, claim_keys.c.topic_no)
    (n_seen,) = top(seen_keys.c.seen_no)
    a = article_facts.c
    n_designs, n_dates, n_pmids = top(a.design_no, a.date_no, a.pmid)
    return Sizes(n_claims, n_topics, n_seen, n_designs, n_dates, n_pmids)


@dataclass(frozen=True)
class Grouping:
    """GROUP BY terms, and the grouped values to select (labelled with their names)."""

    group_by: list[sa.ColumnElement]
    parts: list[sa.ColumnElement]


def _number_literal(value: int) -> sa.ColumnElement:
    # Written out, not bound: PostgreSQL matches the SELECT's key expressions to the GROUP
    # BY's by their text, and a bound parameter would be a different one in each place.
    return sa.literal_column(str(int(value)), sa.BigInteger)


def packed(*parts: tuple[str, sa.ColumnElement, int]) -> Grouping:
    """Group by one integer that orders like the tuple of `(name, column, size)` parts (each
    0 <= value < size) and read the parts back from it by division; by the parts
    themselves when the key would not fit in 64 bits (the same groups, sorted the slow
    way)."""
    bound = 1
    for _, _, size in parts:
        bound *= size
    if bound >= _PACKED_LIMIT:
        return Grouping([c for _, c, _ in parts], [c.label(name) for name, c, _ in parts])
    key: sa.ColumnElement = parts[0][1]
    for _, column, size in parts[1:]:
        key = key * _number_literal(size) + column
    decoded: list[sa.ColumnElement] = []
    below = 1  # the product of the sizes of the parts after this one
    for index in range(len(parts) - 1, -1, -1):
        name, _, size = parts[index]
        value = key // _number_literal(below) if below > 1 else key
        if index > 0:
            value = value % _number_literal(size)
        decoded.insert(0, value.label(name))
        below *= size
    return Grouping([key], decoded)


# -- numbering -----------------------------------------------------------------------------


def fill_keys(conn: Connection) -> None:
    """claim_keys and seen_keys."""
    c, baselines = claims.c, claim_baselines()
    rebuild(
        conn,
        claim_keys,
        sa.select(
            sa.func.row_number().over(order_by=c.claim_id),
            c.claim_id,
            c.topic_id,
            sa.func.dense_rank().over(order_by=c.topic_id),
            baselines.c.baseline_run,
        ).select_from(claims.outerjoin(baselines, baselines.c.claim_id == c.claim_id)),
    )
    # GROUP BY, not DISTINCT: SQLite reads first_seen in ix_claim_articles_first_seen's order.
    stored = sa.select(claim_articles.c.first_seen).group_by(claim_articles.c.first_seen)
    values = sa.union(stored, sa.select(sa.literal(BASELINE, sa.String(32)))).subquery()
    first_seen = values.c[0]
    rebuild(conn, seen_keys, sa.select(sa.func.row_number().over(order_by=first_seen), first_seen))


def date_key(
    pub_date: sa.ColumnElement, pub_year: sa.ColumnElement, entrez_year: sa.ColumnElement
) -> sa.ColumnElement[str]:
    """A record's three dates as one string, NULL spelled apart from every value ("n", or
    "v" and the value), the years (digits) first so that no two date triples meet: an
    equality join where the columns themselves would need IS NOT DISTINCT FROM, which
    PostgreSQL cannot hash."""

    def spelled(value: sa.ColumnElement) -> sa.ColumnElement[str]:
        return sa.case((value.is_(None), "n"), else_="v" + sa.cast(value, sa.String))

    return spelled(pub_year) + ":" + spelled(entrez_year) + ":" + spelled(pub_date)


def fill_article_facts(conn: Connection) -> None:
    """article_facts, design_keys and date_keys: each live record read once, into
    article_rows, then numbered by equality joins to the few designs and date triples (a
    window function such as dense_rank() costs SQLite a quarter of a second per 100,000
    rows; the joins a tenth of that)."""
    a = articles.c
    entrez_year = year_of("entrez")
    rows = sa.select(
        *(a[name] for name in ARTICLE_RULE_COLUMNS),
        entrez_year,
        date_key(a.pub_date, a.pub_year, entrez_year),
    ).where(a.deleted_at.is_(None))
    rebuild(conn, article_rows, rows)
    r = article_rows.c
    designs = sa.select(r.study_design).group_by(r.study_design).subquery()
    rebuild(
        conn,
        design_keys,
        sa.select(sa.func.row_number().over(order_by=designs.c.study_design), designs),
    )
    dates = sa.select(r.date_key, r.pub_date, r.pub_year, r.entrez_year).distinct().subquery()
    rebuild(conn, date_keys, sa.select(sa.func.row_number().over(order_by=dates.c.date_key), dates))
    select = (
        sa.select(
            *(r[c.name] for c in article_rows.columns if c.name != "date_key"),
            design_keys.c.design_no,
            date_keys.c.date_no,
            flag(_reading(article_rows)(evidence_condition("store"))),
            flag(r.retracted.is_(True)),
            flag(r.concern.is_(True)),
        )
        .select_from(article_rows)
        .join(design_keys, design_keys.c.design == r.study_design)
        .join(date_keys, date_keys.c.date_key == r.date_key)
    )
    rebuild(conn, article_facts, select)
    conn.execute(sa.schema.DropTable(article_rows))


def _reading(table: sa.Table) -> Callable[[Any], Any]:
    """A rewrite of an expression or statement so that it reads `table` (article_rows,
    article_facts: the articles' columns under their own names) where it read `articles`:
    the same rules (store.evidence) on the same values. Aliases of `articles` (count_once's
    "newer article" in its EXISTS) keep reading the table itself."""

    def replace(element: object) -> object | None:
        if isinstance(element, sa.Alias):
            return element
        if element is articles:
            return table
        if isinstance(element, sa.Column) and element.table is articles:
            return table.c[element.name]  # KeyError: a rule reads a column not copied
        return None

    return lambda statement: visitors.replacement_traverse(statement, {}, replace)


# -- the link pass and the topic passes -----------------------------------------------------


def fill_link_facts(conn: Connection) -> None:
    """Every live link once, with the conditions of store.evidence evaluated on it: the one
    pass over the million links that the whole refresh makes."""
    keys, facts = claim_keys.c, article_facts.c
    # The claim's baseline run comes with its keys: looked up once per claim, not per link.
    links = (
        live_links()
        .join(claim_keys, keys.claim_id == claim_articles.c.claim_id)
        .join(seen_keys, seen_keys.c.first_seen == seen_as_new(claim_keys))
    )
    select = (
        sa.select(
            keys.claim_no,
            keys.topic_no,
            claim_articles.c.pmid,
            seen_keys.c.seen_no,
            facts.design_no,
            facts.date_no,
            flag(high_level_for_claim()),
            flag(evidence_condition("claim")),
            flag(evidence_condition("topic")),
            flag(article_condition()),
            facts.is_retracted,
            facts.is_concern,
        )
        .select_from(links)
        .where(live_condition())
    )
    rebuild(conn, link_facts, _reading(article_facts)(select))


def fill_topic_records(conn: Connection, n: Sizes) -> None:
    """The one de-duplication: (topic, PMID) pairs with the record's earliest seen_as_new
    in the topic (store.evidence.novelty: BASELINE when any of its links there is a baseline
    link), whether one of its links there is high-level or on an article claim; evidence in
    the topic is the same on each of its links there, so it is grouped by. (The record's own
    numbers are read back from article_facts by the passes that need them: carried through
    this sort, they cost it more than the lookups.)"""
    links = link_facts.c
    grouping = packed(
        ("topic_no", links.topic_no, n.topics),
        ("pmid", links.pmid, n.pmids),
        ("evidence", links.topic_evidence, 2),
    )
    topic_no, pmid, evidence = grouping.parts
    select = sa.select(
        topic_no,
        pmid,
        sa.func.min(links.seen_no),
        sa.func.max(links.high_level),
        evidence,
        sa.func.max(links.article),
    ).group_by(*grouping.group_by)
    rebuild(conn, topic_records, select)


def _topic_ids() -> sa.Subquery:
    return sa.select(claim_keys.c.topic_no, claim_keys.c.topic_id).distinct().subquery()


def fill_topic_cells(conn: Connection, n: Sizes) -> None:
    """The topic's records counted per (first seen, record dates): one sort of the (topic,
    PMID) pairs instead of one per summary table (the cells are far fewer than the pairs:
    many records share a day and a night's fetch), then named."""
    pairs, facts = topic_records.c, article_facts.c
    grouping = packed(
        ("topic_no", pairs.topic_no, n.topics),
        ("seen_no", pairs.seen_no, n.seen),
        ("date_no", facts.date_no, n.dates),
    )
    cells = (
        sa.select(
            *grouping.parts,
            *labelled_sums(pairs.high_level, pairs.evidence, facts.is_retracted, facts.is_concern),
        )
        .select_from(topic_records.join(article_facts, facts.pmid == pairs.pmid))
        .group_by(*grouping.group_by)
        .subquery()
    )
    topics, dates = _topic_ids(), date_keys.c
    select = sa.select(
        topics.c.topic_id,
        seen_keys.c.first_seen,
        dates.pub_date,
        dates.pub_year,
        dates.entrez_year,
        *(cells.c[name] for name in SUMS),
    ).select_from(
        cells.join(topics, topics.c.topic_no == cells.c.topic_no)
        .join(seen_keys, seen_keys.c.seen_no == cells.c.seen_no)
        .join(date_keys, dates.date_no == cells.c.date_no)
    )
    rebuild(conn, topic_cells, select)


def fill_store_records(conn: Connection) -> None:
    """Each record once over the article claims' topics: first seen at its earliest link
    there, high-level when it is in one of them; the rest is the record's own."""
    pairs, facts = topic_records.c, article_facts.c
    per_record = (
        sa.select(
            pairs.pmid,
            sa.func.min(pairs.seen_no).label("seen_no"),
            sa.func.max(pairs.high_level).label("high_level"),
        )
        .where(pairs.article == 1)
        .group_by(pairs.pmid)
        .subquery()
    )
    select = sa.select(
        per_record.c.pmid,
        seen_keys.c.first_seen,
        per_record.c.high_level,
        facts.store_evidence,
        facts.is_retracted,
        facts.is_concern,
    ).select_from(
        per_record.join(article_facts, facts.pmid == per_record.c.pmid).join(
            seen_keys, seen_keys.c.seen_no == per_record.c.seen_no
        )
    )
    rebuild(conn, store_records, select)


# -- the claim passes ------------------------------------------------------------------------


def fill_claim_facts(conn: Connection, n: Sizes) -> None:
    """Live links counted per (claim, design, seen_as_new), with their 0/1 flags summed."""
    links = link_facts.c
    grouping = packed(
        ("claim_no", links.claim_no, n.claims),
        ("design_no", links.design_no, n.designs),
        ("seen_no", links.seen_no, n.seen),
    )
    facts = (
        sa.select(
            *grouping.parts,
            *labelled_sums(links.high_level, links.evidence, links.is_retracted, links.is_concern),
        )
        .group_by(*grouping.group_by)
        .subquery()
    )
    select = sa.select(
        claim_keys.c.claim_id,
        design_keys.c.design,
        seen_keys.c.first_seen,
        *(facts.c[name] for name in SUMS),
    ).select_from(
        facts.join(claim_keys, claim_keys.c.claim_no == facts.c.claim_no)
        .join(design_keys, design_keys.c.design_no == facts.c.design_no)
        .join(seen_keys, seen_keys.c.seen_no == facts.c.seen_no)
    )
    rebuild(conn, claim_facts, select)


def fill_claim_dates(conn: Connection, n: Sizes) -> None:
    """Live links counted per (claim, record dates): a pass of its own, since grouping the
    claim facts by date as well makes them some 200,000 rows and their sort dearer."""
    links = link_facts.c
    grouping = packed(("claim_no", links.claim_no, n.claims), ("date_no", links.date_no, n.dates))
    select = sa.select(*grouping.parts, sa.func.count(), total(links.evidence)).group_by(
        *grouping.group_by
    )
    rebuild(conn, claim_dates, select)
