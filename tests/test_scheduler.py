"""`littrack scheduler`: the APScheduler job runs one fetch at a time, at the right times."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from apscheduler.events import EVENT_JOB_MAX_INSTANCES
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from fetchers.ops.schedule.foreground import add_fetch_job, daily_trigger, fetch_subprocess_job
from fetchers.ops.schedule.when import DailyTime
from tests.support.ops_helpers import isolate_ops_env


@pytest.fixture(autouse=True)
def home(monkeypatch, tmp_path):
    return isolate_ops_env(monkeypatch, tmp_path)


def test_a_run_longer_than_the_interval_never_overlaps_the_next():
    """Starts every 0.2 s, each run takes 0.7 s: later starts are skipped, never stacked."""
    lock = threading.Lock()
    state = {"active": 0, "max_active": 0, "runs": 0, "skipped": 0}
    finished = threading.Event()

    def slow_fetch():
        with lock:
            state["active"] += 1
            state["max_active"] = max(state["max_active"], state["active"])
        time.sleep(0.7)
        with lock:
            state["active"] -= 1
            state["runs"] += 1
            if state["runs"] >= 3:
                finished.set()

    def on_skip(_event):
        with lock:
            state["skipped"] += 1

    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.add_listener(on_skip, EVENT_JOB_MAX_INSTANCES)
    add_fetch_job(scheduler, slow_fetch, IntervalTrigger(seconds=0.2, timezone=UTC))
    scheduler.start()
    try:
        assert finished.wait(20), state
    finally:
        scheduler.shutdown(wait=True)
    assert state["max_active"] == 1
    assert state["skipped"] >= 1
    assert state["runs"] >= 3


def test_run_now_starts_at_once_then_follows_the_trigger():
    ran = threading.Event()
    scheduler = BackgroundScheduler(timezone=UTC)
    when = DailyTime(3, 7, "UTC")
    add_fetch_job(scheduler, ran.set, daily_trigger(when), run_now=True)
    scheduler.start()
    try:
        assert ran.wait(10)
        job = scheduler.get_job("littrack-fetch")
        assert job.max_instances == 1 and job.coalesce
        assert job.next_run_time == when.next_run()
    finally:
        scheduler.shutdown(wait=True)


@pytest.mark.parametrize("zone_name", ["America/New_York", "Europe/Berlin", "Australia/Sydney"])
@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 3, 8, 5, 0, tzinfo=UTC),  # US spring-forward night
        datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # EU spring-forward night
        datetime(2026, 10, 31, 22, 0, tzinfo=UTC),
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC),  # US fall-back night
        datetime(2026, 4, 4, 15, 0, tzinfo=UTC),  # Sydney's DST ends next night
    ],
)
def test_apscheduler_and_show_agree_on_the_next_run(zone_name, now):
    """APScheduler's CronTrigger and DailyTime.next_run (used by `schedule show` and `status`)
    are separate implementations; across DST changes they must name the same instant."""
    for hour, minute in [(23, 17), (1, 45), (4, 59)]:
        when = DailyTime(hour, minute, zone_name)
        fire = daily_trigger(when).get_next_fire_time(None, now.astimezone(ZoneInfo(zone_name)))
        ours = when.next_run(now)
        assert fire == ours, (when, now, fire, ours)
        assert timedelta(0) < ours - now <= timedelta(hours=25)


def test_subprocess_job_reports_exit_code(tmp_path):
    said = []
    job = fetch_subprocess_job(
        ["sh", "-c", f"echo ran > {tmp_path / 'out'}; exit 3"], {"PATH": "/bin"}, said.append
    )
    assert job() == 3
    assert (tmp_path / "out").read_text() == "ran\n"
    assert said[-1] == "scheduler: fetch finished exit=3"
