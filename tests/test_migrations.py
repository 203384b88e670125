"""Schema migrations: a store written by littrack 0.1.0 opens with this release, upgraded in
place with nothing lost, on SQLite and PostgreSQL; a new store gets the same schema; a store
from a newer release is refused; a failed upgrade changes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner

from fetchers.cli import cli
from store.db import migrations
from store.db.connect import open_engine
from store.db.schema import articles, metadata
from store.errors import StoreError
from store.fetch.summary_tables import ARTICLE_RULE_COLUMNS

#: Each test builds an old release's schema in db_url, or watches a new store created there.
pytestmark = pytest.mark.empty_database

LEGACY = Path(__file__).parent / "legacy"

#: The tables littrack 0.1.0 wrote, each of which must keep every row.
TABLES_0_1_0 = (
    "schema_info",
    "topics",
    "claims",
    "articles",
    "claim_articles",
    "fetch_runs",
    "claim_counts",
    "year_counts",
    "summary_refresh",
    "summary_records",
    "summary_first_seen",
    "summary_pub_dates",
    "summary_topic_years",
)


def load_legacy(url: str, tmp_path: Path) -> str:
    """Put the 0.1.0 store at `url` (SQLite: a copy of the file 0.1.0 wrote; PostgreSQL: its
    pg_dump replayed into the empty test database). Returns the URL to open."""
    if url.startswith("sqlite"):
        target = tmp_path / "legacy.sqlite"
        shutil.copy(LEGACY / "littrack-0.1.0.sqlite", target)
        return f"sqlite:///{target}"
    dump = (LEGACY / "littrack-0.1.0.postgresql.sql").read_text()
    # psql meta-commands (\restrict) are not SQL; everything else is plain statements.
    sql = "\n".join(line for line in dump.splitlines() if not line.startswith("\\"))
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute(sql)  # no parameters: '%' in abstracts stays text
        raw.commit()
    finally:
        raw.close()
    engine.dispose()
    return url


def row_counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        counts = {
            t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar() for t in TABLES_0_1_0
        }
    engine.dispose()
    return counts


def schema_diff(engine: sa.Engine) -> list:
    with engine.connect() as conn:
        return compare_metadata(MigrationContext.configure(conn), metadata)


def state_of(url: str) -> str:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        state = migrations.schema_state(conn)
    engine.dispose()
    return state


@pytest.fixture
def legacy_url(db_url, tmp_path) -> str:
    return load_legacy(db_url, tmp_path)


def test_the_legacy_fixtures_are_0_1_0_stores(legacy_url):
    counts = row_counts(legacy_url)
    assert state_of(legacy_url) == "legacy"
    assert counts["fetch_runs"] == 2
    assert counts["claims"] == 4
    assert counts["articles"] > 40
    assert counts["claim_counts"] == 8


def test_a_new_store_has_exactly_the_current_schema(db_url):
    engine = open_engine(db_url)
    assert schema_diff(engine) == []
    with engine.connect() as conn:
        assert migrations.database_revisions(conn) == migrations.code_heads()
        assert migrations.schema_state(conn) == "current"


def test_a_0_1_0_store_is_upgraded_in_place_with_nothing_lost(legacy_url):
    before = row_counts(legacy_url)
    engine = open_engine(legacy_url)
    assert schema_diff(engine) == []
    assert row_counts(legacy_url) == before
    with engine.connect() as conn:
        assert migrations.schema_state(conn) == "current"
        pmids = conn.execute(sa.text("SELECT count(DISTINCT pmid) FROM claim_articles")).scalar()
    assert pmids > 40


def test_an_upgraded_store_takes_the_next_fetch(legacy_url, eutils_emulator, monkeypatch):
    monkeypatch.setenv("LITTRACK_EUTILS_URL", eutils_emulator.url)
    before = row_counts(legacy_url)
    outline = Path(__file__).parent / "outlines" / "fetch-small.yaml"
    result = CliRunner().invoke(cli, ["fetch", "--db", legacy_url, "--outline", str(outline)])
    assert result.exit_code == 0, result.output
    after = row_counts(legacy_url)
    assert after["fetch_runs"] == before["fetch_runs"] + 1
    assert after["claim_articles"] == before["claim_articles"]
    assert after["claim_counts"] == before["claim_counts"] + 4


def test_db_upgrade_reports_what_it_did_then_that_it_is_current(legacy_url):
    runner = CliRunner()
    first = runner.invoke(cli, ["db", "upgrade", "--db", legacy_url])
    assert first.exit_code == 0, first.output
    assert "upgraded; applied 0001_baseline (recognised the 0.1.0 schema)" in first.output
    second = runner.invoke(cli, ["db", "upgrade", "--db", legacy_url])
    assert second.output.rstrip().endswith(": already current")
    shown = runner.invoke(cli, ["db", "version", "--db", legacy_url, "--json"])
    assert '"state": "current"' in shown.output


def test_db_version_does_not_upgrade(legacy_url):
    result = CliRunner().invoke(cli, ["db", "version", "--db", legacy_url])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].endswith(": legacy")
    assert result.output.splitlines()[-1] == (
        "next: littrack db upgrade (or any littrack command that opens the store)"
    )
    assert state_of(legacy_url) == "legacy"


def test_a_store_from_a_newer_release_is_refused(db_url):
    open_engine(db_url).dispose()
    engine = sa.create_engine(db_url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        # one row per head: with several feature revisions there are several rows
        conn.execute(sa.text("DELETE FROM alembic_version"))
        conn.execute(
            sa.text("INSERT INTO alembic_version (version_num) VALUES ('9999_from_the_future')")
        )
    engine.dispose()
    with pytest.raises(StoreError) as caught:
        open_engine(db_url)
    assert str(caught.value).endswith(
        ": written by a newer littrack (schema revision 9999_from_the_future); "
        "install that release or a later one to open it"
    )
    result = CliRunner().invoke(cli, ["db", "upgrade", "--db", db_url])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "written by a newer littrack (schema revision 9999_from_the_future)" in result.output


FAILING_REVISION = """
import sqlalchemy as sa
from alembic import op

revision = "9000_fails"
down_revision = {heads!r}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("half_done", sa.Text))
    op.execute("UPDATE claims SET claim = 'overwritten'")
    raise RuntimeError("disk on fire")


def downgrade():
    pass
"""


def test_a_failed_upgrade_leaves_the_old_store_as_it_was(legacy_url, tmp_path, monkeypatch):
    broken = tmp_path / "migrations"
    shutil.copytree(migrations.MIGRATIONS_DIR, broken, ignore=shutil.ignore_patterns("__pycache__"))
    heads = tuple(sorted(migrations.code_heads()))
    (broken / "versions" / "9000_fails.py").write_text(
        FAILING_REVISION.format(heads=heads if len(heads) > 1 else heads[0])
    )
    monkeypatch.setattr(migrations, "MIGRATIONS_DIR", broken)
    before = row_counts(legacy_url)

    with pytest.raises(RuntimeError, match="disk on fire"):
        open_engine(legacy_url)

    assert state_of(legacy_url) == "legacy"
    assert row_counts(legacy_url) == before
    engine = sa.create_engine(legacy_url, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
        columns = {c["name"] for c in sa.inspect(conn).get_columns("articles")}
        claims = {r[0] for r in conn.execute(sa.text("SELECT claim FROM claims"))}
    engine.dispose()
    assert "half_done" not in tables and "alembic_version" not in tables
    assert "half_done" not in columns
    assert "overwritten" not in claims

    monkeypatch.undo()
    open_engine(legacy_url).dispose()
    assert state_of(legacy_url) == "current"
    assert row_counts(legacy_url) == before


OPEN = "import sys; from store.db.connect import open_engine; open_engine(sys.argv[1]).dispose()"


def test_two_processes_opening_a_0_1_0_store_at_once_both_succeed(legacy_url):
    before = row_counts(legacy_url)
    procs = [
        subprocess.Popen([sys.executable, "-c", OPEN, legacy_url], stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    assert state_of(legacy_url) == "current"
    assert row_counts(legacy_url) == before


def test_0007_fills_the_evidence_map_summary_from_the_stored_links(legacy_url):
    """Revision 0007_claim_designs: an upgraded 0.1.0 store's evidence map is right before
    its next fetch. The summary holds the stored links' designs when the summaries are
    current; 0002_evidence recomputes every design and marks them stale (the heads run in
    either order), and the map then counts live until the next fetch rewrites them."""
    from store.evidence import counting as queries
    from store.read import evidence_map

    engine = open_engine(legacy_url)
    with engine.connect() as conn:
        filled = {
            (c, d): n
            for c, d, n in conn.execute(
                sa.text("SELECT claim_id, design, records FROM summary_claim_designs")
            )
        }
        live = {
            (c, d): n
            for c, d, n in conn.execute(
                sa.text(
                    """SELECT ca.claim_id, a.study_design, count(*) FROM claim_articles ca
                       JOIN articles a ON a.pmid = ca.pmid
                       JOIN claims c ON c.claim_id = ca.claim_id
                       WHERE ca.dropped_at IS NULL AND a.deleted_at IS NULL AND c.active
                       GROUP BY ca.claim_id, a.study_design"""
                )
            )
        }
        current = queries.summaries_current(conn)
    assert sum(live.values()) > 40 and filled
    if current:
        assert filled == live
    grid = evidence_map.evidence_map(engine)
    shown = {(r.claim_id, r.design): r.records for r in grid.itertuples() if r.records}
    assert shown == live
    engine.dispose()


# -- 0006_outline_scope (issue 12 part B) ------------------------------------------------------


def test_0006_gives_0_1_0_claims_scope_any_and_the_next_fetch_explains_old_links(
    legacy_url, eutils_emulator, monkeypatch
):
    """A 0.1.0 store: its claims count exactly as before (scope any, not context, restating
    nothing), `claim_matches` starts empty, and the next fetch explains every link already
    stored, from the stored records (efetch is not asked for them again)."""
    before = row_counts(legacy_url)
    engine = open_engine(legacy_url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT scope, context, restates FROM claims ORDER BY claim_id")
        ).all()
        matches = conn.execute(sa.text("SELECT count(*) FROM claim_matches")).scalar()
        links = conn.execute(
            sa.text("SELECT count(*) FROM claim_articles WHERE dropped_at IS NULL")
        ).scalar()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("any", False, "")] * before["claims"]
    assert matches == 0 and links > 40

    monkeypatch.setenv("LITTRACK_EUTILS_URL", eutils_emulator.url)
    outline = Path(__file__).parent / "outlines" / "fetch-small.yaml"
    result = CliRunner().invoke(cli, ["fetch", "--db", legacy_url, "--outline", str(outline)])
    assert result.exit_code == 0, result.output
    assert not eutils_emulator.requests_to("efetch")
    engine = open_engine(legacy_url)
    with engine.connect() as conn:
        explained = conn.execute(
            sa.text(
                "SELECT count(*) FROM claim_matches m JOIN claim_articles l "
                "ON l.claim_id = m.claim_id AND l.pmid = m.pmid WHERE l.dropped_at IS NULL"
            )
        ).scalar()
    engine.dispose()
    assert explained == links


def test_the_dashboard_explains_a_0_1_0_store_and_leaves_it_as_it_was(legacy_url, monkeypatch):
    """The dashboard only reads: it does not upgrade, and says what to run instead of
    failing on the columns a 0.1.0 store lacks."""
    from streamlit.testing.v1 import AppTest

    if legacy_url.startswith("sqlite"):
        path = Path(sa.engine.make_url(legacy_url).database)
        before = path.read_bytes()
    monkeypatch.setenv("LITTRACK_DB", legacy_url)
    at = AppTest.from_file(str(Path(__file__).parents[1] / "streamlit_app.py"))
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "littrack: this database needs an upgrade"
    assert any("Run `littrack db upgrade`" in w.value for w in at.warning)
    assert state_of(legacy_url) == "legacy"
    if legacy_url.startswith("sqlite"):
        assert path.read_bytes() == before


def test_a_reading_command_upgrades_a_0_1_0_store_on_first_use(legacy_url, tmp_path):
    before = row_counts(legacy_url)
    out = tmp_path / "all.csv"
    result = CliRunner().invoke(
        cli, ["export", "publications", "--db", legacy_url, "--out", str(out), "--no-notes"]
    )
    assert result.exit_code == 0, result.output
    assert state_of(legacy_url) == "current"
    assert row_counts(legacy_url) == before
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) > 40


# -- 0010_count_once ---------------------------------------------------------------------------


def test_0010_fills_superseded_by_and_widens_the_covering_indexes(legacy_url):
    """A 0.1.0 store gains articles.superseded_by, filled from what it stored (here two
    records given one DOI before the upgrade: the later PMID points to the first), and the
    covering indexes gain superseded_by and first_run_id; no row is lost."""
    engine = sa.create_engine(legacy_url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        first, second = [
            p for (p,) in conn.execute(sa.text("SELECT pmid FROM articles ORDER BY pmid LIMIT 2"))
        ]
        conn.execute(
            sa.text("UPDATE articles SET doi = :doi WHERE pmid IN (:a, :b)"),
            {"doi": "10.9999/littrack.same", "a": first, "b": second},
        )
    engine.dispose()
    before = row_counts(legacy_url)
    engine = open_engine(legacy_url)
    with engine.connect() as conn:
        # Upgraded to this code's heads: 0010_count_once ran (0016 merges it with 0009).
        assert migrations.database_revisions(conn) == migrations.code_heads()
        assert "0010_count_once" in migrations.known_revisions()
        flagged = conn.execute(
            sa.text("SELECT pmid, superseded_by FROM articles WHERE superseded_by IS NOT NULL")
        ).all()
    inspector = sa.inspect(engine)
    indexes = {
        i["name"]: i["column_names"]
        for table in ("articles", "claim_articles")
        for i in inspector.get_indexes(table)
    }
    engine.dispose()
    assert [tuple(r) for r in flagged] == [(second, first)]
    # (0016_species_in_live_index adds species_source after them)
    assert indexes["ix_articles_live"][-5:-1] == ["superseded_by", "concern", "humans", "animals"]
    assert indexes["ix_claim_articles_live"] == [
        "claim_id", "dropped_at", "pmid", "first_seen", "first_run_id",
    ]  # fmt: skip
    assert row_counts(legacy_url) == before


# -- 0016_species_in_live_index ----------------------------------------------------------------


def test_0016_covers_the_claims_scope_in_the_articles_index(legacy_url):
    """The upgraded 0.1.0 store's ix_articles_live ends with species_source, and the summary
    refresh's copy of the live articles reads that index alone (no scan of the wide rows)."""
    before = row_counts(legacy_url)
    engine = open_engine(legacy_url)
    try:
        with engine.connect() as conn:
            assert "0016_species_in_live_index" in migrations.database_revisions(conn)
            columns = {
                i["name"]: i["column_names"] for i in sa.inspect(conn).get_indexes("articles")
            }["ix_articles_live"]
            if conn.dialect.name == "sqlite":
                rows = sa.select(*(articles.c[n] for n in ARTICLE_RULE_COLUMNS)).where(
                    articles.c.deleted_at.is_(None)
                )
                sql = str(rows.compile(conn, compile_kwargs={"literal_binds": True}))
                plan = " ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
                assert "COVERING INDEX ix_articles_live" in plan
    finally:
        engine.dispose()
    assert columns[-1] == "species_source"
    assert row_counts(legacy_url) == before
