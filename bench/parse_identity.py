"""Check that a change to the PubMed XML parser leaves every parsed record as it was.

    python bench/parse_identity.py dump before.pkl       # on the code before the change
    python bench/parse_identity.py dump after.pkl        # on the code after it
    python bench/parse_identity.py compare before.pkl after.pkl

`dump` parses every PubMed XML sample in tests/samples (the records bench/parse.py repeats
into its input, and the 2012 files it leaves out) and writes, for every item in file order,
its type, its repr, every dataclass field and that field's type. `compare` reports every
item that differs and exits 1 if any does. Speed work on the parser (bench/RESULTS.md, parse)
must leave this at "0 differences".
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def dump(out: Path) -> int:
    from fetchers.pubmed.records import iter_records
    from tests.support.pubmed_samples import pubmed_xml_files

    items = []
    for path in pubmed_xml_files():
        name = str(Path(path).relative_to(ROOT))
        try:
            for item in iter_records(path):
                fields = {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}
                types = {key: type(value).__name__ for key, value in fields.items()}
                items.append((name, type(item).__name__, repr(item), fields, types))
        except Exception as exc:  # a document fault is part of what must not change
            items.append((name, "error", repr(exc), None, None))
    out.write_bytes(pickle.dumps(items))
    print(f"parse_identity: {len(items)} items from {len(pubmed_xml_files())} files -> {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    old = pickle.loads(before.read_bytes())
    new = pickle.loads(after.read_bytes())
    differences = 0
    if len(old) != len(new):
        print(f"item count differs: {len(old)} before, {len(new)} after")
        differences += 1
    for was, now in zip(old, new, strict=False):
        if was != now:
            differences += 1
            if differences <= 5:
                print(f"{was[0]}: {was[2][:200]}\n  now {now[2][:200]}")
    print(f"parse_identity: {len(new)} items, {differences} differences")
    return 1 if differences else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("out", type=Path)
    pair = sub.add_parser("compare")
    pair.add_argument("before", type=Path)
    pair.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        return dump(args.out)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
