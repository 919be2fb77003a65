"""One per-sentence token view, built once per run and shared by every coder.

:func:`sentence_views` reads the ``sentences`` and ``tokens`` tables of
:mod:`analysis.tokenize` once and gives one :class:`SentenceView` per
sentence, in the order of the sentence table: the token columns as lists in
text order, and, built on first use and then kept, the tokens as
:class:`Tok` tuples (base tags, lemmas, bracketed glosses left out), the
clause of every token and the spans of double quotations. Frames, tone,
stance and voices all read the same views, so the token table is grouped
once, not once per coder.
"""

from __future__ import annotations

from functools import cached_property
from typing import NamedTuple, Sequence

import numpy as np
import pandas as pd

from analysis import grammar
from analysis.tokenize import require_columns

SENTENCE_COLUMNS = ("sent_id", "text")
TOKEN_COLUMNS = ("sent_id", "form", "tag", "norm", "start", "end")


# tag → base tag; Kiwi's tag set is small, so this stays small
_BASE_TAGS: dict[str, str] = {}


class Tok(NamedTuple):
    """A token as the coders read it: base tag (``VA-I`` → ``VA``) and lemma (see :func:`analysis.grammar.lemma`)."""

    form: str
    tag: str
    norm: str
    start: int
    end: int


def make_tok(form: object, tag: object, norm: object, start: object, end: object) -> Tok:
    """A :class:`Tok` from the columns of one token row."""
    form, tag = str(form), str(tag)
    return Tok(form, grammar.base_tag(tag), grammar.lemma(form, tag, norm), int(start), int(end))


class SentenceView:
    """The tokens of one sentence, in text order (by start, then end, then table order).

    Attributes
    ----------
    sent_id, text : str
    forms, tags, norms : list of str
        Every token, bracketed glosses included, with Kiwi's tags and norms as
        in the token table (``raw_norms``: the norm values themselves).
    starts, ends : list of int
        Character offsets into ``text``.
    glosses : list of bool
        Whether each token belongs to a bracketed gloss.
    """

    def __init__(self, sent_id, text: str, forms: list, tags: list, raw_norms: list, starts: list,
                 ends: list, glosses: list):
        self.sent_id = sent_id
        self.text = text
        self.forms, self.tags, self.raw_norms = forms, tags, raw_norms
        self.norms = [str(v) for v in raw_norms]
        self.starts, self.ends, self.glosses = starts, ends, glosses

    @cached_property
    def toks(self) -> list[Tok]:
        """The tokens without bracketed glosses, as :class:`Tok`."""
        toks = []
        for form, tag, norm, start, end, gloss in zip(
            self.forms, self.tags, self.raw_norms, self.starts, self.ends, self.glosses
        ):
            if gloss:
                continue
            base = _BASE_TAGS.get(tag)
            if base is None:
                base = _BASE_TAGS[tag] = grammar.base_tag(tag)
            if base in grammar.LEMMA_TAGS:
                lemma = grammar.lemma(form, tag, norm)
            else:
                lemma = norm if isinstance(norm, str) and norm else form
            toks.append(Tok(form, base, lemma, start, end))
        return toks

    @cached_property
    def clauses(self) -> list[int]:
        """Clause number of every token of :attr:`toks` (see :func:`split_clauses`)."""
        return split_clauses(self.toks)

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Character spans inside double quotation marks."""
        return grammar.quote_spans(self.text)


def sentence_views(sentences: pd.DataFrame, tokens: pd.DataFrame) -> list[SentenceView]:
    """One :class:`SentenceView` per row of ``sentences``, in that order.

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``sent_id, text`` (unique ``sent_id``).
    tokens : pandas.DataFrame
        ``sent_id, form, tag, norm, start, end`` and optionally ``gloss``.

    Raises
    ------
    ValueError
        Repeated sentence ids, tokens of sentences that are not in the table,
        or no token belonging to any sentence.
    """
    require_columns(sentences, SENTENCE_COLUMNS, "sentences")
    require_columns(tokens, TOKEN_COLUMNS, "tokens")
    sent_ids = sentences["sent_id"].tolist()
    if sentences["sent_id"].duplicated().any():
        duplicated = sentences.loc[sentences["sent_id"].duplicated(), "sent_id"].tolist()[:5]
        raise ValueError(f"sentences: sent_id must be unique; repeated: {duplicated}.")
    codes, uniques = pd.factorize(tokens["sent_id"], sort=False)
    known = set(sent_ids)
    unknown = [s for s in uniques.tolist() if s not in known]
    if unknown:
        raise ValueError(f"tokens refer to sent_id(s) not in sentences, e.g. {sorted(map(str, unknown))[:3]}")
    starts = tokens["start"].to_numpy(dtype=np.int64)
    ends = tokens["end"].to_numpy(dtype=np.int64)
    order = np.lexsort((ends, starts, codes))  # stable: ties keep table order
    sorted_codes = codes[order]
    bounds = np.flatnonzero(np.diff(sorted_codes)) + 1
    lows = np.concatenate([[0], bounds]).tolist() if len(order) else []
    highs = np.concatenate([bounds, [len(order)]]).tolist() if len(order) else []
    span_of = {uniques[sorted_codes[lo]]: (lo, hi) for lo, hi in zip(lows, highs)}
    forms = [str(v) for v in tokens["form"].to_numpy(dtype=object)[order]]
    tags = [str(v) for v in tokens["tag"].to_numpy(dtype=object)[order]]
    raw_norms = tokens["norm"].to_numpy(dtype=object)[order].tolist()
    starts_sorted = starts[order].tolist()
    ends_sorted = ends[order].tolist()
    if "gloss" in tokens.columns:
        glosses = tokens["gloss"].fillna(False).astype(bool).to_numpy()[order].tolist()
    else:
        glosses = [False] * len(order)
    views = []
    for sent_id, text in zip(sent_ids, sentences["text"].tolist()):
        lo, hi = span_of.get(sent_id, (0, 0))
        view = SentenceView(
            sent_id, "" if text is None or (isinstance(text, float) and np.isnan(text)) else str(text),
            forms[lo:hi], tags[lo:hi], raw_norms[lo:hi], starts_sorted[lo:hi], ends_sorted[lo:hi],
            glosses[lo:hi],
        )
        views.append(view)
    if sent_ids and not span_of:
        raise ValueError(
            "no token belongs to any of the sentences (sent_id values do not match): pass the "
            "tokens produced together with these sentences."
        )
    return views


def as_toks(tokens: Sequence[Tok] | pd.DataFrame) -> list[Tok]:
    """The :class:`Tok` of one sentence given as a token table (glosses left out) or as tokens."""
    if isinstance(tokens, pd.DataFrame):
        table = tokens
        if "gloss" in table.columns:
            table = table.loc[~table["gloss"].fillna(False).astype(bool)]
        return [
            make_tok(*row)
            for row in zip(table["form"], table["tag"], table["norm"], table["start"], table["end"])
        ]
    return list(tokens)


def skip_tags(toks: Sequence[Tok], k: int, prefixes: tuple[str, ...]) -> int:
    """The first index from ``k`` whose tag does not start with one of ``prefixes``."""
    while k < len(toks) and toks[k].tag.startswith(prefixes):
        k += 1
    return k


def split_clauses(tokens: Sequence[Tok] | pd.DataFrame) -> list[int]:
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
    tokens = as_toks(tokens)
    clause, clauses, fresh = 0, [], True
    n = len(tokens)
    for i, tok in enumerate(tokens):
        tag = tok.tag
        starts_new = (
            tag == "MAJ"
            or (tok.form in grammar.CONTRAST_NOUNS and tag.startswith("NN"))
            or (tag == "SSO" and tok.form in grammar.DOUBLE_QUOTE_MARKS)
        )
        if starts_new and not fresh:
            clause += 1
        clauses.append(clause)
        fresh = False
        if tag in {"SF", "SC"} or (tag == "SP" and tok.form in {",", ";", ":"}):
            ends_here = True
        elif tag == "SSC" and tok.form in grammar.DOUBLE_QUOTE_MARKS:
            ends_here = True
        elif tag == "EC" and tok.form in grammar.CLAUSE_ENDINGS:
            after = skip_tags(tokens, i + 1, ("JX",))
            ends_here = not (after < n and tokens[after].tag == "VX")
        else:
            ends_here = tag == "JKQ"
        if ends_here and i + 1 < n:
            clause += 1
            fresh = True
    return clauses
