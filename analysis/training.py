"""The supervised layer: linear models over the codebook, trained on human coding.

The dictionary coder (:mod:`analysis.coding`) applies the codebook's indicator
words; it generalizes but has a ceiling. :class:`SupervisedLayer` learns each
code from human-coded units instead, over three kinds of features:

* the sentence's morphemes as ``norm/TAG`` unigrams and bigrams (irregular
  tags such as ``VV-R`` reduced to their base, punctuation and serial numbers left out), TF-IDF;
* character n-grams within word boundaries (2–4), TF-IDF, which survive
  tokenization errors and spelling variants;
* optionally, the dictionary's own codes as indicator features
  (``dict:frame_rivalry=1``, ``dict:stance_china=absent`` ...): this is the
  *hybrid* model; without them the model is *supervised* only.

Each binary code (frames, prescription) has a logistic regression whose
scores are calibrated (Platt's sigmoid, fitted on out-of-fold scores) and
whose decision threshold is the one that maximizes F1 on the out-of-fold
predictions of the training data. Tone and each stance (with ``absent`` as a
class) have one such calibrated model per value (one against the rest); the
probabilities are normalized and the most probable value wins. Nothing is fitted on the test split or
on the seed manual coding.

Every prediction keeps its evidence: ``model_evidence`` names, for each code
the model set, the features that contributed most (with their weights), and
``certainty`` is the least certain of the sentence's decisions, so the units a
researcher should code by hand first can be drawn (:func:`analysis.sheets.sample_units`).

A trained layer is saved as a folder with ``model.joblib`` and ``model.json``
(a model card: codes, parameters, the training data's SHA-256, package
versions, cross-validated and held-out scores), see :func:`save_model`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from analysis import grammar, paths

ABSENT = "absent"
MODEL_FORMAT = 1
MODEL_FILE = "model.joblib"
CARD_FILE = "model.json"
EVIDENCE_FEATURES = 3


class TrainingError(ValueError):
    """A training corpus, a coding or a model folder cannot be used as given."""


def code_kind(code: str) -> str:
    """``"binary"`` (frames, prescription), ``"tone"`` or ``"stance"``."""
    if code == "tone":
        return "tone"
    if code.startswith("stance_"):
        return "stance"
    return "binary"


def as_class_labels(values: pd.Series, kind: str) -> pd.Series:
    """Codes as string class labels: ``"0"``/``"1"``, ``"-1"``/``"0"``/``"1"``, or ``"absent"``."""
    if kind == "stance":
        return values.astype("object").map(lambda v: ABSENT if pd.isna(v) else str(int(v)))
    return values.astype(int).astype(str)


def from_class_labels(labels: Sequence[str], kind: str) -> pd.Series:
    """Inverse of :func:`as_class_labels` (stance ``absent`` becomes ``<NA>``)."""
    series = pd.Series(list(labels), dtype="object")
    if kind == "stance":
        return pd.to_numeric(series.replace(ABSENT, np.nan)).astype("Int64")
    return series.astype(int)


def morpheme_terms(tokens: pd.DataFrame, sent_ids: Sequence[str]) -> list[list[str]]:
    """Each sentence's morphemes as ``norm/TAG`` terms, in order (punctuation and serial numbers left out).

    Irregular tags keep their base (``VV-R`` → ``VV``), so that ``듣다/VV``
    counts the same however the stem was inflected.
    """
    # the shipped models were trained without either (grammar.PUNCTUATION_OR_SERIAL_TAGS)
    kept = tokens[~tokens["tag"].isin(grammar.PUNCTUATION_OR_SERIAL_TAGS)]
    # Kiwi's tag set is small: each distinct tag is reduced once
    base_tags = {tag: grammar.base_tag(tag) for tag in kept["tag"].dropna().unique() if isinstance(tag, str)}
    terms = (kept["norm"].astype(str) + "/" + kept["tag"].map(base_tags)).tolist()
    by_sentence: dict[object, list[str]] = {}
    for sent_id, term in zip(kept["sent_id"].tolist(), terms):
        by_sentence.setdefault(sent_id, []).append(term)
    return [by_sentence.get(s, []) for s in sent_ids]


def dictionary_indicators(dictionary_coded: pd.DataFrame, codes: Sequence[str]) -> list[list[str]]:
    """The dictionary coder's decisions as indicator terms, one list per row."""
    columns = [c for c in codes if c in dictionary_coded.columns]
    parts = []
    for code in columns:
        labels = as_class_labels(dictionary_coded[code], code_kind(code))
        parts.append(("dict:" + code + "=" + labels).tolist())
    return [list(row) for row in zip(*parts)] if parts else [[] for _ in range(len(dictionary_coded))]


def _identity(terms):
    return terms


def tfidf_transform(vectorizer: TfidfVectorizer, documents: Sequence) -> sparse.csr_array:
    """``vectorizer.transform(documents)``, with the counting done faster; the result is identical.

    scikit-learn counts features one by one in Python. Here a ``char_wb``
    vectorizer analyses each distinct word once (its character n-grams do not
    depend on the neighbouring words: the analyzer only lowercases, and
    splits on white space, which lowercasing never creates or removes) and the
    counts of a document are the sum of its words' counts, one sparse product;
    a vectorizer whose analyzer is :func:`_identity` (the morpheme and
    dictionary blocks) looks its features up in one pass. The counts are the
    integers scikit-learn would count, with sorted indices, and its own
    TF-IDF weighting and normalization (``vectorizer._tfidf``) are applied to
    them, so every value is bit for bit the same. Any other configuration
    takes scikit-learn's path.
    """
    counts = _feature_counts(vectorizer, documents)
    if counts is None or not hasattr(vectorizer, "_tfidf"):
        return vectorizer.transform(documents)
    return vectorizer._tfidf.transform(counts, copy=False)


def _feature_counts(vectorizer: TfidfVectorizer, documents: Sequence) -> sparse.csr_array | None:
    """The count matrix ``CountVectorizer.transform`` builds, or None for an analyzer not handled here."""
    plain = (vectorizer.input == "content" and vectorizer.preprocessor is None and not vectorizer.binary
             and vectorizer.strip_accents is None)
    vocabulary = vectorizer.vocabulary_
    shape_columns = len(vocabulary)
    if plain and vectorizer.analyzer is _identity:
        lookup = vocabulary.get
        lengths = np.fromiter((len(doc) for doc in documents), dtype=np.int64, count=len(documents))
        columns = np.fromiter((lookup(f, -1) for doc in documents for f in doc), dtype=np.int64,
                              count=int(lengths.sum()))
        rows = np.repeat(np.arange(len(documents)), lengths)
        known = columns >= 0
        return _summed(rows[known], columns[known], (len(documents), shape_columns), vectorizer.dtype)
    if plain and vectorizer.analyzer == "char_wb":
        if any(not isinstance(doc, str) for doc in documents):
            return None
        analyze = vectorizer.build_analyzer()
        word_ids: dict[str, int] = {}
        word_features: list[list[int]] = []
        word_columns: list[int] = []
        lengths = np.zeros(len(documents), dtype=np.int64)
        for row, doc in enumerate(documents):
            words = doc.split()
            lengths[row] = len(words)
            for word in words:
                number = word_ids.get(word)
                if number is None:
                    number = word_ids[word] = len(word_features)
                    word_features.append([vocabulary[f] for f in analyze(word) if f in vocabulary])
                word_columns.append(number)
        rows = np.repeat(np.arange(len(documents)), lengths)
        by_word = _summed(rows, np.asarray(word_columns, dtype=np.int64), (len(documents), len(word_features)),
                          vectorizer.dtype)
        feature_lengths = np.fromiter(map(len, word_features), dtype=np.int64, count=len(word_features))
        word_rows = np.repeat(np.arange(len(word_features)), feature_lengths)
        word_feature_columns = np.fromiter((f for features in word_features for f in features), dtype=np.int64,
                                           count=int(feature_lengths.sum()))
        features = _summed(word_rows, word_feature_columns, (len(word_features), shape_columns), vectorizer.dtype)
        counts = sparse.csr_array(by_word @ features)
        counts.sort_indices()
        return counts
    return None


def _summed(rows: np.ndarray, columns: np.ndarray, shape: tuple[int, int], dtype) -> sparse.csr_array:
    """A CSR matrix counting each ``(row, column)`` pair, indices sorted."""
    matrix = sparse.csr_array(
        sparse.coo_array((np.ones(len(rows), dtype=dtype), (rows, columns)), shape=shape)
    )
    matrix.sum_duplicates()
    matrix.sort_indices()
    return matrix


def _bigrams(terms: list[str]) -> list[str]:
    return terms + [f"{a}_{b}" for a, b in zip(terms, terms[1:])]


#: Decimals of every probability the layer compares (with a threshold or with another
#: class's): solvers and BLAS kernels differ in the last bits between machines, and a
#: unit whose probability sits at a cut would otherwise change code with the machine.
PROBABILITY_DECIMALS = 6


def _stable(probability: np.ndarray) -> np.ndarray:
    """Probabilities on the fixed grid of :data:`PROBABILITY_DECIMALS` decimals."""
    return np.round(np.asarray(probability, dtype=float), PROBABILITY_DECIMALS)


def _normalized(probability: np.ndarray) -> np.ndarray:
    """One-vs-rest probabilities (units × classes) scaled to sum to one, on the fixed grid."""
    probability = _stable(probability)
    total = probability.sum(axis=1, keepdims=True)
    return _stable(probability / np.where(total > 0, total, 1.0))


def _best_threshold(y_true: np.ndarray, probability: np.ndarray) -> float:
    """The probability cut that maximizes F1 (ties: the lowest cut, so recall wins).

    Every distinct (rounded) probability is a candidate cut ``p >= cut``;
    true and false positives above each cut come from one sort.
    """
    y_true = np.asarray(y_true).astype(int)
    rounded = _stable(probability)
    cuts = np.unique(rounded)  # ascending
    positives = y_true.sum()
    # counts of positives / all units with probability >= each cut
    order = np.searchsorted(cuts, rounded)
    tp = np.cumsum(np.bincount(order, weights=y_true, minlength=len(cuts))[::-1])[::-1]
    predicted = np.cumsum(np.bincount(order, minlength=len(cuts))[::-1])[::-1]
    f1 = np.where(tp > 0, 2 * tp / (predicted + positives), 0.0)
    best = np.flatnonzero(f1 >= f1.max() - 1e-12)[0] if len(cuts) else 0
    return float(cuts[best]) if len(cuts) else 0.5


def _macro_f1(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    labels = sorted(set(y_true) | set(y_pred))
    return float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0))


#: Candidate cuts of the ordinal decision (see :func:`_ordinal_decision`).
ORDINAL_CUTS = tuple(round(0.05 * i, 2) for i in range(13))  # 0.00 ... 0.60


def _ordinal_decision(probability: np.ndarray, classes: Sequence[str], cut: float) -> np.ndarray:
    """Column indices of the decided classes of an ordinal code (tone, stance).

    The value is read off the expected value ``E = P(+1) - P(-1)`` (among the
    present values, for a stance): ``+1`` when ``E > cut``, ``-1`` when
    ``E < -cut``, else ``0``. The most probable class would take a unit whose
    probability spreads over ``-1`` and ``+1`` (a mixed sentence) to one pole,
    while the codebook calls it ``0``; and it ignores that ``-1`` is farther
    from ``+1`` than ``0`` is. A stance is absent when its ``absent``
    probability is at least one half. A code whose training data lacked one
    of ``-1``, ``0``, ``+1`` keeps the most probable class.
    """
    classes = list(classes)
    if not {"-1", "0", "1"} <= set(classes):
        return np.asarray(probability).argmax(axis=1)
    negative, neutral, positive = (classes.index(v) for v in ("-1", "0", "1"))
    present_mass = probability[:, [negative, neutral, positive]].sum(axis=1)
    expected = _stable((probability[:, positive] - probability[:, negative]) / np.where(present_mass > 0, present_mass, 1.0))
    decided = np.where(expected > cut, positive, np.where(expected < -cut, negative, neutral))
    if ABSENT in classes:
        absent = classes.index(ABSENT)
        decided = np.where(probability[:, absent] >= 0.5, absent, decided)
    return decided


def _best_ordinal_cut(y_true: np.ndarray, probability: np.ndarray, classes: Sequence[str]) -> float:
    """The cut of :data:`ORDINAL_CUTS` whose out-of-fold decisions agree best (ordinal α) with the labels.

    Ties: the lowest cut. Absent stance values are missing values of α.
    """
    from analysis.validation import _alpha

    truth = pd.to_numeric(pd.Series(y_true).replace(ABSENT, np.nan)).to_numpy(dtype=float)
    best, best_alpha = ORDINAL_CUTS[0], -np.inf
    for cut in ORDINAL_CUTS:
        decided = np.asarray(classes, dtype=object)[_ordinal_decision(probability, classes, cut)]
        values = pd.to_numeric(pd.Series(decided).replace(ABSENT, np.nan)).to_numpy(dtype=float)
        agreement = _alpha(truth, values, level="ordinal")
        if not np.isnan(agreement) and agreement > best_alpha + 1e-12:
            best, best_alpha = cut, agreement
    return float(best)


def _sees_context(code: str) -> bool:
    """Frames and stances read the neighbouring sentences (``SupervisedLayer(context=True)``)."""
    return code.startswith(("frame_", "stance_"))


def neighbour_matrix(table: pd.DataFrame) -> sparse.csr_array:
    """Rows × rows: ``0.5`` where two rows are consecutive sentences of one ``doc_id``, else ``0``.

    The table's row order is the reading order (the coded table's). Rows
    without a ``doc_id`` column, or with a missing one, have no neighbours.
    """
    n = len(table)
    if "doc_id" not in table.columns or n < 2:
        return sparse.csr_array((n, n), dtype=float)
    documents = table["doc_id"]
    known = documents.notna().to_numpy()
    values = documents.astype(str).to_numpy()
    pairs = np.flatnonzero((values[1:] == values[:-1]) & known[1:] & known[:-1])
    rows = np.concatenate([pairs, pairs + 1])
    columns = np.concatenate([pairs + 1, pairs])
    matrix = sparse.csr_array(sparse.coo_array((np.full(len(rows), 0.5), (rows, columns)), shape=(n, n)))
    matrix.sort_indices()
    return matrix


def _platt(scores: np.ndarray, y: np.ndarray, random_state: int) -> LogisticRegression:
    calibrator = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000, random_state=random_state)
    calibrator.fit(scores.reshape(-1, 1), y)
    return calibrator


class SupervisedLayer(BaseEstimator):
    """Logistic regressions over morpheme, character and dictionary features, one per code.

    Parameters
    ----------
    codes : sequence of str, optional
        The codes to learn (``frame_<id>``, ``prescription``, ``tone``,
        ``stance_<target>``); default: every code column of the labels.
    use_dictionary : bool, default True
        Add the dictionary coder's decisions as features (the hybrid model).
    char_ngram_range : tuple of int, default (2, 4)
        Character n-gram lengths (within word boundaries).
    min_df : int, default 2
        Features seen in fewer training units are dropped.
    max_features : int, default 30000
        Vocabulary cap of each TF-IDF block.
    C : float, default 4.0
        Inverse regularization strength of every logistic regression.
    context : bool, default False
        Give the frame and stance models the sentences around each unit as
        features of their own (``ctx:`` features: the morpheme and character
        n-grams of the previous and the next sentence of the same ``doc_id``,
        each at half weight). Frames are carried by articles more than by
        single sentences: a sentence that goes on about the previous one's
        topic (``이는 …``) keeps its frame, and a stance target may be
        "clearly implied" by the sentence before (the codebook). Tone and
        prescription are the sentence's own and never see the context. Units
        of a table without ``doc_id``, or alone in their document, have no
        context.
    n_splits : int, default 5
        Folds of the cross-validation that calibrates scores and chooses thresholds.
    random_state : int, default 0
        Seed of the folds and the solvers.

    Examples
    --------
    >>> layer = SupervisedLayer(codes=["frame_rivalry"], use_dictionary=False)  # doctest: +SKIP
    >>> layer.fit(tokens, dictionary_coded, labels).predict(tokens, dictionary_coded)  # doctest: +SKIP
    """

    def __init__(
        self,
        codes: Sequence[str] | None = None,
        *,
        use_dictionary: bool = True,
        char_ngram_range: tuple[int, int] = (2, 4),
        min_df: int = 2,
        max_features: int = 30000,
        C: float = 4.0,
        context: bool = False,
        n_splits: int = 5,
        random_state: int = 0,
    ):
        self.codes = codes
        self.use_dictionary = use_dictionary
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.C = C
        self.context = context
        self.n_splits = n_splits
        self.random_state = random_state

    @property
    def name(self) -> str:
        """The model's name for a coded table's ``attrs["model"]`` (see :func:`model_name`)."""
        return model_name(self)

    @property
    def sha256(self) -> str | None:
        """SHA-256 of the data the model was trained on, from its card (None before saving)."""
        return getattr(self, "card_", {}).get("training_data", {}).get("sha256")

    # -- features -------------------------------------------------------------------------
    def _documents(self, tokens: pd.DataFrame, dictionary_coded: pd.DataFrame):
        if "sent_id" not in dictionary_coded.columns or "text" not in dictionary_coded.columns:
            raise TrainingError("the coded table needs 'sent_id' and 'text' columns")
        sent_ids = dictionary_coded["sent_id"].astype(str).tolist()
        morphemes = [_bigrams(terms) for terms in morpheme_terms(tokens, sent_ids)]
        texts = dictionary_coded["text"].fillna("").astype(str).tolist()
        indicators = dictionary_indicators(dictionary_coded, self.codes_) if self.use_dictionary else None
        return morphemes, texts, indicators

    def _features(self, tokens, dictionary_coded, *, fit: bool):
        morphemes, texts, indicators = self._documents(tokens, dictionary_coded)
        if fit:
            self.morpheme_vectorizer_ = TfidfVectorizer(
                analyzer=_identity, min_df=self.min_df, max_features=self.max_features, sublinear_tf=True
            )
            self.char_vectorizer_ = TfidfVectorizer(
                analyzer="char_wb", ngram_range=tuple(self.char_ngram_range), min_df=self.min_df,
                max_features=self.max_features, sublinear_tf=True,
            )
            blocks = [self.morpheme_vectorizer_.fit_transform(morphemes), self.char_vectorizer_.fit_transform(texts)]
            names = [
                *self.morpheme_vectorizer_.get_feature_names_out(),
                *("char:" + n for n in self.char_vectorizer_.get_feature_names_out()),
            ]
            if indicators is not None:
                self.indicator_vectorizer_ = TfidfVectorizer(analyzer=_identity, use_idf=False, norm=None)
                blocks.append(self.indicator_vectorizer_.fit_transform(indicators))
                names.extend(self.indicator_vectorizer_.get_feature_names_out())
            self.n_sentence_features_ = len(names)
            if getattr(self, "context", False):
                names.extend("ctx:" + n for n in names[: blocks[0].shape[1] + blocks[1].shape[1]])
            self.feature_names_ = np.array(names, dtype=object)
        else:
            blocks = [tfidf_transform(self.morpheme_vectorizer_, morphemes),
                      tfidf_transform(self.char_vectorizer_, texts)]
            if indicators is not None:
                blocks.append(tfidf_transform(self.indicator_vectorizer_, indicators))
        if getattr(self, "context", False):
            text_blocks = sparse.hstack(blocks[:2], format="csr")
            blocks.append(sparse.csr_array(neighbour_matrix(dictionary_coded) @ text_blocks))
        return sparse.hstack(blocks, format="csr")

    def _code_matrix(self, matrix, code: str):
        """The features of one code: the context block only for a code whose model was fitted with it.

        A fitted model's width says which it was (models saved when only the
        frames saw the context still predict); before fitting,
        :func:`_sees_context` decides.
        """
        width = getattr(self, "n_sentence_features_", matrix.shape[1])
        fitted = getattr(self, "models_", {}).get(code)
        full = fitted[0].n_features_in_ == matrix.shape[1] if fitted else _sees_context(code)
        return matrix if full or width == matrix.shape[1] else matrix[:, :width]

    # -- fitting --------------------------------------------------------------------------
    def fit(self, tokens: pd.DataFrame, dictionary_coded: pd.DataFrame, labels: pd.DataFrame) -> "SupervisedLayer":
        """Learn every code from ``labels``.

        Parameters
        ----------
        tokens : pandas.DataFrame
            The token table of the units (``sent_id, norm, tag`` at least).
        dictionary_coded : pandas.DataFrame
            The dictionary coder's table for the same units (``sent_id, text``
            and the code columns), one row per unit.
        labels : pandas.DataFrame
            Human codes indexed by ``sent_id`` (stance ``<NA>`` = target absent).

        Returns
        -------
        SupervisedLayer
            ``self``, with ``cv_report_`` (out-of-fold scores per code).
        """
        sent_ids = dictionary_coded["sent_id"].astype(str).tolist()
        missing = sorted(set(sent_ids) - set(labels.index.astype(str)))
        if missing:
            raise TrainingError(f"{len(missing)} unit(s) have no labels, e.g. {missing[:5]}")
        codes = list(self.codes) if self.codes is not None else [
            c for c in labels.columns if c.startswith(("frame_", "stance_")) or c in ("prescription", "tone")
        ]
        if not codes:
            raise TrainingError("no code columns to learn (frame_*, prescription, tone, stance_*)")
        self.codes_ = codes
        matrix = self._features(tokens, dictionary_coded, fit=True)
        reference = labels.loc[sent_ids]
        self.models_, self.calibrators_, self.thresholds_, self.classes_ = {}, {}, {}, {}
        sentence_matrix = self._code_matrix(matrix, "tone")
        report = []
        for code in codes:
            kind = code_kind(code)
            features = matrix if _sees_context(code) else sentence_matrix
            y = as_class_labels(reference[code], kind).to_numpy()
            counts = pd.Series(y).value_counts()
            if len(counts) < 2:
                raise TrainingError(f"{code}: every training unit has the same value ({counts.index[0]}); "
                                    "it cannot be learnt")
            splits = max(2, min(self.n_splits, int(counts.min())))
            folds = StratifiedKFold(n_splits=splits, shuffle=True, random_state=self.random_state)
            if kind == "binary":
                target = y.astype(int)
                model, calibrator, probability = self._fit_one(features, target, folds, y)
                threshold = _best_threshold(target, probability)
                predicted = (probability >= threshold).astype(int).astype(str)
                self.models_[code], self.calibrators_[code] = [model], [calibrator]
                self.thresholds_[code], self.classes_[code] = threshold, ["1"]
                cv_f1 = float(f1_score(target, predicted.astype(int), zero_division=0))
            else:
                classes = sorted(counts.index)
                fitted = [self._fit_one(features, (y == label).astype(int), folds, y) for label in classes]
                probability = _normalized(np.column_stack([p for _, _, p in fitted]))
                cut = _best_ordinal_cut(y, probability, classes)
                predicted = np.array(classes)[_ordinal_decision(probability, classes, cut)]
                self.models_[code] = [m for m, _, _ in fitted]
                self.calibrators_[code] = [c for _, c, _ in fitted]
                self.classes_[code] = classes
                self.thresholds_[code] = cut
                cv_f1 = _macro_f1(y, predicted)
            report.append({
                "code": code, "kind": kind, "n": len(y),
                "n_positive": int((y == "1").sum() if kind == "binary" else (y != ABSENT).sum() if kind == "stance"
                                  else (y != "0").sum()),
                "folds": splits, "threshold": self.thresholds_.get(code, np.nan), "cv_f1": cv_f1,
            })
        self.cv_report_ = pd.DataFrame(report)
        return self

    def _fit_one(self, matrix, target: np.ndarray, folds: StratifiedKFold, strata: np.ndarray):
        """One calibrated one-vs-rest model: out-of-fold scores, Platt calibration, final fit on all units."""
        model = LogisticRegression(C=self.C, solver="liblinear", class_weight="balanced", max_iter=2000,
                                   random_state=self.random_state)
        scores = np.zeros(matrix.shape[0])
        for train, test in folds.split(matrix, strata):
            if len(np.unique(target[train])) < 2:
                scores[test] = -10.0 if target[train][0] == 0 else 10.0
                continue
            scores[test] = model.fit(matrix[train], target[train]).decision_function(matrix[test])
        calibrator = _platt(scores, target, self.random_state)
        probability = _stable(calibrator.predict_proba(scores.reshape(-1, 1))[:, 1])
        model.fit(matrix, target)
        return model, calibrator, probability

    # -- prediction -----------------------------------------------------------------------
    def predict(self, tokens: pd.DataFrame, dictionary_coded: pd.DataFrame) -> pd.DataFrame:
        """Code the units of ``dictionary_coded``.

        Returns
        -------
        pandas.DataFrame
            Same index as ``dictionary_coded``: one column per learnt code
            (binary as int, tone as int, stance as ``Int64``), ``certainty``
            (the lowest probability among the sentence's decisions) and
            ``model_evidence`` (the top contributing features of each
            positive or non-neutral decision, with their contributions).
        """
        if not hasattr(self, "models_"):
            raise TrainingError("the supervised layer is not trained yet: call fit() or load_model()")
        matrix = self._features(tokens, dictionary_coded, fit=False)
        names = self.feature_names_.tolist()
        # equal names share a rank, ranks follow the names' order
        name_ranks = np.unique(self.feature_names_.astype(str), return_inverse=True)[1].reshape(-1)
        out = pd.DataFrame(index=dictionary_coded.index)
        certainty = np.ones(matrix.shape[0])
        evidence: list[list[str]] = [[] for _ in range(matrix.shape[0])]
        for code in self.codes_:
            kind = code_kind(code)
            models, calibrators = self.models_[code], self.calibrators_[code]
            features = self._code_matrix(matrix, code)
            probability = _stable(np.column_stack([
                c.predict_proba(m.decision_function(features).reshape(-1, 1))[:, 1] for m, c in zip(models, calibrators)
            ]))
            if kind == "binary":
                decided = probability[:, 0] >= self.thresholds_[code]
                chosen = np.where(decided, probability[:, 0], 1 - probability[:, 0])
                labels = decided.astype(int).astype(str)
                winner = np.zeros(len(labels), dtype=int)
            else:
                probability = _normalized(probability)
                cut = self.thresholds_.get(code)
                # models trained before the ordinal cut (no threshold) keep the most probable class
                winner = (probability.argmax(axis=1) if cut is None or pd.isna(cut)
                          else _ordinal_decision(probability, self.classes_[code], cut))
                labels = np.array(self.classes_[code])[winner]
                chosen = probability[np.arange(len(winner)), winner]
            certainty = np.minimum(certainty, chosen)
            out[code] = from_class_labels(labels, kind).to_numpy()
            quiet = {"0", ABSENT} if kind != "stance" else {ABSENT}
            explained = np.flatnonzero(~np.isin(labels, list(quiet)))
            for value in np.unique(winner[explained]):
                rows = explained[winner[explained] == value]
                for row, text in zip(rows, self._explain(features, rows, models[value].coef_[0], names, name_ranks)):
                    evidence[row].append(f"{code}={labels[row]}: {text}")
        out["certainty"] = np.round(certainty, 4)
        out["model_evidence"] = [" | ".join(parts) for parts in evidence]
        return out

    def _explain(self, matrix, rows: np.ndarray, weights: np.ndarray, names: list[str],
                 name_ranks: np.ndarray) -> list[str]:
        """Per row, its top positive contributions (by contribution, then feature name), as text.

        ``names`` are the feature names and ``name_ranks`` their ranks in
        sorted order. The rows are explained together: one sort of
        all their positive contributions by row, contribution and name.
        """
        chosen = matrix[rows]
        lengths = np.diff(chosen.indptr)
        row_of = np.repeat(np.arange(len(rows)), lengths)
        columns = chosen.indices
        contribution = chosen.data * weights[columns]
        positive = contribution > 0
        row_of, columns, contribution = row_of[positive], columns[positive], contribution[positive]
        # stable: equal contributions and names keep the matrix's column order, as a per-row sort would
        order = np.lexsort((name_ranks[columns], -contribution, row_of))
        row_of, columns, contribution = row_of[order], columns[order], contribution[order]
        first = np.searchsorted(row_of, row_of, side="left")
        top = np.flatnonzero(np.arange(len(row_of)) - first < EVIDENCE_FEATURES)
        parts: list[list[str]] = [[] for _ in rows]
        for row, column, value in zip(row_of[top].tolist(), columns[top].tolist(), contribution[top].tolist()):
            parts[row].append(f"{names[column]} {value:+.2f}")
        return [", ".join(p) or "(prior)" for p in parts]


# ---------------------------------------------------------------------------------------------
# The training corpus
# ---------------------------------------------------------------------------------------------

@dataclass
class TrainingCorpus:
    """Team-written units with adjudicated labels (see ``data/training/DATASHEET.md``)."""

    units: pd.DataFrame  # unit_id, style, event, text, split
    labels: pd.DataFrame  # indexed by unit_id, code columns

    def split(self, name: str) -> "TrainingCorpus":
        """The ``train`` or ``test`` part."""
        units = self.units[self.units["split"] == name].reset_index(drop=True)
        return TrainingCorpus(units=units, labels=self.labels.loc[units["unit_id"]])


def file_sha256(*files: Path) -> str:
    """SHA-256 over the bytes of ``files`` in the given order."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def read_training_corpus(folder: Path | str | None = None, *, frame_ids: Sequence[str] | None = None) -> TrainingCorpus:
    """Read ``units.csv`` and ``labels.csv`` of a training corpus folder (default ``data/training``).

    Raises
    ------
    TrainingError
        Missing files or columns, labels outside the codebook, units without labels.
    """
    from analysis.framing import frame_ids as codebook_frame_ids
    from analysis.validation import ValidationError, check_coding

    folder = Path(folder) if folder is not None else paths.TRAINING
    units_path, labels_path = folder / "units.csv", folder / "labels.csv"
    for path in (units_path, labels_path):
        if not path.is_file():
            raise TrainingError(f"{path}: not found (a training corpus folder holds units.csv and labels.csv)")
    units = pd.read_csv(units_path, dtype=str, keep_default_na=False)
    missing = [c for c in ("unit_id", "text", "split") if c not in units.columns]
    if missing:
        raise TrainingError(f"{units_path}: missing column(s) {', '.join(missing)}")
    bad = units.loc[~units["split"].isin(["train", "test"]), "unit_id"].tolist()
    if bad:
        raise TrainingError(f"{units_path}: split must be 'train' or 'test' (unit {bad[0]})")
    ids = frame_ids if frame_ids is not None else codebook_frame_ids()
    table = pd.read_csv(labels_path, dtype=str, keep_default_na=False).rename(columns={"unit_id": "sent_id"})
    try:
        labels = check_coding(table, source=labels_path, frame_ids=ids, sent_ids=units["unit_id"].tolist())
    except ValidationError as error:
        raise TrainingError(str(error)) from None
    labels.index.name = "unit_id"
    return TrainingCorpus(units=units, labels=labels)


def training_documents(units: pd.DataFrame) -> pd.Series:
    """Each unit's document (indexed by ``unit_id``): its ``article_id``, or the unit itself.

    The units of one article are its sentences in reading order (``units.csv``
    keeps them in order), the neighbours a context model sees; a unit
    written alone is a document of its own.
    """
    article = units["article_id"] if "article_id" in units.columns else pd.Series("", index=units.index)
    article = article.fillna("").astype(str).str.strip()
    documents = article.where(article != "", "unit:" + units["unit_id"].astype(str))
    return pd.Series(documents.to_numpy(), index=units["unit_id"].astype(str).to_numpy(), name="doc_id")


def package_versions() -> dict[str, str]:
    """Versions of the packages a trained model depends on."""
    names = ("deepseek-framing", "scikit-learn", "numpy", "scipy", "pandas", "kiwipiepy")
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def save_model(
    layer: SupervisedLayer, folder: Path | str, *, card: dict, extras: dict[str, pd.DataFrame] | None = None
) -> Path:
    """Write ``model.joblib`` and the model card ``model.json`` into ``folder``.

    The card gets the format version, the layer's parameters and codes and the
    package versions added; it holds no timestamps, so that retraining on the
    same data writes the same files. ``extras`` are tables written beside
    them (``{"learning_curve.csv": table}``).
    """
    import joblib

    from analysis.tables import write_csv, write_json

    folder = Path(folder)
    full_card = {
        "format": MODEL_FORMAT,
        "codes": list(layer.codes_),
        "parameters": {k: (list(v) if isinstance(v, tuple) else v) for k, v in layer.get_params().items()},
        "thresholds": {k: round(v, 6) for k, v in layer.thresholds_.items()},
        "packages": package_versions(),
        **card,
    }
    # everything goes to a scratch folder first: a failed run leaves the old model (or nothing)
    scratch = folder.with_name(folder.name + ".part")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    try:
        joblib.dump(layer, scratch / MODEL_FILE, compress=3)
        (scratch / MODEL_FILE).chmod(0o644)
        write_json(full_card, scratch / CARD_FILE)
        for extra, table in (extras or {}).items():
            write_csv(table, scratch / extra, bom=False)
        if folder.exists():
            shutil.rmtree(folder)
        scratch.replace(folder)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return folder


def load_model(folder: Path | str) -> SupervisedLayer:
    """Load a layer saved by :func:`save_model`, checking its format and scikit-learn version.

    Raises
    ------
    TrainingError
        No model in the folder, another format, or a scikit-learn version
        other than the one it was trained with (retrain with ``make model`` or
        ``python -m analysis train``).
    """
    import joblib

    folder = Path(folder)
    model_path, card_path = folder / MODEL_FILE, folder / CARD_FILE
    if not model_path.is_file() or not card_path.is_file():
        raise TrainingError(f"{folder}: no trained model here (expected {MODEL_FILE} and {CARD_FILE}); "
                            "train one with `python -m analysis train`")
    card = json.loads(card_path.read_text(encoding="utf-8"))
    if card.get("format") != MODEL_FORMAT:
        raise TrainingError(f"{card_path}: model format {card.get('format')}, this version reads {MODEL_FORMAT}")
    trained_with = card.get("packages", {}).get("scikit-learn")
    installed = package_versions()["scikit-learn"]
    if trained_with != installed:
        raise TrainingError(f"{folder}: trained with scikit-learn {trained_with}, installed is {installed}; "
                            "retrain the model (make model)")
    layer = joblib.load(model_path)
    layer.card_ = card
    return layer


def model_folder(name: str) -> Path:
    """Folder of a model the package ships: ``"hybrid"`` or ``"supervised"``."""
    return paths.PACKAGE_DATA / "models" / name


# ---------------------------------------------------------------------------------------------
# From units to a trained layer
# ---------------------------------------------------------------------------------------------

DictionaryCoder = Callable[[pd.DataFrame, pd.DataFrame], pd.DataFrame]


def _default_dictionary_coder(sentences: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    from analysis.coding import Coder
    from analysis.tokenize import Tokenized

    return Coder().transform(Tokenized(sentences=sentences, tokens=tokens))


def prepare_units(
    unit_ids: Sequence[str],
    texts: Sequence[str],
    *,
    name: str = "units",
    dictionary_coder: DictionaryCoder | None = None,
):
    """Tokenize units as given and code them with the dictionary; ``sent_id`` is the unit id.

    Returns
    -------
    tokens, dictionary_coded : pandas.DataFrame
        The token table and the dictionary coder's table of the units.
    """
    from analysis.coding import units_as_sentences

    if len(unit_ids) != len(texts):
        raise TrainingError("unit ids and texts differ in number")
    tokenized = units_as_sentences(list(texts), name=name)
    rename = dict(zip(tokenized.sentences["sent_id"], map(str, unit_ids)))
    tokenized.sentences["sent_id"] = tokenized.sentences["sent_id"].map(rename)
    tokenized.tokens["sent_id"] = tokenized.tokens["sent_id"].map(rename)
    coder = dictionary_coder or _default_dictionary_coder
    return tokenized.tokens, coder(tokenized.sentences, tokenized.tokens)


def fit_layer(
    tokens: pd.DataFrame,
    dictionary_coded: pd.DataFrame,
    labels: pd.DataFrame,
    **params,
) -> SupervisedLayer:
    """Fit a :class:`SupervisedLayer` with ``params`` on already prepared units."""
    return SupervisedLayer(**params).fit(tokens, dictionary_coded, labels)


def score_predictions(predicted: pd.DataFrame, reference: pd.DataFrame, codes: Sequence[str]) -> pd.DataFrame:
    """:func:`analysis.validation.agreement` of predictions (indexed by ``sent_id``) against a reference."""
    from analysis.validation import agreement

    return agreement(predicted, reference, columns=list(codes))


def learning_curve(
    tokens: pd.DataFrame,
    dictionary_coded: pd.DataFrame,
    labels: pd.DataFrame,
    test_tokens: pd.DataFrame,
    test_coded: pd.DataFrame,
    test_labels: pd.DataFrame,
    *,
    sizes: Sequence[int],
    random_state: int = 0,
    **params,
) -> pd.DataFrame:
    """Held-out scores of layers trained on growing random subsets of the training units.

    Returns
    -------
    pandas.DataFrame
        ``n_train, code, f1, alpha`` plus a ``frames_macro_f1`` row per size
        (``code = "frames (macro)"``).
    """
    rng = np.random.default_rng(random_state)
    order = rng.permutation(len(dictionary_coded))
    rows = []
    for size in sorted(set(int(s) for s in sizes)):
        if size > len(dictionary_coded):
            raise TrainingError(f"learning-curve size {size} exceeds the {len(dictionary_coded)} training units")
        subset = dictionary_coded.iloc[np.sort(order[:size])]
        sub_tokens = tokens[tokens["sent_id"].isin(subset["sent_id"])]
        layer = fit_layer(sub_tokens, subset, labels, random_state=random_state, **params)
        predicted = layer.predict(test_tokens, test_coded).set_index(test_coded["sent_id"].to_numpy())
        table = score_predictions(predicted, test_labels, layer.codes_)
        table = table[~table["code"].str.endswith(":detected")]
        for row in table.itertuples(index=False):
            rows.append({"n_train": size, "code": row.code, "f1": row.f1, "alpha": row.alpha})
        frames = table[table["code"].str.startswith("frame_")]
        rows.append({"n_train": size, "code": "frames (macro)", "f1": round(float(frames["f1"].mean()), 4),
                     "alpha": round(float(frames["alpha"].mean()), 4)})
    return pd.DataFrame(rows)


def _rounded_records(table: pd.DataFrame, digits: int = 4) -> list[dict]:
    records = []
    for record in table.to_dict(orient="records"):
        records.append({k: (None if isinstance(v, float) and np.isnan(v) else
                            round(v, digits) if isinstance(v, float) else v) for k, v in record.items()})
    return records


#: The models ``make model`` trains: the dictionary's decisions as features, or text alone.
SHIPPED_MODELS = {"hybrid": {"use_dictionary": True, "context": True},
                  "supervised": {"use_dictionary": False, "context": True}}
LEARNING_CURVE_SIZES = (250, 500, 1000, 2000)


def train_shipped_models(
    corpus_folder: Path | str | None = None,
    *,
    output: Path | str | None = None,
    learning_curve_sizes: Sequence[int] = LEARNING_CURVE_SIZES,
    random_state: int = 0,
    progress: Callable[[str], None] | None = print,
) -> dict[str, Path]:
    """Train the hybrid and the supervised-only model on the training split and save both.

    Each model folder gets ``model.joblib``, ``model.json`` (the card, with the
    cross-validated report on the training split and the scores on the
    held-out test split) and, for the hybrid, ``learning_curve.csv``.
    Deterministic: the same data and package versions write the same files.
    """
    corpus_folder = Path(corpus_folder) if corpus_folder is not None else paths.TRAINING
    output = Path(output) if output is not None else paths.PACKAGE_DATA / "models"
    say = progress or (lambda message: None)
    corpus = read_training_corpus(corpus_folder)
    train, test = corpus.split("train"), corpus.split("test")
    say(f"training corpus {corpus_folder}: {len(train.units)} training and {len(test.units)} test units")
    tokens, coded = prepare_units(corpus.units["unit_id"].tolist(), corpus.units["text"].tolist(), name="training")
    coded["doc_id"] = training_documents(corpus.units).loc[coded["sent_id"]].to_numpy()
    is_train = coded["sent_id"].isin(train.units["unit_id"])
    train_coded, test_coded = coded[is_train].reset_index(drop=True), coded[~is_train].reset_index(drop=True)
    train_tokens = tokens[tokens["sent_id"].isin(train_coded["sent_id"])]
    test_tokens = tokens[tokens["sent_id"].isin(test_coded["sent_id"])]
    digest = file_sha256(corpus_folder / "units.csv", corpus_folder / "labels.csv")
    written = {}
    dictionary_scores = score_predictions(test_coded.set_index("sent_id"), test.labels,
                                          [c for c in corpus.labels.columns if c != "note"])
    for name, options in SHIPPED_MODELS.items():
        say(f"fitting the {name} model")
        layer = fit_layer(train_tokens, train_coded, train.labels, random_state=random_state, **options)
        predicted = layer.predict(test_tokens, test_coded).set_index(test_coded["sent_id"].to_numpy())
        held_out = score_predictions(predicted, test.labels, layer.codes_)
        card = {
            "name": name,
            "description": ("logistic regressions over morpheme and character n-grams"
                            + (" and the dictionary coder's decisions" if options["use_dictionary"] else "")
                            + ("; frames and stances also see the sentences before and after" if options.get("context") else "")
                            + "; tone and stance decided on the expected value with a cross-validated cut"
                            + ", trained on the team-written training corpus (data/training/DATASHEET.md)"),
            "training_data": {"folder": "data/training", "sha256": digest,
                              "n_train": len(train.units), "n_test": len(test.units)},
            "cross_validation": _rounded_records(layer.cv_report_),
            "test_split": _rounded_records(held_out),
            "dictionary_on_test_split": _rounded_records(dictionary_scores),
        }
        extras = {}
        if options["use_dictionary"] and learning_curve_sizes:
            sizes = [s for s in learning_curve_sizes if s < len(train.units)] + [len(train.units)]
            say("learning curve: " + ", ".join(map(str, sizes)) + " training units")
            extras["learning_curve.csv"] = learning_curve(
                train_tokens, train_coded, train.labels, test_tokens, test_coded, test.labels,
                sizes=sizes, random_state=random_state, **options)
        folder = save_model(layer, output / name, card=card, extras=extras)
        written[name] = folder
        say(f"wrote {folder}")
    return written


def train_on_coding(
    coding: pd.DataFrame,
    *,
    texts: pd.Series | None = None,
    use_dictionary: bool = True,
    n_splits: int = 5,
    random_state: int = 0,
    min_examples: int = 3,
    dictionary_coder: DictionaryCoder | None = None,
) -> SupervisedLayer:
    """Fit a layer on a researcher's own coding (e.g. from :func:`analysis.sheets.read_coding_sheet`).

    Parameters
    ----------
    coding : pandas.DataFrame
        Indexed by unit id, with the code columns and, unless ``texts`` is
        given, a ``text`` column.
    texts : pandas.Series, optional
        Unit texts indexed by unit id (the corpus's sentence table).
    min_examples : int, default 3
        A code is learnt only when each of its values occurs in at least
        this many units; the others are listed in ``skipped_codes_`` (the
        dictionary keeps coding them).

    Raises
    ------
    TrainingError
        A unit without text, or no code that can be learnt.
    """
    if texts is None:
        if "text" not in coding.columns:
            raise TrainingError("the coding has no text column: give the corpus the units come from")
        texts = coding["text"]
    missing = [u for u in coding.index if u not in texts.index or not str(texts[u]).strip()]
    if missing:
        raise TrainingError(f"{len(missing)} coded unit(s) have no text, e.g. {missing[:5]}")
    codes = [c for c in coding.columns if c.startswith(("frame_", "stance_")) or c in ("prescription", "tone")]
    learnable, skipped = [], []
    for code in codes:
        counts = as_class_labels(coding[code], code_kind(code)).value_counts()
        (learnable if len(counts) > 1 and counts.min() >= min_examples else skipped).append(code)
    if not learnable:
        raise TrainingError(f"no code has at least {min_examples} units of each value in the coding: code more "
                            "units (the sample command adds the ones the model is least sure of)")
    tokens, coded = prepare_units(coding.index.tolist(), [texts[u] for u in coding.index], name="coding",
                                  dictionary_coder=dictionary_coder)
    layer = fit_layer(tokens, coded, coding, codes=learnable, use_dictionary=use_dictionary,
                      n_splits=n_splits, random_state=random_state)
    layer.skipped_codes_ = skipped
    return layer


def resolve_model(name: str | Path | None) -> SupervisedLayer | None:
    """The layer a run asks for: a shipped model's name, a model folder, or ``None``/``"dictionary"``.

    Raises
    ------
    TrainingError
        A shipped model that was not built (``make model``), or a folder with no model.
    """
    if name is None or str(name) in ("", "dictionary", "none"):
        return None
    if str(name) in SHIPPED_MODELS:
        folder = model_folder(str(name))
        if not (folder / MODEL_FILE).is_file():
            raise TrainingError(f"the shipped {name} model is missing ({folder}); build it with `make model`")
        return load_model(folder)
    folder = Path(name)
    if not folder.is_dir():
        raise TrainingError(f"{folder}: model folder not found (a folder written by `python -m analysis train`, "
                            f"or one of {', '.join(SHIPPED_MODELS)}, dictionary)")
    return load_model(folder)


def model_name(layer: SupervisedLayer | None) -> str:
    """How a coding names its coder: ``dictionary``, or the model card's name and data hash."""
    if layer is None:
        return "dictionary"
    card = getattr(layer, "card_", {})
    digest = card.get("training_data", {}).get("sha256", "")[:12]
    return f"{card.get('name', 'model')} (training data {digest})" if digest else card.get("name", "model")


def adjudicated_labels(first: pd.DataFrame, second: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """The gold labels of a double-coded corpus: agreed values, and the adjudicator's where the coders differ.

    Parameters
    ----------
    first, second : pandas.DataFrame
        The two coders' files as read (strings), indexed by ``unit_id``, the
        same units and code columns.
    decisions : pandas.DataFrame
        ``unit_id, code, decision`` (and the coders' values and a reason):
        exactly one row for every unit and code where ``first`` and ``second``
        differ, and no other.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``unit_id``, the code columns as strings (stance empty =
        target absent), in ``first``'s unit order.

    Raises
    ------
    TrainingError
        A disagreement without a decision, or a decision where the coders agreed.
    """
    codes = [c for c in first.columns if c != "note"]
    if not first.index.equals(second.index):
        raise TrainingError("the two coders' files do not hold the same units in the same order")
    labels = first[codes].copy()
    differ = {(u, c) for c in codes for u in first.index[first[c].to_numpy() != second.loc[first.index, c].to_numpy()]}
    decided = {(u, c): v for u, c, v in decisions[["unit_id", "code", "decision"]].itertuples(index=False)}
    missing = sorted(differ - set(decided))
    extra = sorted(set(decided) - differ)
    if missing:
        raise TrainingError(f"{len(missing)} disagreement(s) without an adjudicator's decision, e.g. {missing[:3]}")
    if extra:
        raise TrainingError(f"{len(extra)} decision(s) where the coders agreed, e.g. {extra[:3]}")
    for (unit, code), value in decided.items():
        labels.at[unit, code] = "" if pd.isna(value) else str(value)
    return labels


def datasheet_tables(folder: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """The numbers of ``DATASHEET.md``: coverage per code and split, and intercoder agreement per code.

    Returns
    -------
    dict
        ``"coverage"``: ``code, value, train, test, all`` (units per value of
        each code in the adjudicated labels; stance ``absent`` when the target
        is not mentioned); ``"agreement"``: ``code, n, percent_agreement,
        alpha, adjudicated`` between the two blind coders before
        adjudication, with the number of units the adjudicator decided.
    """
    from analysis.validation import intercoder_reliability

    folder = Path(folder) if folder is not None else paths.TRAINING
    corpus = read_training_corpus(folder)
    codes = [c for c in corpus.labels.columns if c != "note"]
    split = corpus.units.set_index("unit_id")["split"]
    rows = []
    for code in codes:
        labels = as_class_labels(corpus.labels[code], code_kind(code))
        for value in sorted(labels.unique(), key=lambda v: (v == ABSENT, v)):
            chosen = labels[labels == value].index
            rows.append({"code": code, "value": value, "train": int((split.loc[chosen] == "train").sum()),
                         "test": int((split.loc[chosen] == "test").sum()), "all": len(chosen)})
    coverage = pd.DataFrame(rows)
    first, second = (read_training_coder(folder / name, corpus) for name in ("coder_a.csv", "coder_b.csv"))
    agreement = intercoder_reliability(first, second, columns=codes)
    decided = pd.read_csv(folder / "adjudication.csv", dtype=str, keep_default_na=False)
    agreement["adjudicated"] = agreement["code"].map(decided.groupby("code").size()).fillna(0).astype(int)
    return {"coverage": coverage, "agreement": agreement}


def datasheet_markdown(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """The datasheet's tables as Markdown, exactly as ``DATASHEET.md`` prints them (a test compares).

    Parameters
    ----------
    tables : dict
        From :func:`datasheet_tables`.

    Returns
    -------
    dict
        ``"agreement"`` (per code: units, percent agreement, alpha, rows adjudicated) and
        ``"coverage"`` (units per value and split), each a Markdown table.
    """
    def table(frame: pd.DataFrame) -> str:
        def cell(value) -> str:
            return f"{value:.4f}" if isinstance(value, float) else str(value)

        lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
        lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)]
        return "\n".join(lines)

    return {"agreement": table(tables["agreement"]), "coverage": table(tables["coverage"])}


def read_training_coder(path: Path, corpus: TrainingCorpus) -> pd.DataFrame:
    """One blind coder's file of the training corpus, validated like the labels."""
    from analysis.validation import ValidationError, check_coding

    table = pd.read_csv(path, dtype=str, keep_default_na=False).rename(columns={"unit_id": "sent_id"})
    frame_ids = [c.removeprefix("frame_") for c in corpus.labels.columns if c.startswith("frame_")]
    try:
        return check_coding(table, source=path, frame_ids=frame_ids, sent_ids=corpus.units["unit_id"].tolist())
    except ValidationError as error:
        raise TrainingError(str(error)) from None
