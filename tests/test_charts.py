"""dashboard.charts builds figures from frames without Streamlit."""

from __future__ import annotations

import pandas as pd

from dashboard import charts
from store.models import STUDY_DESIGNS


def test_volume_by_year_stacks_designs_in_a_fixed_order():
    frame = pd.DataFrame(
        {
            "year": [2020, 2021, 2021, 2019],
            "study_design": ["other", "rct", "other", "meta-analysis"],
            "records": [3, 1, 2, 5],
        }
    )
    fig = charts.volume_by_year(frame)
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["meta-analysis", "rct", "other"]
    other = next(t for t in fig.data if t.name == "other")
    # Every year of the span is drawn, empty ones as zero, so a bar is one year wide.
    assert list(other.x) == [2019, 2020, 2021] and list(other.y) == [0, 3, 2]
    assert sum(sum(t.y) for t in fig.data) == frame["records"].sum()
    assert fig.layout.showlegend is True
    assert fig.layout.yaxis.tickformat == ",d" and fig.layout.yaxis.dtick == 1


def test_sparklines_cover_the_last_years_with_zeros():
    frame = pd.DataFrame(
        {"topic_id": ["a", "a", "b"], "year": [1990, 2021, 2020], "records": [1, 3, 2]}
    )
    lines = charts.sparklines(frame, ["a", "b", "c"], years=3)
    assert lines == {"a": [0, 0, 3], "b": [0, 2, 0], "c": [0, 0, 0]}
    assert charts.sparklines(frame.iloc[0:0], ["a"]) == {"a": []}


def test_design_breakdown_and_count_history():
    designs = pd.DataFrame({"study_design": ["other", "review", "rct"], "records": [5, 2, 1]})
    fig = charts.design_breakdown(designs)
    assert list(fig.data[0].y) == ["rct", "review", "other"]
    assert list(fig.data[0].x) == [1, 2, 5]
    history = pd.DataFrame(
        {
            "counted_at": ["2026-11-20T03:00:05Z", "2026-11-21T03:00:02Z", "2026-11-22T03:01:00Z"],
            "count": pd.array([10, None, 12], dtype="Int64"),
        }
    )
    line = charts.count_history(history).data[0]
    assert [pd.Timestamp(x) for x in line.x] == [
        pd.Timestamp("2026-11-20 03:00:05"),
        pd.Timestamp("2026-11-22 03:01:00"),
    ]
    assert list(line.y) == [10, 12]


def test_volume_years_are_whole_years_without_separators():
    short = pd.DataFrame({"year": [2015, 2026], "study_design": ["rct", "rct"], "records": [1, 2]})
    axis = charts.volume_by_year(short).layout.xaxis
    assert axis.tickformat == "d" and axis.dtick == 1  # 12 years: a tick each
    long = pd.DataFrame({"year": [2014, 2026], "study_design": ["rct", "rct"], "records": [1, 2]})
    axis = charts.volume_by_year(long).layout.xaxis
    assert axis.tickformat == "d" and axis.dtick is None  # 13 years: Plotly picks steps


def test_design_breakdown_has_integer_ticks_from_zero_and_room_for_the_title():
    designs = pd.DataFrame({"study_design": ["other", "rct"], "records": [3, 1]})
    layout = charts.design_breakdown(designs).layout
    assert layout.xaxis.tickformat == ",d"
    assert layout.xaxis.rangemode == "tozero"
    assert layout.xaxis.dtick == 1  # small counts: no 0.5 steps
    assert layout.xaxis.title.text == "Records"
    assert layout.margin.b >= 40  # the title sits below the tick labels, not on them
    big = pd.DataFrame({"study_design": ["other"], "records": [250]})
    assert charts.design_breakdown(big).layout.xaxis.dtick is None


def test_count_history_layout_and_when_to_draw_it():
    one = pd.DataFrame(
        {"counted_at": ["2026-11-20T03:00:05Z"], "count": pd.array([10], dtype="Int64")}
    )
    assert charts.count_history_points(one) == 1
    two = pd.DataFrame(
        {
            "counted_at": ["2026-11-20T03:00:05Z", "2026-11-21T03:00:00Z", "2026-11-22T03:00:00Z"],
            "count": pd.array([10, None, 11], dtype="Int64"),
        }
    )
    assert charts.count_history_points(two) == 2
    layout = charts.count_history(two).layout
    assert layout.yaxis.rangemode == "tozero"
    assert layout.xaxis.type == "date" and layout.xaxis.tickformat == "%Y-%m-%d"


def test_single_design_keeps_its_legend_and_the_current_year_is_marked():
    frame = pd.DataFrame({"year": [2010, 2026], "study_design": ["rct", "rct"], "records": [1, 40]})
    fig = charts.volume_by_year(frame, current_year=2026)
    assert len(fig.data) == 1 and fig.layout.showlegend is True
    assert len(fig.data[0].x) == 17  # 2010..2026, no 16-year-wide bars
    assert [a.text for a in fig.layout.annotations] == ["2026: year so far"]
    assert fig.layout.yaxis.dtick is None  # 40 records: Plotly's own whole-number ticks
    assert not charts.volume_by_year(frame, current_year=2030).layout.annotations


def test_every_design_class_has_its_own_colour():
    colours = [charts.design_colour(d) for d in STUDY_DESIGNS]
    assert len(set(colours)) == len(colours)
    assert charts.design_colour("a class added later") in charts.SPARE_COLOURS


def test_sparkline_text_and_weekly_chart():
    assert charts.sparkline_text([0, 5, 10]) == "▁▅█"
    assert charts.sparkline_text([0, 0]) == "▁▁"
    weekly = pd.DataFrame({"week": ["2026-11-16", "2026-11-23"], "records": [3, 1]})
    fig = charts.weekly_new(weekly)
    assert list(fig.data[0].y) == [3, 1] and fig.layout.yaxis.dtick == 1


def test_evidence_direction_is_cumulative_supports_up_contradicts_down():
    frame = pd.DataFrame(
        {
            "year": [2018, 2020, 2020, 2019],
            "study_design": ["rct", "rct", "observational", "rct"],
            "verdict": ["supports", "supports", "contradicts", "contradicts"],
            "records": [2, 1, 4, 1],
        }
    )
    fig = charts.evidence_direction(frame)
    assert fig.layout.barmode == "relative"
    traces = {t.name: t for t in fig.data}
    assert list(traces) == ["rct (supports)", "rct (contradicts)", "observational (contradicts)"]
    assert list(traces["rct (supports)"].x) == [2018, 2019, 2020]
    assert list(traces["rct (supports)"].y) == [2, 2, 3]
    assert list(traces["rct (contradicts)"].y) == [0, -1, -1]
    assert list(traces["observational (contradicts)"].y) == [0, 0, -4]
    assert traces["rct (supports)"].marker.color == charts.DESIGN_COLOURS["rct"]
    assert fig.layout.showlegend is True
    # one tick per record while the counts are small: no "0, 1, 1, 2" from half steps
    assert fig.layout.yaxis.dtick == 1 and fig.layout.yaxis.tickformat == ",d"


def test_design_and_verdict_colours_never_share_a_colour():
    designs = set(charts.DESIGN_COLOURS.values()) | set(charts.SPARE_COLOURS)
    verdicts = set(charts.DIRECTION_COLOURS.values())
    series = set(charts.SERIES_COLOURS) | {charts.COUNT_COLOUR}
    assert not designs & verdicts and not designs & series and not verdicts & series
    assert len(verdicts) == len(charts.DIRECTION_COLOURS)


def test_trend_lines_fill_empty_years_with_zeros():
    frame = pd.DataFrame(
        {"name": ["A", "A", "B"], "year": [1979, 1982, 1981], "records": [2, 1, 3]}
    )
    fig = charts.trend_lines(frame, current_year=2026)
    lines = {t.name: t for t in fig.data}
    assert list(lines["A"].x) == [1979, 1980, 1981, 1982]
    assert list(lines["A"].y) == [2, 0, 0, 1]  # no straight line across 1980-1981
    assert list(lines["B"].y) == [0, 0, 3, 0]
    assert lines["A"].line.color != lines["B"].line.color
    assert lines["A"].line.dash != lines["B"].line.dash
    assert not fig.layout.annotations  # the axis ends in 1982: no "2026 so far" mark
    assert fig.layout.yaxis.dtick == 1
