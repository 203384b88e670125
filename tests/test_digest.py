"""`littrack digest`: new publications per topic and claim, checked against SQL on the same
database; HTML escaping of PubMed titles; delivery to a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import html
import re
from datetime import UTC, datetime, timedelta
from email import policy

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from fetchers.cli import cli
from fetchers.ops.digest import parse_since
from store.db.connect import open_engine
from tests.support.ops_helpers import (
    add_article,
    add_claim,
    add_run,
    add_topic,
    closed_port_url,
    count_rows,
    hours_ago,
    isolate_ops_env,
    link,
)

NASTY_TITLE = 'Ketamine <script>alert("x")</script> & "friends" [RCT] *vs* _placebo_'
NASTY_DOI = "10.1002/(SICI)1097-4679<12>:aid&x"


@pytest.fixture(autouse=True)
def home(monkeypatch, tmp_path):
    return isolate_ops_env(monkeypatch, tmp_path)


@pytest.fixture
def seeded(db_url):
    """Two topics, three claims, each first fetched 40 days ago (run 1, their baseline);
    links first seen after it 1 h, 3 days and 20 days ago; one dropped; one record withdrawn
    by PubMed; claim c2's late baseline (c2 first fetched 2 h ago), which is not new; a
    retracted record (flagged 3 h ago), a letter (non-evidence) and a record under an
    expression of concern flagged 10 days ago."""
    engine = open_engine(db_url)
    add_topic(engine, "t-second", "Second topic", position=1)
    add_topic(engine, "t-first", "First topic", position=0)
    add_claim(engine, "c1", "t-first", "Ketamine spares opioids", 0)
    add_claim(engine, "c2", "t-first", "Ketamine & depression", 1)
    add_claim(engine, "c3", "t-second", "Esketamine nasal spray", 0)
    add_article(engine, 101, NASTY_TITLE, doi=NASTY_DOI, study_design="rct")
    add_article(
        engine, 106, "Retracted trial", study_design="rct", retracted=True,
        flagged_at=hours_ago(3),
    )  # fmt: skip
    add_article(engine, 107, "A letter", study_design="non-evidence")
    add_article(engine, 108, "Concerning trial", concern=True, flagged_at=hours_ago(24 * 10))
    add_article(engine, 102, "Plain title two", doi="10.1000/two", pub_date="2025-01-02")
    add_article(engine, 103, "Old record", doi=None)
    add_article(engine, 104, "Dropped record")
    add_article(engine, 105, "Withdrawn record", deleted_at=hours_ago(2))
    first = add_run(engine, "ok", 24 * 40, counts={"c1": ("ok", ""), "c3": ("ok", "")})
    late = add_run(engine, "ok", 2, counts={"c2": ("ok", "")})
    add_article(engine, 109, "Baseline record of a claim fetched for the first time")
    after = first + 1
    link(engine, "c1", 101, hours_ago(1), first_run_id=after)
    link(engine, "c1", 102, hours_ago(72), first_run_id=after)
    link(engine, "c2", 102, hours_ago(1), first_run_id=late + 1)
    link(engine, "c1", 103, hours_ago(24 * 20), first_run_id=after)
    link(engine, "c3", 104, hours_ago(5), dropped_at=hours_ago(1), first_run_id=after)
    link(engine, "c3", 105, hours_ago(5), first_run_id=after)
    link(engine, "c3", 101, hours_ago(30), first_run_id=after)
    link(engine, "c2", 109, hours_ago(2), first_run_id=late)
    link(engine, "c2", 106, hours_ago(24 * 20), first_run_id=late + 1)
    link(engine, "c2", 107, hours_ago(1), first_run_id=late + 1)
    link(engine, "c3", 108, hours_ago(24 * 20), first_run_id=after)
    yield engine
    engine.dispose()


def expected_links(engine, since: str, all_records: bool = False) -> set[tuple[str, int]]:
    evidence = "" if all_records else " AND a.study_design != 'non-evidence' AND NOT a.retracted"
    rows = count_rows(
        engine,
        "SELECT ca.claim_id, ca.pmid FROM claim_articles ca JOIN articles a ON a.pmid = ca.pmid "
        "WHERE ca.first_seen >= :since AND ca.dropped_at IS NULL AND a.deleted_at IS NULL "
        "AND ca.first_run_id > (SELECT min(cc.run_id) FROM claim_counts cc "
        "WHERE cc.claim_id = ca.claim_id AND cc.status = 'ok')" + evidence,
        since=since,
    )
    return {(claim_id, int(pmid)) for claim_id, pmid in rows}


def sections(text: str, heading: re.Pattern) -> dict[str, set[int]]:
    """claim_id → PMIDs linked under its heading."""
    found: dict[str, set[int]] = {}
    current = None
    for line in text.splitlines():
        match = heading.search(line)
        if match:
            current = match.group(1)
            found[current] = set()
        elif current:
            found[current] |= {
                int(p) for p in re.findall(r"pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/", line)
            }
    return found


MD_HEADING = re.compile(r"^### .*\(`([\w-]+)`\)$")
HTML_HEADING = re.compile(r"^<h3>.*<code>([\w-]+)</code></h3>$")


@pytest.mark.parametrize("since", ["7d", "2d", "48h", "30d"])
def test_markdown_lists_exactly_the_new_links(runner, seeded, db_url, since):
    result = runner.invoke(cli, ["digest", "--db", db_url, "--since", since, "--format", "md"])
    assert result.exit_code == 0, result.output
    start = parse_since(since).strftime("%Y-%m-%dT%H:%M:%SZ")
    expected = expected_links(seeded, start)
    found = sections(result.output, MD_HEADING)
    assert {(c, p) for c, pmids in found.items() for p in pmids} == expected
    assert f"{len(expected)} new claim–publication links" in result.output
    # Topics in outline order, claims in outline order.
    order = [m.group(1) for m in map(MD_HEADING.search, result.output.splitlines()) if m]
    assert order == [c for c in ("c1", "c2", "c3") if c in {c for c, _ in expected}]
    # c2's first fetch 2 h ago is its baseline: its record 109 is not news.
    assert ("c2", 109) not in expected and "pubmed.ncbi.nlm.nih.gov/109/" not in result.output
    assert ("c2", 102) in expected


@pytest.mark.parametrize("since", ["7d", "30d"])
def test_all_records_lists_non_evidence_and_retracted_links_too(runner, seeded, db_url, since):
    args = ["digest", "--db", db_url, "--since", since, "--format", "md"]
    start = parse_since(since).strftime("%Y-%m-%dT%H:%M:%SZ")
    raw = runner.invoke(cli, [*args, "--all-records"])
    assert raw.exit_code == 0, raw.output
    found = sections(raw.output, MD_HEADING)
    expected = expected_links(seeded, start, all_records=True)
    assert {(c, p) for c, pmids in found.items() for p in pmids} == expected
    assert ("c2", 107) in expected
    assert expected > expected_links(seeded, start)


def test_integrity_alerts_name_records_flagged_in_the_window(runner, seeded, db_url, tmp_path):
    week = runner.invoke(cli, ["digest", "--db", db_url, "--since", "7d", "--format", "md"]).output
    alerts = week.split("## Integrity alerts")[1].split("\n## ")[0]
    assert "`c2`: Retracted trial — **retracted** — [PubMed 106]" in alerts
    assert "108" not in alerts  # flagged 10 days ago: an earlier digest reported it
    month = runner.invoke(
        cli, ["digest", "--db", db_url, "--since", "30d", "--format", "md"]
    ).output
    assert "`c3`: Concerning trial — **expression of concern** — [PubMed 108]" in month
    day = runner.invoke(cli, ["digest", "--db", db_url, "--since", "2h", "--format", "md"]).output
    assert "Integrity alerts" not in day
    page = tmp_path / "d.html"
    runner.invoke(
        cli, ["digest", "--db", db_url, "--since", "7d", "--format", "html", "--out", str(page)]
    )
    text = page.read_text(encoding="utf-8")
    assert "<h2>Integrity alerts</h2>" in text
    assert "<code>c2</code>: Retracted trial — <strong>retracted</strong>" in text


def test_markdown_escapes_titles_and_links_to_pubmed_and_doi(runner, seeded, db_url):
    out = runner.invoke(cli, ["digest", "--db", db_url, "--since", "2d", "--format", "md"]).output
    assert "[PubMed 101](https://pubmed.ncbi.nlm.nih.gov/101/)" in out
    assert "\\<script\\>" in out and "<script>" not in out
    assert "\\*vs\\*" in out
    assert "https://doi.org/10.1002/(SICI)1097-4679%3C12%3E:aid%26x" in out


def test_html_escapes_titles(runner, seeded, db_url, tmp_path):
    out_file = tmp_path / "digest.html"
    result = runner.invoke(
        cli, ["digest", "--db", db_url, "--since", "7d", "--format", "html", "--out", str(out_file)]
    )
    assert result.exit_code == 0, result.output
    page = out_file.read_text()
    assert "<script>" not in page
    assert html.escape(NASTY_TITLE) in page
    assert '<a href="https://pubmed.ncbi.nlm.nih.gov/101/">PubMed 101</a>' in page
    assert 'href="https://doi.org/10.1002/(SICI)1097-4679%3C12%3E:aid%26x"' in page
    start = parse_since("7d").strftime("%Y-%m-%dT%H:%M:%SZ")
    found = sections(page, HTML_HEADING)
    assert {(c, p) for c, pmids in found.items() for p in pmids} == expected_links(seeded, start)
    assert page.index("<h2>First topic</h2>") < page.index("<h2>Second topic</h2>")


def test_per_claim_limit_counts_the_rest(runner, seeded, db_url):
    out = runner.invoke(
        cli, ["digest", "--db", db_url, "--since", "30d", "--per-claim", "1", "--format", "md"]
    ).output
    c1 = out.split("(`c1`)")[1].split("###")[0]
    total_c1 = len([1 for c, _ in expected_links(seeded, hours_ago(24 * 30)) if c == "c1"])
    assert total_c1 == 3
    assert c1.count("pubmed.ncbi.nlm.nih.gov") == 1
    assert "… and 2 more" in c1


def test_nothing_new(runner, seeded, db_url):
    out = runner.invoke(
        cli, ["digest", "--db", db_url, "--since", "2099-01-01", "--format", "md"]
    ).output
    assert "Nothing new." in out and "0 new claim–publication links" in out


@pytest.mark.parametrize(
    "text,expected_delta",
    [("7d", timedelta(days=7)), ("36h", timedelta(hours=36)), ("2w", timedelta(days=14))],
)
def test_parse_since_durations(text, expected_delta):
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert parse_since(text, now) == now - expected_delta


def test_parse_since_dates_and_errors(runner, sqlite_url):
    assert parse_since("2026-11-01") == datetime(2026, 11, 1, tzinfo=UTC)
    assert parse_since("2026-11-01T08:30:00+01:00") == datetime(2026, 11, 1, 7, 30, tzinfo=UTC)
    result = runner.invoke(
        cli, ["digest", "--db", sqlite_url, "--since", "last week", "--format", "md"]
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: --since 'last week': expected a duration (7d, 36h, 2w) or a date (2026-11-01)"
    ]


def test_digest_on_a_missing_database_is_one_line(runner, tmp_path):
    result = runner.invoke(cli, ["digest", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1
    assert "no such database" in result.output and "Traceback" not in result.output


# --- SMTP ----------------------------------------------------------------------------------


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


class Authenticator:
    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"digest-user" and auth_data.password == b"right-password"
        # handled=False: let aiosmtpd answer 535 itself on a refusal.
        return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp_server(monkeypatch):
    inbox = Inbox()
    port = int(closed_port_url().split(":")[2].split("/")[0])
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=Authenticator(),
        auth_require_tls=False,
    )
    controller.start()
    monkeypatch.setenv("LITTRACK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("LITTRACK_SMTP_PORT", str(port))
    monkeypatch.setenv("LITTRACK_DIGEST_FROM", "littrack@example.org")
    yield inbox
    controller.stop()


def test_send_delivers_text_and_html(runner, seeded, db_url, smtp_server):
    result = runner.invoke(
        cli, ["digest", "--db", db_url, "--since", "7d", "--send", "--to", "rev@example.org"]
    )
    assert result.exit_code == 0, result.output
    (envelope,) = smtp_server.messages
    assert envelope.rcpt_tos == ["rev@example.org"]
    assert envelope.mail_from == "littrack@example.org"
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    start = parse_since("7d").strftime("%Y-%m-%dT%H:%M:%SZ")
    n = len(expected_links(seeded, start))
    assert message["Subject"] == f"littrack: {n} new publication links since 7d"
    text = message.get_body(("plain",)).get_content()
    page = message.get_body(("html",)).get_content()
    assert "https://pubmed.ncbi.nlm.nih.gov/101/" in text
    assert html.escape(NASTY_TITLE) in page and "<script>" not in page
    assert "rev@example.org" not in result.output


def test_send_with_login(runner, seeded, db_url, smtp_server, monkeypatch):
    monkeypatch.setenv("LITTRACK_SMTP_USER", "digest-user")
    monkeypatch.setenv("LITTRACK_SMTP_PASSWORD", "right-password")
    monkeypatch.setenv("LITTRACK_DIGEST_TO", "a@example.org, b@example.org")
    result = runner.invoke(cli, ["digest", "--db", db_url, "--send"])
    assert result.exit_code == 0, result.output
    assert smtp_server.messages[0].rcpt_tos == ["a@example.org", "b@example.org"]

    monkeypatch.setenv("LITTRACK_SMTP_PASSWORD", "wrong-password")
    result = runner.invoke(cli, ["digest", "--db", db_url, "--send"])
    assert result.exit_code == 1
    assert "login refused" in result.output
    assert "wrong-password" not in result.output and "digest-user" not in result.output
    assert len(smtp_server.messages) == 1


def test_send_without_configuration_is_one_line(runner, seeded, db_url):
    result = runner.invoke(cli, ["digest", "--db", db_url, "--send", "--to", "x@example.org"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: --send: LITTRACK_SMTP_HOST is not set"


def test_unreachable_smtp_server_is_one_line(runner, seeded, db_url, monkeypatch):
    port = closed_port_url().split(":")[2].split("/")[0]
    monkeypatch.setenv("LITTRACK_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("LITTRACK_SMTP_PORT", port)
    result = runner.invoke(cli, ["digest", "--db", db_url, "--send", "--to", "x@example.org"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: SMTP 127.0.0.1:{port}: cannot send")
    assert len(result.output.strip().splitlines()) == 1


def test_digest_of_a_database_filled_by_real_fetch_runs(
    runner, fetched_db_url, fetched_run_summaries
):
    """Night two linked a record that gained MeSH terms: a digest since night two's start lists
    exactly night two's new links; one since the beginning lists every live link."""
    from tests.support.fixtures_fetched import LATE_INDEXED_PMID

    engine = open_engine(fetched_db_url, create=False)
    try:
        (night_two_start,) = count_rows(
            engine,
            "SELECT started_at FROM fetch_runs WHERE run_id = :run_id",
            run_id=fetched_run_summaries[1][1].run_id,
        )[0]
        expected_recent = expected_links(engine, night_two_start)
        expected_all = expected_links(engine, "1900-01-01T00:00:00Z")
    finally:
        engine.dispose()
    assert expected_recent and {p for _, p in expected_recent} == {LATE_INDEXED_PMID}

    out = runner.invoke(
        cli, ["digest", "--db", fetched_db_url, "--since", night_two_start, "--format", "md"]
    ).output
    found = sections(out, MD_HEADING)
    assert {(c, p) for c, pmids in found.items() for p in pmids} == expected_recent

    out = runner.invoke(
        cli,
        [
            "digest",
            "--db",
            fetched_db_url,
            "--since",
            "1900-01-01",
            "--format",
            "html",
            "--per-claim",
            "100000",
        ],
    ).output
    found = sections(out, HTML_HEADING)
    assert {(c, p) for c, pmids in found.items() for p in pmids} == expected_all


BASELINE_ONE = (
    "1 link from the claims' first fetch is the baseline and not listed "
    "(a claim's first fetch is its baseline; later fetches list what is new)."
)


def test_plain_text_by_default_nothing_escaped_and_the_baseline_said(runner, seeded, db_url):
    before = parse_since("1d").strftime("%Y-%m-%dT%H:%M:%SZ")
    out = runner.invoke(cli, ["digest", "--db", db_url, "--since", "1d"]).output
    after = parse_since("1d").strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = out.splitlines()
    start = lines[0].removeprefix("littrack digest: new since ")
    assert before <= start <= after  # the clock may tick between the two readings
    n = len(expected_links(seeded, start))
    assert lines[0] == f"littrack digest: new since {start}"
    assert lines[2].startswith(f"{n} new claim–publication links in 2 claims (1 topic), as of ")
    assert lines[4:8] == [
        "Integrity alerts",
        "",
        "- c2: Retracted trial — RETRACTED — https://pubmed.ncbi.nlm.nih.gov/106/",
        "",
    ]
    assert lines[8] == BASELINE_ONE
    assert f"- {NASTY_TITLE} — " in out and "\\" not in out
    assert "  https://pubmed.ncbi.nlm.nih.gov/101/ · https://doi.org/10.1002/" in out
    assert "Ketamine & depression (c2)" in out


def test_an_empty_digest_says_the_baseline_hid_records(runner, seeded, db_url):
    # c2's first fetch (2 h ago) brought record 109 and nothing after it is evidence.
    seeded_since = hours_ago(3)
    out = runner.invoke(
        cli, ["digest", "--db", db_url, "--since", seeded_since, "--all-records"]
    ).output
    assert BASELINE_ONE in out.splitlines()
    nothing = runner.invoke(cli, ["digest", "--db", db_url, "--since", "2099-01-01"]).output
    assert nothing.splitlines()[2:] == [
        "0 new claim–publication links in 0 claims (0 topics), as of "
        + nothing.splitlines()[2].rsplit(" as of ", 1)[1],
        "",
        "Nothing new.",
    ]


def test_the_mail_text_part_is_the_plain_text(runner, seeded, db_url, smtp_server):
    result = runner.invoke(
        cli, ["digest", "--db", db_url, "--since", "1d", "--send", "--to", "rev@example.org"]
    )
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes(smtp_server.messages[0].content, policy=policy.default)
    text = message.get_body(("plain",)).get_content()
    assert BASELINE_ONE in text and f"- {NASTY_TITLE} — " in text and "\\" not in text
