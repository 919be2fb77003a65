"""Voices against manual voice coding, on small invented tables worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.validation import ValidationError, read_voice_coding, voice_disagreements, voices_agreement

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
