"""Readers for the PubMed XML elements that journal articles (fetchers.pubmed.records) and book
chapters (fetchers.pubmed.books) share: text with markup dropped, numeric dates, PubDate,
authors, abstract, article ids, pagination.

They run for every record in the parser's hot loop: plain functions, imported by name into
the parsers, so a call costs exactly what it did when everything lived in one module.
"""

from __future__ import annotations

import re

from lxml import etree

from fetchers.pubmed.dates import iso, parse_medline_date, sortable, valid_day, ymd
from fetchers.pubmed.limits import PMID_MAX, YEAR_MAX, YEAR_MIN, ascii_int

# --- text and numeric dates --------------------------------------------------------------


_ASCII_SPACE = " \t\n\r"
_SPACE_RUN = re.compile(r"[ \t\n\r]+")


def element_text(element: etree._Element) -> str:
    """All text below an element, markup dropped, runs of ASCII whitespace made one space.

    Unicode spaces (thin space, no-break space: common in PubMed's numbers) are kept as
    printed. The common case (one line, single spaces) skips the regex."""
    if len(element):
        text = etree.tostring(element, method="text", encoding="unicode", with_tail=False)
    else:
        text = element.text
        if not text:
            return ""
    if "\n" in text or "  " in text or "\t" in text or "\r" in text:
        return _SPACE_RUN.sub(" ", text).strip(_ASCII_SPACE)
    return text.strip(_ASCII_SPACE)


def iso_date(element: etree._Element) -> str | None:
    """DateRevised, ArticleDate, PubMedPubDate: numeric parts (padded or not); a part that
    is not ASCII digits in range is unknown (see limits.year_of)."""
    # The DTD fixes the order (Year, Month, Day, Hour?, ...): read by position. One pass of
    # an iterator over the first three children (len() and three indexes walk them 4 times).
    children = iter(element)
    first, second, third = next(children, None), next(children, None), next(children, None)
    if third is not None:
        if first.tag == "Year" and second.tag == "Month" and third.tag == "Day":
            text = f"{first.text}-{second.text}-{third.text}"
            if _ISO_DAY.fullmatch(text):
                return text
            digits = _DIGIT_DAY.fullmatch(text)
            if digits is not None:  # unpadded ("2024-6-5"): ymd's checks on plain digits
                return iso(*_digit_ymd(*digits.groups()))
    year = month = day = None
    for child in element:
        tag = child.tag
        if tag == "Year":
            year = child.text
        elif tag == "Month":
            month = child.text
        elif tag == "Day":
            day = child.text
    return iso(*ymd(year, month, day))


#: An already padded date with a year in limits.YEAR_MIN..YEAR_MAX (the common case).
_ISO_DAY = re.compile(r"[12]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])", re.ASCII)
#: Year, Month and Day as plain ASCII digits (History dates are often unpadded).
_DIGIT_DAY = re.compile(r"(\d{1,4})-(\d{1,2})-(\d{1,9})", re.ASCII)


def _digit_ymd(year: str, month: str, day: str) -> tuple[int | None, ...]:
    """dates.ymd for texts known to be plain digits (no strip, no month names)."""
    y = int(year)
    if not YEAR_MIN <= y <= YEAR_MAX:
        return None, None, None
    m = int(month)
    if not 1 <= m <= 12:
        return y, None, None
    return y, m, valid_day(y, m, int(day))


def child_int(element: etree._Element, tag: str) -> int | None:
    for child in element:
        if child.tag == tag:
            return ascii_int(child.text)
    return None


def child_pmid(element: etree._Element) -> int | None:
    """A linked record's PMID (CommentsCorrections), None unless in 1..PMID_MAX."""
    pmid = child_int(element, "PMID")
    return pmid if pmid is not None and 1 <= pmid <= PMID_MAX else None


# --- parts of a record -------------------------------------------------------------------


def read_pub_date(pub_date: etree._Element, fields: dict) -> None:
    year = month = day = season = medline = None
    for child in pub_date:
        tag = child.tag
        if tag == "Year":
            year = child.text
        elif tag == "Month":
            month = child.text
        elif tag == "Day":
            day = child.text
        elif tag == "Season":
            season = child.text
        elif tag == "MedlineDate":
            medline = element_text(child)
    if medline is not None and year is None:
        y, m, d = parse_medline_date(medline)
        fields["pub_date_text"] = medline
    else:
        y, m, d = ymd(year, month or season, day)
        if season:
            fields["pub_date_text"] = f"{year} {season.strip()}" if year else season.strip()
        elif month and m is None:
            # A Month PubMed did not normalise ("Jun-Jul"): keep what it printed.
            fields["pub_date_text"] = " ".join(p.strip() for p in (year, month, day) if p)
    fields["pub_year"], fields["pub_month"], fields["pub_day"] = y, m, d
    fields["pub_date"] = sortable(y, m, d)


def page_range(pagination: etree._Element) -> str:
    start = end = ""
    for child in pagination:
        tag = child.tag
        if tag == "MedlinePgn":
            text = element_text(child)
            if text:
                return text
        elif tag == "StartPage":
            start = element_text(child)
        elif tag == "EndPage":
            end = element_text(child)
    return f"{start}-{end}" if start and end else start or end


def abstract_text(abstract: etree._Element) -> str:
    sections = []
    for child in abstract:
        if child.tag == "AbstractText":
            text = element_text(child)
            label = child.get("Label")
            if label:
                sections.append(f"{label.strip()}: {text}" if text else f"{label.strip()}:")
            elif text:
                sections.append(text)
    return "\n\n".join(sections)


def author_names(author_list: etree._Element) -> list[str]:
    names = []
    for author in author_list:
        if author.get("ValidYN") == "N":
            continue
        last = initials = fore = None
        for part in author:
            tag = part.tag
            if tag == "LastName":
                last = part.text
            elif tag == "Initials":
                initials = part.text
            elif tag == "ForeName":
                fore = part.text
            elif tag == "CollectiveName":
                last = element_text(part)  # may wrap over lines or carry markup
            elif tag == "AffiliationInfo" or tag == "Identifier":
                break  # the name parts come first (DTD order); skip the affiliations
        if last:
            names.append(f"{last} {initials}" if initials else last)
        elif fore:
            names.append(fore)
    return names


def article_ids(id_list: etree._Element) -> dict[str, str]:
    ids: dict[str, str] = {}
    for child in id_list:
        id_type = child.get("IdType")
        if id_type and id_type not in ids:
            value = element_text(child)
            if value:
                ids[id_type] = value
    return ids


def doi_and_pmc(id_list: etree._Element) -> tuple[str | None, str | None]:
    """article_ids(id_list).get("doi"), .get("pmc"): the first of each type decides (an
    empty one too), and only those two are read."""
    doi = pmc = None
    seen_doi = seen_pmc = False
    for child in id_list:
        id_type = child.get("IdType")
        if id_type == "doi" and not seen_doi:
            doi = element_text(child) or None
            seen_doi = doi is not None
        elif id_type == "pmc" and not seen_pmc:
            pmc = element_text(child) or None
            seen_pmc = pmc is not None
    return doi, pmc


def entrez_date(history: etree._Element) -> str | None:
    """PubStatus "entrez" (when PubMed listed the record), else the first "pubmed".

    A plain loop over History's few children: an XPath call cost more than the loop."""
    pubmed = None
    for pub_date in history:
        if pub_date.tag != "PubMedPubDate":
            continue
        status = pub_date.get("PubStatus")
        if status == "entrez":
            return iso_date(pub_date)
        if status == "pubmed" and pubmed is None:
            pubmed = pub_date
    return iso_date(pubmed) if pubmed is not None else None
