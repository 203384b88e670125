"""The order the test workers take modules in (tests/conftest.py) names real modules: a
renamed or deleted module left in SLOWEST_MODULES would silently fall to the end of the run."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SLOWEST_MODULES

TESTS = Path(__file__).resolve().parent


def test_every_module_in_the_start_order_exists_once():
    missing = [name for name in SLOWEST_MODULES if not (TESTS / name).is_file()]
    assert missing == []
    assert len(set(SLOWEST_MODULES)) == len(SLOWEST_MODULES)


def test_only_one_of_the_first_four_modules_reads_the_fetched_store():
    """Only one of the modules the first workers take waits for the emulator-fetched store
    (the others would sit on its lock while one worker fills it)."""
    readers = [
        name
        for name in SLOWEST_MODULES[:4]
        if "fetched_db_url" in (TESTS / name).read_text(encoding="utf-8")
    ]
    assert readers == ["test_dashboard_browser.py"]
