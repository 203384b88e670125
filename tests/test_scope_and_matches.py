"""Scope in the counts and "why did this record match" through the real fetch path: the
emulator serves the sample records, `run_fetch` stores and explains them, and the store,
the CLI, the export and the claim page read the explanations back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from fetchers.cli import cli
from fetchers.job.run import run_fetch
from fetchers.outline.load import load_outline
from store.db.connect import open_engine
from store.db.schema import articles, claim_articles, claim_matches, claims
from store.fetch.matches import EXPANSION, matched_terms_text, read_matches
from store.read.overview import claim_overview, claims_by_evidence
from tests.support.fixtures_fetched import emulator_client

OUTLINE = Path(__file__).resolve().parent / "outlines" / "explain-small.yaml"

#: heart-rate records in the samples: indexed Humans+Animals, Animals only, not indexed
BOTH, ANIMALS_ONLY, UNINDEXED = 412136, 414385, 34036940


@pytest.fixture
def fetched(db_url, eutils_emulator):
    """(engine, outline) after one fetch of the small outline (both backends)."""
    engine = open_engine(db_url)
    outline = load_outline(OUTLINE)
    client = emulator_client(eutils_emulator, rate=100.0)
    eutils_emulator.rate_limit_enabled = False
    try:
        summary = run_fetch(engine, outline, client, year_counts=False)
    finally:
        client.close()
    assert summary.status == "ok"
    yield engine, outline
    engine.dispose()


def _links(engine, claim_id: str) -> set[int]:
    with engine.connect() as conn:
        return set(
            conn.execute(
                sa.select(claim_articles.c.pmid).where(claim_articles.c.claim_id == claim_id)
            ).scalars()
        )


def test_scope_decides_which_links_count(fetched):
    engine, _ = fetched
    links = _links(engine, "heart-any")
    assert {BOTH, ANIMALS_ONLY, UNINDEXED} <= links
    # the same query links the same records whatever the scope: scope is applied in counting
    assert _links(engine, "heart-humans") == links == _links(engine, "heart-animals")
    with engine.connect() as conn:
        scopes = dict(conn.execute(sa.select(claims.c.claim_id, claims.c.scope)).all())
    assert scopes["heart-humans"] == "humans" and scopes["heart-any"] == "any"
    records = claim_overview(engine).set_index("claim_id")["records"]
    assert records["heart-any"] == len(links)
    # animals-only records do not count for a humans claim, nor does an unindexed record
    # whose wording names animals only (34036940: "In a rodent model of VNS ..."); an
    # unindexed record whose wording names people still counts
    with engine.connect() as conn:
        species = {
            pmid: (humans, animals, source)
            for pmid, humans, animals, source in conn.execute(
                sa.select(
                    articles.c.pmid,
                    articles.c.humans,
                    articles.c.animals,
                    articles.c.species_source,
                ).where(articles.c.pmid.in_(links))
            )
        }
    assert species[UNINDEXED] == (False, True, "text")
    assert species[34082712] == (True, False, "text")
    assert records["heart-humans"] == len(links) - 2
    # humans-only records do not count for an animals claim
    with engine.connect() as conn:
        humans_only = conn.execute(
            sa.text(
                "SELECT count(*) FROM articles WHERE humans AND NOT animals AND pmid IN "
                "(SELECT pmid FROM claim_articles WHERE claim_id = 'heart-any')"
            )
        ).scalar_one()
    assert records["heart-animals"] == len(links) - humans_only


def test_restating_claims_are_left_out_of_claims_by_evidence(fetched):
    engine, _ = fetched
    frame = claim_overview(engine)
    assert frame.set_index("claim_id").loc["pain-expanded", "restates"] == "heart-any"
    counts = claims_by_evidence(frame)
    assert sum(counts.values()) == len(frame) - 1


def test_fetch_explains_every_link(fetched):
    engine, _ = fetched
    with engine.connect() as conn:
        stored = read_matches(conn, "heart-humans", _links(engine, "heart-humans"))
    assert set(stored) == _links(engine, "heart-humans")
    assert all(m["explained"] and m["current"] for m in stored.values())
    hits = stored[UNINDEXED]["hits"]
    assert ('"heart rate"[tiab]', "abstract", "heart rate") in {
        (h["term"], h["field"], h["text"].lower()) for h in hits
    }
    mesh = {(h["term"], h["text"]) for h in stored[BOTH]["hits"] if h["field"] == "MeSH"}
    assert ("ketamine[mh]", "Ketamine") in mesh and ('"Heart Rate"[mh]', "Heart Rate") in mesh


def test_a_changed_query_is_explained_again(fetched, eutils_emulator):
    engine, outline = fetched
    with engine.connect() as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(claim_matches)).scalar_one()
    # a second run with nothing changed computes nothing again
    client = emulator_client(eutils_emulator, rate=100.0)
    try:
        lines: list[str] = []
        run_fetch(engine, outline, client, year_counts=False, log=lines.append)
        assert any(line.endswith("explained=0 by_expansion=0") for line in lines), lines
        edited = load_outline(OUTLINE)
        from dataclasses import replace

        claim = next(c for c in edited.claims if c.claim_id == "heart-any")
        new_query = claim.query.replace('OR "heart rate"[tiab] ', "")
        topics = tuple(
            replace(
                t, claims=tuple(replace(c, query=new_query) if c is claim else c for c in t.claims)
            )
            for t in edited.topics
        )
        run_fetch(engine, replace(edited, topics=topics), client, year_counts=False)
    finally:
        client.close()
    with engine.connect() as conn:
        version = conn.execute(
            sa.select(claims.c.query_version).where(claims.c.claim_id == "heart-any")
        ).scalar_one()
        rows = dict(
            conn.execute(
                sa.select(claim_matches.c.pmid, claim_matches.c.query_version).where(
                    claim_matches.c.claim_id == "heart-any"
                )
            ).all()
        )
        dropped = set(
            conn.execute(
                sa.select(claim_articles.c.pmid).where(
                    claim_articles.c.claim_id == "heart-any",
                    claim_articles.c.dropped_at.is_not(None),
                )
            ).scalars()
        )
        total = conn.execute(sa.select(sa.func.count()).select_from(claim_matches)).scalar_one()
    assert version == 2 and dropped
    # live links are explained for the new query; a dropped link keeps why it matched before
    assert {p for p, v in rows.items() if v == 1} == dropped
    assert {p for p, v in rows.items() if v == 2} == set(rows) - dropped
    assert total <= before  # rows are replaced, never duplicated


def test_pubmed_expansion_is_said_plainly(sqlite_url, eutils_emulator):
    """A linked record the literal query does not select. PubMed explodes a heading to the
    narrower ones under it (Anesthesia → Neuroleptanalgesia); the emulator does not, so the
    claim is fetched with the narrow heading, then explained as if its query named the broad
    one: every record is then "matched by PubMed's expansion", with the hits it does have."""
    from dataclasses import replace

    from fetchers.job.explain import explain_claims

    engine = open_engine(sqlite_url)
    outline = load_outline(OUTLINE)
    claim = next(c for c in outline.claims if c.claim_id == "pain-expanded")
    client = emulator_client(eutils_emulator, rate=100.0)
    eutils_emulator.rate_limit_enabled = False
    try:
        run_fetch(engine, outline, client, claim_ids=["pain-expanded"], year_counts=False)
    finally:
        client.close()
    pmids = _links(engine, "pain-expanded")
    assert pmids
    broad = replace(claim, query=claim.query.replace("Neuroleptanalgesia", "Anesthesia"))
    summary = explain_claims(engine, [broad], everything=True)
    assert (summary.records, summary.unexplained) == (len(pmids), len(pmids))
    with engine.connect() as conn:
        stored = read_matches(conn, "pain-expanded", pmids)
    assert set(stored) == pmids and all(not m["explained"] for m in stored.values())
    text = matched_terms_text(stored[min(pmids)])
    assert text.startswith(f"{EXPANSION} (local hits: ") and "ketamine[" in text
    engine.dispose()


def test_cli_explain_uses_the_outline_file(fetched, runner, tmp_path):
    engine, _ = fetched
    url = str(engine.url.render_as_string(hide_password=False))
    result = runner.invoke(
        cli, ["outline", "explain", "heart-humans", str(OUTLINE), "--db", url, "--pmid", str(BOTH)]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"claim heart-humans: 1 record(s), 0 {EXPANSION}"
    assert lines[1].startswith("query: (ketamine[mh] OR ketamine[tiab]) AND (")
    assert f"PMID {BOTH}  " in result.output
    assert '"Heart Rate"[mh] → MeSH: Heart Rate' in result.output
    # an edited outline is explained against the stored records before any fetch
    edited = tmp_path / "edited.yaml"
    edited.write_text(
        OUTLINE.read_text(encoding="utf-8").replace(
            '("Heart Rate"[mh] OR "heart rate"[tiab] OR hemodynamic*[tiab])', "cochlea[mh]"
        ),
        encoding="utf-8",
    )
    result = runner.invoke(
        cli, ["outline", "explain", "heart-humans", str(edited), "--db", url, "--json"]
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found and all(not item["explained"] for item in found)
    result = runner.invoke(cli, ["outline", "explain", "nope", str(OUTLINE), "--db", url])
    assert result.exit_code == 1
    assert result.output == f"Error: nope: no such claim in {OUTLINE}\n"


def test_export_has_matched_terms(fetched, runner, tmp_path):
    engine, _ = fetched
    url = str(engine.url.render_as_string(hide_password=False))
    out = tmp_path / "p.csv"
    result = runner.invoke(
        cli,
        ["export", "publications", "--db", url, "--claim", "heart-any", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {int(r["pmid"]): r for r in csv.DictReader(handle)}
    assert set(rows) == _links(engine, "heart-any")
    cell = rows[UNINDEXED]["matched_terms"]
    assert '"heart rate"[tiab] → abstract: heart rate' in cell
    assert "ketamine[tiab] → abstract: ketamine" in cell
