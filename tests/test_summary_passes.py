"""store/fetch/summary_passes.py: the refresh groups its large passes by one packed integer
and numbers record dates through a NULL-free string; both are ways of sorting faster that
must not change a single number. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from store.db.connect import open_engine
from store.fetch import summary_passes
from store.fetch.summaries import SUMMARY_TABLES, refresh_summaries
from store.fetch.summary_tables import link_facts
from tests.support.dashboard_seed import RUN2_AT, build_seed


def _summaries(engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        return {
            table.name: sorted(
                tuple(row)
                for row in conn.execute(
                    sa.select(*(c for c in table.columns if c.name != "refreshed_at"))
                )
            )
            for table in SUMMARY_TABLES
        }


def test_packed_keys_and_plain_grouping_write_the_same_summaries(db_url, monkeypatch):
    build_seed(db_url)
    engine = open_engine(db_url, create=False)
    try:
        with engine.begin() as conn:
            refresh_summaries(conn, now=RUN2_AT)
        packed = _summaries(engine)
        assert packed["summary_records"] and packed["summary_pub_dates"]
        # Every key "too large" to pack: the passes group by the parts themselves.
        monkeypatch.setattr(summary_passes, "_PACKED_LIMIT", 1)
        with engine.begin() as conn:
            refresh_summaries(conn, now=RUN2_AT)
        assert _summaries(engine) == packed
    finally:
        engine.dispose()


def test_a_packed_key_reads_its_parts_back():
    links = link_facts.c
    parts = (("claim_no", links.claim_no, 7), ("seen_no", links.seen_no, 1000))
    grouping = summary_passes.packed(*parts)
    assert len(grouping.group_by) == 1
    engine = sa.create_engine("sqlite://")
    with engine.connect() as conn:
        link_facts.create(conn)
        rows = [(c, s) for c in (0, 3, 6) for s in (0, 1, 999)]
        conn.execute(
            link_facts.insert(),
            [
                {c.name: 0 for c in link_facts.columns} | {"claim_no": c, "seen_no": s}
                for c, s in rows
            ],
        )
        got = conn.execute(sa.select(*grouping.parts).group_by(*grouping.group_by)).all()
        assert sorted(map(tuple, got)) == sorted(rows)
    engine.dispose()
    wide = summary_passes.packed(("a", links.claim_no, 2**40), ("b", links.seen_no, 2**40))
    assert [str(term) for term in wide.group_by] == [
        str(links.claim_no),
        str(links.seen_no),
    ]


@pytest.mark.parametrize(
    "dates",
    [
        [(None, None, None), ("", None, None), (None, 0, None), (None, None, 0)],
        [("2020-01-02", 2020, 2021), ("2020-01-02", 2020, None), ("2020-01-02", None, 2021)],
    ],
)
def test_the_date_key_keeps_null_apart_from_every_value(db_url, dates):
    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            keys = [
                conn.execute(
                    sa.select(
                        summary_passes.date_key(
                            sa.literal(d, sa.String(10)),
                            sa.literal(py, sa.Integer),
                            sa.literal(ey, sa.Integer),
                        )
                    )
                ).scalar_one()
                for d, py, ey in dates
            ]
    finally:
        engine.dispose()
    assert len(set(keys)) == len(dates)
