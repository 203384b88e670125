"""The nightly fetch, by phase.

- ``run``          the orchestration: search every claim, fetch new records once, write,
  explain, summarise; resumable and incremental
- ``search``       phase 1: one claim's esearch (Count and ids)
- ``efetch``       phase 2: the records not stored yet, in batches; unreadable ones isolated
- ``heartbeat``    the fetch lock's heartbeat and the run's deadline, on a background thread
- ``slices``       every id of a query past PubMed's 9,999-id cap, by cutting it into slices
- ``explain``      why each linked record matched its claim (the local query evaluation)
- ``year_counts``  PubMed's totals per year, the denominators of normalised trends
- ``progress``     progress bars on a terminal
- ``report``       the table a fetch prints at its end
- ``ending``       how a run ends: its status, its row, its last log line (SIGTERM, dead host)
"""
