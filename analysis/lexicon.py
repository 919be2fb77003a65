"""The polarity lexicon: reading a lexicon file and its compiled index.

:func:`load_lexicon` reads the study lexicon (``analysis/data/lexicon_ko.tsv``)
or your own (KOSAC's polarity table works); :func:`index_lexicon` compiles it
once into the lookups the tone and stance coders use (single words, noun
stems of ``-하다`` lemmas, idioms by their first word). The rules that apply
the lexicon are in :mod:`analysis.tone`; the format is documented in
``docs/lexicon.md``.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from analysis import grammar, paths

LEXICON_FILE = "lexicon_ko.tsv"


class LexiconError(ValueError):
    """A lexicon file that cannot be used (the message names the file and line)."""


POLARITY_LABELS = MappingProxyType(
    {
        "pos": 1.0, "positive": 1.0, "neg": -1.0, "negative": -1.0, "neut": 0.0,
        "neutral": 0.0, "comp": 0.0, "none": 0.0, "긍정": 1.0, "부정": -1.0, "중립": 0.0,
    }
)
_TAGGED_PART = re.compile(r"^(.+)/([A-Z]{2,3}(?:-[A-Z])?)$")


def _normalize_term(raw: str) -> str:
    """A lexicon term as the matcher uses it (see :func:`load_lexicon`)."""
    text = unicodedata.normalize("NFC", raw.strip())
    parts = [p for p in re.split(r"[;\s]+", text) if p]
    if not any(_TAGGED_PART.match(p) for p in parts):
        return " ".join(parts)
    words: list[str] = []
    for part in parts:
        match = _TAGGED_PART.match(part)
        if not match:
            words.append(part)
            continue
        form, tag = match.group(1), match.group(2).split("-")[0]
        if tag.startswith(("J", "E", "S")) or tag in grammar.COPULA_TAGS:
            continue
        if tag in grammar.PREDICATE_SUFFIX_TAGS and words:
            words[-1] = (words[-1][:-1] if words[-1].endswith("다") else words[-1]) + form + "다"
        elif tag == "XSN" and words:
            words[-1] = words[-1] + form
        elif tag in grammar.PREDICATE_STEM_TAGS:
            words.append(form + "다")
        else:
            words.append(form)
    return " ".join(words)


def _read_rows(path: Path, sep: str | None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LexiconError(f"{path}: lexicon file not found.") from None
    except UnicodeDecodeError as error:
        raise LexiconError(f"{path}: not UTF-8 text ({error}); save the file as UTF-8.") from None
    numbered = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not numbered:
        raise LexiconError(f"{path}: no header row and no entries.")
    if sep is None:
        suffix = path.suffix.lower()
        header_line = numbered[0][1]
        sep = "\t" if suffix in {".tsv", ".tab"} or (suffix != ".csv" and "\t" in header_line) else ","
    reader = csv.reader(io.StringIO("\n".join(line for _, line in numbered)), delimiter=sep)
    rows = list(reader)
    header = [cell.strip() for cell in rows[0]]
    return header, [(numbered[i][0], row) for i, row in enumerate(rows[1:], start=1)]


def _parse_polarity(raw: str) -> float | None:
    value = raw.strip()
    if value.lower() in POLARITY_LABELS:
        return POLARITY_LABELS[value.lower()]
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def load_lexicon(
    path: str | Path | None = None,
    *,
    term_column: str = "term",
    polarity_column: str = "polarity",
    sep: str | None = None,
    tag_group_column: str = "tag_group",
    duplicates: str = "error",
) -> pd.DataFrame:
    """Read a polarity lexicon (the study lexicon, or your own file).

    Format: a UTF-8 table with a header row; ``#`` lines are comments. Only a
    term column and a polarity column are required:

    * term — a lemma for predicates (``성공하다``, ``뒤처지다``), a noun or root
      otherwise (``위협``); several words separated by spaces form an idiom
      (``발목 잡다``). Kiwi/Sejong-tagged morpheme n-grams as in the KOSAC
      polarity table (``성공/NNG;하/XSV``) are converted: particles, endings
      and symbols are dropped, suffixes joined (→ ``성공하다``).
    * polarity — a number in ``[-2, 2]`` or a label ``POS``/``NEG``/``NEUT``/
      ``COMP``/``None`` (+1/-1/0/0/0), so KOSAC's ``max.value`` column works.
    * tag_group (optional) — ``noun``, ``verb``, ``adj``, ``adverb`` or
      ``any`` (default); ``adverb`` entries only match adverbs.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        Default: the study lexicon ``analysis/data/lexicon_ko.tsv``.
    term_column, polarity_column : str
        Column names in your file (e.g. ``"ngram"`` and ``"max.value"``).
    sep : str, optional
        Field separator; default from the extension (``.tsv`` tab, ``.csv``
        comma) or, otherwise, tab if the header has one.
    tag_group_column : str, default "tag_group"
        Used when present.
    duplicates : {"error", "first", "mean"}
        What to do with a term listed twice with different polarities.

    Returns
    -------
    pandas.DataFrame
        ``term, polarity, tag_group, line`` (``line``: the row's line in the
        file), sorted by term.

    Raises
    ------
    LexiconError
        Missing file or column, a polarity that is not a number in [-2, 2] or
        a known label, an empty term, conflicting duplicates — naming the file
        and line.

    Examples
    --------
    >>> lexicon = load_lexicon()
    >>> float(lexicon.set_index("term").loc["뒤처지다", "polarity"])
    -1.0
    """
    if duplicates not in {"error", "first", "mean"}:
        raise ValueError(f"duplicates must be 'error', 'first' or 'mean', not {duplicates!r}.")
    path = Path(path) if path is not None else paths.package_data(LEXICON_FILE)
    header, rows = _read_rows(path, sep)
    missing = [c for c in (term_column, polarity_column) if c not in header]
    if missing:
        raise LexiconError(
            f"{path}: column(s) {', '.join(map(repr, missing))} not in the header {header}; "
            "pass term_column=/polarity_column= (and sep= if the columns are not split correctly)."
        )
    term_at, polarity_at = header.index(term_column), header.index(polarity_column)
    group_at = header.index(tag_group_column) if tag_group_column in header else None
    records: dict[str, tuple[float, str, int]] = {}
    values: dict[str, list[float]] = {}
    for line, row in rows:
        if len(row) <= max(term_at, polarity_at):
            raise LexiconError(f"{path}, line {line}: {len(row)} field(s), expected {len(header)}.")
        term = _normalize_term(row[term_at])
        if not term:
            raise LexiconError(f"{path}, line {line}: empty term.")
        polarity = _parse_polarity(row[polarity_at])
        if polarity is None or not -2 <= polarity <= 2:
            raise LexiconError(
                f"{path}, line {line}: polarity {row[polarity_at]!r} of {term!r} is not a number "
                "in [-2, 2] nor one of POS/NEG/NEUT/COMP/None."
            )
        group = (row[group_at].strip().lower() if group_at is not None and group_at < len(row) else "") or "any"
        if group not in {"noun", "verb", "adj", "adverb", "any"}:
            raise LexiconError(
                f"{path}, line {line}: tag_group {group!r} is not noun, verb, adj, adverb or any."
            )
        if term in records:
            first_polarity, _, first_line = records[term]
            if first_polarity != polarity and duplicates == "error":
                raise LexiconError(
                    f"{path}: {term!r} has polarity {first_polarity:g} on line {first_line} and "
                    f"{polarity:g} on line {line}; keep one (or pass duplicates='first'/'mean')."
                )
            values[term].append(polarity)
            continue
        records[term] = (polarity, group, line)
        values[term] = [polarity]
    if not records:
        raise LexiconError(f"{path}: no entries below the header.")
    table = pd.DataFrame(
        [
            (term, float(np.mean(values[term])) if duplicates == "mean" else polarity, group, line)
            for term, (polarity, group, line) in records.items()
        ],
        columns=["term", "polarity", "tag_group", "line"],
    )
    return table.sort_values("term", kind="stable").reset_index(drop=True)


@lru_cache(maxsize=1)
def default_lexicon() -> pd.DataFrame:
    return load_lexicon()


def as_lexicon(lexicon: pd.DataFrame | str | Path | None) -> pd.DataFrame:
    if lexicon is None:
        return default_lexicon()
    if isinstance(lexicon, (str, Path)):
        return load_lexicon(lexicon)
    missing = [c for c in ("term", "polarity") if c not in lexicon.columns]
    if missing:
        raise LexiconError(f"lexicon table lacks column(s) {missing}; use load_lexicon() to read a file.")
    return lexicon


@dataclass(frozen=True)
class LexiconEntry:
    term: str
    polarity: float
    adverb_only: bool


@dataclass(frozen=True)
class LexiconIndex:
    single: dict[str, LexiconEntry]
    stems: dict[str, LexiconEntry]
    multi: dict[str, list[tuple[tuple[str, ...], LexiconEntry]]]


def index_lexicon(lexicon: pd.DataFrame) -> LexiconIndex:
    single: dict[str, LexiconEntry] = {}
    multi: dict[str, list[tuple[tuple[str, ...], LexiconEntry]]] = {}
    groups = lexicon["tag_group"] if "tag_group" in lexicon.columns else pd.Series("any", index=lexicon.index)
    for term, polarity, group in zip(lexicon["term"], lexicon["polarity"], groups):
        entry = LexiconEntry(str(term), float(polarity), str(group) == "adverb")
        parts = tuple(str(term).split())
        if len(parts) > 1:
            multi.setdefault(parts[0], []).append((parts, entry))
        else:
            single[parts[0]] = entry
    stems: dict[str, LexiconEntry] = {}
    for term, entry in single.items():
        for suffix in grammar.STEM_ENDINGS:
            stem = term[: -len(suffix)]
            if term.endswith(suffix) and len(stem) >= 2 and stem not in single:
                stems.setdefault(stem, entry)
    for candidates in multi.values():
        candidates.sort(key=lambda item: (-len(item[0]), item[0]))
    return LexiconIndex(single, stems, multi)


