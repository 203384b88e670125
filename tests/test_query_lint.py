"""The outline lint (fetchers/outline/lint_rules.py): each rule fires on the review's
examples and on their variants (the rules are patterns, not word lists), stays quiet on the
fixed query, and `outline check --strict` fails on warnings."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from fetchers.cli import cli
from fetchers.outline import lint_rules
from fetchers.outline.load import check_outline, load_outline
from fetchers.outline.query_check import lint_query, mesh_headings, without_subject

K = "(ketamine[mh] OR ketamine[tiab])"


def codes(query: str, **kw) -> list[str]:
    return [f.code for f in lint_query(query, **kw)]


def test_every_rule_is_documented_and_has_a_severity():
    doc = (Path(__file__).resolve().parents[1] / "docs" / "outlines.md").read_text()
    for rule in lint_rules.RULES:
        assert rule.severity in ("error", "warning")
        assert f"`{rule.code}`" in doc, rule.code


@pytest.mark.parametrize(
    ("stem", "like"),
    [
        ("depress", "depress"), ("lactat", "lactat"), ("schedul", "schedul"),
        ("regulat", "regulat"), ("combination", "combin"), ("combin", "combin"),
        ("terminal", "terminal"), ("prescrib", "prescrib"), ("communicat", "communicat"),
        ("responsib", "respon"), ("clinic", "clinic"), ("monitor", "monitor"),
        ("risk", "risk"), ("placenta", "placent"), ("effective", "effect"),
        ("effect", "effect"),
    ],
)  # fmt: skip
def test_broad_stems_are_flagged_as_prefixes_both_ways(stem, like):
    findings = lint_query(f"{K} AND {stem}*[tiab]")
    assert [f.code for f in findings] == ["broad-stem"]
    assert findings[0].message == (
        f"truncation '{stem}*[tiab]': '{stem}*' is a broad stem (like '{like}*', it matches "
        "everyday or unrelated words); list the words meant"
    )
    assert findings[0].severity == "warning"


def test_short_stem_flagged_and_phrase_truncation_not():
    found = lint_query(f"{K} AND (cyst*[tiab] OR cystitis[mh])")
    assert [f.message for f in found] == [
        "truncation 'cyst*[tiab]': stem 'cyst' is shorter than 5 letters"
    ]
    # in a phrase the words before the stem keep it narrow
    assert codes(f'{K} AND ("binding site*"[tiab] OR "club drug*"[tiab])') == []
    assert codes(f'{K} AND "local anesthetic*"[tiab] AND "NMDA receptor*"[tiab]') == []
    assert codes(f'{K} AND "postpartum depress*"[tiab]') == []
    # the untruncated words of a broad stem are as broad ("respiratory depression")
    assert codes(f"{K} AND (depression[tiab] OR depressive[tiab])") == ["broad-word"] * 2
    # a hyphenated word is searched as a phrase, and some words have one sense
    assert codes(f'{K} AND ("patient-centered"[tiab] OR lactation[tiab])') == []


@pytest.mark.parametrize(
    "filt", ['"Randomized Controlled Trial"[pt]', "systematic[sb]", "review[pt:noexp]"]
)
def test_design_filters_in_a_claim_query(filt):
    found = lint_query(f"{K} AND pain[tiab] AND {filt}")
    assert [f.code for f in found] == ["design-filter"]
    assert found[0].message.startswith(f"'{filt}' filters on design or subset")


@pytest.mark.parametrize(
    ("block", "tags"),
    [
        ("pregnancy[mh]", ["pregnancy[mh]"]),
        ("(humans[mh])", ["humans[mh]"]),
        ("(aged[mh] OR child[mh])", ["aged[mh]", "child[mh]"]),
        ('"Infant, Newborn"[mh]', ['"Infant, Newborn"[mh]']),
        # ORed with text words it is still a concept (the review's six claims)
        ("(pregnancy[mh] OR pregnan*[tiab]) AND pain[tiab]", ["pregnancy[mh]"]),
        ("(pain[tiab] AND (elderly[tiab] OR (aged[mh] OR x[tiab])))", ["aged[mh]"]),
    ],
)
def test_check_tags_used_as_a_concept_at_any_depth(block, tags):
    found = lint_query(f"{K} AND {block}")
    assert [f.code for f in found] == ["check-tag-block"] * len(tags)
    for finding, tag in zip(found, tags, strict=True):
        assert finding.message.startswith(f"check tag '{tag}' used as a concept")


def test_check_tag_rule_reads_the_claim_block_under_a_subject_once():
    """The nesting bug: the rule read the top-level operands of `(subject) AND (block)`, so a
    two-operand block was one operand (silent), and a context claim's was warned twice."""
    block = "(aged[mh] OR child[mh]) AND (pain[tiab])"
    subject = "ketamine[mh] OR ketamine[tiab]"
    under = lint_query(f"({subject}) AND ({block})", subject=subject, block=block)
    assert [f.message.split(" used")[0] for f in under] == [
        "check tag 'aged[mh]'",
        "check tag 'child[mh]'",
    ]
    context = lint_query(block, context=True)
    assert [f.code for f in context] == ["check-tag-block", "check-tag-block"]


def test_check_tags_under_not_pass():
    assert codes(f"{K} AND pain[tiab] NOT (animals[mh] NOT humans[mh])") == []
    assert codes(f"{K} AND pain[tiab] NOT animals[mh]") == []


def test_reference_query_must_be_the_query_without_its_subject():
    q = f'{K} AND ("Cancer Pain"[mh] OR "cancer pain"[tiab]) AND opioid*[tiab]'
    same = '("Cancer Pain"[mh] OR "cancer pain"[tiab]) AND opioid*[tiab]'
    assert codes(q, reference_query=same) == []
    # the blocks' order, case and spacing do not matter; their content does
    reordered = 'opioid*[TIAB]  AND ("cancer pain"[mh] OR "cancer pain"[tiab])'
    assert codes(q, reference_query=reordered) == []
    found = lint_query(q, reference_query='"Cancer Pain"[mh] OR "cancer pain"[tiab]')
    assert [f.code for f in found] == ["reference-query"]
    assert found[0].message == (
        "reference_query is not the query without its subject block (expected: "
        '( "cancer pain"[mh] OR "cancer pain"[tiab] ) AND opioid*[tiab])'
    )


def test_subject_block_passed_in():
    subject = "(ketamine[mh] OR ketamine[tiab] OR esketamine[tiab])"
    assert codes(f"{subject} AND pain[tiab]", subject=subject) == []
    assert codes(f"pain[tiab] AND {subject.upper().replace('[MH]', '[mh]')}", subject=subject) == []
    found = lint_query(f"{K} AND pain[tiab]", subject=subject)
    assert [f.code for f in found] == ["subject-block"]
    assert found[0].message == f"query does not AND the outline's subject block '{subject}'"
    assert without_subject(f"{subject} AND pain[tiab]", subject) == "pain[tiab]"


def test_unknown_subheading_is_an_error():
    assert codes('"Ketamine/adverse effects"[mh] AND "Cystitis/chemically induced"[mh]') == []
    assert codes('"Ketamine/ae"[mh] AND "Cystitis/CI"[mh]') == []
    # a known subheading on its own is not an error, but it is bound to no heading
    assert codes('ketamine[mh] AND "adverse effects"[sh]') == ["unbound-subheading"]
    assert codes("ketamine[mh] AND tu[sh]") == ["unbound-subheading"]
    found = lint_query('"Ketamine/adverse effect"[mh] AND pain[tiab]')
    assert [(f.code, f.severity) for f in found] == [("unknown-subheading", "error")]
    assert found[0].message == (
        "'\"Ketamine/adverse effect\"[mh]': 'adverse effect' is not a MeSH subheading"
    )


def test_mesh_headings_every_spelling():
    q = (
        'ketamine[mh] AND "Ketamine/adverse effects"[mh] AND Pain, Postoperative[mesh] '
        'AND "Cancer Pain"[MeSH Terms] AND analgesia[majr:noexp] '
        'AND "Chronic Pain"[MeSH Major Topic] '
        "AND pain*[mh] AND pain[tiab] AND ketamine[mh]"
    )
    got = [(h.descriptor, h.qualifiers) for h in mesh_headings(q)]
    assert got == [
        ("ketamine", ()),
        ("Ketamine", ("adverse effects",)),
        ("Pain, Postoperative", ()),
        ("Cancer Pain", ()),
        ("analgesia", ()),
        ("Chronic Pain", ()),
    ]


def write(tmp_path: Path, claims: str, name: str = "o.yaml") -> Path:
    path = tmp_path / name
    path.write_text(
        "title: T\nsource: s\nsubject: ketamine\ntopics:\n  - id: t\n    title: T\n    claims:\n"
        + textwrap.indent(textwrap.dedent(claims), "      "),
        encoding="utf-8",
    )
    return path


def test_warnings_name_file_line_claim_and_term_and_the_outline_still_loads(tmp_path):
    path = write(
        tmp_path,
        """\
        - id: mood
          claim: c
          query: (ketamine[mh] OR ketamine[tiab]) AND depress*[tiab]
        """,
    )
    report = check_outline(path)
    assert report.ok and report.errors == []
    assert [str(w) for w in report.warnings] == [
        f"{path}:10: claim 'mood': warning: truncation 'depress*[tiab]': 'depress*' is a "
        "broad stem (like 'depress*', it matches everyday or unrelated words); list the words "
        "meant"
    ]
    assert load_outline(path).claims[0].claim_id == "mood"


def test_unknown_subheading_stops_the_outline_loading(tmp_path):
    path = write(
        tmp_path,
        """\
        - id: harm
          claim: c
          query: '"Ketamine/side effects"[mh]'
        """,
    )
    report = check_outline(path)
    assert [str(e) for e in report.errors] == [
        f"{path}:10: claim 'harm': '\"Ketamine/side effects\"[mh]': 'side effects' is not a "
        "MeSH subheading"
    ]


def test_cli_strict_fails_on_warnings_only_with_strict(runner, tmp_path):
    path = write(
        tmp_path,
        """\
        - id: rct
          claim: c
          query: >-
            (ketamine[mh] OR ketamine[tiab]) AND pain[tiab]
            AND "Randomized Controlled Trial"[pt]
        """,
    )
    plain = runner.invoke(cli, ["outline", "check", str(path)])
    assert plain.exit_code == 0, plain.output
    assert plain.output.rstrip().endswith("valid, with warnings")
    assert "1 warning(s):\n" in plain.output
    strict = runner.invoke(cli, ["outline", "check", "--strict", str(path)])
    assert strict.exit_code == 1
    data = json.loads(runner.invoke(cli, ["outline", "check", "--json", str(path)]).output)
    assert data["errors"] == []
    [warning] = data["warnings"]
    assert (warning["claim"], warning["rule"], warning["severity"]) == (
        "rct",
        "design-filter",
        "warning",
    )
    assert warning["message"].startswith(f"{path}:10: claim 'rct': warning: '\"Randomized")


def test_cli_strict_passes_a_clean_outline(runner, tmp_path):
    path = write(
        tmp_path,
        """\
        - id: harm
          claim: c
          query: >-
            (ketamine[mh] OR ketamine[tiab])
            AND ("Cystitis/chemically induced"[mh] OR cystitis[tiab])
          reference_query: '"Cystitis/chemically induced"[mh] OR cystitis[tiab]'
        """,
    )
    result = runner.invoke(cli, ["outline", "check", "--strict", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("\nvalid")


def test_a_claim_block_with_a_subject_block_of_its_own():
    """With the subject written once, the query PubMed sees is (subject) AND (block); a block
    that ANDs its own, narrower subject is the drift the outline-level subject prevents."""
    subject = "ketamine[mh] OR ketamine[tiab] OR esketamine[tiab] OR ketalar[tiab]"
    block = "(ketamine[mh] OR ketamine[tiab]) AND pain[tiab]"
    found = lint_query(f"({subject}) AND ({block})", subject=subject, block=block)
    assert [f.message for f in found] == [
        "block 'ketamine[mh] OR ketamine[tiab]' is a subject block of its own: the outline's "
        "subject block is ANDed already (leave it out, or extend the outline's)"
    ]
    fine = '"Ketamine/adverse effects"[mh] AND (cystitis[mh] OR cystitis[tiab])'
    assert codes(f"({subject}) AND ({fine})", subject=subject, block=fine) == []
    assert codes(
        f"({subject}) AND ({fine})",
        subject=subject,
        block=fine,
        reference_query="cystitis[tiab] OR cystitis[mh]",
    ) == ["reference-query"]
    assert (
        codes(
            f"({subject}) AND ({fine})",
            subject=subject,
            block=fine,
            reference_query=f"({fine})",
        )
        == []
    )


# -- the review's 21 problem patterns, on copies of the shipped outline ---------------------

KETAMINE = Path(__file__).resolve().parents[1] / "data" / "outlines" / "ketamine-analgesia.yaml"
TARGET = "fibromyalgia-chronic-fatigue"  # a plain claim: no reference_query, not context


def with_block(tmp_path: Path, claim_id: str, block: str) -> Path:
    """A copy of the shipped outline with `claim_id`'s query block replaced by `block`."""
    lines = KETAMINE.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"      - id: {claim_id}")
    query = next(i for i in range(start, len(lines)) if lines[i] == "        query: >-")
    end = query + 1
    while end < len(lines) and lines[end].startswith("          "):
        end += 1
    lines[query + 1 : end] = [f"          {block}"]
    path = tmp_path / "outline.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("pattern", "rule", "term"),
    [
        ("dissociat*[tiab]", "broad-stem", "dissociat*[tiab]"),
        ("dissociative[tiab]", "broad-word", "dissociative[tiab]"),
        ("combin*[tiab]", "broad-stem", "combin*[tiab]"),
        ("effective*[tiab]", "broad-stem", "effective*[tiab]"),
        ("prevent*[tiab]", "broad-stem", "prevent*[tiab]"),
        ("attenuat*[tiab]", "broad-stem", "attenuat*[tiab]"),
        ("minimi*[tiab]", "broad-stem", "minimi*[tiab]"),
        ("predict*[tiab]", "broad-stem", "predict*[tiab]"),
        ('"onset"[tiab]', "broad-word", '"onset"[tiab]'),
        ("safety[tiab]", "broad-word", "safety[tiab]"),
        ("compared[tiab]", "broad-word", "compared[tiab]"),
        ("heterogeneity[tiab]", "broad-word", "heterogeneity[tiab]"),
        ("placental[tiab]", "broad-word", "placental[tiab]"),
        ("diversion[tiab]", "broad-word", "diversion[tiab]"),
        ('"emerging"[tiab]', "broad-word", '"emerging"[tiab]'),
        ('"Substance-Related Disorders"[mh]', "exploded-heading", "Substance-Related Disorders"),
        ('"Mental Disorders"[mh]', "exploded-heading", '"Mental Disorders"[mh]'),
        ("(aged[mh] OR elderly[tiab])", "check-tag-block", "aged[mh]"),
        ('"Urinary Bladder"[mh]', "anatomy-heading", '"Urinary Bladder"[mh]'),
        ('"Time Factors"[mh]', "broad-heading", '"Time Factors"[mh]'),
        ('"adverse effects"[sh]', "unbound-subheading", '"adverse effects"[sh]'),
    ],
)
def test_review_pattern_is_caught_on_a_copy_of_the_outline(tmp_path, pattern, rule, term):
    path = with_block(tmp_path, TARGET, f"(fibromyalgia[tiab] OR {pattern})")
    report = check_outline(path)
    assert report.ok, report.errors
    assert [(w.claim_id, w.rule, w.severity) for w in report.warnings] == [
        (TARGET, rule, "warning")
    ]
    [warning] = report.warnings
    assert term in warning.problem
    assert f"claim '{TARGET}': warning: " in str(warning)


@pytest.mark.parametrize(
    "fine",
    [
        '"postpartum depress*"[tiab]',
        '"Ketamine/adverse effects"[mh]',
        '"Substance-Related Disorders"[mh:noexp]',
        '"Cystitis/chemically induced"[mh]',
    ],
)
def test_review_fixes_stay_silent_on_a_copy_of_the_outline(tmp_path, fine):
    path = with_block(tmp_path, TARGET, f"(fibromyalgia[tiab] OR {fine})")
    assert check_outline(path).warnings == []
    path = with_block(tmp_path, TARGET, "fibromyalgia[tiab] NOT (animals[mh] NOT humans[mh])")
    assert check_outline(path).warnings == []


def test_the_shipped_outline_passes_strict(runner):
    result = runner.invoke(cli, ["outline", "check", "--strict", str(KETAMINE)])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("\nvalid")


def test_a_context_claim_may_bound_itself_to_syntheses():
    block = '"Morphine/therapeutic use"[majr] AND (systematic[sb] OR "Meta-Analysis"[pt])'
    assert codes(block, context=True) == []
    assert codes(block) == ["design-filter", "design-filter"]
