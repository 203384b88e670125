"""Own-work method wording, read in the whole abstract of an unindexed record that nothing
else placed (step 5 of store.evidence.design_text's order).

Each row is `(class, pattern, keywords)` like the title table (design_text.TEXT_PATTERNS):
the pattern runs only when one of its lower-case keywords occurs in the abstract (one
Aho-Corasick scan, store.evidence.wording), and the first row whose pattern occurs wins.
Human-study classes are still withheld from wording that names animals (design_text).
"""

from __future__ import annotations

#: Own-work method wording, read in the whole abstract only for records still `other`.
METHOD_PATTERNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "rct",
        r"\bwere\s+(?:then\s+|prospectively\s+|subsequently\s+)?(?:randomi[sz]ed|randomly\s+"
        r"(?:assigned|allocated))\b|\bwe\s+(?:randomi[sz]ed|randomly\s+(?:assigned|allocated))\b"
        r"|\bin\s+(?:an?\s+|this\s+)?(?:[\w,-]+\s+){0,3}?randomi[sz]ed\b",
        ("random",),
    ),
    (
        "meta-analysis",
        r"\ba\s+meta-?analysis\s+was\s+(?:\w+ly\s+)?(?:performed|conducted)\b",
        ("meta",),
    ),
    (
        "observational",
        r"\bretrospectively\s+(?:[\w-]+\s+){0,2}?(?:reviewed|analy[sz]ed|collected|evaluated"
        r"|identified|examined|assessed|studied|included|enrolled|investigated)\b"
        r"|\bwe\s+(?:retrospectively|prospectively)\b"
        r"|\b(?:analy[sz]ed|reviewed|evaluated|examined|assessed|collected|identified|studied)\s+"
        r"retrospectively\b|\b(?:were|was)\s+(?:then\s+)?(?:prospectively\s+followed"
        r"|followed\s+(?:up\s+)?prospectively)\b|\b(?:were|was)\s+prospectively\s+(?:collected"
        r"|recorded)\b",
        ("retrospectively", "prospectively"),
    ),
    (
        "observational",
        r"\b(?:medical|clinical|case|electronic\s+health|health|hospital|patient)\s+records?\s+"
        r"(?:of|from|were|was)\b|\bchart\s+review\b|\bclaims\s+data\b"
        r"|\brecords\s+(?:were|was)\s+(?:analy[sz]ed|reviewed|examined|audited|screened)\b"
        # administrative data of whole health systems
        r"|\b(?:medicare|medicaid)\s+(?:beneficiaries|claims|data|enrollees)\b"
        r"|\b(?:national|nationwide|state)\s+inpatient\s+(?:sample|database)\b",
        ("records", "chart", "claims", "medicare", "medicaid", "inpatient"),
    ),
    (
        "observational",
        r"\b(?:database|registry|register|survey|questionnaire)\s+(?:data\s+)?(?:was|were)\s+"
        r"(?:used|analy[sz]ed|reviewed|queried|administered|sent|distributed|conducted)\b"
        r"|\b(?:data|records)\s+(?:(?:are|were|was)\s+)?(?:from|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:database"
        r"|registry|register|cohort|survey)\b"
        r"|\b(?:online|web-based|national|nationwide|anonymous|electronic|telephone)\s+"
        r"(?:[\w-]+\s+)?(?:survey|questionnaire)\b|\brespondents\b"
        r"|\bprospectively\s+(?:maintained|collected)\s+(?:[\w-]+\s+){0,2}?(?:database|registry"
        r"|register|data)\b|\bfrom\s+(?:our|the|a|an)\s+(?:[\w-]+\s+){0,6}?(?:database|registry"
        r"|register)\b|\b(?:complete|completed|answered|responded\s+to|filled\s+out)\s+"
        r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:survey|questionnaire)"
        r"|\b(?:were|was)\s+surveyed\b|\b(?:telephone|phone)\s+surveys?\b|\bsurvey\s+data\b"
        r"|\bcohort\s+enrol(?:l)?ment\b",
        (
            "database",
            "regist",
            "survey",
            "questionnaire",
            "respondents",
            "prospectively",
            "cohort enrol",
        ),
    ),
    (
        "observational",
        r"\bcase[- ]control\b|\bcohort\s+of\s+\d|\bcross[- ]sectional\b|\bobservational\b"
        r"|\b(?:retrospective|descriptive|prospective)\s+(?:[\w,-]+\s+){0,3}?"
        r"(?:study|analysis|analyses|cohort|review|evaluation|audit|registry)\b"
        r"|\bbefore\s+and\s+after\s+(?:the\s+)?(?:implementation|introduction)\b",
        (
            "control",
            "cohort",
            "sectional",
            "observational",
            "retrospective",
            "descriptive",
            "prospective",
            "before and after",
        ),
    ),
    (
        "case report",
        r"\bwe\s+(?:report|present|describe)\s+(?:here\s+)?(?:an?|the|one|two|three|four|five|six"
        r"|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|\d+)\s+"
        r"(?:[\w-]+\s+){0,4}?(?:case|patient|man|woman|boy|girl|child|infant|neonate|male"
        r"|female)s?\b|\ban?\s+\d{1,3}[- ](?:year|month|week|day)s?[- ]old\b",
        ("we report", "we present", "we describe", "old"),
    ),
    (
        "review",
        r"\b(?:this|the\s+present|our)\s+(?:[\w-]+\s+){0,2}?review\b"
        r"|\bwe\s+(?:briefly\s+|critically\s+|also\s+|then\s+)?(?:review|summari[sz]e)\b"
        r"|\bthis\s+(?:article|paper|chapter|manuscript)\s+(?:reviews|summari[sz]es"
        r"|aims\s+to\s+(?:review|summari[sz]e)|provides\s+an\s+overview)\b"
        r"|\bwe\s+sought\s+to\s+review\b|\bwe\s+present\s+an?\s+(?:brief\s+)?overview\b"
        r"|\bpresent\s+an\s+overview\s+of\b"
        # a narrative review's method: a search of the literature, not a systematic one
        r"|\bsearch\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?literature\b"
        r"|\bliterature\s+(?:search|review)\s+(?:was|were)\s+(?:performed|conducted|carried\s+out)\b"
        r"|\bpublished\s+literature\s+was\s+reviewed\b",
        ("review", "summari", "literature", "overview"),
    ),
    (
        "non-evidence",
        # the authors' own opinion piece ("from this perspective" is a point of view)
        r"(?<!from\s)\b(?:in\s+)?this\s+(?:perspective|commentary|viewpoint|essay|editorial)\b"
        r"(?!\s+(?:of|on)\b)",
        ("perspective", "commentary", "viewpoint", "essay", "editorial"),
    ),
)
