"""Read models for the dashboard and the CLI; nothing here writes.

- ``overview``       per-topic and per-claim counts and badges
- ``claim_detail``   one claim's charts and tables
- ``publications``   the Publications page's filtered, sorted record lists
- ``export_rows``    the rows every export writes (claim × article, claim × year)
- ``evidence_map``   claims × designs with screened direction
- ``fetch_history``  fetch runs and per-claim fetch status for the dashboard
- ``health``         freshness and last runs for ``status`` and the digest
"""
