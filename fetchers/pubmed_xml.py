"""PubMed XML (efetch answers, baseline and update files) → PubmedRecord / DeletedCitation.

Streaming: lxml iterparse stops only at the end of each record element, the record is turned
into a frozen dataclass, then it and everything before it is dropped, so memory stays flat
however large the file. Fields are read in one pass over each element's children rather than
one XPath per field: this is the hot loop of every fetch.

Surprises handled here:
- ReferenceList and CommentsCorrections hold *other* articles' PMIDs and DOIs; only the
  record's own Article/ELocationID and PubmedData/ArticleIdList count.
- Titles and abstracts carry inline markup (<i>, <sup>, MathML); all text is kept, markup
  dropped, whitespace collapsed. Labelled abstract sections become "LABEL: text" paragraphs.
- The DOCTYPE names a DTD on NCBI's servers: it is never loaded (no network, no entities).
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import os
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from fetchers.pubmed_dates import iso, parse_medline_date, sortable, ymd
from fetchers.study_design import species, study_design
from store.errors import LittrackError
from store.models import DeletedCitation, MeshHeading, PubmedRecord

__all__ = ["PubmedXMLError", "iter_records", "parse_pmids"]

Source = bytes | str | os.PathLike | BinaryIO

_RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation")
_SET_TAGS = frozenset({"PubmedArticleSet", "PubmedBookArticleSet"})
_RETRACTION_REFS = frozenset({"RetractionIn", "RetractedandRepublishedIn"})


_RECORD_DEFAULTS = {
    f.name: f.default
    for f in dataclasses.fields(PubmedRecord)
    if f.default is not dataclasses.MISSING
}
_FAST_MESH = not hasattr(MeshHeading, "__post_init__") and not hasattr(MeshHeading, "__slots__")
_FAST_RECORDS = (
    not hasattr(PubmedRecord, "__post_init__")
    and not hasattr(PubmedRecord, "__slots__")
    and set(_RECORD_DEFAULTS) | {"pmid"} == {f.name for f in dataclasses.fields(PubmedRecord)}
)


def _record(fields: dict) -> PubmedRecord:
    """Build a PubmedRecord without the frozen dataclass __init__ (one object.__setattr__
    per field: 3 of every 40 microseconds a record costs). Equal to PubmedRecord(**fields);
    falls back to the constructor if the model ever gains slots or a __post_init__."""
    if not _FAST_RECORDS:
        return PubmedRecord(**fields)
    record = object.__new__(PubmedRecord)
    state = record.__dict__
    state.update(_RECORD_DEFAULTS)
    state.update(fields)
    return record


class PubmedXMLError(LittrackError):
    """The XML is truncated, malformed, or not a PubMed article set."""


def iter_records(
    source: Source, *, name: str | None = None
) -> Iterator[PubmedRecord | DeletedCitation]:
    """Yield every record of a PubMed XML document in file order.

    `source` is bytes, a path (gzip is detected by its magic bytes, whatever the suffix) or a
    binary file object. `name` labels error messages (default: the path, or "PubMed XML").
    A fault raises PubmedXMLError only after every complete record before it was yielded.
    """
    stream, label, owned = _open(source, name)
    context = etree.iterparse(
        stream,
        events=("end",),
        tag=_RECORD_TAGS,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    try:
        try:
            for _event, element in context:
                tag = element.tag
                if tag == "PubmedArticle":
                    yield _article(element)
                elif tag == "PubmedBookArticle":
                    yield _book_article(element)
                else:
                    for child in element:
                        if child.tag == "PMID" and child.text:
                            yield DeletedCitation(pmid=int(child.text))
                _forget(element)
        except etree.XMLSyntaxError as exc:
            raise PubmedXMLError(f"{label}: {_syntax_message(exc)}") from None
        except (EOFError, OSError, zlib.error) as exc:
            raise PubmedXMLError(f"{label}: unreadable input: {exc}") from None
        root = context.root
        if root is None or root.tag not in _SET_TAGS:
            raise PubmedXMLError(f"{label}: not a PubMed article set: {_describe_root(root)}")
    finally:
        if owned:
            stream.close()


def parse_pmids(source: Source, *, name: str | None = None) -> list[int]:
    """PMIDs of the articles and books in an efetch answer, in order (deletions excluded)."""
    return [r.pmid for r in iter_records(source, name=name) if isinstance(r, PubmedRecord)]


# --- input -------------------------------------------------------------------------------


def _open(source: Source, name: str | None) -> tuple[BinaryIO | str, str, bool]:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if data[:2] == b"\x1f\x8b":
            return gzip.GzipFile(fileobj=io.BytesIO(data)), name or "PubMed XML (gzip)", True
        return io.BytesIO(data), name or "PubMed XML", True
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed by iter_records
        except OSError as exc:
            raise PubmedXMLError(f"{path}: cannot open: {exc.strerror}") from None
        if handle.read(2) == b"\x1f\x8b":
            handle.seek(0)
            return gzip.GzipFile(fileobj=handle, mode="rb"), name or path, True
        handle.close()
        # A plain file goes to libxml2 by name: it reads in C, not through Python read().
        return path, name or path, False
    return source, name or getattr(source, "name", None) or "PubMed XML", False


def _forget(element: etree._Element) -> None:
    """Drop a finished record and every earlier sibling so the tree never grows."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _syntax_message(exc: etree.XMLSyntaxError) -> str:
    line = exc.lineno or (exc.position[0] if exc.position else 0)
    text = (exc.msg or str(exc)).splitlines()[0].split(", line ")[0]
    if line < 1:
        return f"empty or unreadable document ({text})"
    return f"line {line}: malformed or truncated XML ({text})"


def _describe_root(root: etree._Element | None) -> str:
    if root is None:
        return "empty document"
    message = " ".join("".join(root.itertext()).split())[:120]
    return f"root <{root.tag}>" + (f": {message}" if message else "")


# --- text helpers ------------------------------------------------------------------------


_ASCII_SPACE = " \t\n\r"
_SPACE_RUN = re.compile(r"[ \t\n\r]+")


def _text(element: etree._Element) -> str:
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


def _iso_of(element: etree._Element) -> str | None:
    """DateRevised, ArticleDate, PubMedPubDate: numeric parts (padded or not)."""
    if len(element) >= 3:
        # The DTD fixes the order (Year, Month, Day, Hour?, ...): read by position.
        first, second, third = element[0], element[1], element[2]
        if first.tag == "Year" and second.tag == "Month" and third.tag == "Day":
            try:
                return f"{int(first.text):04d}-{int(second.text):02d}-{int(third.text):02d}"
            except (TypeError, ValueError):
                pass
    year = month = day = None
    for child in element:
        tag = child.tag
        if tag == "Year":
            year = child.text
        elif tag == "Month":
            month = child.text
        elif tag == "Day":
            day = child.text
    try:
        if day is not None and month is not None:
            return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
        if month is not None:
            return f"{int(year):04d}-{int(month):02d}"
        return f"{int(year):04d}"
    except (TypeError, ValueError):
        return iso(*ymd(year, month, day))  # a month name, or a part missing


# --- journal articles --------------------------------------------------------------------


def _article(element: etree._Element) -> PubmedRecord:
    fields: dict = {}
    citation = data = None
    for child in element:
        if child.tag == "MedlineCitation":
            citation = child
        elif child.tag == "PubmedData":
            data = child
    if citation is None:
        raise PubmedXMLError(f"line {element.sourceline}: PubmedArticle without MedlineCitation")
    fields["citation_status"] = citation.get("Status", "")
    mesh: list[MeshHeading] = []
    keywords: list[str] = []
    retraction_in: list[int] = []
    erratum_in: list[int] = []
    retraction_noted = False
    eloc_doi = None
    for child in citation:
        tag = child.tag
        if tag == "PMID":
            fields["pmid"] = int(child.text)
        elif tag == "Article":
            eloc_doi = _journal_article(child, fields)
        elif tag == "MeshHeadingList":
            mesh.extend([_mesh_heading(h) for h in child])
        elif tag == "KeywordList":
            keywords.extend([t for t in map(_text, child) if t])
        elif tag == "DateRevised":
            fields["date_revised"] = _iso_of(child)
        elif tag == "CommentsCorrectionsList":
            for link in child:
                ref_type = link.get("RefType")
                if ref_type in _RETRACTION_REFS or ref_type == "ErratumIn":
                    pmid = _child_int(link, "PMID")
                    if ref_type == "ErratumIn":
                        if pmid is not None:
                            erratum_in.append(pmid)
                    else:
                        retraction_noted = True
                        if ref_type == "RetractionIn" and pmid is not None:
                            retraction_in.append(pmid)
    ids: dict[str, str] = {}
    if data is not None:
        for child in data:
            tag = child.tag
            if tag == "ArticleIdList":
                ids = _article_ids(child)
            elif tag == "History":
                fields["entrez_date"] = _entrez_date(child)
    publication_types = fields.get("publication_types", ())
    mesh_tuple = tuple(mesh)
    humans, animals = species(mesh_tuple) if mesh_tuple else (False, False)
    fields["mesh"] = mesh_tuple
    fields["keywords"] = tuple(keywords)
    fields["doi"] = eloc_doi or ids.get("doi")
    fields["pmc"] = ids.get("pmc")
    fields["retracted"] = retraction_noted or "Retracted Publication" in publication_types
    fields["retraction_in"] = tuple(retraction_in)
    fields["erratum_in"] = tuple(erratum_in)
    fields["study_design"] = study_design(publication_types)
    fields["humans"] = humans
    fields["animals"] = animals
    return _record(fields)


def _journal_article(article: etree._Element, fields: dict) -> str | None:
    """Fill fields from MedlineCitation/Article; return the article's own DOI if given."""
    doi = None
    title = vernacular = ""
    authors: list[str] = []
    languages: list[str] = []
    publication_types: list[str] = []
    for child in article:
        tag = child.tag
        if tag == "Journal":
            _journal(child, fields)
        elif tag == "ArticleTitle":
            title = _text(child)
        elif tag == "Abstract":
            fields["abstract"] = _abstract(child)
        elif tag == "AuthorList":
            authors.extend(_authors(child))
        elif tag == "Language":
            languages.append(child.text or "")
        elif tag == "PublicationTypeList":
            publication_types.extend(p.text or "" for p in child)
        elif tag == "Pagination":
            fields["pages"] = _pages(child)
        elif tag == "ELocationID":
            if doi is None and child.get("EIdType") == "doi" and child.get("ValidYN") != "N":
                doi = _text(child) or None
        elif tag == "ArticleDate":
            if (
                child.get("DateType", "Electronic") == "Electronic"
                and "electronic_date" not in fields
            ):
                fields["electronic_date"] = _iso_of(child)
        elif tag == "VernacularTitle":
            vernacular = _text(child)
    fields["title"] = title or vernacular
    fields["authors"] = tuple(authors)
    fields["languages"] = tuple(languages)
    fields["publication_types"] = tuple(publication_types)
    return doi


def _journal(journal: etree._Element, fields: dict) -> None:
    for child in journal:
        tag = child.tag
        if tag == "Title":
            fields["journal"] = _text(child)
        elif tag == "ISOAbbreviation":
            fields["journal_iso"] = child.text or ""
        elif tag == "JournalIssue":
            for part in child:
                ptag = part.tag
                if ptag == "Volume":
                    fields["volume"] = part.text or ""
                elif ptag == "Issue":
                    fields["issue"] = part.text or ""
                elif ptag == "PubDate":
                    _pub_date(part, fields)


def _pub_date(pub_date: etree._Element, fields: dict) -> None:
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
            medline = _text(child)
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


def _pages(pagination: etree._Element) -> str:
    start = end = ""
    for child in pagination:
        tag = child.tag
        if tag == "MedlinePgn":
            text = _text(child)
            if text:
                return text
        elif tag == "StartPage":
            start = _text(child)
        elif tag == "EndPage":
            end = _text(child)
    return f"{start}-{end}" if start and end else start or end


def _abstract(abstract: etree._Element) -> str:
    sections = []
    for child in abstract:
        if child.tag == "AbstractText":
            text = _text(child)
            label = child.get("Label")
            if label:
                sections.append(f"{label.strip()}: {text}" if text else f"{label.strip()}:")
            elif text:
                sections.append(text)
    return "\n\n".join(sections)


def _authors(author_list: etree._Element) -> list[str]:
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
                last = _text(part)  # may wrap over lines or carry markup
            elif tag == "AffiliationInfo" or tag == "Identifier":
                break  # the name parts come first (DTD order); skip the affiliations
        if last:
            names.append(f"{last} {initials}" if initials else last)
        elif fore:
            names.append(fore)
    return names


def _mesh_heading(heading: etree._Element) -> MeshHeading:
    """DescriptorName first, then its QualifierNames (DTD order)."""
    children = iter(heading)
    descriptor = next(children, None)
    if descriptor is None or descriptor.tag != "DescriptorName":
        return _mesh_heading_any_order(heading)
    qualifiers = tuple(
        [(q.text or "", q.get("MajorTopicYN") == "Y") for q in children if q.tag == "QualifierName"]
    )
    name, ui = descriptor.text or "", descriptor.get("UI", "")
    major = descriptor.get("MajorTopicYN") == "Y"
    if not _FAST_MESH:
        return MeshHeading(name, ui, major, qualifiers)
    # As in _record: skip the frozen __init__ (a MEDLINE record has 10-30 headings).
    heading = object.__new__(MeshHeading)
    heading.__dict__.update(descriptor=name, ui=ui, major=major, qualifiers=qualifiers)
    return heading


def _mesh_heading_any_order(heading: etree._Element) -> MeshHeading:
    descriptor = ui = ""
    major = False
    qualifiers = []
    for child in heading:
        tag = child.tag
        if tag == "DescriptorName":
            descriptor = child.text or ""
            ui = child.get("UI", "")
            major = child.get("MajorTopicYN") == "Y"
        elif tag == "QualifierName":
            qualifiers.append((child.text or "", child.get("MajorTopicYN") == "Y"))
    return MeshHeading(descriptor, ui, major, tuple(qualifiers))


def _article_ids(id_list: etree._Element) -> dict[str, str]:
    ids: dict[str, str] = {}
    for child in id_list:
        id_type = child.get("IdType")
        if id_type and id_type not in ids:
            value = _text(child)
            if value:
                ids[id_type] = value
    return ids


_ENTREZ = etree.XPath('PubMedPubDate[@PubStatus="entrez" or @PubStatus="pubmed"]')


def _entrez_date(history: etree._Element) -> str | None:
    """PubStatus "entrez" (when PubMed listed the record), else "pubmed"."""
    dates = _ENTREZ(history)
    for pub_date in dates:
        if pub_date.get("PubStatus") == "entrez":
            return _iso_of(pub_date)
    return _iso_of(dates[0]) if dates else None


def _child_int(element: etree._Element, tag: str) -> int | None:
    for child in element:
        if child.tag == tag:
            text = (child.text or "").strip()
            return int(text) if text.isdigit() else None
    return None


# --- book documents ----------------------------------------------------------------------


def _book_article(element: etree._Element) -> PubmedRecord:
    """PubmedBookArticle: GeneReviews chapters, NAP reports. Dates come from the chapter's
    ContributionDate when present, else the book's PubDate."""
    fields: dict = {"is_book": True}
    document = book_data = None
    for child in element:
        if child.tag == "BookDocument":
            document = child
        elif child.tag == "PubmedBookData":
            book_data = child
    if document is None:
        raise PubmedXMLError(f"line {element.sourceline}: PubmedBookArticle without BookDocument")
    title = book_title = ""
    authors: list[str] = []
    book_authors: list[str] = []
    languages: list[str] = []
    publication_types: list[str] = []
    keywords: list[str] = []
    ids: dict[str, str] = {}
    doi = None
    book_date = contribution = None
    for child in document:
        tag = child.tag
        if tag == "PMID":
            fields["pmid"] = int(child.text)
        elif tag == "ArticleTitle":
            title = _text(child)
        elif tag == "Book":
            for part in child:
                ptag = part.tag
                if ptag == "BookTitle":
                    book_title = _text(part)
                elif ptag == "PubDate":
                    book_date = part
                elif ptag == "AuthorList" and part.get("Type", "authors") == "authors":
                    book_authors.extend(_authors(part))
                elif ptag == "Volume":
                    fields["volume"] = _text(part)
                elif ptag == "Language":
                    languages.append(part.text or "")
                elif ptag == "ELocationID" and doi is None and part.get("EIdType") == "doi":
                    doi = _text(part) or None
        elif tag == "AuthorList" and child.get("Type", "authors") == "authors":
            authors.extend(_authors(child))
        elif tag == "Language":
            languages.append(child.text or "")
        elif tag == "PublicationType":
            publication_types.append(_text(child))
        elif tag == "Abstract":
            fields["abstract"] = _abstract(child)
        elif tag == "KeywordList":
            keywords.extend(filter(None, (_text(k) for k in child)))
        elif tag == "ArticleIdList":
            ids = _article_ids(child)
        elif tag == "ELocationID" and child.get("EIdType") == "doi":
            doi = _text(child) or None
        elif tag == "ContributionDate":
            contribution = child
        elif tag == "DateRevised":
            fields["date_revised"] = _iso_of(child)
        elif tag == "Pagination":
            fields["pages"] = _pages(child)
    if book_data is not None:
        for child in book_data:
            if child.tag == "History":
                fields["entrez_date"] = _entrez_date(child)
            elif child.tag == "ArticleIdList":
                for key, value in _article_ids(child).items():
                    ids.setdefault(key, value)
    date_element = contribution if contribution is not None else book_date
    if date_element is not None:
        _pub_date(date_element, fields)
    pts = tuple(publication_types)
    return PubmedRecord(
        **fields,
        title=title or book_title,
        journal=book_title,
        authors=tuple(authors or book_authors),
        languages=tuple(languages),
        publication_types=pts,
        keywords=tuple(keywords),
        doi=doi or ids.get("doi"),
        pmc=ids.get("pmc"),
        retracted="Retracted Publication" in pts,
        study_design=study_design(pts),
    )
