"""Voices: direct, indirect and according-to attribution, speaker type and country.

Sentences are invented in the style of Korean wire, newspaper, business-press
and blog writing; none comes from the study corpus.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.tokenize import tokenize_units
from analysis.summaries import count_voices
from analysis.voices import VOICE_COLUMNS, VoicesError, extract_voices, load_voice_tables


def document(*texts: str, doc_id: str = "d") -> pd.DataFrame:
    return pd.DataFrame(
        {"sent_id": [f"{doc_id}-{i:03d}" for i in range(1, len(texts) + 1)], "doc_id": doc_id, "text": list(texts)}
    )


def voices_of(*texts: str) -> pd.DataFrame:
    sentences = document(*texts)
    units = tokenize_units(list(texts))
    tokens = units.tokens.assign(sent_id=units.tokens["sent_id"].map(dict(zip(units.sentences["sent_id"], sentences["sent_id"]))))
    return extract_voices(sentences, tokens)


def only(voices: pd.DataFrame) -> pd.Series:
    assert len(voices) == 1, voices.to_string()
    return voices.iloc[0]


# ---------------------------------------------------------------------------
# forms of attribution
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "verb", "quote"),
    [
        ('젠슨 황 엔비디아 CEO는 "딥시크는 훌륭한 모델"이라고 말했다.', "젠슨 황", "말하다", "딥시크는 훌륭한 모델"),
        ("김철수 서울대 교수는 “한국은 골든타임을 놓쳤다”고 지적했다.", "김철수 서울대 교수", "지적하다", "한국은 골든타임을 놓쳤다"),
        ('중국 외교부 대변인은 "중국은 개방적"이라고 반박했다.', "중국 외교부 대변인", "반박하다", "중국은 개방적"),
        ('"AI 주권이 중요하다"라고 이영희 KAIST 교수는 강조했다.', "이영희 KAIST 교수", "강조하다", "AI 주권이 중요하다"),
    ],
)
def test_direct_quotation(text, speaker, verb, quote):
    row = only(voices_of(text))
    assert (row["speaker"], row["verb"], row["quote"], row["kind"]) == (speaker, verb, quote, "direct")


def test_chain_of_quotations_shares_speaker_and_verb():
    voices = voices_of('한 업계 관계자는 "국내 기업도 할 수 있다"며 "정부 지원이 필요하다"고 강조했다.')
    assert voices["quote"].tolist() == ["국내 기업도 할 수 있다", "정부 지원이 필요하다"]
    assert set(voices["speaker"]) == {"한 업계 관계자"}
    assert set(voices["verb"]) == {"강조하다"}
    assert set(voices["speaker_type"]) == {"unnamed"}


def test_indirect_quotation():
    row = only(voices_of("전문가들은 한국이 AI 경쟁에서 뒤처졌다고 지적했다."))
    assert row["kind"] == "indirect"
    assert row["speaker"] == "전문가들" and row["speaker_type"] == "unnamed"
    assert row["verb"] == "지적하다"
    assert row["quote"] == "한국이 AI 경쟁에서 뒤처졌다고"


@pytest.mark.parametrize(
    ("text", "speaker", "country"),
    [
        ("블룸버그통신에 따르면 딥시크는 엔비디아 칩 2000개를 썼다.", "블룸버그통신", "US"),
        ("로이터 보도에 따르면 중국 당국이 지원에 나섰다.", "로이터", "other"),
        ("신화통신에 의하면 량원펑은 총리 간담회에 참석했다.", "신화통신", "China"),
    ],
)
def test_according_to_names_the_source(text, speaker, country):
    row = only(voices_of(text))
    assert row["kind"] == "according_to"
    assert (row["speaker"], row["speaker_type"], row["country"]) == (speaker, "media", country)
    assert row["quote"].endswith(("썼다.", "나섰다.", "참석했다."))


@pytest.mark.parametrize(
    ("text", "speaker", "country"),
    [
        ("뉴욕타임스(NYT)는 딥시크가 저비용으로 모델을 만들었다고 보도했다.", "뉴욕타임스", "US"),
        ("'MIT 테크놀로지 리뷰'는 딥시크가 효율을 입증했다고 평가했다.", "MIT 테크놀로지 리뷰", "US"),
        ("연합뉴스는 정부가 대응책을 마련한다고 전했다.", "연합뉴스", "Korea"),
        ("환구시보는 미국의 견제가 실패했다고 주장했다.", "환구시보", "China"),
    ],
)
def test_media_cited_as_speakers(text, speaker, country):
    row = only(voices_of(text))
    assert (row["speaker"], row["speaker_type"], row["country"]) == (speaker, "media", country)


def test_nominal_report_forms():
    owner = only(voices_of("딥시크가 판을 흔들었다는 게 업계의 분석이다."))
    assert (owner["speaker"], owner["speaker_type"], owner["verb"]) == ("업계", "unnamed", "분석하다")
    anonymous = only(voices_of("딥시크의 성공은 정부 지원 덕분이라는 관측이 나온다."))
    assert pd.isna(anonymous["speaker"]) and anonymous["speaker_type"] == "unnamed"
    group = only(voices_of("업계에서는 국산 AI가 늦었다는 지적이 나온다."))
    assert group["speaker"] == "업계"


def test_quotation_with_speaker_after_it():
    row = only(voices_of("“딥시크는 AI의 스푸트니크 순간이다.” 마크 앤드리슨은 X에 이렇게 적었다."))
    assert (row["speaker"], row["country"], row["verb"]) == ("마크 앤드리슨", "US", "적다")


def test_standalone_quotation_takes_the_speaker_of_the_next_sentence():
    voices = voices_of("“미국 기업들은 긴장해야 한다.”", "사티아 나델라 마이크로소프트 CEO는 이같이 말했다.")
    row = only(voices)
    assert row["sent_id"] == "d-001"
    assert (row["speaker"], row["country"], row["verb"]) == ("사티아 나델라", "US", "말하다")


def test_headline_quotation():
    row = only(voices_of('트럼프 "딥시크는 미국 산업에 경종"'))
    assert (row["speaker"], row["kind"]) == ("트럼프", "direct")
    assert pd.isna(row["verb"])


@pytest.mark.parametrize(
    "text",
    [
        "딥시크는 '가성비 AI'로 불린다.",
        "중국 정부는 AI 투자를 늘렸다.",
        "이는 딥시크가 저렴하다는 뜻이다.",
        "엔비디아 주가가 17% 하락했다.",
    ],
)
def test_sentences_without_voices(text):
    assert voices_of(text).empty


# ---------------------------------------------------------------------------
# speakers: pronouns, types, countries
# ---------------------------------------------------------------------------


def test_pronoun_and_continuation_resolve_within_the_document():
    voices = voices_of(
        '샘 올트먼 오픈AI CEO는 "딥시크는 인상적"이라고 밝혔다.',
        '그는 "더 나은 모델을 내놓겠다"고 강조했다.',
        '이어 "경쟁은 환영할 일"이라고 덧붙였다.',
    )
    assert voices["speaker"].tolist() == ["샘 올트먼"] * 3
    assert voices["resolution"].tolist() == ["named", "pronoun", "continuation"]
    assert voices["speaker_phrase"].tolist()[1] == "그"
    assert set(voices["country"]) == {"US"}


def test_pronoun_resolves_to_a_person_named_without_quotation():
    voices = voices_of(
        "량원펑은 1985년 광둥성에서 태어났다.",
        '그는 한 인터뷰에서 "중국은 추종에 익숙했다"고 말했다.',
    )
    row = only(voices)
    assert (row["speaker"], row["country"], row["resolution"]) == ("량원펑", "China", "pronoun")


def test_continuation_only_from_a_recent_voice():
    near = voices_of('블룸버그는 "중국이 앞섰다"고 보도했다.', '이어 "미국은 긴장해야 한다"고 덧붙였다.')
    assert near["speaker"].tolist() == ["블룸버그", "블룸버그"]
    far = voices_of(
        '블룸버그는 "중국이 앞섰다"고 보도했다.', "딥시크는 항저우에 있다.", "직원은 140명이다.",
        "모델은 무료다.", '이어 "미국은 긴장해야 한다"고 덧붙였다.',
    )
    assert pd.isna(far["speaker"].tolist()[-1])


def test_speaker_is_taken_from_the_clause_chain_of_the_reporting_verb():
    row = only(voices_of("한국 정부는 예산을 줄였지만, 중국 정부는 AI 투자를 늘리겠다고 발표했다."))
    assert (row["speaker"], row["country"]) == ("중국 정부", "China")


def test_subject_speaker_with_a_self_report_verb():
    row = only(voices_of("삼성전자가 새 AI 칩을 내년에 출시하겠다고 밝혔다."))
    assert (row["speaker"], row["speaker_type"], row["country"]) == ("삼성전자", "institution", "Korea")
    # with other verbs the 이/가 noun is the reported clause's subject, not the speaker
    assert pd.isna(only(voices_of("한국이 AI 경쟁에서 뒤처졌다고 지적했다."))["speaker"])


def test_pronoun_does_not_cross_documents():
    first = document('량원펑 딥시크 창업자는 "우리는 돈이 아니라 인재로 이긴다"고 말했다.', doc_id="a")
    second = document('그는 "중요한 것은 속도"라고 말했다.', doc_id="b")
    voices = extract_voices(pd.concat([first, second], ignore_index=True))
    assert voices["speaker"].tolist()[0] == "량원펑"
    assert pd.isna(voices["speaker"].tolist()[1])
    assert voices["resolution"].tolist()[1] == "none"


@pytest.mark.parametrize(
    ("speaker_phrase", "speaker_type", "country"),
    [
        ("中 외교부 대변인은", "person", "China"),
        ("미 국방부는", "institution", "US"),
        ("한국 정부는", "institution", "Korea"),
        ("과기정통부 관계자는", "unnamed", "Korea"),
        ("엔비디아 관계자는", "unnamed", "US"),
        ("박정호 고려대 교수는", "person", "Korea"),
        ("제니퍼 스탠퍼드대 교수는", "person", "US"),
        ("일본 소프트뱅크의 한 임원은", "unnamed", "other"),
        ("한 관계자는", "unnamed", "unknown"),
        ("업계에서는", "unnamed", "unknown"),
        ("국내 업계에서는", "unnamed", "Korea"),
        ("딥시크 측은", "institution", "China"),
        ("최 의원은", "person", "Korea"),
        ("유즈밍 연구원은", "person", "unknown"),  # a Chinese name in local pronunciation
        ("한 미국 기업 소속 중국인 연구원은", "unnamed", "China"),  # nationality before employer
    ],
)
def test_speaker_type_and_country(speaker_phrase, speaker_type, country):
    row = only(voices_of(f'{speaker_phrase} "상황이 엄중하다"고 말했다.'))
    assert (row["speaker_type"], row["country"]) == (speaker_type, country), row.to_dict()


def test_output_columns_and_order():
    voices = voices_of('그는 "좋다"고 말했다.', "블룸버그는 딥시크가 성공했다고 보도했다.")
    assert voices.columns.tolist() == VOICE_COLUMNS
    assert voices["sent_id"].tolist() == ["d-001", "d-002"]
    assert set(voices["kind"]) <= {"direct", "indirect", "according_to"}


def test_tokens_are_computed_when_not_given():
    voices = extract_voices(document("블룸버그통신에 따르면 딥시크가 칩을 확보했다."))
    assert voices["speaker"].tolist() == ["블룸버그통신"]


def test_bad_voices_file(tmp_path):
    path = tmp_path / "voices.yaml"
    path.write_text(
        "reporting_verbs: [말하다]\nreport_nouns: {}\nmedia: {블룸버그: USA}\nunnamed_cues: []\nperson_titles: []\n",
        encoding="utf-8",
    )
    with pytest.raises(VoicesError, match="USA"):
        load_voice_tables(path)
    path.write_text("reporting_verbs: [말하다]\n", encoding="utf-8")
    with pytest.raises(VoicesError, match="missing section"):
        load_voice_tables(path)


def test_count_voices_per_outlet_and_country():
    sentences = pd.DataFrame({"sent_id": ["a-1", "a-2", "b-1"], "outlet": ["가신문", "가신문", "나일보"]})
    voices = pd.DataFrame(
        {"sent_id": ["a-1", "a-1", "a-2", "b-1"], "speaker": ["올트먼", "올트먼", "김 교수", pd.NA],
         "country": ["US", "US", "Korea", "unknown"]}
    )
    counts = count_voices(voices, sentences).set_index(["outlet", "country"])
    assert counts.loc[("가신문", "US"), "n"] == 2
    assert counts.loc[("가신문", "US"), "share"] == pytest.approx(2 / 3, abs=1e-4)
    assert counts.loc[("나일보", "China"), "n"] == 0
    speakers = count_voices(voices, sentences, unit="speakers").set_index(["outlet", "country"])
    assert speakers.loc[("가신문", "US"), "n"] == 1
    with pytest.raises(ValueError, match="not in the sentences"):
        count_voices(voices.assign(sent_id="zz"), sentences)
