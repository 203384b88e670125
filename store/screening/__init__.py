"""Reviewers' decisions and what follows from them.

- ``decisions``  append-only decisions, current decisions, conflicts, agreement, outcomes
- ``sheet``      the screening sheet reviewers fill in Excel: import with validation
- ``sheet_file`` reading a sheet file as Excel saves it (encoding, separator, cell limits)
"""
