"""The E-utilities emulator, spoken to with plain `requests` (not the project's client).

Expected values come from the real sample files, read here with lxml independently of the
emulator's own indexing, and from the real NCBI responses kept in tests/samples.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import time
from datetime import date
from pathlib import Path

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

SAMPLES = Path(__file__).resolve().parent / "samples"
RECORD_FILES = sorted(
    [
        *SAMPLES.glob("efetch-*.xml"),
        *SAMPLES.glob("efetch-metapub-pmid_xml/*.xml"),
        *SAMPLES.glob("ketamine-subset-*.xml.gz"),
        *SAMPLES.glob("baseline-excerpt-*.xml.gz"),
        *SAMPLES.glob("medline-sample-*.xml.gz"),
        *SAMPLES.glob("extracted-from-cassettes/efetch-*"),
        *SAMPLES.glob("ncbi-eutils-json-staging-2012/efetch.*.xml"),
    ]
)


@functools.cache
def read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _revised(el) -> tuple[int, int, int]:
    d = el.find("MedlineCitation/DateRevised")
    if d is None:
        d = el.find("BookDocument/DateRevised")
    if d is None:
        return (0, 0, 0)
    return tuple(int(d.findtext(t)) for t in ("Year", "Month", "Day"))


@pytest.fixture(scope="module")
def sample_records() -> dict[int, etree._Element]:
    """PMID -> record element, newest DateRevised per PMID (independent of the emulator)."""
    chosen: dict[int, etree._Element] = {}
    for path in RECORD_FILES:
        root = etree.fromstring(read(path), etree.XMLParser(huge_tree=True))
        for el in root:
            if el.tag not in ("PubmedArticle", "PubmedBookArticle"):
                continue
            pmid = int(el.findtext("MedlineCitation/PMID") or el.findtext("BookDocument/PMID"))
            if pmid not in chosen or _revised(el) > _revised(chosen[pmid]):
                chosen[pmid] = el
    return chosen


@pytest.fixture
def emu(eutils_emulator):
    eutils_emulator.rate_limit_enabled = False
    return eutils_emulator


def get(emu, endpoint: str, **params) -> requests.Response:
    return requests.get(emu.url + endpoint + ".fcgi", params={"db": "pubmed", **params}, timeout=30)


def post(emu, endpoint: str, **params) -> requests.Response:
    return requests.post(emu.url + endpoint + ".fcgi", data={"db": "pubmed", **params}, timeout=30)


def esearch_ids(emu, term: str, **params) -> tuple[int, list[int], etree._Element]:
    resp = get(emu, "esearch", term=term, **params)
    assert resp.status_code == 200, resp.text
    root = etree.fromstring(resp.content)
    return int(root.findtext("Count")), [int(i.text) for i in root.iter("Id")], root


def text(el) -> str:
    return "".join(el.itertext()) if el is not None else ""


# -- shapes against NCBI's own responses --------------------------------------------------------
def child_tags(xml: bytes) -> list[str]:
    return [el.tag for el in etree.fromstring(xml)]


def test_esearch_xml_matches_real_shape_with_history(emu):
    real = (SAMPLES / "esearch-biopython-esearch2.xml").read_bytes()
    ours = get(emu, "esearch", term="ketamine", usehistory="y", retmax=5).content
    assert child_tags(ours) == child_tags(real)
    assert ours.split(b"\n")[:2] == real.split(b"\n")[:2]  # prolog and DOCTYPE
    root = etree.fromstring(ours)
    assert re.fullmatch(r"MCID_[0-9a-f]{24}", root.findtext("WebEnv"))
    assert root.findtext("QueryKey") == "1"


def test_esearch_zero_hits_matches_esearch8(emu):
    real = (SAMPLES / "esearch-biopython-esearch8.xml").read_bytes()
    ours = get(emu, "esearch", term="abcXYZ").content
    assert child_tags(ours) == child_tags(real)
    # the body line itself is identical to NCBI's
    assert ours.split(b"\n")[2] == real.split(b"\n")[2]


def test_esearch_with_hits_and_phrase_not_found_keeps_the_rest(emu, sample_records):
    count, _, root = esearch_ids(emu, "ketamine[mh] abcXYZ")
    expected = sum(1 for el in sample_records.values() if "ketamine" in mesh_names(el))
    assert count == expected
    assert [e.text for e in root.find("ErrorList")] == ["abcXYZ"]
    assert root.find("WarningList") is None


def test_esearch_json_key_order_matches_real(emu):
    real = json.loads((SAMPLES / "ncbi-eutils-json-staging-2012/esearch.pubmed.json").read_text())
    resp = get(emu, "esearch", term="ketamine", usehistory="y", retmode="json")
    assert resp.content.endswith(b"}\n") and resp.content.count(b"\n") == 1
    ours = resp.json()
    assert list(ours) == list(real)
    assert ours["header"] == real["header"]
    real_keys = [k for k in real["esearchresult"] if k != "translationstack"]
    assert list(ours["esearchresult"]) == real_keys
    assert all(isinstance(ours["esearchresult"][k], str) for k in ("count", "retmax", "retstart"))


def test_esearch_json_errorlist_and_zero_hits(emu):
    real = json.loads((SAMPLES / "ncbi-eutils-json-staging-2012/esearch.error.json").read_text())
    ours = get(emu, "esearch", term="zzqqxx", retmode="json").json()["esearchresult"]
    assert list(ours["errorlist"]) == list(real["esearchresult"]["errorlist"])
    assert ours["errorlist"]["phrasesnotfound"] == ["zzqqxx"]
    assert ours["count"] == "0" and ours["idlist"] == []
    assert ours["warninglist"] == {
        "phrasesignored": [],
        "quotedphrasesnotfound": [],
        "outputmessages": ["No items found."],
    }


def test_rettype_count_matches_hawc_capture(emu):
    ours = get(emu, "esearch", term="ketamine", rettype="count").content
    real = SAMPLES / "extracted-from-cassettes/esearch-hawc-TestPubMedSearch.test_multiquery-0.xml"
    assert child_tags(ours) == child_tags(real.read_bytes()) == ["Count"]


def test_invalid_db_and_empty_term(emu):
    resp = get(emu, "esearch", db="nonsense_db", term="x", retmode="json")
    assert resp.status_code == 200
    assert resp.json()["esearchresult"] == {"ERROR": "Invalid db name specified: nonsense_db"}
    root = etree.fromstring(get(emu, "esearch", term="").content)
    assert root.findtext("ERROR") == "Empty term and query_key - nothing todo"


# -- counts against the sample files ------------------------------------------------------------
def mesh_names(el) -> set[str]:
    return {text(d).lower() for d in el.iter("DescriptorName")}


def qualifier_names(el) -> set[str]:
    return {text(q).lower() for q in el.iter("QualifierName")}


def headings(el, major: bool = False) -> set[tuple]:
    """(descriptor, qualifier) pairs of a record's MeshHeadings; with `major`, also whether
    that qualifier is a major topic."""
    found: set[tuple] = set()
    for heading in el.iter("MeshHeading"):
        descriptor = text(heading.find("DescriptorName")).lower()
        for q in heading.iter("QualifierName"):
            pair = (descriptor, text(q).lower())
            found.add((*pair, q.get("MajorTopicYN") == "Y") if major else pair)
    return found


def tiab_text(el) -> str:
    parts = [text(t) for t in el.iter("ArticleTitle", "AbstractText", "Keyword")]
    return " ".join(parts).lower()


def pub_years(el) -> set[int]:
    years = set()
    for pd in el.iter("PubDate"):
        if pd.findtext("Year"):
            years.add(int(pd.findtext("Year")))
        elif pd.findtext("MedlineDate"):
            found = [int(y) for y in re.findall(r"\d{4}", pd.findtext("MedlineDate"))]
            years.update(range(min(found), max(found) + 1))
    years.update(int(a.findtext("Year")) for a in el.iter("ArticleDate"))
    return years


INDEPENDENT = {
    "ketamine[mh]": lambda el: "ketamine" in mesh_names(el),
    '"Humans"[mh] AND "Randomized Controlled Trial"[pt]': lambda el: (
        "humans" in mesh_names(el)
        and "randomized controlled trial" in {text(p).lower() for p in el.iter("PublicationType")}
    ),
    "ketamine[tiab]": lambda el: re.search(r"\bketamine\b", tiab_text(el)) is not None,
    "ketamine[tiab] NOT ketamine[mh]": lambda el: (
        re.search(r"\bketamine\b", tiab_text(el)) is not None and "ketamine" not in mesh_names(el)
    ),
    '"postoperative pain"[tiab] OR "Pain, Postoperative"[mh]': lambda el: (
        "postoperative pain" in re.sub(r"[^\w]+", " ", tiab_text(el))
        or "pain, postoperative" in mesh_names(el)
    ),
    "2021:2022[dp]": lambda el: bool(pub_years(el) & {2021, 2022}),
    '"adverse effects"[sh]': lambda el: "adverse effects" in qualifier_names(el),
    '"Ketamine/adverse effects"[mh]': lambda el: ("ketamine", "adverse effects") in headings(el),
    '"Ketamine/administration & dosage"[mh] OR "Ketamine/pharmacology"[mh]': lambda el: bool(
        {("ketamine", "administration & dosage"), ("ketamine", "pharmacology")} & headings(el)
    ),
    '"Ketamine/adverse effects"[majr]': lambda el: (
        ("ketamine", "adverse effects", True) in headings(el, major=True)
    ),
    "depress*[ti]": lambda el: (
        re.search(r"\bdepress", text(next(el.iter("ArticleTitle"), None)).lower()) is not None
    ),
}


@pytest.mark.parametrize("query", list(INDEPENDENT))
def test_counts_match_the_sample_files(emu, sample_records, query):
    expected = {pmid for pmid, el in sample_records.items() if INDEPENDENT[query](el)}
    count, ids, _ = esearch_ids(emu, query, retmax=9999)
    assert count == len(expected)
    assert set(ids) == expected
    assert count > 0


def test_uid_ranges_split_a_query_exactly(emu, sample_records):
    lo, hi = 30_000_000, 40_000_000
    expected = {p for p in sample_records if lo <= p <= hi}
    count, ids, _ = esearch_ids(emu, f"{lo}:{hi}[uid]", retmax=9999)
    assert count == len(expected) and set(ids) == expected
    mid = lo // 2 + hi // 2
    left, _, _ = esearch_ids(emu, f"all[sb] AND {lo}:{mid}[uid]", retmax=0)
    right, _, _ = esearch_ids(emu, f"all[sb] AND {mid + 1}:{hi}[uid]", retmax=0)
    assert left + right == count


def test_default_order_is_newest_entrez_date_first(emu, sample_records):
    _, ids, _ = esearch_ids(emu, "ketamine[tiab]", retmax=100)

    def entrez(pmid):
        el = sample_records[pmid]
        for d in el.iter("PubMedPubDate"):
            if d.get("PubStatus") == "entrez":
                return tuple(int(d.findtext(t)) for t in ("Year", "Month", "Day")), pmid
        raise AssertionError(f"{pmid} has no entrez date")

    keys = [entrez(p) for p in ids]
    assert keys == sorted(keys, reverse=True)


# -- query language messages ----------------------------------------------------------------------
def test_quoted_phrase_not_found_and_unmatched_quote(emu):
    _, _, root = esearch_ids(emu, '"ketamine hydrochloride infusion protocol"')
    assert root.findtext("WarningList/QuotedPhraseNotFound") == (
        "ketamine hydrochloride infusion protocol"
    )
    _, _, root = esearch_ids(emu, 'ketamine "analgesia')
    assert "Unmatched double quote ignored." in [e.text for e in root.iter("OutputMessage")]


def test_known_terms_give_zero_hits_not_errors(emu):
    _, _, root = esearch_ids(emu, "zqxfoo[tiab] OR ketamine[mh]")
    assert [e.text for e in root.iter("PhraseNotFound")] == ["zqxfoo[tiab]"]
    emu.add_known_terms('zqxfoo[tiab] OR "zqxfoo blarg"[tiab]')
    count, _, root = esearch_ids(emu, 'zqxfoo[tiab] OR "zqxfoo blarg"[tiab]')
    assert count == 0 and root.find("ErrorList") is None
    assert root.find("WarningList/QuotedPhraseNotFound") is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet='ab ()"[]*:/#-ANDORTtimh12', max_size=40))
def test_any_query_text_is_answered(eutils_corpus, term):
    from tests.emulator.query import parse
    from tests.emulator.search import Evaluator, HistoryNotFound

    try:
        outcome = Evaluator(eutils_corpus.copy()).run(parse(term))
    except HistoryNotFound:  # '#1' without a WebEnv: esearch answers "Unable to obtain query"
        assert "#" in term
        return
    assert isinstance(outcome.pmids, set) and isinstance(outcome.translation, str)


def test_date_parameters_are_appended_to_the_query(emu, sample_records):
    count, ids, root = esearch_ids(
        emu, "ketamine[tiab]", datetype="pdat", mindate="2021", maxdate="2022", retmax=999
    )
    assert root.findtext("QueryTranslation").endswith(
        "AND 2021/01/01:2022/12/31[Date - Publication]"
    )
    both, _, _ = esearch_ids(emu, "ketamine[tiab] AND 2021:2022[dp]", retmax=0)
    assert count == both > 0
    _, _, root = esearch_ids(emu, "ketamine", datetype="edat", reldate=60)
    assert "[Date - Entry]" in root.findtext("QueryTranslation")


# -- the 9,999 cap and volume --------------------------------------------------------------------
def test_cap_over_ten_thousand_matches(emu):
    ketamine = emu.search_ids("ketamine[mh]")
    clones = emu.clone_records(12_000, query="ketamine[mh]", start_pmid=60_000_000)
    count, ids, root = esearch_ids(emu, "ketamine[mh]", retmax=20000)
    assert count == len(ketamine) + 12_000
    assert len(ids) == 9999 and root.findtext("RetMax") == "9999"
    assert root.findtext("WarningList/OutputMessage") == (
        "Restrictions achieved. start and count adjusted to 0, 9999"
    )
    resp = get(emu, "esearch", term="ketamine[mh]", retstart=15000)
    assert resp.status_code == 200
    assert etree.fromstring(resp.content).findtext("ERROR") == (
        "Search Backend failed: Exception:\nPosition 15000 is out of acceptable range [9999,9998]"
    )
    # EDirect's way around the cap: [uid] halves, each under 9,999, union == everything
    got: set[int] = set()
    for lo, hi in ((1, 60_005_999), (60_006_000, 70_000_000)):
        n, part, _ = esearch_ids(emu, f"ketamine[mh] AND {lo}:{hi}[uid]", retmax=9999)
        assert n == len(part) < 9999
        got |= set(part)
    assert got == set(ketamine) | set(clones)
    # a clone is the source record under its new PMID and nothing else
    body = get(emu, "efetch", id=str(clones[0]), retmode="xml").content
    src = emu.corpus.source[clones[0]].removeprefix("clone of ")
    original = emu.corpus.xml[int(src)]
    assert body.count(f">{clones[0]}<".encode()) >= 1
    assert body.count(original.replace(src.encode(), str(clones[0]).encode())[:60]) == 1


# -- history -------------------------------------------------------------------------------------
def test_history_round_trip(emu):
    count, ids, root = esearch_ids(emu, "ketamine[tiab]", usehistory="y", retmax=100)
    webenv, key = root.findtext("WebEnv"), root.findtext("QueryKey")
    fetched = []
    for start in range(0, count, 7):
        body = get(emu, "efetch", WebEnv=webenv, query_key=key, retstart=start, retmax=7).content
        fetched += [int(p.text) for p in etree.fromstring(body).iterfind("*/MedlineCitation/PMID")]
    assert fetched == ids
    n, sub, _ = esearch_ids(emu, "#1 AND humans[mh]", WebEnv=webenv, usehistory="y")
    both, _, _ = esearch_ids(emu, "ketamine[tiab] AND humans[mh]")
    assert n == both
    past = get(emu, "efetch", WebEnv=webenv, query_key=key, retstart=count, retmax=5)
    assert past.status_code == 400 and b"OUT OF RANGE" in past.content
    bad = get(emu, "efetch", WebEnv="MCID_000000000000000000000000", query_key="1")
    assert bad.status_code == 200
    assert etree.fromstring(bad.content).findtext("ERROR") == "Unable to obtain query #1"


def test_epost_then_efetch_and_esummary(emu):
    pmids = ["38747095", "38011560", "99999999"]
    body = post(emu, "epost", id=",".join(pmids)).content
    real = (SAMPLES / "epost-biopython-epost1.xml").read_bytes()
    assert child_tags(body) == child_tags(real)
    root = etree.fromstring(body)
    webenv, key = root.findtext("WebEnv"), root.findtext("QueryKey")
    fetched = etree.fromstring(get(emu, "efetch", WebEnv=webenv, query_key=key).content)
    assert [p.text for p in fetched.iterfind("*/MedlineCitation/PMID")] == pmids[:2]
    summary = get(emu, "esummary", WebEnv=webenv, query_key=key, retmode="json").json()
    assert summary["result"]["uids"] == pmids
    assert summary["result"]["99999999"]["error"] == "cannot get document summary"
    empty = etree.fromstring(post(emu, "epost", id="").content)
    assert [e.text for e in empty.iter("ERROR")] == ["Empty ID list; Nothing to store"]


# -- efetch ---------------------------------------------------------------------------------------
EFETCH_FILES = sorted(SAMPLES.glob("efetch-*.xml")) + sorted(
    SAMPLES.glob("extracted-from-cassettes/efetch-hawc-*.xml")
)


@pytest.mark.parametrize("path", EFETCH_FILES, ids=lambda p: p.name)
def test_efetch_serves_sample_records_byte_for_byte(emu, path):
    data = path.read_bytes()
    pmids = [
        el.findtext("MedlineCitation/PMID") or el.findtext("BookDocument/PMID")
        for el in etree.fromstring(data)
    ]
    body = post(emu, "efetch", id=",".join(reversed(pmids)), retmode="xml").content
    assert body.startswith(
        b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
        b'1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
    )
    served = etree.fromstring(body)
    got = [el.findtext("MedlineCitation/PMID") or el.findtext("BookDocument/PMID") for el in served]
    assert got == list(reversed(pmids))
    # every served record is a verbatim byte span of a sample file
    for chunk in re.finditer(rb"<(PubmedArticle|PubmedBookArticle)>.*?</\1>", body, flags=re.S):
        record = chunk.group(0)
        owner = [p for p in RECORD_FILES if record in read(p)]
        assert owner, f"record {record[:120]!r} is not verbatim in any sample"


def test_efetch_post_500_ids_and_unknown_ids_left_out(emu, sample_records):
    pmids = sorted(sample_records)[:500]
    resp = post(emu, "efetch", id=",".join(map(str, pmids + [99999998])), retmode="xml")
    root = etree.fromstring(resp.content)
    got = [
        int(el.findtext("MedlineCitation/PMID") or el.findtext("BookDocument/PMID")) for el in root
    ]
    assert got == pmids
    assert emu.requests[-1].method == "POST" and emu.requests[-1].params["id"].count(",") == 500
    none = get(emu, "efetch", id="99999998", retmode="xml").content
    assert none.endswith(b"<PubmedArticleSet></PubmedArticleSet>")
    uilist = get(emu, "efetch", id="38747095,99999998", rettype="uilist", retmode="text").text
    assert uilist == "38747095\n"


# -- esummary -------------------------------------------------------------------------------------
def test_esummary_json_keys_and_values(emu, sample_records):
    resp = get(emu, "esummary", id="38747095", retmode="json").json()
    doc = resp["result"]["38747095"]
    notes_order = (
        "uid pubdate epubdate source authors lastauthor title sorttitle volume issue pages lang "
        "nlmuniqueid issn essn pubtype recordstatus pubstatus articleids history references "
        "attributes pmcrefcount fulljournalname elocationid doctype"
    ).split()
    assert list(doc)[: len(notes_order)] == notes_order
    assert list(doc)[-3:] == ["sortpubdate", "sortfirstauthor", "vernaculartitle"]
    el = sample_records[38747095]
    assert doc["title"] == text(el.find(".//ArticleTitle"))
    assert doc["source"] == el.findtext(".//MedlineTA")
    assert [a["name"] for a in doc["authors"]][0] == "Otte CJ"
    assert doc["articleids"][0] == {"idtype": "pubmed", "idtypen": 1, "value": "38747095"}
    too_many = get(emu, "esummary", id=",".join(str(i) for i in range(1, 502)), retmode="json")
    assert too_many.json() == {
        "header": {"type": "esummary", "version": "0.3"},
        "error": "Too many UIDs in request. Maximum number of UIDs is 500 for JSON format output.",
    }


def test_esummary_xml_v1_items_follow_real_docsum(emu):
    real = etree.parse(str(SAMPLES / "esummary-biopython-esummary1-pubmed.xml")).getroot()
    ours = etree.fromstring(get(emu, "esummary", id="38747095").content)
    names = lambda docsum: [i.get("Name") for i in docsum.iterfind("Item")]  # noqa: E731
    assert names(ours.find("DocSum")) == names(real.find("DocSum"))
    assert ours.findtext("DocSum/Id") == "38747095"


# -- rate limit -----------------------------------------------------------------------------------
def test_rate_limit_without_and_with_key(eutils_emulator):
    emu = eutils_emulator
    answers = [get(emu, "einfo") for _ in range(4)]
    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    assert answers[0].headers["X-RateLimit-Limit"] == "3"
    assert answers[0].headers["Content-Type"] == "text/xml; charset=UTF-8"
    assert answers[3].status_code == 429
    assert answers[3].json() == {
        "error": "API rate limit exceeded",
        "api-key": "127.0.0.1",
        "count": "4",
        "limit": "3",
    }
    time.sleep(1.1)
    keyed = [get(emu, "einfo", api_key="k-123") for _ in range(11)]
    assert [a.status_code for a in keyed[:10]] == [200] * 10
    assert keyed[0].headers["X-RateLimit-Limit"] == "10"
    assert keyed[9].headers["X-RateLimit-Remaining"] == "0"
    assert keyed[10].status_code == 429 and keyed[10].json()["api-key"] == "k-123"
    assert emu.requests[-1].params["api_key"] == "k-123"  # kept so tests can check the client


# -- faults ---------------------------------------------------------------------------------------
def test_http_5xx_and_429_faults(emu):
    for status in (500, 502, 503):
        emu.add_fault(f"http_{status}", "esearch")
        resp = get(emu, "esearch", term="ketamine")
        assert resp.status_code == status and b"WWW Error" in resp.content
        assert get(emu, "esearch", term="ketamine").status_code == 200  # fired once
    emu.add_fault("http_429")
    assert get(emu, "einfo").status_code == 429


def test_nth_request_and_probability_faults(emu):
    emu.add_fault("http_503", "efetch", nth=2)
    codes = [get(emu, "efetch", id="38747095").status_code for _ in range(3)]
    assert codes == [200, 503, 200]
    emu.add_fault("http_500", "esummary", probability=0.5, times=None)
    codes = [get(emu, "esummary", id="38747095").status_code for _ in range(40)]
    assert 5 < codes.count(500) < 35 and codes.count(200) + codes.count(500) == 40


def test_truncated_body_is_cut_mid_record(emu):
    emu.add_fault("truncate", "efetch")
    body = get(emu, "efetch", id="38747095,38011560").content
    assert b"</PubmedArticleSet>" not in body and b"<PubmedArticle>" in body
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(body)


def test_truncated_connection(emu):
    emu.add_fault("truncate_connection", "efetch")
    with pytest.raises(requests.exceptions.RequestException):
        get(emu, "efetch", id="38747095,38011560")


def test_dropped_connection(emu):
    emu.add_fault("drop", "esearch")
    with pytest.raises(requests.exceptions.ConnectionError):
        get(emu, "esearch", term="ketamine")
    assert get(emu, "esearch", term="ketamine").status_code == 200


def test_slow_answer_and_latency(emu):
    emu.add_fault("slow", "einfo", delay=0.3)
    started = time.monotonic()
    assert get(emu, "einfo").status_code == 200
    assert time.monotonic() - started >= 0.3
    emu.latency = 0.2
    started = time.monotonic()
    get(emu, "einfo")
    assert time.monotonic() - started >= 0.2


def test_http_200_error_body_empty_body_and_missing_records(emu):
    emu.add_fault("error_200", "esearch")
    resp = get(emu, "esearch", term="ketamine")
    assert resp.status_code == 200
    assert etree.fromstring(resp.content).findtext("ERROR") == (
        "Search Backend failed: Database is not supported: pubmed"
    )
    emu.add_fault("empty_body", "esearch")
    resp = get(emu, "esearch", term="ketamine")
    assert resp.status_code == 200 and resp.content == b""
    emu.add_fault("missing_records", "efetch", missing=1)
    ids = ["38747095", "38011560", "37693885"]
    root = etree.fromstring(get(emu, "efetch", id=",".join(ids)).content)
    assert len(root) == 2
    assert {p.text for p in root.iterfind("*/MedlineCitation/PMID")} < set(ids)
    assert [r.fault for r in emu.requests if r.fault] == [
        "error_200",
        "empty_body",
        "missing_records",
    ]


# -- corpus control -------------------------------------------------------------------------------
def test_modify_record_shows_in_mdat_window_and_efetch(emu, sample_records):
    pmid = 38747095
    assert "cystitis" not in mesh_names(sample_records[pmid])
    before, _, _ = esearch_ids(emu, "cystitis[mh]", retmax=0)
    window = dict(datetype="mdat", reldate=2, retmax=100)
    _, recent, _ = esearch_ids(emu, "all[sb]", **window)
    assert pmid not in recent
    emu.modify_record(pmid, add_mesh=["Cystitis"], add_publication_types=["Review"])
    after, ids, _ = esearch_ids(emu, "cystitis[mh]", retmax=100)
    assert after == before + 1 and pmid in ids
    _, recent, _ = esearch_ids(emu, "all[sb]", **window)
    assert recent == [pmid]
    review, _, _ = esearch_ids(emu, f"{pmid}[uid] AND review[pt]")
    assert review == 1
    record = etree.fromstring(get(emu, "efetch", id=str(pmid)).content)[0]
    assert "Cystitis" in [text(d) for d in record.iter("DescriptorName")]
    revised = record.find("MedlineCitation/DateRevised")
    assert date(*(int(revised.findtext(t)) for t in ("Year", "Month", "Day"))) == date.today()


def test_add_and_remove_record(emu, sample_records):
    xml = etree.tostring(sample_records[38011560])
    new = emu.add_record(xml, pmid=70_000_001, edat=date(2026, 1, 2))
    assert new == 70_000_001
    count, ids, _ = esearch_ids(emu, "2026/01/01:2026/01/03[edat]")
    assert ids == [new]
    emu.remove_record(38011560)
    _, ids, _ = esearch_ids(emu, "38011560[uid] OR 70000001[uid]")
    assert ids == [new]


def test_emulators_do_not_share_state(eutils_emulator, eutils_corpus):
    from tests.emulator.server import EutilsEmulator

    eutils_emulator.remove_record(38747095)
    with EutilsEmulator(eutils_corpus.copy(), rate_limit_enabled=False) as other:
        assert get(other, "esearch", term="38747095[uid]", rettype="count").text.count(
            "<Count>1</Count>"
        )
        assert other.requests and not eutils_emulator.requests


def test_a_client_that_went_away_is_no_traceback(eutils_emulator, capsys):
    """A killed fetch resets its connection: the emulator says nothing; other errors print."""
    server = eutils_emulator._server
    for error, shown in ((ConnectionResetError(104, "reset"), False), (ValueError("x"), True)):
        try:
            raise error
        except Exception:
            server.handle_error(None, ("127.0.0.1", 1))
        assert ("Traceback" in capsys.readouterr().err) is shown
