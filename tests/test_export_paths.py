"""One export path: every kind of export, from the CLI or the dashboard, goes through
store.export.run and the one safe writer (store.export.files)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dashboard import data
from fetchers.cli import cli
from store.db.connect import open_engine
from store.export.options import KINDS
from store.read.publications import PublicationFilter
from store.screening.decisions import Decision, record_decision
from tests.support.dashboard_seed import build_seed, topic_of

NOT_REGULAR = (
    "not a regular file (a device, FIFO or socket); use --out - to write to standard output"
)


@pytest.fixture
def seed(db_url):
    return build_seed(db_url)


def _scope(kind: str, seed) -> list[str]:
    claim_id = sorted(seed.live)[0]
    return ["--claim", claim_id] if kind == "screening" else []


@pytest.mark.parametrize("kind", KINDS)
def test_every_export_writes_through_a_symlink_and_keeps_it(runner, seed, tmp_path, kind):
    target = tmp_path / "real" / f"{kind}.out"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / f"{kind}-link.out"
    link.symlink_to(target)
    args = ["export", kind, *_scope(kind, seed), "--out", str(link), "--db", seed.url]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text(encoding="utf-8-sig") not in ("", "old\n")
    notes = tmp_path / f"{kind}-link.out.notes.txt"
    assert notes.is_file() and "rows" in notes.read_text()
    assert sorted(p.name for p in target.parent.iterdir()) == [f"{kind}.out"]  # no temp left


@pytest.mark.parametrize("kind", KINDS)
def test_every_export_refuses_a_fifo_and_a_device(runner, seed, tmp_path, kind):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target in (str(fifo), "/dev/null"):
        args = ["export", kind, *_scope(kind, seed), "--out", target, "--db", seed.url]
        result = runner.invoke(cli, args)
        assert result.exit_code == 1
        assert result.output.strip() == f"Error: {target}: {NOT_REGULAR}"
    assert fifo.exists() and not fifo.is_file()


def test_a_planted_part_link_is_not_followed(runner, seed, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    out = tmp_path / "sheet.csv"
    (tmp_path / "sheet.csv.part").symlink_to(victim)
    claim_id = sorted(seed.live)[0]
    args = ["export", "screening", "--claim", claim_id, "--out", str(out), "--db", seed.url]
    assert runner.invoke(cli, args).exit_code == 0
    assert victim.read_text() == "keep me\n"
    assert out.read_text(encoding="utf-8-sig").startswith("claim_id,")


def test_dashboard_publications_csv_equals_the_cli_export(runner, seed, tmp_path):
    """The drift 0.2.0 had: the dashboard's CSV left the screening columns empty."""
    claim_id = max(seed.live, key=lambda c: len(seed.live[c]))
    topic_id = topic_of(claim_id)
    pmid = sorted(seed.live[claim_id])[0]
    engine = open_engine(seed.url)
    record_decision(engine, Decision(claim_id, pmid, "Ann", "include", verdict="supports"))
    engine.dispose()

    out = tmp_path / "cli.csv"
    args = ["export", "publications", "--topic", topic_id, "--out", str(out), "--db", seed.url]
    assert runner.invoke(cli, args).exit_code == 0
    shown = data.publication_export(seed.url, data.filter_key(PublicationFilter(topic_id=topic_id)))
    assert shown == out.read_bytes()
    line = next(
        row
        for row in shown.decode("utf-8-sig").splitlines()
        if f",{pmid}," in row and row.startswith(claim_id)
    )
    assert "include" in line and "supports" in line and "Ann: include, supports" in line


def test_the_cli_lists_the_kinds_the_store_writes():
    from store.export.run import WRITERS

    assert list(WRITERS) == list(KINDS)
    assert Path(__file__).exists()


@pytest.mark.parametrize("all_records", [False, True])
def test_the_digest_and_the_new_page_list_the_same_new_links(seed, all_records):
    """One definition of "new since a date": the digest counted evidence only, the New page
    every record, under different column names; both now read store.evidence.novelty."""
    from datetime import UTC, datetime

    from fetchers.ops.digest import build_digest
    from store.evidence import novelty

    since = datetime(1970, 1, 1, tzinfo=UTC)
    digest = build_digest(seed.url, since, datetime.now(UTC), all_records=all_records)
    engine = open_engine(seed.url)
    page = novelty.new_links(engine, "1970-01-01T00:00:00Z", all_records=all_records)
    shown = data.count_new_links(seed.url, "v", "1970-01-01T00:00:00Z", all_records)
    counted = novelty.count_new_links(engine, "1970-01-01T00:00:00Z", all_records=all_records)
    every = novelty.count_new_links(engine, "1970-01-01T00:00:00Z", all_records=True)
    evidence = novelty.count_new_links(engine, "1970-01-01T00:00:00Z")
    engine.dispose()
    assert digest.links == len(page) == counted == shown > 0
    assert evidence <= every
    assert {"topic", "design", "first_seen"} <= set(page.columns)
