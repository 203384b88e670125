"""How gently and how fast littrack's fetch treats E-utilities: requests and wall time.

    python bench/fetch.py [--latency 0.1] [--claims 9] [--big 10500] [--batch 500]

The E-utilities emulator (tests/emulator) runs on 127.0.0.1 with `--latency` seconds added
to every answer and NCBI's 3 requests/s limit for clients without an API key. The client is
the real one, without a key, at its own default pacing (no rate override). The outline
(written to a temporary YAML file) has `--claims` claims whose record sets overlap; the
first one matches more than 9,999 records because `--big` copies of its real records are
added under new PMIDs, so the fetch must split it by PMID range.

Two nights are run: the first fetch into an empty SQLite file, then a night with nothing
new. For each, the requests seen in the emulator's log are compared with the minimum the
workload needs, computed here from the emulator's own answer sets (not from the client):

- one search per claim;
- for a claim past 9,999: the [uid] range searches of EDirect's bisection over
  1..(highest PMID + 1,000), i.e. two searches per range that holds more than 9,999 (the
  whole range is known to, from the claim's own search); on a night with nothing new,
  instead, one search of a trailing modification-date window, as its ids do not fit in
  one answer;
- ceil(new unique records / batch) efetch requests.

Wall time is compared with requests / 3 (the rate limit), the time NCBI's limit alone
imposes. Year counts (the per-year Count searches for trends) are not part of this
workload: run_fetch is called with year_counts=False.
"""

from __future__ import annotations

import argparse
import bisect
import math
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import print_machine, summary_line

KETAMINE = "(ketamine[mh] OR ketamine[tiab])"
#: (claim id, query). The first is the big claim; its real records are the ones copied.
#: The others overlap it and each other (ketamine records in humans, animals, pain, ...).
CLAIMS = [
    ("ketamine-any", "ketamine[mh] OR ketamine[tiab]"),
    ("ketamine-humans", f"{KETAMINE} AND humans[mh]"),
    ("ketamine-animals", f"{KETAMINE} AND animals[mh]"),
    (
        "ketamine-depression",
        f"{KETAMINE} AND (depression[tiab] OR depressive[tiab] OR antidepressant[tiab])",
    ),
    ("ketamine-pain", f"{KETAMINE} AND (pain[tiab] OR analgesia[tiab] OR analgesic[tiab])"),
    ("postop-pain", '"Pain, Postoperative"[mh] OR postoperative pain[tiab]'),
    ("analgesia", "analgesics[mh] OR analgesia[tiab] OR analgesic[tiab]"),
    ("anesthesia", "anesthesia[mh] OR anesthesia[tiab]"),
    ("pain-reviews", "(pain[tiab] OR analgesia[tiab]) AND review[pt]"),
    ("rct-humans", "randomized controlled trial[pt] AND humans[mh]"),
    ("nmda-receptors", '"Receptors, N-Methyl-D-Aspartate"[mh] OR nmda[tiab]'),
    ("esketamine", "esketamine[tiab] OR esketamine[nm]"),
]


def write_outline(path: Path, n: int) -> list[tuple[str, str]]:
    chosen = CLAIMS[: max(1, min(n, len(CLAIMS)))]
    doc = {
        "title": "Fetch benchmark outline",
        "source": "bench/fetch.py (generated)",
        "subject": "ketamine",
        "topics": [
            {
                "id": "bench",
                "title": "Benchmark claims",
                "claims": [
                    {"id": cid, "claim": f"Benchmark claim {cid}.", "query": q} for cid, q in chosen
                ],
            }
        ],
    }
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return chosen


def bisection_searches(ids: list[int], top: int, cap: int) -> int:
    """[uid] searches EDirect's halving needs for `ids` over 1..top, written apart from
    fetchers/job/slices.py: every range holding more than `cap` is cut in two and both
    halves are searched; the whole range is not searched (the claim's own search says it
    is over the cap)."""
    ids = sorted(ids)

    def held(lo: int, hi: int) -> int:
        return bisect.bisect_right(ids, hi) - bisect.bisect_left(ids, lo)

    searches = 0
    stack = [(1, top)]
    while stack:
        lo, hi = stack.pop()
        if held(lo, hi) <= cap or lo == hi:
            continue
        mid = (lo + hi) // 2
        searches += 2
        stack += [(lo, mid), (mid + 1, hi)]
    return searches


def efetch_id_sets(emulator) -> list[list[int]]:
    """PMIDs of every answered (HTTP 200) efetch request, in order."""
    out = []
    for rec in emulator.requests_to("efetch"):
        if rec.status == 200:
            out.append([int(p) for p in rec.params.get("id", "").split(",") if p.strip()])
    return out


def night(label: str, emulator, engine, outline, client, minimum: dict, rate: float) -> dict:
    from fetchers.job.run import run_fetch

    emulator.clear_log()
    start = time.perf_counter()
    summary = run_fetch(engine, outline, client, year_counts=False)
    wall = time.perf_counter() - start
    log = list(emulator.requests)
    by_endpoint = Counter(rec.endpoint for rec in log)
    statuses = Counter(rec.status for rec in log)
    uid_searches = sum(1 for rec in log if "[uid]" in rec.params.get("term", ""))
    requests = len(log)
    need = sum(minimum.values())
    bound = requests / rate
    print(f"\n== {label}: status={summary.status} new_records={summary.new_records}")
    print(
        f"  requests {requests} ({', '.join(f'{k}={v}' for k, v in sorted(by_endpoint.items()))};"
        f" [uid] searches={uid_searches}; HTTP {dict(sorted(statuses.items()))};"
        f" client retries={summary.retries})"
    )
    print(
        f"  minimum  {need} ({', '.join(f'{k}={v}' for k, v in minimum.items())})"
        f"  -> requests/minimum = {requests / need:.3f}"
    )
    print(
        f"  wall {wall:.2f} s vs requests/{rate:g} per s = {bound:.2f} s"
        f"  -> wall/bound = {wall / bound:.3f}"
    )
    for result in summary.claims:
        print(
            f"    {result.claim_id:<22} count={result.count:<6} new={result.new:<6}"
            f" searches={result.searches} status={result.status}"
            + (f" warnings={result.warnings}" if result.warnings else "")
        )
    return {
        "requests": requests,
        "minimum": need,
        "wall": wall,
        "bound": bound,
        "summary": summary,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency", type=float, default=0.1, help="seconds added per answer")
    parser.add_argument("--claims", type=int, default=9, help=f"claims (1..{len(CLAIMS)})")
    parser.add_argument("--big", type=int, default=10_500, help="copies for the big claim")
    parser.add_argument("--batch", type=int, default=500, help="PMIDs per efetch request")
    args = parser.parse_args(argv)

    import fetchers.job.efetch as efetch_phase
    from fetchers.eutils.client import ESEARCH_CAP, EutilsClient
    from fetchers.job.slices import TOP_MARGIN
    from fetchers.outline.load import load_outline
    from fetchers.settings import EutilsSettings
    from store.db.connect import open_engine
    from tests.emulator.server import EutilsEmulator, base_corpus

    print_machine()
    efetch_phase.EFETCH_BATCH = args.batch  # the efetch phase reads its batch size from its module
    emulator = EutilsEmulator(base_corpus().copy(), latency=args.latency, limit_without_key=3)
    claims_used = CLAIMS[: max(1, min(args.claims, len(CLAIMS)))]
    big_id, big_query = claims_used[0]
    emulator.clone_records(args.big, query=big_query)
    expected = {cid: set(emulator.search_ids(q)) for cid, q in claims_used}
    unique = set().union(*expected.values())
    shared = {p for p in unique if sum(p in s for s in expected.values()) > 1}
    top = max(emulator.corpus.pmids()) + TOP_MARGIN
    big_claims = [cid for cid, ids in expected.items() if len(ids) > ESEARCH_CAP]
    splits = sum(bisection_searches(list(expected[c]), top, ESEARCH_CAP) for c in big_claims)
    print(
        f"workload: {len(claims_used)} claims, {len(unique)} unique records "
        f"({len(shared)} matched by two or more claims), claims past {ESEARCH_CAP}: "
        f"{', '.join(f'{c} ({len(expected[c])})' for c in big_claims) or 'none'}; "
        f"latency {args.latency * 1000:.0f} ms; limit 3/s (no API key); efetch batch {args.batch}; "
        "year counts off"
    )

    rate = float(emulator.limit_without_key)
    with tempfile.TemporaryDirectory(prefix="littrack-bench-fetch-") as tmp:
        outline_path = Path(tmp) / "outline.yaml"
        write_outline(outline_path, len(claims_used))
        outline = load_outline(outline_path)
        engine = open_engine(f"sqlite:///{Path(tmp) / 'littrack.sqlite'}")
        emulator.start()  # the port (and so the URL) is known once it listens
        client = EutilsClient(EutilsSettings(base_url=emulator.url))  # no key: 3 requests/s
        try:
            first = night(
                "night 1: first fetch",
                emulator,
                engine,
                outline,
                client,
                {
                    "searches": len(claims_used),
                    "uid_splits": splits,
                    "efetch": math.ceil(len(unique) / args.batch),
                },
                rate,
            )
            ids_sets = efetch_id_sets(emulator)
            fetched = Counter(p for ids in ids_sets for p in ids)
            twice = [p for p, n in fetched.items() if n > 1]
            shared_once = not twice and shared <= set(fetched)
            links = _active_links(engine)
            complete = all(links.get(c, set()) == ids for c, ids in expected.items() if ids)
            print(
                f"  PMIDs in two efetch requests: {len(twice)}; shared records fetched: "
                f"{len(shared & set(fetched))}/{len(shared)}; links == expected: {complete}"
            )
            second = night(
                "night 2: nothing new",
                emulator,
                engine,
                outline,
                client,
                {"searches": len(claims_used), "mdat_window": len(big_claims), "efetch": 0},
                rate,
            )
            client.close()
        finally:
            emulator.stop()
            engine.dispose()

    print(
        summary_line(
            "fetch",
            {
                "requests": first["requests"],
                "minimum": first["minimum"],
                "requests_ratio": first["requests"] / first["minimum"],
                "wall_ratio": first["wall"] / first["bound"],
                "night2_requests": second["requests"],
                "night2_minimum": second["minimum"],
                "night2_requests_ratio": second["requests"] / second["minimum"],
                "night2_wall_ratio": second["wall"] / second["bound"],
                "shared_downloaded_once": shared_once and complete,
            },
        )
    )
    return 0


def _active_links(engine) -> dict[str, set[int]]:
    import sqlalchemy as sa

    from store.db.schema import claim_articles

    out: dict[str, set[int]] = {}
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(claim_articles.c.claim_id, claim_articles.c.pmid).where(
                claim_articles.c.dropped_at.is_(None)
            )
        )
        for claim_id, pmid in rows:
            out.setdefault(claim_id, set()).add(int(pmid))
    return out


if __name__ == "__main__":
    sys.exit(main())
