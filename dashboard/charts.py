"""DataFrame → Plotly figure. Pure: no Streamlit, no database, so tests build figures from
hand-made frames and check their traces.

Study designs keep one colour and one stacking order everywhere (strongest designs at the
bottom of every bar), so charts can be compared across claims.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from store.defaults import YEAR_MAX, YEAR_MIN
from store.models import STUDY_DESIGNS, design_label
from store.read.evidence_map import NO_VERDICTS

#: Colour-blind-safe colours (Okabe & Ito, with Paul Tol's muted wine, olive and teal for
#: the classes beyond their eight), one per design class, used by every chart and legend.
#: Stronger designs get the darker blues and green; "other"/"non-evidence" the greys;
#: "pending" (not indexed yet, no rule places it) Tol's sand, never the grey of "other".
DESIGN_COLOURS = {
    "meta-analysis": "#0072B2",
    "systematic review": "#56B4E9",
    "rct": "#009E73",
    "clinical trial": "#CC79A7",
    "observational": "#E69F00",
    "case report": "#D55E00",
    "guideline": "#882255",
    "review": "#999933",
    "protocol": "#44AA99",
    "other": "#8C8C8C",
    "pending": "#DDCC77",
    "non-evidence": "#BBBBBB",
}
#: For a design class nobody gave a colour yet (cycled in STUDY_DESIGNS order).
SPARE_COLOURS = ("#332288", "#117733", "#AA4499", "#661100")

#: Colours of the direction of screened verdicts (store.read.evidence_map.DIRECTIONS), for
#: any chart that colours by verdict: none of them is a design's colour (one colour, one
#: meaning across pages; the evidence map itself marks direction with ▲ ▼ ◆).
DIRECTION_COLOURS = {
    "supports": "#004949",
    "mixed": "#B66DFF",
    "contradicts": "#920000",
    NO_VERDICTS: "#5E5E5E",
}
#: Lines of several topics on one chart: dark inks no design or verdict uses, each with its
#: own dash so neighbours differ without colour.
SERIES_COLOURS = ("#1A1A1A", "#5A3E85", "#7A5C00", "#2E5E4E", "#8E3B46", "#44546A")
SERIES_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
#: Bars that count records without a design (new records per week).
COUNT_COLOUR = "#3D3D3D"


def design_colour(design: str) -> str:
    """The design's colour; a class added to STUDY_DESIGNS later still gets a fixed one."""
    if design in DESIGN_COLOURS:
        return DESIGN_COLOURS[design]
    known = [d for d in STUDY_DESIGNS if d not in DESIGN_COLOURS]
    spot = known.index(design) if design in known else len(design)
    return SPARE_COLOURS[spot % len(SPARE_COLOURS)]


HEATMAP_MIN_HEIGHT = 260

SCALES = {
    "raw": "Records",
    "pubmed": "Records per 100,000 PubMed records",
    "reference": "% of the reference query's records",
}


#: Up to this many years on an axis, every year gets its own tick.
EVERY_YEAR_SPAN = 12


def year_axis(years: Iterable[int]) -> dict:
    """An x axis of whole years: no thousands separator ("2,021") and no half years."""
    values = [int(y) for y in years]
    axis: dict = {"title": "Year", "tickformat": "d"}
    if values and max(values) - min(values) + 1 <= EVERY_YEAR_SPAN:
        axis["dtick"] = 1
    return axis


def _design_order(designs: Iterable[str]) -> list[str]:
    known = [d for d in STUDY_DESIGNS if d in set(designs)]
    return known + sorted(set(designs) - set(STUDY_DESIGNS))


#: Legends sit under the plot, across: on a phone a legend at the side takes ~40 % of it.
LEGEND_BELOW = dict(orientation="h", yanchor="top", y=-0.22, xanchor="left", x=0)


def count_axis(title: str, most: float | int | None = None) -> dict:
    """A y or x axis of counts: whole numbers with thousands separators, from zero, and one
    tick per unit when the counts are small (else Plotly ticks 0.5 steps labelled 0, 1, 1)."""
    axis: dict = {"title": title, "tickformat": ",d", "rangemode": "tozero"}
    if most is not None and most <= 10:
        axis["dtick"] = 1
    return axis


def mark_incomplete_year(fig: go.Figure, years: Iterable[int], current: int) -> None:
    """Shade the current year and say it is incomplete, when it is on the axis."""
    if current in {int(y) for y in years}:
        fig.add_vrect(
            x0=current - 0.5,
            x1=current + 0.5,
            fillcolor="#BBBBBB",
            opacity=0.25,
            line_width=0,
            annotation_text=f"{current}: year so far",
            annotation_position="top left",
        )


def known_years(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows whose year is within YEAR_MIN..YEAR_MAX: the charts fill every year between the
    first and the last, so a stored year of 30,000,000 (written before the parser bounded
    years) would cost minutes and gigabytes."""
    if not len(frame):
        return frame
    years = pd.to_numeric(frame["year"], errors="coerce")
    return frame[years.between(YEAR_MIN, YEAR_MAX)]


def volume_by_year(
    frame: pd.DataFrame,
    *,
    value: str = "records",
    scale: str = "raw",
    current_year: int | None = None,
) -> go.Figure:
    """Stacked bars: one trace per study design, x = year, y = `value` column. Years
    without records are drawn as zero (so bars keep one year's width) and the current year
    is marked incomplete. The legend is shown even for a single design."""
    frame = known_years(frame)
    years = [int(y) for y in frame["year"]] if len(frame) else []
    span = list(range(min(years), max(years) + 1)) if years else []
    fig = go.Figure()
    for design in _design_order(frame["study_design"].unique()):
        part = frame[frame["study_design"] == design].set_index("year")[value]
        part = part.groupby(level=0).sum().reindex(span).fillna(0)
        fig.add_trace(
            go.Bar(
                name=design_label(design),
                x=span,
                y=part.tolist(),
                marker_color=design_colour(design),
            )
        )
    totals = frame.groupby("year")[value].sum() if len(frame) else pd.Series(dtype=float)
    most = float(totals.max()) if len(totals) else 0
    yaxis = count_axis(SCALES.get(scale, value), most if scale == "raw" else None)
    if scale != "raw":
        yaxis["tickformat"] = ",.2~f"
    fig.update_layout(
        font=dict(color=CHART_TEXT),
        barmode="stack",
        bargap=0.15,
        showlegend=True,
        xaxis=year_axis(span),
        yaxis=yaxis,
        legend=dict(title="Study design", **LEGEND_BELOW),
        margin=dict(l=10, r=10, t=30, b=10),
        height=420,
        clickmode="event+select",
    )
    if current_year is not None:
        mark_incomplete_year(fig, span, current_year)
    return fig


def trend_lines(frame: pd.DataFrame, *, current_year: int | None = None) -> go.Figure:
    """Several series (claims or topics) on one chart: frame has name, year, records."""
    frame = known_years(frame)
    years = [int(y) for y in frame["year"]] if len(frame) else []
    span = list(range(min(years), max(years) + 1)) if years else []
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby("name", sort=False)):
        # Every year of the axis, zeros included: no line drawn straight across empty years.
        counts = part.groupby("year")["records"].sum().reindex(span, fill_value=0)
        fig.add_trace(
            go.Scatter(
                name=plotly_text(str(name)),
                x=span,
                y=[int(v) for v in counts],
                mode="lines+markers",
                line=dict(
                    color=SERIES_COLOURS[i % len(SERIES_COLOURS)],
                    dash=SERIES_DASHES[i % len(SERIES_DASHES)],
                ),
            )
        )
    most = float(frame.groupby(["name", "year"])["records"].sum().max()) if len(frame) else 0
    fig.update_layout(
        font=dict(color=CHART_TEXT),
        showlegend=True,
        xaxis=year_axis(span),
        yaxis=count_axis("Records", most),
        legend=LEGEND_BELOW,
        margin=dict(l=10, r=10, t=30, b=10),
        height=400,
    )
    if current_year is not None and len(frame):
        mark_incomplete_year(fig, frame["year"], current_year)
    return fig


def weekly_new(frame: pd.DataFrame) -> go.Figure:
    """New records per week (frame: week = the Monday as YYYY-MM-DD, records), the current
    week marked as incomplete in its label."""
    fig = go.Figure(
        go.Bar(
            x=frame["week"].tolist(),
            y=frame["records"].tolist(),
            name="New records",
            marker_color=COUNT_COLOUR,
            hovertemplate="Week of %{x}: %{y:,} new<extra></extra>",
        )
    )
    most = float(frame["records"].max()) if len(frame) else 0
    fig.update_layout(
        font=dict(color=CHART_TEXT),
        showlegend=True,
        legend=LEGEND_BELOW,
        xaxis=dict(title="Week starting (Monday)", type="category"),
        yaxis=count_axis("New records", most),
        margin=dict(l=10, r=10, t=10, b=10),
        height=300,
    )
    return fig


#: Axis and legend text: near-black, for WCAG AA contrast on white.
CHART_TEXT = "#222222"


def design_breakdown(frame: pd.DataFrame) -> go.Figure:
    """Horizontal bars of records per study design, strongest design on top."""
    order = _design_order(frame["study_design"])
    data = frame.set_index("study_design").reindex(order).reset_index()
    fig = go.Figure(
        go.Bar(
            x=data["records"].tolist(),
            y=[design_label(d) for d in data["study_design"]],
            orientation="h",
            marker_color=[design_colour(d) for d in data["study_design"]],
        )
    )
    most = int(data["records"].fillna(0).max()) if len(data) else 0
    xaxis = count_axis("Records", most)
    fig.update_layout(
        font=dict(color=CHART_TEXT),
        yaxis=dict(autorange="reversed"),
        xaxis=xaxis,
        # Room under the tick labels for the axis title.
        margin=dict(l=10, r=10, t=10, b=50),
        height=100 + 32 * max(len(data), 1),
    )
    return fig


def count_history_points(frame: pd.DataFrame) -> int:
    """Runs with a Count: a line needs two (with fewer the page shows only the table)."""
    return int(frame["count"].notna().sum())


def count_history(frame: pd.DataFrame) -> go.Figure:
    """PubMed's Count for the claim at each run (failed runs have no point)."""
    ok = frame.dropna(subset=["count"])
    # Stored times are ISO text with a 'Z'; Plotly wants naive datetimes (shown as UTC).
    when = pd.to_datetime(ok["counted_at"], utc=True, format="ISO8601").dt.tz_localize(None)
    fig = go.Figure(
        go.Scatter(
            x=when.tolist(),
            y=[int(v) for v in ok["count"]],
            mode="lines+markers",
            name="PubMed Count",
        )
    )
    fig.update_layout(
        font=dict(color=CHART_TEXT),
        xaxis=dict(title="Fetch run (UTC)", type="date", tickformat="%Y-%m-%d"),
        yaxis=count_axis("PubMed Count", float(ok["count"].max()) if len(ok) else None),
        margin=dict(l=10, r=10, t=10, b=10),
        height=280,
    )
    return fig


def plotly_text(text: str) -> str:
    """Outline text as a Plotly label: Plotly renders labels as a subset of HTML (a topic
    titled `<a href=...>` would be a live link), and shows entities as their characters, so
    escaping makes the label read exactly as written."""
    return html.escape(str(text), quote=False)


def sparklines(frame: pd.DataFrame, topic_ids: list[str], *, years: int = 20) -> dict[str, list]:
    """topic_id → records per year over the last `years` years of data (zeros filled), for
    st.column_config.LineChartColumn."""
    frame = known_years(frame)
    if not len(frame):
        return {t: [] for t in topic_ids}
    last = int(frame["year"].max())
    span = range(max(int(frame["year"].min()), last - years + 1), last + 1)
    grid = frame.pivot_table(index="topic_id", columns="year", values="records", aggfunc="sum")
    grid = grid.reindex(index=topic_ids, columns=list(span)).fillna(0)
    return {t: [int(v) for v in grid.loc[t]] for t in topic_ids}


SPARK_BARS = "▁▂▃▄▅▆▇█"


def sparkline_text(values: list[int]) -> str:
    """Records per year as a row of block characters (cheap enough for 20 topic cards; the
    card states the numbers it summarises in words beside it)."""
    if not values:
        return ""
    top = max(values)
    if top <= 0:
        return SPARK_BARS[0] * len(values)
    return "".join(SPARK_BARS[min(7, round(7 * v / top))] for v in values)


def evidence_direction(frame: pd.DataFrame) -> go.Figure:
    """Cumulative included records by year: supporting ones stacked above zero, contradicting
    ones below, each study design in its colour. `frame` has year, study_design, verdict
    (supports | contradicts) and records; every year from the first to the last is shown,
    so a flat stretch reads as "nothing new was judged from those years"."""
    frame = known_years(frame)
    years = (
        list(range(int(frame["year"].min()), int(frame["year"].max()) + 1)) if len(frame) else []
    )
    fig = go.Figure()
    for verdict, sign in (("supports", 1), ("contradicts", -1)):
        part = frame[frame["verdict"] == verdict]
        for design in _design_order(part["study_design"].unique()):
            counts = (
                part[part["study_design"] == design]
                .groupby("year")["records"]
                .sum()
                .reindex(years, fill_value=0)
                .cumsum()
            )
            fig.add_trace(
                go.Bar(
                    name=f"{design} ({verdict})",
                    legendgroup=design,
                    x=years,
                    y=[sign * int(v) for v in counts],
                    customdata=[int(v) for v in counts],
                    marker_color=design_colour(design),
                    marker_pattern_shape="" if sign > 0 else "/",
                    hovertemplate=f"{design}, {verdict}: %{{customdata}} by %{{x}}<extra></extra>",
                )
            )
    fig.add_hline(y=0, line_width=1, line_color="#333")
    # Up and down stack separately, so the axis reaches at most the summed designs each way.
    yaxis = count_axis("Included records so far: supporting ↑ / contradicting ↓")
    yaxis.pop("rangemode")
    if len(frame) and frame.groupby("verdict")["records"].sum().max() <= 10:
        yaxis["dtick"] = 1
    fig.update_layout(
        font=dict(color=CHART_TEXT),
        barmode="relative",
        showlegend=True,
        xaxis=year_axis(years),
        yaxis=yaxis,
        legend=dict(title="Study design (verdict)", **LEGEND_BELOW),
        margin=dict(l=10, r=10, t=30, b=10),
        height=380,
    )
    return fig
