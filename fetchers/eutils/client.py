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

Neighbours: `transport` (one bounded HTTP exchange), `secrets` (scrubbing echoed secrets),
`esearch` and `answers` (what an answer may be).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urlencode, urljoin, urlsplit

import requests

from fetchers.eutils import reach, transport
from fetchers.eutils.answers import BadBytes, RetryAnswer, TooLarge, snippet
from fetchers.eutils.answers import parse_pubmed_xml as _parse_pubmed_xml
from fetchers.eutils.esearch import MAX_COUNT, SearchResult, parse_esearch_json
from fetchers.eutils.rate_limit import shared_limiter
from fetchers.eutils.reach import CONNECT_TIMEOUT, Outage, host_of, why_unreachable
from fetchers.eutils.secrets import Scrubber
from fetchers.eutils.transport import SocketWatch, check_base_url, read_body, watched_session
from fetchers.settings import EutilsSettings
from store.errors import EutilsError, EutilsUnreachableError, UnreadableAnswerError
from store.models import SkippedRecord

__all__ = [
    "EFETCH_BATCH",
    "ESEARCH_CAP",
    "MAX_COUNT",
    "EutilsClient",
    "EutilsError",
    "FetchedRecords",
    "SearchResult",
    "UnreadableAnswerError",
    "check_base_url",
    "parse_esearch_json",
]

_T = TypeVar("_T")

#: Seconds of the first retry's longest wait, doubled each retry up to BACKOFF_CAP; each wait
#: is drawn uniformly below that bound ("full jitter"), so clients that failed together do
#: not retry together. Five retries wait about 8 s in all on average.
BACKOFF_BASE = 0.5
BACKOFF_CAP = 30.0

#: PubMed returns at most this many ids per search (the documented 10,000 is really 9,999).
ESEARCH_CAP = 9_999
#: Ids per efetch POST (EDirect uses 1,000 for PubMed XML; 500 keeps bodies near 5 MB).
EFETCH_BATCH = 500
#: Extra efetch attempts for ids an answer left out before they are reported as missing.
MISSING_ID_RETRIES = 2
#: Same-origin redirects followed per request (others are refused: see _redirect_target).
MAX_REDIRECTS = 3


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


class NoAnswer(RetryAnswer):
    """No HTTP answer at all (refused, unresolved, connect timeout): counted by Outage."""


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
        backoff_base: float | None = None,
        backoff_cap: float | None = None,
        unreachable_after: int | None = None,
    ) -> None:
        self.settings = settings
        self.rate = rate if rate is not None else settings.requests_per_second
        self.limiter = shared_limiter(self.rate)
        self.max_tries = max(1, max_tries)
        self.timeout = timeout
        # Read at construction, not import, so a test suite can shorten the waits.
        self.backoff_base = BACKOFF_BASE if backoff_base is None else backoff_base
        self.backoff_cap = BACKOFF_CAP if backoff_cap is None else backoff_cap
        # Read at construction, not import, so a test can lower reach.UNREACHABLE_AFTER.
        after = reach.UNREACHABLE_AFTER if unreachable_after is None else unreachable_after
        self.outage = Outage(after)
        self.watch = SocketWatch()
        self.session = watched_session(self.watch, f"{settings.tool} (littrack E-utilities client)")
        self.scrubber = Scrubber(settings.api_key, settings.email)
        #: time.monotonic() past which no request starts or continues (the run's deadline).
        self.stop_at: float | None = None
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

        `check(body)` returns the parsed answer or raises `RetryAnswer` (try again) or
        `EutilsError` (give up now).
        """
        try:
            return self._call_with_retries(endpoint, params, check)
        except EutilsError as exc:
            # NCBI echoes the caller's key in some error bodies (e.g. "api-key" in JSON);
            # no message leaves the client with a secret in it.
            raise type(exc)(self.scrubber.text(str(exc))) from None

    def _call_with_retries(self, endpoint: str, params: dict, check: Callable[[bytes], _T]) -> _T:
        check_base_url(self.settings.base_url)
        url = self.settings.base_url + endpoint
        data = {**self._base_params(), **params}
        last = ""
        seen_bad: str | None = None
        for attempt in range(self.max_tries):
            self._check_reachable()
            if self.stop_at is not None and time.monotonic() >= self.stop_at:
                raise EutilsError(f"{endpoint}: the run passed its deadline; no request sent")
            if attempt:
                self.retries += 1
                time.sleep(self._backoff(attempt - 1))
            self.limiter.wait()
            self.requests += 1
            self.by_endpoint[endpoint] += 1
            try:
                status, body = self._post(url, data)
            except NoAnswer as exc:
                last = str(exc)
                if self.outage.failed(last):
                    self._check_reachable()
                continue
            except RetryAnswer as exc:
                last = str(exc)
                continue
            except TooLarge:
                raise UnreadableAnswerError(
                    f"{endpoint}: answer larger than {transport.MAX_BODY_BYTES // 2**20} MB "
                    f"({_masked(url, data)})"
                ) from None
            body = self.scrubber.bytes(body)
            if status == 429 or status >= 500:
                last = f"HTTP {status}"
                continue
            if status >= 400:
                hint = ""
                if status in (400, 401, 403) and self.settings.api_key:
                    hint = " (NCBI may have rejected NCBI_API_KEY: check it, or unset it)"
                raise EutilsError(
                    f"{endpoint}: HTTP {status} {snippet(body)}{hint} ({_masked(url, data)})"
                )
            if not body.strip():
                last = "empty body"
                continue
            try:
                return check(body)
            except BadBytes as exc:
                # Poison is the same parse error twice, whatever the bytes around it (a
                # timestamp in each answer must not make a bad record look transient).
                if str(exc) == seen_bad:
                    raise UnreadableAnswerError(
                        f"{endpoint}: the same unreadable answer twice: {exc} "
                        f"({_masked(url, data)})"
                    ) from None
                seen_bad = last = str(exc)
                continue
            except RetryAnswer as exc:
                last = str(exc)
                continue
            except EutilsError as exc:
                raise EutilsError(f"{endpoint}: {exc} ({_masked(url, data)})") from None
        raise EutilsError(
            f"{endpoint}: gave up after {self.max_tries} tries, last: {last} ({_masked(url, data)})"
        )

    def _post(self, url: str, data: dict) -> tuple[int, bytes]:
        """(status, body) of one POST, within REQUEST_DEADLINE (and the run's deadline) and
        MAX_BODY_BYTES.

        Redirects are followed by hand, only to the same scheme, host and port: requests
        would re-send the form (key and e-mail included) to wherever a 307 points."""
        limit = transport.REQUEST_DEADLINE
        why = f"no complete answer within {limit:g} s"
        if self.stop_at is not None and self.stop_at - time.monotonic() < limit:
            limit = self.stop_at - time.monotonic()
            why = "the run passed its deadline during the request"
        deadline = time.monotonic() + limit
        with self.watch.deadline(limit) as cut:
            try:
                answer = self._exchange(url, data, deadline)
            except RetryAnswer:
                if cut.is_set():
                    raise RetryAnswer(why) from None
                raise
        if cut.is_set():  # a cut socket can also look like the end of headers and body
            raise RetryAnswer(why)
        return answer

    def _exchange(self, url: str, data: dict, deadline: float) -> tuple[int, bytes]:
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
                raise (NoAnswer(why) if why else RetryAnswer(type(exc).__name__)) from None
            self.outage.answered()
            with response:
                if response.is_redirect:
                    url = self._redirect_target(url, response.headers.get("Location", ""))
                    continue
                return response.status_code, read_body(response, deadline)
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
