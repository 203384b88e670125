"""A night's fetch against a hostile E-utilities server (tests/hostile) and the store on
SQLite and PostgreSQL: one unreadable record costs only itself, a night never says OK with
records missing, and time, memory, secrets and the lock stay bounded."""

from __future__ import annotations

import re
import threading

import pytest
import sqlalchemy as sa

from fetchers.eutils import transport
from fetchers.eutils.client import EutilsClient, EutilsError
from fetchers.job import slices
from fetchers.job.run import FetchLockLostError, run_fetch
from fetchers.settings import EutilsSettings
from store.db.connect import open_engine
from store.db.lock import acquire_lock, release_lock
from store.db.schema import (
    articles,
    claim_articles,
    claim_counts,
    fetch_lock,
    fetch_runs,
    skipped_records,
    year_counts,
)
from tests.hostile.night import (
    EMAIL,
    KEY,
    Script,
    client_for,
    linked,
    outline_of,
    rows,
)
from tests.hostile.server import (
    HostileServer,
    Reply,
    Request,
    article_set,
    article_xml,
    esearch_json,
    gzip_bomb,
)

ENTITY_BOMB = (
    b"<!DOCTYPE PubmedArticleSet [<!ENTITY a 'aaaaaaaaaa'>"
    + b"".join(
        f"<!ENTITY {chr(98 + i)} '{('&' + chr(97 + i) + ';') * 10}'>".encode() for i in range(8)
    )
    + b"]>"
)


@pytest.fixture
def engine(db_url):
    engine = open_engine(db_url)
    yield engine
    engine.dispose()


# --- 1, 21: PMIDs missing, empty, not numeric, 0, negative, past 2^63 ---------------------


def test_records_without_a_usable_pmid_are_skipped_and_reported_not_fatal(engine):
    script = Script(
        searches={"q1": (3, [1, 2, 3])},
        records={1: article_xml(1), 3: article_xml(3)},
        extra=[
            article_xml(None),
            article_xml(""),
            article_xml("12a"),
            article_xml(0),
            article_xml(-5),
            article_xml(2**63),
        ],
    )
    with HostileServer(script) as server:
        summary = run_fetch(engine, outline_of("q1"), client_for(server), year_counts=False)
    assert summary.status == "incomplete"
    assert [(c.claim_id, c.status) for c in summary.claims] == [("c1", "incomplete")]
    assert summary.claims[0].error == "efetch returned no record for 1 PMIDs: 2"
    assert {r.pmid for r in rows(engine, articles)} == {1, 3}
    assert linked(engine, "c1") == {1, 3}
    reasons = [
        (r.seq, r.pmid, r.position, r.reason)
        for r in sorted(rows(engine, skipped_records), key=lambda r: r.seq)
    ]
    assert reasons == [
        (1, None, "efetch batch 1/1 (3 ids), record 3", "no PMID"),
        (2, None, "efetch batch 1/1 (3 ids), record 4", "no PMID"),
        (3, None, "efetch batch 1/1 (3 ids), record 5", "PMID is not a number: '12a'"),
        (4, None, "efetch batch 1/1 (3 ids), record 6", "PMID out of range 1..99999999: 0"),
        (5, None, "efetch batch 1/1 (3 ids), record 7", "PMID is not a number: '-5'"),
        (
            6,
            None,
            "efetch batch 1/1 (3 ids), record 8",
            "PMID out of range 1..99999999: 9223372036854775808",
        ),
    ]
    run = rows(engine, fetch_runs)[0]
    assert (run.status, run.claims_incomplete, run.records_skipped) == ("incomplete", 1, 6)


def test_invalid_pmids_in_a_search_answer_never_reach_the_store(engine):
    script = Script(
        searches={"q1": (3, [1, 0, -5, 2**63])},
        records={1: article_xml(1)},
    )
    with HostileServer(script) as server:
        summary = run_fetch(engine, outline_of("q1"), client_for(server), year_counts=False)
    assert linked(engine, "c1") == {1}
    assert {r.pmid for r in rows(engine, articles)} == {1}
    # Count 3 and one valid id: the claim is incomplete, never OK.
    assert summary.claims[0].status == "incomplete"
    assert summary.claims[0].error == "search gave 1 ids for Count 3"
    assert "3 invalid PMIDs ignored: -5,0,9223372036854775808" in summary.claims[0].warnings


# --- 3, 13: what PubMed may send fits the columns on both backends ------------------------


def test_long_language_and_status_and_a_count_past_2_31_are_stored(engine):
    big = 3_000_000_000
    script = Script(
        searches={"q1": (1, [7]), "q2": (big, [])},
        records={7: article_xml(7, language="x" * 40, status="S" * 50)},
    )
    with HostileServer(script) as server:
        summary = run_fetch(engine, outline_of("q1", "q2"), client_for(server), year_counts=False)
    stored = rows(engine, articles)[0]
    assert (stored.language, stored.citation_status) == ("x" * 40, "S" * 50)
    counts = {r.claim_id: (r.count, r.status) for r in rows(engine, claim_counts)}
    assert counts["c1"] == (1, "ok")
    assert counts["c2"] == (big, "incomplete")
    assert summary.claims[1].error == (
        "retrieved 0 ids but PubMed's Count was 3000000000 (difference -3000000000)"
    )


def test_a_year_count_past_2_63_is_an_error_line_not_a_failed_run(engine):
    script = Script(searches={"q1": (1, [7])}, records={7: article_xml(7)})
    outline = outline_of("q1")

    def answer(request: Request) -> Reply:
        if "[dp]" in request.params.get("term", ""):
            return esearch_json(10**20)
        return script(request)

    with HostileServer(answer) as server:
        summary = run_fetch(engine, outline, client_for(server, max_tries=1))
    assert summary.status == "ok"
    assert summary.year_count_errors
    assert "Count 100000000000000000000 is out of range" in summary.year_count_errors[0]
    assert rows(engine, year_counts) == []


# --- 7: one poison record costs only itself -------------------------------------------------

POISONS = {
    "invalid UTF-8": (article_xml(5, title="bad \x01").replace(b"\x01", b"\xff\xfe"), b""),
    "entity bomb": (article_xml(5, title="&i;"), ENTITY_BOMB),
    "nesting past libxml2's limit": (article_xml(5, title="<i>" * 3000 + "</i>" * 3000), b""),
}


@pytest.mark.parametrize("kind", sorted(POISONS))
def test_a_poison_record_is_isolated_by_splitting_and_costs_only_itself(engine, kind):
    poison, doctype = POISONS[kind]
    ids = list(range(1, 9))
    script = Script(
        searches={"q1": (8, ids), "q2": (2, [1, 2])},
        records={i: article_xml(i) for i in ids} | {5: poison},
        doctype_for={5: doctype},
    )
    with HostileServer(script) as server:
        summary = run_fetch(engine, outline_of("q1", "q2"), client_for(server), year_counts=False)
        efetches = [tuple(r.ids) for r in server.to("efetch")]
    assert {r.pmid for r in rows(engine, articles)} == set(ids) - {5}
    assert linked(engine, "c1") == set(ids) - {5}
    assert [(c.claim_id, c.status) for c in summary.claims] == [
        ("c1", "incomplete"),
        ("c2", "ok"),
    ]
    assert summary.claims[0].error == "1 records skipped as unreadable: 5"
    (skipped,) = rows(engine, skipped_records)
    assert (skipped.pmid, skipped.position, skipped.claim_ids) == (
        5,
        "efetch batch 1/1, PMID asked alone",
        "c1",
    )
    assert "the same unreadable answer twice" in skipped.reason
    # Bad bytes are asked for twice (a truncation would differ), never six times.
    assert max(efetches.count(e) for e in set(efetches)) == 2
    assert efetches.count((5,)) == 2


# --- 11, 23: a night never says OK with records missing -----------------------------------


def test_efetch_returning_none_of_a_claims_records_is_incomplete(engine):
    script = Script(searches={"q1": (3, [1, 2, 3])})
    with HostileServer(script) as server:
        summary = run_fetch(engine, outline_of("q1"), client_for(server), year_counts=False)
    assert summary.status == "incomplete"
    assert summary.claims[0].error == "efetch returned no record for 3 PMIDs: 1,2,3"
    run = rows(engine, fetch_runs)[0]
    assert (run.status, run.claims_incomplete) == ("incomplete", 1)


def test_a_zero_count_with_an_error_message_is_not_zero_hits(engine):
    script = Script(searches={"q1": (2, [1, 2])}, records={1: article_xml(1), 2: article_xml(2)})
    with HostileServer(script) as server:
        assert (
            run_fetch(engine, outline_of("q1"), client_for(server), year_counts=False).status
            == "ok"
        )
        script.searches["q1"] = (0, [])
        script.search_extra = {
            "warninglist": {"outputmessages": ["Search Backend failed: try later"]}
        }
        summary = run_fetch(
            engine, outline_of("q1"), client_for(server, max_tries=2), year_counts=False
        )
    assert summary.claims[0].status == "failed"
    assert "Count 0 with message 'Search Backend failed: try later'" in summary.claims[0].error
    assert linked(engine, "c1") == {1, 2}  # nothing marked dropped


# --- 9: bisection gives up when Count keeps lying -----------------------------------------


@pytest.mark.parametrize(
    ("lie", "error"),
    [
        ("impossible", "gave up splitting the PMID range: range 1:10010 holds 10010 PMIDs"),
        ("plausible", "gave up splitting the PMID range after 160 searches"),
    ],
)
def test_bisection_gives_up_when_count_keeps_lying(engine, lie, error):
    """Count 20,000 for every range (more than the range can hold), or for a plausible lie
    the range's own width: either way the split must stop, and say so."""

    def answer(request: Request) -> Reply:
        if request.endpoint == "esearch":
            term = request.params["term"]
            if term == "all[sb]":
                return esearch_json(40_000_000, [41_000_000])
            lo_hi = re.search(r"(\d+):(\d+)\[uid\]", term)
            count = 20_000
            if lo_hi and lie == "plausible":
                count = int(lo_hi[2]) - int(lo_hi[1]) + 1
            return esearch_json(count, list(range(1, 51)))
        return Reply(article_set())

    with HostileServer(answer) as server:
        summary = run_fetch(
            engine, outline_of("q1"), client_for(server, max_tries=1), year_counts=False
        )
        searches = len(server.to("esearch"))
    result = summary.claims[0]
    assert result.status == "incomplete"
    assert result.error.startswith(error), result.error
    # The claim's own search, the newest-PMID search, then the budget for Count 20,000.
    assert searches <= 2 + slices.SEARCHES_BASE + slices.SEARCHES_PER_CAP * 3


# --- 12: size limits ------------------------------------------------------------------------


def test_a_huge_abstract_is_cut_and_flagged(engine):
    script = Script(
        searches={"q1": (1, [9])},
        records={9: article_xml(9, abstract="word " * 600_000)},
    )
    with HostileServer(script) as server:
        summary = run_fetch(engine, outline_of("q1"), client_for(server), year_counts=False)
    assert summary.status == "ok"
    stored = rows(engine, articles)[0]
    assert len(stored.abstract) == 200_000
    assert stored.cut_fields == "abstract"


def test_a_gzip_bomb_is_refused_at_the_size_cap(engine, monkeypatch):
    monkeypatch.setattr(transport, "MAX_BODY_BYTES", 4 * 2**20)
    bomb = gzip_bomb(64 * 2**20)

    def answer(request: Request) -> Reply:
        if request.endpoint == "esearch":
            return esearch_json(1, [9])
        return Reply(bomb, headers={"Content-Encoding": "gzip"})

    with HostileServer(answer) as server:
        summary = run_fetch(engine, outline_of("q1"), client_for(server), year_counts=False)
    (skipped,) = rows(engine, skipped_records)
    assert skipped.pmid == 9
    assert skipped.reason.startswith("efetch.fcgi: answer larger than 4 MB")
    assert summary.claims[0].status == "incomplete"


# --- 6: an overall deadline per request and per run ---------------------------------------


def test_a_dripping_server_hits_the_request_deadline(monkeypatch):
    monkeypatch.setattr(transport, "REQUEST_DEADLINE", 0.5)

    def answer(request: Request) -> Reply:
        return Reply(esearch_json(1, [1]).body, drip=0.1)

    with HostileServer(answer) as server:
        client = client_for(server, max_tries=2)
        with pytest.raises(EutilsError) as caught:
            client.esearch("q1")
    # Both tries were cut at the deadline (the whole body would take 6 s per try).
    assert "gave up after 2 tries, last: no complete answer within 0.5 s" in str(caught.value)


def test_a_run_past_its_deadline_stops_while_a_request_hangs(sqlite_url):
    engine = open_engine(sqlite_url)
    release = threading.Event()

    def answer(request: Request) -> Reply:
        release.wait(20)
        return esearch_json(0)

    outcome: list = []
    with HostileServer(answer) as server:
        client = client_for(server, max_tries=1, timeout=30)

        def night() -> None:
            try:
                run_fetch(engine, outline_of("q1"), client, year_counts=False, deadline=0.5)
            except FetchLockLostError as exc:
                outcome.append(str(exc))

        thread = threading.Thread(target=night)
        thread.start()
        thread.join(10)  # the server still holds the request: the watchdog cut it
        assert not thread.is_alive()
        assert not release.is_set() and len(server.requests) == 1
        next_night = acquire_lock(engine)  # the next night can start
        release_lock(engine, next_night)
        release.set()
    assert outcome == [
        "the run passed its deadline; it stops and releases the lock (the next run carries on)"
    ]
    engine.dispose()


# --- 5: the lock is checked in the same transaction as each write -------------------------


def test_a_run_that_lost_its_lock_writes_nothing_more(engine, monkeypatch):
    script = Script(searches={"q1": (2, [1, 2])}, records={1: article_xml(1), 2: article_xml(2)})
    real = EutilsClient.fetch_records

    def suspended_then_resumed(self, pmids):
        fetched = real(self, pmids)
        # While this process was suspended another fetch took the lock over.
        with engine.begin() as conn:
            conn.execute(fetch_lock.update().values(pid=1, host="elsewhere"))
        return fetched

    monkeypatch.setattr(EutilsClient, "fetch_records", suspended_then_resumed)
    with HostileServer(script) as server:
        with pytest.raises(FetchLockLostError, match="this run stops before writing"):
            run_fetch(engine, outline_of("q1"), client_for(server), year_counts=False)
    assert rows(engine, articles) == []
    assert rows(engine, claim_articles) == []


# --- 8: secrets echoed in any encoding ------------------------------------------------------

ECHOES = {
    "raw": lambda params: params["email"] + " " + params["api_key"],
    "URL-encoded": lambda params: "email=night.owl%2Btracker%40example.org&key=" + KEY,
    "lower-case URL-encoded": lambda params: "night.owl%2btracker%40example.org",
    "HTML-escaped": lambda params: "night.owl+tracker&#64;example.org",
    "JSON-escaped": lambda params: "night.owl+tracker\\u0040example.org",
    "key cut by the snippet": lambda params: "x" * 113 + params["api_key"],
}


@pytest.mark.parametrize("form", sorted(ECHOES))
def test_secrets_echoed_by_a_server_never_leave_the_client(form):
    def answer(request: Request) -> Reply:
        return Reply(ECHOES[form](request.params).encode(), 400, content_type="text/plain")

    with HostileServer(answer) as server:
        with pytest.raises(EutilsError) as caught:
            client_for(server).esearch("q1")
    message = str(caught.value)
    assert "***" in message
    lowered = message.lower()
    for secret in (KEY, EMAIL, "night.owl%2btracker%40example.org", "&#64;example", "u0040ex"):
        assert secret.lower() not in lowered
    assert KEY[:3].lower() not in lowered


# --- 16, 20: URL typos and redirects --------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("htp://eutils.ncbi.nlm.nih.gov/", "unknown scheme 'htp' (use http:// or https://)"),
        ("not a url", "not a URL (use http:// or https://)"),
    ],
)
def test_a_url_typo_fails_at_once(url, why):
    client = EutilsClient(EutilsSettings(base_url=url), backoff_base=10)
    with pytest.raises(EutilsError) as caught:
        client.esearch("q1")
    assert str(caught.value) == f"E-utilities URL {url!r}: {why}"
    assert client.requests == 0


def test_a_redirect_to_another_host_is_not_followed_with_credentials():
    with HostileServer(lambda request: esearch_json(1, [1])) as elsewhere:
        target = f"http://localhost:{elsewhere.port}/steal"

        def answer(request: Request) -> Reply:
            return Reply(b"", 307, headers={"Location": target})

        with HostileServer(answer) as server:
            with pytest.raises(EutilsError) as caught:
                client_for(server).esearch("q1")
        assert elsewhere.requests == []
    assert str(caught.value) == (
        f"E-utilities redirected to http://localhost:{elsewhere.port}: not followed (the "
        "request carries the API key and e-mail; set LITTRACK_EUTILS_URL to the new address "
        "if it is right)"
    )


def test_a_same_origin_redirect_is_followed():
    def answer(request: Request) -> Reply:
        if request.path.startswith("/moved/"):
            return esearch_json(1, [42])
        return Reply(b"", 307, headers={"Location": "/moved/esearch.fcgi"})

    with HostileServer(answer) as server:
        assert client_for(server).esearch("q1").ids == (42,)
        assert server.requests[-1].params["api_key"] == KEY


# --- 1, 11: what the user sees: exit 1, `status` WARN, the Fetch status page ---------------

OUTLINE_YAML = """\
title: Reliability
source: tests
subject: nothing
topics:
  - id: t
    title: Topic
    claims:
      - id: c1
        claim: A claim.
        query: q1[tiab]
"""


def test_an_incomplete_night_exits_1_and_status_warns_with_the_numbers(
    db_url, tmp_path, runner, monkeypatch
):
    monkeypatch.setenv("NCBI_API_KEY", KEY)
    monkeypatch.setenv("NCBI_EMAIL", EMAIL)
    outline = tmp_path / "outline.yaml"
    outline.write_text(OUTLINE_YAML)
    script = Script(
        searches={"q1[tiab]": (3, [1, 2, 3])},
        records={1: article_xml(1), 3: article_xml(3)},
        extra=[article_xml("x1")],
    )
    from fetchers.cli import cli

    with HostileServer(script) as server:
        args = ["fetch", "--outline", str(outline), "--db", db_url, "--eutils-url", server.url]
        fetched = runner.invoke(cli, [*args, "--no-year-counts"])
    assert fetched.exit_code == 1, fetched.output
    assert "skipped PMID ? at efetch batch 1/1 (3 ids), record 3: PMID is not a number: 'x1'" in (
        fetched.output
    )
    assert "run 1: incomplete; claims 1, failed 0, incomplete 1, skipped records 1;" in (
        fetched.output
    )
    status = runner.invoke(cli, ["status", "--db", db_url])
    assert status.exit_code == 1
    lines = status.output.splitlines()
    assert lines[0].startswith("littrack status: WARN - last run #1 (")
    assert lines[0].endswith(
        "incomplete: 1 of 1 claims incomplete, 1 records skipped as unreadable"
    )
    assert "Claims whose last fetch was incomplete (1): c1" in lines
    assert "  c1: efetch returned no record for 1 PMIDs: 2" in lines
    assert "  PMID ? at efetch batch 1/1 (3 ids), record 3: PMID is not a number: 'x1'" in lines
    for text in (fetched.output, status.output):
        assert KEY not in text and EMAIL not in text


def test_the_fetch_status_page_lists_skipped_records(sqlite_url, monkeypatch):
    from tests.test_dashboard_apptest import frame_with, run_app

    engine = open_engine(sqlite_url)
    poison, _ = POISONS["invalid UTF-8"]
    script = Script(searches={"q1": (2, [4, 5])}, records={4: article_xml(4), 5: poison})
    with HostileServer(script) as server:
        run_fetch(engine, outline_of("q1"), client_for(server), year_counts=False)
    engine.dispose()
    at = run_app(monkeypatch, sqlite_url, "views/fetch_status.py")
    shown = frame_with(at, "run_id", "pmid", "position", "reason", "claim_ids")
    assert list(shown["pmid"]) == [5]
    assert list(shown["claim_ids"]) == ["c1"]
    assert "the same unreadable answer twice" in shown["reason"].iloc[0]
    runs = frame_with(at, "run_id", "status", "claims_incomplete", "records_skipped")
    assert runs[["status", "claims_incomplete", "records_skipped"]].values.tolist() == [
        ["incomplete", 1, 1]
    ]


def test_an_over_long_author_is_cut_and_flagged_by_the_parser():
    from fetchers.pubmed.records import iter_records

    (record,) = iter_records(article_set(article_xml(8, author="A" * 5000)))
    assert record.authors == ("A" * 2000,)
    assert record.cut_fields == ("authors",)


def test_an_echoed_url_encoded_email_never_reaches_the_store_or_the_log(engine):
    def answer(request: Request) -> Reply:
        echoed = "bad request from email=night.owl%2Btracker%40example.org api_key=" + KEY
        return Reply(echoed.encode(), 400, content_type="text/plain")

    lines: list[str] = []
    with HostileServer(answer) as server:
        summary = run_fetch(
            engine, outline_of("q1"), client_for(server), log=lines.append, year_counts=False
        )
    assert summary.claims[0].status == "failed"
    with engine.connect() as conn:
        stored = " ".join(
            str(v)
            for table in (claim_counts, fetch_runs)
            for row in conn.execute(sa.select(table)).all()
            for v in row
        )
    for text in (*lines, summary.claims[0].error, stored):
        lowered = text.lower()
        assert "night.owl" not in lowered and KEY.lower()[:3] not in lowered
