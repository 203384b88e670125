"""Read models for the dashboard and the CLI; nothing here writes.

- ``overview``       per-topic and per-claim counts and badges
- ``claim_detail``   one claim's charts and tables
- ``publications``   the Publications page's filtered, sorted record lists
- ``export_rows``    the rows every export writes (claim × article, claim × year)
- ``claim_page``     the claim page's volume on a scale and its newest records with flags
- ``new_records``    each new record once, with the claims it is new to
- ``evidence_map``   claims × designs with screened direction
- ``runs``           how the fetches went, read once for the dashboard, ``status`` and the
  digest: newest runs, skipped records, each claim's last attempt against what is stored
- ``health``         the verdict on them (ok, failed, stale), freshness, records flagged since
- ``prisma``         the PRISMA 2020 flow's numbers for claims, topics or the outline
- ``search_strategy`` each claim's search as PRISMA-S reports it (query ledger, Counts)
- ``changes``        what changed per claim since a date (a living review's update)
"""
