"""Helpers shared by bench/fetch.py, store.py and dashboard.py.

The machine description, this process's peak memory, real sample records copied under new
PMIDs, and the one `name: key=value ...` summary line every benchmark ends with.
"""

from __future__ import annotations

import dataclasses
import gzip
import os
import platform
import re
import resource
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "tests" / "samples"
#: The three baseline excerpts: 4,000 real records of 2020-2021 PubMed, the bulk of the samples.
BASELINE_GLOB = "baseline-excerpt-*.xml.gz"


def machine() -> dict[str, str]:
    """nproc, CPU model (/proc/cpuinfo), RAM (as `free -g` reports total), Python, date."""
    cpu = platform.processor() or platform.machine()
    try:
        text = Path("/proc/cpuinfo").read_text()
        found = re.search(r"^model name\s*:\s*(.+)$", text, re.M)
        if found:
            cpu = found.group(1).strip()
    except OSError:
        pass
    ram = "?"
    try:
        meminfo = Path("/proc/meminfo").read_text()
        kb = int(re.search(r"^MemTotal:\s*(\d+)", meminfo, re.M).group(1))
        ram = f"{kb // (1024 * 1024)}"  # free -g truncates to whole GiB the same way
    except (OSError, AttributeError):
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "ram_gb": ram,
        "python": platform.python_version(),
        "date": datetime.now(UTC).strftime("%a %b %d %H:%M:%S UTC %Y"),
    }


def print_machine() -> None:
    m = machine()
    print(
        f"machine: nproc={m['nproc']} cpu={m['cpu']!r} ram_gb={m['ram_gb']} "
        f"python={m['python']} date={m['date']!r}"
    )


def peak_rss_mb() -> float:
    """This process's own peak RSS in MB.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over from a forking parent across exec,
    so a child started by a big parent would report the parent's peak.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def summary_line(name: str, values: dict[str, object]) -> str:
    """`name: k=v k=v ...`; floats get 3 significant decimals, so runs diff cleanly."""

    def show(value: object) -> str:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, float):
            return f"{value:.3f}" if value < 100 else f"{value:.0f}"
        return str(value)

    return f"{name}: " + " ".join(f"{k}={show(v)}" for k, v in values.items())


def baseline_files() -> list[Path]:
    files = sorted(SAMPLES.glob(BASELINE_GLOB))
    if not files:
        raise SystemExit(f"{SAMPLES}: no {BASELINE_GLOB} files (the real sample records)")
    return files


def sample_records(files: list[Path] | None = None) -> list:
    """Every PubmedRecord (DeleteCitations left out) of the files, parsed once, by pmid."""
    from fetchers.pubmed.records import iter_records
    from store.models import PubmedRecord

    seen: dict[int, PubmedRecord] = {}
    for path in files or baseline_files():
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        for record in iter_records(data):
            if isinstance(record, PubmedRecord):
                seen[record.pmid] = record
    if not seen:
        raise SystemExit("no PubmedArticle records in the sample files")
    return list(seen.values())


def copies(records: list, n: int, start_pmid: int) -> Iterator:
    """n records: the real ones round robin, each under a new PMID start_pmid, +1, ..."""
    for i in range(n):
        yield dataclasses.replace(records[i % len(records)], pmid=start_pmid + i)
