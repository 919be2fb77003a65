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
