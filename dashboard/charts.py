"""DataFrame → Plotly figure. Pure: no Streamlit, no database, so tests build figures from
hand-made frames and check their traces.

Study designs keep one colour and one stacking order everywhere (strongest designs at the
bottom of every bar), so charts can be compared across claims.
"""

from __future__ import annotations

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

SCALES = {
    "raw": "Records",
    "pubmed": "Records per 100,000 PubMed records",
    "reference": "% of the reference query's records",
}


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
        xaxis_title="Year",
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
    fig.update_layout(
        yaxis=dict(autorange="reversed"),
        xaxis_title="Records",
        margin=dict(l=10, r=10, t=10, b=10),
        height=60 + 32 * max(len(data), 1),
    )
    return fig


def count_history(frame: pd.DataFrame) -> go.Figure:
    """PubMed's Count for the claim at each run (failed runs have no point)."""
    ok = frame.dropna(subset=["count"])
    fig = go.Figure(
        go.Scatter(
            x=ok["counted_at"].tolist(),
            y=[int(v) for v in ok["count"]],
            mode="lines+markers",
            name="PubMed Count",
        )
    )
    fig.update_layout(
        xaxis_title="Fetch run",
        yaxis_title="PubMed Count",
        margin=dict(l=10, r=10, t=10, b=10),
        height=280,
    )
    return fig


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
            y=[titles[t] for t in grid.index],
            colorscale="Blues",
            colorbar=dict(title="Records"),
            hovertemplate="%{y}<br>%{x}: %{z} records<extra></extra>",
        )
    )
    fig.update_layout(
        xaxis_title="Year",
        yaxis=dict(autorange="reversed"),
        margin=dict(l=10, r=10, t=10, b=10),
        height=120 + 26 * max(len(titles), 1),
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
