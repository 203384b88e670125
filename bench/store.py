"""Ingest speed of parsed PubMed records into SQLite and PostgreSQL, records/s.

    python bench/store.py [--records 50000] [--batch 500] [--postgres-url URL]

The real records of the baseline excerpts in tests/samples are parsed once, then copied
under new PMIDs up to --records. They go in through store.fetch.writes.upsert_articles as the
fetch job writes them: one transaction per efetch-sized batch (--batch). Linking all of
them to one claim (store.fetch.writes.link_claim, one transaction, as the job links a claim) is
timed on its own. SQLite: a fresh file in a temporary folder. PostgreSQL: a fresh database
created next to --postgres-url's (default LITTRACK_TEST_PG_URL or the CI server) and
dropped afterwards; skipped, with the reason printed, when no server answers.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import copies, print_machine, sample_records, summary_line

DEFAULT_PG = os.environ.get(
    "LITTRACK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
#: Copies get PMIDs from here up: far above any real PMID, so nothing clashes.
START_PMID = 900_000_000


def ingest(url: str, records: list, batch: int) -> dict[str, float]:
    """Seconds to upsert `records` (batch by batch) and to link them all to one claim."""
    from store.db.connect import open_engine, utcnow
    from store.fetch import writes
    from store.models import Claim, Outline, Topic

    engine = open_engine(url)
    try:
        claim = Claim(
            claim_id="bench-claim",
            topic_id="bench",
            claim="Benchmark claim.",
            query="ketamine[tiab]",
        )
        outline = Outline("bench", "bench/store.py", "ketamine", (Topic("bench", "B", (claim,)),))
        with engine.begin() as conn:
            writes.sync_outline(conn, outline, now=utcnow())
            run_id = writes.start_run(
                conn, now=utcnow(), mode="full", outline_path="", claims_total=1
            )
        start = time.perf_counter()
        for i in range(0, len(records), batch):
            with engine.begin() as conn:
                writes.upsert_articles(conn, records[i : i + batch], fetched_at=utcnow())
        upsert_s = time.perf_counter() - start
        pmids = [r.pmid for r in records]
        start = time.perf_counter()
        with engine.begin() as conn:
            new, _dropped = writes.link_claim(
                conn, "bench-claim", pmids, run_id=run_id, now=utcnow(), complete=True
            )
        link_s = time.perf_counter() - start
        with engine.connect() as conn:
            from sqlalchemy import func, select

            from store.db.schema import articles, claim_articles

            stored = conn.execute(select(func.count()).select_from(articles)).scalar()
            linked = conn.execute(select(func.count()).select_from(claim_articles)).scalar()
        if stored != len(records) or linked != len(records) or new != len(records):
            raise SystemExit(f"{url}: stored {stored}, linked {linked} of {len(records)}")
        return {"upsert_s": upsert_s, "link_s": link_s}
    finally:
        engine.dispose()


def postgres_database(admin_url: str):
    """(url of a fresh database, drop function) or (None, reason)."""
    import sqlalchemy as sa

    from store.db.connect import resolve_db_url

    try:
        admin = sa.create_engine(resolve_db_url(admin_url), isolation_level="AUTOCOMMIT")
        name = f"littrack_bench_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # any failure means "no server to use"
        return None, f"no PostgreSQL answers at {admin_url}: {str(exc).splitlines()[0]}"
    url = admin.url.set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def report(name: str, n: int, result: dict[str, float]) -> None:
    print(
        f"{name:>10}: upsert {n} records in {result['upsert_s']:.2f} s = "
        f"{n / result['upsert_s']:,.0f} records/s; link {n} in {result['link_s']:.2f} s = "
        f"{n / result['link_s']:,.0f} links/s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=50_000, help="records to ingest")
    parser.add_argument("--batch", type=int, default=500, help="records per transaction")
    parser.add_argument("--postgres-url", default=DEFAULT_PG, help="an existing PG database")
    parser.add_argument("--skip-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)

    print_machine()
    start = time.perf_counter()
    real = sample_records()
    parse_s = time.perf_counter() - start
    records = list(copies(real, args.records, START_PMID))
    print(
        f"input: {len(real)} real records parsed in {parse_s:.1f} s, copied to "
        f"{len(records)} under new PMIDs; batch {args.batch} per transaction"
    )
    n = len(records)
    values: dict[str, object] = {"records": n}

    with tempfile.TemporaryDirectory(prefix="littrack-bench-store-") as tmp:
        sqlite = ingest(f"sqlite:///{Path(tmp) / 'littrack.sqlite'}", records, args.batch)
    report("sqlite", n, sqlite)

    postgres = None
    if args.skip_postgres:
        print("postgresql: skipped (--skip-postgres)")
    else:
        url, drop = postgres_database(args.postgres_url)
        if url is None:
            print(f"postgresql: skipped ({drop})")
        else:
            try:
                postgres = ingest(url, records, args.batch)
            finally:
                drop()
            report("postgresql", n, postgres)

    values["sqlite_rec_per_s"] = f"{n / sqlite['upsert_s']:.0f}"
    values["postgres_rec_per_s"] = f"{n / postgres['upsert_s']:.0f}" if postgres else "skipped"
    values["sqlite_link_per_s"] = f"{n / sqlite['link_s']:.0f}"
    values["postgres_link_per_s"] = f"{n / postgres['link_s']:.0f}" if postgres else "skipped"
    print(summary_line("store", values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
