"""The five endpoints: request parameters in, (status, body, content type) out.

HTTP plumbing, rate limits and faults live in server.py; this module is the protocol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tests.emulator import responses as r
from tests.emulator.query import canonical_tag, parse
from tests.emulator.search import (
    PUBMED_CAP,
    Evaluator,
    HistoryNotFound,
    date_limit_term,
    order,
)
from tests.emulator.summaries import esummary_json, esummary_xml

if TYPE_CHECKING:
    from tests.emulator.server import EutilsEmulator

XML = "text/xml; charset=UTF-8"
JSON = "application/json; charset=UTF-8"
TEXT = "text/plain; charset=UTF-8"
HTML = "text/html; charset=UTF-8"
MAX_ID = 18446744073709551615


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = XML
    headers: dict[str, str] = field(default_factory=dict)


def _int(params: dict[str, str], name: str, default: int) -> int:
    try:
        return max(0, int(params.get(name, "") or default))
    except ValueError:
        return default


def _retmode(params: dict[str, str]) -> str:
    return (params.get("retmode") or "xml").lower()


def _error(endpoint: str, params: dict[str, str], *messages: str, status: int = 200) -> Response:
    body, kind = r.error_body(endpoint, _retmode(params), *messages)
    return Response(status, body, JSON if kind == "json" else XML)


def _db_error(endpoint: str, params: dict[str, str]) -> Response | None:
    db = params.get("db", "pubmed")
    if db.strip().lower() != "pubmed":
        return _error(endpoint, params, f"Invalid db name specified: {db}")
    return None


def split_ids(text: str) -> tuple[list[int], list[str]]:
    """Comma/space separated ids: (valid PMIDs in order without repeats, invalid tokens)."""
    valid: list[int] = []
    invalid: list[str] = []
    seen: set[int] = set()
    for token in re.split(r"[,\s]+", text or ""):
        if not token:
            continue
        if token.isdigit() and 0 < int(token) <= MAX_ID:
            pmid = int(token)
            if pmid not in seen:
                seen.add(pmid)
                valid.append(pmid)
        else:
            invalid.append(token)
    return valid, invalid


def _webenv(params: dict[str, str]) -> str | None:
    return params.get("WebEnv") or params.get("webenv")


# -- esearch --------------------------------------------------------------------------------
def esearch(emu: EutilsEmulator, params: dict[str, str]) -> Response:
    if params.get("db", "pubmed").strip().lower() == "mesh":
        from tests.emulator.mesh import esearch_mesh

        return esearch_mesh(emu, params)
    if (err := _db_error("esearch", params)) is not None:
        return err
    json_mode = _retmode(params) == "json"
    term = (params.get("term") or "").strip()
    query_key = params.get("query_key")
    webenv = _webenv(params)
    if not term and not query_key:
        return _error("esearch", params, "Empty term and query_key - nothing todo")

    default_tag = None
    if params.get("field"):
        default_tag, _, _ = canonical_tag(params["field"])
    limit = date_limit_term(
        params.get("datetype"),
        params.get("mindate"),
        params.get("maxdate"),
        params.get("reldate"),
        emu.today(),
    )
    evaluator = Evaluator(
        emu.corpus,
        history=lambda key: emu.history.get(webenv, key),
        known_words=emu.known_words,
        known_phrases=emu.known_phrases,
        default_tag=default_tag,
        today=emu.today(),
    )
    try:
        outcome = evaluator.run(parse(term), extra=limit)
        if query_key:
            held = emu.history.get(webenv, query_key)
            if held is None:
                raise HistoryNotFound(int(query_key) if str(query_key).isdigit() else 0)
            outcome.pmids = (outcome.pmids & set(held)) if term else set(held)
            prefix = f"#{query_key}"
            outcome.translation = (
                f"{prefix} AND {outcome.translation}" if outcome.translation else prefix
            )
    except HistoryNotFound as exc:
        return _error("esearch", params, str(exc))

    count = len(outcome.pmids)
    if (params.get("rettype") or "").lower() == "count":
        body = r.esearch_count_json(count) if json_mode else r.esearch_count_xml(count)
        return Response(200, body, JSON if json_mode else XML)

    retstart = _int(params, "retstart", 0)
    retmax = _int(params, "retmax", 20)
    if retstart >= PUBMED_CAP:
        return _error(
            "esearch",
            params,
            f"Search Backend failed: Exception:\nPosition {retstart} is out of acceptable "
            f"range [{PUBMED_CAP},{PUBMED_CAP - 1}]",
        )
    messages = list(outcome.messages)
    if retstart + retmax > PUBMED_CAP:
        retmax = PUBMED_CAP - retstart
        messages.append(f"Restrictions achieved. start and count adjusted to {retstart}, {retmax}")
    with emu.corpus.lock:
        ranked = order(emu.corpus, outcome.pmids, params.get("sort"))
    ids = ranked[retstart : retstart + retmax]
    if count == 0:
        messages.append("No items found.")
    query_key_out = webenv_out = None
    if (params.get("usehistory") or "").lower() == "y":
        # Assumption: the history keeps what the backend can page, the first 9,999 ids.
        webenv_out, query_key_out = emu.history.store(ranked[:PUBMED_CAP], webenv)
    errors = {
        "PhraseNotFound": outcome.phrases_not_found,
        "FieldNotFound": outcome.fields_not_found,
    }
    warnings = {
        "PhraseIgnored": outcome.phrases_ignored,
        "QuotedPhraseNotFound": outcome.quoted_not_found,
        "OutputMessage": messages,
    }
    build = r.esearch_json if json_mode else r.esearch_xml
    body = build(
        count, ids, retstart, outcome.translation, query_key_out, webenv_out, errors, warnings
    )
    return Response(200, body, JSON if json_mode else XML)


# -- id sources shared by efetch and esummary ------------------------------------------------
def requested_ids(
    emu: EutilsEmulator, endpoint: str, params: dict[str, str]
) -> list[int] | Response:
    if params.get("id", "").strip():
        ids, _ = split_ids(params["id"])
        return ids
    query_key = params.get("query_key")
    if not query_key:
        if endpoint == "esummary":
            return _error(endpoint, params, "Neither query_key nor id specified")
        return _error(endpoint, params, "Empty id list - nothing todo")
    held = emu.history.get(_webenv(params), query_key)
    if held is None:
        return _error(endpoint, params, f"Unable to obtain query #{query_key}")
    retstart = _int(params, "retstart", 0)
    retmax = _int(params, "retmax", 20)
    if held and retstart >= len(held):
        return _error(
            endpoint,
            params,
            "Cannot retrieve history data: OUT OF RANGE. Parameter "
            f"retstart={retstart} + 1 is greater than number of records available in "
            f"history. History includes {len(held)} IDs.",
            status=400,
        )
    return held[retstart : retstart + retmax]


# -- efetch ---------------------------------------------------------------------------------
def efetch(emu: EutilsEmulator, params: dict[str, str], missing: int = 0) -> Response:
    if (err := _db_error("efetch", params)) is not None:
        return err
    ids = requested_ids(emu, "efetch", params)
    if isinstance(ids, Response):
        return ids
    rettype = (params.get("rettype") or "").lower()
    retmode = (params.get("retmode") or "xml").lower()
    with emu.corpus.lock:
        found = [p for p in ids if p in emu.corpus.xml]
        if missing:
            middle = len(found) // 2
            del found[middle : middle + missing]
        records = [emu.corpus.xml[p] for p in found]
    if rettype == "uilist":
        return Response(200, r.uilist_text(found), TEXT)
    if retmode != "xml" or rettype not in ("", "xml", "full"):
        return Response(
            400,
            f"emulator: efetch supports retmode=xml and rettype=uilist only, not "
            f"rettype={rettype or '-'} retmode={retmode}\n".encode(),
            TEXT,
        )
    return Response(200, r.efetch_xml(records), XML)


# -- esummary -------------------------------------------------------------------------------
def esummary(emu: EutilsEmulator, params: dict[str, str]) -> Response:
    if (err := _db_error("esummary", params)) is not None:
        return err
    ids = requested_ids(emu, "esummary", params)
    if isinstance(ids, Response):
        return ids
    with emu.corpus.lock:
        records = {p: emu.corpus.fields[p] for p in ids if p in emu.corpus.fields}
    if _retmode(params) == "json":
        return Response(200, esummary_json(ids, records), JSON)
    return Response(200, esummary_xml(ids, records), XML)


# -- epost ----------------------------------------------------------------------------------
def epost(emu: EutilsEmulator, params: dict[str, str]) -> Response:
    if (err := _db_error("epost", params)) is not None:
        return err
    ids, invalid = split_ids(params.get("id", ""))
    if not ids:
        messages = ["Empty ID list; Nothing to store"]
        if invalid:
            messages.append(
                f"Some IDs have invalid value and were omitted. Maximum ID value {MAX_ID}"
            )
        return Response(200, r.xml_error("epost", *messages))
    webenv, query_key = emu.history.store(ids, _webenv(params))
    return Response(200, r.epost_xml(query_key, webenv, invalid))


# -- einfo ----------------------------------------------------------------------------------
def einfo(emu: EutilsEmulator, params: dict[str, str]) -> Response:
    db = (params.get("db") or "").strip()
    if db and db.lower() != "pubmed":
        return _error("einfo", params, f"Can not retrieve DbInfo for db={db}")
    last_update = f"{emu.today():%Y/%m/%d} 00:00"
    if _retmode(params) == "json":
        return Response(200, r.einfo_json(db, len(emu.corpus), last_update), JSON)
    return Response(200, r.einfo_xml(db, len(emu.corpus), last_update))


ENDPOINTS = {
    "esearch": esearch,
    "efetch": efetch,
    "esummary": esummary,
    "epost": epost,
    "einfo": einfo,
}
