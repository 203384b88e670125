"""The store, the bottom layer: everything above it (fetchers, dashboard) reads and writes
through these rooms. No Streamlit, no HTTP. Rooms, lowest first (import-linter holds the order):

- ``errors``, ``defaults``, ``models``   vocabulary with no database library: the exception
  tree, where the database is and when data is stale, the dataclasses passed between layers
- ``formats/``    text every reader shares: PubMed/DOI links, the Markdown escaper, plain text
- ``db/``         engines and tables: ``connect``, ``schema``, ``lock``, Alembic ``migrations/``
- ``evidence/``   what counts: design rules, the badge, the counting conditions, novelty
- ``fetch/``      what the fetch job writes: links and records, summaries, the query ledger,
  why-matched spans
- ``screening/``  reviewers' decisions and what follows from them; the CSV sheet
- ``read/``       the dashboard's and CLI's read models: overview, claim detail, publications,
  evidence map, fetch runs and health
- ``export/``     every file littrack writes for a reviewer: CSV, RIS, notes
"""
