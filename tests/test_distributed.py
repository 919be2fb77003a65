"""The Dask path gives the same tables as the single-process run."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.bench import synthetic_corpus
from analysis.clean import clean_corpus
from analysis.coding import Coder, code_sentences
from analysis.corpus import load_corpus
from analysis.distributed import code_sentences_dask, document_partitions, tokenize_corpus_dask
from analysis import paths
from analysis.pipeline import prepare
from analysis.tokenize import tokenize_corpus

distributed = pytest.importorskip("dask.distributed", reason="the optional 'dist' extra is not installed")


@pytest.fixture(scope="module")
def small_synthetic(tmp_path_factory):
    directory = tmp_path_factory.mktemp("synthetic") / "corpus"
    return synthetic_corpus(prepare().sentences, 12, directory, seed=3, sentences_per_article=6)


def test_partitions_hold_whole_documents():
    table = pd.DataFrame({"doc_id": list("aabbbcd"), "x": range(7)})
    parts = document_partitions(table, documents_per_partition=2)
    assert [p["doc_id"].tolist() for p in parts] == [list("aabbb"), list("cd")]


def test_local_cluster_equals_single_process(small_synthetic):
    cleaned = clean_corpus(load_corpus(small_synthetic))
    single = tokenize_corpus(cleaned, use_cache=False)
    single_coded = code_sentences(single.sentences, single.tokens)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        parallel = tokenize_corpus_dask(cleaned, client=client, documents_per_partition=5)
        parallel_coded = code_sentences_dask(parallel, client=client, documents_per_partition=5)
    pd.testing.assert_frame_equal(parallel.sentences, single.sentences)
    pd.testing.assert_frame_equal(parallel.tokens, single.tokens)
    pd.testing.assert_frame_equal(parallel_coded, single_coded)


def test_the_coder_is_shipped_to_the_workers(small_synthetic, tmp_path):
    """A Coder with non-default instruments, pickled to a local cluster, codes as it does here."""
    rules = paths.package_data("tone_rules.yaml").read_text(encoding="utf-8")
    swapped = tmp_path / "tone_rules.yaml"
    swapped.write_text(rules.replace("  매우: 1.5", "  매우: 2"), encoding="utf-8")
    coder = Coder(tone_rules=swapped, window=5)
    tokenized = tokenize_corpus(clean_corpus(load_corpus(small_synthetic)), use_cache=False)
    expected = coder.transform(tokenized)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        coded = code_sentences_dask(tokenized, coder=coder, client=client, documents_per_partition=4)
    pd.testing.assert_frame_equal(coded, expected)
    assert coded.attrs == expected.attrs
    assert coded.attrs["instruments"]["tone_rules"]["source"] == str(swapped)


def test_a_several_process_coder_codes_in_one_process_per_task(small_synthetic, monkeypatch):
    """Dask gives the parallelism: the Coder it ships has n_jobs=1, and codes as the given one does."""
    from analysis import distributed as dist

    seen = []

    def recording(part, coder):
        seen.append(coder.n_jobs)
        return Coder.transform(coder, dist.Tokenized(sentences=part[0], tokens=part[1]))

    monkeypatch.setattr(dist, "_code_part", recording)
    tokenized = tokenize_corpus(clean_corpus(load_corpus(small_synthetic)), use_cache=False)
    coder = Coder(n_jobs=2)
    import dask

    with dask.config.set(scheduler="synchronous"):  # the tasks run here, where the recording is
        coded = code_sentences_dask(tokenized, coder=coder, documents_per_partition=4)
    assert seen and set(seen) == {1}
    assert coder.n_jobs == 2  # the caller's Coder is left as it was
    pd.testing.assert_frame_equal(coded, Coder().transform(tokenized))
