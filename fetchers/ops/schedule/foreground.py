"""`littrack scheduler`: the nightly fetch for servers and containers without cron.

An APScheduler process in the foreground runs the same command the cron entry runs
(`littrack fetch` in a child process, so a crash or a leak in one night cannot take the
scheduler down) at the same time of day. One run at a time: `max_instances=1` makes
APScheduler skip a start while the previous run still goes, and `coalesce` folds starts
missed while the machine slept into one.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable, Mapping
from datetime import datetime
from types import FrameType

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

from fetchers.ops.schedule.when import DailyTime, zone

JOB_ID = "littrack-fetch"
#: A start delayed by up to this long (a busy or suspended machine) still runs.
MISFIRE_GRACE_SECONDS = 3600


def daily_trigger(when: DailyTime) -> CronTrigger:
    return CronTrigger(hour=when.hour, minute=when.minute, timezone=zone(when.tz))


def add_fetch_job(
    scheduler: BaseScheduler,
    job: Callable[[], object],
    trigger: BaseTrigger,
    *,
    run_now: bool = False,
) -> None:
    """The one place the job's concurrency rules are set (tests use it with a short trigger)."""
    extra = {"next_run_time": datetime.now(trigger.timezone)} if run_now else {}
    scheduler.add_job(
        job,
        trigger,
        id=JOB_ID,
        name="littrack fetch",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=MISFIRE_GRACE_SECONDS,
        replace_existing=True,
        **extra,
    )


def fetch_subprocess_job(
    argv: list[str], env: Mapping[str, str], echo: Callable[[str], None] = print
) -> Callable[[], int]:
    """A job running `argv` (the littrack fetch command) with `env`; its output goes to ours."""

    def run() -> int:
        echo(f"scheduler: starting {' '.join(argv[-2:])}")
        code = subprocess.call(argv, env=dict(env))
        echo(f"scheduler: fetch finished exit={code}")
        return code

    return run


def run_scheduler(
    job: Callable[[], object],
    when: DailyTime,
    *,
    run_now: bool = False,
    echo: Callable[[str], None] = print,
) -> None:
    """Block until SIGINT/SIGTERM, running `job` daily at `when`."""
    scheduler = BlockingScheduler(timezone=zone(when.tz))
    trigger = daily_trigger(when)
    add_fetch_job(scheduler, job, trigger, run_now=run_now)

    def stop(_signum: int, _frame: FrameType | None) -> None:
        echo("scheduler: stopping")
        scheduler.shutdown(wait=False)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        nxt = "now" if run_now else when.next_run().isoformat(timespec="minutes")
        echo(f"scheduler: fetch daily at {when}; next run {nxt}; Ctrl-C to stop")
        sys.stdout.flush()
        scheduler.start()
    finally:
        signal.signal(signal.SIGTERM, previous)
