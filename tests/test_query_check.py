"""PubMed query lint: good queries pass untouched, each kind of mistake is named."""

from __future__ import annotations

import pytest

from fetchers.outline.query_check import check_query

GOOD = [
    "ketamine[mh] OR ketamine[tiab]",
    '(ketamine[mh] OR ketamine[tiab]) AND ("Pain, Postoperative"[mh] OR postoperative[tiab])',
    '"Receptors, N-Methyl-D-Aspartate"[mh]',
    "ketamine[Title/Abstract] AND pain[MeSH Terms]",
    "ketamine[ TIAB ]",
    '"hip pain"[tiab:~3] AND pain[mh:noexp] AND "Review"[pt:noexp]',
    "opioid*[tiab] AND analges*[tiab]",
    "1:30000000[uid] AND ketamine[tiab]",
    "2020:2024[dp] AND ketamine[tiab]",
    '"2020/01/01"[dp] : "2024/12/31"[dp]',
    "ketamine AND pain",  # untagged words are allowed
    "cats and dogs",  # lowercase 'and' is a word, not an operator
    '"AND OR ("[tiab] AND ketamine[tiab]',  # syntax inside quotes is text
    "(ketamine[tiab] NOT animals[mh]) AND humans[mh]",
    "medline[sb] AND eng[la] AND ketamine[majr]",
    "ketamine/adverse effects[mh] OR ketamine[tw] OR ketamine[all]",
    "ketamine [tiab]",  # PubMed accepts a space before the tag
]


@pytest.mark.parametrize("query", GOOD)
def test_good_queries_pass(query):
    assert check_query(query) == []


BAD = [
    ("(ketamine[mh] OR ketamine[tiab]", "unbalanced '(' in query"),
    ("((a[tiab] OR b[tiab]) AND c[tiab]", "unbalanced '(' in query"),
    ("ketamine[tiab] OR pain[mh])", "unbalanced ')' in query (at character 27)"),
    ('ketamine[tiab] AND "pain', "unbalanced '\"' in query (opened at character 20)"),
    ("ketamine[tiab] AND ()", "empty parentheses '()' in query"),
    ('ketamine[tiab] AND ""[tiab]', "empty phrase '\"\"' in query"),
    ("AND ketamine[tiab]", "query starts with Boolean operator 'AND'"),
    ("NOT ketamine[tiab]", "query starts with Boolean operator 'NOT'"),
    ("ketamine[tiab] OR", "query ends with Boolean operator 'OR'"),
    ("ketamine[tiab] AND OR pain[mh]", "Boolean operators 'AND OR' in a row"),
    ("ketamine[tiab] NOT NOT pain[mh]", "Boolean operators 'NOT NOT' in a row"),
    ("ketamine[tiab] AND (OR pain[mh])", "Boolean operator 'OR' right after '('"),
    ("(ketamine[tiab] AND) pain[mh]", "Boolean operator 'AND' right before ')'"),
    ("ketamine[tiabs]", "unknown field tag '[tiabs]'"),
    ("ketamine[mesh term]", "unknown field tag '[mesh term]'"),
    ("ketamine[]", "empty field tag '[]'"),
    ("ketamine[tiab:noexp]", "field tag '[tiab:noexp]': ':noexp' only applies to MeSH and "
     "publication types"),
    ('"hip pain"[mh:~3]', "field tag '[mh:~3]': proximity ':~N' only applies to ti, tiab and ad"),
    ('"hip pain"[tiab:~x]', "field tag '[tiab:~x]': proximity needs a number, as in ':~3'"),
    ("[mh] ketamine", "field tag '[mh]' has no term before it"),
    ("ketamine[tiab", "unclosed '[' in query (at character 9)"),
    ("ketamine]", "unbalanced ']' in query (at character 9)"),
    ("ket*[tiab]", "truncation 'ket*' needs at least 4 characters before '*'"),
    ("ke*amine[tiab]", "'*' inside 'ke*amine': PubMed truncates only at the end of a word"),
    ("300:200[uid]", "PMID range '300:200' runs backwards"),
    ("a1:200[uid]", "PMID range 'a1:200' must be two numbers"),
    ("2024:2020[dp]", "date range '2024:2020' runs backwards"),
    ("2020:soon[dp]", "date range '2020:soon' must look like YYYY[/MM[/DD]]:YYYY[/MM[/DD]]"),
    ('"2020"[dp] :', "range ':' has no second date"),
    ("", "empty query"),
    ("   ", "empty query"),
]  # fmt: skip


@pytest.mark.parametrize(("query", "problem"), BAD)
def test_bad_queries_are_named(query, problem):
    assert problem in check_query(query)


def test_every_problem_is_reported_not_just_the_first():
    problems = check_query("(AND ketamine[tiabs] OR")
    assert "unbalanced '(' in query" in problems
    assert "unknown field tag '[tiabs]'" in problems
    assert "Boolean operator 'AND' right after '('" in problems
    assert "query ends with Boolean operator 'OR'" in problems


def test_lowercase_words_never_count_as_operators():
    # 'or' at the end would be a dangling operator if it were one
    assert check_query("ketamine[tiab] or") == []
