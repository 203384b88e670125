"""Values a record or an esearch answer may hold, by type rather than by example: a year is
whatever characters a Year element holds, an esearch answer whatever JSON comes back. Each
is served by the hostile server in record 2 of claim c1 (PMIDs 1-3; c2 has 4-5), or in
c1's search answer, on SQLite and PostgreSQL: the record is stored with the field unknown
(or skipped and reported), the other claim is linked, and nothing ends in a traceback."""

from __future__ import annotations

import base64
import json
import re
import threading
import time

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.charts import volume_by_year
from fetchers.cli import cli
from fetchers.eutils import transport
from fetchers.eutils.answers import RetryAnswer
from fetchers.eutils.esearch import parse_esearch_json
from fetchers.eutils.secrets import Scrubber
from fetchers.job import slices
from fetchers.job.run import run_fetch
from fetchers.pubmed.records import iter_records
from store.db.connect import open_engine
from store.db.schema import articles, skipped_records
from store.errors import EutilsError
from store.fetch.writes import upsert_articles
from store.models import PubmedRecord, SkippedRecord
from tests.hostile.night import EMAIL, KEY, Script, client_for, linked, outline_of, rows
from tests.hostile.server import (
    HostileServer,
    Reply,
    Request,
    article_set,
    article_xml,
    esearch_json,
)

DATE_COLUMNS = ("pub_date", "entrez_date", "electronic_date", "date_revised")


@pytest.fixture
def engine(db_url):
    engine = open_engine(db_url)
    yield engine
    engine.dispose()


def _night(engine, record_two: bytes, **search_extra) -> tuple:
    script = Script(
        searches={"q1": (3, [1, 2, 3]), "q2": (2, [4, 5])},
        records={1: article_xml(1), 2: record_two, 3: article_xml(3)}
        | {n: article_xml(n) for n in (4, 5)},
    )
    with HostileServer(script) as server:
        summary = run_fetch(
            engine, outline_of("q1", "q2"), client_for(server, max_tries=2), year_counts=False
        )
    return summary, {r.pmid: r for r in rows(engine, articles)}


# --- odd numbers in a record: stored with the field unknown ----------------------------------


@pytest.mark.parametrize(
    "year",
    [
        "²⁰²⁴",  # superscript digits: str.isdigit() is true, int() fails
        "２０２４",  # full-width digits: int() reads them
        "٢٠٢٤",  # Arabic-Indic digits
        "99999999999999999999",  # past 2^63
        "9" * 5000,  # past Python's 4,300-digit int() limit
        "10000",  # five digits: too long for the date columns
        "9999999999",
        "0",
        "0999",
        "-2024",
    ],
)
def test_an_unreadable_publication_year_is_stored_as_unknown(engine, year):
    summary, stored = _night(engine, article_xml(2, year=year))
    assert summary.status == "ok"
    assert sorted(stored) == [1, 2, 3, 4, 5]
    assert (stored[2].pub_year, stored[2].pub_date) == (None, None)
    assert stored[1].pub_year == 2024
    assert linked(engine, "c1") == {1, 2, 3} and linked(engine, "c2") == {4, 5}


@pytest.mark.parametrize("year", ["12345", "²⁰²⁴", "9" * 5000, "0000"])
def test_an_unreadable_entrez_year_is_stored_as_unknown(engine, year):
    summary, stored = _night(engine, article_xml(2, entrez_year=year))
    assert summary.status == "ok"
    assert stored[2].entrez_date is None
    assert stored[1].entrez_date == "2024-05-02"


@pytest.mark.parametrize("pmid", ["²", "99999999999999999999", "9" * 5000, "x", ""])
def test_an_unreadable_comments_corrections_pmid_is_left_out(engine, pmid):
    erratum = (
        "<CommentsCorrectionsList><CommentsCorrections RefType='ErratumIn'>"
        f"<RefSource>J Test</RefSource><PMID Version='1'>{pmid}</PMID>"
        "</CommentsCorrections></CommentsCorrectionsList>"
    )
    summary, stored = _night(engine, article_xml(2, citation_extra=erratum))
    assert summary.status == "ok"
    assert sorted(stored) == [1, 2, 3, 4, 5]
    assert stored[2].erratum_in in (None, "", "[]", [])


# --- odd esearch answers: the claim is retried, then failed; the other claim is linked ------


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"errorlist": ["x"]}, "errorlist is a list, not an object"),
        ({"warninglist": {"outputmessages": 5}}, "warninglist outputmessages is not a list"),
        ({"warninglist": ["x"]}, "warninglist is a list, not an object"),
        ({"idlist": {"1": 1}}, "count or idlist is not numeric"),
        ({"querytranslation": ["x"]}, "querytranslation is not a string"),
    ],
)
def test_an_esearch_answer_of_the_wrong_shape_fails_only_its_claim(engine, extra, error):
    script = Script(
        searches={"q1": (1, [1]), "q2": (1, [4])}, records={1: article_xml(1), 4: article_xml(4)}
    )

    def answer(request: Request) -> Reply:
        reply = script(request)
        if request.endpoint == "esearch" and request.params.get("term") == "q1":
            doc = json.loads(reply.body)
            doc["esearchresult"].update(extra)
            return Reply(json.dumps(doc).encode(), content_type="application/json")
        return reply

    with HostileServer(answer) as server:
        summary = run_fetch(
            engine, outline_of("q1", "q2"), client_for(server, max_tries=2), year_counts=False
        )
    by_claim = {c.claim_id: c for c in summary.claims}
    assert by_claim["c1"].status == "failed"
    assert error in by_claim["c1"].error
    assert linked(engine, "c2") == {4}


def test_an_esearch_answer_nested_200000_deep_is_retried_not_a_traceback():
    with pytest.raises(RetryAnswer) as caught:
        parse_esearch_json(b"[" * 200_000)
    assert str(caught.value).startswith("body is not JSON: '[[[[")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
_KEYS = st.sampled_from(
    ["count", "idlist", "errorlist", "warninglist", "querytranslation", "ERROR", "retmax"]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_KEYS, _JSON | st.just("5")), st.booleans())
def test_any_esearch_json_is_a_result_or_a_retry_or_an_error(result, wrapped):
    doc = {"esearchresult": result} if wrapped else result
    try:
        found = parse_esearch_json(json.dumps(doc).encode())
    except (RetryAnswer, EutilsError):
        return
    assert 0 <= found.count <= 10**12
    assert all(1 <= i <= 99_999_999 for i in found.ids)


# --- generated record fields, parsed and stored on both backends ---------------------------

_DIGITS = st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=6)
_NUMBERS = st.integers(min_value=-(2**70), max_value=2**70).map(str)
_FIELD = _DIGITS | _NUMBERS | st.text(max_size=8) | st.just("9" * 4400)


def _xml_text(text: str) -> str:
    return "".join(c for c in text if c.isprintable()).replace("&", "&amp;").replace("<", "&lt;")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(year=_FIELD, entrez=_FIELD, erratum=_FIELD)
def test_any_year_or_pmid_text_is_parsed_within_limits_and_stored(engine, year, entrez, erratum):
    erratum_xml = (
        "<CommentsCorrectionsList><CommentsCorrections RefType='ErratumIn'>"
        f"<PMID>{_xml_text(erratum)}</PMID></CommentsCorrections></CommentsCorrectionsList>"
    )
    body = article_set(
        article_xml(
            7, year=_xml_text(year), entrez_year=_xml_text(entrez), citation_extra=erratum_xml
        )
    )
    (item,) = list(iter_records(body))
    if isinstance(item, SkippedRecord):
        return
    assert isinstance(item, PubmedRecord)
    assert item.pub_year is None or 1000 <= item.pub_year <= 2999
    for name in DATE_COLUMNS:
        assert len(getattr(item, name) or "") <= 10
    assert all(1 <= p <= 99_999_999 for p in item.erratum_in)
    with engine.begin() as conn:
        upsert_articles(conn, [item], fetched_at="2026-01-01T00:00:00Z")


# --- the request deadline covers the status line and headers -------------------------------


def test_a_server_dripping_its_headers_is_cut_off_at_the_request_deadline(monkeypatch):
    monkeypatch.setattr(transport, "REQUEST_DEADLINE", 0.5)
    caught: list[BaseException] = []

    def search() -> None:
        try:
            client.esearch("q1")
        except EutilsError as exc:
            caught.append(exc)

    with HostileServer(lambda request: Reply(head_drip=0.05)) as server:
        client = client_for(server, max_tries=2, timeout=30)
        # In a thread: without the deadline the request drips on for ever, and the test must
        # fail rather than hang (0.2.0 still had it open after 420 s).
        waiting = threading.Thread(target=search, daemon=True)
        waiting.start()
        waiting.join(20)
        assert not waiting.is_alive(), "the request outlived its deadline"
    assert "gave up after 2 tries, last: no complete answer within 0.5 s" in str(caught[0])


# --- a poison record is found by its parse error, not by identical bytes --------------------


def test_a_poison_record_is_isolated_when_each_answer_carries_a_timestamp(engine):
    script = Script(
        searches={"q1": (3, [1, 2, 3])},
        records={1: article_xml(1), 2: article_xml(2, title="bad \xff\xfe"), 3: article_xml(3)},
    )
    script.records[2] = article_xml(2).replace(b"A title", b"bad \xff\xfe bytes")

    def answer(request: Request) -> Reply:
        reply = script(request)
        if request.endpoint == "efetch":
            stamp = f"<!-- {time.monotonic_ns()} -->".encode()
            reply.body = reply.body.replace(b"<PubmedArticleSet>", b"<PubmedArticleSet>" + stamp)
        return reply

    with HostileServer(answer) as server:
        summary = run_fetch(engine, outline_of("q1"), client_for(server), year_counts=False)
    assert linked(engine, "c1") == {1, 3}
    (skipped,) = rows(engine, skipped_records)
    assert skipped.pmid == 2
    assert summary.claims[0].status == "incomplete"


# --- secrets echoed in other spellings -----------------------------------------------------


def _b64(text: str) -> str:
    return base64.b64encode(f"key={text};".encode()).decode()


ECHOES = {
    "upper case": lambda: f"bad key {KEY.upper()} for {EMAIL.upper()}",
    "&#064;": lambda: "from " + EMAIL.replace("@", "&#064;"),
    "&commat;": lambda: "from " + EMAIL.replace("@", "&commat;"),
    "%2540": lambda: "from " + EMAIL.replace("@", "%2540").replace("+", "%252B"),
    "base64": lambda: "token " + _b64(KEY),
    "zero-width space": lambda: "key " + "\u200b".join(KEY) + " " + EMAIL.replace("@", "\u200b@"),
    "&#x200b;": lambda: "key " + KEY[:5] + "&#x200b;" + KEY[5:],
    "%E2%80%8B": lambda: "key " + KEY[:5] + "%E2%80%8B" + KEY[5:],
    "mixed": lambda: EMAIL.replace("o", "&#111;").replace("t", "%74").upper(),
}


@pytest.mark.parametrize("form", sorted(ECHOES))
def test_an_echoed_secret_is_removed_in_any_spelling(form):
    scrubber = Scrubber(KEY, EMAIL)
    echoed = ECHOES[form]()
    for cleaned in (scrubber.text(echoed), scrubber.bytes(echoed.encode()).decode()):
        assert "***" in cleaned
        assert "K3y" not in cleaned.replace("\u200b", "")
        assert "owl" not in cleaned.lower()


# --- a stored absurd year does not make a chart build an array per year --------------------


def test_a_stored_absurd_year_is_left_out_of_the_volume_chart():
    frame = pd.DataFrame(
        {"year": [2020, 30_000_000, 9_999_999_999], "study_design": ["RCT"] * 3, "records": 1}
    )
    figure = volume_by_year(frame)
    assert list(figure.data[0].x) == [2020]


# --- the bisection's budget does not grow with the server's Count ---------------------------


def test_a_lying_count_of_99999999_buys_no_more_than_the_fixed_split_budget(engine, monkeypatch):
    monkeypatch.setattr(slices, "MAX_SPLIT_SEARCHES", 60)

    asked: list[str] = []

    def answer(request: Request) -> Reply:
        if request.endpoint != "esearch":
            return Reply(article_set())
        term = request.params["term"]
        asked.append(term)
        if len(asked) > 200:  # a budget that grew with the Count: end the claim at once
            return Reply(b"too many searches", 400)
        if term == "all[sb]":
            return esearch_json(40_000_000, [99_999_999])
        lo_hi = re.search(r"(\d+):(\d+)\[uid\]", term)
        width = int(lo_hi[2]) - int(lo_hi[1]) + 1 if lo_hi else 99_999_999
        return esearch_json(width, list(range(1, 51)))  # Count = the range's width, always

    with HostileServer(answer) as server:
        summary = run_fetch(
            engine, outline_of("q1"), client_for(server, max_tries=1), year_counts=False
        )
        searches = len(server.to("esearch"))
    assert summary.claims[0].error.startswith("gave up splitting the PMID range after 60 searches")
    assert searches == 1 + 60  # the claim's search, then the budget (newest-PMID search included)


# --- MeSH and linked PMIDs have caps like every other list ----------------------------------


def test_huge_mesh_headings_and_link_lists_are_cut_and_named(engine):
    heading = "<MeshHeading><DescriptorName UI='D1'>{}</DescriptorName></MeshHeading>"
    mesh = (
        "<MeshHeadingList>"
        + heading.format("x" * 3_000_000)
        + heading.format("Humans") * 12_000
        + "</MeshHeadingList>"
    )
    links = "".join(
        f"<CommentsCorrections RefType='ErratumIn'><PMID>{n}</PMID></CommentsCorrections>"
        for n in range(1, 12_001)
    )
    extra = mesh + f"<CommentsCorrectionsList>{links}</CommentsCorrectionsList>"
    (record,) = list(iter_records(article_set(article_xml(2, citation_extra=extra))))
    assert set(record.cut_fields) == {"mesh", "erratum_in"}
    assert len(record.mesh) == 10_000 and len(record.mesh[0].descriptor) == 2_000
    assert len(record.erratum_in) == 10_000
    with engine.begin() as conn:
        upsert_articles(conn, [record], fetched_at="2026-01-01T00:00:00Z")
    (stored,) = rows(engine, articles)
    assert stored.cut_fields == "erratum_in,mesh"


# --- the whole command: a night against each of the review's values ------------------------

OUTLINE = """\
title: Hostile values
source: tests/test_hostile_values.py
subject: anything
topics:
  - id: t
    title: Topic
    claims:
      - id: c1
        claim: One.
        query: q1
      - id: c2
        claim: Two.
        query: q2
"""
ERRATUM_SUPERSCRIPT = (
    "<CommentsCorrectionsList><CommentsCorrections RefType='ErratumIn'>"
    "<RefSource>J</RefSource><PMID Version='1'>²</PMID></CommentsCorrections>"
    "</CommentsCorrectionsList>"
)


@pytest.mark.parametrize(
    ("record_two", "search_extra", "exit_code"),
    [
        ({"year": "²⁰²⁴"}, {}, 0),
        ({"year": "99999999999999999999"}, {}, 0),
        ({"year": "9" * 5000}, {}, 0),
        ({"year": "10000"}, {}, 0),
        ({"entrez_year": "12345"}, {}, 0),
        ({"citation_extra": ERRATUM_SUPERSCRIPT}, {}, 0),
        ({}, {"errorlist": ["x"]}, 1),
        ({}, {"warninglist": {"outputmessages": 5}}, 1),
    ],
)
def test_littrack_fetch_survives_each_value_of_the_review(
    runner, db_url, tmp_path, record_two, search_extra, exit_code
):
    outline = tmp_path / "o.yaml"
    outline.write_text(OUTLINE)
    script = Script(
        searches={"q1": (3, [1, 2, 3]), "q2": (2, [4, 5])},
        records={n: article_xml(n, **(record_two if n == 2 else {})) for n in range(1, 6)},
    )

    def answer(request: Request) -> Reply:
        reply = script(request)
        if search_extra and request.endpoint == "esearch" and request.params["term"] == "q1":
            doc = json.loads(reply.body)
            doc["esearchresult"].update(search_extra)
            reply = Reply(json.dumps(doc).encode(), content_type="application/json")
        return reply

    with HostileServer(answer) as server:
        args = ["fetch", "--outline", str(outline), "--db", db_url, "--eutils-url", server.url]
        result = runner.invoke(cli, [*args, "--no-year-counts"])
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    engine = open_engine(db_url)
    assert linked(engine, "c2") == {4, 5}
    if exit_code == 0:
        assert linked(engine, "c1") == {1, 2, 3}
    engine.dispose()
