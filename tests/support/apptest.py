"""AppTest as a browser drives the overview: Streamlit's AppTest runs a script once per
`run()`, while a browser that has drawn the overview's first screen also sends the loader's
timed rerun, which draws the whole page (dashboard/parts/first_screen.py). The conftest
fixture `_first_screen_timer` puts `run_like_a_browser` in place of ElementTree.run for the
tests that use AppTest (`ElementTree.run.__wrapped__` is Streamlit's own run, for
tests/test_first_screen.py, which checks the first run alone)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from dashboard.parts.first_screen import LOADING


def loader_shown(at) -> bool:
    """True when the run ended on the overview's first screen, waiting for the rest."""
    return any(caption.value == LOADING for caption in at.caption)


def following_the_loader(run: Callable) -> Callable:
    """ElementTree.run, followed by the loader's rerun when the run ended on the loader."""

    @functools.wraps(run)
    def run_like_a_browser(self, *, timeout: float | None = None):
        at = run(self, timeout=timeout)
        if loader_shown(at):
            at = run(at._tree, timeout=timeout)
        return at

    return run_like_a_browser
