"""RateLimiter spacing, with a fake clock (no sleeping, no timing assertions)."""

from __future__ import annotations

import threading

import pytest

from fetchers.eutils.client import EutilsClient
from fetchers.eutils.rate_limit import RateLimiter, shared_limiter
from fetchers.settings import EutilsSettings


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.now += seconds


def _max_in_window(times: list[float], window: float = 1.0) -> int:
    times = sorted(times)
    best = 0
    for i, start in enumerate(times):
        best = max(best, sum(1 for t in times[i:] if t < start + window))
    return best


@pytest.mark.parametrize("rate", [3.0, 10.0])
def test_sends_never_exceed_rate_in_any_second(rate):
    clock = FakeClock()
    limiter = RateLimiter(rate, clock=clock, sleep=clock.sleep)
    sent = []
    for _ in range(50):
        limiter.wait()
        sent.append(clock.now)
    assert _max_in_window(sent) <= rate
    gaps = [b - a for a, b in zip(sent, sent[1:], strict=False)]
    assert min(gaps) >= 1 / rate


def test_first_call_does_not_wait_and_idle_time_is_not_banked():
    clock = FakeClock()
    limiter = RateLimiter(3, clock=clock, sleep=clock.sleep)
    assert limiter.wait() == 0
    clock.now += 60  # a long pause must not allow a burst afterwards
    sent = []
    for _ in range(6):
        limiter.wait()
        sent.append(clock.now)
    assert _max_in_window(sent) <= 3


def test_rejects_non_positive_rate():
    with pytest.raises(ValueError):
        RateLimiter(0)


def test_one_limiter_per_rate_for_the_whole_process():
    with_key = EutilsClient(EutilsSettings(base_url="http://127.0.0.1:9/", api_key="k"))
    other_with_key = EutilsClient(EutilsSettings(base_url="http://127.0.0.1:9/", api_key="k2"))
    without = EutilsClient(EutilsSettings(base_url="http://127.0.0.1:9/"))
    assert with_key.limiter is other_with_key.limiter is shared_limiter(10.0)
    assert without.limiter is shared_limiter(3.0)
    assert with_key.limiter is not without.limiter
    assert EutilsClient(EutilsSettings(), rate=50).limiter.rate == 50
