"""The comparative summary across outlets: one profile row per outlet.

Gathers the results of the other stages — distinctive terms, frames, tone,
stance, voices, prescriptions — into one table for the synthesis notebook,
so that every number quoted there is computed here from the same tables the
other notebooks plot.
"""

from __future__ import annotations

import pandas as pd

from analysis.framing import frame_labels
from analysis.vocabulary import top_terms

STANCE_TARGETS = {"stance_china": "china", "stance_us": "us", "stance_korea": "korea"}


def _top_frames(coded: pd.DataFrame, sentences: pd.DataFrame, *, n: int) -> pd.Series:
    labels = frame_labels()
    body = sentences.loc[sentences["role"] == "body", ["sent_id", "outlet"]]
    frames = [f"frame_{key}" for key in labels]
    merged = body.merge(coded[["sent_id", *frames]], on="sent_id")
    shares = merged.groupby("outlet", sort=False)[frames].mean()
    result = {}
    for outlet, row in shares.iterrows():
        ranked = sorted(((-share, frame) for frame, share in row.items() if share > 0))[:n]
        result[outlet] = ", ".join(f"{labels[frame[6:]]} {-share:.0%}" for share, frame in ranked)
    return pd.Series(result)


def outlet_profiles(
    sentences: pd.DataFrame,
    coded: pd.DataFrame,
    voices: pd.DataFrame,
    keyness_table: pd.DataFrame,
    *,
    manual: pd.DataFrame | None = None,
    n_terms: int = 5,
    n_frames: int = 3,
) -> pd.DataFrame:
    """One row per outlet: what it talks about, how, in which tone, with whose voices.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentence table.
    coded : pandas.DataFrame
        From :func:`analysis.coding.code_sentences`.
    voices : pandas.DataFrame
        From :func:`analysis.voices.extract_voices`.
    keyness_table : pandas.DataFrame
        From :func:`analysis.vocabulary.keyness` (``g2`` measure).
    manual : pandas.DataFrame, optional
        Manual coding indexed by ``sent_id``; adds the manual top frames and tone.

    Returns
    -------
    pandas.DataFrame
        ``outlet, sentences, distinctive_terms, top_frames, mean_tone,
        stance_china, stance_us, stance_korea, voices, voices_by_country,
        prescriptions, addressees`` (and ``top_frames_manual``,
        ``mean_tone_manual`` with manual coding), outlets in corpus order.
    """
    outlets = list(dict.fromkeys(sentences["outlet"]))
    profile = pd.DataFrame(index=pd.Index(outlets, name="outlet"))
    profile["sentences"] = sentences.groupby("outlet").size()
    terms = top_terms(keyness_table, score="g2", n=n_terms)
    profile["distinctive_terms"] = terms.groupby("outlet")["term"].apply(", ".join)
    profile["top_frames"] = _top_frames(coded, sentences, n=n_frames)
    by_outlet = coded.groupby("outlet", sort=False)
    profile["mean_tone"] = by_outlet["tone"].mean().round(2)
    for column in STANCE_TARGETS:
        profile[column] = by_outlet[column].mean().round(2)
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
        profile["top_frames_manual"] = _top_frames(manual_table, sentences, n=n_frames)
        manual_outlets = manual_table.merge(sentences[["sent_id", "outlet"]], on="sent_id")
        profile["mean_tone_manual"] = manual_outlets.groupby("outlet")["tone"].mean().round(2)
    counts = ["sentences", "voices", "prescriptions"]
    profile[counts] = profile[counts].fillna(0).astype(int)
    return profile.fillna("").reset_index()


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
