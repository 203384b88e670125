"""EutilsEmulator: a real HTTP server on 127.0.0.1 that answers like NCBI E-utilities.

Each emulator owns its corpus copy, history, rate limiter, fault plan and request log;
nothing is shared between instances except the read-only parsed sample corpus.
"""

from __future__ import annotations

import functools
import json
import socket
import threading
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from tests.emulator import handlers
from tests.emulator import responses as r
from tests.emulator.corpus import Corpus, load_samples
from tests.emulator.faults import Fault, FaultPlan, truncate_mid_record
from tests.emulator.handlers import HTML, JSON, Response
from tests.emulator.history import History
from tests.emulator.query import parse
from tests.emulator.ratelimit import RateLimiter
from tests.emulator.search import (
    Evaluator,
    date_limit_term,
    known_phrases_of,
    known_words_of,
    order,
)
from tests.emulator.vocabulary import outline_vocabulary

BASE_PATH = "/entrez/eutils/"


@functools.cache
def base_corpus() -> Corpus:
    """The samples parsed once per process; emulators only ever use copies of it."""
    return load_samples()


@dataclass
class RequestRecord:
    endpoint: str
    method: str
    params: dict[str, str]
    timestamp: float
    status: int | None = None
    fault: str | None = None
    client: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        shown = {k: v if len(v) < 80 else v[:77] + "..." for k, v in self.params.items()}
        extra = f" fault={self.fault}" if self.fault else ""
        return f"{self.timestamp:.3f} {self.method} {self.endpoint} {self.status}{extra} {shown}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "eutils-emulator"
    sys_version = ""

    def log_message(self, format, *args):  # silence stderr access log
        pass

    def do_GET(self):
        self._serve("GET")

    def do_POST(self):
        self._serve("POST")

    def _params(self, method: str) -> dict[str, str]:
        pairs = parse_qsl(urlsplit(self.path).query, keep_blank_values=True)
        if method == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            pairs += parse_qsl(body, keep_blank_values=True)
        params: dict[str, str] = {}
        for name, value in pairs:
            if name == "id" and params.get("id"):
                params["id"] += "," + value
            else:
                params[name] = value
        return params

    def _serve(self, method: str) -> None:
        emu: EutilsEmulator = self.server.emulator  # type: ignore[attr-defined]
        endpoint = urlsplit(self.path).path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".fcgi")
        params = self._params(method)
        record = RequestRecord(endpoint, method, params, time.time(), client=self.client_address[0])
        record.headers = {k.lower(): v for k, v in self.headers.items()}
        emu._log(record)
        if endpoint not in handlers.ENDPOINTS:
            self._send(record, Response(404, b"Not Found\n", "text/plain"), None)
            return
        api_key = params.get("api_key") or self.headers.get("api-key")
        if api_key and api_key in emu.rejected_api_keys:
            # NCBI answers a revoked or mistyped key with HTTP 400 and a JSON body that
            # names the key it refused (public reports; shape as in the 429 body).
            body = json.dumps(
                {
                    "error": "API key invalid",
                    "api-key": api_key,
                    "type": "invalid",
                    "status": "unknown",
                }
            ).encode()
            self._send(record, Response(400, body, JSON), None)
            return
        verdict = emu.rate.check(api_key, self.client_address[0])
        headers = {
            "X-RateLimit-Limit": str(verdict.limit),
            "X-RateLimit-Remaining": str(verdict.remaining),
        }
        if not emu.gate.is_set():  # hold(): the test decides when this request goes on
            emu.held.set()
            emu.gate.wait()
        if emu.latency:
            time.sleep(emu.latency)
        if not verdict.allowed:
            body = r.rate_limit_body(verdict.who, verdict.count, verdict.limit)
            self._send(record, Response(429, body, JSON, headers), None)
            return
        fault = emu.faults.match(endpoint, emu._count(endpoint))
        record.fault = fault.kind if fault else None
        if fault is not None and fault.kind == "drop":
            record.status = 0
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.delay)
        response = self._fault_response(emu, endpoint, params, fault, verdict)
        if response is None:
            try:
                if endpoint == "efetch":
                    missing = fault.missing if fault and fault.kind == "missing_records" else 0
                    response = handlers.efetch(emu, params, missing=missing)
                else:
                    response = handlers.ENDPOINTS[endpoint](emu, params)
            except Exception:  # a bug in the emulator: say so loudly, in the log and the body
                text = traceback.format_exc()
                emu.internal_errors.append(text)
                response = Response(500, text.encode(), "text/plain; charset=UTF-8")
        response.headers.update(headers)
        if fault is not None and fault.kind == "truncate":
            response.body = truncate_mid_record(response.body)
        self._send(record, response, fault)

    def _fault_response(self, emu, endpoint, params, fault: Fault | None, verdict):
        if fault is None:
            return None
        kind = fault.kind
        if kind in ("http_500", "http_502", "http_503"):
            return Response(int(kind[-3:]), r.www_error_page(int(kind[-3:])), HTML)
        if kind == "http_429":
            body = r.rate_limit_body(verdict.who, verdict.limit + 1, verdict.limit)
            return Response(429, body, JSON)
        if kind == "error_200":
            root_endpoint = endpoint if endpoint in r.ROOTS else "esearch"
            return Response(200, r.xml_error(root_endpoint, fault.message))
        if kind == "empty_body":
            return Response(200, b"")
        return None

    def _send(self, record: RequestRecord, response: Response, fault: Fault | None) -> None:
        record.status = response.status
        body = response.body
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in response.headers.items():
                self.send_header(name, value)
            if fault is not None and fault.kind == "truncate_connection":
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        """A client that went away mid-request (a killed fetch) is not the emulator's error:
        no 20-line traceback for it; anything else is still printed."""
        import sys

        if isinstance(sys.exc_info()[1], ConnectionResetError | BrokenPipeError):
            return
        super().handle_error(request, client_address)


class EutilsEmulator:
    """NCBI E-utilities for PubMed on 127.0.0.1, over real sample records.

    Control API for tests: add_record, clone_records, modify_record, remove_record,
    add_fault / clear_faults, latency, hold / release, rate-limit settings, the request log
    `requests`.
    """

    def __init__(
        self,
        corpus: Corpus | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        latency: float = 0.0,
        rate_limit_enabled: bool = True,
        limit_without_key: int = 3,
        limit_with_key: int = 10,
        seed: int = 0,
        known_terms: Iterable[str] = (),
        outline_vocabulary_known: bool = True,
        today: date | None = None,
    ) -> None:
        self.corpus = corpus if corpus is not None else base_corpus().copy()
        self.host = host
        self.port = port
        self.latency = latency
        self.rate = RateLimiter(limit_without_key, limit_with_key)
        self.rate.enabled = rate_limit_enabled
        self.faults = FaultPlan(seed)
        #: API keys answered with NCBI's HTTP 400 "API key invalid".
        self.rejected_api_keys: set[str] = set()
        self.history = History()
        self.known_words: set[str] = set()
        self.known_phrases: set[str] = set()
        if outline_vocabulary_known:
            words, phrases = outline_vocabulary()
            self.known_words |= words
            self.known_phrases |= phrases
        self.add_known_terms(*known_terms)
        self.requests: list[RequestRecord] = []
        self.internal_errors: list[str] = []
        #: hold() / release(): requests wait at the gate; `held` is set once one does.
        self.gate = threading.Event()
        self.gate.set()
        self.held = threading.Event()
        self._today = today
        self._counts: dict[str, int] = {}
        self._log_lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> EutilsEmulator:
        if self._server is not None:
            return self
        self._server = _Server((self.host, self.port), _Handler)
        self._server.emulator = self  # type: ignore[attr-defined]
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"eutils-emulator-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def hold(self) -> None:
        """Make every request wait until release(); `held` tells when the first one came
        (a test synchronises on it instead of sleeping)."""
        self.held.clear()
        self.gate.clear()

    def release(self) -> None:
        self.gate.set()

    def stop(self) -> None:
        self.release()
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> EutilsEmulator:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """Base URL ending in '/', like https://eutils.ncbi.nlm.nih.gov/entrez/eutils/."""
        return f"http://{self.host}:{self.port}{BASE_PATH}"

    def today(self) -> date:
        return self._today or date.today()

    # -- rate limit -------------------------------------------------------------------------
    @property
    def rate_limit_enabled(self) -> bool:
        return self.rate.enabled

    @rate_limit_enabled.setter
    def rate_limit_enabled(self, value: bool) -> None:
        self.rate.enabled = value

    @property
    def limit_without_key(self) -> int:
        return self.rate.limit_without_key

    @limit_without_key.setter
    def limit_without_key(self, value: int) -> None:
        self.rate.limit_without_key = value

    @property
    def limit_with_key(self) -> int:
        return self.rate.limit_with_key

    @limit_with_key.setter
    def limit_with_key(self, value: int) -> None:
        self.rate.limit_with_key = value

    # -- faults -----------------------------------------------------------------------------
    def add_fault(
        self,
        kind: str,
        endpoint: str | None = None,
        *,
        nth: int | None = None,
        times: int | None = 1,
        probability: float | None = None,
        **options,
    ) -> Fault:
        """Queue a fault; see faults.KINDS. Options: delay (slow), message (error_200),
        missing (missing_records)."""
        return self.faults.add(Fault(kind, endpoint, nth, times, probability, **options))

    def clear_faults(self) -> None:
        self.faults.clear()

    # -- corpus control ---------------------------------------------------------------------
    def add_record(self, record, pmid: int | None = None, mdat=None, edat=None) -> int:
        return self.corpus.add_record(record, pmid=pmid, mdat=mdat, edat=edat)

    def remove_record(self, pmid: int) -> None:
        self.corpus.remove_record(pmid)

    def modify_record(
        self, pmid: int, add_mesh=(), add_publication_types=(), mdat: date | None = None
    ) -> None:
        self.corpus.modify_record(pmid, add_mesh, add_publication_types, mdat=mdat or self.today())

    def clone_records(
        self,
        n: int,
        query: str | None = None,
        start_pmid: int | None = None,
        edat: date | None = None,
    ) -> list[int]:
        """n copies of the records matching `query` (all records when None) under new PMIDs
        start_pmid, start_pmid+1, … (default: just above the highest PMID held)."""
        sources = sorted(self.search_ids(query)) if query else sorted(self.corpus.pmids())
        if start_pmid is None:
            start_pmid = max(self.corpus.pmids()) + 1
        return self.corpus.clone_records(sources, n, start_pmid, edat=edat)

    def add_known_terms(self, *terms: str) -> None:
        """Query terms that exist in 'PubMed' even if no sample record has them: their words
        never give PhraseNotFound, their quoted phrases never QuotedPhraseNotFound."""
        self.known_words |= known_words_of(terms)
        self.known_phrases |= known_phrases_of(terms)

    def search_ids(
        self,
        term: str,
        *,
        datetype: str | None = None,
        mindate: str | None = None,
        maxdate: str | None = None,
        reldate: str | int | None = None,
    ) -> list[int]:
        """Every PMID the query matches, in esearch order, without the 9,999 cap: the
        expected answer for tests of complete retrieval."""
        limit = date_limit_term(
            datetype, mindate, maxdate, None if reldate is None else str(reldate), self.today()
        )
        outcome = Evaluator(
            self.corpus,
            known_words=self.known_words,
            known_phrases=self.known_phrases,
            today=self.today(),
        ).run(parse(term), extra=limit)
        return order(self.corpus, outcome.pmids)

    # -- request log ------------------------------------------------------------------------
    def _log(self, record: RequestRecord) -> None:
        with self._log_lock:
            self.requests.append(record)

    def _count(self, endpoint: str) -> int:
        with self._log_lock:
            self._counts[endpoint] = self._counts.get(endpoint, 0) + 1
            return self._counts[endpoint]

    def requests_to(self, endpoint: str) -> list[RequestRecord]:
        endpoint = endpoint.removesuffix(".fcgi")
        with self._log_lock:
            return [rec for rec in self.requests if rec.endpoint == endpoint]

    def clear_log(self) -> None:
        with self._log_lock:
            self.requests.clear()

    def format_log(self, last: int = 50) -> str:
        """The request log for a failing test's report (api_key and email masked)."""
        with self._log_lock:
            records = self.requests[-last:]
        lines = []
        for rec in records:
            masked = {
                k: ("***" if k in ("api_key", "email") and v else v) for k, v in rec.params.items()
            }
            lines.append(RequestRecord(**{**rec.__dict__, "params": masked}).describe())
        return "\n".join(lines)
