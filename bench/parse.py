"""Benchmark littrack's PubMed XML parser against Bio.Entrez.read and a bare lxml walk.

    python bench/parse.py [FILE ...] [--mb 50] [--repeat 2] [--skip-10x]
    python bench/parse.py --in-process [--mb 10]   # ratio to the floor, one process

The record elements of the given PubMed XML files (default: every sample in tests/samples)
are repeated into one PubmedArticleSet of at least --mb megabytes. Each engine runs in its
own subprocess so that its peak RSS (ru_maxrss) is its own:

- littrack: fetchers.pubmed.records.iter_records, building every PubmedRecord;
- bio_entrez: Bio.Entrez.read on the same bytes (DTD from Biopython's bundled copies);
- floor: lxml iterparse stopping at each record's end tag and clearing it, nothing else.

Memory flatness: littrack again on a file ten times larger. The last line is one
`parse: key=value ...` summary so that runs can be compared.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = (
    b'<?xml version="1.0" ?>\n'
    b'<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
    b'"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n<PubmedArticleSet>\n'
)
FOOTER = b"</PubmedArticleSet>\n"
RECORD = re.compile(rb"<(PubmedArticle|PubmedBookArticle)>.*?</\1>", re.DOTALL)


def default_files() -> list[Path]:
    from tests.support.pubmed_samples import pubmed_xml_files

    # The 2012 files (pubmed_130101 DTD) put Affiliation directly under Author, which
    # Bio.Entrez cannot fit into the 2025 DTD of the combined input: leave their 3 records out.
    return [p for p in pubmed_xml_files() if "staging-2012" not in str(p)]


def record_chunks(files: list[Path]) -> list[bytes]:
    chunks = []
    for path in files:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        chunks.extend(m.group(0) for m in RECORD.finditer(data))
    if not chunks:
        raise SystemExit("parse.py: no PubmedArticle or PubmedBookArticle in the given files")
    return chunks


def build_input(chunks: list[bytes], min_bytes: int, path: Path) -> tuple[int, int]:
    """Write whole copies of the record set until the file holds at least min_bytes."""
    unit = b"\n".join(chunks) + b"\n"
    copies = max(1, -(-min_bytes // len(unit)))
    with open(path, "wb") as out:
        out.write(HEADER)
        for _ in range(copies):
            out.write(unit)
        out.write(FOOTER)
    return copies * len(chunks), path.stat().st_size


# --- engines (run inside a child process) -------------------------------------------------


def run_littrack(path: str) -> int:
    from fetchers.pubmed.records import iter_records

    count = 0
    for _record in iter_records(path):
        count += 1
    return count


def run_bio_entrez(path: str) -> int:
    from Bio import Entrez

    with open(path, "rb") as handle:
        # validate=False: the mixed input puts 2012-2019 records (DateCreated, ...) under the
        # 2025 DTD, which no longer lists those tags. The DTD is still loaded (bundled copy).
        result = Entrez.read(handle, validate=False)
    return len(result["PubmedArticle"]) + len(result["PubmedBookArticle"])


def run_floor(path: str) -> int:
    from lxml import etree

    count = 0
    for _event, element in etree.iterparse(
        path,
        events=("end",),
        tag=("PubmedArticle", "PubmedBookArticle", "DeleteCitation"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=True,
    ):
        count += 1
        element.clear(keep_tail=False)
        parent = element.getparent()
        while element.getprevious() is not None:
            del parent[0]
    return count


ENGINES = {"littrack": run_littrack, "bio_entrez": run_bio_entrez, "floor": run_floor}


def floor_ratio(path: str, repeat: int = 7) -> float:
    """Our parse's speed as a share of the bare lxml floor, in this one process: the two
    run in turn on the same file (floor, littrack, floor, littrack ...), each pair gives
    floor CPU seconds / littrack CPU seconds, and the median pair is returned. Pairing and
    the median keep the figure steady on a loaded machine, where absolute rates are not
    (tests/test_parse_guard.py checks it)."""
    ratios = []
    for _ in range(max(1, repeat)):
        start = time.process_time()
        run_floor(path)
        floor = time.process_time() - start
        start = time.process_time()
        run_littrack(path)
        ours = time.process_time() - start
        ratios.append(floor / ours)
    ratios.sort()
    return ratios[len(ratios) // 2]


def peak_rss_kb() -> int:
    """This process's own peak RSS. ru_maxrss is not used: Linux carries it over from the
    forking parent across exec, so a child would report the driver's peak."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(engine: str, path: str) -> None:
    before = peak_rss_kb()
    start, start_cpu = time.perf_counter(), time.process_time()
    records = ENGINES[engine](path)
    cpu = time.process_time() - start_cpu
    wall = time.perf_counter() - start
    # Rates use this process's CPU time: the parse is single-threaded, so on an idle machine
    # CPU time equals wall time, and on a busy one it is not inflated by other processes.
    print(
        json.dumps(
            {
                "records": records,
                "seconds": cpu,
                "wall": wall,
                "peak_kb": peak_rss_kb(),
                "start_kb": before,
            }
        )
    )


def measure(engine: str, path: Path) -> dict:
    answer = subprocess.run(
        [sys.executable, __file__, "--child", engine, str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(answer.stdout.strip().splitlines()[-1])


def best_of(engine: str, path: Path, repeat: int) -> dict:
    runs = [measure(engine, path) for _ in range(max(1, repeat))]
    return min(runs, key=lambda r: r["seconds"])


# --- driver ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help="PubMed XML files (.xml or .xml.gz)")
    parser.add_argument("--mb", type=float, default=50.0, help="minimum input size in MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs of littrack/floor; best kept")
    parser.add_argument("--skip-10x", action="store_true", help="skip the 10x memory run")
    parser.add_argument("--skip-bio", action="store_true", help="skip Bio.Entrez (slow)")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="only the in-process ratio to the floor (median of interleaved runs)",
    )
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    if args.in_process:
        files = args.files or default_files()
        with tempfile.TemporaryDirectory(prefix="littrack-bench-") as tmp:
            base = Path(tmp) / "input.xml"
            build_input(record_chunks(files), int(args.mb * 1e6), base)
            ratio = floor_ratio(str(base), max(args.repeat, 5))
        print(f"parse: in_process_pct_of_floor={100 * ratio:.0f}")
        return 0

    files = args.files or default_files()
    chunks = record_chunks(files)
    with tempfile.TemporaryDirectory(prefix="littrack-bench-") as tmp:
        base = Path(tmp) / "input.xml"
        records, size = build_input(chunks, int(args.mb * 1e6), base)
        mb = size / 1e6
        print(
            f"input: {len(files)} files, {len(chunks)} distinct records, "
            f"{records} records, {mb:.1f} MB"
        )
        results = {
            "littrack": best_of("littrack", base, args.repeat),
            "floor": best_of("floor", base, args.repeat),
        }
        if not args.skip_bio:
            results["bio_entrez"] = measure("bio_entrez", base)
        for engine, result in results.items():
            assert result["records"] == records, (engine, result["records"], records)
            print(
                f"{engine:>10}: {result['records'] / result['seconds']:>9.0f} rec/s "
                f"{mb / result['seconds']:>7.1f} MB/s  {result['seconds']:>7.2f} s cpu "
                f"{result['wall']:>7.2f} s wall  "
                f"peak {result['peak_kb'] / 1024:>7.1f} MB"
            )
        peak_10x = None
        if not args.skip_10x:
            big = Path(tmp) / "input-10x.xml"
            records_10x, size_10x = build_input(chunks, 10 * size, big)
            base.unlink()
            result = measure("littrack", big)
            assert result["records"] == records_10x
            peak_10x = result["peak_kb"] / 1024
            print(
                f"littrack 10x: {size_10x / 1e6:.0f} MB, {result['records']} records, "
                f"{result['records'] / result['seconds']:.0f} rec/s, peak {peak_10x:.1f} MB"
            )

    ours = results["littrack"]
    rec_per_s = ours["records"] / ours["seconds"]
    pct_floor = 100 * results["floor"]["seconds"] / ours["seconds"]
    summary = {
        "records": ours["records"],
        "rec_per_s": f"{rec_per_s:.0f}",
        "mb_per_s": f"{mb / ours['seconds']:.1f}",
        "vs_bio_entrez": (
            f"{results['bio_entrez']['seconds'] / ours['seconds']:.1f}"
            if "bio_entrez" in results
            else "skipped"
        ),
        "pct_of_floor": f"{pct_floor:.0f}",
        "peak_mb": f"{ours['peak_kb'] / 1024:.1f}",
        "peak_mb_10x": f"{peak_10x:.1f}" if peak_10x is not None else "skipped",
    }
    if peak_10x is not None:
        summary["mem_ratio_10x"] = f"{peak_10x / (ours['peak_kb'] / 1024):.2f}"
    print("parse: " + " ".join(f"{k}={v}" for k, v in summary.items()))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
