"""One reader for fetch runs (store.read.runs): `littrack status` and the Fetch status page
read the same rows, so their per-claim numbers cannot drift apart."""

from __future__ import annotations

from store.db.connect import open_engine
from store.read import runs
from tests.support.dashboard_seed import build_seed


def test_status_and_the_fetch_status_page_agree_per_claim(db_url):
    seed = build_seed(db_url)
    engine = open_engine(seed.url)
    page = runs.claim_fetch_status(engine).set_index("claim_id")
    status = {row["claim_id"]: row for row in runs.claim_freshness(engine)}
    history = runs.run_history(engine)
    newest = runs.last_runs(engine, 5)
    engine.dispose()
    assert list(page.index) == list(status) and len(status) > 1
    for claim_id, row in status.items():
        assert row["records"] == page.loc[claim_id, "stored"] == len(seed.live.get(claim_id, {}))
        assert row["count"] == (
            None if page.isna().loc[claim_id, "expected"] else page.loc[claim_id, "expected"]
        )
        assert (row["last_status"] or "never fetched") == page.loc[claim_id, "status"]
    assert [r["run_id"] for r in newest] == list(history["run_id"])[: len(newest)]
