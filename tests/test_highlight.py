"""Matched terms highlighted on the claim page: PubMed text escaped, only our own markup."""

from __future__ import annotations

from dashboard.parts.highlight import MARK, highlighted, spans_for


def test_marks_the_spans_and_escapes_everything_else():
    text = "Cardiorespiratory depression by [general] depressant *agents*"
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("depression", "depressant")]
    out = highlighted(text, spans)
    assert out == (
        "Cardiorespiratory :orange-background[depression] by \\[general\\] "
        ":orange-background[depressant] \\*agents\\*"
    )


def test_text_cannot_inject_markup():
    text = "<script>x</script> [link](http://evil) :red[boom]"
    out = highlighted(text, [(0, 8)])
    assert out.startswith(MARK.format("\\<script\\>"))
    assert "](http" not in out and ":red[" not in out


def test_bare_urls_and_addresses_cannot_become_links():
    text = "Registered at https://clinicaltrials.gov and www.isrctn.com; contact a@b.org"
    out = highlighted(text, [(text.index("https"), text.index("https") + 5)])
    for pattern in ("://", "www.", "www\\.", "@b"):
        assert pattern not in out
    assert out.replace("\u200b", "").replace("\\", "").startswith("Registered at :orange")


def test_spans_are_merged_and_bad_spans_ignored():
    hits = [
        {"field": "abstract", "start": 5, "end": 10},
        {"field": "abstract", "start": 8, "end": 12},
        {"field": "title", "start": 0, "end": 3},
        {"field": "MeSH", "start": None, "end": None},
    ]
    assert spans_for(hits, "abstract") == [(5, 12)]
    assert spans_for(hits, "title") == [(0, 3)]
    # a span past the end (the record changed since it was explained) is not misplaced
    assert highlighted("short", [(2, 40)]) == "short"
    assert highlighted("", []) == ""
