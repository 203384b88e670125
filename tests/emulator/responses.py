"""Response bodies in NCBI's exact shapes (prologs, DOCTYPEs, element and key order).

Shapes follow the real responses in tests/samples (esearch-biopython-*, epost-biopython-*,
esummary-biopython-esummary1-pubmed.xml, the efetch captures) and the JSON in
the team's E-utilities reference notes (../shared/docs/eutils-notes.md).
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

ESEARCH_PROLOG = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n'
    '<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" '
    '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n'
)
EFETCH_PROLOG = (
    '<?xml version="1.0" ?>\n'
    '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
    '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)
EPOST_PROLOG = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n'
    '<!DOCTYPE ePostResult PUBLIC "-//NLM//DTD epost 20090526//EN" '
    '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20090526/epost.dtd">'
)
ESUMMARY_PROLOG = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n'
    '<!DOCTYPE eSummaryResult PUBLIC "-//NLM//DTD esummary v1 20041029//EN" '
    '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20041029/esummary-v1.dtd">\n'
)
EINFO_PROLOG = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n'
    '<!DOCTYPE eInfoResult PUBLIC "-//NLM//DTD einfo 20190110//EN" '
    '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20190110/einfo.dtd">\n'
)

ROOTS = {
    "esearch": ("eSearchResult", ESEARCH_PROLOG),
    "efetch": ("eFetchResult", '<?xml version="1.0" encoding="UTF-8" ?>\n'),
    "esummary": ("eSummaryResult", ESUMMARY_PROLOG),
    "epost": ("ePostResult", EPOST_PROLOG + "\n"),
    "einfo": ("eInfoResult", EINFO_PROLOG),
}

HEADER = {
    "esearch": {"type": "esearch", "version": "0.3"},
    "esummary": {"type": "esummary", "version": "0.3"},
    "einfo": {"type": "einfo", "version": "0.3"},
}


def dumps(obj) -> bytes:
    """NCBI's JSON: one compact line and a newline."""
    return (json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n").encode("utf-8")


def xml_error(endpoint: str, *messages: str) -> bytes:
    root, prolog = ROOTS[endpoint]
    errors = "".join(f"<ERROR>{escape(m)}</ERROR>" for m in messages)
    return f"{prolog}<{root}>{errors}</{root}>\n".encode()


def json_error(endpoint: str, message: str) -> bytes:
    if endpoint == "esummary":
        return dumps({"header": HEADER["esummary"], "esummaryresult": [message]})
    return dumps({"header": HEADER.get(endpoint, {}), f"{endpoint}result": {"ERROR": message}})


def error_body(endpoint: str, retmode: str, *messages: str) -> tuple[bytes, str]:
    if retmode == "json" and endpoint in HEADER:
        return json_error(endpoint, "; ".join(messages)), "json"
    return xml_error(endpoint, *messages), "xml"


# -- esearch --------------------------------------------------------------------------------
def esearch_count_xml(count: int) -> bytes:
    return f"{ESEARCH_PROLOG}<eSearchResult><Count>{count}</Count></eSearchResult>\n".encode()


def esearch_count_json(count: int) -> bytes:
    return dumps({"header": HEADER["esearch"], "esearchresult": {"count": str(count)}})


def esearch_xml(
    count: int,
    ids: list[int],
    retstart: int,
    translation: str,
    query_key: int | None = None,
    webenv: str | None = None,
    errors: dict[str, list[str]] | None = None,
    warnings: dict[str, list[str]] | None = None,
) -> bytes:
    parts = [
        ESEARCH_PROLOG,
        f"<eSearchResult><Count>{count}</Count><RetMax>{len(ids)}</RetMax>",
        f"<RetStart>{retstart}</RetStart>",
    ]
    if query_key is not None:
        parts.append(f"<QueryKey>{query_key}</QueryKey><WebEnv>{webenv}</WebEnv>")
    if ids:
        parts.append("<IdList>\n" + "".join(f"<Id>{i}</Id>\n" for i in ids) + "</IdList>")
    else:
        parts.append("<IdList/>")
    parts.append("<TranslationSet/>")
    parts.append(f"<QueryTranslation>{escape(translation)}</QueryTranslation>")
    errors = errors or {}
    if any(errors.values()):
        parts.append("<ErrorList>")
        for tag in ("PhraseNotFound", "FieldNotFound"):
            parts.extend(f"<{tag}>{escape(v)}</{tag}>" for v in errors.get(tag, ()))
        parts.append("</ErrorList>")
    warnings = warnings or {}
    if any(warnings.values()):
        parts.append("<WarningList>")
        for tag in ("PhraseIgnored", "QuotedPhraseNotFound", "OutputMessage"):
            parts.extend(f"<{tag}>{escape(v)}</{tag}>" for v in warnings.get(tag, ()))
        parts.append("</WarningList>")
    parts.append("</eSearchResult>\n")
    return "".join(parts).encode("utf-8")


def esearch_json(
    count: int,
    ids: list[int],
    retstart: int,
    translation: str,
    query_key: int | None = None,
    webenv: str | None = None,
    errors: dict[str, list[str]] | None = None,
    warnings: dict[str, list[str]] | None = None,
) -> bytes:
    result: dict = {"count": str(count), "retmax": str(len(ids)), "retstart": str(retstart)}
    if query_key is not None:
        result["querykey"] = str(query_key)
        result["webenv"] = webenv
    result["idlist"] = [str(i) for i in ids]
    result["translationset"] = []
    result["querytranslation"] = translation
    errors = errors or {}
    if any(errors.values()):
        result["errorlist"] = {
            "phrasesnotfound": list(errors.get("PhraseNotFound", ())),
            "fieldsnotfound": list(errors.get("FieldNotFound", ())),
        }
    warnings = warnings or {}
    if any(warnings.values()):
        result["warninglist"] = {
            "phrasesignored": list(warnings.get("PhraseIgnored", ())),
            "quotedphrasesnotfound": list(warnings.get("QuotedPhraseNotFound", ())),
            "outputmessages": list(warnings.get("OutputMessage", ())),
        }
    return dumps({"header": HEADER["esearch"], "esearchresult": result})


# -- efetch ---------------------------------------------------------------------------------
def efetch_xml(records: list[bytes]) -> bytes:
    """Records joined as NCBI does: '<PubmedArticleSet>\\n<PubmedArticle>…</PubmedArticle>…'."""
    if not records:
        return EFETCH_PROLOG.encode() + b"<PubmedArticleSet></PubmedArticleSet>"
    return (
        EFETCH_PROLOG.encode()
        + b"<PubmedArticleSet>\n"
        + b"".join(records)
        + b"</PubmedArticleSet>"
    )


def uilist_text(pmids: list[int]) -> bytes:
    return "".join(f"{p}\n" for p in pmids).encode()


# -- epost ----------------------------------------------------------------------------------
def epost_xml(query_key: int, webenv: str, invalid: list[str] = ()) -> bytes:
    invalid_xml = ""
    if invalid:
        invalid_xml = (
            "\t<InvalidIdList>\n"
            + "".join(f"\t\t<Id>{escape(i)}</Id>\n" for i in invalid)
            + "\t</InvalidIdList>\n"
        )
    return (
        f"{EPOST_PROLOG}<ePostResult>\n{invalid_xml}\t<QueryKey>{query_key}</QueryKey>\n"
        f"\t<WebEnv>{webenv}</WebEnv>\n</ePostResult>\n"
    ).encode()


# -- einfo ----------------------------------------------------------------------------------
EINFO_FIELDS = (
    ("ALL", "All Fields", "All terms from all searchable fields", "N"),
    ("UID", "UID", "Unique number assigned to publication", "N"),
    ("TITL", "Title", "Words in title of publication", "N"),
    ("TIAB", "Title/Abstract", "Free text associated with Abstract/Title", "N"),
    ("MESH", "MeSH Terms", "Medical Subject Headings assigned to publication", "N"),
    ("MAJR", "MeSH Major Topic", "MeSH terms of major importance to publication", "N"),
    ("PTYP", "Publication Type", "Type of publication (e.g., review)", "N"),
    ("LANG", "Language", "Language of publication", "N"),
    ("EDAT", "Date - Entry", "Date publication first accessible through Entrez", "Y"),
    ("PDAT", "Date - Publication", "Date of publication", "Y"),
    ("MDAT", "Date - Modification", "Date of last modification", "Y"),
    ("CRDT", "Date - Create", "Date publication first accessible through Entrez", "Y"),
)


def einfo_xml(db: str | None, count: int, last_update: str) -> bytes:
    if not db:
        return (
            f"{EINFO_PROLOG}<eInfoResult>\n<DbList>\n\t<DbName>pubmed</DbName>\n</DbList>\n"
            "</eInfoResult>\n"
        ).encode()
    fields = "".join(
        f"\t\t<Field>\n\t\t\t<Name>{n}</Name>\n\t\t\t<FullName>{f}</FullName>\n"
        f"\t\t\t<Description>{d}</Description>\n\t\t\t<IsDate>{is_date}</IsDate>\n\t\t</Field>\n"
        for n, f, d, is_date in EINFO_FIELDS
    )
    return (
        f"{EINFO_PROLOG}<eInfoResult>\n\t<DbInfo>\n\t<DbName>pubmed</DbName>\n"
        "\t<MenuName>PubMed</MenuName>\n\t<Description>PubMed bibliographic record</Description>\n"
        f"\t<DbBuild>Build-emulator</DbBuild>\n\t<Count>{count}</Count>\n"
        f"\t<LastUpdate>{last_update}</LastUpdate>\n\t<FieldList>\n{fields}\t</FieldList>\n"
        "\t</DbInfo>\n</eInfoResult>\n"
    ).encode()


def einfo_json(db: str | None, count: int, last_update: str) -> bytes:
    if not db:
        return dumps({"header": HEADER["einfo"], "einforesult": {"dblist": ["pubmed"]}})
    return dumps(
        {
            "header": HEADER["einfo"],
            "einforesult": {
                "dbinfo": [
                    {
                        "dbname": "pubmed",
                        "menuname": "PubMed",
                        "description": "PubMed bibliographic record",
                        "dbbuild": "Build-emulator",
                        "count": str(count),
                        "lastupdate": last_update,
                        "fieldlist": [
                            {"name": n, "fullname": f, "description": d, "isdate": is_date}
                            for n, f, d, is_date in EINFO_FIELDS
                        ],
                    }
                ]
            },
        }
    )


# -- faults ---------------------------------------------------------------------------------
def www_error_page(status: int) -> bytes:
    """The HTML page NCBI's front end answers with when a backend falls over."""
    reason = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}.get(
        status, "Server Error"
    )
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">\n'
        f"<head><title>WWW Error {status} Diagnostic</title></head>\n"
        f"<body><h1>{status} {reason}</h1>\n"
        "<p>Server: eutils.ncbi.nlm.nih.gov (emulated)</p>\n"
        "<p>Your request could not be processed due to a problem on our Web server.</p>\n"
        "</body></html>\n"
    ).encode()


def rate_limit_body(who: str, count: int, limit: int) -> bytes:
    body = {"error": "API rate limit exceeded", "api-key": who, "count": str(count)}
    body["limit"] = str(limit)
    return json.dumps(body, separators=(",", ":")).encode() + b"\n"
