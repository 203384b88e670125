"""Why did this record match? The local query evaluator on real PubMed records.

The records come from tests/samples (real PubMed XML), parsed by the project's parser and
turned into stored rows exactly as the fetch job stores them, so the evaluator sees what it
sees in production: title, abstract, keywords, MeSH (with qualifiers) and publication types.
"""

from __future__ import annotations

import io

import pytest

from fetchers.outline.query_eval import (
    ABSTRACT,
    KEYWORDS,
    MESH,
    PUBLICATION_TYPE,
    SUBHEADING,
    TITLE,
    Hit,
    QueryParseError,
    explain,
    parse,
)
from fetchers.pubmed.records import iter_records
from store.fetch.writes import record_row
from store.models import PubmedRecord
from tests.support.pubmed_samples import SAMPLES, read_bytes

#: guinea-pig anaesthesia; indexed: Animals, Neuroleptanalgesia (major), no Ketamine heading
GUINEA_PIG = 426704
#: "cardiovascular side effects of ketamine": Ketamine/adverse effects (major), Heart Rate/drug
#: effects, Hypertension/chemically induced, Humans and Animals
CARDIOVASCULAR = 412136
#: a 2021 record not yet indexed, with author keywords ("chronic non-malignant pain")
LOZENGES = 34092024
#: a Review indexed with Ketamine (major) and Depression/drug therapy
DEPRESSION_REVIEW = 38011560


@pytest.fixture(scope="module")
def rows() -> dict[int, dict]:
    wanted = {GUINEA_PIG, CARDIOVASCULAR, LOZENGES, DEPRESSION_REVIEW}
    found: dict[int, dict] = {}
    for name in (
        "ketamine-subset-pubmed20n0014.xml.gz",
        "ketamine-subset-pubmed21n1298.xml.gz",
        "efetch-metapub-pmid_xml/38011560.xml",
    ):
        for record in iter_records(io.BytesIO(read_bytes(SAMPLES / name))):
            if isinstance(record, PubmedRecord) and record.pmid in wanted:
                found[record.pmid] = record_row(record, fetched_at="2026-01-01T00:00:00Z")
    assert set(found) == wanted
    return found


def _where(result, term: str) -> set[tuple[str, str]]:
    return {(h.field, h.text.lower()) for h in result.hits if h.term == term}


def test_the_review_false_match_depress_in_an_animal_anaesthesia_paper(rows):
    """outline-review.md §2: `depress*` matching "cardiorespiratory depression"."""
    record = rows[GUINEA_PIG]
    result = explain("ketamine[tiab] AND (depress*[tiab] OR suicid*[tiab])", record)
    assert result.explained
    assert _where(result, "depress*[tiab]") == {(ABSTRACT, "depression"), (ABSTRACT, "depressant")}
    assert _where(result, "suicid*[tiab]") == set()
    for hit in result.hits:
        # offsets point at the very words in the stored abstract
        assert record["abstract"][hit.start : hit.end] == hit.text
    # the revised block does not select it
    revised = '"major depression"[tiab] OR "depressive disorder*"[tiab] OR antidepressant*[tiab]'
    assert not explain(revised, record).explained


def test_mesh_descriptor_qualifier_subheading_and_major(rows):
    record = rows[CARDIOVASCULAR]
    result = explain(
        '"Ketamine/adverse effects"[mh] AND "Heart Rate/drug effects"[mh] '
        'AND "chemically induced"[sh] AND Ketamine/adverse effects[majr]',
        record,
    )
    assert result.explained
    assert Hit('"Ketamine/adverse effects"[mh]', MESH, "Ketamine/adverse effects") in result.hits
    assert Hit('"chemically induced"[sh]', SUBHEADING, "Hypertension/chemically induced") in (
        result.hits
    )
    # the qualifier must be on that descriptor, and [majr] needs the major flag
    assert not explain('"Heart Rate/adverse effects"[mh]', record).explained
    assert not explain("Hypertension[majr]", record).explained
    assert explain("Hypertension[mh]", record).explained


def test_keywords_and_publication_types(rows):
    record = rows[LOZENGES]
    result = explain('"chronic non-malignant pain"[tiab] AND "Journal Article"[pt]', record)
    assert result.explained
    found = {(h.field, h.text) for h in result.hits}
    assert (KEYWORDS, "chronic non-malignant pain") in found
    assert (PUBLICATION_TYPE, "Journal Article") in found
    assert not explain("Review[pt]", record).explained
    # [ti] looks at the title only, [ot] at the author keywords only
    assert explain("lozenges[ti]", record).explained
    assert {h.field for h in explain("ketamine[ti]", record).hits} == {TITLE}
    assert {h.field for h in explain("ketamine[ot]", record).hits} == {KEYWORDS}


def test_phrases_and_hyphens(rows):
    record = rows[LOZENGES]
    assert explain('"sub-lingual"[tiab]', record).explained
    assert explain('"sub lingual"[tiab]', record).explained  # hyphens split words, as in PubMed
    assert not explain('"lingual sub"[tiab]', record).explained
    # untagged words before a tag form one tagged phrase: `long term[ti]`
    hits = explain("long term[ti]", record).hits
    assert [(h.field, h.text) for h in hits] == [(TITLE, "Long Term")]


def test_not_and_left_to_right_order(rows):
    record = rows[GUINEA_PIG]
    assert not explain("ketamine[tiab] NOT animals[mh]", record).explained
    # NOT's right side never counts as a hit
    result = explain("ketamine[tiab] NOT humans[mh]", record)
    assert result.explained and {h.term for h in result.hits} == {"ketamine[tiab]"}
    # PubMed: left to right, no precedence: (a OR b) AND c
    assert not explain("ketamine[tiab] OR cochlea[mh] AND suicide[tiab]", record).explained
    assert explain("suicide[tiab] AND cochlea[mh] OR ketamine[tiab]", record).explained


def test_what_pubmed_expands_is_not_explained(rows):
    """No MeSH explosion: Neuroleptanalgesia is under Analgesia in the tree, but the record
    is not indexed with Analgesia itself. Said plainly, not guessed."""
    record = rows[GUINEA_PIG]
    assert explain("neuroleptanalgesia[mh]", record).explained
    result = explain("analgesia[mh] AND ketamine[tiab]", record)
    assert not result.explained
    assert {h.term for h in result.hits} == {"ketamine[tiab]"}  # the part that did hit


def test_fields_littrack_does_not_store_are_unknown(rows):
    record = rows[DEPRESSION_REVIEW]
    result = explain("ketamine[mh] AND 2023[dp]", record)
    assert not result.explained and result.unknown == ("2023[dp]",)
    # unknown OR true is true; unknown AND false is false
    assert explain("ketamine[mh] OR smith j[au]", record).explained
    assert not explain("cystitis[mh] AND smith j[au]", record).explained


def test_truncated_mesh_and_proximity(rows):
    record = rows[DEPRESSION_REVIEW]
    assert explain("Antidepress*[mh]", record).explained
    # title: "Ketamine and the neurobiology of depression: ..." (four words apart)
    assert explain('"ketamine depression"[ti:~4]', record).explained
    assert explain('"depression ketamine"[ti:~4]', record).explained  # any order
    assert not explain('"ketamine depression"[ti:~3]', record).explained
    assert not explain('"ketamine depression"[ti]', record).explained


@pytest.mark.parametrize("query", ["(ketamine[tiab]", 'ketamine[tiab] AND "pain', "AND"])
def test_queries_that_do_not_parse(query):
    with pytest.raises(QueryParseError):
        parse(query)


# -- the second round's reworked claims on the sample records -------------------------------

KETAMINE_OUTLINE = SAMPLES.parents[1] / "data" / "outlines" / "ketamine-analgesia.yaml"


@pytest.fixture(scope="module")
def ketamine_rows() -> dict[int, dict]:
    found: dict[int, dict] = {}
    for name in ("ketamine-subset-pubmed20n0014.xml.gz", "ketamine-subset-pubmed21n1298.xml.gz"):
        for record in iter_records(io.BytesIO(read_bytes(SAMPLES / name))):
            if isinstance(record, PubmedRecord):
                found[record.pmid] = record_row(record, fetched_at="2026-01-01T00:00:00Z")
    return found


@pytest.mark.parametrize(
    ("claim_id", "pmid", "matched"),
    [
        # recall the review asked for
        ("mental-health-therapeutic-role", 34092549, True),  # ketamine + internet CBT for PTSD
        ("genetic-biomarker-tailoring", 34062414, True),  # miR-605 in poor responders
        ("nociceptive-and-neuropathic-pain", 34062414, True),  # CRPS
        ("lower-dependency-than-opioids", 409837, True),  # self-administration, monkeys
        ("broad-clinical-pain-use", 34082712, True),  # titled by procedure, not by pain
        # false matches it found
        ("peripheral-local-anesthetic-action", 419061, False),  # ketamine as the anaesthetic
        ("neurocognitive-monitoring", 34093963, False),  # "chronic" in a rat model
        ("ongoing-research-reshaping", 33984391, False),  # "emerging", "novel"
        ("faq-alternatives", 34082712, False),  # "compared"
    ],
)
def test_reworked_claims_on_the_sample_records(ketamine_rows, claim_id, pmid, matched):
    from fetchers.outline.load import load_outline

    claim = {c.claim_id: c for c in load_outline(KETAMINE_OUTLINE).claims}[claim_id]
    assert explain(claim.query, ketamine_rows[pmid]).explained is matched


@pytest.fixture(scope="module")
def ascii_texts() -> list[str]:
    """Every ASCII title and abstract of the samples."""
    from tests.support.evidence_table import sample_records

    return [
        text
        for record in sample_records()
        for text in (record.title or "", record.abstract or "")
        if text.isascii()
    ]


def test_ascii_texts_are_read_as_the_general_fold_reads_them(ascii_texts) -> None:
    """The fast path for ASCII text (lower() keeps offsets) gives every word, fold and offset
    that folding word by word gives, on every title and abstract of the samples."""
    from fetchers.outline.query_record import _WORD, _fold, _Text

    for text in ascii_texts:
        slow = [(_fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
        assert _Text.of(text).words == slow
    assert len(ascii_texts) > 1_000


@pytest.mark.parametrize(
    ("phrase", "truncated"),
    [
        (["ketamine"], False),
        (["pain"], True),
        (["chronic", "pain"], False),
        (["randomized", "controlled", "trial"], False),
        (["postoperative", "analges"], True),
        (["of", "the"], False),
        (["pain", "p"], True),  # may overlap itself ("pain pain"): read word by word
        (["patients", "pa"], True),  # likewise
    ],
)
def test_phrases_in_ascii_text_are_found_as_word_by_word_finds_them(
    ascii_texts, phrase, truncated
) -> None:
    """The one-pattern search of ASCII text finds the spans, in order, that the word list
    finds (the general path, which every non-ASCII text takes), on every sample title and
    abstract."""
    from fetchers.outline.query_eval import _find, _phrase
    from fetchers.outline.query_record import _Text

    found = 0
    for text in ascii_texts:
        fast = _Text.of(text)
        general = _Text.of(text)
        general._folded = None  # as a text with non-ASCII characters is read
        spans = _find(fast, phrase, truncated, None)
        assert spans == _find(general, phrase, truncated, None), (phrase, text[:80])
        found += len(spans)
    assert found > 0
    overlapping = len(phrase) > 1 and truncated and phrase[0].startswith(phrase[-1])
    assert (_phrase(tuple(phrase), truncated) is None) is overlapping
