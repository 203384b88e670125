"""The notes that travel with every export: what was exported, with which filters, and
NCBI's disclaimer. A sidecar text file (`FILE.notes.txt`) rather than a header inside the
file, because a comment line would break Excel's column detection and RIS readers."""

from __future__ import annotations

from store.formats.text import one_line

NCBI_DISCLAIMER = (
    "PubMed records are provided by the U.S. National Library of Medicine (NLM) through "
    "NCBI's E-utilities. NLM does not endorse or verify littrack or any analysis made with "
    "it; records may be incomplete, corrected or withdrawn after retrieval. Terms: "
    "https://www.nlm.nih.gov/databases/download/terms_and_conditions.html"
)


def export_notes(
    *,
    kind: str,
    file_name: str,
    rows: int,
    exported_at: str,
    data_version: str,
    filters: dict[str, str | None],
) -> str:
    """Plain text; never includes settings such as API keys or the database URL."""
    lines = [
        f"littrack export: {kind}",
        f"file: {file_name}",
        f"rows: {rows}",
        f"exported at (UTC): {exported_at}",
        f"latest fetch run: {data_version}",
    ]
    chosen = {k: v for k, v in filters.items() if v}
    lines.append(
        "filters: "
        + (", ".join(f"{k}={one_line(v)}" for k, v in chosen.items()) if chosen else "none")
    )
    lines += [
        "columns: see the data dictionary in littrack's docs/exports.md",
        "",
        NCBI_DISCLAIMER,
        "",
    ]
    return "\n".join(lines)
