"""Revision 0009_design_pending on a 0.2.0 store (SQLite and PostgreSQL): every stored record
is reclassified in place by today's rules (pending for unindexed records no rule places),
species are read from wording where there is no MeSH, nothing else changes, and the
summaries are read live until the next fetch."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command

from store.db import migrations
from store.db.connect import open_engine
from store.evidence.design_rules import classify
from tests.test_migrations import load_legacy, row_counts

#: Each test builds an old release's schema in db_url (never a copy of the current one).
pytestmark = pytest.mark.empty_database

MINE = "0009_design_pending"


def heads_before(mine: str) -> list[str]:
    """The heads of every revision but `mine` and those that come after it (a merge
    revision such as 0016_species_in_live_index needs it): what a store without `mine`
    holds at most."""
    script = migrations._script()

    def parents(revision: str) -> tuple[str, ...]:
        down = script.get_revision(revision).down_revision
        return tuple(down) if isinstance(down, tuple | list) else ((down,) if down else ())

    def ancestors(revision: str) -> set[str]:
        found, todo = set(), list(parents(revision))
        while todo:
            if (node := todo.pop()) not in found:
                found.add(node)
                todo.extend(parents(node))
        return found

    kept = {r for r in migrations.known_revisions() if r != mine and mine not in ancestors(r)}
    below = {p for r in kept for p in parents(r)}
    return sorted(kept - below)


def todays_design(old: dict) -> tuple[str, str]:
    """(design, source) today's rules give a stored row (what a reclassifying revision
    must write)."""
    mesh = old["mesh"] if isinstance(old["mesh"], list) else []
    return classify(
        old["publication_types"] if isinstance(old["publication_types"], list) else [],
        [m["descriptor"] for m in mesh],
        old["title"],
        old["abstract"],
        old["citation_status"],
    )


def legacy_before(db_url, tmp_path, mine: str) -> str:
    """The 0.1.0 fixture upgraded to every revision but `mine` and those after it: the
    store the release before `mine` wrote."""
    url = load_legacy(db_url, tmp_path)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        cfg = migrations._config(conn)
        command.stamp(cfg, migrations.BASELINE)
        for head in heads_before(mine):
            command.upgrade(cfg, head)
    engine.dispose()
    return url


def make_0_2_0_store(db_url, tmp_path) -> str:
    """The 0.1.0 fixture brought to every head but this one (what 0.2.0 wrote), with the
    designs 0.2.0 gave unindexed records it could not place ("other")."""
    url = legacy_before(db_url, tmp_path, MINE)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE articles SET study_design = 'other', design_source = 'none' "
                    "WHERE citation_status <> 'MEDLINE'")
        )  # fmt: skip
        conn.execute(sa.text("UPDATE summary_refresh SET run_id = 7"))
    engine.dispose()
    return url


def _articles(url: str) -> dict[int, dict]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        table = sa.Table("articles", sa.MetaData(), autoload_with=conn)
        rows = {r.pmid: r._asdict() for r in conn.execute(sa.select(table))}
        refresh = conn.execute(sa.text("SELECT run_id FROM summary_refresh")).scalars().all()
    engine.dispose()
    return rows, refresh


def test_0009_reclassifies_a_0_2_0_store_in_place(db_url, tmp_path):
    url = make_0_2_0_store(db_url, tmp_path)
    before, _ = _articles(url)
    counts = row_counts(url)
    assert "species_source" not in next(iter(before.values()))

    open_engine(url).dispose()

    after, refresh = _articles(url)
    assert row_counts(url) == counts
    assert set(after) == set(before)
    changed = {"study_design", "design_source", "humans", "animals"}
    for pmid, row in after.items():
        old = before[pmid]
        assert {k: v for k, v in row.items() if k in old and k not in changed} == {
            k: v for k, v in old.items() if k not in changed
        }
        mesh = old["mesh"] if isinstance(old["mesh"], list) else []
        assert (row["study_design"], row["design_source"]) == todays_design(old)
        if mesh:
            assert row["species_source"] == "mesh"
            assert (row["humans"], row["animals"]) == (old["humans"], old["animals"])
        else:
            assert row["species_source"] in ("text", "none")
    designs = {row["study_design"] for row in after.values()}
    assert "pending" in designs
    assert any(r["species_source"] == "text" for r in after.values())
    assert set(refresh) <= {0}  # summaries stale: counted live until the next fetch
    assert MINE in migrations.known_revisions()  # a head until later revisions built on it
