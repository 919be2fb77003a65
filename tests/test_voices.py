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
    # one official whose name is withheld: a person, attributed
    assert set(voices["speaker_type"]) == {"person"} and set(voices["attributed"]) == {"yes"}


def test_indirect_quotation():
    row = only(voices_of("전문가들은 한국이 AI 경쟁에서 뒤처졌다고 지적했다."))
    assert row["kind"] == "indirect"
    # experts in general: a generic collective, an unattributed claim with the phrase kept
    assert row["speaker"] == "전문가들" and row["speaker_type"] == "unattributed"
    assert row["attributed"] == "no"
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
    assert (owner["speaker"], owner["speaker_type"], owner["verb"], owner["attributed"]) == (
        "업계", "unattributed", "분석하다", "no")
    anonymous = only(voices_of("딥시크의 성공은 정부 지원 덕분이라는 관측이 나온다."))
    assert pd.isna(anonymous["speaker"]) and anonymous["speaker_type"] == "unattributed"
    assert anonymous["attributed"] == "no"
    group = only(voices_of("업계에서는 국산 AI가 늦었다는 지적이 나온다."))
    assert group["speaker"] == "업계"


@pytest.mark.parametrize(
    "text, speaker, speaker_type, kind, verb",
    [
        # the owner of the report noun speaks: "...”는 게 X의 판단이다, "...” X의 말이다
        ("“한국은 늦지 않았다”는 게 박 교수의 판단이다.", "박 교수", "person", "direct", "판단하다"),
        ("“이제는 속도전입니다.” 한 스타트업 대표의 말이다.", "한 스타트업 대표", "person", "direct", "말하다"),
        # an adnominal modifier before the report noun: X의 공통된 시각이다
        ("딥시크가 판을 바꿨다는 것이 전문가들의 공통된 시각이다.", "전문가들", "unattributed", "indirect", "보다"),
    ],
)
def test_report_noun_owned_by_the_speaker(text, speaker, speaker_type, kind, verb):
    row = only(voices_of(text))
    assert (row["speaker"], row["speaker_type"], row["kind"], row["verb"]) == (speaker, speaker_type, kind, verb)


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
        ("과기정통부 관계자는", "person", "Korea"),
        ("엔비디아 관계자는", "person", "US"),
        ("박정호 고려대 교수는", "person", "Korea"),
        ("제니퍼 스탠퍼드대 교수는", "person", "US"),
        ("일본 소프트뱅크의 한 임원은", "person", "other"),
        ("한 관계자는", "person", "unknown"),
        ("업계에서는", "unattributed", "unknown"),
        ("국내 업계에서는", "unattributed", "Korea"),
        ("딥시크 측은", "institution", "China"),
        ("최 의원은", "person", "Korea"),
        ("유즈밍 연구원은", "person", "unknown"),  # a Chinese name in local pronunciation
        ("한 미국 기업 소속 중국인 연구원은", "person", "China"),  # nationality before employer
    ],
)
def test_speaker_type_and_country(speaker_phrase, speaker_type, country):
    row = only(voices_of(f'{speaker_phrase} "상황이 엄중하다"고 말했다.'))
    assert (row["speaker_type"], row["country"]) == (speaker_type, country), row.to_dict()
    assert row["attributed"] == ("no" if speaker_type == "unattributed" else "yes")


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


# ---------------------------------------------------------------------------
# attributed voices against unattributed claims
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "verb"),
    [
        ('박영민 KAIST 교수는 "규모보다 효율이 중요해졌다"고 말했다.', "direct", "말하다"),
        ("구글은 새 모델을 다음 달 내놓겠다고 밝혔다.", "indirect", "밝히다"),
        ("골드만삭스는 데이터센터 투자가 줄어들 것으로 전망했다.", "indirect", "전망하다"),
        ("모건스탠리는 반도체 수요가 꺾였다는 분석을 내놨다.", "indirect", "분석하다"),
    ],
)
def test_attributed_voices(text, kind, verb):
    row = only(voices_of(text))
    assert (row["kind"], row["verb"], row["attributed"]) == (kind, verb, "yes")
    assert row["speaker_type"] in {"person", "institution", "media"}


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("저가 모델이 시장 판도를 바꿀 것이라는 분석이 나온다.", "분석하다"),
        ("국산 모델 개발이 늦었다는 분석이 나오고 있다.", "분석하다"),
        ("정부 대응이 한발 늦었다는 목소리가 높다.", "말하다"),
        ("연구 인력 유출을 막아야 한다는 목소리가 나온다.", "말하다"),
        ("안보 심사가 허술했다는 지적이 제기된다.", "지적하다"),
        ("중국이 규제를 우회할 것이라는 관측이다.", "관측하다"),
        ("오픈소스 전략이 통했다는 평가가 나온다.", "평가하다"),
        ("개인정보가 새어 나갈 수 있다는 우려가 커지고 있다.", "우려하다"),
        ("그 모델은 가성비의 상징이라는 평가를 받는다.", "평가하다"),
        ("이 스타트업은 엔지니어 200명 남짓을 둔 것으로 알려졌다.", "알려지다"),
        ("중국 당국이 관련 조사에 착수한 것으로 전해졌다.", "전해지다"),
        ("창업자가 총리 간담회에 초대됐다고 전해진다.", "전해지다"),
        ("훈련 비용이 부풀려졌다는 관측이 지배적이다.", "관측하다"),
    ],
)
def test_unattributed_claims_without_a_speaker(text, verb):
    row = only(voices_of(text))
    assert (row["speaker_type"], row["attributed"], row["verb"]) == ("unattributed", "no", verb), row.to_dict()
    assert pd.isna(row["speaker"]) and row["country"] == "unknown"


@pytest.mark.parametrize(
    ("text", "speaker", "country"),
    [
        ("업계에서는 가격 경쟁이 한층 치열해질 것으로 본다.", "업계", "unknown"),
        ("시장에서는 추가 하락이 불가피하다는 전망이 나온다.", "시장", "unknown"),
        ("국내 업계에서는 정부 지원이 부족하다는 지적이 나온다.", "국내 업계", "Korea"),
        ("일각에서는 성능이 과장됐다는 지적도 나온다.", "일각", "unknown"),
        ("증권가에서는 목표주가를 낮춰야 한다는 의견이 많다.", "증권가", "unknown"),
        ("반도체업계는 수출 통제가 길어질 것으로 보고 있다.", "반도체업계", "unknown"),
        ("전문가들은 격차가 더 벌어질 것으로 내다봤다.", "전문가들", "unknown"),
        ("업계 관계자들은 인재 확보가 급하다고 입을 모았다.", "업계 관계자들", "unknown"),
    ],
)
def test_generic_collectives_are_unattributed(text, speaker, country):
    row = only(voices_of(text))
    assert (row["speaker"], row["speaker_type"], row["country"], row["attributed"]) == (
        speaker, "unattributed", country, "no"), row.to_dict()


@pytest.mark.parametrize(
    "text",
    [
        "이 회사는 내년에 새 모델을 내놓을 것으로 보인다.",  # the writer's own hedge
        "결국 돈보다 사람이 중요하다는 말이다.",  # paraphrase of the writer, not a claim
        "정부는 그런 평가에 동의하지 않는다.",
        "딥시크는 연구자 중심 조직이라는 점이 특징이다.",
    ],
)
def test_writer_statements_are_no_voice(text):
    assert voices_of(text).empty


def test_a_withheld_name_is_an_attributed_person():
    row = only(voices_of('정부 고위 관계자는 "예산을 다시 짜겠다"고 말했다.'))
    assert (row["speaker_type"], row["country"], row["attributed"]) == ("person", "Korea", "yes")


def test_an_unresolved_speaker_is_attributed_but_unknown():
    row = only(voices_of("한국이 경쟁에서 밀렸다고 지적했다."))
    assert pd.isna(row["speaker"])
    assert (row["speaker_type"], row["attributed"], row["resolution"]) == ("unknown", "yes", "none")


# ---------------------------------------------------------------------------
# speakers across sentences
# ---------------------------------------------------------------------------


def test_he_also_and_a_subjectless_continuation():
    voices = voices_of(
        "리사 수 AMD CEO는 추론 칩 수요가 늘고 있다고 밝혔다.",
        "그는 또 가격을 낮출 계획이 있다고 말했다.",
        "그러면서 경쟁사와의 격차는 줄고 있다고 덧붙였다.",
    )
    assert voices["speaker"].tolist() == ["리사 수"] * 3
    assert voices["resolution"].tolist() == ["named", "pronoun", "continuation"]
    assert set(voices["country"]) == {"US"} and set(voices["attributed"]) == {"yes"}


def test_anaphor_takes_the_last_voice_of_its_kind():
    voices = voices_of(
        "알리바바는 새 추론 모델을 무료로 풀겠다고 밝혔다.",
        "최지훈 연세대 교수는 국내 대응이 늦었다고 말했다.",
        "이 회사는 내년까지 투자를 두 배로 늘리겠다고 설명했다.",
        "이 교수는 또 인재 정책이 시급하다고 강조했다.",
    )
    rows = voices.set_index("sent_id")
    assert (rows.loc["d-003", "speaker"], rows.loc["d-003", "country"]) == ("알리바바", "China")
    assert rows.loc["d-003", "resolution"] == "pronoun"
    assert rows.loc["d-004", "country"] == "Korea"


def test_this_medium_and_same_medium_take_the_last_medium():
    voices = voices_of(
        "블룸버그통신은 중국 모델의 점유율이 빠르게 늘었다고 보도했다.",
        "샘 올트먼 오픈AI CEO는 경쟁을 환영한다고 말했다.",
        "이 매체는 미국 기업들이 가격을 내릴 것이라고 전했다.",
        "같은 매체는 유럽도 대응에 나섰다고 덧붙였다.",
    )
    assert voices["speaker"].tolist() == ["블룸버그통신", "샘 올트먼", "블룸버그통신", "블룸버그통신"]
    assert voices["speaker_type"].tolist() == ["media", "person", "media", "media"]


def test_this_official_after_an_anonymous_official():
    voices = voices_of(
        '한 반도체 업체 관계자는 "주문이 줄지는 않았다"고 말했다.',
        '이 관계자는 "하반기가 관건"이라고 덧붙였다.',
    )
    assert voices["speaker"].tolist() == ["한 반도체 업체 관계자"] * 2
    assert voices["resolution"].tolist() == ["named", "pronoun"]


def test_unattributed_claims_are_not_inherited():
    voices = voices_of(
        "수출 통제가 역효과를 냈다는 분석이 나온다.",
        "이어 중국의 자립이 빨라졌다고 덧붙였다.",
    )
    assert voices["attributed"].tolist() == ["no", "yes"]
    assert pd.isna(voices["speaker"].tolist()[1]) and voices["resolution"].tolist()[1] == "none"


# ---------------------------------------------------------------------------
# countries of institutions, media and universities
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("speaker_phrase", "speaker", "speaker_type", "country"),
    [
        ("백악관은", "백악관", "institution", "US"),
        ("OpenAI는", "OpenAI", "institution", "US"),
        ("바이두는", "바이두", "institution", "China"),
        ("화웨이 측은", "화웨이 측", "institution", "China"),
        ("과기정통부는", "과기정통부", "institution", "Korea"),
        ("SK하이닉스는", "SK하이닉스", "institution", "Korea"),
        ("한국은행은", "한국은행", "institution", "Korea"),
        ("모건스탠리는", "모건스탠리", "institution", "US"),
        ("로이터통신은", "로이터통신", "media", "other"),
        ("닛케이아시아는", "닛케이아시아", "media", "other"),
        ("WSJ는", "WSJ", "media", "US"),
        ("신화통신은", "신화통신", "media", "China"),
        ("중국 관영 글로벌타임스는", "글로벌타임스", "media", "China"),
        ("서울대 연구팀은", "서울대 연구팀", "institution", "Korea"),
        ("칭화대 교수는", "칭화대 교수", "person", "China"),
        ("카이스트 교수는", "카이스트 교수", "person", "Korea"),
        ("한국개발연구원은", "한국개발연구원", "institution", "Korea"),
        ("한국개발연구원 연구원은", "한국개발연구원 연구원", "person", "Korea"),
        ("주한 미국대사관은", "주한 미국대사관", "institution", "US"),
        ("주한 중국대사관 대변인은", "주한 중국대사관 대변인", "person", "China"),
        ("중국 알리바바는", "중국 알리바바", "institution", "China"),
        ("유럽연합 집행위원회는", "유럽연합 집행위원회", "institution", "other"),
        ("OECD는", "OECD", "institution", "other"),
        ("소프트뱅크는", "소프트뱅크", "institution", "other"),
        ("골드만삭스 애널리스트는", "골드만삭스 애널리스트", "person", "US"),
    ],
)
def test_institution_media_and_university_countries(speaker_phrase, speaker, speaker_type, country):
    row = only(voices_of(f"{speaker_phrase} 상황이 엄중하다고 밝혔다."))
    assert (row["speaker"], row["speaker_type"], row["country"]) == (speaker, speaker_type, country), row.to_dict()


def test_shipped_entity_table_is_large_and_has_aliases():
    tables = load_voice_tables()
    names = {name for _, name, _, _ in tables.entities}
    assert len(names) >= 300
    aliases = {alias: (name, country) for alias, name, _, country in tables.entities}
    assert aliases["과기정통부"] == ("과학기술정보통신부", "Korea")
    assert aliases["닛케이아시아"][1] == "Japan"  # reported as other, kept finer in the table


def test_user_supplied_entity_table(tmp_path):
    text = "한빛연구소는 국산 모델이 충분히 경쟁력 있다고 밝혔다."
    assert only(voices_of(text))["country"] == "unknown"
    table = tmp_path / "mine.tsv"
    table.write_text("name\ttype\tcountry\taliases\n한빛연구소\tinstitution\tKorea\t한빛연|HBL\n"
                     "블룸버그\tmedia\tEurope\t\n", encoding="utf-8")
    sentences = document(text, "블룸버그는 딥시크가 싸다고 보도했다.", "한빛연은 반박했다고 밝혔다.")
    voices = extract_voices(sentences, entities=table)
    assert voices["country"].tolist() == ["Korea", "other", "Korea"]  # the user's entry wins over the shipped one
    yaml_table = tmp_path / "mine.yaml"
    yaml_table.write_text("institutions:\n  한빛연구소: {country: Korea, aliases: [한빛연]}\n", encoding="utf-8")
    assert extract_voices(document(text), entities=yaml_table)["country"].tolist() == ["Korea"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.tsv", None, r"missing\.tsv: entity table not found"),
        ("bad.tsv", "name\ttype\tcountry\n한빛연구소\tinstitution\tMars\n", r"bad\.tsv, line 2: country 'Mars'"),
        ("kind.csv", "name,type,country\n한빛연구소,company,Korea\n", r"kind\.csv, line 2: type 'company'"),
        ("cols.tsv", "name\tnation\n한빛연구소\tKorea\n", r"cols\.tsv: missing column\(s\) \['type', 'country'\]"),
        ("bad.yaml", "institutions: [한빛연구소]\n", r"bad\.yaml: institutions must be a mapping"),
        ("broken.yaml", "institutions: {한빛: [\n", r"broken\.yaml: not valid YAML"),
        ("table.xlsx", "x", r"table\.xlsx: an entity table must be"),
    ],
)
def test_bad_entity_table_names_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(VoicesError, match=message):
        load_voice_tables(entities=path)


def test_bad_country_in_the_voices_file_names_the_entry(tmp_path):
    path = tmp_path / "voices.yaml"
    path.write_text("reporting_verbs: [말하다]\nreport_nouns: {}\nmedia: {}\nunnamed_cues: []\nperson_titles: []\n"
                    "institutions:\n  한빛연구소: {country: Korea, alias: [한빛연]}\n", encoding="utf-8")
    with pytest.raises(VoicesError, match=r"voices\.yaml: institutions\.한빛연구소: unknown key\(s\) \['alias'\]"):
        load_voice_tables(path)


def test_a_person_of_the_body_an_anaphor_points_to():
    """이 회사 관계자는: a new person, from the country of the company named before (not the company)."""
    voices = voices_of("네이버는 자체 모델 개발을 이어가겠다고 밝혔다.",
                       "이 회사 관계자는 “국산 모델이 필요하다”고 강조했다.")
    person = voices[voices["sent_id"] == "d-002"].iloc[0]
    assert (person["speaker"], person["speaker_type"], person["country"]) == ("이 회사 관계자", "person", "Korea")
    alone = only(voices_of("이 회사 관계자는 “국산 모델이 필요하다”고 강조했다."))
    assert (alone["speaker_type"], alone["country"], alone["resolution"]) == ("person", "unknown", "none")


# ---------------------------------------------------------------------------
# probe set: attribution forms of Korean wire, newspaper, business, broadcast and
# IT-press writing (invented sentences). Each positive gives the preceding sentences
# of its document (for 그는, 이 관계자는, ...라는 설명이다) and what must hold of the
# first voice of its last sentence: speaker, type (speaker_type), country, kind,
# attributed.
# ---------------------------------------------------------------------------

PROBE_VOICES = [
    ([], '과기정통부는 연내 국가 AI 컴퓨팅센터 사업자를 선정하겠다고 밝혔다.', {'speaker': '과기정통부', 'type': 'institution', 'country': 'Korea', 'attributed': 'yes'}),
    ([], '블룸버그통신은 딥시크가 차기 추론 모델 공개를 앞당길 예정이라고 보도했다.', {'speaker': '블룸버그통신', 'type': 'media', 'country': 'US'}),
    ([], '월스트리트저널(WSJ)은 엔비디아가 중국 전용 칩 출하를 미뤘다고 전했다.', {'type': 'media', 'country': 'US'}),
    ([], '로이터는 소식통을 인용해 화웨이가 자체 AI 칩 생산을 늘리고 있다고 보도했다.', {'speaker': '로이터', 'type': 'media', 'country': 'other'}),
    ([], '오픈AI 측은 딥시크가 자사 모델의 출력을 무단으로 활용한 정황이 있다고 주장했다.', {'type': 'institution', 'country': 'US'}),
    ([], '“경쟁은 이제 시작일 뿐입니다.” 샘 올트먼 오픈AI CEO는 2일 기자간담회에서 이렇게 말했다.', {'speaker': '샘 올트먼', 'country': 'US', 'kind': 'direct'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '이 교수는 "국내 기업들도 추론 비용을 낮추는 데 집중해야 한다"고 덧붙였다.', {'country': 'Korea', 'attributed': 'yes'}),
    ([], '젠슨 황 CEO는 "딥시크의 등장은 오히려 연산 수요를 늘릴 것"이라며 시장의 우려를 일축했다.', {'speaker': '젠슨 황', 'country': 'US'}),
    ([], '업계 관계자는 "중국 모델의 가격 공세가 만만치 않다"면서 "국내 업체도 대응책이 필요하다"고 말했다.', {'type': 'person', 'attributed': 'yes'}),
    ([], '정부 관계자는 딥시크 앱의 개인정보 처리 실태를 점검하고 있다고 설명했다.', {'type': 'person', 'country': 'Korea'}),
    ([], '중국 외교부 대변인은 정례 브리핑에서 "중국은 데이터 안보를 매우 중시한다"고 강조했다.', {'country': 'China'}),
    ([], '뉴욕타임스에 따르면 메타는 딥시크 분석을 위한 전담팀을 꾸렸다.', {'speaker': '뉴욕타임스', 'country': 'US', 'kind': 'according_to'}),
    ([], '니혼게이자이신문의 보도에 따르면 일본 정부도 공무원의 딥시크 사용을 제한하기로 했다.', {'type': 'media', 'country': 'other', 'kind': 'according_to'}),
    ([], '시장조사업체 가트너에 따르면 올해 AI 반도체 시장은 30% 넘게 성장할 전망이다.', {'country': 'US', 'kind': 'according_to'}),
    (['한 반도체 업체 관계자는 "주문이 줄지는 않았다"고 말했다.'], '이 관계자는 "아직 확정된 것은 없다"며 말을 아꼈다.', {'attributed': 'yes', 'speaker': '한 반도체 업체 관계자'}),
    ([], '박 연구위원은 중국의 추격 속도가 예상보다 빠르다고 진단했다.', {'country': 'Korea', 'type': 'person'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '그는 미국의 수출 통제가 오히려 중국의 자립을 앞당겼다고 꼬집었다.', {'speaker': '김민수 서울대 교수'}),
    ([], '이재용 삼성전자 회장은 "AI 시대에 뒤처지면 미래가 없다"고 말했다.', {'country': 'Korea', 'type': 'person'}),
    ([], '엔비디아는 성명을 내고 딥시크의 성과가 자사 GPU의 수요를 보여준다고 밝혔다.', {'speaker': '엔비디아', 'country': 'US'}),
    ([], '마이크로소프트는 딥시크 R1을 자사 클라우드에 올렸다고 발표했다.', {'country': 'US'}),
    ([], '증권가는 SK하이닉스의 실적이 당분간 견조할 것으로 내다봤다.', {'attributed': 'no'}),
    ([], '한 반도체 업계 관계자는 "고대역폭메모리 수요는 줄지 않을 것"이라고 전망했다.', {'type': 'person'}),
    ([], '딥시크 창업자 량원펑은 중국 매체와의 인터뷰에서 "우리는 모방이 아니라 혁신을 원한다"고 말했다.', {'country': 'China'}),
    ([], '트럼프 대통령은 딥시크의 등장이 미국 기업들에 경종이 돼야 한다고 언급했다.', {'country': 'US'}),
    (['샘 올트먼 오픈AI CEO는 "딥시크는 인상적인 모델"이라고 밝혔다.'], '그는 "솔직히 충격이었다"고 털어놨다.', {'speaker': '샘 올트먼'}),
    ([], '최 교수는 "인재가 해외로 빠져나가는 구조부터 바꿔야 한다"고 토로했다.', {'country': 'Korea'}),
    ([], '하워드 러트닉 상무장관 후보자는 청문회에서 중국이 미국 기술을 훔쳤다고 비판했다.', {'country': 'US'}),
    ([], '이에 대해 중국 측은 근거 없는 주장이라고 반박했다.', {'country': 'China'}),
    ([], '앤트로픽의 다리오 아모데이 CEO는 블로그 글에서 수출 통제를 더 강화해야 한다고 주장했다.', {'country': 'US'}),
    ([], '딥시크가 저비용으로 고성능 모델을 구현했다는 게 업계의 설명이다.', {'attributed': 'no'}),
    ([], '중국의 AI 굴기가 본격화했다는 지적이 나온다.', {'attributed': 'no'}),
    ([], '국산 파운데이션 모델 개발에 속도를 내야 한다는 목소리가 높다.', {'attributed': 'no'}),
    ([], '엔비디아의 독주 체제가 흔들릴 수 있다는 관측이 나온다.', {'attributed': 'no'}),
    ([], '딥시크는 가성비 AI의 대명사라는 평가를 받는다.', {'attributed': 'no'}),
    ([], '정부의 대응이 너무 늦었다는 비판이 잇따르고 있다.', {'attributed': 'no'}),
    ([], 'AI 투자가 거품이라는 우려도 적지 않다.', {'attributed': 'no'}),
    ([], '미국의 제재가 중국의 기술 자립을 부추겼다는 분석이다.', {'attributed': 'no'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '그는 "규제보다 진흥이 먼저"라는 입장이다.', {'speaker': '김민수 서울대 교수'}),
    ([], '정부는 딥시크 사용을 당분간 제한한다는 입장을 밝혔다.', {'country': 'Korea', 'attributed': 'yes'}),
    ([], '중국 AI가 2년 안에 미국을 따라잡을 것이라는 게 김 교수의 전망이다.', {'type': 'person', 'country': 'Korea'}),
    ([], '연합뉴스는 중국 현지 매체를 인용해 딥시크가 신규 채용에 나섰다고 전했다.', {'speaker': '연합뉴스', 'country': 'Korea'}),
    ([], '블룸버그가 인용한 소식통에 따르면 딥시크는 외부 투자 유치를 검토하고 있다.', {'kind': 'according_to'}),
    ([], 'CNBC 방송은 "딥시크 충격으로 나스닥이 크게 흔들렸다"고 전했다.', {'type': 'media', 'country': 'US'}),
    ([], '정부는 이번 주 중 관계부처 합동 대책을 발표할 예정이라고 밝혔다.', {'country': 'Korea'}),
    ([], '유상임 과기정통부 장관은 "국가 AI 컴퓨팅 인프라를 서둘러 확충하겠다"고 말했다.', {'country': 'Korea', 'type': 'person'}),
    ([], '올트먼 "딥시크 인상적이지만 우리가 앞서"', {'kind': 'direct'}),
    ([], '젠슨 황 "시장이 딥시크를 오해했다"', {'kind': 'direct', 'country': 'US'}),
    ([], '과기정통부 "딥시크 접속 차단 검토 안 해"', {'kind': 'direct', 'country': 'Korea'}),
    ([], '“이번 사태는 보안 문제를 다시 돌아보게 한다.” 한 보안업체 임원의 말이다.', {'type': 'person'}),
    ([], '한 애널리스트는 "추론 수요 증가가 메모리 업황을 떠받칠 것"이라고 예상했다.', {'type': 'person'}),
    ([], '모건스탠리는 보고서를 통해 AI 설비투자 증가세가 둔화할 수 있다고 경고했다.', {'country': 'US'}),
    ([], '국회 과방위 소속 한 의원은 "딥시크 접속을 전면 차단해야 한다"고 목소리를 높였다.', {'type': 'person'}),
    ([], '업계에서는 중국산 모델 도입에 신중해야 한다는 의견이 우세하다.', {'attributed': 'no'}),
    ([], '리카이푸는 중국과 미국의 AI 격차가 3개월 수준으로 줄었다고 평가했다.', {'country': 'China'}),
    (['블룸버그통신은 딥시크가 추가 투자 유치를 검토하고 있다고 보도했다.'], '이 매체는 딥시크가 엔비디아 H800 칩 2천 개가량을 훈련에 썼다고 전했다.', {'speaker': '블룸버그통신'}),
    (['샘 올트먼 오픈AI CEO는 "딥시크는 인상적인 모델"이라고 밝혔다.'], '그는 이어 "우리의 강점은 인재와 속도"라고 강조했다.', {'speaker': '샘 올트먼'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '그러면서 "정부와 기업이 함께 움직여야 한다"고 덧붙였다.', {'speaker': '김민수 서울대 교수'}),
    ([], '삼성전자 관계자는 "고객사와 긴밀히 협의하고 있다"며 말을 아꼈다.', {'country': 'Korea'}),
    ([], '왕원빈 중국 외교부 대변인은 "중국은 기업들에 현지 법을 지키도록 요구해 왔다"고 답했다.', {'country': 'China'}),
    ([], "파이낸셜타임스(FT)는 오픈AI가 딥시크의 '증류' 의혹을 조사하고 있다고 보도했다.", {'type': 'media', 'country': 'other'}),
    ([], '블룸버그는 익명의 소식통을 인용해 "미 상무부가 추가 제재를 검토 중"이라고 전했다.', {'speaker': '블룸버그', 'country': 'US'}),
    ([], '한국은행은 보고서에서 AI 확산이 생산성을 끌어올릴 것으로 분석했다.', {'country': 'Korea'}),
    ([], '김 교수는 "딥시크가 쏘아 올린 공은 작지 않다"고 평가했다.', {'country': 'Korea'}),
    ([], '이 같은 움직임은 미·중 기술 패권 경쟁의 단면이라는 해석이 나온다.', {'attributed': 'no'}),
    ([], '중국 정부가 딥시크를 전략적으로 지원하고 있다는 주장도 제기됐다.', {'attributed': 'no'}),
    ([], '딥시크 쇼크가 오히려 기회가 될 수 있다는 게 전문가들의 공통된 견해다.', {'attributed': 'no'}),
    ([], '데미스 허사비스 구글 딥마인드 CEO는 딥시크의 성과가 다소 과장됐다고 말했다.', {'country': 'other'}),
    ([], '오픈AI는 공식 X 계정을 통해 "새 모델을 곧 공개하겠다"고 알렸다.', {'country': 'US'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '그는 "딥시크를 써 봤느냐"는 질문에 "아직 써 보지 않았다"고 답했다.', {'speaker': '김민수 서울대 교수'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '그는 "이번이 마지막 기회"라고 했다.', {'speaker': '김민수 서울대 교수'}),
    ([], '량원펑은 돈보다 인재가 중요하다고 말했다고 블룸버그가 전했다.', {}),
    ([], '정부는 "보안 우려가 해소될 때까지 사용을 자제해 달라"며 각 부처에 공문을 보냈다.', {'country': 'Korea'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '중국 AI가 미국을 빠르게 추격하고 있다는 설명이다.', {'speaker': '김민수 서울대 교수'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '국내 기업들이 인재 확보에 더 투자해야 한다는 지적이다.', {'speaker': '김민수 서울대 교수'}),
    (['블룸버그통신은 딥시크가 추가 투자 유치를 검토하고 있다고 보도했다.'], '앞으로 추론형 모델의 가격이 더 떨어질 것이라는 전망이다.', {'speaker': '블룸버그통신'}),
    ([], '김 교수는 딥시크가 오픈소스 생태계를 크게 바꿔 놓았다고 평가한다.', {'country': 'Korea'}),
    ([], '업계 관계자는 “중국 모델을 쓰는 고객사가 늘고 있다”고 귀띔했다.', {'type': 'person'}),
    ([], '방송통신위원회 측은 “현재로서는 사용 제한 계획이 없다”는 입장이다.', {'country': 'Korea'}),
    ([], '미국 정부는 딥시크가 국가 안보에 위협이 될 수 있다며 조사에 착수했다.', {'country': 'US'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '그는 “정부 차원의 대응이 시급하다”고 재차 강조했다.', {'speaker': '김민수 서울대 교수'}),
    ([], '아마존웹서비스(AWS)는 딥시크 모델을 자사 플랫폼에서 제공하기 시작했다고 밝혔다.', {'country': 'US'}),
    (['엔비디아는 중국 매출이 줄었다고 밝혔다.'], '이 회사 대변인은 “사실과 다르다”고 해명했다.', {'country': 'US'}),
    ([], '일각에서는 딥시크가 실제로는 훨씬 많은 칩을 썼을 것이라고 의심한다.', {'attributed': 'no'}),
    ([], '딥시크가 미국 모델을 베꼈다는 의혹이 제기되고 있다.', {'attributed': 'no'}),
    ([], '딥시크가 새 모델을 다음 달 공개할 예정이라고 로이터통신이 보도했다.', {'speaker': '로이터통신', 'type': 'media', 'country': 'other'}),
    ([], '중국 정부가 데이터센터 보조금을 늘렸다고 블룸버그가 전했다.', {'speaker': '블룸버그', 'country': 'US'}),
    ([], '미국 기업들이 가격 인하 압박을 받고 있다고 현지 언론은 전했다.', {}),
    ([], '정부는 딥시크 대응 전담팀을 꾸리겠다는 뜻을 밝혔다.', {'country': 'Korea', 'attributed': 'yes'}),
    ([], '네이버는 자체 모델 투자를 계속 늘리겠다는 의지를 밝혔다.', {'country': 'Korea'}),
    ([], '오픈AI는 중국 시장에 진출할 계획이 없다고 선을 그었다.', {'country': 'US'}),
    ([], '과기정통부 관계자는 "접속 차단은 검토하지 않는다"고 못 박았다.', {'country': 'Korea'}),
    ([], '김 교수는 "규제만으로는 답이 없다"고 짚었다.', {'country': 'Korea'}),
    ([], '핵심 인력은 대부분 중국 본토 대학 출신이라는 게 회사 측 설명이다.', {'attributed': 'yes', 'type': 'institution'}),
    ([], '국내 모델의 경쟁력이 아직 부족하다는 게 대체적인 평가다.', {'attributed': 'no'}),
    ([], '엔비디아의 독주가 당분간 이어질 것이라는 게 중론이다.', {'attributed': 'no'}),
    ([], '딥시크가 이미 후속 모델 훈련을 마쳤다는 후문이다.', {'attributed': 'no'}),
    ([], '중국 정부가 딥시크를 전폭 지원할 것이라는 관측에 무게가 실린다.', {'attributed': 'no'}),
    ([], '수출 통제가 실패했다는 분석에 힘이 실리고 있다.', {'attributed': 'no'}),
    ([], 'AI 거품론이 다시 고개를 들 것이라는 얘기도 들린다.', {'attributed': 'no'}),
    ([], '삼성전자 관계자의 말에 따르면 HBM 공급 계약은 예정대로 진행된다.', {'kind': 'according_to', 'country': 'Korea'}),
    ([], '골드만삭스가 낸 보고서에 따르면 AI 투자 규모는 내년에도 늘어난다.', {'kind': 'according_to', 'country': 'US'}),
    ([], '일론 머스크는 X에 딥시크의 비용 주장이 사실이 아니라고 글을 올렸다.', {'country': 'US'}),
    ([], '업계는 딥시크를 두고 중국 AI의 자신감을 보여준 사례라고 평했다.', {'attributed': 'no'}),
    ([], '외신들은 딥시크가 실리콘밸리의 허를 찔렀다고 일제히 보도했다.', {'attributed': 'no'}),
    ([], '리사 수 AMD CEO는 딥시크의 등장이 업계 전체에 긍정적이라고 치켜세웠다.', {'country': 'US'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '이 교수는 중국의 추격이 생각보다 빠르다고 풀이했다.', {'country': 'Korea'}),
    ([], '정부는 "기업 부담을 줄이겠다"며 규제 완화 방안을 내놨다.', {'country': 'Korea'}),
    ([], '앤트로픽은 딥시크 모델이 안전성 시험에서 취약했다며 우려를 나타냈다.', {'country': 'US'}),
    ([], '김 교수는 딥시크가 판을 바꿨다는 평가다.', {'country': 'Korea', 'type': 'person'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '그는 "중국의 추격이 매섭다"면서도 "아직 격차는 있다"고 말했다.', {'speaker': '김민수 서울대 교수'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '그는 우리 기업들도 충분히 해낼 수 있다고 힘주어 말했다.', {'speaker': '김민수 서울대 교수'}),
    ([], '한 투자자는 "딥시크 쇼크는 매수 기회"라고 쓴소리를 했다.', {'type': 'person'}),
    ([], '엔비디아는 딥시크의 성과가 자사 칩 수요를 키울 것이라는 반응을 보였다.', {'country': 'US'}),
    ([], '장관은 이 자리에서 AI 인재 10만 명을 키우겠다고 약속했다.', {'type': 'person'}),
    ([], '응답자의 60%는 중국산 AI를 신뢰하지 않는다고 답했다.', {}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '그는 딥시크를 직접 써 봤다며 성능이 기대 이상이었다고 말했다.', {'speaker': '김민수 서울대 교수'}),
    ([], '중국 관영 글로벌타임스는 사설에서 미국의 견제가 오히려 중국을 강하게 만들었다고 주장했다.', {'country': 'China', 'type': 'media'}),
    ([], '다른 관계자는 "발표 시점은 정해지지 않았다"고만 말했다.', {'type': 'person'}),
    ([], '한 외교 소식통은 중국 측이 이 문제를 공식 의제로 올릴 가능성은 낮다고 내다봤다.', {'type': 'person'}),
    ([], 'SK하이닉스는 AI 메모리 수요가 꾸준히 늘어날 것으로 보고 있다.', {'country': 'Korea'}),
    ([], '엔비디아 "딥시크 충격은 제한적"…주가 반등', {'kind': 'direct', 'speaker': '엔비디아', 'country': 'US'}),
    ([], '[단독] 과기정통부 "딥시크 금지 검토한 적 없다"', {'kind': 'direct', 'country': 'Korea'}),
    ([], '“우리가 틀렸다” 올트먼의 고백', {'speaker': '올트먼', 'country': 'US'}),
    ([], '중국 상무부는 미국의 조치가 시장 원칙을 훼손한다며 강하게 반발했다.', {'country': 'China'}),
    ([], '딥시크의 성공 비결은 젊은 인재에 있다는 게 현지 매체들의 분석이다.', {'attributed': 'no'}),
    ([], '국내 AI 스타트업들은 정부의 GPU 지원이 턱없이 부족하다고 하소연했다.', {'attributed': 'no'}),
    (['한 반도체 업체 관계자는 "주문이 줄지는 않았다"고 말했다.'], '이 관계자는 또 출시 일정이 늦춰질 수 있다고 귀띔했다.', {'speaker': '한 반도체 업체 관계자'}),
    ([], '오픈AI는 딥시크가 자사 데이터를 무단 사용했다는 의혹을 제기했다.', {'country': 'US', 'attributed': 'yes'}),
    ([], '딥시크는 개인정보를 중국 서버에 저장한다는 의혹을 받고 있다.', {'attributed': 'no'}),
    ([], '정부가 AI 인프라 투자를 서둘러야 한다는 주문이 잇따른다.', {'attributed': 'no'}),
    ([], '기술 격차가 더 벌어지기 전에 대응해야 한다는 지적이 끊이지 않는다.', {'attributed': 'no'}),
    ([], '딥시크 측은 경쟁사의 주장이 사실무근이라는 입장을 고수했다.', {'country': 'China', 'attributed': 'yes'}),
    ([], '카카오는 올해 안에 자체 추론 모델을 공개하겠다는 계획을 밝혔다.', {'country': 'Korea'}),
    ([], 'SK텔레콤은 AI 데이터센터 투자를 확대한다는 방침을 재확인했다.', {'country': 'Korea'}),
    ([], '구글은 딥시크의 성과를 높이 평가한다는 뜻을 내비쳤다.', {'country': 'US'}),
    ([], '블룸버그통신이 입수한 내부 문건에 따르면 딥시크는 올해 인력을 두 배로 늘린다.', {'kind': 'according_to', 'speaker': '블룸버그통신', 'country': 'US'}),
    ([], '한국무역협회 분석에 따르면 대중 반도체 수출은 3개월 연속 줄었다.', {'kind': 'according_to', 'country': 'Korea'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '그는 딥시크의 성과를 과소평가해서는 안 된다면서 정부의 과감한 투자를 촉구했다.', {'speaker': '김민수 서울대 교수'}),
    ([], 'AI 반도체 수요가 내년에도 꺾이지 않을 것이라는 게 증권가의 대체적인 시각이다.', {'attributed': 'no'}),
    ([], '미국 정부가 추가 제재를 준비하고 있다고 워싱턴포스트(WP)가 보도했다.', {'type': 'media', 'country': 'US'}),
    ([], '삼성전자는 “HBM 공급에는 차질이 없다”는 입장을 냈다.', {'country': 'Korea'}),
    (['김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.'], '“딥시크는 출발점일 뿐”이라는 게 그의 진단이다.', {'speaker': '김민수 서울대 교수'}),
    ([], '한 증권사 연구원은 메모리 업황이 2분기부터 회복될 것으로 예상했다.', {'type': 'person'}),
    ([], '마크 저커버그 메타 CEO는 실적 발표 자리에서 “AI 투자를 줄일 생각이 없다”고 잘라 말했다.', {'country': 'US'}),
    ([], '중국 누리꾼들은 딥시크를 두고 ‘국운이 걸린 기업’이라고 추켜세웠다.', {'attributed': 'no'}),
    ([], '앞서 과기정통부는 부처별로 딥시크 사용을 자제해 달라고 요청했다.', {'country': 'Korea'}),
    ([], '국민의힘은 논평을 내고 정부의 대응이 안일하다고 비판했다.', {'country': 'Korea'}),
    ([], '대만 TSMC는 중국 고객사 주문에 큰 변화가 없다고 설명했다.', {'country': 'other'}),
    ([], '인텔 측은 딥시크 관련 질의에 답변하기 어렵다고 밝혔다.', {'country': 'US'}),
    ([], '이 같은 흐름이 당분간 이어질 것이라는 게 업계 안팎의 전망이다.', {'attributed': 'no'}),
    ([], 'AI 모델 경쟁이 가격 전쟁으로 번질 것이라는 우려의 목소리도 나온다.', {'attributed': 'no'}),
    ([], '한 벤처캐피털 대표는 “딥시크 이후 투자 문의가 두 배로 늘었다”고 전했다.', {'type': 'person'}),
    ([], '차이신은 딥시크가 정부 주도 회의에 초청받았다고 전했다.', {'country': 'China', 'type': 'media'}),
    ([], '정부 소식통은 추가 규제가 곧 발표될 것이라고 귀띔했다.', {'type': 'person'}),
    ([], '그러나 딥시크는 “데이터는 안전하게 관리된다”며 의혹을 일축했다.', {'country': 'China'}),
    ([], '이와 관련해 금융위원회는 금융사의 딥시크 사용 현황을 파악하겠다고 덧붙였다.', {'country': 'Korea'}),
    (['이정훈 한국전자통신연구원 원장은 인재 정책을 강조했다.'], '“기술 패권은 결국 인재 싸움입니다.” 이 원장의 말이다.', {'type': 'person'}),
]

PROBE_NON_VOICES = [
    '그는 지난달 말 회사를 떠났다.',
    'AI 전망 보고서가 발간됐다.',
    '회사는 이용자에게 설명서를 배포했다.',
    '정부는 AI 모델 평가 기준을 마련했다.',
    '딥시크는 지난달 20일 추론 모델 R1을 공개했다.',
    '엔비디아 주가는 하루 만에 17% 급락했다.',
    '올해 말까지 데이터센터 세 곳이 추가로 완공된다.',
    '분석 결과 딥시크 앱은 이용자 데이터를 중국 서버로 보냈다.',
    '전문가 평가단이 다음 달 심사를 맡는다.',
    '이 회사는 설명회를 열고 신제품을 선보였다.',
    '딥시크 앱은 출시 일주일 만에 다운로드 1위에 올랐다.',
    '삼성전자는 올해 HBM 생산능력을 두 배로 늘렸다.',
    '정부는 AI 산업 전망과 과제를 주제로 토론회를 연다.',
    '중국 정부는 딥시크 창업자를 초청해 간담회를 열었다.',
    '이용자들은 딥시크 앱을 내려받기 위해 몰려들었다.',
    '그는 지난해 말 딥시크에 합류해 모델 개발을 이끌었다.',
    '이 보고서는 AI 도입 효과를 산업별로 평가했다.',
    '오픈AI는 신형 모델의 가격을 절반으로 낮췄다.',
    '미국은 대중 수출 통제를 강화하기로 했다.',
    '딥시크의 등장으로 AI 업계가 긴장하고 있다.',
    '정부가 AI 예산을 늘렸다고 해서 문제가 해결되는 것은 아니다.',
    '딥시크가 싸다고 성능까지 떨어지는 것은 아니다.',
    '이 모델은 오픈소스로 공개돼 누구나 쓸 수 있다.',
    '딥시크의 저가 공세는 국내 클라우드 업계에도 부담이 될 것으로 보인다.',
    '정부는 다음 달 말 AI 기본법 시행령을 확정한다.',
    '그의 말대로 시장은 빠르게 회복했다.',
    '딥시크 측은 이번 논란에 대해 아직 공식 입장을 내지 않았다.',
    '딥시크는 ‘중국의 오픈AI’로 불린다.',
    '이 회사는 다음 달 새 모델을 내놓을 계획이다.',
    '조사 결과 딥시크 앱 이용자는 한 달 새 두 배로 늘어난 것으로 나타났다.',
    '지난해 AI 반도체 수출액은 500억 달러로 집계됐다.',
    '이는 한국이 AI 경쟁에서 불리하다는 사실을 보여준다.',
    '정부는 연내 AI 인재 1만 명을 키운다는 목표를 세웠다.',
    '딥시크라는 이름의 스타트업은 2023년 설립됐다.',
    '저렴하다는 점에서 딥시크는 매력적이다.',
    '이 회사는 데이터센터 증설 계획을 세웠다.',
    '정부는 해당 평가 결과를 다음 달 공개한다.',
    '업계는 지난해 사상 최대 실적을 냈다.',
    '전문가들은 다음 달 서울에서 열리는 포럼에 참석한다.',
    '엔비디아의 주가 전망은 다음 분기 실적 발표에 달려 있다.',
    '이는 결국 인재가 전부라는 뜻이다.',
    '이번 수치는 중국의 추격이 빠르다는 분석을 뒷받침한다.',
    '정부는 다음 달 AI 반도체 지원 방안을 발표할 계획이다.',
    '딥시크는 오픈소스 전략을 유지한다는 방침이다.',
    '시장에서는 엔비디아 주가가 하루 새 17% 넘게 떨어졌다.',
    '삼성전자가 HBM 납품에 성공했다는 소식에 주가가 올랐다.',
    '그는 2015년 헤지펀드를 세운 뒤 AI 연구에 뛰어들었다.',
    '딥시크 쇼크 이후 국내 AI 관련 예산이 30% 늘었다.',
    '딥시크가 공개된 지 1주일 만에 이용자가 급증했다.',
    '정부는 전문가 평가를 거쳐 사업자를 선정한다.',
    '미 상무부의 설명 자료는 40쪽 분량이다.',
    '딥시크 열풍으로 관련 서적의 판매가 늘었다.',
    '엔비디아 주가 하락에 SK하이닉스 주가도 동반 하락했다.',
    'AI 업계 "딥시크 쇼크"…엔비디아 급락',
    '딥시크는 항저우에 본사를 두고 있다.',
    '정부는 AI 기본법 시행을 앞두고 설명회를 열었다.',
    '올해 전망치는 지난해보다 20% 높다.',
    '그는 말수가 적은 편이다.',
    '엔비디아는 딥시크 충격에 시가총액 1위 자리를 내줬다.',
    '업계는 다음 달 열리는 반도체 박람회를 준비하고 있다.',
]


def _last_sentence_voices(context, text):
    voices = voices_of(*context, text)
    return voices[voices["sent_id"] == f"d-{len(context) + 1:03d}"]


def test_a_nominal_report_takes_the_speaker_of_the_sentence_just_before_only():
    after = voices_of("김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.",
                      "인재 정책부터 손봐야 한다는 지적이다.")
    row = after[after["sent_id"] == "d-002"].iloc[0]
    assert (row["speaker"], row["attributed"], row["resolution"]) == ("김민수 서울대 교수", "yes", "continuation")
    later = voices_of("김민수 서울대 교수는 국내 기업의 대응이 늦었다고 말했다.", "딥시크는 항저우에 있다.",
                      "인재 정책부터 손봐야 한다는 지적이다.")
    row = later[later["sent_id"] == "d-003"].iloc[0]
    assert pd.isna(row["speaker"]) and row["attributed"] == "no"


def test_subject_inside_the_reported_clause_is_not_the_speaker():
    row = only(voices_of("엔비디아는 성명을 내고 딥시크의 성과가 자사 GPU의 수요를 보여준다고 밝혔다."))
    assert (row["speaker"], row["country"], row["verb"]) == ("엔비디아", "US", "밝히다")


def test_intent_noun_needs_a_verb_of_statement():
    row = only(voices_of("정부는 딥시크 대응 전담팀을 꾸리겠다는 뜻을 밝혔다."))
    assert (row["speaker"], row["verb"], row["kind"]) == ("정부", "밝히다", "indirect")
    assert voices_of("정부는 딥시크 대응 전담팀을 꾸리겠다는 계획을 세웠다.").empty


def test_source_maker_of_an_according_to_document():
    row = only(voices_of("골드만삭스가 낸 보고서에 따르면 AI 투자 규모는 내년에도 늘어난다."))
    assert (row["speaker"], row["speaker_type"], row["country"], row["kind"]) == (
        "골드만삭스", "institution", "US", "according_to")


# ---------------------------------------------------------------------------
# probe set 2: speaker countries (institutions, firms, media, people by title and
# affiliation, 美/中/韓/日 and other countries' prefixes, places, anaphora) and claims
# with no speaker (…라는 시각도 있다, …라는 비판이 거세다, …다는 후문이다, …론이 나온다).
# Invented sentences; each positive says what must hold of the first voice of its last
# sentence, each negative must give no voice at all.
# ---------------------------------------------------------------------------

PROBE_COUNTRY_VOICES = [
    ([], '중국 외교부는 미국의 수출 통제가 기술 패권주의라고 비난했다.', {'country': 'China', 'attributed': 'yes'}),
    ([], '美 상무부는 딥시크 앱의 정부 기기 설치를 금지하는 방안을 검토 중이라고 밝혔다.', {'country': 'US', 'attributed': 'yes'}),
    ([], '미 하원 중국특위는 딥시크가 사용자 정보를 중국으로 넘긴다고 주장했다.', {'country': 'US', 'attributed': 'yes'}),
    ([], '개인정보보호위원회는 딥시크 측에 자료 제출을 요구했다고 밝혔다.', {'country': 'Korea'}),
    ([], '국가정보원은 딥시크가 과도한 정보를 수집한다고 경고했다.', {'country': 'Korea'}),
    ([], '알리바바는 자사 모델이 딥시크보다 뛰어나다고 주장했다.', {'country': 'China'}),
    ([], '텐센트 측은 자체 추론 모델을 곧 공개하겠다고 설명했다.', {'country': 'China'}),
    ([], '바이트댄스는 학습 비용을 절반으로 줄였다고 발표했다.', {'country': 'China'}),
    ([], '문샷AI는 새 모델이 수학 벤치마크에서 1위를 했다고 주장했다.', {'country': 'China'}),
    ([], '즈푸AI 관계자는 "정부 지원이 큰 힘이 됐다"고 말했다.', {'country': 'China', 'type': 'person'}),
    ([], '마이크로소프트는 딥시크 모델을 클라우드에 올리겠다고 밝혔다.', {'country': 'US'}),
    ([], '앤트로픽은 수출 통제를 더 강화해야 한다고 촉구했다.', {'country': 'US'}),
    ([], '퍼플렉시티는 딥시크 기반 검색 기능을 추가했다고 전했다.', {'country': 'US'}),
    ([], 'SK하이닉스는 HBM 수요가 꺾이지 않았다고 강조했다.', {'country': 'Korea'}),
    ([], 'LG AI연구원은 엑사원 새 버전을 이달 중 공개하겠다고 밝혔다.', {'country': 'Korea'}),
    ([], '업스테이지는 소형 모델 시장에서 기회가 있다고 내다봤다.', {'country': 'Korea'}),
    ([], '칭화대 연구팀은 딥시크 방식이 재현 가능하다고 발표했다.', {'country': 'China'}),
    ([], '일본 소프트뱅크는 오픈AI와 합작사를 세우겠다고 밝혔다.', {'country': 'other'}),
    ([], '프랑스 미스트랄은 유럽형 오픈 모델로 맞서겠다고 선언했다.', {'country': 'other'}),
    ([], '대만 TSMC는 첨단 공정 수요가 여전히 강하다고 밝혔다.', {'country': 'other'}),
    ([], '산업통상자원부는 반도체 수출이 타격을 받지 않을 것으로 전망했다.', {'country': 'Korea'}),
    ([], '중국 상무부 대변인은 미국의 조치에 단호히 대응하겠다고 말했다.', {'country': 'China', 'type': 'person'}),
    ([], '주미 중국대사관은 근거 없는 비방을 멈추라고 요구했다.', {'country': 'China'}),
    ([], '중국 당국은 딥시크 연구진의 해외 출국을 제한했다고 전해졌다.', {'attributed': 'no'}),
    ([], '미국 측은 협상 여지가 남아 있다고 밝혔다.', {'country': 'US'}),
    ([], '中 공업정보화부는 AI 산업 육성책을 내놓겠다고 밝혔다.', {'country': 'China'}),
    ([], '韓 정부는 공공기관의 딥시크 접속을 막겠다고 밝혔다.', {'country': 'Korea'}),
    ([], '日 정부는 딥시크 사용에 주의를 당부했다고 밝혔다.', {'country': 'other'}),
    ([], '독일 데이터보호청은 딥시크 앱 삭제를 권고했다고 밝혔다.', {'country': 'other'}),
    ([], '호주 정부는 모든 정부 기기에서 딥시크를 금지한다고 발표했다.', {'country': 'other'}),
    ([], '닛케이는 일본 기업들이 딥시크 도입을 미루고 있다고 보도했다.', {'country': 'other', 'type': 'media'}),
    ([], '환구시보는 사설에서 미국의 견제가 중국의 혁신을 자극했다고 썼다.', {'country': 'China', 'type': 'media'}),
    ([], '인민일보는 딥시크를 자립 정신의 상징이라고 치켜세웠다.', {'country': 'China', 'type': 'media'}),
    ([], '차이신은 딥시크가 외부 투자를 받지 않기로 했다고 전했다.', {'country': 'China', 'type': 'media'}),
    ([], '더인포메이션은 메타가 딥시크 분석팀을 네 개나 꾸렸다고 보도했다.', {'country': 'US', 'type': 'media'}),
    ([], '영국 FT는 오픈AI가 증거를 확보했다고 보도했다.', {'country': 'other', 'type': 'media'}),
    ([], '홍콩 사우스차이나모닝포스트(SCMP)는 량원펑이 언론 노출을 피한다고 전했다.', {'country': 'China', 'type': 'media'}),
    ([], '미국 경제매체 CNBC는 투자자들이 패닉에 빠졌다고 보도했다.', {'country': 'US', 'type': 'media'}),
    ([], '현지 매체는 딥시크 본사 앞에 취재진이 몰렸다고 전했다.', {'attributed': 'yes'}),
    ([], '중국 관영 CCTV는 딥시크를 국가적 자랑이라고 소개했다.', {'country': 'China', 'type': 'media'}),
    ([], '미국 IT 전문매체 테크크런치는 딥시크 앱이 앱스토어 1위에 올랐다고 전했다.', {'country': 'US', 'type': 'media'}),
    ([], '일본 요미우리신문은 정부가 지침을 마련한다고 보도했다.', {'country': 'other', 'type': 'media'}),
    ([], '오픈AI의 샘 올트먼 최고경영자는 "딥시크는 인상적인 모델"이라고 말했다.', {'country': 'US', 'type': 'person'}),
    ([], '량원펑 딥시크 창업자는 "돈보다 인재가 중요하다"고 말했다.', {'country': 'China', 'type': 'person'}),
    ([], '마오닝 중국 외교부 대변인은 "중국은 데이터 안보를 중시한다"고 말했다.', {'country': 'China', 'type': 'person'}),
    ([], '하워드 러트닉 미 상무장관은 딥시크가 미국 칩을 부당하게 썼다고 비판했다.', {'country': 'US', 'type': 'person'}),
    ([], '유상임 과기정통부 장관은 "국산 모델 개발을 서두르겠다"고 말했다.', {'country': 'Korea', 'type': 'person'}),
    ([], '한 중국 개발자는 "딥시크 덕분에 비용이 크게 줄었다"고 말했다.', {'country': 'China', 'type': 'person'}),
    ([], '미국의 한 애널리스트는 엔비디아 주가가 과도하게 빠졌다고 진단했다.', {'country': 'US', 'type': 'person'}),
    ([], '국내 AI 스타트업 대표는 "우리도 충분히 할 수 있다"고 말했다.', {'country': 'Korea', 'type': 'person'}),
    ([], '궈자쿤 중국 외교부 대변인은 정례 브리핑에서 딥시크를 겨냥한 조치에 반대한다고 말했다.', {'country': 'China', 'type': 'person'}),
    ([], '사티아 나델라 마이크로소프트 CEO는 "효율이 높아지면 수요가 는다"고 말했다.', {'country': 'US', 'type': 'person'}),
    ([], '순다르 피차이 구글 CEO는 딥시크가 매우 좋은 성과를 냈다고 평가했다.', {'country': 'US', 'type': 'person'}),
    ([], '최태원 SK그룹 회장은 "AI 생태계 전반을 봐야 한다"고 강조했다.', {'country': 'Korea', 'type': 'person'}),
    ([], '트럼프 대통령은 딥시크가 미국 기업들에 경종을 울렸다고 말했다.', {'country': 'US', 'type': 'person'}),
    ([], '마크롱 프랑스 대통령은 유럽도 AI 투자를 늘려야 한다고 말했다.', {'country': 'other', 'type': 'person'}),
    ([], '한 일본 투자자는 "아직 판단하기 이르다"고 말했다.', {'country': 'other', 'type': 'person'}),
    ([], '익명을 요구한 중국 정부 관계자는 추가 규제는 없다고 말했다.', {'country': 'China', 'type': 'person'}),
    ([], '엔비디아의 한 임원은 중국 매출이 줄어들 수 있다고 말했다.', {'country': 'US', 'type': 'person'}),
    ([], '알렉산더 왕 스케일AI CEO는 딥시크가 엔비디아 칩 5만 개를 갖고 있다고 주장했다.', {'country': 'US', 'type': 'person'}),
    ([], '장 모 카이스트 교수는 "모델 경량화가 답"이라고 말했다.', {'country': 'Korea'}),
    (['마오닝 중국 외교부 대변인은 딥시크가 중국 법을 지킨다고 말했다.'], '그는 이어 "정치화하지 말라"고 강조했다.', {'country': 'China', 'attributed': 'yes'}),
    (['하워드 러트닉 미 상무장관은 딥시크를 정조준했다고 밝혔다.'], '그는 "관세로 대응할 것"이라고 말했다.', {'country': 'US'}),
    (['바이두는 새 모델을 무료로 풀겠다고 밝혔다.'], '이 회사는 유료 요금제도 없앤다고 덧붙였다.', {'country': 'China', 'type': 'institution'}),
    (['한 네이버 관계자는 "독자 모델을 지키겠다"고 말했다.'], '이 관계자는 "비용 구조가 관건"이라고 말했다.', {'country': 'Korea', 'type': 'person'}),
    (['환구시보는 미국이 공포에 빠졌다고 주장했다.'], '이 매체는 중국 기술이 세계를 놀라게 했다고 덧붙였다.', {'country': 'China', 'type': 'media'}),
    ([], '딥시크가 미국의 제재를 무력화했다는 분석이 나온다.', {'attributed': 'no'}),
    ([], '저비용 모델이 반도체 수요를 줄일 것이라는 시각도 있다.', {'attributed': 'no'}),
    ([], '딥시크 직원 연봉이 업계 최고 수준이라는 얘기도 나온다.', {'attributed': 'no'}),
    ([], '딥시크 앱을 깔지 않은 사람이 없다는 말이 나올 정도다.', {'attributed': 'no'}),
    ([], '당분간 엔비디아의 우위가 이어질 것이라는 전망이 우세하다.', {'attributed': 'no'}),
    ([], '정부가 뒷북 대응을 했다는 비판이 거세다.', {'attributed': 'no'}),
    ([], '국산 모델에 과감히 투자해야 한다는 목소리가 커지고 있다.', {'attributed': 'no'}),
    ([], '딥시크의 성공이 과대평가됐다는 평가가 지배적이다.', {'attributed': 'no'}),
    ([], '규제보다 진흥이 먼저라는 의견도 적지 않다.', {'attributed': 'no'}),
    ([], '미국이 추가 제재에 나설 것이라는 관측에 힘이 실린다.', {'attributed': 'no'}),
    ([], '량원펑은 직원들과 격의 없이 토론한다는 후문이다.', {'attributed': 'no'}),
    ([], '중국 정부가 딥시크를 전략적으로 키웠다는 해석이 뒤따른다.', {'attributed': 'no'}),
    ([], '딥시크의 추론 능력은 기대 이상이라는 평이 많다.', {'attributed': 'no'}),
    ([], '업계에서는 딥시크 효과가 오래가지 않을 것으로 보고 있다.', {'attributed': 'no'}),
    ([], '시장에서는 반도체 주가가 조만간 회복된다고 본다.', {'attributed': 'no'}),
    ([], '일각에서는 훈련 비용이 축소 발표됐다는 주장도 제기된다.', {'attributed': 'no'}),
    ([], '보안 우려가 과장됐다는 반론도 만만치 않다.', {'attributed': 'no'}),
    ([], '딥시크가 엔비디아 칩을 우회 수입했다는 의혹이 끊이지 않는다.', {'attributed': 'no'}),
    ([], '한국이 3강에 들기는 어렵다는 회의론이 고개를 들고 있다.', {'attributed': 'no'}),
    ([], '중국이 미국을 곧 따라잡는다는 전망이 힘을 얻고 있다.', {'attributed': 'no'}),
    ([], '딥시크 모델은 검열이 심하다는 지적을 받고 있다.', {'attributed': 'no'}),
    ([], '외신들은 딥시크를 AI의 스푸트니크라고 불렀다.', {'attributed': 'no'}),
    ([], '미국 업계에서는 중국을 얕봤다는 자성론이 나온다.', {'attributed': 'no', 'country': 'US'}),
    ([], '중국 현지에서는 딥시크가 국가 영웅 대접을 받는다는 말까지 나온다.', {'attributed': 'no'}),
    ([], '캐롤라인 레빗 백악관 대변인은 딥시크 문제를 국가안보회의가 들여다보고 있다고 말했다.', {'country': 'US', 'type': 'person'}),
    ([], '美 국무부 대변인은 동맹국과 공조하겠다고 밝혔다.', {'country': 'US', 'type': 'person'}),
    ([], '중국 누리꾼들은 딥시크가 미국의 코를 납작하게 했다고 환호했다.', {'attributed': 'no', 'country': 'China'}),
    ([], '월가 애널리스트들은 엔비디아의 실적이 견조할 것으로 내다봤다.', {'attributed': 'no', 'country': 'US'}),
    ([], '국내 증권사의 한 연구원은 "반도체 업황은 바닥을 지났다"고 말했다.', {'country': 'Korea', 'type': 'person'}),
    ([], '딥시크 측은 개인정보 처리 방침을 고치겠다고 밝혔다.', {'country': 'China', 'type': 'institution'}),
    ([], '美 반도체업계는 수출 규제가 역효과를 낼 것이라고 우려했다.', {'attributed': 'no', 'country': 'US'}),
    ([], '한 실리콘밸리 투자자는 "딥시크는 진짜 혁신"이라고 말했다.', {'country': 'US', 'type': 'person'}),
    ([], '베이징의 한 소식통은 당국이 딥시크를 보호하고 있다고 전했다.', {'country': 'China', 'type': 'person'}),
    ([], '대만 디지털발전부는 공공기관의 딥시크 사용을 금지한다고 밝혔다.', {'country': 'other'}),
    ([], '이탈리아 개인정보보호청은 딥시크 접속을 차단했다고 밝혔다.', {'country': 'other'}),
    ([], '유럽연합(EU) 집행위원회는 딥시크를 면밀히 살펴보겠다고 밝혔다.', {'country': 'other'}),
    ([], '영국 정부 관계자는 아직 금지 계획은 없다고 말했다.', {'country': 'other', 'type': 'person'}),
    ([], '엔비디아 대변인은 딥시크가 수출 규정을 지킨 칩을 썼다고 말했다.', {'country': 'US', 'type': 'person'}),
    ([], '메타의 얀 르쿤 수석과학자는 오픈소스가 폐쇄형 모델을 이겼다고 평가했다.', {'country': 'US', 'type': 'person'}),
    ([], '미국 싱크탱크 CSIS는 수출 통제에 구멍이 있다고 지적했다.', {'country': 'US'}),
    ([], '허야둥 중국 상무부 대변인은 미국의 조치가 시장 원칙을 어겼다고 말했다.', {'country': 'China', 'type': 'person'}),
    ([], '중국 정부 관계자는 "외국 기업을 차별하지 않는다"고 말했다.', {'country': 'China', 'type': 'person'}),
    ([], '미 정보당국은 딥시크가 중국군과 연계돼 있다고 판단했다고 밝혔다.', {'country': 'US'}),
    ([], '中 당국은 딥시크 관련 허위 정보를 단속하겠다고 밝혔다.', {'country': 'China'}),
    ([], '한국 정부는 딥시크에 대한 대응 지침을 내렸다고 밝혔다.', {'country': 'Korea'}),
    ([], '일본 경제산업성 관계자는 신중하게 검토하겠다고 말했다.', {'country': 'other', 'type': 'person'}),
    ([], '일본 닛케이아시아는 딥시크 인재 대부분이 중국 토종이라고 보도했다.', {'country': 'other', 'type': 'media'}),
    ([], '미국 AI 업계 관계자는 "중국을 과소평가했다"고 말했다.', {'country': 'US', 'type': 'person'}),
    ([], '구글 딥마인드의 데미스 허사비스 CEO는 딥시크가 과장됐다고 말했다.', {'type': 'person'}),
    ([], '레이쥔 샤오미 회장은 AI에 대규모 투자를 하겠다고 밝혔다.', {'country': 'China', 'type': 'person'}),
    ([], '인도 전자정보기술부는 딥시크 모델을 자국 서버에 올리겠다고 밝혔다.', {'country': 'other'}),
    ([], '러시아 정부는 딥시크와 협력할 용의가 있다고 밝혔다.', {'country': 'other'}),
    (['알리바바는 큐원 새 버전이 딥시크를 앞선다고 주장했다.'], '이 회사 관계자는 "추론 비용도 더 싸다"고 말했다.', {'country': 'China', 'type': 'person'}),
    (['젠슨 황 엔비디아 CEO는 딥시크가 훌륭한 성과를 냈다고 말했다.', '엔비디아 주가는 이날 3% 올랐다.'], '그는 "추론에도 GPU가 필요하다"고 강조했다.', {'country': 'US'}),
    ([], '미 국방부 대변인은 딥시크 사용을 전면 금지했다고 밝혔다.', {'country': 'US', 'type': 'person'}),
    ([], '중국 국가안전부는 외국 정보기관이 AI 기업을 노린다고 경고했다.', {'country': 'China'}),
    ([], '캐나다 정부는 공무원 기기에서 딥시크를 삭제하라고 지시했다고 밝혔다.', {'country': 'other'}),
    ([], '스페인 개인정보보호청은 딥시크에 대한 조사에 착수했다고 밝혔다.', {'country': 'other'}),
    ([], '한 베이징 소식통은 "딥시크 창업자가 곧 당국자들을 만난다"고 귀띔했다.', {'country': 'China', 'type': 'person'}),
    ([], '여의도 증권가에서는 반도체주 반등이 멀지 않았다는 전망이 나온다.', {'attributed': 'no', 'country': 'Korea'}),
    ([], '실리콘밸리 벤처캐피털들은 중국 모델이 위협적이라고 입을 모았다.', {'attributed': 'no', 'country': 'US'}),
    ([], '센스타임 측은 자사 모델이 딥시크와 비슷한 성능을 낸다고 주장했다.', {'type': 'institution'}),
    ([], '엔씨소프트 관계자는 "자체 모델 전략은 그대로"라고 말했다.', {'country': 'Korea', 'type': 'person'}),
    ([], '카카오의 한 임원은 "비용 경쟁은 피할 수 없다"고 말했다.', {'country': 'Korea', 'type': 'person'}),
    ([], '사티아 나델라 CEO는 딥시크를 진지하게 받아들여야 한다고 말했다.', {'country': 'US', 'type': 'person'}),
    ([], '린젠 대변인은 "중국 기업에 대한 탄압을 중단하라"고 말했다.', {'country': 'China', 'type': 'person'}),
    ([], '스콧 베선트 미 재무장관은 중국의 추격을 경계해야 한다고 말했다.', {'country': 'US', 'type': 'person'}),
    ([], '왕원빈 대변인은 미국이 국가안보 개념을 남용한다고 비판했다.', {'country': 'China', 'type': 'person'}),
    ([], '미국의 한 AI 연구자는 딥시크 논문이 매우 정직하다고 평가했다.', {'country': 'US', 'type': 'person'}),
    ([], '중국의 한 대학 교수는 "정부 지원 없이 이룬 성과"라고 강조했다.', {'country': 'China', 'type': 'person'}),
    ([], '영국 가디언은 딥시크가 천안문 질문에 답하지 않았다고 보도했다.', {'country': 'other', 'type': 'media'}),
    ([], '중국 관영 글로벌타임스는 서방 언론이 딥시크를 깎아내린다고 비판했다.', {'country': 'China', 'type': 'media'}),
    ([], '미국 정치전문매체 폴리티코는 의회가 금지 법안을 준비한다고 전했다.', {'country': 'US', 'type': 'media'}),
    ([], '중국 경제매체 제일재경은 딥시크 채용 공고가 늘었다고 보도했다.', {'country': 'China', 'type': 'media'}),
    ([], '국내 한 AI 스타트업 관계자는 "모델 공개가 오히려 기회"라고 말했다.', {'country': 'Korea', 'type': 'person'}),
    ([], '서울 소재 한 반도체 설계업체 대표는 투자 심리가 얼어붙었다고 토로했다.', {'country': 'Korea', 'type': 'person'}),
    (['토마스 쿠리안 구글 클라우드 CEO는 딥시크 모델을 고객에 제공한다고 밝혔다.'], '그는 "고객이 원하는 모델을 고르면 된다"고 덧붙였다.', {'country': 'US'}),
    (['텐센트는 딥시크 모델을 위챗에 넣었다고 밝혔다.'], '이 회사는 "사용자 반응이 좋다"고 설명했다.', {'country': 'China', 'type': 'institution'}),
    (['차이신은 딥시크가 인재 채용을 늘린다고 보도했다.'], '이 매체는 신입 연봉이 크게 올랐다고 전했다.', {'country': 'China', 'type': 'media'}),
    ([], 'AI 거품이 꺼질 것이라는 거품론이 다시 고개를 든다.', {'attributed': 'no'}),
    ([], '한국 정부가 너무 늦게 움직였다는 책임론이 불거졌다.', {'attributed': 'no'}),
    ([], '딥시크 창업자가 곧 정부 직책을 맡는다는 소문이 돈다.', {'attributed': 'no'}),
    ([], '엔비디아의 독주가 끝났다는 전망도 심심치 않게 나온다.', {'attributed': 'no'}),
    ([], '중국 모델이 곧 글로벌 표준이 될 것이라는 관측이 잇따른다.', {'attributed': 'no'}),
    ([], '오픈소스가 결국 승리한다는 평가가 힘을 얻는다.', {'attributed': 'no'}),
    ([], '학계에서는 연구 윤리 문제를 따져봐야 한다는 목소리가 나온다.', {'attributed': 'no'}),
    ([], '외교가에서는 미중 갈등이 더 깊어질 것으로 보고 있다.', {'attributed': 'no'}),
    ([], '투자업계에서는 AI 반도체 주가가 과열됐다는 경고가 나온다.', {'attributed': 'no'}),
    ([], '딥시크 본사 직원들이 밤낮없이 일한다는 전언이다.', {'attributed': 'no'}),
    ([], '규제가 혁신을 막는다는 불만이 쏟아진다.', {'attributed': 'no'}),
    ([], '중국 누리꾼 사이에서는 딥시크가 자존심을 세웠다는 반응이 나온다.', {'attributed': 'no'}),
    ([], '제재가 오히려 중국의 자립을 앞당겼다는 게 중론이다.', {'attributed': 'no'}),
    ([], '주중 미국대사관은 자국민에게 딥시크 사용을 자제하라고 권고했다.', {'country': 'US'}),
    ([], '주한 일본대사관 관계자는 관련 지침이 없다고 말했다.', {'country': 'other', 'type': 'person'}),
    ([], '미국 하원의 존 물레나 의원은 딥시크 금지 법안을 내겠다고 밝혔다.', {'country': 'US', 'type': 'person'}),
    ([], '국민의힘 소속 한 의원은 "정부가 손을 놓고 있다"고 비판했다.', {'country': 'Korea', 'type': 'person'}),
    ([], '中 매체들은 미국이 딥시크를 두려워한다고 보도했다.', {'attributed': 'no', 'country': 'China'}),
    ([], '미 언론들은 딥시크가 보안 구멍을 드러냈다고 지적했다.', {'attributed': 'no', 'country': 'US'}),
    ([], '대만 외교부는 공무원의 딥시크 사용을 금지했다고 밝혔다.', {'country': 'other'}),
    ([], '프랑스 정부 대변인은 유럽의 대응이 필요하다고 말했다.', {'country': 'other', 'type': 'person'}),
    ([], '네이버클라우드 관계자는 "하이퍼클로바X는 계속 간다"고 말했다.', {'country': 'Korea', 'type': 'person'}),
    ([], '삼성전자 DS부문장은 HBM 경쟁력을 되찾겠다고 말했다.', {'country': 'Korea', 'type': 'person'}),
    ([], '바이두의 리옌훙 회장은 "오픈소스가 답"이라고 말했다.', {'country': 'China', 'type': 'person'}),
    ([], '홍콩 매체 명보는 딥시크 연구진이 대부분 본토 출신이라고 전했다.', {'type': 'media'}),
    ([], '미국 국가안보회의(NSC)는 딥시크의 안보 영향을 조사하고 있다고 밝혔다.', {'country': 'US'}),
    ([], '일본 개인정보보호위원회는 딥시크에 주의를 환기했다고 밝혔다.', {'country': 'other'}),
    ([], 'EU 집행위원회 대변인은 딥시크가 유럽 법을 따라야 한다고 말했다.', {'country': 'other', 'type': 'person'}),
    ([], '한 중국계 미국인 연구자는 "두 나라 모두 배울 점이 있다"고 말했다.', {'type': 'person'}),
    ([], '딥시크가 중국 정부의 지원을 받았다는 의심의 눈초리가 쏟아진다.', {'attributed': 'no'}),
    ([], '중국의 추격 속도가 예상보다 빠르다는 경고음이 울린다.', {'attributed': 'no'}),
    ([], '딥시크 쇼크가 한국에 기회라는 진단도 나온다.', {'attributed': 'no'}),
    ([], '한국형 모델이 필요하다는 공감대가 형성되고 있다.', {'attributed': 'no'}),
    ([], '엔비디아 주가가 바닥을 쳤다는 관측이 우세한 분위기다.', {'attributed': 'no'}),
    ([], '미국 내에서는 딥시크를 막아야 한다는 주장이 힘을 얻고 있다.', {'attributed': 'no', 'country': 'US'}),
    ([], '정부 안팎에서는 AI 예산이 턱없이 부족하다는 얘기가 나온다.', {'attributed': 'no'}),
    ([], '국내 개발자 커뮤니티에서는 딥시크 모델을 직접 돌려봤다는 후기가 잇따른다.', {'attributed': 'no'}),
    (['량원펑 딥시크 CEO는 중국 매체 인터뷰에서 혁신은 돈으로 살 수 없다고 말했다.'], '그는 또 "우리는 상업화를 서두르지 않는다"고 말했다.', {'country': 'China'}),
    (['SK하이닉스 관계자는 HBM 주문이 줄지 않았다고 말했다.', '회사 주가는 이날 5% 떨어졌다.'], '이 관계자는 "하반기 수요는 더 늘 것"이라고 내다봤다.', {'country': 'Korea', 'type': 'person'}),
]

PROBE_COUNTRY_NON_VOICES = [
    '딥시크의 분석 능력이 뛰어나다는 점은 인정할 만하다.',
    '정부는 평가 위원회를 꾸렸다.',
    '이런 전망을 내놓은 기관은 한두 곳이 아니다.',
    '딥시크가 사용자 정보를 중국 서버에 저장한다는 사실이 확인됐다.',
    '증권가에서는 목표가를 잇달아 낮추는 분위기다.',
    '정부 연구소의 분석 결과가 나왔다.',
    '올해 반도체 시장 전망 보고서가 나왔다.',
    'AI 모델 평가 기준이 마련됐다.',
    '딥시크 모델은 내년 상반기에 출시될 것으로 보인다.',
    '이번 조치는 미국을 겨냥한 것으로 풀이된다.',
    '딥시크의 학습 비용은 600만 달러 수준으로 분석된다.',
    '엔비디아 주가는 당분간 약세를 보일 것으로 예상된다.',
    '분석 결과 딥시크 앱은 키 입력 정보를 수집했다.',
    '중국 외교부는 매일 정례 브리핑을 연다.',
    '과기정통부는 올해 AI 예산으로 1조원을 편성했다.',
    '블룸버그 기자 출신인 그는 지금 스타트업을 운영한다.',
    '알리바바 주가가 이틀 연속 올랐다.',
    '업계 평가 순위에서 딥시크는 3위에 올랐다.',
    '시장의 관심이 딥시크에 쏠리고 있다.',
    '시장 전망치를 웃도는 실적이 나왔다.',
    '국내 기업들은 딥시크 대응 전략을 짜고 있다.',
    '그의 말에 귀를 기울이는 사람은 많지 않았다.',
    '전문가 의견 수렴 절차가 시작됐다.',
    '딥시크는 지난달 새 모델을 공개했다.',
    '평가 결과는 다음 달 발표된다.',
    '이 같은 우려 때문에 각국 정부가 사용을 제한했다.',
    '딥시크에 대한 관심이 커지고 있다.',
    '정부는 AI 인재 양성에 5년간 2조원을 투입한다.',
    '소프트뱅크는 오픈AI에 400억 달러를 투자했다.',
    '분석 도구가 무료로 풀렸다.',
    '전망이 밝은 분야로 AI 반도체가 꼽힌다.',
    '딥시크 사용자 수가 급격히 늘고 있다.',
    '평가 점수는 공개되지 않았다.',
    '미국과 중국의 기술 경쟁이 격화되고 있다.',
    '삼성전자는 올해 HBM 생산량을 두 배로 늘린다.',
    '비판 여론을 의식한 정부는 대책 마련에 나섰다.',
    '중국 매체의 보도가 잇따랐다.',
    '딥시크의 성공 요인에 대한 분석이 이어지고 있다.',
    '평가 결과에 따라 지원금이 달라진다.',
    '전망 보고서는 매년 12월에 나온다.',
    '이번 발표로 투자자들의 시선이 한국으로 향했다.',
    '정부는 평가 기준을 새로 만들었다.',
    '딥시크의 추론 비용은 경쟁사의 10분의 1 수준인 것으로 추정된다.',
    '이는 중국 정부의 의도가 반영된 결과로 해석된다.',
    '시장 분석 업체 수가 크게 늘었다.',
    '목소리 인식 기술도 빠르게 발전하고 있다.',
    '업계 전반에 긴장감이 돌고 있다.',
    '비판 기사가 쏟아지자 회사는 해명 자료를 냈다.',
    '딥시크는 지난해 말 새 모델을 내놨다.',
    '호주 정부는 올해 AI 예산을 늘렸다.',
    '미국 정부는 반도체 지원금을 지급했다.',
    '일본 소프트뱅크는 미국에 대규모 데이터센터를 짓는다.',
    '비용을 줄이는 방법론이 새로 나왔다.',
    '새 규제에는 막대한 비용이 따른다.',
    '월가의 주가가 이틀째 하락했다.',
    '실리콘밸리에서는 해마다 수천 개의 스타트업이 생긴다.',
    '베이징에서는 AI 박람회가 열렸다.',
    '서울 시내 곳곳에 AI 체험관이 문을 열었다.',
    '여의도 증권가에는 긴장감이 감돌았다.',
    '호주 정부는 내년 예산안을 확정했다.',
    '딥시크의 등장을 반기는 기업도 있다.',
    '중국 누리꾼 사이에서 딥시크 밈이 유행했다.',
    '거센 비판에도 회사는 계획을 밀어붙였다.',
    '투자 비용이 뒤따른다.',
    '딥시크에 대한 평가가 엇갈린다.',
    '책임 소재를 둘러싼 공방이 이어졌다.',
    '그 모델은 이름이 딥시크-R1이다.',
    '한국 정부의 대응 전략에 관심이 쏠린다.',
    '시장의 반응은 차가웠다.',
    '이 보고서는 후문에 실린 각주를 인용했다.',
    '정부가 규제를 풀었다는 소식이 전해지자 주가가 올랐다.',
]


ALL_PROBE_VOICES = PROBE_VOICES + PROBE_COUNTRY_VOICES


@pytest.mark.parametrize(("context", "text", "expected"), ALL_PROBE_VOICES,
                         ids=[p[1][:30] for p in ALL_PROBE_VOICES])
def test_probe_voice_is_found(context, text, expected):
    """Invented sentences of the attribution forms Korean news uses: found, with speaker, country, kind."""
    voices = _last_sentence_voices(context, text)
    assert not voices.empty, f"no voice in {text!r}"
    row = voices.iloc[0]
    got = {key: row["speaker_type" if key == "type" else key] for key in expected}
    assert {k: str(v) for k, v in got.items()} == {k: str(v) for k, v in expected.items()}, row.to_dict()
    if expected.get("attributed") == "no":
        assert row["speaker_type"] == "unattributed", row.to_dict()


@pytest.mark.parametrize("text", PROBE_NON_VOICES + PROBE_COUNTRY_NON_VOICES)
def test_probe_non_voice_is_not_found(text):
    voices = voices_of(text)
    assert voices.empty, voices.to_string()


def test_a_country_word_before_government_outranks_the_korean_default():
    # 정부 alone is Korea's; a country or place before it names another government
    rows = [only(voices_of(t)) for t in ("호주 정부는 딥시크를 금지한다고 밝혔다.",
                                         "日 정부는 사용을 자제하라고 당부했다.",
                                         "정부는 딥시크 접속을 막겠다고 밝혔다.")]
    assert [r["country"] for r in rows] == ["other", "other", "Korea"]


def test_hearsay_is_no_ones_claim_not_the_topics():
    row = only(voices_of("량원펑은 직원들과 자주 토론한다는 후문이다."))
    assert pd.isna(row["speaker"]) and row["attributed"] == "no"


def test_a_view_noun_in_ron_is_a_report_noun_but_a_method_is_not():
    row = only(voices_of("AI 투자가 과열됐다는 거품론이 고개를 든다."))
    assert (row["attributed"], row["verb"]) == ("no", "주장하다")
    assert voices_of("비용을 줄인다는 방법론이 나왔다.").empty


def test_places_give_the_country_of_a_generic_group():
    row = only(voices_of("월가 애널리스트들은 실적이 좋을 것으로 내다봤다."))
    assert (row["speaker_type"], row["country"], row["attributed"]) == ("unattributed", "US", "no")
    among = only(voices_of("중국 누리꾼 사이에서는 자부심을 느낀다는 반응이 나온다."))
    assert (among["speaker_type"], among["country"]) == ("unattributed", "China")


def test_a_claim_that_emerges_in_a_country_has_no_speaker():
    row = only(voices_of("미국에서는 딥시크를 막아야 한다는 주장이 나온다."))
    assert (row["speaker_type"], row["country"], row["attributed"]) == ("unattributed", "US", "no")
    state = only(voices_of("중국은 미국의 제재가 부당하다고 주장했다."))
    assert (state["speaker_type"], state["country"], state["attributed"]) == ("institution", "China", "yes")
