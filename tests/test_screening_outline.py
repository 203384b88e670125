"""The outline's `screening_reasons`: validated by `littrack outline check`, stored by
`littrack fetch`, offered on the Screen page and enforced by the import."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from fetchers.cli import cli
from fetchers.outline.load import check_outline, load_outline
from store.db.connect import open_engine
from store.screening import decisions

OUTLINES = Path(__file__).parent / "outlines"


def _with_reasons(tmp_path: Path, block: str, source: str = "fetch-small.yaml") -> Path:
    text = (OUTLINES / source).read_text(encoding="utf-8")
    path = tmp_path / "outline.yaml"
    path.write_text(block + text, encoding="utf-8")
    return path


def test_reasons_are_read_in_order(tmp_path):
    path = _with_reasons(
        tmp_path, "screening_reasons:\n  - not in adults\n  - 'no  comparator'\n  - other\n"
    )
    assert load_outline(path).screening_reasons == ("not in adults", "no comparator", "other")
    assert load_outline(OUTLINES / "fetch-small.yaml").screening_reasons == ()


@pytest.mark.parametrize(
    ("block", "problem", "line"),
    [
        ("screening_reasons: []\n", "'screening_reasons' must be a non-empty list of texts", 1),
        ("screening_reasons:\n  - other\n  - other\n", "duplicate screening reason 'other'", 3),
        ("screening_reasons:\n  - 12\n", "a screening reason must be non-empty text", 2),
        ("screening_reasons:\n  - ''\n", "a screening reason must be non-empty text", 2),
    ],
)
def test_bad_reasons_are_located(tmp_path, block, problem, line):
    report = check_outline(_with_reasons(tmp_path, block))
    assert [(e.problem, e.line) for e in report.errors] == [(problem, line)]


def test_fetch_stores_the_reasons_and_the_import_enforces_them(tmp_path, emulator_env, monkeypatch):
    # With a key NCBI allows 10 requests/s, not 3: this test is about the reasons, and the
    # emulator serves a keyed client at that rate (39 s → 12 s).
    monkeypatch.setenv("NCBI_API_KEY", "test-key")
    path = _with_reasons(tmp_path, "screening_reasons:\n  - off topic\n  - not human\n")
    db = tmp_path / "store.sqlite"
    runner = CliRunner()
    result = runner.invoke(cli, ["fetch", "--db", str(db), "--outline", str(path)])
    assert result.exit_code == 0, result.output
    engine = open_engine(str(db))
    with engine.connect() as conn:
        assert decisions.reasons(conn) == ["off topic", "not human"]
        claim_id, pmid = conn.exec_driver_sql(
            "SELECT claim_id, pmid FROM claim_articles ORDER BY claim_id, pmid LIMIT 1"
        ).one()
    with pytest.raises(decisions.ScreeningError) as err:
        decisions.record_decision(
            engine, decisions.Decision(claim_id, pmid, "Ann", "exclude", reason="duplicate")
        )
    assert str(err.value) == "reason 'duplicate' is not one of off topic, not human"
    decisions.record_decision(
        engine, decisions.Decision(claim_id, pmid, "Ann", "exclude", reason="off topic")
    )
    engine.dispose()
