"""Reviewers' decisions and what follows from them.

- ``decisions``  append-only decisions, current decisions, conflicts, agreement, outcomes
- ``sheet``      the screening sheet reviewers fill in Excel: import with validation
- ``queue``      a reviewer's queue on one claim, its progress and last decision
- ``priority``   the priority model: features, retrain schedule, scores (the only sklearn user)
- ``stopping``   the stopping rule and the estimate of relevant records left (hypergeometric)
- ``ranking``    one claim's priority order, history and what-is-left figures from the store
- ``simulate``   replay a labelled CSV through priority and stopping (`littrack screen simulate`)
"""
