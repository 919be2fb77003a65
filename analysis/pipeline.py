"""The study's first stages composed: load → clean → tokenize.

Every notebook and CLI command starts here, so the stages always run with the
same options and in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

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
    corpus_dir: Path | str | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    preset: str | None = None,
    config: TokenizerConfig = TokenizerConfig(),
    use_cache: bool = True,
) -> Study:
    """Load, clean and tokenize a corpus folder (default: ``seeds/``) or corpus table.

    ``columns`` and ``preset`` map the columns of a corpus table (CSV/XLSX, e.g.
    a BigKinds export); see :func:`analysis.corpus.load_table_corpus`.

    Examples
    --------
    >>> study = prepare()  # doctest: +SKIP
    >>> study.sentences.groupby("outlet").size()  # doctest: +SKIP
    """
    corpus = load_corpus(corpus_dir, columns=columns, preset=preset)
    cleaned = clean_corpus(corpus)
    tokenized = tokenize_corpus(cleaned, config=config, use_cache=use_cache)
    return Study(corpus=corpus, cleaned=cleaned, tokenized=tokenized)


# Punctuation, symbols and brackets are not words (Kiwi tags starting with "S",
# except foreign words SL, Chinese characters SH and numbers SN).
NON_WORD_TAGS = ("SF", "SP", "SSO", "SSC", "SE", "SO", "SW", "SB")


def corpus_overview(study: Study) -> pd.DataFrame:
    """Article length and removed page chrome per outlet (figure 1's table).

    Parameters
    ----------
    study : Study

    Returns
    -------
    pandas.DataFrame
        One row per outlet in corpus order: ``outlet, documents, raw_lines,
        article_lines, chrome_lines, article_chars, chrome_chars,
        chrome_share`` (of non-blank characters), ``paragraphs, sentences,
        tokens`` (morphemes without punctuation and bracketed glosses).
    """
    lines = study.cleaned.lines.copy()
    lines["chars"] = lines["text"].str.replace(r"\s+", "", regex=True).str.len()
    blank = lines["reason"] == "blank line"
    lines["chrome_chars"] = lines["chars"].where((lines["role"] == "chrome") & ~blank, 0)
    lines["article_chars"] = lines["chars"].where(lines["role"] != "chrome", 0)
    lines["chrome_line"] = ((lines["role"] == "chrome") & ~blank).astype(int)
    lines["article_line"] = (lines["role"] != "chrome").astype(int)
    outlet_of = study.corpus.documents.set_index("doc_id")["outlet"]
    lines["outlet"] = lines["doc_id"].map(outlet_of)
    tokens = study.tokens
    words = tokens[~tokens["tag"].isin(NON_WORD_TAGS) & ~tokens["gloss"]]
    order = list(dict.fromkeys(study.corpus.documents["outlet"]))
    per_outlet = lines.groupby("outlet").agg(
        raw_lines=("line", "size"), article_lines=("article_line", "sum"),
        chrome_lines=("chrome_line", "sum"), article_chars=("article_chars", "sum"),
        chrome_chars=("chrome_chars", "sum"),
    )
    per_outlet["documents"] = study.corpus.documents.groupby("outlet").size()
    per_outlet["paragraphs"] = study.cleaned.paragraphs.groupby("outlet").size()
    per_outlet["sentences"] = study.sentences.groupby("outlet").size()
    per_outlet["tokens"] = words["doc_id"].map(outlet_of).value_counts()
    per_outlet = per_outlet.reindex(order).fillna(0).astype(int)
    per_outlet["chrome_share"] = (
        per_outlet["chrome_chars"] / (per_outlet["article_chars"] + per_outlet["chrome_chars"]).clip(lower=1)
    ).round(4)
    columns = ["documents", "raw_lines", "article_lines", "chrome_lines", "article_chars",
               "chrome_chars", "chrome_share", "paragraphs", "sentences", "tokens"]
    return per_outlet[columns].rename_axis("outlet").reset_index()


def write_csv(table: pd.DataFrame, path: Path | str, *, bom: bool = True) -> None:
    """Write a table as UTF-8 CSV with :func:`analysis.tables.write_csv`.

    Atomic, floats rounded to a fixed precision, mode 0644, with a
    byte-order mark unless ``bom=False``. Returns nothing, so that a notebook
    cell ending in a write shows no machine path.
    """
    tables.write_csv(table, path, bom=bom)
