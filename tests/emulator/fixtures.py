"""pytest fixtures for the E-utilities emulator.

`eutils_emulator` is a fresh server per test (a copy-on-write copy of the corpus parsed
once per session, so it is cheap); `eutils_emulator_session` is one server for a whole
session (do not modify its corpus); `emulator_env` points LITTRACK_EUTILS_URL at a fresh
emulator. When a test fails, its emulator's request log is added to the report.
"""

from __future__ import annotations

import pytest

from tests.emulator.server import EutilsEmulator, base_corpus
from tests.support.once_per_run import once_per_run


@pytest.fixture(scope="session")
def eutils_corpus(request, tmp_path_factory):
    """The parsed sample corpus (read-only: emulators work on copies), parsed once per run
    (five seconds of CPU that each test worker would otherwise spend again)."""
    return once_per_run(request, tmp_path_factory, "sample-corpus", lambda _folder: base_corpus())


def _attach_log(request, emulator: EutilsEmulator) -> None:
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        log = emulator.format_log()
        errors = "\n".join(emulator.internal_errors)
        text = f"E-utilities emulator at {emulator.url}\n{log}"
        if errors:
            text += f"\nemulator internal errors:\n{errors}"
        report.sections.append(("eutils emulator requests", text))


@pytest.fixture
def eutils_emulator(request, eutils_corpus):
    emulator = EutilsEmulator(eutils_corpus.copy()).start()
    yield emulator
    _attach_log(request, emulator)
    emulator.stop()


@pytest.fixture(scope="session")
def eutils_emulator_session(eutils_corpus):
    emulator = EutilsEmulator(eutils_corpus.copy()).start()
    yield emulator
    emulator.stop()


@pytest.fixture
def emulator_env(eutils_emulator, monkeypatch):
    """A fresh emulator with LITTRACK_EUTILS_URL pointing at it; yields the emulator."""
    monkeypatch.setenv("LITTRACK_EUTILS_URL", eutils_emulator.url)
    return eutils_emulator


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item so fixtures can see whether it failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
