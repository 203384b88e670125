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

Book chapters (PubmedBookArticle) are read by fetchers.pubmed.books; the element readers both
share (text, dates, authors, abstract, ids, pages) are in fetchers.pubmed.elements.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import os
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from fetchers.pubmed.books import book_article
from fetchers.pubmed.design import design_fields, species_fields
from fetchers.pubmed.elements import (
    abstract_text,
    author_names,
    child_pmid,
    doi_and_pmc,
    element_text,
    entrez_date,
    iso_date,
    page_range,
    read_pub_date,
)
from fetchers.pubmed.errors import PubmedXMLError, RecordError
from fetchers.pubmed.limits import cap_data_banks, cap_fields, pmid_of
from fetchers.pubmed.skip_references import SkipReferenceLists
from store.evidence.wording import Wording
from store.models import DeletedCitation, MeshHeading, PubmedRecord, SkippedRecord

__all__ = ["PubmedXMLError", "iter_records", "parse_pmids"]

Item = PubmedRecord | DeletedCitation | SkippedRecord

Source = bytes | str | os.PathLike | BinaryIO

_RECORD_TAGS = ("PubmedArticle", "PubmedBookArticle", "DeleteCitation")
_SET_TAGS = frozenset({"PubmedArticleSet", "PubmedBookArticleSet"})
_RETRACTION_REFS = frozenset({"RetractionIn", "RetractedandRepublishedIn"})
#: CommentsCorrections kept (RefType → field); the others (CommentIn, CitedIn ...) are not.
_LINK_REFS = frozenset(
    {*_RETRACTION_REFS, "ErratumIn", "ExpressionOfConcernIn", "UpdateOf", "UpdateIn"}
)


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


def iter_records(source: Source, *, name: str | None = None) -> Iterator[Item]:
    """Yield every record of a PubMed XML document in file order.

    `source` is bytes, a path (gzip is detected by its magic bytes, whatever the suffix) or a
    binary file object. `name` labels error messages (default: the path, or "PubMed XML").
    A record that cannot be read (no usable PMID, ...) is yielded as a SkippedRecord in its
    place; a fault of the document raises PubmedXMLError only after every complete record
    before it was yielded.
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
            position = 0
            for _event, element in context:
                position += 1
                try:
                    if element.tag == "PubmedArticle":  # most records: no generator
                        item = _article(element)
                    else:
                        item = None
                        yield from _read(element)
                except RecordError as exc:
                    yield SkippedRecord(position, str(exc), _pmid_or_none(element))
                except Exception as exc:  # whatever one record raises costs that record alone
                    reason = f"unreadable record: {type(exc).__name__}: {str(exc)[:200]}"
                    yield SkippedRecord(position, reason, _pmid_or_none(element))
                else:
                    if item is not None:
                        yield item
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


def _read(element: etree._Element) -> Iterator[PubmedRecord | DeletedCitation]:
    tag = element.tag
    if tag == "PubmedArticle":
        yield _article(element)
    elif tag == "PubmedBookArticle":
        yield book_article(element)
    else:
        for child in element:
            if child.tag == "PMID":
                yield DeletedCitation(pmid=pmid_of(child.text))


def _pmid_or_none(element: etree._Element) -> int | None:
    """The record's PMID if it has a valid one (the fault was elsewhere), else None."""
    for path in ("MedlineCitation/PMID", "BookDocument/PMID", "PMID"):
        pmid = element.find(path)
        if pmid is not None:
            try:
                return pmid_of(pmid.text)
            except RecordError:
                return None
    return None


def parse_pmids(source: Source, *, name: str | None = None) -> list[int]:
    """PMIDs of the articles and books in an efetch answer, in order (deletions excluded)."""
    return [r.pmid for r in iter_records(source, name=name) if isinstance(r, PubmedRecord)]


# --- input -------------------------------------------------------------------------------


def _open(source: Source, name: str | None) -> tuple[SkipReferenceLists, str, bool]:
    """The source as a stream without reference lists (see skip_references), its label, and
    whether iter_records opened it (and so must close it)."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        if data[:2] == b"\x1f\x8b":
            stream = gzip.GzipFile(fileobj=io.BytesIO(data))
            return SkipReferenceLists(stream), name or "PubMed XML (gzip)", True
        return SkipReferenceLists(io.BytesIO(data)), name or "PubMed XML", True
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        try:
            handle = open(path, "rb")  # closed by iter_records
        except OSError as exc:
            raise PubmedXMLError(f"{path}: cannot open: {exc.strerror}") from None
        if handle.read(2) == b"\x1f\x8b":
            handle.seek(0)
            return SkipReferenceLists(gzip.GzipFile(fileobj=handle, mode="rb")), name or path, True
        handle.seek(0)
        return SkipReferenceLists(handle), name or path, True
    label = name or getattr(source, "name", None) or "PubMed XML"
    return SkipReferenceLists(source), label, False


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
        raise RecordError("PubmedArticle without MedlineCitation")
    fields["citation_status"] = citation.get("Status", "")
    mesh: list[MeshHeading] = []
    keywords: list[str] = []
    retraction_in: list[int] = []
    erratum_in: list[int] = []
    updates: list[int] = []
    updated_by: list[int] = []
    data_banks: list[tuple[str, list[str]]] = []
    concern = retraction_noted = False
    eloc_doi = None
    for child in citation:
        tag = child.tag
        if tag == "PMID":
            fields["pmid"] = pmid_of(child.text)
        elif tag == "Article":
            eloc_doi = _journal_article(child, fields, data_banks)
        elif tag == "MeshHeadingList":
            mesh.extend(_mesh_list(child))
        elif tag == "KeywordList":
            keywords.extend([t for t in map(element_text, child) if t])
        elif tag == "DateRevised":
            fields["date_revised"] = iso_date(child)
        elif tag == "CommentsCorrectionsList":
            for link in child:
                ref_type = link.get("RefType")
                if ref_type not in _LINK_REFS:
                    continue
                pmid = child_pmid(link)
                if ref_type in _RETRACTION_REFS:
                    retraction_noted = True
                    if ref_type == "RetractionIn" and pmid is not None:
                        retraction_in.append(pmid)
                elif ref_type == "ExpressionOfConcernIn":
                    concern = True
                elif pmid is not None:
                    {"ErratumIn": erratum_in, "UpdateOf": updates, "UpdateIn": updated_by}[
                        ref_type
                    ].append(pmid)
    ids_doi = ids_pmc = None
    if data is not None:
        for child in data:
            tag = child.tag
            if tag == "ArticleIdList":
                ids_doi, ids_pmc = doi_and_pmc(child)
            elif tag == "History":
                fields["entrez_date"] = entrez_date(child)
    publication_types = fields.get("publication_types", ())
    banks_cut = False
    if data_banks:
        data_banks, banks_cut = cap_data_banks(data_banks)
    mesh_tuple = tuple(mesh)
    fields["mesh"] = mesh_tuple
    fields["keywords"] = tuple(keywords)
    fields["doi"] = eloc_doi or ids_doi
    fields["pmc"] = ids_pmc
    fields["retracted"] = retraction_noted or "Retracted Publication" in publication_types
    fields["retraction_in"] = tuple(retraction_in)
    fields["erratum_in"] = tuple(erratum_in)
    fields["concern"] = concern
    fields["updates"] = tuple(updates)
    fields["updated_by"] = tuple(updated_by)
    title, abstract = fields.get("title", ""), fields.get("abstract", "")
    wording = Wording(title, abstract)
    fields.update(
        design_fields(
            publication_types=publication_types,
            mesh=mesh_tuple,
            title=title,
            abstract=abstract,
            citation_status=fields["citation_status"],
            data_banks=data_banks,
            wording=wording,
        )
    )
    fields.update(species_fields(mesh_tuple, title, abstract, wording))
    if "pmid" not in fields:
        raise RecordError("no PMID")
    cap_fields(fields)
    if banks_cut:  # the DataBankList itself is not stored: name it as the list cut
        fields["cut_fields"] = (*fields.get("cut_fields", ()), "data_banks")
    return _record(fields)


def _journal_article(
    article: etree._Element, fields: dict, data_banks: list[tuple[str, list[str]]]
) -> str | None:
    """Fill fields from MedlineCitation/Article (and `data_banks` from its DataBankList);
    return the article's own DOI if given."""
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
            title = element_text(child)
        elif tag == "Abstract":
            fields["abstract"] = abstract_text(child)
        elif tag == "AuthorList":
            authors.extend(author_names(child))
        elif tag == "Language":
            languages.append(child.text or "")
        elif tag == "PublicationTypeList":
            publication_types.extend([p.text or "" for p in child])
        elif tag == "Pagination":
            fields["pages"] = page_range(child)
        elif tag == "ELocationID":
            if doi is None and child.get("EIdType") == "doi" and child.get("ValidYN") != "N":
                doi = element_text(child) or None
        elif tag == "ArticleDate":
            if (
                child.get("DateType", "Electronic") == "Electronic"
                and "electronic_date" not in fields
            ):
                fields["electronic_date"] = iso_date(child)
        elif tag == "VernacularTitle":
            vernacular = element_text(child)
        elif tag == "DataBankList":
            data_banks.extend(_data_banks(child))
    fields["title"] = title or vernacular
    fields["authors"] = tuple(authors)
    fields["languages"] = tuple(languages)
    fields["publication_types"] = tuple(publication_types)
    return doi


def _data_banks(data_bank_list: etree._Element) -> list[tuple[str, list[str]]]:
    """(DataBankName, accession numbers) per DataBank."""
    banks = []
    for bank in data_bank_list:
        name, numbers = "", []
        for part in bank:
            if part.tag == "DataBankName":
                name = element_text(part)
            elif part.tag == "AccessionNumberList":
                numbers.extend(element_text(n) for n in part)
        banks.append((name, numbers))
    return banks


def _journal(journal: etree._Element, fields: dict) -> None:
    for child in journal:
        tag = child.tag
        if tag == "Title":
            fields["journal"] = element_text(child)
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
                    read_pub_date(part, fields)


def _mesh_list(heading_list: etree._Element) -> list[MeshHeading]:
    """Every MeshHeading: DescriptorName first, then its QualifierNames (DTD order); a
    heading in another order is read by _mesh_heading_any_order. One loop for the list (a
    MEDLINE record has 10-30 headings), not a call per heading."""
    headings = []
    for heading in heading_list:
        descriptor = None
        qualifiers = []
        for part in heading:
            if descriptor is None:
                if part.tag != "DescriptorName":
                    break
                descriptor = part
            elif part.tag == "QualifierName":
                qualifiers.append((part.text or "", part.get("MajorTopicYN") == "Y"))
        if descriptor is None:
            headings.append(_mesh_heading_any_order(heading))
            continue
        name, ui = descriptor.text or "", descriptor.get("UI", "")
        major = descriptor.get("MajorTopicYN") == "Y"
        if not _FAST_MESH:
            headings.append(MeshHeading(name, ui, major, tuple(qualifiers)))
            continue
        # As in _record: skip the frozen __init__.
        made = object.__new__(MeshHeading)
        made.__dict__.update(descriptor=name, ui=ui, major=major, qualifiers=tuple(qualifiers))
        headings.append(made)
    return headings


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
