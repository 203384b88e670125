"""One PubMed/DOI link builder and one Markdown escaper, shared by the dashboard, the digest
and the exports; one table of date bases shared by the dashboard and `export --by`."""

from __future__ import annotations

import math

import click
import pytest

from store.evidence.counting import DATE_BASES
from store.formats.links import doi_url, pubmed_url
from store.formats.markdown import md_escape


def test_pubmed_url():
    assert pubmed_url(34089140) == "https://pubmed.ncbi.nlm.nih.gov/34089140/"
    assert pubmed_url("34089140") == "https://pubmed.ncbi.nlm.nih.gov/34089140/"


@pytest.mark.parametrize(
    "doi,url",
    [
        ("10.1007/s11910-021-01128-9", "https://doi.org/10.1007/s11910-021-01128-9"),
        (" 10.1000/xyz ", "https://doi.org/10.1000/xyz"),
        ("10.1002/(SICI)1097<0>#x", "https://doi.org/10.1002/(SICI)1097%3C0%3E%23x"),
        (None, ""),
        (math.nan, ""),
        ("", ""),
    ],
)
def test_doi_url(doi, url):
    assert doi_url(doi) == url


def test_md_escape_shows_a_title_as_written():
    # (a word joiner after "http:" keeps Markdown from autolinking it: issue 11, finding 22)
    assert md_escape("**Bold** <b>x</b>\n[a](http://x)") == (
        r"\*\*Bold\*\* \<b\>x\</b\> \[a\]\(http\:" + "\u2060" + r"//x\)"
    )
    assert md_escape("1. Ketamine - $5 a dose") == r"1\. Ketamine \- \$5 a dose"


def test_the_dashboard_and_the_digest_use_the_shared_helpers():
    from dashboard.parts import widgets as blocks
    from fetchers.ops import digest
    from store.read import publications

    assert digest.md_escape is md_escape and digest.doi_url is doi_url
    assert publications.doi_url is doi_url and publications.pubmed_url is pubmed_url
    assert not hasattr(blocks, "_MD_SPECIAL")


def test_export_by_offers_the_date_bases():
    from fetchers.cli.export import export

    by = next(p for p in export.params if p.name == "basis")
    assert isinstance(by.type, click.Choice)
    assert list(by.type.choices) == list(DATE_BASES)
