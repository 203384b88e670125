"""PubmedBookArticle → PubmedRecord: NCBI Bookshelf documents (GeneReviews chapters, NAP
reports) that PubMed lists among journal articles.

Unlike a journal article, the title, authors, DOI and date may sit on the book rather than
on the chapter; the chapter's own value wins when both are given (languages of both are
kept). The book's title is the record's journal. Reading is split the way the XML is:
the chapter (BookDocument), the Book inside it, and PubmedBookData; a `_Book` collects
what each part found and `_record` resolves chapter-versus-book at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from fetchers.pubmed.design import design_fields
from fetchers.pubmed.elements import (
    abstract_text,
    article_ids,
    author_names,
    element_text,
    entrez_date,
    iso_date,
    page_range,
    read_pub_date,
)
from fetchers.pubmed.errors import RecordError
from fetchers.pubmed.limits import cap_fields, pmid_of
from store.models import PubmedRecord


@dataclass
class _Book:
    """What the parts of one PubmedBookArticle said, before chapter-versus-book is decided."""

    fields: dict = field(default_factory=lambda: {"is_book": True})
    title: str = ""
    book_title: str = ""
    authors: list[str] = field(default_factory=list)
    book_authors: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    publication_types: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    doi: str | None = None
    book_date: etree._Element | None = None
    contribution: etree._Element | None = None


def book_article(element: etree._Element) -> PubmedRecord:
    """PubmedBookArticle: GeneReviews chapters, NAP reports. Dates come from the chapter's
    ContributionDate when present, else the book's PubDate."""
    document = element.find("BookDocument")
    if document is None:
        raise RecordError("PubmedBookArticle without BookDocument")
    book = _Book()
    for child in document:
        _document_part(child, book)
    book_data = element.find("PubmedBookData")
    if book_data is not None:
        _book_data(book_data, book)
    return _record(book)


def _is_author_list(element: etree._Element) -> bool:
    return element.get("Type", "authors") == "authors"


def _document_part(child: etree._Element, book: _Book) -> None:
    """One child of BookDocument (the chapter)."""
    tag, fields = child.tag, book.fields
    if tag == "PMID":
        fields["pmid"] = pmid_of(child.text)
    elif tag == "ArticleTitle":
        book.title = element_text(child)
    elif tag == "Book":
        for part in child:
            _book_part(part, book)
    elif tag == "AuthorList" and _is_author_list(child):
        book.authors.extend(author_names(child))
    elif tag == "Language":
        book.languages.append(child.text or "")
    elif tag == "PublicationType":
        book.publication_types.append(element_text(child))
    elif tag == "Abstract":
        fields["abstract"] = abstract_text(child)
    elif tag == "KeywordList":
        book.keywords.extend(filter(None, (element_text(k) for k in child)))
    elif tag == "ArticleIdList":
        book.ids = article_ids(child)
    elif tag == "ELocationID" and child.get("EIdType") == "doi":
        book.doi = element_text(child) or None
    elif tag == "ContributionDate":
        book.contribution = child
    elif tag == "DateRevised":
        fields["date_revised"] = iso_date(child)
    elif tag == "Pagination":
        fields["pages"] = page_range(child)


def _book_part(part: etree._Element, book: _Book) -> None:
    """One child of BookDocument/Book (the book the chapter is in)."""
    tag = part.tag
    if tag == "BookTitle":
        book.book_title = element_text(part)
    elif tag == "PubDate":
        book.book_date = part
    elif tag == "AuthorList" and _is_author_list(part):
        book.book_authors.extend(author_names(part))
    elif tag == "Volume":
        book.fields["volume"] = element_text(part)
    elif tag == "Language":
        book.languages.append(part.text or "")
    elif tag == "ELocationID" and book.doi is None and part.get("EIdType") == "doi":
        book.doi = element_text(part) or None


def _book_data(book_data: etree._Element, book: _Book) -> None:
    """PubmedBookData: entry date, and ids the chapter did not give itself."""
    for child in book_data:
        if child.tag == "History":
            book.fields["entrez_date"] = entrez_date(child)
        elif child.tag == "ArticleIdList":
            for key, value in article_ids(child).items():
                book.ids.setdefault(key, value)


def _record(book: _Book) -> PubmedRecord:
    """The chapter's own values win over the book's."""
    fields = book.fields
    if "pmid" not in fields:
        raise RecordError("no PMID")
    date_element = book.contribution if book.contribution is not None else book.book_date
    if date_element is not None:
        read_pub_date(date_element, fields)
    pts = tuple(book.publication_types)
    fields.update(
        title=book.title or book.book_title,
        journal=book.book_title,
        authors=tuple(book.authors or book.book_authors),
        languages=tuple(book.languages),
        publication_types=pts,
        keywords=tuple(book.keywords),
        doi=book.doi or book.ids.get("doi"),
        pmc=book.ids.get("pmc"),
        retracted="Retracted Publication" in pts,
        **design_fields(
            publication_types=pts,
            title=book.title or book.book_title,
            abstract=fields.get("abstract", ""),
            citation_status=fields.get("citation_status", ""),
        ),
    )
    cap_fields(fields)
    return PubmedRecord(**fields)
