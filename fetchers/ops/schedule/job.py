"""What the scheduled job runs and with which settings: the absolute `littrack` command, the
LITTRACK_* settings of the install (paths made absolute), the secrets file and the log.

A crontab is readable by tools and backups and `crontab -l` prints it, so the NCBI key and
e-mail never go there (nor into a unit file): they go in `<config>/env` (mode 0600), which
the cron job sources and the systemd service reads with EnvironmentFile=. They are never
printed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from fetchers.settings import DEFAULT_EUTILS_URL, SETTINGS, resolve
from store.defaults import resolve_db_url

ENV_FILE = "env"


def default_log_path() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state).expanduser().resolve() / "littrack" / "fetch.log"


def littrack_argv() -> list[str]:
    """The absolute command for this installation: the `littrack` script next to the running
    Python when there is one, else `python -m fetchers.cli`."""
    python = Path(sys.executable).absolute()
    script = python.parent / "littrack"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    found = shutil.which("littrack")
    if found and Path(found).parent == python.parent:
        return [str(Path(found).absolute())]
    return [str(python), "-m", "fetchers.cli"]


@dataclass(frozen=True)
class JobSettings:
    """What the scheduled job needs. `public` may appear in a crontab or unit file; `secret`
    goes only to the 0600 env file."""

    public: dict[str, str]
    secret: dict[str, str]
    workdir: Path


def job_settings(
    db: str | None = None, outline: str | None = None, eutils_url: str | None = None
) -> JobSettings:
    """The current LITTRACK_* settings, with paths made absolute (cron starts in $HOME)."""
    public: dict[str, str] = {}
    secret: dict[str, str] = {}
    db_url = resolve_db_url(db)
    if db_url.startswith("sqlite:///") and db_url != "sqlite:///:memory:":
        db_url = "sqlite:///" + str(Path(db_url[len("sqlite:///") :]).expanduser().absolute())
    try:
        has_password = sa.engine.make_url(db_url).password is not None
    except Exception:  # an unparsable URL is reported by the fetch itself
        has_password = False
    (secret if has_password else public)["LITTRACK_DB"] = db_url
    public["LITTRACK_OUTLINE"] = str(Path(resolve("outline", outline)).expanduser().absolute())
    url = resolve("eutils_url", eutils_url)
    if url != DEFAULT_EUTILS_URL:
        public["LITTRACK_EUTILS_URL"] = url
    for s in SETTINGS:
        if s.secret and s.env.startswith("NCBI_") and os.environ.get(s.env):
            secret[s.env] = os.environ[s.env]
    return JobSettings(public, secret, Path.cwd().absolute())


def check_job_outline(job: JobSettings, *, default_used: bool) -> None:
    """Refuse to schedule a fetch that would fail every night: the outline the job will read
    must load now. The default outline is relative, so from another folder it names a file
    that is not there; the message says so."""
    from fetchers.outline.load import OutlineError, load_outline

    try:
        load_outline(job.public["LITTRACK_OUTLINE"])
    except OutlineError as exc:
        if not default_used:
            raise
        hint = f" (the default outline, looked up from {job.workdir}; pass --outline PATH)"
        raise OutlineError(f"{exc}{hint}") from None


def write_env_file(path: Path, secret: Mapping[str, str]) -> list[str]:
    """Create or update the 0600 env file (KEY='value' lines, read by sh and systemd alike).

    Keys already in the file and not set now are kept, so reinstalling from a shell without
    NCBI_API_KEY does not silently drop the key. Returns the names the file holds.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    kept: dict[str, str] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                name, value = line.split("=", 1)
                kept[name.strip()] = value
    for name, value in secret.items():
        kept[name] = shlex.quote(value)
    text = (
        "# littrack: settings for the scheduled fetch (secrets; keep this file private)\n"
        + "".join(f"{name}={value}\n" for name, value in kept.items())
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(path, 0o600)
    return sorted(kept)
