"""The one-pass keyword scan (store.evidence.wording) answers every rule gate exactly as the
substring tests it replaced, and counts words exactly as the word patterns do, on the title
and abstract of every real sample record."""

from __future__ import annotations

import re
import sys

import pytest

from fetchers.pubmed.records import iter_records
from store.evidence import design_rules, design_text, species_text, wording
from store.evidence.wording import WordCounter, Wording, keys_in, normalise, register_keys
from store.models import PubmedRecord
from tests.support import evidence_table
from tests.support.pubmed_samples import pubmed_xml_files


@pytest.fixture(scope="module")
def sample_texts() -> list[str]:
    """Normalised titles and abstracts of every sample record (about 7,700 non-empty)."""
    texts = evidence_table.sample_texts()
    assert len(texts) > 7000
    return texts


def _every_key_table() -> list[tuple[str, ...]]:
    tables = [keys for _d, _p, keys in design_text.TEXT_PATTERNS]
    tables += [keys for _d, _p, keys in design_text.METHOD_PATTERNS]
    tables += [
        species_text._ANIMAL_KEYS,
        tuple(species_text.ANIMAL_WORDS),
        species_text.IN_VITRO_PHRASES,
        species_text._HUMAN_KEYS,
        tuple(design_rules._REGISTRY_BY_LOW),
    ]
    return tables


def test_the_scan_finds_exactly_the_keys_a_substring_test_finds(sample_texts):
    keys = set(wording._KEYS)
    assert {key for table in _every_key_table() for key in table} <= keys  # every table's
    opened = 0
    for text in sample_texts:
        inner, spaced = keys_in(text)
        assert inner == {k for k in keys if k in text}, text[:80]
        assert spaced == {k for k in keys if k in f" {text}"}, text[:80]
        opened += bool(inner)
    assert opened > len(sample_texts) // 2  # the gates do open on real text


def test_word_counts_equal_the_word_patterns(sample_texts):
    counted = 0
    for text in sample_texts:
        animals = species_text._ANIMAL_COUNT.count(text)
        assert animals == len(species_text._ANIMAL_RE.findall(text)), text[:80]
        found = species_text.ANIMAL_WORDS.intersection(keys_in(text)[0])
        assert species_text._ANIMAL_COUNT.count(text, found) == animals, text[:80]
        assert species_text._HUMAN_COUNT.count(text) == len(species_text._HUMAN_RE.findall(text))
        counted += bool(animals)
    assert counted > 50


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("rats and mice", 2),
        ("the rate of rat_2 rats", 1),  # "_" is a word character, as for \b
        ("rat", 1),
        ("(rat)", 1),
        ("pirate rattle", 0),
        ("ratés de rats", 1),  # "é" is a word character too
    ],
)
def test_a_word_counts_only_between_word_boundaries(text, count):
    counter = WordCounter({"rat", "rats", "mice"}, re.compile(r"\b(?:rats|rat|mice)\b"))
    assert counter.count(text) == count
    assert len(counter.pattern.findall(text)) == count


def test_words_that_are_not_all_word_characters_are_counted_by_the_pattern():
    pattern = re.compile(r"\b(?:guinea pig|rat)\b")
    counter = WordCounter({"guinea pig", "rat"}, pattern)
    assert counter.count("a guinea pig and a rat") == 2


def test_word_start_keys_also_match_at_the_start_of_the_text():
    assert " rat" not in keys_in("rats were fed")[0]
    assert " rat" in keys_in("rats were fed")[1]
    assert " rat" in keys_in("the rate")[0]


def test_keys_registered_after_a_scan_are_found_by_the_next_scan():
    key = "zzqx-wording-test"
    assert key not in keys_in(f"a {key} b")[0]
    register_keys([key])
    assert key in keys_in(f"a {key} b")[0]


def test_a_wording_is_normalised_and_scanned_once():
    text = Wording("A  Randomised\nTrial", "")
    assert text.low_title == "a randomised trial"
    assert text.scanned(0) is None
    assert "trial" in text.keys(0)[0]
    assert text.keys(0) is text.keys(0)
    assert text.scanned(0) == text.keys(0)[0]
    assert text.low_abstract == "" and text.keys(1) == (frozenset(), frozenset())


def test_the_rules_give_the_same_answers_with_and_without_a_shared_wording(sample_texts):
    """design_from_text and species_from_text from strings equal the parser's shared scan."""
    for title, abstract in zip(sample_texts[::2], sample_texts[1::2], strict=False):
        shared = Wording(title, abstract)
        assert design_text.design_from_text(title, abstract) == design_text.design_from_text(
            title, abstract, wording=shared
        )
        assert species_text.species_from_text(title, abstract) == species_text.species_from_text(
            title, abstract, wording=shared
        )


def _split_join(text: str) -> str:
    return " ".join(text.lower().split())


def test_only_the_space_is_both_whitespace_and_printable_and_lowering_makes_no_whitespace():
    """What normalise's fast path rests on, over every code point."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isspace() and char != " ":
            assert not char.isprintable(), hex(code)
        lowered = char.lower()
        if lowered != char:
            assert not any(c.isspace() for c in lowered), hex(code)
            assert lowered.isprintable() or not char.isprintable(), hex(code)


@pytest.mark.parametrize(
    "text",
    [
        "A  Randomised\nTrial",
        " leading",
        "trailing ",
        "BACKGROUND: one.\n\nMETHODS: two.",
        "A:\n\n\n\nB",
        "x\n\n y",
        "x \n\ny",
        "\n\n",
        "thin\u2009space and\xa0no-break",
        "10\u2009mg, 5\u202fml",
        "a \u2009b",
        "a\xa0\xa0b",
        "\xa0edge\u2009",
        "tab\there",
        "file\x1cseparator",
        "line\u2028separator",
        "İstanbul ẞ Σ ΣΑΣ",
        "plain single-spaced text",
        " ",
        "a",
    ],
)
def test_normalise_equals_split_and_join(text):
    assert normalise(text) == _split_join(text)


def test_normalise_equals_split_and_join_on_every_sample_text():
    for path in pubmed_xml_files():
        for record in iter_records(path):
            if isinstance(record, PubmedRecord):
                for text in (record.title, record.abstract):
                    assert normalise(text) == _split_join(text)


@pytest.mark.parametrize(
    "text",
    [
        "β-rat cohort ≥ 12 patients (rat) in vitro",
        "ratés and cohortè with μ-opioid receptors in mice",
        "\U0001d6fd rats 𝛽? a systematic review ‒ meta-analysis",
        "? patient ? ? rct",
    ],
)
def test_a_text_with_non_ascii_characters_gives_the_keys_a_substring_test_finds(text):
    """keys_in scans such a text with "?" for every non-ASCII character (faster)."""
    keys = set(wording._KEYS)
    assert keys_in(text)[0] == {key for key in keys if key in text}
    assert keys_in(text)[1] == {key for key in keys if key in " " + text}
