"""Running littrack for a user, day to day.

- ``status``        ``littrack status``: last runs, freshness, per-claim state, exit codes
- ``digest``        new records per topic and claim since a date, Markdown/HTML, SMTP
- ``up``            ``littrack up`` and ``littrack dashboard``: from a fresh checkout to a
  served dashboard
- ``query_online``  ``outline check --online``: PubMed's own reading of each query
- ``schedule/``     the nightly job: cron or systemd, when it runs, what it runs, the
  foreground scheduler
"""
