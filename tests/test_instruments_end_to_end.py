"""Other instruments end to end: a fourth stance target and a codebook with other frame ids,
through ``code`` and ``report`` on a small invented corpus.

The corpus sentences are invented for this test; none comes from the study corpus.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from analysis import paths, report
from analysis.coding import Coder
from analysis.tokenize import tokenize_units
from analysis.training import resolve_model

ARTICLES = {
    ("가람일보", "a1"): [
        "일본도 AI 경쟁에 뛰어들었다",
        "일본 정부는 반도체 보조금을 크게 늘리기로 했다. 소프트뱅크는 미국 오픈AI와 손잡고 대규모 데이터센터를 짓는다.",
        "전문가들은 일본이 중국 딥시크의 추격에 뒤처지고 있다고 지적했다. 한국 정부도 AI 인재 양성에 서둘러 나서야 한다.",
    ],
    ("가람일보", "a2"): [
        "딥시크 충격, 엔비디아 주가 급락",
        "중국 딥시크가 저비용 모델을 공개하자 엔비디아 시가총액이 하루 만에 크게 줄었다.",
        "미국은 대중 수출 통제를 강화하며 중국을 견제하고 있다. 일본 기업들은 신중한 태도를 보였다.",
    ],
    ("나래신문", "b1"): [
        "딥시크 창업자 량원펑은 누구인가",
        "량원펑은 중국 토종 인재들로 연구팀을 꾸렸다. 젊은 연구자들의 성공이 눈길을 끈다.",
        "소프트뱅크의 손정의 회장은 AI 투자를 멈추지 않겠다고 밝혔다. 한국은 인재 유출로 위기를 맞고 있다.",
    ],
    ("나래신문", "b2"): [
        "오픈소스 전략의 힘",
        "딥시크는 모델 가중치를 공개해 개발자 생태계를 넓혔다. 일본의 한 연구소는 이 모델을 활용해 성과를 냈다.",
        "개인정보 유출 우려로 한국 정부 부처들은 딥시크 접속을 차단했다.",
    ],
    ("다온경제", "c1"): [
        "AI 예산 경쟁 본격화",
        "정부는 내년 AI 예산을 대폭 늘리겠다고 발표했다. 중국 정부의 국가 전략이 딥시크를 키웠다는 분석이 나온다.",
        "일본과 한국은 미국 빅테크에 대한 의존을 줄여야 한다는 지적이 많다.",
    ],
}
RENAMED = {"talent": ("people", "사람 프레임"), "economy": ("market", "시장 프레임")}


def _write_corpus(directory: Path) -> Path:
    directory.mkdir(parents=True)
    rows = []
    for (outlet, doc_id), paragraphs in ARTICLES.items():
        (directory / f"{doc_id}.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        rows.append({"doc_id": doc_id, "file": f"{doc_id}.txt", "outlet": outlet, "outlet_type": "daily",
                     "date": "2025-02-03"})
    with open(directory / "metadata.csv", "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return directory


def _write_codebook(path: Path) -> Path:
    """The study codebook with two frames under other ids and labels (talent → people, economy → market)."""
    raw = yaml.safe_load(paths.package_data("codebook.yaml").read_text(encoding="utf-8"))
    for frame in raw["frames"]:
        if frame["id"] in RENAMED:
            new_id, label = RENAMED[frame["id"]]
            frame.update(id=new_id, label_ko=label, label_en=new_id)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _write_targets(path: Path) -> Path:
    """The study targets with a fourth target, japan."""
    text = paths.package_data("targets.yaml").read_text(encoding="utf-8")
    at = text.index("generic:")
    text = text[:at] + "  japan:\n    label: 일본\n    country: [일본, 日本]\n    firm: [소프트뱅크]\n\n" + text[at:]
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True,
                          cwd=paths.ROOT, timeout=900)


@pytest.fixture(scope="module")
def instruments(tmp_path_factory):
    base = tmp_path_factory.mktemp("instruments")
    return {
        "corpus": _write_corpus(base / "corpus"),
        "codebook": _write_codebook(base / "codebook.yaml"),
        "targets": _write_targets(base / "targets.yaml"),
        "base": base,
    }


@pytest.fixture(scope="module")
def coded_by_cli(instruments):
    out = instruments["base"] / "coded.csv"
    result = run("code", "--corpus", str(instruments["corpus"]), "--codebook", str(instruments["codebook"]),
                 "--targets", str(instruments["targets"]), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out, result


@pytest.fixture(scope="module")
def reported(instruments):
    out = instruments["base"] / "report"
    result = run("report", "--corpus", str(instruments["corpus"]), "--out", str(out), "--codebook",
                 str(instruments["codebook"]), "--targets", str(instruments["targets"]), "--quiet")
    assert result.returncode == 0, result.stderr
    return out, result


FRAMES = ["frame_rivalry", "frame_efficiency", "frame_open_source", "frame_people", "frame_suspicion",
          "frame_market", "frame_china_state", "frame_korea_response"]
STANCES = ["stance_china", "stance_us", "stance_korea", "stance_japan"]


def test_code_writes_the_instruments_columns_and_names_them(coded_by_cli, instruments):
    out, result = coded_by_cli
    coded = pd.read_csv(out)
    assert [c for c in coded.columns if c.startswith("frame_")] == FRAMES
    assert [c for c in coded.columns if c.startswith("stance_")] == STANCES
    assert len(coded) == 22  # 5 headlines + 17 body sentences (a1 2+2, a2 1+2, b1 2+2, b2 2+1, c1 2+1)
    # 일본 is mentioned in 일본도 AI 경쟁에 뛰어들었다 (no evaluation) → 0; not in the Nvidia headline → empty
    by_text = coded.set_index("text")
    assert by_text.loc["일본도 AI 경쟁에 뛰어들었다", "stance_japan"] == 0
    assert pd.isna(by_text.loc["딥시크 충격, 엔비디아 주가 급락", "stance_japan"])
    assert coded["stance_japan"].notna().sum() >= 5
    # the renamed talent frame still fires on its indicators, under its new id
    assert coded["frame_people"].sum() >= 1
    sidecar = json.loads(Path(str(out) + ".json").read_text(encoding="utf-8"))
    assert sidecar["instruments"]["codebook"]["source"] == str(instruments["codebook"])
    assert sidecar["instruments"]["targets"]["source"] == str(instruments["targets"])
    assert "dictionary alone" in result.stderr


def test_report_follows_the_instruments_in_every_table_and_figure(reported, coded_by_cli):
    out, result = reported
    assert "dictionary alone" in result.stderr
    # the validation notebook needs manual coding; every other notebook ran
    written = sorted(p.stem for p in (out / "notebooks").glob("*.ipynb"))
    assert written == ["01_corpus", "02_vocabulary", "03_framing", "05_tone_and_voices", "06_synthesis", "07_time"]
    coded = pd.read_csv(out / "tables" / "coded_sentences.csv")
    assert [c for c in coded.columns if c.startswith("frame_")] == FRAMES
    assert [c for c in coded.columns if c.startswith("stance_")] == STANCES
    # report and code agree code for code on the same corpus and instruments
    from_cli = pd.read_csv(coded_by_cli[0])
    columns = [*FRAMES, "prescription", "tone", *STANCES]
    pd.testing.assert_frame_equal(coded[["sent_id", *columns]], from_cli[["sent_id", *columns]])

    prominence = pd.read_csv(out / "figures" / "fig04_frame_prominence.csv")
    assert list(dict.fromkeys(prominence["frame"])) == [c.removeprefix("frame_") for c in FRAMES]
    assert {"사람 프레임", "시장 프레임"} <= set(prominence["label"])
    assert not {"talent", "economy"} & set(prominence["frame"])
    stance = pd.read_csv(out / "figures" / "fig07_stance_by_outlet.csv")
    assert list(dict.fromkeys(stance["target"])) == ["china", "us", "korea", "japan"]
    japan = stance[stance["target"] == "japan"].set_index("outlet")
    assert set(japan["label"]) == {"일본"}
    # figure 7's counts are the coded table's: sentences that mention Japan, per outlet
    mentioned = coded.dropna(subset=["stance_japan"]).groupby("outlet").size()
    assert japan["n_mentioned"].to_dict() == mentioned.to_dict()
    profiles = pd.read_csv(out / "tables" / "outlet_profiles.csv")
    assert "stance_japan" in profiles.columns
    assert "시장 프레임" in " ".join(profiles["top_frames"].fillna(""))
    page = (out / "reports" / "03_framing.html").read_text(encoding="utf-8")
    assert "사람 프레임" in page and "인재·인물" not in page


@pytest.mark.parametrize("option, name, content", [
    ("--codebook", "codebook.yaml", "frames: [ {id: x} ]\n"),
    ("--entities", "entities.csv", "name,type,country\n손정의,person,Mars\n"),
])
def test_report_checks_the_instruments_before_any_notebook_runs(instruments, tmp_path, option, name, content):
    broken = tmp_path / name
    broken.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    result = run("report", "--corpus", str(instruments["corpus"]), "--out", str(out), option, str(broken),
                 "--quiet")
    assert result.returncode == 2, result.stderr
    assert str(broken) in result.stderr
    assert not (out / "notebooks").exists()


def test_a_shipped_model_is_refused_for_a_codebook_it_was_not_trained_on(instruments):
    hybrid = resolve_model("hybrid")
    with pytest.raises(ValueError, match=r"frame_talent.*--model dictionary"):
        Coder(codebook=instruments["codebook"], model=hybrid)
    # a fourth target leaves the study's codes in place: the hybrid model still fits
    coder = Coder(targets=instruments["targets"])
    assert coder.fits_model(hybrid) and coder.fits_model(None)
    assert not Coder(codebook=instruments["codebook"]).fits_model(hybrid)


def test_report_with_other_instruments_needs_an_output_folder(instruments):
    with pytest.raises(ValueError, match="--out DIR"):
        report.run_report(targets=instruments["targets"], progress=False)


def test_report_refuses_a_shipped_model_with_another_codebook(instruments, tmp_path):
    with pytest.raises(ValueError, match="trained on codes"):
        report.run_report(corpus_dir=instruments["corpus"], output_dir=tmp_path / "out",
                          codebook=instruments["codebook"], model="hybrid", progress=False)
    assert not (tmp_path / "out" / "notebooks").exists()


def test_every_coding_notebook_declares_the_instrument_parameters():
    import jupytext

    for source in report.notebook_sources():
        declared = report.declared_parameters(jupytext.read(source))
        if "model" in declared:
            assert {"codebook", "targets", "lexicon", "tone_rules"} <= declared, source.name
        if "extract_voices" in source.read_text(encoding="utf-8"):
            assert {"voices_file", "entities"} <= declared, source.name


def test_report_gives_the_voices_your_entity_table(instruments, tmp_path):
    """`report --entities`: notebook 5's voices take a speaker's country from your table (its entry wins
    over the voices file's: 소프트뱅크 is Japanese there, "other")."""
    table = tmp_path / "entities.csv"
    table.write_text("name,type,country\n소프트뱅크,institution,Korea\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("report", "--corpus", str(instruments["corpus"]), "--out", str(out), "--only", "05",
                 "--model", "dictionary", "--entities", str(table), "--quiet")
    assert result.returncode == 0, result.stderr
    voices = pd.read_csv(out / "tables" / "voices.csv", encoding="utf-8-sig", keep_default_na=False)
    # the speaker 소프트뱅크의 손정의 회장 takes the country of its longest known name, 소프트뱅크
    assert voices.loc[voices["speaker"].str.contains("손정의"), "country"].tolist() == ["Korea"]
    assert Coder().extract_voices(tokenize_units(["소프트뱅크의 손정의 회장은 투자를 멈추지 않겠다고 밝혔다."])
                                  )["country"].tolist() != ["Korea"]  # without the table
