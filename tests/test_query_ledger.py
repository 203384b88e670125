"""The query ledger: every version of a claim's query, what an edit gained and lost, on both
backends; filled from claims + claim_counts when a 0.1.0 store is upgraded."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from fetchers.cli import cli
from store.db.connect import open_engine
from store.fetch.ledger import query_history
from tests.test_migrations import load_legacy

A = "ketamine[tiab] AND anesthesia[tiab]"
B = "ketamine[tiab] AND pain[tiab]"


def write_outline(path: Path, query: str) -> Path:
    path.write_text(
        textwrap.dedent(
            f"""\
            title: T
            source: s
            subject: ketamine
            topics:
              - id: t
                title: T
                claims:
                  - id: edited
                    claim: c
                    query: '{query}'
            """
        ),
        encoding="utf-8",
    )
    return path


def fetch(runner, db_url: str, outline: Path):
    result = runner.invoke(
        cli, ["fetch", "--db", db_url, "--outline", str(outline), "--no-year-counts"]
    )
    assert result.exit_code == 0, result.output
    return result


def test_an_edit_records_what_it_gained_and_lost(db_url, emulator_env, runner, tmp_path):
    emulator_env.rate_limit_enabled = False
    outline = write_outline(tmp_path / "o.yaml", A)
    fetch(runner, db_url, outline)
    fetch(runner, db_url, outline)  # same text: still version 1, one more run
    write_outline(outline, B)
    fetch(runner, db_url, outline)
    old, new = set(emulator_env.search_ids(A)), set(emulator_env.search_ids(B))
    assert old - new and new - old  # the edit both gains and loses records

    result = runner.invoke(cli, ["outline", "history", "edited", "--db", db_url, "--json"])
    assert result.exit_code == 0, result.output
    v1, v2 = json.loads(result.output)
    assert set(v1) == {"version", "query", "first_run", "last_run", "gained", "lost"}
    assert (v1["version"], v1["query"], v1["gained"], v1["lost"]) == (1, A, None, None)
    assert v1["first_run"] <= v1["last_run"]
    assert (v2["version"], v2["query"]) == (2, B)
    assert v2["gained"] == sorted(new - old)
    assert v2["lost"] == sorted(old - new)
    assert v2["first_run"] == v2["last_run"] >= v1["last_run"]

    fetch(runner, db_url, outline)  # a later run of v2 moves last_run, keeps the comparison
    engine = open_engine(db_url)
    first, later = query_history(engine, "edited")
    engine.dispose()
    assert (first.first_run_id, first.last_run_id) == (1, 2)
    assert (later.first_run_id, later.last_run_id) == (3, 4)
    assert later.first_run == v2["first_run"] <= later.last_run
    assert (later.gained, later.lost, later.compared_with) == (v2["gained"], v2["lost"], 1)

    text = runner.invoke(cli, ["outline", "history", "edited", "--db", db_url]).output
    assert f"  query: {B}\n" in text
    assert f"  vs version 1: gained {len(new - old)}, lost {len(old - new)}\n" in text
    assert "  gained: " + " ".join(map(str, sorted(new - old))) + "\n" in text


def test_history_of_an_unknown_claim(db_url, runner):
    result = runner.invoke(cli, ["outline", "history", "nope", "--db", db_url])
    assert result.exit_code == 1
    assert result.output == (
        "Error: claim 'nope': not in the store (run 'littrack fetch' first, or check the id)\n"
    )


@pytest.mark.empty_database  # loads a 0.1.0 store into db_url
def test_upgrading_a_0_1_0_store_fills_the_ledger(db_url, tmp_path, runner):
    url = load_legacy(db_url, tmp_path)
    engine = open_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT q.claim_id, q.version, q.query = c.query, q.first_run_id, q.last_run_id, "
                "q.first_run_at, q.last_run_at, q.gained FROM query_versions q "
                "JOIN claims c ON c.claim_id = q.claim_id ORDER BY q.claim_id"
            )
        ).all()
        counted = dict(
            conn.execute(
                sa.text(
                    "SELECT claim_id, min(counted_at) || ' ' || max(counted_at) "
                    "FROM claim_counts GROUP BY claim_id"
                )
            ).all()
        )
    engine.dispose()
    assert [r[0] for r in rows] == [
        "ketamine-animal-studies",
        "ketamine-any",
        "ketamine-depression",
        "ketamine-nothing",
    ]
    for row in rows:
        first, last = counted[row[0]].split()
        assert tuple(row[1:]) == (1, True, 1, 2, first, last, None)
    shown = json.loads(
        runner.invoke(cli, ["outline", "history", "ketamine-any", "--db", url, "--json"]).output
    )
    first, last = counted["ketamine-any"].split()
    assert shown == [
        {
            "version": 1,
            "query": "ketamine[mh] OR ketamine[tiab]",
            "first_run": first,
            "last_run": last,
            "gained": None,
            "lost": None,
        }
    ]


def test_claim_page_shows_the_versions_and_what_each_edit_changed(monkeypatch, sqlite_url):
    from streamlit.testing.v1 import AppTest

    from store.db.schema import claims, query_versions
    from tests.support.dashboard_seed import build_seed

    build_seed(sqlite_url)
    engine = open_engine(sqlite_url)
    with engine.begin() as conn:
        claim_id, topic_id = conn.execute(
            sa.select(claims.c.claim_id, claims.c.topic_id).order_by(claims.c.claim_id).limit(1)
        ).one()
        conn.execute(query_versions.delete().where(query_versions.c.claim_id == claim_id))
        conn.execute(
            query_versions.insert(),
            [
                dict(claim_id=claim_id, version=1, query=A, recorded_at="2026-01-01T00:00:00Z",
                     first_run_at="2026-01-01T00:00:00Z", last_run_at="2026-01-02T00:00:00Z",
                     compared_with=None, gained=None, lost=None),
                dict(claim_id=claim_id, version=2, query=B, recorded_at="2026-01-03T00:00:00Z",
                     first_run_at="2026-01-03T00:00:00Z", last_run_at="2026-01-03T00:00:00Z",
                     compared_with=1, gained=[11, 12], lost=[]),
            ],
        )  # fmt: skip
    engine.dispose()
    monkeypatch.setenv("LITTRACK_DB", sqlite_url)
    app = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
    at = AppTest.from_file(str(app), default_timeout=60).run()
    at.switch_page("views/claim.py").run()
    at.selectbox(key="claim.topic").select(topic_id).run()
    at.selectbox(key="claim.claim").select(claim_id).run()
    assert not at.exception, at.exception
    [table] = [d.value for d in at.dataframe if "gained" in d.value.columns]
    assert table.to_dict("records") == [
        {"version": 1, "query": A, "first_run": "2026-01-01T00:00:00Z",
         "last_run": "2026-01-02T00:00:00Z", "gained": "", "lost": ""},
        {"version": 2, "query": B, "first_run": "2026-01-03T00:00:00Z",
         "last_run": "2026-01-03T00:00:00Z", "gained": "11 12", "lost": "none"},
    ]  # fmt: skip
