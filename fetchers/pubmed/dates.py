"""PubMed's date shapes → (year, month, day) and sortable ISO text.

PubDate is `Year [Month [Day]]`, `Year Season`, or a free-text MedlineDate ("2018 Jul-Aug",
"1979-1980", "1998 Dec-1999 Jan", "1983 Dec 22-29"). Months come as names ("Jun") in PubDate
and as numbers ("06", or unpadded "6" in PubMedPubDate), sometimes both in one file.
A season counts as the first month of that season (Winter = December: the season starts in
the year printed; PubMed itself gives no rule). A range counts as its first year and month.
"""

from __future__ import annotations

import re
from datetime import date

from fetchers.pubmed.limits import YEAR_MAX, YEAR_MIN, ascii_int, year_of

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

_MEDLINE_DATE = re.compile(
    r"(\d{4})(?:\s*[-/ ]?\s*([A-Za-z]+)(?:\.?\s+(\d{1,2})(?!\d))?)?", re.ASCII
)


def month_number(text: str | None) -> int | None:
    """'Jun', 'June', '06', '6' → 6; seasons → their first month; anything else → None."""
    if not text:
        return None
    text = text.strip()
    number = ascii_int(text, 2)
    if number is not None:
        return number if 1 <= number <= 12 else None
    lowered = text.lower()
    if lowered in _SEASONS:
        return _SEASONS[lowered]
    return _MONTHS.get(lowered[:3])


def parse_medline_date(text: str) -> tuple[int | None, int | None, int | None]:
    """First year, month and day found in a MedlineDate; a leading season name counts too."""
    match = _MEDLINE_DATE.search(text)
    if match is None:
        return None, None, None
    year = int(match.group(1))
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None, None, None
    month = month_number(match.group(2))
    day = int(match.group(3)) if month and match.group(3) else None
    if month is None:
        # "Winter 1999", "Spring-Summer 2001": a season or month written before the year.
        lead = re.match(r"\s*([A-Za-z]+)", text)
        month = month_number(lead.group(1)) if lead else None
    return year, month, valid_day(year, month, day)


def valid_day(year: int, month: int | None, day: int | None) -> int | None:
    if month is None or day is None:
        return None
    try:
        date(year, month, day)
    except ValueError:
        return None
    return day


def to_int(text: str | None) -> int | None:
    return ascii_int(text)


def iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """ISO text as long as PubMed's precision: '2024', '2024-05' or '2024-05-15'."""
    if year is None:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def sortable(year: int | None, month: int | None, day: int | None) -> str | None:
    """Always a full date (missing month or day → 01) so that text order is date order."""
    if year is None:
        return None
    return f"{year:04d}-{month or 1:02d}-{day or 1:02d}"


#: Month texts as PubMed prints them, and their numbers (what month_number gives them).
_MONTH_TEXTS = {
    **{name.title(): number for name, number in _MONTHS.items()},
    **{f"{number:02d}": number for number in range(1, 13)},
    **{str(number): number for number in range(1, 13)},
}


def ymd(year: str | None, month: str | None, day: str | None) -> tuple[int | None, ...]:
    """Year/Month/Day element texts → checked integers (an impossible day is dropped).

    Runs for every record: the common shapes (four-digit year, "Jun" or "06", a day up to
    28) are read without the general helpers, with the same results."""
    if year and len(year) == 4 and year.isdigit() and year.isascii():
        y = int(year)
        if not YEAR_MIN <= y <= YEAR_MAX:
            return None, None, None
    else:
        y = year_of(year)
        if y is None:
            return None, None, None
    m = _MONTH_TEXTS.get(month) if month else None
    if m is None:
        m = month_number(month)
    if not m:
        return y, m, None
    if day and len(day) <= 2 and day.isdigit() and day.isascii():
        d = int(day)
        if 1 <= d <= 28:
            return y, m, d
        return y, m, valid_day(y, m, d)
    return y, m, valid_day(y, m, to_int(day))
