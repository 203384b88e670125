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

import hashlib
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import quote, quote_plus, urlencode, urljoin, urlsplit

import requests
import urllib3

from fetchers.eutils import reach
from fetchers.eutils.answers import (
    SearchResult,
    _BadBytes,
    _check_pubmed_xml,
    _parse_pubmed_xml,
    _Retry,
    _snippet,
    parse_esearch_json,
)
from fetchers.eutils.rate_limit import shared_limiter
from fetchers.eutils.reach import (
    CONNECT_TIMEOUT,
    Outage,
    host_of,
    why_unreachable,
)
from fetchers.settings import EutilsSettings
from store.errors import EutilsError, EutilsUnreachableError, UnreadableAnswerError
from store.models import SkippedRecord

_T = TypeVar("_T")

#: PubMed returns at most this many ids per search (the documented 10,000 is really 9,999).
ESEARCH_CAP = 9_999
#: Ids per efetch POST (EDirect uses 1,000 for PubMed XML; 500 keeps bodies near 5 MB).
EFETCH_BATCH = 500
#: Extra efetch attempts for ids an answer left out before they are reported as missing.
MISSING_ID_RETRIES = 2
#: Longest a whole request may take, first byte to last (a per-read timeout alone lets a
#: server that drips one byte a second hold a fetch forever).
REQUEST_DEADLINE = 300.0
#: Largest answer read, after decompression (500 records are ~5 MB; a gzip bomb is not).
MAX_BODY_BYTES = 128 * 1024 * 1024
#: Same-origin redirects followed per request (others are refused: see _redirect_target).
MAX_REDIRECTS = 3


class _NoAnswer(_Retry):
    """No HTTP answer at all (refused, unresolved, connect timeout): counted by Outage."""


class _TooLarge(Exception):
    """The answer grew past MAX_BODY_BYTES."""


@dataclass
class FetchedRecords:
    """What efetch returned for a list of PMIDs, and which it never returned."""

    records: list = field(default_factory=list)
    missing: set[int] = field(default_factory=set)
    #: Records the parser could not read (SkippedRecord), in answer order.
    skipped: list[SkippedRecord] = field(default_factory=list)


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
    `unreachable_after` connection-level failures in a row end every later call at once
    (fetchers/eutils/reach.py).
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
        unreachable_after: int | None = None,
    ) -> None:
        self.settings = settings
        self.rate = rate if rate is not None else settings.requests_per_second
        self.limiter = shared_limiter(self.rate)
        self.max_tries = max(1, max_tries)
        self.timeout = timeout
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        # Read at construction, not import, so a test can lower reach.UNREACHABLE_AFTER.
        after = reach.UNREACHABLE_AFTER if unreachable_after is None else unreachable_after
        self.outage = Outage(after)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = f"{settings.tool} (littrack E-utilities client)"
        self.requests = 0
        self.retries = 0
        self.by_endpoint: Counter[str] = Counter()

    def __repr__(self) -> str:
        return f"EutilsClient({self.settings!r}, rate={self.rate})"

    @property
    def unreachable(self) -> str | None:
        """Why the host was judged unreachable (then no request is sent any more), or None."""
        return self.outage.verdict

    def unreachable_message(self) -> str:
        return f"PubMed cannot be reached at {host_of(self.settings.base_url)} ({self.unreachable})"

    def _check_reachable(self) -> None:
        if self.outage.verdict:
            raise EutilsUnreachableError(self.unreachable_message())

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
            raise type(exc)(self._scrub(str(exc))) from None

    def _secret_forms(self) -> list[str]:
        """Every spelling of the key and e-mail a server might echo: raw, URL-encoded (both
        styles, both hex cases), HTML- and JSON-escaped. Longest first."""
        forms: set[str] = set()
        for secret in (self.settings.api_key, self.settings.email):
            if not secret:
                continue
            for form in (secret, quote(secret, safe=""), quote_plus(secret, safe="")):
                forms.update({form, form.lower(), re.sub(r"%[0-9A-F]{2}", _lower_hex, form)})
            forms.add(secret.replace("@", "&#64;"))
            forms.add(secret.replace("@", "&#x40;"))
            forms.add(secret.replace("@", "\\u0040"))
        return sorted((f for f in forms if f), key=len, reverse=True)

    def _scrub(self, text: str) -> str:
        """Remove every form of a secret, and a secret's prefix where `text` was cut."""
        forms = self._secret_forms()
        for form in forms:
            if form in text:
                text = text.replace(form, "***")
        lowered = text.lower()
        for form in forms:
            for k in range(min(len(form) - 1, len(text)), 2, -1):
                if lowered.endswith(form[:k].lower()):
                    text = text[:-k] + "***"
                    lowered = text.lower()
                    break
        return text

    def _scrub_bytes(self, body: bytes) -> bytes:
        for form in self._secret_forms():
            raw = form.encode("utf-8", "replace")
            if raw in body:
                body = body.replace(raw, b"***")
        return body

    def _call_with_retries(self, endpoint: str, params: dict, check: Callable[[bytes], _T]) -> _T:
        check_base_url(self.settings.base_url)
        url = self.settings.base_url + endpoint
        data = {**self._base_params(), **params}
        last = ""
        seen_bad: str | None = None
        for attempt in range(self.max_tries):
            self._check_reachable()
            if attempt:
                self.retries += 1
                time.sleep(self._backoff(attempt - 1))
            self.limiter.wait()
            self.requests += 1
            self.by_endpoint[endpoint] += 1
            try:
                status, body = self._post(url, data)
            except _NoAnswer as exc:
                last = str(exc)
                if self.outage.failed(last):
                    self._check_reachable()
                continue
            except _Retry as exc:
                last = str(exc)
                continue
            except _TooLarge:
                raise UnreadableAnswerError(
                    f"{endpoint}: answer larger than {MAX_BODY_BYTES // 2**20} MB "
                    f"({_masked(url, data)})"
                ) from None
            body = self._scrub_bytes(body)
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
            except _BadBytes as exc:
                digest = hashlib.sha256(body).hexdigest()
                if digest == seen_bad:
                    raise UnreadableAnswerError(
                        f"{endpoint}: the same unreadable answer twice: {exc} "
                        f"({_masked(url, data)})"
                    ) from None
                seen_bad, last = digest, str(exc)
                continue
            except _Retry as exc:
                last = str(exc)
                continue
            except EutilsError as exc:
                raise EutilsError(f"{endpoint}: {exc} ({_masked(url, data)})") from None
        raise EutilsError(
            f"{endpoint}: gave up after {self.max_tries} tries, last: {last} ({_masked(url, data)})"
        )

    def _post(self, url: str, data: dict) -> tuple[int, bytes]:
        """(status, body) of one POST, within REQUEST_DEADLINE and MAX_BODY_BYTES.

        Redirects are followed by hand, only to the same scheme, host and port: requests
        would re-send the form (key and e-mail included) to wherever a 307 points."""
        deadline = time.monotonic() + REQUEST_DEADLINE
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                response = self.session.post(
                    url,
                    data=data,
                    timeout=(min(CONNECT_TIMEOUT, self.timeout), self.timeout),
                    stream=True,
                    allow_redirects=False,
                )
            except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema) as exc:
                raise EutilsError(f"E-utilities URL {url!r}: {type(exc).__name__}") from None
            except requests.RequestException as exc:
                why = why_unreachable(exc, min(CONNECT_TIMEOUT, self.timeout))
                raise (_NoAnswer(why) if why else _Retry(type(exc).__name__)) from None
            self.outage.answered()
            with response:
                if response.is_redirect:
                    url = self._redirect_target(url, response.headers.get("Location", ""))
                    continue
                return response.status_code, _read_body(response, deadline)
        raise EutilsError(f"more than {MAX_REDIRECTS} redirects from {urlsplit(url).netloc}")

    def _redirect_target(self, url: str, location: str) -> str:
        target = urljoin(url, location)
        old, new = urlsplit(url), urlsplit(target)
        if (old.scheme, old.hostname, old.port) != (new.scheme, new.hostname, new.port):
            raise EutilsError(
                f"E-utilities redirected to {new.scheme}://{new.netloc}: not followed "
                "(the request carries the API key and e-mail; set LITTRACK_EUTILS_URL "
                "to the new address if it is right)"
            )
        return target

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
        db: str = "pubmed",
    ) -> SearchResult:
        """Count and (up to `retmax`) ids of `term`; JSON mode, as it is compact.

        `db="mesh"` asks PubMed's MeSH database (is a name a descriptor?)."""
        params: dict[str, str | int] = {
            "db": db,
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
                if isinstance(item, SkippedRecord):
                    # Bad bytes stay bad: a record that names its PMID is not asked for
                    # again; one without is reported once (the first answer's position).
                    if item.pmid in wanted:
                        got.add(item.pmid)
                        result.skipped.append(item)
                    elif item.pmid is None and not round_:
                        result.skipped.append(item)
                    continue
                if item.pmid in wanted and item.pmid not in got:
                    got.add(item.pmid)
                    result.records.append(item)
            todo = [p for p in todo if p not in got]
            wanted -= got
        result.missing = set(todo)
        return result


def check_base_url(url: str) -> None:
    """A URL typo is not a network fault: refuse it at once instead of retrying for minutes."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        why = (
            f"unknown scheme {parts.scheme!r} (use http:// or https://)"
            if parts.scheme
            else "not a URL (use http:// or https://)"
        )
        raise EutilsError(f"E-utilities URL {url!r}: {why}")


def _lower_hex(match: re.Match) -> str:
    return match.group(0).lower()


def _read_body(response: requests.Response, deadline: float) -> bytes:
    """The decompressed body, or _Retry past the deadline, or _TooLarge past the cap.

    read1 returns after one socket read however little arrived, so the deadline is checked
    even against a server that sends one byte at a time."""
    chunks: list[bytes] = []
    size = 0
    raw = response.raw
    try:
        while True:
            chunk = raw.read1(64 * 1024, decode_content=True)
            if not chunk:  # read1 returns b"" only at the end (it decodes until it has data)
                break
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise _TooLarge
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise _Retry(f"no complete answer within {REQUEST_DEADLINE:g} s")
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        raise _Retry(type(exc).__name__) from None
    return b"".join(chunks)
