"""Work that a whole pytest run needs once, shared by the pytest-xdist workers.

Each worker is its own process with its own session fixtures, so a session fixture that
takes seconds to build (the parsed sample corpus, a store two fetch nights filled) would be
built once per worker. Here the first worker that asks builds it in the run's shared
temporary folder, under a file lock the others wait on, and every worker reads the pickle
it left. Without xdist (one process) the value is simply built.
"""

from __future__ import annotations

import fcntl
import gc
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

T = TypeVar("T")


def once_per_run(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    build: Callable[[Path], T],
) -> T:
    """`build(folder)`'s value, built by the first worker to ask; `folder` is where it may
    write files the value refers to (shared by all workers, so theirs to read only)."""
    if not hasattr(request.config, "workerinput"):
        return build(tmp_path_factory.mktemp(name))
    # xdist gives each worker its own basetemp inside the run's folder: share via the parent.
    shared = tmp_path_factory.getbasetemp().parent / name
    shared.mkdir(exist_ok=True)
    done = shared / "value.pickle"
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held by the building worker until it has written
        if not done.exists():
            value = build(shared)
            partial = done.with_suffix(".partial")
            partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(done)
            return value
        return _unpickle(done.read_bytes())


def _unpickle(data: bytes):
    """pickle.loads without the cyclic garbage collector, which otherwise walks the
    young containers again and again while the corpus's hundreds of thousands of sets and
    dicts are made (1.8 s instead of 0.4 s for the sample corpus)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()
