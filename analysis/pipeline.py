"""The study's first stages composed: load → clean → tokenize.

Every notebook and CLI command starts here, so the stages always run with the
same options and in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

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
NON_WORD_TAGS = ("SF", "SP", "SS", "SSO", "SSC", "SE", "SO", "SW", "SB")


def corpus_overview(study: Study) -> "pd.DataFrame":
    """Article length and removed page chrome per document (figure 1's table).

    Parameters
    ----------
    study : Study

    Returns
    -------
    pandas.DataFrame
        One row per document in corpus order: ``doc_id, outlet, raw_lines,
        article_lines, chrome_lines, article_chars, chrome_chars,
        chrome_share`` (of non-blank characters), ``paragraphs, sentences,
        tokens`` (morphemes without punctuation and bracketed glosses).
    """
    import pandas as pd

    lines = study.cleaned.lines.copy()
    lines["chars"] = lines["text"].str.replace(r"\s+", "", regex=True).str.len()
    blank = lines["reason"] == "blank line"
    chrome = (lines["role"] == "chrome") & ~blank
    article = lines["role"] != "chrome"
    tokens = study.tokens
    words = tokens[~tokens["tag"].isin(NON_WORD_TAGS) & ~tokens["gloss"]]
    rows = []
    for document in study.corpus.documents.itertuples(index=False):
        mine = lines["doc_id"] == document.doc_id
        article_chars = int(lines.loc[mine & article, "chars"].sum())
        chrome_chars = int(lines.loc[mine & chrome, "chars"].sum())
        rows.append(
            {
                "doc_id": document.doc_id,
                "outlet": document.outlet,
                "raw_lines": int(mine.sum()),
                "article_lines": int((mine & article).sum()),
                "chrome_lines": int((mine & chrome).sum()),
                "article_chars": article_chars,
                "chrome_chars": chrome_chars,
                "chrome_share": round(chrome_chars / max(article_chars + chrome_chars, 1), 4),
                "paragraphs": int((study.cleaned.paragraphs["doc_id"] == document.doc_id).sum()),
                "sentences": int((study.sentences["doc_id"] == document.doc_id).sum()),
                "tokens": int((words["doc_id"] == document.doc_id).sum()),
            }
        )
    return pd.DataFrame(rows)


def write_csv(table: "pd.DataFrame", path: Path | str) -> Path:
    """Write a table as UTF-8 CSV (with BOM, for spreadsheet programs) atomically.

    The table goes to a temporary file beside ``path`` first and is moved
    into place, so an interrupted run leaves no partial file.
    """
    import os
    import tempfile

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as stream:
            table.to_csv(stream, index=False, lineterminator="\n")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
