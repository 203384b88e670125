"""A dashboard process for the browser tests: started, waited for, always stopped."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(argv: Sequence[str], port: int, log: Path, env: dict[str, str]) -> Iterator[str]:
    """Run `argv` (a Streamlit server on `port`), yield its base URL once /_stcore/health
    answers, and stop it afterwards; a server that never answers fails the test with its
    log."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            list(argv), cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(160):
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=1) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail(f"{argv[2:4]} did not start:\n" + log.read_text(errors="replace"))
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
