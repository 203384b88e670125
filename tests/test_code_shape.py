"""The shape a newcomer relies on: every module is named in its package's map, no module
grows past 450 lines, no function past cyclomatic complexity 25 counted with boolean
operators (radon; ruff's mccabe leaves `and`/`or` out, so its limit never fired)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from radon.complexity import cc_visit

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("store", "fetchers", "dashboard")
MAX_LINES = 450
MAX_COMPLEXITY = 25
#: The XML hot loop: one pass over each record's elements is the accepted price of parse
#: speed (bench/parse.py); splitting it costs a function call per element.
HOT_LOOP = {
    ("fetchers/pubmed/records.py", "_article"),
    ("fetchers/pubmed/records.py", "_journal_article"),
}


def _packages() -> list[Path]:
    found = []
    for name in PACKAGES:
        for init in sorted((ROOT / name).rglob("__init__.py")):
            if "versions" not in init.parts and "__pycache__" not in init.parts:
                found.append(init.parent)
    return found


def _modules() -> list[Path]:
    files = []
    for name in PACKAGES:
        files += [p for p in sorted((ROOT / name).rglob("*.py")) if "__pycache__" not in p.parts]
    return files


@pytest.mark.parametrize("package", _packages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_is_named_in_its_package_map(package):
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text())) or ""
    named = set(re.findall(r"``([\w.]+)/?``", doc))
    members = {p.stem for p in package.glob("*.py") if p.name != "__init__.py"}
    members |= {p.name for p in package.iterdir() if (p / "__init__.py").exists()}
    if package.name == "migrations":
        members -= {"env"} - named
    missing = sorted(members - named)
    assert not missing, f"{package.relative_to(ROOT)}/__init__.py does not name {missing}"


def test_no_module_is_over_450_lines():
    long = {
        str(p.relative_to(ROOT)): n
        for p in _modules()
        if "versions" not in p.parts and (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert not long


def test_no_function_is_over_complexity_25():
    over = {}
    for path in _modules():
        rel = str(path.relative_to(ROOT))
        if "versions" in path.parts:
            continue
        for block in cc_visit(path.read_text()):
            name = getattr(block, "name", "")
            if block.complexity > MAX_COMPLEXITY and (rel, name) not in HOT_LOOP:
                over[f"{rel}:{block.lineno} {block.fullname}"] = block.complexity
    assert not over
