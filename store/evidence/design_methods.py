"""Own-work method wording, read in the whole abstract of an unindexed record that nothing
else placed (step 5 of store.evidence.design_text's order).

Each row is `(class, pattern, keywords)` like the title table (design_text.TEXT_PATTERNS):
the pattern runs only when one of its lower-case keywords occurs in the abstract (one
Aho-Corasick scan, store.evidence.wording), and the first row whose pattern occurs wins.
Human-study classes are still withheld from wording that names animals (design_text).
"""

from __future__ import annotations

#: A month and year or a year, as abstracts date the people they studied.
_DATE = (
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\s+(?:\d{1,2},?\s+)?)?(?:19|20)\d\d"
)

#: "between" or "from" and the start of a date: a necessary condition of a dated series,
#: rare enough that its pattern seldom runs ("from" and "treated" alone are in most abstracts).
_DATE_KEYS = tuple(
    f"{word} {start}"
    for word in ("between", "from")
    for start in (
        "19",
        "20",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    )
)

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
        r"|\bcohort\s+enrol(?:l)?ment\b|\bin\s+our\s+(?:[\w-]+\s+){0,3}?database\b"
        r"|\b(?:surveys|questionnaires)\s+were\s+(?:sent|distributed|mailed|e-?mailed)\b",
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
        "clinical trial",
        r"\ban?\s+phase\s+(?:[1-4]|i{1,3}|iv)[ab]?\s+(?:[\w-]+\s+){0,2}?(?:trial|study)\s+"
        r"(?:enrolled|included|recruited)\b",
        ("phase 1", "phase 2", "phase 3", "phase 4", "phase i"),
    ),
    (
        "observational",
        # data the authors drew from a study of people, a community sample, health records
        r"\b(?:this|the\s+(?:current|present))\s+(?:study|analysis)\s+used\s+data\s+from\b"
        r"|\busing\s+data\s+from\s+an?\s+(?:[\w-]+\s+){0,2}?(?:longitudinal|cohort"
        r"|population-based)\b|\bdata\s+were\s+(?:obtained|drawn)\s+from\s+the\s+"
        r"(?:[\w-]+\s+){0,4}?(?:study|cohort|survey)\b|\bdata\s+were\s+(?:retrospectively\s+)?"
        r"reviewed\b|\bcommunity\s+sample\b|\banalyses\s+utili[sz]e\s+data\s+from\b"
        # a survey's sampling design
        r"|\b(?:quota|cluster|multi-?stage|stratified(?:\s+cluster)?(?:\s+random)?)\s+sampling\b",
        (
            "used data",
            "using data",
            "data were",
            "community sample",
            "utilize data",
            "utilise data",
            "quota sampling",
            "cluster sampling",
            "stage sampling",
            "random sampling",
            "stratified sampling",
        ),
    ),
    (
        "observational",
        # a cohort the people were drawn from
        r"\b(?:in|from)\s+an?\s+(?:[\w-]+\s+){0,2}?cohort\s+of\b|\bbirth\s+cohort\b"
        r"|\bwell-established\s+cohort\b|\bthe\s+study\s+cohort\b|\bsingle-cohort\s+study\b",
        ("cohort",),
    ),
    (
        "observational",
        # the people studied, counted in the results or the sample, or recruited and counted
        r"\bresults?:\s+of\s+(?:the\s+)?\d[\d,]*\s+(?:[\w-]+\s+){0,2}?(?:patients|participants"
        r"|subjects)\b|\bstudy\s+population\s+included\s+\d"
        r"|\bin\s+an?\s+(?:[\w-]+\s+){0,2}?sample\s+of\s+\d|\b(?:were|was)\s+(?:recruited"
        r"|enrolled|included)\s*\(\s*n\s*=\s*\d",
        (
            "results: of",
            "result: of",
            "study population",
            "sample of",
            "recruited (n",
            "enrolled (n",
            "included (n",
        ),
    ),
    (
        "observational",
        # historical controls; health data linked across sources; a national health survey
        r"\bretrospective\s+(?:[\w-]+\s+){0,2}?(?:design\s+was\s+used|control\s+group)\b"
        r"|\blinked\s+(?:[\w-]+\s+){0,3}?(?:databases|registries|registers|administrative"
        r"\s+data)\b|\b(?:data|record)\s+linkage\b"
        r"|\belectronic\s+(?:health|medical)\s+records?\s+data\b"
        r"|\bnational\s+(?:[\w-]+\s+){0,4}?survey\b|\b(?:brfss|nhanes|nhis)\b"
        r"|\bbehaviou?ral\s+risk\s+factor\s+surveillance\b",
        (
            "design was used",
            "control group",
            "linked",
            "linkage",
            "records data",
            "record data",
            "national",
            "brfss",
            "nhanes",
            "nhis",
            "risk factor surveillance",
        ),
    ),
    (
        "observational",
        # patients treated or seen over stated dates ("undergoing X between 2014 and 2018")
        rf"\b(?:patients|participants|subjects|adults|children|women|men|individuals|persons"
        rf"|people|infants|neonates)\s+(?:[\w-]+\s+){{0,3}}?(?:undergoing|treated|admitted"
        rf"|operated|diagnosed|hospitali[sz]ed|presenting|seen|managed|met\s+the\s+(?:[\w-]+\s+)?"
        rf"criteria)\b[^.;]{{0,80}}?\b(?:between|from)\s+{_DATE}\s+(?:and|to|until|through)\s+"
        rf"{_DATE}\b",
        _DATE_KEYS,
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
        r"\b(?:this|the\s+present|the\s+current|our)\s+(?:[\w-]+\s+){0,2}?review\b"
        r"|\bprovide\s+an?\s+(?:[\w-]+\s+){0,2}?(?:review|overview)\b"
        r"|\bwe\s+(?:briefly\s+|critically\s+|also\s+|then\s+)?(?:review|summari[sz]e)\b"
        r"|\bthis\s+(?:article|paper|chapter|manuscript|study|work)\s+(?:\w+ly\s+)?(?:reviews"
        r"|summari[sz]es"
        r"|aims\s+to\s+(?:review|summari[sz]e)|provides\s+an\s+overview)\b"
        r"|\bwe\s+sought\s+to\s+review\b|\bwe\s+present\s+an?\s+(?:brief\s+)?overview\b"
        r"|\bpresent\s+an\s+overview\s+of\b|\band\s+review\s+(?:the|our|recent|current)\b"
        r"|\bwe\s+will\s+(?:briefly\s+)?(?:discuss|review|summari[sz]e|describe|highlight"
        r"|outline)\b"
        # a narrative review's method: a search of the literature, not a systematic one
        r"|\bsearch\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?literature\b"
        r"|\b(?:literature\s+(?:search|review)|review\s+of\s+the\s+literature)\s+(?:was|were)\s+"
        r"(?:performed|conducted|carried\s+out)\b|\b(?:aim|purpose)\s+of\s+this\s+(?:article|paper"
        r"|manuscript)\s+is\s+to\s+review\b"
        r"|\bpublished\s+literature\s+was\s+reviewed\b"
        # the "Areas covered" paragraph of an expert review; a literature review as the method
        r"|\bareas\s+covered\s*:|\bmethods?:\s+an?\s+(?!systematic)(?:[\w-]+\s+)?(?:literature"
        r"|narrative)\s+review\b",
        ("review", "summari", "literature", "overview", "we will", "areas covered"),
    ),
    (
        "review",
        # a structured abstract that goes from its introduction straight to a discussion
        r"^(?:background/)?(?:introduction|background):(?:(?!\b(?:methods?|materials|results"
        r"|findings|design|case|patients?|objectives?|aims?)\b[^.:]{0,30}:).)*?\bdiscussion:",
        ("discussion:",),
    ),
    (
        "non-evidence",
        # the authors' own opinion piece ("from this perspective" is a point of view)
        r"(?<!from\s)\b(?:in\s+)?this\s+(?:perspective|commentary|viewpoint|essay|editorial"
        r"|opinion\s+(?:article|piece|paper))\b(?!\s+(?:of|on)\b)",
        ("perspective", "commentary", "viewpoint", "essay", "editorial", "opinion"),
    ),
    (
        "observational",
        # a test's accuracy assessed on patients; eyes counted per patient; death records and
        # daily hospital visits analysed over time
        r"\b(?:assess|evaluat|determin|investigat|compar|estimat)(?:e|es|ed|ing)?\s+the\s+"
        r"diagnostic\s+(?:accuracy|performances?)\b|\b\d+\s+eyes\s+of\s+\d+\s+patients\b"
        r"|\bwe\s+(?:assessed|included|analy[sz]ed|studied|examined|reviewed)\s+\d+\s+eyes\b"
        r"|\bdeath\s+records\b|\bdaily\s+hospital\s+(?:visits|admissions)\b",
        (
            "diagnostic accuracy",
            "diagnostic performance",
            "eyes",
            "death records",
            "daily hospital",
        ),
    ),
)
