"""The supervised layer on a tiny invented training set (sentences written for these tests)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis import training
from analysis.coding import code_sentences, units_as_sentences

RIVALRY = [
    "미국과 중국의 인공지능 패권 경쟁이 한층 격해지고 있다.",
    "워싱턴은 반도체 수출 통제로 베이징의 추격을 막으려 한다.",
    "중국은 미국의 기술 봉쇄에 맞서 자체 칩 개발에 속도를 낸다.",
    "인공지능 주도권을 둘러싼 미중 대결이 새 국면에 들어섰다.",
    "미국의 제재가 오히려 중국의 기술 자립을 앞당겼다는 평가다.",
    "양국의 기술 전쟁은 동맹국에도 선택을 강요하고 있다.",
    "중국이 미국 중심의 질서에 도전장을 내밀었다.",
    "미중 패권 다툼 속에서 반도체가 무기가 됐다.",
]
OTHER = [
    "새 앱은 출시 첫 주에 다운로드 순위 1위에 올랐다.",
    "이 모델은 수학 문제 풀이에서 높은 점수를 받았다.",
    "회사는 다음 달 새 버전을 공개할 예정이다.",
    "사용자들은 답변 속도가 빨라졌다고 전했다.",
    "서비스는 한국어 질문에도 자연스럽게 답한다.",
    "연구진은 논문을 온라인에 먼저 올렸다.",
    "행사는 서울 강남의 한 호텔에서 열렸다.",
    "업데이트 이후 오류 신고가 크게 줄었다.",
]


@pytest.fixture(scope="module")
def tiny():
    texts = RIVALRY + OTHER
    units = units_as_sentences(texts, name="tiny")
    coded = code_sentences(units.sentences, units.tokens)
    labels = pd.DataFrame(
        {
            "frame_rivalry": [1] * len(RIVALRY) + [0] * len(OTHER),
            "tone": [-1, -1, 0, 0, 1, -1, 0, -1] + [1, 1, 0, 0, 1, 0, 0, 1],
        },
        index=pd.Index(units.sentences["sent_id"], name="sent_id"),
    )
    return units, coded, labels


def test_class_labels_round_trip():
    stance = pd.Series([1, pd.NA, -1, 0], dtype="Int64")
    labels = training.as_class_labels(stance, "stance")
    assert labels.tolist() == ["1", "absent", "-1", "0"]
    back = training.from_class_labels(labels, "stance")
    assert back.astype("object").where(back.notna(), None).tolist() == [1, None, -1, 0]
    assert training.code_kind("stance_japan") == "stance"
    assert training.code_kind("frame_talent") == "binary"
    assert training.code_kind("tone") == "tone"


def test_best_threshold_worked_by_hand():
    # cut 0.9 -> [1,0,0,0]: TP 1, FN 1 -> F1 2/3; cut 0.5 -> [1,1,0,0]: TP 1, FP 1, FN 1 -> 1/2;
    # cut 0.4 -> [1,1,1,0]: TP 2, FP 1 -> 4/5; cut 0.35 -> all 1: TP 2, FP 2 -> 2/3. Best: 0.4.
    y = np.array([1, 0, 1, 0])
    p = np.array([0.9, 0.5, 0.4, 0.35])
    assert training._best_threshold(y, p) == pytest.approx(0.4)


def test_morpheme_terms_reduce_irregular_tags():
    tokens = pd.DataFrame({
        "sent_id": ["a", "a", "a", "b"],
        "norm": ["듣다", "었", ".", "좋다"],
        "tag": ["VV-R", "EP", "SF", "VA-I"],
    })
    assert training.morpheme_terms(tokens, ["a", "b", "c"]) == [["듣다/VV", "었/EP"], ["좋다/VA"], []]


def test_fit_predict_learns_and_explains(tiny):
    units, coded, labels = tiny
    layer = training.SupervisedLayer(codes=["frame_rivalry", "tone"], min_df=1, n_splits=4)
    layer.fit(units.tokens, coded, labels)
    predicted = layer.predict(units.tokens, coded)
    assert list(predicted.columns) == ["frame_rivalry", "tone", "certainty", "model_evidence"]
    assert predicted.index.equals(coded.index)
    # the training units themselves are learnt
    assert (predicted["frame_rivalry"].to_numpy() == labels["frame_rivalry"].to_numpy()).mean() >= 0.9
    assert predicted["certainty"].between(0, 1).all()
    rivalry_rows = predicted[predicted["frame_rivalry"] == 1]
    assert rivalry_rows["model_evidence"].str.contains("frame_rivalry=1: ").all()
    assert set(layer.cv_report_["code"]) == {"frame_rivalry", "tone"}


def test_training_is_deterministic_and_survives_saving(tiny, tmp_path):
    units, coded, labels = tiny
    first = training.SupervisedLayer(codes=["frame_rivalry"], min_df=1, n_splits=4).fit(units.tokens, coded, labels)
    second = training.SupervisedLayer(codes=["frame_rivalry"], min_df=1, n_splits=4).fit(units.tokens, coded, labels)
    pd.testing.assert_frame_equal(first.predict(units.tokens, coded), second.predict(units.tokens, coded))
    training.save_model(first, tmp_path / "m", card={"training_data_sha256": "abc"})
    card = json.loads((tmp_path / "m" / "model.json").read_text(encoding="utf-8"))
    assert card["codes"] == ["frame_rivalry"] and card["training_data_sha256"] == "abc"
    assert oct((tmp_path / "m" / "model.json").stat().st_mode & 0o777) == "0o644"
    loaded = training.load_model(tmp_path / "m")
    pd.testing.assert_frame_equal(loaded.predict(units.tokens, coded), first.predict(units.tokens, coded))
    # saving the same model again writes the same bytes
    training.save_model(second, tmp_path / "n", card={"training_data_sha256": "abc"})
    assert (tmp_path / "m" / "model.joblib").read_bytes() == (tmp_path / "n" / "model.joblib").read_bytes()


def test_hybrid_uses_dictionary_features(tiny):
    units, coded, labels = tiny
    hybrid = training.SupervisedLayer(codes=["frame_rivalry"], min_df=1, n_splits=4).fit(units.tokens, coded, labels)
    alone = training.SupervisedLayer(codes=["frame_rivalry"], min_df=1, n_splits=4,
                                     use_dictionary=False).fit(units.tokens, coded, labels)
    assert any(name.startswith("dict:") for name in hybrid.feature_names_)
    assert not any(name.startswith("dict:") for name in alone.feature_names_)


def test_errors_are_clear(tiny, tmp_path):
    units, coded, labels = tiny
    with pytest.raises(training.TrainingError, match="no labels"):
        training.SupervisedLayer(codes=["frame_rivalry"]).fit(units.tokens, coded, labels.iloc[:-2])
    constant = labels.assign(frame_rivalry=0)
    with pytest.raises(training.TrainingError, match="same value"):
        training.SupervisedLayer(codes=["frame_rivalry"]).fit(units.tokens, coded, constant)
    with pytest.raises(training.TrainingError, match="not trained"):
        training.SupervisedLayer().predict(units.tokens, coded)
    with pytest.raises(training.TrainingError, match="no trained model"):
        training.load_model(tmp_path)
    layer = training.SupervisedLayer(codes=["frame_rivalry"], min_df=1, n_splits=4).fit(units.tokens, coded, labels)
    training.save_model(layer, tmp_path / "old", card={})
    card_path = tmp_path / "old" / "model.json"
    card = json.loads(card_path.read_text(encoding="utf-8"))
    card["packages"]["scikit-learn"] = "0.0.1"
    card_path.write_text(json.dumps(card), encoding="utf-8")
    with pytest.raises(training.TrainingError, match="retrain"):
        training.load_model(tmp_path / "old")


def test_read_training_corpus_checks_labels(tmp_path):
    units = pd.DataFrame({"unit_id": ["t-1", "t-2"], "style": ["wire", "blog"], "event": ["x", "y"],
                          "text": ["가", "나"], "split": ["train", "test"]})
    units.to_csv(tmp_path / "units.csv", index=False)
    from analysis.framing import frame_ids

    codes = {f"frame_{f}": ["0", "1"] for f in frame_ids()}
    labels = pd.DataFrame({"unit_id": ["t-1", "t-2"], **codes, "prescription": ["0", "0"], "tone": ["1", "-1"],
                           "stance_china": ["", "1"], "stance_us": ["", ""], "stance_korea": ["0", ""]})
    labels.to_csv(tmp_path / "labels.csv", index=False)
    corpus = training.read_training_corpus(tmp_path)
    assert corpus.split("test").units["unit_id"].tolist() == ["t-2"]
    assert corpus.labels.loc["t-2", "stance_china"] == 1
    labels.loc[1, "tone"] = "2"
    labels.to_csv(tmp_path / "labels.csv", index=False)
    with pytest.raises(training.TrainingError, match=r"labels.csv.*tone = '2' for t-2"):
        training.read_training_corpus(tmp_path)


def test_train_shipped_models_on_a_small_corpus(tmp_path):
    from analysis.framing import frame_ids

    texts = RIVALRY + OTHER
    ids = [f"t-{i:02d}" for i in range(len(texts))]
    split = ["train" if i % 4 else "test" for i in range(len(texts))]
    pd.DataFrame({"unit_id": ids, "style": "wire", "event": "other", "text": texts, "split": split}).to_csv(
        tmp_path / "units.csv", index=False)
    rivalry = [1] * len(RIVALRY) + [0] * len(OTHER)
    labels = {"unit_id": ids}
    for frame in frame_ids():
        labels[f"frame_{frame}"] = rivalry if frame == "rivalry" else [i % 2 for i in range(len(texts))]
    labels.update({"prescription": [int(i % 3 == 0) for i in range(len(texts))],
                   "tone": [(i % 3) - 1 for i in range(len(texts))],
                   "stance_china": ["1", ""] * 8, "stance_us": ["", "-1"] * 8, "stance_korea": ["0", "1"] * 8})
    pd.DataFrame(labels).to_csv(tmp_path / "labels.csv", index=False)
    written = training.train_shipped_models(tmp_path, output=tmp_path / "models", learning_curve_sizes=(6,),
                                            progress=None)
    assert set(written) == {"hybrid", "supervised"}
    card = json.loads((written["hybrid"] / "model.json").read_text(encoding="utf-8"))
    assert card["training_data"]["n_train"] == 12 and card["training_data"]["n_test"] == 4
    assert card["training_data"]["sha256"] == training.file_sha256(tmp_path / "units.csv", tmp_path / "labels.csv")
    assert {row["code"] for row in card["test_split"]} >= {"frame_rivalry", "tone", "stance_china"}
    curve = pd.read_csv(written["hybrid"] / "learning_curve.csv")
    assert sorted(curve["n_train"].unique()) == [6, 12]
    assert not (written["supervised"] / "learning_curve.csv").exists()
    again = training.train_shipped_models(tmp_path, output=tmp_path / "again", learning_curve_sizes=(6,),
                                          progress=None)
    for name in ("hybrid", "supervised"):
        for file in ("model.joblib", "model.json"):
            assert (written[name] / file).read_bytes() == (again[name] / file).read_bytes()


def test_adjudicated_labels_take_agreement_and_decisions():
    index = pd.Index(["u1", "u2", "u3"], name="unit_id")
    first = pd.DataFrame({"frame_x": ["1", "0", "0"], "stance_china": ["", "1", "-1"], "note": ["", "", ""]}, index=index)
    second = pd.DataFrame({"frame_x": ["1", "1", "0"], "stance_china": ["", "1", "0"], "note": ["", "?", ""]},
                          index=index)
    decisions = pd.DataFrame({"unit_id": ["u2", "u3"], "code": ["frame_x", "stance_china"], "decision": ["0", ""]})
    labels = training.adjudicated_labels(first, second, decisions)
    assert labels.to_dict(orient="list") == {"frame_x": ["1", "0", "0"], "stance_china": ["", "1", ""]}
    with pytest.raises(training.TrainingError, match="without an adjudicator"):
        training.adjudicated_labels(first, second, decisions.iloc[:1])
    extra = pd.concat([decisions, pd.DataFrame({"unit_id": ["u1"], "code": ["frame_x"], "decision": ["0"]})])
    with pytest.raises(training.TrainingError, match="where the coders agreed"):
        training.adjudicated_labels(first, second, extra)


def test_probabilities_are_compared_on_a_fixed_grid():
    """Last-bit differences between machines (BLAS kernels, solvers) do not change a decision."""
    from analysis.training import _best_threshold, _normalized, _stable

    near = np.array([0.3 - 1e-12, 0.3, 0.3 + 1e-12])
    assert (_stable(near) == 0.3).all()
    # a cut chosen on one machine decides the same for the neighbours another machine computes
    cut = _best_threshold(np.array([0, 1, 1]), np.array([0.1, 0.3, 0.9]))
    assert cut == 0.3 and (_stable(near) >= cut).all()
    # one-vs-rest probabilities that differ in the last bits tie, and the first class wins both times
    a = _normalized(np.array([[0.4, 0.4 + 1e-13, 0.2]]))
    b = _normalized(np.array([[0.4 + 1e-13, 0.4, 0.2]]))
    assert a.tolist() == b.tolist() == [[0.4, 0.4, 0.2]]
    assert a.argmax(axis=1).tolist() == [0]


def test_ordinal_decision_reads_the_expected_value():
    """Worked by hand: E = P(+1) - P(-1) among the present values; strict cuts; absent at P >= 0.5."""
    tone = ["-1", "0", "1"]
    probability = np.array([
        [0.45, 0.10, 0.45],  # E = 0: a mixed sentence is 0 (the most probable class would say -1)
        [0.20, 0.30, 0.50],  # E = +0.30
        [0.60, 0.30, 0.10],  # E = -0.50
    ])
    assert training._ordinal_decision(probability, tone, 0.25).tolist() == [1, 2, 0]
    assert training._ordinal_decision(probability, tone, 0.30).tolist() == [1, 1, 0]  # E > cut, strictly
    assert training._ordinal_decision(probability, tone, 0.55).tolist() == [1, 1, 1]
    stance = ["-1", "0", "1", "absent"]
    probability = np.array([
        [0.10, 0.10, 0.20, 0.60],  # absent
        [0.05, 0.05, 0.40, 0.50],  # absent at exactly one half
        [0.10, 0.10, 0.40, 0.40],  # present: E = (0.4 - 0.1) / 0.6 = +0.5
        [0.30, 0.20, 0.10, 0.40],  # present: E = -0.2 / 0.6 = -0.333
    ])
    assert training._ordinal_decision(probability, stance, 0.40).tolist() == [3, 3, 2, 1]
    assert training._ordinal_decision(probability, stance, 0.30).tolist() == [3, 3, 2, 0]


def test_best_ordinal_cut_is_the_lowest_that_agrees_best():
    """E = -0.5, 0.15, 0.5, -0.15 against -1, 0, 1, 0: every cut in [0.15, 0.5) is perfect, 0.15 the lowest."""
    classes = ["-1", "0", "1"]
    expected = np.array([-0.5, 0.15, 0.5, -0.15])
    probability = np.column_stack([np.maximum(-expected, 0), 1 - np.abs(expected), np.maximum(expected, 0)])
    y = np.array(["-1", "0", "1", "0"])
    assert training._best_ordinal_cut(y, probability, classes) == 0.15
    # with only poles to find, cut 0 is perfect and the lowest
    assert training._best_ordinal_cut(np.array(["-1", "1", "1", "-1"]), probability, classes) == 0.0


def test_neighbour_matrix_links_consecutive_sentences_of_one_document():
    table = pd.DataFrame({"doc_id": ["a", "a", "b", "a", None, None, "c", "c"]})
    dense = training.neighbour_matrix(table).toarray()
    expected = np.zeros((8, 8))
    for i, j in [(0, 1), (6, 7)]:  # a's third sentence is not next to its second; missing ids link nothing
        expected[i, j] = expected[j, i] = 0.5
    np.testing.assert_array_equal(dense, expected)
    assert training.neighbour_matrix(pd.DataFrame({"text": ["x", "y"]})).nnz == 0


def test_context_reaches_frames_and_stances_only(tiny):
    """Frame and stance models see the neighbours' n-grams (ctx: features); tone does not, whatever they say."""
    units, coded, labels = tiny
    coded = coded.assign(doc_id=[f"d{i // 2}" for i in range(len(coded))])
    stance = pd.array([1, -1, 0, None] * 4, dtype="Int64")
    labels = labels.assign(stance_china=stance)
    layer = training.SupervisedLayer(context=True, n_splits=2).fit(units.tokens, coded, labels)
    names = layer.feature_names_.tolist()
    assert any(n.startswith("ctx:") for n in names)
    assert layer.models_["frame_rivalry"][0].coef_.shape[1] == len(names)
    assert all(m.coef_.shape[1] == len(names) for m in layer.models_["stance_china"])
    assert layer.models_["tone"][0].coef_.shape[1] == layer.n_sentence_features_ < len(names)
    alone = layer.predict(units.tokens, coded.assign(doc_id=[f"x{i}" for i in range(len(coded))]))
    paired = layer.predict(units.tokens, coded)
    assert alone["tone"].tolist() == paired["tone"].tolist()
    rivalry = layer.models_["frame_rivalry"][0]
    scores = [rivalry.decision_function(layer._features(units.tokens, table, fit=False))
              for table in (coded, coded.assign(doc_id=[f"x{i}" for i in range(len(coded))]))]
    assert not np.allclose(scores[0], scores[1])
