"""What counts as evidence, as rules a reviewer can audit.

- ``design_rules``  study-design tables: publication types, MeSH headings, non-evidence
  tiers, pending, flags, registry ids (pure: no database library)
- ``design_text``   title/abstract wording → design for unindexed records (keyword-gated)
- ``species_text``  humans / animals / in vitro from wording for records without MeSH
- ``badge``         the evidence badge thresholds per claim
- ``counting``      the read side's shared SQL conditions: what a record is, evidence-only,
  live links, latest Count
- ``novelty``       "new": first seen by littrack, a claim's first fetch being its baseline
"""
