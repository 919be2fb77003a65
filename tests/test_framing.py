"""Frame and prescription coding from the codebook (RQ2, RQ5).

The sentences are invented, in the styles of other outlets (news wire,
editorial, business daily, blog); they are tokenized for real with
``analysis.tokenize.tokenize_units``.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
import yaml

from analysis import framing, plots
from analysis.summaries import (
    frame_cooccurrence,
    frame_positions,
    frame_prominence,
    frames_in_title_and_lead,
    prescriptions_by_addressee,
)
from analysis.framing import (
    CodebookError,
    code_frames,
    frame_ids,
    frame_labels,
    load_codebook,
)
from analysis.tokenize import tokenize_units

CODEBOOK = Path(framing.__file__).resolve().parent / "data" / "codebook.yaml"


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def code(texts: list[str], codebook=None) -> pd.DataFrame:
    units = tokenize_units(texts)
    return code_frames(units.sentences, units.tokens, codebook=codebook)


def code_one(text: str, codebook=None) -> pd.Series:
    return code([text], codebook).iloc[0]


# ---------------------------------------------------------------------------
# Frames: invented positives and negatives per frame
# ---------------------------------------------------------------------------

FRAME_CASES = [
    # rivalry: US-China (or bloc) contest
    ("[사설] 딥시크 충격, 미·중 AI 전쟁의 판이 바뀌었다", "rivalry", 1),
    ("워싱턴은 중국의 AI 굴기를 막기 위해 첨단 칩 수출 규제를 한층 강화했다.", "rivalry", 1),
    ("바이든 정부의 반도체 제재가 오히려 중국의 자립을 부추겼다는 역설이다.", "rivalry", 1),
    ("AI 주도권을 둘러싼 미국과 중국의 신경전이 갈수록 치열해지고 있다.", "rivalry", 1),
    ("중국 AI가 미국을 턱밑까지 추격했다는 평가가 나온다.", "rivalry", 1),
    ("골리앗 같은 실리콘밸리 빅테크를 다윗이 쓰러뜨린 격이다.", "rivalry", 1),
    ("서방과 중국 간 기술 패권 다툼은 이제 AI로 옮겨붙었다.", "rivalry", 1),
    ("美 대중 수출통제 강화…中 \"결연히 반대\"", "rivalry", 1),
    ("딥시크와 오픈AI의 가격 인하 경쟁이 본격화했다.", "rivalry", 0),
    ("구글과 메타도 경쟁 모델을 잇따라 내놓고 있다.", "rivalry", 0),
    ("딥시크 앱은 미국 앱스토어 무료 앱 순위 1위에 올랐다.", "rivalry", 0),
    ("그는 중국과 미국에서 모두 공부한 경험이 있다.", "rivalry", 0),
    ("국내 통신사들도 AI 서비스 경쟁에 뛰어들었다.", "rivalry", 0),
    # efficiency: low cost, frugal engineering
    ("딥시크가 V3 훈련에 쓴 돈은 558만 달러로 알려졌다.", "efficiency", 1),
    ("GPU를 덜 쓰고도 성능을 끌어올린 비결은 알고리즘 최적화에 있다.", "efficiency", 1),
    ("딥시크 API 가격은 100만 토큰당 0.14달러로 경쟁사의 수십분의 1이다.", "efficiency", 1),
    ("돈만 쏟아부으면 된다는 AI 업계의 통념이 깨졌다.", "efficiency", 1),
    ("구형 H800 칩 2000여 개만으로 모델을 훈련했다.", "efficiency", 1),
    ("고가의 최신 칩이 없어도 좋은 모델을 만들 수 있다는 게 증명됐다.", "efficiency", 1),
    ("딥시크의 경쟁력은 압도적인 가성비다.", "efficiency", 1),
    ("오픈AI는 올해 매출 목표를 116억 달러로 잡았다.", "efficiency", 0),
    ("중국 정부는 반도체 산업에 막대한 자금을 투입하고 있다.", "efficiency", 0),
    ("AI 도입으로 업무 효율을 높인 기업이 늘고 있다.", "efficiency", 0),
    ("정부는 GPU 구매에 1조원을 투입한다.", "efficiency", 0),
    # open_source: openness
    ("딥시크는 모델을 누구나 가져다 쓸 수 있도록 오픈소스로 풀었다.", "open_source", 1),
    ("오픈AI가 닫힌 모델을 고집하는 사이 딥시크는 공개 전략으로 개발자를 끌어모았다.", "open_source", 1),
    ("개방형 생태계 전략이 중국 AI의 확산 속도를 높이고 있다.", "open_source", 1),
    ("누구나 모델을 내려받아 입맛대로 고칠 수 있다.", "open_source", 1),
    ("딥시크는 MIT 라이선스로 상업적 이용까지 허용했다.", "open_source", 1),
    ("딥시크는 지난달 새 추론 모델을 공개했다.", "open_source", 0),
    ("정부는 AI 정책 로드맵을 공개했다.", "open_source", 0),
    ("오픈AI의 챗GPT는 주간 이용자 4억 명을 넘어섰다.", "open_source", 0),
    ("중국은 외국 기업에 시장을 개방하라는 압력을 받고 있다.", "open_source", 0),
    # talent: people and talent
    ("딥시크는 경력보다 잠재력을 보고 갓 졸업한 신입을 뽑는다.", "talent", 1),
    ("베이징대와 칭화대 출신 젊은 연구자들이 딥시크의 핵심을 이룬다.", "talent", 1),
    ("한국의 AI 인재는 해외로 빠져나가고 있다.", "talent", 1),
    ("우수한 학생들이 공대 대신 의대로 향하는 현실이 안타깝다.", "talent", 1),
    ("딥시크 연구원들의 연봉은 중국 빅테크 수준을 웃돈다.", "talent", 1),
    ("우리나라 이공계 기피 현상은 심각한 수준이다.", "talent", 1),
    ("연구진은 모델 성능을 벤치마크로 검증했다.", "talent", 0),
    ("업계 관계자는 \"시장 반응이 뜨겁다\"고 전했다.", "talent", 0),
    ("딥시크는 항저우에 본사를 둔 AI 기업이다.", "talent", 0),
    ("국내 개발자들도 딥시크 API를 시험해 보고 있다.", "talent", 0),
    # suspicion: doubt, illegitimacy, threat
    ("딥시크가 오픈AI 모델의 출력을 무단으로 학습에 썼다는 주장이 나왔다.", "suspicion", 1),
    ("딥시크에 입력한 정보가 중국 당국에 넘어갈 수 있다는 우려가 크다.", "suspicion", 1),
    ("이탈리아와 호주는 딥시크 사용을 금지했다.", "suspicion", 1),
    ("딥시크는 시진핑 주석에 대한 질문에 답하지 않고 화제를 돌렸다.", "suspicion", 1),
    ("딥시크가 발표한 개발비는 믿기 어렵다는 반응이 많다.", "suspicion", 1),
    ("보안업계는 딥시크 앱의 암호화가 허술하다고 지적했다.", "suspicion", 1),
    ("미국은 엔비디아의 H20 칩 수출도 통제할 방침이다.", "suspicion", 0),
    ("딥시크는 데이터 효율을 높이는 새로운 학습 기법을 썼다.", "suspicion", 0),
    ("투자자들의 우려로 기술주가 하락했다.", "suspicion", 0),
    ("엔비디아는 딥시크가 수출 규정을 준수했다고 밝혔다.", "suspicion", 0),
    # economy: market and money
    ("딥시크 쇼크로 뉴욕 증시에서 하루 새 1조 달러가 날아갔다.", "economy", 1),
    ("국내 반도체 관련주는 이날 일제히 약세로 마감했다.", "economy", 1),
    ("딥시크의 기업가치는 수백억 달러로 추산된다.", "economy", 1),
    ("마이크로소프트는 올해 AI 데이터센터에 800억 달러를 쓴다.", "economy", 1),
    ("AI 반도체 수요 둔화 우려가 커졌다.", "economy", 1),
    ("딥시크 모델 훈련 비용은 600만 달러에 불과했다.", "economy", 0),
    ("딥시크는 사용자 질문에 답하는 챗봇이다.", "economy", 0),
    ("R1은 '규모의 경제' 신화를 깼다는 평가를 받는다.", "economy", 0),
    # china_state: the Chinese state behind the rise
    ("올해 양회에서 리창 총리는 AI 산업 지원을 거듭 강조했다.", "china_state", 1),
    ("항저우 지방정부는 스타트업에 사무실과 자금을 제공했다.", "china_state", 1),
    ("딥시크의 부상 뒤에는 중국 당국의 치밀한 산업 정책이 있다.", "china_state", 1),
    ("전인대 정부업무보고에는 'AI+' 행동 계획이 처음 담겼다.", "china_state", 1),
    ("중국 정부는 AI를 국가 전략 산업으로 지정하고 대규모 기금을 조성했다.", "china_state", 1),
    ("딥시크는 정부 지원 없이 모회사 자금으로 성장했다.", "china_state", 0),
    ("중국 스타트업 문샷AI도 새 모델을 내놨다.", "china_state", 0),
    ("한국 정부는 AI 예산을 늘리기로 했다.", "china_state", 0),
    # korea_response: Korea's position and response
    ("한국은 AI 3대 강국을 외치지만 현실은 초라하다.", "korea_response", 1),
    ("딥시크 쇼크는 한국 AI 산업에 뼈아픈 교훈을 준다.", "korea_response", 1),
    ("국회는 여야 이견으로 반도체특별법 처리를 미루고 있다.", "korea_response", 1),
    ("네이버와 LG 등 국내 기업들도 자체 모델 고도화에 속도를 내고 있다.", "korea_response", 1),
    ("한국도 더 늦기 전에 AI 인재 확보에 나서야 한다.", "korea_response", 1),
    ("한국 AI는 미국과 중국 사이에서 존재감을 잃어가고 있다.", "korea_response", 1),
    ("미·중 AI 전쟁 속 韓 반도체의 활로는 어디에 있나", "korea_response", 1),
    ("한국 AI 산업은 여전히 추격자 전략에 머물러 있다는 지적이다.", "korea_response", 1),
    ("전문 인력이 턱없이 부족한 한국은 AI 경쟁에서 열세를 면치 못하고 있다.", "korea_response", 1),
    ("한국 관광객들은 항저우의 딥시크 본사 앞에서 사진을 찍었다.", "korea_response", 0),
    ("중국 정부는 향후 5년간 AI 산업 육성에 특별금융을 투입하기로 했다.", "china_state", 1),
    ("알리바바는 자체 자금으로 새 모델 개발에 착수했다.", "china_state", 0),
    ("딥시크는 한국어 질문에도 비교적 자연스럽게 답했다.", "korea_response", 0),
    ("국내에서도 딥시크 앱 다운로드가 급증했다.", "korea_response", 0),
    ("중국 정부는 딥시크를 적극 지원하고 있다.", "korea_response", 0),
    ("미국 정부는 딥시크 사용을 금지하는 법안을 검토하고 있다.", "korea_response", 0),
]


@pytest.mark.parametrize("sentence, frame, expected", FRAME_CASES)
def test_frame_coding(sentence, frame, expected, codebook):
    row = code_one(sentence, codebook)
    assert row[f"frame_{frame}"] == expected, row["frame_evidence"]


def test_every_frame_has_positive_and_negative_cases(codebook):
    for frame_id in frame_ids(codebook):
        expected = {e for _, f, e in FRAME_CASES if f == frame_id}
        assert expected == {0, 1}, frame_id


def test_codebook_examples_are_coded_as_documented(codebook):
    """The codebook's own example sentences agree with its indicators."""
    texts, expected = [], []
    for frame in codebook.frames:
        for polarity, value in (("positive", 1), ("negative", 0)):
            for text in frame.examples[polarity]:
                texts.append(text)
                expected.append((f"frame_{frame.id}", value))
    for polarity, value in (("positive", 1), ("negative", 0)):
        for text in codebook.prescription.examples[polarity]:
            texts.append(text)
            expected.append(("prescription", value))
    coded = code(texts, codebook)
    wrong = [
        (text, column, value)
        for text, (column, value), (_, row) in zip(texts, expected, coded.iterrows())
        if row[column] != value
    ]
    assert wrong == []


def test_a_sentence_can_carry_several_frames_or_none(codebook):
    coded = code(
        [
            "미국의 수출 통제에도 딥시크는 저사양 칩으로 오픈소스 모델을 만들었다.",
            "오늘 서울은 맑겠다.",
        ],
        codebook,
    )
    several, none = coded.iloc[0], coded.iloc[1]
    assert (several["frame_rivalry"], several["frame_efficiency"], several["frame_open_source"]) == (1, 1, 1)
    assert sum(none[c] for c in framing.frame_columns(codebook)) == 0
    assert none["frame_evidence"] == ""


# ---------------------------------------------------------------------------
# Prescription and addressee
# ---------------------------------------------------------------------------

PRESCRIPTION_CASES = [
    ("이제라도 정부가 팔을 걷어붙여야 한다.", 1, "정부"),
    ("AI 인재 유출을 막을 대책 마련이 시급하다.", 1, ""),
    ("전문가들은 규제보다 지원에 방점을 찍어야 한다고 조언했다.", 1, ""),
    ("지금은 정쟁을 멈추고 AI 경쟁력 확보에 힘을 모을 때다.", 1, ""),
    ("[사설] 딥시크 충격…韓, AI 전략 다시 짜야", 1, "한국"),
    ("과감한 규제 혁신이 필요하다는 목소리가 커지고 있다.", 1, ""),
    ("정치권은 반도체특별법을 조속히 처리하길 바란다.", 1, "정치권"),
    ("정부와 기업은 힘을 모아야 한다.", 1, "정부;기업"),
    ("정부와 국회는 AI 인재 육성에 나서야 한다.", 1, "정부;정치권"),
    ("업계는 정부에 GPU 확보 예산 증액을 촉구했다.", 1, "정부"),
    ("우리 정부도 서둘러야 할 때다.", 1, "정부"),
    ("한국으로서는 대비가 필요하다.", 1, "한국"),
    ("더 이상 머뭇거려서는 안 된다.", 1, ""),
    ("정부는 규제 완화에 적극 나서라.", 1, "정부"),
    ("기초과학 투자를 늘릴 필요가 있다.", 1, ""),
    ("미국이 패권을 지키려면 중국의 방식을 배워야 할 것이다.", 1, "미국"),
    ("딥시크는 수출 통제 탓에 저사양 칩을 써야 했다.", 0, ""),
    ("고성능 AI를 만들려면 막대한 GPU가 필요한 것으로 여겨졌다.", 0, ""),
    ("좋은 데이터가 있어야 좋은 모델이 나온다.", 0, ""),
    ("당분간 큰 변화는 없을 것이다.", 0, ""),
    ("당장 걱정할 필요는 없다.", 0, ""),
    ("딥시크는 중국 당국의 검열을 따라야 한다는 한계가 있었다.", 0, ""),
    ("성과가 지속될지는 좀 더 지켜봐야 합니다.", 0, ""),
    ("그는 \"필요하면 추가 투자를 하겠다\"고 말했다.", 0, ""),
]


@pytest.mark.parametrize("sentence, expected, addressee", PRESCRIPTION_CASES)
def test_prescription_and_addressee(sentence, expected, addressee, codebook):
    row = code_one(sentence, codebook)
    assert row["prescription"] == expected, row["prescription_evidence"]
    assert row["addressee"] == addressee
    assert bool(row["prescription_evidence"]) == bool(expected)


def test_prescription_to_korea_codes_korea_response(codebook):
    row = code_one("우리도 하루빨리 대책을 마련해야 한다.", codebook)
    assert (row["prescription"], row["addressee"], row["frame_korea_response"]) == (1, "우리", 1)
    assert "prescription→우리" in row["frame_evidence"]
    foreign = code_one("미국은 중국의 방식을 배워야 한다.", codebook)
    assert (foreign["prescription"], foreign["addressee"], foreign["frame_korea_response"]) == (1, "미국", 0)


# ---------------------------------------------------------------------------
# Output format and evidence
# ---------------------------------------------------------------------------


def test_output_columns_follow_the_codebook(codebook):
    coded = code(["미중 패권 경쟁이 격화했다."], codebook)
    assert list(coded.columns) == [
        "sent_id",
        *[f"frame_{i}" for i in frame_ids(codebook)],
        "prescription",
        "addressee",
        "frame_evidence",
        "prescription_evidence",
    ]
    assert all(str(coded[c].dtype) == "int64" for c in framing.frame_columns(codebook))


def test_evidence_names_matched_text_and_its_position(codebook):
    text = "딥시크 등장에 미·중 AI 패권 경쟁이 격화하고 있다."
    row = code_one(text, codebook)
    assert row["frame_evidence"].startswith("rivalry: ")
    spans = re.findall(r"([^:,;+]+?)@(\d+)-(\d+)", row["frame_evidence"])
    assert spans
    for _, start, end in spans:
        assert 0 <= int(start) < int(end) <= len(text)
    assert "패권@" in row["frame_evidence"]
    start, end = map(int, re.search(r"(?<![+\w])패권@(\d+)-(\d+)", row["frame_evidence"]).groups())
    assert text[start:end] == "패권"


def test_output_is_sorted_and_deterministic(codebook):
    texts = ["정부는 서둘러야 한다.", "엔비디아 주가가 급락했다.", "미중 갈등이 커졌다."]
    units = tokenize_units(texts)
    shuffled = units.sentences.iloc[::-1]
    first = code_frames(shuffled, units.tokens.sample(frac=1, random_state=0), codebook=codebook)
    second = code_frames(units.sentences, units.tokens, codebook=codebook)
    assert first["sent_id"].tolist() == sorted(units.sentences["sent_id"])
    pd.testing.assert_frame_equal(first, second)


def test_bad_tables_raise_clear_errors(codebook):
    units = tokenize_units(["미중 패권 경쟁"])
    with pytest.raises(ValueError, match="tokens table lacks column"):
        code_frames(units.sentences, units.tokens.drop(columns=["norm"]), codebook=codebook)
    with pytest.raises(ValueError, match="sentences table lacks column"):
        code_frames(units.sentences.drop(columns=["text"]), units.tokens, codebook=codebook)
    with pytest.raises(ValueError, match="not in sentences"):
        code_frames(units.sentences.iloc[0:0], units.tokens, codebook=codebook)


def test_frame_ids_and_labels(codebook):
    assert frame_ids(codebook) == [
        "rivalry", "efficiency", "open_source", "talent", "suspicion", "economy", "china_state", "korea_response",
    ]
    assert frame_labels(codebook)["rivalry"] == "미중 기술패권 경쟁"
    assert frame_labels(codebook, lang="en")["korea_response"] == "Korea's crisis and response"
    with pytest.raises(ValueError, match="lang"):
        frame_labels(codebook, lang="fr")


# ---------------------------------------------------------------------------
# The codebook drives the coding, and is validated
# ---------------------------------------------------------------------------


def edited_codebook(tmp_path: Path, edit) -> Path:
    raw = yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))
    edit(raw)
    path = tmp_path / "codebook.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def frame_entry(raw: dict, frame_id: str) -> dict:
    return next(f for f in raw["frames"] if f["id"] == frame_id)


def test_changing_the_codebook_changes_the_coding(tmp_path):
    sentence = "딥시크 앱의 인기가 뜨겁다."
    assert code_one(sentence)["frame_talent"] == 0

    def add_rule(raw):
        frame_entry(raw, "talent")["indicators"].append({"name": "test", "any_of": ["인기"]})

    changed = load_codebook(edited_codebook(tmp_path, add_rule))
    row = code_one(sentence, changed)
    assert row["frame_talent"] == 1
    assert row["frame_evidence"] == "talent: 인기@7-9"


def test_removing_a_term_and_excluding_change_the_coding(tmp_path):
    sentence = "AI 패권의 향방이 주목된다."
    assert code_one(sentence)["frame_rivalry"] == 1

    def veto(raw):
        frame_entry(raw, "rivalry")["exclude_if"] = ["향방"]

    assert code_one(sentence, load_codebook(edited_codebook(tmp_path, veto)))["frame_rivalry"] == 0


def test_frames_follow_codebook_order_and_subset(tmp_path):
    def keep_two(raw):
        raw["frames"] = [frame_entry(raw, "economy"), frame_entry(raw, "rivalry")]
        raw["frames"][1]["indicators"] = [
            r for r in raw["frames"][1]["indicators"] if "prescribed_to" not in r
        ]

    small = load_codebook(edited_codebook(tmp_path, keep_two))
    coded = code(["엔비디아 주가가 급락했다."], small)
    assert [c for c in coded.columns if c.startswith("frame_") and c != "frame_evidence"] == [
        "frame_economy",
        "frame_rivalry",
    ]


def test_within_window_is_applied(tmp_path):
    sentence = "딥시크 본사는 항저우에 있고 창업자는 무척 젊다."

    def rule(raw):
        frame_entry(raw, "economy")["indicators"] = [{"all_of": [["딥시크"], ["젊다"]], "within": 2}]

    assert code_one(sentence, load_codebook(edited_codebook(tmp_path, rule)))["frame_economy"] == 0

    def wide(raw):
        frame_entry(raw, "economy")["indicators"] = [{"all_of": [["딥시크"], ["젊다"]], "within": 40}]

    assert code_one(sentence, load_codebook(edited_codebook(tmp_path, wide)))["frame_economy"] == 1


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda raw: frame_entry(raw, "rivalry").pop("definition"), r"frames\[rivalry\].*missing.*definition"),
        (lambda raw: frame_entry(raw, "talent").update(id="People"), r"lower_snake_case"),
        (lambda raw: raw["frames"].append(dict(raw["frames"][0])), r"defined twice"),
        (
            lambda raw: frame_entry(raw, "efficiency")["indicators"].append({"any_of": [{"regex": "(unclosed"}]}),
            r"frames\[efficiency\]\.indicators\[\d+\]\.any_of\[0\].*invalid regular expression",
        ),
        (
            lambda raw: frame_entry(raw, "economy")["indicators"].append({"any_of": ["@no_such_set"]}),
            r"unknown term set '@no_such_set'",
        ),
        (
            lambda raw: frame_entry(raw, "economy")["indicators"].append({"prescribed_to": ["화성"]}),
            r"unknown addressee label",
        ),
        (
            lambda raw: frame_entry(raw, "economy")["indicators"].append({"any_of": ["주가"], "all_of": [["a"], ["b"]]}),
            r"exactly one of",
        ),
        (
            lambda raw: frame_entry(raw, "economy")["indicators"].append({"any_of": ["주가"], "nearby": 3}),
            r"unknown key\(s\) \['nearby'\]",
        ),
        (
            lambda raw: frame_entry(raw, "economy")["indicators"].append({"all_of": [["a"], ["b"]], "within": 0}),
            r"within must be a positive integer",
        ),
        (lambda raw: frame_entry(raw, "economy").update(generic_frame="drama"), r"generic_frame 'drama'"),
        (lambda raw: raw["prescription"]["patterns"][0]["sequence"].append({"shape": "x"}), r"unknown key"),
        (lambda raw: raw["prescription"]["patterns"][0]["sequence"].append({"tag": "[EF"}), r"invalid regular"),
        (lambda raw: raw.pop("prescription"), r"missing required key\(s\) \['prescription'\]"),
    ],
)
def test_codebook_validation_errors_name_file_and_entry(tmp_path, edit, message):
    path = edited_codebook(tmp_path, edit)
    with pytest.raises(CodebookError, match=message) as info:
        load_codebook(path)
    assert str(path) in str(info.value)


def test_frames_are_those_the_codebook_defines(tmp_path):
    path = edited_codebook(tmp_path, lambda raw: frame_entry(raw, "talent").update(id="people"))
    assert "people" in frame_ids(load_codebook(path))
    with pytest.raises(CodebookError, match="unknown frame id 'people'"):
        load_codebook(path, study_frames=["rivalry", "efficiency", "open_source", "talent", "suspicion",
                                          "economy", "china_state", "korea_response"])


def test_malformed_or_missing_file(tmp_path):
    bad = tmp_path / "codebook.yaml"
    bad.write_text("frames: [\n  - id: rivalry\n  label: x", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"line \d+, column \d+"):
        load_codebook(bad)
    with pytest.raises(CodebookError, match="not found"):
        load_codebook(tmp_path / "nope.yaml")


# ---------------------------------------------------------------------------
# Summary tables and figures
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_study(codebook):
    texts = {
        ("가신문", "a"): [
            ("title", "미중 AI 패권 경쟁 격화"),
            ("body", "엔비디아 주가가 급락했다."),
            ("body", "미국은 중국에 대한 수출 통제를 강화했다."),
            ("body", "정부는 AI 인재 양성에 나서야 한다."),
        ],
        ("나블로그", "b"): [
            ("title", "딥시크 써봤다"),
            ("body", "딥시크는 오픈소스 모델이다."),
            ("body", "가성비가 놀랍다."),
        ],
    }
    rows, all_texts = [], []
    for (outlet, doc), lines in texts.items():
        for n, (role, text) in enumerate(lines):
            rows.append({"outlet": outlet, "doc_id": doc, "role": role, "para": n + 1,
                         "position": n / (len(lines) - 1)})
            all_texts.append(text)
    units = tokenize_units(all_texts)
    sentences = pd.concat([units.sentences[["sent_id", "text"]], pd.DataFrame(rows)], axis=1)
    coded = code_frames(sentences, units.tokens, codebook=codebook)
    return coded, sentences


def test_frame_prominence_counts_body_sentences(small_study, codebook):
    coded, sentences = small_study
    table = frame_prominence(coded, sentences, codebook=codebook)
    assert list(table.columns) == ["outlet", "frame", "label", "n_sentences", "n_coded", "share"]
    assert table["outlet"].unique().tolist() == ["가신문", "나블로그"]
    a = table[table["outlet"] == "가신문"].set_index("frame")
    assert a.loc["rivalry", "n_sentences"] == 3
    assert a.loc["rivalry", "n_coded"] == 1  # the title is not a body sentence
    assert a.loc["economy", "share"] == pytest.approx(1 / 3)
    all_roles = frame_prominence(coded, sentences, codebook=codebook, roles=None)
    assert all_roles.set_index(["outlet", "frame"]).loc[("가신문", "rivalry"), "n_coded"] == 2


def test_frame_positions_and_title_lead(small_study, codebook):
    coded, sentences = small_study
    positions = frame_positions(coded, sentences, codebook=codebook)
    rivalry = positions[positions["frame"] == "rivalry"]
    assert rivalry["position"].tolist() == pytest.approx([0.0, 2 / 3])
    lead = frames_in_title_and_lead(coded, sentences, codebook=codebook).set_index(["doc_id", "frame"])
    assert lead.loc[("a", "rivalry"), "in_title"] == 1
    assert lead.loc[("a", "economy"), "in_lead"] == 1
    assert lead.loc[("a", "rivalry"), "in_lead"] == 0
    assert lead.loc[("b", "open_source"), "in_lead"] == 1
    with pytest.raises(ValueError, match="lead_paragraphs"):
        frames_in_title_and_lead(coded, sentences, codebook=codebook, lead_paragraphs=0)


def test_cooccurrence_and_addressees(small_study, codebook):
    coded, sentences = small_study
    co = frame_cooccurrence(coded, codebook=codebook).set_index(["frame_a", "frame_b"])
    assert len(co) == len(frame_ids(codebook)) ** 2
    assert co.loc[("talent", "korea_response"), "n_both"] == 1
    assert co.loc[("talent", "talent"), "jaccard"] == 1.0
    assert co.loc[("rivalry", "talent"), "n_both"] == 0
    who = prescriptions_by_addressee(coded, sentences)
    assert who.to_dict("records") == [{"outlet": "가신문", "addressee": "정부", "n": 1}]


def test_frame_figures_draw_the_tables(small_study, codebook):
    coded, sentences = small_study
    fig4 = plots.fig04_frame_prominence(frame_prominence(coded, sentences, codebook=codebook))
    fig5 = plots.fig05_frame_position(
        frame_positions(coded, sentences, codebook=codebook),
        labels=list(frame_labels(codebook).values()),
    )
    fig9 = plots.plot_frame_cooccurrence(frame_cooccurrence(coded, codebook=codebook))
    for fig in (fig4, fig5, fig9):
        assert isinstance(fig, matplotlib.figure.Figure)
        assert fig.axes
        matplotlib.pyplot.close(fig)
    assert len(fig5.axes) == 2  # one panel per outlet
    with pytest.raises(ValueError, match="empty"):
        plots.plot_frame_position(frame_positions(coded.iloc[0:0], sentences, codebook=codebook))
