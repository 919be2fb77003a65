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


def test_benchmark_writes_results_and_plot(tmp_path):
    """The benchmark runs end to end on tiny corpora (what it measures is not asserted)."""
    from analysis.cli import main

    assert main(["bench", "--sizes", "2", "3", "4", "--repeats", "1", "--out", str(tmp_path)]) == 0
    import pandas as pd

    table = pd.read_csv(tmp_path / "results.csv")
    assert table["size"].tolist() == [2, 3, 4]
    assert table["articles"].tolist() == [2, 3, 4]
    assert (table["tokens"] > 0).all()
    assert (table["tokenize_vs_kiwi_q1"] > 0).all()
    assert (table["tokenize_vs_kiwi_q1"] <= table["tokenize_vs_kiwi"]).all()
    assert (table["tokenize_vs_kiwi"] <= table["tokenize_vs_kiwi_q3"]).all()
    assert (table["pipeline_tokenize_seconds"] > 0).all() and (table["kiwi_seconds"] > 0).all()
    # the two headline numbers are the stage times they are defined from
    per_sentence = 1000 * table["code_seconds"] / table["sentences"]
    assert table["code_ms_per_sentence"].tolist() == pytest.approx(per_sentence.tolist(), abs=1e-4)
    assert table["pipeline_vs_kiwi"].tolist() == pytest.approx(
        (table["total_seconds"] / table["kiwi_seconds"]).tolist(), abs=0.01
    )
    # by default the coder is make report's: the dictionary and the shipped hybrid model, timed apart
    assert table["model"].str.startswith("hybrid").all()
    assert (table["model_seconds"] > 0).all()
    assert table["model_ms_per_sentence"].tolist() == pytest.approx(
        (1000 * table["model_seconds"] / table["sentences"]).tolist(), abs=1e-4
    )
    assert table["code_with_model_ms_per_sentence"].tolist() == pytest.approx(
        (table["code_ms_per_sentence"] + table["model_ms_per_sentence"]).tolist(), abs=2e-4
    )
    assert table["dictionary_pipeline_vs_kiwi"].tolist() == pytest.approx(
        ((table["total_seconds"] - table["model_seconds"]) / table["kiwi_seconds"]).tolist(), abs=0.01
    )
    assert (tmp_path / "time_vs_articles.png").stat().st_size > 0


def test_benchmark_of_the_dictionary_alone(tmp_path):
    from analysis.cli import main

    assert main(["bench", "--sizes", "2", "3", "4", "--repeats", "1", "--model", "none",
                 "--out", str(tmp_path)]) == 0
    import pandas as pd

    table = pd.read_csv(tmp_path / "results.csv")
    assert table["model"].tolist() == ["dictionary"] * 3
    assert (table["model_seconds"] == 0).all()
    assert table["dictionary_pipeline_vs_kiwi"].tolist() == table["pipeline_vs_kiwi"].tolist()


def test_benchmark_with_a_missing_model_fails_before_running(tmp_path):
    from analysis.cli import main

    assert main(["bench", "--sizes", "2", "3", "4", "--model", str(tmp_path / "no-model"),
                 "--out", str(tmp_path)]) != 0
    assert not (tmp_path / "results.csv").exists()


def test_benchmark_needs_three_sizes_and_a_repeat(tmp_path):
    from analysis.cli import main

    assert main(["bench", "--sizes", "2", "3", "--out", str(tmp_path)]) != 0
    assert main(["bench", "--sizes", "2", "3", "4", "--repeats", "0", "--out", str(tmp_path)]) != 0
    assert not (tmp_path / "results.csv").exists()
