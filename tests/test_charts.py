"""dashboard.charts builds figures from frames without Streamlit."""

from __future__ import annotations

import pandas as pd

from dashboard import charts


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
    assert list(other.x) == [2020, 2021] and list(other.y) == [3, 2]
    assert sum(sum(t.y) for t in fig.data) == frame["records"].sum()


def test_heatmap_fills_missing_years_and_keeps_outline_order():
    frame = pd.DataFrame(
        {"topic_id": ["b", "a", "a"], "year": [2018, 2018, 2020], "records": [4, 1, 2]}
    )
    fig = charts.topic_year_heatmap(frame, {"a": "Topic A", "b": "Topic B", "c": "Topic C"})
    heat = fig.data[0]
    assert list(heat.x) == [2018, 2019, 2020]
    assert list(heat.y) == ["Topic A", "Topic B", "Topic C"]
    assert [list(row) for row in heat.z] == [[1, 0, 2], [4, 0, 0], [0, 0, 0]]


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
        {"counted_at": ["t1", "t2", "t3"], "count": pd.array([10, None, 12], dtype="Int64")}
    )
    line = charts.count_history(history).data[0]
    assert list(line.x) == ["t1", "t3"] and list(line.y) == [10, 12]
