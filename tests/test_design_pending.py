"""Designs for records PubMed has not indexed yet, and species from wording, on the real
samples and on the librarian's hand classification (tests/data/design-hand-labels.csv:
178 sample records classified by hand before looking at littrack's class)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fetchers.pubmed.design import species_fields
from fetchers.pubmed.records import iter_records
from store.evidence import design_counts, design_notices
from store.evidence import design_rules as rules
from store.evidence.design_rules import classify, design_from_text
from store.evidence.species_text import species_from_text
from store.evidence.wording import Wording, normalise
from store.models import MeshHeading, design_label
from tests.support import evidence_table, wording_check

HAND_LABELS = Path(__file__).parent / "data" / "design-hand-labels.csv"


def _unindexed() -> list:
    return [
        r
        for r in evidence_table.sample_records()
        if r.citation_status not in rules.INDEXED_STATUSES
    ]


def hand_labels() -> list[dict[str, str]]:
    with HAND_LABELS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def agrees(design: str, hand: str) -> bool:
    """`pending` is the librarian's `other` until PubMed indexes the record (the hand class
    was given from the same unindexed record: basic science, wording silent)."""
    return design == hand or (design == "pending" and hand == "other")


def test_agreement_with_the_hand_classification_is_at_least_92_percent():
    rows = hand_labels()
    assert len(rows) == 178
    assert all(int(row["pmid"]) in evidence_table.records_by_pmid() for row in rows)
    right = [
        row
        for row in rows
        if agrees(
            evidence_table.records_by_pmid()[int(row["pmid"])].study_design, row["hand_class"]
        )
    ]
    assert len(right) / len(rows) >= 0.92  # 0.2.0: 147 / 178 = 83 %; now 168 / 178
    strict = sum(
        evidence_table.records_by_pmid()[int(r["pmid"])].study_design == r["hand_class"]
        for r in rows
    )
    # Counting `pending` as wrong wherever the hand says `other`: 143 / 178.
    assert strict / len(rows) >= 0.78


def test_unindexed_records_left_without_a_design_shrink():
    share = sum(r.study_design in ("other", "pending") for r in _unindexed()) / len(_unindexed())
    # 0.2.0: 72.6 % "other"; 0.3.0: 59.5 %; counted people and one-person titles: 52.0 %;
    # surveys, registries, retrospective/prospective method wording, records and
    # administrative data, narrative-review methods, journal pages, veterinary patients:
    # 49.1 % (1,149 of 2,341); data sources, cohorts, counted samples and participants,
    # dated patient series, linked and national health data, review and opinion wording,
    # introduction-to-discussion abstracts, cohort profiles: 46.5 % (1,088 of 2,341);
    # diagnostic accuracy on patients, serosurveys, eyes counted per patient, death records,
    # daily hospital visits, survey sampling, late corrections and society pages, teaching
    # cases, a Cochrane review summary: 45.7 % (1,071 of 2,341; docs/evidence.md lists
    # every round's rules and their precision). The target is 45 % (1,053); most of the
    # rest is laboratory, methods, psychology and qualitative work and secondary analyses
    # of trials, which the hand classification also calls "other".
    assert share <= 0.458
    assert sum(r.study_design == "pending" for r in _unindexed()) > 950
    assert all(
        r.citation_status in rules.PENDING_STATUSES
        for r in evidence_table.sample_records()
        if r.study_design == "pending"
    )


def test_the_wording_agrees_with_indexing_on_the_indexed_records_it_places():
    """The generalisation check (tests/support/wording_check.py): the wording rules run alone
    on the indexed sample records whose class PubMed's types or MeSH decided. A rule tuned
    to one unindexed record that reads other records wrongly lowers the figure."""
    pairs = wording_check.wording_agreement(wording_check.indexed())
    right = sum(n for (indexed, worded), n in pairs.items() if indexed == worded)
    # 178 of 211 (84.4 %) with the sixth round's rules; no seventh-round rule was kept.
    assert sum(pairs.values()) >= 200
    assert right / sum(pairs.values()) >= 0.84


@pytest.mark.parametrize(
    ("pmid", "design"),
    [
        (34096528, "non-evidence"),  # "Letter to the Editor: ... A Randomized Controlled Trial"
        (33037879, "non-evidence"),  # reply
        (34096597, "non-evidence"),  # reply
        (34097062, "rct"),  # "were randomized in a single-blind fashion"
        (34096389, "rct"),
        (33051793, "rct"),  # "pilot trial" in the title, "Patients were randomized" after
        (32926912, "observational"),
        (32512564, "observational"),  # "From our prospectively maintained database"
        (34097162, "observational"),
        (34097107, "observational"),
        (34092131, "observational"),  # deaths register
        (34096372, "case report"),
        (34097078, "case report"),  # "in a 39-year-old male patient"
        (399390, "non-evidence"),  # Historical Article only
        (32862853, "case report"),  # "A Mildly Symptomatic Middle-Aged Woman with ..."
        (32943251, "case report"),  # "... in a Lung Transplant Recipient."
        (32912624, "case report"),  # "Primary axillary hydatid cyst: A rare location."
        (34096752, "non-evidence"),  # "Ruby N. Takanishi (1946-2020)."
        (34096903, "non-evidence"),  # "Announcements."
        (32527712, "observational"),  # "Fifty-five subjects ... were prospectively enrolled"
        (34096810, "observational"),  # "we identified 26 children who underwent ..."
        (32584061, "non-evidence"),  # "In this essay, we amass ..."
        (29775638, "observational"),  # title "A nationwide survey of program directors"
        (33034234, "observational"),  # title "A multicentre point prevalence survey ..."
        (32595183, "observational"),  # title "... An Ecological Study in Japan"
        (33087895, "observational"),  # title "... a multicentre analysis"
        (34097038, "observational"),  # title "... prospective registry and data linkage ..."
        (34096426, "observational"),  # "A retrospective analyses of 370 medical reports"
        (32917577, "observational"),  # "A retrospective medical record audit of all patients"
        (32464107, "observational"),  # "we established a prospective registry"
        (32639573, "observational"),  # "Venograms ... were analysed retrospectively"
        (34096789, "observational"),  # "Youth with T1D ... were prospectively followed"
        (33068270, "observational"),  # "data and outcomes were prospectively collected"
        (32368612, "observational"),  # "residents ... (N = 247) were surveyed"
        (34096790, "observational"),  # "conducted phone surveys with 562 patients"
        (32514809, "observational"),  # "nationally representative survey data"
        (32506377, "case report"),  # "A 23-Year Retrospective Series of 38 Cases"
        (32862848, "review"),  # "Update on CML-Like Disorders."
        (32862863, "review"),  # "... - 2020 Update on Management and Future Directions."
        (32862885, "review"),  # "Advances in CAR T-Cell Therapy for Aggressive B-NHL."
        (34096577, "review"),  # "Advances in metabolic engineering of ..."
        (32644180, "review"),  # title "...: a review of the evidence."
        (34096445, "review"),  # title "... - A literature mapping review."
        (34096531, "review"),  # "A search of the English literature was performed"
        (34096897, "review"),  # "We sought to review the most common ..."
        (34096900, "review"),  # "This manuscript reviews ..."
        (33121960, "review"),  # "here, we present a brief overview of ..."
        (32856688, "meta-analysis"),  # "A meta-analysis was separately performed for 13 studies"
        (34097175, "guideline"),  # title "... the International Consensus Document."
        (34096641, "clinical trial"),  # title "...: A controlled trial."
        (34097256, "clinical trial"),  # "This was an open-label, fixed-sequence study"
        (34097201, "observational"),  # title "... a case control and an in silico study."
        (32947414, "observational"),  # "We reviewed the case records of 405 patients"
        (32860458, "observational"),  # "700 000 cocaine treatment records were analysed"
        (32423699, "observational"),  # "We identified Medicare beneficiaries ..."
        (32376344, "observational"),  # "... in the United States National Inpatient Sample"
        (33058384, "observational"),  # "Data are from AHRQ ... State Inpatient Database"
        (32835685, "observational"),  # "This analysis included 1340 consecutive patients"
        (28775130, "observational"),  # "pesticide use was obtained at cohort enrolment"
        (32247299, "observational"),  # "84 essential hypertension inpatients were recruited"
        (29807784, "case report"),  # "We report twenty cases of acetabular fractures"
        (34096951, "non-evidence"),  # "Contents list."
        (34096977, "non-evidence"),  # "JAMA Internal Medicine."
        (34097053, "non-evidence"),  # "Error in Author's Name."
        (34096976, "non-evidence"),  # "Necessity of Coronary CT Scans-Reply."
        (34096971, "non-evidence"),  # "Gupta V, Kennedy JA, Capo-Chichi J-M, et al. ..."
        (34097182, "non-evidence"),  # book review: "... ISBN: 9,780,198,716,877 ..."
        (38271020, "non-evidence"),  # "Inaugural editorial: Rehabilitation Psychology."
        (27454254, "non-evidence"),  # "Abstracts from the 3rd International ... Conference"
        (34096818, "non-evidence"),  # "Joseph L.A. Ghesquiere (Halle, ..., 1925 - ..., 2021)."
        (34096380, "observational"),  # cats: "an observational, retrospective study"
        (34096660, "observational"),  # "... in dogs and cats ...: A retrospective study."
        # fifth round
        (34097334, "case report"),  # title "... seem. A case of gastric adenocarcinoma ..."
        (33000379, "case report"),  # title "... in a Traumatic Brain Injury (TBI) Patient ..."
        (34097026, "observational"),  # title "Cohort Profile Update: ..."
        (33009576, "observational"),  # title "... Follow-up in the Finnish Maternity Cohort."
        (33011809, "observational"),  # title "... Using Electronic Health Records."
        (33131463, "observational"),  # "This surveillance study explored ..."
        (34096898, "review"),  # title "Doing Great With DOTATATE: Update on GA-68 ..."
        (29998189, "observational"),  # "This study used data from 76 cancer patients"
        (34097025, "observational"),  # "Data were obtained from the Longitudinal Aging Study"
        (34096555, "observational"),  # "ultrasound data were reviewed for children"
        (34096482, "observational"),  # "among a community sample (n = 387)"
        (29977990, "observational"),  # "in a cohort of heroin users"
        (31996994, "observational"),  # "The study cohort comprises ..."
        (34096433, "observational"),  # "a prospective, single-cohort study"
        (32930463, "observational"),  # "RESULTS: Of 138 patients with idiopathic gastroparesis"
        (32428619, "observational"),  # "Study population included 15,445 subjects"
        (32838570, "observational"),  # "in a sample of 7,859 employees"
        (34097230, "observational"),  # "Children and adolescents ... were recruited (n = 150)"
        (34096815, "observational"),  # "a retrospective control group of 35 patients"
        (32738207, "observational"),  # "We linked Alberta health databases"
        (34097164, "observational"),  # "the Puerto Rico BRFSS"
        (34096404, "observational"),  # "from National Family Health Survey-IV"
        (32399594, "observational"),  # "patients undergoing thyroidectomy between August 2014 ..."
        (32898448, "observational"),  # "We identified in our database all patients"
        (33077203, "observational"),  # "Self-report questionnaires were distributed online"
        (33038249, "clinical trial"),  # "A phase II trial enrolled 36 ... participants"
        (31393169, "observational"),  # "Participants were 503 predominately Black and White boys"
        (31904270, "observational"),  # "Participants included 249 preschool children"
        (34096441, "review"),  # "...effects.Areas covered: we present some approaches ..."
        (34096536, "review"),  # "METHODS: A literature review of hindfoot fusions ..."
        (29501394, "review"),  # "A review of the literature was carried out on ..."
        (32914994, "review"),  # "The aim of this article is to review the recent research"
        (34097013, "review"),  # "In the current review, we explore ..."
        (32933463, "review"),  # "we provide a critical review of the perspectives ..."
        (32862867, "review"),  # "We will discuss the biology of FLT3, ..."
        (33058944, "review"),  # "... and review our current understanding of ..."
        (34096793, "review"),  # "This study comprehensively summarizes ..."
        (34096532, "review"),  # "INTRODUCTION: ... DISCUSSION: ... CONCLUSION: ..."
        (34096543, "review"),  # "BACKGROUND/INTRODUCTION: ... DISCUSSION: ..."
        (30951498, "non-evidence"),  # "In this opinion article, I attempt to ..."
        (34097302, "non-evidence"),  # "In this opinion piece, we try to provide guidance"
        # sixth round
        (34096581, "observational"),  # title "Diagnostic Accuracy of Salivary Metanephrines ..."
        (34097316, "observational"),  # title "... its diagnostic performance for polycystic ..."
        (34096830, "observational"),  # title "Analysis of epidemiological serosurvey of ..."
        (34097177, "observational"),  # "to assess the diagnostic performances of ... PCR"
        (34096458, "observational"),  # "Group 1 comprised 37 eyes of 36 patients"
        (34097112, "observational"),  # "We assessed 62 eyes, one from each patient"
        (32935381, "observational"),  # "1 035 923 drug overdose death records ... were studied"
        (33131069, "observational"),  # "air pollution on daily hospital visits for AD"
        (32690336, "observational"),  # "Our analyses utilize data from 494 ... participating in"
        (34096411, "observational"),  # "A quota sampling was used to recruit 789 pairs"
        (34096838, "non-evidence"),  # "... in Perceived Obstruction Context - CORRIGENDUM"
        (34097359, "non-evidence"),  # "Academy News - June 2021 PM&R."
        (34096481, "non-evidence"),  # "... Chemistry Award Scheme 2021."
        (34096904, "non-evidence"),  # "Colon and Rectal Surgery Regional Society Meetings."
        (34097079, "case report"),  # "[52/f-Fever and upper abdominal pain : ...]"
        (34097294, "case report"),  # "Lessons for the clinical nephrologist: recurrent ..."
        (34097356, "systematic review"),  # "...?-A Cochrane Review summary with commentary."
        (32881237, "pending"),  # "may increase the diagnostic accuracy of the procedure"
        (33006655, "pending"),  # "12 eyes from 12 patients" before and after laser: a series
        # near misses the fifth round leaves alone
        (32885757, "review"),  # "This review summarizes ...", also "PCI in this cohort"
        (32936977, "pending"),  # "Post-simulation questionnaires were used" (simulator)
        (31993506, "other"),  # "patients in the global registry" (a methods paper)
        (34097054, "pending"),  # "... in the TCGA database" (bioinformatics)
        (32401557, "pending"),  # "Participants were 104 children ..., randomized to SPACE"
        (34096465, "pending"),  # patients "selected from 2016 to 2018" for one dose of a dye
    ],
)
def test_records_the_review_named(pmid, design):
    assert evidence_table.records_by_pmid()[pmid].study_design == design


@pytest.mark.parametrize(
    ("title", "abstract", "design"),
    [
        ("Comment on: X, a randomized controlled trial", "", "non-evidence"),
        ("Reply to: X and pain: a meta-analysis", "", "non-evidence"),
        ("In response to: a randomised trial of X", "", "non-evidence"),
        ("Erratum to: a randomised trial of X", "", "non-evidence"),
        ("Editorial: the first trial of X", "", "non-evidence"),
        ("Ketamine for pain in mice: a randomized study", "", None),
        ("X.", "We conducted a systematic review and meta-analysis of 12 trials.", "meta-analysis"),
        ("A review of systematic reviews of X", "", "systematic review"),
        ("X.", "We report a case of a 54-year-old woman with X.", "case report"),
        (
            "X.",
            "DESIGN: Retrospective, observational cohort study.\n\nRESULTS: Y.",
            "observational",
        ),
        ("X.", "DESIGN: Randomized controlled pilot study.\n\nRESULTS: Y.", "rct"),
        ("X.", "CASE PRESENTATION: A man with X.\n\nCONCLUSION: Y.", "case report"),
        ("X.", "Patients were randomly assigned to X or placebo.", "rct"),
        ("X.", "Rats were randomly assigned to X or saline.", None),
        ("A phase II/III trial of X", "", "clinical trial"),
        ("X.", "A cross-sectional survey of 400 nurses.", "observational"),
        ("X.", "Data from the Danish National Patient Registry were analysed.", "observational"),
        ("Back cover.", "", "non-evidence"),
        ("Issue Information", "", "non-evidence"),
        ("Claude Bernard (1813-1878).", "", "non-evidence"),
        ("Decades of cholera in Odisha (1993-2015): lessons learned", "", None),
        ("Tracheobronchial aspergillosis in a lung transplant recipient.", "", "case report"),
        ("A young woman with thrombocytosis.", "", "case report"),
        ("Bilothorax: a rare complication of gallstone disease.", "", "case report"),
        ("A rare complication of X: a narrative review", "", "review"),
        ("Hypothermia in a male rat model of X.", "", None),
        ("X.", "Here we review the evidence on X.", "review"),
        ("X.", "In this essay, we argue that X.", "non-evidence"),
        ("X.", "From this perspective, X matters.", None),
        ("Update on X", "", "review"),
        ("Ten years of X: a 2020 update on management", "", "review"),
        ("X: an update.", "A retrospective review was conducted of 57 patients.", "observational"),
        ("X.", "Y was measured. Z should be studied through a prospective design.", None),
        ("A series of 12 cases of X", "", "case report"),
        ("X.", "Data were collected prospectively and analysed retrospectively.", "observational"),
        ("X.", "Participants (n = 40) were surveyed before and after the ban.", "observational"),
        ("A national survey of X among nurses", "", "observational"),
        (
            "X.",
            "Methods: this is a prospective, single-centre study. Patients were randomized.",
            "rct",
        ),
        ("X.", "This open-label, randomized trial enrolled 40 adults.", "rct"),
        ("X.", "This was an open-label, fixed-sequence study in 14 adults.", "clinical trial"),
        ("X.", "Here, we present an overview of X.", "review"),
        ("A review of 250 cases of X", "", None),
        ("X: a review of the literature", "", "review"),
        ("Error in Figure 2.", "", "non-evidence"),
        ("Errors in medication administration", "", None),
        ("X in Y-Reply.", "", "non-evidence"),
        ("X.", "We identified Medicare beneficiaries with X.", "observational"),
        ("Sepsis in dogs: a retrospective study", "", "observational"),
        ("Sepsis in rats and dogs: a retrospective study", "", None),
        ("Lesions in free-ranging gorillas: a retrospective study", "", None),
        # fifth round, each rule and a near miss
        ("Pain. A case of X in the toe.", "", "case report"),
        ("X in the case of Y.", "", None),
        ("X in a Brain Injury (TBI) Patient", "", "case report"),
        ("Efficacy of an intervention program to prevent patient harm", "", None),
        ("Cohort Profile: the X study", "", "observational"),
        ("A profile of cohort members' wishes", "", None),
        ("X: follow-up in the Finnish Maternity Cohort.", "", "observational"),
        ("X in a mouse cohort.", "", None),
        ("X: update on Y.", "", "review"),
        ("X: an update.", "", None),
        ("X.", "This study used data from 76 patients who received Y.", "observational"),
        ("X.", "Data were drawn from the Sibling Interaction and Behavior Study.", "observational"),
        ("X.", "Data were drawn from the figure.", None),
        ("X.", "We studied heroin users in a cohort of 300 adults.", "observational"),
        ("X.", "A separate cohort of mice was treated.", None),
        ("X.", "Results: Of the 471 patients included, 117 had Y.", "observational"),
        ("X.", "In a sample of 889 adults, Y predicted Z.", "observational"),
        ("X.", "In a sample of serum, Y was measured.", None),
        ("X.", "Children were recruited (n = 150) at school.", "observational"),
        ("X.", "We linked Alberta health databases to identify patients.", "observational"),
        ("X.", "We used the BRFSS.", "observational"),
        ("X.", "Patients undergoing surgery between August 2014 and March 2018.", "observational"),
        ("X.", "Patients were selected from 2016 to 2018 and given one dose.", None),
        ("X.", "We identified in our database all patients.", "observational"),
        ("X.", "Questionnaires were distributed online.", "observational"),
        ("X.", "Post-simulation questionnaires were used.", None),
        ("X.", "A phase II trial enrolled 36 participants.", "clinical trial"),
        ("X.", "A recent phase II clinical trial failed.", None),
        ("X.", "Areas covered: we present approaches to Y.", "review"),
        ("X.", "Methods: A literature review of Y in children.", "review"),
        ("X.", "Methods: a systematic literature review of Y.", None),  # not a narrative one
        ("X.", "In the current review, we explore Y.", "review"),
        ("X.", "We will discuss the biology of Y.", "review"),
        ("X.", "We discuss the implications of Y.", None),
        ("X.", "Introduction: Y is common.\n\nDiscussion: Z.\n\nConclusion: W.", "review"),
        ("X.", "Introduction: Y.\n\nMethods: Z.\n\nDiscussion: W.", None),
        ("X.", "In this opinion article, I interrogate Y.", "non-evidence"),
        ("X.", "Expert opinion: Y matters.", None),
        # sixth round, each rule and a near miss
        ("Diagnostic accuracy of salivary X in Y.", "", "observational"),
        ("Diagnostic accuracy of X: a narrative review", "", "review"),
        ("Seroprevalence of X among blood donors", "", "observational"),
        ("X.", "We assessed the diagnostic accuracy of X in 40 patients.", "observational"),
        ("X.", "X may increase the diagnostic accuracy of the procedure.", None),
        ("X.", "Group 1 comprised 37 eyes of 36 patients.", "observational"),
        ("X.", "We assessed 62 eyes, one from each patient.", "observational"),
        ("X.", "Eyes were examined in 12 patients.", None),
        ("X.", "Drug overdose death records were studied.", "observational"),
        ("X.", "The effect of X on daily hospital visits for Y.", "observational"),
        ("X.", "Hospital visits rose.", None),
        ("X.", "Our analyses utilize data from 494 adults in the Y Study.", "observational"),
        (
            "X.",
            "A stratified cluster random sampling method selected 3,002 people.",
            "observational",
        ),
        ("X.", "Random forest sampling of features.", None),
        ("X in Y - Corrigendum.", "", "non-evidence"),
        ("Corrigenda in early printed books", "", None),
        ("Academy News - June 2021.", "", "non-evidence"),
        ("News media coverage of X", "", None),
        ("Society for X Award Scheme 2021.", "", "non-evidence"),
        ("Award winners' careers in X", "", None),
        ("Colon and Rectal Surgery Regional Society Meetings.", "", "non-evidence"),
        ("[52/f-Fever and abdominal pain]", "", "case report"),
        ("24/7 care in X", "", None),
        ("Lessons for the clinical nephrologist: X with Y", "", "case report"),
        ("Lessons from X for clinicians", "", None),
        ("X for Y?-A Cochrane Review summary with commentary.", "", "systematic review"),
        ("Cochrane and the evidence movement", "", None),
    ],
)
def test_wording(title, abstract, design):
    assert design_from_text(title, abstract) == design


@pytest.mark.parametrize(
    ("abstract", "design"),
    [
        ("Ninety-five children with spina bifida were examined at age 3.", "observational"),
        ("95 surviving children with spina bifida were examined at age 3.", "observational"),
        ("We enrolled 120 consecutive adults undergoing surgery.", "observational"),
        ("Semen from infertile patients (n = 51) and fertile men was analysed.", "observational"),
        ("We recruited 38 patients with X and 40 healthy controls.", "observational"),
        ("A total of 589 shift workers completed the questionnaire.", "observational"),
        ("This analysis included 1340 consecutive patients with X.", "observational"),
        ("Pain lasted 3 consecutive days in patients with X.", None),
        ("We analyzed 287 articles concerning older adults.", None),
        ("Twenty rats were examined after patients' samples were read.", None),
        ("The drug is used in patients with pain.", None),
        ("Participants were 503 boys recruited in first grade.", "observational"),
        ("Participants included 249 preschool children.", "observational"),
        ("Participants were 104 children, randomized to X or Y.", None),
    ],
)
def test_a_counted_group_of_people_is_observational_when_nothing_else_placed_it(abstract, design):
    assert classify(["Journal Article"], (), "X.", abstract, "Publisher") == (
        (design, "text") if design else ("pending", "none")
    )


def test_a_registry_number_outranks_a_counted_group():
    abstract = "We enrolled 120 consecutive adults. Registered: NCT01234567."
    assert classify(["Journal Article"], (), "X.", abstract, "Publisher") == (
        "clinical trial",
        "text",
    )


def test_a_registry_number_makes_an_unplaced_unindexed_record_a_trial():
    abstract = "Trial registration: ChiCTR2000029999. Outcomes improved."
    assert classify(["Journal Article"], (), "X", abstract, "Publisher") == (
        "clinical trial",
        "text",
    )
    assert rules.registry_ids((), abstract, "Publisher") == ("ChiCTR:ChiCTR2000029999",)


def test_pending_until_indexed_then_what_indexing_says():
    # Not indexed, nothing placed: pending (not "other"); never indexed: other.
    assert classify(["Journal Article"], (), "X", "Y.", "In-Process") == ("pending", "none")
    assert classify(["Journal Article"], (), "X", "Y.", "PubMed-not-MEDLINE") == ("other", "none")
    # The weekly re-fetch parses the indexed record again: the class is recomputed.
    assert classify(["Journal Article"], ["Cohort Studies"], "X", "Y.", "MEDLINE") == (
        "observational",
        "mesh",
    )
    assert classify(["Journal Article"], ["Humans"], "X", "Y.", "MEDLINE") == ("other", "none")


def test_a_refetched_record_gets_the_indexed_design(tmp_path):
    """The parser recomputes the design from each version of a record (the re-fetch stores
    the newly parsed record over the old one)."""
    before = _article("In-Process", "", "")
    after = _article(
        "MEDLINE",
        "<PublicationType>Randomized Controlled Trial</PublicationType>",
        '<MeshHeadingList><MeshHeading><DescriptorName UI="D006801">Humans'
        "</DescriptorName></MeshHeading></MeshHeadingList>",
    )
    (first,) = iter_records(before)
    (second,) = iter_records(after)
    assert (first.study_design, first.design_source) == ("pending", "none")
    assert (second.study_design, second.design_source) == ("rct", "publication type")
    assert (second.humans, second.species_source) == (True, "mesh")


def _article(status: str, extra_type: str, mesh: str) -> bytes:
    return (
        f'<PubmedArticleSet><PubmedArticle><MedlineCitation Status="{status}">'
        "<PMID>99999901</PMID><Article><Journal><Title>J</Title></Journal>"
        "<ArticleTitle>Effects of X on Y.</ArticleTitle>"
        "<Abstract><AbstractText>Outcomes were measured.</AbstractText></Abstract>"
        f"<PublicationTypeList><PublicationType>Journal Article</PublicationType>{extra_type}"
        f"</PublicationTypeList></Article>{mesh}</MedlineCitation></PubmedArticle>"
        "</PubmedArticleSet>"
    ).encode()


def test_pending_is_shown_as_design_pending():
    assert "pending" in rules.DESIGNS
    assert rules.DESIGNS.index("pending") == rules.DESIGNS.index("other") + 1
    assert design_label("pending") == "design pending"
    assert design_label("other") == "other"


# -- species from wording (records without MeSH) -------------------------------------------------


@pytest.mark.parametrize(
    ("pmid", "humans", "animals"),
    [
        (34097106, False, True),  # hypothyroid rats, Publisher
        (34095276, False, True),  # pigs, PubMed-not-MEDLINE
        (34093963, False, True),  # rat model, PubMed-not-MEDLINE
        (34097107, True, False),  # survey of people
    ],
)
def test_species_of_real_unindexed_records_from_their_wording(pmid, humans, animals):
    record = evidence_table.records_by_pmid()[pmid]
    assert not record.mesh
    assert (record.humans, record.animals, record.species_source) == (humans, animals, "text")


def test_a_rat_model_without_check_tags_is_animal_by_wording():
    title = "Ketamine attenuates neuropathic pain in a rat model of nerve injury"
    abstract = (
        "Ketamine is used in patients with chronic pain. Male Sprague-Dawley rats underwent "
        "chronic constriction injury; rats received ketamine or saline and the rats' "
        "withdrawal thresholds were measured."
    )
    assert species_from_text(title, abstract) == (False, True, False)
    assert species_fields((), title, abstract) == {
        "humans": False,
        "animals": True,
        "species_source": "text",
    }
    # The check tags, where there are any, decide.
    tagged = (MeshHeading("Humans", "D006801"),)
    assert species_fields(tagged, title, abstract)["species_source"] == "mesh"
    assert species_from_text("X in HEK293 cell lines", "") == (False, False, True)
    assert species_from_text("Quantum dots", "A new material.") is None


def test_no_indexed_record_is_read_from_wording():
    assert all(r.species_source == "mesh" for r in evidence_table.sample_records() if r.mesh)
    worded = [r for r in evidence_table.sample_records() if r.species_source == "text"]
    assert sum(r.animals and not r.humans for r in worded) > 20


def test_every_notice_title_key_is_a_necessary_condition_of_its_pattern():
    """A NON_EVIDENCE_TITLE_PARTS pattern is searched only when its key occurs in the title:
    on every sample title, a pattern that matches has its key in the title."""
    titles = [normalise(r.title) for r in evidence_table.sample_records() if r.title]
    extra = [
        "x-reply.",
        "smith j, jones ab, et al. x.",
        "a book (isbn 978-0-19-871687-7).",
        "x in y - erratum.",
    ]
    for key, pattern in design_notices.NON_EVIDENCE_TITLE_PARTS:
        found = [t for t in titles + extra if re.search(pattern, t)]
        assert found, key  # each part matches something
        assert all(key in t for t in found), key


@pytest.mark.parametrize("row", range(len(design_counts.COUNTED_PEOPLE)))
def test_every_counted_people_row_places_its_own_example(row):
    example, _before, after = design_counts.COUNTED_PEOPLE[row]
    assert design_counts.counted_people("X.", f"In this work, {example}.") == "observational"
    assert (row in design_counts._HINTS) == (after == "")  # rows read only before need a hint


def _people_places(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(the places `_people_at` finds, the places the pattern it stands for finds) in the
    normalised text, as counted_people reads it."""
    wording = Wording("", text)
    low = wording.low(1)
    found = sorted(design_counts._people_at(low, wording))
    return found, [m.span() for m in design_counts._PEOPLE_AT.finditer(low)]


def test_people_are_found_where_the_pattern_finds_them_on_every_sample_text():
    texts = evidence_table.sample_texts()
    assert len(texts) > 7000
    differ = [t[:80] for t in texts if (pair := _people_places(t))[0] != pair[1]]
    assert differ == []
    assert sum(bool(_people_places(t)[1]) for t in texts) > 1000  # the samples do name people


_PEOPLE_PIECES = [
    *design_counts._PEOPLE_WORDS[:8],
    "men",
    "women",
    "treatment",
    "_",
    "x",
    "é",
    "\u0663",
    "2",
    " ",
    "-",
    ",",
    "(",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PEOPLE_PIECES), max_size=16))
def test_people_are_found_where_the_pattern_finds_them_on_generated_text(pieces):
    """Word characters of other scripts ("é", Arabic-Indic digits) and "_" next to a word
    make it part of a longer word for the pattern's \\b: _people_at must agree."""
    found, expected = _people_places("".join(pieces))
    assert found == expected
