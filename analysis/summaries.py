"""Every per-outlet table behind a figure, in one outlet order.

The coders (:mod:`analysis.coding`) give one row per sentence; this module
turns those rows, with the sentence table, into the small tables the figures
draw and the synthesis quotes:

=============================  ==========================================
:func:`corpus_overview`        figure 1 — article length, removed chrome
:func:`frame_prominence`       figure 4 — share of sentences per frame
:func:`frame_positions`        figure 5 — where in a text a frame occurs
:func:`bootstrap_tone`         figure 6 — mean tone with bootstrap interval
:func:`summarize_stance`       figure 7 — mean stance per target
:func:`count_voices`           figure 8 — voices per speaker country
:func:`outlet_profiles`        the synthesis, one profile row per outlet
=============================  ==========================================

plus :func:`frame_cooccurrence`, :func:`frames_in_title_and_lead`,
:func:`prescriptions_by_addressee`, :func:`share_by_outlet` and the
``*_by_source`` tables that put automated and manual coding side by side.

Outlet order
------------
Groups come in the order of first appearance in the sentence table (for the
seed study: the order of ``metadata.csv``), the same order as figure 1, unless
``order=`` names another. Within a group, frames follow the codebook and
targets the targets file.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from analysis.framing import Codebook, frame_labels, load_codebook
from analysis.grammar import PUNCTUATION_TAGS
from analysis.tokenize import require_columns

COUNTRIES = ("US", "China", "Korea", "other", "unknown")
# Figure 8's categories: the speaker countries of attributed voices, then unattributed claims.
UNATTRIBUTED = "unattributed"
VOICE_CATEGORIES = (*COUNTRIES, UNATTRIBUTED)
AUTOMATED = "자동 (automated)"
MANUAL = "수동 (manual)"


def group_order(values: pd.Series | Sequence, order: Sequence | None = None) -> list:
    """The groups of ``values`` in order of first appearance, or in ``order``.

    Parameters
    ----------
    values : sequence
        Group values as they occur (e.g. ``sentences["outlet"]``).
    order : sequence, optional
        An explicit order; groups of ``values`` not in it follow, in order of
        first appearance (none is dropped).

    Examples
    --------
    >>> group_order(["나", "가", "나"])
    ['나', '가']
    >>> group_order(["나", "가", "다"], order=["가"])
    ['가', '나', '다']
    """
    seen = [v for v in dict.fromkeys(values) if not (isinstance(v, float) and np.isnan(v))]
    if order is None:
        return seen
    first = list(dict.fromkeys(order))
    return first + [v for v in seen if v not in set(first)]


OTHER_OUTLETS = "기타"


def fold_outlets(outlets: pd.Series, *, top: int | None, other: str = OTHER_OUTLETS) -> pd.Series:
    """Keep the ``top`` outlets with most units and fold the rest into ``other``.

    Figures with one row or panel per outlet stay readable for corpora of
    many outlets: the largest ``top`` outlets keep their names, the others are
    drawn together as "기타" (other).

    Parameters
    ----------
    outlets : pandas.Series
        The outlet of each unit (document or sentence).
    top : int or None
        How many outlets keep their own name; None keeps all.
    other : str, default "기타"

    Returns
    -------
    pandas.Series
        Same index, outlet names or ``other``. Ties in size are broken by
        name, so the choice never depends on row order.

    Examples
    --------
    >>> fold_outlets(pd.Series(["가", "나", "나", "다", "라", "라"]), top=2).tolist()
    ['기타', '나', '나', '기타', '라', '라']
    """
    if top is None or outlets.nunique() <= top:
        return outlets.copy()
    if top < 1:
        raise ValueError(f"top must be at least 1 (or None for all outlets), got {top}")
    sizes = outlets.value_counts()
    ranked = sorted(sizes.items(), key=lambda item: (-item[1], str(item[0])))
    kept = {name for name, _ in ranked[:top]}
    return outlets.where(outlets.isin(kept), other)


def _ordered_groups(frame: pd.DataFrame, by: str, order: Sequence) -> list[tuple[object, pd.DataFrame]]:
    parts = dict(tuple(frame.groupby(by, sort=False)))
    return [(group, parts[group]) for group in order if group in parts]


def stance_targets(table: pd.DataFrame) -> list[str]:
    """Target ids of the ``stance_<id>`` columns of a coded table, in column order."""
    return [c[len("stance_"):] for c in table.columns if c.startswith("stance_") and c != "stance_evidence"]


# ---------------------------------------------------------------------------
# Figure 1
# ---------------------------------------------------------------------------


def corpus_overview(study) -> pd.DataFrame:
    """Article length and removed page chrome per outlet (figure 1's table).

    Parameters
    ----------
    study : analysis.pipeline.Study
        Or any object with ``corpus.documents`` (``doc_id, outlet``),
        ``cleaned.lines`` (``doc_id, line, text, role, reason``),
        ``cleaned.paragraphs`` (``outlet``), ``sentences`` (``outlet``) and
        ``tokens`` (``doc_id, tag, gloss``).

    Returns
    -------
    pandas.DataFrame
        One row per outlet in corpus order: ``outlet, documents, raw_lines,
        article_lines, chrome_lines, article_chars, chrome_chars,
        chrome_share`` (chrome characters over all non-blank characters, 4
        decimals), ``paragraphs, sentences, tokens`` (morphemes without
        punctuation and bracketed glosses). Characters are counted without
        white space; blank lines count as raw lines only.
    """
    documents = study.corpus.documents
    lines = study.cleaned.lines.copy()
    lines["chars"] = lines["text"].str.replace(r"\s+", "", regex=True).str.len()
    blank = lines["reason"] == "blank line"
    lines["chrome_chars"] = lines["chars"].where((lines["role"] == "chrome") & ~blank, 0)
    lines["article_chars"] = lines["chars"].where(lines["role"] != "chrome", 0)
    lines["chrome_line"] = ((lines["role"] == "chrome") & ~blank).astype(int)
    lines["article_line"] = (lines["role"] != "chrome").astype(int)
    outlet_of = documents.set_index("doc_id")["outlet"]
    lines["outlet"] = lines["doc_id"].map(outlet_of)
    tokens = study.tokens
    # punctuation, symbols and brackets are not words
    words = tokens[~tokens["tag"].isin(PUNCTUATION_TAGS) & ~tokens["gloss"]]
    order = group_order(documents["outlet"])
    per_outlet = lines.groupby("outlet").agg(
        raw_lines=("line", "size"), article_lines=("article_line", "sum"),
        chrome_lines=("chrome_line", "sum"), article_chars=("article_chars", "sum"),
        chrome_chars=("chrome_chars", "sum"),
    )
    per_outlet["documents"] = documents.groupby("outlet").size()
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


# ---------------------------------------------------------------------------
# Frames (figures 4 and 5)
# ---------------------------------------------------------------------------


FrameSource = Codebook | Path | str | Mapping[str, str] | None


def _labels(codebook: FrameSource, coded: pd.DataFrame | None = None) -> dict[str, str]:
    """Frame id → Korean label, in codebook order, from a codebook, its path or a mapping.

    Without one, the codebook the coded table was made with (named in its
    ``attrs``, see :class:`analysis.coding.Coder`), else the study codebook.
    """
    if isinstance(codebook, Mapping):
        return {str(k): str(v) for k, v in codebook.items()}
    if codebook is None and coded is not None:
        codebook = _instrument_file(coded, "codebook")
    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    return frame_labels(book)


def _instrument_file(coded: pd.DataFrame, name: str) -> Path | None:
    """The file of instrument ``name`` recorded in a coded table's ``attrs``, if it still exists."""
    source = coded.attrs.get("instruments", {}).get(name, {}).get("source")
    return Path(source) if source and Path(source).is_file() else None


def _join(coded: pd.DataFrame, sentences: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    require_columns(sentences, ["sent_id", *columns], "sentences")
    if "sent_id" not in coded.columns:
        raise ValueError("coded table lacks 'sent_id'; pass the result of code_frames")
    meta = sentences[["sent_id", *[c for c in columns if c != "sent_id"]]]
    # the sentence table is the source of these columns, also when the coded table carries copies
    coded = coded.drop(columns=[c for c in meta.columns if c != "sent_id" and c in coded.columns])
    merged = coded.merge(meta, on="sent_id", how="left", validate="one_to_one")
    if merged[list(columns)].isna().all(axis=1).any():
        missing = merged.loc[merged[list(columns)].isna().all(axis=1), "sent_id"].iloc[0]
        raise ValueError(f"coded sentence {missing!r} is not in the sentences table")
    return merged


def _frames_in(coded: pd.DataFrame, codebook: FrameSource) -> list[tuple[str, str]]:
    """(frame id, label) of every codebook frame, checked against the coded columns."""
    labels = _labels(codebook, coded)
    missing = [f"frame_{i}" for i in labels if f"frame_{i}" not in coded.columns]
    if missing:
        raise ValueError(f"coded table lacks {missing}; was it coded with another codebook?")
    return list(labels.items())


def frame_prominence(
    coded: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    codebook: FrameSource = None,
    by: str = "outlet",
    roles: Sequence[str] | None = ("body",),
    order: Sequence | None = None,
) -> pd.DataFrame:
    """Share of sentences carrying each frame, per outlet (figure 4).

    Parameters
    ----------
    coded : pandas.DataFrame
        ``sent_id`` and a ``frame_<id>`` column (0/1) per codebook frame.
    sentences : pandas.DataFrame
        The sentence table (needs ``by`` and, unless ``roles`` is None, ``role``).
    codebook : Codebook, path or mapping, optional
        The frames (default the study codebook); a mapping gives frame id → label.
    by : str, optional
        Grouping column of ``sentences`` (default ``"outlet"``; ``"doc_id"``).
    roles : sequence of str or None, optional
        Sentence roles counted (default body sentences only); None for all.
    order : sequence, optional
        Group order (default: first appearance in ``sentences``).

    Returns
    -------
    pandas.DataFrame
        ``<by>, frame, label, n_sentences, n_coded, share``; frames in
        codebook order within each group.

    Examples
    --------
    >>> frame_prominence(coded, sentences)  # doctest: +SKIP
    """
    frames = _frames_in(coded, codebook)
    needed = [by] + (["role"] if roles is not None else [])
    merged = _join(coded, sentences, needed)
    if roles is not None:
        merged = merged[merged["role"].isin(list(roles))]
    rows = []
    for group, part in _ordered_groups(merged, by, group_order(sentences[by], order)):
        n = len(part)
        for frame_id, label in frames:
            k = int(part[f"frame_{frame_id}"].sum())
            rows.append(
                {by: group, "frame": frame_id, "label": label, "n_sentences": n, "n_coded": k,
                 "share": k / n if n else 0.0}
            )
    return pd.DataFrame(rows, columns=[by, "frame", "label", "n_sentences", "n_coded", "share"])


def frame_positions(
    coded: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    codebook: FrameSource = None,
    order: Sequence | None = None,
) -> pd.DataFrame:
    """Where in each text each frame occurs (figure 5): one row per coded (sentence, frame).

    Returns
    -------
    pandas.DataFrame
        ``outlet, doc_id, sent_id, role, position, frame, label``, where
        ``position`` is the sentence's relative place in its document (0 =
        first sentence, 1 = last); outlets in ``order`` (default: first
        appearance), then by document, sentence and codebook order of frames.
    """
    frames = _frames_in(coded, codebook)
    merged = _join(coded, sentences, ["outlet", "doc_id", "role", "position"])
    rank = {outlet: i for i, outlet in enumerate(group_order(sentences["outlet"], order))}
    merged = merged.assign(_rank=merged["outlet"].map(rank))
    rows = []
    for _, row in merged.sort_values(["_rank", "doc_id", "sent_id"], kind="stable").iterrows():
        for frame_id, label in frames:
            if row[f"frame_{frame_id}"]:
                rows.append(
                    {"outlet": row["outlet"], "doc_id": row["doc_id"], "sent_id": row["sent_id"],
                     "role": row["role"], "position": float(row["position"]), "frame": frame_id,
                     "label": label}
                )
    return pd.DataFrame(rows, columns=["outlet", "doc_id", "sent_id", "role", "position", "frame", "label"])


def frame_cooccurrence(
    coded: pd.DataFrame,
    *,
    codebook: FrameSource = None,
) -> pd.DataFrame:
    """How often frames are coded in the same sentence.

    Returns
    -------
    pandas.DataFrame
        One row per ordered pair of frames (codebook order): ``frame_a,
        frame_b, label_a, label_b, n_a, n_b, n_both, jaccard`` (``n_both /
        (n_a + n_b - n_both)``, 0 when neither occurs). The diagonal holds
        each frame's own count (jaccard 1 when it occurs).
    """
    frames = _frames_in(coded, codebook)
    rows = []
    for a, label_a in frames:
        col_a = coded[f"frame_{a}"].astype(bool)
        for b, label_b in frames:
            col_b = coded[f"frame_{b}"].astype(bool)
            n_a, n_b, n_both = int(col_a.sum()), int(col_b.sum()), int((col_a & col_b).sum())
            union = n_a + n_b - n_both
            rows.append(
                {"frame_a": a, "frame_b": b, "label_a": label_a, "label_b": label_b,
                 "n_a": n_a, "n_b": n_b, "n_both": n_both, "jaccard": n_both / union if union else 0.0}
            )
    return pd.DataFrame(rows)


def frames_in_title_and_lead(
    coded: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    codebook: FrameSource = None,
    lead_paragraphs: int = 1,
    order: Sequence | None = None,
) -> pd.DataFrame:
    """Whether each frame appears in a document's title and lead.

    Parameters
    ----------
    lead_paragraphs : int, optional
        How many body paragraphs (``para``) count as the lead (default 1,
        the first body paragraph, as in a news lead).

    Returns
    -------
    pandas.DataFrame
        ``outlet, doc_id, frame, label, in_title, in_lead, n_body, body_share``
        (0/1 flags; ``body_share`` = share of body sentences with the frame);
        outlets in ``order`` (default first appearance), documents in
        order of first appearance, frames in codebook order.
    """
    if not isinstance(lead_paragraphs, int) or lead_paragraphs < 1:
        raise ValueError(f"lead_paragraphs must be a positive integer, got {lead_paragraphs!r}")
    frames = _frames_in(coded, codebook)
    merged = _join(coded, sentences, ["outlet", "doc_id", "role", "para"])
    rows = []
    for outlet, part in _ordered_groups(merged, "outlet", group_order(sentences["outlet"], order)):
        for doc_id, doc in sorted(part.groupby("doc_id", sort=False), key=lambda p: str(p[0])):
            body = doc[doc["role"] == "body"]
            lead_paras = sorted(body["para"].unique())[:lead_paragraphs]
            lead = body[body["para"].isin(lead_paras)]
            title = doc[doc["role"] == "title"]
            for frame_id, label in frames:
                col = f"frame_{frame_id}"
                rows.append(
                    {"outlet": outlet, "doc_id": doc_id, "frame": frame_id, "label": label,
                     "in_title": int(title[col].any()), "in_lead": int(lead[col].any()), "n_body": len(body),
                     "body_share": float(body[col].mean()) if len(body) else 0.0}
                )
    return pd.DataFrame(rows)


def prescriptions_by_addressee(
    coded: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    by: str = "outlet",
    unstated: str = "(명시 안 됨)",
    order: Sequence | None = None,
) -> pd.DataFrame:
    """Count prescriptive sentences per outlet and addressee (RQ5).

    A sentence addressed to several actors (``정부;기업``) counts once for each.

    Returns
    -------
    pandas.DataFrame
        ``<by>, addressee, n``: groups in ``order`` (default first
        appearance), then count (descending), then addressee; prescriptions
        with no stated addressee are labelled ``unstated``.
    """
    for col in ("prescription", "addressee"):
        if col not in coded.columns:
            raise ValueError(f"coded table lacks {col!r}; pass the result of code_frames")
    merged = _join(coded, sentences, [by])
    rows = []
    for _, row in merged[merged["prescription"] == 1].iterrows():
        labels = [a for a in str(row["addressee"]).split(";") if a] or [unstated]
        rows.extend({by: row[by], "addressee": label} for label in labels)
    table = pd.DataFrame(rows, columns=[by, "addressee"])
    counts = table.groupby([by, "addressee"]).size().reset_index(name="n")
    rank = {group: i for i, group in enumerate(group_order(sentences[by], order))}
    counts = counts.assign(_rank=counts[by].map(rank))
    counts = counts.sort_values(["_rank", "n", "addressee"], ascending=[True, False, True], kind="stable")
    return counts.drop(columns="_rank").reset_index(drop=True)


def share_by_outlet(
    coded: pd.DataFrame, sentences: pd.DataFrame, *, columns: Sequence[str], order: Sequence | None = None
) -> pd.DataFrame:
    """Share of sentences carrying each binary code, per outlet (long format).

    Parameters
    ----------
    coded : pandas.DataFrame
        Indexed by ``sent_id`` (a manual coding, or a coded table set on ``sent_id``).
    sentences : pandas.DataFrame
    columns : sequence of str
        The 0/1 code columns.

    Returns
    -------
    pandas.DataFrame
        ``outlet, code, share`` (mean over the coded sentences, 4 decimals);
        outlets in ``order`` (default first appearance), codes sorted.
    """
    merged = sentences[["sent_id", "outlet"]].merge(
        coded[list(columns)], left_on="sent_id", right_index=True, how="inner"
    )
    order = group_order(sentences["outlet"], order)
    long = merged.melt(id_vars=["sent_id", "outlet"], value_vars=list(columns), var_name="code", value_name="value")
    table = long.groupby(["outlet", "code"], sort=False)["value"].mean().round(4).reset_index(name="share")
    table["outlet"] = pd.Categorical(table["outlet"], categories=order, ordered=True)
    return table.sort_values(["outlet", "code"]).reset_index(drop=True).astype({"outlet": str})


# ---------------------------------------------------------------------------
# Tone and stance (figures 6 and 7)
# ---------------------------------------------------------------------------


def _bootstrap_mean(
    values: np.ndarray, *, n_resamples: int, confidence_level: float, seed: Sequence[int]
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean (scipy.stats.bootstrap)."""
    if len(values) == 1 or np.all(values == values[0]):
        return float(values[0]), float(values[0])
    result = stats.bootstrap(
        (values,), np.mean, n_resamples=n_resamples, confidence_level=confidence_level,
        method="percentile", vectorized=True, rng=np.random.default_rng(list(seed)),
    )
    low, high = result.confidence_interval
    return float(low), float(high)


def _check_bootstrap(n_resamples: int, confidence_level: float, random_state: int) -> None:
    if not isinstance(n_resamples, int) or n_resamples < 100:
        raise ValueError(f"n_resamples must be an integer >= 100; got {n_resamples!r}.")
    if not 0 < confidence_level < 1:
        raise ValueError(f"confidence_level must be between 0 and 1; got {confidence_level!r}.")
    if not isinstance(random_state, (int, np.integer)) or random_state < 0:
        raise ValueError(f"random_state must be a non-negative integer seed; got {random_state!r}.")


def _with_groups(scored: pd.DataFrame, sentences: pd.DataFrame, by: str) -> pd.DataFrame:
    require_columns(sentences, ("sent_id", by), "sentences")
    merged = scored.merge(sentences[["sent_id", by]], on="sent_id", how="left", validate="one_to_one")
    unknown = merged.loc[merged[by].isna(), "sent_id"].tolist()
    if unknown:
        raise ValueError(f"scored sentences not in the sentences table: {unknown[:5]}.")
    return merged


def bootstrap_tone(
    scored: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    by: str = "outlet",
    n_resamples: int = 2000,
    confidence_level: float = 0.95,
    random_state: int = 0,
    order: Sequence | None = None,
) -> pd.DataFrame:
    """Mean tone per group with a percentile bootstrap interval over sentences (figure 6).

    Sentences are resampled with replacement within each group; the seed of
    a group is ``[random_state, crc32(group name)]`` (numpy ``Generator``), so
    a group's interval does not depend on which other groups are present.

    Parameters
    ----------
    scored : pandas.DataFrame
        ``sent_id, tone`` (-1/0/+1).
    sentences : pandas.DataFrame
        ``sent_id`` and the grouping column.
    by : str, default "outlet"
    n_resamples : int, default 2000
    confidence_level : float, default 0.95
    random_state : int, default 0
    order : sequence, optional
        Group order (default: first appearance in ``sentences``).

    Returns
    -------
    pandas.DataFrame
        ``<by>, n_sentences, n_negative, n_neutral, n_positive, mean_tone,
        ci_low, ci_high`` (4 decimals); groups with no toned sentence are left out.

    Examples
    --------
    >>> scored = pd.DataFrame({"sent_id": ["a", "b", "c"], "tone": [1, -1, 1]})
    >>> sents = pd.DataFrame({"sent_id": ["a", "b", "c"], "outlet": ["가", "가", "나"]})
    >>> bootstrap_tone(scored, sents)[["outlet", "n_sentences", "mean_tone"]].values.tolist()
    [['가', 2, 0.0], ['나', 1, 1.0]]
    """
    _check_bootstrap(n_resamples, confidence_level, random_state)
    require_columns(scored, ("sent_id", "tone"), "scored")
    merged = _with_groups(scored, sentences, by)
    rows = []
    for group, part in _ordered_groups(merged, by, group_order(sentences[by], order)):
        tones = part["tone"].dropna().astype(float).to_numpy()
        if not len(tones):
            continue
        low, high = _bootstrap_mean(
            tones, n_resamples=n_resamples, confidence_level=confidence_level,
            seed=(int(random_state), zlib.crc32(str(group).encode("utf-8"))),
        )
        rows.append(
            (group, len(tones), int((tones < 0).sum()), int((tones == 0).sum()), int((tones > 0).sum()),
             round(float(tones.mean()), 4), round(low, 4), round(high, 4))
        )
    return pd.DataFrame(
        rows,
        columns=[by, "n_sentences", "n_negative", "n_neutral", "n_positive", "mean_tone", "ci_low", "ci_high"],
    )


def summarize_stance(
    stance: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    by: str = "outlet",
    targets: Sequence[str] | None = None,
    labels: dict[str, str] | None = None,
    n_resamples: int = 2000,
    confidence_level: float = 0.95,
    random_state: int = 0,
    order: Sequence | None = None,
) -> pd.DataFrame:
    """Mean stance toward each target per group, over sentences that mention it (figure 7).

    Parameters
    ----------
    stance : pandas.DataFrame
        ``sent_id`` and a ``stance_<target>`` column per target (-1/0/+1,
        missing when the target is not mentioned).
    sentences : pandas.DataFrame
        ``sent_id`` and the grouping column.
    targets : sequence of str, optional
        Default: every ``stance_<target>`` column, in column order.
    labels : dict, optional
        Target id → label for the ``label`` column (default the id).
    by, n_resamples, confidence_level, random_state, order
        As for :func:`bootstrap_tone` (the seed adds the target name).

    Returns
    -------
    pandas.DataFrame
        ``<by>, target, label, n_mentioned, n_negative, n_neutral, n_positive,
        mean_stance, ci_low, ci_high``; groups that never mention a target get
        a row with ``n_mentioned`` 0 and empty means.

    Examples
    --------
    >>> stance = pd.DataFrame({"sent_id": ["a", "b"], "stance_china": pd.array([1, pd.NA], "Int64"),
    ...                        "stance_us": pd.array([-1, -1], "Int64"), "stance_korea": pd.array([pd.NA, pd.NA], "Int64")})
    >>> sents = pd.DataFrame({"sent_id": ["a", "b"], "outlet": ["가", "가"]})
    >>> summarize_stance(stance, sents)[["target", "n_mentioned", "mean_stance"]].values.tolist()
    [['china', 1, 1.0], ['us', 2, -1.0], ['korea', 0, nan]]
    """
    _check_bootstrap(n_resamples, confidence_level, random_state)
    targets = list(targets) if targets is not None else stance_targets(stance)
    if not targets:
        raise ValueError("stance table has no stance_<target> column.")
    labels = labels or {}
    require_columns(stance, ("sent_id", *[f"stance_{t}" for t in targets]), "stance")
    merged = _with_groups(stance, sentences, by)
    rows = []
    for group, part in _ordered_groups(merged, by, group_order(sentences[by], order)):
        for target in targets:
            label = labels.get(target, target)
            values = part[f"stance_{target}"].dropna().astype(float).to_numpy()
            if not len(values):
                rows.append((group, target, label, 0, 0, 0, 0, np.nan, np.nan, np.nan))
                continue
            low, high = _bootstrap_mean(
                values, n_resamples=n_resamples, confidence_level=confidence_level,
                seed=(int(random_state), zlib.crc32(f"{group}\t{target}".encode("utf-8"))),
            )
            rows.append(
                (group, target, label, len(values), int((values < 0).sum()), int((values == 0).sum()),
                 int((values > 0).sum()), round(float(values.mean()), 4), round(low, 4), round(high, 4))
            )
    return pd.DataFrame(
        rows,
        columns=[by, "target", "label", "n_mentioned", "n_negative", "n_neutral", "n_positive",
                 "mean_stance", "ci_low", "ci_high"],
    )


# ---------------------------------------------------------------------------
# Voices (figure 8)
# ---------------------------------------------------------------------------


def count_voices(
    voices: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    by: str = "outlet",
    unit: str = "voices",
    order: Sequence | None = None,
) -> pd.DataFrame:
    """Voices per group and speaker country, unattributed claims apart (the table behind figure 8).

    Parameters
    ----------
    voices : pandas.DataFrame
        From :func:`analysis.voices.extract_voices`: ``sent_id, speaker,
        country`` and ``attributed`` (``yes``/``no``; a table without it
        counts every voice as attributed).
    sentences : pandas.DataFrame
        ``sent_id`` and the grouping column.
    by : str, default "outlet"
    unit : {"voices", "speakers"}
        Count every quotation/citation, or distinct speakers (voices with no
        speaker count once per sentence).
    order : sequence, optional
        Group order (default: first appearance in ``sentences``).

    Returns
    -------
    pandas.DataFrame
        ``<by>, country, n, share`` with every category of
        :data:`VOICE_CATEGORIES` for every group (zeros included): attributed
        voices by their speaker's country, then ``unattributed`` for the
        unattributed claims (``...라는 분석이 나온다``, ``업계에서는``), whatever
        country their phrase names; ``share`` of all the group's voices.

    Examples
    --------
    >>> voices = pd.DataFrame({"sent_id": ["a", "b", "c"], "speaker": ["블룸버그", "김 교수", pd.NA],
    ...                        "country": ["US", "Korea", "unknown"], "attributed": ["yes", "yes", "no"]})
    >>> sents = pd.DataFrame({"sent_id": ["a", "b", "c"], "outlet": ["가", "가", "가"]})
    >>> count_voices(voices, sents).query("n > 0")[["country", "n", "share"]].values.tolist()
    [['US', 1, 0.3333], ['Korea', 1, 0.3333], ['unattributed', 1, 0.3333]]
    """
    if unit not in {"voices", "speakers"}:
        raise ValueError(f"unit must be 'voices' or 'speakers', not {unit!r}.")
    require_columns(voices, ("sent_id", "speaker", "country"), "voices")
    require_columns(sentences, ("sent_id", by), "sentences")
    merged = voices.merge(sentences[["sent_id", by]], on="sent_id", how="left", validate="many_to_one")
    unknown = merged.loc[merged[by].isna(), "sent_id"].unique().tolist()
    if unknown:
        raise ValueError(f"voices from sentences not in the sentences table: {unknown[:5]}.")
    if "attributed" in merged.columns:
        bad = sorted(set(merged["attributed"].dropna().astype(str)) - {"yes", "no"})
        if bad or merged["attributed"].isna().any():
            raise ValueError(f"voices: attributed must be yes or no, not {bad[:3] or ['<missing>']}.")
        merged["country"] = merged["country"].where(merged["attributed"].eq("yes"), UNATTRIBUTED)
    if unit == "speakers":
        key = merged["speaker"].astype("string").fillna("∅" + merged["sent_id"])
        merged = merged.assign(_key=key).drop_duplicates([by, "country", "_key"])
    counts = merged.groupby([by, "country"]).size()
    rows = []
    for group in group_order(sentences[by].dropna(), order):
        total = int(counts.loc[group].sum()) if group in counts.index.get_level_values(0) else 0
        for country in VOICE_CATEGORIES:
            n = int(counts.get((group, country), 0))
            rows.append((group, country, n, round(n / total, 4) if total else 0.0))
    return pd.DataFrame(rows, columns=[by, "country", "n", "share"])


# ---------------------------------------------------------------------------
# Automated and manual side by side
# ---------------------------------------------------------------------------


def frame_prominence_by_source(
    coded: pd.DataFrame, manual: pd.DataFrame | None, sentences: pd.DataFrame, *,
    codebook: FrameSource = None,
) -> pd.DataFrame:
    """:func:`frame_prominence` of the automated coding, and of the manual coding beside it.

    Adds a ``source`` column (``자동 (automated)``, ``수동 (manual)``); only
    the automated rows when there is no manual coding. Both use the same
    frames: ``codebook``, or the one the coded table was made with.
    """
    codebook = _labels(codebook, coded)
    tables = [frame_prominence(coded, sentences, codebook=codebook).assign(source=AUTOMATED)]
    if manual is not None:
        manual_table = manual.reset_index()[["sent_id", *[c for c in manual.columns if c.startswith("frame_")]]]
        tables.append(frame_prominence(manual_table, sentences, codebook=codebook).assign(source=MANUAL))
    return pd.concat(tables, ignore_index=True)


def tone_by_source(
    coded: pd.DataFrame, manual: pd.DataFrame | None, sentences: pd.DataFrame, *, random_state: int = 0
) -> pd.DataFrame:
    """:func:`bootstrap_tone` of the automated and (if given) the manual coding, with ``source``."""
    tables = [bootstrap_tone(coded[["sent_id", "tone"]], sentences, random_state=random_state)
              .assign(source=AUTOMATED)]
    if manual is not None:
        tables.append(bootstrap_tone(manual.reset_index()[["sent_id", "tone"]], sentences,
                                     random_state=random_state).assign(source=MANUAL))
    return pd.concat(tables, ignore_index=True)


def stance_by_source(
    coded: pd.DataFrame, manual: pd.DataFrame | None, sentences: pd.DataFrame, *,
    labels: dict[str, str] | None = None, random_state: int = 0,
) -> pd.DataFrame:
    """:func:`summarize_stance` of the automated and (if given) the manual coding, with ``source``.

    The targets are the automated table's ``stance_<target>`` columns; a
    manual coding lacking one of them is summarized on the targets it has.
    ``labels`` default to those of the targets file the coded table records
    in its ``attrs`` (see :class:`analysis.coding.Coder`), else the ids.
    """
    targets = stance_targets(coded)
    if labels is None:
        labels = _target_labels(coded)
    columns = ["sent_id", *[f"stance_{t}" for t in targets]]
    tables = [summarize_stance(coded[columns], sentences, labels=labels, random_state=random_state)
              .assign(source=AUTOMATED)]
    if manual is not None:
        table = manual.reset_index()
        present = ["sent_id", *[c for c in columns[1:] if c in table.columns]]
        tables.append(summarize_stance(table[present], sentences, labels=labels,
                                       random_state=random_state).assign(source=MANUAL))
    return pd.concat(tables, ignore_index=True)


def _target_labels(coded: pd.DataFrame) -> dict[str, str]:
    """Target labels from the targets file named in a coded table's ``attrs``, if any."""
    source = _instrument_file(coded, "targets")
    if source is None:
        return {}
    from analysis.targets import load_targets

    return dict(load_targets(source).labels)


# ---------------------------------------------------------------------------
# The synthesis
# ---------------------------------------------------------------------------


def _top_frames(coded: pd.DataFrame, sentences: pd.DataFrame, labels: dict[str, str], *, n: int) -> pd.Series:
    body = sentences.loc[sentences["role"] == "body", ["sent_id", "outlet"]]
    frames = [f"frame_{key}" for key in labels if f"frame_{key}" in coded.columns]
    merged = body.merge(coded[["sent_id", *frames]], on="sent_id")
    shares = merged.groupby("outlet", sort=False)[frames].mean()
    result = {}
    for outlet, row in shares.iterrows():
        ranked = sorted(((-share, frame) for frame, share in row.items() if share > 0))[:n]
        result[outlet] = ", ".join(f"{labels[frame[6:]]} {-share:.0%}" for share, frame in ranked)
    return pd.Series(result, dtype=object)


def outlet_profiles(
    sentences: pd.DataFrame,
    coded: pd.DataFrame,
    voices: pd.DataFrame,
    keyness_table: pd.DataFrame,
    *,
    manual: pd.DataFrame | None = None,
    codebook: FrameSource = None,
    n_terms: int = 5,
    n_frames: int = 3,
    order: Sequence | None = None,
) -> pd.DataFrame:
    """One row per outlet: what it talks about, how, in which tone, with whose voices.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentence table.
    coded : pandas.DataFrame
        From :class:`analysis.coding.Coder` (frames, tone, stance, prescription, addressee).
    voices : pandas.DataFrame
        From :func:`analysis.voices.extract_voices`.
    keyness_table : pandas.DataFrame
        From :func:`analysis.vocabulary.keyness` (``g2`` measure).
    manual : pandas.DataFrame, optional
        Manual coding indexed by ``sent_id``; adds the manual top frames and tone.
    codebook : Codebook, path or mapping, optional
        The frames (default the study codebook); a mapping gives frame id → label.
        For the frame labels.

    Returns
    -------
    pandas.DataFrame
        ``outlet, sentences, distinctive_terms, top_frames`` (the ``n_frames``
        frames with the largest share of body sentences, ties by column
        name), ``mean_tone``, a ``stance_<target>`` mean per target of the
        coded table (2 decimals), ``voices, voices_by_country, prescriptions,
        addressees`` (and ``top_frames_manual``, ``mean_tone_manual`` with
        manual coding), outlets in ``order`` (default first appearance).
    """
    from analysis.vocabulary import top_terms

    labels = _labels(codebook, coded)
    outlets = group_order(sentences["outlet"], order)
    profile = pd.DataFrame(index=pd.Index(outlets, name="outlet"))
    profile["sentences"] = sentences.groupby("outlet").size()
    terms = top_terms(keyness_table, score="g2", n=n_terms)
    profile["distinctive_terms"] = terms.groupby("outlet")["term"].apply(", ".join)
    profile["top_frames"] = _top_frames(coded, sentences, labels, n=n_frames)
    by_outlet = coded.groupby("outlet", sort=False)
    # plain floats: a nullable mean cannot take the "" of an outlet without values
    profile["mean_tone"] = by_outlet["tone"].mean().astype(float).round(2)
    for target in stance_targets(coded):
        profile[f"stance_{target}"] = by_outlet[f"stance_{target}"].mean().astype(float).round(2)
    voice_outlets = voices.merge(sentences[["sent_id", "outlet"]], on="sent_id")
    profile["voices"] = voice_outlets.groupby("outlet").size()
    profile["voices_by_country"] = voice_outlets.groupby("outlet")["country"].apply(
        lambda countries: ", ".join(f"{c} {n}" for c, n in sorted(countries.value_counts().items(),
                                                                  key=lambda item: (-item[1], item[0])))
    )
    prescriptive = coded[coded["prescription"] == 1]
    profile["prescriptions"] = prescriptive.groupby("outlet").size()
    profile["addressees"] = prescriptive.groupby("outlet")["addressee"].apply(
        lambda values: ", ".join(sorted({a for v in values for a in str(v).split(";") if a and a != "nan"}))
    )
    if manual is not None:
        manual_table = manual.reset_index()
        profile["top_frames_manual"] = _top_frames(manual_table, sentences, labels, n=n_frames)
        manual_outlets = manual_table.merge(sentences[["sent_id", "outlet"]], on="sent_id")
        profile["mean_tone_manual"] = manual_outlets.groupby("outlet")["tone"].mean().astype(float).round(2)
    counts = ["sentences", "voices", "prescriptions"]
    profile[counts] = profile[counts].fillna(0).astype(int)
    return profile.astype(object).fillna("").reset_index()
