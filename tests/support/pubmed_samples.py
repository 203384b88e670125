"""The real PubMed XML files in tests/samples and their counts from SUMMARY-counts.tsv.

Shared by the parser tests and bench/parse.py's default input."""

from __future__ import annotations

import gzip
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

_PATTERNS = (
    "efetch-*.xml",
    "efetch-metapub-pmid_xml/*.xml",
    "*.xml.gz",
    "extracted-from-cassettes/efetch-*",
    "ncbi-eutils-json-staging-2012/efetch.*.xml",
)


def pubmed_xml_files() -> list[Path]:
    """Every PubmedArticleSet file among the samples (esearch/einfo/... answers excluded)."""
    found = {path for pattern in _PATTERNS for path in SAMPLES.glob(pattern)}
    return sorted(found)


def sample_id(path: Path) -> str:
    return path.relative_to(SAMPLES).as_posix()


def read_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def summary_counts() -> dict[str, dict[str, int]]:
    """file → {"PubmedArticle": n, "Book": n, "DeleteCitationPMIDs": n} from the TSV."""
    counts: dict[str, dict[str, int]] = {}
    for line in (SAMPLES / "SUMMARY-counts.tsv").read_text(encoding="utf-8").splitlines():
        name, *columns = line.split("\t")
        values = dict(c.split("=", 1) for c in columns if "=" in c and not c.startswith("{"))
        if "PubmedArticle" in values:
            counts[name] = {
                key: int(values[key]) for key in ("PubmedArticle", "Book", "DeleteCitationPMIDs")
            }
    return counts
