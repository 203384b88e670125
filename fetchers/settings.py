"""Every setting in one table: name, environment variable, default, help.

Flags override environment variables, which override defaults. The README's settings table
is checked against SETTINGS by tests/test_docs.py, so a new setting cannot go undocumented.
Secrets (the API key, the e-mail) are masked in `repr` and never logged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from store.defaults import DB_ENV, DEFAULT_DB, resolve_db_url

DEFAULT_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
DEFAULT_OUTLINE = "data/outlines/ketamine-analgesia.yaml"
#: The same outline inside the package (a symlink in the checkout, a file in the wheel,
#: pyproject.toml's package-data): the default's fallback when the current folder has no
#: data/outlines/, so `littrack up` works from any folder after `pip install .`.
SHIPPED_OUTLINE = Path(__file__).resolve().parent / "outlines" / "ketamine-analgesia.yaml"


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        DB_ENV,
        DEFAULT_DB,
        "Database: a SQLite file path or a SQLAlchemy URL (postgresql+psycopg://user@host/dbname).",
    ),
    Setting("outline", "LITTRACK_OUTLINE", DEFAULT_OUTLINE, "Outline YAML file to track."),
    Setting(
        "eutils_url",
        "LITTRACK_EUTILS_URL",
        DEFAULT_EUTILS_URL,
        "Base URL of NCBI E-utilities (point it at the test emulator to run offline).",
    ),
    Setting(
        "api_key",
        "NCBI_API_KEY",
        "",
        "NCBI API key: raises the rate limit from 3 to 10 requests/s. Never logged or exported.",
        secret=True,
    ),
    Setting(
        "email",
        "NCBI_EMAIL",
        "",
        "Contact e-mail NCBI asks every tool to send. Never logged or exported.",
        secret=True,
    ),
    Setting("tool", "LITTRACK_TOOL", "littrack", "The `tool` name sent to NCBI."),
    Setting(
        "read_only",
        "LITTRACK_READONLY",
        "",
        "1: the dashboard offers no screening and opens the database read-only "
        "(read by dashboard/data.py; `littrack dashboard --read-only` sets it).",
    ),
    # Nightly operation (fetchers/ops/schedule/when.py, fetchers/ops/digest.py)
    Setting(
        "config_dir",
        "LITTRACK_CONFIG_DIR",
        "~/.config/littrack",
        "Folder for the scheduled job's secrets file (`env`, mode 0600) and its chosen time.",
    ),
    Setting("smtp_host", "LITTRACK_SMTP_HOST", "", "SMTP server for `littrack digest --send`."),
    Setting(
        "smtp_port",
        "LITTRACK_SMTP_PORT",
        "587",
        "SMTP port: 465 uses TLS from the start; any other uses STARTTLS when offered.",
    ),
    Setting("smtp_user", "LITTRACK_SMTP_USER", "", "SMTP login, if the server needs one.", True),
    Setting("smtp_password", "LITTRACK_SMTP_PASSWORD", "", "SMTP password. Never logged.", True),
    Setting("digest_to", "LITTRACK_DIGEST_TO", "", "Digest recipients, comma-separated.", True),
    Setting(
        "digest_from",
        "LITTRACK_DIGEST_FROM",
        "",
        "Digest sender address (default: the SMTP login, else littrack@localhost).",
        True,
    ),
)


def setting(name: str) -> Setting:
    for s in SETTINGS:
        if s.name == name:
            return s
    raise KeyError(name)


def resolve(name: str, flag_value: str | None = None) -> str:
    """Flag, else environment variable, else default. The database comes back as a URL,
    through store.defaults (the dashboard, which cannot import this module, reads it there)."""
    if name == "db":
        return resolve_db_url(flag_value)
    s = setting(name)
    if flag_value not in (None, ""):
        return str(flag_value)
    value = os.environ.get(s.env) or s.default
    if name == "outline" and value == DEFAULT_OUTLINE and not Path(value).exists():
        return str(SHIPPED_OUTLINE)
    return value


def config_dir() -> Path:
    """LITTRACK_CONFIG_DIR, else $XDG_CONFIG_HOME/littrack, else ~/.config/littrack: the
    folder of the scheduled job's secrets file and its remembered state."""
    folder = os.environ.get(setting("config_dir").env)
    if not folder and os.environ.get("XDG_CONFIG_HOME"):
        folder = str(Path(os.environ["XDG_CONFIG_HOME"]).expanduser() / "littrack")
    return Path(folder or setting("config_dir").default).expanduser().resolve()


def is_default(name: str, flag_value: str | None = None) -> bool:
    """True when neither a flag nor the environment chose the value: a relative default
    (the outline) then deserves a hint when it is not found from another folder."""
    return flag_value in (None, "") and not os.environ.get(setting(name).env)


@dataclass(frozen=True)
class EutilsSettings:
    base_url: str = DEFAULT_EUTILS_URL
    api_key: str = field(default="", repr=False)
    email: str = field(default="", repr=False)
    tool: str = "littrack"

    @classmethod
    def from_env(
        cls, base_url: str | None = None, api_key: str | None = None, email: str | None = None
    ) -> EutilsSettings:
        url = resolve("eutils_url", base_url)
        if not url.endswith("/"):
            url += "/"
        return cls(
            base_url=url,
            api_key=resolve("api_key", api_key),
            email=resolve("email", email),
            tool=resolve("tool"),
        )

    @property
    def requests_per_second(self) -> float:
        """NCBI's published limits: 3 requests/s without a key, 10 with one."""
        return 10.0 if self.api_key else 3.0

    def __repr__(self) -> str:
        key = "***" if self.api_key else ""
        email = "***" if self.email else ""
        return (
            f"EutilsSettings(base_url={self.base_url!r}, api_key={key!r}, "
            f"email={email!r}, tool={self.tool!r})"
        )
