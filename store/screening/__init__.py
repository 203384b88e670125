"""Reviewers' decisions and what follows from them.

- ``decisions``  append-only decisions, undo, and the one "current decision" per reviewer
- ``outcomes``   agreed, resolved or conflicting outcomes; counts per claim and topic, included
  records by design and verdict, the direction of evidence by year, retracted inclusions
- ``queue``      a reviewer's queue on one claim, their progress and last decision
- ``agreement``  conflicts between reviewers, agreement and Cohen's kappa
- ``exported``   the screening columns the exports add to each claim × record
- ``sheet``      the screening sheet coming back: import with validation
- ``sheet_file`` reading a sheet file as Excel saves it (encoding, separator, cell limits)
- ``priority``   the priority model: features, retrain schedule, scores (the only sklearn user)
- ``stopping``   the stopping rule and the estimate of relevant records left (hypergeometric)
- ``ranking``    one claim's priority order, history and what-is-left figures from the store
- ``simulate``   replay a labelled CSV through priority and stopping (`littrack screen simulate`)
"""
