"""Recompute stored records' designs and species from their stored columns with today's rules.

Revisions that change the design rules (0009_design_pending, 0015_counted_people) call
`reclassify`, so an upgraded store shows what a new fetch of the same records would. It
reads and writes in chunks of primary keys, inside the upgrade's transaction.
"""

from __future__ import annotations

import sqlalchemy as sa

from store.evidence.design_rules import ANIMALS_UI, HUMANS_UI, INDEXED_STATUSES, classify
from store.evidence.species_text import species_from_text

_CHUNK = 500

_articles = sa.table(
    "articles",
    sa.column("pmid", sa.BigInteger),
    sa.column("title", sa.Text),
    sa.column("abstract", sa.Text),
    sa.column("citation_status", sa.String),
    sa.column("publication_types", sa.JSON),
    sa.column("mesh", sa.JSON),
    sa.column("study_design", sa.String),
    sa.column("design_source", sa.String),
    sa.column("humans", sa.Boolean),
    sa.column("animals", sa.Boolean),
    sa.column("species_source", sa.String),
)


def stored_species(mesh: list, title: str, abstract: str) -> tuple[bool, bool, str]:
    """(humans, animals, species_source) from stored MeSH dicts, else (no MeSH) from the
    wording: the
    parser's rule (fetchers/pubmed/design.py, species_fields) on stored columns."""
    humans = animals = False
    for heading in mesh:
        if not isinstance(heading, dict):
            continue
        ui, name = heading.get("ui"), heading.get("descriptor")
        humans = humans or ui == HUMANS_UI or (not ui and name == "Humans")
        animals = animals or ui == ANIMALS_UI or (not ui and name == "Animals")
    if mesh:
        return humans, animals, "mesh"
    read = species_from_text(title, abstract)
    if read is None:
        return False, False, "none"
    return read[0], read[1], "text"


def reclassify(conn: sa.Connection, *, unindexed_only: bool = False) -> int:
    """Recompute stored articles' design and species; returns how many. `unindexed_only`:
    only records NLM has not indexed (the wording rules read no others)."""
    c = _articles.c
    read = sa.select(
        c.pmid, c.title, c.abstract, c.citation_status, c.publication_types, c.mesh
    ).order_by(c.pmid)
    if unindexed_only:
        read = read.where(
            sa.or_(c.citation_status.is_(None), c.citation_status.not_in(INDEXED_STATUSES))
        )
    write = (
        _articles.update()
        .where(c.pmid == sa.bindparam("b_pmid"))
        .values(
            study_design=sa.bindparam("b_design"),
            design_source=sa.bindparam("b_source"),
            humans=sa.bindparam("b_humans"),
            animals=sa.bindparam("b_animals"),
            species_source=sa.bindparam("b_species"),
        )
    )
    done, after = 0, None
    while True:
        page = read if after is None else read.where(c.pmid > after)
        rows = conn.execute(page.limit(_CHUNK)).fetchall()
        if not rows:
            return done
        updates = []
        for row in rows:
            mesh = list(row.mesh or []) if isinstance(row.mesh, list) else []
            descriptors = [m.get("descriptor", "") for m in mesh if isinstance(m, dict)]
            title, abstract = row.title or "", row.abstract or ""
            design, source = classify(
                list(row.publication_types or []),
                descriptors,
                title,
                abstract,
                row.citation_status or "",
            )
            humans, animals, species_source = stored_species(mesh, title, abstract)
            updates.append(
                {
                    "b_pmid": row.pmid,
                    "b_design": design,
                    "b_source": source,
                    "b_humans": humans,
                    "b_animals": animals,
                    "b_species": species_source,
                }
            )
        conn.execute(write, updates)
        done += len(rows)
        after = rows[-1].pmid
