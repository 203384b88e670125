"""EutilsClient against the emulator: courtesy parameters, pacing, retries, error bodies."""

from __future__ import annotations

import pytest

from fetchers.eutils.client import EutilsClient, EutilsError
from fetchers.settings import EutilsSettings
from store.models import PubmedRecord
from tests.support.fixtures_fetched import emulator_client

KEY = "test-api-key-0123"


def _max_in_window(times: list[float], window: float = 1.0) -> int:
    times = sorted(times)
    return max(sum(1 for t in times[i:] if t < start + window) for i, start in enumerate(times))


def test_every_request_carries_tool_email_and_key_in_the_body(eutils_emulator):
    client = emulator_client(eutils_emulator)
    result = client.esearch("ketamine[mh]")
    client.fetch_records(result.ids[:3])
    assert [r.endpoint for r in eutils_emulator.requests] == ["esearch", "efetch"]
    for rec in eutils_emulator.requests:
        assert rec.method == "POST"
        assert rec.params["tool"] == "littrack"
        assert rec.params["email"] == "tests@example.org"
        assert rec.params["api_key"] == KEY
        assert rec.params["db"] == "pubmed"
    assert client.requests == 2 and client.retries == 0
    assert client.by_endpoint == {"esearch.fcgi": 1, "efetch.fcgi": 1}
    assert KEY not in repr(client)


def test_without_a_key_the_client_stays_under_3_per_second(eutils_emulator):
    client = EutilsClient(EutilsSettings(base_url=eutils_emulator.url), backoff_base=0.01)
    for _ in range(8):
        client.count("ketamine[mh]")
    stamps = [r.timestamp for r in eutils_emulator.requests]
    assert len(stamps) == 8
    assert "api_key" not in eutils_emulator.requests[0].params
    assert all(r.status == 200 for r in eutils_emulator.requests)  # never a 429
    assert _max_in_window(stamps) <= 3


def test_search_matches_the_emulator_and_reports_phrase_not_found(eutils_emulator):
    client = emulator_client(eutils_emulator)
    result = client.esearch("ketamine[mh] OR zyxwvutsrqp[tiab]")
    assert set(result.ids) == set(eutils_emulator.search_ids("ketamine[mh]"))
    assert result.count == len(result.ids)
    assert result.not_found == ("phrase not found: zyxwvutsrqp[tiab]",)
    assert client.retries == 0  # not transient: asking again gives the same answer
    assert "Ketamine" in result.query_translation or "ketamine" in result.query_translation


@pytest.mark.parametrize(
    "kind", ["http_500", "http_502", "http_503", "http_429", "drop", "empty_body", "error_200"]
)
def test_transient_faults_are_retried(eutils_emulator, kind):
    eutils_emulator.add_fault(kind, "esearch", times=2)
    client = emulator_client(eutils_emulator)
    result = client.esearch("ketamine[mh]")
    assert result.count == len(eutils_emulator.search_ids("ketamine[mh]"))
    assert client.retries == 2 and client.requests == 3


@pytest.mark.parametrize("kind", ["truncate", "truncate_connection", "missing_records"])
def test_efetch_faults_end_with_every_record(eutils_emulator, kind):
    ids = eutils_emulator.search_ids("ketamine[mh]")[:20]
    eutils_emulator.add_fault(kind, "efetch", times=1)
    client = emulator_client(eutils_emulator)
    fetched = client.fetch_records(ids)
    assert sorted(r.pmid for r in fetched.records if isinstance(r, PubmedRecord)) == sorted(ids)
    assert fetched.missing == set()
    assert client.retries >= 1


def test_efetch_reports_ids_pubmed_does_not_have(eutils_emulator):
    ids = eutils_emulator.search_ids("ketamine[mh]")[:2]
    fetched = emulator_client(eutils_emulator).fetch_records([*ids, 99_999_999])
    assert {r.pmid for r in fetched.records} == set(ids)
    assert fetched.missing == {99_999_999}


def test_final_failure_is_one_line_with_the_key_masked(eutils_emulator):
    eutils_emulator.add_fault("http_503", "esearch", times=None)
    client = emulator_client(eutils_emulator, max_tries=3)
    with pytest.raises(EutilsError) as info:
        client.esearch("ketamine[mh]")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("esearch.fcgi: gave up after 3 tries, last: HTTP 503 (http://")
    assert KEY not in message and "tests@example.org" not in message
    assert "api_key=%2A%2A%2A" in message
    assert len(eutils_emulator.requests) == 3


def test_an_outage_is_judged_by_failures_in_a_row_or_by_time(monkeypatch):
    """8 connection-level failures in a row, or 45 s of nothing else (slow DNS, black holes);
    any HTTP answer starts the count again."""
    from fetchers.eutils import reach

    clock = iter([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 50.0])
    monkeypatch.setattr(reach.time, "monotonic", lambda: next(clock))
    outage = reach.Outage(after=3, seconds=45)
    assert not outage.failed("connection refused")
    assert not outage.failed("connection refused")
    outage.answered()  # a live host: the streak ends
    assert not outage.failed("connection refused")
    assert outage.verdict is None
    assert not outage.failed("connection refused")
    assert outage.failed("connection refused")  # the third in a row
    assert outage.verdict == "connection refused, 3 tries in a row"
    slow = reach.Outage(after=100, seconds=45)
    assert not slow.failed("no connection within 10 s")
    assert slow.failed("no connection within 10 s")
    assert slow.verdict == "no connection within 10 s, 2 tries in a row"
