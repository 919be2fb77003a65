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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import kiwipiepy
import pandas as pd
from kiwipiepy import Kiwi

from analysis import paths
from analysis.clean import CleanedCorpus

TOKENIZER_VERSION = "4"
# No sentence starts with a particle, an ending, a derivational suffix or the copula.
_CANNOT_START = ("J", "E", "XS", "VCP")
# Headlines are one unit each, whatever punctuation they carry.
HEADLINE_ROLES = ("title", "subhead")
SENTENCE_COLUMNS = ["file", "doc_id", "outlet", "para", "role", "sent_id", "sent_no", "position", "text"]
TOKEN_COLUMNS = ["file", "doc_id", "sent_id", "form", "tag", "norm", "start", "end", "gloss"]
# Predicates are counted by their lemma (dictionary form).
LEMMA_TAGS = frozenset({"VV", "VA", "VX", "VCN", "VCP", "XSV", "XSA"})
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
    hints = re.compile("|".join(re.escape(word) for word in first_words), re.IGNORECASE)
    return variant_pattern(variants), lookup, hints


# Kiwi marks irregular conjugations with a suffix (VV-R, VA-I): still predicates.
_LEMMA_TAGS_WITH_VARIANTS = LEMMA_TAGS | {f"{tag}-{suffix}" for tag in LEMMA_TAGS for suffix in "RI"}


def _raw_token(token, offset: int) -> tuple[str, str, int, int, str]:
    """(form, tag, start, end, lemma) of a Kiwi token, offsets relative to ``offset``.

    The lemma is only asked for where it is used (predicates): building it is
    the costliest attribute of a Kiwi token.
    """
    tag = token.tag
    lemma = token.lemma if tag in _LEMMA_TAGS_WITH_VARIANTS else ""
    return token.form, tag, token.start - offset, token.end - offset, lemma


def _token_norm(form: str, tag: str, lemma: str) -> str:
    return lemma if tag in _LEMMA_TAGS_WITH_VARIANTS and lemma else form


def normalize_tokens(
    text: str,
    tokens: Iterable[tuple[str, str, int, int, str]],
    *,
    pattern: re.Pattern,
    lookup: dict[str, tuple[str, str]],
    hints: re.Pattern | None = None,
) -> list[tuple[str, str, str, int, int]]:
    """Merge the pieces of every spelling variant into one normalized token.

    Parameters
    ----------
    text : str
        The sentence.
    tokens : iterable of (form, tag, start, end, lemma)
        Kiwi's tokens with offsets into ``text``.
    pattern, lookup
        From the variant table (see :func:`variant_pattern`).
    hints : re.Pattern, optional
        Matches (case-insensitively) a substring that every variant starts
        with; the full pattern is not run on sentences without one.

    Returns
    -------
    list of (form, tag, norm, start, end)
        One tuple per token. ``form`` is Kiwi's morpheme (``뒤흔든`` →
        ``뒤흔들`` + ``ᆫ``, so it can differ from the text slice); a merged
        variant's ``form`` is the text slice it covers.

    Examples
    --------
    >>> config = TokenizerConfig()
    >>> pattern, lookup, _ = _normalizer(config)
    >>> [t[2] for t in normalize_tokens("딥 시크가", [("딥", "NNG", 0, 1, "딥"),
    ...     ("시크", "NNP", 2, 4, "시크"), ("가", "JKS", 4, 5, "가")], pattern=pattern, lookup=lookup)]
    ['딥시크', '가']
    """
    if hints is not None and hints.search(text) is None:
        return [(form, tag, _token_norm(form, tag, lemma), start, end) for form, tag, start, end, lemma in tokens]
    matches = []
    for match in pattern.finditer(text):
        canonical, tag = lookup[re.sub(r"\s+", "", match.group(0)).lower()]
        matches.append((match.start(), match.end(), canonical, tag))
    out: list[tuple[str, str, str, int, int]] = []
    emitted: set[int] = set()
    first = 0  # matches are in text order: skip those that end before the token
    for form, tag, start, end, lemma in tokens:
        while first < len(matches) and matches[first][1] <= start:
            first += 1
        overlapping = []
        for i in range(first, len(matches)):
            if matches[i][0] >= end:
                break
            overlapping.append(i)
        if not overlapping:
            out.append((form, tag, _token_norm(form, tag, lemma), start, end))
            continue
        cursor = start
        for i in overlapping:
            ms, me, canonical, variant_tag = matches[i]
            if ms > cursor:  # a piece of the token before the variant (glued text)
                piece = text[cursor:ms]
                out.append((piece, tag, piece, cursor, ms))
            if i not in emitted:
                out.append((text[ms:me], variant_tag, canonical, ms, me))
                emitted.add(i)
            cursor = max(cursor, me)
        if cursor < end:  # the rest of the token after the variant
            piece = text[cursor:end]
            out.append((piece, tag, piece, cursor, end))
    return out


def mark_glosses(text: str, tokens: list[tuple[str, str, str, int, int]]) -> list[bool]:
    """Flag tokens of a bracketed gloss right after a term.

    A gloss is a ``(...)`` that touches the preceding word (no space) and
    holds Latin or Chinese characters but no Hangul: ``딥시크(DeepSeek)``,
    ``량원펑(梁文峰)``, ``인공지능(AI)``; not ``량원펑(40)`` (an age) nor
    ``대통령(왼쪽)``. ``tokens`` are ``(form, tag, norm, start, end)``.
    """
    flags = [False] * len(tokens)
    if "(" not in text:
        return flags
    for index, (form, _, _, start, end) in enumerate(tokens):
        if form != "(" or index == 0 or tokens[index - 1][4] != start:
            continue
        close = next((j for j in range(index + 1, len(tokens)) if tokens[j][0] == ")"), None)
        if close is None:
            continue
        inside = text[end : tokens[close][3]]
        if _HAS_LATIN_OR_HAN.search(inside) and not _HAS_HANGUL.search(inside):
            for j in range(index, close + 1):
                flags[j] = True
    return flags


def repair_sentence_bounds(
    sentences: list[tuple[int, int, list]],
) -> list[tuple[int, int, list]]:
    """Move a sentence boundary that Kiwi put after a particle's noun.

    Kiwi occasionally ends a sentence after a quoted name or a closing quote
    and starts the next with its particle or copula (``... 'MIT 테크놀로지
    리뷰'`` | ``는 "R1은 ..."``; ``“... 것”`` | ``이라는 ...``). When a sentence
    starts with a particle, an ending, a suffix or the copula, the boundary moves back to
    the last sentence-final punctuation of the previous sentence (or the two
    are merged when there is none).

    Parameters
    ----------
    sentences : list of (start, end, tokens)
        Kiwi sentences of one paragraph; ``tokens`` are Kiwi tokens with
        paragraph offsets (``.tag``, ``.start``, ``.end``).
    """
    repaired: list[tuple[int, int, list]] = []
    for start, end, tokens in sentences:
        if repaired and tokens and tokens[0].tag.startswith(_CANNOT_START):
            previous_start, _, previous_tokens = repaired.pop()
            cut = max(
                (i for i, t in enumerate(previous_tokens[:-1]) if t.tag == "SF"), default=None
            )
            if cut is None:
                repaired.append((previous_start, end, previous_tokens + tokens))
                continue
            head, tail = previous_tokens[: cut + 1], previous_tokens[cut + 1 :]
            repaired.append((previous_start, head[-1].end, head))
            repaired.append((tail[0].start, end, tail + tokens))
            continue
        repaired.append((start, end, tokens))
    return repaired


def _analyse(
    texts: Sequence[str], config: TokenizerConfig, *, whole: Sequence[bool] | None = None
) -> list[list[tuple[str, int, tuple[list, ...]]]]:
    """Sentences (text, start offset, token columns) of each text, one Kiwi batch.

    Texts flagged in ``whole`` (headlines) stay one unit: Kiwi would split
    ``미중 AI 경쟁... 韓 탈출구는`` at the ellipsis.
    """
    kiwi = configured_kiwi(config)
    pattern, lookup, hints = _normalizer(config)
    whole = whole if whole is not None else [False] * len(texts)
    results = []
    batches = kiwi.split_into_sents(list(texts), return_tokens=True)
    for text, kiwi_sentences, keep_whole in zip(texts, batches, whole):
        bounds = repair_sentence_bounds(
            [(sentence.start, sentence.end, list(sentence.tokens)) for sentence in kiwi_sentences]
        )
        if keep_whole and len(bounds) > 1:
            bounds = [(bounds[0][0], bounds[-1][1], [t for _, _, ts in bounds for t in ts])]
        analysed = []
        for start, end, kiwi_tokens in bounds:
            sentence_text = text[start:end]
            analysed.append((sentence_text, start, _sentence_columns(
                sentence_text, kiwi_tokens, start, pattern=pattern, lookup=lookup, hints=hints
            )))
        _check_nothing_lost(text, analysed)
        results.append(analysed)
    return results


def _sentence_columns(
    text: str, kiwi_tokens: list, offset: int, *, pattern: re.Pattern, lookup: dict, hints: re.Pattern
) -> tuple[list, list, list, list, list, list]:
    """Columns ``form, tag, norm, start, end, gloss`` of one sentence's tokens.

    Most sentences hold no spelling variant and no bracket: their columns are
    built directly from Kiwi's tokens, list by list, which keeps the Python
    work per token small (it runs beside Kiwi's worker threads). The others
    go through :func:`normalize_tokens` and :func:`mark_glosses`.
    """
    if "(" not in text and hints.search(text) is None:
        forms = [t.form for t in kiwi_tokens]
        tags = [t.tag for t in kiwi_tokens]
        norms = [
            t.lemma if tag in _LEMMA_TAGS_WITH_VARIANTS else form
            for t, tag, form in zip(kiwi_tokens, tags, forms)
        ]
        starts = [t.start - offset for t in kiwi_tokens]
        ends = [t.end - offset for t in kiwi_tokens]
        return forms, tags, norms, starts, ends, [False] * len(forms)
    raw = [_raw_token(t, offset) for t in kiwi_tokens]
    tokens = normalize_tokens(text, raw, pattern=pattern, lookup=lookup, hints=hints)
    glosses = mark_glosses(text, tokens)
    if not tokens:
        return [], [], [], [], [], []
    forms, tags, norms, starts, ends = (list(column) for column in zip(*tokens))
    return forms, tags, norms, starts, ends, glosses


def _check_nothing_lost(text: str, analysed: list[tuple[str, int, tuple[list, ...]]]) -> None:
    """Sentences must cover every non-space character of the paragraph."""
    covered = "".join(sentence for sentence, _, _ in analysed)
    if "".join(covered.split()) != "".join(text.split()):
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
    sentence_rows = []
    columns: dict[str, list] = {name: [] for name in TOKEN_COLUMNS}
    counters: dict[str, int] = {}
    for paragraph, sentences in zip(paragraphs.itertuples(index=False), analysed):
        for text, _, sentence_columns in sentences:
            number = counters.get(paragraph.doc_id, 0) + 1
            counters[paragraph.doc_id] = number
            sent_id = f"{paragraph.doc_id}-{number:03d}"
            sentence_rows.append(
                [paragraph.file, paragraph.doc_id, paragraph.outlet, paragraph.para,
                 paragraph.role, sent_id, number, 0.0, text]
            )
            size = len(sentence_columns[0])
            columns["file"].extend([paragraph.file] * size)
            columns["doc_id"].extend([paragraph.doc_id] * size)
            columns["sent_id"].extend([sent_id] * size)
            for name, values in zip(TOKEN_COLUMNS[3:], sentence_columns):
                columns[name].extend(values)
    sentences = pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS)
    counts = sentences["doc_id"].map(counters)
    sentences["position"] = ((sentences["sent_no"] - 1) / (counts - 1).where(counts > 1, 1)).round(4)
    tokens = pd.DataFrame(columns, columns=TOKEN_COLUMNS)
    return Tokenized(sentences=sentences, tokens=tokens)


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
    sentence_rows, token_rows = [], []
    width = max(3, len(str(len(texts))))
    for number, (text, raw_tokens) in enumerate(zip(texts, kiwi.tokenize(list(texts))), start=1):
        sent_id = f"{doc_id}-{number:0{width}d}"
        raw = [_raw_token(t, 0) for t in raw_tokens]
        tokens = normalize_tokens(text, raw, pattern=pattern, lookup=lookup, hints=hints)
        glosses = mark_glosses(text, tokens)
        sentence_rows.append(["", doc_id, "", number, "body", sent_id, number,
                              round((number - 1) / max(len(texts) - 1, 1), 4), text])
        token_rows.extend(("", doc_id, sent_id, *t, gloss) for t, gloss in zip(tokens, glosses))
    return Tokenized(
        sentences=pd.DataFrame(sentence_rows, columns=SENTENCE_COLUMNS),
        tokens=pd.DataFrame(token_rows, columns=TOKEN_COLUMNS),
    )
