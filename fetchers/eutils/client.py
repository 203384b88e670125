"""The one place littrack talks to NCBI E-utilities.

Every call passes through `EutilsClient._call`: tool/email/api_key are added there, the
process-wide rate limiter spaces it, and failures are retried with exponential backoff and
full jitter. Everything is sent as a POST form body, so the key and e-mail never appear in
a URL (nor in proxy or server logs of URLs), and long id lists never hit 414.

NCBI often reports trouble with HTTP 200 (`<ERROR>Search Backend failed ...</ERROR>`,
JSON `"error"`, an empty body), so bodies are checked, and an esearch error is never read
as "0 results". PhraseNotFound / FieldNotFound in ErrorList, and QuotedPhraseNotFound in
WarningList, are not transient: PubMed dropped those words (or the phrase's quotes) and
searched a wider query, so the answer is returned with `not_found` set and the fetch job fails
the claim (its Count would belong to a different query than the outline's).
"""

from __future__ import annotations

import json
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urlencode

import requests

from fetchers.eutils.rate_limit import shared_limiter
from fetchers.settings import EutilsSettings
from store.errors import EutilsError

_T = TypeVar("_T")

#: PubMed returns at most this many ids per search (the documented 10,000 is really 9,999).
ESEARCH_CAP = 9_999
#: Ids per efetch POST (EDirect uses 1,000 for PubMed XML; 500 keeps bodies near 5 MB).
EFETCH_BATCH = 500
#: Extra efetch attempts for ids an answer left out before they are reported as missing.
MISSING_ID_RETRIES = 2


class _Retry(Exception):
    """A response worth trying again (transient server trouble)."""


@dataclass(frozen=True)
class SearchResult:
    count: int
    ids: tuple[int, ...] = ()
    query_translation: str = ""
    warnings: tuple[str, ...] = ()
    #: Terms PubMed did not find and dropped from the query ("phrase not found: X").
    not_found: tuple[str, ...] = ()


@dataclass
class FetchedRecords:
    """What efetch returned for a list of PMIDs, and which it never returned."""

    records: list = field(default_factory=list)
    missing: set[int] = field(default_factory=set)


def _masked(url: str, params: dict) -> str:
    shown = {k: ("***" if k in ("api_key", "email") else v) for k, v in params.items()}
    if "id" in shown and len(str(shown["id"])) > 60:
        shown["id"] = str(shown["id"])[:40] + "..."
    if "term" in shown and len(str(shown["term"])) > 120:
        shown["term"] = str(shown["term"])[:100] + "..."
    return url + "?" + urlencode(shown)


class EutilsClient:
    """requests-based E-utilities client with NCBI's courtesy rules built in.

    `rate` overrides the limit derived from the key (tests and benchmarks only).
    """

    def __init__(
        self,
        settings: EutilsSettings,
        *,
        rate: float | None = None,
        max_tries: int = 6,
        timeout: float = 60,
        backoff_base: float = 0.5,
        backoff_cap: float = 30,
    ) -> None:
        self.settings = settings
        self.rate = rate if rate is not None else settings.requests_per_second
        self.limiter = shared_limiter(self.rate)
        self.max_tries = max(1, max_tries)
        self.timeout = timeout
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"{settings.tool} (littrack E-utilities client)"
        self.requests = 0
        self.retries = 0
        self.by_endpoint: Counter[str] = Counter()

    def __repr__(self) -> str:
        return f"EutilsClient({self.settings!r}, rate={self.rate})"

    def close(self) -> None:
        self.session.close()

    # ------------------------------------------------------------------ transport

    def _base_params(self) -> dict[str, str]:
        params = {"db": "pubmed", "tool": self.settings.tool}
        if self.settings.email:
            params["email"] = self.settings.email
        if self.settings.api_key:
            params["api_key"] = self.settings.api_key
        return params

    def _backoff(self, attempt: int) -> float:
        return random.uniform(0, min(self.backoff_cap, self.backoff_base * 2**attempt))

    def _call(self, endpoint: str, params: dict, check: Callable[[bytes], _T]) -> _T:
        """POST `params` to `endpoint`, pass the body to `check`, retry what is transient.

        `check(body)` returns the parsed answer or raises `_Retry` (try again) or
        `EutilsError` (give up now).
        """
        try:
            return self._call_with_retries(endpoint, params, check)
        except EutilsError as exc:
            # NCBI echoes the caller's key in some error bodies (e.g. "api-key" in JSON);
            # no message leaves the client with a secret in it.
            raise EutilsError(self._scrub(str(exc))) from None

    def _scrub(self, text: str) -> str:
        for secret in (self.settings.api_key, self.settings.email):
            if secret:
                text = text.replace(secret, "***")
        return text

    def _call_with_retries(self, endpoint: str, params: dict, check: Callable[[bytes], _T]) -> _T:
        url = self.settings.base_url + endpoint
        data = {**self._base_params(), **params}
        last = ""
        for attempt in range(self.max_tries):
            if attempt:
                self.retries += 1
                time.sleep(self._backoff(attempt - 1))
            self.limiter.wait()
            self.requests += 1
            self.by_endpoint[endpoint] += 1
            try:
                response = self.session.post(url, data=data, timeout=self.timeout)
                body = response.content
            except requests.RequestException as exc:
                last = f"{type(exc).__name__}"
                continue
            status = response.status_code
            if status == 429 or status >= 500:
                last = f"HTTP {status}"
                continue
            if status >= 400:
                hint = ""
                if status in (400, 401, 403) and self.settings.api_key:
                    hint = " (NCBI may have rejected NCBI_API_KEY: check it, or unset it)"
                raise EutilsError(
                    f"{endpoint}: HTTP {status} {_snippet(body)}{hint} ({_masked(url, data)})"
                )
            if not body.strip():
                last = "empty body"
                continue
            try:
                return check(body)
            except _Retry as exc:
                last = str(exc)
                continue
            except EutilsError as exc:
                raise EutilsError(f"{endpoint}: {exc} ({_masked(url, data)})") from None
        raise EutilsError(
            f"{endpoint}: gave up after {self.max_tries} tries, last: {last} ({_masked(url, data)})"
        )

    # ------------------------------------------------------------------ esearch

    def esearch(
        self,
        term: str,
        *,
        retmax: int = ESEARCH_CAP,
        retstart: int = 0,
        datetype: str | None = None,
        mindate: str | None = None,
        maxdate: str | None = None,
        reldate: int | None = None,
    ) -> SearchResult:
        """Count and (up to `retmax`) ids of `term`; JSON mode, as it is compact."""
        params: dict[str, str | int] = {
            "term": term,
            "retmode": "json",
            "retmax": min(retmax, ESEARCH_CAP),
            "retstart": retstart,
        }
        if datetype:
            params["datetype"] = datetype
        if mindate or maxdate:
            params["mindate"] = mindate or "1800/01/01"
            params["maxdate"] = maxdate or "3000/12/31"
        if reldate is not None:
            params["reldate"] = reldate
        return self._call("esearch.fcgi", params, parse_esearch_json)

    def count(self, term: str, **dates) -> int:
        """Count only (retmax=0): one cheap request."""
        return self.esearch(term, retmax=0, **dates).count

    # ------------------------------------------------------------------ efetch

    def efetch(self, pmids: Sequence[int]) -> bytes:
        """PubMed XML for `pmids`, checked to parse completely (a truncated body is retried)."""
        ids = ",".join(str(p) for p in pmids)
        return self._call("efetch.fcgi", {"id": ids, "retmode": "xml"}, _check_pubmed_xml)

    def fetch_records(self, pmids: Iterable[int]) -> FetchedRecords:
        """Parsed records for `pmids`; ids an answer leaves out are asked for again.

        An answer can be well-formed and still lack records (NCBI's backend had a hiccup);
        those ids are re-requested up to MISSING_ID_RETRIES times and then reported in
        `missing` (withdrawn PMIDs end up there too).
        """
        wanted = {int(p) for p in pmids}
        result = FetchedRecords()
        todo = sorted(wanted)
        for round_ in range(MISSING_ID_RETRIES + 1):
            if not todo:
                break
            if round_:
                self.retries += 1
            ids = ",".join(str(p) for p in todo)
            items = self._call("efetch.fcgi", {"id": ids, "retmode": "xml"}, _parse_pubmed_xml)
            got: set[int] = set()
            for item in items:
                if item.pmid in wanted and item.pmid not in got:
                    got.add(item.pmid)
                    result.records.append(item)
            todo = [p for p in todo if p not in got]
            wanted -= got
        result.missing = set(todo)
        return result


def _snippet(body: bytes, limit: int = 120) -> str:
    text = body.decode("utf-8", "replace").strip().replace("\n", " ")
    return text[:limit]


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
    errorlist = result.get("errorlist") or {}
    for key, values in errorlist.items():
        if not values:
            continue
        if key not in ("phrasesnotfound", "fieldsnotfound"):
            raise _Retry(f"errorlist {key}: {values!r}")
        label = "phrase not found" if key == "phrasesnotfound" else "field not found"
        not_found.extend(f"{label}: {v}" for v in values)
    warninglist = result.get("warninglist") or {}
    for key, values in warninglist.items():
        for value in values or ():
            if value == "No items found.":
                continue
            if key == "quotedphrasesnotfound":
                # PubMed then searches the phrase's words ANDed: a wider query than asked.
                not_found.append(f"quoted phrase not found: {value}")
                continue
            warnings.append(f"{key}: {value}")
    try:
        count = int(result["count"])
        ids = tuple(int(i) for i in result.get("idlist") or ())
    except (TypeError, ValueError):
        raise _Retry("count or idlist is not numeric") from None
    return SearchResult(
        count=count,
        ids=ids,
        query_translation=str(result.get("querytranslation") or ""),
        warnings=tuple(warnings),
        not_found=tuple(not_found),
    )


def _parse_pubmed_xml(body: bytes) -> list:
    """All records of an efetch body; a truncated or error body is retried whole."""
    from fetchers.pubmed.records import PubmedXMLError, iter_records

    head = body[:2000].lstrip()
    if b"<ERROR>" in head or head.startswith(b"{"):
        raise _Retry(f"error body: {_snippet(body)}")
    try:
        return list(iter_records(body))
    except PubmedXMLError as exc:
        raise _Retry(f"PubMed XML does not parse: {str(exc)[:120]}") from None


def _check_pubmed_xml(body: bytes) -> bytes:
    _parse_pubmed_xml(body)
    return body
