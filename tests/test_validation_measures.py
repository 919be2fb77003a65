"""Validation measures (voices, bootstrap comparisons) on small invented tables worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.validation import (
    ValidationError,
    read_voice_coding,
    voice_disagreements,
    voices_agreement,
    voices_validation,
)

IDS = ["s1", "s2", "s3", "s4", "s5", "s6"]
EXTRACTED = pd.DataFrame({
    "sent_id": ["s1", "s2", "s3", "s5"],
    "speaker": ["김 교수", "로이터", "", "백악관"],
    "speaker_type": ["person", "media", "unnamed", "institution"],
    "country": ["Korea", "other", "unknown", "US"],
})
MANUAL = pd.DataFrame({
    "sent_id": ["s1", "s2", "s3", "s4"],
    "voice_no": ["1"] * 4,
    "speaker": ["김 교수", "로이터", "", "중국 외교부"],
    "speaker_type": ["person", "media", "unattributed", "institution"],
    "country": ["Korea", "US", "unknown", "China"],
    "reporting_verb": ["말하다", "보도하다", "분석", "밝히다"],
    "mode": ["direct", "indirect", "indirect", "indirect"],
    "attributed": ["yes", "yes", "no", "yes"],
})


def test_detection_and_accuracy_by_hand():
    table = voices_agreement(EXTRACTED, MANUAL, sent_ids=IDS).set_index("measure")
    # any voice: extracted {1,2,3,5}, manual {1,2,3,4}: TP 3, FP 1 (s5), FN 1 (s4) -> P = R = F1 = 0.75
    assert table.loc["voice detected", ["precision", "recall", "f1"]].tolist() == [0.75, 0.75, 0.75]
    # attributed: extracted {1,2,5}, manual {1,2,4}: TP 2 -> P = R = 2/3
    assert table.loc["attributed voice detected", "precision"] == pytest.approx(0.6667)
    assert table.loc["attributed voice detected", "n_both"] == 2
    # unattributed: both {3}
    assert table.loc["unattributed claim detected", "f1"] == 1.0
    # country on the shared attributed sentences s1 (Korea = Korea) and s2 (other != US): 1/2
    assert table.loc["speaker country", "accuracy"] == 0.5
    assert table.loc["speaker country", "n_both"] == 2
    assert table.loc["speaker type", "accuracy"] == 1.0


def test_disagreements_list_missing_and_other_country():
    sentences = pd.DataFrame({"sent_id": IDS, "text": [f"문장 {i}" for i in range(6)]})
    table = voice_disagreements(EXTRACTED, MANUAL, sentences)
    assert table["sent_id"].tolist() == ["s2", "s4", "s5"]
    assert table.set_index("sent_id").loc["s4", "extracted"] == ""


def test_read_voice_coding_names_the_line(tmp_path):
    MANUAL.to_csv(tmp_path / "v.csv", index=False)
    assert len(read_voice_coding(tmp_path / "v.csv", sent_ids=IDS)) == 4
    MANUAL.assign(country=["Korea", "US", "unknown", "Japan"]).to_csv(tmp_path / "bad.csv", index=False)
    with pytest.raises(ValidationError, match=r"bad.csv, line 5: country = 'Japan'"):
        read_voice_coding(tmp_path / "bad.csv")
    with pytest.raises(ValidationError, match="not in the corpus"):
        read_voice_coding(tmp_path / "v.csv", sent_ids=IDS[:2])


def test_shipped_voice_coding_is_valid():
    from analysis.pipeline import prepare

    table = read_voice_coding(sent_ids=prepare(None).sentences["sent_id"])
    assert table["sent_id"].is_unique and len(table) == 61


def test_bootstrap_agreement_point_estimates_match_agreement_and_intervals_bracket_them():
    import numpy as np

    from analysis.validation import agreement, bootstrap_agreement, compare_coders

    rng = np.random.default_rng(3)
    index = pd.Index([f"s{i}" for i in range(80)], name="sent_id")
    reference = pd.DataFrame({"frame_x": rng.integers(0, 2, 80), "tone": rng.integers(-1, 2, 80),
                              "stance_china": pd.array(rng.choice([-1, 0, 1, None], 80), dtype="Int64")}, index=index)
    coded = reference.copy()
    coded.iloc[:20] = reference.iloc[20:40].to_numpy()  # a quarter of the rows scrambled
    columns = ["frame_x", "tone", "stance_china"]
    table = bootstrap_agreement(coded, reference, columns=columns, n_boot=200, random_state=0).set_index("code")
    expected = agreement(coded, reference, columns=columns).set_index("code")
    for column in columns:
        assert table.loc[column, "f1"] == pytest.approx(expected.loc[column, "f1"], abs=1e-4)
        assert table.loc[column, "alpha"] == pytest.approx(expected.loc[column, "alpha"], abs=1e-4)
        assert table.loc[column, "f1_low"] <= table.loc[column, "f1"] <= table.loc[column, "f1_high"]
        assert table.loc[column, "alpha_low"] < table.loc[column, "alpha_high"]
    both = compare_coders({"b": coded, "a": reference}, reference, columns=columns, n_boot=50)
    assert both["coder"].unique().tolist() == ["b", "a"]
    perfect = both[both["coder"] == "a"].set_index("code")
    assert perfect.loc["frame_x", "f1"] == 1.0 and perfect.loc["frames (macro)", "f1"] == 1.0


def test_macro_f1_by_outlet_by_hand():
    from analysis.validation import macro_f1_by_outlet

    index = pd.Index(["a1", "a2", "b1", "b2"], name="sent_id")
    reference = pd.DataFrame({"frame_x": [1, 0, 1, 1], "frame_y": [1, 1, 0, 0]}, index=index)
    coded = pd.DataFrame({"frame_x": [1, 1, 0, 1], "frame_y": [1, 1, 1, 0]}, index=index)
    sentences = pd.DataFrame({"sent_id": ["b1", "b2", "a1", "a2"], "outlet": ["B", "B", "A", "A"]})
    table = macro_f1_by_outlet({"dict": coded}, reference, sentences, frame_columns=["frame_x", "frame_y"])
    # outlet B: frame_x TP 1, FN 1 -> 2/3; frame_y TP 0 -> 0; macro 1/3. A: x TP1 FP1 -> 2/3, y TP 2 -> 1; macro 5/6
    assert table["outlet"].tolist() == ["B", "A"]
    assert table["frames_macro_f1"].tolist() == [pytest.approx(0.3333), pytest.approx(0.8333)]


def test_coders_side_by_side_formats_each_interval_by_hand():
    from analysis.validation import coders_side_by_side

    comparison = pd.DataFrame({
        "coder": ["dict", "model", "dict"], "label": ["frame A", "frame A", "tone"],
        "f1": [0.5, 0.75, 0.125], "f1_low": [0.25, 0.5, np.nan], "f1_high": [0.625, 0.875, np.nan],
        "alpha": [0.0, 1.0, -0.5], "alpha_low": [-0.25, 1.0, np.nan], "alpha_high": [0.25, 1.0, np.nan],
    })
    table = coders_side_by_side(comparison)
    assert table.loc["frame A", ("F1", "model")] == "0.75 [0.50, 0.88]"
    assert table.loc["frame A", ("alpha", "dict")] == "0.00 [-0.25, 0.25]"
    assert table.loc["tone", ("F1", "dict")] == "0.12"
    assert list(table.index) == ["frame A", "tone"]


def test_attributed_column_decides_unattributed_claims():
    # the extractor's own convention: attributed yes/no; an unknown speaker is still attributed
    extracted = EXTRACTED.assign(speaker_type=["person", "media", "unattributed", "unknown"],
                                 attributed=["yes", "yes", "no", "yes"])
    table = voices_agreement(extracted, MANUAL, sent_ids=IDS).set_index("measure")
    assert table.loc["unattributed claim detected", ["n_extracted", "f1"]].tolist() == [1, 1.0]
    assert table.loc["attributed voice detected", "n_extracted"] == 3


def test_voices_validation_adds_the_human_ceiling():
    # coder B = the manual coding without s4: scored against coder A = the manual coding
    coder_b = MANUAL[MANUAL["sent_id"] != "s4"]
    table = voices_validation(EXTRACTED, MANUAL, sent_ids=IDS, coders=(MANUAL, coder_b)).set_index("measure")
    # human any-voice: B {1,2,3} against A {1,2,3,4}: P 1, R 3/4 -> F1 6/7
    assert table.loc["voice detected", "human_f1"] == pytest.approx(0.8571, abs=1e-4)
    assert table.loc["speaker country", "human_accuracy"] == 1.0
    assert table.loc["voice detected", "f1"] == 0.75  # the extractor's own columns unchanged
    assert "human_f1" not in voices_validation(EXTRACTED, MANUAL, sent_ids=IDS).columns


def test_voice_disagreements_flag_attribution():
    extracted = EXTRACTED.assign(attributed=["yes", "yes", "yes", "yes"])  # s3 called attributed
    sentences = pd.DataFrame({"sent_id": IDS, "text": [f"문장 {i}" for i in range(6)]})
    table = voice_disagreements(extracted, MANUAL, sentences).set_index("sent_id")
    assert "s3" in table.index and table.loc["s3", "manual"] == "(unattributed) / unknown"
