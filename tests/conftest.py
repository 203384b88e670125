"""Shared fixtures: a temporary store on SQLite or PostgreSQL, the CLI runner, sample paths.

The E-utilities emulator's fixtures live with the emulator (tests/emulator/fixtures.py).
"""

from __future__ import annotations

import os
import uuid
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


@pytest.fixture
def pg_url(postgres_available) -> str:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"littrack_t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'littrack.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A temporary database URL, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'littrack.sqlite'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


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
