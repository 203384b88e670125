"""Outline in, NCBI E-utilities out, PubMed records into the store. No Streamlit here.

The rooms, each importing only from those listed below it (import-linter checks the order):

- ``cli/``       the ``littrack`` command: one module per command group, shared options;
                 thin (parse, call the library, print). Only the CLI imports click.
- ``ops/``       running littrack for a user: ``status``, the ``digest`` and its mail, ``up``
                 (fetch if needed, then the dashboard); ``schedule/`` installs the nightly job
                 (cron, systemd, when it runs, what it runs, the foreground scheduler).
- ``job/``       the nightly fetch, by phase (``run``), one claim's search (``search``), the
                 slicing past PubMed's 9,999-id cap (``slices``), reference year counts,
                 progress and the end-of-run report.
- ``eutils/``    the one HTTP client for NCBI E-utilities and its rate limiter: the only user
                 of requests.
- ``outline/``   YAML outlines: load and validate, query lint, import from an article's text.
- ``pubmed/``    PubMed XML bytes to records: a streaming parser, books, dates, study design.
                 ``outline/`` and ``pubmed/`` import neither requests nor SQLAlchemy.
- ``settings``   every setting, its environment variable and default, resolved in one place.

Everything sits on ``store`` (tables, writes, reads, exports); nothing here is imported by it.
"""
