"""The comparative narrative: prose written from computed tables, and checked claims.

The synthesis notebook tells the study's findings in words, one research
question at a time. Every number and every outlet name in that prose comes
from the tables of :mod:`analysis.summaries` through the functions here, so
the text follows the corpus being reported.

The seed study's own prose makes comparative claims ("the blog is the most
negative outlet"). Each such claim is written in the notebook as a
:func:`check_claim` call: the statement, the computed condition, and the
numbers behind it. When a changed coder or corpus no longer supports the
claim, the notebook fails with :class:`ClaimError` instead of printing a
sentence the data contradict.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


class ClaimError(AssertionError):
    """A claim of the study's prose is no longer supported by the data."""


@dataclass(frozen=True)
class Claim:
    """A checked comparative claim: the statement and the numbers that support it."""

    statement: str
    evidence: str

    def _repr_markdown_(self) -> str:
        return f"✔ **Checked:** {self.statement} ({self.evidence})"


def check_claim(statement: str, holds: bool, *, evidence: str) -> Claim:
    """State a claim and fail when the data no longer support it.

    Parameters
    ----------
    statement : str
        The claim as the prose makes it.
    holds : bool
        The computed condition (e.g. ``ranked[0] == "개인 블로그"``).
    evidence : str
        The numbers behind the condition, printed with the claim and in
        the error.

    Returns
    -------
    Claim
        Shown in a notebook as a checked statement.

    Raises
    ------
    ClaimError
        When ``holds`` is false: the prose must be rewritten.

    Examples
    --------
    >>> check_claim("가 is longer than 나", 3 > 2, evidence="3 vs 2 sentences").statement
    '가 is longer than 나'
    >>> check_claim("나 is longer than 가", 2 > 3, evidence="2 vs 3 sentences")
    Traceback (most recent call last):
    ...
    analysis.synthesis.ClaimError: claim no longer supported by the data: 나 is longer than 가 (2 vs 3 sentences). Rewrite the prose that makes it.
    """
    if not bool(holds):
        raise ClaimError(
            f"claim no longer supported by the data: {statement} ({evidence}). Rewrite the prose that makes it."
        )
    return Claim(statement=statement, evidence=evidence)


def ranked(table: pd.DataFrame, value: str, *, by: str = "outlet", ascending: bool = False) -> list:
    """Groups of ``table`` ordered by ``value`` (largest first), ties by name.

    Examples
    --------
    >>> ranked(pd.DataFrame({"outlet": ["가", "나", "다"], "x": [1, 3, 3]}), "x")
    ['나', '다', '가']
    """
    order = table.assign(_key=table[value] if ascending else -table[value]).sort_values(
        ["_key", by], kind="mergesort"
    )
    return order[by].tolist()


def _names(values: list, *, limit: int = 6) -> str:
    values = [str(v) for v in values]
    if len(values) > limit:
        return ", ".join(values[:limit]) + f" and {len(values) - limit} more"
    if len(values) <= 2:
        return " and ".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


def _interval(row, value: str) -> str:
    if pd.isna(row["ci_low"]):
        return f"{row[value]:+.2f}"
    return f"{row[value]:+.2f} [{row['ci_low']:+.2f}, {row['ci_high']:+.2f}]"


def vocabulary_paragraph(profiles: pd.DataFrame, pairs: pd.DataFrame, mean_similarity: pd.Series) -> str:
    """RQ1 in words: each outlet's distinctive terms, the closest and the most distinct outlets.

    Parameters
    ----------
    profiles : pandas.DataFrame
        :func:`analysis.summaries.outlet_profiles` (``outlet, distinctive_terms``).
    pairs : pandas.DataFrame
        :func:`analysis.vocabulary.similarity_pairs` (``outlet_a, outlet_b, cosine``), most similar first.
    mean_similarity : pandas.Series
        Each outlet's mean cosine similarity to the others.
    """
    terms = "; ".join(f"{row.outlet}: {row.distinctive_terms}" for row in profiles.itertuples() if row.distinctive_terms)
    parts = [f"What sets each outlet apart is its vocabulary against all the others (keyness, G²) — {terms}."]
    if len(pairs):
        closest, farthest = pairs.iloc[0], pairs.iloc[-1]
        loner = sorted(mean_similarity.items(), key=lambda item: (item[1], str(item[0])))[0]
        parts.append(
            f"The closest pair of outlets by vocabulary is {closest['outlet_a']}–{closest['outlet_b']} "
            f"(cosine {closest['cosine']:.2f}), the farthest {farthest['outlet_a']}–{farthest['outlet_b']} "
            f"({farthest['cosine']:.2f}); {loner[0]} is the least like the others (mean cosine {loner[1]:.2f})."
        )
    return " ".join(parts)


def frames_paragraph(prominence: pd.DataFrame, *, focus: dict[str, str]) -> str:
    """RQ2 in words: each outlet's leading frame, and who leads on the frames in ``focus``.

    Parameters
    ----------
    prominence : pandas.DataFrame
        One source of :func:`analysis.summaries.frame_prominence`
        (``outlet, frame, label, share, n_coded, n_sentences``).
    focus : dict
        Frame id → how the prose names it (e.g. ``{"rivalry": "a US–China contest"}``).
    """
    leading = []
    for outlet in dict.fromkeys(prominence["outlet"]):
        part = prominence[prominence["outlet"] == outlet]
        top = part.loc[ranked(part, "share", by="frame")[0] == part["frame"]].iloc[0]
        leading.append(f"{outlet} with {top['label']} ({top['share']:.0%} of its body sentences)")
    parts = [f"Each outlet leads with a different mix of frames: {'; '.join(leading)}."]
    for frame, name in focus.items():
        part = prominence[prominence["frame"] == frame]
        if part.empty or part["share"].max() == 0:
            parts.append(f"No outlet frames DeepSeek as {name}.")
            continue
        order = ranked(part, "share")
        top = part.set_index("outlet").loc[order[0]]
        low = part.set_index("outlet").loc[order[-1]]
        parts.append(
            f"Framing DeepSeek as {name} is most prominent in {order[0]} ({top['share']:.0%}, "
            f"{int(top['n_coded'])} of {int(top['n_sentences'])} sentences) and least in {order[-1]} ({low['share']:.0%})."
        )
    return " ".join(parts)


def tone_paragraph(tone: pd.DataFrame) -> str:
    """RQ3 (tone) in words: outlets from most negative to most positive, with intervals.

    ``tone`` is one source of :func:`analysis.summaries.bootstrap_tone`.
    """
    order = ranked(tone, "mean_tone", ascending=True)
    rows = tone.set_index("outlet")
    listed = "; ".join(f"{outlet} {_interval(rows.loc[outlet], 'mean_tone')}" for outlet in order)
    clear = [o for o in order if rows.loc[o, "ci_high"] < 0 or rows.loc[o, "ci_low"] > 0]
    verdict = (f"Only the interval of {_names(clear)} excludes zero." if clear
               else "Every interval includes zero: no outlet is clearly positive or negative on this measure.")
    return f"Mean sentence tone (−1 … +1, 95% bootstrap interval), from most negative to most positive: {listed}. {verdict}"


def stance_paragraph(stance: pd.DataFrame, *, target_names: dict[str, str]) -> str:
    """RQ3 (stance) in words: per target, the most and least favourable outlet and on how many sentences.

    ``stance`` is one source of :func:`analysis.summaries.summarize_stance`.
    """
    parts = []
    for target, name in target_names.items():
        part = stance[(stance["target"] == target) & stance["mean_stance"].notna()]
        if part.empty:
            parts.append(f"No outlet mentions {name}.")
            continue
        order = ranked(part, "mean_stance")
        rows = part.set_index("outlet")
        best, worst = rows.loc[order[0]], rows.loc[order[-1]]
        parts.append(
            f"Toward {name}, {order[0]} is the most favourable ({_interval(best, 'mean_stance')}, "
            f"{int(best['n_mentioned'])} sentences) and {order[-1]} the least ({_interval(worst, 'mean_stance')}, "
            f"{int(worst['n_mentioned'])} sentences)."
        )
    return " ".join(parts)


def voices_paragraph(voice_counts: pd.DataFrame, *, country_names: dict[str, str]) -> str:
    """RQ4 in words: how many voices each outlet carries, from which country most come, how many unattributed.

    ``voice_counts`` is :func:`analysis.summaries.count_voices` (``outlet, country, n, share``;
    country ``unattributed`` for claims no speaker is named for).
    """
    parts = []
    for outlet in dict.fromkeys(voice_counts["outlet"]):
        part = voice_counts[(voice_counts["outlet"] == outlet) & (voice_counts["n"] > 0)]
        total = int(part["n"].sum())
        if total == 0:
            parts.append(f"{outlet} quotes no one")
            continue
        claims = int(part.loc[part["country"] == "unattributed", "n"].sum())
        apart = f", {claims} of them unattributed claims" if claims else ""
        known = part[~part["country"].isin(["unknown", "unattributed"])]
        if known.empty:
            parts.append(f"{outlet} {total} voice(s){apart}, none with a known country")
            continue
        top = known.set_index("country").loc[ranked(known, "n", by="country")[0]]
        parts.append(f"{outlet} {total} voice(s){apart}, most from {country_names.get(top.name, top.name)} "
                     f"({int(top['n'])})")
    return "Whose voices each outlet carries (quotations and attributions): " + "; ".join(parts) + "."


def prescriptions_paragraph(profiles: pd.DataFrame) -> str:
    """RQ5 in words: how many prescriptive sentences each outlet has and to whom they speak."""
    parts = []
    for row in profiles.itertuples():
        if row.prescriptions == 0:
            parts.append(f"{row.outlet} prescribes nothing")
        else:
            addressed = f", addressed to {row.addressees}" if row.addressees else ""
            parts.append(f"{row.outlet} {row.prescriptions} of {row.sentences} sentences{addressed}")
    return "What each text tells someone to do (sentences saying an actor should or must act): " + "; ".join(parts) + "."


def validation_sentence(scores: pd.DataFrame | None, codes: dict[str, str]) -> str:
    """How far the measure in a paragraph agrees with the manual coding (F1 and α per code).

    ``scores`` is :func:`analysis.validation.agreement`; None when the corpus
    has no manual coding, which the sentence then says.
    """
    if scores is None:
        return ("*Validation:* this corpus has no manual coding, so the automated measure above is unvalidated here; "
                "its agreement on the seed corpus is in the seed report (figure 10).")
    rows = scores.set_index("code")
    parts = []
    for code, name in codes.items():
        if code in rows.index:
            row = rows.loc[code]
            parts.append(f"{name} F1 {row['f1']:.2f}, α {row['alpha']:.2f}")
    weak = [name for code, name in codes.items() if code in rows.index and not rows.loc[code, "alpha"] >= 0.667]
    caveat = (f" Below the α ≥ 0.667 floor: {_names(weak)} — read these from the manual coding." if weak
              else " All at or above the α ≥ 0.667 floor for tentative conclusions.")
    return f"*Validation against the manual coding (figure 10):* {'; '.join(parts)}.{caveat}"
