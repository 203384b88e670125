"""The reference-list cut: same bytes as a whole-document oracle, whatever the read sizes,
with line numbers kept, on real PubMed files."""

from __future__ import annotations

import gzip
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from fetchers.pubmed.skip_references import SkipReferenceLists

SAMPLES = Path(__file__).resolve().parent / "samples"
FILES = [
    SAMPLES / "baseline-excerpt-pubmed21n1298-head1500.xml.gz",
    SAMPLES / "baseline-excerpt-pubmed21n1298-tail1000-with-DeleteCitation.xml.gz",
    SAMPLES / "efetch-biopython-pubmed7.xml",
    SAMPLES / "efetch-metapub-PubmedBookArticle-20301577.xml",
]


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def _oracle(data: bytes) -> bytes:
    """Whole-document version: outermost ReferenceList blocks become their newlines."""
    out, depth, pos, start = [], 0, 0, 0
    for tag in re.finditer(rb"</?ReferenceList>", data):
        if tag.group().startswith(b"</"):
            depth -= 1
            if depth == 0:
                out.append(b"\n" * data.count(b"\n", start, tag.end()))
                pos = tag.end()
        else:
            if depth == 0:
                out.append(data[pos : tag.start()])
                start = tag.start()
            depth += 1
    out.append(data[pos:])
    return b"".join(out)


class _Trickle(io.RawIOBase):
    """A stream whose reads return at most a few bytes at a time (short reads)."""

    def __init__(self, data: bytes, sizes: list[int]) -> None:
        self._data, self._sizes, self._pos, self._i = data, sizes, 0, 0

    def read(self, n: int = -1) -> bytes:
        step = self._sizes[self._i % len(self._sizes)]
        self._i += 1
        chunk = self._data[self._pos : self._pos + min(step, n if n >= 0 else step)]
        self._pos += len(chunk)
        return chunk


def _drain(stream: SkipReferenceLists, size: int) -> bytes:
    parts = []
    while part := stream.read(size):
        parts.append(part)
    return b"".join(parts)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_cut_equals_the_oracle_and_keeps_lines(path):
    data = _read(path)
    assert b"<ReferenceList>" in data
    cut = _drain(SkipReferenceLists(io.BytesIO(data)), 1 << 14)
    assert cut == _oracle(data)
    assert b"ReferenceList" not in cut
    assert cut.count(b"\n") == data.count(b"\n")
    assert len(cut) < len(data)
    records = etree.fromstring(cut, etree.XMLParser(load_dtd=False, no_network=True))
    full = etree.fromstring(data, etree.XMLParser(load_dtd=False, no_network=True))
    assert len(records) == len(full)


@settings(max_examples=60, deadline=None)
@given(sizes=st.lists(st.integers(1, 40), min_size=1, max_size=8), size=st.integers(1, 5000))
def test_any_read_sizes_give_the_same_bytes(sizes, size):
    data = _read(FILES[2])
    expected = _oracle(data)
    assert _drain(SkipReferenceLists(_Trickle(data, sizes)), size) == expected


def test_nested_lists_and_text_around_them():
    data = (
        b"<PubmedData>a\n<ReferenceList><Title>R</Title>\n<Reference/>"
        b"<ReferenceList>\n<Reference/></ReferenceList>\n</ReferenceList>b</PubmedData>"
    )
    cut = SkipReferenceLists(io.BytesIO(data)).read()
    assert cut == b"<PubmedData>a\n\n\n\nb</PubmedData>"


def test_truncated_inside_a_list_stays_truncated():
    data = b"<PubmedArticleSet><PubmedArticle><ReferenceList><Reference>"
    cut = SkipReferenceLists(io.BytesIO(data)).read()
    assert cut == b"<PubmedArticleSet><PubmedArticle>"


@pytest.mark.parametrize("size", [1, 7, 16, 1 << 14])
def test_the_tag_names_as_text_are_not_tags(size):
    """Inside a list, "ReferenceList>" in text (a '>' needs no escaping) is neither an
    opening nor a closing tag; the cut equals the oracle whatever the read size."""
    data = (
        b"<A>x ReferenceList> y\n<ReferenceList><Citation>a ReferenceList> b /ReferenceList>"
        b"\n</Citation><ReferenceList>c</ReferenceList>\n</ReferenceList>z ReferenceList></A>"
    )
    cut = _drain(SkipReferenceLists(_Trickle(data, [size])), size)
    assert cut == _oracle(data) == b"<A>x ReferenceList> y\n\n\nz ReferenceList></A>"
