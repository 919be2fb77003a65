"""Benchmark: how the pipeline's cost grows with the number of articles.

``make bench`` (``python -m analysis bench``) builds synthetic corpora of N
articles from shuffled seed sentences, runs load → clean → tokenize → code →
keyness on each — in batches of documents (:mod:`analysis.stream`), so that
memory stays bounded as N grows — and reports wall time per stage, articles
per second, peak memory, and the ratio of the pipeline's tokenization
throughput to kiwipiepy's own batched throughput on the same paragraphs with
the same number of threads (the median of paired, alternating timings, see
:func:`measure`). Each size runs in its own process, so peak
memory is that size's own. Results go to ``bench/results.csv`` and
``bench/time_vs_articles.png``.

The coder is the one ``make report`` uses: the dictionary plus the shipped
``hybrid`` model (``--model``, see :func:`analysis.training.resolve_model`;
``--model none`` for the dictionary alone), coding in as many processes as
Kiwi has threads (``Coder(n_jobs=...)``). The model's share of the coding's
wall time is taken from the processes' own timings (``Coder.timings_``), so
the table has, per size (``worker_peak_rss_mb``: the largest worker process):

``code_seconds``, ``code_ms_per_sentence``
    the dictionary coding (the code stage without the model's predictions,
    writing the coded CSV included), in seconds and per sentence;
``model_seconds``, ``model_ms_per_sentence``
    the model's predictions (0 without a model);
``code_with_model_ms_per_sentence``
    both: the code stage of ``make report``, per sentence;
``pipeline_vs_kiwi``
    the whole pipeline's time, every stage and the model included, as a
    multiple of kiwipiepy's own time on the same paragraphs in the same run;
``dictionary_pipeline_vs_kiwi``
    the same without the model's time.

This is a benchmark, not a test: timings depend on the machine and are not
asserted anywhere.
"""

from __future__ import annotations

import gc
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

import pandas as pd

from analysis import paths

STAGES = ("load", "clean", "tokenize", "code", "model", "keyness")
#: The coder ``make report`` uses: the dictionary plus the shipped hybrid model.
DEFAULT_MODEL = "hybrid"
DEFAULT_SIZES = (250, 500, 1000, 2000)
MAX_ARTICLES = 100_000


def synthetic_corpus(
    sentences: pd.DataFrame,
    n_articles: int,
    directory: Path,
    *,
    seed: int = 0,
    sentences_per_article: int = 24,
    sentences_per_paragraph: int = 3,
) -> Path:
    """Write a corpus folder of ``n_articles`` articles made of shuffled seed sentences.

    Each article gets a headline (a seed title or subhead), body paragraphs of
    ``sentences_per_paragraph`` sentences, and, like a real capture, a share
    button line and a copyright line that cleaning must remove. Outlets cycle
    through the seed outlets.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The seed sentence table (``role``, ``outlet``, ``text``).
    n_articles : int
        Number of articles (1 to 100,000).
    directory : pathlib.Path
        Folder to create.
    seed : int
        Seed of the random generator; the same seed writes the same corpus.

    Returns
    -------
    pathlib.Path
        The corpus folder.
    """
    if not 1 <= n_articles <= MAX_ARTICLES:
        raise ValueError(f"n_articles must be between 1 and {MAX_ARTICLES:,}, got {n_articles}")
    rng = random.Random(seed)
    headlines = sentences.loc[sentences["role"] != "body", "text"].tolist()
    body = sentences.loc[sentences["role"] == "body", "text"].tolist()
    outlets = list(dict.fromkeys(sentences["outlet"]))
    directory.mkdir(parents=True, exist_ok=True)
    width = len(str(n_articles))
    rows = []
    for number in range(1, n_articles + 1):
        picked = rng.sample(body, k=min(sentences_per_article, len(body)))
        paragraphs = [
            " ".join(picked[i : i + sentences_per_paragraph])
            for i in range(0, len(picked), sentences_per_paragraph)
        ]
        text = "\n".join([rng.choice(headlines), "공유", *paragraphs, "ⓒ 무단전재 및 재배포 금지"])
        name = f"a{number:0{width}d}.txt"
        (directory / name).write_text(text + "\n", encoding="utf-8")
        rows.append({"doc_id": f"a{number:0{width}d}", "file": name, "outlet": outlets[number % len(outlets)]})
    pd.DataFrame(rows).to_csv(directory / "metadata.csv", index=False)
    return directory


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def compare_with_kiwi(
    paragraphs: pd.DataFrame, config, *, repeats: int = 4
) -> list[tuple[float, float]]:
    """Paired timings of the pipeline's tokenization and of kiwipiepy alone.

    The pipeline is :func:`analysis.tokenize.tokenize_paragraphs` (sentences,
    tokens, normalized terms, glosses, both tables built). kiwipiepy alone is
    the same batched call the pipeline makes, ``Kiwi.tokenize`` over the same
    paragraphs with the same Kiwi object (user dictionary, worker threads),
    its results consumed and dropped. Each of ``repeats`` rounds times both,
    one right after the other, alternating which goes first, so that the two
    timings of a pair see the same state of a shared machine.

    Returns
    -------
    list of (float, float)
        ``(pipeline seconds, kiwipiepy seconds)`` per round.
    """
    from analysis.tokenize import configured_kiwi, tokenize_paragraphs

    kiwi = configured_kiwi(config)
    texts = paragraphs["text"].tolist()

    def kiwi_alone() -> None:
        for _ in kiwi.tokenize(texts):
            pass

    def pipeline() -> None:
        tokenize_paragraphs(paragraphs, config=config)

    pairs = []
    for round_number in range(repeats):
        seconds = {}
        order = [("pipeline", pipeline), ("kiwi", kiwi_alone)]
        for name, run in order if round_number % 2 == 0 else order[::-1]:
            gc.collect()
            start = time.perf_counter()
            run()
            seconds[name] = time.perf_counter() - start
        pairs.append((seconds["pipeline"], seconds["kiwi"]))
    return pairs


def measure(
    corpus_dir: Path, *, num_workers: int = 0, batch_size: int = 200, repeats: int = 4,
    model: str | Path | None = DEFAULT_MODEL,
) -> dict:
    """Run every stage on one corpus folder, in batches, and time it (in this process).

    The pipeline is :func:`analysis.stream.run_in_batches` (bounded memory),
    coding with ``Coder(model=resolve_model(model))``; the model's
    ``predict`` calls are timed apart (``model_seconds``) and taken out of
    the code stage. After each batch, :func:`compare_with_kiwi` times the
    pipeline's tokenization and kiwipiepy alone on the batch's paragraphs,
    ``repeats`` pairs of timings.

    The throughput ratio is the median, over all pairs, of kiwipiepy's time
    divided by the pipeline's: on a shared machine single timings vary by
    10-20%, and within a pair both runs see the same conditions, so the
    median of paired ratios is far steadier than a ratio of totals. The
    quartiles show the spread.

    Returns
    -------
    dict
        ``model`` (the coder's name, see :func:`analysis.training.model_name`),
        ``articles, sentences, tokens``, seconds per stage (one run each;
        ``code`` without the model's predictions, ``model`` those),
        ``pipeline_tokenize_seconds`` and ``kiwi_seconds`` (medians per batch,
        summed), ``tokenize_vs_kiwi`` (median paired ratio) with
        ``tokenize_vs_kiwi_q1`` and ``tokenize_vs_kiwi_q3``, ``peak_rss_mb``.
    """
    import statistics
    import tempfile

    from analysis.coding import Coder
    from analysis.stream import run_in_batches
    from analysis.tokenize import TokenizerConfig, configured_kiwi
    from analysis.training import model_name, resolve_model
    from analysis.vocabulary import keyness

    layer = resolve_model(model)
    # the coding runs in as many processes as Kiwi has threads
    coder = Coder(model=layer, n_jobs=num_workers if num_workers > 0 else -1)
    config = TokenizerConfig(num_workers=num_workers)
    kiwi = configured_kiwi(config)
    list(kiwi.tokenize(["준비 운동 문장이다."] * 8))  # warm-up
    ratios: list[float] = []
    medians = {"pipeline": 0.0, "kiwi": 0.0}

    def compare(paragraphs: pd.DataFrame, _run) -> None:
        pairs = compare_with_kiwi(paragraphs, config, repeats=repeats)
        ratios.extend(kiwi_seconds / pipeline_seconds for pipeline_seconds, kiwi_seconds in pairs)
        medians["pipeline"] += statistics.median(pipeline_seconds for pipeline_seconds, _ in pairs)
        medians["kiwi"] += statistics.median(kiwi_seconds for _, kiwi_seconds in pairs)

    with tempfile.TemporaryDirectory(prefix="bench-coded-") as scratch, coder:
        run = run_in_batches(
            corpus_dir, batch_size=batch_size, coded_path=Path(scratch) / "coded.csv",
            config=config, on_batch=compare, coder=coder,
        )
    start = time.perf_counter()
    keyness(run.counts)
    seconds = dict(run.seconds)
    seconds["keyness"] = seconds.pop("count") + time.perf_counter() - start
    # the model's share of the coding's wall time: with several processes, the
    # processes' seconds in the model over their seconds in dictionary and model
    timings = coder.timings_
    busy = timings["dictionary"] + timings["model"]
    seconds["model"] = timings["wall"] * timings["model"] / busy if busy else 0.0
    seconds["code"] -= seconds["model"]
    # quartiles need two values; a single pair is its own spread
    quartiles = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else ratios * 3
    return {
        "model": model_name(layer),
        "articles": run.documents,
        "sentences": run.sentences,
        "tokens": run.tokens,
        **{f"{stage}_seconds": round(seconds[stage], 3) for stage in STAGES},
        "pipeline_tokenize_seconds": round(medians["pipeline"], 3),
        "kiwi_seconds": round(medians["kiwi"], 3),
        "tokenize_vs_kiwi": round(statistics.median(ratios), 3),
        "tokenize_vs_kiwi_q1": round(quartiles[0], 3),
        "tokenize_vs_kiwi_q3": round(quartiles[2], 3),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "worker_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "code_processes": coder.n_jobs_,
    }


def run_benchmark(
    sizes: Sequence[int] = DEFAULT_SIZES,
    *,
    output_dir: Path | None = None,
    seed: int = 0,
    num_workers: int = 0,
    repeats: int = 4,
    model: str | Path | None = DEFAULT_MODEL,
    progress: bool = True,
) -> pd.DataFrame:
    """Benchmark each size in a fresh process; write ``results.csv``.

    Parameters
    ----------
    sizes : sequence of int
        Corpus sizes in articles.
    output_dir : pathlib.Path, optional
        Folder of ``results.csv`` (default ``bench/``).
    seed : int
        Seed of the synthetic corpora.
    num_workers : int
        Kiwi worker threads (0: all cores).
    repeats : int
        Pairs of timings per batch of the tokenization and of kiwipiepy
        alone (see :func:`compare_with_kiwi`).
    model : str or path, optional
        The coder's trained model, as :func:`analysis.training.resolve_model`
        reads it (default ``"hybrid"``, as ``make report``); ``"none"`` or
        ``None`` for the dictionary alone.
    progress : bool
        Show a progress bar on standard error.

    Returns
    -------
    pandas.DataFrame
        One row per size: stage seconds, ``total_seconds``,
        ``articles_per_second``, ``code_ms_per_sentence`` (the dictionary
        coding's wall time per sentence), ``model_ms_per_sentence`` (the
        model's), ``code_with_model_ms_per_sentence`` (both),
        ``pipeline_vs_kiwi`` (the whole pipeline's time, every stage and the
        model included, as a multiple of kiwipiepy's own time on the same
        paragraphs in the same run), ``dictionary_pipeline_vs_kiwi`` (the
        same without the model), ``tokenize_vs_kiwi``, ``peak_rss_mb``.
    """
    from tqdm.auto import tqdm

    from analysis.pipeline import prepare

    from analysis.training import resolve_model

    output_dir = Path(output_dir) if output_dir is not None else paths.BENCH
    resolve_model(model)  # a missing or unreadable model fails here, before any size runs
    sentences = prepare().sentences
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for size in tqdm(sorted(sizes), desc="benchmark", unit="size", disable=not progress, file=sys.stderr):
            corpus_dir = synthetic_corpus(sentences, size, Path(scratch) / f"n{size}", seed=seed)
            result = subprocess.run(
                [sys.executable, "-m", "analysis", "bench", "--measure", str(corpus_dir),
                 "--workers", str(num_workers), "--repeats", str(repeats),
                 "--model", "none" if model is None else str(model)],
                capture_output=True, text=True, check=False,
                env={**os.environ, "DEEPSEEK_FRAMING_CACHE": str(Path(scratch) / "cache")},
            )
            if result.returncode != 0:
                raise RuntimeError(f"benchmark of {size} articles failed:\n{result.stderr[-2000:]}")
            rows.append({"size": size, **json.loads(result.stdout.strip().splitlines()[-1])})
    table = pd.DataFrame(rows)
    stage_columns = [f"{stage}_seconds" for stage in STAGES]
    table["total_seconds"] = table[stage_columns].sum(axis=1).round(3)
    table["articles_per_second"] = (table["articles"] / table["total_seconds"]).round(1)
    table["code_ms_per_sentence"] = (1000 * table["code_seconds"] / table["sentences"]).round(4)
    table["model_ms_per_sentence"] = (1000 * table["model_seconds"] / table["sentences"]).round(4)
    table["code_with_model_ms_per_sentence"] = (
        1000 * (table["code_seconds"] + table["model_seconds"]) / table["sentences"]
    ).round(4)
    table["pipeline_vs_kiwi"] = (table["total_seconds"] / table["kiwi_seconds"]).round(2)
    table["dictionary_pipeline_vs_kiwi"] = (
        (table["total_seconds"] - table["model_seconds"]) / table["kiwi_seconds"]
    ).round(2)
    table["num_workers"] = num_workers or os.cpu_count()
    output_dir.mkdir(parents=True, exist_ok=True)
    table.to_csv(output_dir / "results.csv", index=False)
    return table
