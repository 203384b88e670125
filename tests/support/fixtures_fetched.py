"""Session fixtures with a database filled by the real fetch path (owned by the fetch job).

`fetched_db_url` is a SQLite database that `run_fetch` filled from the session emulator,
two nights in a row: between them one record gains MeSH terms (as MEDLINE indexing does
weeks after entry), so night two links it with a later first_seen and a later run id.
Dashboard, export and status tests read it; they must not write to it. Under pytest-xdist
the first worker that needs it fills it in the run's shared temporary folder and the others
wait for that worker's lock, then read the same file (so the two nights run once per run:
tests/support/once_per_run.py).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.support.once_per_run import once_per_run

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_OUTLINE = ROOT / "data" / "outlines" / "ketamine-analgesia.yaml"
SMALL_OUTLINE = ROOT / "tests" / "outlines" / "fetch-small.yaml"

#: A real MEDLINE record (vitamin D RCT, tests/samples/efetch-metapub-pmid_28731372.xml)
#: that matches no ketamine query until night two adds these MeSH terms.
LATE_INDEXED_PMID = 28731372
LATE_MESH = ("Ketamine", "Pain, Postoperative", "Analgesics")


def fetched_outline_path() -> Path:
    """The shipped ketamine outline once it exists, else the small fetch test outline."""
    return SHIPPED_OUTLINE if SHIPPED_OUTLINE.exists() else SMALL_OUTLINE


def emulator_client(emulator, *, api_key: str = "test-api-key-0123", **kwargs):
    """A client for the emulator: with an API key (10/s) and short backoff."""
    from fetchers.eutils.client import EutilsClient
    from fetchers.settings import EutilsSettings

    settings = EutilsSettings(base_url=emulator.url, api_key=api_key, email="tests@example.org")
    kwargs.setdefault("backoff_base", 0.01)
    kwargs.setdefault("backoff_cap", 0.2)
    return EutilsClient(settings, **kwargs)


@pytest.fixture(scope="session")
def fetched_emulator(eutils_corpus):
    """The session emulator behind `fetched_db_url` (its own: night two modifies a record)."""
    from tests.emulator.server import EutilsEmulator

    # Not a rate-limit test: the emulator's limit is off and the client paces at 100/s,
    # so ~400 requests (two nights, year counts included) take seconds, not a minute.
    emulator = EutilsEmulator(eutils_corpus.copy(), rate_limit_enabled=False).start()
    yield emulator
    emulator.stop()


@pytest.fixture(scope="session")
def fetched_run_summaries(request, tmp_path_factory):
    """(database URL, [night-1 summary, night-2 summary]), filled once per run."""
    return once_per_run(
        request, tmp_path_factory, "fetched-store", lambda folder: _fill(request, folder)
    )


def _fill(request, folder: Path):
    from fetchers.job.run import run_fetch
    from fetchers.outline.load import load_outline
    from store.db.connect import open_engine

    emulator = request.getfixturevalue("fetched_emulator")
    url = f"sqlite:///{folder / 'littrack.sqlite'}"
    outline = load_outline(fetched_outline_path())
    engine = open_engine(url)
    client = emulator_client(emulator, rate=100.0)
    try:
        first = run_fetch(engine, outline, client)
        emulator.modify_record(LATE_INDEXED_PMID, add_mesh=LATE_MESH)
        time.sleep(1.1)  # timestamps have 1 s resolution: night two must differ
        second = run_fetch(engine, outline, client)
    finally:
        client.close()
        engine.dispose()
    return url, [first, second]


@pytest.fixture(scope="session")
def fetched_db_url(fetched_run_summaries) -> str:
    """SQLite URL of a database filled by two real fetch runs (read it, don't write it)."""
    return fetched_run_summaries[0]
