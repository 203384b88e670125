"""The dashboard's only cache decorators, over the store's read side (store.evidence.counting,
overview, claim_detail, runs, publications).

Every cached function takes the database URL and `version` (store.evidence.counting.data_version:
the newest fetch run's id, status and end) as arguments, so a finished fetch changes the
cache key and shows up on the next rerun without restarting Streamlit. ttl and
max_entries bound memory and the age of time-relative numbers ("new in 7 days").
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy.engine import Engine

from store.db.connect import mask_url, open_engine, open_reader, resolve_db_url
from store.errors import StoreError
from store.evidence import counting as queries
from store.evidence import novelty
from store.evidence.novelty import new_cutoff
from store.export.options import ExportOptions
from store.export.run import export_bytes
from store.read import claim_detail, claim_page, health, new_records, overview, prisma, runs
from store.read import evidence_map as evidence_map_store
from store.read import publications as pubs
from store.screening import decisions, outcomes, ranking

P = ParamSpec("P")
R = TypeVar("R")

TTL_SECONDS = 600
MAX_ENTRIES = 64


@dataclass(frozen=True)
class Store:
    url: str
    state: str  # missing | empty | ready
    version: str = "none"
    problem: str = ""

    @property
    def shown_url(self) -> str:
        return mask_url(self.url)


#: LITTRACK_READONLY values, case-insensitive; any other value means read-only.
READONLY_ON = ("1", "true", "yes", "on")
READONLY_OFF = ("", "0", "false", "no", "off")


def read_only() -> bool:
    """LITTRACK_READONLY=1 (set by `littrack dashboard --read-only`): no write widgets, and
    the store itself opened read-only, so even a bug cannot write. A safety switch fails
    closed: a value that is neither on nor off (`2`, `read-only`) also means read-only."""
    return os.environ.get("LITTRACK_READONLY", "").strip().lower() not in READONLY_OFF


def readonly_problem() -> str | None:
    """What to tell the user about an unknown LITTRACK_READONLY value, if there is one."""
    value = os.environ.get("LITTRACK_READONLY", "").strip()
    if value.lower() in READONLY_ON + READONLY_OFF:
        return None
    return (
        f"LITTRACK_READONLY={value[:40]!r} is not one of {', '.join(READONLY_ON)} or "
        f"{', '.join(v for v in READONLY_OFF if v)}: the dashboard is read-only"
    )


@st.cache_resource(max_entries=4, show_spinner=False)
def _engine(url: str):
    return open_reader(url)


@st.cache_resource(max_entries=4, show_spinner=False)
def _writer(url: str):
    return open_engine(url, create=False)


def engine(url: str) -> Engine:
    """Every page reads through the read-only engine (store.db.connect.open_reader)."""
    return _engine(url)


def writer(url: str) -> Engine:
    """The Screen page's engine, the dashboard's only writes (screening decisions): the
    read-only one under `--read-only`, so the database itself refuses a write."""
    return _engine(url) if read_only() else _writer(url)


def current_store() -> Store:
    """The store named by LITTRACK_DB, read fresh on every rerun (cheap: two small queries).
    A missing file or unreachable server is a state to explain, not an exception."""
    url = resolve_db_url()
    try:
        eng = _engine(url)
        state = queries.store_state(eng)
        version = queries.data_version(eng) if state != "missing" else "none"
    except StoreError as exc:
        return Store(url, "missing", problem=str(exc))
    except Exception as exc:  # e.g. a server that went away after caching
        _engine.clear()
        return Store(url, "missing", problem=str(exc).splitlines()[0])
    return Store(url, state, version)


def _cached(func: Callable[P, R]) -> Callable[P, R]:
    return st.cache_data(ttl=TTL_SECONDS, max_entries=MAX_ENTRIES, show_spinner=False)(func)


@_cached
def topic_overview(url: str, version: str, all_records: bool = False) -> pd.DataFrame:
    return overview.topic_overview(engine(url), all_records=all_records)


@_cached
def claim_overview(
    url: str, version: str, topic_id: str | None = None, all_records: bool = False
) -> pd.DataFrame:
    return overview.claim_overview(engine(url), topic_id=topic_id, all_records=all_records)


@_cached
def record_totals(url: str, version: str, all_records: bool = False) -> dict[str, int]:
    return overview.record_totals(engine(url), all_records=all_records)


@_cached
def topic_year_counts(
    url: str, version: str, basis: str, all_records: bool = False
) -> pd.DataFrame:
    return overview.topic_year_counts(engine(url), basis=basis, all_records=all_records)


@_cached
def claim_year_design(
    url: str, version: str, claim_id: str, basis: str, all_records: bool = False
) -> pd.DataFrame:
    return claim_detail.claim_year_design(
        engine(url), claim_id, basis=basis, all_records=all_records
    )


@_cached
def claim_volume(
    url: str, version: str, claim_id: str, basis: str, all_records: bool, scale: str
) -> claim_page.Volume:
    return claim_page.claim_volume(
        engine(url), claim_id, basis=basis, all_records=all_records, scale=scale
    )


@_cached
def newest_view(
    url: str, version: str, claim_id: str, limit: int, basis: str, year: int | None
) -> pd.DataFrame:
    return claim_page.newest_view(
        engine(url), claim_id, limit=limit, new_since=new_cutoff(), basis=basis, year=year
    )


@_cached
def year_totals(url: str, version: str, series: str) -> pd.DataFrame:
    return claim_detail.year_totals(engine(url), series)


@_cached
def claim_design_breakdown(
    url: str, version: str, claim_id: str, all_records: bool = False
) -> pd.DataFrame:
    return claim_detail.claim_design_breakdown(engine(url), claim_id, all_records=all_records)


@_cached
def claim_species_breakdown(
    url: str, version: str, claim_id: str, all_records: bool = False
) -> pd.DataFrame:
    return claim_detail.claim_species_breakdown(engine(url), claim_id, all_records=all_records)


@_cached
def claim_count_history(url: str, version: str, claim_id: str) -> pd.DataFrame:
    return claim_detail.claim_count_history(engine(url), claim_id)


@_cached
def query_history(url: str, version: str, claim_id: str) -> list[dict]:
    from store.fetch.ledger import query_history as versions

    return [v.as_dict() for v in versions(engine(url), claim_id)]


@_cached
def newest_publications(
    url: str,
    version: str,
    claim_id: str,
    limit: int,
    basis: str = "publication",
    year: int | None = None,
) -> pd.DataFrame:
    return pubs.newest_publications(
        engine(url), claim_id, limit=limit, new_since=new_cutoff(), basis=basis, year=year
    )


@_cached
def claim_matches(url: str, version: str, claim_id: str, pmids: tuple[int, ...]) -> dict:
    """pmid → stored explanation ({"explained", "hits", "current"}) for the claim page."""
    from store.fetch.matches import read_matches

    with engine(url).connect() as conn:
        return read_matches(conn, claim_id, pmids)


def _filter(fields: tuple) -> pubs.PublicationFilter:
    return pubs.PublicationFilter(*fields)


def filter_key(flt: pubs.PublicationFilter) -> tuple:
    """A PublicationFilter as a plain tuple (what st.cache_data hashes reliably)."""
    return dataclasses.astuple(flt)


@_cached
def count_publications(url: str, version: str, flt: tuple) -> int:
    return pubs.count_publications(engine(url), _filter(flt))


@_cached
def list_publications(
    url: str, version: str, flt: tuple, sort: str, descending: bool, limit: int, offset: int
) -> pd.DataFrame:
    return pubs.list_publications(
        engine(url), _filter(flt), sort=sort, descending=descending, limit=limit, offset=offset
    )


def publication_export(url: str, flt: tuple) -> bytes:
    """The CLI export's publications CSV for the filtered records (the same export code),
    uncached: only built when someone clicks Download."""
    options = ExportOptions("publications", where=_filter(flt))
    return export_bytes(engine(url), options)


@_cached
def filter_choices(url: str, version: str) -> dict:
    return pubs.filter_choices(engine(url))


@_cached
def run_history(url: str, version: str) -> pd.DataFrame:
    return runs.run_history(engine(url))


@_cached
def skipped_records(url: str, version: str) -> pd.DataFrame:
    return runs.skipped(engine(url))


@_cached
def claim_fetch_status(url: str, version: str) -> pd.DataFrame:
    return runs.claim_fetch_status(engine(url))


@_cached
def freshness(url: str, version: str) -> dict:
    return health.freshness(engine(url))


@_cached
def evidence_map(url: str, version: str, key: str) -> pd.DataFrame:
    """`key` is `screening_key`: the map's sizes and colours follow screening decisions."""
    return evidence_map_store.evidence_map(engine(url))


@_cached
def article_title(url: str, version: str) -> str:
    return evidence_map_store.article_title(engine(url))


@_cached
def new_records_list(url: str, version: str, since: str, all_records: bool) -> pd.DataFrame:
    return new_records.new_records(engine(url), since, all_records=all_records)


@_cached
def count_new_links(url: str, version: str, since: str, all_records: bool = False) -> int:
    return novelty.count_new_links(engine(url), since, all_records=all_records)


@_cached
def weekly_new_records(url: str, version: str, weeks: int) -> pd.DataFrame:
    return novelty.weekly_new_records(engine(url), weeks=weeks)


# -- screening: keyed by `screening_key` as well, since decisions change between fetches ----------


def screening_key(url: str) -> str:
    """The newest decision id (uncached, one indexed read): part of the cache key of every
    screening reader, so a decision shows on the next rerun. "none" when the store has no
    screening tables (opened without upgrading)."""
    with engine(url).connect() as conn:
        if not decisions.has_screening(conn):
            return "none"
        return str(decisions.newest_decision_id(conn))


@_cached
def screening_counts(url: str, version: str, key: str, claim_id: str | None = None) -> pd.DataFrame:
    return outcomes.screening_counts(engine(url), claim_id=claim_id)


@_cached
def topic_screening_counts(url: str, version: str, key: str) -> pd.DataFrame:
    return outcomes.topic_screening_counts(engine(url))


@_cached
def direction_by_year(url: str, version: str, key: str, claim_id: str) -> pd.DataFrame:
    return outcomes.direction_by_year(engine(url), claim_id)


@_cached
def retracted_inclusions(url: str, version: str, key: str) -> pd.DataFrame:
    return outcomes.retracted_inclusions(engine(url))


@_cached
def screening_reasons(url: str, version: str) -> list[str]:
    with engine(url).connect() as conn:
        return decisions.reasons(conn)


@_cached
def prisma_retrieval(url: str, version: str, claim_id: str | None) -> prisma.Flow:
    """The flow's boxes that move only with a fetch, for one claim or the whole outline."""
    if claim_id is None:
        label, _ = prisma.resolve_scope(engine(url), whole=True)
        return prisma.retrieval_flow(engine(url), label, None)
    label, ids = prisma.resolve_scope(engine(url), claim_ids=[claim_id])
    return prisma.retrieval_flow(engine(url), label, ids)


@_cached
def prisma_flow(url: str, version: str, key: str, claim_id: str | None) -> prisma.Flow:
    """The PRISMA 2020 flow of one claim, or of the whole outline (claim_id None): the
    screening boxes recounted after a decision, the rest from `prisma_retrieval`."""
    retrieval = prisma_retrieval(url, version, claim_id)
    return prisma.with_outcomes(engine(url), retrieval, None if claim_id is None else [claim_id])


# -- priority screening: features per fetch, scores per retrain point, figures per decision ------


@st.cache_resource(ttl=TTL_SECONDS, max_entries=8, show_spinner="Reading the claim's records…")
def claim_texts(url: str, version: str, claim_id: str) -> ranking.ClaimTexts:
    """The claim's feature matrix: seconds for thousands of records, so once per fetch."""
    return ranking.claim_texts(engine(url), claim_id)


@st.cache_resource(ttl=TTL_SECONDS, max_entries=16, show_spinner=False)
def _priority_scores(url: str, version: str, claim_id: str, trained: tuple) -> object:
    return ranking.scores(claim_texts(url, version, claim_id), trained)


@_cached
def screening_history(url: str, version: str, key: str, claim_id: str) -> ranking.History:
    live = set(claim_texts(url, version, claim_id).pmids)
    return ranking.history(engine(url), claim_id, live)


def ranked_pmids(url: str, version: str, key: str, claim_id: str, order: str) -> list[int]:
    """The claim's live records in priority (or random audit) order. The model is refitted
    only at its retrain points (store.screening.priority.retrain_due); between them a
    decision re-uses the cached scores."""
    texts = claim_texts(url, version, claim_id)
    trained = ranking.training_key(texts, screening_history(url, version, key, claim_id))
    return _ranked(url, version, claim_id, order, trained if order == "priority" else ())


@st.cache_resource(ttl=TTL_SECONDS, max_entries=16, show_spinner=False)
def _ranked(url: str, version: str, claim_id: str, order: str, trained: tuple) -> list[int]:
    return ranking.ranked_for(
        claim_texts(url, version, claim_id), trained, order,
        score_source=lambda t, tr: _priority_scores(url, version, claim_id, tr),
    )  # fmt: skip


@_cached
def screening_status(
    url: str, version: str, key: str, claim_id: str, recall: float, confidence: float
) -> ranking.Status:
    return ranking.claim_status(engine(url), claim_id, recall=recall, confidence=confidence)


@_cached
def estimated_relevant(url: str, version: str, key: str) -> dict[str, tuple[int, int, int]]:
    return ranking.estimated_relevant(engine(url))
