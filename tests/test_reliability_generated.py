"""Inputs by type, on SQLite and PostgreSQL (round-2 review, "how to test this class of
input"): generated text for every text field of a record and generated esearch answers go
through the parser or a whole night into the store; and a dry run writes not one byte.

The numeric fields of a record and the sheet's cells have their generated tests beside their
findings (tests/test_hostile_values.py, tests/test_sheet_hostile_import.py)."""

from __future__ import annotations

import csv
import io
import json

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fetchers.cli import cli
from fetchers.job.run import run_fetch
from fetchers.pubmed.limits import FIELD_LIMITS, ITEM_LIMIT
from fetchers.pubmed.records import iter_records
from store.db.connect import open_engine
from store.db.schema import articles, claim_counts, metadata
from store.fetch.writes import upsert_articles
from store.models import PubmedRecord, SkippedRecord
from tests.hostile.night import Script, client_for, linked, outline_of, rows
from tests.hostile.server import HostileServer, Reply, Request, article_set, article_xml
from tests.support.dashboard_seed import build_seed


@pytest.fixture
def engine(db_url):
    engine = open_engine(db_url)
    yield engine
    engine.dispose()


def _xml(text: str) -> str:
    """`text` as XML character data: what XML 1.0 cannot hold (NUL, most C0 controls,
    surrogates, U+FFFE/U+FFFF) left out, markup escaped. CR, tabs, zero-width and
    bidirectional characters stay."""
    allowed = (
        c
        for c in text
        if c in "\t\n\r" or ("\x20" <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd") or c > "\uffff"
    )
    return "".join(allowed).replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;")


_ODD = st.sampled_from(["\r", "\u200b", "\u202e", "\u2028", "\x85", "\ufeff", "\U0001f600", "\t"])
_TEXT = st.text(st.characters(codec="utf-8"), max_size=60) | st.lists(_ODD).map("".join)
_LONG = st.integers(min_value=0, max_value=3).map(lambda n: "x" * (ITEM_LIMIT + n * 40_000))


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    title=_TEXT | _LONG,
    abstract=_TEXT,
    author=_TEXT | _LONG,
    language=_TEXT | _LONG,
    status=_TEXT,
    label=_TEXT,
)
def test_any_record_text_is_stored_within_its_limits(
    engine, title, abstract, author, language, status, label
):
    body = article_set(
        article_xml(
            9,
            title=_xml(title),
            abstract=_xml(abstract),
            author=_xml(author),
            language=_xml(language),
            status=_xml(status),
            label=_xml(label),
        )
    )
    (item,) = list(iter_records(body))
    if isinstance(item, SkippedRecord):  # e.g. an author name that is only spaces
        assert item.reason
        return
    assert isinstance(item, PubmedRecord)
    assert len(item.title) <= FIELD_LIMITS["title"]
    assert len(item.citation_status) <= FIELD_LIMITS["citation_status"]
    assert all(len(a) <= ITEM_LIMIT for a in item.authors + item.languages)
    with engine.begin() as conn:
        upsert_articles(conn, [item], fetched_at="2026-01-01T00:00:00Z")
    with engine.connect() as conn:
        stored = conn.execute(sa.select(articles).where(articles.c.pmid == 9)).one()
    assert (stored.title, stored.citation_status) == (item.title, item.citation_status)


_SCALAR = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.text(max_size=12)
_JSON = st.recursive(
    _SCALAR | st.integers(1, 5).map(str),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
_FIELDS = st.dictionaries(
    st.sampled_from(["count", "idlist", "errorlist", "warninglist", "querytranslation"]),
    _JSON,
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(odd=_FIELDS)
def test_any_esearch_answer_costs_at_most_its_own_claim(engine, odd):
    """c1's search answers `odd` merged into a good answer; c2's is clean. The night ends
    with c1 stored within the column types or failed with a reason, and c2 linked. The
    store is shared by every generated example, and a failed claim keeps the links it had:
    c1 may gain only the PMIDs its own answer names."""
    before = linked(engine, "c1")
    script = Script(searches={"q2": (2, [4, 5])}, records={n: article_xml(n) for n in (1, 4, 5)})

    def answer(request: Request) -> Reply:
        if request.endpoint == "esearch" and request.params.get("term") == "q1":
            result = {"count": "1", "retmax": "1", "idlist": ["1"], **odd}
            return Reply(json.dumps({"esearchresult": result}).encode())
        return script(request)

    with HostileServer(answer) as server:
        summary = run_fetch(
            engine, outline_of("q1", "q2"), client_for(server, max_tries=1), year_counts=False
        )
    c1, c2 = summary.claims
    assert (c2.status, linked(engine, "c2")) == ("ok", {4, 5})
    assert c1.status in ("ok", "incomplete", "failed")
    if c1.status == "failed":
        assert c1.error
    counts = [r.count for r in rows(engine, claim_counts) if r.count is not None]
    assert all(0 <= n <= 10**12 for n in counts)
    assert linked(engine, "c1") - before <= _ids_named(odd.get("idlist", ["1"]))


def _ids_named(idlist: object) -> set[int]:
    """The PMIDs an esearch idlist names, as digits or as numbers (none if it is no list)."""
    if not isinstance(idlist, list):
        return set()
    digits = {int(i) for i in idlist if isinstance(i, str) and i.isascii() and i.isdigit()}
    return digits | {i for i in idlist if type(i) is int and i > 0}


@pytest.mark.parametrize(
    ("reply", "column", "text"),
    [
        ({"querytranslation": "a\x00b"}, "query_translation", "ab"),
        ({"warninglist": {"outputmessages": ["a\x00b"]}}, "warnings", "outputmessages: ab"),
        ({"errorlist": {"phrasesnotfound": ["a\x00b"]}}, "error", "phrase not found: ab"),
        ({"warninglist": {"quotedphrasesnotfound": ["a\x00"]}}, "error", "not found: a)"),
        ("a\x00b", "error", "HTTP 400 ab"),
    ],
    ids=["translation", "message", "phrase", "quoted-phrase", "http-error"],
)
def test_a_nul_in_an_esearch_answer_never_reaches_the_store(engine, reply, column, text):
    """Found by the generated test above: PostgreSQL text cannot hold NUL, and 0.3.0 stored
    the answer's text (or an error body's) with it, stopping the night with a DataError."""
    script = Script(searches={"q2": (2, [4, 5])}, records={n: article_xml(n) for n in (1, 4, 5)})

    def answer(request: Request) -> Reply:
        if request.endpoint == "esearch" and request.params.get("term") == "q1":
            if isinstance(reply, str):
                return Reply(reply.encode(), 400)
            result = {"count": "1", "retmax": "1", "idlist": ["1"], **reply}
            return Reply(json.dumps({"esearchresult": result}).encode())
        return script(request)

    with HostileServer(answer) as server:
        summary = run_fetch(
            engine, outline_of("q1", "q2"), client_for(server, max_tries=1), year_counts=False
        )
    assert linked(engine, "c2") == {4, 5}
    (c1,) = [r for r in rows(engine, claim_counts) if r.claim_id == "c1"]
    assert text in getattr(c1, column)
    assert summary.claims[1].status == "ok"


# --- a dry run writes nothing at all, on a current store too ----------------------------------


def _everything(url: str) -> dict[str, list]:
    engine = open_engine(url, create=False, upgrade=False)
    with engine.connect() as conn:
        found = {
            t.name: sorted(map(tuple, conn.execute(sa.select(t)).all()), key=repr)
            for t in metadata.sorted_tables
        }
    engine.dispose()
    return found


def test_a_dry_run_import_leaves_a_current_store_as_it_was(runner, db_url, tmp_path):
    seed = build_seed(db_url)
    sheet = tmp_path / "sheet.csv"
    claim = sorted(seed.live)[0]
    out = runner.invoke(cli, ["export", "screening", "--claim", claim, "--out", str(sheet),
                              "--db", seed.url])  # fmt: skip
    assert out.exit_code == 0, out.output
    listed = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    listed[0]["decision"] = "include"
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(listed[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(listed)
    sheet.write_text(buffer.getvalue(), encoding="utf-8")
    folder = sorted(p.name for p in tmp_path.iterdir())
    before = _everything(seed.url)
    file_before = _sqlite_bytes(seed.url)
    args = ["import", "screening", str(sheet), "--reviewer", "Ann", "--dry-run", "--db", seed.url]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].endswith("(dry run: nothing written)")
    assert _sqlite_bytes(seed.url) == file_before
    assert sorted(p.name for p in tmp_path.iterdir()) == folder
    assert _everything(seed.url) == before


def _sqlite_bytes(url: str) -> bytes | None:
    if not url.startswith("sqlite"):
        return None
    with open(sa.engine.make_url(url).database, "rb") as f:
        return f.read()
