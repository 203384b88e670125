"""fetchers.pubmed.study_design: the lookup table, its priority order, and the real samples."""

from __future__ import annotations

import pytest

from fetchers.pubmed.records import iter_records
from fetchers.pubmed.study_design import species, study_design
from store.models import STUDY_DESIGNS, MeshHeading, PubmedRecord
from tests.support.pubmed_samples import SAMPLES, pubmed_xml_files


@pytest.mark.parametrize(
    ("types", "design"),
    [
        (["Journal Article", "Meta-Analysis", "Systematic Review", "Review"], "meta-analysis"),
        (["Review", "Systematic Review"], "systematic review"),
        (["Randomized Controlled Trial", "Clinical Trial, Phase III", "Multicenter Study"], "rct"),
        (["Clinical Trial, Phase III", "Journal Article"], "clinical trial"),
        (["Controlled Clinical Trial"], "clinical trial"),
        (["Pragmatic Clinical Trial"], "clinical trial"),
        (["Equivalence Trial"], "clinical trial"),
        (["Observational Study", "Case Reports"], "observational"),
        (["Case Reports", "Review"], "case report"),
        (["Review", "Journal Article"], "review"),
        (["Scoping Review"], "review"),
        (["Multicenter Study", "Journal Article"], "other"),
        (["Comparative Study"], "other"),
        (["Clinical Trial Protocol"], "other"),
        (["Journal Article", "Research Support, Non-U.S. Gov't"], "other"),
        ([], "other"),
        (["  randomized controlled trial "], "rct"),
    ],
)
def test_design_priority(types, design):
    assert study_design(types) == design
    assert study_design(reversed(types)) == design  # order of types does not matter


def test_every_class_is_a_declared_design():
    names = [
        "Meta-Analysis", "Systematic Review", "Randomized Controlled Trial", "Clinical Trial",
        "Observational Study", "Case Reports", "Review", "Letter",
    ]  # fmt: skip
    assert [study_design([n]) for n in names] == list(STUDY_DESIGNS)


def test_species_from_check_tags():
    humans = MeshHeading("Humans", "D006801")
    animals = MeshHeading("Animals", "D000818")
    rats = MeshHeading("Rats", "D051381")
    assert species([humans, rats]) == (True, False)
    assert species([animals, rats]) == (False, True)
    assert species([humans, animals]) == (True, True)
    assert species([rats]) == (False, False)
    assert species(["Humans"]) == (True, False)
    # A descriptor that merely contains the word is not the check tag.
    assert species([MeshHeading("Humanities", "D006809")]) == (False, False)


def _all_records():
    for path in pubmed_xml_files():
        for record in iter_records(path):
            if isinstance(record, PubmedRecord):
                yield record


def test_designs_of_the_real_samples_follow_their_publication_types():
    records = list(_all_records())
    seen = {r.study_design for r in records}
    # SUMMARY-counts.tsv lists Meta-Analysis, Systematic Review, RCT, Case Reports, Review.
    assert {"meta-analysis", "systematic review", "rct", "case report", "review"} <= seen
    for record in records:
        types = set(record.publication_types)
        if "Meta-Analysis" in types:
            assert record.study_design == "meta-analysis"
        elif "Randomized Controlled Trial" in types and "Systematic Review" not in types:
            assert record.study_design == "rct"
        elif types <= {
            "Journal Article",
            "Comparative Study",
            "Multicenter Study",
            "English Abstract",
        }:
            assert record.study_design == "other"
        humans = any(m.ui == "D006801" for m in record.mesh)
        assert record.humans is humans


def test_ketamine_review_in_metapub():
    # 38011560: PNAS review "Ketamine and the neurobiology of depression" (PROVENANCE.md)
    (record,) = iter_records(SAMPLES / "efetch-metapub-pmid_xml" / "38011560.xml")
    assert "Ketamine" in record.title
    assert "Review" in record.publication_types
    assert record.study_design == "review"
