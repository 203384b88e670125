"""Design pending, wider wording rules, and species from wording (release 0.3.0).

Revision ID: 0009_design_pending
Revises: 0002_evidence

The design rules grew (store/evidence/design_text.py: non-evidence titles, structured
"DESIGN:" labels, "patients were randomized", registry numbers, observational wording) and
gained `pending`: a record PubMed has not indexed yet that no rule places. Every stored
record is reclassified here from its stored columns, as 0002_evidence did, so a 0.2.0 store
shows what a new fetch would; the summaries are marked stale so readers count live until the
next fetch rewrites them.

Adds `articles.species_source` (mesh | text | none): a record without the Humans / Animals
check tags has them read from its wording ("rats", "in vitro" ...), which the humans scope
then uses (store/evidence/counting.py, scope_condition).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from store.evidence.design_rules import ANIMALS_UI, HUMANS_UI, classify
from store.evidence.species_text import species_from_text

revision = "0009_design_pending"
down_revision = "0002_evidence"
branch_labels = None
depends_on = None

_CHUNK = 500


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(
            sa.Column("species_source", sa.String(8), nullable=False, server_default="none")
        )
    reclassify(op.get_bind())
    # The summaries were counted with the old classes and scopes: marked older than every
    # run, so readers fall back to the live queries until the next fetch rewrites them.
    op.execute(sa.text("UPDATE summary_refresh SET run_id = 0"))


def downgrade() -> None:  # pragma: no cover - littrack only upgrades
    raise NotImplementedError("littrack stores are upgraded, never downgraded")


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


def reclassify(conn: sa.Connection) -> int:
    """Recompute every stored article's design and species; returns how many."""
    c = _articles.c
    read = sa.select(
        c.pmid, c.title, c.abstract, c.citation_status, c.publication_types, c.mesh
    ).order_by(c.pmid)
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
