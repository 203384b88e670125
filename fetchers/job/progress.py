"""The fetch's progress bars (tqdm), drawn only when `littrack fetch` runs on a terminal.

tqdm is imported only when a bar is drawn, so a cron run never loads it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tqdm import tqdm


def open_bar(progress: bool, total: int, desc: str) -> tqdm | None:
    if not progress or total == 0:
        return None
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit="claim" if desc == "search" else "batch", leave=False)


def advance_bar(bar: tqdm | None) -> None:
    if bar is not None:
        bar.update(1)


def close_bar(bar: tqdm | None) -> None:
    if bar is not None:
        bar.close()
