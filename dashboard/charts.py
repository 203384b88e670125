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

#: The evidence map's direction colours (store.read.evidence_map.DIRECTIONS).
DIRECTION_COLOURS = {
    "supports": "#0072B2",
    "mixed": "#CC79A7",
    "contradicts": "#D55E00",
    NO_VERDICTS: "#6B6B6B",
}


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
    fig = go.Figure()
    for name, part in frame.groupby("name", sort=False):
        part = part.sort_values("year")
        fig.add_trace(
            go.Scatter(
                name=str(name),
                x=part["year"].tolist(),
                y=part["records"].tolist(),
                mode="lines+markers",
            )
        )
    most = float(frame["records"].max()) if len(frame) else 0
    fig.update_layout(
        font=dict(color=CHART_TEXT),
        showlegend=True,
        xaxis=year_axis(frame["year"] if len(frame) else []),
        yaxis=count_axis("Records", most),
        legend=LEGEND_BELOW,
        colorway=list(DESIGN_COLOURS.values()),
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
            marker_color=DESIGN_COLOURS["meta-analysis"],
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


#: Marker diameter (px) of the fullest cell of a row; an empty cell is a small hollow ring.
MAP_MAX_SIZE = 24
MAP_ROW_HEIGHT = 26
#: A topic's heading row in the map shows this much of its title.
MAP_TOPIC_CHARS = 48
#: Axis and legend text: near-black, for WCAG AA contrast on white.
CHART_TEXT = "#222222"


def evidence_map(grid: pd.DataFrame) -> go.Figure:
    """Claims (rows, under a heading row per topic) × design classes (columns), from
    store.read.evidence_map.evidence_map. Area = records relative to the row's own largest
    cell, colour = direction of the screened verdicts, empty cells an open ring (a gap)."""
    grid = grid.copy()
    grid["row"] = grid["claim_id"].astype(str)
    rows: list[str] = []
    for topic, part in grid.groupby("topic", sort=False):
        title = str(topic)
        rows.append(f"<b>{html.escape(title[:MAP_TOPIC_CHARS])}</b>")
        rows.extend(dict.fromkeys(part["row"]))
    designs = list(dict.fromkeys(grid["design"]))
    filled = grid[grid["records"] > 0]
    empty = grid[grid["records"] == 0]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            name="no records (gap)",
            x=[design_label(d) for d in empty["design"]],
            y=empty["row"].tolist(),
            mode="markers",
            marker=dict(size=7, symbol="circle-open", color="#6B6B6B", line=dict(width=1)),
            hovertemplate="%{y}<br>%{x}: no records<extra></extra>",
        )
    )
    for direction, part in filled.groupby("direction", sort=False):
        share = part["records"] / part["row_max"].where(part["row_max"] > 0, 1)
        fig.add_trace(
            go.Scatter(
                name=str(direction),
                x=[design_label(d) for d in part["design"]],
                y=part["row"].tolist(),
                mode="markers",
                marker=dict(
                    size=[max(8.0, MAP_MAX_SIZE * float(v) ** 0.5) for v in share],
                    color=DIRECTION_COLOURS.get(str(direction), "#6B6B6B"),
                    line=dict(width=0),
                ),
                customdata=part["records"].tolist(),
                hovertemplate="%{y}<br>%{x}: %{customdata:,} records<extra></extra>",
            )
        )
    fig.update_layout(
        showlegend=True,
        font=dict(color=CHART_TEXT),
        legend=dict(
            title="Screened verdicts",
            orientation="h",
            yref="container",
            y=0,
            yanchor="bottom",
            x=0,
        ),
        xaxis=dict(
            title="",
            side="top",
            tickangle=-30,
            categoryorder="array",
            categoryarray=[design_label(d) for d in designs],
            showgrid=True,
            gridcolor="#E5E5E5",
        ),
        yaxis=dict(
            categoryorder="array",
            categoryarray=rows,
            range=[len(rows) - 0.5, -0.5],
            showgrid=True,
            gridcolor="#E5E5E5",
        ),
        margin=dict(l=10, r=10, t=90, b=60),
        height=150 + MAP_ROW_HEIGHT * max(len(rows), 1),
    )
    return fig


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
    xaxis = dict(title="Records", tickformat="d", rangemode="tozero")
    if most <= 10:
        xaxis["dtick"] = 1  # else Plotly puts ticks at 0.5 steps, labelled 0, 1, 1, 2
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
        yaxis=dict(title="PubMed Count", rangemode="tozero", tickformat="d"),
        margin=dict(l=10, r=10, t=10, b=10),
        height=280,
    )
    return fig


def plotly_text(text: str) -> str:
    """Outline text as a Plotly label: Plotly renders labels as a subset of HTML (a topic
    titled `<a href=...>` would be a live link), and shows entities as their characters, so
    escaping makes the label read exactly as written."""
    return html.escape(str(text), quote=False)


def topic_year_heatmap(frame: pd.DataFrame, titles: dict[str, str]) -> go.Figure:
    """Topics (rows, outline order as given by `titles`) × years, colour = records."""
    years = (
        list(range(int(frame["year"].min()), int(frame["year"].max()) + 1)) if len(frame) else []
    )
    grid = (
        frame.pivot_table(index="topic_id", columns="year", values="records", aggfunc="sum")
        .reindex(index=list(titles), columns=years)
        .fillna(0)
    )
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy().tolist(),
            x=years,
            y=[plotly_text(titles[t]) for t in grid.index],
            colorscale="Blues",
            colorbar=dict(title="Records"),
            hovertemplate="%{y}<br>%{x}: %{z} records<extra></extra>",
        )
    )
    fig.update_layout(
        font=dict(color=CHART_TEXT),
        xaxis=year_axis(years),
        yaxis=dict(autorange="reversed"),
        margin=dict(l=10, r=10, t=10, b=10),
        height=max(HEATMAP_MIN_HEIGHT, 120 + 26 * max(len(titles), 1)),
    )
    return fig


def sparklines(frame: pd.DataFrame, topic_ids: list[str], *, years: int = 20) -> dict[str, list]:
    """topic_id → records per year over the last `years` years of data (zeros filled), for
    st.column_config.LineChartColumn."""
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
    fig.update_layout(
        barmode="relative",
        xaxis=year_axis(years),
        yaxis=dict(title="Included records so far: supporting ↑ / contradicting ↓", tickformat="d"),
        legend_title="Study design (verdict)",
        margin=dict(l=10, r=10, t=30, b=10),
        height=380,
    )
    return fig
