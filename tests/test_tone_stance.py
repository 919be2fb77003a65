"""Tone and stance: lexicon loading, negation, intensifiers, targets, clause-level stance.

Sentences are invented in the style of Korean wire, newspaper, business-press
and blog writing; none comes from the study corpus.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.summaries import bootstrap_tone, summarize_stance
from analysis.lexicon import LexiconError, load_lexicon
from analysis.sentences import split_clauses
from analysis.stance import score_stance
from analysis.targets import TargetsError, find_mentions, load_targets
from analysis.tone import score_tone
from analysis.tokenize import tokenize_units


def tone_of(text: str, **options) -> pd.Series:
    units = tokenize_units([text])
    return score_tone(units.sentences, units.tokens, **options).iloc[0]


def stance_of(text: str, **options) -> pd.Series:
    units = tokenize_units([text])
    return score_stance(units.sentences, units.tokens, **options).iloc[0]


# ---------------------------------------------------------------------------
# lexicon files
# ---------------------------------------------------------------------------


def test_study_lexicon_is_large_documented_and_in_range():
    lexicon = load_lexicon()
    assert len(lexicon) >= 300
    assert lexicon["polarity"].between(-2, 2).all()
    assert lexicon["term"].is_unique
    assert set(lexicon["tag_group"]) <= {"noun", "verb", "adj", "adverb", "any"}
    terms = set(lexicon["term"])
    assert {"성공하다", "위협", "뒤처지다", "혁신", "경쟁력", "의혹", "도용"} <= terms
    assert float(lexicon.set_index("term").loc["규제", "polarity"]) == 0.0  # kept neutral on purpose


def test_custom_lexicon_file_with_other_column_names(tmp_path):
    path = tmp_path / "my_lexicon.csv"
    path.write_text(
        "# a user's lexicon\nword,score,comment\n선방하다,2,good showing\n삐걱거리다,-1,creaking\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon(path, term_column="word", polarity_column="score")
    assert lexicon[["term", "polarity"]].values.tolist() == [["삐걱거리다", -1.0], ["선방하다", 2.0]]
    assert tone_of("국내 업체들이 선방했다.", lexicon=lexicon)["polarity"] == 2.0
    # the study lexicon does not know 삐걱거리다; the user's does
    assert tone_of("협상이 삐걱거렸다.")["tone"] == 0
    assert tone_of("협상이 삐걱거렸다.", lexicon=lexicon)["tone"] == -1


def test_kosac_style_morpheme_ngrams_and_labels(tmp_path):
    path = tmp_path / "polarity.tsv"
    path.write_text(
        "ngram\tmax.value\n성공/NNG;하/XSV\tPOS\n좌초/NNG\tNEG\n모델/NNG\tNEUT\n", encoding="utf-8"
    )
    lexicon = load_lexicon(path, term_column="ngram", polarity_column="max.value")
    assert dict(zip(lexicon["term"], lexicon["polarity"])) == {"성공하다": 1.0, "좌초": -1.0, "모델": 0.0}
    assert tone_of("프로젝트가 좌초됐다.", lexicon=lexicon)["tone"] == -1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("term\tpolarity\n성공\t좋음\n", "line 2"),
        ("term\tpolarity\n성공\t1\n실패\t-5\n", "line 3"),
        ("term\tpolarity\n\t1\n", "empty term"),
        ("word\tpolarity\n성공\t1\n", "'term'"),
        ("term\tpolarity\n성공\t1\n성공\t-1\n", "line 2 and -1 on line 3"),
        ("term\tpolarity\tnote\n# only a comment\n", "no entries"),
        ("term\tpolarity\ttag_group\n성공\t1\tverbish\n", "tag_group"),
    ],
)
def test_bad_lexicon_file_raises_an_error_naming_file_and_line(tmp_path, content, message):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match="bad.tsv") as error:
        load_lexicon(path)
    assert message in str(error.value)


def test_missing_lexicon_file(tmp_path):
    with pytest.raises(LexiconError, match="not found"):
        load_lexicon(tmp_path / "nope.tsv")


# ---------------------------------------------------------------------------
# tone: negation, intensifiers, thresholds
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plain", "negated"),
    [
        ("딥시크는 결국 성공했다.", "딥시크는 결국 성공하지 못했다."),  # -지 못하다
        ("국산 모델의 성능이 좋다.", "국산 모델의 성능이 안 좋다."),  # 안 + predicate
        ("국내 기업들은 경쟁력이 있다.", "국내 기업들은 경쟁력이 없다."),  # noun + 없다
        ("미국 빅테크가 뒤처졌다.", "미국 빅테크는 뒤처지지 않았다."),  # -지 않다
        ("딥시크는 미국에 위협이다.", "딥시크는 미국에 위협이 아니다."),  # noun + 아니다
        ("중국이 미국을 따라잡았다.", "중국이 미국을 따라잡을 수 없다."),  # -ㄹ 수 없다
        ("이번 발표는 실패한 것이다.", "이번 발표는 실패한 것은 아니다."),  # -ㄴ 것은 아니다
        ("국내 스타트업이 성공했다.", "국내 스타트업이 성공하기는 어렵다."),  # -기 어렵다
        ("정부 대응이 혁신적이다.", "정부 대응이 혁신적이지 않다."),  # copula + -지 않다
        ("한국 반도체는 경쟁력을 갖췄다.", "한국 반도체는 경쟁력을 잃었다."),  # shifter verb
        ("업계의 우려가 크다.", "업계의 우려가 사라졌다."),  # shifter after a negative noun
        ("AI 산업이 위기를 맞았다.", "AI 산업이 위기를 극복했다."),  # 위기 극복
        ("미국이 진입 장벽을 높였다.", "미국이 진입 장벽을 허물었다."),  # destroy verb reverses
    ],
)
def test_negation_flips_polarity(plain, negated):
    before, after = tone_of(plain), tone_of(negated)
    assert before["polarity"] != 0
    assert after["polarity"] * before["polarity"] < 0
    assert after["tone"] == -before["tone"]


def test_double_negation_keeps_polarity():
    assert tone_of("딥시크의 성과를 인정하지 않을 수 없다.")["tone"] == 1
    assert tone_of("중국 AI가 성공하지 않을 수 없다.")["polarity"] == 1.0


def test_negation_is_reported_in_the_evidence():
    row = tone_of("한국은 AI 경쟁력이 없다.")
    assert row["tone"] == -1
    assert "경쟁력" in row["tone_evidence"] and "없다" in row["tone_evidence"]


def test_compound_shifter_is_not_counted_twice():
    # 경쟁력(+1) 약화(-1) is one negative judgement, not zero
    assert tone_of("반도체 경쟁력 약화가 현실화했다.")["polarity"] == -1.0


@pytest.mark.parametrize(
    ("modified", "plain", "factor"),
    [
        ("한국은 크게 뒤처졌다.", "한국은 뒤처졌다.", 1.5),
        ("시장이 매우 불안하다.", "시장이 불안하다.", 1.5),
        ("엔비디아가 큰 타격을 입었다.", "엔비디아가 타격을 입었다.", 1.5),
        ("업계의 우려가 커지고 있다.", "업계에 우려가 있다.", 1.5),
        ("실적이 다소 부진했다.", "실적이 부진했다.", 0.5),
        ("결과가 약간 실망스럽다.", "결과가 실망스럽다.", 0.5),
    ],
)
def test_intensifiers_and_diminishers_scale_the_score(modified, plain, factor):
    assert tone_of(modified)["polarity"] == pytest.approx(factor * tone_of(plain)["polarity"])


def test_intensifier_factor_is_capped():
    assert abs(tone_of("가장 큰 위협이다.")["polarity"]) == pytest.approx(2.0)


def test_intensifier_word_that_is_also_evaluative_counts_once():
    # 심각하게 is an intensifier here, not a second negative word
    assert tone_of("보안 문제가 심각하게 우려된다.")["polarity"] == pytest.approx(-1 - 1.5)


@pytest.mark.parametrize(
    ("text", "tone"),
    [
        ("딥시크가 새 모델을 20일 공개했다.", 0),  # a reported fact without evaluation
        ("미국은 실패했지만 중국은 성공했다.", 0),  # mixed
        ("중국 AI의 약진이 눈부시다.", 1),
        ("한국 AI 산업에 비상이 걸렸다.", -1),
        ("딥시크 쇼크로 엔비디아 주가가 폭락했다.", -1),
        ("데이터 유출 의혹이 제기됐다.", -1),
        ("국내 기업들이 발목을 잡혔다.", -1),  # idiom over particles
    ],
)
def test_sentence_tone(text, tone):
    assert tone_of(text)["tone"] == tone


def test_thresholds_decide_the_tone():
    text = "실적이 다소 부진했다."  # polarity -0.5
    assert tone_of(text)["tone"] == -1
    assert tone_of(text, thresholds=(-1.0, 1.0))["tone"] == 0
    with pytest.raises(ValueError, match="thresholds"):
        tone_of(text, thresholds=(0.5, -0.5))


def test_score_tone_keeps_sentence_order_and_types():
    units = tokenize_units(["성장했다.", "중국 정부가 발표했다.", "추락했다."])
    scored = score_tone(units.sentences, units.tokens)
    assert scored.columns.tolist() == ["sent_id", "polarity", "tone", "tone_evidence"]
    assert scored["sent_id"].tolist() == units.sentences["sent_id"].tolist()
    assert scored["tone"].tolist() == [1, 0, -1]
    assert str(scored["tone"].dtype) == "Int64"
    assert scored["tone_evidence"].tolist()[1] == ""


def test_tokens_of_another_corpus_are_an_error():
    units = tokenize_units(["성공했다."])
    other = units.tokens.assign(sent_id="x-001")
    with pytest.raises(ValueError, match="sent_id"):
        score_tone(units.sentences, other)


def test_missing_token_columns_are_an_error():
    units = tokenize_units(["성공했다."])
    with pytest.raises(ValueError, match="norm"):
        score_tone(units.sentences, units.tokens.drop(columns="norm"))


# ---------------------------------------------------------------------------
# targets and clauses
# ---------------------------------------------------------------------------


def mentions_of(text: str) -> list[tuple[str, tuple[str, ...]]]:
    units = tokenize_units([text])
    return [(m.alias, m.targets) for m in find_mentions(text, units.tokens)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中 딥시크, 엔비디아 칩 없이도 성공", [("中", ("china",)), ("딥시크", ("china",)), ("엔비디아", ("us",))]),
        ("상무부가 수출 통제를 강화했다.", [("상무부", ("us",))]),  # generic, US by default
        ("美 상무부가 수출 통제를 강화했다.", [("美", ("us",))]),  # absorbed by the country word
        ("중국 상무부가 반발했다.", [("중국 상무부", ("china",))]),
        ("中 외교부는 반발했다.", [("中 외교부", ("china",))]),
        ("젠슨 황 엔비디아 CEO가 입을 열었다.", [("젠슨 황", ("us",)), ("엔비디아", ("us",))]),
        ("국내 기업들도 대응에 나섰다.", [("국내 기업", ("korea",))]),
        ("미중 갈등이 격화하고 있다.", [("미중", ("us", "china"))]),
        ("한미 양국이 AI 협력에 합의했다.", [("한미", ("korea", "us"))]),
        ("개발 중인 모델은 미래 산업의 핵심이다.", []),  # 중 "during", 미래 are not targets
        ("트럼프 대통령이 스타게이트를 발표했다.", [("트럼프", ("us",)), ("스타게이트", ("us",))]),
        ("DeepSeek는 OpenAI와 다르다.", [("DeepSeek", ("china",)), ("OpenAI", ("us",))]),
    ],
)
def test_target_aliases(text, expected):
    assert mentions_of(text) == expected


def test_we_counts_as_korea_outside_quotations_only():
    assert mentions_of("우리는 이미 늦었다.") == [("우리", ("korea",))]
    assert mentions_of('올트먼은 "우리는 더 빨리 움직일 것"이라고 말했다.') == [("올트먼", ("us",))]


def test_absent_targets_are_missing_values():
    row = stance_of("한국 정부는 AI 예산을 삭감했다.")
    assert pd.isna(row["stance_china"]) and pd.isna(row["stance_us"])
    assert row["stance_korea"] == -1


def test_split_clauses_at_connectives_commas_and_quotes():
    units = tokenize_units(['미국은 실패했지만, 중국은 "성공했다"고 자평했다.'])
    clauses = split_clauses(units.tokens)
    assert len(set(clauses)) >= 3
    forms = units.tokens["form"].tolist()
    assert clauses[forms.index("미국")] != clauses[forms.index("중국")]


def test_auxiliary_constructions_stay_in_one_clause():
    units = tokenize_units(["한국은 뒤처지고 있다."])
    assert set(split_clauses(units.tokens)) == {0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("미국은 실패했지만 중국은 성공했다.", {"us": -1, "china": 1}),
        ("한국은 뒤처진 반면 중국은 약진했다.", {"korea": -1, "china": 1}),
        ("중국 AI는 도약하고 있으나 한국 AI는 정체돼 있다.", {"china": 1, "korea": -1}),
        ("딥시크는 혁신적이지만, 국내 기업들은 여전히 갈 길이 멀다.", {"china": 1, "korea": -1}),
        ("엔비디아 주가는 폭락했고 딥시크는 돌풍을 일으켰다.", {"us": -1, "china": 1}),
        ("중국이 미국을 추월했다.", {"china": 1, "us": -1}),
        ("한국은 미국과 중국에 크게 뒤처졌다.", {"korea": -1, "us": 1, "china": 1}),
        ("미국보다 중국이 앞섰다.", {"china": 1, "us": -1}),
        ("성공한 중국 기업들이 늘고 있다.", {"china": 1}),
        ("딥시크가 엔비디아 칩을 밀수했다는 의혹이 나왔다.", {"china": -1, "us": 0}),
        ("중국의 놀라운 성과에 미국 빅테크가 충격을 받았다.", {"china": 1, "us": -1}),
        # adnominal winning verb: the object loses, the clause subject wins
        ("딥시크가 오픈AI를 능가하는 모델을 내놨다.", {"china": 1, "us": -1}),
        # an adnominal predicate on a non-target noun goes to the clause subject
        ("중국 엔지니어들이 미국 기술자보다 저렴한 비용으로 모델을 훈련했다.", {"china": 1, "us": 0}),
        # predicates that evaluate their object
        ("한국 정부는 딥시크 사용을 금지했다.", {"china": -1, "korea": 0}),
        ("미국은 중국을 강하게 비판했다.", {"china": -1, "us": 0}),
        # model names count for their makers
        ("R1이 o1을 앞섰다.", {"china": 1, "us": -1}),
    ],
)
def test_clause_level_stance(text, expected):
    row = stance_of(text)
    for target in ("china", "us", "korea"):
        value = row[f"stance_{target}"]
        if target in expected:
            assert value == expected[target], (target, row["stance_evidence"])
        else:
            assert pd.isna(value)


def test_compound_marks_both_targets_without_scoring_them():
    row = stance_of("미중 패권 경쟁이 격화하고 있다.")
    assert (row["stance_us"], row["stance_china"]) == (0, 0)
    assert pd.isna(row["stance_korea"])


def test_zero_subject_clause_inherits_the_previous_subject():
    row = stance_of("딥시크는 저비용으로 개발됐고, 놀라운 성능을 보였다.")
    assert row["stance_china"] == 1
    assert "놀랍다" in row["stance_evidence"]


def test_reporting_verb_does_not_evaluate_the_speaker():
    row = stance_of("트럼프 대통령은 딥시크 같은 모델이 늘어날 것이라고 경고했다.")
    assert row["stance_us"] == 0


def test_window_limits_nouns_far_from_the_target():
    text = "미국의 반도체 수출 규제 정책과 관련된 여러 논의 가운데 가장 큰 난관이 남았다."
    assert stance_of(text)["stance_us"] == -1
    assert stance_of(text, window=3)["stance_us"] == 0


def test_stance_evidence_names_mentions_roles_and_words():
    row = stance_of("미국은 실패했지만 중국은 성공했다.")
    assert "china: 중국[subject] ← 성공하다" in row["stance_evidence"]
    assert "us: 미국[subject] ← 실패하다" in row["stance_evidence"]


def test_custom_targets_file_and_errors(tmp_path):
    path = tmp_path / "targets.yaml"
    path.write_text(
        "targets:\n  china: {label: 중국, country: [중국]}\n  us: {label: 미국, country: [미국]}\n"
        "  korea: {label: 한국, country: [한국], firm: [가나다전자]}\n",
        encoding="utf-8",
    )
    assert stance_of("가나다전자가 성공했다.", targets=path)["stance_korea"] == 1
    assert pd.isna(stance_of("가나다전자가 성공했다.")["stance_korea"])
    bad = tmp_path / "bad.yaml"
    bad.write_text("targets:\n  china: {country: [중국]}\n  us: {country: [중국]}\n", encoding="utf-8")
    with pytest.raises(TargetsError, match="중국"):
        load_targets(bad)
    with pytest.raises(TargetsError, match="not found"):
        load_targets(tmp_path / "missing.yaml")


# ---------------------------------------------------------------------------
# per-outlet summaries
# ---------------------------------------------------------------------------


@pytest.fixture
def scored_outlets():
    texts = ["딥시크가 성공했다.", "한국이 뒤처졌다.", "미국이 앞섰다.", "위기가 왔다.", "발표가 있었다."]
    units = tokenize_units(texts)
    sentences = units.sentences.assign(outlet=["가신문", "가신문", "가신문", "나일보", "나일보"])
    return sentences, units.tokens


def test_bootstrap_tone_is_seeded_and_brackets_the_mean(scored_outlets):
    sentences, tokens = scored_outlets
    scored = score_tone(sentences, tokens)
    first = bootstrap_tone(scored, sentences, n_resamples=500, random_state=7)
    again = bootstrap_tone(scored, sentences, n_resamples=500, random_state=7)
    pd.testing.assert_frame_equal(first, again)
    assert first["outlet"].tolist() == ["가신문", "나일보"]
    assert first["n_sentences"].tolist() == [3, 2]
    assert (first["ci_low"] <= first["mean_tone"]).all() and (first["mean_tone"] <= first["ci_high"]).all()
    assert first.loc[1, "mean_tone"] == -0.5
    with pytest.raises(ValueError, match="n_resamples"):
        bootstrap_tone(scored, sentences, n_resamples=5)


def test_summarize_stance_counts_only_sentences_that_mention_the_target(scored_outlets):
    sentences, tokens = scored_outlets
    stance = score_stance(sentences, tokens)
    summary = summarize_stance(stance, sentences, n_resamples=200)
    row = summary.set_index(["outlet", "target"])
    assert row.loc[("가신문", "china"), "n_mentioned"] == 1
    assert row.loc[("가신문", "korea"), "mean_stance"] == -1.0
    assert row.loc[("나일보", "us"), "n_mentioned"] == 0
    assert pd.isna(row.loc[("나일보", "us"), "mean_stance"])
