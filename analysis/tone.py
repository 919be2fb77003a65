"""Sentence tone from the polarity lexicon, with negation and intensifiers.

:func:`score_tone` takes the ``sentences`` and ``tokens`` tables of
:mod:`analysis.tokenize` and gives one row per sentence: ``polarity`` (sum of
the scored lexicon words), ``tone`` (-1/0/+1 by two thresholds) and
``tone_evidence``. :func:`scored_words` finds the scored words of one
sentence view; the stance coder (:mod:`analysis.stance`) gives the same
words to targets.

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
    (``매우`` 1.5, ``크게`` 1.5, ``다소`` 0.5 ...), matched on the written word
    because the ending decides the role (``심각하게``, ``큰``). After a noun, a
    predicate of size amplifies it (``우려가 커지다``). The combined factor is
    capped at 2.
Tone
    ``polarity`` is the sum of the word scores; ``tone`` is +1 when
    ``polarity >= upper``, -1 when ``polarity <= lower``, else 0 (neutral or
    mixed). Default thresholds ``(-0.5, 0.5)``: one plain evaluative word
    decides, a diminished word (0.5) still counts, and a positive and a
    negative word of equal weight cancel.

The word lists of these rules (negators, intensifiers, the predicates the
stance coder treats specially) are an instrument: ``analysis/data/tone_rules.yaml``,
read by :func:`load_tone_rules` and swappable like the lexicon.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, Sequence

import pandas as pd
import yaml

from analysis import grammar, paths
from analysis.lexicon import LexiconEntry, LexiconIndex, as_lexicon, index_lexicon
from analysis.sentences import SentenceView, Tok, sentence_views, skip_tags, split_clauses

DEFAULT_THRESHOLDS = (-0.5, 0.5)
MAX_FACTOR = 2.0
MIN_FACTOR = 0.25

TONE_RULES_FILE = "tone_rules.yaml"
NEGATOR_KINDS = ("adverbs", "auxiliaries", "shifters")
WORD_LISTS = ("reversing_predicates", "object_predicates", "support_verbs")


class ToneRulesError(ValueError):
    """A tone rules file that cannot be used (the message names the file and the entry)."""


@dataclass(frozen=True)
class ToneRules:
    """The word lists of the tone and stance rules (see :func:`load_tone_rules`).

    Attributes
    ----------
    source : str
        Where the lists were read from.
    pre_negators, auxiliaries, shifters : frozenset of str
        The three kinds of negators.
    intensifiers : mapping
        Written word → factor, for words right before a scored word.
    post_intensifiers : mapping
        Lemma → factor, for predicates after a scored noun.
    reversing, object_predicates, support_verbs : frozenset of str
        Predicates the stance coder treats specially.
    """

    source: str
    pre_negators: frozenset[str]
    auxiliaries: frozenset[str]
    shifters: frozenset[str]
    intensifiers: Mapping[str, float]
    post_intensifiers: Mapping[str, float]
    reversing: frozenset[str] = frozenset()
    object_predicates: frozenset[str] = frozenset()
    support_verbs: frozenset[str] = frozenset()


def _words_of(value: object, where: str, path: Path) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
        raise ToneRulesError(f"{path}: {where} must be a list of words.")
    return frozenset(unicodedata.normalize("NFC", w.strip()) for w in value)


def _factors_of(value: object, where: str, path: Path) -> dict[str, float]:
    if not isinstance(value, dict):
        raise ToneRulesError(f"{path}: {where} must map words to factors.")
    factors = {}
    for word, factor in value.items():
        if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not factor > 0:
            raise ToneRulesError(f"{path}: {where}.{word}: factor {factor!r} is not a positive number.")
        factors[unicodedata.normalize("NFC", str(word))] = float(factor)
    return factors


def load_tone_rules(path: str | Path | None = None) -> ToneRules:
    """Read the tone rule word lists (default ``analysis/data/tone_rules.yaml``).

    The file has ``negators`` (``adverbs``, ``auxiliaries``, ``shifters``: word
    lists), ``intensifiers`` and ``post_intensifiers`` (word → positive
    factor), and the stance lists ``reversing_predicates``,
    ``object_predicates`` and ``support_verbs`` (optional, default empty).

    Raises
    ------
    ToneRulesError
        Missing file or section, an unknown key, a list that is not words, a
        factor that is not a positive number — naming the file and entry.

    Examples
    --------
    >>> rules = load_tone_rules()
    >>> rules.intensifiers["매우"], "없다" in rules.shifters
    (1.5, True)
    """
    path = Path(path) if path is not None else paths.package_data(TONE_RULES_FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ToneRulesError(f"{path}: tone rules file not found.") from None
    except yaml.YAMLError as error:
        raise ToneRulesError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise ToneRulesError(f"{path}: expected a mapping with negators, intensifiers, post_intensifiers.")
    unknown = sorted(set(data) - {"negators", "intensifiers", "post_intensifiers", *WORD_LISTS})
    if unknown:
        raise ToneRulesError(f"{path}: unknown section(s) {unknown}.")
    missing = [key for key in ("negators", "intensifiers", "post_intensifiers") if key not in data]
    if missing:
        raise ToneRulesError(f"{path}: missing section(s) {missing}.")
    negators = data["negators"]
    if not isinstance(negators, dict) or set(negators) - set(NEGATOR_KINDS):
        raise ToneRulesError(f"{path}: negators must have only the keys {', '.join(NEGATOR_KINDS)}.")
    kinds = {kind: _words_of(negators.get(kind, []), f"negators.{kind}", path) for kind in NEGATOR_KINDS}
    lists = {key: _words_of(data.get(key) or [], key, path) for key in WORD_LISTS}
    return ToneRules(
        source=str(path),
        pre_negators=kinds["adverbs"], auxiliaries=kinds["auxiliaries"], shifters=kinds["shifters"],
        intensifiers=MappingProxyType(_factors_of(data["intensifiers"], "intensifiers", path)),
        post_intensifiers=MappingProxyType(_factors_of(data["post_intensifiers"], "post_intensifiers", path)),
        reversing=lists["reversing_predicates"], object_predicates=lists["object_predicates"],
        support_verbs=lists["support_verbs"],
    )


@lru_cache(maxsize=1)
def default_tone_rules() -> ToneRules:
    """The study's tone rules, read once."""
    return load_tone_rules()


def as_tone_rules(rules: ToneRules | str | Path | None) -> ToneRules:
    """Tone rules from an object, a path, or the study default (``None``)."""
    if rules is None:
        return default_tone_rules()
    if isinstance(rules, ToneRules):
        return rules
    return load_tone_rules(rules)


@dataclass(frozen=True)
class _Unit:
    keys: tuple[str, ...]
    first: int
    last: int
    kind: str  # "noun", "pred" or "adverb"
    pre_negator: str | None = None


@dataclass
class ScoredWord:
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



def _adjacent(left: Tok, right: Tok) -> bool:
    """No space between two morphemes (they belong to one written word)."""
    return right.start <= left.end


def _build_units(toks: Sequence[Tok], pre_negators: frozenset[str]) -> list[_Unit]:
    """Content units: nouns with their derivational suffix, predicates, adverbs."""
    units: list[_Unit] = []
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        if tok.tag in grammar.NOUN_TAGS:
            stem, last, kind, pre = tok.norm, i, "noun", None
            keys: list[str] = [stem]
            j = i + 1
            if j < n and toks[j].tag == "XSN" and toks[j].form == "적" and _adjacent(toks[i], toks[j]):
                keys.insert(0, stem + "적")
                last, j = j, j + 1
            elif (
                j < n
                and toks[j].form in grammar.PREDICATE_SUFFIXES
                and toks[j].tag in grammar.LIGHT_VERB_TAGS
                and _adjacent(toks[j - 1], toks[j])
            ):
                keys.insert(0, stem + toks[j].form + "다")
                last, kind, j = j, "pred", j + 1
            elif (
                j + 1 < n
                and toks[j].tag == "MAG"
                and toks[j].form in pre_negators
                and toks[j + 1].form in {"하", "되"}
                and toks[j + 1].tag in grammar.LIGHT_VERB_TAGS
            ):
                keys.insert(0, stem + toks[j + 1].form + "다")
                last, kind, pre, j = j + 1, "pred", toks[j].form, j + 2
            if kind == "noun" and j < n and toks[j].tag == "VCP" and _adjacent(toks[j - 1], toks[j]):
                last, kind = j, "pred"  # copular predicate: 위협적이다, 혁신적이지 않다
            units.append(_Unit(tuple(keys), i, last, kind, pre))
            i = last + 1
            continue
        if tok.tag in grammar.PREDICATE_TAGS:
            units.append(_Unit((tok.norm,), i, i, "pred"))
        elif tok.tag in grammar.ADVERB_TAGS and tok.form not in pre_negators:
            units.append(_Unit((tok.form,), i, i, "adverb"))
        i += 1
    return units


def _lookup(unit: _Unit, index: LexiconIndex) -> LexiconEntry | None:
    for key in unit.keys:
        for table in (index.single, index.stems):
            entry = table.get(key)
            if entry is not None and not (entry.adverb_only and unit.kind != "adverb"):
                return entry
    return None


def _match_units(units: Sequence[_Unit], index: LexiconIndex) -> list[tuple[LexiconEntry, int, int]]:
    """(entry, first unit, last unit) for every lexicon match, idioms first."""
    matches: list[tuple[LexiconEntry, int, int]] = []
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


def _predicate_negations(toks: Sequence[Tok], k: int, rules: ToneRules, hit: ScoredWord) -> None:
    """Negations after a predicate ending at token ``k - 1`` (-지 않다, -ㄹ 수 없다 ...)."""
    n = len(toks)
    while k < n:
        tok = toks[k]
        if tok.tag == "EP":
            k += 1
            continue
        if tok.tag == "EC" and tok.form == "지":
            m = skip_tags(toks, k + 1, ("JX",))
            if m < n and toks[m].tag in grammar.PREDICATE_STEM_TAGS and toks[m].norm in rules.auxiliaries:
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
            m = skip_tags(toks, k + 2, ("J",))
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
            m = skip_tags(toks, k + 1, ("J",))
            if m < n and toks[m].norm in {"어렵다", "힘들다"}:
                hit.negations.append(f"기 {toks[m].norm}")
                hit.consumed.add(m)
                k = m + 1
                continue
        return


def _noun_modifiers(
    toks: Sequence[Tok], hit: ScoredWord, units_at: Mapping[int, _Unit], rules: ToneRules
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
    m = skip_tags(toks, k, ("J",))
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
    if pre and toks[m].form in {"하", "되"} and toks[m].tag in grammar.LIGHT_VERB_TAGS:
        hit.negations.append(pre)  # 성공을 못 했다
        _predicate_negations(toks, m + 1, rules, hit)


def _words(text: str) -> list[tuple[int, int, str]]:
    """Written words (eojeol) with offsets and the surface stripped of punctuation."""
    return [(m.start(), m.end(), m.group().strip(grammar.WORD_STRIP)) for m in re.finditer(r"\S+", text)]


def _word_index(words: Sequence[tuple[int, int, str]], offset: int) -> int:
    for index, (start, end, _) in enumerate(words):
        if start <= offset < end:
            return index
    return -1


def _pre_intensifiers(
    text: str, toks: Sequence[Tok], hit: ScoredWord, clauses: Sequence[int], rules: ToneRules,
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


def scored_words(
    text: str, toks: Sequence[Tok], index: LexiconIndex, rules: ToneRules, clauses: Sequence[int]
) -> list[ScoredWord]:
    """Scored lexicon hits of one sentence, modifiers and negations applied."""
    units = _build_units(toks, rules.pre_negators)
    units_at = {unit.first: unit for unit in units}
    words = _words(text)
    hits: list[ScoredWord] = []
    for entry, u_first, u_last in _match_units(units, index):
        first_unit, last_unit = units[u_first], units[u_last]
        hit = ScoredWord(entry.term, entry.polarity, first_unit.first, last_unit.last, last_unit.kind)
        if last_unit.pre_negator:
            hit.negations.append(last_unit.pre_negator)
        elif (
            last_unit.kind == "pred"
            and toks[last_unit.first].tag in grammar.PREDICATE_TAGS
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



def check_thresholds(thresholds: tuple[float, float]) -> tuple[float, float]:
    lower, upper = (float(x) for x in thresholds)
    if not lower <= 0 <= upper or lower == upper:
        raise ValueError(f"thresholds must be (lower <= 0 <= upper) with lower < upper; got {thresholds}.")
    return lower, upper


def classify(value: float, lower: float, upper: float) -> int:
    if value >= upper:
        return 1
    if value <= lower:
        return -1
    return 0


def tone_row(
    view: SentenceView, words: Sequence[ScoredWord], lower: float, upper: float
) -> tuple[float, int, str]:
    """``(polarity, tone, tone_evidence)`` of one sentence from its scored words."""
    polarity = round(sum(word.score for word in words), 4) + 0.0
    return polarity, classify(polarity, lower, upper), "; ".join(word.describe() for word in words)


def view_scored_words(view: SentenceView, index: LexiconIndex, rules: ToneRules) -> list[ScoredWord]:
    """The scored words of one sentence view (none for a sentence without tokens)."""
    toks = view.toks
    return scored_words(view.text, toks, index, rules, view.clauses) if toks else []


def score_tone(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    lexicon: pd.DataFrame | str | Path | None = None,
    rules: ToneRules | str | Path | None = None,
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
        From :func:`analysis.lexicon.load_lexicon`, or a file path; default the study lexicon.
    rules : ToneRules or path, optional
        Negators and intensifiers (default ``analysis/data/tone_rules.yaml``,
        see :func:`load_tone_rules`).
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
    lower, upper = check_thresholds(thresholds)
    index = index_lexicon(as_lexicon(lexicon))
    rules = as_tone_rules(rules)
    rows = [
        (view.sent_id, *tone_row(view, view_scored_words(view, index, rules), lower, upper))
        for view in sentence_views(sentences, tokens)
    ]
    table = pd.DataFrame(rows, columns=["sent_id", "polarity", "tone", "tone_evidence"])
    table["polarity"] = table["polarity"].astype(float)
    table["tone"] = table["tone"].astype("Int64")
    return table
