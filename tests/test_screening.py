"""Screening decisions in the store (store/screening/decisions.py), on SQLite and PostgreSQL: the
append-only history, current decisions and outcomes, conflicts, agreement, counts, undo,
two reviewers writing at the same moment, and the claim page's direction and alerts.

Expected numbers are computed here from the seed (tests/support/dashboard_seed.py) and the
decisions each test makes, never by the SQL under test."""

from __future__ import annotations

import csv
import dataclasses
import threading

import pytest
import sqlalchemy as sa

from store.db import migrations
from store.db.connect import open_engine
from store.db.schema import metadata, screening_decisions
from store.evidence import counting as queries
from store.fetch import writes
from store.models import STUDY_DESIGNS
from store.screening import agreement, decisions, outcomes, queue
from store.screening.decisions import Decision, ScreeningError
from tests.support.dashboard_seed import RUN2_AT, build_seed
from tests.test_migrations import load_legacy


@pytest.fixture
def seed(db_url):
    return build_seed(db_url)


@pytest.fixture
def engine(seed):
    eng = open_engine(seed.url)
    yield eng
    eng.dispose()


def _recent(seed) -> list[int]:
    """The claim's live records PubMed has not retracted (a retracted one is in no count)."""
    return sorted(p for p in seed.live["recent-ketamine"] if not seed.records[p].retracted)


def _decide(engine, claim, pmid, reviewer, decision, **kw) -> int:
    return decisions.record_decision(engine, Decision(claim, pmid, reviewer, decision, **kw))


def _counts(engine, claim_id: str) -> dict:
    frame = outcomes.screening_counts(engine)
    whole = frame.set_index("claim_id").loc[claim_id].to_dict()
    one = outcomes.screening_counts(engine, claim_id=claim_id)
    assert len(one) == 1 and one.set_index("claim_id").loc[claim_id].to_dict() == whole
    return whole


def test_new_store_has_the_screening_tables_as_the_metadata_says(engine):
    inspector = sa.inspect(engine)
    for table in ("screening_decisions", "screening_reasons"):
        stored = {c["name"] for c in inspector.get_columns(table)}
        assert stored == {c.name for c in metadata.tables[table].columns}
    assert "ix_screening_claim_pmid" in {
        i["name"] for i in inspector.get_indexes("screening_decisions")
    }


@pytest.mark.empty_database  # loads a 0.1.0 store into db_url
def test_a_0_1_0_store_gains_screening_and_takes_decisions(db_url, tmp_path):
    url = load_legacy(db_url, tmp_path)
    engine = open_engine(url)  # upgrades to every head, 0005_screening among them
    with engine.connect() as conn:
        assert "0005_screening" in migrations.database_revisions(conn)
        assert (
            conn.execute(sa.select(sa.func.count()).select_from(screening_decisions)).scalar() == 0
        )
        assert decisions.reasons(conn) == list(decisions.DEFAULT_REASONS)
        claim_id, pmid = conn.execute(
            sa.text("SELECT claim_id, pmid FROM claim_articles ORDER BY claim_id, pmid LIMIT 1")
        ).one()
    decisions.record_decision(engine, Decision(claim_id, pmid, "Ann", "include", verdict="mixed"))
    counts = outcomes.screening_counts(engine).set_index("claim_id")
    assert (counts.loc[claim_id, "included"], counts.loc[claim_id, "mixed"]) == (1, 1)
    engine.dispose()


def test_decisions_are_appended_and_the_newest_per_reviewer_is_current(seed, engine):
    pmid = _recent(seed)[0]
    first = _decide(engine, "recent-ketamine", pmid, "Ann", "maybe", note="read full text")
    second = _decide(engine, "recent-ketamine", pmid, "Ann", "include", verdict="supports")
    assert second > first
    with engine.connect() as conn:
        rows = conn.execute(sa.select(screening_decisions).order_by("decision_id")).all()
        current = conn.execute(sa.select(decisions.current_rows())).all()
    assert [(r.decision, r.verdict, r.note, r.source) for r in rows] == [
        ("maybe", "", "read full text", "dashboard"),
        ("include", "supports", "", "dashboard"),
    ]
    assert [(r.reviewer, r.decision, r.verdict) for r in current] == [
        ("Ann", "include", "supports")
    ]
    counts = _counts(engine, "recent-ketamine")
    # the seed's retracted record is out of every screened number
    total = len([p for p in seed.live["recent-ketamine"] if not seed.records[p].retracted])
    assert counts == {
        "topic_id": "anaesthesia", "records": total, "screened": 1, "included": 1,
        "supports": 1, "contradicts": 0, "mixed": 0, "no_bearing": 0, "excluded": 0,
        "maybe": 0, "conflicts": 0, "unscreened": total - 1,
    }  # fmt: skip


REASONS_TEXT = ", ".join(decisions.DEFAULT_REASONS)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"decision": "keep"}, "decision 'keep' is not one of include, exclude, maybe"),
        (
            {"decision": "exclude", "verdict": "supports"},
            "a verdict needs decision include, not exclude",
        ),
        (
            {"decision": "exclude", "reason": "too long"},
            f"reason 'too long' is not one of {REASONS_TEXT}",
        ),
        ({"reviewer": "  "}, "reviewer is empty"),
        (
            {"verdict": "proves"},
            "verdict 'proves' is not one of supports, contradicts, mixed, no bearing",
        ),
    ],
)
def test_values_outside_the_lists_are_refused(seed, engine, fields, problem):
    base = Decision("recent-ketamine", _recent(seed)[0], "Ann", "include")
    decision = dataclasses.replace(base, **fields)
    with pytest.raises(ScreeningError) as err:
        decisions.record_decision(engine, decision)
    assert str(err.value) == problem
    with engine.connect() as conn:
        assert (
            conn.execute(sa.select(sa.func.count()).select_from(screening_decisions)).scalar_one()
            == 0
        )


def test_unknown_claim_and_unlinked_record_are_refused(seed, engine):
    animal_only = next(iter(set(seed.live["animal-ketamine"]) - set(seed.live["recent-ketamine"])))
    with pytest.raises(ScreeningError) as err:
        _decide(engine, "no-such-claim", animal_only, "Ann", "include")
    assert str(err.value) == "claim 'no-such-claim': no such claim in the database"
    with pytest.raises(ScreeningError) as err:
        _decide(engine, "recent-ketamine", animal_only, "Ann", "include")
    assert (
        str(err.value)
        == f"claim 'recent-ketamine', PMID {animal_only}: the record is not linked to it"
    )


def test_undo_appends_the_previous_decision_or_withdraws(seed, engine):
    a, b = _recent(seed)[:2]
    _decide(engine, "recent-ketamine", a, "Ann", "maybe")
    _decide(engine, "recent-ketamine", a, "Ann", "exclude", reason="wrong outcome")
    _decide(engine, "recent-ketamine", b, "Ann", "include", verdict="mixed")
    assert queue.progress(engine, "recent-ketamine", "Ann") == (
        2,
        len(seed.live["recent-ketamine"]),
    )

    undone = decisions.undo_last(engine, "recent-ketamine", "Ann")
    assert (undone["pmid"], undone["decision"]) == (b, "include")
    assert queue.progress(engine, "recent-ketamine", "Ann")[0] == 1
    assert b in set(queue.queue(engine, "recent-ketamine", "Ann", limit=100)["pmid"])

    undone = decisions.undo_last(engine, "recent-ketamine", "Ann")  # the withdrawal is not undone
    assert undone is None
    with engine.connect() as conn:
        history = conn.execute(
            sa.select(screening_decisions.c.pmid, screening_decisions.c.decision).order_by(
                "decision_id"
            )
        ).all()
    assert [tuple(h) for h in history] == [
        (a, "maybe"), (a, "exclude"), (b, "include"), (b, decisions.WITHDRAWN),
    ]  # fmt: skip

    # undo of a changed decision restores the one before it
    _decide(engine, "recent-ketamine", a, "Ann", "include", verdict="supports")
    decisions.undo_last(engine, "recent-ketamine", "Ann")
    last = queue.last_decision(engine, "recent-ketamine", "Ann")
    assert (last["pmid"], last["decision"], last["reason"]) == (a, "exclude", "wrong outcome")


def test_queue_skips_what_the_reviewer_decided_and_orders_by_design(seed, engine):
    pmids = _recent(seed)
    _decide(engine, "recent-ketamine", pmids[0], "Ann", "exclude", reason="other")
    newest = queue.queue(engine, "recent-ketamine", "Ann", limit=100)
    expected = sorted(  # the queue still offers a retracted record: it can be excluded
        (p for p in seed.live["recent-ketamine"] if p != pmids[0]),
        key=lambda p: (seed.records[p].entrez_date or "", p),
        reverse=True,
    )
    assert list(newest["pmid"]) == expected
    # Bo has not decided anything: his queue still holds the record
    assert pmids[0] in set(queue.queue(engine, "recent-ketamine", "Bo", limit=100)["pmid"])
    by_design = queue.queue(engine, "recent-ketamine", "Ann", order="design", limit=100)
    ranks = [STUDY_DESIGNS.index(d) for d in by_design["study_design"]]
    assert ranks == sorted(ranks) and len(set(ranks)) >= 2


def test_disagreement_is_a_conflict_until_agreed_or_resolved(seed, engine):
    a, b, c = _recent(seed)[:3]
    _decide(engine, "recent-ketamine", a, "Ann", "include", verdict="supports")
    _decide(engine, "recent-ketamine", a, "Bo", "exclude", reason="wrong population")
    _decide(engine, "recent-ketamine", b, "Ann", "include", verdict="supports")
    _decide(engine, "recent-ketamine", b, "Bo", "include", verdict="contradicts")
    _decide(engine, "recent-ketamine", c, "Ann", "exclude", reason="duplicate")
    _decide(engine, "recent-ketamine", c, "Bo", "exclude", reason="other")  # same decision

    listed = agreement.conflicts(engine, claim_id="recent-ketamine")
    assert sorted(set(listed["pmid"])) == sorted([a, b])
    assert list(listed[listed["pmid"] == a]["reviewer"]) == ["Ann", "Bo"]
    counts = _counts(engine, "recent-ketamine")
    assert (counts["conflicts"], counts["excluded"], counts["screened"]) == (2, 1, 3)

    # Bo changes his mind on a: agreed; Cy resolves b: resolved, whatever Ann and Bo said
    _decide(engine, "recent-ketamine", a, "Bo", "include", verdict="supports")
    decisions.record_decision(
        engine, Decision("recent-ketamine", b, "Cy", "include", verdict="mixed"), resolves=True
    )
    assert agreement.conflicts(engine, claim_id="recent-ketamine").empty
    counts = _counts(engine, "recent-ketamine")
    assert (counts["supports"], counts["mixed"], counts["conflicts"]) == (1, 1, 0)

    # a newer decision after the resolution reopens the conflict
    _decide(engine, "recent-ketamine", b, "Ann", "exclude", reason="other")
    assert sorted(set(agreement.conflicts(engine)["pmid"])) == [b]


def test_agreement_percent_and_kappa(seed, engine):
    """Two reviewers on ten records: 6 include/include, 2 exclude/exclude, 1 include/exclude,
    1 exclude/include. Observed 0.8; chance (7/10·7/10 + 3/10·3/10) = 0.58; kappa
    (0.8 − 0.58) / 0.42 = 0.524."""
    pmids = _recent(seed)[:10]
    pairs = [("include", "include")] * 6 + [("exclude", "exclude")] * 2
    pairs += [("include", "exclude"), ("exclude", "include")]
    for pmid, (ann, bo) in zip(pmids, pairs, strict=True):
        for reviewer, choice in (("Ann", ann), ("Bo", bo)):
            reason = "other" if choice == "exclude" else ""
            _decide(engine, "recent-ketamine", pmid, reviewer, choice, reason=reason)
    row = agreement.agreement(engine).set_index("claim_id").loc["recent-ketamine"]
    assert (row["pairs"], row["agreed"], row["percent"], row["kappa"]) == (10, 8, 80.0, 0.524)
    assert agreement.cohens_kappa({("include", "include"): 4}) is None


def test_agreement_counts_what_a_conflict_counts_and_pools_the_outline(seed, engine):
    """Ann and Bo both include a and b, but differ on b's verdict: b is a conflict, so it is
    not an agreement either (1 of 2). On the reviews claim they agree on one record; pooled
    over the outline that is 2 of 3 pairs, with one kappa for the whole table."""
    a, b = _recent(seed)[:2]
    for reviewer, verdict in (("Ann", "supports"), ("Bo", "contradicts")):
        _decide(engine, "recent-ketamine", a, reviewer, "include", verdict="supports")
        _decide(engine, "recent-ketamine", b, reviewer, "include", verdict=verdict)
    review = sorted(seed.live["ketamine-reviews"])[0]
    for reviewer in ("Ann", "Bo"):
        _decide(engine, "ketamine-reviews", review, reviewer, "exclude", reason="other")
    assert sorted(set(agreement.conflicts(engine)["pmid"])) == [b]
    per_claim = agreement.agreement(engine).set_index("claim_id")
    assert per_claim.loc["recent-ketamine", ["pairs", "agreed"]].tolist() == [2, 1]
    whole = agreement.review_agreement(engine)
    # answers: (inc|sup, inc|sup), (inc|sup, inc|con), (exc|, exc|); observed 2/3;
    # chance = (2/3)(1/3) [inc|sup] + 0 [inc|con only second] + (1/3)(1/3) [exc|] = 1/3
    assert whole == {"pairs": 3, "agreed": 2, "percent": 66.7, "kappa": 0.5, "claims": 2}
    assert agreement.AGREEMENT_BASIS == "decision and verdict"


def test_no_review_agreement_before_two_reviewers_screen_a_record(seed, engine):
    _decide(engine, "recent-ketamine", _recent(seed)[0], "Ann", "include")
    assert agreement.review_agreement(engine) is None


def test_two_reviewers_writing_at_the_same_moment_lose_nothing(seed, engine):
    pmids = _recent(seed)[:12]
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def work(reviewer: str, choice: str) -> None:
        own = open_engine(seed.url)
        try:
            start.wait()
            for pmid in pmids:
                decisions.record_decision(
                    own,
                    Decision(
                        "recent-ketamine",
                        pmid,
                        reviewer,
                        choice,
                        reason="other" if choice == "exclude" else "",
                    ),
                )
        except BaseException as exc:
            failures.append(exc)
        finally:
            own.dispose()

    threads = [
        threading.Thread(target=work, args=a) for a in (("Ann", "include"), ("Bo", "exclude"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    with engine.connect() as conn:
        stored = conn.execute(
            sa.select(screening_decisions.c.reviewer, sa.func.count()).group_by(
                screening_decisions.c.reviewer
            )
        ).all()
    assert dict(stored) == {"Ann": 12, "Bo": 12}
    assert _counts(engine, "recent-ketamine")["conflicts"] == 12


def test_a_record_that_stops_matching_keeps_its_decisions(seed, engine):
    pmids = _recent(seed)
    _decide(engine, "recent-ketamine", pmids[0], "Ann", "include", verdict="supports")
    with engine.begin() as conn:
        writes.link_claim(
            conn,
            "recent-ketamine",
            pmids[1:],
            run_id=seed.run_ids[1],
            now="2026-11-23T00:00:00Z",
            complete=True,
        )
    assert _counts(engine, "recent-ketamine")["included"] == 0
    with engine.begin() as conn:
        writes.link_claim(
            conn,
            "recent-ketamine",
            pmids,
            run_id=seed.run_ids[1],
            now="2026-11-24T00:00:00Z",
            complete=True,
        )
    assert _counts(engine, "recent-ketamine")["supports"] == 1


def test_direction_by_year_and_retraction_alert(seed, engine):
    # The seed marks some records retracted already (tests/support/dashboard_seed.py).
    pmids = [p for p in _recent(seed) if not seed.records[p].retracted]
    picks = {p: seed.records[p] for p in pmids[:4]}
    verdicts = ["supports", "supports", "contradicts", "mixed"]
    for (pmid, _), verdict in zip(picks.items(), verdicts, strict=True):
        _decide(engine, "recent-ketamine", pmid, "Ann", "include", verdict=verdict)
    frame = outcomes.direction_by_year(engine, "recent-ketamine")
    expected: dict[tuple, int] = {}
    for record, verdict in zip(picks.values(), verdicts, strict=True):
        if verdict in ("supports", "contradicts"):
            key = (record.pub_year, record.study_design, verdict)
            expected[key] = expected.get(key, 0) + 1
    got = {(r.year, r.study_design, r.verdict): r.records for r in frame.itertuples()}
    assert got == expected

    assert outcomes.retracted_inclusions(engine).empty
    retracted = dataclasses.replace(picks[pmids[0]], retracted=True)
    with engine.begin() as conn:  # a later fetch finds the record retracted
        writes.upsert_articles(conn, [retracted], fetched_at=RUN2_AT)
    alert = outcomes.retracted_inclusions(engine, claim_id="recent-ketamine")
    assert [(r.pmid, r.reviewers, r.claims) for r in alert.itertuples()] == [
        (pmids[0], "Ann", "recent-ketamine")
    ]


def test_reasons_come_from_the_outline(engine):
    with engine.begin() as conn:
        decisions.set_reasons(conn, ["off topic", "not human"])
    with engine.connect() as conn:
        assert decisions.reasons(conn) == ["off topic", "not human"]
    with engine.begin() as conn:
        decisions.set_reasons(conn, ())
    with engine.connect() as conn:
        assert decisions.reasons(conn) == list(decisions.DEFAULT_REASONS)


WRITER = """
import sys
from store.screening import decisions
from store.db.connect import open_engine
url, reviewer, choice, *pmids = sys.argv[1:]
engine = open_engine(url)
print("ready", flush=True)
assert sys.stdin.readline() == "go\\n"
for pmid in pmids:
    reason = "other" if choice == "exclude" else ""
    decisions.record_decision(
        engine, decisions.Decision("recent-ketamine", int(pmid), reviewer, choice, reason=reason)
    )
engine.dispose()
"""


def test_two_reviewer_processes_writing_at_once_lose_nothing(seed, engine):
    import subprocess
    import sys

    pmids = [str(p) for p in _recent(seed)[:15]]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, seed.url, reviewer, choice, *pmids],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for reviewer, choice in (("Ann", "include"), ("Bo", "maybe"))
    ]  # fmt: skip
    # Both processes have opened the store before either writes: each says "ready" and
    # waits for "go", which both get once both have said it.
    said = [p.stdout.readline() for p in procs]
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert said == ["ready\n", "ready\n"], errors
    assert [p.returncode for p in procs] == [0, 0], errors
    with engine.connect() as conn:
        stored = conn.execute(
            sa.select(screening_decisions.c.reviewer, screening_decisions.c.pmid)
        ).all()
    assert sorted(stored) == sorted((r, int(p)) for r in ("Ann", "Bo") for p in pmids)


def test_counts_are_the_same_from_the_summaries_and_from_the_links(seed, engine):
    from store.fetch import summaries

    pmids = _recent(seed)
    _decide(engine, "recent-ketamine", pmids[0], "Ann", "include", verdict="supports")
    _decide(engine, "recent-ketamine", pmids[1], "Ann", "exclude", reason="other")
    _decide(engine, "recent-ketamine", pmids[1], "Bo", "include")
    animal = sorted(seed.live["animal-ketamine"])[0]
    _decide(engine, "animal-ketamine", animal, "Ann", "maybe")
    live = outcomes.screening_counts(engine).sort_values("claim_id").reset_index(drop=True)
    with engine.begin() as conn:
        summaries.refresh_summaries(conn, now="2026-11-24T12:00:00Z")
        assert queries.summaries_current(conn)
    summed = outcomes.screening_counts(engine).sort_values("claim_id").reset_index(drop=True)
    assert summed.equals(live)
    by_claim = live.set_index("claim_id")
    assert set(by_claim.index) == set(seed.live)
    for claim_id, links in seed.live.items():
        kept = [p for p in links if not seed.records[p].retracted]
        assert by_claim.loc[claim_id, "records"] == len(kept)
    assert by_claim.loc["recent-ketamine", ["screened", "conflicts", "supports"]].tolist() == [
        2, 1, 1,
    ]  # fmt: skip
    assert by_claim.loc["animal-ketamine", ["maybe", "unscreened"]].tolist() == [
        1, by_claim.loc["animal-ketamine", "records"] - 1,
    ]  # fmt: skip


@pytest.mark.parametrize("all_records", [False, True])
def test_summary_export_screened_columns_add_up_to_its_records(seed, engine, all_records):
    """A screened retracted record is not evidence: the summary export's screened and
    unscreened columns count the same records as its `records` column, with or without
    --all-records, so unscreened is never negative."""
    import io

    from store.export.options import ExportOptions
    from store.export.run import run_export

    retracted = next(p for p, r in seed.records.items() if r.retracted)
    evidence = sorted(p for p in seed.live["recent-ketamine"] if not seed.records[p].retracted)
    for pmid in (retracted, *evidence[:3]):
        decisions.record_decision(
            engine, Decision("recent-ketamine", pmid, "Ann", "include", verdict="supports")
        )
    out = io.StringIO()
    options = ExportOptions(
        "summary", bom=False, claim_ids=("recent-ketamine",), all_records=all_records
    )
    run_export(options, out, db=seed.url)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    screened = sum(int(r["screened"]) for r in rows)
    assert screened == (4 if all_records else 3)
    for row in rows:
        assert int(row["unscreened"]) == int(row["records"]) - int(row["screened"]) >= 0


def test_the_evidence_map_sizes_and_colours_screened_claims_by_their_verdicts(seed, engine):
    """store.read.evidence_map: a claim with included records is sized by them and coloured by
    their verdicts per design; a claim without any keeps its retrieved counts, uncoloured."""
    from store.read import evidence_map

    before = evidence_map.evidence_map(engine)
    pmids = [p for p in _recent(seed) if not seed.records[p].retracted]
    design = seed.records[pmids[0]].study_design
    same = [p for p in pmids if seed.records[p].study_design == design][:2]
    other = next(p for p in pmids if seed.records[p].study_design != design)
    _decide(engine, "recent-ketamine", same[0], "Ann", "include", verdict="supports")
    _decide(engine, "recent-ketamine", same[1], "Ann", "include", verdict="contradicts")
    _decide(engine, "recent-ketamine", other, "Ann", "include", verdict="supports")
    _decide(engine, "recent-ketamine", pmids[-1], "Ann", "exclude", reason="wrong population")
    grid = evidence_map.evidence_map(engine)
    cells = grid[grid["claim_id"] == "recent-ketamine"].set_index("design")
    assert cells["screened"].all()
    assert cells.loc[design, "records"] == 2 and cells.loc[design, "direction"] == "mixed"
    other_design = seed.records[other].study_design
    assert cells.loc[other_design, "records"] == 1
    assert cells.loc[other_design, "direction"] == "supports"
    assert int(cells["records"].sum()) == 3 and cells["row_max"].iloc[0] == 2
    untouched = grid[grid["claim_id"] != "recent-ketamine"].reset_index(drop=True)
    kept = before[before["claim_id"] != "recent-ketamine"].reset_index(drop=True)
    assert list(untouched["records"]) == list(kept["records"])
    assert set(untouched["direction"]) == {evidence_map.NO_VERDICTS}


def test_cell_direction():
    from store.read.evidence_map import NO_VERDICTS, cell_direction

    assert cell_direction(None) == cell_direction({}) == NO_VERDICTS
    assert cell_direction({"supports": 0, "contradicts": 0, "mixed": 0}) == NO_VERDICTS
    assert cell_direction({"supports": 2}) == "supports"
    assert cell_direction({"contradicts": 1}) == "contradicts"
    assert cell_direction({"supports": 1, "contradicts": 1}) == "mixed"
    assert cell_direction({"supports": 3, "mixed": 1}) == "mixed"
