"""The nightly `littrack fetch`, installed where the machine runs jobs.

- ``install``     install and remove: every check first, then cron or systemd
- ``cron``        littrack's one crontab entry: its line, install, read, remove
- ``systemd``     the user service and timer
- ``job``         what the job runs: the command, its settings, the secrets file, the log
- ``when``        when it runs: a wall-clock time in a zone, NCBI's off-peak window
- ``state``       what is installed where, for ``schedule show|remove`` and ``status``
- ``foreground``  ``littrack scheduler``: APScheduler in the foreground, for servers without cron
"""
