"""The fetch lock's heartbeat, and the run's deadline, kept by a background thread.

A run holds the fetch lock for hours on a large night; the thread keeps it fresh between
the main thread's steps (which may wait minutes on one slow E-utilities call) and releases
it itself at the deadline, so a hung run never blocks the next night.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy.engine import Engine

from store.db.lock import FetchLock, heartbeat, release_lock
from store.errors import FetchLockLostError

#: Seconds between lock heartbeats.
HEARTBEAT_EVERY = 30.0


class Beat:
    """Keeps the fetch lock's heartbeat fresh, stops the run if the lock was lost, and
    ends the run at its deadline.

    A background thread beats every HEARTBEAT_EVERY seconds, so one slow E-utilities call
    (retries and backoff can take many minutes) never lets the lock look stale; calling the
    object between steps raises FetchLockLostError once another fetch has taken the lock
    over. Past `deadline` seconds the thread releases the lock itself, so even a run stuck
    in a call cannot block the next night; the run's next write then finds the lock gone.
    """

    def __init__(self, engine: Engine, lock: FetchLock, run_id: int, deadline: float) -> None:
        self.engine, self.lock = engine, lock
        self.deadline_at = time.monotonic() + deadline
        self.lost = not heartbeat(engine, lock, run_id=run_id)
        self.expired = False
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._beat_forever, name="littrack-lock", daemon=True
        )
        self._thread.start()

    def _beat_forever(self) -> None:
        while not self._stop.wait(min(HEARTBEAT_EVERY, max(0.0, self._left()))):
            if self._left() <= 0:
                self.expired = True
                try:
                    release_lock(self.engine, self.lock)
                except Exception:  # no heartbeat either: stale in 10 min
                    pass
                return
            try:
                if not heartbeat(self.engine, self.lock):
                    self.lost = True
                    return
            except Exception:  # a missed beat is retried; staleness takes 10 min
                continue

    def _left(self) -> float:
        return self.deadline_at - time.monotonic()

    def __call__(self) -> None:
        if self.expired or self._left() <= 0:
            raise FetchLockLostError(
                "the run passed its deadline; it stops and releases the lock "
                "(the next run carries on)"
            )
        if self.lost:
            raise FetchLockLostError(
                "another fetch took over this run's lock (it judged this run dead); "
                "this run stops, the other one carries on"
            )

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
