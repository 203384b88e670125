"""PubmedBookArticle → PubmedRecord: NCBI Bookshelf documents (GeneReviews chapters, NAP
reports) that PubMed lists among journal articles.

Unlike a journal article, the title, authors, DOI and date may sit on the book rather than
on the chapter; the chapter's own value wins when both are given (languages of both are
kept). The book's title is the record's journal.
"""

from __future__ import annotations

from lxml import etree

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
from fetchers.pubmed.study_design import study_design
from store.errors import PubmedXMLError
from store.models import PubmedRecord


# One branch per optional NCBI Bookshelf element; issue 11 splits it by part of the record.
def book_article(element: etree._Element) -> PubmedRecord:  # noqa: C901
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
            title = element_text(child)
        elif tag == "Book":
            for part in child:
                ptag = part.tag
                if ptag == "BookTitle":
                    book_title = element_text(part)
                elif ptag == "PubDate":
                    book_date = part
                elif ptag == "AuthorList" and part.get("Type", "authors") == "authors":
                    book_authors.extend(author_names(part))
                elif ptag == "Volume":
                    fields["volume"] = element_text(part)
                elif ptag == "Language":
                    languages.append(part.text or "")
                elif ptag == "ELocationID" and doi is None and part.get("EIdType") == "doi":
                    doi = element_text(part) or None
        elif tag == "AuthorList" and child.get("Type", "authors") == "authors":
            authors.extend(author_names(child))
        elif tag == "Language":
            languages.append(child.text or "")
        elif tag == "PublicationType":
            publication_types.append(element_text(child))
        elif tag == "Abstract":
            fields["abstract"] = abstract_text(child)
        elif tag == "KeywordList":
            keywords.extend(filter(None, (element_text(k) for k in child)))
        elif tag == "ArticleIdList":
            ids = article_ids(child)
        elif tag == "ELocationID" and child.get("EIdType") == "doi":
            doi = element_text(child) or None
        elif tag == "ContributionDate":
            contribution = child
        elif tag == "DateRevised":
            fields["date_revised"] = iso_date(child)
        elif tag == "Pagination":
            fields["pages"] = page_range(child)
    if book_data is not None:
        for child in book_data:
            if child.tag == "History":
                fields["entrez_date"] = entrez_date(child)
            elif child.tag == "ArticleIdList":
                for key, value in article_ids(child).items():
                    ids.setdefault(key, value)
    date_element = contribution if contribution is not None else book_date
    if date_element is not None:
        read_pub_date(date_element, fields)
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
