"""The PRISMA 2020 flow (store/read/prisma.py, `littrack report prisma`) on SQLite and
PostgreSQL: every box reconciles with `export publications` and `export summary` of the
same store, for one claim, a topic and the whole outline; the expected numbers are also
computed here from the seed (tests/support/dashboard_seed.py) and the decisions made, never
by the SQL under test. Then the files: CSV columns, SVG that parses and escapes the
outline's text, PNG, and the safe writer's refusals."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
import sqlalchemy as sa

from fetchers.cli.main import cli
from store.db.connect import open_engine
from store.db.schema import claims, screening_reasons
from store.read.prisma import flow_for, resolve_scope, retrieval_flow, with_outcomes
from store.screening import decisions
from store.screening.decisions import DEFAULT_REASONS, Decision
from tests.support.dashboard_seed import build_seed

#: An exclusion reason an outline could give: markup and quotes must stay text.
ODD_REASON = 'dose < 0.5 mg/kg & "other" <script>'
NS = {"svg": "http://www.w3.org/2000/svg"}


def _decide(engine, claim_id, pmid, reviewer, decision, resolves=False, **kw):
    decisions.record_decision(
        engine, Decision(claim_id, pmid, reviewer, decision, **kw), resolves=resolves
    )


@pytest.fixture
def screened(db_url):
    """The seed with animal-ketamine scoped to humans, the outline's reasons stored, and a
    spread of decisions; returns (seed, expected outcome per (claim, pmid))."""
    seed = build_seed(db_url)
    engine = open_engine(seed.url)
    with engine.begin() as conn:
        conn.execute(
            claims.update().where(claims.c.claim_id == "animal-ketamine").values(scope="humans")
        )
        conn.execute(screening_reasons.delete())
        conn.execute(
            screening_reasons.insert(),
            [{"position": i, "reason": r} for i, r in enumerate([*DEFAULT_REASONS, ODD_REASON])],
        )
    recs = seed.records
    recent = sorted(seed.live["recent-ketamine"])
    ev = [p for p in recent if recs[p].study_design != "non-evidence" and not recs[p].retracted]
    retracted = next(p for p in recent if recs[p].retracted)
    non_evidence = next(p for p in recent if recs[p].study_design == "non-evidence")
    c = "recent-ketamine"
    _decide(engine, c, ev[0], "Ann", "include", verdict="supports")
    _decide(engine, c, ev[1], "Ann", "include", verdict="contradicts")
    _decide(engine, c, ev[1], "Bo", "include", verdict="contradicts")
    _decide(engine, c, ev[2], "Ann", "include", verdict="mixed")
    _decide(engine, c, ev[3], "Ann", "include", verdict="no bearing")
    _decide(engine, c, ev[4], "Ann", "include")
    _decide(engine, c, ev[5], "Ann", "exclude", reason="wrong population")
    _decide(engine, c, ev[6], "Ann", "exclude", reason="wrong outcome")
    _decide(engine, c, ev[6], "Bo", "exclude", reason="wrong outcome")
    _decide(engine, c, ev[7], "Ann", "exclude", reason=ODD_REASON)
    _decide(engine, c, ev[8], "Ann", "exclude")
    _decide(engine, c, ev[9], "Ann", "maybe")
    _decide(engine, c, ev[10], "Ann", "include", verdict="supports")
    _decide(engine, c, ev[10], "Bo", "exclude", reason="wrong outcome")
    _decide(engine, c, ev[11], "Ann", "include", verdict="supports")
    _decide(engine, c, ev[11], "Bo", "exclude", reason="other")
    _decide(engine, c, ev[11], "Cy", "include", resolves=True, verdict="supports")
    _decide(engine, c, retracted, "Ann", "include", verdict="supports")
    _decide(engine, c, non_evidence, "Ann", "exclude", reason="not evidence")
    animal = sorted(seed.live["animal-ketamine"])
    in_scope = [p for p in animal if not (recs[p].animals and not recs[p].humans)]
    evidence_animal = [p for p in in_scope if recs[p].study_design != "non-evidence"]
    _decide(engine, "animal-ketamine", evidence_animal[0], "Ann", "include", verdict="supports")
    engine.dispose()
    return seed


def _expected(seed, claim_ids) -> dict:
    """The flow computed in Python from the seed and the decisions above."""
    recs = seed.records
    stored = [(c, p) for c in claim_ids for p in seed.live[c]]
    scope = {c: ("humans" if c == "animal-ketamine" else "any") for c in claim_ids}

    def out_of_scope(c, p):
        return scope[c] == "humans" and recs[p].animals and not recs[p].humans

    kept = [(c, p) for c, p in stored if not out_of_scope(c, p)]
    return {
        "stored": len(stored),
        "out of scope": len(stored) - len(kept),
        "retracted": sum(1 for _, p in kept if recs[p].retracted),
        "non-evidence": sum(
            1 for _, p in kept if not recs[p].retracted and recs[p].study_design == "non-evidence"
        ),
        "pubmed_count": sum(seed.counts[c] for c in claim_ids),
    }


def _csv(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def _report(runner, url, tmp_path, scope_args, name="flow.csv"):
    out = tmp_path / name
    result = runner.invoke(cli, ["report", "prisma", *scope_args, "--db", url, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _exports(runner, url, tmp_path, scope_args) -> tuple[list[dict], list[dict]]:
    files = []
    for kind in ("publications", "summary"):
        out = tmp_path / f"{kind}.csv"
        args = ["export", kind, *scope_args, "--db", url, "--out", str(out), "--no-notes"]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
        files.append(_csv(out))
    return files[0], files[1]


def _reason(row: dict) -> str:
    """The exclusion reason from the export's reviewers column ("Ann: exclude, wrong
    outcome; Bo: exclude, wrong outcome"); these tests' excluding reviewers agree."""
    reasons = {part.split(": ", 1)[1].partition(", ")[2] for part in row["reviewers"].split("; ")}
    assert len(reasons) == 1, row["reviewers"]
    return reasons.pop() or "no reason given"


SCOPES = [
    (["--claim", "recent-ketamine"], ["--claim", "recent-ketamine"], ["recent-ketamine"]),
    (
        ["--topic", "anaesthesia"],
        ["--topic", "anaesthesia"],
        ["recent-ketamine", "ketamine-reviews"],
    ),
    (["--all"], [], ["recent-ketamine", "ketamine-reviews", "animal-ketamine"]),
]  # fmt: skip


@pytest.mark.parametrize("report_args,export_args,claim_ids", SCOPES, ids=["claim", "topic", "all"])
def test_the_flow_reconciles_with_the_publications_and_summary_exports(
    screened, runner, tmp_path, report_args, export_args, claim_ids
):
    seed = screened
    rows = _csv(_report(runner, seed.url, tmp_path, report_args))
    assert list(rows[0]) == ["box", "detail", "count"]
    flow = {(r["box"], r["detail"]): int(r["count"]) for r in rows}
    boxes = [r["box"] for r in rows if r["detail"] == ""]
    assert boxes == [
        "identified", "removed_before_screening", "screened", "excluded", "awaiting", "included",
    ]  # fmt: skip
    pubs, summary = _exports(runner, seed.url, tmp_path, export_args)
    expected = _expected(seed, claim_ids)

    # identified and removed before screening: the publications export lists every record
    # in scope with its flags; out-of-scope links are the ones it leaves out
    assert flow[("identified", "")] == expected["stored"] == len(pubs) + expected["out of scope"]
    assert flow[("identified", "pubmed_count")] == expected["pubmed_count"]
    assert flow[("identified", "distinct_records")] == len(
        {p for c in claim_ids for p in seed.live[c]}
    )
    retracted = [r for r in pubs if r["retracted"] == "true"]
    non_evidence = [r for r in pubs if r["retracted"] != "true" and r["design"] == "non-evidence"]
    for detail, n in (
        ("out of scope", expected["out of scope"]),
        ("retracted", len(retracted)),
        ("non-evidence", len(non_evidence)),
    ):
        assert flow[("removed_before_screening", detail)] == n == expected[detail], detail
    assert flow[("removed_before_screening", "")] == sum(
        expected[k] for k in ("out of scope", "retracted", "non-evidence")
    )
    if "animal-ketamine" in claim_ids:
        assert expected["out of scope"] > 0  # the test exercises the scope

    # screened: the evidence rows of the publications export = the summary's records
    evidence = [r for r in pubs if r["retracted"] != "true" and r["design"] != "non-evidence"]
    assert all(r["pub_year"] for r in evidence)  # the summary counts records with a year
    assert flow[("screened", "")] == len(evidence) == sum(int(r["records"]) for r in summary)

    def total(column: str) -> int:
        return sum(int(r[column]) for r in summary)

    status = Counter(r["screening_decision"] for r in evidence)
    assert flow[("included", "")] == status["include"] == total("included")
    verdicts = Counter(
        r["screening_verdict"] for r in evidence if r["screening_decision"] == "include"
    )
    for verdict, column in (
        ("supports", "supports"),
        ("contradicts", "contradicts"),
        ("mixed", "mixed"),
        ("no bearing", "no_bearing"),
    ):
        assert flow[("included", verdict)] == verdicts[verdict] == total(column), verdict
    assert flow[("included", "no verdict")] == verdicts[""]
    assert flow[("excluded", "")] == status["exclude"] == total("excluded")
    reasons = Counter(_reason(r) for r in evidence if r["screening_decision"] == "exclude")
    assert {d: n for (b, d), n in flow.items() if b == "excluded" and d} == dict(reasons)
    assert flow[("awaiting", "")] == total("maybe") + total("conflicts") + total("unscreened")
    assert flow[("awaiting", "maybe")] == status["maybe"] == total("maybe")
    assert flow[("awaiting", "reviewers disagree")] == status["conflict"] == total("conflicts")
    assert flow[("awaiting", "not yet screened")] == status[""] == total("unscreened")
    assert flow[("screened", "")] == sum(
        flow[(b, "")] for b in ("excluded", "awaiting", "included")
    )


def test_the_claims_numbers_as_the_decisions_made_them(screened):
    engine = open_engine(screened.url)
    try:
        flow = flow_for(engine, claim_ids=["recent-ketamine"])
    finally:
        engine.dispose()
    assert flow.included == {
        "supports": 2, "contradicts": 1, "mixed": 1, "no bearing": 1, "no verdict": 1,
    }  # fmt: skip
    # the agreed reason, the deciding (resolving or newest) reason, the outline's order
    assert flow.excluded == {
        "wrong population": 1, "wrong outcome": 1, ODD_REASON: 1, "no reason given": 1,
    }  # fmt: skip
    assert list(flow.excluded) == [
        "wrong population",
        "wrong outcome",
        ODD_REASON,
        "no reason given",
    ]
    assert flow.awaiting["maybe"] == 1 and flow.awaiting["reviewers disagree"] == 1
    assert flow.removed == {
        "out of scope": 0, "retracted": 1, "non-evidence": 2, "second report of a study": 0
    }  # fmt: skip


def test_the_svg_is_a_diagram_with_its_numbers_as_text(screened, runner, tmp_path):
    out = _report(runner, screened.url, tmp_path, ["--claim", "recent-ketamine"], "flow.svg")
    root = ET.fromstring(out.read_text(encoding="utf-8"))  # parses: the reason was escaped
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    boxes = {g.get("data-box"): g for g in root.iterfind(".//svg:g[@data-box]", NS)}
    assert list(boxes) == [
        "identified", "removed_before_screening", "screened", "excluded", "awaiting", "included",
    ]  # fmt: skip

    def text(box: str) -> str:
        return " ".join(t.text for t in boxes[box].iterfind("svg:text", NS))

    assert "Records screened (n = 29)" in text("screened")
    assert ODD_REASON in text("excluded")  # as text, not markup
    assert "<script>" not in out.read_text(encoding="utf-8")
    assert "Supports: n = 2" in text("included")
    assert "Retracted: n = 1" in text("removed_before_screening")
    assert len(root.findall(".//svg:line", NS)) + len(root.findall(".//svg:polyline", NS)) == 5
    phases = [t.text for t in root.iterfind(".//svg:g[@class='phase']/svg:text", NS)]
    assert phases == ["Identification", "Screening", "Included"]


def test_the_png_is_the_diagram_drawn(screened, runner, tmp_path):
    from PIL import Image

    out = _report(runner, screened.url, tmp_path, ["--all"], "flow.png")
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert image.width == 1800 and image.height > 900
        assert image.convert("L").getextrema() == (0, 255)  # black drawn on white


def test_the_flow_is_written_through_a_symlink_and_refuses_a_fifo(screened, runner, tmp_path):
    import os

    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = runner.invoke(
        cli, ["report", "prisma", "--all", "--db", screened.url, "--out", str(link)]
    )
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and target.read_text(encoding="utf-8-sig").startswith("box,")
    fifo = tmp_path / "pipe.svg"
    os.mkfifo(fifo)
    result = runner.invoke(
        cli, ["report", "prisma", "--all", "--db", screened.url, "--out", str(fifo)]
    )
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {fifo}: not a regular file (a device, FIFO or socket)"


def test_a_store_without_decisions_has_everything_awaiting(db_url):
    seed = build_seed(db_url)
    engine = open_engine(seed.url)
    try:
        flow = flow_for(engine, whole=True)
        with engine.connect() as conn:
            links = conn.execute(sa.text("SELECT count(*) FROM claim_articles")).scalar()
    finally:
        engine.dispose()
    assert flow.included_total == flow.excluded_total == 0
    assert flow.awaiting["not yet screened"] == flow.screened > 0
    assert flow.stored == sum(len(v) for v in seed.live.values()) < links  # one dropped link


def test_the_dashboards_two_cached_parts_make_the_same_flow_after_a_decision(screened):
    """The dashboard caches the retrieval boxes per fetch and recounts only the screening
    boxes after a decision: the two parts still make the CLI's flow."""
    engine = open_engine(screened.url)
    try:
        label, ids = resolve_scope(engine, claim_ids=["recent-ketamine"])
        retrieval = retrieval_flow(engine, label, ids)
        before = with_outcomes(engine, retrieval, ids)
        pmid = next(
            p for p in sorted(screened.live["recent-ketamine"])
            if screened.records[p].study_design != "non-evidence"
            and not screened.records[p].retracted
            and p not in _decided(engine)
        )  # fmt: skip
        _decide(engine, "recent-ketamine", pmid, "Ann", "include", verdict="mixed")
        after = with_outcomes(engine, retrieval, ids)
        assert after.rows() == flow_for(engine, claim_ids=["recent-ketamine"]).rows()
    finally:
        engine.dispose()
    assert after.included["mixed"] == before.included["mixed"] + 1
    assert after.awaiting["not yet screened"] == before.awaiting["not yet screened"] - 1
    assert retrieval.included_total == 0  # the cached part was not changed by either


def _decided(engine) -> set[int]:
    with engine.connect() as conn:
        return set(conn.execute(sa.text("SELECT pmid FROM screening_decisions")).scalars())


@pytest.mark.parametrize("claim_ids", [["animal-ketamine"], None], ids=["claim", "all"])
def test_the_summaries_and_the_links_give_the_same_flow(screened, claim_ids):
    """After a fetch the removed boxes come from the claim summaries the fetch wrote; when
    they are older than the newest run, from the links. The same numbers either way (the
    fixture scoped animal-ketamine to humans, so out of scope is not zero)."""
    from store.evidence.counting import summaries_current
    from store.fetch import summaries

    engine = open_engine(screened.url)
    try:
        with engine.connect() as conn:
            assert not summaries_current(conn)
        links = flow_for(engine, claim_ids=claim_ids or (), whole=claim_ids is None)
        with engine.begin() as conn:
            summaries.refresh_summaries(conn, now="2026-11-24T12:00:00Z")
        with engine.connect() as conn:
            assert summaries_current(conn)
        summed = flow_for(engine, claim_ids=claim_ids or (), whole=claim_ids is None)
    finally:
        engine.dispose()
    assert summed.rows() == links.rows()
    assert summed.removed["out of scope"] > 0
