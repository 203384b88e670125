"""`littrack schedule install|show|remove` on a temporary crontab file and unit folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from fetchers.cli import cli
from fetchers.ops.schedule.systemd import systemd_time
from fetchers.ops.schedule.when import resolve_time
from tests.support.ops_helpers import ROOT, isolate_ops_env

TAG = "# littrack-nightly-fetch"
EASTERN = ZoneInfo("America/New_York")
ZONES = [
    "UTC",
    "America/New_York",
    "America/Los_Angeles",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Australia/Lord_Howe",
]


@pytest.fixture(autouse=True)
def home(monkeypatch, tmp_path):
    return isolate_ops_env(monkeypatch, tmp_path)


@pytest.fixture
def crontab(tmp_path) -> Path:
    path = tmp_path / "crontab"
    path.write_text(
        "MAILTO=someone@example.org\n"
        "# the user's own job, which littrack must never touch\n"
        "0 3 * * 1 /usr/bin/backup --weekly\n"
    )
    return path


def install(runner, crontab: Path, *args: str):
    result = runner.invoke(
        cli, ["schedule", "install", "--crontab-file", str(crontab), *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result


def tagged_lines(crontab: Path) -> list[str]:
    return [line for line in crontab.read_text().splitlines() if line.endswith(TAG)]


def minute_hour(line: str) -> tuple[int, int]:
    minute, hour = line.split()[:2]
    return int(minute), int(hour)


def in_window(moment: datetime) -> bool:
    eastern = moment.astimezone(EASTERN).time()
    return eastern >= time(21, 0) or eastern <= time(5, 0)


def test_install_twice_leaves_one_updated_entry_and_the_users_lines(runner, crontab):
    install(runner, crontab, "--at", "22:10", "--timezone", "UTC")
    install(runner, crontab, "--at", "01:25", "--timezone", "UTC")
    lines = tagged_lines(crontab)
    assert len(lines) == 1
    assert minute_hour(lines[0]) == (25, 1)
    text = crontab.read_text()
    assert "0 3 * * 1 /usr/bin/backup --weekly" in text
    assert "MAILTO=someone@example.org" in text


def test_entry_runs_littrack_fetch_with_absolute_settings(runner, crontab, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LITTRACK_DB", "rel/lit.sqlite")
    monkeypatch.setenv("LITTRACK_OUTLINE", "outlines/mine.yaml")
    (tmp_path / "outlines").mkdir()
    shutil.copy(
        ROOT / "tests" / "outlines" / "fetch-small.yaml", tmp_path / "outlines" / "mine.yaml"
    )
    monkeypatch.setenv("LITTRACK_EUTILS_URL", "http://127.0.0.1:9/eutils/")
    log = tmp_path / "logs" / "fetch.log"
    install(runner, crontab, "--log", str(log))
    (line,) = tagged_lines(crontab)
    assert f"LITTRACK_DB=sqlite:///{tmp_path / 'rel' / 'lit.sqlite'}" in line
    assert f"LITTRACK_OUTLINE={tmp_path / 'outlines' / 'mine.yaml'}" in line
    assert "LITTRACK_EUTILS_URL=http://127.0.0.1:9/eutils/" in line
    assert f">> {log} 2>&1" in line
    assert log.parent.is_dir()
    executable = re.search(r"exec (\S+)", line).group(1)
    assert Path(executable).is_absolute() and os.access(executable, os.X_OK)
    assert " fetch >>" in line


def test_secrets_go_to_a_private_env_file_never_the_crontab(runner, crontab, home, monkeypatch):
    monkeypatch.setenv("NCBI_API_KEY", "key-0123456789abcdef")
    monkeypatch.setenv("NCBI_EMAIL", "me@example.org")
    monkeypatch.setenv("LITTRACK_DB", "postgresql://lit:pg-s3cret@db.example.org/lit")
    result = install(runner, crontab)
    crontab_text = crontab.read_text()
    for secret in ("key-0123456789abcdef", "me@example.org", "pg-s3cret"):
        assert secret not in crontab_text
        assert secret not in result.output
    env_file = home / ".config" / "littrack" / "env"
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    # The file is what the job sources: check it with sh, as cron would run it.
    shown = subprocess.run(
        ["sh", "-c", f'set -a; . "{env_file}"; echo "$NCBI_API_KEY|$NCBI_EMAIL|$LITTRACK_DB"'],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout.strip()
    # (littrack names the psycopg 3 driver in the URL it stores)
    assert shown == (
        "key-0123456789abcdef|me@example.org|postgresql+psycopg://lit:pg-s3cret@db.example.org/lit"
    )
    # Reinstalling from a shell without the key keeps it in the file.
    monkeypatch.delenv("NCBI_API_KEY")
    install(runner, crontab)
    assert "NCBI_API_KEY=key-0123456789abcdef\n" in env_file.read_text()


def test_entry_as_run_by_sh_sources_env_and_escapes_percent(runner, tmp_path, monkeypatch):
    """Run the installed command through sh the way cron does (after cron turns \\% into %),
    with a stand-in executable in place of littrack that prints its environment."""
    folder = tmp_path / "odd %d folder"
    (folder / "data" / "outlines").mkdir(parents=True)
    shutil.copy(
        ROOT / "data" / "outlines" / "ketamine-analgesia.yaml", folder / "data" / "outlines"
    )
    monkeypatch.chdir(folder)
    monkeypatch.setenv("NCBI_API_KEY", "abc%def")
    crontab = tmp_path / "crontab"
    log = folder / "fetch.log"
    install(runner, crontab, "--log", str(log))
    (line,) = tagged_lines(crontab)
    command = line.split(None, 5)[5].rsplit(TAG, 1)[0]
    assert "\\%d" in command and "%d" not in command.replace("\\%", "")
    command = command.replace("\\%", "%")
    probe = tmp_path / "probe"
    probe.write_text('#!/bin/sh\necho "args=$* cwd=$(pwd) key=$NCBI_API_KEY db=$LITTRACK_DB"\n')
    probe.chmod(0o755)
    exe = re.search(r"exec (\S+)", command).group(1)
    command = command.replace(exe, str(probe).replace(" ", "\\ "), 1)
    subprocess.run(["sh", "-c", command], env={"PATH": "/usr/bin:/bin"}, check=True)
    out = log.read_text()
    assert "args=fetch" in out
    assert f"cwd={folder}" in out
    assert "key=abc%def" in out
    assert "db=sqlite:///" in out


def test_default_minute_is_drawn_once_and_kept(runner, crontab, home):
    install(runner, crontab, "--timezone", "UTC")
    first = minute_hour(tagged_lines(crontab)[0])
    state = json.loads((home / ".config" / "littrack" / "schedule.json").read_text())
    hh, mm = map(int, state["eastern"].split(":"))
    for _ in range(3):
        install(runner, crontab, "--timezone", "UTC")
        assert minute_hour(tagged_lines(crontab)[0]) == first
    # The same instant whatever zone cron runs in: here Tokyo's wall clock.
    install(runner, crontab, "--timezone", "Asia/Tokyo")
    minute, hour = minute_hour(tagged_lines(crontab)[0])
    today = datetime.now(EASTERN).date()
    expected = datetime.combine(today, time(hh, mm), tzinfo=EASTERN).astimezone(
        ZoneInfo("Asia/Tokyo")
    )
    assert (hour, minute) == (expected.hour, expected.minute)


@pytest.mark.parametrize("zone_name", ZONES)
def test_default_time_stays_in_ncbi_offpeak_window_all_year(zone_name, home, monkeypatch):
    """Many independent draws; each converted time, read back as wall-clock time in the
    cron zone on every day of a year (DST both ways), lands between 21:00 and 05:00 ET."""
    start = date.today()
    days = [start + timedelta(days=n) for n in range(0, 366, 3)]
    for draw in range(12):
        monkeypatch.setenv("LITTRACK_CONFIG_DIR", str(home / f"draw{draw}"))
        when = resolve_time(None, zone_name)
        assert when.tz == zone_name
        for day in days:
            local = datetime.combine(day, time(when.hour, when.minute), tzinfo=ZoneInfo(zone_name))
            assert in_window(local), f"{when} on {day} is {local.astimezone(EASTERN)} ET"


def test_at_outside_window_is_installed_with_a_warning(runner, crontab):
    result = install(runner, crontab, "--at", "12:00", "--timezone", "America/New_York")
    assert "outside NCBI's off-peak window" in result.output
    assert minute_hour(tagged_lines(crontab)[0]) == (0, 12)
    result = install(runner, crontab, "--at", "23:30", "--timezone", "America/New_York")
    assert "Warning" not in result.output


@pytest.mark.parametrize(
    "args,message",
    [
        (["--at", "25:00"], "hour must be 0-23"),
        (["--at", "noon"], "expected HH:MM"),
        (["--timezone", "Mars/Olympus"], "unknown time zone"),
    ],
)
def test_bad_time_arguments_are_one_line_errors(runner, crontab, args, message):
    result = runner.invoke(cli, ["schedule", "install", "--crontab-file", str(crontab), *args])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert tagged_lines(crontab) == []


def test_a_bad_time_changes_nothing_already_installed(runner, crontab, tmp_path):
    units = tmp_path / "units"
    install(runner, crontab, "--at", "23:10", "--timezone", "UTC")
    before = crontab.read_text()
    env_file = Path(os.environ["LITTRACK_CONFIG_DIR"]) / "env"
    env_before = env_file.read_bytes() if env_file.exists() else None
    result = runner.invoke(
        cli,
        [
            "schedule",
            "install",
            "--systemd",
            "--unit-dir",
            str(units),
            "--crontab-file",
            str(crontab),
            "--at",
            "25:00",
        ],
    )
    assert result.exit_code == 1 and "hour must be 0-23" in result.output
    assert crontab.read_text() == before  # the cron entry was not removed
    assert not units.exists()
    assert (env_file.read_bytes() if env_file.exists() else None) == env_before


def test_show_prints_entry_and_next_run_then_remove(runner, crontab):
    install(runner, crontab, "--at", "23:47", "--timezone", "Europe/Berlin")
    result = runner.invoke(cli, ["schedule", "show", "--crontab-file", str(crontab)])
    assert result.exit_code == 0
    assert "47 23 * * *" in result.output
    now = datetime.now(ZoneInfo("Europe/Berlin"))
    nxt = datetime.combine(now.date(), time(23, 47), tzinfo=ZoneInfo("Europe/Berlin"))
    if nxt <= now:
        nxt += timedelta(days=1)
    assert f"next run {nxt.strftime('%Y-%m-%d %H:%M')}" in result.output
    # Without flags, show finds the crontab file the last install used.
    assert runner.invoke(cli, ["schedule", "show"]).output == result.output

    result = runner.invoke(cli, ["schedule", "remove", "--crontab-file", str(crontab)])
    assert result.exit_code == 0 and "Removed 1 cron entry" in result.output
    assert tagged_lines(crontab) == []
    assert "/usr/bin/backup --weekly" in crontab.read_text()
    result = runner.invoke(cli, ["schedule", "show", "--crontab-file", str(crontab)])
    assert result.exit_code == 1 and "No littrack schedule installed" in result.output


def unit_lines(path: Path, key: str) -> list[str]:
    return [
        line.split("=", 1)[1]
        for line in path.read_text().splitlines()
        if line.startswith(key + "=")
    ]


def test_systemd_units(runner, tmp_path, home, monkeypatch):
    monkeypatch.setenv("NCBI_API_KEY", "key-for-systemd")
    monkeypatch.setenv("LITTRACK_DB", str(tmp_path / "lit.sqlite"))
    units = tmp_path / "units"
    result = runner.invoke(
        cli, ["schedule", "install", "--systemd", "--unit-dir", str(units)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    service, timer = units / "littrack-fetch.service", units / "littrack-fetch.timer"
    eastern = json.loads((home / ".config" / "littrack" / "schedule.json").read_text())["eastern"]
    assert unit_lines(timer, "OnCalendar") == [f"*-*-* {eastern}:00 America/New_York"]
    assert unit_lines(timer, "Persistent") == ["true"]
    assert unit_lines(timer, "WantedBy") == ["timers.target"]
    assert unit_lines(service, "Type") == ["oneshot"]
    exec_start = unit_lines(service, "ExecStart")[0].split()
    assert exec_start[-1] == "fetch" and os.access(exec_start[0], os.X_OK)
    env_file = home / ".config" / "littrack" / "env"
    assert unit_lines(service, "EnvironmentFile") == [f"-{env_file}"]
    assert f"LITTRACK_DB=sqlite:///{tmp_path / 'lit.sqlite'}" in unit_lines(service, "Environment")
    for path in (service, timer):
        assert "key-for-systemd" not in path.read_text()
    assert "key-for-systemd" not in result.output

    result = runner.invoke(cli, ["schedule", "show", "--unit-dir", str(units)])
    assert result.exit_code == 0 and f"{eastern} America/New_York" in result.output

    result = runner.invoke(cli, ["schedule", "remove", "--unit-dir", str(units)])
    assert result.exit_code == 0
    assert not service.exists() and not timer.exists()


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_systemd_accepts_the_timer_and_agrees_on_the_next_run(runner, tmp_path):
    units = tmp_path / "units"
    runner.invoke(
        cli,
        ["schedule", "install", "--systemd", "--unit-dir", str(units), "--at", "02:15"],
        catch_exceptions=False,
    )
    (calendar,) = unit_lines(units / "littrack-fetch.timer", "OnCalendar")
    done = subprocess.run(
        ["systemd-analyze", "calendar", calendar],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "UTC"},
    )
    assert done.returncode == 0, done.stderr
    elapse = re.search(r"Next elapse: \w+ (\S+ \S+) UTC", done.stdout).group(1)
    when = systemd_time(units)
    expected = when.next_run().astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%d %H:%M:%S")
    assert elapse == expected


def test_systemd_path_settings_with_a_space_and_percent(runner, tmp_path, home, monkeypatch):
    """systemd takes a path setting verbatim (no unquoting), so WorkingDirectory=,
    EnvironmentFile= and append: are bare with `%` doubled; only Environment= and ExecStart=
    are quoted. systemd-analyze verify rejects a quoted WorkingDirectory=."""
    folder = tmp_path / "my 100% notes"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("LITTRACK_DB", "lit.sqlite")
    monkeypatch.setenv(
        "LITTRACK_OUTLINE", str(ROOT / "data" / "outlines" / "ketamine-analgesia.yaml")
    )
    units = folder / "units"
    log = folder / "logs" / "fetch.log"
    result = runner.invoke(
        cli,
        ["schedule", "install", "--systemd", "--unit-dir", str(units), "--log", str(log)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    service = units / "littrack-fetch.service"
    doubled = str(folder).replace("%", "%%")
    assert "%%" in doubled and " " in doubled
    env_file = str(home / ".config" / "littrack" / "env").replace("%", "%%")
    assert unit_lines(service, "WorkingDirectory") == [doubled]
    assert unit_lines(service, "EnvironmentFile") == [f"-{env_file}"]
    assert unit_lines(service, "StandardOutput") == [f"append:{doubled}/logs/fetch.log"]
    assert unit_lines(service, "StandardError") == [f"append:{doubled}/logs/fetch.log"]
    assert f'"LITTRACK_DB=sqlite:///{doubled}/lit.sqlite"' in unit_lines(service, "Environment")
    if shutil.which("systemd-analyze"):
        done = subprocess.run(
            ["systemd-analyze", "verify", str(service), str(units / "littrack-fetch.timer")],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr


@pytest.fixture
def bad_outline(tmp_path) -> Path:
    path = tmp_path / "bad-outline.yaml"
    path.write_text("- just a list\n- not an outline\n")
    return path


@pytest.mark.parametrize("kind", ["missing", "invalid"])
@pytest.mark.parametrize("systemd", [False, True])
def test_install_refuses_an_outline_that_does_not_load(
    runner, crontab, tmp_path, home, monkeypatch, bad_outline, kind, systemd
):
    """A job that would fail every night is not installed: one line, exit 1, nothing written."""
    before = crontab.read_text()
    units = tmp_path / "units"
    args = ["schedule", "install", "--crontab-file", str(crontab), "--unit-dir", str(units)]
    args += ["--systemd"] if systemd else []
    if kind == "missing":
        args += ["--outline", str(tmp_path / "no-such-outline.yaml")]
        expected = f"{tmp_path / 'no-such-outline.yaml'}: no such file"
    else:
        args += ["--outline", str(bad_outline)]
        expected = f"{bad_outline}:1:"
    result = runner.invoke(cli, args)
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and expected in lines[0]
    assert crontab.read_text() == before
    assert not units.exists()
    assert not (home / ".config" / "littrack" / "env").exists()
    assert not (home / ".config" / "littrack" / "schedule.json").exists()


def test_scheduler_refuses_an_outline_that_does_not_load(runner, bad_outline):
    result = runner.invoke(cli, ["scheduler", "--outline", str(bad_outline)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        line for line in result.output.strip().splitlines() if line.startswith("Error: ")
    ]
    assert f"{bad_outline}:1:" in result.output


def test_installing_one_kind_removes_the_other(runner, crontab, tmp_path):
    units = tmp_path / "units"
    install(runner, crontab)
    result = runner.invoke(cli, ["schedule", "install", "--systemd", "--unit-dir", str(units)])
    assert result.exit_code == 0
    assert tagged_lines(crontab) == []
    assert (units / "littrack-fetch.timer").exists()
    install(runner, crontab)
    assert len(tagged_lines(crontab)) == 1
    assert not (units / "littrack-fetch.timer").exists()


def test_installed_entry_and_the_scheduler_run_the_real_fetch(
    runner, eutils_emulator, tmp_path, monkeypatch, home
):
    """The crontab line, run by sh with cron's bare environment, fetches through the emulator
    with the key from the env file; then `littrack scheduler --run-now` fetches the same
    database again through the same command, and stops on SIGTERM."""
    import signal
    import sys

    from store.db.connect import open_engine
    from tests.support.ops_helpers import count_rows

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NCBI_API_KEY", "key-from-the-env-file")
    monkeypatch.setenv("LITTRACK_EUTILS_URL", eutils_emulator.url)
    monkeypatch.setenv("LITTRACK_OUTLINE", str(ROOT / "tests" / "outlines" / "fetch-small.yaml"))
    monkeypatch.setenv("LITTRACK_DB", "nightly.sqlite")
    crontab = tmp_path / "crontab"
    log = tmp_path / "fetch.log"
    install(runner, crontab, "--log", str(log))
    (line,) = tagged_lines(crontab)
    command = line.split(None, 5)[5].rsplit(TAG, 1)[0].replace("\\%", "%")
    done = subprocess.run(
        ["sh", "-c", command], env={"PATH": "/usr/bin:/bin", "HOME": str(home)}, timeout=120
    )
    assert done.returncode == 0, log.read_text()
    assert "run 1: ok" in log.read_text()
    keys = {r.params.get("api_key") for r in eutils_emulator.requests}
    assert keys == {"key-from-the-env-file"}

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "fetchers.cli", "scheduler", "--run-now", "--at", "03:00"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        lines = []
        for output in process.stdout:
            lines.append(output.rstrip())
            if output.startswith("scheduler: fetch finished"):
                break
        assert lines[-1] == "scheduler: fetch finished exit=0", "\n".join(lines)
        assert lines[0].startswith("scheduler: fetch daily at 03:00")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    engine = open_engine(str(tmp_path / "nightly.sqlite"), create=False)
    try:
        assert count_rows(engine, "SELECT run_id, status FROM fetch_runs ORDER BY run_id") == [
            (1, "ok"),
            (2, "ok"),
        ]
    finally:
        engine.dispose()


NO_CRONTAB = (
    "Error: no `crontab` program on this machine (cron is not installed); use --systemd, "
    "or `littrack scheduler` in the foreground\n"
)


@pytest.mark.parametrize("dry_run", [False, True])
def test_install_without_a_crontab_program_says_so_and_writes_nothing(
    runner, home, tmp_path, monkeypatch, dry_run
):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    args = ["schedule", "install", "--outline", str(ROOT / "data/outlines/ketamine-analgesia.yaml")]
    result = runner.invoke(cli, args + (["--dry-run"] if dry_run else []))
    assert result.exit_code == 1
    assert result.output == NO_CRONTAB
    assert not (home / ".config" / "littrack").exists()  # no schedule.json, no env file


def test_dry_run_makes_the_checks_and_shows_the_entry_without_writing(
    runner, crontab, home, monkeypatch
):
    monkeypatch.setenv("NCBI_API_KEY", "dry-run-key-0123")
    before = crontab.read_text()
    result = runner.invoke(
        cli,
        ["schedule", "install", "--crontab-file", str(crontab), "--dry-run"]
        + ["--at", "23:40", "--timezone", "UTC"],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    config = home / ".config" / "littrack"
    assert lines[0] == "Dry run: nothing was written."
    assert lines[1] == f"Would install in {crontab.absolute()}:"
    assert lines[2].startswith("  40 23 * * * cd ") and lines[2].endswith(f" {TAG}")
    assert lines[3].startswith("Would run daily at 23:40 UTC; next run ")
    assert lines[4] == f"Would write the secrets file {config / 'env'} (mode 0600) (NCBI_API_KEY)"
    assert "dry-run-key-0123" not in result.output
    assert crontab.read_text() == before
    assert not config.exists()
    # Without --at the drawn minute is not remembered by a dry run either.
    result = runner.invoke(
        cli, ["schedule", "install", "--crontab-file", str(crontab), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert not config.exists()


def test_the_default_outline_from_another_folder_is_the_shipped_one(
    runner, crontab, tmp_path, monkeypatch
):
    from fetchers.settings import SHIPPED_OUTLINE

    monkeypatch.chdir(tmp_path)
    install(runner, crontab, "--at", "23:40", "--timezone", "UTC")
    assert f"LITTRACK_OUTLINE={SHIPPED_OUTLINE} " in tagged_lines(crontab)[0]
