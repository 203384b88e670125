"""Shared fixtures: a temporary store on SQLite or PostgreSQL, the CLI runner, sample paths.

The E-utilities emulator's fixtures live with the emulator (tests/emulator/fixtures.py).
The suite runs in four pytest-xdist workers (`-n 4`, docs/testing.md): everything here must
hold in two processes at once (fresh names, tmp_path, ports the OS picks).
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

pytest_plugins = ["tests.emulator.fixtures", "tests.support.fixtures_fetched"]

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = Path(__file__).resolve().parent / "samples"
KETAMINE_OUTLINE = ROOT / "data" / "outlines" / "ketamine-analgesia.yaml"

PG_ADMIN_URL = os.environ.get(
    "LITTRACK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def pytest_report_header(config):
    import sqlalchemy

    lines = [f"sqlalchemy {sqlalchemy.__version__}", f"postgres admin url: {PG_ADMIN_URL}"]
    return lines


#: The order in which the xdist workers take modules (`pytest_collection_modifyitems`): the
#: modules that took longest in a whole-suite run (four workers, 2026-12-08: every module of
#: 8 s or more), slowest first, so that the run ends on short ones (bench/RESULTS.md, "test
#: suite"). One exception: test_report_browser.py, the second slowest, comes fifth. It reads
#: the emulator-fetched store that test_dashboard_browser.py's worker fills first (about 45 s
#: on a busy machine); taken second, its worker only waited for that lock.
SLOWEST_MODULES = (
    "test_dashboard_browser.py",
    "test_screen_browser.py",
    "test_hostile_values.py",
    "test_fetch_job.py",
    "test_report_browser.py",
    "test_dashboard_screen.py",
    "test_fetch_hostile_server.py",
    "test_pubmed_xml.py",
    "test_fetch_robustness.py",
    "test_cli_errors.py",
    "test_reliability_generated.py",
    "test_queries.py",
    "test_dashboard_apptest.py",
    "test_migrations.py",
    "test_summaries.py",
    "test_emulator.py",
    "test_digest.py",
    "test_dashboard_hostile_values.py",
    "test_schedule.py",
    "test_up.py",
    "test_any_search.py",
    "test_count_once.py",
    "test_reliability_lock_waits.py",
    "test_screening.py",
    "test_dashboard_views.py",
    "test_parse_guard.py",
    "test_query_eval.py",
    "test_screening_outline.py",
    "test_status.py",
    "test_full_disk.py",
    "test_sheet_hostile_import.py",
    "test_cli.py",
    "test_query_online.py",
    "test_scope_and_matches.py",
    "test_eutils_client.py",
    "test_report_prisma.py",
    "test_query_lint.py",
    "test_export_paths.py",
    "test_badge_types.py",
    "test_export.py",
)


def _start_rank(item: pytest.Item) -> int:
    name = item.path.name
    return SLOWEST_MODULES.index(name) if name in SLOWEST_MODULES else len(SLOWEST_MODULES)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Under `-n N` (xdist; `--dist loadscope` in pyproject's addopts) each worker takes
    whole modules, in SLOWEST_MODULES' order and then the rest in file order, so that the run
    does not end with one long module on one worker while the others idle (a stable sort,
    last, so that pytest's own order within a module stays). One process keeps file order."""
    if hasattr(config, "workerinput"):
        items.sort(key=_start_rank)


def _postgres_reason() -> str | None:
    try:
        engine = sa.create_engine(PG_ADMIN_URL)
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure means "no server here"
        return f"no PostgreSQL answers at {PG_ADMIN_URL}: {str(exc).splitlines()[0]}"
    return None


@pytest.fixture(scope="session")
def postgres_available() -> None:
    reason = _postgres_reason()
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="session")
def _pg_admin(postgres_available) -> Iterator[tuple[sa.Engine, Callable[[str], None]]]:
    """The server's admin engine, and a function that drops a database in the background.

    DROP DATABASE takes the server seconds (it removes the files and waits for them), and
    nothing a test asserts depends on it: one thread drops the databases of finished tests
    while the next ones run. The session ends only when every drop succeeded; a failed one
    fails the session's last test, as it failed its own test when the drop was inline."""
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    dropper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-drop")
    pending: list[Future] = []

    def drop(name: str) -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    yield admin, lambda name: pending.append(dropper.submit(drop, name))
    dropper.shutdown(wait=True)
    admin.dispose()
    for done in pending:
        done.result()


def _pg_database(admin: sa.Engine, template: str | None = None) -> tuple[str, str]:
    """(name, URL) of a new database with a fresh random name, a copy of `template` if given."""
    name = f"littrack_t_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"{copy}'))
    url = sa.engine.make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    return name, url


@pytest.fixture(scope="session")
def _pg_template(_pg_admin) -> Iterator[str]:
    """A database this worker upgraded once through every migration, to copy from.

    Upgrading a new PostgreSQL database through every revision takes the server about a
    second; `CREATE DATABASE ... TEMPLATE` copies the result in a fraction of that. Nothing
    stays connected to it (PostgreSQL copies only an idle template), and each worker has its
    own, so the two never wait on each other's."""
    from store.db.connect import open_engine

    admin, drop_later = _pg_admin
    name, url = _pg_database(admin)
    open_engine(url).dispose()
    yield name
    drop_later(name)


@pytest.fixture
def pg_url(_pg_admin) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    admin, drop_later = _pg_admin
    name, url = _pg_database(admin)
    yield url
    drop_later(name)


@pytest.fixture
def pg_store_url(_pg_admin, _pg_template) -> Iterator[str]:
    """A fresh PostgreSQL database holding this code's schema and nothing else (what
    `open_engine` makes of an empty one), for one test, dropped afterwards."""
    admin, drop_later = _pg_admin
    name, url = _pg_database(admin, _pg_template)
    yield url
    drop_later(name)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'littrack.sqlite'}"


@pytest.fixture(scope="session")
def _sqlite_template(request, tmp_path_factory) -> Path:
    """A SQLite store this run upgraded once through every migration, to copy from (the
    upgrade costs a new file about 0.2 s of CPU; a copy, a millisecond)."""
    from tests.support.once_per_run import once_per_run

    def build(folder: Path) -> Path:
        from store.db.connect import open_engine

        path = folder / "template.sqlite"
        open_engine(f"sqlite:///{path}").dispose()  # closing checkpoints the WAL into the file
        return path

    return once_per_run(request, tmp_path_factory, "sqlite-template", build)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A temporary database URL, once for SQLite and once for PostgreSQL.

    Both already hold the current, empty schema (a copy of a store migrated once per run:
    `_sqlite_template`, `pg_store_url`), which the first `open_engine` finds current. A test
    that needs the database empty (one that builds an old release's schema, or watches a new
    store being created) is marked `empty_database`: its SQLite file does not exist yet and
    its PostgreSQL database has no tables."""
    empty = request.node.get_closest_marker("empty_database") is not None
    if request.param == "sqlite":
        path = tmp_path / "littrack.sqlite"
        if not empty:
            shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
        return f"sqlite:///{path}"
    if empty:
        return request.getfixturevalue("pg_url")
    return request.getfixturevalue("pg_store_url")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _first_screen_timer(monkeypatch):
    """Where a test module uses AppTest, a run that ends on the overview's first screen is
    followed by the loader's rerun, as a browser sends it (tests/support/apptest.py)."""
    tree = sys.modules.get("streamlit.testing.v1.element_tree")
    if tree is not None:
        from tests.support.apptest import following_the_loader

        monkeypatch.setattr(tree.ElementTree, "run", following_the_loader(tree.ElementTree.run))


@pytest.fixture(autouse=True)
def _short_retry_waits(monkeypatch):
    """Retries wait milliseconds instead of seconds, in every client a test builds in this
    process (the tests count retries and check outcomes; none times the waits, and a test
    about the waits passes its own backoff). Five retries cost ~8 s of sleep otherwise."""
    from fetchers.eutils import client

    monkeypatch.setattr(client, "BACKOFF_BASE", 0.01)
    monkeypatch.setattr(client, "BACKOFF_CAP", 0.2)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch, tmp_path):
    """Tests never see the developer's own settings or write to data/."""
    for var in (
        "LITTRACK_DB",
        "LITTRACK_OUTLINE",
        "LITTRACK_EUTILS_URL",
        "NCBI_API_KEY",
        "NCBI_EMAIL",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LITTRACK_DB", str(tmp_path / "default.sqlite"))
