"""`outline check --online` against the E-utilities emulator, and the emulator's db=mesh."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import requests

from fetchers.cli import cli
from fetchers.eutils.client import EutilsClient
from fetchers.ops.query_online import AnswerCache, check_online
from fetchers.settings import EutilsSettings
from store.models import Claim, Outline, Topic

K = "(ketamine[mh] OR ketamine[tiab])"


@pytest.fixture
def online_env(emulator_env, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    emulator_env.rate_limit_enabled = False
    return emulator_env


def write(tmp_path: Path, claims: str) -> Path:
    path = tmp_path / "o.yaml"
    path.write_text(
        "title: T\nsource: s\nsubject: ketamine\ntopics:\n  - id: t\n    title: T\n    claims:\n"
        + textwrap.indent(textwrap.dedent(claims), "      "),
        encoding="utf-8",
    )
    return path


GOOD = f"""\
- id: postop
  claim: c
  query: '{K} AND anesthesia[tiab]'
  reference_query: 'anesthesia[tiab]'
"""
BAD_HEADING = f"""\
- id: wrong-heading
  claim: c
  query: '{K} AND "Postoperative Pains"[mh]'
"""
NOT_FOUND = f"""\
- id: typo
  claim: c
  query: '{K} AND qqxyzzyketamine[tiab]'
"""


def mesh_search(emu, term: str, retmode: str = "json") -> requests.Response:
    return requests.post(
        emu.url + "esearch.fcgi", data={"db": "mesh", "term": term, "retmode": retmode}
    )


def test_emulator_mesh_knows_sample_and_listed_descriptors(eutils_emulator):
    eutils_emulator.rate_limit_enabled = False
    body = mesh_search(eutils_emulator, '"Ketamine"[mh]').json()["esearchresult"]
    assert body["count"] == "1"
    assert body["idlist"] == ["68007649"]  # D007649, from the samples' MeshHeadingList
    assert body["querytranslation"] == '"ketamine"[MeSH Terms]'
    listed = mesh_search(eutils_emulator, '"Nociceptive Pain"[mh]').json()["esearchresult"]
    assert listed["count"] == "1"  # in tests/emulator/mesh-descriptors.txt only
    sub = mesh_search(eutils_emulator, '"adverse effects"[sh]').json()["esearchresult"]
    assert (sub["count"], sub["querytranslation"]) == ("1", '"adverse effects"[MeSH Subheading]')


def test_emulator_mesh_unknown_names_as_pubmed_reports_them(eutils_emulator):
    eutils_emulator.rate_limit_enabled = False
    quoted = mesh_search(eutils_emulator, '"Postoperative Pains"[mh]').json()["esearchresult"]
    assert quoted["count"] == "0"
    assert quoted["warninglist"]["quotedphrasesnotfound"] == ["Postoperative Pains"]
    assert quoted["warninglist"]["outputmessages"] == ["No items found."]
    bare = mesh_search(eutils_emulator, "painz[mh]", retmode="xml").text
    assert "<Count>0</Count>" in bare
    assert "<ErrorList><PhraseNotFound>painz[mh]</PhraseNotFound></ErrorList>" in bare
    assert "<OutputMessage>No items found.</OutputMessage>" in bare


def test_online_good_query_reports_count_translation_and_no_problem(online_env, runner, tmp_path):
    path = write(tmp_path, GOOD)
    result = runner.invoke(cli, ["outline", "check", "--online", str(path)])
    assert result.exit_code == 0, result.output
    expected = online_env.search_ids(f"{K} AND anesthesia[tiab]")
    assert len(expected) > 0
    assert f"postop  query      {len(expected):>9,}  -\n" in result.output
    assert (
        '    PubMed read: ("ketamine"[MeSH Terms] OR "ketamine"[Title/Abstract]) AND '
        '"anesthesia"[Title/Abstract]\n' in result.output
    )
    assert "PubMed reads every query as written" in result.output


def test_online_missing_heading_and_phrase_not_found_are_errors(online_env, runner, tmp_path):
    path = write(tmp_path, BAD_HEADING + NOT_FOUND)
    result = runner.invoke(cli, ["outline", "check", "--online", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        f"{path}: claim 'wrong-heading': MeSH heading 'Postoperative Pains' "
        '("Postoperative Pains"[mh]) is not in PubMed\'s MeSH database'
    ) in lines
    assert f"{path}: claim 'typo': PubMed: phrase not found: qqxyzzyketamine[tiab]" in lines


def test_online_json_lists_every_query(online_env, runner, tmp_path):
    path = write(tmp_path, GOOD + NOT_FOUND)
    result = runner.invoke(cli, ["outline", "check", "--online", "--json", str(path)])
    assert result.exit_code == 1
    online = json.loads(result.output)["online"]
    assert [(q["claim"], q["field"]) for q in online["queries"]] == [
        ("postop", "query"),
        ("postop", "reference_query"),
        ("typo", "query"),
    ]
    postop = online["queries"][0]
    assert postop["headings"] == [
        {"heading": "ketamine[mh]", "descriptor": "ketamine", "found": True}
    ]
    assert postop["count"] == len(online_env.search_ids(postop["query"])) > 0
    typo = online["queries"][2]
    assert {"kind": "PhraseNotFound", "text": "qqxyzzyketamine[tiab]"} in typo["notices"]
    assert [e["kind"] for e in online["errors"]] == ["PhraseNotFound"]
    # 3 PubMed queries + 1 distinct descriptor (ketamine, asked once)
    assert (online["answers_asked"], online["answers_cached"]) == (4, 0)


def test_rerun_costs_zero_requests_and_refresh_asks_again(online_env, runner, tmp_path):
    path = write(tmp_path, GOOD + BAD_HEADING)
    first = runner.invoke(cli, ["outline", "check", "--online", str(path)])
    assert first.exit_code == 1
    asked = len(online_env.requests)
    assert asked == len(online_env.requests_to("esearch")) > 0
    second = runner.invoke(cli, ["outline", "check", "--online", str(path)])
    assert len(online_env.requests) == asked  # the emulator's log did not grow
    assert second.output == first.output.replace(
        f"{asked} answer(s) asked, 0 from the cache, {asked} request(s)",
        f"0 answer(s) asked, {asked} from the cache, 0 request(s)",
    )
    cache = json.loads((tmp_path / "cache" / "littrack" / "pubmed-query-check.json").read_text())
    assert len(cache["answers"]) == asked
    third = runner.invoke(cli, ["outline", "check", "--online", "--refresh", str(path)])
    assert third.exit_code == 1
    assert len(online_env.requests) == 2 * asked


def test_edited_query_is_asked_again_alone(online_env, runner, tmp_path):
    path = write(tmp_path, GOOD)
    runner.invoke(cli, ["outline", "check", "--online", str(path)])
    before = len(online_env.requests)
    path.write_text(path.read_text().replace("AND anesthesia[tiab]'", "AND pain[tiab]'"))
    result = runner.invoke(cli, ["outline", "check", "--online", str(path)])
    assert result.exit_code == 0, result.output
    assert [r.params["term"] for r in online_env.requests[before:]] == [f"{K} AND pain[tiab]"]


def test_offline_errors_stop_before_asking(online_env, runner, tmp_path):
    path = write(tmp_path, "- id: x\n  claim: c\n  query: (ketamine[tiab]\n")
    result = runner.invoke(cli, ["outline", "check", "--online", str(path)])
    assert result.exit_code == 1
    assert "not asking PubMed: fix the errors first" in result.output
    assert online_env.requests == []


def outline_of(*queries: str) -> Outline:
    claims = tuple(
        Claim(claim_id=f"c{i}", topic_id="t", claim="c", query=q, position=i)
        for i, q in enumerate(queries)
    )
    return Outline(
        title="T", source="s", subject="", topics=(Topic("t", "T", claims, 0),), path="p.yaml"
    )


def test_field_not_found_phrase_ignored_and_output_message(eutils_emulator, tmp_path):
    """Queries the offline check already refuses still get PubMed's own words online."""
    eutils_emulator.rate_limit_enabled = False
    client = EutilsClient(EutilsSettings(base_url=eutils_emulator.url), rate=100)
    report = check_online(
        outline_of(
            "ketamine[tiabx]",
            "ket*[tiab] AND ketamine[mh]",
            'ketamine[tiab] AND "pain',
            '"anesthesia ketamine rats"[tiab]',
        ),
        client,
        AnswerCache(None),
    )
    lines = [f.line("p.yaml") for f in report.findings]
    assert "p.yaml: claim 'c0': PubMed: field not found: tiabx" in lines
    assert "p.yaml: claim 'c1': warning: PubMed: phrase ignored: ket*" in lines
    assert (
        "p.yaml: claim 'c2': warning: PubMed: output message: Unmatched double quote ignored."
        in lines
    )
    assert [f.severity for f in report.findings if f.claim_id == "c0"][0] == "error"
    # PubMed searched the phrase's words instead: the Count is another query's
    quoted = [f for f in report.findings if f.claim_id == "c3"]
    assert [(f.severity, f.kind) for f in quoted] == [("error", "QuotedPhraseNotFound")]
    assert quoted[0].line("p.yaml") == (
        "p.yaml: claim 'c3': PubMed: quoted phrase not found: anesthesia ketamine rats"
    )


def test_emulator_ignores_stopwords_as_pubmed_does(eutils_emulator):
    """A real capture: `Building the genomic nation[ti]`-style words keep their content
    words and report each stopword in WarningList/PhraseIgnored."""
    eutils_emulator.rate_limit_enabled = False
    body = requests.post(
        eutils_emulator.url + "esearch.fcgi",
        data={"db": "pubmed", "term": "ketamine[tiab] the[tiab]", "retmode": "json"},
    ).json()["esearchresult"]
    assert body["warninglist"]["phrasesignored"] == ["the"]
    assert body["querytranslation"] == '"ketamine"[Title/Abstract]'
    assert int(body["count"]) == len(eutils_emulator.search_ids("ketamine[tiab]"))
    split = requests.post(
        eutils_emulator.url + "esearch.fcgi",
        data={"db": "pubmed", "term": "ketamine of rats[tiab]", "retmode": "json"},
    ).json()["esearchresult"]
    assert split["warninglist"]["phrasesignored"] == ["of"]
    assert split["querytranslation"] == '("ketamine"[Title/Abstract] AND "rats"[Title/Abstract])'


def test_a_cache_that_cannot_be_written_costs_requests_not_the_check(
    emulator_env, monkeypatch, runner, tmp_path
):
    emulator_env.rate_limit_enabled = False
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = write(tmp_path, GOOD)
    result = runner.invoke(cli, ["outline", "check", "--online", str(path)])
    assert result.exit_code == 0, result.output
    assert "PubMed reads every query as written" in result.stdout
    assert result.stderr.startswith(f"note: answers not cached: {blocker}/littrack/")
