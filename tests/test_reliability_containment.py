"""Containment by scope, not by exception class (round-2 review H1): whatever one record
raises while it is read costs that record alone, an exception no validator foresaw included.

The fault is planted where no input can reach today (every known value is validated before
it is read): the abstract reader raises OverflowError for record 2 only, as 0.2.0's year
reader did for a Year of 2^63. 0.2.0 caught RecordError alone, so this ended the night."""

from __future__ import annotations

import pytest

from fetchers.job.run import run_fetch
from fetchers.pubmed import records
from store.db.connect import open_engine
from store.db.schema import articles, skipped_records
from tests.hostile.night import Script, client_for, linked, outline_of, rows
from tests.hostile.server import HostileServer, article_xml


@pytest.fixture
def engine(db_url):
    engine = open_engine(db_url)
    yield engine
    engine.dispose()


def test_an_unforeseen_exception_in_one_record_costs_that_record_alone(engine, monkeypatch):
    read_abstract = records.abstract_text

    def planted(element):
        text = read_abstract(element)
        if text == "planted fault":
            raise OverflowError("Python int too large to convert to C long")
        return text

    monkeypatch.setattr(records, "abstract_text", planted)
    script = Script(
        searches={"q1": (3, [1, 2, 3]), "q2": (2, [4, 5])},
        records={n: article_xml(n) for n in (1, 3, 4, 5)}
        | {2: article_xml(2, abstract="planted fault")},
    )
    with HostileServer(script) as server:
        summary = run_fetch(
            engine, outline_of("q1", "q2"), client_for(server, max_tries=2), year_counts=False
        )
    assert sorted(r.pmid for r in rows(engine, articles)) == [1, 3, 4, 5]
    assert linked(engine, "c1") == {1, 3} and linked(engine, "c2") == {4, 5}
    (skipped,) = rows(engine, skipped_records)
    assert (skipped.pmid, skipped.reason) == (
        2,
        "unreadable record: OverflowError: Python int too large to convert to C long",
    )
    assert [(c.claim_id, c.status) for c in summary.claims] == [
        ("c1", "incomplete"),
        ("c2", "ok"),
    ]
