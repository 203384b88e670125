"""Reviewers' decisions and what follows from them.

- ``decisions``  append-only decisions, current decisions, conflicts, agreement, outcomes
- ``sheet``      the screening sheet reviewers fill in Excel: import with validation
"""
