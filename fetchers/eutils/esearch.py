"""esearch's JSON answer → SearchResult, in two steps: a shape check (is every part the
JSON type NCBI documents?) and a field read (what the parts say).

An answer is whatever JSON comes back: `errorlist` as a list, a number where a list
belongs, nesting thousands deep. The shape check turns each of those into `RetryAnswer`
(asked again, then the claim fails) before any field is read, so no value of an answer
ends a night with a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from fetchers.eutils.answers import RetryAnswer, error_element, snippet
from fetchers.pubmed.limits import PMID_MAX
from store.errors import EutilsError

#: A Count beyond this is not PubMed's (it holds ~40 million records).
MAX_COUNT = 10**12
#: Longest number read from an answer (longer ones are not numbers, but garbage).
_MAX_DIGITS = 30


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


_WARNING_KINDS = {
    "phrasesignored": "PhraseIgnored",
    "quotedphrasesnotfound": "QuotedPhraseNotFound",
    "outputmessages": "OutputMessage",
}
_NOT_FOUND = {
    "phrasesnotfound": ("phrase not found", "PhraseNotFound"),
    "fieldsnotfound": ("field not found", "FieldNotFound"),
}


def parse_esearch_json(body: bytes) -> SearchResult:
    """esearch JSON → SearchResult; raises RetryAnswer on anything that is not a clean answer."""
    return read_fields(check_shape(load(body)))


def load(body: bytes) -> object:
    """The decoded JSON, or RetryAnswer (an `<ERROR>` page, not JSON, nested too deep)."""
    try:
        doc = json.loads(body)
        # A NUL can only come escaped (`\u0000`); PostgreSQL text cannot hold one, and the
        # answer's text (query translation, warnings, phrases) is stored.
        return _without_nul(doc) if b"\\u0000" in body else doc
    except (ValueError, RecursionError):
        error = error_element(body)
        if error is not None:
            raise RetryAnswer(f"ERROR {error!r}") from None
        raise RetryAnswer(f"body is not JSON: {snippet(body)!r}") from None


def _without_nul(value: object) -> object:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {_without_nul(k): _without_nul(v) for k, v in value.items()}
    return value


def _is_text_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str | int) for v in value)


def _check_lists(result: dict, name: str) -> dict:
    """errorlist / warninglist: an object whose values are lists of strings (or absent)."""
    value = result.get(name) or {}
    if not isinstance(value, dict):
        raise RetryAnswer(f"{name} is a {type(value).__name__}, not an object")
    for key, items in value.items():
        if items and not _is_text_list(items):
            raise RetryAnswer(f"{name} {key} is not a list of strings")
    return value


def check_shape(doc: object) -> dict:
    """The `esearchresult` object, with every part read later of the documented type."""
    if not isinstance(doc, dict):
        raise RetryAnswer("JSON body is not an object")
    if "error" in doc:
        raise RetryAnswer(f"error {snippet(str(doc['error']).encode())!r}")
    result = doc.get("esearchresult")
    if not isinstance(result, dict):
        raise RetryAnswer("no esearchresult in JSON body")
    if "ERROR" in result:
        raise RetryAnswer(f"ERROR {snippet(str(result['ERROR']).encode())!r}")
    if "count" not in result:
        raise RetryAnswer("no count in esearchresult")
    _check_lists(result, "errorlist")
    _check_lists(result, "warninglist")
    if not _is_number(result["count"]) or not isinstance(result.get("idlist") or [], list):
        raise RetryAnswer("count or idlist is not numeric")
    if not all(_is_number(i) for i in result.get("idlist") or ()):
        raise RetryAnswer("count or idlist is not numeric")
    if not isinstance(result.get("querytranslation") or "", str):
        raise RetryAnswer("querytranslation is not a string")
    return result


def _is_number(value: object) -> bool:
    """A JSON integer, or a string of ASCII digits with an optional sign (a bool is not
    one; the range is judged by read_fields)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    text = value.strip().removeprefix("-") if isinstance(value, str) else ""
    return 0 < len(text) <= _MAX_DIGITS and text.isascii() and text.isdigit()


def _lists(result: dict) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """(warnings, terms not found, notices) from a checked errorlist and warninglist."""
    warnings: list[str] = []
    not_found: list[str] = []
    notices: list[tuple[str, str]] = []
    for key, values in (result.get("errorlist") or {}).items():
        if not values:
            continue
        if key not in _NOT_FOUND:
            raise RetryAnswer(f"errorlist {key}: {snippet(str(values).encode())!r}")
        label, kind = _NOT_FOUND[key]
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
    return warnings, not_found, notices


def read_fields(result: dict) -> SearchResult:
    """A checked `esearchresult` (see check_shape) → SearchResult."""
    warnings, not_found, notices = _lists(result)
    warninglist = result.get("warninglist") or {}
    count = int(result["count"])
    raw_ids = [int(i) for i in result.get("idlist") or ()]
    if not 0 <= count <= MAX_COUNT:
        raise EutilsError(f"Count {count} is out of range 0..{MAX_COUNT}")
    messages = [
        str(m) for m in (warninglist.get("outputmessages") or ()) if m and m != "No items found."
    ]
    if count == 0 and messages:
        # "Search Backend failed" with Count 0 is an outage, not an empty result.
        raise RetryAnswer(f"Count 0 with message {snippet(messages[0].encode())!r}")
    ids = tuple(i for i in raw_ids if 1 <= i <= PMID_MAX)
    if len(ids) < len(raw_ids):
        bad = sorted(set(raw_ids) - set(ids))
        warnings.append(f"{len(bad)} invalid PMIDs ignored: {','.join(map(str, bad[:5]))}")
    return SearchResult(
        count=count,
        ids=ids,
        query_translation=result.get("querytranslation") or "",
        warnings=tuple(warnings),
        not_found=tuple(not_found),
        notices=tuple(notices),
    )
