"""The store keeps the moment a record was first flagged (retracted or expression of concern),
which the digest's integrity alerts read; and it stores every new field the parser reads."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from fetchers.pubmed.records import iter_records
from store.db.connect import open_engine
from store.db.schema import articles
from store.fetch import writes
from tests.support.pubmed_samples import SAMPLES


def _stored(engine, pmid: int) -> dict:
    with engine.connect() as conn:
        return dict(conn.execute(sa.select(articles).where(articles.c.pmid == pmid)).one()._mapping)


def test_flagged_at_is_kept_from_the_first_flagged_fetch_and_cleared_when_unflagged(db_url):
    (record,) = iter_records(SAMPLES / "efetch-metapub-pmid_xml" / "39345789.xml")
    engine = open_engine(db_url)
    try:
        moments = ["2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"]
        with engine.begin() as conn:
            writes.upsert_articles(conn, [record], fetched_at=moments[0])
        row = _stored(engine, record.pmid)
        assert row["flagged_at"] is None
        # What the parser read is stored as is.
        assert row["updates"] == [36993193]
        assert row["design_source"] == record.design_source
        assert row["concern"] is False
        retracted = dataclasses.replace(record, retracted=True)
        with engine.begin() as conn:
            writes.upsert_articles(conn, [retracted], fetched_at=moments[1])
        assert _stored(engine, record.pmid)["flagged_at"] == moments[1]
        concern = dataclasses.replace(retracted, concern=True)
        with engine.begin() as conn:
            writes.upsert_articles(conn, [concern], fetched_at=moments[2])
        row = _stored(engine, record.pmid)
        assert row["flagged_at"] == moments[1]  # still flagged: the first moment stands
        assert row["concern"] is True
        with engine.begin() as conn:
            writes.upsert_articles(conn, [record], fetched_at=moments[2])
        assert _stored(engine, record.pmid)["flagged_at"] is None
    finally:
        engine.dispose()
