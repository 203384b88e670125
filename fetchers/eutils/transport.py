"""One HTTP exchange with E-utilities, bounded in time and size.

The per-read timeout alone lets a server that drips one byte a second hold a fetch forever,
in the body or before it (a status line, then an endless header). So a watchdog thread
shuts the request's socket down at the deadline, from outside the blocking call, whatever
phase the exchange is in (connect, headers, body); the read then fails at once and the
request is retried like any transient fault.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from fetchers.eutils.answers import RetryAnswer, TooLarge
from store.errors import EutilsError

#: Longest a whole request may take, first byte to last.
REQUEST_DEADLINE = 300.0
#: Largest answer read, after decompression (500 records are ~5 MB; a gzip bomb is not).
MAX_BODY_BYTES = 128 * 1024 * 1024


class SocketWatch:
    """The sockets a session opened, so that a watchdog can cut them."""

    def __init__(self) -> None:
        self.sockets: set[socket.socket] = set()
        self.lock = threading.Lock()

    def add(self, sock: socket.socket | None) -> None:
        if sock is not None:
            with self.lock:
                self.sockets = {s for s in self.sockets if s.fileno() != -1}
                self.sockets.add(sock)

    def cut(self) -> None:
        with self.lock:
            live = list(self.sockets)
        for sock in live:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    @contextmanager
    def deadline(self, seconds: float) -> Iterator[threading.Event]:
        """Cut every socket after `seconds`; the event says whether that happened."""
        fired = threading.Event()

        def fire() -> None:
            fired.set()
            self.cut()

        timer = threading.Timer(max(0.0, seconds), fire)
        timer.daemon = True
        timer.start()
        try:
            yield fired
        finally:
            timer.cancel()


def watched_session(watch: SocketWatch, user_agent: str) -> requests.Session:
    """A requests session whose connections register their sockets with `watch`."""

    def tracked(base: type) -> type:
        class Tracked(base):  # type: ignore[misc, valid-type]
            def connect(self) -> None:
                super().connect()
                watch.add(getattr(self, "sock", None))

        return Tracked

    class Pool(HTTPConnectionPool):
        ConnectionCls = tracked(HTTPConnection)

    class SecurePool(HTTPSConnectionPool):
        ConnectionCls = tracked(HTTPSConnection)

    class Adapter(HTTPAdapter):
        def init_poolmanager(self, *args: object, **kwargs: object) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": Pool, "https": SecurePool}

    session = requests.Session()
    session.mount("http://", Adapter())
    session.mount("https://", Adapter())
    session.headers["User-Agent"] = user_agent
    return session


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


def read_body(response: requests.Response, deadline: float) -> bytes:
    """The decompressed body, or RetryAnswer past the deadline, or TooLarge past the cap.

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
                raise TooLarge
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise RetryAnswer(f"no complete answer within {REQUEST_DEADLINE:g} s")
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        raise RetryAnswer(type(exc).__name__) from None
    return b"".join(chunks)
