"""Agreement measures, coding files, and the validation numbers the notebook reports."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import krippendorff

from analysis import paths
from analysis.coding import code_sentences
from analysis.framing import frame_ids
from analysis.pipeline import prepare
from analysis.validation import (
    ValidationError,
    agreement,
    code_columns,
    confusion,
    disagreements,
    intercoder_reliability,
    read_coding,
    supervised_baseline,
)

FRAMES = frame_ids()
COLUMNS = code_columns(FRAMES)


def test_binary_scores_known_answer():
    coded = pd.DataFrame({"frame_x": [1, 1, 0, 0, 1, 0]}, index=list("abcdef"))
    reference = pd.DataFrame({"frame_x": [1, 0, 0, 0, 1, 1]}, index=list("abcdef"))
    row = agreement(coded, reference, columns=["frame_x"]).iloc[0]
    # tp=2, fp=1, fn=1
    assert (row["precision"], row["recall"], row["f1"]) == (round(2 / 3, 4), round(2 / 3, 4), round(2 / 3, 4))
    expected_alpha = krippendorff.alpha(
        reliability_data=np.array([[1, 1, 0, 0, 1, 0], [1, 0, 0, 0, 1, 1]], dtype=float),
        level_of_measurement="nominal",
    )
    assert row["alpha"] == pytest.approx(expected_alpha, abs=1e-4)


def test_stance_absent_is_a_category_and_detection_is_scored():
    coded = pd.DataFrame({"stance_us": pd.array([1, pd.NA, -1, 0], dtype="Int64")}, index=list("abcd"))
    reference = pd.DataFrame({"stance_us": pd.array([1, pd.NA, pd.NA, 0], dtype="Int64")}, index=list("abcd"))
    table = agreement(coded, reference, columns=["stance_us"]).set_index("code")
    assert table.loc["stance_us:detected", "recall"] == 1.0
    assert table.loc["stance_us:detected", "precision"] == round(2 / 3, 4)
    assert confusion(coded, reference, "stance_us").loc["absent", "-1"] == 1


def test_stance_values_compare_equal_whatever_their_type():
    # A model predicts floats (-1.0), a coding file reads as strings ("-1"), the coder gives Int64.
    predicted = pd.DataFrame({"stance_china": [-1.0, np.nan, 0.0, 1.0]}, index=list("abcd"))
    reference = pd.DataFrame({"stance_china": ["-1", "", "0", "1"]}, index=list("abcd"))
    row = agreement(predicted, reference, columns=["stance_china"]).set_index("code").loc["stance_china"]
    assert (row["precision"], row["recall"], row["f1"], row["alpha"]) == (1.0, 1.0, 1.0, 1.0)
    with pytest.raises(ValueError):
        agreement(pd.DataFrame({"stance_china": ["maybe"]}, index=["a"]),
                  pd.DataFrame({"stance_china": ["1"]}, index=["a"]), columns=["stance_china"])


def test_read_coding_rejects_bad_files(tmp_path):
    good = pd.read_csv(paths.MANUAL_CODING, dtype=str, keep_default_na=False)
    bad = good.copy()
    bad.loc[0, "tone"] = "2"
    bad.to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(ValidationError, match="tone = '2'"):
        read_coding(tmp_path / "bad.csv", frame_ids=FRAMES)
    good.iloc[1:].to_csv(tmp_path / "short.csv", index=False)
    with pytest.raises(ValidationError, match="missing"):
        read_coding(tmp_path / "short.csv", frame_ids=FRAMES, sent_ids=good["sent_id"])
    good.drop(columns="frame_talent").to_csv(tmp_path / "columns.csv", index=False)
    with pytest.raises(ValidationError, match="frame_talent"):
        read_coding(tmp_path / "columns.csv", frame_ids=FRAMES)


def test_manual_coding_covers_every_seed_sentence():
    sentences = prepare().sentences
    manual = read_coding(frame_ids=FRAMES, sent_ids=sentences["sent_id"])
    assert list(manual.index) == sentences["sent_id"].tolist()


def test_intercoder_reliability_is_symmetric():
    sheet = pd.read_csv(paths.CODING_SHEET_V1)["sent_id"]
    a, b = (read_coding(p, frame_ids=FRAMES, sent_ids=sheet) for p in paths.CODER_FILES)
    ab = intercoder_reliability(a, b, columns=COLUMNS).set_index("code")
    ba = intercoder_reliability(b, a, columns=COLUMNS).set_index("code")
    pd.testing.assert_series_equal(ab["alpha"], ba["alpha"])
    assert ((ab["percent_agreement"] >= 0) & (ab["percent_agreement"] <= 1)).all()


def test_the_reported_validation_numbers_come_from_the_code():
    """Recompute figure 10's F1 and alpha for two codes from the pipeline and the gold file."""
    study = prepare()
    automated = code_sentences(study.sentences, study.tokens).set_index("sent_id")
    manual = read_coding(frame_ids=FRAMES, sent_ids=study.sentences["sent_id"])
    scores = agreement(automated, manual, columns=COLUMNS).set_index("code")
    published = pd.read_csv(paths.FIGURES / "fig10_validation_agreement.csv", encoding="utf-8-sig")
    automated_rows = published[published["coder"].str.contains("dictionary")].set_index("code")
    for code in ("frame_rivalry", "tone"):
        for column in ("f1", "alpha"):
            assert automated_rows.loc[code, column] == pytest.approx(scores.loc[code, column], abs=1e-4)


def test_disagreements_list_every_differing_code():
    sentences = pd.DataFrame({"sent_id": ["a", "b"], "outlet": ["x", "x"], "text": ["가", "나"]})
    coded = pd.DataFrame({"frame_x": [1, 0], "tone": [1, 0]}, index=["a", "b"])
    reference = pd.DataFrame({"frame_x": [0, 0], "tone": [-1, 0]}, index=["a", "b"])
    table = disagreements(coded, reference, sentences, columns=["frame_x", "tone"])
    assert table[["sent_id", "code", "coded", "reference"]].values.tolist() == [
        ["a", "frame_x", "1", "0"], ["a", "tone", "1", "-1"]
    ]


def test_supervised_baseline_is_deterministic_and_skips_rare_codes():
    study = prepare()
    manual = read_coding(frame_ids=FRAMES, sent_ids=study.sentences["sent_id"])
    first = supervised_baseline(study.sentences, study.tokens, manual, columns=["frame_talent", "stance_us"])
    second = supervised_baseline(study.sentences, study.tokens, manual, columns=["frame_talent", "stance_us"])
    pd.testing.assert_frame_equal(first, second)
    assert first.set_index("code").loc["stance_us", "model"].startswith("skipped")
    assert 0 <= first.set_index("code").loc["frame_talent", "f1"] <= 1
