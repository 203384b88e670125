"""One PubMed record as the emulator sees it: original bytes plus the fields PubMed indexes.

The extraction here is the emulator's own (deliberately not fetchers.pubmed.records): the
emulator is the yardstick for the code under test, so it must not share its bugs.

Records are cut out of the sample files as byte spans, so efetch can serve each record
byte-for-byte as it was in the sample; lxml only reads the copy for indexing.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from lxml import etree

RECORD_RE = re.compile(rb"<(PubmedArticle|PubmedBookArticle)>")

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
SEASON_MONTHS = {"winter": (1, 3), "spring": (3, 6), "summer": (6, 9), "fall": (9, 12)}
SEASON_MONTHS["autumn"] = SEASON_MONTHS["fall"]

# PubMed's [la] accepts the MEDLINE code and the English name; the common ones.
LANGUAGE_NAMES = {
    "eng": "english",
    "ger": "german",
    "fre": "french",
    "spa": "spanish",
    "ita": "italian",
    "jpn": "japanese",
    "chi": "chinese",
    "rus": "russian",
    "por": "portuguese",
    "dut": "dutch",
    "pol": "polish",
    "swe": "swedish",
    "dan": "danish",
    "nor": "norwegian",
    "fin": "finnish",
    "cze": "czech",
    "hun": "hungarian",
    "kor": "korean",
    "tur": "turkish",
    "heb": "hebrew",
    "gre": "greek",
    "ara": "arabic",
    "per": "persian",
    "ukr": "ukrainian",
    "hrv": "croatian",
    "slv": "slovenian",
    "slo": "slovak",
    "rum": "romanian",
    "bul": "bulgarian",
    "srp": "serbian",
    "lit": "lithuanian",
    "lav": "latvian",
    "est": "estonian",
    "ice": "icelandic",
    "afr": "afrikaans",
    "cat": "catalan",
    "lat": "latin",
}

WORD_RE = re.compile(r"[^\W_]+")


def normalize(text: str) -> str:
    """Case-fold and strip accents, as PubMed's indexes ignore both."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """PubMed-like tokens: runs of letters/digits; hyphens and punctuation split words."""
    return WORD_RE.findall(normalize(text))


def key(text: str) -> str:
    """Index key of a controlled-vocabulary value: 'Pain, Postoperative' -> 'pain postoperative'."""
    return " ".join(words(text))


def split_records(data: bytes) -> list[bytes]:
    """Byte spans of each PubmedArticle / PubmedBookArticle (they never nest)."""
    spans: list[bytes] = []
    pos = 0
    while True:
        m = RECORD_RE.search(data, pos)
        if not m:
            return spans
        end_tag = b"</" + m.group(1) + b">"
        end = data.find(end_tag, m.end())
        if end < 0:
            return spans
        spans.append(data[m.start() : end + len(end_tag)])
        pos = end + len(end_tag)


@dataclass
class RecordFields:
    """What the query evaluator needs of one record (shared by clones of the record)."""

    segments: dict[str, list[list[str]]] = field(default_factory=dict)  # field -> token runs
    mesh: set[str] = field(default_factory=set)  # "ketamine", "ketamine/therapeutic use"
    majr: set[str] = field(default_factory=set)
    qualifiers: set[str] = field(default_factory=set)
    pubtypes: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    subsets: set[str] = field(default_factory=set)
    authors: list[str] = field(default_factory=list)  # "hart rk"
    pub_intervals: list[tuple[date, date]] = field(default_factory=list)
    edat: date = date(1900, 1, 1)
    crdt: date = date(1900, 1, 1)
    mdat: date = date(1900, 1, 1)
    summary: dict = field(default_factory=dict)  # esummary values

    def vocabulary(self) -> set[str]:
        vocab: set[str] = set()
        for runs in self.segments.values():
            for run in runs:
                vocab.update(run)
        return vocab


def text_of(el: etree._Element | None) -> str:
    return "".join(el.itertext()).strip() if el is not None else ""


def _int(text: str | None, default: int) -> int:
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        return default


def _month(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip()
    if text.isdigit():
        m = int(text)
        return m if 1 <= m <= 12 else None
    return MONTHS.get(text[:3].lower())


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(year: int, month: int, day: int) -> date:
    month = min(max(month, 1), 12)
    return date(year, month, min(max(day, 1), _last_day(year, month)))


def date_element(el: etree._Element | None) -> date | None:
    """A Year/Month/Day element (DateRevised, PubMedPubDate, ArticleDate) as a date."""
    if el is None:
        return None
    year = _int(el.findtext("Year"), 0)
    if not year:
        return None
    return _safe_date(year, _month(el.findtext("Month")) or 1, _int(el.findtext("Day"), 1))


def pubdate_interval(el: etree._Element | None) -> tuple[date, date] | None:
    """PubDate as the span of days it covers: Year → whole year, Year+Month → month, etc."""
    if el is None:
        return None
    medline = el.findtext("MedlineDate")
    if medline:
        years = [int(y) for y in re.findall(r"\b(1[89]\d\d|2\d\d\d)\b", medline)]
        if not years:
            return None
        return date(min(years), 1, 1), date(max(years), 12, 31)
    year = _int(el.findtext("Year"), 0)
    if not year:
        return None
    season = (el.findtext("Season") or "").strip().lower()
    if season in SEASON_MONTHS:
        first, last = SEASON_MONTHS[season]
        return date(year, first, 1), date(year, last, _last_day(year, last))
    month = _month(el.findtext("Month"))
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    day = el.findtext("Day")
    if day:
        d = _safe_date(year, month, _int(day, 1))
        return d, d
    return date(year, month, 1), date(year, month, _last_day(year, month))


def _history_date(root: etree._Element, status: str) -> date | None:
    for el in root.iterfind(".//PubMedPubDate"):
        if el.get("PubStatus") == status:
            return date_element(el)
    return None


# A flat walk over every searchable field of both record kinds reads like PubMed's field
# list; split, the fields an Entrez search can hit would be harder to check against it.
def extract(root: etree._Element) -> tuple[int, RecordFields]:  # noqa: C901
    """PMID and searchable fields of a PubmedArticle or PubmedBookArticle element."""
    book = root.tag == "PubmedBookArticle"
    citation = root.find("BookDocument" if book else "MedlineCitation")
    if citation is None:
        raise ValueError(f"{root.tag} without {'BookDocument' if book else 'MedlineCitation'}")
    pmid = int(citation.findtext("PMID").strip())
    article = citation if book else citation.find("Article")
    if article is None:
        article = citation
    rec = RecordFields()
    seg = rec.segments

    def add(field_name: str, text: str) -> None:
        tokens = words(text)
        if tokens:
            seg.setdefault(field_name, []).append(tokens)

    add("ti", text_of(article.find("ArticleTitle")))
    if book:
        add("ti", text_of(citation.find("Book/BookTitle")))
    for el in article.iterfind("Abstract/AbstractText"):
        add("ab", text_of(el))
    for el in citation.iterfind("KeywordList/Keyword"):
        add("kw", text_of(el))
    for heading in citation.iterfind("MeshHeadingList/MeshHeading"):
        desc_el = heading.find("DescriptorName")
        descriptor = key(text_of(desc_el))
        add("mh", descriptor)
        rec.mesh.add(descriptor)
        major = desc_el is not None and desc_el.get("MajorTopicYN") == "Y"
        for q in heading.iterfind("QualifierName"):
            qualifier = key(text_of(q))
            add("sh", qualifier)
            rec.qualifiers.add(qualifier)
            rec.mesh.add(f"{descriptor}/{qualifier}")
            if q.get("MajorTopicYN") == "Y":
                major = True
                rec.majr.add(f"{descriptor}/{qualifier}")
        if major:
            rec.majr.add(descriptor)
    for el in citation.iterfind(".//Chemical/NameOfSubstance"):
        add("nm", text_of(el))
    for el in article.iterfind(".//PublicationType"):
        pt = key(text_of(el))
        rec.pubtypes.add(pt)
        add("pt", pt)
    for el in article.iterfind("Language"):
        code = key(text_of(el))
        rec.languages.update({code, LANGUAGE_NAMES.get(code, code)})
    for author in article.iterfind("AuthorList/Author"):
        last = text_of(author.find("LastName"))
        if last:
            name = f"{last} {text_of(author.find('Initials'))}".strip()
        else:
            name = text_of(author.find("CollectiveName"))
        if name:
            rec.authors.append(key(name))
            add("au", name)
        for aff in author.iterfind("AffiliationInfo/Affiliation"):
            add("ad", text_of(aff))
    journal = article.find("Journal")
    if journal is not None:
        add("ta", text_of(journal.find("Title")))
        add("ta", text_of(journal.find("ISOAbbreviation")))
    add("ta", text_of(citation.find("MedlineJournalInfo/MedlineTA")))

    status = citation.get("Status", "")
    rec.subsets.add("all")
    if book:
        rec.subsets.add("pubmed books")
    if status in ("MEDLINE", "OLDMEDLINE"):
        rec.subsets.add("medline")
    if root.find(".//ArticleIdList/ArticleId[@IdType='pmc']") is not None:
        rec.subsets.add("free full text")
    if rec.pubtypes & {"systematic review", "meta-analysis"}:
        rec.subsets.add("systematic")

    pubdate = pubdate_interval(
        article.find("Journal/JournalIssue/PubDate") if not book else citation.find("Book/PubDate")
    )
    if pubdate:
        rec.pub_intervals.append(pubdate)
    for el in article.iterfind("ArticleDate"):
        d = date_element(el)
        if d:
            rec.pub_intervals.append((d, d))
    entrez = _history_date(root, "entrez") or _history_date(root, "pubmed")
    fallback = date_element(citation.find("DateCompleted")) or (pubdate[0] if pubdate else None)
    rec.edat = entrez or fallback or rec.edat
    rec.crdt = _history_date(root, "pubmed") or rec.edat
    rec.mdat = date_element(citation.find("DateRevised")) or rec.edat
    if not rec.pub_intervals:
        rec.pub_intervals.append((rec.edat, rec.edat))
    rec.summary = summary_values(root, citation, article, book)
    return pmid, rec


def summary_values(root, citation, article, book: bool) -> dict:
    """The handful of values esummary reports, read once at load time."""
    journal = article.find("Journal")
    issue = journal.find("JournalIssue") if journal is not None else None
    pubdate_el = (
        citation.find("Book/PubDate")
        if book
        else (issue.find("PubDate") if issue is not None else None)
    )
    if pubdate_el is not None and pubdate_el.findtext("MedlineDate"):
        pubdate = pubdate_el.findtext("MedlineDate").strip()
    elif pubdate_el is not None:
        parts = [pubdate_el.findtext(t) for t in ("Year", "Season", "Month", "Day")]
        pubdate = " ".join(p.strip() for p in parts if p)
    else:
        pubdate = ""
    epub = article.find("ArticleDate")
    epubdate = ""
    if epub is not None:
        d = date_element(epub)
        if d:
            epubdate = f"{d.year} {calendar.month_abbr[d.month]} {d.day}"
    authors = []
    for author in article.iterfind("AuthorList/Author"):
        last = text_of(author.find("LastName"))
        name = (
            f"{last} {text_of(author.find('Initials'))}".strip()
            if last
            else text_of(author.find("CollectiveName"))
        )
        authors.append({"name": name, "authtype": "Author" if last else "CollectiveName"})
    article_ids = []
    id_list = (
        root.find("PubmedData/ArticleIdList")
        if not book
        else root.find("PubmedBookData/ArticleIdList")
    )
    if id_list is not None:
        for el in id_list.iterfind("ArticleId"):
            article_ids.append((el.get("IdType", ""), text_of(el)))
    history = []
    for el in root.iterfind(".//History/PubMedPubDate"):
        d = date_element(el)
        if d:
            hour = _int(el.findtext("Hour"), 0)
            minute = _int(el.findtext("Minute"), 0)
            history.append((el.get("PubStatus", ""), f"{d:%Y/%m/%d} {hour:02d}:{minute:02d}"))
    pagination = text_of(article.find("Pagination/MedlinePgn"))
    elocation = article.find("ELocationID")
    langs = [text_of(el) for el in article.iterfind("Language")]
    status = citation.get("Status", "")
    return {
        "pubdate": pubdate,
        "epubdate": epubdate,
        "source": text_of(citation.find("MedlineJournalInfo/MedlineTA"))
        or (text_of(journal.find("ISOAbbreviation")) if journal is not None else ""),
        "authors": authors,
        "title": text_of(article.find("ArticleTitle")),
        "volume": text_of(issue.find("Volume")) if issue is not None else "",
        "issue": text_of(issue.find("Issue")) if issue is not None else "",
        "pages": pagination,
        "lang": langs,
        "nlmuniqueid": text_of(citation.find("MedlineJournalInfo/NlmUniqueID")),
        "issn": text_of(journal.find("ISSN[@IssnType='Print']")) if journal is not None else "",
        "essn": text_of(journal.find("ISSN[@IssnType='Electronic']"))
        if journal is not None
        else "",
        "pubtype": [text_of(el) for el in article.iterfind(".//PublicationType")],
        "recordstatus": "PubMed - indexed for MEDLINE" if status == "MEDLINE" else "PubMed",
        "pubstatus": text_of(root.find(".//PublicationStatus")),
        "articleids": article_ids,
        "history": history,
        "has_abstract": article.find("Abstract") is not None,
        "fulljournalname": text_of(journal.find("Title")) if journal is not None else "",
        "elocationid": (
            f"{elocation.get('EIdType')}: {text_of(elocation)}" if elocation is not None else ""
        ),
        "doctype": "chapter" if book else "citation",
    }
