"""store.evidence.design_rules on every real sample record: the examples of the review
(outline-review §3), the precedence rules, the wording rules with their negations, the flags,
and invariants
over all records; and docs/evidence.md's generated confusion table is current."""

from __future__ import annotations

import pytest

from fetchers.pubmed.design import species
from fetchers.pubmed.records import iter_records
from store.evidence import design_rules as rules
from store.evidence.design_rules import classify, design_from_text, registry_ids
from store.models import STUDY_DESIGNS, MeshHeading, PubmedRecord
from tests.support import evidence_table
from tests.support.pubmed_samples import pubmed_xml_files, sample_id


def test_the_review_examples():
    # 33962333: unindexed, titled "...: A systematic review and meta-analysis ...".
    assert (
        evidence_table.records_by_pmid()[33962333].study_design,
        evidence_table.records_by_pmid()[33962333].design_source,
    ) == (
        "meta-analysis",
        "text",
    )
    # 400780: Clinical Trial + Review, "... A review." -> a review.
    assert evidence_table.records_by_pmid()[400780].publication_types == (
        "Clinical Trial",
        "Journal Article",
        "Review",
    )
    assert evidence_table.records_by_pmid()[400780].study_design == "review"
    # 32672924: MEDLINE cohort without a design type: observational by MeSH.
    assert (
        evidence_table.records_by_pmid()[32672924].study_design,
        evidence_table.records_by_pmid()[32672924].design_source,
    ) == (
        "observational",
        "mesh",
    )
    assert evidence_table.records_by_pmid()[38958301].study_design == "guideline"
    assert evidence_table.records_by_pmid()[32995776].preprint is True
    assert evidence_table.records_by_pmid()[32090497].concern is True
    assert sum(r.concern for r in evidence_table.records_by_pmid().values()) == 1


def test_editorials_and_notices_are_non_evidence_letters_with_a_case_are_case_reports():
    for record in evidence_table.records_by_pmid().values():
        types = set(record.publication_types)
        if types & {"Editorial", "Published Erratum", "News", "Biography"} and (
            "Case Reports" not in types
        ):
            assert record.study_design == "non-evidence", record.pmid
        if "Letter" in types and "Case Reports" in types:
            assert record.study_design == "case report", record.pmid
    letters_with_cases = [
        r
        for r in evidence_table.records_by_pmid().values()
        if {"Letter", "Case Reports"} <= set(r.publication_types)
    ]
    assert len(letters_with_cases) >= 2
    editorial_trials = classify(["Editorial", "Clinical Trial"])
    assert editorial_trials == ("non-evidence", "publication type")
    assert classify(["Letter", "Randomized Controlled Trial"])[0] == "rct"
    assert classify(["Letter", "Review"])[0] == "non-evidence"


@pytest.mark.parametrize(
    ("types", "design"),
    [
        (["Journal Article", "Meta-Analysis", "Systematic Review", "Review"], "meta-analysis"),
        (["Review", "Systematic Review"], "systematic review"),
        (["Randomized Controlled Trial", "Clinical Trial, Phase III", "Multicenter Study"], "rct"),
        (["Clinical Trial, Phase III", "Journal Article"], "clinical trial"),
        (["Review", "Clinical Trial"], "review"),
        (["Review", "Randomized Controlled Trial"], "review"),
        (["Observational Study", "Case Reports"], "observational"),
        (["Case Reports", "Review"], "case report"),
        (["Practice Guideline", "Review"], "guideline"),
        (["Consensus Development Conference"], "guideline"),
        (["Clinical Trial Protocol", "Randomized Controlled Trial"], "protocol"),
        (["Scoping Review"], "review"),
        (["Comparative Study"], "other"),
        (["Retraction of Publication", "Case Reports"], "non-evidence"),
        (["Editorial", "Case Reports"], "case report"),
        (["  randomized controlled trial "], "rct"),
        ([], "other"),
    ],
)
def test_publication_type_precedence(types, design):
    assert classify(types)[0] == design
    assert classify(list(reversed(types)))[0] == design  # order of types does not matter


@pytest.mark.parametrize(
    ("title", "design"),
    [
        ("Ketamine for pain: a systematic review and meta-analysis.", "meta-analysis"),
        ("A systematic review without meta-analysis of X.", "systematic review"),
        ("A non-randomized controlled trial of X.", "clinical trial"),
        ("Quasi-randomized study of X.", None),
        ("A randomised, double-blind, placebo-controlled trial of X.", "rct"),
        ("X in adults: a retrospective cohort study.", "observational"),
        ("Giant schwannoma: a case report and review of the literature.", "case report"),
        ("Study protocol for a randomized controlled trial of X.", "protocol"),
        ("A new ketamine protocol for sedation.", None),
        ("Relaxation therapy in hypertension. A review.", "review"),
        ("Guidelines for the management of X.", "guideline"),
        ("Dissolution media defined by Japanese guidelines for bioequivalence.", None),
    ],
)
def test_title_wording(title, design):
    assert design_from_text(title) == design


def test_abstract_wording_counts_only_for_the_authors_own_work():
    assert design_from_text("X.", "We conducted a retrospective cohort study of 300.") == (
        "observational"
    )
    # A review of trials is a review, never a trial.
    assert design_from_text("X.", "This review summarizes randomized controlled trials.") == (
        "review"
    )
    assert design_from_text("X.", "Our findings provide guidelines for practice.") is None


def test_wording_is_read_only_until_pubmed_indexes_the_record():
    title = "X: a retrospective cohort study"
    assert classify(["Journal Article"], (), title, "", "Publisher") == ("observational", "text")
    assert classify(["Journal Article"], (), title, "", "MEDLINE") == ("other", "none")
    # A publisher's generic Review gives way to specific wording; a Letter does not.
    assert classify(["Review"], (), "Y: a meta-analysis", "", "In-Process")[0] == "meta-analysis"
    assert classify(["Letter"], (), "Y: a meta-analysis", "", "In-Process")[0] == "non-evidence"


def test_registry_ids_and_flags():
    assert registry_ids([("ClinicalTrials.gov", ["NCT01234567"]), ("PDB", ["2C7I"])]) == (
        "NCT01234567",
    )
    text = "Registered as NCT00000001 and ISRCTN 12345678; EudraCT number: 2004-000123-45."
    assert registry_ids((), text, "Publisher") == (
        "EudraCT:2004-000123-45",
        "ISRCTN12345678",
        "NCT00000001",
    )
    assert registry_ids((), text, "MEDLINE") == ()
    with_ids = [r for r in evidence_table.records_by_pmid().values() if r.registry_ids]
    assert len(with_ids) >= 10
    assert all(
        i.startswith(("NCT", "ISRCTN", "EudraCT:")) or ":" in i
        for r in with_ids
        for i in r.registry_ids
    )
    assert evidence_table.records_by_pmid()[39345789].updates == (36993193,)
    assert rules.type_flags(["Randomized Controlled Trial, Veterinary"]) == {
        "preprint": False,
        "veterinary": True,
    }


@pytest.mark.parametrize("path", pubmed_xml_files(), ids=sample_id)
def test_invariants_on_every_sample_record(path):
    for record in iter_records(path):
        if not isinstance(record, PubmedRecord):
            continue
        assert record.study_design in STUDY_DESIGNS
        assert record.design_source in rules.DESIGN_SOURCES
        descriptors = [m.descriptor for m in record.mesh]
        # The parser and the migration compute the same class from the stored fields.
        assert (record.study_design, record.design_source) == classify(
            record.publication_types,
            descriptors,
            record.title,
            record.abstract,
            record.citation_status,
        )
        if record.design_source == "text":
            assert record.citation_status not in rules.INDEXED_STATUSES
        if record.design_source == "none":
            assert record.study_design in ("other", "pending")
        if record.study_design == "pending":
            assert record.citation_status in rules.PENDING_STATUSES
        if record.design_source == "mesh":
            assert set(descriptors) & set(rules.MESH_DESIGN_HEADINGS)
        types = set(record.publication_types)
        if "Meta-Analysis" in types and not types & {"Letter", "Comment", "Editorial"}:
            assert record.study_design == "meta-analysis"
        assert record.preprint is ("Preprint" in types)
        if record.mesh:
            assert record.species_source == "mesh"
            assert record.humans is any(m.ui == "D006801" for m in record.mesh)
        else:
            assert record.species_source in ("text", "none")


def test_unindexed_records_that_name_their_design_in_the_title_get_it():
    unindexed = [
        r
        for r in evidence_table.records_by_pmid().values()
        if r.citation_status not in rules.INDEXED_STATUSES
    ]
    named = [r for r in unindexed if design_from_text(r.title)]
    assert len(named) > 100
    for record in named:
        if record.study_design in rules.TEXT_REPLACES or record.design_source == "text":
            # The abstract may sharpen the title's class ("pilot trial" + "were randomized").
            assert record.study_design in (
                design_from_text(record.title),
                design_from_text(record.title, record.abstract),
            )
    share_other = sum(r.study_design == "other" for r in unindexed) / len(unindexed)
    assert share_other < 0.8  # was 0.91 with publication types alone


def test_species_from_check_tags():
    humans = MeshHeading("Humans", "D006801")
    animals = MeshHeading("Animals", "D000818")
    assert species([humans, MeshHeading("Rats", "D051381")]) == (True, False)
    assert species([humans, animals]) == (True, True)
    assert species([MeshHeading("Humanities", "D006809")]) == (False, False)


def test_the_confusion_table_in_the_docs_is_current():
    doc = evidence_table.DOC.read_text(encoding="utf-8")
    assert evidence_table.render(doc, evidence_table.sample_records()) == doc, (
        "docs/evidence.md is stale: run python -m tests.support.evidence_table"
    )


@pytest.mark.parametrize(
    "abstract",
    [
        "Registered as NCT00000001.",
        "Registered as nct 00000001 (function of distinct sites).",
        "Registered as Nct\u200900000001 in a function.",
        "A distinct function; NCT\n00000001.",
        "Junction NCT  00000001 (two spaces: no match).",
        "Sanctions NCT0000000 (seven digits).",
        "Functional study, ISRCTN12345678 and EudraCT 2004-000123-45.",
    ],
)
def test_registry_ids_read_through_a_wording_equal_those_read_without(abstract):
    """The parser narrows the registry patterns by its scan of the normalised abstract
    (design_rules._LOW_NEEDS); the numbers found must not change."""
    from store.evidence.wording import Wording

    plain = registry_ids((), abstract, "Publisher")
    assert registry_ids((), abstract, "Publisher", wording=Wording("", abstract)) == plain
    assert rules.has_registry_number(abstract, Wording("", abstract)) == bool(plain)


def test_registry_narrowing_changes_no_sample_record():
    from store.evidence.wording import Wording

    for record in evidence_table.records_by_pmid().values():
        abstract = record.abstract
        plain = registry_ids((), abstract, "Publisher")
        assert registry_ids((), abstract, "Publisher", wording=Wording("", abstract)) == plain


def test_cached_type_decisions_equal_the_rules_on_every_sample_type_set():
    """The class per type set is cached (_decided_types); what it answers must be what the
    rules decide afresh, whatever was asked before."""
    sets = {frozenset(rules.type_set(r.publication_types)) for r in evidence_table.sample_records()}
    assert len(sets) > 100
    for types in sets:
        assert rules._design_of_types(set(types)) == rules._decided_types.__wrapped__(types)


def test_long_publication_types_do_not_grow_the_caches():
    from fetchers.pubmed import design

    kept = len(design._TYPES), rules._decided_types.cache_info().currsize
    for n in range(5):
        fields = design.design_fields(publication_types=("Review", f"{n}" + "x" * 600))
        assert fields["study_design"] == "review"
    assert (len(design._TYPES), rules._decided_types.cache_info().currsize) == kept


def test_a_record_s_design_fields_do_not_share_the_cached_flags():
    from fetchers.pubmed import design

    first = design.design_fields(publication_types=("Preprint",))
    first["preprint"] = "changed"
    again = design.design_fields(publication_types=("Preprint",))
    assert again["preprint"] is True
