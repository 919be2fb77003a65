"""The benchmark's synthetic corpora (timings themselves are never asserted)."""

from __future__ import annotations

import pytest

from analysis.bench import MAX_ARTICLES, synthetic_corpus
from analysis.clean import clean_corpus
from analysis.corpus import load_corpus
from analysis.pipeline import prepare


def test_synthetic_corpus_is_reproducible_and_cleanable(tmp_path):
    sentences = prepare().sentences
    first = synthetic_corpus(sentences, 6, tmp_path / "a", seed=7, sentences_per_article=5)
    second = synthetic_corpus(sentences, 6, tmp_path / "b", seed=7, sentences_per_article=5)
    for path in sorted(first.iterdir()):
        assert path.read_bytes() == (second / path.name).read_bytes()
    cleaned = clean_corpus(load_corpus(first))
    reasons = set(cleaned.lines.loc[cleaned.lines["role"] == "chrome", "reason"])
    assert {"share/print buttons", "copyright"} <= reasons
    assert cleaned.paragraphs.groupby("doc_id")["role"].first().eq("title").all()


@pytest.mark.parametrize("size", [0, MAX_ARTICLES + 1])
def test_sizes_out_of_range(tmp_path, size):
    with pytest.raises(ValueError, match="between 1 and"):
        synthetic_corpus(prepare().sentences, size, tmp_path / "x")
