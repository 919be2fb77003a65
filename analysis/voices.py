"""Who is quoted or cited, with which verb, and from which country (RQ4).

:func:`extract_voices` reads the ``sentences`` (and ``tokens``) tables of
:mod:`analysis.tokenize` and gives one row per quotation or citation:
``sent_id, doc_id, speaker, speaker_type, country, verb, quote, kind,
attributed``, plus ``speaker_phrase`` (the words that name the speaker in the
sentence) and ``resolution`` (how the speaker was found).
:func:`analysis.summaries.count_voices` counts them per outlet and country
(the table behind figure 8), with unattributed claims apart.

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
    reporting verb (``data/voices.yaml``); ``...ㄹ 것으로 전망했다/보고 있다``;
    and the nominal forms ``...라는 분석이다``, ``...라는 게 업계의
    설명이다``, ``...라는 분석을 내놨다``.
according_to
    ``X에 따르면`` / ``X에 의하면`` (``X 보도에 따르면`` → X).

Unattributed claims (``attributed`` = ``no``, ``speaker_type`` =
``unattributed``) are voices no one in particular is named for: a report noun
with a predicate of emergence (``...라는 분석이 나온다``, ``...라는 목소리가
높다``, ``...라는 지적이 제기된다``, ``...라는 우려가 커지고 있다``,
``...라는 평가를 받는다``), a report noun with the copula and no speaker
(``...라는 관측이다``), a passive reporting verb (``...것으로 알려졌다``,
``...라고 전해진다``), and any voice whose speaker is a generic collective
(``업계에서는 ...것으로 본다``, ``전문가들은``, ``시장에서는``; the phrase is
kept as the speaker, its country where the phrase says one: ``국내 업계`` →
Korea).

Speakers are the noun phrase marked by ``은/는`` (or ``이/가`` before a direct
quotation, ``에서는`` for groups: ``업계에서는``). Across sentences, within a
document and in ``sent_id`` (reading) order: a pronoun or anaphor (``그는``,
``그녀는``, ``이 관계자는``, ``이 회사는``, ``이 매체는``) takes the speaker of
the last attributed voice of its kind (a person for ``그``/titles, an
institution for ``이 회사``, a medium for ``이 매체``; ``resolution`` =
``pronoun``), and a reporting sentence with no subject (``그러면서 ...고
덧붙였다``, ``이어 "..."라고 말했다``) the speaker of the last attributed
voice when that voice is at most :data:`CONTINUATION_SENTENCES` sentences back
(``continuation``). A voice whose speaker is not found is kept with
``speaker_type`` ``unknown`` and ``attributed`` ``yes``: someone is quoted.

Countries of people, companies, bodies, media and universities come from the
entity table of ``data/voices.yaml`` (a few hundred names with aliases; your
own table adds to it, ``entities=``), then from the target words of
``data/targets.yaml`` and the rules in :func:`load_voice_tables`.
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
# A reporting sentence with no speaker continues a voice of the previous
# sentences only when that voice is at most this many sentences back.
CONTINUATION_SENTENCES = 2
COUNTRIES = ("US", "China", "Korea", "other", "unknown")
# Countries an entity of the voices tables may have, and the study country each is reported as.
ENTITY_COUNTRIES = {"US": "US", "China": "China", "Korea": "Korea", "Japan": "other", "Europe": "other",
                    "international": "other", "other": "other"}
ENTITY_TYPES = ("person", "institution", "media")
SPEAKER_TYPES = ("person", "institution", "media", "unattributed", "unknown")
VOICE_COLUMNS = [
    "sent_id", "doc_id", "speaker", "speaker_type", "country", "verb", "quote", "kind", "attributed",
    "speaker_phrase", "resolution",
]
TARGET_COUNTRY = {"china": "China", "us": "US", "korea": "Korea"}

# Grammar of quotation and speakers (the word lists that decide a code are in voices.yaml).
_QUOTE_MARK_TAGS = frozenset({"SSO", "SSC", "SW"})
_CONTENT_ETM = grammar.CONTENT_CLAUSE_ENDINGS[:4]  # 다는, 라는, 냐는, 자는 (not the retrospective -던)
_CHAIN_FORMS = ("며", "면서")
# -다며/-라며/-다면서: "saying that ...", a voice of the subject before any verb
_QUOTATIVE_CHAIN = ("다며", "라며", "냐며", "자며", "다면서", "라면서")
# Demonstrative predicates (이렇게 말했다) are no reporting verb; pronouns and
# anaphoric determiners point back to an earlier speaker.
_DEICTIC_PREDICATES = frozenset({"이렇", "그렇", "이러", "그러", "이같", "저렇"})
_PRONOUNS = frozenset({"그", "그녀", "그들", "그녀들", "이들"})
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
    entities: tuple[tuple[str, str, str, str], ...]  # (alias, name, type, country), longest alias first
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
    emergence_predicates: frozenset[str] = frozenset()
    passive_noun_predicates: frozenset[str] = frozenset()
    copula_free_nouns: frozenset[str] = frozenset()
    passive_reports: frozenset[str] = frozenset()
    generic_collectives: frozenset[str] = frozenset()
    generic_collective_suffixes: tuple[str, ...] = ()
    anaphor_heads: Mapping[str, str] = None  # type: ignore[assignment]
    support_nouns: frozenset[str] = frozenset()
    issue_predicates: frozenset[str] = frozenset()
    intent_nouns: frozenset[str] = frozenset()
    intent_verbs: frozenset[str] = frozenset()
    plural_collectives: frozenset[str] = frozenset()
    places: Mapping[str, str] = None  # type: ignore[assignment]  # 월가 → US, 베이징 → China
    hearsay_nouns: frozenset[str] = frozenset()
    view_suffixes: tuple[str, ...] = ()
    non_view_nouns: frozenset[str] = frozenset()


_ENTITY_SECTIONS = (("media", "media"), ("people", "person"), ("institutions", "institution"))
ENTITY_TABLE_COLUMNS = ("name", "type", "country", "aliases")


def _entity_entry(path: Path, where: str, name, value) -> tuple[str, list[str]]:
    """(country, aliases) of one ``name: country`` or ``name: {country:, aliases:}`` entry."""
    if isinstance(value, Mapping):
        unknown = sorted(set(map(str, value)) - {"country", "aliases"})
        if unknown:
            raise VoicesError(f"{path}: {where}.{name}: unknown key(s) {unknown} (allowed: country, aliases).")
        country, aliases = value.get("country"), value.get("aliases") or []
        if not isinstance(aliases, list):
            raise VoicesError(f"{path}: {where}.{name}: aliases must be a list, not {aliases!r}.")
    else:
        country, aliases = value, []
    if country not in ENTITY_COUNTRIES:
        raise VoicesError(
            f"{path}: {where}.{name}: country {country!r} is not one of {', '.join(ENTITY_COUNTRIES)}."
        )
    return str(country), [str(alias) for alias in aliases]


def _entities_from_sections(path: Path, data: Mapping) -> list[tuple[str, str, str, list[str]]]:
    """(name, type, country, aliases) of the media, people and institutions sections."""
    entries = []
    for section, kind in _ENTITY_SECTIONS:
        block = data.get(section) or {}
        if not isinstance(block, Mapping):
            raise VoicesError(f"{path}: {section} must be a mapping of names to countries.")
        for name, value in block.items():
            country, aliases = _entity_entry(path, section, name, value)
            entries.append((str(name), kind, country, aliases))
    return entries


def read_entity_table(path: str | Path) -> list[tuple[str, str, str, list[str]]]:
    """Read your own table of speakers' countries: YAML sections, or a TSV/CSV table.

    A ``.yaml``/``.yml`` file has the sections ``media``, ``people`` and
    ``institutions`` of ``data/voices.yaml`` (``name: country`` or ``name:
    {country: ..., aliases: [...]}``). A ``.tsv``/``.csv`` file (UTF-8) has
    the columns ``name, type, country`` and optionally ``aliases`` (separated
    by ``|``); ``type`` is person, institution or media; ``country`` one of
    US, China, Korea, Japan, Europe, international, other.

    Returns
    -------
    list of (name, type, country, aliases)

    Raises
    ------
    VoicesError
        A missing or unreadable file, a missing column, or a row with an
        unknown type or country; the message names the file (and line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> table = pathlib.Path(tempfile.mkdtemp()) / "mine.csv"
    >>> _ = table.write_text("name,type,country,aliases\\n한빛연구소,institution,Korea,한빛연\\n", encoding="utf-8")
    >>> read_entity_table(table)
    [('한빛연구소', 'institution', 'Korea', ['한빛연'])]
    """
    path = Path(path)
    if not path.is_file():
        raise VoicesError(f"{path}: entity table not found.")
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise VoicesError(f"{path}: not valid YAML: {error}") from None
        if not isinstance(data, Mapping) or not any(section in data for section, _ in _ENTITY_SECTIONS):
            raise VoicesError(f"{path}: expected at least one of the sections media, people, institutions.")
        return _entities_from_sections(path, data)
    if suffix not in {".tsv", ".csv", ".txt"}:
        raise VoicesError(f"{path}: an entity table must be .yaml, .yml, .tsv or .csv, not {suffix or 'no suffix'}.")
    try:
        table = pd.read_csv(path, sep="," if suffix == ".csv" else "\t", dtype=str, keep_default_na=False,
                            encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise VoicesError(f"{path}: cannot be read as a {suffix[1:].upper()} table: {error}") from None
    missing = [c for c in ENTITY_TABLE_COLUMNS[:3] if c not in table.columns]
    if missing:
        raise VoicesError(f"{path}: missing column(s) {missing}; expected {list(ENTITY_TABLE_COLUMNS)}.")
    entries = []
    for number, row in enumerate(table.to_dict("records"), start=2):
        name = row["name"].strip()
        if not name:
            raise VoicesError(f"{path}, line {number}: empty name.")
        if row["type"] not in ENTITY_TYPES:
            raise VoicesError(f"{path}, line {number}: type {row['type']!r} is not one of {', '.join(ENTITY_TYPES)}.")
        if row["country"] not in ENTITY_COUNTRIES:
            raise VoicesError(
                f"{path}, line {number}: country {row['country']!r} is not one of {', '.join(ENTITY_COUNTRIES)}."
            )
        aliases = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
        entries.append((name, row["type"], row["country"], aliases))
    return entries


def _entity_index(entries) -> tuple[tuple[str, str, str, str], ...]:
    """(alias, name, type, country) for every name and alias, longest alias first; later entries win."""
    by_alias: dict[str, tuple[str, str, str, str]] = {}
    for name, kind, country, aliases in entries:
        for alias in (name, *aliases):
            by_alias[alias] = (alias, name, kind, country)
    return tuple(sorted(by_alias.values(), key=lambda item: (-len(item[0]), item[0])))


def load_voice_tables(path: str | Path | None = None, *, entities: str | Path | None = None) -> VoiceTables:
    """Read reporting verbs, media and speaker tables (default ``data/voices.yaml``).

    Parameters
    ----------
    path : path-like, optional
        A voices file with the sections of ``analysis/data/voices.yaml``.
    entities : path-like, optional
        Your own table of people, institutions and media with their country
        (:func:`read_entity_table`); its entries add to those of the voices
        file and win over an entry of the same name or alias.

    Raises
    ------
    VoicesError
        Missing file or section, or a country that is not one of
        :data:`ENTITY_COUNTRIES`; the message names the file.

    Examples
    --------
    >>> tables = load_voice_tables()
    >>> "지적하다" in tables.reporting_verbs
    True
    >>> next(e for e in tables.entities if e[0] == "과기정통부")
    ('과기정통부', '과학기술정보통신부', 'institution', 'Korea')
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
    entries = _entities_from_sections(path, data)
    if entities is not None:
        entries += read_entity_table(entities)

    def words(key: str) -> list[str]:
        return [str(w) for w in (data.get(key) or [])]

    anaphors = {str(k): str(v) for k, v in (data.get("anaphor_heads") or {}).items()}
    bad = sorted(k for k, v in anaphors.items() if v not in ENTITY_TYPES)
    if bad:
        raise VoicesError(f"{path}: anaphor_heads.{bad[0]}: type must be one of {', '.join(ENTITY_TYPES)}.")
    places = {str(k): str(v) for k, v in (data.get("places") or {}).items()}
    bad = sorted(k for k, v in places.items() if v not in ENTITY_COUNTRIES)
    if bad:
        raise VoicesError(f"{path}: places.{bad[0]}: country must be one of {', '.join(ENTITY_COUNTRIES)}.")
    return VoiceTables(
        reporting_verbs=frozenset(words("reporting_verbs")),
        report_nouns={str(k): str(v) for k, v in (data.get("report_nouns") or {}).items()},
        entities=_entity_index(entries),
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
        emergence_predicates=frozenset(words("emergence_predicates")),
        passive_noun_predicates=frozenset(words("passive_noun_predicates")),
        copula_free_nouns=frozenset(words("copula_free_nouns")),
        passive_reports=frozenset(words("passive_reports")),
        generic_collectives=frozenset(words("generic_collectives")),
        generic_collective_suffixes=tuple(words("generic_collective_suffixes")),
        anaphor_heads=anaphors,
        support_nouns=frozenset(words("support_nouns")),
        issue_predicates=frozenset(words("issue_predicates")),
        intent_nouns=frozenset(words("intent_nouns")),
        intent_verbs=frozenset(words("intent_verbs")),
        plural_collectives=frozenset(words("plural_collectives")),
        places=places,
        hearsay_nouns=frozenset(words("hearsay_nouns")),
        view_suffixes=tuple(words("view_suffixes")),
        non_view_nouns=frozenset(words("non_view_nouns")),
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
    first_predicate: bool = False  # ...것으로 전망했다: the reporting verb must come first
    copula: bool = False  # ...라는 설명이다 with no owner: the previous sentence's speaker may own it
    preset: bool = False  # a nominal report whose verb is already known (...라는 뜻을 밝혔다)


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
        if (end + 2 < len(toks) and toks[end + 1].tag == "EC" and toks[end + 1].form in {"어", "아", "여"}
                and toks[end + 2].tag == "VX" and toks[end + 2].form == "지"):
            # 전하 + 어 + 지: the passive 전해지다
            lemma = lemma[:-2] + "해지다" if lemma.endswith("하다") else lemma[:-1] + "어지다"
            end += 2
        if k > 0 and toks[k - 1].tag == "JKO" and k > 1 and f"{toks[k - 2].norm} {lemma}" in tables.reporting_verbs:
            lemma = f"{toks[k - 2].norm} {lemma}"  # 입을 모으다
        if first_predicate is None:
            first_predicate = (lemma, k)
        reporting = lemma in tables.reporting_verbs or lemma in tables.passive_reports
        if reporting and (lemma not in tables.weak_verbs or first_predicate[1] == k):
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
            if opening is None or (opening == 0 and tok.form == "]"):
                break  # [단독] 과기정통부 "...": a headline's label is no part of the name
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
    """그, 그녀, 이들, or a noun after 이/그/해당/같은 (이 관계자, 같은 매체)."""
    words = toks[span[0] : span[1] + 1]
    if len(words) == 1 and words[0].tag == "NP" and words[0].form in _PRONOUNS:
        return True
    if len(words) == 2 and words[0].tag == "NP" and words[0].form in {"이", "그"} and words[1].form == "들":
        return True  # 이들, 그들 (Kiwi: 이/NP 들/XSN)
    if len(words) >= 2 and words[0].tag == "MM" and words[0].form in _ANAPHORIC_DETERMINERS:
        return True
    # 같은 매체 (Kiwi: 같/VA 은/ETM 매체): the determiner is outside the noun phrase
    return span[0] >= 2 and toks[span[0] - 1].tag == "ETM" and toks[span[0] - 2].form == "같"


def _plausible(
    text: str, toks: Sequence[Tok], span: tuple[int, int], tables: VoiceTables, spec, *, strict: bool = False
) -> bool:
    """Does the phrase look like a speaker (a known name, a title, a source word)?

    ``strict`` (an 이/가 subject, which may be the reported clause's own
    subject): in ``X의 Y`` the head ``Y`` must look like a speaker itself
    (``앤트로픽의 다리오 아모데이 CEO``, not ``딥시크의 성과``).
    """
    if _is_pronoun(toks, span):
        return True
    if strict:
        genitive = [j for j in range(span[0] + 1, span[1]) if toks[j].tag == "JKG"]
        if genitive and not _plausible(text, toks, (genitive[-1] + 1, span[1]), tables, spec):
            return False
    phrase = _phrase(text, toks, span)
    head = _head_text(phrase)
    if _ends_with(head, tables.unnamed_cues) or _ends_with(head, tables.person_titles):
        return True
    local = _retokenize(toks, span)
    mentions = [m for m in find_mentions(phrase, local, spec) if m.kind != "compound"]
    if _is_collective(phrase, local, mentions, tables):
        return True
    if _ends_with(head, tables.media_suffixes) or _known_entity(phrase, tables):
        return True
    # a body of a named country or place (독일 데이터보호청, 대만 디지털발전부, 인도 전자정보기술부)
    located = bool(mentions) or _place_words(local, tables)
    return any(
        head.endswith(re.sub(r"\s+", "", m.alias)) or m.kind == "person" for m in mentions
    ) or (located and _ends_with(head, tables.institution_suffixes))


def _place_words(local: Sequence[Tok], tables: VoiceTables) -> list[str]:
    """Country words of another country (일본, 獨) and place names (월가, 베이징) among the tokens."""
    places = tables.places or {}
    return [t.form for t in local if t.form in tables.other_countries or t.norm in tables.other_countries
            or t.form in places]


def _retokenize(toks: Sequence[Tok], span: tuple[int, int]) -> list[Tok]:
    """The tokens of a span with offsets relative to the span's start."""
    base = toks[span[0]].start
    return [
        Tok(t.form, t.tag, t.norm, t.start - base, t.end - base)
        for t in toks[span[0] : span[1] + 1]
    ]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _find_alias(squeezed: str, key: str) -> int:
    """Position of ``key`` in ``squeezed`` (a Latin alias only as a whole Latin word), or -1."""
    start = 0
    while True:
        position = squeezed.find(key, start)
        if position < 0 or not re.search(r"[a-z]", key):
            return position
        before = squeezed[position - 1 : position]
        after = squeezed[position + len(key) : position + len(key) + 1]
        if not (re.match(r"[a-z]", before) or re.match(r"[a-z]", after)):
            return position
        start = position + 1


def _known_entity(phrase: str, tables: VoiceTables) -> tuple[str, str, str, int, int] | None:
    """(name, type, country, position, length) of the longest known name or alias in the squeezed phrase."""
    squeezed = _squeeze(phrase)
    for alias, name, kind, country in tables.entities:
        key = _squeeze(alias)
        position = _find_alias(squeezed, key)
        if position >= 0:
            return name, kind, country, position, len(key)
    return None


def _is_collective(phrase: str, local: Sequence[Tok], mentions, tables: VoiceTables) -> bool:
    """Does the phrase name a generic collective (업계, 시장, 전문가들, 국내 증권가)?

    The last word (without a plural 들) is a collective word or ends with a
    collective suffix (반도체업계); an unnamed-source word in the plural
    (전문가들, 관계자들) counts too. A proper name in the phrase other than a
    country word (오세훈 시장) makes it a named speaker instead.
    """
    words = phrase.split()
    among = len(words) > 1 and words[-1] in {"사이", "내"}  # 중국 누리꾼 사이(에서는): among a group
    if among:
        words = words[:-1]
    if not words:
        return False
    country_words = ({m.alias for m in mentions if m.kind == "country"} | set(tables.other_countries)
                     | set(tables.places or {}) | set(tables.generic_collectives))
    if among and len(words) == 1 and words[0] in country_words:
        return True  # 미국 내에서는, 중국 내에서는: people in a country at large
    last = words[-1]
    plural = (last.endswith("들") and len(last) > 1) or among
    last = last[:-1] if last.endswith("들") and len(last) > 1 else last
    squeezed = _squeeze(" ".join(words))
    squeezed = squeezed[:-1] if squeezed.endswith("들") and len(squeezed) > 1 else squeezed
    collective = (
        last in tables.generic_collectives
        or any(last.endswith(suffix) for suffix in tables.generic_collective_suffixes)
        or any(" " in word and squeezed.endswith(_squeeze(word)) for word in tables.generic_collectives)
        or (plural and _ends_with(squeezed, tables.unnamed_cues))
        or (plural and _ends_with(squeezed, tables.plural_collectives))
    )
    if not collective:
        return False
    if not plural and any(t.tag == "MM" and t.form in {"한", "어느", "모"} for t in local):
        return False  # 한 투자자, 어느 업계 인사: one person, not the group
    last_at = len(" ".join(phrase.split()[: len(words) - 1]))  # the collective word itself may be NNP (벤처캐피털)
    return not any(t.tag == "NNP" and t.start < last_at and t.form not in country_words
                   and t.norm not in country_words for t in local)


def _only_a_place(text: str, toks: Sequence[Tok], span: tuple[int, int], tables: VoiceTables, spec) -> bool:
    """Is the phrase a country's or a place's name alone (미국, 日, 실리콘밸리)?"""
    phrase = _phrase(text, toks, span)
    if len(phrase.split()) != 1:
        return False
    mentions = find_mentions(phrase, _retokenize(toks, span), spec)
    return (phrase in tables.other_countries or phrase in (tables.places or {})
            or any(m.kind == "country" and _squeeze(m.alias) == _squeeze(phrase) for m in mentions))


def _describe_speaker(
    text: str, toks: Sequence[Tok], span: tuple[int, int], tables: VoiceTables, spec: StanceTargets
) -> tuple[str, str, str]:
    """(speaker, speaker_type, country) of a named (non-pronoun) speaker phrase."""
    phrase = _phrase(text, toks, span)
    local = _retokenize(toks, span)
    head = _head_text(phrase)
    last_word = _head_text(phrase.split()[-1]) if phrase.split() else head
    mentions = [m for m in find_mentions(phrase, local, spec) if m.kind != "compound"]
    entity = _known_entity(phrase, tables)
    person_alias = next((m for m in mentions if m.kind == "person"), None)
    # a title that is also an institution's ending (연구원) names a person only as a word of its
    # own (김 연구원), not at the end of a body's name (한국개발연구원)
    suffixes = set(tables.institution_suffixes)
    titled = any(head.endswith(t) and (t not in suffixes or last_word == t) for t in tables.person_titles)
    certain = any(t.tag == "MM" and t.form in {"한", "어느", "모"} for t in local)  # 한 관계자, 어느 매체
    if _is_collective(phrase, local, mentions, tables):
        kind, speaker = "unattributed", phrase
    elif _ends_with(head, tables.unnamed_cues):
        kind, speaker = "person", phrase  # 한 관계자, 업계 관계자: a person whose name is withheld
    elif titled or person_alias is not None or (entity and entity[1] == "person"):
        kind = "person"
        if person_alias is not None and not certain:
            speaker = person_alias.alias
        elif entity and entity[1] == "person" and not certain:
            speaker = entity[0]
        else:
            speaker = phrase
    elif (entity and entity[1] == "media") or _ends_with(head, tables.media_suffixes):
        kind, speaker = "media", entity[0] if entity and entity[1] == "media" else phrase
    elif entity or mentions or _ends_with(head, tables.institution_suffixes):
        kind, speaker = "institution", phrase
    elif certain:
        kind, speaker = "person", phrase
    elif all(t.tag == "NNP" for t in local) and re.fullmatch(r"[\uac00-\ud7a3]{2,4}", head):
        kind, speaker = "person", phrase
    else:
        kind, speaker = "institution", phrase
    return speaker, kind, _country(phrase, local, mentions, entity, kind, tables)


def _country(
    phrase: str, local: Sequence[Tok], mentions, entity, kind: str, tables: VoiceTables
) -> str:
    # a nationality word (중국인 연구원) outranks an employer (미 기업 소속)
    demonyms = [m for m in mentions if m.kind == "country" and m.alias.endswith(("인", "계"))]
    if demonyms:
        return TARGET_COUNTRY.get(demonyms[0].targets[0], "other")
    squeezed = _squeeze(phrase)
    if entity is not None:
        # a longer target alias around the name wins (미 국방부, 中 외교부 in targets.yaml)
        wider = [m for m in mentions if len(_squeeze(m.alias)) > entity[4]
                 and _find_alias(_squeeze(m.alias), squeezed[entity[3]: entity[3] + entity[4]]) >= 0]
        if wider:
            return TARGET_COUNTRY.get(wider[0].targets[0], "other")
        # a country word before the body's name says where it is (중국 알리바바, 주한 미국대사관)
        before = squeezed[: entity[3]]
        qualifiers = [(_find_alias(before, _squeeze(m.alias)), TARGET_COUNTRY.get(m.targets[0], "other"))
                      for m in mentions if m.kind == "country"]
        qualifiers += [(_find_alias(before, _squeeze(w)), "other") for w in tables.other_countries if len(w) > 1]
        qualifiers = [q for q in qualifiers if q[0] >= 0]
        if qualifiers:
            return max(qualifiers)[1]
        return ENTITY_COUNTRIES[entity[2]]
    places = tables.places or {}
    # a word of another country or a place before the first target word says whose body it is:
    # 日 정부, 호주 정부, 영국 정부 관계자 (정부 alone is Korea's), 월가 애널리스트들
    located = [(t.start, ENTITY_COUNTRIES[places[t.form]] if t.form in places else "other")
               for t in local if t.form in places or t.form in tables.other_countries
               or t.norm in tables.other_countries]
    if mentions:
        first = min(mentions, key=lambda m: m.start)
        if located and located[0][0] < first.start and not any(m.kind == "country" for m in mentions):
            return located[0][1]
        return TARGET_COUNTRY.get(first.targets[0], "other")
    if located:
        return located[0][1]
    words = {t.norm for t in local} | {t.form for t in local}
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
        # "...”는 게 박 교수의 판단이다 / "...” 한 스타트업 대표의 말이다: the owner of the report noun speaks
        owned = None
        if double and marker_tok is not None:
            # after a closing quote the 다 of 다는 stays inside it: "...않았다"는 게
            if marker_tok.tag == "ETM" and (marker_tok.form.endswith(_CONTENT_ETM) or marker_tok.form == "는") \
                    and k + 1 < n and toks[k + 1].tag == "NNB" and toks[k + 1].form in {"것", "거"}:
                owned = _report_owner(toks, _skip_particles(toks, k + 2), tables)
            elif not is_marker:
                owned = _report_owner(toks, k, tables)
        if owned is not None and (owned[1] + 1 >= n or toks[owned[1] + 1].tag in {"VCP", "SF"}):
            owner, noun = owned
            voices.append(_Voice(quote, "direct", k, open_ + 1, verb=tables.report_nouns[toks[noun].norm],
                                 verb_at=noun, speaker_span=owner))
        elif is_marker:
            voices.append(_Voice(quote, "direct", k, open_ + 1))
        elif (
            double and marker_tok is not None and marker_tok.tag == "ETM"
            and marker_tok.form.endswith(_CONTENT_ETM) and k + 1 < n and toks[k + 1].norm in tables.report_nouns
        ):
            voices.append(_Voice(quote, "direct", k, open_ + 1, verb=tables.report_nouns[toks[k + 1].norm], verb_at=k + 1))
        elif double and re.search(r"[다요죠까][.!?…]*$|[.!?]$", quote) or (double and open_ > 0 and close == n - 1) \
                or (double and open_ > 0 and close + 1 < n and toks[close + 1].tag == "SE"
                    and any(t.tag.startswith(("J", "E", "V", "XSV", "XSA")) or (t.tag == "XSN" and t.form == "적")
                            for t in toks[open_ + 1 : close])):
            # a headline: 엔비디아 "충격은 제한적"…주가 반등 (a clause, not a term in quotes: "딥시크 쇼크"…)
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
        elif tok.tag == "NNB":
            voice = _expected_voice(toks, k)
            if voice is not None:
                voices.append(voice)
    return voices


def _predicate_after(toks: Sequence[Tok], k: int, *, reach: int = 4) -> tuple[str | None, int]:
    """Lemma and index of the first predicate in ``toks[k:k+reach]`` (나오다, 제기되다, 지배적이다)."""
    for j in range(k, min(k + reach, len(toks))):
        tok = toks[j]
        if tok.tag.startswith(("E", "S")):
            break
        if tok.tag == "NNG" and j + 2 < len(toks) and toks[j + 1].tag == "XSN" and toks[j + 2].tag == "VCP":
            return f"{tok.norm}{toks[j + 1].form}이다", j  # 지배적이다
        found = _predicate_at(toks, j)
        if found is None and tok.tag == "XR" and j + 1 < len(toks) and toks[j + 1].tag == "XSA":
            found = (tok.norm + toks[j + 1].form + "다", j + 1)  # 만만 + 하 (만만치 않다)
        if found is not None:
            lemma, end = found
            if (end + 2 < len(toks) and toks[end + 1].tag == "EC" and toks[end + 1].form == "지"
                    and toks[end + 2].tag == "VX" and toks[end + 2].form == "않"):
                return f"{lemma[:-1]}지 않다", j  # 적지 않다, 끊이지 않다
            return lemma, j
    return None, -1


_OWNER_TAGS = frozenset({"NNG", "NNP", "SL", "SN", "XSN", "NP"})
_OWNER_NNB = frozenset({"측"})  # 회사 측, 정부 측
_MODIFIER_TAGS = frozenset({"NNG", "XSV", "XSA", "XSN", "VCP", "VA", "VV", "MAG"})


def _report_owner(toks: Sequence[Tok], m: int, tables: VoiceTables) -> tuple[tuple[int, int], int] | None:
    """The owner of a report noun from token ``m``: ``업계의 설명``, ``한 스타트업 대표의 말``,
    ``전문가들의 공통된 시각`` (a determiner may open the owner, an adnominal modifier may
    stand before the noun). Returns the owner's token span and the report noun's index."""
    n = len(toks)
    start = m + 1 if m < n and toks[m].tag == "MM" else m  # 한, 이, 그
    end = start
    while end < n and end - start < 6 and (toks[end].tag in _OWNER_TAGS or toks[end].form in _OWNER_NNB):
        end += 1
    if start < end < n and toks[end].tag != "JKG" and end - 1 > start and toks[end - 1].norm in tables.report_nouns \
            and toks[end - 1].tag == "NNG" and toks[end].tag in {"VCP", "SF"}:
        return (m, end - 2), end - 1  # ...라는 게 회사 측 설명이다: an owner written without 의
    if not (start < end < n and toks[end].tag == "JKG"):
        return None
    noun = end + 1
    modifier = noun
    while modifier < n and modifier - noun < 4 and toks[modifier].tag in _MODIFIER_TAGS:
        modifier += 1
    if noun < modifier < n and toks[modifier].tag == "ETM":
        noun = modifier + 1
    if noun < n and toks[noun].norm in tables.report_nouns:
        return (m, end - 1), noun
    return None


def _nominal_report(toks: Sequence[Tok], k: int, tables: VoiceTables) -> _Voice | None:
    """``...라는 분석이다``, ``...라는 관측이 나온다``, ``...라는 게 업계의 설명이다``.

    After the report noun: the copula (``분석이다``: a report whose speaker is
    looked for, none found is an unattributed claim, or the claim of the
    speaker of the sentence before: see :func:`voices_from_views`), the noun
    as subject of a predicate of emergence (``관측이 나온다``, ``목소리가
    높다``, ``우려도 적지 않다``), as the place of support (``관측에 무게가
    실린다``) or as object of ``받다`` (``평가를 받는다``): an unattributed
    claim, its speaker only a group ``X에서는``; or the noun as object of a
    verb that puts a view out or reports (``분석을 내놨다``, ``입장을
    고수했다``): the verb's subject is the speaker. After ``...는 게`` an owner
    may be written without 의 (``회사 측 설명이다``) or be left out behind a
    modifier (``대체적인 평가다``). A noun of intent (``...하겠다는 뜻을
    밝혔다``) is a voice only as object of an intent verb. Anything else
    (``...라는 평가에 동의한다``, ``...라는 분석을 뒷받침한다``) is no voice.
    """
    n, m, owner = len(toks), k + 1, None
    after_thing = m < n and toks[m].tag == "NNB" and toks[m].form in {"것", "거"}
    if after_thing:
        m = _skip_particles(toks, m + 1)
        found = _report_owner(toks, m, tables)
        if found is not None:
            owner, m = found
        else:
            m = _skip_modifier(toks, m, tables)  # ...라는 게 대체적인 평가다
    if m < n and toks[m].norm in tables.intent_nouns and not after_thing:
        # ...하겠다는 뜻을 밝혔다, ...한다는 방침을 재확인했다
        if m + 1 < n and toks[m + 1].tag == "JKO":
            predicate, at = _predicate_after(toks, m + 2)
            if predicate in tables.intent_verbs:
                return _Voice("", "indirect", k, -1, verb=predicate, verb_at=at, preset=True)
        return None
    if m >= n:
        return None
    noun = toks[m].norm
    if (toks[m].tag == "NNG" and m + 1 < n and toks[m + 1].tag == "XSN"
            and toks[m + 1].form in tables.view_suffixes and noun + toks[m + 1].form not in tables.non_view_nouns):
        noun = noun + toks[m + 1].form  # 회의 + 론, 자성 + 론 (Kiwi splits the suffix of a view)
        m += 1
    elif noun not in tables.report_nouns:
        return None
    if m + 2 < n and toks[m + 1].tag == "JKG" and toks[m + 2].norm in tables.report_nouns:
        m += 2  # ...라는 우려의 목소리가 나온다: the second noun carries the predicate
    verb = tables.report_nouns.get(noun, "주장하다")
    voice = _Voice("", "indirect", k, -1, verb=verb, verb_at=m,
                   speaker_span=owner, anonymous=owner is None)
    after = m + 1
    if after < n and toks[after].tag == "VCP":
        voice.copula = owner is None
        if owner is None and noun in tables.hearsay_nouns:
            voice.no_speaker = True  # ...다는 후문이다: hearsay, the topic of the sentence is not its source
        return voice if (owner is not None or noun not in tables.copula_free_nouns) else None
    if owner is not None:
        return voice
    if after < n and toks[after].tag in {"JKS", "JX"}:
        predicate, _ = _predicate_after(toks, after + 1)
        if predicate in tables.emergence_predicates:
            voice.no_speaker = True  # ...라는 관측이 나온다: the topic is not its speaker
            return voice
        return None
    if (after + 2 < n and toks[after].tag == "JKB" and toks[after].form == "에"
            and toks[after + 1].norm in tables.support_nouns and toks[after + 2].tag in {"JKS", "JX"}):
        predicate, _ = _predicate_after(toks, after + 3)
        if predicate in tables.emergence_predicates:
            voice.no_speaker = True  # ...라는 관측에 무게가 실린다
            return voice
        return None
    if after < n and toks[after].tag == "JKO":
        predicate, _ = _predicate_after(toks, after + 1)
        if predicate in tables.passive_noun_predicates:
            voice.no_speaker = True  # ...라는 평가를 받는다
            return voice
        if predicate is not None and (predicate in tables.issue_predicates or predicate in tables.reporting_verbs):
            voice.anonymous = False  # ...라는 분석을 내놨다: the subject of 내놓다 speaks
            return voice
    return None


def _skip_modifier(toks: Sequence[Tok], m: int, tables: VoiceTables) -> int:
    """The report noun after an adnominal modifier (``대체적인``, ``일반적인``, ``공통된``), or ``m``."""
    j = m
    while j < len(toks) and j - m < 4 and toks[j].tag in _MODIFIER_TAGS:
        j += 1
    if m < j and j + 1 < len(toks) and toks[j].tag == "ETM" and toks[j + 1].norm in tables.report_nouns:
        return j + 1
    return m


def _expected_voice(toks: Sequence[Tok], k: int) -> _Voice | None:
    """``...ㄹ 것으로 전망했다`` / ``...한 것으로 알려졌다``: the marker is 으로 after 것."""
    if (toks[k].tag == "NNB" and toks[k].form in {"것", "거"} and k > 0 and toks[k - 1].tag == "ETM"
            and k + 1 < len(toks) and toks[k + 1].tag == "JKB" and toks[k + 1].form in {"으로", "로"}):
        return _Voice("", "indirect", k + 1, -1, first_predicate=True)
    return None


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
        maker = _source_maker(toks, first) if toks[last].norm in tables.source_heads else None
        if toks[last].tag == "SSC" and last > first:  # 과기정통부 '실태조사'에 따르면 → 과기정통부
            opening = max((j for j in range(first, last) if toks[j].tag == "SSO"), default=first)
            last = opening - 1 if opening > first else last
        while last > first and toks[last].norm in tables.source_heads:
            last -= 1
            if last > first and toks[last].tag == "JKG":
                last -= 1
        if maker is not None:
            first, last = maker  # 골드만삭스가 낸 보고서에 따르면, X가 입수한 내부 문건에 따르면 → X
        rest = text[toks[k + 1].end :].strip(" ,")
        voice = _Voice(rest, "according_to", k + 1, k + 2, verb=tok.norm, verb_at=k, speaker_span=(first, last))
        voices.append(voice)
    return voices


def _source_maker(toks: Sequence[Tok], head: int) -> tuple[int, int] | None:
    """``X가 낸/발표한/공개한 보고서``: the span of X, who made the source ``toks[head]``."""
    etm = head - 1
    if etm < 2 or toks[etm].tag != "ETM":
        return None
    verb = etm - 1
    if toks[verb].tag in grammar.PREDICATE_SUFFIX_TAGS and verb > 1:
        verb -= 1  # 발표 + 하 + ᆫ
    elif toks[verb].tag not in grammar.PREDICATE_TAGS:
        return None
    particle = verb - 1
    if toks[particle].tag not in {"JKS", "JKG"} and not (toks[particle].tag == "JX" and toks[particle].form in {"은", "는"}):
        return None
    return _speaker_np(toks, particle)


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
            if voice.first_predicate and at != main_at:
                continue  # ...것으로 예상되며 정부는 ...고 밝혔다: 밝히다 is not this clause's verb
            if verb is not None:
                voice.verb, voice.verb_at = verb, at
            elif voice.kind == "direct" or toks[voice.marker].form.endswith(_CHAIN_FORMS):
                voice.verb, voice.verb_at = main, main_at
    kept_indirect = []
    for voice in indirect:
        if voice.verb is None:
            continue
        if voice.verb in tables.passive_reports:
            voice.no_speaker = voice.anonymous = True  # ...것으로 알려졌다: said by no one named
        elif (voice.verb not in tables.reporting_verbs and voice.verb not in tables.report_nouns.values()
              and not voice.preset and not toks[voice.marker].form.endswith(_QUOTATIVE_CHAIN)):
            continue  # (...다며 조사에 착수했다: -다며 reports what the subject said, whatever the verb)
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
                if head is not None and (head[0] == 0 or toks[head[0] - 1].tag in {"SP", "SE"}
                                         or (toks[head[0] - 1].tag == "SSC" and toks[head[0] - 1].form == "]")):
                    span = head
                    first.standalone = False
        if span is None and first.no_speaker:
            span = _group_source(toks, pairs, first.marker)
        if span is None and not first.no_speaker:
            limit = (first.content_start - 1) if first.kind == "direct" else first.marker
            subject_ok = first.kind == "direct" or first.verb in tables.self_report_verbs
            candidates = _speaker_candidates(toks, pairs, 0, limit, subject_ok=subject_ok)
            plausible = [c for c in candidates if _plausible(text, toks, c[:2], tables, spec, strict=not c[2])]
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
    entities: str | Path | None = None,
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
    entities : path-like, optional
        Your own table of people, institutions and media with their country
        (YAML sections or a TSV/CSV ``name, type, country, aliases``; see
        :func:`read_entity_table`), added to the entity table of the voices
        file; its entries win. Not with a ``VoiceTables`` object (load it with
        :func:`load_voice_tables` ``(..., entities=...)``).

    Returns
    -------
    pandas.DataFrame
        One row per voice: ``sent_id, doc_id, speaker, speaker_type`` (person,
        institution, media, unattributed, or unknown when a quoted speaker is
        not found), ``country`` (US, China, Korea, other, unknown), ``verb``
        (lemma, ``<NA>`` for a headline quotation), ``quote``, ``kind``
        (direct, indirect, according_to), ``attributed`` (``yes``, or ``no``
        for an unattributed claim, as in ``data/manual_voices.csv``),
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
    if isinstance(tables, VoiceTables):
        if entities is not None:
            raise VoicesError("entities= needs the voices file, not a loaded VoiceTables: "
                              "use load_voice_tables(path, entities=...).")
    elif tables is None and entities is None:
        tables = _default_tables()
    else:
        tables = load_voice_tables(tables, entities=entities)
    spec = as_targets(targets)
    if tokens is None:
        tokens = _tokens_for(sentences)
    return voices_from_views(sentences, sentence_views(sentences, tokens), tables=tables, targets=spec)


def _anaphor_type(text: str, toks: Sequence[Tok], span: tuple[int, int], tables: VoiceTables) -> str | None:
    """The speaker type an anaphor points back to: 그 → person, 이 회사 → institution, 이 매체 → media."""
    words = toks[span[0] : span[1] + 1]
    if len(words) == 1 and words[0].form in {"그", "그녀"}:
        return "person"
    head = _head_text(_phrase(text, toks, span))
    for noun, kind in sorted(tables.anaphor_heads.items(), key=lambda item: (-len(item[0]), item[0])):
        if head.endswith(noun):
            return kind
    if _ends_with(head, tables.person_titles) or _ends_with(head, tables.unnamed_cues):
        return "person"
    return None


def _member_of_anaphor(text: str, toks: Sequence[Tok], span: tuple[int, int], tables: VoiceTables) -> str | None:
    """``이 회사 관계자``, ``해당 매체 기자``: a person of the body an anaphor points back to.

    Returns the body's type (institution or media) when the phrase is an
    anaphoric determiner, an anaphor noun of a body and then a person's title
    or a source word; the speaker is then a new person, not the body itself.
    """
    words = toks[span[0] : span[1] + 1]
    if len(words) < 3 or words[0].tag != "MM" or words[0].form not in _ANAPHORIC_DETERMINERS:
        return None
    head = _head_text(_phrase(text, toks, span))
    body = _head_text(_phrase(text, toks, (span[0], span[1] - 1)))
    if not (_ends_with(head, tables.person_titles) or _ends_with(head, tables.unnamed_cues)):
        return None
    for noun, kind in sorted(tables.anaphor_heads.items(), key=lambda item: (-len(item[0]), item[0])):
        if kind in {"institution", "media"} and body.endswith(noun):
            return kind
    return None


_SPEAKER_KEYS = ("speaker", "speaker_type", "country")


def voices_from_views(
    sentences: pd.DataFrame,
    views: Sequence[SentenceView],
    *,
    tables: VoiceTables,
    targets: StanceTargets,
) -> pd.DataFrame:
    """:func:`extract_voices` on sentence views already built (see :mod:`analysis.sentences`).

    Speakers carry over between sentences of one document, read in
    ``sent_id`` order: ``said`` keeps, per document, the attributed voices so
    far (sentence position and speaker); a pronoun or anaphor takes the last
    of its type (any type when none matches, and a person named in between
    for 그/그녀), a reporting sentence without a speaker the last one when it
    is at most :data:`CONTINUATION_SENTENCES` back.
    """
    spec = targets
    grouped = {view.sent_id: view.toks for view in views}
    ordered = sentences.assign(_doc=sentences["doc_id"] if "doc_id" in sentences.columns else "")
    ordered = ordered.sort_values(["_doc", "sent_id"], kind="stable")
    rows: list[dict] = []
    said: dict[str, list[tuple[int, dict]]] = {}
    last_person: dict[str, tuple[int, dict]] = {}
    pending_standalone: list[dict] = []
    for position, (sent_id, doc_id, text) in enumerate(
        zip(ordered["sent_id"], ordered["_doc"], ordered["text"])
    ):
        text = str(text)
        toks = grouped.get(sent_id, [])
        if not toks:
            continue
        history = said.setdefault(doc_id, [])
        found = _sentence_voices(text, toks, tables, spec)
        people = [m for m in find_mentions(text, toks, spec) if m.kind == "person"]
        # a standalone quotation waits for "이같이 말했다" in the next sentence
        if pending_standalone and pending_standalone[0]["doc_id"] == doc_id and not found:
            attribution = _this_way_speaker(text, toks, tables, spec)
            if attribution is not None:
                attributed = "no" if attribution["speaker_type"] == "unattributed" else "yes"
                for row in pending_standalone:
                    row.update(attribution, resolution="named", attributed=attributed)
                if attributed == "yes":
                    history.append((position, {k: attribution[k] for k in _SPEAKER_KEYS}))
        pending_standalone = []
        for voice, span in found:
            row = {"sent_id": sent_id, "doc_id": doc_id, "verb": voice.verb, "quote": voice.quote, "kind": voice.kind}
            if span is not None and not _is_pronoun(toks, span):
                speaker, kind, country = _describe_speaker(text, toks, span, tables, spec)
                if voice.no_speaker and _only_a_place(text, toks, span, tables, spec):
                    kind = "unattributed"  # 미국에서는 ...라는 주장이 나온다: a place, not a speaker
                row.update(speaker=speaker, speaker_type=kind, country=country,
                           attributed="no" if kind == "unattributed" else "yes",
                           speaker_phrase=_phrase(text, toks, span), resolution="named")
                if kind != "unattributed":
                    history.append((position, {k: row[k] for k in _SPEAKER_KEYS}))
            elif (span is None and voice.copula and not voice.no_speaker and history
                  and history[-1][0] == position - 1):
                # 김 교수는 ...고 말했다. ...라는 설명이다: the claim of the speaker just quoted
                row.update(history[-1][1], attributed="yes", speaker_phrase=pd.NA, resolution="continuation")
                history.append((position, dict(history[-1][1])))
            elif span is None and (voice.no_speaker or voice.anonymous):
                # ...라는 관측이 나온다, ...것으로 알려졌다: a claim no one is named for
                row.update(speaker=pd.NA, speaker_type="unattributed", country="unknown", attributed="no",
                           speaker_phrase=pd.NA, resolution="none")
            elif span is not None and (body := _member_of_anaphor(text, toks, span, tables)) is not None:
                # 이 회사 관계자는: a new person, with the country of the body named before
                named = next((spk for _, spk in reversed(history) if spk["speaker_type"] == body), None)
                phrase = _phrase(text, toks, span)
                row.update(speaker=phrase, speaker_type="person",
                           country=named["country"] if named is not None else "unknown", attributed="yes",
                           speaker_phrase=phrase, resolution="pronoun" if named is not None else "none")
                history.append((position, {k: row[k] for k in _SPEAKER_KEYS}))
            else:
                previous = None
                if span is not None:
                    wanted = _anaphor_type(text, toks, span, tables)
                    previous = next((spk for _, spk in reversed(history) if spk["speaker_type"] == wanted), None)
                    if previous is None and history:
                        previous = history[-1][1]
                    person_at, person = last_person.get(doc_id, (-1, None))
                    if wanted in {"person", None} and person is not None and person_at > (
                            history[-1][0] if history else -1):
                        previous = person  # 그는: a person named since the last voice
                elif history and position - history[-1][0] <= CONTINUATION_SENTENCES:
                    previous = history[-1][1]
                phrase = _phrase(text, toks, span) if span is not None else pd.NA
                if previous is not None:
                    row.update(previous, attributed="yes", speaker_phrase=phrase,
                               resolution="pronoun" if span is not None else "continuation")
                    history.append((position, dict(previous)))
                else:
                    # someone is quoted, but the rules do not find who
                    row.update(speaker=pd.NA, speaker_type="unknown", country="unknown", attributed="yes",
                               speaker_phrase=phrase, resolution="none")
                if voice.standalone:
                    pending_standalone.append(row)
            rows.append(row)
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
