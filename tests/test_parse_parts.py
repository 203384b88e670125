"""The record parts the parser reads by hand-written loops (fetchers/pubmed/elements.py,
limits.py): the entrez date's choice among History dates, unpadded numeric dates, the MeSH
and text field size limits."""

from __future__ import annotations

import pytest
from lxml import etree

from fetchers.pubmed.dates import iso, month_number, to_int, valid_day, ymd
from fetchers.pubmed.elements import entrez_date, iso_date
from fetchers.pubmed.limits import (
    FIELD_LIMITS,
    ITEM_LIMIT,
    ITEMS_LIMIT,
    QUALIFIERS_LIMIT,
    cap_fields,
    year_of,
)
from store.models import MeshHeading


def _history(*dates: tuple[str, str]) -> etree._Element:
    parts = "".join(
        f'<PubMedPubDate PubStatus="{status}"><Year>{day[:4]}</Year><Month>{day[5:7]}</Month>'
        f"<Day>{day[8:]}</Day></PubMedPubDate>"
        for status, day in dates
    )
    return etree.fromstring(f"<History>{parts}</History>")


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (
            (("received", "2020-01-01"), ("pubmed", "2020-02-02"), ("entrez", "2020-03-03")),
            "2020-03-03",
        ),
        (
            (("pubmed", "2020-02-02"), ("medline", "2020-04-04"), ("pubmed", "2020-05-05")),
            "2020-02-02",
        ),
        ((("received", "2020-01-01"), ("accepted", "2020-02-02")), None),
        ((), None),
    ],
    ids=["entrez-wins", "first-pubmed", "neither", "empty"],
)
def test_entrez_date_prefers_entrez_then_the_first_pubmed(dates, expected):
    assert entrez_date(_history(*dates)) == expected


def test_entrez_date_ignores_other_elements():
    history = etree.fromstring(
        '<History><Other PubStatus="entrez"><Year>1999</Year><Month>1</Month><Day>1</Day></Other>'
        '<PubMedPubDate PubStatus="pubmed"><Year>2021</Year><Month>06</Month><Day>07</Day>'
        "</PubMedPubDate></History>"
    )
    assert entrez_date(history) == "2021-06-07"


@pytest.mark.parametrize(
    ("mesh", "cut"),
    [
        ((MeshHeading("Humans", "D006801", False, (("drug effects", True),)),), False),
        ((MeshHeading("x" * (ITEM_LIMIT + 1)),), True),
        ((MeshHeading("Rats", qualifiers=(("q", False),) * (QUALIFIERS_LIMIT + 1)),), True),
        ((MeshHeading("Rats", qualifiers=(("q" * (ITEM_LIMIT + 1), False),)),), True),
        ((MeshHeading("Rats"),) * (ITEMS_LIMIT + 1), True),
    ],
    ids=["within", "long-descriptor", "many-qualifiers", "long-qualifier", "many-headings"],
)
def test_mesh_limits_name_the_field_only_when_broken(mesh, cut):
    fields = {"mesh": mesh}
    cap_fields(fields)
    assert ("mesh" in fields.get("cut_fields", ())) is cut
    if cut:
        heading = fields["mesh"][0]
        assert len(fields["mesh"]) <= ITEMS_LIMIT
        assert len(heading.descriptor) <= ITEM_LIMIT
        assert len(heading.qualifiers) <= QUALIFIERS_LIMIT
        assert all(len(q) <= ITEM_LIMIT for q, _ in heading.qualifiers)


@pytest.mark.parametrize("name", sorted(FIELD_LIMITS))
def test_each_text_field_is_cut_just_over_its_limit(name):
    """The quick test for short fields (limits._short_texts) never hides a long one."""
    limit = FIELD_LIMITS[name]
    at_limit = {"title": "t", "abstract": "a", "journal": "J", name: "x" * limit}
    cap_fields(at_limit)
    assert "cut_fields" not in at_limit
    over = {"title": "t", "abstract": "a", "journal": "J", "doi": None, name: "x" * (limit + 1)}
    cap_fields(over)
    assert over["cut_fields"] == (name,)
    assert over[name] == "x" * limit


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (("2024", "6", "5"), "2024-06-05"),
        (("2024", "06", "5"), "2024-06-05"),
        (("2023", "2", "29"), "2023-02"),  # no 29 February that year: the day is dropped
        (("2024", "13", "1"), "2024"),  # no month 13: year only
        (("999", "1", "1"), None),  # a year outside limits.YEAR_MIN..YEAR_MAX
        (("2024", "Jun", "5"), "2024-06-05"),  # a month name takes the general path
    ],
)
def test_unpadded_numeric_dates_read_as_the_general_date_rules(day, expected):
    year, month, number = day
    element = etree.fromstring(
        f"<DateRevised><Year>{year}</Year><Month>{month}</Month><Day>{number}</Day></DateRevised>"
    )
    assert iso_date(element) == expected
    assert iso(*ymd(year, month, number)) == expected


def _general_ymd(year, month, day):
    """dates.ymd as it was before its fast path: the general helpers only."""
    y = year_of(year)
    if y is None:
        return None, None, None
    m = month_number(month)
    d = to_int(day) if m else None
    return y, m, valid_day(y, m, d)


def test_ymd_reads_every_shape_as_the_general_helpers_do():
    years = [None, "", "2024", "1999", "999", "0999", "3000", " 2024", "２０２４", "2024a"]
    months = [None, "", "Jun", "jun", "June", "06", "6", "13", "0", "00", " Jun", "Winter"]
    months += ["Jun-Jul", "Feb", "02", "2", "Sept", "١٢"]
    days = [None, "", "5", "05", "1", "28", "29", "30", "31", "0", "00", " 5", "123", "٣"]
    for year in years:
        for month in months:
            for day in days:
                assert ymd(year, month, day) == _general_ymd(year, month, day), (year, month, day)
    assert ymd("2024", "Feb", "29") == (2024, 2, 29)
    assert ymd("2023", "Feb", "29") == (2023, 2, None)
