"""What the fetch job writes.

- ``writes``     runs, claims, records and links, skipped records
- ``summaries``  the per-run summary tables the dashboard reads
- ``summary_passes`` the passes of a summary refresh, each filling one temporary table
- ``summary_tables`` the temporary tables a summary refresh fills and drops
- ``ledger``     the query ledger: every query version with its dates and Counts
- ``matches``    why a record matched: the query terms' spans per claim and record
"""
