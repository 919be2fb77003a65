"""Vocabulary (RQ1): which words set each outlet apart.

The grammar follows quanteda: the token table becomes a document-feature
matrix (:func:`dfm`, a :class:`Dfm`), and statistics are computed from it as
tables (:func:`frequency`, :func:`keyness`, :func:`cooccurrence`).
:func:`tfidf` weighs terms per outlet and :func:`similarity` compares outlets
by those weights; :func:`kwic` shows a term in its sentences;
:func:`cooccurrence_graph`, :func:`graph_edges` and :func:`graph_layout` turn
co-occurrences into the 연관어 network. ``analysis.plots`` draws the tables;
nothing here draws.

Every choice that shapes the counts is an explicit, recorded option
(:class:`DfmOptions`): which part-of-speech tags count, which stopword lists
apply, whether n-grams are formed, whether bracketed glosses count. The unit
of counting is the ``norm`` column of the token table (lemma for verbs and
adjectives, spelling variants merged), not the surface form. Tables carry the
options in ``DataFrame.attrs`` and are sorted by their statistic, then by
term, so ties never reorder between runs.

Example
-------
>>> from analysis.corpus import load_corpus  # doctest: +SKIP
>>> from analysis.clean import clean_corpus  # doctest: +SKIP
>>> from analysis.tokenize import tokenize_corpus  # doctest: +SKIP
>>> t = tokenize_corpus(clean_corpus(load_corpus()))  # doctest: +SKIP
>>> x = dfm(t.tokens, t.sentences, by="document")  # doctest: +SKIP
>>> keyness(x, measure="g2").head()  # doctest: +SKIP
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Literal, Sequence

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse
from scipy.special import xlogy
from scipy.stats import chi2 as chi2_distribution
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from analysis import grammar, paths
from analysis.tokenize import require_columns

__all__ = [
    "CONTENT_TAGS",
    "STOPWORD_SOURCES",
    "NGRAM_SEPARATOR",
    "DfmOptions",
    "Dfm",
    "load_stopwords",
    "dfm",
    "frequency",
    "tfidf",
    "similarity",
    "similarity_pairs",
    "contingency_statistic",
    "log_ratio",
    "keyness",
    "top_terms",
    "top_terms_table",
    "kwic",
    "format_kwic",
    "cooccurrence",
    "cooccurrence_graph",
    "graph_edges",
    "graph_layout",
]

#: Default tags that count as content words (Sejong tag set as used by Kiwi):
#: general and proper nouns, verbs, adjectives, roots (XR, e.g. 심각 in
#: 심각하다) and foreign words written in Latin letters (SL, e.g. ``AI``).
#: Kiwi's irregular-conjugation variants (``VV-I``, ``VA-R`` ...) count as
#: their base tag.
CONTENT_TAGS: tuple[str, ...] = grammar.CONTENT_TAGS

#: Stopword lists that :class:`DfmOptions` can name: ``"kiwi"`` is
#: kiwipiepy's built-in list (``kiwipiepy.utils.Stopwords``), ``"project"``
#: the study's list of generic news words, ``analysis/data/stopwords_ko.txt``.
STOPWORD_SOURCES: tuple[str, ...] = ("kiwi", "project")

#: Joins the terms of an n-gram (``"미국 제재"``).
NGRAM_SEPARATOR = " "

PROJECT_STOPWORDS_FILE = "stopwords_ko.txt"

Unit = Literal["document", "outlet", "sentence", "paragraph"]
UNITS: tuple[str, ...] = ("document", "outlet", "sentence", "paragraph")

TOKEN_COLUMNS = ("doc_id", "sent_id", "tag", "norm", "start", "end", "gloss")
SENTENCE_COLUMNS = ("file", "doc_id", "outlet", "para", "sent_id", "sent_no", "text")


# ---------------------------------------------------------------------------
# Options and stopwords
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DfmOptions:
    """The choices that decide which terms are counted.

    Parameters
    ----------
    tags : tuple of str
        Part-of-speech tags that count (default :data:`CONTENT_TAGS`:
        NNG, NNP, VV, VA, XR, SL). A Kiwi variant tag such as ``VV-I``
        counts as its base tag ``VV``.
    stopwords : tuple of str
        Stopword lists to apply, any of :data:`STOPWORD_SOURCES`
        (default both: kiwipiepy's list and the project list). ``()`` keeps
        every term.
    extra_stopwords : tuple of str
        Further terms (``norm`` values, any tag) to drop.
    ngram_range : tuple of int
        ``(min_n, max_n)``; ``(1, 2)`` counts terms and bigrams. N-grams are
        formed from consecutive *kept* terms within one sentence (so the
        particle in 미국의 제재 does not prevent the bigram ``미국 제재``),
        never across sentences.
    include_gloss : bool
        Count tokens of a bracketed gloss (the ``DeepSeek`` in
        ``딥시크(DeepSeek)``). Off by default so a glossed mention counts once.

    Examples
    --------
    >>> DfmOptions(tags=("NNG", "NNP"), stopwords=("kiwi",)).tags
    ('NNG', 'NNP')
    """

    tags: tuple[str, ...] = CONTENT_TAGS
    stopwords: tuple[str, ...] = STOPWORD_SOURCES
    extra_stopwords: tuple[str, ...] = ()
    ngram_range: tuple[int, int] = (1, 1)
    include_gloss: bool = False

    def __post_init__(self) -> None:
        for name in ("tags", "stopwords", "extra_stopwords", "ngram_range"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise TypeError(
                    f"DfmOptions.{name} must be a tuple, not the string {value!r}; "
                    f"write {name}=({value!r},)"
                )
            object.__setattr__(self, name, tuple(value))
        if not self.tags:
            raise ValueError("DfmOptions.tags is empty: no token would be counted")
        unknown = sorted(set(self.stopwords) - set(STOPWORD_SOURCES))
        if unknown:
            raise ValueError(
                f"unknown stopword list(s) {unknown}; choose from {list(STOPWORD_SOURCES)} "
                "or add terms through extra_stopwords"
            )
        lo_hi = self.ngram_range
        if len(lo_hi) != 2 or not all(isinstance(n, int) for n in lo_hi) or not 1 <= lo_hi[0] <= lo_hi[1]:
            raise ValueError(f"ngram_range must be (min_n, max_n) with 1 <= min_n <= max_n, got {lo_hi}")

    def as_dict(self) -> dict:
        """The options as a plain dict (for printing or a metadata file)."""
        return asdict(self)


DEFAULT_OPTIONS = DfmOptions()


def _read_project_stopwords() -> list[tuple[str, str, str]]:
    """``(term, tag, note)`` entries of the project list; tag ``""`` means any tag."""
    path = paths.package_data(PROJECT_STOPWORDS_FILE)
    entries = []
    for line_no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        entry, _, note = raw.partition("#")
        entry = entry.strip()
        if not entry:
            continue
        term, sep, tag = entry.rpartition("/")
        if not sep:
            term, tag = entry, ""
        if not term or " " in term:
            raise ValueError(
                f"{path}, line {line_no}: expected `term/TAG` or `term`, got {raw!r}"
            )
        entries.append((term, tag, note.strip()))
    return entries


@lru_cache(maxsize=1)
def _stopword_entries() -> tuple[tuple[str, str, str, str], ...]:
    from kiwipiepy.utils import Stopwords

    kiwi = Stopwords()
    rows = [
        # Kiwi lists predicate stems ("있", "하"/XSV); the token table counts lemmas ("있다", "하다")
        (grammar.lemma(form, tag), tag, "kiwi", "kiwipiepy built-in list")
        for form, tag in sorted(kiwi.stopwords)
    ]
    rows += [
        ("", tag, "kiwi", "kiwipiepy built-in list: the whole tag")
        for tag in sorted(kiwi.stoptags)
    ]
    rows += [(term, tag, "project", note) for term, tag, note in _read_project_stopwords()]
    return tuple(rows)


def load_stopwords(
    *, sources: Sequence[str] = STOPWORD_SOURCES, extra: Sequence[str] = ()
) -> pd.DataFrame:
    """The stopword table: which terms are dropped before counting, and why.

    Parameters
    ----------
    sources : sequence of str
        Lists to include, any of :data:`STOPWORD_SOURCES`.
    extra : sequence of str
        Further terms (any tag), recorded with source ``"extra"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``term`` (a ``norm`` value: Kiwi's verb and adjective stems
        are given as lemmas, 있 → 있다; empty when a whole tag is dropped),
        ``tag`` (empty: any tag), ``source``, ``note``; sorted by source,
        term, tag.

    Examples
    --------
    >>> table = load_stopwords(sources=("project",))
    >>> "기자" in set(table["term"])
    True
    """
    unknown = sorted(set(sources) - set(STOPWORD_SOURCES))
    if unknown:
        raise ValueError(f"unknown stopword list(s) {unknown}; choose from {list(STOPWORD_SOURCES)}")
    rows = [row for row in _stopword_entries() if row[2] in sources]
    rows += [(term, "", "extra", "given by the caller") for term in extra]
    table = pd.DataFrame(rows, columns=["term", "tag", "source", "note"])
    return table.sort_values(["source", "term", "tag"], kind="stable").reset_index(drop=True)


def _stopword_mask(norm: pd.Series, base_tag: pd.Series, options: DfmOptions) -> np.ndarray:
    table = load_stopwords(sources=options.stopwords, extra=options.extra_stopwords)
    whole_tags = set(table.loc[table["term"] == "", "tag"])
    any_tag = set(table.loc[(table["tag"] == "") & (table["term"] != ""), "term"])
    tagged = table[(table["tag"] != "") & (table["term"] != "")]
    pairs = set(zip(tagged["term"], tagged["tag"]))
    # a (term, tag) pair is tested once per distinct pair of the table
    norm_codes, norms = pd.factorize(norm)
    tag_codes, tags = pd.factorize(base_tag)
    distinct, pair_codes = np.unique(norm_codes.astype(np.int64) * max(len(tags), 1) + tag_codes, return_inverse=True)
    listed = np.fromiter(
        ((norms[code // len(tags)], tags[code % len(tags)]) in pairs for code in distinct),
        dtype=bool, count=len(distinct),
    )
    return (
        norm.isin(any_tag).to_numpy()
        | base_tag.isin(whole_tags).to_numpy()
        | listed[pair_codes.reshape(-1)]
    )


# ---------------------------------------------------------------------------
# Document-feature matrix
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Dfm:
    """A document-feature matrix: counts of terms per unit.

    Attributes
    ----------
    counts : scipy.sparse.csr_matrix
        ``units × terms`` integer counts.
    terms : tuple of str
        Column labels, sorted (scikit-learn's vocabulary order).
    units : pandas.DataFrame
        One row per matrix row, in corpus order: ``unit`` (its label) and
        the document variables that apply (``outlet``; ``doc_id``; ``para``;
        ``sent_id``).
    by : str
        The unit: ``"document"``, ``"outlet"``, ``"sentence"`` or ``"paragraph"``.
    options : DfmOptions
        The choices that produced the counts.
    """

    counts: sparse.csr_matrix
    terms: tuple[str, ...]
    units: pd.DataFrame
    by: str
    options: DfmOptions

    @property
    def shape(self) -> tuple[int, int]:
        """``(number of units, number of terms)``."""
        return self.counts.shape

    def summary(self) -> pd.DataFrame:
        """Size of each unit: ``units`` plus ``n_terms`` (counted terms, with
        repeats) and ``n_distinct`` (different terms)."""
        return self.units.assign(
            n_terms=np.asarray(self.counts.sum(axis=1)).ravel().astype(np.int64),
            n_distinct=np.asarray((self.counts > 0).sum(axis=1)).ravel().astype(np.int64),
        )

    def to_frame(self) -> pd.DataFrame:
        """Dense ``units × terms`` DataFrame (small matrices only)."""
        return pd.DataFrame(
            self.counts.toarray(),
            index=pd.Index(self.units["unit"], name="unit"),
            columns=pd.Index(self.terms, name="term"),
        )


def merge_dfm(first: Dfm, second: Dfm) -> Dfm:
    """Add two document-feature matrices counted with the same unit and options.

    Rows with the same unit label (e.g. the same outlet seen in two batches
    of a corpus) are summed; terms are the union, sorted. This is how a
    corpus processed in batches (:mod:`analysis.stream`) gets one matrix
    whose size depends on the vocabulary and the number of units, not on the
    number of documents.

    Examples
    --------
    >>> a = Dfm(sparse.csr_matrix([[1, 2]]), ("가", "나"), pd.DataFrame({"unit": ["x"], "outlet": ["x"]}),
    ...         "outlet", DEFAULT_OPTIONS)
    >>> b = Dfm(sparse.csr_matrix([[5, 1]]), ("나", "다"), pd.DataFrame({"unit": ["x"], "outlet": ["x"]}),
    ...         "outlet", DEFAULT_OPTIONS)
    >>> merge_dfm(a, b).to_frame().values.tolist()
    [[1, 7, 1]]
    """
    if first.by != second.by or first.options != second.options:
        raise ValueError("only matrices with the same unit and options can be merged")
    terms = tuple(sorted(set(first.terms) | set(second.terms)))
    term_index = {term: i for i, term in enumerate(terms)}
    units = pd.concat([first.units, second.units], ignore_index=True).drop_duplicates("unit", keep="first")
    units = units.reset_index(drop=True)
    unit_index = {unit: i for i, unit in enumerate(units["unit"])}
    blocks = []
    for part in (first, second):
        coo = part.counts.tocoo()
        rows = np.array([unit_index[u] for u in part.units["unit"]], dtype=np.int64)[coo.row]
        columns = np.array([term_index[t] for t in part.terms], dtype=np.int64)[coo.col]
        blocks.append(sparse.coo_matrix((coo.data, (rows, columns)), shape=(len(units), len(terms))))
    counts = (blocks[0] + blocks[1]).tocsr()
    return Dfm(counts=counts.astype(np.int64), terms=terms, units=units, by=first.by, options=first.options)


class _SentenceNgrams:
    """scikit-learn analyzer over pre-tokenized units.

    A unit is a list of sentences, each a tuple of terms; n-grams are formed
    within a sentence only.
    """

    def __init__(self, ngram_range: tuple[int, int]) -> None:
        self.ngram_range = ngram_range

    def __call__(self, unit: Sequence[Sequence[str]]) -> list[str]:
        low, high = self.ngram_range
        features: list[str] = []
        for terms in unit:
            for n in range(low, high + 1):
                features.extend(
                    NGRAM_SEPARATOR.join(terms[i : i + n]) for i in range(len(terms) - n + 1)
                )
        return features


def _ordered_sentences(sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentences in corpus order (file, then sentence number), checked."""
    require_columns(sentences, SENTENCE_COLUMNS, "sentences")
    if sentences.empty:
        raise ValueError("the sentences table is empty: there is nothing to count")
    duplicated = sentences["sent_id"][sentences["sent_id"].duplicated()]
    if not duplicated.empty:
        raise ValueError(f"sent_id must be unique; duplicated: {sorted(set(duplicated))[:5]}")
    outlets_per_doc = sentences.groupby("doc_id")["outlet"].nunique()
    if (outlets_per_doc > 1).any():
        raise ValueError(
            f"each document needs one outlet; documents with several: "
            f"{sorted(outlets_per_doc[outlets_per_doc > 1].index)}"
        )
    return sentences.sort_values(["file", "sent_no"], kind="stable").reset_index(drop=True)


def _kept_tokens(tokens: pd.DataFrame, sentences: pd.DataFrame, options: DfmOptions) -> pd.DataFrame:
    """Tokens that count under ``options``, in reading order: ``sent_id, norm``."""
    require_columns(tokens, TOKEN_COLUMNS, "tokens")
    order = pd.Series(np.arange(len(sentences)), index=sentences["sent_id"])
    sentence_order = tokens["sent_id"].map(order)
    unknown = tokens.loc[sentence_order.isna(), "sent_id"]
    if not unknown.empty:
        raise ValueError(
            f"{len(unknown)} token(s) belong to sentences missing from the sentences table, "
            f"e.g. sent_id {sorted(set(unknown))[:3]}; pass tokens and sentences from the same "
            "tokenize_corpus result"
        )
    # tags and norms repeat: each distinct value is looked at once
    tag_codes, distinct_tags = pd.factorize(tokens["tag"].astype(str))
    base_tag = pd.Series(
        np.array([grammar.base_tag(tag) for tag in distinct_tags], dtype=object)[tag_codes]
        if len(distinct_tags) else np.array([], dtype=object),
        index=tokens.index, dtype=object,
    )
    keep = base_tag.isin(options.tags).to_numpy()
    if not options.include_gloss:
        keep = keep & ~tokens["gloss"].astype(bool).to_numpy()
    norm = tokens["norm"]
    norm_codes, distinct_norms = pd.factorize(norm.astype(str))
    empty = np.fromiter((not value.strip() for value in distinct_norms), dtype=bool, count=len(distinct_norms))
    blank = keep & (norm.isna().to_numpy() | empty[norm_codes])
    if blank.any():
        where = tokens.loc[blank, ["sent_id", "form", "tag"]].head(3).to_dict("records")
        raise ValueError(f"{int(blank.sum())} counted token(s) have no `norm`, e.g. {where}")
    keep = keep & ~_stopword_mask(norm.astype(str), base_tag, options)
    kept = pd.DataFrame(
        {
            "sent_id": tokens["sent_id"].to_numpy()[keep],
            "norm": norm.astype(str).to_numpy()[keep],
            "_order": sentence_order.to_numpy()[keep],
            "start": tokens["start"].to_numpy()[keep],
            "end": tokens["end"].to_numpy()[keep],
        }
    )
    if kept.empty:
        raise ValueError(
            f"no token is left to count with tags={options.tags}, stopwords={options.stopwords}, "
            f"extra_stopwords={options.extra_stopwords}, include_gloss={options.include_gloss}; "
            "check the tags in the token table"
        )
    kept = kept.sort_values(["_order", "start", "end"], kind="stable")
    return kept[["sent_id", "norm"]].reset_index(drop=True)


def _unit_keys(sentences: pd.DataFrame, by: str) -> tuple[pd.Series, list[str]]:
    """Unit label of each sentence, and the document variables of that unit."""
    if by == "document":
        return sentences["doc_id"].astype(str), ["doc_id", "outlet"]
    if by == "outlet":
        return sentences["outlet"].astype(str), ["outlet"]
    if by == "sentence":
        return sentences["sent_id"].astype(str), ["doc_id", "outlet", "para", "sent_id"]
    if by == "paragraph":
        labels = sentences["doc_id"].astype(str) + "-p" + sentences["para"].astype(int).map("{:03d}".format)
        return labels, ["doc_id", "outlet", "para"]
    raise ValueError(f"unknown unit {by!r}; choose from {list(UNITS)}")


def _unit_documents(
    sentences: pd.DataFrame, kept: pd.DataFrame, by: str
) -> tuple[pd.DataFrame, list[list[tuple[str, ...]]]]:
    """Units (document variables) and, per unit, its sentences as term tuples."""
    keys, variables = _unit_keys(sentences, by)
    units = (
        sentences[variables]
        .assign(unit=keys.to_numpy())
        .drop_duplicates("unit")[["unit", *variables]]
        .reset_index(drop=True)
    )
    # kept is in reading order, so each sentence's terms are one run of rows
    sent_ids = kept["sent_id"].to_numpy()
    norms = kept["norm"].tolist()
    bounds = [0, *(np.flatnonzero(sent_ids[1:] != sent_ids[:-1]) + 1).tolist(), len(norms)] if len(norms) else [0]
    sentence_terms = {sent_ids[a]: tuple(norms[a:b]) for a, b in zip(bounds, bounds[1:])}
    documents: dict[str, list[tuple[str, ...]]] = {unit: [] for unit in units["unit"]}
    for unit, sent_id in zip(keys, sentences["sent_id"]):
        terms = sentence_terms.get(sent_id)
        if terms is not None:
            documents[unit].append(terms)
    return units, [documents[unit] for unit in units["unit"]]


def dfm(
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    by: Unit = "document",
    options: DfmOptions = DEFAULT_OPTIONS,
) -> Dfm:
    """Count terms per unit: the document-feature matrix.

    Counting is done by scikit-learn's ``CountVectorizer`` with an analyzer
    over the pre-tokenized ``norm`` terms, so no second tokenizer runs.

    Parameters
    ----------
    tokens, sentences : pandas.DataFrame
        The token and sentence tables of :func:`analysis.tokenize.tokenize_corpus`
        (see ``docs/data_model.md``); the outlet comes from ``sentences``.
    by : {"document", "outlet", "sentence", "paragraph"}
        The unit of a row. Units follow corpus order (file, then sentence
        number); a unit with no kept term is a row of zeros.
    options : DfmOptions
        Tags, stopwords, n-grams and glosses; recorded in the result.

    Returns
    -------
    Dfm

    Examples
    --------
    >>> x = dfm(t.tokens, t.sentences, by="outlet")  # doctest: +SKIP
    >>> x.to_frame().loc[:, ["딥시크", "미국"]]  # doctest: +SKIP
    """
    ordered = _ordered_sentences(sentences)
    kept = _kept_tokens(tokens, ordered, options)
    units, documents = _unit_documents(ordered, kept, by)
    vectorizer = CountVectorizer(analyzer=_SentenceNgrams(options.ngram_range), dtype=np.int64)
    counts = vectorizer.fit_transform(documents).tocsr()
    return Dfm(
        counts=counts,
        terms=tuple(vectorizer.get_feature_names_out()),
        units=units,
        by=by,
        options=options,
    )


def _grouped_counts(x: Dfm, group: str) -> tuple[list[str], sparse.csr_matrix, sparse.csr_matrix]:
    """Group labels (order of appearance), summed counts and unit-presence counts per group."""
    if group not in x.units.columns:
        raise ValueError(
            f"cannot group a dfm by {group!r}: its units (by={x.by!r}) have "
            f"{[c for c in x.units.columns if c != 'unit']}"
        )
    labels = list(pd.unique(x.units[group].astype(str)))
    codes = pd.Categorical(x.units[group].astype(str), categories=labels).codes
    n_units = len(codes)
    indicator = sparse.csr_matrix(
        (np.ones(n_units, dtype=np.int64), (codes, np.arange(n_units))),
        shape=(len(labels), n_units),
    )
    present = (x.counts > 0).astype(np.int64)
    return labels, (indicator @ x.counts).tocsr(), (indicator @ present).tocsr()


# ---------------------------------------------------------------------------
# Frequency and TF-IDF
# ---------------------------------------------------------------------------


def frequency(x: Dfm, *, group: str = "outlet") -> pd.DataFrame:
    """Term frequencies per group (quanteda's ``textstat_frequency``).

    Parameters
    ----------
    x : Dfm
        Counts at any unit; the unit decides what ``doc_freq`` counts.
    group : str
        A document variable of ``x.units`` (default ``"outlet"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``<group>, term, count, rel_freq, rank, doc_freq``: ``count``
        summed over the group's units, ``rel_freq`` = count / all counted
        terms of the group, ``rank`` 1 = most frequent (ties share the
        lowest rank), ``doc_freq`` = number of units of the group (documents,
        sentences ... as ``x.by``) that contain the term. Only terms the group
        uses; sorted by group (corpus order), count descending, term.

    Examples
    --------
    >>> frequency(dfm(t.tokens, t.sentences, by="sentence")).head()  # doctest: +SKIP
    """
    labels, counts, present = _grouped_counts(x, group)
    coo = counts.tocoo()
    table = pd.DataFrame(
        {
            "_group": coo.row,
            group: np.asarray(labels, dtype=object)[coo.row],
            "term": np.asarray(x.terms, dtype=object)[coo.col],
            "count": coo.data.astype(np.int64),
            "doc_freq": np.asarray(present[coo.row, coo.col]).ravel().astype(np.int64),
        }
    )
    totals = np.asarray(counts.sum(axis=1)).ravel()
    table["rel_freq"] = table["count"] / totals[table["_group"]]
    table = table.sort_values(["_group", "count", "term"], ascending=[True, False, True], kind="stable")
    table["rank"] = table.groupby("_group")["count"].rank(method="min", ascending=False).astype(np.int64)
    table = table[[group, "term", "count", "rel_freq", "rank", "doc_freq"]].reset_index(drop=True)
    table.attrs = {"options": x.options, "unit": x.by, "group": group}
    return table


def tfidf(
    tokens: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    idf_unit: Literal["document", "sentence", "paragraph"] = "document",
    options: DfmOptions = DEFAULT_OPTIONS,
) -> pd.DataFrame:
    """TF-IDF weight of each term for each outlet.

    How the weight is computed (scikit-learn's ``TfidfVectorizer`` with its
    defaults ``smooth_idf=True, norm="l2", sublinear_tf=False``):

    * ``tf`` is the raw count of the term in the outlet (all its documents
      together);
    * ``idf = ln((1 + n) / (1 + df)) + 1``, where ``n`` is the number of
      ``idf_unit`` units in the corpus (every unit, also those without a
      counted term) and ``df`` the number of them that contain the term. A
      term found in every unit keeps weight 1 (it is not discarded); a term
      found in one unit gets the largest weight;
    * each outlet's vector of ``tf × idf`` is scaled to length 1 (l2 norm),
      so long and short texts compare, and cosine similarity is a dot product.

    Why ``idf_unit`` matters: with ``idf_unit="document"`` and five
    documents, ``df`` can only be 1 to 5, so idf has only five levels and
    every term unique to one text gets the same top idf; the ranking inside
    an outlet then mostly follows raw frequency. Computing idf over sentences
    or paragraphs (``idf_unit="sentence"``) asks instead how *concentrated* a
    term is: a word spread over many sentences of the corpus weighs less
    than one used in a few. The tf part stays per outlet either way. Report
    both when the corpus has few documents.

    Parameters
    ----------
    tokens, sentences : pandas.DataFrame
        Token and sentence tables (``docs/data_model.md``).
    idf_unit : {"document", "sentence", "paragraph"}
        The units over which ``df`` and ``n`` are counted.
    options : DfmOptions
        Which terms count.

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet, term, tf, df, idf, tfidf, rank`` for the terms each
        outlet uses, sorted by outlet (corpus order), ``tfidf`` descending,
        term; ``rank`` 1 = highest weight in the outlet (ties share the
        lowest rank). ``attrs`` records ``idf_unit``, ``n_units`` and the
        options.

    Examples
    --------
    >>> tfidf(t.tokens, t.sentences, idf_unit="sentence").head()  # doctest: +SKIP
    """
    if idf_unit not in ("document", "sentence", "paragraph"):
        raise ValueError(f"idf_unit must be 'document', 'sentence' or 'paragraph', got {idf_unit!r}")
    ordered = _ordered_sentences(sentences)
    kept = _kept_tokens(tokens, ordered, options)
    outlets, outlet_documents = _unit_documents(ordered, kept, "outlet")
    _, idf_documents = _unit_documents(ordered, kept, idf_unit)

    analyzer = _SentenceNgrams(options.ngram_range)
    vectorizer = TfidfVectorizer(
        analyzer=analyzer, use_idf=True, smooth_idf=True, norm="l2", sublinear_tf=False
    )
    vectorizer.fit(idf_documents)
    weights = vectorizer.transform(outlet_documents).tocoo()
    counter = CountVectorizer(analyzer=analyzer, vocabulary=vectorizer.vocabulary_)
    tf = counter.transform(outlet_documents).tocsr()
    df = np.asarray((counter.transform(idf_documents) > 0).sum(axis=0)).ravel()
    terms = vectorizer.get_feature_names_out()

    table = pd.DataFrame(
        {
            "_group": weights.row,
            "outlet": outlets["outlet"].to_numpy(dtype=object)[weights.row],
            "term": terms[weights.col].astype(object),
            "tf": np.asarray(tf[weights.row, weights.col]).ravel().astype(np.int64),
            "df": df[weights.col].astype(np.int64),
            "idf": vectorizer.idf_[weights.col],
            "tfidf": weights.data,
        }
    )
    table = table.sort_values(["_group", "tfidf", "term"], ascending=[True, False, True], kind="stable")
    table["rank"] = table.groupby("_group")["tfidf"].rank(method="min", ascending=False).astype(np.int64)
    table = table[["outlet", "term", "tf", "df", "idf", "tfidf", "rank"]].reset_index(drop=True)
    table.attrs = {"options": options, "idf_unit": idf_unit, "n_units": len(idf_documents)}
    return table


def similarity(weights: pd.DataFrame) -> pd.DataFrame:
    """Cosine similarity of outlets over their TF-IDF vectors.

    Parameters
    ----------
    weights : pandas.DataFrame
        A :func:`tfidf` table (columns ``outlet, term, tfidf``).

    Returns
    -------
    pandas.DataFrame
        Square ``outlet × outlet`` table (index and columns in the order of
        ``weights``); 1 on the diagonal, 0 for outlets that share no term.

    Examples
    --------
    >>> similarity(tfidf(t.tokens, t.sentences)).round(3)  # doctest: +SKIP
    """
    require_columns(weights, ("outlet", "term", "tfidf"), "tfidf")
    outlets = list(pd.unique(weights["outlet"]))
    terms = sorted(set(weights["term"]))
    rows = pd.Categorical(weights["outlet"], categories=outlets).codes
    cols = pd.Categorical(weights["term"], categories=terms).codes
    matrix = sparse.csr_matrix(
        (weights["tfidf"].to_numpy(dtype=float), (rows, cols)), shape=(len(outlets), len(terms))
    )
    index = pd.Index(outlets, name="outlet")
    return pd.DataFrame(cosine_similarity(matrix), index=index, columns=pd.Index(outlets))


def similarity_pairs(sim: pd.DataFrame) -> pd.DataFrame:
    """Each pair of outlets once, most similar first.

    Parameters
    ----------
    sim : pandas.DataFrame
        A square :func:`similarity` table.

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet_a, outlet_b, cosine`` (``outlet_a`` before
        ``outlet_b`` in the order of ``sim``), sorted by ``cosine``
        descending, then the outlet names.

    Examples
    --------
    >>> similarity_pairs(similarity(tfidf(t.tokens, t.sentences))).head(1)  # doctest: +SKIP
    """
    labels = list(sim.index)
    if list(sim.columns) != labels:
        raise ValueError("similarity_pairs needs a square table with the same outlets as rows and columns")
    rows = [
        (labels[i], labels[j], float(sim.iloc[i, j]))
        for i in range(len(labels))
        for j in range(i + 1, len(labels))
    ]
    table = pd.DataFrame(rows, columns=["outlet_a", "outlet_b", "cosine"])
    return table.sort_values(
        ["cosine", "outlet_a", "outlet_b"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


# ---------------------------------------------------------------------------
# Keyness
# ---------------------------------------------------------------------------


def contingency_statistic(
    n_target,
    n_reference,
    total_target,
    total_reference,
    *,
    measure: Literal["g2", "chi2"] = "g2",
    correction: Literal["yates", "none"] = "yates",
) -> np.ndarray:
    """Signed keyness statistic of 2×2 tables (vectorized).

    The table for a term is ::

                      target        reference
        term          a             b
        other terms   c = Tt - a    d = Tr - b

    ``measure="g2"`` is Dunning's log-likelihood ratio
    ``G² = 2 Σ O ln(O / E)``; ``measure="chi2"`` is Pearson's
    ``χ² = Σ (O - E)² / E``, with ``E`` the counts expected from the margins.
    Both are signed as in quanteda: negative when the term is relatively
    rarer in the target (``a < E[a]``).

    ``correction="yates"`` follows quanteda's ``correction="default"``: move
    every cell 0.5 towards its expected count, but only when the smallest
    expected count is below 5 and ``|ad - bc| > N/2``. ``"none"`` never
    corrects.

    Parameters
    ----------
    n_target, n_reference, total_target, total_reference : array_like
        ``a``, ``b``, and the two corpus sizes ``Tt``, ``Tr`` (all counted terms).
    measure : {"g2", "chi2"}
    correction : {"yates", "none"}

    Returns
    -------
    numpy.ndarray of float

    Examples
    --------
    >>> round(float(contingency_statistic(30, 20, 100, 200, correction="none")), 4)
    18.1307
    """
    if measure not in ("g2", "chi2"):
        raise ValueError(f"measure must be 'g2' or 'chi2', got {measure!r}")
    if correction not in ("yates", "none"):
        raise ValueError(f"correction must be 'yates' or 'none', got {correction!r}")
    a, b, tt, tr = np.broadcast_arrays(
        *(np.asarray(v, dtype=float) for v in (n_target, n_reference, total_target, total_reference))
    )
    c, d = tt - a, tr - b
    if (np.minimum.reduce([a, b, c, d]) < 0).any() or ((tt <= 0) | (tr <= 0)).any():
        raise ValueError(
            "need 0 <= n_target <= total_target and 0 <= n_reference <= total_reference, "
            "with both totals positive"
        )
    observed = np.stack([a, b, c, d])
    n = a + b + c + d
    expected = np.stack([(a + b) * tt, (a + b) * tr, (c + d) * tt, (c + d) * tr]) / n
    if (expected[:2] <= 0).any():
        raise ValueError("a term with zero count in both target and reference has no keyness")
    if correction == "yates":
        applies = (expected.min(axis=0) < 5) & (np.abs(a * d - b * c) > n / 2)
        shift = np.where(applies, 0.5, 0.0) * np.sign(a * d - b * c)
        observed = observed + np.stack([-shift, shift, shift, -shift])
    if measure == "g2":
        statistic = 2 * (xlogy(observed, observed) - xlogy(observed, expected)).sum(axis=0)
    else:
        statistic = ((observed - expected) ** 2 / expected).sum(axis=0)
    statistic = np.maximum(statistic, 0.0)  # rounding can leave -1e-16 where O == E
    return np.where(a > expected[0], statistic, -statistic) + 0.0


def log_ratio(
    n_target, n_reference, total_target, total_reference, *, pseudo_count: float = 0.5
) -> np.ndarray:
    """Hardie's Log Ratio: ``log2`` of the ratio of relative frequencies.

    ``log2((a / Tt) / (b / Tr))``: +1 means twice as frequent in the target,
    -1 half as frequent. A zero count (``a`` or ``b``) is replaced by
    ``pseudo_count`` (0.5, as Hardie 2014 suggests) so the ratio stays
    finite; read such values as "at least this large".

    Examples
    --------
    >>> float(log_ratio(10, 5, 100, 100))
    1.0
    """
    a, b, tt, tr = (np.asarray(v, dtype=float) for v in (n_target, n_reference, total_target, total_reference))
    a = np.where(a == 0, pseudo_count, a)
    b = np.where(b == 0, pseudo_count, b)
    return np.log2((a / tt) / (b / tr))


def keyness(
    x: Dfm,
    *,
    measure: Literal["g2", "chi2"] = "g2",
    correction: Literal["yates", "none"] = "yates",
    min_count: int = 2,
    group: str = "outlet",
    target: str | None = None,
) -> pd.DataFrame:
    """Keyness of each outlet's terms against all other outlets together.

    For each target outlet and term, the 2×2 table "this term vs all other
    terms" × "target vs reference (every other outlet)" is scored with
    :func:`contingency_statistic` (signed: negative when the target uses the
    term less than the others), its p-value from the χ² distribution with 1
    degree of freedom, and :func:`log_ratio` as effect size. The p-values
    treat every token as independent, which words in one text are not: read
    them as a ranking aid, not as a test of the outlet.

    Parameters
    ----------
    x : Dfm
        Counts at any unit (only sums per group are used).
    measure : {"g2", "chi2"}
        Dunning log-likelihood G² (default) or Pearson χ².
    correction : {"yates", "none"}
        Yates continuity correction when expected counts are small (as
        quanteda's default), or none.
    min_count : int
        Keep terms used at least this often in the whole corpus (the same
        terms for every outlet). The default 2 drops words used once, which
        cannot set an outlet apart.
    group : str
        Document variable defining target and reference (default ``"outlet"``).
    target : str, optional
        Score only this group; default every group in turn.

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet, term, n_target, n_reference, total_target,
        total_reference, g2`` (or ``chi2``) ``, p, log_ratio``; per outlet
        (corpus order) sorted by the statistic descending, then term.

    Examples
    --------
    >>> keyness(dfm(t.tokens, t.sentences), measure="chi2", min_count=3)  # doctest: +SKIP
    """
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    labels, counts, _ = _grouped_counts(x, group)
    if len(labels) < 2:
        raise ValueError(f"keyness needs at least two {group} values to compare, found {labels}")
    matrix = counts.toarray()
    totals = matrix.sum(axis=1)
    empty = [label for label, total in zip(labels, totals) if total == 0]
    if empty:
        raise ValueError(f"{group} {empty} have no counted term under the dfm options; drop them or relax the options")
    corpus = matrix.sum(axis=0)
    keep = corpus >= min_count
    if not keep.any():
        raise ValueError(f"no term occurs at least min_count={min_count} times")
    matrix, corpus = matrix[:, keep], corpus[keep]
    terms = np.asarray(x.terms, dtype=object)[keep]
    if target is not None and target not in labels:
        raise ValueError(f"unknown target {target!r}; {group} values are {labels}")
    targets = [target] if target is not None else labels

    parts = []
    for label in targets:
        i = labels.index(label)
        part = pd.DataFrame(
            {
                "_group": i,
                group: label,
                "term": terms,
                "n_target": matrix[i],
                "n_reference": corpus - matrix[i],
                "total_target": totals[i],
                "total_reference": totals.sum() - totals[i],
            }
        )
        args = (part["n_target"], part["n_reference"], part["total_target"], part["total_reference"])
        part[measure] = contingency_statistic(*args, measure=measure, correction=correction)
        part["p"] = chi2_distribution.sf(np.abs(part[measure]), df=1)
        part["log_ratio"] = log_ratio(*args)
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    table = table.sort_values(["_group", measure, "term"], ascending=[True, False, True], kind="stable")
    columns = [group, "term", "n_target", "n_reference", "total_target", "total_reference", measure, "p", "log_ratio"]
    table = table[columns].astype({c: np.int64 for c in columns[2:6]}).reset_index(drop=True)
    table.attrs = {
        "options": x.options,
        "unit": x.by,
        "measure": measure,
        "correction": correction,
        "min_count": int(min_count),
    }
    return table


def top_terms(table: pd.DataFrame, *, score: str, n: int = 10, group: str = "outlet") -> pd.DataFrame:
    """The ``n`` highest-scoring terms of each group, positive scores only.

    Parameters
    ----------
    table : pandas.DataFrame
        A :func:`keyness`, :func:`tfidf` or :func:`frequency` table.
    score : str
        The column to rank by (``"g2"``, ``"chi2"``, ``"tfidf"``, ``"count"`` ...).
    n : int
        Terms per group.
    group : str
        Grouping column (default ``"outlet"``).

    Returns
    -------
    pandas.DataFrame
        The selected rows, same columns, groups in their order of appearance,
        then ``score`` descending, term.

    Examples
    --------
    >>> top_terms(keyness(x), score="g2", n=10)  # doctest: +SKIP
    """
    require_columns(table, (group, "term", score), "scored")
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    groups = pd.unique(table[group])
    order = pd.Categorical(table[group], categories=groups).codes
    positive = table.assign(_group=order)[table[score] > 0]
    positive = positive.sort_values(["_group", score, "term"], ascending=[True, False, True], kind="stable")
    return positive.groupby("_group", sort=False).head(n).drop(columns="_group").reset_index(drop=True)


def top_terms_table(
    top: pd.DataFrame, *, score: str, decimals: int = 2, group: str = "outlet"
) -> pd.DataFrame:
    """Top terms side by side: one column per group, ``"term (score)"`` cells.

    Parameters
    ----------
    top : pandas.DataFrame
        A :func:`top_terms` result (rows already in order within each group).
    score : str
        The score shown in brackets.
    decimals : int
        Decimals of the score (0 for counts).
    group : str
        Grouping column (default ``"outlet"``).

    Returns
    -------
    pandas.DataFrame
        Index ``position`` (1 = top), columns the groups in order of
        appearance; empty cells where a group has fewer terms.

    Examples
    --------
    >>> top_terms_table(top_terms(keyness(x), score="g2"), score="g2")  # doctest: +SKIP
    """
    require_columns(top, (group, "term", score), "scored")
    groups = list(pd.unique(top[group]))
    cells = top.assign(
        position=top.groupby(group, sort=False).cumcount() + 1,
        cell=[f"{term} ({value:.{decimals}f})" for term, value in zip(top["term"], top[score])],
    )
    table = cells.pivot(index="position", columns=group, values="cell").reindex(columns=groups)
    table.columns.name = None
    return table.fillna("")


# ---------------------------------------------------------------------------
# Keyword in context
# ---------------------------------------------------------------------------


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str, str]:
    """``(left, match, right)`` with ``window`` eojeol on each side.

    A fragment glued to the match (the particle 가 in 딥시크가) is shown in
    full and does not use up the window.
    """
    before, match, after = text[:start], text[start:end], text[end:]
    left_words = before.split()
    right_words = after.split()
    glued_left = bool(before) and not before[-1].isspace()
    glued_right = bool(after) and not after[0].isspace()
    n_left = window + glued_left
    n_right = window + glued_right
    left = " ".join(left_words[len(left_words) - n_left :]) if n_left else ""
    right = " ".join(right_words[:n_right])
    return left, match, right


def kwic(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    pattern: str,
    *,
    window: int = 5,
    regex: bool = False,
    include_gloss: bool = False,
) -> pd.DataFrame:
    """Keyword in context: every occurrence of a term with the words around it.

    Parameters
    ----------
    sentences, tokens : pandas.DataFrame
        Sentence and token tables (``docs/data_model.md``).
    pattern : str
        With ``regex=False``: one counting term, matched exactly against
        ``norm`` (so ``"내놓다"`` finds 내놓았다 and 내놓은, and ``"딥시크"``
        finds the variants mapped to it). With ``regex=True``: a Python
        regular expression searched in the sentence ``text`` (use this for
        phrases, e.g. ``"미국.{0,3}제재"``).
    window : int
        Context size in eojeol (space-separated words of the sentence text)
        on each side. The part of an eojeol glued to the match, e.g. the
        particle 가 in 딥시크가, is always shown and not counted. Context
        never crosses the sentence.
    regex : bool
        Search ``text`` with a regular expression instead of ``norm`` terms.
    include_gloss : bool
        Also match tokens of bracketed glosses (``딥시크(DeepSeek)`` would
        otherwise show once, not twice).

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet, doc_id, sent_id, left, match, right`` (``match``
        is the text as written), in corpus order; no rows when the pattern
        does not occur.

    Examples
    --------
    >>> kwic(t.sentences, t.tokens, "인재", window=4)  # doctest: +SKIP
    """
    if not isinstance(pattern, str) or not pattern.strip():
        raise ValueError("kwic needs a non-empty pattern")
    if not isinstance(window, (int, np.integer)) or window < 0:
        raise ValueError(f"window must be a non-negative integer, got {window!r}")
    ordered = _ordered_sentences(sentences)
    columns = ["outlet", "doc_id", "sent_id", "left", "match", "right"]

    hits: list[tuple[int, int, int]] = []  # (sentence row, start, end)
    if regex:
        try:
            compiled = re.compile(pattern)
        except re.error as error:
            raise ValueError(f"invalid regular expression {pattern!r}: {error}") from error
        for row, text in enumerate(ordered["text"].astype(str)):
            hits.extend((row, m.start(), m.end()) for m in compiled.finditer(text) if m.end() > m.start())
    else:
        require_columns(tokens, TOKEN_COLUMNS, "tokens")
        matched = tokens[tokens["norm"] == pattern.strip()]
        if not include_gloss:
            matched = matched[~matched["gloss"].astype(bool)]
        row_of = pd.Series(np.arange(len(ordered)), index=ordered["sent_id"])
        rows = matched["sent_id"].map(row_of)
        if rows.isna().any():
            raise ValueError("tokens belong to sentences missing from the sentences table")
        hits.extend(zip(rows.astype(int), matched["start"].astype(int), matched["end"].astype(int)))

    records = []
    for row, start, end in sorted(hits):
        sentence = ordered.iloc[row]
        left, match, right = _context(str(sentence["text"]), start, end, int(window))
        records.append((sentence["outlet"], sentence["doc_id"], sentence["sent_id"], left, match, right))
    table = pd.DataFrame.from_records(records, columns=columns)
    table.attrs = {"pattern": pattern, "window": int(window), "regex": regex}
    return table


def format_kwic(table: pd.DataFrame, *, width: int = 40) -> str:
    """Render a :func:`kwic` table as aligned text lines for a terminal.

    Each line is ``sent_id  left [match] right`` with ``left`` cut to its
    last ``width`` characters and ``right`` to its first ``width``.

    Examples
    --------
    >>> print(format_kwic(kwic(t.sentences, t.tokens, "인재")))  # doctest: +SKIP
    """
    require_columns(table, ("sent_id", "left", "match", "right"), "kwic")
    lines = [
        f"{row.sent_id}  {row.left[-width:]:>{width}} [{row.match}] {row.right[:width]}"
        for row in table.itertuples(index=False)
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Co-occurrence (연관어)
# ---------------------------------------------------------------------------


def cooccurrence(x: Dfm, *, min_count: int = 2) -> pd.DataFrame:
    """How often two terms appear in the same sentence (or paragraph).

    Presence counts, not token counts: a sentence that repeats a term counts
    once.

    * ``pmi = log2(n_ab · N / (n_a · n_b))``: pointwise mutual information,
      0 when the terms co-occur as often as chance predicts, positive when
      more often. It favours rare pairs, hence ``min_count``.
    * ``jaccard = n_ab / (n_a + n_b - n_ab)``: share of the units with
      either term that contain both (0 to 1).

    Parameters
    ----------
    x : Dfm
        Built with ``by="sentence"`` (or ``"paragraph"``): its units are the
        co-occurrence window.
    min_count : int
        Keep pairs found together in at least this many units.

    Returns
    -------
    pandas.DataFrame
        Columns ``term_a, term_b, n_ab, n_a, n_b, n_units, pmi, jaccard``
        with ``term_a < term_b``; sorted by ``n_ab`` descending, then the terms.

    Examples
    --------
    >>> cooccurrence(dfm(t.tokens, t.sentences, by="sentence"), min_count=3)  # doctest: +SKIP
    """
    if x.by not in ("sentence", "paragraph"):
        raise ValueError(
            f"co-occurrence is counted within sentences or paragraphs; build the dfm with "
            f"by='sentence' (got by={x.by!r})"
        )
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise ValueError(f"min_count must be a positive integer, got {min_count!r}")
    present = (x.counts > 0).astype(np.int64).tocsc()
    together = sparse.triu(present.T @ present, k=1).tocoo()
    unit_freq = np.asarray(present.sum(axis=0)).ravel()
    keep = together.data >= min_count
    i, j, n_ab = together.row[keep], together.col[keep], together.data[keep].astype(np.int64)
    n_units = x.counts.shape[0]
    terms = np.asarray(x.terms, dtype=object)
    table = pd.DataFrame(
        {
            "term_a": terms[i],
            "term_b": terms[j],
            "n_ab": n_ab,
            "n_a": unit_freq[i].astype(np.int64),
            "n_b": unit_freq[j].astype(np.int64),
            "n_units": np.int64(n_units),
        }
    )
    table["pmi"] = np.log2(table["n_ab"] * n_units / (table["n_a"] * table["n_b"]))
    table["jaccard"] = table["n_ab"] / (table["n_a"] + table["n_b"] - table["n_ab"])
    table = table.sort_values(
        ["n_ab", "term_a", "term_b"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)
    table.attrs = {"options": x.options, "unit": x.by, "min_count": int(min_count)}
    return table


def cooccurrence_graph(
    pairs: pd.DataFrame,
    *,
    top_n: int = 30,
    weight: Literal["n_ab", "pmi", "jaccard"] = "n_ab",
) -> nx.Graph:
    """The 연관어 network: a graph of the ``top_n`` strongest term pairs.

    Parameters
    ----------
    pairs : pandas.DataFrame
        A :func:`cooccurrence` table.
    top_n : int
        Number of edges: the pairs with the highest ``weight`` (ties broken
        by the terms).
    weight : {"n_ab", "pmi", "jaccard"}
        What "strongest" means; stored as the edge attribute ``weight``.

    Returns
    -------
    networkx.Graph
        Nodes (added in sorted order) carry ``n``, the number of units with
        the term; edges carry ``weight``, ``n_ab``, ``pmi`` and ``jaccard``.

    Examples
    --------
    >>> g = cooccurrence_graph(cooccurrence(x), top_n=40)  # doctest: +SKIP
    """
    require_columns(pairs, ("term_a", "term_b", "n_ab", "n_a", "n_b", "pmi", "jaccard"), "cooccurrence")
    if weight not in ("n_ab", "pmi", "jaccard"):
        raise ValueError(f"weight must be 'n_ab', 'pmi' or 'jaccard', got {weight!r}")
    if pairs.empty:
        raise ValueError("the co-occurrence table is empty; lower min_count in cooccurrence()")
    strongest = pairs.sort_values(
        [weight, "term_a", "term_b"], ascending=[False, True, True], kind="stable"
    ).head(top_n)
    frequency_of = dict(zip(strongest["term_a"], strongest["n_a"])) | dict(
        zip(strongest["term_b"], strongest["n_b"])
    )
    graph = nx.Graph(weight=weight)
    for term in sorted(frequency_of):
        graph.add_node(term, n=int(frequency_of[term]))
    for row in strongest.sort_values(["term_a", "term_b"]).itertuples(index=False):
        graph.add_edge(
            row.term_a,
            row.term_b,
            weight=float(getattr(row, weight)),
            n_ab=int(row.n_ab),
            pmi=float(row.pmi),
            jaccard=float(row.jaccard),
        )
    return graph


def graph_edges(graph: nx.Graph) -> pd.DataFrame:
    """Edges of a :func:`cooccurrence_graph` as a table.

    Returns
    -------
    pandas.DataFrame
        Columns ``term_a, term_b, weight, n_ab, pmi, jaccard``, sorted by
        ``weight`` descending, then the terms.
    """
    rows = [
        (*sorted((a, b)), data["weight"], data["n_ab"], data["pmi"], data["jaccard"])
        for a, b, data in graph.edges(data=True)
    ]
    table = pd.DataFrame(rows, columns=["term_a", "term_b", "weight", "n_ab", "pmi", "jaccard"])
    table = table.sort_values(["weight", "term_a", "term_b"], ascending=[False, True, True], kind="stable")
    table = table.reset_index(drop=True)
    table.attrs = {"weight": graph.graph.get("weight")}
    return table


def graph_layout(graph: nx.Graph, *, seed: int = 2025, iterations: int = 200) -> pd.DataFrame:
    """Node positions for drawing a :func:`cooccurrence_graph`.

    A force-directed (Fruchterman-Reingold) layout, ``networkx.spring_layout``,
    pulling terms together by ``n_ab``; the fixed ``seed`` and the sorted
    node order make it the same on every run. Coordinates are rounded to 6
    decimals so the table is byte-stable.

    Returns
    -------
    pandas.DataFrame
        Columns ``term, x, y, n, degree``, sorted by term.

    Examples
    --------
    >>> graph_layout(g, seed=2025).head()  # doctest: +SKIP
    """
    if graph.number_of_nodes() == 0:
        raise ValueError("the graph has no nodes")
    ordered = nx.Graph(**graph.graph)
    ordered.add_nodes_from(sorted(graph.nodes(data=True)))
    ordered.add_edges_from(sorted(graph.edges(data=True), key=lambda e: tuple(sorted(e[:2]))))
    positions = nx.spring_layout(ordered, seed=seed, iterations=iterations, weight="n_ab")
    table = pd.DataFrame(
        [
            (term, round(float(xy[0]), 6), round(float(xy[1]), 6), ordered.nodes[term]["n"], ordered.degree[term])
            for term, xy in positions.items()
        ],
        columns=["term", "x", "y", "n", "degree"],
    )
    table = table.sort_values("term", kind="stable").reset_index(drop=True)
    table.attrs = {"seed": seed, "iterations": iterations}
    return table
