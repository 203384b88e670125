"""What changed since a date (store/read/changes.py, `littrack report changes`) on SQLite and
PostgreSQL. The seed's runs are on 2026-10-10 and 2026-11-22; decisions are made now and
the first batch is then dated back to October (decisions are append-only, the outcome
"before" comes from the ones made before --since); a query edit and two retractions (one
before, one after --since) are written directly. Expected numbers come from the seed."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from fetchers.cli.main import cli
from store.db.connect import open_engine
from store.db.schema import articles, query_versions, screening_decisions
from store.screening import decisions
from store.screening.decisions import Decision
from tests.support.dashboard_seed import RUN1_AT, build_seed

SINCE = "2026-11-01"
BEFORE = "2026-10-15T09:00:00Z"


@pytest.fixture
def living(db_url):
    seed = build_seed(db_url)
    recs = seed.records
    recent = sorted(seed.live["recent-ketamine"])
    ev = [p for p in recent if recs[p].study_design != "non-evidence" and not recs[p].retracted]
    engine = open_engine(seed.url)
    c = "recent-ketamine"

    def decide(pmid, reviewer, decision, **kw):
        decisions.record_decision(engine, Decision(c, pmid, reviewer, decision, **kw))

    # October: ev0 included (supports), ev1 excluded, ev2 included (mixed), ev3 included
    decide(ev[0], "Ann", "include", verdict="supports")
    decide(ev[1], "Ann", "exclude", reason="wrong outcome")
    decide(ev[2], "Ann", "include", verdict="mixed")
    decide(ev[3], "Ann", "include", verdict="supports")
    with engine.begin() as conn:
        conn.execute(screening_decisions.update().values(decided_at=BEFORE))
    # November: ev1 re-included (contradicts), ev2 now excluded, ev4 new include, ev5 new
    # exclude, ev0 confirmed by a second reviewer (not newly anything)
    decide(ev[1], "Ann", "include", verdict="contradicts")
    decide(ev[2], "Ann", "exclude", reason="other")
    decide(ev[4], "Ann", "include", verdict="supports")
    decide(ev[5], "Ann", "exclude", reason="duplicate")
    decide(ev[0], "Bo", "include", verdict="supports")
    with engine.begin() as conn:
        conn.execute(
            query_versions.insert(),
            [
                dict(claim_id="ketamine-reviews", version=2, query="ketamine[tiab] AND review[pt]",
                     recorded_at="2026-11-20T03:00:00Z", gained=[1, 2, 3], lost=[4]),
                dict(claim_id="recent-ketamine", version=2, query="old edit",
                     recorded_at=RUN1_AT, gained=None, lost=None),
            ],
        )  # fmt: skip
        # ev3 (included since October) retracted in November, ev0 retracted in September
        for pmid, when in ((ev[3], "2026-11-05T00:00:00Z"), (ev[0], "2026-09-01T00:00:00Z")):
            conn.execute(
                articles.update()
                .where(articles.c.pmid == pmid)
                .values(retracted=True, flagged_at=when)
            )
    engine.dispose()
    return seed, ev


def _rows(runner, url, tmp_path, *extra) -> list[dict]:
    out = tmp_path / "changes.csv"
    args = ["report", "changes", "--since", SINCE, *extra, "--db", url, "--out", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))


def test_per_claim_changes_since_a_date(living, runner, tmp_path):
    seed, ev = living
    rows = {r["claim_id"]: r for r in _rows(runner, seed.url, tmp_path)}
    assert list(rows) == ["recent-ketamine", "ketamine-reviews", "animal-ketamine"]
    recs = seed.records
    for claim_id, links in seed.live.items():
        new = [p for p, first_seen in links.items() if first_seen >= SINCE]
        assert int(rows[claim_id]["new_records"]) == len(new), claim_id
        evidence = [p for p in new if recs[p].study_design != "non-evidence"]
        evidence = [p for p in evidence if not recs[p].retracted and p not in (ev[0], ev[3])]
        assert int(rows[claim_id]["new_evidence"]) == len(evidence), claim_id
    recent = rows["recent-ketamine"]
    assert recent["since"] == SINCE
    # ev3 and ev0 are retracted now, so no longer evidence: ev1 and ev4 are newly included,
    # ev2 and ev5 newly excluded
    assert (recent["newly_included"], recent["newly_excluded"]) == ("2", "2")
    # before: ev2 (mixed) counted; ev0 and ev3 are retracted now and leave both counts
    assert (recent["supports_before"], recent["mixed_before"], recent["contradicts_before"]) == (
        "0", "1", "0",
    )  # fmt: skip
    assert (recent["supports_now"], recent["mixed_now"], recent["contradicts_now"]) == (
        "1", "0", "1",
    )  # fmt: skip
    assert recent["query_edits"] == "0"  # its edit was recorded before --since
    assert recent["retracted_included"] == str(ev[3])  # ev0's retraction predates --since
    reviews = rows["ketamine-reviews"]
    assert reviews["query_edits"] == "1" and reviews["newly_included"] == "0"
    assert rows["animal-ketamine"]["new_records"] == "0"


def test_markdown_lists_what_changed(living, runner, tmp_path):
    seed, ev = living
    out = tmp_path / "changes.md"
    result = runner.invoke(
        cli, ["report", "changes", "--since", SINCE, "--db", seed.url, "--out", str(out)]
    )
    assert result.output == f"report changes claims_changed=2 file={out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"# Changes since {SINCE}\n")
    assert "2 of 3 claims changed" in text
    assert "| recent-ketamine | 5 (5) | 2 | 2 | 1 → 2 | 0 | 1 |" in text
    assert "Query edited to version 2 on 2026-11-20: gained 3, lost 1 records." in text
    assert f"- Retracted and included: PMID {ev[3]}, " in text
    assert "## animal-ketamine" not in text  # unchanged claims get no section


def test_only_the_claims_asked_for(living, runner, tmp_path):
    seed, _ = living
    rows = _rows(runner, seed.url, tmp_path, "--claim", "ketamine-reviews")
    assert [r["claim_id"] for r in rows] == ["ketamine-reviews"]


def test_a_duration_is_counted_back_from_now(living, runner, tmp_path):
    """--since 3650d reaches before every run: every live record is new."""
    seed, _ = living
    rows = {r["claim_id"]: r for r in _rows(runner, seed.url, tmp_path)}
    assert rows  # the date form; now the duration form over the same store
    out = tmp_path / "all.csv"
    result = runner.invoke(
        cli, ["report", "changes", "--since", "3650d", "--db", seed.url, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    again = {
        r["claim_id"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))
    }
    for claim_id, links in seed.live.items():
        assert int(again[claim_id]["new_records"]) == len(links)
    engine = open_engine(seed.url)
    try:
        with engine.connect() as conn:
            n = conn.execute(sa.select(sa.func.count()).select_from(screening_decisions)).scalar()
    finally:
        engine.dispose()
    assert n == 9  # reading changed nothing
