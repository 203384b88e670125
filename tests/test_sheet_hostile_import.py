"""Importing a screening sheet whose cells or history are unusual: an untouched sheet after
a colleague's undo, concurrent imports by one reviewer, values past the columns' types,
cells larger than the csv module's default limit, look-alike reviewer names, and a dry run
against a store an older littrack wrote — on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import shutil
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fetchers.cli import cli
from store.db.connect import open_engine
from store.db.schema import screening_decisions
from store.errors import SheetError
from store.export.screening_sheet import sheet_rows, write_sheet
from store.screening import decisions
from store.screening.decisions import Decision
from store.screening.sheet import import_sheet, read_sheet
from tests.support.dashboard_seed import build_seed

LEGACY = Path(__file__).parent / "legacy" / "littrack-0.1.0.sqlite"


@pytest.fixture
def seed(db_url):
    return build_seed(db_url)


def _sheet(engine, claim: str, reviewer: str | None = None) -> bytes:
    out = io.StringIO(newline="")
    write_sheet(sheet_rows(engine, claim_ids=[claim], reviewer=reviewer), out)
    return out.getvalue().encode("utf-8")


def _rows(engine) -> list[tuple]:
    d = screening_decisions.c
    with engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                sa.select(d.reviewer, d.pmid, d.decision, d.note).order_by(d.decision_id)
            )
        ]


def _cells(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _encode(rows: list[dict]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


# --- an untouched sheet never makes a colleague's decision the importer's ---------------------


def test_an_untouched_sheet_after_a_colleagues_undo_changes_nothing(seed):
    engine = open_engine(seed.url)
    pmid = min(seed.live["recent-ketamine"])
    include = Decision("recent-ketamine", pmid, "Ann", "include", verdict="supports", note="read")
    decisions.record_decision(engine, include)
    decisions.record_decision(engine, Decision("recent-ketamine", pmid, "Bob", "include"))
    assert decisions.undo_last(engine, "recent-ketamine", "Bob") is not None
    data = _sheet(engine, "recent-ketamine")
    before = _rows(engine)

    report = import_sheet(engine, data, name="sheet.csv", reviewer="Cy")

    assert (report.new, report.changed, report.unchanged) == (0, 0, 1)
    assert _rows(engine) == before
    engine.dispose()


def test_an_edited_row_after_a_colleagues_undo_is_applied_not_a_conflict(seed):
    engine = open_engine(seed.url)
    pmid = min(seed.live["recent-ketamine"])
    decisions.record_decision(engine, Decision("recent-ketamine", pmid, "Bob", "include"))
    decisions.undo_last(engine, "recent-ketamine", "Bob")
    rows = _cells(_sheet(engine, "recent-ketamine"))
    mine = next(r for r in rows if r["pmid"] == str(pmid))
    mine["decision"], mine["reason"] = "exclude", "duplicate"

    report = import_sheet(engine, _encode(rows), name="sheet.csv", reviewer="Cy")

    assert (report.new, report.conflicts) == (1, [])
    assert _rows(engine)[-1] == ("Cy", pmid, "exclude", "")
    engine.dispose()


# --- one reviewer importing the same sheet three times at once --------------------------------


def test_simultaneous_imports_by_one_reviewer_append_each_decision_once(seed):
    engine = open_engine(seed.url)
    pmids = sorted(seed.live["recent-ketamine"])[:5]
    rows = [r for r in _cells(_sheet(engine, "recent-ketamine")) if int(r["pmid"]) in pmids]
    for row in rows:
        row["decision"], row["reason"] = "exclude", "duplicate"
    data = _encode(rows)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            import_sheet(engine, data, name="sheet.csv", reviewer="Ann")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(p for _, p, _, _ in _rows(engine)) == pmids
    engine.dispose()


# --- cells past the columns' types ---------------------------------------------------------


def _one_row(engine, **cells: str) -> bytes:
    rows = _cells(_sheet(engine, "recent-ketamine"))[:1]
    rows[0].update({"decision": "include", **cells})
    return _encode(rows)


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"pmid": "99999999999999999999"}, "row 2: PMID 99999999999999999999 is out of range"),
        ({"pmid": "²"}, "row 2: PMID '²' is not a number"),
        ({"base": "99999999999999999999"}, "row 2: base 99999999999999999999 is out of range"),
        ({"base": "99999999999"}, "row 2: base 99999999999 is out of range"),
        ({"note": "a\x00b"}, "row 2: note holds a NUL character"),
        ({"note": "x" * 20_001}, "row 2: note is longer than 20000 characters"),
    ],
)
def test_values_past_the_column_types_are_row_errors(seed, cells, problem):
    engine = open_engine(seed.url)
    with pytest.raises(SheetError) as caught:
        import_sheet(engine, _one_row(engine, **cells), name="s.csv", reviewer="Ann")
    assert problem in caught.value.problems[0]
    assert _rows(engine) == []
    engine.dispose()


def test_a_cell_as_long_as_the_longest_abstract_is_read():
    abstract = "word " * 40_000  # 200,000 characters: the abstract cap, past csv's 131,072
    data = _encode([{"claim_id": "c", "pmid": "1", "abstract": abstract, "decision": ""}])
    ((number, cells),) = read_sheet(data, "s.csv")
    assert (number, len(cells["abstract"])) == (2, 199_999)


def test_a_cell_past_every_field_limit_is_a_row_error_not_a_traceback():
    data = _encode([{"claim_id": "c", "pmid": "1", "note": "x" * 2_100_000, "decision": ""}])
    with pytest.raises(SheetError) as caught:
        read_sheet(data, "s.csv")
    assert str(caught.value) == "s.csv: row 2: a cell is longer than 2000000 characters"


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.dictionaries(
        st.sampled_from(["pmid", "base", "note", "decision", "reason", "verdict", "claim_id"]),
        st.text(st.characters(codec="utf-8"), max_size=40)
        | st.integers(min_value=-(2**70), max_value=2**70).map(str),
    )
)
def test_any_cell_values_are_imported_or_refused_in_one_error(seed, cells):
    engine = open_engine(seed.url)
    try:
        import_sheet(engine, _one_row(engine, **cells), name="s.csv", reviewer="Hy")
    except SheetError as exc:
        assert exc.problems and all(p.startswith("row 2: ") for p in exc.problems)
    finally:
        engine.dispose()


# --- reviewer names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Ann\u200b", "Ann\u2060", "\u200dAnn", "Ａｎｎ", "Ann\ufeff", " Ann "]
)
def test_look_alike_spellings_of_a_name_are_one_reviewer(name):
    assert decisions.clean_reviewer(name) == "Ann"


def test_a_name_mixing_scripts_is_refused():
    problems = decisions.problems(Decision("c", 1, "\u0410nn", "include"), [])
    assert problems == ["reviewer 'Аnn' mixes Cyrillic and Latin letters (a look-alike name?)"]


# --- a dry run writes nothing at all ---------------------------------------------------------


def test_a_dry_run_against_a_legacy_store_refuses_and_leaves_it_unchanged(runner, tmp_path):
    store = tmp_path / "old.sqlite"
    shutil.copy(LEGACY, store)
    before = store.read_bytes()
    sheet = tmp_path / "s.csv"
    sheet.write_text("claim_id,pmid,decision\r\n")
    result = runner.invoke(
        cli,
        ["import", "screening", str(sheet), "--reviewer", "Ann", "--dry-run", "--db", str(store)],
    )
    assert result.exit_code == 1, result.output
    assert result.output.strip() == (
        f"Error: sqlite:///{store}: the store's schema is legacy; --dry-run writes nothing: "
        "run `littrack db upgrade` first"
    )
    assert store.read_bytes() == before
