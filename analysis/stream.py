"""The whole pipeline in batches of documents, with bounded memory.

For corpora too large to hold as one token table, :func:`run_in_batches`
reads a corpus folder ``batch_size`` documents at a time, cleans, tokenizes
and codes each batch, appends the coded sentences to a CSV file, and keeps
only what corpus-wide statistics need: a sparse outlet × term count matrix
(:func:`analysis.vocabulary.merge_dfm`), whose size grows with the
vocabulary, not with the number of documents. Keyness and TF-IDF of outlets
then run on that matrix.

The results equal those of the in-memory pipeline: sentence ids count within
documents, and every stage but the count matrix works document by document.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from analysis.clean import CleaningError, clean_corpus, read_overrides
from analysis.coding import Coder, write_sidecar
from analysis.corpus import corpus_metadata, iter_corpus
from analysis.tokenize import TokenizerConfig, tokenize_paragraphs
from analysis.vocabulary import DEFAULT_OPTIONS, Dfm, DfmOptions, dfm, merge_dfm


@dataclass
class BatchRun:
    """What a batched run keeps: counts, totals and time per stage.

    Attributes
    ----------
    counts : Dfm or None
        Outlet × term counts over the whole corpus.
    documents, sentences, tokens : int
        Totals.
    seconds : dict
        Wall time per stage (``load, clean, tokenize, code, count``), summed
        over batches.
    """

    counts: Dfm | None = None
    documents: int = 0
    sentences: int = 0
    tokens: int = 0
    seconds: dict[str, float] = field(default_factory=dict)

    def add_time(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds


def run_in_batches(
    corpus_dir: Path | str,
    *,
    batch_size: int = 200,
    coded_path: Path | str | None = None,
    config: TokenizerConfig = TokenizerConfig(),
    options: DfmOptions = DEFAULT_OPTIONS,
    on_batch: Callable[[pd.DataFrame, "BatchRun"], None] | None = None,
    coder: Coder | None = None,
) -> BatchRun:
    """Load → clean → tokenize → code → count, one batch of documents at a time.

    Parameters
    ----------
    corpus_dir : path-like
        A corpus folder (text files plus ``metadata.csv``).
    batch_size : int, default 200
        Documents per batch; memory grows with this, not with the corpus.
    coded_path : path-like, optional
        CSV file the coded sentences are appended to (written anew).
    config : TokenizerConfig
    options : DfmOptions
        What the count matrix counts (see :func:`analysis.vocabulary.dfm`).
    on_batch : callable, optional
        Called after each batch with its paragraphs and the run so far (a
        progress bar, or a comparison run on the same texts).
    coder : Coder, optional
        Codes every batch (default ``Coder()``, the study instruments); its
        instruments are compiled once for the whole run, and their names and
        hashes are written beside ``coded_path``.

    Returns
    -------
    BatchRun
    """
    overrides = read_overrides(Path(corpus_dir))
    known = set(corpus_metadata(corpus_dir)["doc_id"])
    unknown = sorted(set(overrides["doc_id"]) - known)
    if unknown:
        raise CleaningError(f"{Path(corpus_dir) / 'overrides.csv'}: unknown doc_id(s) {', '.join(unknown)}.")
    coder = coder if coder is not None else Coder()
    run = BatchRun()
    if coded_path is not None:
        Path(coded_path).unlink(missing_ok=True)
    batches = iter_corpus(corpus_dir, batch_size=batch_size)
    while True:
        start = time.perf_counter()
        batch = next(batches, None)
        run.add_time("load", time.perf_counter() - start)
        if batch is None:
            if coded_path is not None and run.documents:
                write_sidecar(coder.empty_table(), coded_path, rows=run.sentences)
            return run
        start = time.perf_counter()
        ids = set(batch.documents["doc_id"])
        cleaned = clean_corpus(batch, overrides=overrides[overrides["doc_id"].isin(ids)])
        run.add_time("clean", time.perf_counter() - start)
        start = time.perf_counter()
        tokenized = tokenize_paragraphs(cleaned.paragraphs, config=config)
        run.add_time("tokenize", time.perf_counter() - start)
        start = time.perf_counter()
        coded = coder.transform(tokenized)
        if coded_path is not None:
            coded.to_csv(coded_path, mode="a", header=run.documents == 0, index=False, lineterminator="\n")
        run.add_time("code", time.perf_counter() - start)
        start = time.perf_counter()
        counts = dfm(tokenized.tokens, tokenized.sentences, by="outlet", options=options)
        run.counts = counts if run.counts is None else merge_dfm(run.counts, counts)
        run.add_time("count", time.perf_counter() - start)
        run.documents += len(batch.documents)
        run.sentences += len(tokenized.sentences)
        run.tokens += len(tokenized.tokens)
        if on_batch is not None:
            on_batch(cleaned.paragraphs, run)

