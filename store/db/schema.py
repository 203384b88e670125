"""SQLAlchemy Core tables: the contract between the fetch job (the only writer) and readers.

One table per idea. This module is the current shape; the database gets there through the
Alembic revisions in store/db/migrations (a test checks that a migrated database and this
metadata agree on both backends). Dates and timestamps are ISO-8601 text in UTC so they
compare and sort the same way on both backends; list-valued fields (authors, MeSH, ...) are JSON.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

#: Kept as 0.1.0 made it (schema_version 1); the schema revision now lives in Alembic's
#: `alembic_version` table.
schema_info = sa.Table(
    "schema_info",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

topics = sa.Table(
    "topics",
    metadata,
    sa.Column("topic_id", sa.String(200), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("outline_title", sa.Text, nullable=False, server_default=""),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("claim_id", sa.String(200), primary_key=True),
    sa.Column("topic_id", sa.String(200), nullable=False, index=True),
    sa.Column("group_name", sa.Text, nullable=False, server_default=""),
    sa.Column("claim", sa.Text, nullable=False),
    sa.Column("query", sa.Text, nullable=False),
    #: Incremented whenever the query text changes, so counts before and after can be told apart.
    sa.Column("query_version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("reference_query", sa.Text, nullable=False, server_default=""),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    #: False when the claim left the outline; its data stays.
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("updated_at", sa.String(32), nullable=False),
    #: Which records count as the claim's evidence: any | humans | animals
    #: (store.evidence.counting.scope_condition). Revision 0006_outline_scope.
    sa.Column("scope", sa.String(16), nullable=False, server_default="any"),
    #: True for a context claim: its query sets no subject (0006_outline_scope).
    sa.Column("context", sa.Boolean, nullable=False, server_default=sa.false()),
    #: The section claim this one restates (FAQ answers), or "" (0006_outline_scope).
    sa.Column("restates", sa.String(200), nullable=False, server_default=""),
    #: mechanism | efficacy | safety | epidemiology | practice: which designs are high-level
    #: for the claim's badge (store.evidence.badge.HIGH_LEVEL_BY_TYPE). 0008_claim_types.
    sa.Column("type", sa.String(16), nullable=False, server_default="efficacy"),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("pmid", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("title", sa.Text, nullable=False, server_default=""),
    sa.Column("abstract", sa.Text, nullable=False, server_default=""),
    sa.Column("is_book", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("citation_status", sa.Text, nullable=False, server_default=""),
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
    sa.Column("language", sa.Text, nullable=False, server_default=""),
    sa.Column("publication_types", sa.JSON, nullable=False),
    sa.Column("mesh", sa.JSON, nullable=False),
    sa.Column("keywords", sa.JSON, nullable=False),
    sa.Column("doi", sa.Text),
    sa.Column("pmc", sa.Text),
    sa.Column("retracted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("retraction_in", sa.JSON, nullable=False),
    sa.Column("erratum_in", sa.JSON, nullable=False),
    #: store.evidence.design_rules.DESIGNS; `design_source` says what decided it (revision 0002).
    sa.Column("study_design", sa.String(32), nullable=False, server_default="other", index=True),
    sa.Column("design_source", sa.String(16), nullable=False, server_default="none"),
    #: Integrity and provenance flags (docs/evidence.md): expression of concern, preprint,
    #: veterinary publication type, UpdateOf / UpdateIn PMIDs, trial registry numbers.
    sa.Column("concern", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("preprint", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("veterinary", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("updates", sa.JSON, nullable=False, server_default="[]"),
    sa.Column("updated_by", sa.JSON, nullable=False, server_default="[]"),
    sa.Column("registry_ids", sa.JSON, nullable=False, server_default="[]"),
    #: When littrack first stored the record as retracted or under an expression of concern
    #: (the digest reports those since its last mail); cleared if both flags go away.
    sa.Column("flagged_at", sa.String(32)),
    sa.Column("humans", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("animals", sa.Boolean, nullable=False, server_default=sa.false()),
    #: What humans / animals were read from: mesh (check tags) | text (wording, for records
    #: without check tags) | none (revision 0009).
    sa.Column("species_source", sa.String(8), nullable=False, server_default="none"),
    sa.Column("fetched_at", sa.String(32), nullable=False),
    #: Set when PubMed withdrew the PMID (DeleteCitation); the row is kept.
    sa.Column("deleted_at", sa.String(32)),
    #: Fields cut to their size limit, comma-separated ("" when none was).
    sa.Column("cut_fields", sa.Text, nullable=False, server_default=""),
    #: The stored record that stands for this one's study (its journal version, update or
    #: original), or NULL: store.evidence.count_once, recomputed with the summaries.
    #: Revision 0010_count_once.
    sa.Column("superseded_by", sa.BigInteger),
    #: Covering index for the dashboard's per-link joins (bench/dashboard.py): the
    #: aggregations read these few columns for every link, and an index-only lookup avoids
    #: the wide rows (abstract, JSON) of the table itself. superseded_by (counted once),
    #: concern and the check tags (the claim's scope) since revision 0010_count_once: the
    #: summary refresh reads them for every link; species_source (the rest of the scope)
    #: since 0016_species_in_live_index, so that its copy of the live articles reads the
    #: index alone.
    sa.Index(
        "ix_articles_live",
        "pmid",
        "deleted_at",
        "study_design",
        "pub_date",
        "pub_year",
        "entrez_date",
        "retracted",
        "veterinary",
        "superseded_by",
        "concern",
        "humans",
        "animals",
        "species_source",
    ),
)

claim_articles = sa.Table(
    "claim_articles",
    metadata,
    sa.Column("claim_id", sa.String(200), primary_key=True),
    sa.Column("pmid", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("first_seen", sa.String(32), nullable=False),
    sa.Column("last_seen", sa.String(32), nullable=False),
    sa.Column("first_run_id", sa.Integer),
    #: Set when the claim's query stopped matching the record; cleared if it matches again.
    sa.Column("dropped_at", sa.String(32)),
    sa.Index("ix_claim_articles_pmid", "pmid"),
    #: Covering index: the dashboard's counts per claim scan live links of a claim in
    #: (claim_id, pmid) order without touching the table (bench/dashboard.py); first_run_id
    #: is what "new" reads to tell a claim's baseline links (store.evidence.novelty), so the
    #: summary refresh stays index-only (revision 0010_count_once).
    sa.Index(
        "ix_claim_articles_live", "claim_id", "dropped_at", "pmid", "first_seen", "first_run_id"
    ),
    sa.Index("ix_claim_articles_first_seen", "first_seen"),
)

#: Why a record matched a claim's query: the query evaluated locally against the stored
#: record (fetchers/outline/query_eval.py). `hits` is a JSON list of
#: {"term", "field", "text", "start", "end"} (offsets into the title or abstract; null for
#: other fields). `explained` is false when the local evaluation does not select the record:
#: PubMed matched it through its own expansion (MeSH explosion, automatic term mapping).
#: Computed for the claim's `query_version` at `computed_at`; recomputed when either the
#: query or the record changes. Revision 0006_outline_scope.
claim_matches = sa.Table(
    "claim_matches",
    metadata,
    sa.Column("claim_id", sa.String(200), primary_key=True),
    sa.Column("pmid", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("query_version", sa.Integer, nullable=False),
    sa.Column("explained", sa.Boolean, nullable=False),
    sa.Column("hits", sa.JSON, nullable=False),
    sa.Column("computed_at", sa.String(32), nullable=False),
)

fetch_runs = sa.Table(
    "fetch_runs",
    metadata,
    sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.String(32), nullable=False),
    sa.Column("finished_at", sa.String(32)),
    #: running | ok | incomplete (records missing or skipped) | partial (some claims
    #: failed) | failed | unreachable (E-utilities never answered; the run gave up, see
    #: fetchers/eutils/reach.py) | interrupted
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
    sa.Column("records_skipped", sa.Integer, nullable=False, server_default="0"),
    sa.Column("claims_incomplete", sa.Integer, nullable=False, server_default="0"),
)

#: Records a run could not read (no usable PMID, bytes that never parse, ...): skipped,
#: never stored, listed here with where they were and why, for `status` and the dashboard.
skipped_records = sa.Table(
    "skipped_records",
    metadata,
    sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("pmid", sa.BigInteger),
    #: "efetch batch 2, record 7" or "efetch of PMID 123 alone"
    sa.Column("position", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    #: Claims that wanted the record, comma-separated (they are incomplete this run).
    sa.Column("claim_ids", sa.Text, nullable=False, server_default=""),
)

#: PubMed's Count for each claim at each run: the volume PubMed itself reports over time,
#: plus what the run retrieved and changed for that claim.
claim_counts = sa.Table(
    "claim_counts",
    metadata,
    sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("claim_id", sa.String(200), primary_key=True),
    sa.Column("query_version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("counted_at", sa.String(32), nullable=False),
    sa.Column("count", sa.BigInteger),
    sa.Column("retrieved", sa.BigInteger),
    sa.Column("new_links", sa.Integer, nullable=False, server_default="0"),
    sa.Column("dropped_links", sa.Integer, nullable=False, server_default="0"),
    sa.Column("searches", sa.Integer, nullable=False, server_default="0"),
    #: ok | incomplete (some records could not be fetched or read) | failed
    sa.Column("status", sa.String(16), nullable=False, server_default="ok"),
    sa.Column("error", sa.Text, nullable=False, server_default=""),
    #: PubMed's QueryTranslation / PhraseNotFound warnings, kept for the reviewer.
    sa.Column("query_translation", sa.Text, nullable=False, server_default=""),
    sa.Column("warnings", sa.Text, nullable=False, server_default=""),
)

#: Count-only searches per publication year, for normalised trends. `series` is
#: "pubmed" (all of PubMed, the denominator), or "reference:<claim_id>" for a claim's
#: reference_query. Refreshed at most monthly.
year_counts = sa.Table(
    "year_counts",
    metadata,
    sa.Column("series", sa.String(220), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("count", sa.BigInteger, nullable=False),
    sa.Column("query", sa.Text, nullable=False, server_default=""),
    sa.Column("counted_at", sa.String(32), nullable=False),
)

#: One row while a fetch runs: a second `littrack fetch` on the same database sees it and
#: stops. A row left by a killed process is taken over when its pid is gone (same host)
#: or its heartbeat is older than the stale limit.
fetch_lock = sa.Table(
    "fetch_lock",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("run_id", sa.Integer),
    sa.Column("host", sa.Text, nullable=False),
    sa.Column("pid", sa.Integer, nullable=False),
    sa.Column("acquired_at", sa.String(32), nullable=False),
    sa.Column("heartbeat_at", sa.String(32), nullable=False),
)


# -- dashboard summaries ----------------------------------------------------------------------
# Rewritten as a whole by the fetch job at the end of each run (store/fetch/summaries.py), in one
# transaction, so the dashboard reads a few thousand rows instead of de-duplicating every
# topic's records over all links on each page view. They hold only counts that do not move
# with the clock: "new in N days" and "recent" are kept per first_seen and per pub_date, and
# summed against `now` when read. `scope` is "topic" or "claim"; `scope_id` its id. Only live
# links of active claims count (store.evidence.counting.live_condition).

#: One row ("summaries") saying which run the summaries reflect: readers use them only when
#: no finished run is newer, and fall back to the live queries otherwise.
summary_refresh = sa.Table(
    "summary_refresh",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("run_id", sa.Integer, nullable=False),
    sa.Column("refreshed_at", sa.String(32), nullable=False),
)

#: Records and high-level records (store.evidence.badge.high_level_condition) per topic or claim.
#: `records` / `high_level` count every live record (raw retrieval), the `evidence_` columns
#: only evidence (store.evidence.counting.evidence_condition); `retracted` / `concern` count the
#: flagged records (the claim alerts).
summary_records = sa.Table(
    "summary_records",
    metadata,
    sa.Column("scope", sa.String(8), primary_key=True),
    sa.Column("scope_id", sa.String(200), primary_key=True),
    sa.Column("records", sa.Integer, nullable=False),
    sa.Column("high_level", sa.Integer, nullable=False),
    sa.Column("evidence_records", sa.Integer, nullable=False, server_default="0"),
    sa.Column("evidence_high_level", sa.Integer, nullable=False, server_default="0"),
    sa.Column("retracted", sa.Integer, nullable=False, server_default="0"),
    sa.Column("concern", sa.Integer, nullable=False, server_default="0"),
)

#: Records per topic or claim by the moment they were first seen there (for a topic: the
#: earliest first_seen of the record's links to its claims).
summary_first_seen = sa.Table(
    "summary_first_seen",
    metadata,
    sa.Column("scope", sa.String(8), primary_key=True),
    sa.Column("scope_id", sa.String(200), primary_key=True),
    sa.Column("first_seen", sa.String(32), primary_key=True),
    sa.Column("records", sa.Integer, nullable=False),
    sa.Column("evidence_records", sa.Integer, nullable=False, server_default="0"),
)

#: Records per topic or claim by publication date (records without one are left out).
summary_pub_dates = sa.Table(
    "summary_pub_dates",
    metadata,
    sa.Column("scope", sa.String(8), primary_key=True),
    sa.Column("scope_id", sa.String(200), primary_key=True),
    sa.Column("pub_date", sa.String(10), primary_key=True),
    sa.Column("records", sa.Integer, nullable=False),
    sa.Column("evidence_records", sa.Integer, nullable=False, server_default="0"),
)

#: Distinct records per topic and year; `basis` is "publication" or "entrez".
summary_topic_years = sa.Table(
    "summary_topic_years",
    metadata,
    sa.Column("topic_id", sa.String(200), primary_key=True),
    sa.Column("basis", sa.String(16), primary_key=True),
    sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("records", sa.Integer, nullable=False),
    sa.Column("evidence_records", sa.Integer, nullable=False, server_default="0"),
)

#: The query ledger: every version of every claim's query (claims.query holds only the
#: current one). A version's runs are the fetches that searched it successfully. `gained` /
#: `lost` are the PMIDs the version matched that the previous version's last stored set did
#: not, and the reverse, recorded by the version's first complete fetch; NULL until then
#: (and for versions before the ledger existed, whose text is "" when it was not kept).
query_versions = sa.Table(
    "query_versions",
    metadata,
    sa.Column("claim_id", sa.String(200), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("query", sa.Text, nullable=False, server_default=""),
    sa.Column("recorded_at", sa.String(32), nullable=False),
    sa.Column("first_run_id", sa.Integer),
    sa.Column("first_run_at", sa.String(32)),
    sa.Column("last_run_id", sa.Integer),
    sa.Column("last_run_at", sa.String(32)),
    sa.Column("compared_with", sa.Integer),
    sa.Column("gained", sa.JSON),
    sa.Column("lost", sa.JSON),
)


# -- screening (revision 0005_screening) ------------------------------------------------------
# Written by reviewers (the Screen page, `littrack import screening`), never by the fetch job.

#: Append-only: every decision a reviewer makes on a claim × record is a new row; nothing is
#: updated or deleted. A reviewer's current decision is their row with the highest id; undo
#: is a new row. Rows outlive the link: a record that stops matching keeps its decisions.
screening_decisions = sa.Table(
    "screening_decisions",
    metadata,
    sa.Column("decision_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_id", sa.String(200), nullable=False),
    sa.Column("pmid", sa.BigInteger, nullable=False),
    sa.Column("reviewer", sa.String(200), nullable=False),
    #: include | exclude | maybe
    sa.Column("decision", sa.String(16), nullable=False),
    #: One of the screening reasons (exclusions); empty otherwise.
    sa.Column("reason", sa.String(200), nullable=False, server_default=""),
    #: supports | contradicts | mixed | no bearing, for included records; empty otherwise.
    sa.Column("verdict", sa.String(16), nullable=False, server_default=""),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("decided_at", sa.String(32), nullable=False),
    #: dashboard | import
    sa.Column("source", sa.String(16), nullable=False),
    #: The highest decision_id on this claim × record the reviewer had seen when deciding
    #: (an import's sheet says which): a later one by someone else is a conflict to report.
    sa.Column("based_on", sa.Integer),
    #: True when the reviewer settled a disagreement: it stands until a newer decision.
    sa.Column("resolves", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index("ix_screening_claim_pmid", "claim_id", "pmid", "reviewer", "decision_id"),
)

#: The exclusion reasons offered to reviewers, in order: the outline's `screening_reasons`
#: as the last fetch wrote them (empty: the defaults in store/screening/decisions.py).
screening_reasons = sa.Table(
    "screening_reasons",
    metadata,
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("reason", sa.String(200), nullable=False),
)

#: Live records per claim and design class: the dashboard's evidence map (store.read.evidence_map).
summary_claim_designs = sa.Table(
    "summary_claim_designs",
    metadata,
    sa.Column("claim_id", sa.String(200), primary_key=True),
    sa.Column("design", sa.String(32), primary_key=True),
    sa.Column("records", sa.Integer, nullable=False),
)
