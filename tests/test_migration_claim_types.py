"""Revision 0008_claim_types on the 0.1.0 stores (SQLite and PostgreSQL): every claim gets
type "efficacy", whose high-level designs are the rule every claim had before, so no badge
moves and nothing is lost; the next outline sync writes the outline's types."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa

from store.db import migrations
from store.db.connect import open_engine
from store.fetch import writes
from store.models import Claim, Outline, Topic
from store.read.overview import claim_overview
from tests.test_migrations import load_legacy, row_counts

#: Each test builds an old release's schema in db_url (never a copy of the current one).
pytestmark = pytest.mark.empty_database


def _types(url: str) -> dict[str, str]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        rows = dict(conn.execute(sa.text("SELECT claim_id, type FROM claims")).all())
    engine.dispose()
    return rows


def test_0008_gives_0_1_0_claims_type_efficacy_and_keeps_every_row(db_url, tmp_path):
    url = load_legacy(db_url, tmp_path)
    before = row_counts(url)
    engine = open_engine(url)
    with engine.connect() as conn:
        assert "0008_claim_types" in migrations.database_revisions(conn)
    badges = claim_overview(engine).set_index("claim_id")[["high_level", "evidence"]]
    engine.dispose()
    assert row_counts(url) == before
    types = _types(url)
    assert len(types) == before["claims"] == 4
    assert set(types.values()) == {"efficacy"}

    # the outline's type is written by the next sync; the claim's badge follows it
    claim_id = sorted(types)[0]
    engine = open_engine(url)
    with engine.begin() as conn:
        stored = conn.execute(
            sa.text("SELECT topic_id, claim, query FROM claims WHERE claim_id = :c"),
            {"c": claim_id},
        ).one()
        claim = Claim(claim_id, stored.topic_id, stored.claim, stored.query, type="epidemiology")
        others = [
            Claim(c, "x", "x", "x[tiab]", position=i) for i, c in enumerate(sorted(types)[1:])
        ]
        outline = Outline("T", "s", "k", (Topic(stored.topic_id, "T", (claim,)),))
        outline = dataclasses.replace(
            outline, topics=(*outline.topics, Topic("x", "X", tuple(others), 1))
        )
        writes.sync_outline(conn, outline, now="2026-12-01T00:00:00Z")
    after = claim_overview(engine).set_index("claim_id")
    engine.dispose()
    assert _types(url)[claim_id] == "epidemiology"
    assert set(after.index) >= {claim_id}
    assert row_counts(url)["articles"] == before["articles"]
    # efficacy claims kept their badge through the upgrade
    for other in sorted(types)[1:]:
        if other in badges.index and other in after.index:
            assert after.loc[other, "high_level"] == badges.loc[other, "high_level"]
