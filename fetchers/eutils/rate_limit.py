"""Request spacing for NCBI: at most 3 requests/s without an API key, 10 with one.

NCBI counts every E-utility together per IP (or per key), so the limit belongs to the
process, not to a client object: `shared_limiter(rate)` hands every caller with the same
rate the same limiter. Spacing (one slot every `margin / rate` seconds) rather than a
token bucket keeps bursts out entirely; the 10 % margin absorbs network jitter, since NCBI
counts arrivals, not departures (EDirect and Biopython pace at 0.35-0.37 s for 3/s).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

#: Spacing is this much wider than 1/rate.
SPACING_MARGIN = 1.1


class RateLimiter:
    """Hands out send times at least `interval` seconds apart; thread-safe."""

    def __init__(
        self,
        rate: float,
        *,
        margin: float = SPACING_MARGIN,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        self.rate = rate
        self.interval = margin / rate
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot = 0.0

    def wait(self) -> float:
        """Block until this caller's slot; returns how long it waited."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_slot)
            self._next_slot = slot + self.interval
        delay = slot - now
        if delay > 0:
            self._sleep(delay)
        return delay


_registry: dict[float, RateLimiter] = {}
_registry_lock = threading.Lock()


def shared_limiter(rate: float) -> RateLimiter:
    """The one limiter of this process for `rate` requests per second."""
    with _registry_lock:
        limiter = _registry.get(rate)
        if limiter is None:
            limiter = _registry[rate] = RateLimiter(rate)
        return limiter
