""" "Records" means one thing everywhere: the distinct PMIDs with a live link (link not
dropped, article not withdrawn, claim still in the outline). `littrack status`, the
dashboard's overview, the digest and the exports must give the same number on one store,
whether the summary tables are current or not.

The store is the read-side seed (tests/support/dashboard_seed.py) plus a third run whose
outline no longer has the veterinary topic: its claim's records stay stored (history) but are
no longer records. Before this test, `littrack status` counted every stored article."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from fetchers.ops.digest import build_digest
from fetchers.ops.status import collect_status
from store.db.connect import open_engine
from store.db.schema import articles
from store.evidence import novelty
from store.export.options import ExportOptions
from store.export.run import run_export
from store.fetch import summaries, writes
from store.models import Outline
from store.read import overview
from tests.support.dashboard_seed import OUTLINE, build_seed

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
RUN3_AT = "2026-11-23T03:00:00Z"
RUN3_END = "2026-11-23T03:01:00Z"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@pytest.fixture
def store(db_url):
    seed = build_seed(db_url)
    without_vet = Outline(
        title=OUTLINE.title,
        source=OUTLINE.source,
        subject=OUTLINE.subject,
        topics=tuple(t for t in OUTLINE.topics if t.topic_id != "veterinary"),
    )
    engine = open_engine(db_url)
    with engine.begin() as conn:
        writes.sync_outline(conn, without_vet, now=RUN3_AT)
        run3 = writes.start_run(
            conn, now=RUN3_AT, mode="incremental", outline_path="tests", claims_total=2
        )
        writes.finish_run(conn, run3, now=RUN3_END, status="ok", requests=2, new_records=0)
    engine.dispose()
    expected = set(seed.live["recent-ketamine"]) | set(seed.live["ketamine-reviews"])
    links = len(seed.live["recent-ketamine"]) + len(seed.live["ketamine-reviews"])
    return db_url, expected, links


def _is_evidence(url: str, pmid: int) -> bool:
    engine = open_engine(url, create=False)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                sa.select(articles.c.study_design, articles.c.retracted).where(
                    articles.c.pmid == pmid
                )
            ).one()
    finally:
        engine.dispose()
    return row.study_design != "non-evidence" and not row.retracted


def _dashboard_metric(monkeypatch, url: str) -> int:
    """The overview page's evidence records, as the dashboard renders it by default."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()  # the data version is the same before and after the refresh
    monkeypatch.setenv("LITTRACK_DB", url)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, at.exception
    shown = {m.label: m.value for m in at.metric}
    return int(str(shown["Evidence records"]).replace(",", ""))


def _every_count(url: str, all_records: bool = True) -> dict[str, int]:
    """The record counts of every reader, on raw retrieval (`all_records`, the switch every
    counting reader has; the record exports always keep every record) or on evidence."""
    engine = open_engine(url, create=False)
    try:
        dashboard = overview.record_totals(engine, all_records=all_records)["records"]
        digest_rows = novelty.new_links(
            engine, "1970-01-01T00:00:00Z", all_records=all_records
        ).to_dict(orient="records")
        # The digest lists new links only: a claim's first fetch is its baseline
        # (store.evidence.novelty), so it is checked against the records outside any baseline.
        with engine.connect() as conn:
            not_baseline = {
                pmid
                for (pmid,) in conn.execute(
                    sa.text(
                        """SELECT DISTINCT ca.pmid FROM claim_articles ca
                           JOIN articles a ON a.pmid = ca.pmid
                           JOIN claims c ON c.claim_id = ca.claim_id
                           WHERE ca.dropped_at IS NULL AND a.deleted_at IS NULL AND c.active
                           AND ca.first_run_id > (SELECT min(cc.run_id) FROM claim_counts cc
                               WHERE cc.claim_id = ca.claim_id AND cc.status = 'ok')"""
                    )
                )
            }
        if not all_records:
            not_baseline = {p for p in not_baseline if _is_evidence(url, p)}
    finally:
        engine.dispose()
    out = io.StringIO()
    run_export(ExportOptions("publications", bom=False), out, db=url)
    exported = {int(row["pmid"]) for row in csv.DictReader(io.StringIO(out.getvalue()))}
    ris = io.StringIO()
    run_export(ExportOptions("ris"), ris, db=url)
    ris_ids = {line.split("  - ", 1)[1] for line in ris.getvalue().splitlines() if line[:2] == "AN"}
    totals = collect_status(url)["totals"]
    return {
        "status": totals["all_records" if all_records else "records"],
        "dashboard": dashboard,
        "digest": len({row["pmid"] for row in digest_rows} ^ not_baseline) == 0,
        "export publications": len(exported),
        "export ris": len(ris_ids),
    }


def test_status_dashboard_digest_and_exports_count_the_same_records(store, monkeypatch):
    url, expected, links = store
    engine = open_engine(url, create=False)
    with engine.connect() as conn:
        stored = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar_one()
    engine.dispose()
    assert stored > len(expected), "the seed must store records that are not records"

    counts = _every_count(url)
    assert counts.pop("digest") is True
    assert counts == dict.fromkeys(
        ["status", "dashboard", "export publications", "export ris"], len(expected)
    )
    # Evidence (the default of every count): the same set less non-evidence and retracted
    # records, in status, the dashboard and the digest; the record exports keep them all.
    evidence = {p for p in expected if _is_evidence(url, p)}
    assert 0 < len(evidence) < len(expected)
    on_evidence = _every_count(url, all_records=False)
    assert on_evidence.pop("digest") is True
    assert on_evidence == {
        "status": len(evidence),
        "dashboard": len(evidence),
        "export publications": len(expected),
        "export ris": len(expected),
    }
    assert collect_status(url)["totals"]["links"] == links
    assert _dashboard_metric(monkeypatch, url) == len(evidence)
    digest = build_digest(url, EPOCH, datetime(2026, 11, 24, tzinfo=UTC), all_records=True)
    # Every live link but the baselines: recent-ketamine's run-2 links (its first fetch was
    # run 1; ketamine-reviews was first fetched in run 2, so all of its links are baseline).
    assert 0 < digest.links < links

    # The same again once the summary tables are current (the dashboard reads them then).
    engine = open_engine(url)
    with engine.begin() as conn:
        summaries.refresh_summaries(conn, now=RUN3_END)
    with engine.connect() as conn:
        from store.evidence.counting import summaries_current

        assert summaries_current(conn)
    engine.dispose()
    counts = _every_count(url)
    assert counts.pop("digest") is True
    assert set(counts.values()) == {len(expected)}
    again = _every_count(url, all_records=False)
    assert again.pop("digest") is True
    assert again == on_evidence
    assert _dashboard_metric(monkeypatch, url) == len(evidence)
