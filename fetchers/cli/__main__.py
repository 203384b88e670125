"""`python -m fetchers.cli`: the form installed crontabs and systemd units run."""

from fetchers.cli.main import main

main()
