"""Who is quoted or cited, with which verb, and from which country (RQ4).

:func:`extract_voices` reads the ``sentences`` (and ``tokens``) tables of
:mod:`analysis.tokenize` and gives one row per quotation or citation:
``sent_id, doc_id, speaker, speaker_type, country, verb, quote, kind``, plus
``speaker_phrase`` (the words that name the speaker in the sentence) and
``resolution`` (how the speaker was found).
:func:`analysis.summaries.count_voices` counts them per outlet and country
(the table behind figure 8).

Forms recognised (rules and limits in ``docs/lexicon.md``):

direct
    a quotation in double quotes, or in single quotes followed by a quotative
    particle: ``"..."라고/이라고/고 말했다``; chains ``"A"며/라며 "B"라고
    말했다`` give one row per quotation with the same speaker and verb; a
    quotation whose speaker follows (``"..."라고 김 교수는 말했다``,
    ``"..." 그는 이렇게 말했다``), a headline ``트럼프 "딥시크는 경종"``, and a
    quotation standing alone as a sentence (speaker from the next sentence's
    ``이같이/이렇게 말했다`` or the previous speaker).
indirect
    a clause closed by ``-다고/-라고/-냐고/-자고`` or ``-다며/-라며`` before a
    reporting verb (``data/voices.yaml``), and the nominal forms ``...라는
    분석이다``, ``...라는 게 업계의 설명이다``, ``...라는 관측이 나온다``.
according_to
    ``X에 따르면`` / ``X에 의하면`` (``X 보도에 따르면`` → X).

Speakers are the noun phrase marked by ``은/는`` (or ``이/가`` before a direct
quotation, ``에서는`` for groups: ``업계에서는``). ``그는``/``그녀는``/``이
관계자는`` and a quotation with no speaker in its sentence take the last named
speaker of the same document (``resolution`` = ``pronoun`` or
``continuation``); rows are produced in document order for that reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

import pandas as pd
import yaml

from analysis import paths
from analysis.tokenize import require_columns
from analysis import grammar
from analysis.sentences import SentenceView, Tok, sentence_views
from analysis.targets import StanceTargets, as_targets, find_mentions

VOICES_FILE = "voices.yaml"
# A quotation with no speaker in its sentence continues a voice of the previous
# sentences only when that voice is at most this many sentences back.
CONTINUATION_SENTENCES = 2
COUNTRIES = ("US", "China", "Korea", "other", "unknown")
SPEAKER_TYPES = ("person", "institution", "media", "unnamed")
VOICE_COLUMNS = [
    "sent_id", "doc_id", "speaker", "speaker_type", "country", "verb", "quote", "kind",
    "speaker_phrase", "resolution",
]
TARGET_COUNTRY = {"china": "China", "us": "US", "korea": "Korea"}

# Grammar of quotation and speakers (the word lists that decide a code are in voices.yaml).
_QUOTE_MARK_TAGS = frozenset({"SSO", "SSC", "SW"})
_CONTENT_ETM = grammar.CONTENT_CLAUSE_ENDINGS[:4]  # 다는, 라는, 냐는, 자는 (not the retrospective -던)
_CHAIN_FORMS = ("며", "면서")
# Demonstrative predicates (이렇게 말했다) are no reporting verb; pronouns and
# anaphoric determiners point back to an earlier speaker.
_DEICTIC_PREDICATES = frozenset({"이렇", "그렇", "이러", "그러", "이같", "저렇"})
_PRONOUNS = frozenset({"그", "그녀", "그들", "그녀들"})
_ANAPHORIC_DETERMINERS = frozenset({"이", "그", "해당", "같은"})
_SPEAKER_NP_TAGS = grammar.NOMINAL_TAGS - {"XR"}
_THIS_WAY = re.compile(r"이같이|이렇게|이와\s*같이|이처럼|다음과\s*같이|이렇듯")


class VoicesError(ValueError):
    """A voices configuration file that cannot be used."""


@dataclass(frozen=True)
class VoiceTables:
    """The lists in ``data/voices.yaml`` (see :func:`load_voice_tables`)."""

    reporting_verbs: frozenset[str]
    report_nouns: Mapping[str, str]
    entities: tuple[tuple[str, str, str], ...]  # (name, type, country), longest first
    media_suffixes: tuple[str, ...]
    other_countries: frozenset[str]
    unnamed_cues: frozenset[str]
    person_titles: frozenset[str]
    korean_default_titles: frozenset[str]
    institution_suffixes: tuple[str, ...]
    korean_surnames: frozenset[str]
    foreign_name_syllables: frozenset[str]
    weak_verbs: frozenset[str] = frozenset()
    self_report_verbs: frozenset[str] = frozenset()
    source_heads: frozenset[str] = frozenset()


def load_voice_tables(path: str | Path | None = None) -> VoiceTables:
    """Read reporting verbs, media and speaker tables (default ``data/voices.yaml``).

    Raises
    ------
    VoicesError
        Missing file or section, or a country that is not US, China, Korea
        or other.

    Examples
    --------
    >>> tables = load_voice_tables()
    >>> "지적하다" in tables.reporting_verbs
    True
    """
    path = Path(path) if path is not None else paths.package_data(VOICES_FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise VoicesError(f"{path}: voices file not found.") from None
    except yaml.YAMLError as error:
        raise VoicesError(f"{path}: not valid YAML: {error}") from None
    needed = ["reporting_verbs", "report_nouns", "media", "unnamed_cues", "person_titles"]
    missing = [key for key in needed if not isinstance(data, dict) or key not in data]
    if missing:
        raise VoicesError(f"{path}: missing section(s) {missing}.")
    entities: list[tuple[str, str, str]] = []
    for section, kind in (("media", "media"), ("people", "person"), ("institutions", "institution")):
        for name, country in (data.get(section) or {}).items():
            if country not in COUNTRIES[:-1]:
                raise VoicesError(
                    f"{path}: {section}.{name}: country {country!r} is not one of US, China, Korea, other."
                )
            entities.append((str(name), kind, str(country)))
    entities.sort(key=lambda item: (-len(item[0]), item[0]))

    def words(key: str) -> list[str]:
        return [str(w) for w in (data.get(key) or [])]

    return VoiceTables(
        reporting_verbs=frozenset(words("reporting_verbs")),
        report_nouns={str(k): str(v) for k, v in (data.get("report_nouns") or {}).items()},
        entities=tuple(entities),
        media_suffixes=tuple(words("media_suffixes")),
        other_countries=frozenset(words("other_countries")),
        unnamed_cues=frozenset(words("unnamed_cues")),
        person_titles=frozenset(words("person_titles")),
        korean_default_titles=frozenset(words("korean_default_titles")),
        institution_suffixes=tuple(sorted(words("institution_suffixes"), key=lambda w: (-len(w), w))),
        korean_surnames=frozenset(words("korean_surnames")),
        foreign_name_syllables=frozenset(words("foreign_name_syllables")),
        weak_verbs=frozenset(words("weak_verbs")),
        self_report_verbs=frozenset(words("self_report_verbs")),
        source_heads=frozenset(words("source_heads")),
    )


@lru_cache(maxsize=1)
def _default_tables() -> VoiceTables:
    return load_voice_tables()


# ---------------------------------------------------------------------------
# Sentence analysis
# ---------------------------------------------------------------------------


@dataclass
class _Voice:
    quote: str
    kind: str
    marker: int  # token index of the quotative marker (or the quote's end)
    content_start: int  # first token of the quoted/attributed content
    verb: str | None = None
    verb_at: int = -1
    speaker_span: tuple[int, int] | None = None  # token span of the speaker phrase
    standalone: bool = False
    anonymous: bool = False  # a nominal report (...라는 분석이다): no speaker is not a continuation
    no_speaker: bool = False  # ...라는 관측이 나온다: do not look for a speaker at all


def _quote_pairs(toks: Sequence[Tok]) -> list[tuple[int, int, bool]]:
    """(open, close, is_double) token indices of quotation marks."""
    pairs, i, n = [], 0, len(toks)
    while i < n:
        tok = toks[i]
        closing = grammar.QUOTE_PAIRS.get(tok.form) if tok.tag in _QUOTE_MARK_TAGS else None
        if closing is not None and not (tok.form in {'"', "'"} and tok.tag == "SSC"):
            j = next((k for k in range(i + 1, n) if toks[k].form == closing), None)
            if j is not None and j > i + 1:
                pairs.append((i, j, tok.form in grammar.DOUBLE_QUOTES))
                i = j + 1
                continue
        i += 1
    return pairs


def _inside(pairs: Sequence[tuple[int, int, bool]], index: int) -> bool:
    return any(o < index < c for o, c, double in pairs if double)


def _predicate_at(toks: Sequence[Tok], k: int) -> tuple[str, int] | None:
    """Lemma and last token of a predicate starting at ``k`` (지적 + 하 → 지적하다)."""
    tok = toks[k]
    if tok.tag in grammar.PREDICATE_TAGS:
        return tok.norm, k
    if tok.tag in grammar.COMMON_AND_PROPER_NOUN_TAGS and k + 1 < len(toks):
        nxt = toks[k + 1]
        if nxt.tag in grammar.PREDICATE_SUFFIX_TAGS or (nxt.tag == "VV" and nxt.form == "하" and nxt.start <= tok.end):
            return tok.norm + nxt.form + "다", k + 1
    return None


def _find_verb(
    toks: Sequence[Tok], marker: int, pairs: Sequence[tuple[int, int, bool]], tables: VoiceTables
) -> tuple[str | None, int, str | None, int]:
    """(reporting verb, its index, first predicate, its index) after a quotative marker.

    Quotations in between are skipped (chains). A weak verb (보다, 생각하다,
    적다 ...) only counts as the first predicate after the marker.
    """
    first_predicate: tuple[str, int] | None = None
    k = marker + 1
    while k < len(toks):
        if _inside(pairs, k):
            k += 1
            continue
        found = _predicate_at(toks, k) if toks[k].form not in _DEICTIC_PREDICATES else None
        if found is None:
            k += 1
            continue
        lemma, end = found
        if k > 0 and toks[k - 1].tag == "JKO" and k > 1 and f"{toks[k - 2].norm} {lemma}" in tables.reporting_verbs:
            lemma = f"{toks[k - 2].norm} {lemma}"  # 입을 모으다
        if first_predicate is None:
            first_predicate = (lemma, k)
        if lemma in tables.reporting_verbs and (lemma not in tables.weak_verbs or first_predicate[1] == k):
            return lemma, k, lemma, k
        k = end + 1
    if first_predicate is None:
        return None, -1, None, -1
    return None, -1, first_predicate[0], first_predicate[1]


def _speaker_np(toks: Sequence[Tok], particle: int) -> tuple[int, int] | None:
    """Token span (first, last) of the noun phrase ending right before ``particle``."""
    k = particle - 1
    first = None
    while k >= 0:
        tok = toks[k]
        if tok.tag in _SPEAKER_NP_TAGS:
            first = k
            k -= 1
            continue
        if tok.tag == "SSC" and tok.form in {")", "]", "’", "'"}:
            opening = next((j for j in range(k - 1, -1, -1) if toks[j].tag == "SSO"), None)
            if opening is None:
                break
            first = opening
            k = opening - 1
            continue
        if tok.tag == "JKG" and first is not None and k > 0 and toks[k - 1].tag in _SPEAKER_NP_TAGS:
            k -= 1  # 한국경제연구원의 김 연구위원
            continue
        if tok.tag == "SP" and tok.form == "·" and first is not None:
            k -= 1
            continue
        break
    if first is None:
        return None
    while first <= particle - 1 and toks[first].tag in {"SSO", "SSC"} and toks[first].form in "([":
        first += 1
    return (first, particle - 1) if first <= particle - 1 else None


def _speaker_candidates(
    toks: Sequence[Tok], pairs: Sequence[tuple[int, int, bool]], lo: int, hi: int, *, subject_ok: bool
) -> list[tuple[int, int, bool]]:
    """Noun phrases in ``[lo, hi)`` marked as topic (은/는, 에서는) or subject (이/가)."""
    found = []
    for k in range(max(lo, 0), min(hi, len(toks))):
        tok = toks[k]
        if _inside(pairs, k):
            continue
        topic = tok.tag == "JX" and tok.form in {"은", "는", "도", "ᆫ"}
        subject = tok.tag == "JKS" and subject_ok
        if not (topic or subject):
            continue
        particle = k
        if topic and k > 0 and toks[k - 1].tag == "JKB" and toks[k - 1].form in {"에서", "에선"}:
            particle = k - 1  # 업계에서는
        span = _speaker_np(toks, particle)
        if span is not None and span[0] >= lo:
            found.append((span[0], span[1], topic))
    return found


def _group_source(
    toks: Sequence[Tok], pairs: Sequence[tuple[int, int, bool]], limit: int
) -> tuple[int, int] | None:
    """The ``X에서는`` before ``limit`` (업계에서는 ...라는 관측이 나온다)."""
    for k in range(1, min(limit, len(toks))):
        if (toks[k].tag == "JX" and toks[k - 1].tag == "JKB" and toks[k - 1].form in {"에서", "에선"}
                and not _inside(pairs, k)):
            return _speaker_np(toks, k - 1)
    return None


def _clause_chain_start(toks: Sequence[Tok], pairs: Sequence[tuple[int, int, bool]], limit: int) -> int:
    """First token after the last non-quotative connective (-지만, -는데, -고 ...) before ``limit``.

    A speaker in the clause chain that ends with the reporting verb is
    preferred: in ``정부는 ...정도지만, 중국은 ...하겠다고 발표했다`` the
    speaker is 중국. When that stretch names no speaker (the connective is
    inside the reported clause), the whole sentence is searched.
    """
    start = 0
    for k in range(min(limit, len(toks))):
        tok = toks[k]
        if _inside(pairs, k) or tok.tag != "EC" or tok.form not in grammar.CHAIN_BREAKS:
            continue
        after = _skip_particles(toks, k + 1)
        if after < len(toks) and toks[after].tag == "VX":
            continue
        start = k + 1
    return start


def _phrase(text: str, toks: Sequence[Tok], span: tuple[int, int]) -> str:
    return text[toks[span[0]].start : toks[span[1]].end].strip(" '‘’\"“”")


def _head_text(phrase: str) -> str:
    """The phrase without spaces and a plural 들: its end names what the speaker is."""
    squeezed = re.sub(r"[\s()\[\]'‘’]+", "", phrase)
    return squeezed[:-1] if squeezed.endswith("들") and len(squeezed) > 1 else squeezed


def _ends_with(head: str, words) -> bool:
    return any(head.endswith(word) for word in words)


def _is_pronoun(toks: Sequence[Tok], span: tuple[int, int]) -> bool:
    words = toks[span[0] : span[1] + 1]
    if len(words) == 1 and words[0].tag == "NP" and words[0].form in _PRONOUNS:
        return True
    return len(words) >= 2 and words[0].tag == "MM" and words[0].form in _ANAPHORIC_DETERMINERS


def _plausible(text: str, toks: Sequence[Tok], span: tuple[int, int], tables: VoiceTables, spec) -> bool:
    """Does the phrase look like a speaker (a known name, a title, a source word)?"""
    if _is_pronoun(toks, span):
        return True
    phrase = _phrase(text, toks, span)
    head = _head_text(phrase)
    if _ends_with(head, tables.unnamed_cues) or _ends_with(head, tables.person_titles):
        return True
    if _ends_with(head, tables.media_suffixes) or _known_entity(phrase, tables):
        return True
    mentions = [m for m in find_mentions(phrase, _retokenize(toks, span), spec) if m.kind != "compound"]
    return any(
        head.endswith(re.sub(r"\s+", "", m.alias)) or m.kind == "person" for m in mentions
    ) or (bool(mentions) and _ends_with(head, tables.institution_suffixes))


def _retokenize(toks: Sequence[Tok], span: tuple[int, int]) -> list[Tok]:
    """The tokens of a span with offsets relative to the span's start."""
    base = toks[span[0]].start
    return [
        Tok(t.form, t.tag, t.norm, t.start - base, t.end - base)
        for t in toks[span[0] : span[1] + 1]
    ]


def _known_entity(phrase: str, tables: VoiceTables) -> tuple[str, str, str] | None:
    squeezed = re.sub(r"\s+", "", phrase).lower()
    for name, kind, country in tables.entities:
        key = re.sub(r"\s+", "", name).lower()
        position = squeezed.find(key)
        if position < 0:
            continue
        if re.search(r"[a-z]", key):
            before = squeezed[position - 1 : position]
            after = squeezed[position + len(key) : position + len(key) + 1]
            if re.match(r"[a-z]", before) or re.match(r"[a-z]", after):
                continue
        return name, kind, country
    return None


def _describe_speaker(
    text: str, toks: Sequence[Tok], span: tuple[int, int], tables: VoiceTables, spec: StanceTargets
) -> tuple[str, str, str]:
    """(speaker, speaker_type, country) of a named (non-pronoun) speaker phrase."""
    phrase = _phrase(text, toks, span)
    local = _retokenize(toks, span)
    head = _head_text(phrase)
    mentions = [m for m in find_mentions(phrase, local, spec) if m.kind != "compound"]
    entity = _known_entity(phrase, tables)
    person_alias = next((m for m in mentions if m.kind == "person"), None)
    unnamed = _ends_with(head, tables.unnamed_cues) or any(
        t.tag == "MM" and t.form in {"한", "어느", "모"} for t in local
    )
    if unnamed:
        kind, speaker = "unnamed", phrase
    elif _ends_with(head, tables.person_titles) or person_alias is not None or (entity and entity[1] == "person"):
        kind = "person"
        if person_alias is not None:
            speaker = person_alias.alias
        elif entity and entity[1] == "person":
            speaker = entity[0]
        else:
            speaker = phrase
    elif (entity and entity[1] == "media") or _ends_with(head, tables.media_suffixes):
        kind, speaker = "media", entity[0] if entity and entity[1] == "media" else phrase
    elif entity or mentions or _ends_with(head, tables.institution_suffixes):
        kind, speaker = "institution", phrase
    elif all(t.tag == "NNP" for t in local) and re.fullmatch(r"[\uac00-\ud7a3]{2,4}", head):
        kind, speaker = "person", phrase
    else:
        kind, speaker = "institution", phrase
    return speaker, kind, _country(phrase, local, mentions, entity, kind, tables)


def _country(
    phrase: str, local: Sequence[Tok], mentions, entity, kind: str, tables: VoiceTables
) -> str:
    if entity is not None:
        return entity[2]
    if mentions:
        # a nationality word (중국인 연구원) outranks an employer (미 기업 소속)
        demonyms = [m for m in mentions if m.kind == "country" and m.alias.endswith(("인", "계"))]
        return TARGET_COUNTRY.get((demonyms or mentions)[0].targets[0], "other")
    words = {t.norm for t in local} | {t.form for t in local}
    if words & tables.other_countries:
        return "other"
    if kind == "person":
        if words & tables.korean_default_titles:
            return "Korea"
        names = [t for t in local if t.tag == "NNP"]
        if names and _korean_name(names[0].form, tables):
            return "Korea"
    return "unknown"


def _korean_name(name: str, tables: VoiceTables) -> bool:
    """A name written the Korean way: surname + two syllables (김철수), or a surname alone (김 교수).

    Names in the local pronunciation of Chinese or Japanese are excluded
    when they contain a syllable Korean given names do not use (유즈밍, 쑹훙),
    but a Chinese name that happens to look Korean is still taken as Korean.
    """
    if not re.fullmatch(r"[\uac00-\ud7a3]", name) and not re.fullmatch(r"[\uac00-\ud7a3]{3}", name):
        return False
    return name[0] in tables.korean_surnames and not set(name[1:]) & tables.foreign_name_syllables


def _direct_voices(
    text: str, toks: Sequence[Tok], pairs: Sequence[tuple[int, int, bool]], tables: VoiceTables
) -> list[_Voice]:
    voices = []
    n = len(toks)
    for open_, close, double in pairs:
        k = close + 1
        if k < n and toks[k].tag == "VCP":
            k += 1
        quote = text[toks[open_].end : toks[close].start].strip()
        if not quote:
            continue
        marker_tok = toks[k] if k < n else None
        is_marker = marker_tok is not None and (
            marker_tok.tag == "JKQ"
            or (marker_tok.tag == "EC" and marker_tok.form in grammar.QUOTE_CHAIN_ENDINGS + ("라고", "이라고", "고"))
        )
        if is_marker:
            voices.append(_Voice(quote, "direct", k, open_ + 1))
        elif (
            double and marker_tok is not None and marker_tok.tag == "ETM"
            and marker_tok.form.endswith(_CONTENT_ETM) and k + 1 < n and toks[k + 1].norm in tables.report_nouns
        ):
            voices.append(_Voice(quote, "direct", k, open_ + 1, verb=tables.report_nouns[toks[k + 1].norm], verb_at=k + 1))
        elif double and re.search(r"[다요죠까][.!?…]*$|[.!?]$", quote) or (double and open_ > 0 and close == n - 1):
            voices.append(_Voice(quote, "direct", close, open_ + 1, standalone=True))
    return voices


def _indirect_voices(
    text: str, toks: Sequence[Tok], pairs: Sequence[tuple[int, int, bool]], tables: VoiceTables
) -> list[_Voice]:
    voices = []
    for k, tok in enumerate(toks):
        if _inside(pairs, k) or (k > 0 and toks[k - 1].tag in {"SSC", "VCP"} and any(c == k - 1 or c == k - 2 for _, c, _ in pairs)):
            continue
        if tok.tag == "EC" and tok.form.endswith(grammar.INDIRECT_ENDINGS):
            voices.append(_Voice("", "indirect", k, -1))
        elif tok.tag == "ETM" and tok.form.endswith(_CONTENT_ETM):
            voice = _nominal_report(toks, k, tables)
            if voice is not None:
                voices.append(voice)
    return voices


def _nominal_report(toks: Sequence[Tok], k: int, tables: VoiceTables) -> _Voice | None:
    """``...라는 분석이다``, ``...라는 관측이 나온다``, ``...라는 게 업계의 설명이다``."""
    n, m, owner = len(toks), k + 1, None
    if m < n and toks[m].tag == "NNB" and toks[m].form in {"것", "거"}:
        m = _skip_particles(toks, m + 1)
        end = m
        while end < n and end - m < 6 and toks[end].tag in {"NNG", "NNP", "SL", "XSN", "NP"}:
            end += 1
        if end < n and end > m and toks[end].tag == "JKG":
            owner, m = (m, end - 1), end + 1
    if m >= n or toks[m].norm not in tables.report_nouns:
        return None
    voice = _Voice("", "indirect", k, -1, verb=tables.report_nouns[toks[m].norm], verb_at=m,
                   speaker_span=owner, anonymous=owner is None)
    # ...라는 관측이 나온다 / 지적이 제기된다: an anonymous report, the topic is not its speaker
    voice.no_speaker = owner is None and m + 1 < n and toks[m + 1].tag in {"JKS", "JX"}
    return voice


def _according_to(text: str, toks: Sequence[Tok], tables: VoiceTables) -> list[_Voice]:
    voices = []
    for k in range(1, len(toks) - 1):
        tok = toks[k]
        if not (tok.tag == "VV" and tok.norm in {"따르다", "의하다"} and toks[k - 1].tag == "JKB"
                and toks[k - 1].form == "에" and toks[k + 1].tag == "EC" and toks[k + 1].form in {"면", "으면"}):
            continue
        span = _speaker_np(toks, k - 1)
        if span is None:
            continue
        first, last = span
        if toks[last].tag == "SSC" and last > first:  # 과기정통부 '실태조사'에 따르면 → 과기정통부
            opening = max((j for j in range(first, last) if toks[j].tag == "SSO"), default=first)
            last = opening - 1 if opening > first else last
        while last > first and toks[last].norm in tables.source_heads:
            last -= 1
            if last > first and toks[last].tag == "JKG":
                last -= 1
        rest = text[toks[k + 1].end :].strip(" ,")
        voice = _Voice(rest, "according_to", k + 1, k + 2, verb=tok.norm, verb_at=k, speaker_span=(first, last))
        voices.append(voice)
    return voices


def _skip_particles(toks: Sequence[Tok], k: int) -> int:
    while k < len(toks) and toks[k].tag.startswith("J"):
        k += 1
    return k


def _sentence_voices(
    text: str, toks: Sequence[Tok], tables: VoiceTables, spec: StanceTargets
) -> list[tuple[_Voice, tuple[int, int] | None]]:
    """Voices of one sentence, each with the token span of its speaker phrase."""
    pairs = _quote_pairs(toks)
    according = _according_to(text, toks, tables)
    direct = _direct_voices(text, toks, pairs, tables)
    indirect = _indirect_voices(text, toks, pairs, tables)
    n = len(toks)
    results: list[tuple[_Voice, tuple[int, int] | None]] = []
    # reporting verb of each marker
    for voice in direct + indirect:
        if voice.verb is None and not voice.standalone:
            verb, at, main, main_at = _find_verb(toks, voice.marker, pairs, tables)
            if verb is not None:
                voice.verb, voice.verb_at = verb, at
            elif voice.kind == "direct" or toks[voice.marker].form.endswith(_CHAIN_FORMS):
                voice.verb, voice.verb_at = main, main_at
    kept_indirect = []
    for voice in indirect:
        if voice.verb is None:
            continue
        if voice.verb not in tables.reporting_verbs and voice.verb not in tables.report_nouns.values():
            continue
        kept_indirect.append(voice)
    # speakers: markers sharing a verb share a speaker
    groups: dict[int, list[_Voice]] = {}
    for voice in sorted(direct + kept_indirect, key=lambda v: v.marker):
        groups.setdefault(voice.verb_at if voice.verb_at >= 0 else -1 - voice.marker, []).append(voice)
    for verb_at, group in sorted(groups.items()):
        first = group[0]
        span = next((v.speaker_span for v in group if v.speaker_span is not None), None)
        if span is None and verb_at >= 0:
            after = [
                c for c in _speaker_candidates(toks, pairs, group[-1].marker + 1, verb_at, subject_ok=True)
                if _plausible(text, toks, c[:2], tables, spec)
            ]
            if after:
                span = after[0][:2]  # ...라고 김 교수는 말했다
        if span is None and first.standalone:
            after = _speaker_candidates(toks, pairs, first.marker + 1, n, subject_ok=True)
            if after and _THIS_WAY.search(text[toks[first.marker].end :]):
                span = after[0][:2]
                verb, at, _, _ = _find_verb(toks, after[0][1], pairs, tables)
                first.verb = verb
                first.standalone = False
            elif first.content_start - 1 > 0:
                # headline: 트럼프 "딥시크는 경종"
                head = _speaker_np(toks, first.content_start - 1)
                if head is not None and (head[0] == 0 or toks[head[0] - 1].tag == "SP"):
                    span = head
                    first.standalone = False
        if span is None and first.no_speaker:
            span = _group_source(toks, pairs, first.marker)
        if span is None and not first.no_speaker:
            limit = (first.content_start - 1) if first.kind == "direct" else first.marker
            subject_ok = first.kind == "direct" or first.verb in tables.self_report_verbs
            candidates = _speaker_candidates(toks, pairs, 0, limit, subject_ok=subject_ok)
            plausible = [c for c in candidates if _plausible(text, toks, c[:2], tables, spec)]
            if first.kind == "indirect" and first.verb not in tables.self_report_verbs:
                plausible = [c for c in plausible if c[2]]  # 이/가 there is the reported clause's subject
            chain_start = _clause_chain_start(toks, pairs, limit)
            plausible = [c for c in plausible if c[0] >= chain_start] or plausible
            topics = [c for c in candidates if c[2]]
            chosen = (plausible if first.kind == "indirect" else plausible or topics or candidates)[:1]
            if chosen:
                span = chosen[0][:2]
        if according and span is None and all(v.kind == "indirect" for v in group):
            continue  # the clause is the content of an X에 따르면 source
        previous_end = _skip_particles(toks, span[1] + 1) if span is not None and span[1] < first.marker else 0
        for voice in group:
            if voice.kind == "indirect":
                start = previous_end if previous_end <= voice.marker else 0
                if according:
                    start = max(start, according[-1].content_start)
                voice.quote = text[toks[start].start : toks[voice.marker].end].strip(" ,")
                previous_end = voice.marker + 1
            results.append((voice, span))
    for voice in according:
        results.append((voice, voice.speaker_span))
    return sorted(results, key=lambda item: item[0].marker)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def _tokens_for(sentences: pd.DataFrame) -> pd.DataFrame:
    from analysis.tokenize import tokenize_units

    result = tokenize_units(sentences["text"].astype(str).tolist())
    mapping = dict(zip(result.sentences["sent_id"], sentences["sent_id"]))
    tokens = result.tokens.copy()
    tokens["sent_id"] = tokens["sent_id"].map(mapping)
    return tokens


def extract_voices(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame | None = None,
    *,
    tables: VoiceTables | str | Path | None = None,
    targets: StanceTargets | str | Path | None = None,
) -> pd.DataFrame:
    """Quotations and citations with speaker, country and reporting verb.

    Parameters
    ----------
    sentences : pandas.DataFrame
        ``sent_id, text`` and, when present, ``doc_id`` (pronouns and
        continuations resolve within a document; sentences are read in
        ``sent_id`` order within each document).
    tokens : pandas.DataFrame, optional
        The tokens of these sentences; analysed with
        :func:`analysis.tokenize.tokenize_units` when not given.
    tables : VoiceTables or path, optional
        Reporting verbs, media and speaker tables (default
        ``analysis/data/voices.yaml``).
    targets : StanceTargets or path, optional
        Target aliases used for the speaker's country (default
        ``analysis/data/targets.yaml``).

    Returns
    -------
    pandas.DataFrame
        One row per voice: ``sent_id, doc_id, speaker, speaker_type`` (person,
        institution, media, unnamed), ``country`` (US, China, Korea, other,
        unknown), ``verb`` (lemma, ``<NA>`` for a headline quotation),
        ``quote``, ``kind`` (direct, indirect, according_to),
        ``speaker_phrase`` (as written; ``그`` for a pronoun) and
        ``resolution`` (named, pronoun, continuation, none).

    Examples
    --------
    >>> sents = pd.DataFrame({"sent_id": ["d-001"], "doc_id": ["d"],
    ...     "text": ['젠슨 황 엔비디아 CEO는 "딥시크는 훌륭한 모델"이라고 말했다.']})
    >>> extract_voices(sents)[["speaker", "speaker_type", "country", "verb", "kind"]].values.tolist()
    [['젠슨 황', 'person', 'US', '말하다', 'direct']]
    """
    require_columns(sentences, ("sent_id", "text"), "sentences")
    if tables is None:
        tables = _default_tables()
    elif not isinstance(tables, VoiceTables):
        tables = load_voice_tables(tables)
    spec = as_targets(targets)
    if tokens is None:
        tokens = _tokens_for(sentences)
    return voices_from_views(sentences, sentence_views(sentences, tokens), tables=tables, targets=spec)


def voices_from_views(
    sentences: pd.DataFrame,
    views: Sequence[SentenceView],
    *,
    tables: VoiceTables,
    targets: StanceTargets,
) -> pd.DataFrame:
    """:func:`extract_voices` on sentence views already built (see :mod:`analysis.sentences`)."""
    spec = targets
    grouped = {view.sent_id: view.toks for view in views}
    ordered = sentences.assign(_doc=sentences["doc_id"] if "doc_id" in sentences.columns else "")
    ordered = ordered.sort_values(["_doc", "sent_id"], kind="stable")
    rows: list[dict] = []
    last_named: dict[str, dict] = {}
    last_named_at: dict[str, int] = {}
    last_person: dict[str, tuple[int, dict]] = {}
    last_voice_at: dict[str, int] = {}
    pending_standalone: list[dict] = []
    for position, (sent_id, doc_id, text) in enumerate(
        zip(ordered["sent_id"], ordered["_doc"], ordered["text"])
    ):
        text = str(text)
        toks = grouped.get(sent_id, [])
        if not toks:
            continue
        found = _sentence_voices(text, toks, tables, spec)
        people = [m for m in find_mentions(text, toks, spec) if m.kind == "person"]
        # a standalone quotation waits for "이같이 말했다" in the next sentence
        if pending_standalone and pending_standalone[0]["doc_id"] == doc_id and not found:
            attribution = _this_way_speaker(text, toks, tables, spec)
            if attribution is not None:
                for row in pending_standalone:
                    row.update(attribution)
                    row["resolution"] = "named"
                last_named[doc_id] = {k: attribution[k] for k in ("speaker", "speaker_type", "country")}
                last_named_at[doc_id] = position
        pending_standalone = []
        for voice, span in found:
            row = {"sent_id": sent_id, "doc_id": doc_id, "verb": voice.verb, "quote": voice.quote, "kind": voice.kind}
            if span is not None and not _is_pronoun(toks, span):
                speaker, kind, country = _describe_speaker(text, toks, span, tables, spec)
                row.update(speaker=speaker, speaker_type=kind, country=country,
                           speaker_phrase=_phrase(text, toks, span), resolution="named")
                if kind != "unnamed":
                    last_named[doc_id] = {k: row[k] for k in ("speaker", "speaker_type", "country")}
                    last_named_at[doc_id] = position
            else:
                phrase = _phrase(text, toks, span) if span is not None else ""
                resolution = "pronoun" if span is not None else "continuation"
                recent = position - last_voice_at.get(doc_id, -10) <= CONTINUATION_SENTENCES
                previous = last_named.get(doc_id) if (span is not None or (recent and not voice.anonymous)) else None
                person_at, person = last_person.get(doc_id, (-1, None))
                if span is not None and person is not None and person_at > last_named_at.get(doc_id, -1):
                    previous = person  # 그는: a person named since the last voice
                if previous is not None:
                    row.update(speaker=previous["speaker"], speaker_type=previous["speaker_type"],
                               country=previous["country"], speaker_phrase=phrase or pd.NA,
                               resolution=resolution)
                else:
                    row.update(speaker=pd.NA, speaker_type="unnamed", country="unknown",
                               speaker_phrase=phrase or pd.NA, resolution="none")
                if voice.standalone:
                    pending_standalone.append(row)
            rows.append(row)
        if found:
            last_voice_at[doc_id] = position
        if people:
            last_person[doc_id] = (position, {
                "speaker": people[-1].alias, "speaker_type": "person",
                "country": TARGET_COUNTRY.get(people[-1].targets[0], "other"),
            })
    table = pd.DataFrame(rows, columns=VOICE_COLUMNS)
    order = {sid: i for i, sid in enumerate(sentences["sent_id"])}
    table = table.assign(_order=table["sent_id"].map(order)).sort_values("_order", kind="stable")
    return table.drop(columns="_order").reset_index(drop=True).astype({"verb": "object"})


def _this_way_speaker(text: str, toks: Sequence[Tok], tables: VoiceTables, spec: StanceTargets) -> dict | None:
    """Speaker of ``그는 이같이 말했다`` / ``김 교수는 이렇게 설명했다``."""
    if not _THIS_WAY.search(text):
        return None
    candidates = _speaker_candidates(toks, [], 0, len(toks), subject_ok=True)
    for first, last, _ in candidates:
        verb, _, _, _ = _find_verb(toks, last, [], tables)
        if verb is None:
            continue
        if _is_pronoun(toks, (first, last)):
            return None
        speaker, kind, country = _describe_speaker(text, toks, (first, last), tables, spec)
        return {"speaker": speaker, "speaker_type": kind, "country": country,
                "speaker_phrase": _phrase(text, toks, (first, last)), "verb": verb}
    return None
