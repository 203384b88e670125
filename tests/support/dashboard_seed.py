"""A small store for read-side tests, filled through store.fetch.writes with REAL PubMed records
parsed from tests/samples (not the fetch job: that path is covered by `fetched_db_url`).

Which record goes to which claim is decided here in plain Python, so the tests can compute
every expected number from `Seed` without running the SQL under test:
- topic "anaesthesia": claim "recent-ketamine" links every record of the 2021 subset
  (run 1 links all but the last five, run 2 the rest); claim "ketamine-reviews" links the
  review-design records of both subsets (run 2), with one of them dropped in run 2;
- topic "veterinary": claim "animal-ketamine" links every animal-tagged record (run 1) and
  fails in run 2;
- one record's title is changed to start with '=' and its authors to non-ASCII names, to
  exercise the Excel guard and UTF-8 output (a direct upsert, said here so tests can cite it);
- the two lowest-PMID evidence records of the 2021 subset are marked retracted and under an
  expression of concern respectively (the samples' own flagged records are not ketamine
  papers), so the evidence counts and the claim alerts have something to leave out and show.

A new SQLite file is a copy of one store this process built the same way (the seed is
deterministic: fixed times, sorted records), so the hundreds of tests that seed a store pay
for the writes once per process; PostgreSQL stores are always written.
"""

from __future__ import annotations

import atexit
import copy
import dataclasses
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from fetchers.pubmed.records import iter_records
from store.db.connect import open_engine
from store.db.schema import claim_counts
from store.fetch import writes
from store.models import Claim, Outline, PubmedRecord, Topic

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
RECENT_FILE = SAMPLES / "ketamine-subset-pubmed21n1298.xml.gz"
OLD_FILE = SAMPLES / "ketamine-subset-pubmed20n0014.xml.gz"

NOW = "2026-11-24T12:00:00Z"
RUN1_AT = "2026-10-10T03:00:00Z"  # 45 days before NOW
RUN1_END = "2026-10-10T03:05:00Z"
RUN2_AT = "2026-11-22T03:00:00Z"  # 2 days before NOW
RUN2_END = "2026-11-22T03:02:30Z"

FORMULA_TITLE = '=HYPERLINK("http://example.invalid","click") ketamine'
NON_ASCII_AUTHORS = ("Müller J", "Øvergaard Å", "Nguyễn VĐ", "Çelik Ş")

OUTLINE = Outline(
    title="Is Ketamine an Analgesic? (test)",
    source="tests",
    subject="ketamine",
    topics=(
        Topic(
            "anaesthesia",
            "Ketamine in anaesthesia",
            (
                Claim(
                    "recent-ketamine",
                    "anaesthesia",
                    "Ketamine keeps being studied.",
                    "ketamine[mh] OR ketamine[tiab]",
                    reference_query="anesthesia[mh]",
                    position=0,
                ),
                Claim(
                    "ketamine-reviews",
                    "anaesthesia",
                    "Reviews summarise ketamine.",
                    "(ketamine[tiab]) AND review[pt]",
                    position=1,
                ),
            ),
            position=0,
        ),
        Topic(
            "veterinary",
            "Veterinary use",
            (
                Claim(
                    "animal-ketamine",
                    "veterinary",
                    "Ketamine is used in animals.",
                    "ketamine[tiab] AND animals[mh]",
                    position=0,
                ),
            ),
            position=1,
        ),
    ),
)

PUBMED_TOTALS = {1977: 250_000, 1978: 260_000, 1979: 270_000, 2020: 1_500_000, 2021: 1_600_000}
REFERENCE_TOTALS = {2020: 20_000, 2021: 25_000}


@dataclass
class Seed:
    url: str
    records: dict[int, PubmedRecord] = field(default_factory=dict)
    #: claim_id -> {pmid: first_seen} of live links after both runs
    live: dict[str, dict[int, str]] = field(default_factory=dict)
    dropped: dict[str, set[int]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # latest successful Count
    formula_pmid: int = 0
    run_ids: tuple[int, int] = (0, 0)


def _records(path: Path) -> list[PubmedRecord]:
    return [r for r in iter_records(path) if isinstance(r, PubmedRecord)]


_TEMPLATE: list[Seed] = []  # this process's built SQLite seed, once built


def build_seed(url: str) -> Seed:
    """The seeded store at `url` (a new SQLite file: a copy of this process's first build)."""
    target = _new_sqlite_file(url)
    if target is None:
        return _write_seed(url)
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="littrack-seed-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _TEMPLATE.append(_write_seed(f"sqlite:///{folder / 'seed.sqlite'}"))
    template = _TEMPLATE[0]
    source = Path(sa.engine.make_url(template.url).database)
    assert not source.with_name(source.name + "-wal").exists(), "seed left a WAL behind"
    shutil.copyfile(source, target)
    return dataclasses.replace(copy.deepcopy(template), url=url)


def _new_sqlite_file(url: str) -> Path | None:
    """The file a SQLite `url` names when it does not exist yet (in an existing folder)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(parsed.database)
    return path if path.parent.is_dir() and not path.exists() else None


def _write_seed(url: str) -> Seed:
    recent, old = _records(RECENT_FILE), _records(OLD_FILE)
    recent.sort(key=lambda r: r.pmid)
    # The newest record by Entrez date, so it is among the claim page's newest publications.
    index = max(range(len(recent)), key=lambda i: (recent[i].entrez_date or "", recent[i].pmid))
    altered = dataclasses.replace(recent[index], title=FORMULA_TITLE, authors=NON_ASCII_AUTHORS)
    recent[index] = altered
    flaggable = [i for i, r in enumerate(recent) if r.study_design != "non-evidence"][:2]
    recent[flaggable[0]] = dataclasses.replace(recent[flaggable[0]], retracted=True)
    recent[flaggable[1]] = dataclasses.replace(recent[flaggable[1]], concern=True)
    every = {r.pmid: r for r in recent + old}
    seed = Seed(url=url, records=every, formula_pmid=altered.pmid)

    recent_ids = [r.pmid for r in recent]
    reviews = sorted(p for p, r in every.items() if r.study_design == "review")
    animals = sorted(p for p, r in every.items() if r.animals and r.species_source == "mesh")
    assert len(reviews) >= 2 and len(animals) >= 3, "samples changed: adjust the seed"

    engine = open_engine(url)
    with engine.begin() as conn:
        writes.sync_outline(conn, OUTLINE, now=RUN1_AT)
        run1 = writes.start_run(
            conn, now=RUN1_AT, mode="full", outline_path="tests", claims_total=3
        )
        writes.upsert_articles(conn, every.values(), fetched_at=RUN1_AT)
        writes.link_claim(
            conn, "recent-ketamine", recent_ids[:-5], run_id=run1, now=RUN1_AT, complete=True
        )
        writes.link_claim(conn, "animal-ketamine", animals, run_id=run1, now=RUN1_AT, complete=True)
        for claim_id, count, retrieved in (
            ("recent-ketamine", 40, len(recent_ids) - 5),
            ("ketamine-reviews", 7, 0),
            ("animal-ketamine", 12, len(animals)),
        ):
            writes.write_claim_count(
                conn, run_id=run1, claim_id=claim_id, counted_at=RUN1_AT, count=count,
                retrieved=retrieved, status="ok",
            )  # fmt: skip
        writes.finish_run(
            conn, run1, now=RUN1_END, status="ok", requests=9, retries=1, new_records=len(every)
        )
    with engine.begin() as conn:
        run2 = writes.start_run(
            conn, now=RUN2_AT, mode="incremental", outline_path="tests", claims_total=3
        )
        writes.link_claim(
            conn, "recent-ketamine", recent_ids, run_id=run2, now=RUN2_AT, complete=True
        )
        writes.link_claim(
            conn, "ketamine-reviews", reviews, run_id=run2, now=RUN2_AT, complete=True
        )
        writes.link_claim(
            conn, "ketamine-reviews", reviews[1:], run_id=run2, now=RUN2_AT, complete=True
        )
        writes.write_claim_count(
            conn, run_id=run2, claim_id="recent-ketamine", counted_at=RUN2_AT, count=45,
            retrieved=len(recent_ids), new_links=5, status="ok",
        )  # fmt: skip
        writes.write_claim_count(
            conn, run_id=run2, claim_id="ketamine-reviews", counted_at=RUN2_AT, count=8,
            retrieved=len(reviews), new_links=len(reviews), dropped_links=1, status="ok",
        )  # fmt: skip
        writes.write_claim_count(
            conn, run_id=run2, claim_id="animal-ketamine", counted_at=RUN2_AT, count=None,
            retrieved=None, status="failed", error="HTTP 500 from esearch",
        )  # fmt: skip
        for year, total in PUBMED_TOTALS.items():
            writes.upsert_year_count(
                conn, series="pubmed", year=year, count=total, query="all[sb]", now=RUN2_AT
            )
        for year, total in REFERENCE_TOTALS.items():
            writes.upsert_year_count(
                conn,
                series="reference:recent-ketamine",
                year=year,
                count=total,
                query="anesthesia[mh]",
                now=RUN2_AT,
            )
        writes.finish_run(
            conn, run2, now=RUN2_END, status="partial", requests=7, retries=0, errors=1,
            claims_failed=1, new_records=0,
        )  # fmt: skip
        assert conn.execute(sa.select(sa.func.count()).select_from(claim_counts)).scalar() == 6
    engine.dispose()

    seed.run_ids = (run1, run2)
    seed.live = {
        "recent-ketamine": {p: RUN1_AT for p in recent_ids[:-5]}
        | {p: RUN2_AT for p in recent_ids[-5:]},
        "ketamine-reviews": {p: RUN2_AT for p in reviews[1:]},
        "animal-ketamine": {p: RUN1_AT for p in animals},
    }
    seed.dropped = {"ketamine-reviews": {reviews[0]}}
    seed.counts = {"recent-ketamine": 45, "ketamine-reviews": 8, "animal-ketamine": 12}
    return seed


def topic_of(claim_id: str) -> str:
    return next(c.topic_id for c in OUTLINE.claims if c.claim_id == claim_id)
