"""The supervised layer's fast feature and evidence path equals scikit-learn's plain one, bit for bit.

:func:`analysis.training.tfidf_transform` counts features its own way and
``SupervisedLayer._explain`` ranks contributions of many rows at once; both
must give exactly what ``TfidfVectorizer.transform`` and a per-row sort give,
on a few hundred invented units (white space of every kind, capitals, Greek
final sigma, empty texts, words the vocabulary has never seen) and with the
shipped hybrid model.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from analysis import training
from analysis.coding import Coder, units_as_sentences

WORDS = [
    "미국은", "중국의", "인공지능", "패권", "경쟁이", "격화되고", "있다", "반도체", "수출", "통제를", "강화했다",
    "딥시크는", "오픈소스", "모델을", "공개했다", "정부는", "규제를", "검토해야", "한다고", "밝혔다", "한국",
    "기업들이", "긴장하고", "DeepSeek", "AI", "OpenAI의", "GPU", "ΣΟΦΟΣ", "Straße", "İstanbul", "1위",
    "“좋다”고", "‘위협’", "(中國)", "…", "!!", "—", "😀", "ｆｕｌｌ", "e\u0301", "ǅ",
]
SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u3000", " \t ", "\u2003"]


def invented_units(n: int, *, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    units = []
    for number in range(n):
        if number % 50 == 0:
            units.append("")  # empty texts have empty rows
            continue
        words = rng.choices(WORDS, k=rng.randint(1, 14))
        text = words[0]
        for word in words[1:]:
            text += rng.choice(SPACES) + word
        units.append(rng.choice(["", " ", "\n"]) + text + rng.choice(["", ".", " ", "\t"]))
    return units


def assert_same_matrix(fast, plain) -> None:
    fast, plain = sparse.csr_array(fast), sparse.csr_array(plain)
    assert fast.shape == plain.shape
    assert fast.has_sorted_indices and plain.has_sorted_indices
    np.testing.assert_array_equal(fast.indptr, plain.indptr)
    np.testing.assert_array_equal(fast.indices, plain.indices)
    np.testing.assert_array_equal(fast.data, plain.data)  # exact, not approximately


@pytest.fixture(scope="module")
def units():
    texts = invented_units(400)
    tokenized = units_as_sentences(texts, name="invented")
    coded = Coder().transform(tokenized)
    return texts, tokenized, coded


@pytest.fixture(scope="module")
def hybrid():
    return training.resolve_model("hybrid")


@pytest.fixture(scope="module")
def small_layer(units):
    """A layer fitted on half the invented units, with every feature kept (``min_df=1``)."""
    texts, tokenized, coded = units
    rng = np.random.default_rng(0)
    labels = pd.DataFrame({
        "frame_rivalry": rng.integers(0, 2, len(coded)),
        "tone": rng.integers(-1, 2, len(coded)),
    }, index=pd.Index(coded["sent_id"], name="sent_id"))
    half = coded.iloc[::2].reset_index(drop=True)
    tokens = tokenized.tokens[tokenized.tokens["sent_id"].isin(half["sent_id"])]
    return training.SupervisedLayer(codes=["frame_rivalry", "tone"], min_df=1, n_splits=3).fit(tokens, half, labels)


@pytest.mark.parametrize("which", ["hybrid", "small_layer"])
def test_fast_transform_equals_sklearn(units, which, request):
    layer = request.getfixturevalue(which)
    texts, tokenized, coded = units
    morphemes, plain_texts, indicators = layer._documents(tokenized.tokens, coded)
    for vectorizer, documents in [
        (layer.morpheme_vectorizer_, morphemes),
        (layer.char_vectorizer_, plain_texts),
        (layer.char_vectorizer_, texts),  # the raw units, leading and trailing white space included
        *([(layer.indicator_vectorizer_, indicators)] if indicators is not None else []),
    ]:
        assert_same_matrix(training.tfidf_transform(vectorizer, documents), vectorizer.transform(documents))


def test_other_analyzers_take_sklearns_path(units):
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = units[0]
    for options in ({"analyzer": "word"}, {"analyzer": "char_wb", "strip_accents": "unicode"},
                    {"analyzer": "char_wb", "binary": True}):
        vectorizer = TfidfVectorizer(**options).fit(texts)
        assert training._feature_counts(vectorizer, texts) is None
        assert_same_matrix(training.tfidf_transform(vectorizer, texts), vectorizer.transform(texts))


def _explain_one_row(layer, matrix, row, weights):
    """The evidence of one row as the layer first wrote it: every contribution sorted, positives kept."""
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    columns, values = matrix.indices[start:end], matrix.data[start:end]
    contribution = values * weights[columns]
    order = np.lexsort((layer.feature_names_[columns].astype(str), -contribution))
    top = [i for i in order if contribution[i] > 0][: training.EVIDENCE_FEATURES]
    return ", ".join(f"{layer.feature_names_[columns[i]]} {contribution[i]:+.2f}" for i in top) or "(prior)"


@pytest.mark.parametrize("which", ["hybrid", "small_layer"])
def test_evidence_of_many_rows_equals_one_row_at_a_time(units, which, request):
    layer = request.getfixturevalue(which)
    _, tokenized, coded = units
    matrix = layer._features(tokenized.tokens, coded, fit=False)
    names = layer.feature_names_.tolist()
    ranks = np.unique(layer.feature_names_.astype(str), return_inverse=True)[1].reshape(-1)
    rows = np.arange(matrix.shape[0])
    for code in layer.codes_:
        features = layer._code_matrix(matrix, code)  # the frames see the context block, the others not
        for model in layer.models_[code]:
            weights = model.coef_[0]
            together = layer._explain(features, rows, weights, names, ranks)
            assert together == [_explain_one_row(layer, features, row, weights) for row in rows]
