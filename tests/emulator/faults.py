"""Faults on demand: the ways NCBI fails in the wild, injected per endpoint and request.

A fault fires on the next matching request(s) (default), on the nth request to its
endpoint (`nth`, counted from the emulator's start, 1-based), or at random with a seeded
`probability`. `times` bounds how often it fires (None = no bound).
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass

KINDS = (
    "http_500",  # HTML "WWW Error 500" page
    "http_502",
    "http_503",
    "http_429",  # rate-limit JSON body, whatever the real rate
    "truncate",  # body cut in the middle of a record (Content-Length matches the cut body)
    "truncate_connection",  # full Content-Length announced, connection closed mid-body
    "drop",  # connection closed without any answer
    "slow",  # answer after `delay` seconds
    "error_200",  # HTTP 200 with <ERROR>message</ERROR>
    "missing_records",  # efetch answer leaves out `missing` of the requested records
    "empty_body",  # HTTP 200, zero bytes
)

BACKEND_DOWN = "Search Backend failed: Database is not supported: pubmed"


@dataclass
class Fault:
    kind: str
    endpoint: str | None = None  # "esearch", "efetch", "esummary", "epost", "einfo"; None = any
    nth: int | None = None
    times: int | None = 1
    probability: float | None = None
    delay: float = 5.0  # slow
    message: str = BACKEND_DOWN  # error_200
    missing: int = 1  # missing_records
    fired: int = 0

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; one of {', '.join(KINDS)}")
        if self.endpoint is not None:
            self.endpoint = self.endpoint.removesuffix(".fcgi")

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.fired >= self.times


class FaultPlan:
    def __init__(self, seed: int = 0) -> None:
        self.faults: list[Fault] = []
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self.faults.append(fault)
        return fault

    def seed(self, seed: int) -> None:
        with self._lock:
            self._rng.seed(seed)

    def clear(self) -> None:
        with self._lock:
            self.faults.clear()

    def match(self, endpoint: str, request_number: int) -> Fault | None:
        """The fault to apply to this request (request_number counts per endpoint)."""
        with self._lock:
            for fault in self.faults:
                if fault.exhausted or fault.endpoint not in (None, endpoint):
                    continue
                if fault.nth is not None:
                    last = fault.nth + (fault.times or 1) - 1
                    if not fault.nth <= request_number <= last:
                        continue
                elif fault.probability is not None:
                    if self._rng.random() >= fault.probability:
                        continue
                fault.fired += 1
                return fault
        return None

    def pending(self) -> list[Fault]:
        with self._lock:
            return [f for f in self.faults if not f.exhausted]


def truncate_mid_record(body: bytes) -> bytes:
    """Cut inside the last record (or halfway when there is none): no closing tags."""
    start = max(body.rfind(b"<PubmedArticle>"), body.rfind(b"<PubmedBookArticle>"))
    if start < 0:
        return body[: max(1, len(body) // 2)]
    end = body.find(b"</Pubmed", start + 20)
    end = end if end > start else len(body)
    return body[: start + max(1, (end - start) // 2)]
