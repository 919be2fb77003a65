"""Sentences, tokens, normalization, glosses and the cache."""

from __future__ import annotations

import re

import pytest

from analysis import tokenize as tok
from analysis.pipeline import prepare
from analysis.tokenize import TokenizerConfig, tokenize_corpus, tokenize_units


def norms(text: str, *, drop_gloss: bool = False) -> list[str]:
    tokens = tokenize_units([text]).tokens
    if drop_gloss:
        tokens = tokens[~tokens["gloss"]]
    return tokens["norm"].tolist()


@pytest.mark.parametrize(
    "text, term",
    [
        ("딥시크가 공개했다", "딥시크"),
        ("딥 시크가 공개했다", "딥시크"),
        ("딥씩은 최정예를 뽑는다", "딥시크"),
        ("DeepSeek released R1", "딥시크"),
        ("deepseek 모델", "딥시크"),
        ("엔디비아 유턴한 엔지니어", "엔비디아"),
        ("NVIDIA 주가", "엔비디아"),
        ("Nvidia 주가", "엔비디아"),
        ("OpenAI CEO 샘 올트먼", "오픈AI"),
        ("오픈 AI의 모델", "오픈AI"),
        ("ChatGPT보다 정확하다", "챗GPT"),
        ("챗GPT와 달리", "챗GPT"),
        ("오픈 소스로 공개했다", "오픈소스"),
        ("오픈소스 전략", "오픈소스"),
        ("스타게이트 프로젝트", "스타게이트"),
        ("판쯔정은 귀국했다", "판쯔정"),
        ("량원펑은 말했다", "량원펑"),
    ],
)
def test_names_and_variants_become_one_term(text, term):
    assert term in norms(text)


def test_glued_latin_names_are_split_into_both_terms():
    assert norms("중국이 OpenAIChatGPT 결과를 도용했다")[2:4] == ["오픈AI", "챗GPT"]


@pytest.mark.parametrize(
    "text, glossed, counted",
    [
        ("딥시크(DeepSeek)가 등장했다", ["(", "딥시크", ")"], ["딥시크"]),
        ("량원펑(梁文峰)은 말했다", ["(", "량원펑", ")"], ["량원펑"]),
        ("인공지능(AI)을 언급했다", ["(", "AI", ")"], ["인공지능"]),
        ("딥시크(DeepSeek·深度求索)다", ["(", "딥시크", "·", "딥시크", ")"], ["딥시크"]),
    ],
)
def test_bracketed_gloss_is_the_same_mention(text, glossed, counted):
    tokens = tokenize_units([text]).tokens
    assert tokens.loc[tokens["gloss"], "norm"].tolist() == glossed
    kept = tokens.loc[~tokens["gloss"], "norm"].tolist()
    for term in counted:
        assert kept.count(term) == 1


@pytest.mark.parametrize("text", ["량원펑(40)도 저장대를 나왔다", "트럼프 대통령(왼쪽)과 시진핑", "딥시크 (DeepSeek) 모델"])
def test_brackets_that_are_not_glosses(text):
    assert not tokenize_units([text]).tokens["gloss"].any()


def test_predicates_are_counted_by_lemma():
    assert "내놓다" in norms("미국은 R1을 내놓은 다음 날 발표했다")
    assert "뒤처지다" in norms("한국은 뒤처질 것이다")
    # irregular conjugations (Kiwi tags VV-R, VA-I) too
    assert {"믿다", "어렵다"} <= set(norms("그 말을 믿었지만 따라잡기 어려웠다"))


def test_offsets_point_into_the_sentence_text():
    result = tokenize_units(["딥 시크(DeepSeek)가 엔디비아를 흔들었다."])
    text = result.sentences.loc[0, "text"]
    merged = result.tokens[result.tokens["tag"] == "NNP"]
    for row in merged.itertuples():
        assert text[row.start : row.end] == row.form
    assert merged["form"].tolist() == ["딥 시크", "DeepSeek", "엔디비아"]


def test_units_are_kept_as_given_in_order():
    units = ["첫 문장이다. 둘째 문장도 한 단위다.", "세 번째 단위"]
    result = tokenize_units(units)
    assert result.sentences["text"].tolist() == units
    assert result.sentences["sent_id"].tolist() == ["units-001", "units-002"]


def test_seed_sentences_cover_all_article_text():
    study = prepare()
    paragraphs = study.cleaned.paragraphs
    for doc_id, group in study.sentences.groupby("doc_id"):
        expected = "".join(paragraphs.loc[paragraphs["doc_id"] == doc_id, "text"])
        assert re.sub(r"\s+", "", "".join(group["text"])) == re.sub(r"\s+", "", expected)
    # sentence ids are unique and in reading order
    assert study.sentences["sent_id"].is_unique
    assert study.sentences.groupby("doc_id")["position"].agg(["min", "max"]).values.tolist() == [[0.0, 1.0]] * 5
    # chrome never reaches the token table
    assert not study.tokens["norm"].isin(["클린뷰", "프린트", "무단전재"]).any()


def test_sentence_never_starts_with_a_particle():
    tokens = prepare().tokens
    first = tokens.groupby("sent_id").head(1)
    assert not first["tag"].str.startswith(("J", "E", "XS", "VCP")).any()


def test_cache_is_reused_and_invalidated(tmp_path, monkeypatch):
    monkeypatch.setenv("DEEPSEEK_FRAMING_CACHE", str(tmp_path / "cache"))
    study = prepare()
    cached = list((tmp_path / "cache").glob("tokens-*.pkl"))
    assert len(cached) == 1
    again = tokenize_corpus(study.cleaned)
    assert again.tokens.equals(study.tokens)
    # a changed variant table gives a new cache entry and a new result
    variants = tmp_path / "variants.tsv"
    variants.write_text(
        (tok.paths.PACKAGE_DATA / "variants.tsv").read_text(encoding="utf-8")
        + "소베크\t캐서린소베크\tNNP\ttest\n",
        encoding="utf-8",
    )
    config = TokenizerConfig(variants=variants)
    changed = tokenize_corpus(study.cleaned, config=config)
    assert "캐서린소베크" in set(changed.tokens["norm"])
    assert len(list((tmp_path / "cache").glob("tokens-*.pkl"))) == 2


def test_bad_dictionary_is_reported(tmp_path):
    bad = tmp_path / "dict.tsv"
    bad.write_text("word\ttag\n딥시크\tVV\n", encoding="utf-8")
    with pytest.raises(tok.TokenizeError, match="need tag NNP"):
        tok.read_user_dictionary(bad)
    dup = tmp_path / "variants.tsv"
    dup.write_text("variant\tcanonical\ttag\nDeepSeek\t딥시크\tNNP\ndeepseek\t딥시크\tNNP\n", encoding="utf-8")
    with pytest.raises(tok.TokenizeError, match="listed twice"):
        tok.read_variants(dup)


def test_same_input_same_tables():
    first = prepare(use_cache=False)
    second = prepare(use_cache=False)
    assert first.sentences.equals(second.sentences) and first.tokens.equals(second.tokens)


def test_headlines_are_one_unit_each():
    sentences = prepare().sentences
    headlines = sentences[sentences["role"].isin(["title", "subhead"])]
    assert not headlines.duplicated(["doc_id", "para"]).any()
    assert "[S리포트] ②딥시크發 미중 AI 경쟁... 韓 탈출구는" in headlines["text"].tolist()


TRICKY_PARAGRAPHS = [
    "딥 시크(DeepSeek)가 엔디비아를 흔들었다. 오픈AI(OpenAI)도 놀랐다. 中 정부는 침묵했다.",
    "중국이 OpenAIChatGPT 결과를 도용했다는 주장이 나왔다. 딥씩은 R1과 V3를 공개했다!",
    "인공 지능(AI) 경쟁에서 美·中이 맞붙었다. 량원펑(40)은 \"R1은 시작\"이라고 말했다.",
    "괄호만 있다(왼쪽). 그다음 문장에 deepseek 이름이 나온다. 마지막은 딥시크(深度求索)다.",
    "변형이 하나도 없는 평범한 문단이다. 두 문장으로 되어 있다.",
]


def _straightforward(text: str, config: TokenizerConfig) -> list[tuple[str, list[tuple]]]:
    """Sentences and token rows by the plain algorithm: each sentence on its own.

    Kiwi's tokens of the paragraph are cut into sentences; each sentence's
    tokens are merged with the full variant pattern (no hint shortcut) and
    their glosses flagged, offsets counted from the sentence start.
    """
    kiwi = tok.configured_kiwi(config)
    pattern, lookup, _ = tok._normalizer(config)
    kiwi_tokens = kiwi.tokenize(text)
    ranges = tok.repair_sentence_bounds(
        tok.sentence_ranges([t.sent_position for t in kiwi_tokens]), [t.tag for t in kiwi_tokens]
    )
    sentences = []
    for begin, end in ranges:
        part = kiwi_tokens[begin:end]
        offset = part[0].start
        sentence = text[offset : part[-1].end]
        columns = (
            [t.form for t in part],
            [t.tag for t in part],
            [t.lemma if t.tag in tok._LEMMA_TAGS_WITH_VARIANTS else t.form for t in part],
            [t.start - offset for t in part],
            [t.end - offset for t in part],
        )
        forms, tags, norms_, starts, ends = tok.merge_variants(sentence, columns, pattern=pattern, lookup=lookup)
        glosses = tok.gloss_flags(sentence, forms, starts, ends)
        sentences.append((sentence, list(zip(forms, tags, norms_, starts, ends, glosses))))
    return sentences


def test_paragraph_path_equals_the_straightforward_algorithm():
    """The batched, column-wise paragraph path gives what each sentence gives on its own."""
    import pandas as pd

    config = TokenizerConfig()
    seeds = prepare().cleaned.paragraphs
    texts = TRICKY_PARAGRAPHS + seeds.loc[seeds["role"] == "body", "text"].tolist()
    paragraphs = pd.DataFrame({
        "file": "x.txt", "doc_id": [f"d{i:03d}" for i in range(len(texts))], "outlet": "x",
        "para": 1, "role": "body", "text": texts,
    })
    result = tok.tokenize_paragraphs(paragraphs, config=config)
    merged_somewhere = glossed_somewhere = False
    for doc_id, text in zip(paragraphs["doc_id"], texts):
        expected = _straightforward(text, config)
        sentences = result.sentences[result.sentences["doc_id"] == doc_id]
        assert sentences["text"].tolist() == [sentence for sentence, _ in expected]
        for sent_id, (_, rows) in zip(sentences["sent_id"], expected):
            got = result.tokens.loc[result.tokens["sent_id"] == sent_id, TOKEN_ROW]
            assert list(got.itertuples(index=False, name=None)) == rows, sent_id
            merged_somewhere |= any(form != norm and tag == "NNP" for form, tag, norm, *_ in rows)
            glossed_somewhere |= any(row[-1] for row in rows)
    assert merged_somewhere and glossed_somewhere  # the cases the fast path must not skip


TOKEN_ROW = ["form", "tag", "norm", "start", "end", "gloss"]


def test_sentence_ranges_and_boundary_repair():
    assert tok.sentence_ranges([]) == []
    assert tok.sentence_ranges([0, 0, 1, 1, 1, 2]) == [(0, 2), (2, 5), (5, 6)]
    # a sentence starting with a particle joins the previous one after its last SF
    tags = ["NNP", "SF", "NNG", "SS", "JX", "VV", "EF"]
    assert tok.repair_sentence_bounds([(0, 4), (4, 7)], tags) == [(0, 2), (2, 7)]
    # no SF before: the two are merged
    assert tok.repair_sentence_bounds([(0, 2), (2, 4)], ["NNG", "SS", "JKS", "VV"]) == [(0, 4)]


def test_lost_text_between_sentences_is_an_error():
    text = "첫 문장. 둘째 문장."
    tok._check_nothing_lost(text, [(0, 5), (6, 12)])  # only a space between
    with pytest.raises(tok.TokenizeError, match="lost text"):
        tok._check_nothing_lost(text, [(0, 4), (6, 12)])  # the full stop is in no sentence
    with pytest.raises(tok.TokenizeError, match="lost text"):
        tok._check_nothing_lost(text, [(0, 5), (6, 10)])  # the end is missing
    with pytest.raises(tok.TokenizeError, match="lost text"):
        tok._check_nothing_lost(text, [(0, 7), (6, 12)])  # overlapping sentences
    with pytest.raises(tok.TokenizeError, match="lost text"):
        tok._check_nothing_lost(text, [])
