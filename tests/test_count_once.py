"""One study, counted once (store/evidence/count_once.py), and context claims out of the
headline totals: the pure rules, then a store on SQLite and PostgreSQL where a journal
article from the samples and its preprint (built from it, as PubMed links them: UpdateOf on
the article, UpdateIn on the preprint) count once in the overview, the claim, the export,
the digest and `littrack status`, live and from the summaries alike."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import sqlalchemy as sa

from fetchers.ops.status import collect_status
from fetchers.pubmed.records import iter_records
from store.db.connect import open_engine
from store.db.schema import articles
from store.evidence import count_once, novelty
from store.evidence.count_once import Report, superseded, title_key
from store.evidence.counting import summaries_current
from store.fetch import summaries, writes
from store.models import Outline, PubmedRecord
from store.read import export_rows, overview, prisma
from tests.support.dashboard_seed import NOW, OUTLINE, RUN2_AT, build_seed

SAMPLE = Path(__file__).parent / "samples" / "baseline-excerpt-pubmed21n1298-head1500.xml.gz"
#: The sample's journal articles that name their preprint (CommentsCorrections UpdateOf).
UPDATING = (32989731, 33129373)
LATER = "2026-11-23T03:00:00Z"
LATER_END = "2026-11-23T03:01:00Z"

TITLE = "Ketamine infusion for refractory migraine: a randomised controlled trial"


# -- the rules --------------------------------------------------------------------------------


def test_updatein_and_updateof_make_the_journal_version_supersede_the_preprint():
    preprint = Report(1, "Preprint title", preprint=True, updated_by=(2,))
    journal = Report(2, "Journal title")
    assert superseded([preprint, journal]) == {1: 2}
    # the journal article alone says it (UpdateOf), the preprint carries no link
    assert superseded([Report(1, preprint=True), Report(2, updates=(1,))]) == {1: 2}
    # a link to a record that is not stored changes nothing
    assert superseded([Report(1, preprint=True, updated_by=(9,))]) == {}


def test_same_doi_keeps_the_journal_version_then_the_first_pmid():
    reports = [
        Report(5, doi="10.1/ABC", preprint=True),
        Report(7, doi="10.1/abc"),
        Report(6, doi=" 10.1/abc "),
    ]
    assert superseded(reports) == {5: 6, 7: 6}


def test_a_title_joins_a_preprint_or_duplicate_to_its_article_never_two_articles():
    assert superseded([Report(3, TITLE.upper() + ".", preprint=True), Report(4, TITLE)]) == {3: 4}
    duplicate = Report(8, TITLE, duplicate=True)
    assert superseded([duplicate, Report(9, TITLE)]) == {8: 9}
    assert superseded([Report(10, TITLE), Report(11, TITLE)]) == {}
    short = "Ketamine."
    assert len(title_key(short)) < count_once.MIN_TITLE
    assert superseded([Report(12, short, preprint=True), Report(13, short)]) == {}


def test_title_key_ignores_case_accents_punctuation_and_spacing():
    assert (
        title_key("  Kétamine —  for PAIN?  ")
        == title_key("ketamine for pain")
        == ("ketamine for pain")
    )


def test_chains_resolve_to_the_last_version_and_a_loop_to_its_first_pmid():
    chain = [Report(1, updated_by=(2,)), Report(2, updated_by=(3,)), Report(3)]
    assert superseded(chain) == {1: 3, 2: 3}
    loop = [Report(4, updated_by=(5,)), Report(5, updated_by=(4,))]
    assert superseded(loop) == {5: 4}


def test_an_unknown_scope_is_refused_by_name():
    with pytest.raises(ValueError, match=r"^unknown counting scope 'paper' \(expected one of"):
        count_once.counted_once("paper")


# -- a store ------------------------------------------------------------------------------------


def _sample(pmid: int) -> PubmedRecord:
    return next(r for r in iter_records(SAMPLE) if isinstance(r, PubmedRecord) and r.pmid == pmid)


def _pair(pmid: int) -> tuple[PubmedRecord, PubmedRecord]:
    journal = _sample(pmid)
    assert journal.updates, "the sample record names its preprint"
    assert journal.study_design != "non-evidence" and not journal.retracted
    preprint = dataclasses.replace(
        journal,
        pmid=journal.updates[0],
        doi=None,
        preprint=True,
        publication_types=("Preprint",),
        updates=(),
        updated_by=(journal.pmid,),
    )
    return journal, preprint


def _numbers(url: str) -> dict:
    engine = open_engine(url, create=False)
    try:
        claims = overview.claim_overview(engine, now=NOW).set_index("claim_id")
        topics = overview.topic_overview(engine, now=NOW).set_index("topic_id")
        raw = overview.record_totals(engine, now=NOW, all_records=True)["records"]
        store = overview.record_totals(engine, now=NOW)["records"]
        export = export_rows.claim_year_summary(engine, claim_id="recent-ketamine")
        digest = novelty.new_links(engine, LATER).to_dict(orient="records")
        flow = prisma.prisma_flow(engine, "recent-ketamine", ["recent-ketamine"])
    finally:
        engine.dispose()
    return {
        "claims": claims["records"].to_dict(),
        "topics": topics["records"].to_dict(),
        "store": store,
        "raw": raw,
        "export": int(export["records"].sum()),
        "digest": sorted((r["claim_id"], r["pmid"]) for r in digest),
        "status": collect_status(url)["totals"]["records"],
        "second_reports": flow.removed["second report of a study"],
        "screened": flow.screened,
    }


@pytest.mark.parametrize("pmid", UPDATING)
def test_a_preprint_and_its_journal_version_count_once_everywhere(db_url, pmid):
    build_seed(db_url)
    before = _numbers(db_url)
    journal, preprint = _pair(pmid)
    engine = open_engine(db_url)
    with engine.begin() as conn:
        run = writes.start_run(
            conn, now=LATER, mode="incremental", outline_path="tests", claims_total=3
        )
        writes.upsert_articles(conn, [journal, preprint], fetched_at=LATER)
        writes.link_claim(
            conn, "recent-ketamine", [journal.pmid, preprint.pmid], run_id=run, now=LATER,
            complete=False,
        )  # fmt: skip
        # a claim (another topic) whose query matched only the preprint still has the study
        writes.link_claim(
            conn, "animal-ketamine", [preprint.pmid], run_id=run, now=LATER, complete=False
        )
        writes.finish_run(conn, run, now=LATER_END, status="ok", requests=1, new_records=2)
        assert count_once.refresh_superseded(conn) == 1
        stored = conn.execute(
            sa.select(articles.c.pmid, articles.c.superseded_by).where(
                articles.c.superseded_by.is_not(None)
            )
        ).all()
    assert [tuple(r) for r in stored] == [(preprint.pmid, journal.pmid)]

    live = _numbers(db_url)
    assert live["claims"]["recent-ketamine"] == before["claims"]["recent-ketamine"] + 1
    assert live["claims"]["animal-ketamine"] == before["claims"]["animal-ketamine"] + 1
    assert live["topics"]["anaesthesia"] == before["topics"]["anaesthesia"] + 1
    assert live["topics"]["veterinary"] == before["topics"]["veterinary"] + 1
    assert live["store"] == live["status"] == before["store"] + 1
    assert live["raw"] == before["raw"] + 2  # raw retrieval keeps every record
    assert live["export"] == before["export"] + 1
    # the PRISMA flow removes the preprint as a duplicate, not as non-evidence
    assert live["second_reports"] == before["second_reports"] + 1
    assert live["screened"] == before["screened"] + 1
    assert live["digest"] == sorted(
        [*before["digest"], ("recent-ketamine", journal.pmid), ("animal-ketamine", preprint.pmid)]
    )

    with engine.begin() as conn:
        summaries.refresh_summaries(conn, now=LATER_END)
    with engine.connect() as conn:
        assert summaries_current(conn)
    engine.dispose()
    assert _numbers(db_url) == live


def test_the_flag_goes_when_the_journal_version_is_withdrawn(db_url):
    build_seed(db_url)
    journal, preprint = _pair(UPDATING[0])
    engine = open_engine(db_url)
    with engine.begin() as conn:
        writes.upsert_articles(conn, [journal, preprint], fetched_at=LATER)
        assert count_once.refresh_superseded(conn) == 1
        conn.execute(
            articles.update().where(articles.c.pmid == journal.pmid).values(deleted_at=LATER)
        )
        assert count_once.refresh_superseded(conn) == 0
        left = conn.execute(
            sa.select(sa.func.count()).where(articles.c.superseded_by.is_not(None))
        ).scalar()
    engine.dispose()
    assert left == 0


def test_context_claims_are_out_of_the_headline_totals_but_keep_their_rows(db_url):
    seed = build_seed(db_url)
    engine = open_engine(db_url)
    before = overview.record_totals(engine, now=NOW, all_records=True)["records"]
    context = Outline(
        title=OUTLINE.title,
        source=OUTLINE.source,
        subject=OUTLINE.subject,
        topics=tuple(
            dataclasses.replace(
                t,
                claims=tuple(
                    dataclasses.replace(c, context=c.claim_id == "animal-ketamine")
                    for c in t.claims
                ),
            )
            for t in OUTLINE.topics
        ),
    )
    with engine.begin() as conn:
        writes.sync_outline(conn, context, now=RUN2_AT)
    article = set(seed.live["recent-ketamine"]) | set(seed.live["ketamine-reviews"])
    only_context = set(seed.live["animal-ketamine"]) - article
    assert only_context, "the seed's animal claim has records no other claim has"
    for refreshed in (False, True):
        if refreshed:
            with engine.begin() as conn:
                summaries.refresh_summaries(conn, now=NOW)
        totals = overview.record_totals(engine, now=NOW, all_records=True)
        assert totals["records"] == len(article) == before - len(only_context)
        claims = overview.claim_overview(engine, now=NOW, all_records=True)
        shown = claims.set_index("claim_id").loc["animal-ketamine", "records"]
        assert shown == len(seed.live["animal-ketamine"])
        assert collect_status(db_url)["totals"]["all_records"] == len(article)
    engine.dispose()
