"""NCBI's rate limit: requests per second per API key, or per client IP without one.

A sliding one-second window that counts every request, refused ones included, which is
why NCBI's 429 bodies report counts above the limit ("count":"5","limit":"3").
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass


@dataclass
class Verdict:
    allowed: bool
    who: str
    count: int
    limit: int

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.count)


class RateLimiter:
    def __init__(self, without_key: int = 3, with_key: int = 10, window: float = 1.0) -> None:
        self.enabled = True
        self.limit_without_key = without_key
        self.limit_with_key = with_key
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, api_key: str | None, client_ip: str) -> Verdict:
        who = api_key or client_ip
        limit = self.limit_with_key if api_key else self.limit_without_key
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(who, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            hits.append(now)
            count = len(hits)
        allowed = not self.enabled or count <= limit
        return Verdict(allowed, who, count, limit)

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()
