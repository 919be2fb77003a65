"""The Korean grammar facts of ``analysis.grammar``, and that every stage reads them from there."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import grammar


@pytest.mark.parametrize(
    ("tag", "base"),
    [("VV", "VV"), ("VV-R", "VV"), ("VA-I", "VA"), ("XSA-I", "XSA"), ("NNG", "NNG"), ("W_SERIAL", "W_SERIAL")],
)
def test_base_tag(tag, base):
    assert grammar.base_tag(tag) == base


@pytest.mark.parametrize(
    ("form", "tag", "norm", "expected"),
    [
        ("먹", "VV", "먹다", "먹다"),  # Kiwi's lemma is kept
        ("놀랍", "VA-I", "놀랍", "놀랍다"),  # an irregular stem gets its 다
        ("듣", "VV-R", None, "듣다"),
        ("않", "VX", None, "않다"),
        ("이", "VCP", None, "이다"),
        ("아니", "VCN", None, "아니다"),
        ("하", "XSV", None, "하다"),  # 성공 + 하 → 하다
        ("하", "XSA", None, "하다"),  # 중요 + 하 → 하다
        ("성공", "NNG", None, "성공"),  # not a predicate
        ("AI", "SL", "AI", "AI"),
    ],
)
def test_lemma(form, tag, norm, expected):
    assert grammar.lemma(form, tag, norm) == expected


def test_predicate_tag_sets_are_built_from_each_other():
    assert grammar.PREDICATE_TAGS == {"VV", "VA"}
    assert grammar.PREDICATE_STEM_TAGS == {"VV", "VA", "VX"}
    assert grammar.COPULA_TAGS == {"VCP", "VCN"}
    assert grammar.PREDICATE_SUFFIX_TAGS == {"XSV", "XSA"}
    assert grammar.LEMMA_TAGS == {"VV", "VA", "VX", "VCP", "VCN", "XSV", "XSA"}
    assert grammar.LIGHT_VERB_TAGS == {"XSV", "XSA", "VV", "VX"}
    assert grammar.NOUN_TAGS == grammar.COMMON_AND_PROPER_NOUN_TAGS | {"XR"}
    assert grammar.COMMON_AND_PROPER_NOUN_TAGS <= grammar.NOMINAL_TAGS


def test_punctuation_is_not_a_word():
    # numbers, foreign words and Chinese characters are words, not punctuation
    assert not {"SL", "SH", "SN"} & grammar.PUNCTUATION_TAGS
    assert not set(grammar.CONTENT_TAGS) & grammar.PUNCTUATION_TAGS
    # the quotation-mark tag of older Kiwi versions is punctuation as well
    assert {"SS", "SSO", "SSC"} <= grammar.PUNCTUATION_TAGS
    # serial numbers are neither; the supervised layer leaves out both
    assert grammar.PUNCTUATION_OR_SERIAL_TAGS == grammar.PUNCTUATION_TAGS | {"W_SERIAL"}
    assert not grammar.SERIAL_TAGS & grammar.PUNCTUATION_TAGS


def test_content_tags_are_nouns_predicates_roots_and_latin_words():
    assert grammar.CONTENT_TAGS == ("NNG", "NNP", "VV", "VA", "XR", "SL")


def test_kiwi_tags_punctuation_and_serial_numbers_as_the_sets_say():
    from analysis.tokenize import tokenize_units

    tokens = tokenize_units(["그는 “좋다”, ‘위협’이라고 (주)삼성에 010-1234-5678로 말했다…"]).tokens
    tags = dict(zip(tokens["form"], tokens["tag"]))
    for mark in ("“", "”", ",", "‘", "’", "(", ")", "…"):
        assert tags[mark] in grammar.PUNCTUATION_TAGS, mark
    assert tags["010-1234-5678"] in grammar.SERIAL_TAGS
    assert tags["말"] in grammar.COMMON_AND_PROPER_NOUN_TAGS and tags["하"] in grammar.PREDICATE_SUFFIX_TAGS


def test_quote_facts():
    assert grammar.quote_spans("그는 “좋다”고, 「책」은 ‘별로’라고 했다") == [(4, 6), (11, 12)]
    assert grammar.DOUBLE_QUOTES["“"] == "”" and grammar.SINGLE_QUOTES["‘"] == "’"
    assert {"“", "”", '"'} <= grammar.DOUBLE_QUOTE_MARKS and "‘" not in grammar.DOUBLE_QUOTE_MARKS
    assert grammar.QUOTE_PAIRS == {**grammar.DOUBLE_QUOTES, **grammar.SINGLE_QUOTES}


def test_endings_and_particles():
    assert grammar.QUOTATIVE_ENDINGS <= grammar.CLAUSE_ENDINGS
    assert set(grammar.INDIRECT_ENDINGS) <= grammar.QUOTATIVE_ENDINGS
    assert grammar.TOPIC_PARTICLES <= grammar.SUBJECT_PARTICLES
    assert grammar.text_key(" Deep\tSeek ") == "deepseek"


def test_every_stage_reads_the_shared_sets():
    from analysis import summaries, tokenize, training, vocabulary

    assert tokenize.LEMMA_TAGS is grammar.LEMMA_TAGS
    assert vocabulary.CONTENT_TAGS is grammar.CONTENT_TAGS
    for module in (summaries, training, vocabulary):
        assert not hasattr(module, "NON_WORD_TAGS") and not hasattr(module, "_LEMMA_TAGS"), module
    assert not hasattr(training, "PUNCTUATION_TAGS")


def test_the_supervised_layer_leaves_out_punctuation_and_serial_numbers():
    from analysis.training import morpheme_terms

    tokens = pd.DataFrame({
        "sent_id": ["a"] * 5,
        "norm": ["전화", "010-1234-5678", "하다", "“", "."],
        "tag": ["NNG", "W_SERIAL", "XSV", "SSO", "SF"],
    })
    assert morpheme_terms(tokens, ["a"]) == [["전화/NNG", "하다/XSV"]]


def test_kiwi_stopwords_are_lemmas_like_the_token_table():
    from analysis.vocabulary import load_stopwords

    kiwi = load_stopwords(sources=("kiwi",))
    pairs = set(zip(kiwi["term"], kiwi["tag"]))
    # Kiwi lists stems; the token table has lemmas, for suffixes too (tokenize.LEMMA_TAGS)
    assert {("있다", "VV"), ("하다", "XSV"), ("하다", "XSA"), ("되다", "XSV"), ("이다", "VCP")} <= pairs
    assert not {("하", "XSV"), ("되", "XSV")} & pairs
