"""The coded sentence table: frames, prescription, tone and stance in one row per sentence.

Each measurement has its own module (:mod:`analysis.framing`,
:mod:`analysis.sentiment`); this one joins their outputs into the table that
the CLI writes (``python -m analysis code``), the notebooks plot and
:mod:`analysis.validation` compares with manual coding::

    sent_id, doc_id, outlet, role, text, frame_<id>..., prescription, addressee,
    tone, polarity, stance_china, stance_us, stance_korea, evidence

``evidence`` gathers what triggered each code (matched terms and their
character positions), so every number can be traced back to words.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.framing import code_frames, frame_columns, load_codebook
from analysis.sentiment import load_lexicon, load_targets, score_stance, score_tone
from analysis.tokenize import Tokenized, tokenize_units

STANCE_COLUMNS = ["stance_china", "stance_us", "stance_korea"]
EVIDENCE_COLUMNS = ("frame_evidence", "tone_evidence", "stance_evidence")


class InputError(ValueError):
    """A units file (.txt or .csv) cannot be coded as given."""


def code_sentences(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    codebook: Path | str | None = None,
    lexicon: Path | str | pd.DataFrame | None = None,
    targets: Path | str | None = None,
) -> pd.DataFrame:
    """Code every sentence by the codebook, the tone lexicon and the stance targets.

    Parameters
    ----------
    sentences, tokens : pandas.DataFrame
        From :func:`analysis.tokenize.tokenize_corpus` or
        :func:`analysis.tokenize.tokenize_units`.
    codebook : path-like, optional
        Another codebook YAML (default ``analysis/data/codebook.yaml``).
    lexicon : path-like or DataFrame, optional
        Another polarity lexicon (see :func:`analysis.sentiment.load_lexicon`).
    targets : path-like, optional
        Another target alias file (default ``analysis/data/targets.yaml``).

    Returns
    -------
    pandas.DataFrame
        One row per sentence, in the order of ``sentences``.

    Examples
    --------
    >>> units = tokenize_units(["미국과 중국의 AI 패권 경쟁이 본격화되고 있다."])
    >>> code_sentences(units.sentences, units.tokens)["frame_rivalry"].tolist()  # doctest: +SKIP
    [1]
    """
    book = load_codebook(codebook)
    lexicon_table = load_lexicon(lexicon) if not isinstance(lexicon, pd.DataFrame) else lexicon
    target_spec = load_targets(targets)
    frames = code_frames(sentences, tokens, codebook=book)
    tone = score_tone(sentences, tokens, lexicon=lexicon_table)
    stance = score_stance(sentences, tokens, targets=target_spec, lexicon=lexicon_table)
    base = sentences[["sent_id", "doc_id", "outlet", "role", "text"]]
    coded = (
        base.merge(frames, on="sent_id", how="left", validate="one_to_one")
        .merge(tone, on="sent_id", how="left", validate="one_to_one")
        .merge(stance, on="sent_id", how="left", validate="one_to_one")
    )
    if len(coded) != len(sentences):
        raise RuntimeError("coding lost or duplicated sentences; please report this")
    evidence = coded[list(EVIDENCE_COLUMNS)].fillna("")
    coded["evidence"] = evidence.apply(
        lambda row: " | ".join(part for part in row if part), axis=1
    )
    columns = [
        "sent_id", "doc_id", "outlet", "role", "text", *frame_columns(book), "prescription",
        "addressee", "tone", "polarity", *STANCE_COLUMNS, "evidence",
    ]
    return coded[columns]


def read_units(path: Path | str, *, text_column: str = "text") -> list[str]:
    """Units to code from a ``.txt`` (one unit a line) or a ``.csv`` (a text column).

    Empty lines of a ``.txt`` are not units; every other line is one, in order.
    For a ``.csv`` every row is a unit, and an empty text is an error (it
    would otherwise vanish from the output).

    Raises
    ------
    InputError
        Unknown file type, missing column, empty texts, no units.
    """
    from analysis.corpus import decode_bytes

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found.")
    text, _ = decode_bytes(path.read_bytes(), source=path)
    if path.suffix.lower() == ".txt":
        units = [line.strip() for line in text.split("\n") if line.strip()]
    elif path.suffix.lower() == ".csv":
        import io

        # blank lines are rows too: an empty unit must be reported, not skipped
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=False)
        if text_column not in table.columns:
            raise InputError(
                f"{path}: no {text_column!r} column (columns: {', '.join(table.columns)}); "
                "name the text column with --text-column."
            )
        empty = [i + 2 for i, value in enumerate(table[text_column]) if not value.strip()]
        if empty:
            raise InputError(f"{path}: empty {text_column!r} on line(s) {empty[:10]}.")
        units = table[text_column].str.strip().tolist()
    else:
        raise InputError(f"{path}: expected a corpus folder, a .txt or a .csv file.")
    if not units:
        raise InputError(f"{path}: no units to code.")
    return units


def units_as_sentences(units: list[str], *, name: str = "units") -> Tokenized:
    """Tokenize units as given (no sentence splitting), labelled with an outlet ``name``."""
    tokenized = tokenize_units(units)
    tokenized.sentences["outlet"] = name
    tokenized.sentences["file"] = name
    tokenized.tokens["file"] = name
    return tokenized
