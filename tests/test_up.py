"""`littrack up` and `littrack dashboard` as a user runs them, against the E-utilities emulator
(or an address where nothing listens), with a real Streamlit server for the dashboard step."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from fetchers.cli import cli
from store.db.connect import open_engine
from tests.support.ops_helpers import ROOT, closed_port_url, count_rows, free_port, isolate_ops_env

SMALL_OUTLINE = ROOT / "tests" / "outlines" / "fetch-small.yaml"


@pytest.fixture(autouse=True)
def home(monkeypatch, tmp_path):
    monkeypatch.setenv("NCBI_API_KEY", "test-key-for-the-emulator")  # 10 requests/s
    return isolate_ops_env(monkeypatch, tmp_path)


def runs(db: Path) -> list[tuple]:
    engine = open_engine(str(db), create=False)
    try:
        return count_rows(engine, "SELECT run_id, status FROM fetch_runs ORDER BY run_id")
    finally:
        engine.dispose()


def up(runner, db: Path, *args: str):
    return runner.invoke(
        cli,
        ["up", "--no-dashboard", "--db", str(db), "--outline", str(SMALL_OUTLINE), *args],
        catch_exceptions=False,
    )


def test_up_fetches_an_empty_database_then_skips_while_fresh(runner, emulator_env, tmp_path):
    db = tmp_path / "new" / "lit.sqlite"
    result = up(runner, db)
    assert result.exit_code == 0, result.output
    assert "up: fetching because the database is empty" in result.output
    assert runs(db) == [(1, "ok")]
    engine = open_engine(str(db), create=False)
    linked = count_rows(engine, "SELECT pmid FROM claim_articles WHERE claim_id = 'ketamine-any'")
    engine.dispose()
    expected = emulator_env.search_ids("ketamine[mh] OR ketamine[tiab]")
    assert expected and {int(p) for (p,) in linked} == set(expected)

    seen = len(emulator_env.requests)
    result = up(runner, db)
    assert result.exit_code == 0
    assert "no fetch needed" in result.output
    assert runs(db) == [(1, "ok")]
    assert len(emulator_env.requests) == seen  # not one request to PubMed

    time.sleep(1.1)  # stored timestamps have 1 s resolution
    result = up(runner, db, "--stale-hours", "0.0001")
    assert result.exit_code == 0, result.output
    assert "up: fetching because the data is" in result.output
    assert runs(db) == [(1, "ok"), (2, "ok")]


def test_unreachable_pubmed_is_one_line_and_the_database_is_still_created(
    runner, tmp_path, monkeypatch
):
    url = closed_port_url()
    monkeypatch.setenv("LITTRACK_EUTILS_URL", url)
    db = tmp_path / "lit.sqlite"
    result = up(runner, db)
    host = url.split("/")[2]
    assert result.output.splitlines() == [
        f"up: PubMed cannot be reached at {host} (connection refused); "
        "not fetching; the stored data is unchanged"
    ]
    assert result.exit_code == 1
    assert runs(db) == []  # the database exists, with its tables, and no run was started


def _start(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "fetchers.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )


def _read_until(process: subprocess.Popen, marker: str, timeout: float = 90) -> list[str]:
    lines = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if marker in line:
            return lines
    raise AssertionError(f"{marker!r} never printed; output:\n" + "\n".join(lines))


def _stop(process: subprocess.Popen) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # our own session only
            process.wait()
    return process.returncode


@pytest.mark.parametrize("command", ["up", "dashboard"])
def test_dashboard_starts_even_when_pubmed_is_unreachable(command, tmp_path):
    port = free_port()
    db = tmp_path / "lit.sqlite"
    env = {**os.environ, "LITTRACK_EUTILS_URL": closed_port_url()}
    args = [command, "--db", str(db), "--port", str(port)]
    if command == "up":
        args += ["--no-browser", "--outline", str(SMALL_OUTLINE)]
    process = _start(args, env)
    try:
        lines = _read_until(process, f"Dashboard: http://127.0.0.1:{port}/")
        if command == "up":
            assert "PubMed cannot be reached" in lines[0]
            assert lines[0].endswith("showing the stored data without fetching")
        health = requests.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=5)
        assert health.text.strip() == "ok"
        page = requests.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert page.status_code == 200
    finally:
        _stop(process)
    # SIGTERM to littrack also stopped its Streamlit child.
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)


@pytest.mark.parametrize("command", ["up", "dashboard"])
def test_a_busy_explicit_port_is_one_line_before_anything_else(runner, command, tmp_path):
    """Something already listens on --port: exit 1 with one line, no fetch, no URL."""
    import socket

    db = tmp_path / "lit.sqlite"
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        args = [command, "--db", str(db), "--port", str(port)]
        if command == "up":
            args += ["--no-browser", "--outline", str(SMALL_OUTLINE)]
        result = runner.invoke(cli, args, env={"LITTRACK_EUTILS_URL": closed_port_url()})
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [f"Error: port {port} is in use; pick another with --port"]
    assert not db.exists()


def test_a_missing_outline_is_reported_before_the_network_and_no_database_is_made(runner, tmp_path):
    db = tmp_path / "lit.sqlite"
    missing = tmp_path / "no-such-outline.yaml"
    result = runner.invoke(
        cli,
        ["up", "--no-dashboard", "--db", str(db), "--outline", str(missing)]
        + ["--eutils-url", closed_port_url()],
    )
    assert result.exit_code == 1
    assert result.output == f"Error: {missing}: no such file\n"
    assert not db.exists()


def test_from_another_folder_up_reads_the_shipped_outline_and_takes_eutils_url(
    runner, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    url = closed_port_url()
    db = tmp_path / "lit.sqlite"
    result = runner.invoke(cli, ["up", "--no-dashboard", "--db", str(db), "--eutils-url", url])
    assert result.output.splitlines() == [
        f"up: PubMed cannot be reached at {url.split('/')[2]} (connection refused); "
        "not fetching; the stored data is unchanged"
    ]
    assert result.exit_code == 1


def test_streamlit_run_from_the_project_folder_listens_on_localhost_only():
    """`streamlit run streamlit_app.py` reads .streamlit/config.toml: the same address as
    `littrack dashboard`, so the Screen page is never offered to the network."""
    probe = (
        "from streamlit import config; config.get_config_options(force_reparse=True); "
        "print(config.get_option('server.address'), config.get_option('server.fileWatcherType'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    # No file watcher either, as `littrack dashboard` (dashboard_argv): it walks the folder
    # for every new browser session.
    assert done.stdout.split() == ["127.0.0.1", "none"], done.stderr


def test_littrack_dashboard_passes_every_setting_of_the_project_config():
    """`littrack dashboard` started from another folder runs as `streamlit run` does from
    the project folder: every .streamlit/config.toml setting is in its arguments."""
    import tomllib

    from fetchers.ops.up import dashboard_argv

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    argv = dashboard_argv(8501)
    given = dict(zip(argv[5::2], argv[6::2], strict=False))
    for section, options in config.items():
        for name, value in options.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            assert given.get(f"--{section}.{name}") == text, f"{section}.{name}"
