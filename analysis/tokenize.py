"""Korean sentences and tokens from one pass of the Kiwi analyser.

:func:`tokenize_corpus` turns the article paragraphs of a cleaned corpus into
two tables (columns in ``docs/data_model.md``):

* ``sentences`` — one row per sentence, split by Kiwi's sentence splitter;
* ``tokens`` — one row per morpheme with its ``norm``, the term used for
  counting: the lemma for predicates (``내놓았다`` → ``내놓다``), and the
  canonical spelling for the variants in ``analysis/data/variants.tsv``
  (``DeepSeek``, ``딥 시크``, ``딥씩`` → ``딥시크``).

Kiwi is configured once per setting (its user words cannot be removed) with
the project user dictionary ``analysis/data/user_dictionary.tsv``; the
paragraphs go to Kiwi as one batch so that its own worker threads do the
work. Results are cached under ``.cache/`` and invalidated when the text, the
dictionary, the variant table, the kiwipiepy version or this module's
``TOKENIZER_VERSION`` change.

A gloss in brackets right after a term (``딥시크(DeepSeek)``,
``량원펑(梁文峰)``) keeps its tokens, flagged ``gloss=True``, so that
counting functions can leave it out: it is the same mention, not a second.
Stopwords and part-of-speech filters are options of the counting functions
(``analysis.vocabulary``), not applied here.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import kiwipiepy
import numpy as np
import pandas as pd
from kiwipiepy import Kiwi

from analysis import paths
from analysis.clean import CleanedCorpus
from analysis.grammar import IRREGULAR_SUFFIXES, LEMMA_TAGS

TOKENIZER_VERSION = "4"
# No sentence starts with a particle, an ending, a derivational suffix or the copula.
_CANNOT_START = ("J", "E", "XS", "VCP")
# Headlines are one unit each, whatever punctuation they carry.
HEADLINE_ROLES = ("title", "subhead")
SENTENCE_COLUMNS = ["file", "doc_id", "outlet", "para", "role", "sent_id", "sent_no", "position", "text"]
TOKEN_COLUMNS = ["file", "doc_id", "sent_id", "form", "tag", "norm", "start", "end", "gloss"]
# Token rows per DataFrame chunk built during tokenization.
_TOKEN_CHUNK = 20_000
_HAS_LATIN_OR_HAN = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")
_HAS_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")


def require_columns(table: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    """Check that ``table`` is a DataFrame with ``columns``; name what is missing.

    Every stage that takes the tables of ``docs/data_model.md`` checks its
    input with this, so a wrong table fails with the same clear message.
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(
            f"{name} table lacks column(s) {missing}; expected columns {list(columns)} "
            "(see docs/data_model.md)"
        )


class TokenizeError(ValueError):
    """Bad tokenizer configuration (user dictionary or variant table)."""


@dataclass(frozen=True)
class Tokenized:
    """Sentences and tokens of a corpus (see ``docs/data_model.md``)."""

    sentences: pd.DataFrame
    tokens: pd.DataFrame


@dataclass(frozen=True)
class TokenizerConfig:
    """Which data files configure Kiwi and the normalization.

    Parameters
    ----------
    user_dictionary : pathlib.Path
        TSV with ``word, tag, score, note`` (``#`` lines are comments).
    variants : pathlib.Path
        TSV with ``variant, canonical, tag, note``.
    num_workers : int
        Kiwi worker threads (0 = Kiwi's default: all cores).
    """

    user_dictionary: Path = paths.PACKAGE_DATA / "user_dictionary.tsv"
    variants: Path = paths.PACKAGE_DATA / "variants.tsv"
    num_workers: int = 0

    def fingerprint(self) -> str:
        """Hash of everything that changes the tokenizer's output."""
        digest = hashlib.sha256()
        for part in (
            TOKENIZER_VERSION,
            kiwipiepy.__version__,
            Path(self.user_dictionary).read_bytes(),
            Path(self.variants).read_bytes(),
        ):
            digest.update(part if isinstance(part, bytes) else part.encode())
        return digest.hexdigest()


def _read_tsv(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    path = Path(path)
    if not path.is_file():
        raise TokenizeError(f"{path}: file not found.")
    table = pd.read_csv(path, sep="\t", comment="#", dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise TokenizeError(f"{path}: missing column(s) {', '.join(missing)}.")
    for column in columns:
        empty = table.index[table[column].str.strip() == ""].tolist()
        if empty:
            raise TokenizeError(f"{path}: empty {column!r} in data row(s) {[i + 1 for i in empty]}.")
    return table


def read_user_dictionary(path: Path) -> pd.DataFrame:
    """Read the user dictionary; tags must be Kiwi noun tags (NNP, NNG) or SL."""
    table = _read_tsv(path, ["word", "tag"])
    bad = table.loc[~table["tag"].isin(["NNP", "NNG", "SL"]), "word"].tolist()
    if bad:
        raise TokenizeError(f"{path}: entries {bad} need tag NNP, NNG or SL.")
    table["score"] = pd.to_numeric(table.get("score", 0), errors="coerce").fillna(0.0)
    return table


def read_variants(path: Path) -> pd.DataFrame:
    """Read the variant table (``variant, canonical, tag, note``)."""
    table = _read_tsv(path, ["variant", "canonical", "tag"])
    duplicated = table.loc[table["variant"].str.lower().duplicated(), "variant"].tolist()
    if duplicated:
        raise TokenizeError(f"{path}: variant(s) listed twice: {duplicated}.")
    return table


def variant_pattern(variants: pd.DataFrame) -> re.Pattern:
    """One regex matching any variant, longest first.

    Latin letters match in any case; a Latin variant must not be preceded or
    followed by a lowercase letter or a digit (so ``OpenAI`` and ``ChatGPT``
    are both found in the glued ``OpenAIChatGPT``, but nothing inside
    ``OpenAIs``, and ``R1`` is not found in ``R10``).
    """
    alternatives = []
    for variant in sorted(variants["variant"], key=lambda v: (-len(v), v)):
        body = r"\s*".join(re.escape(part) for part in variant.split())
        if re.search(r"[A-Za-z]", variant):
            body = rf"(?<![a-z0-9])(?i:{body})(?![a-z0-9])"
        alternatives.append(f"({body})")
    return re.compile("|".join(alternatives))


@lru_cache(maxsize=4)
def configured_kiwi(config: TokenizerConfig = TokenizerConfig()) -> Kiwi:
    """A Kiwi with the project user dictionary (one per configuration)."""
    kiwi = Kiwi(num_workers=config.num_workers or None)
    for entry in read_user_dictionary(config.user_dictionary).itertuples(index=False):
        kiwi.add_user_word(entry.word, entry.tag, float(entry.score))
    return kiwi


@lru_cache(maxsize=4)
def _normalizer(config: TokenizerConfig) -> tuple[re.Pattern, dict[str, tuple[str, str]], re.Pattern]:
    """The variant regex, the lookup of canonical forms, and cheap substring hints.

    A sentence can contain a variant only if it contains the variant's first
    word; a plain alternation of those words is much cheaper to run over every
    sentence than the full pattern with its boundary checks.
    """
    variants = read_variants(config.variants)
    lookup = {
        re.sub(r"\s+", "", row.variant).lower(): (row.canonical, row.tag)
        for row in variants.itertuples(index=False)
    }
    first_words = sorted({variant.split()[0] for variant in variants["variant"]}, key=lambda w: (-len(w), w))
    # The lookahead on first characters lets the regex engine skip ahead
    # cheaply instead of trying every alternative at every position.
    first_characters = "".join(sorted({word[0] for word in first_words}))
    hints = re.compile(
        f"(?=[{re.escape(first_characters)}])(?:{'|'.join(re.escape(word) for word in first_words)})",
        re.IGNORECASE,
    )
    return variant_pattern(variants), lookup, hints


# Predicates are counted by their lemma (dictionary form); Kiwi marks irregular
# conjugations with a suffix (VV-R, VA-I): still predicates.
_LEMMA_TAGS_WITH_VARIANTS = LEMMA_TAGS | {f"{tag}-{suffix}" for tag in LEMMA_TAGS for suffix in IRREGULAR_SUFFIXES}

# Token columns of one sentence: form, tag, norm, start, end.
Columns = tuple[list, list, list, list, list]


def _kiwi_columns(kiwi_tokens: Sequence) -> Columns:
    """Columns of Kiwi's tokens (offsets into the text Kiwi analysed).

    Built list by list with one attribute read per token and column: this runs
    in the main thread beside Kiwi's workers, so it must stay cheap. The lemma
    is read for predicates only.
    """
    forms = [t.form for t in kiwi_tokens]
    tags = [t.tag for t in kiwi_tokens]
    norms = forms.copy()
    for index in [i for i, tag in enumerate(tags) if tag in _LEMMA_TAGS_WITH_VARIANTS]:
        norms[index] = kiwi_tokens[index].lemma or forms[index]
    starts = [t.start for t in kiwi_tokens]
    ends = [t.end for t in kiwi_tokens]
    return forms, tags, norms, starts, ends


def find_variants(text: str, pattern: re.Pattern, hints: re.Pattern | None = None) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(text)``, tried only where a hint starts.

    Every variant starts with its first word, so the variant pattern (a long
    alternation with boundary checks, slow to run at every position) can only
    match where ``hints`` matches; the cheap hint search finds those places.
    Without ``hints`` this is ``pattern.finditer(text)``.
    """
    if hints is None:
        yield from pattern.finditer(text)
        return
    position = 0
    while (hint := hints.search(text, position)) is not None:
        match = pattern.match(text, hint.start())
        if match is None:
            position = hint.start() + 1
            continue
        yield match
        position = match.end()


def _variant_matches(
    text: str, lookup: dict[str, tuple[str, str]], matches: Iterable[re.Match]
) -> list[tuple[int, int, str, str]]:
    """``(start, end, canonical, tag)`` of each variant match."""
    return [(match.start(), match.end(), *_canonical(lookup, match.group(0))) for match in matches]


def merge_variants(
    text: str,
    columns: Columns,
    *,
    pattern: re.Pattern,
    lookup: dict[str, tuple[str, str]],
    hints: re.Pattern | None = None,
) -> Columns:
    """Merge the pieces of every spelling variant into one normalized token.

    Only the tokens a variant overlaps are rebuilt; the others are copied as
    they are, in slices.

    Parameters
    ----------
    text : str
        The sentence.
    columns : tuple of lists
        ``form, tag, norm, start, end`` of the sentence's tokens, offsets into
        ``text``, in text order.
    pattern, lookup
        From the variant table (see :func:`variant_pattern`).
    hints : re.Pattern, optional
        Matches (case-insensitively) a substring that every variant starts
        with; the full pattern is not run on sentences without one.

    Returns
    -------
    tuple of lists
        The same five columns. A merged variant's ``form`` is the text slice
        it covers, its ``norm`` the canonical spelling; where a variant is
        glued to other text inside one token, the rest of the token becomes a
        token of its own.

    Examples
    --------
    >>> pattern, lookup, hints = _normalizer(TokenizerConfig())
    >>> columns = (["딥", "시크", "가"], ["NNG", "NNP", "JKS"], ["딥", "시크", "가"], [0, 2, 4], [1, 4, 5])
    >>> merge_variants("딥 시크가", columns, pattern=pattern, lookup=lookup, hints=hints)
    (['딥 시크', '가'], ['NNP', 'JKS'], ['딥시크', '가'], [0, 4], [4, 5])
    """
    return _merge_matches(text, columns, _variant_matches(text, lookup, find_variants(text, pattern, hints)))


def _merge_matches(
    text: str,
    columns: Columns,
    matches: list[tuple[int, int, str, str]],
    regions: list[tuple[int, int, int]] | None = None,
) -> Columns:
    """Columns with the tokens that ``matches`` overlap rebuilt (see :func:`merge_variants`).

    Each rebuilt stretch ``low:high`` of the input tokens, and the number of
    tokens it became, is appended to ``regions`` when given.
    """
    if not matches:
        return columns
    forms, tags, norms, starts, ends = columns
    size = len(forms)
    out: Columns = ([], [], [], [], [])
    copied = 0  # tokens before this index are in ``out``
    first = 0  # first match not handled yet
    while first < len(matches):
        low = copied
        while low < size and ends[low] <= matches[first][0]:
            low += 1
        # the region: tokens from ``low`` up to ``high`` and the matches that overlap them
        last, high, region_end = first, low, matches[first][1]
        while True:
            while high < size and starts[high] < region_end:
                high += 1
            covered = max(ends[low:high], default=region_end)
            if last + 1 < len(matches) and matches[last + 1][0] < covered:
                last += 1
                region_end = max(region_end, matches[last][1])
                continue
            break
        for column, values in zip(out, columns):
            column.extend(values[copied:low])
        before = len(out[0])
        _merge_region(text, columns, range(low, high), matches[first : last + 1], out)
        if regions is not None:
            regions.append((low, high, len(out[0]) - before))
        copied, first = high, last + 1
    for column, values in zip(out, columns):
        column.extend(values[copied:])
    return out


def _merge_region(
    text: str, columns: Columns, indices: range, matches: list[tuple[int, int, str, str]], out: Columns
) -> None:
    """Append the tokens ``indices``, variants merged, to the columns ``out``."""
    forms, tags, norms, starts, ends = columns

    def emit(form: str, tag: str, norm: str, start: int, end: int) -> None:
        for column, value in zip(out, (form, tag, norm, start, end)):
            column.append(value)

    emitted: set[int] = set()
    first = 0  # matches are in text order: skip those that end before the token
    for index in indices:
        start, end, tag = starts[index], ends[index], tags[index]
        while first < len(matches) and matches[first][1] <= start:
            first += 1
        overlapping = []
        for i in range(first, len(matches)):
            if matches[i][0] >= end:
                break
            overlapping.append(i)
        if not overlapping:
            emit(forms[index], tag, norms[index], start, end)
            continue
        cursor = start
        for i in overlapping:
            match_start, match_end, canonical, variant_tag = matches[i]
            if match_start > cursor:  # a piece of the token before the variant (glued text)
                piece = text[cursor:match_start]
                emit(piece, tag, piece, cursor, match_start)
            if i not in emitted:
                emit(text[match_start:match_end], variant_tag, canonical, match_start, match_end)
                emitted.add(i)
            cursor = max(cursor, match_end)
        if cursor < end:  # the rest of the token after the variant
            piece = text[cursor:end]
            emit(piece, tag, piece, cursor, end)


def gloss_flags(text: str, forms: Sequence[str], starts: Sequence[int], ends: Sequence[int]) -> list[bool]:
    """Flag tokens of a bracketed gloss right after a term.

    A gloss is a ``(...)`` that touches the preceding word (no space) and
    holds Latin or Chinese characters but no Hangul: ``딥시크(DeepSeek)``,
    ``량원펑(梁文峰)``, ``인공지능(AI)``; not ``량원펑(40)`` (an age) nor
    ``대통령(왼쪽)``.

    Parameters
    ----------
    text : str
        The sentence (or its paragraph, with offsets into the paragraph).
    forms, starts, ends : sequences
        The sentence's token columns, offsets into ``text``.

    Returns
    -------
    list of bool
        One flag per token.
    """
    flags = [False] * len(forms)
    if "(" not in text:
        return flags
    for index in [i for i, form in enumerate(forms) if form == "("]:
        if index == 0 or ends[index - 1] != starts[index]:
            continue
        close = next((j for j in range(index + 1, len(forms)) if forms[j] == ")"), None)
        if close is None:
            continue
        inside = text[ends[index] : starts[close]]
        if _HAS_LATIN_OR_HAN.search(inside) and not _HAS_HANGUL.search(inside):
            flags[index : close + 1] = [True] * (close + 1 - index)
    return flags


def sentence_ranges(positions: Sequence[int]) -> list[tuple[int, int]]:
    """Token index ranges ``[begin, end)`` of Kiwi's sentences.

    ``positions`` are the tokens' ``sent_position``: Kiwi numbers the
    sentences of a text in text order, so the numbers never decrease and a
    new sentence begins where the number changes.

    Examples
    --------
    >>> sentence_ranges([0, 0, 0, 1, 1, 2])
    [(0, 3), (3, 5), (5, 6)]
    """
    ranges = []
    begin, size = 0, len(positions)
    while begin < size:
        end = bisect_right(positions, positions[begin], begin)
        ranges.append((begin, end))
        begin = end
    return ranges


def repair_sentence_bounds(ranges: list[tuple[int, int]], tags: Sequence[str]) -> list[tuple[int, int]]:
    """Move a sentence boundary that Kiwi put after a particle's noun.

    Kiwi occasionally ends a sentence after a quoted name or a closing quote
    and starts the next with its particle or copula (``... 'MIT 테크놀로지
    리뷰'`` | ``는 "R1은 ..."``; ``“... 것”`` | ``이라는 ...``). When a sentence
    starts with a particle, an ending, a suffix or the copula, the boundary moves back to
    the last sentence-final punctuation of the previous sentence (or the two
    are merged when there is none).

    Parameters
    ----------
    ranges : list of (begin, end)
        Token index ranges of Kiwi's sentences of one paragraph, in order.
    tags : sequence of str
        The paragraph's part-of-speech tags.

    Returns
    -------
    list of (begin, end)

    Examples
    --------
    >>> repair_sentence_bounds([(0, 3), (3, 5)], ["NNP", "SF", "NNG", "JX", "VV"])
    [(0, 2), (2, 5)]
    """
    repaired: list[tuple[int, int]] = []
    for begin, end in ranges:
        if repaired and tags[begin].startswith(_CANNOT_START):
            previous_begin, previous_end = repaired.pop()
            cut = next((i for i in range(previous_end - 2, previous_begin - 1, -1) if tags[i] == "SF"), None)
            if cut is None:
                repaired.append((previous_begin, end))
            else:
                repaired.extend([(previous_begin, cut + 1), (cut + 1, end)])
            continue
        repaired.append((begin, end))
    return repaired


@dataclass
class _Paragraph:
    """One analysed paragraph: its sentences and their tokens' columns.

    Sentence ``k`` is ``texts[k]``, starting at ``starts_in_text[k]`` in the
    paragraph, with ``sizes[k]`` tokens; the token columns hold the tokens of
    all sentences in order, offsets into the paragraph.
    """

    texts: list[str]
    starts_in_text: list[int]
    sizes: list[int]
    forms: list[str]
    tags: list[str]
    norms: list[str]
    starts: list[int]
    ends: list[int]
    glosses: list[bool]


def _paragraph(
    text: str, kiwi_tokens: list, keep_whole: bool, *, pattern: re.Pattern, lookup: dict, hints: re.Pattern
) -> _Paragraph:
    """Sentences and token columns of one paragraph from Kiwi's tokens.

    This runs in the main thread while Kiwi's workers analyse the next
    paragraphs, so it reads each token attribute once, list by list, and only
    rebuilds the sentences where a spelling variant must be merged or a
    bracket may hold a gloss. Offsets count from the paragraph start.
    """
    forms, tags, norms, starts, ends = _kiwi_columns(kiwi_tokens)
    ranges = repair_sentence_bounds(sentence_ranges([t.sent_position for t in kiwi_tokens]), tags)
    if keep_whole and len(ranges) > 1:
        ranges = [(ranges[0][0], ranges[-1][1])]
    spans = [(starts[begin], ends[end - 1]) for begin, end in ranges]
    _check_nothing_lost(text, spans)
    texts = [text[start:end] for start, end in spans]
    offsets = [start for start, _ in spans]
    sizes = [end - begin for begin, end in ranges]
    if "(" not in text and hints.search(text) is None:
        return _Paragraph(texts, offsets, sizes, forms, tags, norms, starts, ends, [False] * len(forms))
    columns = (forms, tags, norms, starts, ends)
    matches = [
        match for match, (begin, end) in _variants_by_sentence(text, spans, ranges, pattern, lookup, hints)
        if not _already_merged(text, columns, begin, end, match)
    ]
    if matches:
        regions: list[tuple[int, int, int]] = []
        forms, tags, norms, starts, ends = _merge_matches(text, columns, matches, regions)
        begins = [begin for begin, _ in ranges]
        for low, high, size in regions:  # each region lies inside one sentence
            sizes[bisect_right(begins, low) - 1] += size - (high - low)
    glosses = [False] * len(forms)
    if "(" in text:
        begin = 0
        for sentence, size in zip(texts, sizes):
            end = begin + size
            if "(" in sentence:
                glosses[begin:end] = gloss_flags(text, forms[begin:end], starts[begin:end], ends[begin:end])
            begin = end
    return _Paragraph(texts, offsets, sizes, forms, tags, norms, starts, ends, glosses)


def _variants_by_sentence(
    text: str,
    spans: list[tuple[int, int]],
    ranges: list[tuple[int, int]],
    pattern: re.Pattern,
    lookup: dict[str, tuple[str, str]],
    hints: re.Pattern,
) -> Iterator[tuple[tuple[int, int, str, str], tuple[int, int]]]:
    """Variant matches in a paragraph, each with its sentence's token range.

    ``spans`` are the sentences' ``(start, end)`` in the paragraph. The same
    matches as :func:`find_variants` run on each sentence (a variant never
    runs past the end of its sentence), from one hint search over the
    paragraph.
    """
    sentence_starts = [start for start, _ in spans]
    position = 0
    while (hint := hints.search(text, position)) is not None:
        at = hint.start()
        number = bisect_right(sentence_starts, at) - 1
        match = pattern.match(text, at, spans[number][1]) if number >= 0 else None
        if match is None:
            position = at + 1
            continue
        yield (at, match.end(), *_canonical(lookup, match.group(0))), ranges[number]
        position = match.end()


def _canonical(lookup: dict[str, tuple[str, str]], variant: str) -> tuple[str, str]:
    """``(canonical, tag)`` of a matched variant (spaces and case ignored)."""
    return lookup["".join(variant.split()).lower()]


def _already_merged(
    text: str, columns: Columns, begin: int, end: int, match: tuple[int, int, str, str]
) -> bool:
    """Whether a variant match is exactly one token among ``begin:end`` that needs no change.

    The common case: ``딥시크`` is in the user dictionary, so Kiwi already
    gives the canonical token.
    """
    forms, tags, norms, starts, ends = columns
    match_start, match_end, canonical, tag = match
    index = bisect_left(starts, match_start, begin, end)
    return (
        index < end
        and starts[index] == match_start
        and ends[index] == match_end
        and (index + 1 == end or starts[index + 1] >= match_end)
        and (index == begin or ends[index - 1] <= match_start)
        and tags[index] == tag
        and norms[index] == canonical
        and forms[index] == text[match_start:match_end]
    )


def _analyse(
    texts: Sequence[str], config: TokenizerConfig, *, whole: Sequence[bool] | None = None
) -> Iterator[_Paragraph]:
    """Each text's sentences and token columns, from one batched Kiwi call.

    A generator: each text comes as soon as Kiwi has analysed it, so that the
    caller's work overlaps Kiwi's. Texts flagged in ``whole`` (headlines) stay
    one unit: Kiwi would split ``미중 AI 경쟁... 韓 탈출구는`` at the ellipsis.
    """
    kiwi = configured_kiwi(config)
    pattern, lookup, hints = _normalizer(config)
    whole = whole if whole is not None else [False] * len(texts)
    for text, kiwi_tokens, keep_whole in zip(texts, kiwi.tokenize(list(texts)), whole):
        yield _paragraph(text, kiwi_tokens, keep_whole, pattern=pattern, lookup=lookup, hints=hints)


def _unit(
    text: str, kiwi_tokens: list, *, pattern: re.Pattern, lookup: dict, hints: re.Pattern
) -> _Paragraph:
    """One unit analysed whole: a single sentence, offsets from the start of ``text``."""
    forms, tags, norms, starts, ends = merge_variants(
        text, _kiwi_columns(kiwi_tokens), pattern=pattern, lookup=lookup, hints=hints
    )
    glosses = gloss_flags(text, forms, starts, ends)
    return _Paragraph([text], [0], [len(forms)], forms, tags, norms, starts, ends, glosses)


def _check_nothing_lost(text: str, spans: list[tuple[int, int]]) -> None:
    """The sentence spans must cover every non-space character of the paragraph.

    Sentences are slices of the paragraph, in order: text is lost only if a
    gap between them (or before the first, or after the last) holds anything
    but white space, or if two overlap.
    """
    edges = [0, *(edge for span in spans for edge in span), len(text)]
    for gap_start, gap_end in zip(edges[::2], edges[1::2]):
        if gap_start > gap_end or text[gap_start:gap_end].strip():
            raise TokenizeError(
                f"sentence splitting lost text in paragraph starting {text[:40]!r}; please report this."
            )


def _cache_path(key: str) -> Path:
    return paths.cache_dir() / f"tokens-{key[:32]}.pkl"


def tokenize_corpus(
    cleaned: CleanedCorpus,
    *,
    config: TokenizerConfig = TokenizerConfig(),
    use_cache: bool = True,
) -> Tokenized:
    """Split the article paragraphs into sentences and tokens.

    Parameters
    ----------
    cleaned : CleanedCorpus
        From :func:`analysis.clean.clean_corpus`.
    config : TokenizerConfig, optional
        User dictionary, variant table, worker threads.
    use_cache : bool, default True
        Reuse a cached result for identical input and configuration.

    Returns
    -------
    Tokenized
        ``sentences`` and ``tokens`` tables.

    Examples
    --------
    >>> from analysis.corpus import load_corpus
    >>> from analysis.clean import clean_corpus
    >>> result = tokenize_corpus(clean_corpus(load_corpus()))  # doctest: +SKIP
    >>> result.sentences.columns.tolist()  # doctest: +SKIP
    ['file', 'doc_id', 'outlet', 'para', 'role', 'sent_id', 'sent_no', 'position', 'text']
    """
    paragraphs = cleaned.paragraphs
    key = hashlib.sha256(
        (config.fingerprint() + pd.util.hash_pandas_object(paragraphs, index=False)
         .to_numpy().tobytes().hex()).encode()
    ).hexdigest()
    cache_file = _cache_path(key)
    if use_cache and cache_file.exists():
        with cache_file.open("rb") as handle:
            sentences, tokens = pickle.load(handle)
        return Tokenized(sentences=sentences, tokens=tokens)
    result = tokenize_paragraphs(paragraphs, config=config)
    if use_cache:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache_file.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump((result.sentences, result.tokens), handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(cache_file)
    return result


def tokenize_paragraphs(
    paragraphs: pd.DataFrame, *, config: TokenizerConfig = TokenizerConfig()
) -> Tokenized:
    """Sentences and tokens of article paragraphs (no cache).

    ``paragraphs`` must hold whole documents (sentence numbers count within a
    document), so that any split of a corpus by documents, tokenized part by
    part and concatenated, gives the same tables as the whole
    (:mod:`analysis.distributed` relies on this).
    """
    analysed = _analyse(
        paragraphs["text"].tolist(), config, whole=paragraphs["role"].isin(HEADLINE_ROLES).tolist()
    )
    tokens = _TokenTable()
    sentence_texts: list[str] = []
    sent_ids: list[str] = []
    sent_nos: list[int] = []
    per_paragraph: list[int] = []
    counters: dict[str, int] = {}
    for file, doc_id, paragraph in zip(paragraphs["file"].tolist(), paragraphs["doc_id"].tolist(), analysed):
        first = counters.get(doc_id, 0) + 1
        numbers = range(first, first + len(paragraph.texts))
        counters[doc_id] = first + len(paragraph.texts) - 1
        ids = [f"{doc_id}-{number:03d}" for number in numbers]
        tokens.add(file, doc_id, ids, paragraph)
        sentence_texts.extend(paragraph.texts)
        sent_ids.extend(ids)
        sent_nos.extend(numbers)
        per_paragraph.append(len(paragraph.texts))
    rows = np.repeat(np.arange(len(paragraphs)), per_paragraph)
    sentences = paragraphs[SENTENCE_COLUMNS[:5]].iloc[rows].reset_index(drop=True)
    sentences["sent_id"] = np.array(sent_ids, dtype=object)
    sentences["sent_no"] = np.array(sent_nos, dtype=np.int64)
    counts = sentences["doc_id"].map(counters)
    sentences["position"] = ((sentences["sent_no"] - 1) / (counts - 1).where(counts > 1, 1)).round(4)
    sentences["text"] = np.array(sentence_texts, dtype=object)
    return Tokenized(sentences=sentences, tokens=tokens.table())


class _TokenTable:
    """The token table, built in chunks of rows as paragraphs come from Kiwi.

    Building a chunk's DataFrame while Kiwi still works on later paragraphs
    keeps that work off the end of the run.
    """

    def __init__(self, chunk_rows: int = _TOKEN_CHUNK) -> None:
        self.chunk_rows = chunk_rows
        self.frames: list[pd.DataFrame] = []
        self._reset()

    def _reset(self) -> None:
        self.columns: dict[str, list] = {name: [] for name in TOKEN_COLUMNS[3:]}
        self.paragraphs: list[tuple[str, str]] = []  # file, doc_id
        self.paragraph_sizes: list[int] = []  # tokens
        self.sent_ids: list[str] = []
        self.sentence_starts: list[int] = []  # in the paragraph
        self.sentence_sizes: list[int] = []  # tokens
        self.rows = 0

    def add(self, file: str, doc_id: str, sent_ids: list[str], paragraph: _Paragraph) -> None:
        """Append a paragraph's tokens; ``sent_ids`` name its sentences."""
        self.paragraphs.append((file, doc_id))
        self.paragraph_sizes.append(len(paragraph.forms))
        self.sent_ids.extend(sent_ids)
        self.sentence_starts.extend(paragraph.starts_in_text)
        self.sentence_sizes.extend(paragraph.sizes)
        columns = self.columns
        columns["form"].extend(paragraph.forms)
        columns["tag"].extend(paragraph.tags)
        columns["norm"].extend(paragraph.norms)
        columns["start"].extend(paragraph.starts)
        columns["end"].extend(paragraph.ends)
        columns["gloss"].extend(paragraph.glosses)
        self.rows += len(paragraph.forms)
        if self.rows >= self.chunk_rows:
            self._flush()

    def _flush(self) -> None:
        columns = self.columns
        paragraph_sizes = np.asarray(self.paragraph_sizes, dtype=np.int64)
        sentence_sizes = np.asarray(self.sentence_sizes, dtype=np.int64)
        files = [file for file, _ in self.paragraphs]
        doc_ids = [doc_id for _, doc_id in self.paragraphs]
        data = {
            "file": np.repeat(np.array(files, dtype=object), paragraph_sizes),
            "doc_id": np.repeat(np.array(doc_ids, dtype=object), paragraph_sizes),
            "sent_id": np.repeat(np.array(self.sent_ids, dtype=object), sentence_sizes),
        }
        for name in ("form", "tag", "norm"):
            data[name] = np.array(columns[name], dtype=object)
        # offsets in the table count from the sentence start
        sentence_starts = np.repeat(np.asarray(self.sentence_starts, dtype=np.int64), sentence_sizes)
        data["start"] = np.asarray(columns["start"], dtype=np.int64) - sentence_starts
        data["end"] = np.asarray(columns["end"], dtype=np.int64) - sentence_starts
        data["gloss"] = np.asarray(columns["gloss"], dtype=bool)
        self.frames.append(pd.DataFrame(data, columns=TOKEN_COLUMNS))
        self._reset()

    def table(self) -> pd.DataFrame:
        """All tokens so far, one row each (columns :data:`TOKEN_COLUMNS`)."""
        if self.rows or not self.frames:
            self._flush()
        return self.frames[0] if len(self.frames) == 1 else pd.concat(self.frames, ignore_index=True)


def tokenize_units(
    texts: Sequence[str],
    *,
    doc_id: str = "units",
    config: TokenizerConfig = TokenizerConfig(),
) -> Tokenized:
    """Analyse texts as given: one unit each, no sentence splitting.

    For coding sentences that were split elsewhere (a ``.txt`` with one unit
    a line, a CSV column, a manual-coding sample). ``sent_id`` is
    ``"<doc_id>-<NNN>"`` in input order; ``para`` and ``sent_no`` count the
    units; ``role`` is ``body``.

    Examples
    --------
    >>> result = tokenize_units(["딥시크(DeepSeek)가 시장을 흔들었다."])
    >>> result.tokens[["form", "norm", "gloss"]].head(3).values.tolist()
    [['딥시크', '딥시크', False], ['(', '(', True], ['DeepSeek', '딥시크', True]]
    """
    kiwi = configured_kiwi(config)
    pattern, lookup, hints = _normalizer(config)
    sentence_rows = []
    tokens = _TokenTable()
    width = max(3, len(str(len(texts))))
    for number, (text, kiwi_tokens) in enumerate(zip(texts, kiwi.tokenize(list(texts))), start=1):
        sent_id = f"{doc_id}-{number:0{width}d}"
        tokens.add("", doc_id, [sent_id], _unit(text, kiwi_tokens, pattern=pattern, lookup=lookup, hints=hints))
        sentence_rows.append(["", doc_id, "", number, "body", sent_id, number,
                              round((number - 1) / max(len(texts) - 1, 1), 4), text])
    return Tokenized(sentences=pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS), tokens=tokens.table())
