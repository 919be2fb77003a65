"""Stance toward each target of the targets file, from the scored words of a sentence.

:func:`score_stance` gives one row per sentence: a ``stance_<target>`` column
per target of the targets file (-1/0/+1, ``<NA>`` when the target is not
mentioned) and ``stance_evidence``. The scored words are those of the tone
coder (:func:`analysis.tone.scored_words`); this module decides which target
each word evaluates. The full rule set with examples and known weaknesses is
in ``docs/lexicon.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

from analysis import grammar
from analysis.sentences import SentenceView, Tok, sentence_views
from analysis.targets import Mention, StanceTargets, as_targets, find_mentions, np_role
from analysis.tone import (
    DEFAULT_THRESHOLDS,
    LexiconIndex,
    ScoredWord,
    ToneRules,
    as_lexicon,
    as_tone_rules,
    check_thresholds,
    classify,
    index_lexicon,
    view_scored_words,
)

def _predicate_like(toks: Sequence[Tok], hit: ScoredWord, support_verbs: frozenset[str]) -> bool:
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
        if m < n and toks[m].tag in _PREDICATE_OR_NEGATIVE_COPULA_TAGS:
            if toks[k].tag == "JKC" and toks[m].norm in {"되다", "아니다"}:
                return True
            if toks[k].tag == "JKO" and toks[m].norm in support_verbs:
                return True
    return False


# 위협이 되다, 위협이 아니다, 성과를 내다: the predicate after a complement or an object
_PREDICATE_OR_NEGATIVE_COPULA_TAGS = grammar.PREDICATE_TAGS | {"VCN"}
# what may stand between a genitive and the noun it owns: nouns, adnominal predicates and adverbs
_MODIFIER_TAGS = (grammar.NOMINAL_TAGS | grammar.PREDICATE_TAGS | grammar.PREDICATE_SUFFIX_TAGS
                  | {"ETM", "EP", "MAG", "VCP"})


def _genitive_owner(toks: Sequence[Tok], position: int, mentions: Sequence[Mention]) -> list[Mention]:
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


def _after_quotative(toks: Sequence[Tok], hit: ScoredWord) -> bool:
    k = hit.first - 1
    if k < 0:
        return False
    tok = toks[k]
    return tok.tag == "JKQ" or (tok.tag == "EC" and tok.form in grammar.QUOTATIVE_ENDINGS)


def _closest_subjects(mentions: Sequence[Mention]) -> list[Mention]:
    """Subject (은/는/이/가) mentions of the closest subject noun phrase."""
    subjects = [m for m in mentions if m.role in {"subject", "bare"}]
    if not subjects:
        return []
    np_end = max(subjects, key=lambda m: m.first).np_end
    return [m for m in subjects if m.np_end == np_end]


def _owner(toks: Sequence[Tok], hit: ScoredWord, mentions: Sequence[Mention]) -> list[Mention]:
    """The target a noun belongs to: ``중국의 성과``, or a target in its noun phrase (``딥시크 위협``)."""
    inside = [m for m in mentions if m.first < hit.first and m.np_end > hit.last and m.role != "genitive"]
    if inside:
        return inside
    return _genitive_owner(toks, hit.first, mentions)


def _object_noun(toks: Sequence[Tok], hit: ScoredWord) -> bool:
    """An evaluative noun that is the object of a verb (혁신을 이뤘다): it describes the subject."""
    k = hit.last + 1
    return k + 1 < len(toks) and toks[k].tag == "JKO" and (
        toks[k + 1].tag in grammar.PREDICATE_TAGS or toks[k + 1].tag in grammar.NOUN_TAGS and k + 2 < len(toks)
        and toks[k + 2].tag in grammar.PREDICATE_SUFFIX_TAGS
    )


def _assign(
    toks: Sequence[Tok],
    hits: Sequence[ScoredWord],
    mentions: Sequence[Mention],
    clauses: Sequence[int],
    quoted: Sequence[bool],
    window: int | None,
    rules: ToneRules,
) -> list[tuple[ScoredWord, Mention, int]]:
    """(hit, mention, sign) pairs: which target each scored word evaluates (see score_stance)."""
    actors = [m for m in mentions if m.kind != "compound"]
    by_clause: dict[int, list[Mention]] = {}
    for mention in actors:
        by_clause.setdefault(clauses[mention.first], []).append(mention)
    pairs: list[tuple[ScoredWord, Mention, int]] = []
    for hit in hits:
        if hit.kind == "pred" and _after_quotative(toks, hit):
            continue  # a reporting verb evaluates the statement, not an actor
        clause = clauses[hit.last]
        local = by_clause.get(clause, [])
        if not local:
            pairs.extend((hit, m, 1) for m in _inherited_subjects(by_clause, clause, quoted, clauses))
            continue
        before = [m for m in local if m.first < hit.first]
        reverses = hit.term in rules.reversing
        head = _relative_head(toks, hit) if hit.kind == "pred" else None
        if head is not None:  # adnominal: 성공한 중국 기업, 미국이 실패한 이유, 혁신적인 방법
            start, end = head
            receivers = (
                [m for m in local if start <= m.first < end]
                or _genitive_owner(toks, start, local)
                or _closest_subjects(before)
            )
        elif hit.kind == "pred" and hit.term in rules.object_predicates:
            objects = [m for m in before if m.role == "object"]
            receivers = [m for m in objects if m.np_end == max(o.np_end for o in objects)] if objects else []
        elif hit.kind == "pred":
            eligible = [m for m in local if not (reverses and m.role in _REVERSED_ROLES)]
            receivers = _closest_subjects(before) or _nearest(eligible, hit.first, hit.last, window)
        else:
            receivers = _owner(toks, hit, local)
            if not receivers and (_predicate_like(toks, hit, rules.support_verbs) or _object_noun(toks, hit)):
                receivers = _closest_subjects(before)
            if not receivers:
                receivers = _nearest(local, hit.first, hit.last, window)
        pairs.extend((hit, m, 1) for m in receivers)
        if reverses:
            pairs.extend((hit, m, -1) for m in before if m.role in _REVERSED_ROLES and m not in receivers)
    return pairs


_REVERSED_ROLES = frozenset({"object", "comparative", "dative"})


def _relative_head(toks: Sequence[Tok], hit: ScoredWord) -> tuple[int, int] | None:
    """Token span of the noun phrase an adnominal predicate modifies, if any."""
    k = hit.last + 1
    while k < len(toks) and toks[k].tag == "EP":
        k += 1
    if k + 1 >= len(toks) or toks[k].tag != "ETM" or toks[k + 1].tag not in grammar.NOMINAL_TAGS:
        return None
    if toks[k].form.endswith(grammar.CONTENT_CLAUSE_ENDINGS):
        return None  # ...했다는 의혹: a content clause, its own subject is evaluated
    _, np_end = np_role(toks, k + 1)
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


def stance_row(
    view: SentenceView,
    spec: StanceTargets,
    words: Callable[[], Sequence[ScoredWord]],
    rules: ToneRules,
    *,
    window: int | None,
    lower: float,
    upper: float,
) -> tuple[list[object], str]:
    """Stance values (one per target of ``spec``, ``pd.NA`` when not mentioned) and evidence.

    ``words`` gives the sentence's scored words; it is called only when a
    target is mentioned.
    """
    toks = view.toks
    text = view.text
    mentions = find_mentions(text, toks, spec) if toks else []
    targets = spec.targets
    if not mentions:
        return [pd.NA] * len(targets), ""
    present = {t for m in mentions for t in m.targets}
    scores: dict[str, dict[int, tuple[ScoredWord, Mention, int]]] = {t: {} for t in targets}
    clauses = view.clauses
    quotes = view.quotes
    quoted = [any(s <= tok.start < e for s, e in quotes) for tok in toks] if quotes else [False] * len(toks)
    for hit, mention, sign in _assign(toks, words(), mentions, clauses, quoted, window, rules):
        for target in mention.targets:
            scores[target].setdefault(id(hit), (hit, mention, sign))
    values: list[object] = []
    evidence = []
    for target in targets:
        if target not in present:
            values.append(pd.NA)
            continue
        assigned = sorted(scores[target].values(), key=lambda item: item[0].first)
        total = round(sum(sign * hit.score for hit, _, sign in assigned), 4)
        values.append(classify(total, lower, upper))
        if assigned:
            described = ", ".join(
                f"{m.alias}[{m.role}] ← {hit.describe()}" + (" (reversed)" if sign < 0 else "")
                for hit, m, sign in assigned
            )
            evidence.append(f"{target}: {described}")
        else:
            named = ", ".join(dict.fromkeys(m.alias for m in mentions if target in m.targets))
            evidence.append(f"{target}: {named} (no evaluative word)")
    return values, " | ".join(evidence)


def check_window(window: int | None) -> int | None:
    """``window`` if it is None or a positive integer, else a ``ValueError``."""
    if window is not None and (isinstance(window, bool) or not isinstance(window, int) or window < 1):
        raise ValueError(f"window must be a positive number of tokens or None; got {window!r}.")
    return window


def score_stance(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    targets: StanceTargets | str | Path | None = None,
    lexicon: pd.DataFrame | str | Path | None = None,
    rules: ToneRules | str | Path | None = None,
    window: int | None = None,
    thresholds: tuple[float, float] = DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """Stance of each sentence toward each target of the targets file.

    1. Targets are found by :func:`analysis.targets.find_mentions` (aliases in
       ``data/targets.yaml``); a target not mentioned gets ``<NA>``.
    2. The sentence is split into clauses (:func:`analysis.sentences.split_clauses`),
       so the words of ``미국은 실패했지만`` never reach ``중국은 성공했다``.
    3. Each scored word (as in :func:`analysis.tone.score_tone`) goes to
       targets in its clause: a predicate to the closest subject
       (``은/는/이/가``) before it; an adnominal predicate to the noun it
       modifies (``성공한 중국 기업``), that noun's owner, or the subject
       before it; a winning/losing predicate (``reversing_predicates`` of the
       tone rules) also gives the opposite sign to an object, ``보다`` or
       ``에`` target (``중국이 미국을 추월했다``); a predicate of
       ``object_predicates`` (``금지``, ``비판``) to its object only; a noun
       to the target whose phrase it is in or that owns it (``딥시크 위협``,
       ``중국의 성과``), to the subject when the noun is used as a predicate
       or object (``위협이 되다``, ``성과를 냈다`` with a ``support_verbs``
       verb), else to the nearest mention (``window`` tokens at most, if
       set). A clause with no target takes the subject of the previous
       clause (Korean drops a repeated subject), but never across a
       quotation mark. A reporting verb after a quotation (``...라고
       경고했다``) evaluates no target.
    4. Compounds (``미중``, ``한미``) mark both targets as mentioned but take
       no score: they name a relation, not an actor.
    5. The scores a target receives are summed and classified with
       ``thresholds`` as in :func:`analysis.tone.score_tone`; mentioned
       without scored words → 0.

    Parameters
    ----------
    sentences, tokens : pandas.DataFrame
        As for :func:`analysis.tone.score_tone`.
    targets : StanceTargets or path, optional
        Aliases (default ``analysis/data/targets.yaml``); one column per target.
    lexicon : DataFrame or path, optional
        As for :func:`analysis.tone.score_tone`.
    rules : ToneRules or path, optional
        Default ``analysis/data/tone_rules.yaml``.
    window : int, optional
        Maximum distance in tokens between a noun and the mention it is
        given to (default: the whole clause).
    thresholds : (float, float)
        As for :func:`analysis.tone.score_tone`.

    Returns
    -------
    pandas.DataFrame
        ``sent_id``, ``stance_<target>`` per target in file order (nullable
        integers) and ``stance_evidence`` (``target: mention[role] ← word
        score; ...``).

    Examples
    --------
    >>> from analysis.tokenize import tokenize_units
    >>> units = tokenize_units(["미국은 실패했지만 중국은 성공했다."])
    >>> score_stance(units.sentences, units.tokens)[["stance_china", "stance_us", "stance_korea"]].iloc[0].tolist()
    [1, -1, <NA>]
    """
    lower, upper = check_thresholds(thresholds)
    window = check_window(window)
    spec = as_targets(targets)
    index = index_lexicon(as_lexicon(lexicon))
    rules = as_tone_rules(rules)
    rows = []
    for view in sentence_views(sentences, tokens):
        values, evidence = stance_row(
            view, spec, lambda view=view: view_scored_words(view, index, rules), rules,
            window=window, lower=lower, upper=upper,
        )
        rows.append([view.sent_id, *values, evidence])
    columns = [f"stance_{t}" for t in spec.targets]
    table = pd.DataFrame(rows, columns=["sent_id", *columns, "stance_evidence"])
    for column in columns:
        table[column] = table[column].astype("Int64")
    return table
