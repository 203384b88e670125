"""The history server: WebEnv sessions holding numbered result sets (query keys).

A WebEnv looks like NCBI's current ones (MCID_ + 24 hex digits). Sessions never expire
here; tests that need an expired WebEnv call `expire()`.
"""

from __future__ import annotations

import secrets
import threading


class History:
    def __init__(self) -> None:
        self._sessions: dict[str, list[list[int]]] = {}
        self._lock = threading.Lock()

    def store(self, pmids: list[int], webenv: str | None = None) -> tuple[str, int]:
        """Keep an ordered id list; returns (WebEnv, query_key). Unknown WebEnv → new one."""
        with self._lock:
            if not webenv or webenv not in self._sessions:
                webenv = "MCID_" + secrets.token_hex(12)
                self._sessions[webenv] = []
            self._sessions[webenv].append(list(pmids))
            return webenv, len(self._sessions[webenv])

    def get(self, webenv: str | None, query_key: int | str | None) -> list[int] | None:
        try:
            key = int(str(query_key))
        except (TypeError, ValueError):
            return None
        with self._lock:
            entries = self._sessions.get(webenv or "")
            if entries is None or not 1 <= key <= len(entries):
                return None
            return entries[key - 1]

    def expire(self, webenv: str | None = None) -> None:
        """Forget one WebEnv (or all), as NCBI does after some hours."""
        with self._lock:
            if webenv is None:
                self._sessions.clear()
            else:
                self._sessions.pop(webenv, None)
