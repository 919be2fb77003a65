"""The batched pipeline equals the in-memory one."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis.bench import synthetic_corpus
from analysis.coding import code_sentences, sidecar_path
from analysis.pipeline import prepare
from analysis.stream import run_in_batches
from analysis.vocabulary import dfm, keyness


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    directory = tmp_path_factory.mktemp("stream") / "corpus"
    return synthetic_corpus(prepare().sentences, 9, directory, seed=5, sentences_per_article=5)


def test_batches_give_the_same_coding_and_counts(corpus, tmp_path):
    whole = prepare(corpus, use_cache=False)
    expected_coded = code_sentences(whole.sentences, whole.tokens)
    expected_counts = dfm(whole.tokens, whole.sentences, by="outlet").to_frame()
    coded_path = tmp_path / "coded.csv"
    run = run_in_batches(corpus, batch_size=4, coded_path=coded_path)
    assert (run.documents, run.sentences, run.tokens) == (9, len(whole.sentences), len(whole.tokens))
    coded = pd.read_csv(coded_path, keep_default_na=False, dtype=str)
    assert coded["sent_id"].tolist() == expected_coded["sent_id"].tolist()
    for column in ("frame_rivalry", "prescription", "tone"):
        assert coded[column].tolist() == expected_coded[column].astype(str).tolist()
    counts = run.counts.to_frame()
    pd.testing.assert_frame_equal(
        counts.loc[expected_counts.index, expected_counts.columns], expected_counts, check_names=False
    )
    assert counts.values.sum() == expected_counts.values.sum()
    pd.testing.assert_frame_equal(keyness(run.counts), keyness(dfm(whole.tokens, whole.sentences, by="outlet")))
    assert set(run.seconds) == {"load", "clean", "tokenize", "code", "count"}
    # the instruments of the whole run, beside the CSV written batch by batch
    sidecar = json.loads(sidecar_path(coded_path).read_text(encoding="utf-8"))
    assert sidecar["rows"] == len(whole.sentences) == len(coded)
    assert sidecar["columns"] == list(expected_coded.columns)
    assert sidecar["instruments"] == expected_coded.attrs["instruments"]


def test_batch_size_must_be_positive(corpus):
    with pytest.raises(ValueError, match="batch_size"):
        run_in_batches(corpus, batch_size=0)
