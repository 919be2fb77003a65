"""The per-outlet tables behind figures 1 and 4-8 and the synthesis, on small invented tables.

Every expected number is worked out by hand in the comments; the tables are
small enough to check on paper. Each test names the planted bug it catches
(a mean computed as a sum, swapped labels, a zeroed stance mean, an inverted
chrome share, outlets out of order).
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from analysis import summaries

# Three outlets in metadata order 나 → 가 → 다 (not alphabetical, so that an
# alphabetical sort shows).
SENTENCES = pd.DataFrame(
    {
        "sent_id": ["n-1", "n-2", "n-3", "n-4", "g-1", "g-2", "d-1"],
        "doc_id": ["n", "n", "n", "n", "g", "g", "d"],
        "outlet": ["나일보", "나일보", "나일보", "나일보", "가신문", "가신문", "다방송"],
        "role": ["title", "body", "body", "body", "body", "body", "body"],
        "para": [0, 1, 1, 2, 1, 2, 1],
        "position": [0.0, 1 / 3, 2 / 3, 1.0, 0.0, 1.0, 0.0],
    }
)
FRAMES = {"alpha": "알파 프레임", "beta": "베타 프레임"}


def coded_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sent_id": SENTENCES["sent_id"],
            "outlet": SENTENCES["outlet"],
            "frame_alpha": [1, 1, 1, 0, 0, 1, 0],
            "frame_beta": [0, 0, 1, 1, 0, 0, 0],
            "prescription": [0, 1, 0, 1, 1, 0, 0],
            "addressee": ["", "정부", "", "정부;기업", "", "", ""],
            "tone": pd.array([1, -1, 1, 1, -1, -1, 0], dtype="Int64"),
            "stance_china": pd.array([1, pd.NA, 1, -1, pd.NA, pd.NA, pd.NA], dtype="Int64"),
            "stance_japan": pd.array([pd.NA, pd.NA, pd.NA, pd.NA, -1, -1, pd.NA], dtype="Int64"),
        }
    )


def test_group_order_is_first_appearance_unless_given():
    assert summaries.group_order(SENTENCES["outlet"]) == ["나일보", "가신문", "다방송"]
    assert summaries.group_order(SENTENCES["outlet"], order=["다방송"]) == ["다방송", "나일보", "가신문"]


def test_frame_prominence_shares_labels_and_order():
    table = summaries.frame_prominence(coded_table(), SENTENCES, codebook=FRAMES)
    # body sentences: 나일보 n-2, n-3, n-4 (3); 가신문 g-1, g-2 (2); 다방송 d-1 (1)
    assert table["outlet"].drop_duplicates().tolist() == ["나일보", "가신문", "다방송"]
    rows = table.set_index(["outlet", "frame"])
    assert rows.loc[("나일보", "alpha"), "n_sentences"] == 3
    assert rows.loc[("나일보", "alpha"), "n_coded"] == 2  # n-2, n-3 (the title n-1 is not body)
    assert rows.loc[("나일보", "alpha"), "share"] == pytest.approx(2 / 3)
    assert rows.loc[("나일보", "beta"), "share"] == pytest.approx(2 / 3)  # n-3, n-4
    assert rows.loc[("가신문", "alpha"), "share"] == pytest.approx(1 / 2)  # g-2
    assert rows.loc[("다방송", "beta"), "share"] == 0.0
    # labels belong to their frame (a swap of labels fails here)
    assert dict(zip(table["frame"], table["label"])) == FRAMES


def test_frame_positions_rows_per_coded_sentence_and_frame():
    positions = summaries.frame_positions(coded_table(), SENTENCES, codebook=FRAMES)
    # alpha: n-1 (0), n-2 (1/3), n-3 (2/3), g-2 (1); beta: n-3 (2/3), n-4 (1)
    assert positions["outlet"].drop_duplicates().tolist() == ["나일보", "가신문"]
    alpha = positions[positions["frame"] == "alpha"]
    assert alpha["sent_id"].tolist() == ["n-1", "n-2", "n-3", "g-2"]
    assert alpha["position"].tolist() == pytest.approx([0, 1 / 3, 2 / 3, 1])
    assert set(positions.loc[positions["frame"] == "beta", "label"]) == {"베타 프레임"}


def test_frame_cooccurrence_and_title_lead():
    co = summaries.frame_cooccurrence(coded_table(), codebook=FRAMES).set_index(["frame_a", "frame_b"])
    # alpha in 4 sentences, beta in 2, both in n-3: jaccard 1 / (4 + 2 - 1) = 0.2
    assert co.loc[("alpha", "beta"), ["n_a", "n_b", "n_both"]].tolist() == [4, 2, 1]
    assert co.loc[("alpha", "beta"), "jaccard"] == pytest.approx(0.2)
    assert co.loc[("beta", "alpha"), "label_a"] == "베타 프레임"
    lead = summaries.frames_in_title_and_lead(coded_table(), SENTENCES, codebook=FRAMES)
    rows = lead.set_index(["doc_id", "frame"])
    # n: title n-1 has alpha; lead = para 1 (n-2, n-3) has alpha and beta; body share beta 2/3
    assert rows.loc[("n", "alpha"), ["in_title", "in_lead"]].tolist() == [1, 1]
    assert rows.loc[("n", "beta"), ["in_title", "in_lead"]].tolist() == [0, 1]
    assert rows.loc[("n", "beta"), "body_share"] == pytest.approx(2 / 3)
    assert lead["outlet"].drop_duplicates().tolist() == ["나일보", "가신문", "다방송"]


def test_prescriptions_by_addressee_counts_each_addressee():
    table = summaries.prescriptions_by_addressee(coded_table(), SENTENCES)
    # 나일보: n-2 정부, n-4 정부;기업 → 정부 2, 기업 1; 가신문: g-1 without addressee
    assert table.to_dict("records") == [
        {"outlet": "나일보", "addressee": "정부", "n": 2},
        {"outlet": "나일보", "addressee": "기업", "n": 1},
        {"outlet": "가신문", "addressee": "(명시 안 됨)", "n": 1},
    ]


def test_bootstrap_tone_mean_counts_and_order():
    table = summaries.bootstrap_tone(coded_table()[["sent_id", "tone"]], SENTENCES, n_resamples=200)
    assert table["outlet"].tolist() == ["나일보", "가신문", "다방송"]
    rows = table.set_index("outlet")
    # 나일보 tones 1, -1, 1, 1: mean 2 / 4 = 0.5 (a sum would give 2)
    assert rows.loc["나일보", "mean_tone"] == 0.5
    assert rows.loc["나일보", ["n_sentences", "n_negative", "n_neutral", "n_positive"]].tolist() == [4, 1, 0, 3]
    # 가신문 -1, -1: mean -1 and a degenerate interval
    assert rows.loc["가신문", ["mean_tone", "ci_low", "ci_high"]].tolist() == [-1.0, -1.0, -1.0]
    assert rows.loc["다방송", ["mean_tone", "n_neutral"]].tolist() == [0.0, 1]
    assert rows.loc["나일보", "ci_low"] <= 0.5 <= rows.loc["나일보", "ci_high"]


def test_summarize_stance_means_per_target_from_the_columns():
    coded = coded_table()
    table = summaries.summarize_stance(
        coded[["sent_id", "stance_china", "stance_japan"]], SENTENCES, labels={"japan": "일본"}, n_resamples=200
    )
    rows = table.set_index(["outlet", "target"])
    # china in 나일보: 1, 1, -1 → mean 1/3 (rounded 0.3333); a zeroed mean fails here
    assert rows.loc[("나일보", "china"), "mean_stance"] == pytest.approx(0.3333)
    assert rows.loc[("나일보", "china"), ["n_mentioned", "n_negative", "n_positive"]].tolist() == [3, 1, 2]
    # japan in 가신문: -1, -1
    assert rows.loc[("가신문", "japan"), "mean_stance"] == -1.0
    assert rows.loc[("가신문", "japan"), "label"] == "일본"
    assert rows.loc[("가신문", "china"), "label"] == "china"
    # not mentioned: a row with n 0 and no mean
    assert rows.loc[("다방송", "japan"), "n_mentioned"] == 0
    assert np.isnan(rows.loc[("다방송", "japan"), "mean_stance"])
    assert table["target"].tolist()[:2] == ["china", "japan"]
    assert table["outlet"].drop_duplicates().tolist() == ["나일보", "가신문", "다방송"]


def test_by_source_tables_put_manual_beside_automated():
    coded = coded_table()
    manual = coded.set_index("sent_id").assign(tone=pd.array([0] * 7, dtype="Int64"))
    tone = summaries.tone_by_source(coded, manual, SENTENCES)
    assert tone.groupby("source")["mean_tone"].apply(list).to_dict() == {
        summaries.AUTOMATED: [0.5, -1.0, 0.0], summaries.MANUAL: [0.0, 0.0, 0.0],
    }
    stance = summaries.stance_by_source(coded, manual.drop(columns="stance_japan"), SENTENCES)
    assert set(stance.loc[stance["source"] == summaries.MANUAL, "target"]) == {"china"}
    assert set(stance.loc[stance["source"] == summaries.AUTOMATED, "target"]) == {"china", "japan"}
    frames = summaries.frame_prominence_by_source(coded, manual, SENTENCES, codebook=FRAMES)
    assert frames["source"].value_counts().to_dict() == {summaries.AUTOMATED: 6, summaries.MANUAL: 6}


def test_share_by_outlet_means_in_outlet_order():
    coded = coded_table().set_index("sent_id")
    table = summaries.share_by_outlet(coded, SENTENCES, columns=["frame_alpha"])
    # all sentences: 나일보 alpha 1,1,1,0 → 0.75; 가신문 0,1 → 0.5; 다방송 0
    assert table.values.tolist() == [["나일보", "frame_alpha", 0.75], ["가신문", "frame_alpha", 0.5],
                                     ["다방송", "frame_alpha", 0.0]]


def test_count_voices_zero_rows_and_shares():
    voices = pd.DataFrame({"sent_id": ["n-2", "n-3", "n-3", "n-2", "g-1"], "speaker": ["갑", "을", "을", "업계", pd.NA],
                           "country": ["Korea", "US", "US", "Korea", "unknown"],
                           "attributed": ["yes", "yes", "yes", "no", "no"]})
    table = summaries.count_voices(voices, SENTENCES)
    assert table["outlet"].drop_duplicates().tolist() == ["나일보", "가신문", "다방송"]
    assert table["country"].drop_duplicates().tolist() == ["US", "China", "Korea", "other", "unknown", "unattributed"]
    rows = table.set_index(["outlet", "country"])
    # 나일보: Korea 1, US 2, and one unattributed claim (업계, whose Korea is not a speaker's country): of 4
    assert rows.loc[("나일보", "US"), ["n", "share"]].tolist() == [2, 0.5]
    assert rows.loc[("나일보", "Korea"), ["n", "share"]].tolist() == [1, 0.25]
    assert rows.loc[("나일보", "unattributed"), ["n", "share"]].tolist() == [1, 0.25]
    # 가신문: its only voice is unattributed; 다방송 has none
    assert rows.loc[("가신문", "unattributed"), ["n", "share"]].tolist() == [1, 1.0]
    assert rows.loc[("가신문", "unknown"), "n"] == 0
    assert rows.loc[("다방송", "US"), ["n", "share"]].tolist() == [0, 0.0]
    speakers = summaries.count_voices(voices, SENTENCES, unit="speakers").set_index(["outlet", "country"])
    assert speakers.loc[("나일보", "US"), "n"] == 1
    # without the attributed column every voice counts as attributed
    legacy = summaries.count_voices(voices.drop(columns="attributed"), SENTENCES).set_index(["outlet", "country"])
    assert legacy.loc[("나일보", "Korea"), "n"] == 2 and legacy.loc[("나일보", "unattributed"), "n"] == 0
    with pytest.raises(ValueError, match="attributed must be yes or no"):
        summaries.count_voices(voices.assign(attributed="maybe"), SENTENCES)


def test_figure_8_and_its_paragraph_show_unattributed_claims_apart():
    from analysis import plots, synthesis

    voices = pd.DataFrame({"sent_id": ["n-2", "n-3", "n-3", "n-2", "g-1"], "speaker": ["갑", "을", "을", "업계", pd.NA],
                           "country": ["Korea", "US", "US", "Korea", "unknown"],
                           "attributed": ["yes", "yes", "yes", "no", "no"]})
    table = summaries.count_voices(voices, SENTENCES)
    text = synthesis.voices_paragraph(table, country_names=plots.VOICE_COUNTRY_LABELS)
    assert "나일보 4 voice(s), 1 of them unattributed claims, most from 미국 (2)" in text
    assert "가신문 1 voice(s), 1 of them unattributed claims, none with a known country" in text
    assert "다방송 quotes no one" in text
    figure = plots.plot_voices_by_country(table)
    ax = figure.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-1] == "출처 없는 주장"
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == 3  # one unattributed segment per outlet (zero width for 다방송)
    assert [round(p.get_width(), 4) for p in hatched] == [0.25, 1.0, 0.0]


def overview_study() -> SimpleNamespace:
    """Two outlets; characters are counted without spaces."""
    documents = pd.DataFrame({"doc_id": ["b", "a"], "outlet": ["나일보", "가신문"]})
    lines = pd.DataFrame(
        {
            "doc_id": ["b", "b", "b", "b", "a", "a"],
            "line": [1, 2, 3, 4, 1, 2],
            # b: article 6 + 3 = 9 characters, chrome 3 ("공유 하기" = 4), blank line
            "text": ["가나다라마바", "사아자", "공유 하기", "", "차카타", "ⓒ무단"],
            "role": ["body", "body", "chrome", "chrome", "title", "chrome"],
            "reason": ["", "", "share button", "blank line", "", "copyright"],
        }
    )
    paragraphs = pd.DataFrame({"outlet": ["나일보", "나일보", "가신문"]})
    sentences = pd.DataFrame({"outlet": ["나일보", "나일보", "나일보", "가신문"]})
    tokens = pd.DataFrame(
        {"doc_id": ["b", "b", "b", "a", "a"], "tag": ["NNG", "SF", "NNG", "NNG", "NNG"],
         "gloss": [False, False, True, False, False]}
    )
    return SimpleNamespace(
        corpus=SimpleNamespace(documents=documents),
        cleaned=SimpleNamespace(lines=lines, paragraphs=paragraphs),
        sentences=sentences, tokens=tokens,
    )


def test_corpus_overview_counts_and_chrome_share():
    table = summaries.corpus_overview(overview_study())
    assert table["outlet"].tolist() == ["나일보", "가신문"]  # metadata order, not alphabetical
    rows = table.set_index("outlet")
    # 나일보: article 6 + 3 = 9 chars, chrome "공유하기" 4 chars; share 4 / 13 = 0.3077
    assert rows.loc["나일보", ["article_chars", "chrome_chars"]].tolist() == [9, 4]
    assert rows.loc["나일보", "chrome_share"] == 0.3077
    assert rows.loc["나일보", ["raw_lines", "article_lines", "chrome_lines"]].tolist() == [4, 2, 1]
    # 가신문: article 3, chrome 3 → 0.5
    assert rows.loc["가신문", "chrome_share"] == 0.5
    # words: b has NNG (SF is punctuation, the gloss is left out) → 1; a → 2
    assert rows.loc[["나일보", "가신문"], "tokens"].tolist() == [1, 2]
    assert rows.loc[["나일보", "가신문"], ["documents", "paragraphs", "sentences"]].values.tolist() == [[1, 2, 3],
                                                                                                       [1, 1, 1]]


def test_outlet_profiles_means_and_stance_columns():
    coded = coded_table()
    voices = pd.DataFrame({"sent_id": ["n-2", "n-3", "g-1"], "country": ["Korea", "US", "US"]})
    keyness = pd.DataFrame({"outlet": ["나일보", "가신문"], "term": ["칩", "모델"], "g2": [5.0, 4.0],
                            "p": [0.01, 0.02], "n_target": [3, 2], "n_reference": [0, 0]})
    profiles = summaries.outlet_profiles(SENTENCES, coded, voices, keyness, codebook=FRAMES, n_frames=1)
    assert profiles["outlet"].tolist() == ["나일보", "가신문", "다방송"]
    rows = profiles.set_index("outlet")
    assert rows.loc["나일보", "mean_tone"] == 0.5  # (1 - 1 + 1 + 1) / 4
    assert rows.loc["나일보", "stance_china"] == 0.33  # (1 + 1 - 1) / 3
    assert rows.loc["가신문", "stance_japan"] == -1.0
    # 나일보 body shares: alpha 2/3, beta 2/3 → tie broken by column name: alpha
    assert rows.loc["나일보", "top_frames"] == "알파 프레임 67%"
    assert rows.loc["나일보", ["voices", "prescriptions"]].tolist() == [2, 2]
    assert rows.loc["나일보", "voices_by_country"] == "Korea 1, US 1"
    assert rows.loc["나일보", "addressees"] == "기업, 정부"
