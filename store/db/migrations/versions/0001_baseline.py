"""The schema as littrack 0.1.0 created it: every later revision starts here.

A new database runs this and then every later revision; a database written by 0.1.0 (it has
the tables and `schema_info`, but no `alembic_version`) is stamped with this revision instead
of running it. The tables are frozen here as they were, on purpose: store/db/schema.py describes
the current shape and moves on, this file must not.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_baseline"
down_revision = None
branch_labels = None
depends_on = None


def schema_0_1_0() -> sa.MetaData:
    """The 0.1.0 tables, column for column."""
    metadata = sa.MetaData()

    sa.Table(
        "schema_info",
        metadata,
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )

    sa.Table(
        "topics",
        metadata,
        sa.Column("topic_id", sa.String(200), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("outline_title", sa.Text, nullable=False, server_default=""),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    )

    sa.Table(
        "claims",
        metadata,
        sa.Column("claim_id", sa.String(200), primary_key=True),
        sa.Column("topic_id", sa.String(200), nullable=False, index=True),
        sa.Column("group_name", sa.Text, nullable=False, server_default=""),
        sa.Column("claim", sa.Text, nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("query_version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("reference_query", sa.Text, nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )

    sa.Table(
        "articles",
        metadata,
        sa.Column("pmid", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("abstract", sa.Text, nullable=False, server_default=""),
        sa.Column("is_book", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("citation_status", sa.String(32), nullable=False, server_default=""),
        sa.Column("journal", sa.Text, nullable=False, server_default=""),
        sa.Column("journal_iso", sa.Text, nullable=False, server_default=""),
        sa.Column("volume", sa.Text, nullable=False, server_default=""),
        sa.Column("issue", sa.Text, nullable=False, server_default=""),
        sa.Column("pages", sa.Text, nullable=False, server_default=""),
        sa.Column("pub_year", sa.Integer, index=True),
        sa.Column("pub_month", sa.Integer),
        sa.Column("pub_day", sa.Integer),
        sa.Column("pub_date", sa.String(10), index=True),
        sa.Column("pub_date_text", sa.Text, nullable=False, server_default=""),
        sa.Column("electronic_date", sa.String(10)),
        sa.Column("entrez_date", sa.String(10), index=True),
        sa.Column("date_revised", sa.String(10)),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("first_author", sa.Text, nullable=False, server_default=""),
        sa.Column("languages", sa.JSON, nullable=False),
        sa.Column("language", sa.String(16), nullable=False, server_default=""),
        sa.Column("publication_types", sa.JSON, nullable=False),
        sa.Column("mesh", sa.JSON, nullable=False),
        sa.Column("keywords", sa.JSON, nullable=False),
        sa.Column("doi", sa.Text),
        sa.Column("pmc", sa.String(32)),
        sa.Column("retracted", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("retraction_in", sa.JSON, nullable=False),
        sa.Column("erratum_in", sa.JSON, nullable=False),
        sa.Column(
            "study_design", sa.String(32), nullable=False, server_default="other", index=True
        ),
        sa.Column("humans", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("animals", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("fetched_at", sa.String(32), nullable=False),
        sa.Column("deleted_at", sa.String(32)),
        sa.Index(
            "ix_articles_live",
            "pmid",
            "deleted_at",
            "study_design",
            "pub_date",
            "pub_year",
            "entrez_date",
        ),
    )

    sa.Table(
        "claim_articles",
        metadata,
        sa.Column("claim_id", sa.String(200), primary_key=True),
        sa.Column("pmid", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("first_seen", sa.String(32), nullable=False),
        sa.Column("last_seen", sa.String(32), nullable=False),
        sa.Column("first_run_id", sa.Integer),
        sa.Column("dropped_at", sa.String(32)),
        sa.Index("ix_claim_articles_pmid", "pmid"),
        sa.Index("ix_claim_articles_live", "claim_id", "dropped_at", "pmid", "first_seen"),
        sa.Index("ix_claim_articles_first_seen", "first_seen"),
    )

    sa.Table(
        "fetch_runs",
        metadata,
        sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(16), nullable=False, server_default="incremental"),
        sa.Column("outline_path", sa.Text, nullable=False, server_default=""),
        sa.Column("claims_total", sa.Integer, nullable=False, server_default="0"),
        sa.Column("claims_failed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("requests", sa.Integer, nullable=False, server_default="0"),
        sa.Column("retries", sa.Integer, nullable=False, server_default="0"),
        sa.Column("errors", sa.Integer, nullable=False, server_default="0"),
        sa.Column("new_records", sa.Integer, nullable=False, server_default="0"),
        sa.Column("message", sa.Text, nullable=False, server_default=""),
    )

    sa.Table(
        "claim_counts",
        metadata,
        sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("claim_id", sa.String(200), primary_key=True),
        sa.Column("query_version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("counted_at", sa.String(32), nullable=False),
        sa.Column("count", sa.Integer),
        sa.Column("retrieved", sa.Integer),
        sa.Column("new_links", sa.Integer, nullable=False, server_default="0"),
        sa.Column("dropped_links", sa.Integer, nullable=False, server_default="0"),
        sa.Column("searches", sa.Integer, nullable=False, server_default="0"),
        sa.Column("status", sa.String(16), nullable=False, server_default="ok"),
        sa.Column("error", sa.Text, nullable=False, server_default=""),
        sa.Column("query_translation", sa.Text, nullable=False, server_default=""),
        sa.Column("warnings", sa.Text, nullable=False, server_default=""),
    )

    sa.Table(
        "year_counts",
        metadata,
        sa.Column("series", sa.String(220), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("count", sa.BigInteger, nullable=False),
        sa.Column("query", sa.Text, nullable=False, server_default=""),
        sa.Column("counted_at", sa.String(32), nullable=False),
    )

    sa.Table(
        "fetch_lock",
        metadata,
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("run_id", sa.Integer),
        sa.Column("host", sa.Text, nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("acquired_at", sa.String(32), nullable=False),
        sa.Column("heartbeat_at", sa.String(32), nullable=False),
    )

    sa.Table(
        "summary_refresh",
        metadata,
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("refreshed_at", sa.String(32), nullable=False),
    )

    sa.Table(
        "summary_records",
        metadata,
        sa.Column("scope", sa.String(8), primary_key=True),
        sa.Column("scope_id", sa.String(200), primary_key=True),
        sa.Column("records", sa.Integer, nullable=False),
        sa.Column("high_level", sa.Integer, nullable=False),
    )

    sa.Table(
        "summary_first_seen",
        metadata,
        sa.Column("scope", sa.String(8), primary_key=True),
        sa.Column("scope_id", sa.String(200), primary_key=True),
        sa.Column("first_seen", sa.String(32), primary_key=True),
        sa.Column("records", sa.Integer, nullable=False),
    )

    sa.Table(
        "summary_pub_dates",
        metadata,
        sa.Column("scope", sa.String(8), primary_key=True),
        sa.Column("scope_id", sa.String(200), primary_key=True),
        sa.Column("pub_date", sa.String(10), primary_key=True),
        sa.Column("records", sa.Integer, nullable=False),
    )

    sa.Table(
        "summary_topic_years",
        metadata,
        sa.Column("topic_id", sa.String(200), primary_key=True),
        sa.Column("basis", sa.String(16), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("records", sa.Integer, nullable=False),
    )
    return metadata


def upgrade() -> None:
    bind = op.get_bind()
    schema_0_1_0().create_all(bind)
    info = sa.table("schema_info", sa.column("key"), sa.column("value"))
    op.execute(info.insert().values(key="schema_version", value="1"))


def downgrade() -> None:
    schema_0_1_0().drop_all(op.get_bind())
