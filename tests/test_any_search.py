"""store.evidence.any_search: the rewritten searches answer exactly as the rule patterns
they stand for, on every sample title and abstract and on generated wording."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.evidence import design_text
from store.evidence.any_search import AnySearch, alternatives
from tests.support import evidence_table

RULE_PATTERNS = [p for _d, p, _k in (*design_text.TEXT_PATTERNS, *design_text.METHOD_PATTERNS)]


@pytest.fixture(scope="module")
def sample_texts() -> list[str]:
    """Normalised titles and abstracts of every sample record (about 7,700 non-empty)."""
    texts = evidence_table.sample_texts()
    assert len(texts) > 7000
    return texts


@pytest.mark.parametrize("pattern", RULE_PATTERNS, ids=range(len(RULE_PATTERNS)))
def test_every_rule_answers_as_its_pattern_on_the_samples(pattern, sample_texts):
    fast, plain = AnySearch(pattern), re.compile(pattern)
    assert [fast.search(t) for t in sample_texts] == [
        plain.search(t) is not None for t in sample_texts
    ]


_WORDS = sorted(
    {w for _d, _p, keys in (*design_text.TEXT_PATTERNS, *design_text.METHOD_PATTERNS) for w in keys}
    | set(
        "non non- quasi- not pseudo- without a an the this our we were then randomized "
        "randomised randomly assigned trial study review of in 45-year-old year old man : . , "
        "data from database registry survey questionnaire was used clinical medical records "
        "cohort 12 phase ii single-arm open-label systematic meta-analysis case report series "
        "guidelines for consensus statement narrative".split()
    )
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.sampled_from(RULE_PATTERNS))
def test_every_rule_answers_as_its_pattern_on_generated_wording(words, pattern):
    for text in (" ".join(words), "".join(words), ": ".join(words)):
        assert AnySearch(pattern).search(text) == (re.search(pattern, text) is not None)


def test_the_rewrite():
    assert alternatives(r"\bwere\s+x|\b(?:a|bc)d") == [
        r"were(?<=\bwere)\s+x",
        r"ad(?<=\bad)",
        r"bcd(?<=\bbcd)",
    ]
    assert alternatives(r"(?<!non-)\brecords?\b") == [r"record(?<!(?:non-)record)(?<=\brecord)s?\b"]
    assert alternatives(r"\b(?:a|b)+c") == [r"\b(?:a|b)+c"]  # a repeated group stays whole
    assert alternatives(r"[|(]x|y") == [r"[|(]x", "y"]


def _self_phrase_by_alternation(text: str, found: frozenset[str], animal: bool) -> str | None:
    """design_text._self_phrase as it was, with the anchors found by one alternation."""
    rules = design_text._ABSTRACT_RULES
    if design_text._ABSTRACT_KEYS.isdisjoint(found):
        return None
    best = len(rules)
    for anchor in re.finditer(r"(?:this|the present|the current|our|we) ", text):
        start = anchor.start()
        if start and text[start - 1].isalnum():
            continue
        match = design_text._ABSTRACT_RE.match(text, start)
        if match is None:
            continue
        rule = match.lastindex - 1 if match.lastindex else best
        design = rules[rule][0] if rule < best else None
        if design is not None and not (animal and design in design_text.HUMAN_STUDY_CLASSES):
            best = min(best, rule)
    return rules[best][0] if best < len(rules) else None


def test_own_work_anchors_found_one_word_at_a_time_give_the_same_class(sample_texts):
    from store.evidence.wording import keys_in

    texts = [*sample_texts, "in this we conducted a randomized trial; our hour the present review"]
    for text in texts:
        found = keys_in(text)[0]
        for animal in (False, True):
            assert design_text._self_phrase(text, found, animal) == _self_phrase_by_alternation(
                text, found, animal
            )
