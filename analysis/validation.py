"""How far the automated coding can be trusted: agreement with manual coding.

The manual coding sample (``data/manual_coding.csv``, see
``data/coding/PROTOCOL.md``) codes every article sentence of the seed corpus
by the codebook. This module compares any two codings of the same sentences
(automated vs manual, or coder A vs coder B):

* binary codes (frames, prescription): precision, recall and F1 of the first
  coding against the second (taken as the reference), and Krippendorff's
  alpha (nominal);
* tone (-1/0/+1): macro-averaged precision/recall/F1 over the three classes
  and Krippendorff's alpha (ordinal);
* stance toward each target: four categories (absent, -1, 0, +1) with
  macro F1 and nominal alpha, plus target detection (present/absent) F1.

:func:`supervised_baseline` asks whether the dictionary earns its place: a
logistic regression over TF-IDF features, cross-validated on the manual
codes, scored the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import krippendorff
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from analysis import grammar, paths

TONE_COLUMN = "tone"
STANCE_PREFIX = "stance_"
ABSENT = "absent"


class ValidationError(ValueError):
    """A coding file does not match the sentences or the codebook."""


def is_stance_column(column: str) -> bool:
    """Whether a code column is a stance (``stance_<target>``; not ``stance_evidence``)."""
    return column.startswith(STANCE_PREFIX) and column != "stance_evidence" and ":" not in column


def code_columns(frame_ids: Sequence[str], target_ids: Sequence[str] | None = None) -> list[str]:
    """All coded columns in report order: frames, prescription, tone, stances.

    ``target_ids`` default to the targets of the study targets file
    (``analysis/data/targets.yaml``), in file order.
    """
    if target_ids is None:
        from analysis.targets import default_targets

        target_ids = default_targets().targets
    return [f"frame_{f}" for f in frame_ids] + ["prescription", TONE_COLUMN, *[STANCE_PREFIX + t for t in target_ids]]


def read_coding(
    path: Path | str | None = None,
    *,
    frame_ids: Sequence[str],
    sent_ids: Sequence[str] | None = None,
    target_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read and validate a coding file (manual coding or one coder's file).

    Parameters
    ----------
    path : path-like, optional
        CSV with ``sent_id`` and the code columns; default
        ``data/manual_coding.csv``.
    frame_ids : sequence of str
        The codebook's frame ids (columns ``frame_<id>`` must exist).
    sent_ids : sequence of str, optional
        The sentences the file must code, each exactly once.
    target_ids : sequence of str, optional
        Stance targets the file must code (``stance_<id>`` columns); default
        the study targets file's.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sent_id``; binary and tone columns as int, stance
        columns as nullable ``Int64`` (``<NA>`` = target absent).

    Raises
    ------
    ValidationError
        Missing columns, values outside the codebook, sentences missing or
        coded twice.
    """
    path = Path(path) if path is not None else paths.MANUAL_CODING
    if not path.is_file():
        raise ValidationError(f"{path}: coding file not found.")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return check_coding(table, source=path, frame_ids=frame_ids, sent_ids=sent_ids, target_ids=target_ids)


def check_coding(
    table: pd.DataFrame,
    *,
    source: Path | str,
    frame_ids: Sequence[str],
    sent_ids: Sequence[str] | None = None,
    target_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Validate a coding table read as strings (see :func:`read_coding`); ``source`` names it in errors."""
    path = source
    table = table.copy()
    columns = code_columns(frame_ids, target_ids)
    missing = [c for c in ["sent_id", *columns] if c not in table.columns]
    if missing:
        raise ValidationError(f"{path}: missing column(s) {', '.join(missing)}.")
    duplicated = table.loc[table["sent_id"].duplicated(), "sent_id"].tolist()
    if duplicated:
        raise ValidationError(f"{path}: sentence(s) coded twice: {duplicated[:10]}.")
    if sent_ids is not None:
        absent = sorted(set(sent_ids) - set(table["sent_id"]))
        extra = sorted(set(table["sent_id"]) - set(sent_ids))
        if absent or extra:
            raise ValidationError(
                f"{path}: does not match the sentence table: missing {absent[:10]}, unknown {extra[:10]}."
            )
    allowed = {column: {"0", "1"} for column in columns[: len(frame_ids) + 1]}
    allowed[TONE_COLUMN] = {"-1", "0", "1"}
    allowed.update({column: {"-1", "0", "1", ""} for column in columns if is_stance_column(column)})
    for column, values in allowed.items():
        cleaned = table[column].str.strip().str.replace(r"^\+", "", regex=True)
        bad = table.loc[~cleaned.isin(values), ["sent_id", column]]
        if len(bad):
            first = bad.iloc[0]
            raise ValidationError(
                f"{path}: {column} = {first[column]!r} for {first['sent_id']} "
                f"(allowed: {', '.join(sorted(values - {''}))}{' or empty' if '' in values else ''})."
            )
        table[column] = cleaned
    coded = table.set_index("sent_id")
    for column in columns:
        if is_stance_column(column):
            coded[column] = pd.to_numeric(coded[column].replace("", np.nan)).astype("Int64")
        else:
            coded[column] = coded[column].astype(int)
    return coded[columns + [c for c in coded.columns if c not in columns]]


def _stance_labels(values: pd.Series) -> pd.Series:
    """Stance values as the labels ``"-1"``, ``"0"``, ``"1"`` or :data:`ABSENT`.

    Integers, floats (``-1.0``, as a model's predictions come) and strings
    (``"-1"``, as read from a coding file) give the same label; empty or
    missing is the target's absence.
    """
    blank = values.isna() | (values.astype("object").astype(str).str.strip() == "")
    numbers = pd.to_numeric(values.where(~blank), errors="raise")
    return numbers.map(lambda v: ABSENT if pd.isna(v) else str(int(v))).astype(str)


def _alpha(first: Sequence, second: Sequence, *, level: str) -> float:
    data = np.array([list(first), list(second)], dtype=float)
    if np.all(np.isnan(data)) or len(np.unique(data[~np.isnan(data)])) < 2:
        return float("nan")  # alpha is undefined when only one value occurs
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))


def agreement(
    coded: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    columns: Sequence[str],
) -> pd.DataFrame:
    """Precision, recall, F1 and Krippendorff's alpha of ``coded`` against ``reference``.

    Parameters
    ----------
    coded, reference : pandas.DataFrame
        Two codings indexed by ``sent_id`` (only shared sentences are used).
    columns : sequence of str
        Which codes to compare (see :func:`code_columns`).

    Returns
    -------
    pandas.DataFrame
        One row per code: ``code, kind, n, n_coded, n_reference, precision,
        recall, f1, alpha``. ``n_coded``/``n_reference`` count positives
        (binary), non-neutral sentences (tone) or target present (stance).
        For tone and stance, precision/recall/F1 are macro averages over the
        classes present in either coding. Stance rows are followed by a
        ``<stance>:detected`` row scoring target presence alone.

    Examples
    --------
    >>> a = pd.DataFrame({"frame_x": [1, 0, 1, 0]}, index=list("abcd"))
    >>> b = pd.DataFrame({"frame_x": [1, 0, 0, 0]}, index=list("abcd"))
    >>> agreement(a, b, columns=["frame_x"])[["precision", "recall", "f1"]].values.tolist()
    [[0.5, 1.0, 0.6667]]
    """
    shared = coded.index.intersection(reference.index)
    for name, table in (("coded", coded), ("reference", reference)):
        absent = [c for c in columns if c not in table.columns]
        if absent:
            raise ValidationError(f"the {name} table has no column(s) {absent}; compare only codes both tables have.")
    rows = []
    for column in columns:
        first, second = coded.loc[shared, column], reference.loc[shared, column]
        if is_stance_column(column):
            a, b = _stance_labels(first), _stance_labels(second)
            labels = sorted(set(a) | set(b))
            p, r, f, _ = precision_recall_fscore_support(b, a, labels=labels, average="macro", zero_division=0)
            codes = {label: i for i, label in enumerate(["-1", "0", "1", ABSENT])}
            alpha = _alpha(a.map(codes), b.map(codes), level="nominal")
            rows.append([column, "stance", len(shared), int((a != ABSENT).sum()), int((b != ABSENT).sum()), p, r, f, alpha])
            present_a, present_b = (a != ABSENT).astype(int), (b != ABSENT).astype(int)
            p, r, f, _ = precision_recall_fscore_support(present_b, present_a, average="binary", zero_division=0)
            rows.append([f"{column}:detected", "target", len(shared), int(present_a.sum()), int(present_b.sum()), p, r, f,
                         _alpha(present_a, present_b, level="nominal")])
        elif column == TONE_COLUMN:
            a, b = first.astype(int), second.astype(int)
            labels = sorted(set(a) | set(b))
            p, r, f, _ = precision_recall_fscore_support(b, a, labels=labels, average="macro", zero_division=0)
            rows.append([column, "tone", len(shared), int((a != 0).sum()), int((b != 0).sum()), p, r, f,
                         _alpha(a, b, level="ordinal")])
        else:
            a, b = first.astype(int), second.astype(int)
            p, r, f, _ = precision_recall_fscore_support(b, a, average="binary", zero_division=0)
            rows.append([column, "binary", len(shared), int(a.sum()), int(b.sum()), p, r, f,
                         _alpha(a, b, level="nominal")])
    table = pd.DataFrame(
        rows, columns=["code", "kind", "n", "n_coded", "n_reference", "precision", "recall", "f1", "alpha"]
    )
    for column in ("precision", "recall", "f1", "alpha"):
        table[column] = table[column].astype(float).round(4)
    return table


def confusion(coded: pd.DataFrame, reference: pd.DataFrame, column: str) -> pd.DataFrame:
    """Confusion table of one code: reference values in rows, coded values in columns."""
    shared = coded.index.intersection(reference.index)
    first, second = coded.loc[shared, column], reference.loc[shared, column]
    if is_stance_column(column):
        first, second = _stance_labels(first), _stance_labels(second)
    return pd.crosstab(
        second.rename(f"{column} (reference)"), first.rename(f"{column} (coded)"), dropna=False
    )


def disagreements(
    coded: pd.DataFrame,
    reference: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    columns: Sequence[str],
) -> pd.DataFrame:
    """The sentences where two codings differ, one row per sentence and code.

    Returns
    -------
    pandas.DataFrame
        ``sent_id, outlet, code, coded, reference, text`` sorted by sentence
        id then code.
    """
    shared = coded.index.intersection(reference.index)
    text = sentences.set_index("sent_id")
    rows = []
    for column in columns:
        first, second = coded.loc[shared, column], reference.loc[shared, column]
        if is_stance_column(column):
            first, second = _stance_labels(first), _stance_labels(second)
        for sent_id in shared[(first != second).to_numpy()]:
            rows.append([sent_id, text.at[sent_id, "outlet"], column, str(first[sent_id]),
                         str(second[sent_id]), text.at[sent_id, "text"]])
    table = pd.DataFrame(rows, columns=["sent_id", "outlet", "code", "coded", "reference", "text"])
    return table.sort_values(["sent_id", "code"]).reset_index(drop=True)


def supervised_baseline(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    columns: Sequence[str],
    n_splits: int = 5,
    random_state: int = 0,
    min_positive: int = 10,
    tags: Sequence[str] = grammar.CONTENT_TAGS,
) -> pd.DataFrame:
    """Cross-validated logistic regression over TF-IDF, scored against the reference.

    Features are the sentence's normalized content terms (``norm`` of the
    tokens whose base tag is in ``tags``: by default nouns, predicates, roots
    and foreign words, as :func:`analysis.vocabulary.dfm` counts; glosses
    excluded), weighted by TF-IDF;
    predictions for each sentence come from a model that did not see it
    (stratified k-fold). Codes with fewer than ``min_positive`` positive
    (or minority-class) sentences are skipped, as the folds cannot learn them.

    Returns
    -------
    pandas.DataFrame
        Same columns as :func:`agreement`, plus ``model``; skipped codes are
        listed with empty scores and ``model = "skipped: too few examples"``.
    """
    base_tags = tokens["tag"].map({tag: grammar.base_tag(tag) for tag in tokens["tag"].unique()})
    content = tokens[base_tags.isin(list(tags)) & ~tokens["gloss"]]
    documents = content.groupby("sent_id", sort=False)["norm"].apply(list)
    sent_ids = [s for s in sentences["sent_id"] if s in reference.index]
    features = [documents.get(s, []) for s in sent_ids]
    vectorizer = TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True)
    matrix = vectorizer.fit_transform(features)
    predictions = pd.DataFrame(index=pd.Index(sent_ids, name="sent_id"))
    skipped = []
    for column in columns:
        target = reference.loc[sent_ids, column]
        if is_stance_column(column):
            target = _stance_labels(target)
        else:
            target = target.astype(int).astype(str)
        counts = target.value_counts()
        if len(counts) < 2 or counts.min() < max(min_positive, n_splits):
            skipped.append(column)
            continue
        folds = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
        model = LogisticRegression(max_iter=2000, class_weight="balanced", random_state=random_state)
        predicted = pd.Series(cross_val_predict(model, matrix, target, cv=folds), index=sent_ids)
        if is_stance_column(column):
            predicted = predicted.replace(ABSENT, np.nan).astype(float).astype("Int64")
        else:
            predicted = predicted.astype(int)
        predictions[column] = predicted
    scored = [c for c in columns if c not in skipped]
    table = agreement(predictions, reference.loc[sent_ids], columns=scored) if scored else pd.DataFrame()
    table["model"] = f"logistic regression, TF-IDF, {n_splits}-fold CV"
    skipped_rows = pd.DataFrame({"code": skipped, "model": "skipped: too few examples"})
    return pd.concat([table, skipped_rows], ignore_index=True)


def intercoder_reliability(
    first: pd.DataFrame, second: pd.DataFrame, *, columns: Sequence[str]
) -> pd.DataFrame:
    """Human–human agreement: Krippendorff's alpha and percent agreement per code.

    Neither coder is the reference, so only symmetric measures are reported.

    Returns
    -------
    pandas.DataFrame
        ``code, n, percent_agreement, alpha``.
    """
    table = agreement(first, second, columns=columns)
    shared = first.index.intersection(second.index)
    percent = {}
    for column in columns:
        a, b = first.loc[shared, column], second.loc[shared, column]
        if is_stance_column(column):
            a, b = _stance_labels(a), _stance_labels(b)
        percent[column] = round(float((a.astype(str) == b.astype(str)).mean()), 4)
    table = table[table["code"].isin(columns)]
    return pd.DataFrame(
        {"code": table["code"], "n": table["n"], "percent_agreement": table["code"].map(percent),
         "alpha": table["alpha"]}
    ).reset_index(drop=True)


def agreement_for_figure(
    automated: pd.DataFrame, intercoder: pd.DataFrame | None, *, labels: dict[str, str] | None = None
) -> pd.DataFrame:
    """Long table behind figure 10: F1 and alpha (automated vs manual), alpha (coder A vs B).

    Returns
    -------
    pandas.DataFrame
        ``code, label, comparison, measure, value`` in code order.
    """
    labels = labels or {}
    rows = []
    for row in automated.itertuples(index=False):
        if ":" in row.code:
            continue
        label = labels.get(row.code, row.code)
        rows.append([row.code, label, "자동 vs 수동 (automated vs manual)", "F1", row.f1])
        rows.append([row.code, label, "자동 vs 수동 (automated vs manual)", "alpha", row.alpha])
    if intercoder is not None:
        for row in intercoder.itertuples(index=False):
            if ":" in row.code:
                continue
            rows.append([row.code, labels.get(row.code, row.code), "코더 A vs B (human vs human)", "alpha", row.alpha])
    return pd.DataFrame(rows, columns=["code", "label", "comparison", "measure", "value"])


def load_manual_coding(
    path: Path | str | None, *, corpus_dir: Path | str | None, frame_ids: Sequence[str], sent_ids: Sequence[str],
    target_ids: Sequence[str] | None = None,
) -> pd.DataFrame | None:
    """The manual coding for a study, or ``None`` when there is none.

    The seed study (``corpus_dir`` None) uses ``data/manual_coding.csv``;
    another corpus has manual coding only when ``path`` names a file.
    ``target_ids`` default to the study's targets (see :func:`read_coding`).
    """
    if path is None and corpus_dir is not None:
        return None
    return read_coding(path, frame_ids=frame_ids, sent_ids=sent_ids, target_ids=target_ids)


def load_coder_pair(
    coder_files: Sequence[Path | str] | None,
    *,
    corpus_dir: Path | str | None,
    frame_ids: Sequence[str],
    target_ids: Sequence[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The two independent coders' files, for human–human reliability, or ``None``.

    The seed study (``corpus_dir`` None) uses ``data/coding/coder_a.csv`` and
    ``coder_b.csv`` on the units of ``coding_sheet_v1.csv``; another corpus
    has them only when ``coder_files`` names two files coding the same units.
    """
    if coder_files is None:
        if corpus_dir is not None:
            return None
        units = pd.read_csv(paths.CODING_SHEET_V1)["sent_id"]
        first, second = (read_coding(p, frame_ids=frame_ids, sent_ids=units, target_ids=target_ids)
                         for p in paths.CODER_FILES)
        return first, second
    if len(coder_files) != 2:
        raise ValidationError(f"expected two coder files, got {len(coder_files)}")
    first, second = (read_coding(p, frame_ids=frame_ids, target_ids=target_ids) for p in coder_files)
    if set(first.index) != set(second.index):
        raise ValidationError(f"{coder_files[0]} and {coder_files[1]} do not code the same units.")
    return first, second


# ---------------------------------------------------------------------------------------------
# Voices (RQ4): the extractor against the manual voice coding
# ---------------------------------------------------------------------------------------------

VOICE_CODING_COLUMNS = ("sent_id", "voice_no", "speaker", "speaker_type", "country", "reporting_verb",
                        "mode", "attributed")
VOICE_CODING_VALUES = {
    "speaker_type": ("person", "institution", "media", "unattributed"),
    "country": ("US", "China", "Korea", "other", "unknown"),
    "mode": ("direct", "indirect"),
    "attributed": ("yes", "no"),
}


def read_voice_coding(path: Path | str | None = None, *, sent_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a manual voice coding (one row per voice; default ``data/manual_voices.csv``).

    Raises
    ------
    ValidationError
        Missing columns, values outside ``data/coding/VOICES_PROTOCOL.md``,
        sentences not in ``sent_ids``; the message names the line.
    """
    path = Path(path) if path is not None else paths.MANUAL_VOICES
    if not path.is_file():
        raise ValidationError(f"{path}: voice coding file not found.")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in VOICE_CODING_COLUMNS if c not in table.columns]
    if missing:
        raise ValidationError(f"{path}: missing column(s) {', '.join(missing)}.")
    for column, values in VOICE_CODING_VALUES.items():
        bad = table.index[~table[column].isin(values)]
        if len(bad):
            line = int(bad[0]) + 2
            raise ValidationError(f"{path}, line {line}: {column} = {table.loc[bad[0], column]!r} "
                                  f"(allowed: {', '.join(values)}).")
    if sent_ids is not None:
        unknown = sorted(set(table["sent_id"]) - set(sent_ids))
        if unknown:
            raise ValidationError(f"{path}: sentence(s) not in the corpus: {unknown[:10]}.")
    return table


def _sentence_flags(ids: Sequence[str], flagged: set[str]) -> np.ndarray:
    return np.array([int(s in flagged) for s in ids])


def unattributed_voices(extracted: pd.DataFrame) -> pd.Series:
    """Which rows of an extracted voices table are unattributed claims (a boolean Series)."""
    if "attributed" in extracted.columns:
        return extracted["attributed"].astype("string").str.lower().isin(["no", "false"]).fillna(False).astype(bool)
    return extracted["speaker_type"].isin(["unattributed", "unnamed"])


def voices_agreement(extracted: pd.DataFrame, manual: pd.DataFrame, *, sent_ids: Sequence[str]) -> pd.DataFrame:
    """How well the voice extractor finds the voices a human coded, sentence by sentence.

    Parameters
    ----------
    extracted : pandas.DataFrame
        :func:`analysis.voices.extract_voices` output (``sent_id, speaker_type,
        country`` ...; ``attributed`` ``no`` marks an unattributed claim, or,
        in a table without that column, ``speaker_type`` ``unattributed`` or
        the older ``unnamed``).
    manual : pandas.DataFrame
        :func:`read_voice_coding` output.
    sent_ids : sequence of str
        Every sentence both were run on (sentences without voices count too).

    Returns
    -------
    pandas.DataFrame
        One row per measure: ``measure, n_manual, n_extracted, n_both,
        precision, recall, f1, alpha`` for detection (any voice, attributed
        voices, unattributed claims), and ``accuracy`` for the speaker's
        country and type on sentences where both found an attributed voice
        (first voice of the sentence).
    """
    ids = list(sent_ids)
    unattributed = unattributed_voices(extracted)
    found = {
        "voice": set(extracted["sent_id"]),
        "attributed voice": set(extracted.loc[~unattributed, "sent_id"]),
        "unattributed claim": set(extracted.loc[unattributed, "sent_id"]),
    }
    coded = {
        "voice": set(manual["sent_id"]),
        "attributed voice": set(manual.loc[manual["attributed"].eq("yes"), "sent_id"]),
        "unattributed claim": set(manual.loc[manual["attributed"].eq("no"), "sent_id"]),
    }
    rows = []
    for measure in found:
        a, b = _sentence_flags(ids, found[measure]), _sentence_flags(ids, coded[measure])
        p, r, f, _ = precision_recall_fscore_support(b, a, average="binary", zero_division=0)
        rows.append({"measure": f"{measure} detected", "n_manual": int(b.sum()), "n_extracted": int(a.sum()),
                     "n_both": int((a & b).sum()), "precision": p, "recall": r, "f1": f,
                     "alpha": _alpha(a, b, level="nominal"), "accuracy": np.nan})
    first_extracted = extracted[~unattributed].drop_duplicates("sent_id").set_index("sent_id")
    first_manual = manual[manual["attributed"].eq("yes")].drop_duplicates("sent_id").set_index("sent_id")
    both = sorted(set(first_extracted.index) & set(first_manual.index), key=ids.index)
    type_names = {"unnamed": "unattributed"}
    for measure, column in (("speaker country", "country"), ("speaker type", "speaker_type")):
        mine = first_extracted.loc[both, column].replace(type_names)
        theirs = first_manual.loc[both, column]
        rows.append({"measure": measure, "n_manual": len(first_manual), "n_extracted": len(first_extracted),
                     "n_both": len(both), "precision": np.nan, "recall": np.nan, "f1": np.nan, "alpha": np.nan,
                     "accuracy": float((mine == theirs).mean()) if both else np.nan})
    table = pd.DataFrame(rows)
    for column in ("precision", "recall", "f1", "alpha", "accuracy"):
        table[column] = table[column].astype(float).round(4)
    return table


def load_voice_coding(
    manual_voices: Path | str | None, *, corpus_dir: Path | str | None, sent_ids: Sequence[str]
) -> pd.DataFrame | None:
    """The manual voice coding to validate against, or ``None`` when there is none.

    The seed study (``corpus_dir`` None) uses ``data/manual_voices.csv``;
    another corpus has one only when ``manual_voices`` names a file.
    """
    if manual_voices is None and corpus_dir is not None:
        return None
    return read_voice_coding(manual_voices, sent_ids=sent_ids)


def load_voice_coder_pair(
    coder_files: Sequence[Path | str] | None, *, corpus_dir: Path | str | None, sent_ids: Sequence[str]
) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The two blind voice coders' files (human–human agreement), or ``None``.

    The seed study uses ``data/coding/voices_coder_a.csv`` and
    ``voices_coder_b.csv``; another corpus only when ``coder_files`` names two.
    """
    if coder_files is None:
        if corpus_dir is not None:
            return None
        coder_files = paths.VOICE_CODER_FILES
    if len(coder_files) != 2:
        raise ValidationError(f"expected two voice coder files, got {len(coder_files)}")
    first, second = (read_voice_coding(p, sent_ids=sent_ids) for p in coder_files)
    return first, second


def voices_validation(
    extracted: pd.DataFrame,
    manual: pd.DataFrame,
    *,
    sent_ids: Sequence[str],
    coders: tuple[pd.DataFrame, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """The voices validation table (``tables/validation_voices.csv``).

    :func:`voices_agreement` of the extractor against the manual coding, and,
    when the two coders' files are given, the same measures of coder B
    against coder A beside it (``human_f1``, ``human_alpha``,
    ``human_accuracy``): the ceiling a voice extractor can be validated to.

    Returns
    -------
    pandas.DataFrame
        One row per measure: ``measure, n_manual, n_extracted, n_both,
        precision, recall, f1, alpha, accuracy`` and, with ``coders``,
        ``human_f1, human_alpha, human_accuracy``.

    Examples
    --------
    >>> extracted = pd.DataFrame({"sent_id": ["a"], "speaker": ["로이터"], "speaker_type": ["media"],
    ...                           "country": ["other"], "attributed": ["yes"]})
    >>> manual = extracted.assign(attributed="yes")
    >>> table = voices_validation(extracted, manual, sent_ids=["a", "b"])
    >>> table["measure"].tolist()[:3], float(table.loc[0, "f1"])
    (['voice detected', 'attributed voice detected', 'unattributed claim detected'], 1.0)
    """
    table = voices_agreement(extracted, manual, sent_ids=sent_ids)
    if coders is not None:
        human = voices_agreement(coders[1], coders[0], sent_ids=sent_ids).set_index("measure")
        for column in ("f1", "alpha", "accuracy"):
            table[f"human_{column}"] = table["measure"].map(human[column]).astype(float)
    return table


def _voice_description(speaker, country, unattributed: bool) -> str:
    name = "" if pd.isna(speaker) else str(speaker)
    if unattributed:
        return f"(unattributed{': ' + name if name else ''}) / {country}"
    return f"{name or '(speaker not found)'} / {country}"


def voice_disagreements(extracted: pd.DataFrame, manual: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Sentences where extractor and manual coding differ (first voice of each sentence).

    A voice found by one only, an attributed voice against an unattributed
    claim, or another speaker country.

    Returns
    -------
    pandas.DataFrame
        ``sent_id, text, extracted, manual`` (``speaker / country``, with
        ``(unattributed)`` for unattributed claims), in sentence order.
    """
    extracted = extracted.assign(_unattributed=unattributed_voices(extracted))
    manual = manual.assign(_unattributed=manual["attributed"].eq("no"))
    first_extracted = extracted.drop_duplicates("sent_id").set_index("sent_id")
    first_manual = manual.drop_duplicates("sent_id").set_index("sent_id")
    rows = []
    for sent_id, text in zip(sentences["sent_id"], sentences["text"]):
        e = first_extracted.loc[sent_id] if sent_id in first_extracted.index else None
        m = first_manual.loc[sent_id] if sent_id in first_manual.index else None
        if e is None and m is None:
            continue
        e_desc = "" if e is None else _voice_description(e["speaker"], e["country"], bool(e["_unattributed"]))
        m_desc = "" if m is None else _voice_description(m["speaker"] or pd.NA, m["country"], bool(m["_unattributed"]))
        if e is None or m is None or e["country"] != m["country"] or e["_unattributed"] != m["_unattributed"]:
            rows.append({"sent_id": sent_id, "text": text, "extracted": e_desc, "manual": m_desc})
    return pd.DataFrame(rows, columns=["sent_id", "text", "extracted", "manual"])


# ---------------------------------------------------------------------------------------------
# Dictionary, supervised and hybrid side by side, with bootstrap intervals
# ---------------------------------------------------------------------------------------------

def _label_codes(values: pd.Series, column: str) -> np.ndarray:
    """Codes as small integers: stance ``absent`` is 3, tone/stance -1/0/1 kept, binary 0/1."""
    if is_stance_column(column):
        return values.astype("object").map(lambda v: 3 if pd.isna(v) else int(v)).to_numpy(dtype=float)
    return values.astype(int).to_numpy(dtype=float)


def _f1(a: np.ndarray, b: np.ndarray, *, binary: bool) -> float:
    """F1 of prediction ``a`` against reference ``b``: positive class, or macro over the classes present."""
    labels = [1.0] if binary else np.union1d(a, b)
    scores = []
    for label in labels:
        tp = float(np.sum((a == label) & (b == label)))
        fp = float(np.sum((a == label) & (b != label)))
        fn = float(np.sum((a != label) & (b == label)))
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


def _alpha_fast(a: np.ndarray, b: np.ndarray, *, level: str, domain) -> float:
    data = np.vstack([a, b])
    if len(np.unique(data)) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level, value_domain=domain))


def bootstrap_agreement(
    coded: pd.DataFrame,
    reference: pd.DataFrame,
    *,
    columns: Sequence[str],
    n_boot: int = 1000,
    random_state: int = 0,
    level: float = 0.95,
) -> pd.DataFrame:
    """F1 and Krippendorff's alpha per code with percentile bootstrap intervals over sentences.

    F1 is :func:`agreement`'s: the positive class for binary codes, the macro
    average over the classes present for tone and stance (``absent`` is a
    class). Every code is resampled with the same sentences in each round.

    Returns
    -------
    pandas.DataFrame
        ``code, n, f1, f1_low, f1_high, alpha, alpha_low, alpha_high``.
    """
    shared = coded.index.intersection(reference.index)
    rng = np.random.default_rng(random_state)
    draws = rng.integers(0, len(shared), size=(n_boot, len(shared)))
    tail = (1 - level) / 2
    rows = []
    for column in columns:
        a = _label_codes(coded.loc[shared, column], column)
        b = _label_codes(reference.loc[shared, column], column)
        binary = not is_stance_column(column) and column != TONE_COLUMN
        alpha_level = "ordinal" if column == TONE_COLUMN else "nominal"
        domain = [-1, 0, 1] if column == TONE_COLUMN else ([-1, 0, 1, 3] if not binary else [0, 1])
        f1 = np.array([_f1(a[d], b[d], binary=binary) for d in draws])
        alpha = np.array([_alpha_fast(a[d], b[d], level=alpha_level, domain=domain) for d in draws])
        rows.append({
            "code": column, "n": len(shared),
            "f1": _f1(a, b, binary=binary), "f1_low": np.nanquantile(f1, tail), "f1_high": np.nanquantile(f1, 1 - tail),
            "alpha": _alpha_fast(a, b, level=alpha_level, domain=domain),
            "alpha_low": np.nanquantile(alpha, tail) if np.isfinite(alpha).any() else np.nan,
            "alpha_high": np.nanquantile(alpha, 1 - tail) if np.isfinite(alpha).any() else np.nan,
        })
    table = pd.DataFrame(rows)
    for column in table.columns[2:]:
        table[column] = table[column].astype(float).round(4)
    return table


def compare_coders(
    codings: dict[str, pd.DataFrame],
    reference: pd.DataFrame,
    *,
    columns: Sequence[str],
    n_boot: int = 1000,
    random_state: int = 0,
) -> pd.DataFrame:
    """:func:`bootstrap_agreement` of several automated codings against one reference, stacked.

    Returns
    -------
    pandas.DataFrame
        ``coder`` (the keys of ``codings``, in their order) then the columns
        of :func:`bootstrap_agreement`, plus one ``frames (macro)`` row per
        coder: the mean F1 and alpha over the frame codes (no interval).
    """
    parts = []
    for name, coded in codings.items():
        table = bootstrap_agreement(coded, reference, columns=columns, n_boot=n_boot, random_state=random_state)
        frames = table[table["code"].str.startswith("frame_")]
        macro = {"code": "frames (macro)", "n": table["n"].iloc[0], "f1": round(float(frames["f1"].mean()), 4),
                 "alpha": round(float(frames["alpha"].mean()), 4)}
        parts.append(pd.concat([table, pd.DataFrame([macro])], ignore_index=True).assign(coder=name))
    stacked = pd.concat(parts, ignore_index=True)
    return stacked[["coder", *[c for c in stacked.columns if c != "coder"]]]


def macro_f1_by_outlet(
    codings: dict[str, pd.DataFrame], reference: pd.DataFrame, sentences: pd.DataFrame, *, frame_columns: Sequence[str]
) -> pd.DataFrame:
    """Frames macro-F1 of each coding per outlet (outlets in the order of ``sentences``)."""
    outlets = sentences.set_index("sent_id")["outlet"]
    rows = []
    for outlet in pd.unique(sentences["outlet"]):
        ids = reference.index.intersection(outlets.index[outlets == outlet])
        for name, coded in codings.items():
            ids_here = ids.intersection(coded.index)
            scores = [_f1(coded.loc[ids_here, c].astype(int).to_numpy(), reference.loc[ids_here, c].astype(int).to_numpy(),
                          binary=True) for c in frame_columns]
            rows.append({"outlet": outlet, "coder": name, "n": len(ids_here), "frames_macro_f1": round(float(np.mean(scores)), 4)})
    return pd.DataFrame(rows)


def coders_side_by_side(comparison: pd.DataFrame) -> pd.DataFrame:
    """The coders' F1 and alpha per code, each with its bootstrap interval, as text for reading.

    Parameters
    ----------
    comparison : pandas.DataFrame
        From :func:`compare_coders` plus a ``label`` column (the code's
        reader-facing name).

    Returns
    -------
    pandas.DataFrame
        One row per label (in first-seen order), columns ``(measure, coder)``
        with cells such as ``"0.71 [0.62, 0.79]"``; a value without an
        interval (too few cases to resample) is shown alone.

    Examples
    --------
    >>> table = pd.DataFrame({"coder": ["a"], "label": ["x"], "f1": [0.5], "f1_low": [0.4],
    ...                       "f1_high": [0.6], "alpha": [0.3], "alpha_low": [np.nan], "alpha_high": [np.nan]})
    >>> coders_side_by_side(table).iloc[0].tolist()
    ['0.50 [0.40, 0.60]', '0.30']
    """
    def interval(row: pd.Series, measure: str) -> str:
        if pd.isna(row.get(f"{measure}_low")):
            return f"{row[measure]:.2f}"
        return f"{row[measure]:.2f} [{row[f'{measure}_low']:.2f}, {row[f'{measure}_high']:.2f}]"

    return comparison.assign(
        F1=comparison.apply(interval, axis=1, measure="f1"),
        alpha=comparison.apply(interval, axis=1, measure="alpha"),
    ).pivot_table(index="label", columns="coder", values=["F1", "alpha"], aggfunc="first", sort=False)
