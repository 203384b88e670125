"""fetchers.pubmed.records against every real PubMed XML sample, with Bio.Entrez.read as oracle.

Expected counts come from tests/samples/SUMMARY-counts.tsv (made with a separate xml.etree
script when the samples were collected); field values come from Biopython's own parser on
the same bytes, or, for the named cases, from the sample files as quoted in the test."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import re

import pytest
from Bio import Entrez
from Bio.Entrez import Parser as EntrezParser

from fetchers.pubmed.records import PubmedXMLError, iter_records, parse_pmids
from store.errors import LittrackError
from store.models import DeletedCitation, PubmedRecord
from tests.support.pubmed_samples import (
    SAMPLES,
    pubmed_xml_files,
    read_bytes,
    sample_id,
    summary_counts,
)

FILES = pubmed_xml_files()
COUNTS = summary_counts()


def records_of(name: str) -> dict[int, PubmedRecord]:
    return {r.pmid: r for r in iter_records(SAMPLES / name) if isinstance(r, PubmedRecord)}


# --- every sample file -------------------------------------------------------------------


def test_every_pubmed_sample_is_listed_in_the_summary():
    assert len(FILES) >= 190
    assert {sample_id(p) for p in FILES} <= set(COUNTS)
    # ... and every PubmedArticleSet in the summary is found by the glob patterns.
    assert set(COUNTS) == {sample_id(p) for p in FILES}


@pytest.mark.parametrize("path", FILES, ids=sample_id)
def test_record_counts_match_the_summary(path):
    records = list(iter_records(path))
    articles = [r for r in records if isinstance(r, PubmedRecord) and not r.is_book]
    books = [r for r in records if isinstance(r, PubmedRecord) and r.is_book]
    deleted = [r for r in records if isinstance(r, DeletedCitation)]
    expected = COUNTS[sample_id(path)]
    assert len(articles) == expected["PubmedArticle"]
    assert len(books) == expected["Book"]
    assert len(deleted) == expected["DeleteCitationPMIDs"]
    data = read_bytes(path)
    assert len(articles) == data.count(b"<PubmedArticle>")
    assert len(books) == data.count(b"<PubmedBookArticle>")
    # PMIDs may repeat: update files carry several versions of one citation
    # (<PMID Version="1"> ... Version="3">), each yielded in file order.
    assert len({r.pmid for r in articles + books}) == len(
        set(re.findall(rb"<(?:MedlineCitation|BookDocument)[^>]*>\s*<PMID[^>]*>(\d+)<", data))
    )


@pytest.mark.parametrize("path", FILES, ids=sample_id)
def test_bytes_path_and_file_object_give_the_same_records(path):
    from_path = list(iter_records(path))
    assert list(iter_records(read_bytes(path))) == from_path
    with open(path, "rb") as handle:
        raw = gzip.GzipFile(fileobj=handle) if path.suffix == ".gz" else handle
        assert list(iter_records(raw)) == from_path
    assert parse_pmids(path) == [r.pmid for r in from_path if isinstance(r, PubmedRecord)]


# --- differential test against Bio.Entrez.read -------------------------------------------

# The inline elements PubMed allows in text (b i sup sub u, and MathML), as Bio.Entrez
# re-serialises them; any other "<...>" in Bio's text is literal text and is kept.
_TAG = re.compile(
    r"</?(?:b|i|u|sup|sub|math|m[a-z]+|none|semantics|annotation(?:-xml)?)"
    r"(?:\s+[\w:.-]+=\"[^\"]*\")*\s*/?>"
)


def plain(text) -> str:
    """Bio.Entrez keeps inline markup as literal tags (<i>, <sup>, <math xmlns=...>): drop them
    and make runs of ASCII whitespace one space, as littrack does (Unicode spaces stay)."""
    return re.sub(r"[ \t\n\r]+", " ", _TAG.sub("", str(text))).strip(" \t\n\r")


@pytest.fixture
def no_dtd_download(monkeypatch):
    """Biopython fetches DTDs it does not bundle; there is no network here, so fail loudly."""

    def refuse(url, *args, **kwargs):
        raise AssertionError(f"Bio.Entrez tried to download {url}")

    monkeypatch.setattr(EntrezParser, "urlopen", refuse)


def bio_read(data: bytes):
    # Biopython 1.88 refuses http:// DTD URLs (2012-2019 files) before looking for its
    # bundled copy, which it finds by file name; the https spelling names the same file.
    head, sep, rest = data.partition(b">\n<PubmedArticleSet")
    head = head.replace(b'"http://', b'"https://')
    return Entrez.read(io.BytesIO(head + sep + rest))


def _first_doi(elocations, id_list):
    for e in elocations or ():
        if e.attributes.get("EIdType") == "doi" and e.attributes.get("ValidYN") != "N":
            return plain(e)
    for i in id_list or ():
        if i.attributes.get("IdType") == "doi":
            return plain(i)
    return None


def _ids(id_list, id_type):
    return next((plain(i) for i in id_list or () if i.attributes.get("IdType") == id_type), None)


def _authors(author_lists):
    names = []
    for author in author_lists:
        if author.attributes.get("ValidYN") == "N":
            continue
        if author.get("LastName"):
            last, initials = plain(author["LastName"]), plain(author.get("Initials", ""))
            names.append(f"{last} {initials}" if initials else last)
        elif author.get("CollectiveName"):
            names.append(plain(author["CollectiveName"]))
        elif author.get("ForeName"):
            names.append(plain(author["ForeName"]))
    return tuple(names)


def _abstract(abstract) -> str:
    parts = []
    for section in (abstract or {}).get("AbstractText", []):
        label = section.attributes.get("Label")
        text = plain(section)
        if label:
            parts.append(f"{label.strip()}: {text}" if text else f"{label.strip()}:")
        elif text:
            parts.append(text)
    return "\n\n".join(parts)


def _keywords(keyword_lists) -> tuple[str, ...]:
    # Empty <Keyword/> elements (seen in 21n1298) are dropped.
    return tuple(filter(None, (plain(k) for kl in keyword_lists for k in kl)))


def _year(pub_date) -> int | None:
    if "Year" in pub_date:
        return int(pub_date["Year"])
    match = re.search(r"\d{4}", pub_date.get("MedlineDate", ""))
    return int(match.group()) if match else None


def _mesh(headings):
    return tuple(
        (
            plain(h["DescriptorName"]),
            h["DescriptorName"].attributes.get("UI", ""),
            h["DescriptorName"].attributes.get("MajorTopicYN") == "Y",
            tuple((plain(q), q.attributes.get("MajorTopicYN") == "Y") for q in h["QualifierName"]),
        )
        for h in headings
    )


def expected_from_bio(entry) -> dict:
    """The fields littrack promises, read from Bio.Entrez's nested dicts."""
    if "BookDocument" in entry:
        doc = entry["BookDocument"]
        book = doc["Book"]
        chapter_authors = [a for al in doc.get("AuthorList", []) for a in al]
        book_authors = [
            a
            for al in book.get("AuthorList", [])
            if al.attributes.get("Type", "authors") == "authors"
            for a in al
        ]
        ids = list(doc.get("ArticleIdList", [])) + list(
            entry.get("PubmedBookData", {}).get("ArticleIdList", [])
        )
        date = doc.get("ContributionDate") or book.get("PubDate", {})
        return {
            "pmid": int(doc["PMID"]),
            "title": plain(doc.get("ArticleTitle", "")) or plain(book["BookTitle"]),
            "abstract": _abstract(doc.get("Abstract")),
            "journal": plain(book["BookTitle"]),
            "journal_iso": "",
            "volume": plain(book.get("Volume", "")),
            "issue": "",
            "pub_year": _year(date) if date else None,
            "authors": _authors(chapter_authors or book_authors),
            "languages": tuple(str(x) for x in doc.get("Language", [])),
            "publication_types": tuple(plain(p) for p in doc.get("PublicationType", [])),
            "mesh": (),
            "keywords": _keywords(doc.get("KeywordList", [])),
            "doi": _first_doi(
                list(doc.get("ELocationID", [])) + list(book.get("ELocationID", [])), ids
            ),
            "pmc": _ids(ids, "pmc"),
        }
    citation = entry["MedlineCitation"]
    article = citation["Article"]
    journal = article["Journal"]
    issue = journal["JournalIssue"]
    id_list = entry.get("PubmedData", {}).get("ArticleIdList", [])
    return {
        "pmid": int(citation["PMID"]),
        "title": plain(article.get("ArticleTitle", ""))
        or plain(article.get("VernacularTitle", "")),
        "abstract": _abstract(article.get("Abstract")),
        "journal": plain(journal.get("Title", "")),
        "journal_iso": plain(journal.get("ISOAbbreviation", "")),
        "volume": plain(issue.get("Volume", "")),
        "issue": plain(issue.get("Issue", "")),
        "pub_year": _year(issue["PubDate"]),
        "authors": _authors(article.get("AuthorList", [])),
        "languages": tuple(str(x) for x in article.get("Language", [])),
        "publication_types": tuple(plain(p) for p in article.get("PublicationTypeList", [])),
        "mesh": _mesh(citation.get("MeshHeadingList", [])),
        "keywords": _keywords(citation.get("KeywordList", [])),
        "doi": _first_doi(article.get("ELocationID", []), id_list),
        "pmc": _ids(id_list, "pmc"),
        "citation_status": str(citation.attributes.get("Status", "")),
        "pages": _pages(article.get("Pagination", {})),
        "electronic_date": _date(
            next((d for d in article.get("ArticleDate", []) if _electronic(d)), None)
        ),
        "entrez_date": _entrez(entry.get("PubmedData", {}).get("History", [])),
        "retraction_in": _links(citation, "RetractionIn"),
        "erratum_in": _links(citation, "ErratumIn"),
    }


def _pages(pagination) -> str:
    if pagination.get("MedlinePgn"):
        return plain(pagination["MedlinePgn"])
    start, end = plain(pagination.get("StartPage", "")), plain(pagination.get("EndPage", ""))
    return f"{start}-{end}" if start and end else start or end


def _electronic(article_date) -> bool:
    return article_date.attributes.get("DateType", "Electronic") == "Electronic"


def _date(element) -> str | None:
    if not element:
        return None
    parts = [int(element[k]) for k in ("Year", "Month", "Day") if k in element]
    return "-".join(f"{v:02d}" if i else f"{v:04d}" for i, v in enumerate(parts))


def _entrez(history) -> str | None:
    by_status = {}
    for pub_date in history:
        by_status.setdefault(pub_date.attributes["PubStatus"], pub_date)
    return _date(by_status.get("entrez") or by_status.get("pubmed"))


def _links(citation, ref_type) -> tuple[int, ...]:
    return tuple(
        int(c["PMID"])
        for c in citation.get("CommentsCorrectionsList", [])
        if c.attributes.get("RefType") == ref_type and c.get("PMID")
    )


def littrack_fields(record: PubmedRecord) -> dict:
    return {
        "pmid": record.pmid,
        "title": record.title,
        "abstract": record.abstract,
        "journal": record.journal,
        "journal_iso": record.journal_iso,
        "volume": record.volume,
        "issue": record.issue,
        "pub_year": record.pub_year,
        "authors": record.authors,
        "languages": record.languages,
        "publication_types": record.publication_types,
        "mesh": tuple((m.descriptor, m.ui, m.major, m.qualifiers) for m in record.mesh),
        "keywords": tuple(k for k in record.keywords),
        "doi": record.doi,
        "pmc": record.pmc,
        "citation_status": record.citation_status,
        "pages": record.pages,
        "electronic_date": record.electronic_date,
        "entrez_date": record.entrez_date,
        "retraction_in": record.retraction_in,
        "erratum_in": record.erratum_in,
    }


@pytest.mark.parametrize("path", FILES, ids=sample_id)
def test_fields_equal_bio_entrez_read(path, no_dtd_download):
    data = read_bytes(path)
    bio = bio_read(data)
    # Bio lists books after articles; compare each kind in file order (PMIDs can repeat).
    if isinstance(bio, list):  # DTDs before 2014 give a plain list of entries
        bio = {
            "PubmedArticle": [e for e in bio if "MedlineCitation" in e],
            "PubmedBookArticle": [e for e in bio if "BookDocument" in e],
        }
    entries = list(bio["PubmedArticle"]) + list(bio["PubmedBookArticle"])
    expected = [expected_from_bio(e) for e in entries]
    records = [r for r in iter_records(data) if isinstance(r, PubmedRecord)]
    ours = [littrack_fields(r) for r in records if not r.is_book]
    ours += [littrack_fields(r) for r in records if r.is_book]
    assert [f["pmid"] for f in ours] == [e["pmid"] for e in expected]
    for fields, wanted in zip(ours, expected, strict=True):
        for key, value in wanted.items():
            assert fields[key] == value, f"PMID {fields['pmid']} field {key}"
    deleted = [r.pmid for r in iter_records(data) if isinstance(r, DeletedCitation)]
    assert deleted == [int(p) for p in bio.get("DeleteCitation", [])]


# --- named cases, facts read from the sample files ---------------------------------------


def test_season_date_counts_as_the_seasons_first_month():
    # efetch-biopython-pubmed1.xml: <PubDate><Year>1990</Year><Season>Spring</Season></PubDate>
    record = records_of("efetch-biopython-pubmed1.xml")[12091962]
    assert (record.pub_year, record.pub_month, record.pub_day) == (1990, 3, None)
    assert record.pub_date == "1990-03-01"
    assert record.pub_date_text == "1990 Spring"


@pytest.mark.parametrize(
    ("name", "pmid", "raw", "year", "month", "sortable"),
    [
        (
            "baseline-excerpt-pubmed21n1298-head1500.xml.gz",
            29426732,
            "2018 Jul-Aug",
            2018,
            7,
            "2018-07-01",
        ),
        (
            "baseline-excerpt-pubmed20n0014-head1500.xml.gz",
            399706,
            "1979-1980",
            1979,
            None,
            "1979-01-01",
        ),
        (
            "baseline-excerpt-pubmed20n0014-head1500.xml.gz",
            399696,
            "1979 Nov-1980 May",
            1979,
            11,
            "1979-11-01",
        ),
        (
            "baseline-excerpt-pubmed20n0014-head1500.xml.gz",
            399338,
            "1979 Winter",
            1979,
            12,
            "1979-12-01",
        ),
    ],
)
def test_medline_date_and_season_keep_the_text_and_sort_by_first_month(
    name, pmid, raw, year, month, sortable
):
    data = read_bytes(SAMPLES / name).decode()
    start = data.index(f">{pmid}</PMID>")
    pub_date = data[data.index("<PubDate>", start) : data.index("</PubDate>", start)]
    assert raw.split()[-1] in pub_date  # the raw text really is in the file
    record = records_of(name)[pmid]
    assert record.pub_date_text == raw
    assert (record.pub_year, record.pub_month, record.pub_day) == (year, month, None)
    assert record.pub_date == sortable


def test_inline_markup_in_title_is_flattened():
    raw = (SAMPLES / "efetch-biopython-pubmed4.xml").read_text()
    assert "the <i>TERT</i> gene region" in raw
    record = records_of("efetch-biopython-pubmed4.xml")[27797938]
    assert record.title == (
        "Leucocyte telomere length, genetic variants at the TERT gene region "
        "and risk of pancreatic cancer."
    )


def test_structured_abstract_keeps_labels_as_paragraphs():
    record = records_of("efetch-biopython-pubmed4.xml")[27797938]
    paragraphs = record.abstract.split("\n\n")
    assert [p.split(":")[0] for p in paragraphs] == [
        "OBJECTIVE",
        "DESIGN",
        "RESULTS",
        "CONCLUSIONS",
    ]
    assert paragraphs[2].startswith("RESULTS: Shorter prediagnostic leucocyte telomere length")
    assert "ptrend=0.048" in paragraphs[2]  # p<sub>trend</sub>=0.048


def test_collective_name_is_an_author():
    record = records_of("efetch-metapub-sample_article_23435529.xml")[23435529]
    assert "TAX 325 Study Group" in record.authors


def test_retracted_publication_links_its_retraction_notice():
    record = records_of("baseline-excerpt-pubmed21n1298-head1500.xml.gz")[27602157]
    assert "Retracted Publication" in record.publication_types
    assert record.retracted is True
    assert record.retraction_in == (34093767,)
    counts = COUNTS["baseline-excerpt-pubmed21n1298-head1500.xml.gz"]
    all_records = records_of("baseline-excerpt-pubmed21n1298-head1500.xml.gz").values()
    assert counts and sum(r.retracted for r in all_records) >= 4  # 4 Retracted Publication


def test_erratum_link():
    # <CommentsCorrections RefType="ErratumIn">...<PMID Version="1">35767954</PMID>
    assert records_of("efetch-metapub-pmid_xml/35649368.xml")[35649368].erratum_in == (35767954,)


def test_book_article():
    record = records_of("efetch-metapub-PubmedBookArticle-20301577.xml")[20301577]
    assert record.is_book is True
    assert record.title == "CACNA1C-Related Disorders"  # <i>CACNA1C</i>-Related Disorders
    assert record.journal == "GeneReviews\u00ae"  # GeneReviews<sup>&#xae;</sup>
    assert record.authors == ("Napolitano C", "Priori SG")  # editors are not authors
    assert record.publication_types == ("Review",)
    assert record.study_design == "review"
    # ContributionDate 2006/2/15 dates the chapter; the book's PubDate (1993) does not.
    assert record.pub_date == "2006-02-15"
    assert record.abstract.startswith("CLINICAL CHARACTERISTICS: The clinical manifestations")


def test_delete_citation_ends_the_update_file():
    name = "baseline-excerpt-pubmed21n1298-tail1000-with-DeleteCitation.xml.gz"
    records = list(iter_records(SAMPLES / name))
    assert all(isinstance(r, PubmedRecord) for r in records[:1000])
    deleted = records[1000:]
    assert len(deleted) == 20 and all(isinstance(r, DeletedCitation) for r in deleted)
    assert deleted[0].pmid == 31688362 and deleted[-1].pmid == 34096142


def test_dates_revised_electronic_entrez_and_species():
    record = records_of("efetch-metapub-pmid_xml/38747095.xml")[38747095]
    assert record.date_revised == "2024-08-15"
    assert record.electronic_date == "2024-05-15"
    assert record.entrez_date == "2024-05-15"  # PubStatus="entrez", not "pubmed" or "medline"
    assert record.humans is True and record.animals is False
    assert record.study_design == "observational"  # PT Observational Study
    assert "22.8\u2009\u00b1\u20091.8\u2009kg/m2" in record.abstract  # &#x2009;&#xb1; <sup>2</sup>


@pytest.mark.parametrize(
    ("name", "own_doi", "other_doi"),
    [
        ("efetch-metapub-pmid_xml/30386702.xml", "10.7717/peerj.5807", "10.3354/meps12446"),
        (
            "efetch-metapub-pmid_xml/33786689.xml",
            "10.1007/s10554-021-02227-x",
            "10.1007/s10554-020-01831-7",
        ),
    ],
)
def test_doi_is_the_articles_own_never_a_reference(name, own_doi, other_doi):
    raw = (SAMPLES / name).read_bytes()
    assert other_doi.encode() in raw
    pmid = int(name.split("/")[-1].removesuffix(".xml"))
    assert records_of(name)[pmid].doi == own_doi
    # Remove the article's own DOI (ELocationID and ArticleIdList): the references' DOIs
    # must not take its place.
    stripped = re.sub(rb'<ELocationID EIdType="doi"[^>]*>[^<]*</ELocationID>', b"", raw)
    stripped = stripped.replace(f'<ArticleId IdType="doi">{own_doi}</ArticleId>'.encode(), b"", 1)
    assert stripped.count(own_doi.encode()) < raw.count(own_doi.encode())
    (record,) = iter_records(stripped)
    assert record.doi is None


def test_file_without_doctype_parses_the_same():
    raw = (SAMPLES / "efetch-biopython-pubmed2.xml").read_bytes()
    without = re.sub(rb"<!DOCTYPE[^>]*>", b"", raw, count=1)
    assert b"<!DOCTYPE" in raw and b"<!DOCTYPE" not in without
    assert list(iter_records(without)) == list(iter_records(raw))


# --- faults ------------------------------------------------------------------------------


@pytest.mark.parametrize("fraction", [0.25, 0.5, 0.9])
def test_truncated_file_yields_complete_records_then_fails(fraction):
    name = (
        "extracted-from-cassettes/efetch-hawc-apps.lit.test_imports.TestPubmed.test_search-2.xml.gz"
    )
    data = read_bytes(SAMPLES / name)
    cut = data[: int(len(data) * fraction)]
    complete = cut.count(b"</PubmedArticle>")
    got = []
    with pytest.raises(PubmedXMLError) as info:
        for record in iter_records(cut, name="efetch batch 3"):
            got.append(record)
    assert len(got) == complete > 0
    assert [r.pmid for r in got] == parse_pmids(data)[:complete]
    message = str(info.value)
    assert isinstance(info.value, LittrackError)
    assert "\n" not in message
    assert message.startswith("efetch batch 3: line ")
    last_line = cut.count(b"\n") + 1  # the fault is where the bytes stop
    assert message.startswith(f"efetch batch 3: line {last_line}: ")


def test_truncated_gzip_file_names_the_path(tmp_path):
    source = SAMPLES / "baseline-excerpt-pubmed20n0014-head1500.xml.gz"
    packed = source.read_bytes()
    path = tmp_path / "pubmed-cut.xml.gz"
    path.write_bytes(packed[: len(packed) // 2])
    got = []
    with pytest.raises(PubmedXMLError, match=r"pubmed-cut\.xml\.gz: ") as info:
        got.extend(iter_records(path))
    assert 0 < len(got) < 1500
    assert [r.pmid for r in got] == parse_pmids(source)[: len(got)]
    assert "\n" not in str(info.value)


def _error_shape(endpoint_start: str) -> str:
    rows = [
        json.loads(line) for line in (SAMPLES / "error-shapes-from-public-reports.jsonl").open()
    ]
    return next(r["body"] for r in rows if r["endpoint"].startswith(endpoint_start) and r["body"])


def test_empty_article_set_is_no_records_not_an_error():
    body = _error_shape("efetch db=pubmed retmode=xml, PMID not available")
    assert "<PubmedArticleSet></PubmedArticleSet>" in body
    assert list(iter_records(body.encode())) == []


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<eFetchResult><ERROR>Unable to obtain query #1</ERROR></eFetchResult>",
        b'{"error":"API rate limit exceeded","count":"5","limit":"3"}',
        b"<html><body><h1>WWW Error 500</h1></body></html>",
    ],
    ids=["empty", "efetch-error", "json-429", "html"],
)
def test_answers_that_are_not_pubmed_xml_raise(body):
    with pytest.raises(PubmedXMLError, match=r"^efetch: ") as info:
        list(iter_records(body, name="efetch"))
    assert "\n" not in str(info.value)


def test_json_rate_limit_body_from_the_reports_raises():
    body = _error_shape("any (esearch/efetch/esummary)")
    with pytest.raises(PubmedXMLError):
        list(iter_records(body.encode()))


def test_missing_file_is_a_one_line_error(tmp_path):
    with pytest.raises(PubmedXMLError, match="cannot open"):
        list(iter_records(tmp_path / "nope.xml"))


def test_no_external_dtd_or_entity_is_loaded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    raw = (SAMPLES / "efetch-biopython-pubmed2.xml").read_bytes()
    evil = raw.replace(
        b"<PubmedArticleSet>",
        b'<!DOCTYPE x [<!ENTITY leak SYSTEM "' + secret.as_uri().encode() + b'">]>'
        b"<PubmedArticleSet>",
        1,
    )
    evil = re.sub(rb"<!DOCTYPE PubmedArticleSet[^>]*>", b"", evil, count=1)
    evil = evil.replace(b"<ArticleTitle>", b"<ArticleTitle>&leak;", 1)
    records = list(iter_records(evil))
    assert records and all("SECRET" not in r.title for r in records)


def test_records_equal_copies_built_by_their_constructors():
    # The parser fills the frozen dataclasses without calling __init__ (speed); a copy built
    # through the constructors must be equal, hash equal, and have every field.
    for record in iter_records(SAMPLES / "efetch-biopython-pubmed4.xml"):
        mesh = tuple(dataclasses.replace(m) for m in record.mesh)
        copy = dataclasses.replace(record, mesh=mesh)
        assert copy == record and hash(copy) == hash(record)
        assert set(vars(record)) == {f.name for f in dataclasses.fields(PubmedRecord)}
