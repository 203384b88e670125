"""The emulator's PubMed: real records from tests/samples, indexed per field.

Loading parses ~4,500 records once per test session; every emulator then works on a
`copy()`, which is cheap because the inverted index is copy-on-write (dicts are copied
shallowly, a posting set is duplicated only when a copy first changes it). So tests can
add, modify, clone and remove records without touching another emulator's corpus.
"""

from __future__ import annotations

import gzip
import re
import threading
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from lxml import etree

from tests.emulator.records import RecordFields, extract, key, split_records

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

# Sample files that hold PubMed records, in load order (first wins on a tie, see load_samples).
SAMPLE_GLOBS = (
    "efetch-*.xml",
    "efetch-metapub-pmid_xml/*.xml",
    "ketamine-subset-*.xml.gz",
    "baseline-excerpt-*.xml.gz",
    "medline-sample-*.xml.gz",
    "extracted-from-cassettes/efetch-*.xml",
    "extracted-from-cassettes/efetch-*.xml.gz",
    "ncbi-eutils-json-staging-2012/efetch.*.xml",
)

TOKEN_FIELDS = ("ti", "ab", "kw", "mh", "sh", "nm", "pt", "au", "ad", "ta")
EXACT_FIELDS = ("mh", "majr", "sh", "pt", "la", "sb", "au")

# MedlineCitation children that come after MeshHeadingList in the DTD.
AFTER_MESH = (
    "NumberOfReferences",
    "PersonalNameSubjectList",
    "OtherID",
    "OtherAbstract",
    "KeywordList",
    "CoiStatement",
    "SpaceFlightMission",
    "InvestigatorList",
    "GeneralNote",
)


def sample_files(samples: Path = SAMPLES) -> list[Path]:
    seen: set[Path] = set()
    files: list[Path] = []
    for pattern in SAMPLE_GLOBS:
        for path in sorted(samples.glob(pattern)):
            if path not in seen:
                seen.add(path)
                files.append(path)
    return files


def read_sample(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def _exact_keys(rec: RecordFields) -> dict[str, set[str]]:
    return {
        "mh": rec.mesh,
        "majr": rec.majr,
        "sh": rec.qualifiers,
        "pt": rec.pubtypes,
        "la": rec.languages,
        "sb": rec.subsets,
        "au": set(rec.authors),
    }


def _token_keys(rec: RecordFields) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for field_name, runs in rec.segments.items():
        bucket = keys.setdefault(field_name, set())
        for run in runs:
            bucket.update(run)
    return keys


def rewrite_pmid(xml: bytes, old: int, new: int) -> bytes:
    """Copy of a record under another PMID: its own PMID and ArticleId pubmed only.

    The first <PMID> in a record is always its own (MedlineCitation/BookDocument starts with
    it); later ones (CommentsCorrections) and ReferenceList ids belong to other articles.
    """
    xml = re.sub(
        rb"<PMID( [^>]*)?>" + str(old).encode() + rb"</PMID>",
        lambda m: m.group(0).replace(str(old).encode(), str(new).encode()),
        xml,
        count=1,
    )
    return xml.replace(
        b'<ArticleId IdType="pubmed">' + str(old).encode() + b"</ArticleId>",
        b'<ArticleId IdType="pubmed">' + str(new).encode() + b"</ArticleId>",
    )


def _set_date(parent: etree._Element, tag: str, day: date, before: Iterable[str] = ()) -> None:
    el = parent.find(tag)
    if el is None:
        el = etree.Element(tag)
        anchor = next((parent.find(t) for t in before if parent.find(t) is not None), None)
        if anchor is not None:
            anchor.addprevious(el)
        else:
            parent.append(el)
    for child in list(el):
        el.remove(child)
    for name, value in (
        ("Year", day.year),
        ("Month", f"{day.month:02d}"),
        ("Day", f"{day.day:02d}"),
    ):
        etree.SubElement(el, name).text = str(value)


class Corpus:
    """Records by PMID, their original bytes, and inverted indexes per field."""

    def __init__(self) -> None:
        self.xml: dict[int, bytes] = {}
        self.fields: dict[int, RecordFields] = {}
        self.source: dict[int, str] = {}
        self.tokens: dict[str, dict[str, set[int]]] = {f: {} for f in TOKEN_FIELDS}
        self.exact: dict[str, dict[str, set[int]]] = {f: {} for f in EXACT_FIELDS}
        self.ui: dict[str, str] = {}  # normalized descriptor / publication type -> UI
        self.lock = threading.RLock()
        self._owned: set[tuple[str, str, str]] = set()
        self._sorted_keys: dict[tuple[str, str], list[str]] = {}

    def __getstate__(self) -> dict:
        """Everything but the lock: the parsed samples go to other test workers as a pickle
        (tests/support/once_per_run.py)."""
        state = dict(self.__dict__)
        del state["lock"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.lock = threading.RLock()

    # -- copy-on-write plumbing -------------------------------------------------------
    def copy(self) -> Corpus:
        with self.lock:
            other = Corpus()
            other.xml = dict(self.xml)
            other.fields = dict(self.fields)
            other.source = dict(self.source)
            other.tokens = {f: dict(d) for f, d in self.tokens.items()}
            other.exact = {f: dict(d) for f, d in self.exact.items()}
            other.ui = dict(self.ui)
            other._sorted_keys = dict(self._sorted_keys)
            return other

    def _postings(self, kind: str, field_name: str, key: str) -> set[int]:
        table = (self.tokens if kind == "t" else self.exact)[field_name]
        owned = (kind, field_name, key)
        current = table.get(key)
        if current is None:
            current = table[key] = set()
            self._owned.add(owned)
            self._sorted_keys.pop((kind, field_name), None)
        elif owned not in self._owned:
            current = table[key] = set(current)
            self._owned.add(owned)
        return current

    def _index(self, pmids: set[int], rec: RecordFields) -> None:
        for field_name, keys in _token_keys(rec).items():
            for token in keys:
                self._postings("t", field_name, token).update(pmids)
        for field_name, keys in _exact_keys(rec).items():
            for value in keys:
                self._postings("e", field_name, value).update(pmids)

    def _unindex(self, pmid: int, rec: RecordFields) -> None:
        for field_name, keys in _token_keys(rec).items():
            for token in keys:
                self._postings("t", field_name, token).discard(pmid)
        for field_name, keys in _exact_keys(rec).items():
            for value in keys:
                self._postings("e", field_name, value).discard(pmid)

    def sorted_keys(self, kind: str, field_name: str) -> list[str]:
        """Keys of one index in order, for truncation (prefix) searches."""
        cached = self._sorted_keys.get((kind, field_name))
        if cached is None:
            table = (self.tokens if kind == "t" else self.exact)[field_name]
            cached = self._sorted_keys[(kind, field_name)] = sorted(table)
        return cached

    def knows_word(self, word: str) -> bool:
        return any(word in table for table in self.tokens.values())

    # -- reading ----------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.xml)

    def __contains__(self, pmid: int) -> bool:
        return pmid in self.xml

    def pmids(self) -> set[int]:
        return set(self.xml)

    # -- writing ----------------------------------------------------------------------
    def _put(self, pmid: int, xml: bytes, rec: RecordFields, source: str) -> None:
        if pmid in self.fields:
            self._unindex(pmid, self.fields[pmid])
        self.xml[pmid] = xml
        self.fields[pmid] = rec
        self.source[pmid] = source
        self._index({pmid}, rec)

    def add_xml(self, xml: bytes, source: str = "added") -> int:
        root = etree.fromstring(xml)
        pmid, rec = extract(root)
        for el in root.iter("DescriptorName", "PublicationType"):
            if el.get("UI"):
                self.ui.setdefault(key("".join(el.itertext())), el.get("UI"))
        with self.lock:
            self._put(pmid, xml, rec, source)
        return pmid

    def add_record(
        self,
        record: bytes | etree._Element,
        pmid: int | None = None,
        mdat: date | None = None,
        edat: date | None = None,
    ) -> int:
        """Add (or replace) one record; optional new PMID, DateRevised and entrez date."""
        xml = record if isinstance(record, bytes) else etree.tostring(record, encoding="utf-8")
        if not xml.lstrip().startswith(b"<Pubmed"):
            spans = split_records(xml)
            if len(spans) != 1:
                raise ValueError(f"add_record wants one record, got {len(spans)}")
            xml = spans[0]
        if pmid is not None:
            old = int(etree.fromstring(xml).findtext(".//PMID"))
            xml = rewrite_pmid(xml, old, pmid)
        if mdat is not None or edat is not None:
            xml = _redate(xml, mdat=mdat, edat=edat)
        return self.add_xml(xml)

    def remove_record(self, pmid: int) -> None:
        with self.lock:
            rec = self.fields.pop(pmid, None)
            if rec is None:
                raise KeyError(pmid)
            self._unindex(pmid, rec)
            del self.xml[pmid]
            self.source.pop(pmid, None)

    def modify_record(
        self,
        pmid: int,
        add_mesh: Iterable[str | tuple[str, bool]] = (),
        add_publication_types: Iterable[str] = (),
        mdat: date | None = None,
    ) -> None:
        """Index a record as NLM would weeks later: new MeSH/PTs and DateRevised = today.

        add_mesh items are descriptor names, or (name, major_topic) pairs.
        """
        with self.lock:
            root = etree.fromstring(self.xml[pmid])
            citation = root.find("MedlineCitation")
            if citation is None:
                raise ValueError(f"PMID {pmid}: only PubmedArticle records can be modified")
            mesh_list = citation.find("MeshHeadingList")
            if mesh_list is None:
                mesh_list = etree.Element("MeshHeadingList")
                anchor = next(
                    (citation.find(t) for t in AFTER_MESH if citation.find(t) is not None), None
                )
                if anchor is not None:
                    anchor.addprevious(mesh_list)
                else:
                    citation.append(mesh_list)
            for item in add_mesh:
                name, major = (item, False) if isinstance(item, str) else item
                heading = etree.SubElement(mesh_list, "MeshHeading")
                desc = etree.SubElement(heading, "DescriptorName")
                desc.set("UI", self.ui.get(key(name), "D000000"))
                desc.set("MajorTopicYN", "Y" if major else "N")
                desc.text = name
            pt_list = citation.find("Article/PublicationTypeList")
            for name in add_publication_types:
                pt = etree.SubElement(pt_list, "PublicationType")
                pt.set("UI", self.ui.get(key(name), "D000000"))
                pt.text = name
            day = mdat or date.today()
            _set_date(citation, "DateRevised", day, before=("Article",))
            xml = etree.tostring(root, encoding="unicode").encode("utf-8")
            _, rec = extract(root)
            self._put(pmid, xml, rec, self.source.get(pmid, "modified"))

    def clone_records(
        self, sources: list[int], n: int, start_pmid: int, edat: date | None = None
    ) -> list[int]:
        """n copies of `sources` (round robin) under PMIDs start_pmid, start_pmid+1, …"""
        if not sources:
            raise ValueError("clone_records: no source records")
        new_pmids = list(range(start_pmid, start_pmid + n))
        with self.lock:
            clash = [p for p in new_pmids if p in self.xml]
            if clash:
                raise ValueError(f"clone_records: PMID {clash[0]} already exists")
            groups: dict[int, set[int]] = {}
            for i, pmid in enumerate(new_pmids):
                groups.setdefault(sources[i % len(sources)], set()).add(pmid)
            for src, pmids in groups.items():
                rec = self.fields[src]
                if edat is not None:
                    rec = _with_edat(rec, edat)
                xml = self.xml[src]
                for pmid in pmids:
                    self.xml[pmid] = rewrite_pmid(xml, src, pmid)
                    self.fields[pmid] = rec
                    self.source[pmid] = f"clone of {src}"
                self._index(pmids, rec)
        return new_pmids


def _with_edat(rec: RecordFields, edat: date) -> RecordFields:
    from dataclasses import replace

    return replace(rec, edat=edat, crdt=edat)


def _redate(xml: bytes, mdat: date | None, edat: date | None) -> bytes:
    root = etree.fromstring(xml)
    citation = root.find("MedlineCitation")
    if citation is None:
        citation = root.find("BookDocument")
    if mdat is not None:
        _set_date(citation, "DateRevised", mdat, before=("Article",))
    if edat is not None:
        for el in root.iterfind(".//History/PubMedPubDate"):
            if el.get("PubStatus") in ("entrez", "pubmed"):
                el.find("Year").text = str(edat.year)
                el.find("Month").text = str(edat.month)
                el.find("Day").text = str(edat.day)
    return etree.tostring(root, encoding="unicode").encode("utf-8")


def load_samples(samples: Path = SAMPLES) -> Corpus:
    """Every PubmedArticle/PubmedBookArticle in the samples, one per PMID.

    When a PMID appears in several files, the version with the latest DateRevised wins
    (PubMed serves the current version); on a tie the first file in SAMPLE_GLOBS order.
    """
    corpus = Corpus()
    for path in sample_files(samples):
        rel = str(path.relative_to(samples))
        for span in split_records(read_sample(path)):
            root = etree.fromstring(span)
            pmid, rec = extract(root)
            for el in root.iter("DescriptorName", "PublicationType"):
                if el.get("UI"):
                    corpus.ui.setdefault(key("".join(el.itertext())), el.get("UI"))
            held = corpus.fields.get(pmid)
            if held is not None and held.mdat >= rec.mdat:
                continue
            corpus._put(pmid, span, rec, rel)
    return corpus
