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

from store.models import STUDY_DESIGNS

DESIGN_COLOURS = {
    "meta-analysis": "#1b4f72",
    "systematic review": "#2874a6",
    "rct": "#117a65",
    "clinical trial": "#52be80",
    "observational": "#d4ac0d",
    "case report": "#ca6f1e",
    "review": "#884ea0",
    "other": "#a6acaf",
}

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


def volume_by_year(frame: pd.DataFrame, *, value: str = "records", scale: str = "raw") -> go.Figure:
    """Stacked bars: one trace per study design, x = year, y = `value` column."""
    fig = go.Figure()
    for design in _design_order(frame["study_design"].unique()):
        part = frame[frame["study_design"] == design].sort_values("year")
        fig.add_trace(
            go.Bar(
                name=design,
                x=part["year"].tolist(),
                y=part[value].tolist(),
                marker_color=DESIGN_COLOURS.get(design, "#7f8c8d"),
            )
        )
    fig.update_layout(
        barmode="stack",
        xaxis=year_axis(frame["year"]),
        yaxis_title=SCALES.get(scale, value),
        legend_title="Study design",
        margin=dict(l=10, r=10, t=30, b=10),
        height=380,
    )
    return fig


def design_breakdown(frame: pd.DataFrame) -> go.Figure:
    """Horizontal bars of records per study design, strongest design on top."""
    order = _design_order(frame["study_design"])
    data = frame.set_index("study_design").reindex(order).reset_index()
    fig = go.Figure(
        go.Bar(
            x=data["records"].tolist(),
            y=data["study_design"].tolist(),
            orientation="h",
            marker_color=[DESIGN_COLOURS.get(d, "#7f8c8d") for d in data["study_design"]],
        )
    )
    most = int(data["records"].fillna(0).max()) if len(data) else 0
    xaxis = dict(title="Records", tickformat="d", rangemode="tozero")
    if most <= 10:
        xaxis["dtick"] = 1  # else Plotly puts ticks at 0.5 steps, labelled 0, 1, 1, 2
    fig.update_layout(
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
                    marker_color=DESIGN_COLOURS.get(design, "#7f8c8d"),
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
