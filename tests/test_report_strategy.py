"""The search strategy report (store/read/search_strategy.py, `littrack report
search-strategy`) on SQLite and PostgreSQL: the query as sent, every ledger version with its
first and last run, PubMed's Count at the last successful search, the scope limit and the
translation of the current version only; then on the store the real fetch path filled, where
each claim's query is the outline's, subject block expanded."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa

from fetchers.cli.main import cli
from store.db.connect import open_engine
from store.db.schema import claim_counts, claims, query_versions
from store.export.prisma_svg import littrack_version
from tests.support.dashboard_seed import OUTLINE, RUN1_AT, RUN2_AT, build_seed

OLD_QUERY = "ketamine[tiab]"
NEW_TRANSLATION = '"ketamine"[MeSH Terms] OR "ketamine"[All Fields]'


@pytest.fixture
def edited(db_url):
    """The seed with recent-ketamine's query edited once: version 1 (OLD_QUERY) ran on
    run 1, version 2 (the current query) on run 2, each run with PubMed's translation;
    animal-ketamine scoped to humans."""
    seed = build_seed(db_url)
    run1, run2 = seed.run_ids
    current = next(c.query for c in OUTLINE.claims if c.claim_id == "recent-ketamine")
    engine = open_engine(seed.url)
    with engine.begin() as conn:
        conn.execute(
            claims.update().where(claims.c.claim_id == "recent-ketamine").values(query_version=2)
        )
        conn.execute(
            claims.update().where(claims.c.claim_id == "animal-ketamine").values(scope="humans")
        )
        conn.execute(query_versions.delete())
        conn.execute(
            query_versions.insert(),
            [
                dict(claim_id="recent-ketamine", version=1, query=OLD_QUERY, recorded_at=RUN1_AT,
                     first_run_id=run1, first_run_at="2026-09-01T03:00:00Z",
                     last_run_id=run1, last_run_at=RUN1_AT),
                dict(claim_id="recent-ketamine", version=2, query=current, recorded_at=RUN2_AT,
                     first_run_id=run2, first_run_at=RUN2_AT, last_run_id=run2,
                     last_run_at=RUN2_AT, compared_with=1, gained=[1, 2], lost=[]),
            ],
        )  # fmt: skip
        cc = claim_counts.c
        for run_id, version, text in ((run1, 1, "old translation"), (run2, 2, NEW_TRANSLATION)):
            conn.execute(
                claim_counts.update()
                .where(cc.run_id == run_id, cc.claim_id == "recent-ketamine")
                .values(query_version=version, query_translation=text)
            )
    engine.dispose()
    return seed, current


def _run(runner, url, out, *extra):
    result = runner.invoke(
        cli, ["report", "search-strategy", *extra, "--db", url, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_markdown_is_a_methods_appendix(edited, runner, tmp_path):
    seed, current = edited
    out = tmp_path / "strategy.md"
    assert _run(runner, seed.url, out) == f"report search-strategy claims=3 file={out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Search strategy\n")
    assert f"Made by littrack {littrack_version()} on " in text
    assert "- Item 14, peer review: whether the search strategies were peer reviewed" in text
    sections = text.split("\n## ")[1:]
    assert [s.splitlines()[0] for s in sections] == [
        "recent-ketamine", "ketamine-reviews", "animal-ketamine",
    ]  # fmt: skip
    recent, _, animal = sections
    assert f"Query as sent:\n\n```text\n{current}\n```" in recent
    assert (
        f"PubMed's translation of the query (2026-11-22):\n\n```text\n{NEW_TRANSLATION}\n```"
        in (recent)
    )
    assert "old translation" not in text  # a superseded version's translation is not this query's
    assert "Records retrieved by the last search: 45 (PubMed's Count, 2026-11-22)" in recent
    assert f"| 1 | 2026-09-01 | 2026-10-10 | `{OLD_QUERY}` |" in recent
    assert "| 2 | 2026-11-22 | 2026-11-22 | current (above) |" in recent
    # the last successful Count: run 2 failed for animal-ketamine
    assert "Records retrieved by the last search: 12 (PubMed's Count, 2026-10-10)" in animal
    assert "Scope: humans; left out: records indexed as animals-only" in animal
    assert "Query history: not recorded" in animal


def test_csv_has_a_row_per_claim_and_query_version(edited, runner, tmp_path):
    seed, current = edited
    out = tmp_path / "strategy.csv"
    _run(runner, seed.url, out, "--claim", "animal-ketamine", "--claim", "recent-ketamine")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(r["claim_id"], r["query_version"], r["current"]) for r in rows] == [
        ("animal-ketamine", "1", "true"),
        ("recent-ketamine", "1", "false"),
        ("recent-ketamine", "2", "true"),
    ]
    old, new = rows[1], rows[2]
    assert old["query"] == OLD_QUERY and new["query"] == current
    assert (old["pubmed_count"], old["query_translation"]) == ("", "")
    assert (new["pubmed_count"], new["query_translation"]) == ("45", NEW_TRANSLATION)
    assert (new["first_run"], old["last_run"]) == (RUN2_AT, RUN1_AT)
    assert {r["database"] for r in rows} == {
        "PubMed (NCBI), searched through the E-utilities esearch service"
    }
    assert rows[0]["scope"] == "humans" and "not retracted" in rows[0]["evidence_limit"]


def test_the_fetched_store_reports_each_claims_query_as_sent(fetched_db_url, runner, tmp_path):
    """On the store the fetch job filled: the outline's queries with the subject block
    expanded, each with the ledger's first run."""
    from fetchers.outline.load import load_outline
    from tests.support.fixtures_fetched import fetched_outline_path

    outline = load_outline(fetched_outline_path())
    out = tmp_path / "strategy.csv"
    _run(runner, fetched_db_url, out)
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    current = {r["claim_id"]: r for r in rows if r["current"] == "true"}
    assert set(current) == {c.claim_id for c in outline.claims}
    for claim in outline.claims:
        row = current[claim.claim_id]
        assert row["query"] == claim.query
        assert row["first_run"][:4] == row["last_run"][:4] != ""
    subject_claims = [c.claim_id for c in outline.claims if not c.context]
    assert outline.subject_query and subject_claims
    assert all(outline.subject_query in current[c]["query"] for c in subject_claims)
    engine = open_engine(fetched_db_url)
    try:
        with engine.connect() as conn:
            counted = dict(
                conn.execute(
                    sa.select(claim_counts.c.claim_id, sa.func.max(claim_counts.c.run_id)).group_by(
                        claim_counts.c.claim_id
                    )
                ).all()
            )
    finally:
        engine.dispose()
    assert all(current[c]["pubmed_count"] != "" for c in counted)
