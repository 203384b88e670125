"""The table a fetch prints at its end: the CLI and `littrack up` show the same one."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fetchers.job.run import FetchSummary


#: Skipped records listed one per line (all are in the database and `littrack status`).
SKIPPED_SHOWN = 20


def summary_table(summary: FetchSummary) -> str:
    """Per-claim table and totals, as printed at the end of a fetch."""
    # "new links" (claim–record links), not new records: the totals count those.
    header = ("claim", "count", "retrieved", "new links", "dropped", "status")
    rows = [header]
    for c in summary.claims:
        status = c.status if not c.error else f"{c.status}: {c.error}"
        if len(status) > 100:
            status = status[:97] + "..."
        count = "-" if c.count is None else str(c.count)
        rows.append((c.claim_id, count, str(c.retrieved), str(c.new), str(c.dropped), status))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = []
    for row in rows:
        cells = [
            row[0].ljust(widths[0]),
            *(row[i].rjust(widths[i]) for i in range(1, len(widths))),
            row[-1],
        ]
        lines.append("  ".join(cells))
    lines.append("")
    for row in summary.skipped[:SKIPPED_SHOWN]:
        pmid = "PMID ?" if row["pmid"] is None else f"PMID {row['pmid']}"
        lines.append(f"skipped {pmid} at {row['position']}: {row['reason']}")
    if len(summary.skipped) > SKIPPED_SHOWN:
        lines.append(f"... and {len(summary.skipped) - SKIPPED_SHOWN} more skipped records")
    failed = sum(1 for c in summary.claims if c.status == "failed")
    incomplete = len(summary.claims) - failed - sum(1 for c in summary.claims if c.status == "ok")
    lines.append(
        f"run {summary.run_id}: {summary.status}; claims {len(summary.claims)}, "
        f"failed {failed}, incomplete {incomplete}, skipped records {len(summary.skipped)}; "
        f"new records {summary.new_records}, "
        f"re-fetched {summary.refetched}; requests {summary.requests}, "
        f"retries {summary.retries}, efetch batches {summary.efetch_batches}, "
        f"year-count requests {summary.year_count_requests}; {summary.seconds:.1f} s"
    )
    return "\n".join(lines)
