"""What counts as evidence, as rules a reviewer can audit.

- ``design_rules``  study-design tables: publication types, MeSH headings, non-evidence
  tiers, pending, flags, registry ids (pure: no database library)
- ``design_text``   title/abstract wording → design for unindexed records (keyword-gated)
- ``design_methods`` own-work method wording ("were randomized", "we retrospectively
  reviewed", "this study used data from") read by design_text for records still unplaced
- ``design_notices`` titles that are not articles (notices, replies, journal pages, tributes)
  → non-evidence, read first by design_text
- ``design_counts`` the last wording rule: a counted group of people studied → observational
- ``species_text``  humans / animals / in vitro from wording for records without MeSH
- ``wording``       a record's title and abstract lower-cased once and scanned once for
  every rule keyword (one Aho-Corasick automaton built from the rule tables)
- ``any_search``    whether a wording rule's pattern occurs, as literal-first searches of its
  alternatives (the same answer, without trying every alternative at every position)
- ``badge``         the evidence badge thresholds per claim, and the high-level designs per
  claim type
- ``counting``      the read side's shared SQL conditions: what a record is, evidence-only,
  live links, latest Count
- ``count_once``    one study counted once: which stored record supersedes another (preprint
  and journal version, update, duplicate publication) and the per-scope condition
- ``novelty``       "new": first seen by littrack, a claim's first fetch being its baseline;
  the one definition of "new since a date"
- ``selection``     what an export selects (--topic, --claim, --since) and in which order
"""
