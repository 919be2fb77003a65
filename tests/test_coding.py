"""The compiled Coder: instruments from data, attrs and sidecar, pickling, the model plug-in.

Sentences are invented for these tests; none comes from the study corpus.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
import yaml

from analysis import paths, plots, summaries
from analysis.coding import Coder, code_sentences, sidecar_path
from analysis.framing import CodebookError
from analysis.tokenize import tokenize_units
from analysis.tone import ToneRulesError, load_tone_rules
from analysis.validation import agreement

SENTENCES = [
    "일본은 AI 경쟁에서 뒤처졌다.",
    "소프트뱅크가 큰 성공을 거뒀다.",
    "중국이 일본을 추월했다.",
    "미국은 실패했지만 중국은 성공했다.",
    "정부는 AI 인재 양성에 나서야 한다.",
]


@pytest.fixture(scope="module")
def units():
    tokenized = tokenize_units(SENTENCES)
    tokenized.sentences["outlet"] = ["가신문", "가신문", "나일보", "나일보", "나일보"]
    return tokenized


@pytest.fixture(scope="module")
def japan_targets(tmp_path_factory) -> Path:
    """The study targets file with a fourth target, japan, added."""
    text = paths.package_data("targets.yaml").read_text(encoding="utf-8")
    at = text.index("generic:")
    text = text[:at] + "  japan:\n    label: 일본\n    country: [일본, 日本]\n    firm: [소프트뱅크]\n\n" + text[at:]
    path = tmp_path_factory.mktemp("targets") / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def people_codebook(tmp_path_factory) -> Path:
    """The study codebook with the talent frame renamed to a frame id the study does not have."""
    raw = yaml.safe_load(paths.package_data("codebook.yaml").read_text(encoding="utf-8"))
    frame = next(f for f in raw["frames"] if f["id"] == "talent")
    frame.update(id="people", label_ko="사람 프레임")
    path = tmp_path_factory.mktemp("codebook") / "codebook.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_coder_equals_code_sentences_and_records_its_instruments(units):
    coder = Coder()
    coded = coder.transform(units)
    pd.testing.assert_frame_equal(coded, code_sentences(units.sentences, units.tokens))
    assert list(coded.columns) == coder.columns_
    instruments = coded.attrs["instruments"]
    for name, file in [("codebook", "codebook.yaml"), ("lexicon", "lexicon_ko.tsv"),
                       ("tone_rules", "tone_rules.yaml"), ("targets", "targets.yaml")]:
        expected = hashlib.sha256(paths.package_data(file).read_bytes()).hexdigest()
        assert instruments[name] == {"source": str(paths.package_data(file)), "sha256": expected}


def test_a_fourth_target_gets_its_own_stance_column(units, japan_targets):
    coded = Coder(targets=japan_targets).transform(units)
    assert [c for c in coded.columns if c.startswith("stance_")] == [
        "stance_china", "stance_us", "stance_korea", "stance_japan",
    ]
    # 일본은 뒤처졌다 → -1; 소프트뱅크가 성공을 거뒀다 → +1; 중국이 일본을 추월했다 → china +1, japan -1
    assert coded["stance_japan"].tolist()[:4] == [-1, 1, -1, pd.NA]
    assert coded.loc[2, "stance_china"] == 1
    # the study targets do not know japan: the column is absent, the other stances unchanged
    study = Coder().transform(units)
    assert "stance_japan" not in study.columns
    assert study["stance_china"].equals(coded["stance_china"])


def test_a_fourth_target_through_summaries_figure_and_validation(units, japan_targets):
    coded = Coder(targets=japan_targets).transform(units)
    sentences = units.sentences
    stance = summaries.stance_by_source(coded, None, sentences)
    rows = stance.set_index(["outlet", "target"])
    assert rows.loc[("가신문", "japan"), ["n_mentioned", "mean_stance", "label"]].tolist() == [2, 0.0, "일본"]
    assert rows.loc[("나일보", "japan"), "mean_stance"] == -1.0
    figure = plots.plot_stance_by_outlet(stance)
    assert [ax.get_title() for ax in figure.axes] == ["중국·딥시크", "미국", "한국", "일본"]
    matplotlib.pyplot.close(figure)
    keyness = pd.DataFrame({"outlet": ["가신문"], "term": ["칩"], "g2": [1.0], "p": [0.5],
                            "n_target": [1], "n_reference": [0]})
    voices = pd.DataFrame({"sent_id": pd.Series(dtype=str), "country": pd.Series(dtype=str)})
    profiles = summaries.outlet_profiles(sentences, coded, voices, keyness).set_index("outlet")
    assert profiles.loc["가신문", "stance_japan"] == 0.0  # (-1 + 1) / 2
    # validation compares the fourth target like the others
    reference = coded.set_index("sent_id").assign(stance_japan=pd.array([-1, 1, 1, pd.NA, pd.NA], dtype="Int64"))
    scores = agreement(coded.set_index("sent_id"), reference, columns=["stance_japan"]).set_index("code")
    assert scores.loc["stance_japan:detected", "f1"] == 1.0
    assert scores.loc["stance_japan", "n"] == 5


def test_other_frame_ids_come_from_the_codebook(units, people_codebook):
    coder = Coder(codebook=people_codebook)
    coded = coder.transform(units)
    assert "frame_people" in coded.columns and "frame_talent" not in coded.columns
    assert coded.loc[4, "frame_people"] == 1  # 인재 양성 + a prescription, as the talent frame did
    table = summaries.frame_prominence(coded, units.sentences.assign(role="body"), codebook=people_codebook)
    assert set(table.loc[table["frame"] == "people", "label"]) == {"사람 프레임"}
    with pytest.raises(CodebookError, match="unknown frame id 'efficiency'"):
        from analysis.framing import load_codebook

        load_codebook(people_codebook, study_frames=["rivalry"])  # a whitelist only when asked for


def test_tone_rules_are_data_and_swappable(units, tmp_path):
    rules = yaml.safe_load(paths.package_data("tone_rules.yaml").read_text(encoding="utf-8"))
    rules["intensifiers"]["큰"] = 2.0
    path = tmp_path / "tone_rules.yaml"
    path.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    study = Coder().transform(units)
    swapped = Coder(tone_rules=path).transform(units)
    # 큰 성공: 1 × 1.5 with the study rules, 1 × 2 (the cap) with the swapped file
    assert study.loc[1, "polarity"] == 1.5 and swapped.loc[1, "polarity"] == 2.0
    assert swapped.attrs["instruments"]["tone_rules"]["source"] == str(path)
    rules["intensifiers"]["큰"] = -1
    path.write_text(yaml.safe_dump(rules, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ToneRulesError, match=r"intensifiers\.큰"):
        load_tone_rules(path)


def test_pickled_coder_gives_equal_results(units, japan_targets):
    coder = Coder(targets=japan_targets, window=4)
    again = pickle.loads(pickle.dumps(coder))
    assert again.get_params() == coder.get_params()
    pd.testing.assert_frame_equal(again.transform(units), coder.transform(units))
    assert again.transform(units).attrs == coder.transform(units).attrs


class RivalryModel:
    """A stand-in for a trained layer: codes rivalry wherever 경쟁 occurs."""

    name = "test-rivalry"
    sha256 = "0" * 64

    def __init__(self):
        self.calls = []

    def predict(self, tokens: pd.DataFrame, dictionary_coded: pd.DataFrame) -> pd.DataFrame:
        self.calls.append((len(tokens), list(dictionary_coded.columns)))
        has = dictionary_coded["text"].str.contains("경쟁")
        return pd.DataFrame(
            {"frame_rivalry": has.astype(int), "certainty": has.map({True: 0.9, False: 0.6}),
             "model_evidence": has.map({True: "경쟁", False: ""})},
            index=dictionary_coded.index,
        )


def test_a_model_replaces_its_codes_and_keeps_the_dictionary_values(units):
    model = RivalryModel()
    dictionary = Coder().transform(units)
    hybrid = Coder(model=model).transform(units)
    assert model.calls == [(len(units.tokens), list(dictionary.columns))]
    assert hybrid["frame_rivalry"].tolist() == [1, 0, 0, 0, 0]
    assert hybrid["dict_frame_rivalry"].tolist() == dictionary["frame_rivalry"].tolist()
    assert hybrid["certainty"].tolist() == [0.9, 0.6, 0.6, 0.6, 0.6]
    untouched = [c for c in dictionary.columns if c != "frame_rivalry"]
    pd.testing.assert_frame_equal(hybrid[untouched], dictionary[untouched])
    assert hybrid.attrs["model"] == {"name": "test-rivalry", "sha256": "0" * 64, "replaces": ["frame_rivalry"]}


def test_a_model_must_return_known_codes_on_the_same_index(units):
    class Wrong(RivalryModel):
        def predict(self, tokens, dictionary_coded):
            return super().predict(tokens, dictionary_coded).rename(columns={"frame_rivalry": "frame_unknown"})

    with pytest.raises(ValueError, match="frame_unknown"):
        Coder(model=Wrong()).transform(units)

    class Shifted(RivalryModel):
        def predict(self, tokens, dictionary_coded):
            return super().predict(tokens, dictionary_coded).reset_index(drop=True).set_axis(
                range(1, len(dictionary_coded) + 1))

    with pytest.raises(ValueError, match="index"):
        Coder(model=Shifted()).transform(units)


def test_cli_code_with_a_fourth_target_other_frames_and_a_sidecar(tmp_path, japan_targets, people_codebook):
    from analysis.cli import main

    units_file = tmp_path / "units.txt"
    units_file.write_text("\n".join(SENTENCES) + "\n", encoding="utf-8")
    output = tmp_path / "coded.csv"
    status = main(["code", str(units_file), "-o", str(output), "--targets", str(japan_targets),
                   "--codebook", str(people_codebook)])
    assert status == 0
    table = pd.read_csv(output)
    assert {"stance_japan", "frame_people"} <= set(table.columns)
    assert table["stance_japan"].tolist()[:3] == [-1, 1, -1]
    sidecar = json.loads(sidecar_path(output).read_text(encoding="utf-8"))
    assert sidecar["rows"] == 5 and sidecar["columns"][-1] == "evidence"
    assert sidecar["instruments"]["targets"]["sha256"] == hashlib.sha256(japan_targets.read_bytes()).hexdigest()
    assert sidecar["instruments"]["codebook"]["source"] == str(people_codebook)


def test_cli_code_names_a_bad_tone_rules_file(tmp_path, capsys):
    from analysis.cli import main

    bad = tmp_path / "rules.yaml"
    bad.write_text("negators: {adverbs: [안]}\nintensifiers: {}\n", encoding="utf-8")
    units_file = tmp_path / "units.txt"
    units_file.write_text("좋다.\n", encoding="utf-8")
    assert main(["code", str(units_file), "--tone-rules", str(bad)]) == 2
    assert "post_intensifiers" in capsys.readouterr().err


def test_parts_are_runs_of_whole_documents(monkeypatch):
    from analysis import coding
    from analysis.tokenize import Tokenized

    monkeypatch.setattr(coding, "MIN_SENTENCES_PER_JOB", 1)
    sentences = pd.DataFrame({"sent_id": list("123456"), "doc_id": list("aabbbc")})
    tokens = pd.DataFrame({"sent_id": list("1234566"), "doc_id": list("aabbbcc")})
    parts = coding._document_parts(Tokenized(sentences, tokens), 2)
    # the cut nearest the middle (3 of 6) where a document begins: before b (2), not before c (5)
    assert [p.sentences["doc_id"].tolist() for p in parts] == [["a", "a"], ["b", "b", "b", "c"]]
    assert [len(p.tokens) for p in parts] == [2, 5]
    scattered = pd.DataFrame({"sent_id": list("1234"), "doc_id": list("abab")})
    assert len(coding._document_parts(Tokenized(scattered, scattered), 2)) == 1


@pytest.mark.parametrize("n_jobs", [0, -2, 1.5, True])
def test_n_jobs_must_be_a_number_of_processes(n_jobs):
    with pytest.raises(ValueError, match="n_jobs"):
        Coder(n_jobs=n_jobs)


def test_coding_in_two_processes_equals_one(monkeypatch):
    from analysis import coding

    monkeypatch.setattr(coding, "MIN_SENTENCES_PER_JOB", 2)
    units = tokenize_units([
        "미국과 중국의 AI 패권 경쟁이 본격화되고 있다.", "엔비디아 주가가 17% 급락했다.",
        "정부는 AI 예산을 늘려야 한다.", "딥시크는 저비용으로 고성능 모델을 만들었다.",
        "중국 정부의 지원이 딥시크의 성공을 이끌었다.", "반도체 밀수 의혹이 제기됐다.",
    ])
    units.sentences["doc_id"] = ["d1", "d1", "d2", "d2", "d3", "d3"]
    units.tokens["doc_id"] = units.tokens["sent_id"].map(dict(zip(units.sentences["sent_id"], units.sentences["doc_id"])))
    serial = Coder().transform(units)
    with Coder(n_jobs=2) as coder:
        parallel = coder.transform(units)
        assert coder.timings_["dictionary"] > 0 and coder.timings_["wall"] > 0
    pd.testing.assert_frame_equal(serial, parallel)
    assert serial.attrs == parallel.attrs


def test_the_coder_extracts_voices_with_your_entities(tmp_path):
    """Coder(entities=...) gives a speaker your table's country, also after pickling."""
    import pickle

    entities = tmp_path / "entities.csv"
    entities.write_text("name,type,country\n한빛연구소,institution,Korea\n", encoding="utf-8")
    units = tokenize_units(['한빛연구소는 "딥시크의 성능은 과장됐다"고 밝혔다.'])
    mine = Coder(entities=entities)
    for coder in (mine, pickle.loads(pickle.dumps(mine))):
        voices = coder.extract_voices(units)
        assert voices[["speaker", "speaker_type", "country"]].values.tolist() == [["한빛연구소", "institution", "Korea"]]
    assert Coder().extract_voices(units)["country"].tolist() != ["Korea"]
