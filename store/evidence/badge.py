"""The evidence-sufficiency badge: a coarse, explainable grade of how much evidence a topic
or claim has, from three counts the store can compute in SQL.

It is a triage aid for the article's author, not a GRADE assessment: it says where the
literature is thin, never that a claim is true. Each axis scores 0, 1 or 2 points against
the thresholds below; the sum picks the label. It is graded on *evidence* only (no
non-evidence, no retracted records: store.evidence.counting.evidence_condition), and a veterinary
trial is not high-level evidence for a human claim. The rule is shown in the dashboard as a
small table (`rule_rows`) so a reader can check any badge by hand.

What is "high-level" depends on what the claim says (its outline `type:`,
`HIGH_LEVEL_BY_TYPE`): RCTs answer whether a treatment works, not how a drug acts on a
receptor, how often a harm occurs or how many people misuse it. Grading every claim on
RCTs alone called mechanism and harm claims thin whatever their literature.
"""

from __future__ import annotations

import sqlalchemy as sa

from store.db.schema import articles, claims
from store.models import CLAIM_TYPES, DEFAULT_CLAIM_TYPE

#: Designs counted as "high-level" for an efficacy claim (and for a claim without a type).
HIGH_LEVEL_DESIGNS: tuple[str, ...] = ("meta-analysis", "systematic review", "rct")

#: Claim type -> the designs that are high-level evidence for it (never veterinary). Why:
#: - mechanism: controlled experiments in people (healthy-volunteer and patient
#:   pharmacology, non-randomised included) test a mechanism; so do RCTs and syntheses.
#: - efficacy: whether a treatment works is answered by RCTs and their syntheses.
#: - safety: harms, rare and late, are measured in cohorts and case-control studies as
#:   well as in RCTs.
#: - epidemiology: how common something is comes from observational studies and their
#:   syntheses; an RCT cannot measure prevalence.
#: - practice: how to give the drug (setting, dosing, monitoring) rests on guidelines as
#:   well as RCTs and syntheses.
HIGH_LEVEL_BY_TYPE: dict[str, tuple[str, ...]] = {
    "mechanism": (*HIGH_LEVEL_DESIGNS, "clinical trial"),
    "efficacy": HIGH_LEVEL_DESIGNS,
    "safety": (*HIGH_LEVEL_DESIGNS, "observational"),
    "epidemiology": ("meta-analysis", "systematic review", "observational"),
    "practice": (*HIGH_LEVEL_DESIGNS, "guideline"),
}
assert set(HIGH_LEVEL_BY_TYPE) == set(CLAIM_TYPES)


def high_level_designs(claim_type: str) -> tuple[str, ...]:
    """The high-level designs for a claim of `claim_type` (unknown types: efficacy's)."""
    return HIGH_LEVEL_BY_TYPE.get(claim_type, HIGH_LEVEL_BY_TYPE[DEFAULT_CLAIM_TYPE])


def high_level_for_claim() -> sa.ColumnElement[bool]:
    """SQL: the linked record is high-level for its claim's type (needs `claims` and
    `articles` joined, as store.evidence.counting.live_links does).

    One CASE on the claim's type, so each link tests one list of designs: the summary
    refresh evaluates this on every live link, and an OR of one test per type cost it a
    second at 1,000,000 links (bench/dashboard.py)."""
    by_type = [
        (claims.c.type == claim_type, articles.c.study_design.in_(designs))
        for claim_type, designs in HIGH_LEVEL_BY_TYPE.items()
        if claim_type != DEFAULT_CLAIM_TYPE
    ]
    default = articles.c.study_design.in_(HIGH_LEVEL_BY_TYPE[DEFAULT_CLAIM_TYPE])
    return sa.and_(sa.case(*by_type, else_=default), articles.c.veterinary.is_(False))


#: Records published within this many years count as recent.
RECENT_YEARS = 5

#: axis -> (records for 1 point, records for 2 points)
THRESHOLDS: dict[str, tuple[int, int]] = {
    "volume": (30, 200),
    "high_level": (1, 5),
    "recent": (3, 20),
}

#: Lowest total score for each label, best first. "none" is kept for a claim without a
#: single record: a claim with a handful of records is thin, not none.
LABELS: tuple[tuple[int, str], ...] = (
    (5, "substantial"),
    (3, "moderate"),
    (0, "thin"),
)
NO_RECORDS = "none"

#: Every badge a claim or topic can get, best first (legends and the badge-mix counts).
BADGES: tuple[str, ...] = (*(name for _, name in LABELS), NO_RECORDS)

AXIS_NAMES = {
    "volume": "Volume: evidence records stored",
    "high_level": "Design mix: high-level records for the claim's type (not veterinary)",
    "recent": f"Recency: evidence records published in the last {RECENT_YEARS} years",
}


def axis_points(axis: str, value: int) -> int:
    one, two = THRESHOLDS[axis]
    return 2 if value >= two else 1 if value >= one else 0


def sufficiency(records: int, high_level: int, recent: int) -> tuple[str, int]:
    """(label, score 0..6) for a topic or claim with `records` stored records, of which
    `high_level` are high-level for the claim's type and `recent` were published
    in the last RECENT_YEARS years. "none" only when there is no record at all."""
    score = (
        axis_points("volume", records)
        + axis_points("high_level", high_level)
        + axis_points("recent", recent)
    )
    if records <= 0:
        return NO_RECORDS, score
    label = next(name for lowest, name in LABELS if score >= lowest)
    return label, score


def rule_rows() -> list[dict[str, str]]:
    """The rule as a small table: one row per axis with what earns 1 and 2 points."""
    return [
        {"Counts": AXIS_NAMES[axis], "1 point from": f"{one:,}", "2 points from": f"{two:,}"}
        for axis, (one, two) in THRESHOLDS.items()
    ]


def label_rows() -> list[dict[str, str]]:
    """Total points → badge, as a table."""
    return [
        {"Badge": "substantial", "Total points": "5–6"},
        {"Badge": "moderate", "Total points": "3–4"},
        {"Badge": "thin", "Total points": "0–2, with at least one evidence record"},
        {"Badge": "none", "Total points": "no evidence record stored"},
    ]


def type_rows() -> list[dict[str, str]]:
    """HIGH_LEVEL_BY_TYPE as a table, for the dashboard and docs."""
    return [
        {"Claim type": claim_type, "High-level designs": ", ".join(designs)}
        for claim_type, designs in HIGH_LEVEL_BY_TYPE.items()
    ]
