"""esummary bodies: version 1 XML (DocSum/Item) and JSON (result/uids), PubMed fields.

Values come from the record itself; a few NCBI-internal ones are approximations
(pubstatus code, pmcrefcount = "", references = []).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from tests.emulator.records import LANGUAGE_NAMES, RecordFields
from tests.emulator.responses import ESUMMARY_PROLOG, HEADER, dumps

IDTYPE_N = {"pubmed": 1, "medline": 2, "doi": 3, "pii": 4, "pmcid": 5, "pmcpid": 6, "pmc": 8}
PUBSTATUS_CODE = {"ppublish": "4", "epublish": "3", "aheadofprint": "10", "ecollection": "256"}
BOOK_KEYS = (
    "srccontriblist",
    "booktitle",
    "medium",
    "edition",
    "publisherlocation",
    "publishername",
    "srcdate",
    "reportnumber",
    "availablefromurl",
    "locationlabel",
    "doccontriblist",
    "docdate",
    "bookname",
    "chapter",
)
JSON_MAX_IDS = 500
TOO_MANY = "Too many UIDs in request. Maximum number of UIDs is 500 for JSON format output."


def _article_ids(pmid: int, s: dict) -> list[tuple[str, str]]:
    ids = [(t, v) for t, v in s["articleids"] if t != "pubmed"]
    return [("pubmed", str(pmid)), *ids]


def docsum_json(pmid: int, rec: RecordFields) -> dict:
    s = rec.summary
    first = min(a for a, _ in rec.pub_intervals)
    authors = [
        {"name": a["name"], "authtype": a["authtype"], "clusterid": ""} for a in s["authors"]
    ]
    doc = {
        "uid": str(pmid),
        "pubdate": s["pubdate"],
        "epubdate": s["epubdate"],
        "source": s["source"],
        "authors": authors,
        "lastauthor": authors[-1]["name"] if authors else "",
        "title": s["title"],
        "sorttitle": re.sub(r"[^\w ]", "", s["title"].lower()).strip(),
        "volume": s["volume"],
        "issue": s["issue"],
        "pages": s["pages"],
        "lang": s["lang"],
        "nlmuniqueid": s["nlmuniqueid"],
        "issn": s["issn"],
        "essn": s["essn"],
        "pubtype": s["pubtype"],
        "recordstatus": s["recordstatus"],
        "pubstatus": PUBSTATUS_CODE.get(s["pubstatus"], ""),
        "articleids": [
            {"idtype": t, "idtypen": IDTYPE_N.get(t, 8), "value": v}
            for t, v in _article_ids(pmid, s)
        ],
        "history": [{"pubstatus": st, "date": d} for st, d in s["history"]],
        "references": [],
        "attributes": ["Has Abstract"] if s["has_abstract"] else [],
        "pmcrefcount": "",
        "fulljournalname": s["fulljournalname"],
        "elocationid": s["elocationid"],
        "doctype": s["doctype"],
    }
    for k in BOOK_KEYS:
        doc[k] = [] if k.endswith("list") else ""
    doc["sortpubdate"] = f"{first:%Y/%m/%d} 00:00"
    doc["sortfirstauthor"] = authors[0]["name"] if authors else ""
    doc["vernaculartitle"] = ""
    return doc


def esummary_json(pmids: list[int], records: dict[int, RecordFields]) -> bytes:
    if len(pmids) > JSON_MAX_IDS:
        return dumps({"header": HEADER["esummary"], "error": TOO_MANY})
    result: dict = {"uids": [str(p) for p in pmids]}
    for pmid in pmids:
        rec = records.get(pmid)
        if rec is None:
            result[str(pmid)] = {"uid": str(pmid), "error": "cannot get document summary"}
        else:
            result[str(pmid)] = docsum_json(pmid, rec)
    return dumps({"header": HEADER["esummary"], "result": result})


def _item(name: str, typ: str, value: str) -> str:
    return f'\t<Item Name="{name}" Type="{typ}">{escape(value)}</Item>\n'


def _list(name: str, items: list[tuple[str, str, str]]) -> str:
    if not items:
        return f'\t<Item Name="{name}" Type="List"></Item>\n'
    inner = "".join("\t" + _item(n, t, v) for n, t, v in items)
    return f'\t<Item Name="{name}" Type="List">\n{inner}\t</Item>\n'


def docsum_xml(pmid: int, rec: RecordFields) -> str:
    s = rec.summary
    names = [a["name"] for a in s["authors"]]
    so = f"{s['pubdate']};{s['volume']}"
    so += f"({s['issue']})" if s["issue"] else ""
    so += f":{s['pages']}" if s["pages"] else ""
    return (
        "<DocSum>\n"
        f"\t<Id>{pmid}</Id>\n"
        + _item("PubDate", "Date", s["pubdate"])
        + _item("EPubDate", "Date", s["epubdate"])
        + _item("Source", "String", s["source"])
        + _list("AuthorList", [("Author", "String", n) for n in names])
        + _item("LastAuthor", "String", names[-1] if names else "")
        + _item("Title", "String", s["title"])
        + _item("Volume", "String", s["volume"])
        + _item("Issue", "String", s["issue"])
        + _item("Pages", "String", s["pages"])
        + _list(
            "LangList",
            [("Lang", "String", LANGUAGE_NAMES.get(code, code).title()) for code in s["lang"]],
        )
        + _item("NlmUniqueID", "String", s["nlmuniqueid"])
        + _item("ISSN", "String", s["issn"])
        + _item("ESSN", "String", s["essn"])
        + _list("PubTypeList", [("PubType", "String", p) for p in s["pubtype"]])
        + _item("RecordStatus", "String", s["recordstatus"])
        + _item("PubStatus", "String", s["pubstatus"])
        + _list("ArticleIds", [(t, "String", v) for t, v in _article_ids(pmid, s)])
        + _list("History", [(st, "Date", d) for st, d in s["history"]])
        + _list("References", [])
        + _item("HasAbstract", "Integer", "1" if s["has_abstract"] else "0")
        + _item("PmcRefCount", "Integer", "0")
        + _item("FullJournalName", "String", s["fulljournalname"])
        + _item("ELocationID", "String", s["elocationid"])
        + _item("SO", "String", so)
        + "</DocSum>\n"
    )


def esummary_xml(pmids: list[int], records: dict[int, RecordFields]) -> bytes:
    parts = [ESUMMARY_PROLOG, "<eSummaryResult>\n"]
    missing = []
    for pmid in pmids:
        rec = records.get(pmid)
        if rec is None:
            missing.append(pmid)
        else:
            parts.append(docsum_xml(pmid, rec) + "\n")
    parts.extend(f"<ERROR>UID={pmid}: cannot get document summary</ERROR>\n" for pmid in missing)
    parts.append("</eSummaryResult>\n")
    return "".join(parts).encode("utf-8")
