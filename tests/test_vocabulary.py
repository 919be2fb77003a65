"""Tests for analysis.vocabulary (RQ1) and its figures (2, 3, 9).

The token and sentence tables are invented here, in the format of
docs/data_model.md, from a compact notation: a sentence is a string of
eojeol separated by spaces, an eojeol is morphemes joined by ``+``, and a
morpheme is ``form/TAG`` (``form=norm/TAG`` when the norm differs; a trailing
``!`` on the tag marks a bracketed gloss). Verb and adjective norms are the
lemma (form + 다), as analysis.tokenize makes them.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2, chi2_contingency

from analysis import vocabulary as voc

LEMMA_TAGS = {"VV", "VA"}


def parse_sentence(notation: str) -> tuple[str, list[dict]]:
    """Sentence text and its morphemes from the compact notation."""
    text, tokens = "", []
    for eojeol in notation.split():
        if text:
            text += " "
        for morpheme in eojeol.split("+"):
            written, tag = morpheme.rsplit("/", 1)
            gloss = tag.endswith("!")
            tag = tag.rstrip("!")
            form, _, norm = written.partition("=")
            if not norm:
                norm = form + "다" if tag.split("-")[0] in LEMMA_TAGS else form
            start = len(text)
            text += form
            tokens.append({"form": form, "tag": tag, "norm": norm, "start": start, "end": len(text), "gloss": gloss})
    return text, tokens


def make_tables(documents: dict[str, tuple[str, list[list[str]]]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``{doc_id: (outlet, [[paragraph sentences], ...])}`` → (sentences, tokens)."""
    sentence_rows, token_rows = [], []
    for number, (doc_id, (outlet, paragraphs)) in enumerate(documents.items()):
        file = f"{number:03d}_{doc_id}.txt"
        sentences = [(para, s) for para, sents in enumerate(paragraphs, start=1) for s in sents]
        for sent_no, (para, notation) in enumerate(sentences, start=1):
            sent_id = f"{doc_id}-{sent_no:03d}"
            text, tokens = parse_sentence(notation)
            sentence_rows.append(
                {
                    "file": file,
                    "doc_id": doc_id,
                    "outlet": outlet,
                    "para": para,
                    "role": "title" if sent_no == 1 else "body",
                    "sent_id": sent_id,
                    "sent_no": sent_no,
                    "position": (sent_no - 1) / max(len(sentences) - 1, 1),
                    "text": text,
                }
            )
            token_rows += [{"file": file, "doc_id": doc_id, "sent_id": sent_id, **t} for t in tokens]
    tokens = pd.DataFrame(token_rows)[["file", "doc_id", "sent_id", "form", "tag", "norm", "start", "end", "gloss"]]
    return pd.DataFrame(sentence_rows), tokens


NO_FILTER = voc.DfmOptions(stopwords=())


@pytest.fixture
def news():
    """Three outlets, four documents; 한국 appears in two documents of one outlet."""
    return make_tables(
        {
            "a1": ("가신문", [
                ["중국/NNP 딥시크/NNP+가/JKS 미국/NNP+을/JKO 흔들/VV-R+었/EP+다/EF+./SF"],
                ["딥시크/NNP+(/SSO+DeepSeek=딥시크/SL!+)/SSC 기자/NNG+는/JX 인재/NNG+를/JKO 말하/VV+였/EP+다/EF+./SF",
                 "중국/NNP 인재/NNG+가/JKS 많/VA+다/EF+./SF"],
            ]),
            "b1": ("나일보", [
                ["미국/NNP 반도체/NNG 제재/NNG+가/JKS 강화/NNG+되/XSV+었/EP+다/EF+./SF"],
                ["미국/NNP+의/JKG 제재/NNG+는/JX 심각/XR+하/XSA+다/EF+./SF"],
            ]),
            "c1": ("다블로그", [["한국/NNP+은/JX 인재/NNG+를/JKO 키우/VV+어야/EC 하/VX+ㄴ다/EF+./SF"]]),
            "c2": ("다블로그", [["한국/NNP 반도체/NNG+가/JKS 중국/NNP+을/JKO 보/VV+ㄴ다/EF+./SF"]]),
        }
    )


# ---------------------------------------------------------------------------
# keyness statistics: known answers
# ---------------------------------------------------------------------------


def test_g2_and_chi2_by_hand():
    # term: 30 of 100 target tokens, 20 of 200 reference tokens
    a, b, c, d = 30, 20, 70, 180
    n = a + b + c + d
    expected = [(a + b) * (a + c) / n, (a + b) * (b + d) / n, (c + d) * (a + c) / n, (c + d) * (b + d) / n]
    g2 = 2 * sum(o * math.log(o / e) for o, e in zip((a, b, c, d), expected))
    chi_square = n * (a * d - b * c) ** 2 / ((a + b) * (c + d) * (a + c) * (b + d))
    assert chi_square == pytest.approx(19.2)
    assert voc.contingency_statistic(30, 20, 100, 200, measure="g2") == pytest.approx(g2)
    assert voc.contingency_statistic(30, 20, 100, 200, measure="chi2") == pytest.approx(19.2)
    # mirrored: the reference uses the term relatively more, so the sign flips
    assert voc.contingency_statistic(20, 30, 200, 100, measure="g2") == pytest.approx(-g2)


@pytest.mark.parametrize(
    "a, b, total_target, total_reference, yates_applies",
    [
        (30, 20, 100, 200, False),  # every expected count >= 5
        (10, 20, 100, 400, False),
        (4, 1, 30, 60, True),  # expected count 1.7 < 5 and |ad - bc| > N/2
        (0, 5, 30, 60, True),
        (1, 4, 30, 60, True),
        (2, 4, 50, 100, False),  # |ad - bc| = 0: no correction, statistic 0
    ],
)
@pytest.mark.parametrize("measure, lambda_", [("g2", "log-likelihood"), ("chi2", None)])
def test_contingency_statistic_matches_scipy(a, b, total_target, total_reference, yates_applies, measure, lambda_):
    table = np.array([[a, b], [total_target - a, total_reference - b]])
    expected_a = (a + b) * total_target / table.sum()
    sign = 1 if a > expected_a else -1
    plain = chi2_contingency(table, correction=False, lambda_=lambda_).statistic
    corrected = chi2_contingency(table, correction=yates_applies, lambda_=lambda_).statistic
    args = (a, b, total_target, total_reference)
    assert voc.contingency_statistic(*args, measure=measure, correction="none") == pytest.approx(sign * plain, abs=1e-12)
    assert voc.contingency_statistic(*args, measure=measure, correction="yates") == pytest.approx(
        sign * corrected, abs=1e-12
    )


@pytest.mark.parametrize(
    "a, b, total_target, total_reference, expected",
    [
        (10, 5, 100, 100, 1.0),
        (5, 5, 100, 200, 1.0),
        (10, 10, 100, 100, 0.0),
        (10, 0, 100, 100, math.log2(10 / 0.5)),  # zero count -> 0.5
        (0, 10, 100, 100, -math.log2(10 / 0.5)),
    ],
)
def test_log_ratio(a, b, total_target, total_reference, expected):
    assert voc.log_ratio(a, b, total_target, total_reference) == pytest.approx(expected)


def test_contingency_statistic_rejects_impossible_counts():
    with pytest.raises(ValueError, match="n_target <= total_target"):
        voc.contingency_statistic(120, 20, 100, 200)


# ---------------------------------------------------------------------------
# keyness table
# ---------------------------------------------------------------------------


def counted_corpus(counts: dict[str, dict[str, int]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One document per outlet, one sentence holding each noun ``count`` times."""
    return make_tables(
        {
            f"d{i}": (outlet, [[" ".join(f"{term}/NNG" for term, n in terms.items() for _ in range(n))]])
            for i, (outlet, terms) in enumerate(counts.items())
        }
    )


def test_keyness_table_known_answer():
    sentences, tokens = counted_corpus({"가신문": {"엑스": 30, "와이": 70}, "나일보": {"엑스": 20, "와이": 180}})
    table = voc.keyness(voc.dfm(tokens, sentences, options=NO_FILTER), measure="g2")
    assert list(table.columns) == [
        "outlet", "term", "n_target", "n_reference", "total_target", "total_reference", "g2", "p", "log_ratio"
    ]
    row = table.iloc[0]
    assert (row["outlet"], row["term"]) == ("가신문", "엑스")
    assert (row["n_target"], row["n_reference"], row["total_target"], row["total_reference"]) == (30, 20, 100, 200)
    g2 = chi2_contingency([[30, 20], [70, 180]], correction=False, lambda_="log-likelihood").statistic
    assert row["g2"] == pytest.approx(g2)
    assert row["p"] == pytest.approx(chi2.sf(g2, 1))
    assert row["log_ratio"] == pytest.approx(math.log2(3))
    # 와이 is under-used by 가신문: negative, after the positive term
    assert table.iloc[1]["term"] == "와이" and table.iloc[1]["g2"] < 0
    # per outlet, sorted by the statistic descending
    assert list(table["outlet"]) == ["가신문", "가신문", "나일보", "나일보"]
    assert list(table.loc[table["outlet"] == "나일보", "term"]) == ["와이", "엑스"]


def test_keyness_chi2_column_and_min_count():
    sentences, tokens = counted_corpus(
        {"가신문": {"엑스": 30, "와이": 70, "드문": 1}, "나일보": {"엑스": 20, "와이": 180}}
    )
    x = voc.dfm(tokens, sentences, options=NO_FILTER)
    table = voc.keyness(x, measure="chi2", correction="none", min_count=2)
    assert "chi2" in table.columns and "g2" not in table.columns
    assert "드문" not in set(table["term"])
    assert "드문" in set(voc.keyness(x, min_count=1)["term"])
    row = table[(table["outlet"] == "가신문") & (table["term"] == "엑스")].iloc[0]
    assert row["chi2"] == pytest.approx(chi2_contingency([[30, 20], [71, 180]], correction=False).statistic)


def test_keyness_ties_are_sorted_by_term():
    sentences, tokens = counted_corpus({"가신문": {"다": 3, "가": 3, "나": 3}, "나일보": {"라": 9}})
    table = voc.keyness(voc.dfm(tokens, sentences, options=NO_FILTER))
    assert list(table.loc[table["outlet"] == "가신문", "term"])[:3] == ["가", "나", "다"]


def test_keyness_needs_two_outlets(news):
    sentences, tokens = news
    one = sentences[sentences["outlet"] == "나일보"]
    with pytest.raises(ValueError, match="at least two"):
        voc.keyness(voc.dfm(tokens[tokens["doc_id"] == "b1"], one))


# ---------------------------------------------------------------------------
# dfm options
# ---------------------------------------------------------------------------


def test_dfm_counts_content_terms(news):
    sentences, tokens = news
    x = voc.dfm(tokens, sentences, by="document", options=NO_FILTER)
    frame = x.to_frame()
    assert list(frame.index) == ["a1", "b1", "c1", "c2"]
    assert list(x.units["outlet"]) == ["가신문", "나일보", "다블로그", "다블로그"]
    # lemma for verbs and adjectives; roots (XR) counted; the gloss not counted
    assert frame.loc["a1", "흔들다"] == 1 and frame.loc["b1", "심각"] == 1
    assert frame.loc["a1", "딥시크"] == 2
    # particles, endings, punctuation, VX and suffixes are not content words
    assert not {"가", "는", "었", ".", "하다", "되다"} & set(x.terms)


@pytest.mark.parametrize(
    "options, present, absent",
    [
        (voc.DfmOptions(), {"인재", "중국"}, {"기자", "말하다", "많다"}),  # kiwi + project stopwords
        (voc.DfmOptions(stopwords=()), {"기자", "말하다", "많다", "보다"}, set()),
        (voc.DfmOptions(stopwords=("kiwi",)), {"기자", "말하다"}, {"보다"}),  # kiwi lists 보/VV
        (voc.DfmOptions(extra_stopwords=("인재",)), {"중국"}, {"인재"}),
        (voc.DfmOptions(tags=("NNG",), stopwords=()), {"인재", "반도체"}, {"중국", "딥시크", "흔들다", "심각"}),
        (voc.DfmOptions(tags=("NNP", "SL"), stopwords=(), include_gloss=True), {"중국", "딥시크"}, {"인재"}),
    ],
)
def test_stopword_and_tag_options_change_terms(news, options, present, absent):
    sentences, tokens = news
    x = voc.dfm(tokens, sentences, options=options)
    assert present <= set(x.terms)
    assert not absent & set(x.terms)
    assert x.options == options


def test_kiwi_stopwords_match_lemmas():
    table = voc.load_stopwords(sources=("kiwi",))
    assert {"있다", "하다", "되다"} <= set(table.loc[table["tag"] == "VV", "term"])


def test_project_stopwords_each_have_a_reason():
    table = voc.load_stopwords(sources=("project",))
    assert len(table) >= 20
    assert (table["note"].str.len() > 0).all()
    assert {"기자", "사진"} <= set(table["term"])


def test_gloss_counted_only_on_request(news):
    sentences, tokens = news
    default = voc.dfm(tokens, sentences, options=NO_FILTER).to_frame()
    with_gloss = voc.dfm(tokens, sentences, options=voc.DfmOptions(stopwords=(), include_gloss=True)).to_frame()
    assert (default.loc["a1", "딥시크"], with_gloss.loc["a1", "딥시크"]) == (2, 3)


def test_bigrams_stay_within_sentences(news):
    sentences, tokens = news
    options = voc.DfmOptions(stopwords=(), ngram_range=(1, 2))
    frame = voc.dfm(tokens, sentences, options=options).to_frame()
    assert frame.loc["b1", "미국 반도체"] == 1
    assert frame.loc["b1", "미국 제재"] == 1  # the particle 의 between them is not a counted term
    assert "강화 미국" not in frame.columns  # last term of one sentence, first of the next
    assert frame.loc["b1", "미국"] == 2  # unigrams still there


@pytest.mark.parametrize(
    "by, units",
    [
        ("document", ["a1", "b1", "c1", "c2"]),
        ("outlet", ["가신문", "나일보", "다블로그"]),
        ("paragraph", ["a1-p001", "a1-p002", "b1-p001", "b1-p002", "c1-p001", "c2-p001"]),
        ("sentence", ["a1-001", "a1-002", "a1-003", "b1-001", "b1-002", "c1-001", "c2-001"]),
    ],
)
def test_dfm_units(news, by, units):
    sentences, tokens = news
    x = voc.dfm(tokens, sentences, by=by)
    assert list(x.units["unit"]) == units
    assert x.shape[0] == len(units)
    assert x.by == by


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"tags": "NNG"}, "must be a tuple"),
        ({"tags": ()}, "empty"),
        ({"stopwords": ("nltk",)}, "unknown stopword"),
        ({"ngram_range": (2, 1)}, "ngram_range"),
    ],
)
def test_bad_options_are_explained(kwargs, message):
    with pytest.raises((TypeError, ValueError), match=message):
        voc.DfmOptions(**kwargs)


def test_bad_tables_are_explained(news):
    sentences, tokens = news
    with pytest.raises(ValueError, match=r"lacks column\(s\) \['gloss'\]"):
        voc.dfm(tokens.drop(columns="gloss"), sentences)
    with pytest.raises(ValueError, match="missing from the sentences table"):
        voc.dfm(tokens, sentences[sentences["doc_id"] != "c2"])
    with pytest.raises(ValueError, match="unknown unit"):
        voc.dfm(tokens, sentences, by="chapter")
    with pytest.raises(ValueError, match="no token is left"):
        voc.dfm(tokens, sentences, options=voc.DfmOptions(tags=("NR",)))


# ---------------------------------------------------------------------------
# frequency, TF-IDF, similarity
# ---------------------------------------------------------------------------


def test_frequency_table(news):
    sentences, tokens = news
    table = voc.frequency(voc.dfm(tokens, sentences, by="sentence", options=NO_FILTER))
    assert list(table.columns) == ["outlet", "term", "count", "rel_freq", "rank", "doc_freq"]
    blog = table[table["outlet"] == "다블로그"].set_index("term")
    # 다블로그: 한국 인재 키우다 / 한국 반도체 중국 보다 -> 7 counted terms
    assert blog.loc["한국", "count"] == 2 and blog.loc["한국", "doc_freq"] == 2
    assert blog.loc["한국", "rel_freq"] == pytest.approx(2 / 7)
    assert blog.loc["한국", "rank"] == 1 and blog.loc["인재", "rank"] == 2
    assert list(blog.index[:3]) == ["한국", "반도체", "보다"]  # ties ordered by term


def two_outlet_corpus(split_first: bool):
    first = [["가/NNG 가/NNG"], ["나/NNG"]] if split_first else [["가/NNG 가/NNG 나/NNG"]]
    return make_tables({"d1": ("갑", first), "d2": ("을", [["나/NNG 다/NNG"]])})


@pytest.mark.parametrize(
    "idf_unit, split_first, idf",
    [
        # two documents: df(가) = 1, df(나) = 2, df(다) = 1
        ("document", False, {"가": math.log(3 / 2) + 1, "나": 1.0, "다": math.log(3 / 2) + 1}),
        # three sentences (갑 has two): df(가) = 1, df(나) = 2, df(다) = 1 out of n = 3
        ("sentence", True, {"가": math.log(4 / 2) + 1, "나": math.log(4 / 3) + 1, "다": math.log(4 / 2) + 1}),
        ("paragraph", True, {"가": math.log(4 / 2) + 1, "나": math.log(4 / 3) + 1, "다": math.log(4 / 2) + 1}),
    ],
)
def test_tfidf_by_hand(idf_unit, split_first, idf):
    sentences, tokens = two_outlet_corpus(split_first)
    table = voc.tfidf(tokens, sentences, idf_unit=idf_unit, options=NO_FILTER)
    assert list(table.columns) == ["outlet", "term", "tf", "df", "idf", "tfidf", "rank"]
    # 갑: tf(가) = 2, tf(나) = 1, then l2 normalization
    raw = {"가": 2 * idf["가"], "나": 1 * idf["나"]}
    length = math.sqrt(sum(v * v for v in raw.values()))
    gap = table[table["outlet"] == "갑"].set_index("term")
    for term, value in raw.items():
        assert gap.loc[term, "idf"] == pytest.approx(idf[term])
        assert gap.loc[term, "tfidf"] == pytest.approx(value / length)
    assert list(gap.index) == ["가", "나"] and list(gap["rank"]) == [1, 2]
    assert table.attrs["idf_unit"] == idf_unit


def test_similarity_by_hand():
    sentences, tokens = two_outlet_corpus(False)
    weights = voc.tfidf(tokens, sentences, options=NO_FILTER)
    sim = voc.similarity(weights)
    w = weights.set_index(["outlet", "term"])["tfidf"]
    assert list(sim.index) == ["갑", "을"] and list(sim.columns) == ["갑", "을"]
    assert np.diag(sim.to_numpy()) == pytest.approx([1.0, 1.0])
    # the two outlets share only 나
    assert sim.loc["갑", "을"] == pytest.approx(w[("갑", "나")] * w[("을", "나")])
    assert sim.loc["을", "갑"] == pytest.approx(sim.loc["갑", "을"])


# ---------------------------------------------------------------------------
# KWIC
# ---------------------------------------------------------------------------


@pytest.fixture
def kwic_tables():
    return make_tables(
        {
            "k1": ("가신문", [[
                "중국/NNP 딥시크/NNP+가/JKS 미국/NNP 엔비디아/NNP+를/JKO 흔들/VV+었/EP+다/EF+./SF",
                "딥시크/NNP+(/SSO+DeepSeek=딥시크/SL!+)/SSC+는/JX 싸/VA+다/EF+./SF",
            ]]),
        }
    )


@pytest.mark.parametrize(
    "pattern, window, regex, expected",
    [
        ("딥시크", 1, False, [("k1-001", "중국", "딥시크", "가 미국"), ("k1-002", "", "딥시크", "(DeepSeek)는 싸다.")]),
        ("딥시크", 0, False, [("k1-001", "", "딥시크", "가"), ("k1-002", "", "딥시크", "(DeepSeek)는")]),
        ("흔들다", 2, False, [("k1-001", "미국 엔비디아를", "흔들", "었다.")]),
        ("엔비디아를?", 2, True, [("k1-001", "딥시크가 미국", "엔비디아를", "흔들었다.")]),
        ("삼성", 5, False, []),
    ],
)
def test_kwic(kwic_tables, pattern, window, regex, expected):
    sentences, tokens = kwic_tables
    table = voc.kwic(sentences, tokens, pattern, window=window, regex=regex)
    assert list(table.columns) == ["outlet", "doc_id", "sent_id", "left", "match", "right"]
    assert list(table[["sent_id", "left", "match", "right"]].itertuples(index=False, name=None)) == expected
    assert set(table["outlet"]) <= {"가신문"}


def test_kwic_gloss_on_request(kwic_tables):
    sentences, tokens = kwic_tables
    hits = voc.kwic(sentences, tokens, "딥시크", include_gloss=True)
    assert list(hits["match"]) == ["딥시크", "딥시크", "DeepSeek"]


@pytest.mark.parametrize("pattern, kwargs", [(" ", {}), ("딥시크", {"window": -1}), ("(", {"regex": True})])
def test_kwic_rejects_bad_input(kwic_tables, pattern, kwargs):
    sentences, tokens = kwic_tables
    with pytest.raises(ValueError):
        voc.kwic(sentences, tokens, pattern, **kwargs)


def test_format_kwic(kwic_tables):
    sentences, tokens = kwic_tables
    text = voc.format_kwic(voc.kwic(sentences, tokens, "딥시크", window=1), width=10)
    assert text.splitlines()[0] == "k1-001          중국 [딥시크] 가 미국"


# ---------------------------------------------------------------------------
# co-occurrence
# ---------------------------------------------------------------------------


@pytest.fixture
def cooc_tables():
    # four sentences: 가 나 / 가 다 / 나 다 / 가 나
    return make_tables({"s": ("갑", [["가/NNG 나/NNG", "가/NNG 다/NNG", "나/NNG 다/NNG", "가/NNG 나/NNG+가/JKS 나/NNG"]])})


def test_cooccurrence_pmi_and_jaccard(cooc_tables):
    sentences, tokens = cooc_tables
    table = voc.cooccurrence(voc.dfm(tokens, sentences, by="sentence", options=NO_FILTER), min_count=1)
    assert list(table.columns) == ["term_a", "term_b", "n_ab", "n_a", "n_b", "n_units", "pmi", "jaccard"]
    assert list(table[["term_a", "term_b", "n_ab"]].itertuples(index=False, name=None)) == [
        ("가", "나", 2), ("가", "다", 1), ("나", "다", 1)
    ]
    first = table.iloc[0]
    # 가 in 3 of 4 sentences, 나 in 3 of 4 (repeated 나 counts once), together in 2
    assert (first["n_a"], first["n_b"], first["n_units"]) == (3, 3, 4)
    assert first["pmi"] == pytest.approx(math.log2(2 * 4 / (3 * 3)))
    assert first["jaccard"] == pytest.approx(2 / (3 + 3 - 2))
    assert len(voc.cooccurrence(voc.dfm(tokens, sentences, by="sentence", options=NO_FILTER), min_count=2)) == 1


def test_cooccurrence_needs_sentence_units(cooc_tables):
    sentences, tokens = cooc_tables
    with pytest.raises(ValueError, match="by='sentence'"):
        voc.cooccurrence(voc.dfm(tokens, sentences, by="document", options=NO_FILTER))


def test_cooccurrence_graph_and_layout(cooc_tables):
    sentences, tokens = cooc_tables
    pairs = voc.cooccurrence(voc.dfm(tokens, sentences, by="sentence", options=NO_FILTER), min_count=1)
    graph = voc.cooccurrence_graph(pairs, top_n=2, weight="n_ab")
    assert isinstance(graph, nx.Graph)
    assert sorted(graph.edges()) == [("가", "나"), ("가", "다")]  # the two strongest pairs; tie broken by term
    assert graph.nodes["가"]["n"] == 3
    edges = voc.graph_edges(graph)
    assert list(edges[["term_a", "term_b", "weight"]].itertuples(index=False, name=None)) == [
        ("가", "나", 2.0), ("가", "다", 1.0)
    ]
    layout = voc.graph_layout(graph, seed=1)
    assert list(layout.columns) == ["term", "x", "y", "n", "degree"]
    assert list(layout["term"]) == ["가", "나", "다"]
    pd.testing.assert_frame_equal(layout, voc.graph_layout(graph, seed=1))


# ---------------------------------------------------------------------------
# determinism and top terms
# ---------------------------------------------------------------------------


def test_tables_do_not_depend_on_row_order(news):
    sentences, tokens = news
    shuffled_sentences = sentences.sample(frac=1, random_state=3)
    shuffled_tokens = tokens.sample(frac=1, random_state=4)
    for build in (
        lambda s, t: voc.keyness(voc.dfm(t, s), min_count=1),
        lambda s, t: voc.frequency(voc.dfm(t, s, by="sentence")),
        lambda s, t: voc.tfidf(t, s, idf_unit="sentence"),
        lambda s, t: voc.cooccurrence(voc.dfm(t, s, by="sentence"), min_count=1),
        lambda s, t: voc.kwic(s, t, "인재"),
    ):
        first = build(sentences, tokens)
        assert not first.empty
        pd.testing.assert_frame_equal(first, build(sentences, tokens))
        pd.testing.assert_frame_equal(first, build(shuffled_sentences, shuffled_tokens))


def test_top_terms_keeps_positive_scores_per_outlet():
    table = pd.DataFrame(
        {
            "outlet": ["갑", "갑", "갑", "을", "을"],
            "term": ["나", "가", "다", "라", "마"],
            "g2": [5.0, 5.0, -1.0, 3.0, 0.0],
        }
    )
    top = voc.top_terms(table, score="g2", n=2)
    assert list(top.itertuples(index=False, name=None)) == [("갑", "가", 5.0), ("갑", "나", 5.0), ("을", "라", 3.0)]


# ---------------------------------------------------------------------------
# figures 2, 3, 9 draw the tables they are given
# ---------------------------------------------------------------------------


def test_vocabulary_figures_are_saved(news, tmp_path):
    from analysis import plots

    sentences, tokens = news
    plots.use_study_style()
    top = voc.top_terms(voc.keyness(voc.dfm(tokens, sentences), min_count=1), score="g2", n=3)
    sim = voc.similarity(voc.tfidf(tokens, sentences))
    graph = voc.cooccurrence_graph(
        voc.cooccurrence(voc.dfm(tokens, sentences, by="sentence"), min_count=1), top_n=5
    )
    edges, positions = voc.graph_edges(graph), voc.graph_layout(graph)
    figures = {
        "fig02_distinctive_terms": (plots.plot_distinctive_terms(top, score="g2"), top),
        "fig03_outlet_similarity": (plots.plot_similarity_heatmap(sim), sim.reset_index()),
        "fig09_cooccurrence_network": (plots.plot_cooccurrence_network(edges, positions), edges),
    }
    for name, (figure, table) in figures.items():
        written = plots.save_figure(figure, name, table, directory=tmp_path)
        assert all(path.stat().st_size > 0 for path in written.files().values())
        assert pd.read_csv(written["csv"], encoding="utf-8-sig").shape == table.shape
    titles = [ax.get_title() for ax in figures["fig02_distinctive_terms"][0].axes if ax.get_title()]
    assert titles == ["가신문", "나일보", "다블로그"]


def test_dfm_summary(news):
    sentences, tokens = news
    summary = voc.dfm(tokens, sentences, by="outlet", options=NO_FILTER).summary()
    blog = summary.set_index("unit").loc["다블로그"]
    assert (blog["n_terms"], blog["n_distinct"]) == (7, 6)  # 한국 twice


def test_similarity_pairs():
    sim = pd.DataFrame(
        [[1.0, 0.2, 0.5], [0.2, 1.0, 0.5], [0.5, 0.5, 1.0]], index=["갑", "을", "병"], columns=["갑", "을", "병"]
    )
    pairs = voc.similarity_pairs(sim)
    assert list(pairs.itertuples(index=False, name=None)) == [("갑", "병", 0.5), ("을", "병", 0.5), ("갑", "을", 0.2)]


def test_top_terms_table():
    top = pd.DataFrame({"outlet": ["갑", "갑", "을"], "term": ["가", "나", "다"], "count": [3, 1, 2]})
    table = voc.top_terms_table(top, score="count", decimals=0)
    assert list(table.columns) == ["갑", "을"]
    assert table.loc[1].tolist() == ["가 (3)", "다 (2)"]
    assert table.loc[2].tolist() == ["나 (1)", ""]
