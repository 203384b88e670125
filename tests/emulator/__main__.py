"""Run the E-utilities emulator by hand: python -m tests.emulator --port 8765"""

from __future__ import annotations

import argparse
import time

from tests.emulator.server import EutilsEmulator


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tests.emulator",
        description="NCBI E-utilities emulator for PubMed, serving tests/samples records.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port (0 = any free port)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to answers")
    parser.add_argument("--no-rate-limit", action="store_true", help="never answer 429")
    parser.add_argument("--clone", type=int, default=0, metavar="N", help="add N cloned records")
    parser.add_argument(
        "--clone-query", default=None, help="query selecting the records to clone (default all)"
    )
    args = parser.parse_args(argv)
    print("E-utilities emulator: reading the sample records (about a minute)...", flush=True)
    emulator = EutilsEmulator(
        host=args.host,
        port=args.port,
        latency=args.latency,
        rate_limit_enabled=not args.no_rate_limit,
    )
    if args.clone:
        emulator.clone_records(args.clone, query=args.clone_query)
    emulator.start()
    print(f"E-utilities emulator: {len(emulator.corpus)} records at {emulator.url}", flush=True)
    print(f"  export LITTRACK_EUTILS_URL={emulator.url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()


if __name__ == "__main__":
    main()
