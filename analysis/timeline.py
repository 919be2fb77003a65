"""Time: frame shares and tone per week, overall and per outlet group.

Framing studies ask first how coverage changed over the weeks after an event
(here DeepSeek-R1, 20 January 2025). This module turns the coded sentences
and the documents' parsed dates (``published``, see
:func:`analysis.corpus.parse_date`) into weekly tables with intervals:

- :func:`date_coverage` says how many documents are dated, which are not
  (missing or invalid dates are reported, never dropped silently), and how
  many calendar weeks the dated ones span;
- :func:`weekly_frames` gives each frame's share of body sentences per week;
- :func:`weekly_tone` gives the mean sentence tone per week.

Sentences of one article are not independent, so the intervals come from a
bootstrap over **documents** within each week (cluster bootstrap): each
resample draws the week's documents with replacement and recomputes the
share (or mean) over their sentences. Seeds are fixed per (week, group).

Weeks start on Monday (ISO weeks) and are labelled by that Monday's date.
"""

from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

# The report adds time figures only when the dated documents span at least
# this many calendar weeks (ISO weeks from the first to the last, inclusive)
# and fall into at least this many different weeks.
MIN_WEEKS = 3
OVERALL = "전체 (all outlets)"


def _week_start(published: pd.Series) -> pd.Series:
    day = published.dt.normalize()
    return day - pd.to_timedelta(day.dt.day_of_week, unit="D")


def date_coverage(documents: pd.DataFrame) -> dict:
    """How many documents are dated, which are not, and the span of the dates.

    Parameters
    ----------
    documents : pandas.DataFrame
        ``Corpus.documents``: ``doc_id, published, date_status``.

    Returns
    -------
    dict
        ``n_documents, n_dated, n_missing, n_invalid, undated`` (list of
        ``(doc_id, status)``), ``first, last`` (timestamps or None),
        ``n_weeks`` (calendar weeks from first to last, 0 without dates),
        ``n_weeks_with_documents`` and ``enough`` (both at least
        :data:`MIN_WEEKS`).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"],
    ...     "published": pd.to_datetime(["2025-01-27", "2025-02-12", None]),
    ...     "date_status": ["parsed", "parsed", "missing"]})
    >>> coverage = date_coverage(docs)
    >>> coverage["n_dated"], coverage["n_weeks"], coverage["enough"], coverage["undated"]  # 2 weeks hold texts
    (2, 3, False, [('c', 'missing')])
    """
    dated = documents[documents["published"].notna()]
    undated = documents[documents["published"].isna()]
    weeks = 0
    first = last = None
    with_documents = int(_week_start(dated["published"]).nunique())
    if len(dated):
        first, last = dated["published"].min(), dated["published"].max()
        starts = _week_start(pd.Series([first, last]))
        weeks = int((starts.iloc[1] - starts.iloc[0]).days // 7) + 1
    status = documents["date_status"].astype(str)
    return {
        "n_documents": len(documents),
        "n_dated": len(dated),
        "n_missing": int((status == "missing").sum()),
        "n_invalid": int(status.str.startswith("invalid").sum()),
        "undated": list(zip(undated["doc_id"], undated["date_status"])),
        "first": first,
        "last": last,
        "n_weeks": weeks,
        "n_weeks_with_documents": with_documents,
        "enough": weeks >= MIN_WEEKS and with_documents >= MIN_WEEKS,
    }


def dated_sentences(
    table: pd.DataFrame, documents: pd.DataFrame, *, group: str | None = None, groups: pd.Series | None = None
) -> pd.DataFrame:
    """Sentences (coded) of dated documents with their ``week`` and ``group``.

    Parameters
    ----------
    table : pandas.DataFrame
        Coded sentences with ``doc_id`` (e.g. :func:`analysis.coding.code_sentences`).
    documents : pandas.DataFrame
        ``doc_id, published`` and, if ``group`` is given, that column.
    group : str, optional
        Column of ``documents`` that groups outlets (e.g. ``outlet_type``);
        None: no groups, only the overall series.
    groups : pandas.Series, optional
        Explicit group per ``doc_id`` (overrides ``group``), e.g. outlets
        folded into the largest N plus "기타".

    Returns
    -------
    pandas.DataFrame
        ``table``'s columns plus ``week`` (Monday) and ``group``; sentences of
        undated documents are left out here, and :func:`date_coverage`
        reports them.
    """
    missing = [c for c in ("doc_id", "published") if c not in documents]
    if missing:
        raise ValueError(f"documents lacks column(s) {missing}; load the corpus with analysis.corpus.load_corpus")
    meta = documents[["doc_id", "published"]].copy()
    if groups is not None:
        meta["group"] = meta["doc_id"].map(groups)
    elif group is not None:
        meta["group"] = documents[group].astype(str).replace("", "미상")
    else:
        meta["group"] = OVERALL
    merged = table.merge(meta, on="doc_id", how="left", validate="many_to_one")
    merged = merged[merged["published"].notna()].copy()
    merged["week"] = _week_start(merged["published"])
    return merged


def _cluster_bootstrap(per_doc: pd.DataFrame, value: str, weight: str, *, n_resamples: int,
                       confidence_level: float, seed: list[int]) -> tuple[float, float]:
    """Percentile interval of sum(value)/sum(weight) over documents drawn with replacement."""
    values = per_doc[value].to_numpy(dtype=float)
    weights = per_doc[weight].to_numpy(dtype=float)
    if len(values) < 2:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(values), size=(n_resamples, len(values)))
    totals = weights[draws].sum(axis=1)
    estimates = values[draws].sum(axis=1) / np.where(totals > 0, totals, np.nan)
    alpha = (1 - confidence_level) / 2
    low, high = np.nanquantile(estimates, [alpha, 1 - alpha])
    return float(low), float(high)


def _seed(random_state: int, week: pd.Timestamp, group: str, extra: str = "") -> list[int]:
    return [random_state, zlib.crc32(f"{week:%Y-%m-%d}|{group}|{extra}".encode("utf-8"))]


def _series(dated: pd.DataFrame, *, overall: bool) -> list[tuple[str, pd.DataFrame]]:
    parts = [(str(name), part) for name, part in dated.groupby("group", sort=True)]
    if overall and not (len(parts) == 1 and parts[0][0] == OVERALL):
        parts = [(OVERALL, dated), *parts]
    return parts


def weekly_frames(
    dated: pd.DataFrame,
    labels: dict[str, str],
    *,
    n_resamples: int = 1000,
    confidence_level: float = 0.95,
    random_state: int = 0,
) -> pd.DataFrame:
    """Share of body sentences carrying each frame, per week and group, with intervals.

    Parameters
    ----------
    dated : pandas.DataFrame
        From :func:`dated_sentences`: ``doc_id, role, week, group`` and a 0/1
        ``frame_<id>`` column per frame.
    labels : dict
        Frame id → label, in codebook order (:func:`analysis.framing.frame_labels`).
    n_resamples, confidence_level, random_state
        Cluster bootstrap over documents (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        ``week, group, frame, label, n_documents, n_sentences, n_coded,
        share, ci_low, ci_high``; the overall series first (group
        ``전체 (all outlets)``), then groups by name, weeks in order, frames
        in codebook order. The interval is empty when a week has one document.
    """
    body = dated[dated["role"] == "body"]
    rows = []
    for group, part in _series(body, overall=True):
        for week, in_week in part.groupby("week", sort=True):
            per_doc = in_week.groupby("doc_id", sort=True).agg(
                n=("role", "size"), **{key: (f"frame_{key}", "sum") for key in labels}
            )
            for key, label in labels.items():
                n_coded, n_sentences = int(per_doc[key].sum()), int(per_doc["n"].sum())
                low, high = _cluster_bootstrap(
                    per_doc, key, "n", n_resamples=n_resamples, confidence_level=confidence_level,
                    seed=_seed(random_state, week, group, key),
                )
                rows.append((week, group, key, label, len(per_doc), n_sentences, n_coded,
                             n_coded / n_sentences, low, high))
    return pd.DataFrame(rows, columns=["week", "group", "frame", "label", "n_documents", "n_sentences",
                                       "n_coded", "share", "ci_low", "ci_high"])


def weekly_tone(
    dated: pd.DataFrame,
    *,
    n_resamples: int = 1000,
    confidence_level: float = 0.95,
    random_state: int = 0,
) -> pd.DataFrame:
    """Mean sentence tone (-1 … +1) per week and group, with intervals.

    Parameters
    ----------
    dated : pandas.DataFrame
        From :func:`dated_sentences`: ``doc_id, tone, week, group``; every
        sentence counts, titles included (as in figure 6).
    n_resamples, confidence_level, random_state
        Cluster bootstrap over documents.

    Returns
    -------
    pandas.DataFrame
        ``week, group, n_documents, n_sentences, mean_tone, ci_low,
        ci_high``, overall series first.
    """
    rows = []
    for group, part in _series(dated, overall=True):
        for week, in_week in part.groupby("week", sort=True):
            per_doc = in_week.groupby("doc_id", sort=True).agg(n=("tone", "size"), tone=("tone", "sum"))
            low, high = _cluster_bootstrap(
                per_doc, "tone", "n", n_resamples=n_resamples, confidence_level=confidence_level,
                seed=_seed(random_state, week, group),
            )
            rows.append((week, group, len(per_doc), int(per_doc["n"].sum()),
                         float(per_doc["tone"].sum() / per_doc["n"].sum()), low, high))
    return pd.DataFrame(rows, columns=["week", "group", "n_documents", "n_sentences", "mean_tone",
                                       "ci_low", "ci_high"])
