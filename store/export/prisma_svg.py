"""The PRISMA 2020 flow diagram as SVG: boxes and arrows in PRISMA's layout, text as text.

PRISMA 2020's template (Page et al., BMJ 2021;372:n71) reads top to bottom in three phases,
Identification, Screening and Included, named in a band on the left; the main column carries
the records forward and each exclusion leaves it to the right. littrack has one screening
stage (title/abstract and full text are not told apart), so the flow is: identified →
screened → included, with "removed before screening" (by automation), "excluded by
reviewers" and "awaiting a decision" on the right.

The drawing is sized for print (a 900-unit wide viewBox, 14-unit text, black on white) and
scales with its container. Every piece of text from the store (reasons, the label) is
escaped, and long lines wrap inside their box.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from xml.sax.saxutils import escape

from store.read.prisma import NO_VERDICT, Flow

WIDTH = 900
FONT = 14
LINE = 20
PAD = 12
GAP = 36
#: Left band (phase names), main column, right column: x and width.
BAND = (12, 34)
MAIN = (64, 370)
SIDE = (480, 408)


def littrack_version() -> str:
    try:
        return version("littrack")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


def n(value: int | None) -> str:
    return "not recorded" if value is None else f"{value:,}"


@dataclass
class Box:
    """A box: a bold heading line and detail lines, at (x, y) with width w."""

    key: str
    x: int
    w: int
    heading: str
    lines: list[str]
    y: int = 0

    def wrapped(self) -> list[tuple[str, bool]]:
        chars = int((self.w - 2 * PAD) / (FONT * 0.55))
        out = [(part, True) for part in textwrap.wrap(self.heading, chars)]
        for line in self.lines:
            out.extend((part, False) for part in textwrap.wrap(line, chars, subsequent_indent="  "))
        return out

    @property
    def h(self) -> int:
        return 2 * PAD + LINE * len(self.wrapped()) - (LINE - FONT)

    def svg(self) -> str:
        parts = [
            f'<g class="box" data-box="{self.key}">',
            f'<rect x="{self.x}" y="{self.y}" width="{self.w}" height="{self.h}" rx="4" '
            'fill="#ffffff" stroke="#000000" stroke-width="1.5"/>',
        ]
        for i, (text, bold) in enumerate(self.wrapped()):
            weight = ' font-weight="bold"' if bold else ""
            baseline = self.y + PAD + FONT - 2 + i * LINE
            parts.append(f'<text x="{self.x + PAD}" y="{baseline}"{weight}>{escape(text)}</text>')
        parts.append("</g>")
        return "".join(parts)


def _boxes(flow: Flow) -> dict[str, Box]:
    identified = [f"PubMed Count: n = {n(flow.pubmed_count)}"]
    if len(flow.claim_ids) > 1 or flow.claims_counted > 1:
        identified[0] += f" (latest search of {flow.claims_counted} claims, summed)"
    identified.append(f"Records stored by littrack: n = {n(flow.stored)}")
    if flow.distinct_records != flow.stored:
        identified.append(f"({n(flow.distinct_records)} distinct PMIDs)")
    removed = [
        f"Out of the claim's scope: n = {n(flow.removed['out of scope'])}",
        f"Retracted: n = {n(flow.removed['retracted'])}",
        f"Non-evidence (letters, editorials …): n = {n(flow.removed['non-evidence'])}",
        f"Duplicates (a study's second report): n = {n(flow.removed['second report of a study'])}",
    ]
    excluded = [f"{reason}: n = {n(count)}" for reason, count in flow.excluded.items()]
    awaiting = [f"{what.capitalize()}: n = {n(c)}" for what, c in flow.awaiting.items()]
    included = [
        f"{what.capitalize()}: n = {n(c)}"
        for what, c in flow.included.items()
        if c or what != NO_VERDICT  # every verdict, zeros too; "no verdict" only when some
    ]
    return {
        "identified": Box("identified", *MAIN, "Records identified from PubMed", identified),
        "removed_before_screening": Box(
            "removed_before_screening",
            *SIDE,
            f"Removed before screening by automation (n = {n(flow.removed_total)})",
            removed,
        ),
        "screened": Box("screened", *MAIN, f"Records screened (n = {n(flow.screened)})", []),
        "excluded": Box(
            "excluded",
            *SIDE,
            f"Records excluded by reviewers (n = {n(flow.excluded_total)})",
            excluded,
        ),  # fmt: skip
        "awaiting": Box(
            "awaiting", *SIDE, f"Awaiting a decision (n = {n(flow.awaiting_total)})", awaiting
        ),
        "included": Box(
            "included",
            *MAIN,
            f"Records included (n = {n(flow.included_total)})",
            included,
        ),
    }


def _place(boxes: dict[str, Box], top: int) -> tuple[dict[str, tuple[int, int]], int]:
    """Sets each box's y; returns each phase's (top, bottom) and the drawing's bottom."""
    b = boxes
    b["identified"].y = b["removed_before_screening"].y = top
    row1 = top + max(b["identified"].h, b["removed_before_screening"].h)
    b["excluded"].y = row1 + GAP
    b["screened"].y = b["excluded"].y + (b["excluded"].h - b["screened"].h) // 2
    b["awaiting"].y = b["excluded"].y + b["excluded"].h + GAP // 2
    row2 = b["awaiting"].y + b["awaiting"].h
    b["included"].y = row2 + GAP
    bottom = b["included"].y + b["included"].h
    phases = {
        "Identification": (top, row1),
        "Screening": (row1 + GAP // 2, row2 + GAP // 2),
        "Included": (row2 + GAP, bottom),
    }
    return phases, bottom


def _arrow(x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#000000" stroke-width="1.5" '
        'marker-end="url(#arrow)"/>'
    )


def _arrows(b: dict[str, Box]) -> list[str]:
    main_mid = MAIN[0] + MAIN[1] / 2
    main_right = MAIN[0] + MAIN[1]
    screened_mid = b["screened"].y + b["screened"].h / 2
    awaiting_mid = b["awaiting"].y + b["awaiting"].h / 2
    elbow = main_right + (SIDE[0] - main_right) / 2
    ident_mid = b["identified"].y + min(b["identified"].h, b["removed_before_screening"].h) / 2
    return [
        _arrow(main_mid, b["identified"].y + b["identified"].h, main_mid, b["screened"].y),
        _arrow(main_right, ident_mid, SIDE[0], ident_mid),
        _arrow(main_right, screened_mid, SIDE[0], screened_mid),
        f'<polyline points="{elbow},{screened_mid} {elbow},{awaiting_mid} '
        f'{SIDE[0]},{awaiting_mid}" fill="none" stroke="#000000" stroke-width="1.5" '
        'marker-end="url(#arrow)"/>',
        _arrow(main_mid, b["screened"].y + b["screened"].h, main_mid, b["included"].y),
    ]


def _band(name: str, top: int, bottom: int) -> str:
    x, w = BAND
    cx, cy = x + w / 2, (top + bottom) / 2
    return (
        f'<g class="phase"><rect x="{x}" y="{top}" width="{w}" height="{bottom - top}" '
        f'rx="4" fill="#dbe8f5" stroke="#000000" stroke-width="1"/>'
        f'<text x="{cx}" y="{cy}" text-anchor="middle" dominant-baseline="central" '
        f'font-weight="bold" transform="rotate(-90 {cx} {cy})">{name}</text></g>'
    )


def flow_svg(flow: Flow) -> str:
    """The flow diagram as a standalone SVG document (UTF-8 text)."""
    boxes = _boxes(flow)
    title = f"PRISMA 2020 flow: {flow.label}"
    heading = textwrap.wrap(title, int((WIDTH - 2 * BAND[0]) / (FONT * 1.2 * 0.55))) or [title]
    top = 16 + LINE * len(heading) + 12
    phases, bottom = _place(boxes, top)
    note = (
        "Counts are claim × record links (a record found for two claims counts twice). "
        f"Made by littrack {littrack_version()}."
    )
    notes = textwrap.wrap(note, int((WIDTH - 2 * BAND[0]) / (12 * 0.55)))
    height = bottom + 16 + 16 * len(notes) + 8
    desc = "; ".join(f"{box}: {count}" for box, detail, count in flow.rows() if not detail)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="prisma-title prisma-desc" '
        f'font-family="Helvetica, Arial, sans-serif" font-size="{FONT}" fill="#000000">',
        f'<title id="prisma-title">{escape(title)}</title>',
        f'<desc id="prisma-desc">{escape(desc)}</desc>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#000000"/></marker></defs>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    for i, line in enumerate(heading):
        parts.append(
            f'<text x="{BAND[0]}" y="{16 + FONT + i * LINE}" font-size="{int(FONT * 1.2)}" '
            f'font-weight="bold">{escape(line)}</text>'
        )
    parts.extend(_band(name, a, b) for name, (a, b) in phases.items())
    parts.extend(box.svg() for box in boxes.values())
    parts.extend(_arrows(boxes))
    for i, line in enumerate(notes):
        parts.append(
            f'<text x="{BAND[0]}" y="{bottom + 28 + i * 16}" font-size="12">{escape(line)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
