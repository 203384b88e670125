"""The outline format of issue 12: the subject written once, context claims, scope, restates."""

from __future__ import annotations

from pathlib import Path

import pytest

from fetchers.cli import cli
from fetchers.outline.load import OutlineError, check_outline, full_query, load_outline

OUTLINES = Path(__file__).resolve().parent / "outlines"
SUBJECT_BLOCK = OUTLINES / "subject-block.yaml"
SUBJECT = "(ketamine[mh] OR ketamine[tiab] OR esketamine[tiab] OR Spravato[tiab])"


def test_subject_block_is_anded_into_every_claim_but_context_ones():
    outline = load_outline(SUBJECT_BLOCK)
    assert (outline.subject, outline.subject_query) == ("ketamine", SUBJECT)
    claims = {c.claim_id: c for c in outline.claims}
    postop = claims["postop-opioid-sparing"]
    assert postop.block == (
        '("Pain, Postoperative"[mh] OR postoperative[tiab]) AND ("Analgesics, Opioid"[mh] OR '
        "opioid*[tiab])"
    )
    assert postop.query == f"{SUBJECT} AND ({postop.block})"
    assert postop.reference_query == postop.block
    # a block with a top-level OR keeps its meaning: it is one operand of the AND
    assert claims["cystitis"].query == f"{SUBJECT} AND (cystitis[mh] OR cystitis[tiab])"
    context = claims["nsaid-gi-risk"]
    assert context.context and context.block == ""
    assert context.query.startswith('"Anti-Inflammatory Agents, Non-Steroidal/adverse effects"')
    assert not claims["faq-opioid-sparing"].context


def test_scope_context_and_restates_are_read():
    claims = {c.claim_id: c for c in load_outline(SUBJECT_BLOCK).claims}
    assert claims["postop-opioid-sparing"].scope == "humans"
    assert claims["nsaid-gi-risk"].scope == "any"
    assert claims["cystitis"].scope == "any"  # the default
    assert claims["faq-opioid-sparing"].restates == "postop-opioid-sparing"
    assert claims["cystitis"].restates == ""


def test_plain_subject_keeps_queries_as_written():
    outline = load_outline(OUTLINES / "valid-minimal.yaml")
    assert outline.subject_query == ""
    first = outline.claims[0]
    assert first.query.startswith("(ketamine[mh] OR ketamine[tiab]) AND") and first.block == ""


@pytest.mark.parametrize(
    ("subject", "block", "expected"),
    [
        ("(a[tiab] OR b[tiab])", "c[tiab]", "(a[tiab] OR b[tiab]) AND (c[tiab])"),
        ("a[tiab] OR b[tiab]", "(c[tiab])", "(a[tiab] OR b[tiab]) AND (c[tiab])"),
        # "(x) AND (y)" is not one parenthesised operand
        ("a[tiab]", "(c[tiab]) OR (d[tiab])", "(a[tiab]) AND ((c[tiab]) OR (d[tiab]))"),
        # a ')' inside a quoted phrase is text, not structure
        ("a[tiab]", '("c)"[tiab] OR d[tiab])', '(a[tiab]) AND ("c)"[tiab] OR d[tiab])'),
        ("", "c[tiab] OR d[tiab]", "c[tiab] OR d[tiab]"),
    ],
)
def test_full_query(subject, block, expected):
    assert full_query(subject, block) == expected


def _outline(tmp_path, claims: str, subject: str = "ketamine") -> Path:
    path = tmp_path / "o.yaml"
    path.write_text(
        f"title: T\nsource: s\nsubject: {subject}\ntopics:\n  - id: t\n    title: T\n"
        f"    claims:\n{claims}",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("claims", "problem"),
    [
        (
            "      - id: a\n        claim: A\n        query: a[tiab]\n        scope: mice\n",
            "o.yaml:11: claim 'a': scope 'mice' is not one of: any, humans, animals",
        ),
        (
            "      - id: a\n        claim: A\n        query: a[tiab]\n        type: opinion\n",
            "o.yaml:11: claim 'a': type 'opinion' is not one of: mechanism, efficacy, safety, "
            "epidemiology, practice",
        ),
        (
            "      - id: a\n        claim: A\n        query: a[tiab]\n        type: [safety]\n",
            "o.yaml:11: claim 'a': field 'type' must be text",
        ),
        (
            "      - id: a\n        claim: A\n        query: a[tiab]\n        kind: safety\n",
            "o.yaml:11: claim 'a': unknown field 'kind' in a claim (expected: id, claim, query, "
            "group, notes, reference_query, scope, context, restates, type)",
        ),
        (
            "      - id: a\n        claim: A\n        query: a[tiab]\n        context: maybe\n",
            "o.yaml:11: claim 'a': field 'context' must be true or false",
        ),
        (
            "      - id: a\n        claim: A\n        query: a[tiab]\n        restates: b\n",
            "o.yaml:11: claim 'a': restates 'b', which is not a claim of this outline",
        ),
        (
            "      - id: a\n        claim: A\n        query: a[tiab]\n        restates: a\n",
            "o.yaml:11: claim 'a': restates itself",
        ),
        (
            "      - id: a\n        claim: A\n        query: a[tiab]\n        restates: b\n"
            "      - id: b\n        claim: B\n        query: b[tiab]\n        restates: c\n"
            "      - id: c\n        claim: C\n        query: c[tiab]\n",
            "o.yaml:11: claim 'a': restates 'b', which itself restates 'c': name the section claim",
        ),
    ],
)
def test_claim_field_errors(tmp_path, claims, problem):
    path = _outline(tmp_path, claims)
    report = check_outline(path)
    assert [str(e).replace(str(tmp_path) + "/", "") for e in report.errors] == [problem]
    with pytest.raises(OutlineError):
        load_outline(path)


def test_claim_type_defaults_to_efficacy_and_is_read(tmp_path):
    claims = (
        "      - id: a\n        claim: A\n        query: a[tiab]\n"
        "      - id: b\n        claim: B\n        query: b[tiab]\n        type: mechanism\n"
    )
    outline = load_outline(_outline(tmp_path, claims))
    assert [(c.claim_id, c.type) for c in outline.claims] == [("a", "efficacy"), ("b", "mechanism")]


def test_cli_names_a_bad_claim_type_in_one_error_line(tmp_path, runner, monkeypatch):
    path = _outline(
        tmp_path, "      - id: a\n        claim: A\n        query: a[tiab]\n        type: x\n"
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["outline", "explain", "a", "o.yaml", "--db", "x.sqlite"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: o.yaml:11: claim 'a': type 'x' is not one of: mechanism, efficacy, safety, "
        "epidemiology, practice\n"
    )
    assert path.exists() and not (tmp_path / "x.sqlite").exists()


@pytest.mark.parametrize(
    ("subject", "problem"),
    [
        ("\n  name: k\n  query: (k[tiab]", "o.yaml:5: subject query: unbalanced '(' in query"),
        ("\n  name: k", "o.yaml:4: missing field 'query'"),
        (
            "\n  name: k\n  query: k[tiab]\n  synonyms: x",
            "o.yaml:6: unknown field 'synonyms' in the subject (expected: name, query)",
        ),
    ],
)
def test_subject_block_errors(tmp_path, subject, problem):
    path = _outline(tmp_path, "      - id: a\n        claim: A\n        query: a[tiab]\n", subject)
    messages = [str(e).replace(str(tmp_path) + "/", "") for e in check_outline(path).errors]
    assert messages == [problem]


def test_cli_check_accepts_the_subject_block_outline(runner):
    result = runner.invoke(cli, ["outline", "check", str(SUBJECT_BLOCK)])
    assert result.exit_code == 0, result.output
    assert "claims: 4" in result.output and result.output.rstrip().endswith("valid")
