"""Priority screening against the store, on SQLite and PostgreSQL
(store/screening/ranking.py, queue.py's ranked orders, the exports): the claim's history as
the model and the stopping rule see it, the queue in priority, cold-start and random order,
new records joining the ranked queue, the what's-left figures, `export screening --order
priority` and the summary's estimated relevant records.

The seed is tests/support/dashboard_seed.py; expected figures are computed here from the
decisions each test makes and the pure modules, never read back from the SQL under test."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from fetchers.cli.main import cli
from store.db.connect import open_engine
from store.db.schema import articles
from store.fetch import writes
from store.models import STUDY_DESIGNS
from store.screening import decisions, priority, queue, ranking, stopping
from store.screening.decisions import Decision
from tests.support.dashboard_seed import RUN2_AT, build_seed

CLAIM = "recent-ketamine"


@pytest.fixture
def seed(db_url):
    return build_seed(db_url)


@pytest.fixture
def engine(seed):
    eng = open_engine(seed.url)
    yield eng
    eng.dispose()


def _decide(engine, pmid, reviewer, decision, claim=CLAIM) -> None:
    decisions.record_decision(engine, Decision(claim, pmid, reviewer, decision))


def _live(seed, claim=CLAIM) -> list[int]:
    return sorted(seed.live[claim])


def test_history_is_first_decided_first_with_relevance_and_training_labels(seed, engine):
    p = _live(seed)
    _decide(engine, p[3], "Ann", "exclude")
    _decide(engine, p[1], "Ann", "maybe")
    _decide(engine, p[2], "Ann", "exclude")
    _decide(engine, p[3], "Bob", "include")  # Bob includes what Ann excluded: relevant
    _decide(engine, p[4], "Ann", "include")
    decisions.undo_last(engine, CLAIM, "Ann")  # p[4] unscreened again
    past = ranking.history(engine, CLAIM)
    assert past.pmids == (p[3], p[1], p[2])
    assert past.relevant == (1, 1, 0)
    assert past.train == (1, None, 0)
    assert past.training() == ([p[3], p[2]], [1, 0])


def test_cold_start_is_design_level_then_newest_until_there_is_an_include_and_an_exclude(
    seed, engine
):
    texts = ranking.claim_texts(engine, CLAIM)
    assert sorted(texts.pmids) == _live(seed)
    rank = {d: i for i, d in enumerate(STUDY_DESIGNS)}
    designs = [rank.get(seed.records[p].study_design, len(rank)) for p in texts.cold]
    assert designs == sorted(designs)
    first = texts.cold[0]
    _decide(engine, first, "Ann", "exclude")
    past = ranking.history(engine, CLAIM)
    assert ranking.ranked(texts, past) == list(texts.cold)  # one class only: still cold
    pending = queue.queue(engine, CLAIM, "Ann", order="priority", limit=3)
    assert list(pending["pmid"]) == [p for p in texts.cold if p != first][:3]


def test_priority_queue_follows_the_model_and_keeps_every_undecided_record(seed, engine):
    live = _live(seed)
    include, exclude = live[0], live[-1]
    _decide(engine, include, "Ann", "include")
    _decide(engine, exclude, "Ann", "exclude")
    _decide(engine, live[5], "Bob", "exclude")  # Bob's decision trains Ann's order too
    texts = ranking.claim_texts(engine, CLAIM)
    row = {p: i for i, p in enumerate(texts.pmids)}
    scores = priority.fit_scores(
        texts.matrix, [row[include], row[exclude], row[live[5]]], [1, 0, 0]
    )
    expected = [texts.pmids[i] for i in priority.order(scores, [row[p] for p in texts.cold])]
    pending = queue.queue(engine, CLAIM, "Ann", order="priority", limit=10_000)
    undecided = [p for p in expected if p not in (include, exclude, live[5])]
    assert list(pending["pmid"]) == [*undecided, live[5]]  # Bob's decision: a second look
    assert len(pending) == len(live) - 2  # it orders; it never leaves a record out
    ann = queue.queue(engine, CLAIM, "Ann", order="priority", limit=1)
    assert list(ann.columns) == list(
        queue.queue(engine, CLAIM, "Ann", order="newest", limit=1).columns
    )


def test_random_audit_order_is_fixed_per_claim_and_the_same_for_every_reviewer(seed, engine):
    texts = ranking.claim_texts(engine, CLAIM)
    order = ranking.ranked(texts, ranking.history(engine, CLAIM), "random")
    assert sorted(order) == _live(seed) and order != _live(seed)
    _decide(engine, order[0], "Ann", "include")
    ann = list(queue.queue(engine, CLAIM, "Ann", order="random", limit=4)["pmid"])
    bob = list(queue.queue(engine, CLAIM, "Bob", order="random", limit=40)["pmid"])
    assert ann == order[1:5] and bob == [*order[1:], order[0]]


def test_new_records_from_a_fetch_join_the_ranked_queue(seed, engine):
    claim = "animal-ketamine"
    animals = _live(seed, claim)
    _decide(engine, animals[0], "Ann", "include", claim)
    _decide(engine, animals[1], "Ann", "exclude", claim)
    newcomer = next(p for p in sorted(seed.records) if p not in animals)
    with engine.begin() as conn:
        run = writes.start_run(
            conn, now=RUN2_AT, mode="incremental", outline_path="tests", claims_total=1
        )
        writes.link_claim(conn, claim, [*animals, newcomer], run_id=run, now=RUN2_AT, complete=True)
    pending = queue.queue(engine, claim, "Ann", order="priority", limit=10_000)
    assert newcomer in set(pending["pmid"])
    assert len(pending) == len(animals) + 1 - 2


def test_status_counts_and_the_rule_match_the_pure_modules(seed, engine):
    # a retracted record is neither found nor still to find: the figures leave it out
    live = [p for p in _live(seed) if not seed.records[p].retracted]
    for i, pmid in enumerate(live[:12]):
        _decide(engine, pmid, "Ann", "include" if i in (0, 4) else "exclude")
    _decide(engine, live[12], "Bob", "maybe")
    status = ranking.claim_status(engine, CLAIM)
    seq = [1, 0, 0, 0, 1] + [0] * 7 + [1]
    assert (status.records, status.screened, status.relevant_found, status.includes) == (
        len(live), 13, 3, 2
    )  # fmt: skip
    assert status.stop == stopping.stop_test(seq, len(live))
    assert status.remaining == stopping.remaining(seq, len(live))
    assert status.estimated_relevant == stopping.estimated_relevant(seq, len(live))
    assert status.model_ready
    assert ranking.estimated_relevant(engine) == {CLAIM: status.estimated_relevant}


def _screen_some(seed, engine) -> list[int]:
    live = _live(seed)
    _decide(engine, live[0], "Ann", "include")
    _decide(engine, live[1], "Ann", "exclude")
    return live


def test_export_screening_in_priority_order(seed, engine, runner, tmp_path):
    _screen_some(seed, engine)
    out = tmp_path / "sheet.csv"
    result = runner.invoke(
        cli, ["export", "screening", "--claim", CLAIM, "--order", "priority", "--out", str(out),
              "--db", seed.url],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    texts = ranking.claim_texts(engine, CLAIM)
    assert [int(r["pmid"]) for r in rows] == ranking.ranked(texts, ranking.history(engine, CLAIM))
    notes = (tmp_path / "sheet.csv.notes.txt").read_text(encoding="utf-8")
    assert "priority" in notes


def test_order_applies_only_to_the_screening_sheet(seed, runner, tmp_path):
    result = runner.invoke(
        cli, ["export", "summary", "--order", "priority", "--out", str(tmp_path / "s.csv"),
              "--db", seed.url],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "Error: --order applies only to `export screening`" in result.output


def test_summary_export_shows_estimated_relevant_records_for_screened_claims(
    seed, engine, runner, tmp_path
):
    _screen_some(seed, engine)
    out = tmp_path / "summary.csv"
    result = runner.invoke(cli, ["export", "summary", "--out", str(out), "--db", seed.url])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    estimate = ranking.claim_status(engine, CLAIM).estimated_relevant
    for row in rows:
        got = (row["estimated_relevant"], row["estimated_relevant_low"],
               row["estimated_relevant_high"])  # fmt: skip
        assert got == (tuple(str(v) for v in estimate) if row["claim_id"] == CLAIM else ("",) * 3)
    assert any(r["claim_id"] == CLAIM for r in rows)


def test_terms_come_from_mesh_and_keywords(seed, engine):
    with engine.connect() as conn:
        pmid, mesh = conn.execute(
            sa.select(articles.c.pmid, articles.c.mesh).where(articles.c.pmid.in_(_live(seed)))
        ).first()
    record = seed.records[int(pmid)]
    terms = ranking._terms(mesh, list(record.keywords))
    assert [h.descriptor for h in record.mesh] == list(terms[: len(record.mesh)])
