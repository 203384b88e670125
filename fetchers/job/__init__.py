"""The nightly fetch, by phase.

- ``run``          the orchestration: search every claim, fetch new records once, write,
  explain, summarise; resumable and incremental
- ``search``       phase 1: one claim's esearch (Count and ids)
- ``slices``       every id of a query past PubMed's 9,999-id cap, by cutting it into slices
- ``explain``      why each linked record matched its claim (the local query evaluation)
- ``year_counts``  PubMed's totals per year, the denominators of normalised trends
- ``progress``     progress bars on a terminal
- ``report``       the table a fetch prints at its end
"""
