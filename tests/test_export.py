"""`littrack export` and the CSV/RIS writers.

The '='-title and non-ASCII-author record is a real PubMed record (2021 ketamine subset)
whose title and authors the seed changed with dataclasses.replace before upserting it
through store.fetch.writes (a direct upsert, not the emulator)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest
import rispy
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from fetchers.cli import cli
from store.export.csv_file import (
    FORMULA_PREFIXES,
    PUBLICATION_COLUMNS,
    SUMMARY_COLUMNS,
    excel_safe,
    frame_to_csv_bytes,
    write_csv,
)
from tests.support.dashboard_seed import FORMULA_TITLE, NON_ASCII_AUTHORS, build_seed, topic_of

ROOT = Path(__file__).resolve().parents[1]
SECRET_KEY = "0123456789abcdef0123456789abcdef0123"


@pytest.fixture
def seed(db_url, monkeypatch):
    monkeypatch.setenv("NCBI_API_KEY", SECRET_KEY)
    monkeypatch.setenv("NCBI_EMAIL", "reviewer@example.org")
    return build_seed(db_url)


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _export(runner, seed, tmp_path, *args):
    out = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.out"
    result = runner.invoke(cli, ["export", *args, "--out", str(out), "--db", seed.url])
    assert result.exit_code == 0, result.output
    return out, result


def test_publications_csv(runner, seed, tmp_path):
    out, result = _export(runner, seed, tmp_path, "publications")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM by default
    rows = _read_csv(out)
    assert list(rows[0]) == [c for c, _ in PUBLICATION_COLUMNS]
    engine = sa.create_engine(seed.url)
    with engine.connect() as conn:
        claim_texts = dict(conn.execute(sa.text("SELECT claim_id, claim FROM claims")).all())
    engine.dispose()
    assert Counter(r["claim_id"] for r in rows) == {c: len(v) for c, v in seed.live.items()}
    assert {(r["claim_id"], int(r["pmid"])) for r in rows} == {
        (c, p) for c, links in seed.live.items() for p in links
    }
    for row in rows:
        assert row["topic_id"] == topic_of(row["claim_id"])
        assert row["url"] == f"https://pubmed.ncbi.nlm.nih.gov/{row['pmid']}/"
        record = seed.records[int(row["pmid"])]
        assert row["design"] == record.study_design
        assert row["design_source"] == record.design_source
        assert row["concern"] == ("true" if record.concern else "false")
        assert row["preprint"] == ("true" if record.preprint else "false")
        assert row["veterinary"] == ("true" if record.veterinary else "false")
        assert row["registry_ids"] == "; ".join(record.registry_ids)
        assert row["updated_by"] == "; ".join(map(str, record.updated_by))
        # Readable without the outline: the claim's sentence and the record's abstract.
        assert row["claim"] == claim_texts[row["claim_id"]]
        assert row["abstract"] == (record.abstract or "")
        if record.mesh:
            assert row["humans"] == ("true" if record.humans else "false")
            assert row["animals"] == ("true" if record.animals else "false")
        else:  # not MEDLINE-indexed yet: unknown, not false
            assert row["humans"] == row["animals"] == ""
        for value in row.values():
            assert not value.startswith(FORMULA_PREFIXES), value
    formula_rows = [r for r in rows if int(r["pmid"]) == seed.formula_pmid]
    assert formula_rows and all(r["title"] == "'" + FORMULA_TITLE for r in formula_rows)
    assert all(r["authors"] == "; ".join(NON_ASCII_AUTHORS) for r in formula_rows)
    assert "Nguyễn VĐ".encode() in raw
    notes = (tmp_path / (out.name + ".notes.txt")).read_text(encoding="utf-8")
    assert f"rows: {len(rows)}" in notes and "National Library of Medicine" in notes
    for text in (raw.decode("utf-8"), notes, result.output):
        assert SECRET_KEY not in text and "reviewer@example.org" not in text


def test_unindexed_records_leave_humans_and_animals_empty(runner, seed, tmp_path):
    """Real In-Process/Publisher records carry no MeSH yet: their species is unknown."""
    unindexed = {p for p, r in seed.records.items() if not r.mesh}
    indexed = {p for p, r in seed.records.items() if r.mesh}
    assert unindexed and indexed, "the seed needs records with and without MeSH"
    out, _ = _export(runner, seed, tmp_path, "publications")
    rows = _read_csv(out)
    blank = {int(r["pmid"]) for r in rows if r["humans"] == "" and r["animals"] == ""}
    exported = {int(r["pmid"]) for r in rows}
    assert blank == unindexed & exported and blank
    statuses = {seed.records[p].citation_status for p in blank}
    assert statuses <= {"In-Process", "In-Data-Review", "Publisher", "PubMed-not-MEDLINE"}
    assert all(r["humans"] in ("true", "false") for r in rows if int(r["pmid"]) in indexed)


def test_publications_filters_and_no_bom(runner, seed, tmp_path):
    out, _ = _export(runner, seed, tmp_path, "publications", "--topic", "veterinary", "--no-bom")
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _read_csv(out)
    assert {int(r["pmid"]) for r in rows} == set(seed.live["animal-ketamine"])
    out, _ = _export(
        runner, seed, tmp_path, "publications", "--claim", "recent-ketamine", "--since",
        "2021-03-01",
    )  # fmt: skip
    expected = {
        p for p in seed.live["recent-ketamine"] if seed.records[p].entrez_date >= "2021-03-01"
    }
    assert {int(r["pmid"]) for r in _read_csv(out)} == expected
    assert 0 < len(expected) < len(seed.live["recent-ketamine"])  # the filter bites


def _evidence(seed, pmids):
    return [
        p
        for p in pmids
        if seed.records[p].study_design != "non-evidence" and not seed.records[p].retracted
    ]


def test_summary_csv(runner, seed, tmp_path):
    out, _ = _export(runner, seed, tmp_path, "summary", "--claim", "recent-ketamine")
    rows = _read_csv(out)
    assert list(rows[0]) == [c for c, _ in SUMMARY_COLUMNS]
    links = seed.live["recent-ketamine"]
    by_year = Counter(seed.records[p].pub_year for p in _evidence(seed, links))
    assert {int(r["year"]): int(r["records"]) for r in rows} == dict(by_year)
    out, _ = _export(
        runner, seed, tmp_path, "summary", "--claim", "recent-ketamine", "--all-records"
    )
    raw = {int(r["year"]): int(r["records"]) for r in _read_csv(out)}
    assert raw == dict(Counter(seed.records[p].pub_year for p in links))
    assert sum(raw.values()) > sum(by_year.values())  # letters and the retracted record
    assert "counted=all records" in Path(str(out) + ".notes.txt").read_text(encoding="utf-8")
    out, _ = _export(runner, seed, tmp_path, "summary", "--by", "entrez", "--topic", "veterinary")
    animals = _evidence(seed, seed.live["animal-ketamine"])
    by_entrez = Counter(int(seed.records[p].entrez_date[:4]) for p in animals)
    assert {int(r["year"]): int(r["records"]) for r in _read_csv(out)} == dict(by_entrez)


def test_all_records_applies_only_to_the_summary(runner, seed, tmp_path):
    out = tmp_path / "p.csv"
    result = runner.invoke(
        cli, ["export", "publications", "--all-records", "--out", str(out), "--db", seed.url]
    )
    assert result.exit_code == 2
    assert "--all-records applies only to `export summary`" in result.output
    assert not out.exists()


def test_ris(runner, seed, tmp_path):
    out, _ = _export(runner, seed, tmp_path, "ris")
    text = out.read_text(encoding="utf-8")
    # Standard RIS: every reference opens with its TY line, no `1.` numbering before it.
    assert text.startswith("TY  - ") and not re.search(r"(?m)^\d+\.$", text)
    entries = rispy.loads(text)
    every = {p for links in seed.live.values() for p in links}
    assert sorted(int(e["accession_number"]) for e in entries) == sorted(every)
    entry = next(e for e in entries if int(e["accession_number"]) == seed.formula_pmid)
    assert entry["title"] == FORMULA_TITLE  # RIS is not a spreadsheet: kept as is
    assert entry["authors"] == list(NON_ASCII_AUTHORS)
    claims = {c for c, links in seed.live.items() if seed.formula_pmid in links}
    assert {k for k in entry["keywords"] if k.startswith("littrack:")} == {
        f"littrack:{c}" for c in claims
    }
    assert entry["urls"] == [f"https://pubmed.ncbi.nlm.nih.gov/{seed.formula_pmid}/"]
    record = seed.records[seed.formula_pmid]
    assert f"littrack design: {record.study_design} (from {record.design_source})" in entry["notes"]
    flagged = [e for e in entries if any("EXPRESSION OF CONCERN" in n for n in e["notes"])]
    assert [int(e["accession_number"]) for e in flagged] == [
        p for p in every if seed.records[p].concern
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["publications", "--topic", "nope"],
            "Error: --topic 'nope': no such topic in the database",
        ),
        (["ris", "--claim", "nope"], "Error: --claim 'nope': no such claim in the database"),
        (
            ["summary", "--since", "2021-13-01"],
            "Error: --since '2021-13-01': expected a duration (7d, 36h, 2w) or a date",
        ),
        (["summary", "--since", "yesterday"], "Error: --since 'yesterday': expected a duration"),
        (["ris", "--by", "entrez"], "Error: --by applies only to `export summary`, not ris"),
        (["publications", "--by", "publication"], "Error: --by applies only to `export summary`"),
        (["tables"], "Error: Invalid value for 'KIND': 'tables' is not one of"),
    ],
)
def test_export_errors_are_one_line(runner, seed, tmp_path, args, message):
    result = runner.invoke(
        cli, ["export", *args, "--out", str(tmp_path / "x.csv"), "--db", seed.url]
    )
    assert result.exit_code != 0
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.csv").exists()


def test_since_takes_a_duration_like_digest(runner, seed, tmp_path):
    """`--since Nd` counts back from now to a day; N days back to 2021-03-01 keeps the same
    records as the date itself (the seed's Entrez dates are real PubMed dates)."""
    from datetime import UTC, date, datetime, timedelta

    days = (datetime.now(UTC).date() - date(2021, 3, 1)).days
    out, _ = _export(runner, seed, tmp_path, "publications", "--since", f"{days}d")
    expected = {
        (c, p) for c, pmids in seed.live.items() for p in pmids
        if seed.records[p].entrez_date and seed.records[p].entrez_date >= "2021-03-01"
    }  # fmt: skip
    assert {(r["claim_id"], int(r["pmid"])) for r in _read_csv(out)} == expected
    assert 0 < len(expected) < sum(len(v) for v in seed.live.values())
    week_ago = (datetime.now(UTC) - timedelta(days=7)).date().isoformat()
    out, _ = _export(runner, seed, tmp_path, "publications", "--since", "7d")
    expected = {
        (c, p) for c, pmids in seed.live.items() for p in pmids
        if seed.records[p].entrez_date and seed.records[p].entrez_date >= week_ago
    }  # fmt: skip
    assert {(r["claim_id"], int(r["pmid"])) for r in _read_csv(out)} == expected


def test_export_help_example_names_a_shipped_topic(runner):
    import re

    from fetchers.outline.load import load_outline

    result = runner.invoke(cli, ["export", "--help"])
    topic = re.search(r"Example: littrack export \S+ --topic (\S+)", result.output).group(1)
    shipped = load_outline(ROOT / "data" / "outlines" / "ketamine-analgesia.yaml")
    assert topic in {t.topic_id for t in shipped.topics}
    assert "7d" in result.output  # --since takes a duration, as digest does


@pytest.mark.parametrize(
    "args",
    [
        ["export", "publications", "--out", "-"],
        ["export", "ris", "--out", "-"],
        ["export", "--help"],
    ],
)
def test_output_into_a_closed_pipe_exits_quietly(sqlite_url, args):
    """`littrack export publications --out - | head`: the reader stops early. The pipe's
    read end is closed before littrack starts, so its first write fails every time."""
    import os
    import subprocess
    import sys

    build_seed(sqlite_url)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-c", "from fetchers.cli import main; main()", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "LITTRACK_DB": sqlite_url},
            cwd=ROOT,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 1


def test_export_without_database(runner, tmp_path):
    missing = tmp_path / "none.sqlite"
    result = runner.invoke(
        cli, ["export", "publications", "--out", str(tmp_path / "x.csv"), "--db", str(missing)]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "no such database" in result.output
    assert not missing.exists()  # export never creates a database


def _roundtrip(value: str, bom: bool) -> str:
    buffer = io.StringIO(newline="")
    write_csv([{"title": value}], ["title"], buffer, bom=bom)
    text = buffer.getvalue()
    if bom:
        text = text.removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 2
    return rows[1][0]


@given(st.text(), st.booleans())
def test_formula_guard_roundtrip(value, bom):
    cell = _roundtrip(value, bom)
    assert not cell.startswith(FORMULA_PREFIXES)
    if value.startswith(FORMULA_PREFIXES):
        assert cell == "'" + value
    else:
        assert cell == value


@given(st.sampled_from(FORMULA_PREFIXES), st.text())
def test_formula_guard_catches_every_prefix(prefix, rest):
    assert excel_safe(prefix + rest) == "'" + prefix + rest
    assert excel_safe(-2) == -2  # numbers stay numbers


def test_frame_download_is_guarded():
    import pandas as pd

    frame = pd.DataFrame({"pmid": [1, 2], "title": ["@SUM(A1)", "plain"], "ok": [True, False]})
    text = frame_to_csv_bytes(frame).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        ["pmid", "title", "ok"],
        ["1", "'@SUM(A1)", "true"],
        ["2", "plain", "false"],
    ]


def test_data_dictionary_lists_every_column():
    """docs/exports.md's tables are generated (cog; tests/test_docs.py checks they are
    current): every column is there with its meaning."""
    dictionary = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    for column, meaning in PUBLICATION_COLUMNS + SUMMARY_COLUMNS:
        assert f"| `{column}` | {meaning} |" in dictionary, column
