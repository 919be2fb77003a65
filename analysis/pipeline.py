"""The study's first stages composed: load → clean → tokenize.

Every notebook and CLI command starts here, so the stages always run with the
same options and in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from analysis import tables
from analysis.clean import CleanedCorpus, clean_corpus
from analysis.corpus import Corpus, load_corpus
from analysis.tokenize import Tokenized, TokenizerConfig, tokenize_corpus


@dataclass(frozen=True)
class Study:
    """A loaded, cleaned and tokenized corpus.

    Attributes
    ----------
    corpus : Corpus
    cleaned : CleanedCorpus
    tokenized : Tokenized
    """

    corpus: Corpus
    cleaned: CleanedCorpus
    tokenized: Tokenized

    @property
    def sentences(self):
        """The sentence table (see ``docs/data_model.md``)."""
        return self.tokenized.sentences

    @property
    def tokens(self):
        """The token table (see ``docs/data_model.md``)."""
        return self.tokenized.tokens


def prepare(
    corpus_dir: Path | str | Corpus | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    preset: str | None = None,
    header_row: int | None = None,
    config: TokenizerConfig = TokenizerConfig(),
    use_cache: bool = True,
) -> Study:
    """Load, clean and tokenize a corpus folder (default: ``seeds/``) or corpus table.

    ``columns``, ``preset`` and ``header_row`` describe a corpus table
    (CSV/XLSX, e.g. a BigKinds export); see
    :func:`analysis.corpus.load_table_corpus`. An already loaded
    :class:`~analysis.corpus.Corpus` is cleaned and tokenized as it is.

    Examples
    --------
    >>> study = prepare()  # doctest: +SKIP
    >>> study.sentences.groupby("outlet").size()  # doctest: +SKIP
    """
    if isinstance(corpus_dir, Corpus):
        corpus = corpus_dir
    else:
        corpus = load_corpus(corpus_dir, columns=columns, preset=preset, header_row=header_row)
    cleaned = clean_corpus(corpus)
    tokenized = tokenize_corpus(cleaned, config=config, use_cache=use_cache)
    return Study(corpus=corpus, cleaned=cleaned, tokenized=tokenized)


@dataclass(frozen=True)
class CodedStudy:
    """A prepared study with its automated coding and, where there is one, its manual coding.

    Attributes
    ----------
    study : Study
    coded : pandas.DataFrame
        From :meth:`analysis.coding.Coder.transform`.
    manual : pandas.DataFrame or None
        From :func:`analysis.validation.read_coding`, indexed by ``sent_id``.
    coder : analysis.coding.Coder
        The Coder that made ``coded``: its codebook (``coder.codebook_``),
        frame ids (``coder.frame_ids_``) and stance targets
        (``coder.targets_.labels``) are what the notebooks label and loop over.
    """

    study: Study
    coded: pd.DataFrame
    manual: pd.DataFrame | None
    coder: Any = None


def coded_study(
    corpus_dir: Path | str | None = None,
    *,
    manual_coding: Path | str | None = None,
    model: str | Path | None = None,
    codebook: Path | str | None = None,
    targets: Path | str | None = None,
    lexicon: Path | str | None = None,
    tone_rules: Path | str | None = None,
    voices: Path | str | None = None,
    entities: Path | str | None = None,
    coder=None,
) -> CodedStudy:
    """Load, clean, tokenize and code a corpus, with its manual coding when there is one.

    The common first step of the framing, validation, tone and synthesis
    notebooks. The seed study (``corpus_dir`` None) uses
    ``data/manual_coding.csv``; another corpus has manual coding only when
    ``manual_coding`` names a file.

    Parameters
    ----------
    corpus_dir : path-like, optional
    manual_coding : path-like, optional
    model : str or path-like, optional
        The coder: ``"hybrid"`` (the shipped model: the dictionary's
        decisions plus the supervised layer), ``"supervised"``, a model
        folder from ``python -m analysis train``, or ``"dictionary"``/``None``
        (default) for the dictionary alone (see :func:`analysis.training.resolve_model`).
    codebook, targets, lexicon, tone_rules : path-like, optional
        Other instruments (the ``code`` command's ``--codebook``, ``--targets``,
        ``--lexicon`` and ``--tone-rules``); ``None``: the study's own. A shipped
        model was trained on the study's codebook and targets, so with another
        codebook or targets file give ``model="dictionary"`` or a model trained
        on them (:class:`analysis.coding.Coder` names the mismatch otherwise).
    voices, entities : path-like, optional
        The voices file and your own entity table of the Coder's
        :meth:`~analysis.coding.Coder.extract_voices` (``coded_run.coder``).
    coder : analysis.coding.Coder, optional
        A Coder of one's own; ``model`` and the instrument paths are then ignored.
    """
    from analysis.coding import Coder
    from analysis.validation import load_manual_coding

    from analysis.training import resolve_model

    if coder is None:
        coder = Coder(codebook=codebook, targets=targets, lexicon=lexicon, tone_rules=tone_rules,
                      voices=voices, entities=entities, model=resolve_model(model))
    study = prepare(corpus_dir)
    coded = coder.transform(study.tokenized)
    manual = load_manual_coding(
        manual_coding, corpus_dir=corpus_dir, frame_ids=coder.frame_ids_, sent_ids=study.sentences["sent_id"],
        target_ids=coder.target_ids_,
    )
    return CodedStudy(study=study, coded=coded, manual=manual, coder=coder)


def write_csv(table: pd.DataFrame, path: Path | str, *, bom: bool = True) -> None:
    """Write a table as UTF-8 CSV with :func:`analysis.tables.write_csv`.

    Atomic, floats rounded to a fixed precision, mode 0644, with a
    byte-order mark unless ``bom=False``. Returns nothing, so that a notebook
    cell ending in a write shows no machine path.
    """
    tables.write_csv(table, path, bom=bom)
