"""Evidence classes and integrity flags (issue 10).

Adds to `articles`: design_source, concern, preprint, veterinary, updates, updated_by,
registry_ids, flagged_at (and retracted / veterinary to the covering index the counts use);
to the summary tables: the evidence-only counts next to the raw ones, and per-scope counts of
retracted and concern records.

Every stored record's design is recomputed here from its stored columns (publication types,
MeSH, title, abstract, citation status) with store.evidence.design_rules, the rules the parser uses:
no re-download. preprint and veterinary come from the stored publication types, registry ids
of records not indexed yet from the stored abstract. What 0.1.0 never stored (expressions of
concern, UpdateOf / UpdateIn links, DataBankList registry numbers) is filled when the record
is next fetched. The summaries are marked stale so readers count live until the next fetch
rewrites them with the new columns.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from store.evidence.design_rules import classify, registry_ids, type_flags

revision = "0002_evidence"
down_revision = "0001_baseline"
branch_labels = None
depends_on = None

_CHUNK = 500

_LIVE_INDEX_0_1_0 = ["pmid", "deleted_at", "study_design", "pub_date", "pub_year", "entrez_date"]


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(
            sa.Column("design_source", sa.String(16), nullable=False, server_default="none")
        )
        for flag in ("concern", "preprint", "veterinary"):
            batch.add_column(sa.Column(flag, sa.Boolean, nullable=False, server_default=sa.false()))
        for listed in ("updates", "updated_by", "registry_ids"):
            batch.add_column(sa.Column(listed, sa.JSON, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("flagged_at", sa.String(32)))
        batch.drop_index("ix_articles_live")
        batch.create_index(
            "ix_articles_live", [*_LIVE_INDEX_0_1_0, "retracted", "veterinary"], unique=False
        )
    with op.batch_alter_table("summary_records") as batch:
        for column in ("evidence_records", "evidence_high_level", "retracted", "concern"):
            batch.add_column(sa.Column(column, sa.Integer, nullable=False, server_default="0"))
    for table in ("summary_first_seen", "summary_pub_dates", "summary_topic_years"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("evidence_records", sa.Integer, nullable=False, server_default="0")
            )
    recompute_designs(op.get_bind())
    # The summaries were counted with the old classes: marked older than every run, so
    # readers fall back to the live queries until the next fetch rewrites them.
    op.execute(sa.text("UPDATE summary_refresh SET run_id = 0"))


def downgrade() -> None:  # pragma: no cover - littrack only upgrades
    raise NotImplementedError("littrack stores are upgraded, never downgraded")


_articles = sa.table(
    "articles",
    sa.column("pmid", sa.BigInteger),
    sa.column("title", sa.Text),
    sa.column("abstract", sa.Text),
    sa.column("citation_status", sa.String),
    sa.column("publication_types", sa.JSON),
    sa.column("mesh", sa.JSON),
    sa.column("retracted", sa.Boolean),
    sa.column("fetched_at", sa.String),
    sa.column("study_design", sa.String),
    sa.column("design_source", sa.String),
    sa.column("preprint", sa.Boolean),
    sa.column("veterinary", sa.Boolean),
    sa.column("registry_ids", sa.JSON),
    sa.column("flagged_at", sa.String),
)


def recompute_designs(conn: sa.Connection) -> int:
    """Reclassify every stored article from its stored fields; returns how many."""
    c = _articles.c
    read = sa.select(
        c.pmid,
        c.title,
        c.abstract,
        c.citation_status,
        c.publication_types,
        c.mesh,
        c.retracted,
        c.fetched_at,
    ).order_by(c.pmid)
    write = (
        _articles.update()
        .where(c.pmid == sa.bindparam("b_pmid"))
        .values(
            study_design=sa.bindparam("b_design"),
            design_source=sa.bindparam("b_source"),
            preprint=sa.bindparam("b_preprint"),
            veterinary=sa.bindparam("b_veterinary"),
            registry_ids=sa.bindparam("b_registry", type_=sa.JSON),
            flagged_at=sa.bindparam("b_flagged"),
        )
    )
    done, after = 0, None
    while True:
        page = read if after is None else read.where(c.pmid > after)
        rows = conn.execute(page.limit(_CHUNK)).fetchall()
        if not rows:
            return done
        updates = []
        for row in rows:
            types = list(row.publication_types or [])
            descriptors = [m.get("descriptor", "") for m in row.mesh or [] if isinstance(m, dict)]
            status = row.citation_status or ""
            design, source = classify(
                types, descriptors, row.title or "", row.abstract or "", status
            )
            flags = type_flags(types)
            updates.append(
                {
                    "b_pmid": row.pmid,
                    "b_design": design,
                    "b_source": source,
                    "b_preprint": flags["preprint"],
                    "b_veterinary": flags["veterinary"],
                    "b_registry": list(registry_ids((), row.abstract or "", status)),
                    "b_flagged": row.fetched_at if row.retracted else None,
                }
            )
        conn.execute(write, updates)
        done += len(rows)
        after = rows[-1].pmid
