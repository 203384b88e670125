"""Is the E-utilities host there at all? Connection-level failures, told apart from HTTP ones.

A refused connection, an unresolved name or a connect timeout is not NCBI having a bad
minute: it is the same for every claim. The client retries each one like any transient
failure, but `Outage` counts them across calls, and after UNREACHABLE_AFTER in a row (or
UNREACHABLE_SECONDS of nothing but such failures) the client stops asking, so a nightly
fetch against a dead host ends in about a minute instead of retrying every claim. Any HTTP
answer, whatever its status, ends the streak: a live host keeps its retries.

`probe` is `littrack up`'s one cheap look before it decides to fetch.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

import requests

#: Connection-level failures in a row (across requests and claims) that end a run.
UNREACHABLE_AFTER = 8
#: ... or this long with nothing but connection-level failures (slow DNS, black holes).
UNREACHABLE_SECONDS = 45.0
#: Seconds to wait for a TCP connection (reads keep the client's longer timeout).
CONNECT_TIMEOUT = 10.0
#: `probe`'s timeout.
PROBE_TIMEOUT = 8.0


def host_of(base_url: str) -> str:
    return urlsplit(base_url).netloc or base_url


def why_unreachable(exc: requests.RequestException, timeout: float) -> str | None:
    """A short reason when `exc` means no HTTP answer came at all, else None."""
    if isinstance(exc, requests.Timeout) and not isinstance(exc, requests.ReadTimeout):
        return f"no connection within {timeout:g} s"
    if isinstance(exc, requests.ReadTimeout):
        return None
    if isinstance(exc, requests.ConnectionError):
        reason = str(exc.args[0]) if exc.args else ""
        lowered = reason.lower()
        if "name or service not known" in lowered or "resolve" in lowered:
            return "name not resolved"
        return "connection refused" if "refused" in lowered else "connection failed"
    return None


class Outage:
    """Consecutive connection-level failures, across every call of one client."""

    def __init__(
        self, after: int = UNREACHABLE_AFTER, seconds: float = UNREACHABLE_SECONDS
    ) -> None:
        self.after = max(1, after)
        self.seconds = seconds
        self.count = 0
        self.since: float | None = None
        self.reason = ""
        #: Set once the host is judged unreachable; the client then sends nothing more.
        self.verdict: str | None = None

    def answered(self) -> None:
        """Any HTTP answer: the host is there."""
        self.count, self.since = 0, None

    def failed(self, reason: str) -> bool:
        """Count one failure; True when the host is now judged unreachable."""
        now = time.monotonic()
        if self.since is None:
            self.since = now
        self.count += 1
        self.reason = reason
        long_enough = self.count >= 2 and now - self.since >= self.seconds
        if self.count >= self.after or long_enough:
            self.verdict = f"{reason}, {self.count} tries in a row"
        return self.verdict is not None


def probe(base_url: str, timeout: float = PROBE_TIMEOUT) -> str | None:
    """None when the E-utilities host answers at all (any HTTP status), else why not."""
    try:
        requests.get(base_url, timeout=timeout, allow_redirects=False)
    except requests.ReadTimeout:
        return f"no answer within {timeout:g} s"
    except requests.RequestException as exc:
        return why_unreachable(exc, timeout) or type(exc).__name__
    return None
