"""Sentence tone and stance toward China, the US and Korea, from a polarity lexicon.

Takes the ``sentences`` and ``tokens`` tables of :mod:`analysis.tokenize` and
gives one row per sentence:

* :func:`score_tone` — ``polarity`` (sum of the scored lexicon words),
  ``tone`` (-1/0/+1 by two thresholds) and ``tone_evidence``;
* :func:`score_stance` — ``stance_china``, ``stance_us``, ``stance_korea``
  (-1/0/+1, ``<NA>`` when the target is not mentioned) and ``stance_evidence``;
* the per-outlet means behind figures 6 and 7 are in :mod:`analysis.summaries`.

The rules (documented with examples in ``docs/lexicon.md``):

Lexicon words
    Matched on morphemes: a predicate by its lemma (``뒤처지다``), a noun with
    a derivational suffix as the derived word (``성공`` + ``하`` → ``성공하다``,
    ``혁신`` + ``적`` → ``혁신적``) and then as the bare noun; multi-word idioms
    (``발목 잡다``) over consecutive content words, particles and endings
    skipped. Rows with polarity 0 are deliberate non-entries.
Negation (scope: the one predicate or noun it governs)
    ``안``/``못`` right before a predicate (or between a noun and its ``하다``:
    ``성공 안 했다``); ``-지 않다``, ``-지 못하다``, ``-지 말다``; ``-ㄹ 수 없다``,
    ``-ㄴ 것은 아니다``, ``-기 어렵다``; after an evaluative noun, a following
    ``없다``/``아니다`` or valence shifter (``경쟁력이 없다``, ``경쟁력을 잃다``,
    ``경쟁력 약화``, ``위기를 극복하다``, ``우려가 사라지다``). Each negation
    multiplies the score by -1, so a double negation (``성공하지 않을 수
    없다``) stays positive. A shifter's own lexicon score is not added again.
Intensifiers and diminishers
    Words right before the scored word, in the same clause, multiply its score
    (``매우`` 1.5, ``크게`` 1.5, ``다소`` 0.5 ...; :data:`INTENSIFIERS`), matched
    on the written word because the ending decides the role (``심각하게``,
    ``큰``). After a noun, a predicate of size amplifies it (``우려가
    커지다``; :data:`POST_INTENSIFIERS`). The combined factor is capped at 2.
Tone
    ``polarity`` is the sum of the word scores; ``tone`` is +1 when
    ``polarity >= upper``, -1 when ``polarity <= lower``, else 0 (neutral or
    mixed). Default thresholds ``(-0.5, 0.5)``: one plain evaluative word
    decides, a diminished word (0.5) still counts, and a positive and a
    negative word of equal weight cancel.

Stance adds target detection (:func:`load_targets`, ``data/targets.yaml``) and
clause splitting (:func:`split_clauses`); see :func:`score_stance` and, for
the full rule set with examples and known weaknesses, ``docs/lexicon.md``.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import yaml

from analysis import paths
from analysis.tokenize import require_columns

LEXICON_FILE = "lexicon_ko.tsv"
TARGETS_FILE = "targets.yaml"
TARGETS = ("china", "us", "korea")
DEFAULT_THRESHOLDS = (-0.5, 0.5)
MAX_FACTOR = 2.0
MIN_FACTOR = 0.25

NEGATORS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        # adverbs right before a predicate (안 좋다, 못 따라간다)
        "adverbs": frozenset({"안", "못"}),
        # auxiliaries after -지 (성공하지 않았다, 따라잡지 못했다, 뒤처지지 말아야)
        "auxiliaries": frozenset({"않다", "못하다", "말다"}),
        # after an evaluative noun (through its particle) or as the second noun of a
        # compound, these reverse it: 경쟁력이 없다, 경쟁력을 잃다, 경쟁력 약화,
        # 위기 극복, 우려가 사라지다, 격차를 좁히다. Stems cover their -하다/-되다 forms.
        "shifters": frozenset(
            {
                "없다", "아니다", "잃다", "상실", "부족", "모자라다", "결여", "약화",
                "저하", "하락", "추락", "둔화", "위축", "떨어지다", "낮다", "낮아지다",
                "약해지다", "줄다", "줄어들다", "줄이다", "좁히다", "감소", "축소",
                "사라지다", "해소", "극복", "해결", "벗어나다", "막다", "방지", "완화",
                "불식", "잠재우다", "어렵다", "힘들다", "실패", "무산", "좌절",
                # destroy/overcome verbs: 장벽을 허물다, 독점을 깨다, 신화를 무너뜨리다
                "무너뜨리다", "깨다", "깨뜨리다", "허물다", "뚫다", "없애다", "제거", "타파",
                "이겨내다", "피하다", "돌파",
            }
        ),
    }
)

INTENSIFIERS: Mapping[str, float] = MappingProxyType(
    {
        **dict.fromkeys(
            [
                "매우", "아주", "너무", "굉장히", "대단히", "몹시", "무척", "극히", "극도로",
                "엄청난", "엄청나게", "막대한", "극심한", "극명한", "극명하게", "심각한",
                "심각하게", "가장", "크게", "큰", "커다란", "크나큰", "거대한", "거센",
                "거세게", "강력한", "강력하게", "대대적인", "대대적으로", "완전히",
                "전례없는", "초유의",
            ],
            1.5,
        ),
        **dict.fromkeys(
            [
                "상당히", "상당한", "훨씬", "더욱", "한층", "더", "급격히", "급격한",
                "빠르게", "뚜렷한", "뚜렷하게", "두드러진", "확실히", "단연", "결정적인",
                "현저히", "현저한", "깊은", "깊이", "적잖은", "적지않은",
            ],
            1.3,
        ),
        # diminishers
        **dict.fromkeys(["다소", "약간", "조금", "좀", "살짝", "소폭", "다소간", "덜", "미미한"], 0.5),
        **dict.fromkeys(["비교적", "그나마", "일부"], 0.7),
    }
)

POST_INTENSIFIERS: Mapping[str, float] = MappingProxyType(
    {
        **dict.fromkeys(
            [
                "크다", "커지다", "높다", "높아지다", "강하다", "강해지다", "거세다", "거세지다",
                "심하다", "심해지다", "심화", "확산", "증폭", "고조", "깊다", "깊어지다",
                "가중", "팽배",
            ],
            1.5,
        ),
        **dict.fromkeys(["짙어지다", "잇따르다", "쏟아지다", "늘다", "늘어나다", "증가", "무성"], 1.3),
    }
)

# Winning/losing predicates: the grammatical subject gets the word's polarity, a
# target marked as object, comparison (보다) or dative (에/에게) gets the opposite
# (중국이 미국을 추월했다: China +1, US -1; 한국은 중국에 뒤처졌다: Korea -1, China +1).
REVERSING_PREDICATES = frozenset(
    {
        "앞서다", "앞지르다", "추월하다", "따라잡다", "능가하다", "넘어서다", "압도하다",
        "제치다", "이기다", "꺾다", "제압하다", "뒤처지다", "뒤지다", "뒤떨어지다", "밀리다",
        "패하다", "추월당하다", "압도당하다",
    }
)

# Predicates that evaluate their object, not their subject (미국이 중국을 비판했다:
# China -1, the US nothing; 정부가 딥시크 사용을 금지했다: China -1).
OBJECT_PREDICATES = frozenset(
    {"금지", "차단", "퇴출", "처벌", "비판", "비난", "질타", "압박", "탄압", "검열", "감시"}
)

# Verbs that turn an evaluative object noun into a statement about the subject
# (중국이 성과를 냈다, 미국이 타격을 입었다, 한국이 위기를 맞았다).
SUPPORT_VERBS = frozenset(
    {
        "내다", "거두다", "일으키다", "입다", "받다", "맞다", "겪다", "보이다", "나타내다",
        "기록하다", "얻다", "누리다", "드러내다", "빚다", "낳다", "키우다", "맞이하다",
        "직면하다", "처하다", "당하다", "빠지다", "자초하다", "안다",
    }
)

_NOUN_TAGS = frozenset({"NNG", "NNP", "XR"})
_NOMINAL_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "NP", "SL", "SH", "SN", "XSN", "XPN", "XR", "MM"})
_PREDICATE_TAGS = frozenset({"VV", "VA"})
_PREDICATE_SUFFIXES = frozenset({"하", "되", "스럽", "롭", "시키", "당하", "받"})
_STEM_SUFFIXES = ("하다", "되다", "스럽다", "롭다")
_CLAUSE_ENDINGS = frozenset(
    {
        "지만", "는데", "ᆫ데", "ㄴ데", "은데", "는데도", "ᆫ데도", "은데도", "나", "으나", "며",
        "으며", "면서", "으면서", "고", "어서", "아서", "여서", "니까", "으니까", "므로",
        "으므로", "면", "으면", "더니", "다가", "자", "거나", "든지", "어도", "아도", "여도",
        "더라도", "도록", "다고", "라고", "냐고", "자고", "다며", "라며", "냐며", "자며",
        "다면서", "라면서", "다면", "라면", "으면서도", "면서도", "지마는", "듯", "듯이",
        "려면", "으려면", "려고", "으려고", "자마자", "다시피",
    }
)
_QUOTATIVE_ENDINGS = frozenset(
    {"다고", "라고", "냐고", "자고", "다며", "라며", "냐며", "자며", "다면서", "라면서", "며", "으며"}
)
_CONTENT_CLAUSE_ENDINGS = ("다는", "라는", "냐는", "자는", "다던", "라던")
_CONTRAST_NOUNS = frozenset({"반면", "반면에"})
_DOUBLE_QUOTES = (("“", "”"), ('"', '"'), ("「", "」"), ("『", "』"), ("″", "″"), ("＂", "＂"))
_QUOTE_CHARS = frozenset(q for pair in _DOUBLE_QUOTES for q in pair)
_STRIP_CHARS = " \t\"'“”‘’「」『』()[]{}<>《》〈〉,.·…!?;:"
_SUBJECT_PARTICLES = frozenset({"은", "는", "도", "만", "까지", "조차", "마저", "ᆫ"})
_DATIVE_PARTICLES = frozenset({"에", "에게", "한테", "께", "에게서"})

TOKEN_COLUMNS_NEEDED = ("sent_id", "form", "tag", "norm", "start", "end")


class LexiconError(ValueError):
    """A lexicon file that cannot be used (the message names the file and line)."""


class TargetsError(ValueError):
    """A target alias file that cannot be used."""


# ---------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------

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
        if tag.startswith(("J", "E", "S")) or tag in {"VCP", "VCN"}:
            continue
        if tag in {"XSV", "XSA"} and words:
            words[-1] = (words[-1][:-1] if words[-1].endswith("다") else words[-1]) + form + "다"
        elif tag == "XSN" and words:
            words[-1] = words[-1] + form
        elif tag in {"VV", "VA", "VX"}:
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
def _default_lexicon() -> pd.DataFrame:
    return load_lexicon()


def _as_lexicon(lexicon: pd.DataFrame | str | Path | None) -> pd.DataFrame:
    if lexicon is None:
        return _default_lexicon()
    if isinstance(lexicon, (str, Path)):
        return load_lexicon(lexicon)
    missing = [c for c in ("term", "polarity") if c not in lexicon.columns]
    if missing:
        raise LexiconError(f"lexicon table lacks column(s) {missing}; use load_lexicon() to read a file.")
    return lexicon


@dataclass(frozen=True)
class _Entry:
    term: str
    polarity: float
    adverb_only: bool


@dataclass(frozen=True)
class _LexiconIndex:
    single: dict[str, _Entry]
    stems: dict[str, _Entry]
    multi: dict[str, list[tuple[tuple[str, ...], _Entry]]]


def _index_lexicon(lexicon: pd.DataFrame) -> _LexiconIndex:
    single: dict[str, _Entry] = {}
    multi: dict[str, list[tuple[tuple[str, ...], _Entry]]] = {}
    groups = lexicon["tag_group"] if "tag_group" in lexicon.columns else pd.Series("any", index=lexicon.index)
    for term, polarity, group in zip(lexicon["term"], lexicon["polarity"], groups):
        entry = _Entry(str(term), float(polarity), str(group) == "adverb")
        parts = tuple(str(term).split())
        if len(parts) > 1:
            multi.setdefault(parts[0], []).append((parts, entry))
        else:
            single[parts[0]] = entry
    stems: dict[str, _Entry] = {}
    for term, entry in single.items():
        for suffix in _STEM_SUFFIXES:
            stem = term[: -len(suffix)]
            if term.endswith(suffix) and len(stem) >= 2 and stem not in single:
                stems.setdefault(stem, entry)
    for candidates in multi.values():
        candidates.sort(key=lambda item: (-len(item[0]), item[0]))
    return _LexiconIndex(single, stems, multi)


# ---------------------------------------------------------------------------
# Tokens, units and hits
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    form: str
    tag: str
    norm: str
    start: int
    end: int


@dataclass(frozen=True)
class _Unit:
    keys: tuple[str, ...]
    first: int
    last: int
    kind: str  # "noun", "pred" or "adverb"
    pre_negator: str | None = None


@dataclass
class _Hit:
    term: str
    base: float
    first: int
    last: int
    kind: str
    negations: list[str] = field(default_factory=list)
    modifiers: list[tuple[str, float]] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)

    @property
    def factor(self) -> float:
        product = math.prod(value for _, value in self.modifiers)
        return min(MAX_FACTOR, max(MIN_FACTOR, product))

    @property
    def score(self) -> float:
        return self.base * self.factor * (-1) ** len(self.negations)

    def describe(self) -> str:
        text = f"{self.term} {self.base:+g}"
        for surface, value in self.modifiers:
            text += f" ×{value:g}({surface})"
        for negation in self.negations:
            text += f" ¬{negation}"
        if self.score != self.base:
            text += f" = {self.score:+.3g}"
        return text


_LEMMA_TAGS = frozenset({"VV", "VA", "VX", "VCN", "VCP"})


def _make_tok(form: object, tag: object, norm: object, start: object, end: object) -> _Tok:
    """A token with its base tag (``VA-I`` → ``VA``) and a predicate lemma ending in 다.

    Kiwi marks irregular predicates with ``-I``/``-R`` tags; their ``norm`` may
    be the bare stem (``놀랍``), so the lemma is rebuilt as stem + 다.
    """
    base = str(tag).split("-")[0]
    text = str(norm) if isinstance(norm, str) and norm else str(form)
    if base in _LEMMA_TAGS and not text.endswith("다"):
        text = str(form) + "다"
    return _Tok(str(form), base, text, int(start), int(end))


def _group_tokens(sentences: pd.DataFrame, tokens: pd.DataFrame) -> dict[str, list[_Tok]]:
    """Tokens of each sentence in order, bracketed glosses left out."""
    require_columns(sentences, ("sent_id", "text"), "sentences")
    require_columns(tokens, TOKEN_COLUMNS_NEEDED, "tokens")
    if sentences["sent_id"].duplicated().any():
        duplicated = sentences.loc[sentences["sent_id"].duplicated(), "sent_id"].tolist()[:5]
        raise ValueError(f"sentences: sent_id must be unique; repeated: {duplicated}.")
    table = tokens
    if "gloss" in table.columns:
        table = table.loc[~table["gloss"].fillna(False).astype(bool)]
    grouped: dict[str, list[_Tok]] = {}
    for sent_id, form, tag, norm, start, end in zip(
        table["sent_id"], table["form"], table["tag"], table["norm"], table["start"], table["end"]
    ):
        grouped.setdefault(sent_id, []).append(_make_tok(form, tag, norm, start, end))
    for toks in grouped.values():
        toks.sort(key=lambda t: (t.start, t.end))
    if len(sentences) and not set(sentences["sent_id"]) & set(grouped):
        raise ValueError(
            "no token belongs to any of the sentences (sent_id values do not match): pass the "
            "tokens produced together with these sentences."
        )
    return grouped


def _adjacent(left: _Tok, right: _Tok) -> bool:
    """No space between two morphemes (they belong to one written word)."""
    return right.start <= left.end


def _build_units(toks: Sequence[_Tok], pre_negators: frozenset[str]) -> list[_Unit]:
    """Content units: nouns with their derivational suffix, predicates, adverbs."""
    units: list[_Unit] = []
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        if tok.tag in _NOUN_TAGS:
            stem, last, kind, pre = tok.norm, i, "noun", None
            keys: list[str] = [stem]
            j = i + 1
            if j < n and toks[j].tag == "XSN" and toks[j].form == "적" and _adjacent(toks[i], toks[j]):
                keys.insert(0, stem + "적")
                last, j = j, j + 1
            elif (
                j < n
                and toks[j].form in _PREDICATE_SUFFIXES
                and toks[j].tag in {"XSV", "XSA", "VV", "VX"}
                and _adjacent(toks[j - 1], toks[j])
            ):
                keys.insert(0, stem + toks[j].form + "다")
                last, kind, j = j, "pred", j + 1
            elif (
                j + 1 < n
                and toks[j].tag == "MAG"
                and toks[j].form in pre_negators
                and toks[j + 1].form in {"하", "되"}
                and toks[j + 1].tag in {"VV", "XSV"}
            ):
                keys.insert(0, stem + toks[j + 1].form + "다")
                last, kind, pre, j = j + 1, "pred", toks[j].form, j + 2
            if kind == "noun" and j < n and toks[j].tag == "VCP" and _adjacent(toks[j - 1], toks[j]):
                last, kind = j, "pred"  # copular predicate: 위협적이다, 혁신적이지 않다
            units.append(_Unit(tuple(keys), i, last, kind, pre))
            i = last + 1
            continue
        if tok.tag in _PREDICATE_TAGS:
            units.append(_Unit((tok.norm,), i, i, "pred"))
        elif tok.tag in {"MAG", "MAJ"} and tok.form not in pre_negators:
            units.append(_Unit((tok.form,), i, i, "adverb"))
        i += 1
    return units


def _lookup(unit: _Unit, index: _LexiconIndex) -> _Entry | None:
    for key in unit.keys:
        for table in (index.single, index.stems):
            entry = table.get(key)
            if entry is not None and not (entry.adverb_only and unit.kind != "adverb"):
                return entry
    return None


def _match_units(units: Sequence[_Unit], index: _LexiconIndex) -> list[tuple[_Entry, int, int]]:
    """(entry, first unit, last unit) for every lexicon match, idioms first."""
    matches: list[tuple[_Entry, int, int]] = []
    u = 0
    while u < len(units):
        found = None
        for key in units[u].keys:
            for parts, entry in index.multi.get(key, ()):
                end = u + len(parts)
                if end <= len(units) and all(parts[k] in units[u + k].keys for k in range(1, len(parts))):
                    found = (entry, u, end - 1)
                    break
            if found:
                break
        if found is None:
            entry = _lookup(units[u], index)
            found = (entry, u, u) if entry is not None else None
        if found is not None:
            matches.append(found)
            u = found[2] + 1
        else:
            u += 1
    return matches


@dataclass(frozen=True)
class _Rules:
    pre_negators: frozenset[str]
    auxiliaries: frozenset[str]
    shifters: frozenset[str]
    intensifiers: Mapping[str, float]
    post_intensifiers: Mapping[str, float]


def _make_rules(
    negators: Mapping[str, Iterable[str]],
    intensifiers: Mapping[str, float],
    post_intensifiers: Mapping[str, float],
) -> _Rules:
    unknown = set(negators) - {"adverbs", "auxiliaries", "shifters"}
    if unknown:
        raise ValueError(f"negators: unknown key(s) {sorted(unknown)}; use adverbs, auxiliaries, shifters.")
    for name, table in (("intensifiers", intensifiers), ("post_intensifiers", post_intensifiers)):
        bad = {k: v for k, v in table.items() if not (isinstance(v, (int, float)) and v > 0)}
        if bad:
            raise ValueError(f"{name}: factors must be positive numbers; got {bad}.")
    return _Rules(
        frozenset(negators.get("adverbs", ())),
        frozenset(negators.get("auxiliaries", ())),
        frozenset(negators.get("shifters", ())),
        dict(intensifiers),
        dict(post_intensifiers),
    )


def _skip(toks: Sequence[_Tok], k: int, prefixes: tuple[str, ...]) -> int:
    while k < len(toks) and toks[k].tag.startswith(prefixes):
        k += 1
    return k


def _predicate_negations(toks: Sequence[_Tok], k: int, rules: _Rules, hit: _Hit) -> None:
    """Negations after a predicate ending at token ``k - 1`` (-지 않다, -ㄹ 수 없다 ...)."""
    n = len(toks)
    while k < n:
        tok = toks[k]
        if tok.tag == "EP":
            k += 1
            continue
        if tok.tag == "EC" and tok.form == "지":
            m = _skip(toks, k + 1, ("JX",))
            if m < n and toks[m].tag in {"VX", "VV", "VA"} and toks[m].norm in rules.auxiliaries:
                hit.negations.append(toks[m].norm)
                hit.consumed.add(m)
                k = m + 1
                continue
            if m + 1 < n and toks[m].tag == "MAG" and toks[m].form == "못" and toks[m + 1].form == "하":
                hit.negations.append("못하다")
                hit.consumed.update({m, m + 1})
                k = m + 2
                continue
            return
        if tok.tag == "ETM" and k + 1 < n and toks[k + 1].tag == "NNB":
            m = _skip(toks, k + 2, ("J",))
            if m < n and toks[k + 1].form == "수" and toks[m].norm == "없다":
                hit.negations.append("수 없다")
            elif m < n and toks[k + 1].form in {"것", "거"} and toks[m].norm == "아니다":
                hit.negations.append("것 아니다")
            else:
                return
            hit.consumed.add(m)
            k = m + 1
            continue
        if tok.tag == "ETN" and tok.form == "기":
            m = _skip(toks, k + 1, ("J",))
            if m < n and toks[m].norm in {"어렵다", "힘들다"}:
                hit.negations.append(f"기 {toks[m].norm}")
                hit.consumed.add(m)
                k = m + 1
                continue
        return


def _noun_modifiers(
    toks: Sequence[_Tok], hit: _Hit, units_at: Mapping[int, _Unit], rules: _Rules
) -> None:
    """Shifters and post-intensifiers after an evaluative noun."""
    n = len(toks)
    k = hit.last + 1
    unit = units_at.get(k)
    if unit is not None and unit.kind in {"noun", "pred"} and set(unit.keys) & rules.shifters:
        # compound noun: 경쟁력 약화, 위기 극복
        hit.negations.append(unit.keys[-1])
        hit.consumed.update(range(unit.first, unit.last + 1))
        if unit.kind == "pred":
            _predicate_negations(toks, unit.last + 1, rules, hit)
        return
    m = _skip(toks, k, ("J",))
    if m == k and not (m < n and toks[m].tag == "VCN"):
        return  # no particle: the noun modifies what follows (위기 대응), nothing to attach
    pre = None
    if m < n and toks[m].tag == "MAG" and toks[m].form in rules.pre_negators:
        pre, m = toks[m].form, m + 1
    if m >= n:
        return
    if toks[m].tag == "VCN":
        hit.negations.append("아니다")
        hit.consumed.add(m)
        _predicate_negations(toks, m + 1, rules, hit)
        return
    unit = units_at.get(m)
    if unit is not None and unit.kind == "pred":
        keys = set(unit.keys)
        if keys & rules.shifters:
            hit.negations.append(unit.keys[-1] if unit.keys[-1] in rules.shifters else unit.keys[0])
            if pre:
                hit.negations.append(pre)
            hit.consumed.update(range(unit.first, unit.last + 1))
            _predicate_negations(toks, unit.last + 1, rules, hit)
            return
        boost = next((rules.post_intensifiers[key] for key in unit.keys if key in rules.post_intensifiers), None)
        if boost is not None:
            hit.modifiers.append((unit.keys[0], boost))
            hit.consumed.update(range(unit.first, unit.last + 1))
            if pre:
                hit.negations.append(pre)
            _predicate_negations(toks, unit.last + 1, rules, hit)
            return
    if pre and toks[m].form in {"하", "되"} and toks[m].tag in {"VV", "XSV", "VX"}:
        hit.negations.append(pre)  # 성공을 못 했다
        _predicate_negations(toks, m + 1, rules, hit)


def _words(text: str) -> list[tuple[int, int, str]]:
    """Written words (eojeol) with offsets and the surface stripped of punctuation."""
    return [(m.start(), m.end(), m.group().strip(_STRIP_CHARS)) for m in re.finditer(r"\S+", text)]


def _word_index(words: Sequence[tuple[int, int, str]], offset: int) -> int:
    for index, (start, end, _) in enumerate(words):
        if start <= offset < end:
            return index
    return -1


def _pre_intensifiers(
    text: str, toks: Sequence[_Tok], hit: _Hit, clauses: Sequence[int], rules: _Rules,
    words: Sequence[tuple[int, int, str]],
) -> None:
    first = toks[hit.first]
    w = _word_index(words, first.start)
    if w < 0 or words[w][0] != first.start:
        return
    clause = clauses[hit.first]
    steps = 0
    while w > 0 and steps < 3:
        w -= 1
        start, end, surface = words[w]
        inside = [i for i, t in enumerate(toks) if start <= t.start < end]
        if not inside or any(clauses[i] != clause for i in inside):
            return
        if surface in rules.pre_negators:
            continue
        if surface not in rules.intensifiers:
            return
        hit.modifiers.insert(0, (surface, rules.intensifiers[surface]))
        hit.consumed.update(inside)
        steps += 1


def _find_hits(
    text: str, toks: Sequence[_Tok], index: _LexiconIndex, rules: _Rules, clauses: Sequence[int]
) -> list[_Hit]:
    """Scored lexicon hits of one sentence, modifiers and negations applied."""
    units = _build_units(toks, rules.pre_negators)
    units_at = {unit.first: unit for unit in units}
    words = _words(text)
    hits: list[_Hit] = []
    for entry, u_first, u_last in _match_units(units, index):
        first_unit, last_unit = units[u_first], units[u_last]
        hit = _Hit(entry.term, entry.polarity, first_unit.first, last_unit.last, last_unit.kind)
        if last_unit.pre_negator:
            hit.negations.append(last_unit.pre_negator)
        elif (
            last_unit.kind == "pred"
            and toks[last_unit.first].tag in _PREDICATE_TAGS
            and last_unit.first > 0
            and toks[last_unit.first - 1].tag == "MAG"
            and toks[last_unit.first - 1].form in rules.pre_negators
        ):
            hit.negations.append(toks[last_unit.first - 1].form)
        if hit.kind == "pred":
            _predicate_negations(toks, hit.last + 1, rules, hit)
        elif hit.kind == "noun":
            _noun_modifiers(toks, hit, units_at, rules)
        _pre_intensifiers(text, toks, hit, clauses, rules, words)
        hits.append(hit)
    consumed = set().union(*(hit.consumed for hit in hits)) if hits else set()
    return [
        hit for hit in hits
        if hit.base != 0 and not set(range(hit.first, hit.last + 1)) <= consumed
    ]


# ---------------------------------------------------------------------------
# Clauses
# ---------------------------------------------------------------------------


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside double quotation marks (“...”, "...", 「...」)."""
    spans = []
    for opening, closing in _DOUBLE_QUOTES:
        pattern = re.escape(opening) + r"([^" + re.escape(closing) + r"]*)" + re.escape(closing)
        spans.extend((m.start(1), m.end(1)) for m in re.finditer(pattern, text))
    return sorted(spans)


def split_clauses(tokens: Sequence[_Tok] | pd.DataFrame) -> list[int]:
    """Clause number (0, 1, ...) of each token of one sentence.

    A new clause starts after a comma, semicolon, colon or sentence-final
    mark; after a connective ending (``-지만``, ``-는데``, ``-고``, ``-며``,
    ``-면서``, ``-어서``, ``-면``, ``-다고``, ``-라며`` ...) unless an auxiliary
    follows (``-고 있다``, ``-지 않다`` are one clause); at a double quotation
    mark (the quotation is its own clause); and before a conjunctive adverb
    (``하지만``, ``그러나``) or ``반면``.

    Parameters
    ----------
    tokens : sequence or pandas.DataFrame
        The tokens of one sentence in order (``form``, ``tag`` columns).

    Returns
    -------
    list of int

    Examples
    --------
    >>> from analysis.tokenize import tokenize_units
    >>> toks = tokenize_units(["미국은 실패했지만 중국은 성공했다."]).tokens
    >>> clauses = split_clauses(toks)
    >>> sorted(set(clauses))
    [0, 1]
    """
    tokens = _as_toks(tokens)
    clause, clauses, fresh = 0, [], True
    n = len(tokens)
    for i, tok in enumerate(tokens):
        starts_new = (
            tok.tag == "MAJ"
            or (tok.form in _CONTRAST_NOUNS and tok.tag.startswith("NN"))
            or (tok.tag == "SSO" and tok.form in _QUOTE_CHARS)
        )
        if starts_new and not fresh:
            clause += 1
        clauses.append(clause)
        fresh = False
        if tok.tag in {"SF", "SC"} or (tok.tag == "SP" and tok.form in {",", ";", ":"}):
            ends_here = True
        elif tok.tag == "SSC" and tok.form in _QUOTE_CHARS:
            ends_here = True
        elif tok.tag == "EC" and tok.form in _CLAUSE_ENDINGS:
            after = _skip(tokens, i + 1, ("JX",))
            ends_here = not (after < n and tokens[after].tag == "VX")
        else:
            ends_here = tok.tag == "JKQ"
        if ends_here and i + 1 < n:
            clause += 1
            fresh = True
    return clauses


# ---------------------------------------------------------------------------
# Tone
# ---------------------------------------------------------------------------


def _check_thresholds(thresholds: tuple[float, float]) -> tuple[float, float]:
    lower, upper = (float(x) for x in thresholds)
    if not lower <= 0 <= upper or lower == upper:
        raise ValueError(f"thresholds must be (lower <= 0 <= upper) with lower < upper; got {thresholds}.")
    return lower, upper


def _classify(value: float, lower: float, upper: float) -> int:
    if value >= upper:
        return 1
    if value <= lower:
        return -1
    return 0


def score_tone(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    lexicon: pd.DataFrame | str | Path | None = None,
    negators: Mapping[str, Iterable[str]] = NEGATORS,
    intensifiers: Mapping[str, float] = INTENSIFIERS,
    post_intensifiers: Mapping[str, float] = POST_INTENSIFIERS,
    thresholds: tuple[float, float] = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """Tone of each sentence from the lexicon words it contains.

    ``polarity`` is the sum over matched lexicon words of
    ``polarity × intensifier factor × (-1)^negations`` (rules in the module
    docstring). ``tone`` is +1 if ``polarity >= upper``, -1 if
    ``polarity <= lower``, else 0: with the default ``(-0.5, 0.5)`` one plain
    evaluative word decides the sentence, ``다소 우려`` (-0.5) is still
    negative, and ``실패했지만 성공했다`` (0) is mixed.

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``sent_id, text`` (other columns ignored).
    tokens : pandas.DataFrame
        ``sent_id, form, tag, norm, start, end`` (``gloss`` rows are skipped).
    lexicon : DataFrame or path, optional
        From :func:`load_lexicon`, or a file path; default the study lexicon.
    negators : mapping
        ``adverbs``, ``auxiliaries``, ``shifters`` (see :data:`NEGATORS`).
    intensifiers : mapping
        Written word → factor, for words right before the scored word
        (factors below 1 are diminishers).
    post_intensifiers : mapping
        Lemma → factor, for predicates after a scored noun (``우려가 크다``).
    thresholds : (float, float)
        ``(lower, upper)``.

    Returns
    -------
    pandas.DataFrame
        ``sent_id, polarity, tone, tone_evidence`` in the order of
        ``sentences``; ``tone`` is a nullable integer; the evidence lists each
        scored word as ``term base ×factor(word) ¬negation = score``.

    Examples
    --------
    >>> from analysis.tokenize import tokenize_units
    >>> units = tokenize_units(["한국은 경쟁력이 없다.", "딥시크는 크게 성공했다."])
    >>> score_tone(units.sentences, units.tokens)[["polarity", "tone"]].values.tolist()
    [[-1.0, -1], [1.5, 1]]
    """
    lower, upper = _check_thresholds(thresholds)
    index = _index_lexicon(_as_lexicon(lexicon))
    rules = _make_rules(negators, intensifiers, post_intensifiers)
    grouped = _group_tokens(sentences, tokens)
    rows = []
    for sent_id, text in zip(sentences["sent_id"], sentences["text"]):
        toks = grouped.get(sent_id, [])
        hits = _find_hits(str(text), toks, index, rules, split_clauses(toks)) if toks else []
        polarity = round(sum(hit.score for hit in hits), 4) + 0.0
        rows.append(
            (sent_id, polarity, _classify(polarity, lower, upper), "; ".join(h.describe() for h in hits))
        )
    table = pd.DataFrame(rows, columns=["sent_id", "polarity", "tone", "tone_evidence"])
    table["polarity"] = table["polarity"].astype(float)
    table["tone"] = table["tone"].astype("Int64")
    return table


# ---------------------------------------------------------------------------
# Targets and stance
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Alias:
    text: str
    targets: tuple[str, ...]
    kind: str
    pattern: re.Pattern


@dataclass(frozen=True)
class StanceTargets:
    """Target aliases read by :func:`load_targets`.

    Attributes
    ----------
    labels : dict
        Target id → label (``{"china": "중국·딥시크", ...}``).
    aliases : tuple
        Every alias with its target(s) and kind (country, firm, person,
        institution, generic, outside_quotes, compound).
    source : str
        Where the aliases were read from.
    """

    labels: dict[str, str]
    aliases: tuple[_Alias, ...]
    source: str

    def alias_table(self) -> pd.DataFrame:
        """The aliases as a table: ``alias, target, kind`` (one row per target)."""
        return pd.DataFrame(
            [(a.text, t, a.kind) for a in self.aliases for t in a.targets],
            columns=["alias", "target", "kind"],
        ).sort_values(["target", "kind", "alias"], kind="stable").reset_index(drop=True)


def _alias_pattern(alias: str) -> re.Pattern:
    body = r"\s*".join(re.escape(part) for part in alias.split())
    if re.search(r"[A-Za-z]", alias):
        return re.compile(rf"(?<![A-Za-z])(?i:{body})(?![A-Za-z])")
    return re.compile(body)


def load_targets(path: str | Path | None = None) -> StanceTargets:
    """Read the target aliases (default ``analysis/data/targets.yaml``).

    The file has ``targets`` (target id → ``label`` and lists of aliases by
    kind), and optional ``generic``, ``outside_quotes`` (alias → target) and
    ``compounds`` (alias → list of targets); see the comments in the default
    file for how each kind is matched.

    Raises
    ------
    TargetsError
        Missing file, bad structure, an alias given to two targets, a
        compound naming an unknown target.

    Examples
    --------
    >>> targets = load_targets()
    >>> sorted(targets.labels)
    ['china', 'korea', 'us']
    """
    path = Path(path) if path is not None else paths.package_data(TARGETS_FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TargetsError(f"{path}: target alias file not found.") from None
    except yaml.YAMLError as error:
        raise TargetsError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("targets"), dict) or not data["targets"]:
        raise TargetsError(f"{path}: needs a 'targets' mapping (target id → aliases by kind).")
    labels: dict[str, str] = {}
    owner: dict[str, tuple[str, ...]] = {}
    aliases: list[_Alias] = []

    def add(alias: object, targets: tuple[str, ...], kind: str) -> None:
        if not isinstance(alias, str) or not alias.strip():
            raise TargetsError(f"{path}: alias {alias!r} under {kind} of {targets} is not text.")
        text = unicodedata.normalize("NFC", alias.strip())
        key = re.sub(r"\s+", "", text).lower()
        if key in owner and owner[key] != targets:
            raise TargetsError(f"{path}: alias {text!r} is given to {owner[key]} and to {targets}.")
        if key in owner:
            return
        owner[key] = targets
        aliases.append(_Alias(text, targets, kind, _alias_pattern(text)))

    for target, spec in data["targets"].items():
        if not isinstance(spec, dict):
            raise TargetsError(f"{path}: target {target!r} must map kinds to alias lists.")
        labels[str(target)] = str(spec.get("label", target))
        for kind, values in spec.items():
            if kind == "label":
                continue
            if not isinstance(values, list):
                raise TargetsError(f"{path}: {target}.{kind} must be a list of aliases.")
            for alias in values:
                add(alias, (str(target),), str(kind))
    for section in ("generic", "outside_quotes"):
        for alias, target in (data.get(section) or {}).items():
            if target not in labels:
                raise TargetsError(f"{path}: {section}.{alias} names unknown target {target!r}.")
            add(alias, (str(target),), section)
    for alias, targets in (data.get("compounds") or {}).items():
        if not isinstance(targets, list) or not set(targets) <= set(labels):
            raise TargetsError(f"{path}: compounds.{alias} must list known targets {sorted(labels)}.")
        add(alias, tuple(dict.fromkeys(map(str, targets))), "compound")
    aliases.sort(key=lambda a: (-len(a.text), a.text))
    return StanceTargets(labels, tuple(aliases), str(path))


@lru_cache(maxsize=1)
def _default_targets() -> StanceTargets:
    return load_targets()


def _as_targets(targets: StanceTargets | str | Path | None) -> StanceTargets:
    if targets is None:
        return _default_targets()
    if isinstance(targets, StanceTargets):
        return targets
    return load_targets(targets)


@dataclass
class Mention:
    """A target mention in a sentence (see :func:`find_mentions`)."""

    alias: str
    targets: tuple[str, ...]
    kind: str
    start: int
    end: int
    first: int
    last: int
    role: str = "bare"
    np_end: int = -1


_HANGUL_SYLLABLE = re.compile(r"^[\uac00-\ud7a3]$")


def _valid_mention(alias: _Alias, toks: Sequence[_Tok], first: int, last: int) -> bool:
    if toks[last].tag.startswith(("J", "E")) or toks[last].tag in {"VCP", "VCN", "VX", "XSV", "XSA"}:
        return False
    if _HANGUL_SYLLABLE.match(alias.text):
        return first == last and toks[first].tag == "NNP"
    return True


def find_mentions(
    text: str, tokens: Sequence[_Tok] | pd.DataFrame, targets: StanceTargets | str | Path | None = None
) -> list[Mention]:
    """Target mentions in one sentence, longest alias first, at token boundaries.

    Parameters
    ----------
    text : str
        The sentence.
    tokens : sequence or pandas.DataFrame
        Its tokens (``form, tag, norm, start, end``), offsets into ``text``.
    targets : StanceTargets or path, optional
        Default: ``analysis/data/targets.yaml``.

    Returns
    -------
    list of Mention
        With ``role`` (subject, object, genitive, dative, comparative,
        complement, oblique, bare) from the particle that closes the noun
        phrase.

    Examples
    --------
    >>> from analysis.tokenize import tokenize_units
    >>> units = tokenize_units(["미중 갈등 속에 中 딥시크가 주목받는다."])
    >>> [(m.alias, m.targets) for m in find_mentions(units.sentences.text[0], units.tokens)]
    [('미중', ('us', 'china')), ('中', ('china',)), ('딥시크', ('china',))]
    """
    spec = _as_targets(targets)
    toks = _as_toks(tokens)
    ends = {tok.end: i for i, tok in enumerate(toks)}
    by_first: dict[str, list[_Alias]] = {}
    for alias in spec.aliases:
        by_first.setdefault(alias.text[0].lower(), []).append(alias)
    quotes = _quote_spans(text)
    mentions: list[Mention] = []
    covered_until = -1
    for first, tok in enumerate(toks):
        if tok.start < covered_until:
            continue
        for alias in by_first.get(text[tok.start : tok.start + 1].lower(), ()):
            match = alias.pattern.match(text, tok.start)
            if not match or match.end() not in ends:
                continue
            last = ends[match.end()]
            if last < first or not _valid_mention(alias, toks, first, last):
                continue
            if alias.kind == "outside_quotes" and any(s <= tok.start < e for s, e in quotes):
                continue
            mentions.append(Mention(alias.text, alias.targets, alias.kind, tok.start, match.end(), first, last))
            covered_until = match.end()
            break
    mentions = _drop_prefixed_generics(mentions, toks)
    for mention in mentions:
        mention.role, mention.np_end = _np_role(toks, mention.last)
    return mentions


def _as_toks(tokens: Sequence[_Tok] | pd.DataFrame) -> list[_Tok]:
    if isinstance(tokens, pd.DataFrame):
        table = tokens
        if "gloss" in table.columns:
            table = table.loc[~table["gloss"].fillna(False).astype(bool)]
        return [
            _make_tok(*row)
            for row in zip(table["form"], table["tag"], table["norm"], table["start"], table["end"])
        ]
    return list(tokens)


def _drop_prefixed_generics(mentions: list[Mention], toks: Sequence[_Tok]) -> list[Mention]:
    """A generic institution word right after another target word belongs to it."""
    kept: list[Mention] = []
    for mention in mentions:
        if mention.kind == "generic" and kept:
            previous = kept[-1]
            between = toks[previous.last + 1 : mention.first]
            if all(t.tag in _NOMINAL_TAGS for t in between) and len(between) <= 3:
                continue
        kept.append(mention)
    return kept


def _np_role(toks: Sequence[_Tok], last: int) -> tuple[str, int]:
    """Grammatical role of the noun phrase containing token ``last``."""
    n = len(toks)
    k, depth = last + 1, 0
    while k < n:
        tok = toks[k]
        if tok.tag == "SSO" and tok.form in "([":
            depth += 1
        elif tok.tag == "SSC" and tok.form in ")]" and depth:
            depth -= 1
        elif depth == 0 and tok.tag not in _NOMINAL_TAGS - {"MM"} and not (tok.tag == "SP" and tok.form == "·"):
            break
        k += 1
    if k >= n:
        return "bare", k
    tok = toks[k]
    if tok.tag == "JKS" or (tok.tag == "JX" and tok.form in _SUBJECT_PARTICLES):
        return "subject", k
    if tok.tag == "JKO":
        return "object", k
    if tok.tag == "JKG":
        return "genitive", k
    if tok.tag in {"JKC", "VCP"}:
        return "complement", k
    if tok.tag == "JKB":
        if tok.form == "보다":
            return "comparative", k
        if tok.form in _DATIVE_PARTICLES:
            return "dative", k
        return "oblique", k
    if tok.tag == "JC":
        following = k + 1
        while following < n and toks[following].tag in _NOMINAL_TAGS:
            following += 1
        if following > k + 1:
            return _np_role(toks, following - 1)  # 삼성전자와 SK하이닉스가: one phrase
    return "bare", k


def _predicate_like(toks: Sequence[_Tok], hit: _Hit) -> bool:
    """A noun that says something of the subject.

    ``위협이다``, ``위협이 되다``, ``성과를 냈다`` (support verb), and a noun
    after an adnominal clause (``...했다는 의혹``), which evaluates that
    clause's subject.
    """
    n = len(toks)
    k = hit.last + 1
    if k < n and toks[k].tag == "VCP":
        return True
    if hit.first > 0 and toks[hit.first - 1].tag == "ETM":
        return True
    if k < n and toks[k].tag in {"JKC", "JKO"}:
        m = k + 1
        if m < n and toks[m].tag in {"VV", "VA", "VCN"}:
            if toks[k].tag == "JKC" and toks[m].norm in {"되다", "아니다"}:
                return True
            if toks[k].tag == "JKO" and toks[m].norm in SUPPORT_VERBS:
                return True
    return False


_MODIFIER_TAGS = _NOMINAL_TAGS | {"VA", "VV", "ETM", "EP", "XSV", "XSA", "MAG", "VCP"}


def _genitive_owner(toks: Sequence[_Tok], position: int, mentions: Sequence[Mention]) -> list[Mention]:
    """The ``X의`` target that owns the noun at ``position`` (중국의 놀라운 성과)."""
    owners = [
        m for m in mentions
        if m.role == "genitive" and m.np_end < position
        and all(t.tag in _MODIFIER_TAGS for t in toks[m.np_end + 1 : position])
    ]
    if not owners:
        return []
    np_end = max(m.np_end for m in owners)
    return [m for m in owners if m.np_end == np_end]


def _nearest(mentions: Sequence[Mention], first: int, last: int, window: int | None) -> list[Mention]:
    def distance(m: Mention) -> int:
        if m.last < first:
            return first - m.last
        if m.first > last:
            return m.first - last
        return 0

    if not mentions:
        return []
    best = min(distance(m) for m in mentions)
    if window is not None and best > window:
        return []
    return [m for m in mentions if distance(m) == best]


def _after_quotative(toks: Sequence[_Tok], hit: _Hit) -> bool:
    k = hit.first - 1
    if k < 0:
        return False
    tok = toks[k]
    return tok.tag == "JKQ" or (tok.tag == "EC" and tok.form in _QUOTATIVE_ENDINGS)


def _closest_subjects(mentions: Sequence[Mention]) -> list[Mention]:
    """Subject (은/는/이/가) mentions of the closest subject noun phrase."""
    subjects = [m for m in mentions if m.role in {"subject", "bare"}]
    if not subjects:
        return []
    np_end = max(subjects, key=lambda m: m.first).np_end
    return [m for m in subjects if m.np_end == np_end]


def _owner(toks: Sequence[_Tok], hit: _Hit, mentions: Sequence[Mention]) -> list[Mention]:
    """The target a noun belongs to: ``중국의 성과``, or a target in its noun phrase (``딥시크 위협``)."""
    inside = [m for m in mentions if m.first < hit.first and m.np_end > hit.last and m.role != "genitive"]
    if inside:
        return inside
    return _genitive_owner(toks, hit.first, mentions)


def _object_noun(toks: Sequence[_Tok], hit: _Hit) -> bool:
    """An evaluative noun that is the object of a verb (혁신을 이뤘다): it describes the subject."""
    k = hit.last + 1
    return k + 1 < len(toks) and toks[k].tag == "JKO" and (
        toks[k + 1].tag in _PREDICATE_TAGS or toks[k + 1].tag in _NOUN_TAGS and k + 2 < len(toks)
        and toks[k + 2].tag in {"XSV", "XSA"}
    )


def _assign(
    toks: Sequence[_Tok],
    hits: Sequence[_Hit],
    mentions: Sequence[Mention],
    clauses: Sequence[int],
    quoted: Sequence[bool],
    window: int | None,
    reversing: frozenset[str],
    object_predicates: frozenset[str],
) -> list[tuple[_Hit, Mention, int]]:
    """(hit, mention, sign) pairs: which target each scored word evaluates (see score_stance)."""
    actors = [m for m in mentions if m.kind != "compound"]
    by_clause: dict[int, list[Mention]] = {}
    for mention in actors:
        by_clause.setdefault(clauses[mention.first], []).append(mention)
    pairs: list[tuple[_Hit, Mention, int]] = []
    for hit in hits:
        if hit.kind == "pred" and _after_quotative(toks, hit):
            continue  # a reporting verb evaluates the statement, not an actor
        clause = clauses[hit.last]
        local = by_clause.get(clause, [])
        if not local:
            pairs.extend((hit, m, 1) for m in _inherited_subjects(by_clause, clause, quoted, clauses))
            continue
        before = [m for m in local if m.first < hit.first]
        reverses = hit.term in reversing
        head = _relative_head(toks, hit) if hit.kind == "pred" else None
        if head is not None:  # adnominal: 성공한 중국 기업, 미국이 실패한 이유, 혁신적인 방법
            start, end = head
            receivers = (
                [m for m in local if start <= m.first < end]
                or _genitive_owner(toks, start, local)
                or _closest_subjects(before)
            )
        elif hit.kind == "pred" and hit.term in object_predicates:
            objects = [m for m in before if m.role == "object"]
            receivers = [m for m in objects if m.np_end == max(o.np_end for o in objects)] if objects else []
        elif hit.kind == "pred":
            eligible = [m for m in local if not (reverses and m.role in _REVERSED_ROLES)]
            receivers = _closest_subjects(before) or _nearest(eligible, hit.first, hit.last, window)
        else:
            receivers = _owner(toks, hit, local)
            if not receivers and (_predicate_like(toks, hit) or _object_noun(toks, hit)):
                receivers = _closest_subjects(before)
            if not receivers:
                receivers = _nearest(local, hit.first, hit.last, window)
        pairs.extend((hit, m, 1) for m in receivers)
        if reverses:
            pairs.extend((hit, m, -1) for m in before if m.role in _REVERSED_ROLES and m not in receivers)
    return pairs


_REVERSED_ROLES = frozenset({"object", "comparative", "dative"})


def _relative_head(toks: Sequence[_Tok], hit: _Hit) -> tuple[int, int] | None:
    """Token span of the noun phrase an adnominal predicate modifies, if any."""
    k = hit.last + 1
    while k < len(toks) and toks[k].tag == "EP":
        k += 1
    if k + 1 >= len(toks) or toks[k].tag != "ETM" or toks[k + 1].tag not in _NOMINAL_TAGS:
        return None
    if toks[k].form.endswith(_CONTENT_CLAUSE_ENDINGS):
        return None  # ...했다는 의혹: a content clause, its own subject is evaluated
    _, np_end = _np_role(toks, k + 1)
    return k + 1, max(np_end, k + 2)


def _inherited_subjects(
    by_clause: Mapping[int, list[Mention]], clause: int, quoted: Sequence[bool], clauses: Sequence[int]
) -> list[Mention]:
    """Subjects of the closest earlier clause (Korean drops a repeated subject)."""
    clause_quoted = {c: q for c, q in zip(clauses, quoted)}
    for previous in range(clause - 1, -1, -1):
        if clause_quoted.get(previous) != clause_quoted.get(clause):
            return []
        mentions = by_clause.get(previous)
        if mentions:
            subjects = [m for m in mentions if m.role in {"subject", "bare"}]
            return subjects
    return []


def score_stance(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    targets: StanceTargets | str | Path | None = None,
    lexicon: pd.DataFrame | str | Path | None = None,
    window: int | None = None,
    negators: Mapping[str, Iterable[str]] = NEGATORS,
    intensifiers: Mapping[str, float] = INTENSIFIERS,
    post_intensifiers: Mapping[str, float] = POST_INTENSIFIERS,
    reversing: Iterable[str] = REVERSING_PREDICATES,
    object_predicates: Iterable[str] = OBJECT_PREDICATES,
    thresholds: tuple[float, float] = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """Stance of each sentence toward China, the US and Korea.

    1. Targets are found by :func:`find_mentions` (aliases in
       ``data/targets.yaml``); a target not mentioned gets ``<NA>``.
    2. The sentence is split into clauses (:func:`split_clauses`), so the
       words of ``미국은 실패했지만`` never reach ``중국은 성공했다``.
    3. Each scored word (as in :func:`score_tone`) goes to targets in its
       clause: a predicate to the closest subject (``은/는/이/가``) before it;
       an adnominal predicate to the noun it modifies (``성공한 중국 기업``),
       that noun's owner, or the subject before it; a winning/losing predicate
       (:data:`REVERSING_PREDICATES`) also gives the opposite sign to an
       object, ``보다`` or ``에`` target (``중국이 미국을 추월했다``); a
       predicate of :data:`OBJECT_PREDICATES` (``금지``, ``비판``) to its
       object only; a noun to the target whose phrase it is in or that owns
       it (``딥시크 위협``, ``중국의 성과``), to the subject when the noun is
       used as a predicate or object (``위협이 되다``, ``성과를 냈다``), else to
       the nearest mention (``window`` tokens at most, if set). A clause with
       no target takes the subject of the previous clause (Korean drops a
       repeated subject), but never across a quotation mark. A reporting verb
       after a quotation (``...라고 경고했다``) evaluates no target.
    4. Compounds (``미중``, ``한미``) mark both targets as mentioned but take
       no score: they name a relation, not an actor.
    5. The scores a target receives are summed and classified with
       ``thresholds`` as in :func:`score_tone`; mentioned without scored
       words → 0.

    Parameters
    ----------
    sentences, tokens : pandas.DataFrame
        As for :func:`score_tone`.
    targets : StanceTargets or path, optional
        Aliases (default ``analysis/data/targets.yaml``).
    lexicon : DataFrame or path, optional
        As for :func:`score_tone`.
    window : int, optional
        Maximum distance in tokens between a noun and the mention it is
        given to (default: the whole clause).
    negators, intensifiers, post_intensifiers, thresholds
        As for :func:`score_tone`.
    reversing : iterable of str
        Lexicon terms of winning/losing predicates.
    object_predicates : iterable of str
        Lexicon terms whose predicate evaluates its object.

    Returns
    -------
    pandas.DataFrame
        ``sent_id, stance_china, stance_us, stance_korea`` (nullable integers)
        and ``stance_evidence`` (``target: mention[role] ← word score; ...``).

    Examples
    --------
    >>> from analysis.tokenize import tokenize_units
    >>> units = tokenize_units(["미국은 실패했지만 중국은 성공했다."])
    >>> score_stance(units.sentences, units.tokens)[["stance_china", "stance_us", "stance_korea"]].iloc[0].tolist()
    [1, -1, <NA>]
    """
    lower, upper = _check_thresholds(thresholds)
    if window is not None and (not isinstance(window, int) or window < 1):
        raise ValueError(f"window must be a positive number of tokens or None; got {window!r}.")
    spec = _as_targets(targets)
    missing = [t for t in TARGETS if t not in spec.labels]
    if missing:
        raise TargetsError(f"{spec.source}: no aliases for target(s) {missing}.")
    index = _index_lexicon(_as_lexicon(lexicon))
    rules = _make_rules(negators, intensifiers, post_intensifiers)
    reversing, object_predicates = frozenset(reversing), frozenset(object_predicates)
    grouped = _group_tokens(sentences, tokens)
    rows = []
    for sent_id, text in zip(sentences["sent_id"], sentences["text"]):
        text = str(text)
        toks = grouped.get(sent_id, [])
        row: dict[str, object] = {"sent_id": sent_id}
        mentions = find_mentions(text, toks, spec) if toks else []
        present = {t for m in mentions for t in m.targets}
        scores: dict[str, dict[int, tuple[_Hit, Mention, int]]] = {t: {} for t in TARGETS}
        if mentions:
            clauses = split_clauses(toks)
            quotes = _quote_spans(text)
            quoted = [any(s <= tok.start < e for s, e in quotes) for tok in toks]
            hits = _find_hits(text, toks, index, rules, clauses)
            for hit, mention, sign in _assign(
                toks, hits, mentions, clauses, quoted, window, reversing, object_predicates
            ):
                for target in mention.targets:
                    scores[target].setdefault(id(hit), (hit, mention, sign))
        evidence = []
        for target in TARGETS:
            if target not in present:
                row[f"stance_{target}"] = pd.NA
                continue
            assigned = sorted(scores[target].values(), key=lambda item: item[0].first)
            total = round(sum(sign * hit.score for hit, _, sign in assigned), 4)
            row[f"stance_{target}"] = _classify(total, lower, upper)
            named = ", ".join(dict.fromkeys(m.alias for m in mentions if target in m.targets))
            if assigned:
                words = ", ".join(
                    f"{m.alias}[{m.role}] ← {hit.describe()}" + (" (reversed)" if sign < 0 else "")
                    for hit, m, sign in assigned
                )
                evidence.append(f"{target}: {words}")
            else:
                evidence.append(f"{target}: {named} (no evaluative word)")
        row["stance_evidence"] = " | ".join(evidence)
        rows.append(row)
    table = pd.DataFrame(rows, columns=["sent_id", *[f"stance_{t}" for t in TARGETS], "stance_evidence"])
    for target in TARGETS:
        table[f"stance_{target}"] = table[f"stance_{target}"].astype("Int64")
    return table
