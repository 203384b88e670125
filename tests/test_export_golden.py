"""Exports are byte-identical on the same store: the read-side seed (real PubMed records,
fixed timestamps) exported to the files checked in under tests/samples/exports/, on SQLite
and PostgreSQL alike. A change to a column, a URL, a date or the CSV dialect shows up here as
a diff a reviewer can read; regenerate the files only when the change is meant."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from store.export.options import ExportOptions
from store.export.run import run_export
from tests.support.dashboard_seed import build_seed

EXPECTED = Path(__file__).resolve().parent / "samples" / "exports"

CASES = [
    ("publications", {"claim_ids": ("ketamine-reviews",)}, "publications-ketamine-reviews.csv", 5),
    ("ris", {"claim_ids": ("ketamine-reviews",)}, "ketamine-reviews.ris", 5),
    ("summary", {"topic_ids": ("anaesthesia",)}, "summary-anaesthesia.csv", 3),
]


@pytest.fixture
def seed_url(db_url):
    return build_seed(db_url).url


def test_exports_match_the_checked_in_files(seed_url):
    for kind, scope, name, rows in CASES:
        out = io.StringIO(newline="")
        n, _, _ = run_export(ExportOptions(kind, bom=False, **scope), out, db=seed_url)
        assert n == rows, name
        assert out.getvalue().encode("utf-8") == (EXPECTED / name).read_bytes(), name
