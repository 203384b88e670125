"""The screening sheet round trip through the CLI, as a reviewer working in Excel does it:
`littrack export screening`, fill in the decision columns, save the way Excel saves
(BOM, CRLF, `;` separators, Windows-1252, the export's apostrophes kept), `littrack import
screening` — on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import sqlalchemy as sa

from fetchers.cli import cli
from store.db.connect import open_engine
from store.db.schema import screening_decisions
from store.export.screening_sheet import SHEET_COLUMNS
from store.formats.cells import unguard
from store.screening import decisions
from store.screening.decisions import Decision
from store.screening.sheet import decode
from tests.support.dashboard_seed import FORMULA_TITLE, build_seed


@pytest.fixture
def seed(db_url):
    return build_seed(db_url)


def _export(runner, seed, tmp_path, *args, name="sheet.csv") -> Path:
    out = tmp_path / name
    result = runner.invoke(cli, ["export", "screening", *args, "--out", str(out), "--db", seed.url])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("export screening rows=")
    return out


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _save_like_excel(
    path: Path, rows: list[dict], *, sep: str = ",", encoding: str = "utf-8-sig"
) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), delimiter=sep, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    # Excel writes "?" for what the code page lacks
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))


def _import(runner, seed, path: Path, *args, reviewer="Ann Lee"):
    return runner.invoke(
        cli, ["import", "screening", str(path), "--reviewer", reviewer, "--db", seed.url, *args]
    )


def _stored(seed) -> list[tuple]:
    engine = open_engine(seed.url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                screening_decisions.c.reviewer,
                screening_decisions.c.claim_id,
                screening_decisions.c.pmid,
                screening_decisions.c.decision,
                screening_decisions.c.reason,
                screening_decisions.c.verdict,
                screening_decisions.c.note,
                screening_decisions.c.source,
            ).order_by(screening_decisions.c.decision_id)
        ).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_export_writes_the_sheet_for_the_chosen_claims(runner, seed, tmp_path):
    out = _export(
        runner, seed, tmp_path, "--claim", "recent-ketamine", "--claim", "animal-ketamine"
    )
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = _rows(out)
    assert list(rows[0]) == [c for c, _ in SHEET_COLUMNS]
    expected = {("recent-ketamine", p) for p in seed.live["recent-ketamine"]}
    expected |= {("animal-ketamine", p) for p in seed.live["animal-ketamine"]}
    assert {(r["claim_id"], int(r["pmid"])) for r in rows} == expected
    formula = next(r for r in rows if int(r["pmid"]) == seed.formula_pmid)
    assert formula["title"] == "'" + FORMULA_TITLE  # Excel shows it as text
    assert formula["url"] == f"https://pubmed.ncbi.nlm.nih.gov/{seed.formula_pmid}/"
    assert {r["decision"] for r in rows} == {""} and {r["base"] for r in rows} == {"0"}
    assert (tmp_path / "sheet.csv.notes.txt").read_text().count(
        "claim=recent-ketamine, animal"
    ) == 1

    by_topic = _rows(_export(runner, seed, tmp_path, "--topic", "veterinary", name="t.csv"))
    assert {int(r["pmid"]) for r in by_topic} == set(seed.live["animal-ketamine"])


@pytest.mark.parametrize(
    ("style", "sep", "encoding"),
    [("utf-8 BOM, commas", ",", "utf-8-sig"), ("European Excel", ";", "cp1252")],
)
def test_round_trip_as_excel_saves_it_and_reimport_changes_nothing(
    runner, seed, tmp_path, style, sep, encoding
):
    out = _export(runner, seed, tmp_path, "--claim", "recent-ketamine")
    rows = _rows(out)
    rows[0].update(decision="Include", verdict="Supports", note="dose-response, café au lait")
    rows[1].update(decision="exclude", reason="Wrong population")
    rows[2].update(decision="maybe", note="=needs full text")  # Excel keeps what was typed
    filled = tmp_path / "filled.csv"
    _save_like_excel(filled, rows, sep=sep, encoding=encoding)

    result = _import(runner, seed, filled)
    assert result.exit_code == 0, result.output
    p0, p1, p2 = (int(r["pmid"]) for r in rows[:3])
    assert result.output.splitlines() == [
        f"applied row 2: recent-ketamine PMID {p0}: include, supports "
        "(note: dose-response, café au lait)",
        f"applied row 3: recent-ketamine PMID {p1}: exclude, wrong population",
        f"applied row 4: recent-ketamine PMID {p2}: maybe (note: =needs full text)",
        f"import screening file=filled.csv rows={len(rows)} applied=3 (new=3 changed=0) "
        f"unchanged=0 not_screened={len(rows) - 3} conflicts=0",
    ], style
    ann = ("Ann Lee", "recent-ketamine")
    expected = [
        (*ann, p0, "include", "", "supports", "dose-response, café au lait", "import"),
        (*ann, p1, "exclude", "wrong population", "", "", "import"),
        (*ann, p2, "maybe", "", "", "=needs full text", "import"),
    ]
    assert _stored(seed) == expected

    again = _import(runner, seed, filled)
    assert again.exit_code == 0
    tail = f"applied=0 (new=0 changed=0) unchanged=3 not_screened={len(rows) - 3} conflicts=0"
    assert again.output.splitlines()[-1].endswith(tail)
    assert _stored(seed) == expected

    # the next export is pre-filled with the decisions, the guard applied to the '=' note
    second = _rows(_export(runner, seed, tmp_path, "--claim", "recent-ketamine", name="2.csv"))
    by_pmid = {int(r["pmid"]): r for r in second}
    assert (by_pmid[p0]["decision"], by_pmid[p0]["verdict"]) == ("include", "supports")
    assert by_pmid[p2]["note"] == "'=needs full text"
    unscreened = _rows(
        _export(runner, seed, tmp_path, "--claim", "recent-ketamine", "--unscreened", name="u.csv")
    )
    assert {int(r["pmid"]) for r in unscreened} == set(seed.live["recent-ketamine"]) - {p0, p1, p2}


def test_bad_rows_are_all_reported_and_nothing_is_applied(runner, seed, tmp_path):
    out = _export(runner, seed, tmp_path, "--claim", "recent-ketamine")
    rows = _rows(out)
    animal_only = min(set(seed.live["animal-ketamine"]) - set(seed.live["recent-ketamine"]))
    rows[0].update(decision="include", verdict="supports")  # fine on its own
    rows[1].update(decision="exclude", verdict="supports")
    rows[2].update(decision="keep")
    rows[3].update(claim_id="no-such-claim", decision="include")
    rows[4].update(pmid="12x", decision="include")
    rows[5].update(pmid="1", decision="include")
    rows[6].update(pmid=str(animal_only), decision="include")
    rows[7].update(decision="exclude", reason="boring")
    rows[8].update(note="read later")  # a note without a decision
    filled = tmp_path / "bad.csv"
    _save_like_excel(filled, rows)

    result = _import(runner, seed, filled)
    assert result.exit_code == 1
    reasons = ", ".join(decisions.DEFAULT_REASONS)
    assert result.output.splitlines() == [
        "bad.csv: row 3: a verdict needs decision include, not exclude",
        "bad.csv: row 4: decision 'keep' is not one of include, exclude, maybe",
        "bad.csv: row 5: unknown claim 'no-such-claim'",
        "bad.csv: row 6: PMID '12x' is not a number",
        "bad.csv: row 7: unknown PMID 1",
        f"bad.csv: row 8: claim 'recent-ketamine' and PMID {animal_only} are not linked",
        f"bad.csv: row 9: reason 'boring' is not one of {reasons}",
        "bad.csv: row 10: decision is empty",
        "Error: bad.csv: 8 problem(s) in the sheet; nothing was imported",
    ]
    assert _stored(seed) == []

    empty = _import(runner, seed, filled, reviewer="   ")
    assert empty.exit_code == 1
    assert empty.output == (
        "Error: --reviewer: is empty; give the name your decisions are recorded under\n"
    )


def test_dry_run_reports_and_writes_nothing(runner, seed, tmp_path):
    rows = _rows(_export(runner, seed, tmp_path, "--claim", "recent-ketamine"))
    rows[0].update(decision="include", verdict="mixed")
    filled = tmp_path / "f.csv"
    _save_like_excel(filled, rows)
    result = _import(runner, seed, filled, "--dry-run")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("would apply row 2: recent-ketamine PMID ")
    assert result.output.splitlines()[-1].endswith("(dry run: nothing written)")
    assert "would apply=1 (new=1 changed=0)" in result.output
    assert _stored(seed) == []


def test_a_decision_made_after_the_export_is_a_conflict_not_overwritten(runner, seed, tmp_path):
    rows = _rows(_export(runner, seed, tmp_path, "--claim", "recent-ketamine"))
    p0, p1 = int(rows[0]["pmid"]), int(rows[1]["pmid"])
    engine = open_engine(seed.url)
    # while the sheet is out, Bo decides on both records in the dashboard
    decisions.record_decision(
        engine, Decision("recent-ketamine", p0, "Bo", "exclude", reason="other")
    )
    decisions.record_decision(
        engine, Decision("recent-ketamine", p1, "Bo", "include", verdict="supports")
    )
    engine.dispose()
    rows[0].update(decision="include", verdict="supports")  # differs from Bo's
    rows[1].update(decision="include", verdict="supports")  # the same as Bo's
    filled = tmp_path / "late.csv"
    _save_like_excel(filled, rows)
    result = _import(runner, seed, filled)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"applied row 3: recent-ketamine PMID {p1}: include, supports"
    assert lines[1].startswith(
        f"row 2: conflict: claim 'recent-ketamine', PMID {p0}: Bo recorded exclude, other at "
    )
    assert lines[1].endswith("after this sheet was exported; not applied (export again to see it)")
    assert [r[0] for r in _stored(seed)] == ["Bo", "Bo", "Ann Lee"]


def test_a_prefilled_colleague_decision_does_not_become_mine(runner, seed, tmp_path):
    engine = open_engine(seed.url)
    pmid = min(seed.live["recent-ketamine"])
    decisions.record_decision(
        engine, Decision("recent-ketamine", pmid, "Bo", "exclude", reason="duplicate")
    )
    engine.dispose()
    out = _export(runner, seed, tmp_path, "--claim", "recent-ketamine")
    result = _import(runner, seed, out)
    assert result.exit_code == 0
    assert "applied=0 (new=0 changed=0) unchanged=1" in result.output
    assert [r[0] for r in _stored(seed)] == ["Bo"]


def test_export_screening_option_errors(runner, seed, tmp_path):
    out = str(tmp_path / "x.csv")
    see = "(see 'cli export --help')"
    cases = [
        (
            ["export", "screening", "--out", out],
            f"Error: export screening needs --claim ID or --topic ID {see}",
        ),
        (
            ["export", "screening", "--claim", "nope", "--out", out],
            "Error: --claim 'nope': no such claim in the database",
        ),
        (
            ["export", "publications", "--claim", "a", "--claim", "b", "--out", out],
            f"Error: --claim can be given once for publications {see}",
        ),
        (
            ["export", "summary", "--unscreened", "--out", out],
            f"Error: --unscreened applies only to `export screening` {see}",
        ),
    ]
    for args, message in cases:
        result = runner.invoke(cli, [*args, "--db", seed.url])
        assert result.exit_code != 0
        assert result.output.strip() == message


@pytest.mark.parametrize(
    ("cell", "text"),
    [("'=SUM(A1)", "=SUM(A1)"), ("'-2 mg/kg", "-2 mg/kg"), ("'plain", "'plain"), ("x", "x")],
)
def test_unguard_undoes_only_the_export_apostrophe(cell, text):
    assert unguard(cell) == text


def test_decode_reads_utf8_with_or_without_bom_and_windows_1252():
    assert decode("café".encode("utf-8-sig")) == "café"
    assert decode("café".encode()) == "café"
    assert decode("café – “x”".encode("cp1252")) == "café – “x”"


def test_publications_ris_and_summary_exports_carry_the_screening(runner, seed, tmp_path):
    engine = open_engine(seed.url)
    pmids = sorted(seed.live["recent-ketamine"])
    # Two records that count as evidence, so the summary's `records` column includes them.
    a, b = [
        p
        for p in pmids
        if not seed.records[p].retracted and seed.records[p].study_design != "non-evidence"
    ][:2]
    decisions.record_decision(
        engine,
        Decision("recent-ketamine", a, "Ann", "include", verdict="supports", note="strong"),
    )
    decisions.record_decision(
        engine, Decision("recent-ketamine", a, "Bo", "include", verdict="supports")
    )
    decisions.record_decision(engine, Decision("recent-ketamine", b, "Ann", "include"))
    decisions.record_decision(
        engine, Decision("recent-ketamine", b, "Bo", "exclude", reason="duplicate")
    )
    engine.dispose()

    out = tmp_path / "pubs.csv"
    result = runner.invoke(
        cli, ["export", "publications", "--claim", "recent-ketamine", "--out", str(out),
              "--db", seed.url],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = {int(r["pmid"]): r for r in _rows(out)}
    pick = ("screening_decision", "screening_verdict", "reviewers", "screening_note")
    assert [rows[a][c] for c in pick] == [
        "include", "supports", "Ann: include, supports; Bo: include, supports", "Ann: strong",
    ]  # fmt: skip
    assert [rows[b][c] for c in pick] == [
        "conflict", "", "Ann: include; Bo: exclude, duplicate", "",
    ]  # fmt: skip
    assert {rows[p]["screening_decision"] for p in pmids if p not in (a, b)} == {""}

    ris = tmp_path / "pubs.ris"
    result = runner.invoke(
        cli, ["export", "ris", "--claim", "recent-ketamine", "--out", str(ris), "--db", seed.url]
    )
    assert result.exit_code == 0, result.output
    text = ris.read_text(encoding="utf-8")
    assert (
        "littrack screening recent-ketamine: include, supports "
        "(Ann: include, supports; Bo: include, supports)"
    ) in text
    assert "littrack screening note recent-ketamine: Ann: strong" in text

    summary = tmp_path / "summary.csv"
    result = runner.invoke(
        cli, ["export", "summary", "--claim", "recent-ketamine", "--out", str(summary),
              "--db", seed.url],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    by_year = {int(r["year"]): r for r in _rows(summary)}
    year_a, year_b = seed.records[a].pub_year, seed.records[b].pub_year
    for year, row in by_year.items():
        expected_screened = (year == year_a) + (year == year_b)
        assert int(row["screened"]) == expected_screened
        assert int(row["unscreened"]) == int(row["records"]) - expected_screened
        assert int(row["supports"]) == (year == year_a)
        assert int(row["conflicts"]) == (year == year_b)
