"""What E-utilities answers mean: esearch JSON and efetch XML checked and read.

NCBI reports trouble inside HTTP 200 answers, so every body is judged here: `_Retry` for
what may be transient, `_BadBytes` for bytes that do not parse, `EutilsError` for a
definite refusal. fetchers/eutils/client.py decides what to do about each.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from fetchers.pubmed.errors import PubmedXMLError
from fetchers.pubmed.limits import PMID_MAX
from fetchers.pubmed.records import iter_records
from store.errors import EutilsError

#: A Count beyond this is not PubMed's (it holds ~40 million records).
MAX_COUNT = 10**12


class _Retry(Exception):
    """A response worth trying again (transient server trouble)."""


class _BadBytes(_Retry):
    """An answer that does not parse: transient if truncated, deterministic if it repeats."""


@dataclass(frozen=True)
class SearchResult:
    count: int
    ids: tuple[int, ...] = ()
    query_translation: str = ""
    warnings: tuple[str, ...] = ()
    #: Terms PubMed did not find and dropped from the query ("phrase not found: X").
    not_found: tuple[str, ...] = ()
    #: Every ErrorList / WarningList entry as (kind, text), kind as NCBI's XML names it:
    #: PhraseNotFound, FieldNotFound, PhraseIgnored, QuotedPhraseNotFound, OutputMessage.
    notices: tuple[tuple[str, str], ...] = ()


def _snippet(body: bytes, limit: int = 120) -> str:
    text = body.decode("utf-8", "replace").strip().replace("\n", " ")
    return text[:limit]


_WARNING_KINDS = {
    "phrasesignored": "PhraseIgnored",
    "quotedphrasesnotfound": "QuotedPhraseNotFound",
    "outputmessages": "OutputMessage",
}


def parse_esearch_json(body: bytes) -> SearchResult:
    """esearch JSON → SearchResult; raises _Retry on anything that is not a clean answer."""
    try:
        doc = json.loads(body)
    except ValueError:
        error = re.search(rb"<ERROR>(.*?)</ERROR>", body, re.S)
        if error:
            raise _Retry(f"ERROR {_snippet(error.group(1))!r}") from None
        raise _Retry(f"body is not JSON: {_snippet(body)!r}") from None
    if not isinstance(doc, dict):
        raise _Retry("JSON body is not an object")
    if "error" in doc:
        raise _Retry(f"error {doc['error']!r}")
    result = doc.get("esearchresult")
    if not isinstance(result, dict):
        raise _Retry("no esearchresult in JSON body")
    if "ERROR" in result:
        raise _Retry(f"ERROR {result['ERROR']!r}")
    if "count" not in result:
        raise _Retry("no count in esearchresult")
    warnings: list[str] = []
    not_found: list[str] = []
    notices: list[tuple[str, str]] = []
    errorlist = result.get("errorlist") or {}
    for key, values in errorlist.items():
        if not values:
            continue
        if key not in ("phrasesnotfound", "fieldsnotfound"):
            raise _Retry(f"errorlist {key}: {values!r}")
        label = "phrase not found" if key == "phrasesnotfound" else "field not found"
        kind = "PhraseNotFound" if key == "phrasesnotfound" else "FieldNotFound"
        not_found.extend(f"{label}: {v}" for v in values)
        notices.extend((kind, str(v)) for v in values)
    warninglist = result.get("warninglist") or {}
    for key, values in warninglist.items():
        for value in values or ():
            notices.append((_WARNING_KINDS.get(key, key), str(value)))
            if value == "No items found.":
                continue
            if key == "quotedphrasesnotfound":
                # PubMed then searches the phrase's words ANDed: a wider query than asked.
                not_found.append(f"quoted phrase not found: {value}")
                continue
            warnings.append(f"{key}: {value}")
    try:
        count = int(result["count"])
        raw_ids = [int(i) for i in result.get("idlist") or ()]
    except (TypeError, ValueError):
        raise _Retry("count or idlist is not numeric") from None
    if not 0 <= count <= MAX_COUNT:
        raise EutilsError(f"Count {count} is out of range 0..{MAX_COUNT}")
    messages = [
        str(m) for m in (warninglist.get("outputmessages") or ()) if m and m != "No items found."
    ]
    if count == 0 and messages:
        # "Search Backend failed" with Count 0 is an outage, not an empty result.
        raise _Retry(f"Count 0 with message {_snippet(messages[0].encode())!r}")
    ids = tuple(i for i in raw_ids if 1 <= i <= PMID_MAX)
    if len(ids) < len(raw_ids):
        bad = sorted(set(raw_ids) - set(ids))
        warnings.append(f"{len(bad)} invalid PMIDs ignored: {','.join(map(str, bad[:5]))}")
    return SearchResult(
        count=count,
        ids=ids,
        query_translation=str(result.get("querytranslation") or ""),
        warnings=tuple(warnings),
        not_found=tuple(not_found),
        notices=tuple(notices),
    )


def _parse_pubmed_xml(body: bytes) -> list:
    """All records of an efetch body; a truncated or error body is retried whole."""
    head = body[:2000].lstrip()
    if b"<ERROR>" in head or head.startswith(b"{"):
        raise _Retry(f"error body: {_snippet(body)}")
    try:
        return list(iter_records(body))
    except PubmedXMLError as exc:
        raise _BadBytes(f"PubMed XML does not parse: {str(exc)[:120]}") from None


def _check_pubmed_xml(body: bytes) -> bytes:
    _parse_pubmed_xml(body)
    return body
