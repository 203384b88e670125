#!/usr/bin/env bash
# Install littrack with its test extras into .venv, Debian's Chromium for the browser test,
# then run the whole test suite in four pytest-xdist workers (the tests wait often enough
# that four keep two CPUs busy; docs/testing.md). Usage: bash scripts/test.sh
# [pytest args...]; e.g. `bash scripts/test.sh tests/test_store.py`, `-m "not browser"`, or
# `-n 0` for one process (needed for --pdb). See docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
. .venv/bin/activate
python -m pip install -q --upgrade pip
python -m pip install -q -e ".[test]"
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
    || echo "note: could not install chromium; the browser test will skip"
fi
# Python may write compiled modules (pytest's assertion-rewritten tests among them) to the
# git-ignored __pycache__ folders even where PYTHONDONTWRITEBYTECODE is set: each of the four
# workers would otherwise rewrite and compile every test module again on every run (~3.5 s
# of CPU each). Installed packages keep the compiled files pip wrote.
unset PYTHONDONTWRITEBYTECODE
python -m pytest -q -n "${LITTRACK_TEST_WORKERS:-4}" "$@"
