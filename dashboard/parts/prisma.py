"""The PRISMA 2020 flow on the claim and overview pages: the diagram and its downloads.

The diagram is store.export.prisma_svg's SVG shown with st.image, which hands it to the
browser as an <img> data URI: the browser draws it as an image (no script, no page HTML),
and the outline's text in it was escaped when the SVG was written. The downloads are the
same bytes `littrack report prisma` writes (SVG, PNG, CSV), from the same read model
(store.read.prisma), so the page, the file and the CLI agree.
"""

from __future__ import annotations

import re

import streamlit as st

from dashboard import data
from store.export.prisma_svg import flow_svg
from store.export.reports import prisma_bytes

MIMES = {".svg": "image/svg+xml", ".png": "image/png", ".csv": "text/csv"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "flow"


def prisma_flow(url: str, version: str, claim_id: str | None = None) -> None:
    """The flow for one claim, or for the whole outline when `claim_id` is None."""
    flow = data.prisma_flow(url, version, data.screening_key(url), claim_id)
    st.header("PRISMA 2020 flow", anchor=False)
    st.caption(
        "Records identified, removed before screening by automation (out of scope, "
        "retracted, non-evidence), screened, excluded by reviewers with their reasons, "
        "awaiting a decision, and included by verdict. Counts are claim × record links; they "
        "add up with the publications and summary exports."
    )
    svg = flow_svg(flow)
    st.image(svg, width="stretch", alt=f"PRISMA 2020 flow diagram: {flow.label}")
    stem = f"littrack-prisma-{_slug(claim_id or 'whole-outline')}"
    columns = st.columns(3)
    payloads = {
        ".svg": svg.encode("utf-8"),
        ".png": lambda: prisma_bytes(flow, ".png"),  # drawn on click only
        ".csv": prisma_bytes(flow, ".csv"),
    }
    missing = _png_missing()
    for column, (fmt, payload) in zip(columns, payloads.items(), strict=True):
        if fmt == ".png" and missing:
            column.caption(f"PNG needs the cairo library ({missing}); download the SVG.")
            continue
        column.download_button(
            f"Download {fmt[1:].upper()}",
            data=payload,
            file_name=stem + fmt,
            mime=MIMES[fmt],
            key=f"prisma.{claim_id or 'all'}.{fmt[1:]}",
            on_click="ignore",
        )


def _png_missing() -> str:
    """Why a PNG cannot be drawn here ("" when it can): the cairosvg package and the
    cairo library it loads."""
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError) as exc:
        return str(exc)
    return ""
