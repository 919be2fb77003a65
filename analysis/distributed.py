"""The per-document stages on Dask, for corpora one machine cannot handle.

Tokenizing and coding are per document: a corpus split into partitions of
whole documents, processed partition by partition and concatenated, gives
the same tables as one process (sentence numbers count within documents).
This module maps those stages over a ``dask.bag`` of document partitions;
each worker builds its own configured Kiwi (Kiwi objects do not pickle).

Install the optional extra (``pip install -e '.[dist]'``) and pass a
``dask.distributed.Client`` — a ``LocalCluster`` on one machine or a cluster
scheduler's address — or nothing to use Dask's default scheduler::

    from dask.distributed import Client
    client = Client("tcp://scheduler:8786")
    tokenized = tokenize_corpus_dask(cleaned, client=client)
    coded = code_sentences_dask(tokenized, coder=Coder(), client=client)

Corpus-wide statistics (keyness, TF-IDF, similarity) then run on the
concatenated tables, which are small compared with the texts.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.clean import CleanedCorpus
from analysis.tokenize import Tokenized, TokenizerConfig, tokenize_paragraphs


def document_partitions(table: pd.DataFrame, *, documents_per_partition: int) -> list[pd.DataFrame]:
    """Split a table with a ``doc_id`` column into parts of whole documents, in order."""
    if documents_per_partition < 1:
        raise ValueError("documents_per_partition must be at least 1")
    doc_ids = list(dict.fromkeys(table["doc_id"]))
    groups = [set(doc_ids[i : i + documents_per_partition]) for i in range(0, len(doc_ids), documents_per_partition)]
    return [table[table["doc_id"].isin(group)] for group in groups]


def _compute(bag, client: Any | None):
    if client is not None:
        return client.compute(bag).result()
    return bag.compute()


def tokenize_corpus_dask(
    cleaned: CleanedCorpus,
    *,
    client: Any | None = None,
    documents_per_partition: int = 200,
    config: TokenizerConfig = TokenizerConfig(num_workers=1),
) -> Tokenized:
    """:func:`analysis.tokenize.tokenize_corpus` on Dask (no cache).

    Parameters
    ----------
    cleaned : CleanedCorpus
    client : dask.distributed.Client, optional
        Where to run; default Dask's default scheduler.
    documents_per_partition : int, default 200
        Documents per task.
    config : TokenizerConfig
        One Kiwi thread per task by default: the workers are the parallelism.

    Returns
    -------
    Tokenized
        Equal to the single-process result.
    """
    import dask.bag as db

    parts = document_partitions(cleaned.paragraphs, documents_per_partition=documents_per_partition)
    bag = db.from_sequence(parts, npartitions=len(parts)).map(tokenize_paragraphs, config=config)
    results = _compute(bag, client)
    return Tokenized(
        sentences=pd.concat([r.sentences for r in results], ignore_index=True),
        tokens=pd.concat([r.tokens for r in results], ignore_index=True),
    )


def _code_part(part: tuple[pd.DataFrame, pd.DataFrame], coder) -> pd.DataFrame:
    sentences, tokens = part
    return coder.transform(Tokenized(sentences=sentences, tokens=tokens))


def code_sentences_dask(
    tokenized: Tokenized,
    *,
    coder=None,
    client: Any | None = None,
    documents_per_partition: int = 200,
) -> pd.DataFrame:
    """:meth:`analysis.coding.Coder.transform` on Dask: the Coder is shipped to the workers.

    Parameters
    ----------
    tokenized : Tokenized
    coder : analysis.coding.Coder, optional
        Default ``Coder()``. It pickles as its parameters; each worker
        compiles its own copy once per task, coding in one process (Dask
        gives the parallelism, whatever ``coder.n_jobs`` says).
    client : dask.distributed.Client, optional
    documents_per_partition : int, default 200

    Returns
    -------
    pandas.DataFrame
        Equal to ``coder.transform(tokenized)``, with its ``attrs``.
    """
    import dask.bag as db

    from analysis.coding import Coder

    coder = coder if coder is not None else Coder()
    # Dask runs the partitions in parallel: each codes in its worker's own process
    shipped = coder if coder.n_jobs == 1 else Coder(**{**coder.get_params(), "n_jobs": 1})
    sentence_parts = document_partitions(tokenized.sentences, documents_per_partition=documents_per_partition)
    parts = [
        (sentences, tokenized.tokens[tokenized.tokens["doc_id"].isin(set(sentences["doc_id"]))])
        for sentences in sentence_parts
    ]
    bag = db.from_sequence(parts, npartitions=len(parts)).map(_code_part, coder=shipped)
    coded = pd.concat(_compute(bag, client), ignore_index=True)
    coded.attrs = coder.attrs()
    return coded
