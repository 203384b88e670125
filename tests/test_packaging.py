"""The built wheel holds every module: packages are found, not listed, so a new subpackage
(or a migration revision) cannot be left out of an install without this test failing."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("fetchers", "store", "dashboard")


def _modules_in_tree() -> set[str]:
    found = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            if path.suffix == ".py" or path.name == "script.py.mako":
                found.add(path.relative_to(ROOT).as_posix())
    return found


def test_the_wheel_contains_every_module(tmp_path):
    # Built from a copy: setuptools keeps a build/ folder beside the sources, and a stale one
    # would both litter the checkout and hide a module the sources no longer ship.
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    for package in PACKAGES:
        # symlinks=True: the shipped outline is a link into data/, as in the checkout.
        shutil.copytree(
            ROOT / package,
            source / package,
            ignore=shutil.ignore_patterns("__pycache__"),
            symlinks=True,
        )
    shutil.copytree(ROOT / "data" / "outlines", source / "data" / "outlines")
    # --no-build-isolation: the test extras pin a setuptools new enough for the PEP 639
    # license field, so the wheel builds offline from what is installed.
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    wheels = list(tmp_path.glob("littrack-*.whl"))
    assert len(wheels) == 1, wheels
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = set(wheel.namelist())
    expected = _modules_in_tree()
    assert "store/db/migrations/versions/0001_baseline.py" in expected
    assert "fetchers/cli/__main__.py" in expected
    missing = sorted(expected - names)
    assert not missing, f"left out of the wheel: {missing}"
    assert not {n for n in names if n.startswith("tests/")}, "tests must not be installed"
    # The default outline ships too, so `littrack up` works from any folder after install.
    with zipfile.ZipFile(wheels[0]) as wheel:
        shipped = wheel.read("fetchers/outlines/ketamine-analgesia.yaml")
    assert shipped == (ROOT / "data" / "outlines" / "ketamine-analgesia.yaml").read_bytes()
