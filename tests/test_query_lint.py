"""The outline lint (fetchers/outline/lint_rules.py): each rule fires on the review's
examples, stays quiet on the fixed query, and `outline check --strict` fails on warnings."""

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
    "stem",
    [
        "depress", "lactat", "schedul", "regulat", "combination", "terminal", "prescrib",
        "communicat", "responsib", "clinic", "monitor", "risk", "placenta",
    ],
)  # fmt: skip
def test_review_broad_stems_are_flagged(stem):
    findings = lint_query(f"{K} AND {stem}*[tiab]")
    assert [f.code for f in findings] == ["broad-stem"]
    assert findings[0].message == (
        f"truncation '{stem}*[tiab]': '{stem}*' is a known broad stem (matches everyday "
        "words); list the words meant"
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
    assert codes(f"{K} AND (depression[tiab] OR depressive[tiab])") == []


@pytest.mark.parametrize(
    "filt", ['"Randomized Controlled Trial"[pt]', "systematic[sb]", "review[pt:noexp]"]
)
def test_design_filters_in_a_claim_query(filt):
    found = lint_query(f"{K} AND pain[tiab] AND {filt}")
    assert [f.code for f in found] == ["design-filter"]
    assert found[0].message.startswith(f"'{filt}' filters on design or subset")


@pytest.mark.parametrize(
    "block", ["pregnancy[mh]", "(humans[mh])", "(aged[mh] OR child[mh])", '"Infant, Newborn"[mh]']
)
def test_check_tag_as_the_only_concept_of_a_block(block):
    assert codes(f"{K} AND {block}") == ["check-tag-block"]


def test_check_tags_with_a_concept_or_after_not_pass():
    assert codes(f"{K} AND (pregnancy[mh] OR pregnan*[tiab]) AND pain[tiab]") == []
    assert codes(f"{K} AND pain[tiab] NOT (animals[mh] NOT humans[mh])") == []


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
    assert codes('ketamine[mh] AND "adverse effects"[sh]') == []
    assert codes('"Ketamine/ae"[mh] AND "Cystitis/CI"[mh] AND tu[sh]') == []
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
        f"{path}:10: claim 'mood': warning: truncation 'depress*[tiab]': 'depress*' is a known "
        "broad stem (matches everyday words); list the words meant"
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
