"""The store, the bottom layer: everything above it (fetchers, dashboard) reads and writes
through these modules. No Streamlit, no HTTP.

- ``defaults``   where the database is and when data is stale (no SQLAlchemy: the CLI reads
                 them at import); ``errors`` the whole exception tree, drawn in its docstring
- ``schema``, ``migrations``, ``connect``, ``lock``   tables, Alembic revisions, engines
- ``models``     the records and outlines passed between layers (plain dataclasses)
- ``writes``, ``summaries``   what the fetch job writes, and the dashboard's summary tables
- ``queries``    the read side's shared rules (what a record is, latest Count, live links);
                 readers by what they read: ``overview``, ``claim_detail``, ``publications``,
                 ``fetch_history``, ``health``, ``evidence``
- ``export``     one export end to end, over ``export_csv``, ``export_ris``, ``export_notes``
- ``links``, ``markdown``   PubMed/DOI URLs and the Markdown escaper, shared by every reader
"""
