"""Weekly frame shares and tone: coverage, weeks, hand-checked shares, cluster intervals."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import timeline


def documents(dates, statuses=None):
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(len(dates))],
        "outlet": ["갑", "을", "갑", "을", "병"][: len(dates)],
        "outlet_type": ["daily", "daily", "daily", "blog", "blog"][: len(dates)],
        "published": pd.to_datetime(dates),
        "date_status": statuses or ["parsed" if d else "missing" for d in dates],
    })


def test_coverage_counts_weeks_from_monday():
    # Sunday 2 Feb and Monday 3 Feb are in different ISO weeks.
    coverage = timeline.date_coverage(documents(["2025-02-02", "2025-02-03", "2025-02-17", None]))
    assert (coverage["n_dated"], coverage["n_missing"], coverage["n_weeks"]) == (3, 1, 4)
    assert coverage["n_weeks_with_documents"] == 3 and coverage["enough"]
    assert coverage["undated"] == [("d3", "missing")]


def test_two_dates_three_weeks_apart_are_not_enough():
    coverage = timeline.date_coverage(documents(["2025-01-31", "2025-02-12"]))
    assert coverage["n_weeks"] == 3 and not coverage["enough"]


def coded_sentences():
    # d0 (week of 27 Jan): 3 body sentences, 1 with the frame; d1 (same week): 1 of 1;
    # d2 (week of 3 Feb): 0 of 2, plus a title that carries the frame but is not a body sentence.
    rows = [
        ("d0", "body", 1, 1), ("d0", "body", 0, -1), ("d0", "body", 0, 0),
        ("d1", "body", 1, 1),
        ("d2", "body", 0, -1), ("d2", "body", 0, -1), ("d2", "title", 1, 1),
    ]
    return pd.DataFrame(rows, columns=["doc_id", "role", "frame_rivalry", "tone"])


def test_weekly_frame_shares_by_hand():
    docs = documents(["2025-01-28", "2025-01-30", "2025-02-04"])
    dated = timeline.dated_sentences(coded_sentences(), docs)
    weekly = timeline.weekly_frames(dated, {"rivalry": "경쟁"}, n_resamples=200)
    assert weekly["week"].dt.strftime("%Y-%m-%d").tolist() == ["2025-01-27", "2025-02-03"]
    assert weekly["n_coded"].tolist() == [2, 0]
    assert weekly["n_sentences"].tolist() == [4, 2]  # the title is not counted
    assert weekly["share"].tolist() == [0.5, 0.0]
    first = weekly.iloc[0]
    # Resampling the two documents gives 1/3 (d0 twice), 1/2 (both) or 1 (d1 twice).
    assert 1 / 3 - 1e-9 <= first["ci_low"] <= first["share"] <= first["ci_high"] <= 1.0
    assert pd.isna(weekly.iloc[1]["ci_low"])  # one document: no interval


def test_weekly_tone_overall_and_per_group():
    docs = documents(["2025-01-28", "2025-01-30", "2025-02-04"])
    dated = timeline.dated_sentences(coded_sentences(), docs, group="outlet_type")
    weekly = timeline.weekly_tone(dated, n_resamples=200)
    assert list(pd.unique(weekly["group"])) == [timeline.OVERALL, "daily"]
    overall = weekly[weekly["group"] == timeline.OVERALL]
    # week 1: tones 1, -1, 0, 1 -> 0.25; week 2: -1, -1, 1 (titles count for tone) -> -1/3
    assert overall["mean_tone"].round(4).tolist() == [0.25, -0.3333]


def test_undated_documents_are_left_out_of_the_weeks_only():
    docs = documents(["2025-01-28", None, "2025-02-04"])
    dated = timeline.dated_sentences(coded_sentences(), docs)
    assert sorted(dated["doc_id"].unique()) == ["d0", "d2"]


def test_intervals_are_reproducible():
    docs = documents(["2025-01-28", "2025-01-30", "2025-02-04"])
    dated = timeline.dated_sentences(coded_sentences(), docs)
    first = timeline.weekly_tone(dated, random_state=3)
    assert first.equals(timeline.weekly_tone(dated, random_state=3))


def test_documents_without_parsed_dates_are_an_error():
    with pytest.raises(ValueError, match="published"):
        timeline.dated_sentences(coded_sentences(), pd.DataFrame({"doc_id": ["d0"]}))
