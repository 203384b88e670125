"""`littrack up` and `littrack dashboard`: one command from a fresh checkout to a dashboard.

`up` opens (and creates) the database, fetches when it holds nothing or only stale data,
then serves the Streamlit dashboard on 127.0.0.1. PubMed being unreachable is normal
(offline laptop, firewall): that costs one line and the dashboard still starts on what is
stored. Local preconditions come first: a missing outline is one `Error:` line and no
database is created. Reachability is then probed once with a short timeout
(fetchers/eutils/reach.py) before the fetch, so an offline `up` costs seconds.

The dashboard runs as `python -m streamlit run dashboard/app.py` in a child process with
LITTRACK_DB in its environment: the fetchers layer never imports the dashboard package, it
only locates its script file.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import webbrowser
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import NoReturn

from sqlalchemy.engine import Engine

from fetchers.eutils.reach import host_of, probe
from fetchers.settings import EutilsSettings, resolve
from store.db.connect import mask_url, open_engine, resolve_db_url
from store.defaults import STALE_HOURS
from store.errors import FetchLockedError, LittrackError
from store.models import Outline
from store.read import health

DEFAULT_PORT = 8501
HEALTH_TIMEOUT = 90.0


def dashboard_script() -> Path:
    spec = importlib.util.find_spec("dashboard")
    if spec is None or not spec.submodule_search_locations:
        raise LittrackError("the dashboard package is not installed (pip install .)")
    script = Path(next(iter(spec.submodule_search_locations))) / "app.py"
    if not script.is_file():
        raise LittrackError(f"{script}: dashboard script not found")
    return script.resolve()


def port_is_free(port: int) -> bool:
    """Whether Streamlit could listen on 127.0.0.1:port. SO_REUSEADDR as Streamlit's server
    sets it, so a port left in TIME_WAIT by a previous run does not count as taken."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def choose_port(port: int | None) -> int:
    """An explicit --port must be free (checked here, before Streamlit starts, because
    Streamlit's own clash report is a screenful and comes after our startup lines); the
    default 8501 gives way to a free port when something already listens there."""
    if port is not None:
        if not port_is_free(port):
            raise LittrackError(f"port {port} is in use; pick another with --port")
        return port
    return DEFAULT_PORT if port_is_free(DEFAULT_PORT) else free_port()


def dashboard_argv(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(dashboard_script()),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        # No source-file watcher: it walks the app's folder for every new browser session.
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
        # The same as .streamlit/config.toml, for a dashboard started from another folder:
        # only the guarded CSV download, and text colours with WCAG AA contrast.
        "--client.disableDataExport",
        "true",
        "--theme.base",
        "light",
        "--theme.textColor",
        "#111111",
    ]


def dashboard_env(db_url: str, outline: str | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["LITTRACK_DB"] = db_url
    if outline:
        env["LITTRACK_OUTLINE"] = outline
    return env


def wait_healthy(port: int, process: subprocess.Popen, timeout: float = HEALTH_TIMEOUT) -> bool:
    """Poll Streamlit's /_stcore/health until it answers 'ok', the process ends, or timeout."""
    url = f"http://127.0.0.1:{port}/_stcore/health"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        # urllib, not requests: only fetchers/eutils talks HTTP to the outside world, and
        # this is one local GET.
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.read().decode("utf-8", "replace").strip() == "ok":
                    return True
        except (urllib.error.URLError, OSError, ValueError):
            pass
        time.sleep(0.25)
    return False


def serve_dashboard(
    db_url: str,
    *,
    port: int | None = None,
    outline: str | None = None,
    open_browser: bool = False,
    echo: Callable[[str], None] = print,
) -> int:
    """Run Streamlit until it exits or we are interrupted (Ctrl-C, SIGTERM); returns its code."""
    port = choose_port(port)
    argv = dashboard_argv(port)
    process = subprocess.Popen(argv, env=dashboard_env(db_url, outline))

    def terminate(_signum: int, _frame: FrameType | None) -> NoReturn:
        raise SystemExit(143)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        if wait_healthy(port, process):
            url = f"http://127.0.0.1:{port}/"
            echo(f"Dashboard: {url} (database {mask_url(db_url)}; Ctrl-C to stop)")
            if open_browser:
                webbrowser.open(url)
        elif process.poll() is None:
            echo(f"dashboard: no answer on port {port} yet; still waiting")
        return process.wait()
    except KeyboardInterrupt:
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def fetch_reason(engine: Engine, stale_hours: float) -> str | None:
    """Why `up` should fetch now, or None when the stored data is fresh enough."""
    verdict = health.verdict(engine, stale_hours=stale_hours)
    if verdict.state == "no-data":
        return "the database is empty"
    if verdict.age_hours is None:
        return "no fetch has succeeded yet"
    if verdict.age_hours > stale_hours:
        return f"the data is {verdict.age_hours:.0f} h old"
    return None


def run_fetch_now(
    engine: Engine, outline: Outline, settings: EutilsSettings, echo: Callable[[str], None]
) -> int:
    """The same fetch `littrack fetch` runs; 0 when every claim succeeded."""
    from fetchers.eutils.client import EutilsClient
    from fetchers.job.report import summary_table
    from fetchers.job.run import run_fetch

    client = EutilsClient(settings)
    progress = sys.stderr.isatty()
    try:
        summary = run_fetch(engine, outline, client, log=echo, progress=progress)
    finally:
        client.close()
    if summary.status == "unreachable":
        echo(f"up: {summary.message}; showing the stored data")
        return 1
    echo(summary_table(summary))
    return 1 if summary.failed else 0


def run_up(
    *,
    db: str | None = None,
    outline: str | None = None,
    port: int | None = None,
    open_browser: bool = True,
    stale_hours: float = STALE_HOURS,
    dashboard: bool = True,
    eutils_url: str | None = None,
    echo: Callable[[str], None] = print,
) -> int:
    from fetchers.outline.load import load_outline

    db_url = resolve_db_url(db)
    outline_path = resolve("outline", outline)
    # Local preconditions before the network, and before a database is created.
    loaded = load_outline(outline_path)
    settings = EutilsSettings.from_env(base_url=eutils_url)
    if dashboard and port is not None:
        choose_port(port)  # a busy --port fails now, not after a fetch of several minutes
    engine = open_engine(db_url, create=True, bounded_waits=True)
    code = 0
    try:
        reason = fetch_reason(engine, stale_hours)
        if reason is None:
            echo(f"up: data is fresh (under {stale_hours:g} h); no fetch needed")
        else:
            why_not = probe(settings.base_url)
            host = host_of(settings.base_url)
            if why_not:
                then = (
                    "showing the stored data without fetching"
                    if dashboard
                    else "not fetching; the stored data is unchanged"
                )
                echo(f"up: PubMed cannot be reached at {host} ({why_not}); {then}")
                code = 1
            else:
                echo(f"up: fetching because {reason}")
                try:
                    code = run_fetch_now(engine, loaded, settings, echo)
                except FetchLockedError as exc:
                    echo(f"up: {exc}; showing the stored data")
                except LittrackError as exc:
                    if not dashboard:
                        raise
                    echo(f"up: fetch failed: {exc}; showing the stored data")
                    code = 1
    finally:
        engine.dispose()
    if not dashboard:
        return code
    return serve_dashboard(db_url, port=port, outline=outline_path, open_browser=open_browser)
