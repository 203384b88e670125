"""Read models for the dashboard and the CLI; nothing here writes.

- ``overview``       per-topic and per-claim counts and badges
- ``claim_detail``   one claim's charts and tables
- ``claim_page``     the claim page's volume on a scale and its newest records with flags
- ``publications``   the record lists and the export's rows
- ``new_records``    each new record once, with the claims it is new to
- ``evidence_map``   claims × designs with screened direction
- ``fetch_history``  fetch runs and per-claim fetch status for the dashboard
- ``health``         freshness and last runs for ``status`` and the digest
"""
