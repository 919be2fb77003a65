"""Korean grammar facts shared by every stage (as spaCy's ``lang/ko``).

Kiwi's tag set (Sejong, with Kiwi's additions), the base of its irregular
tags, how a predicate's dictionary form (lemma) is built, quotation marks,
clause endings and particles. Tokenizing, counting, framing, tone, stance
and voices all read these from here, so they cannot disagree about what a
predicate or a quotation is. Word lists that decide a *code* (negators,
reporting verbs, aliases ...) are instruments and live in ``analysis/data/``.
"""

from __future__ import annotations

import re
import unicodedata

# ---------------------------------------------------------------------------
# Tags
# ---------------------------------------------------------------------------

#: Kiwi marks irregular conjugations with a suffix: ``VV-R``, ``VA-I``. The
#: base tag (``VV``) is what every rule tests.
IRREGULAR_SUFFIXES = ("R", "I")

#: Content predicates: verbs and adjectives.
PREDICATE_TAGS = frozenset({"VV", "VA"})
#: Predicate stems: verbs, adjectives and auxiliaries (않, 있 of -고 있다); the lemma is stem + 다.
PREDICATE_STEM_TAGS = PREDICATE_TAGS | {"VX"}
#: The copula 이다 (VCP) and its negation 아니다 (VCN).
COPULA_TAGS = frozenset({"VCP", "VCN"})
#: Verb- and adjective-forming suffixes: the 하 of 성공하다 (XSV) and of 중요하다 (XSA).
PREDICATE_SUFFIX_TAGS = frozenset({"XSV", "XSA"})
#: Tags whose dictionary form ends in 다 (verbs, adjectives, auxiliaries, the
#: copula and its negation, verb- and adjective-forming suffixes).
LEMMA_TAGS = PREDICATE_STEM_TAGS | COPULA_TAGS | PREDICATE_SUFFIX_TAGS
#: The tags Kiwi gives the 하/되 that makes a noun a predicate: a suffix when it
#: is written onto the noun (성공하다, 중요하다), a verb or an auxiliary when it
#: stands apart (성공을 못 했다).
LIGHT_VERB_TAGS = PREDICATE_SUFFIX_TAGS | {"VV", "VX"}
#: General and proper nouns.
COMMON_AND_PROPER_NOUN_TAGS = frozenset({"NNG", "NNP"})
#: Nouns that can carry an evaluation (general and proper nouns, roots).
NOUN_TAGS = COMMON_AND_PROPER_NOUN_TAGS | {"XR"}
#: Tags that can belong to a noun phrase.
NOMINAL_TAGS = frozenset({"NNG", "NNP", "NNB", "NR", "NP", "SL", "SH", "SN", "XSN", "XPN", "XR", "MM"})
#: Adverbs: general (MAG: 매우, 못) and conjunctive (MAJ: 하지만).
ADVERB_TAGS = frozenset({"MAG", "MAJ"})
#: Punctuation and symbols (not numbers, foreign words or Chinese characters).
#: ``SS`` is the quotation-mark tag of Kiwi before 0.15, which now tags
#: opening and closing marks ``SSO`` and ``SSC``.
PUNCTUATION_TAGS = frozenset({"SF", "SP", "SS", "SE", "SO", "SW", "SSO", "SSC", "SB"})
#: Kiwi's tag of serial numbers (010-1234-5678, 2024-01-27): neither a word nor punctuation.
SERIAL_TAGS = frozenset({"W_SERIAL"})
#: What the supervised layer's morpheme features leave out (the shipped models
#: were trained without serial numbers as well as punctuation).
PUNCTUATION_OR_SERIAL_TAGS = PUNCTUATION_TAGS | SERIAL_TAGS
#: Content words, the default of what a document-feature matrix counts:
#: general and proper nouns, verbs, adjectives, roots (XR, e.g. 심각 in
#: 심각하다) and foreign words written in Latin letters (SL, e.g. ``AI``),
#: compared by base tag (``VV-I`` counts as ``VV``).
CONTENT_TAGS: tuple[str, ...] = ("NNG", "NNP", "VV", "VA", "XR", "SL")
#: Derivational suffixes that turn a noun into a predicate (성공 + 하 → 성공하다).
PREDICATE_SUFFIXES = frozenset({"하", "되", "스럽", "롭", "시키", "당하", "받"})
#: Endings of predicates derived from a noun, longest meaningful first.
DERIVED_VERB_ENDINGS = ("하다", "되다", "시키다")
#: Endings a lexicon lemma may be stripped of to find its noun stem.
STEM_ENDINGS = ("하다", "되다", "스럽다", "롭다")


def base_tag(tag: str) -> str:
    """The tag without Kiwi's irregular-conjugation suffix.

    Examples
    --------
    >>> base_tag("VA-I"), base_tag("VV-R"), base_tag("NNG")
    ('VA', 'VV', 'NNG')
    """
    return tag.split("-", 1)[0]


def lemma(form: str, tag: str, norm: str | None = None) -> str:
    """The dictionary form of a token: ``norm`` when Kiwi gave one, stem + 다 for a predicate.

    Kiwi's lemma of an irregular predicate may be the bare stem (``놀랍``); a
    predicate's lemma always ends in 다.

    Examples
    --------
    >>> lemma("놀랍", "VA-I", "놀랍"), lemma("성공", "NNG"), lemma("하", "XSV", "하다")
    ('놀랍다', '성공', '하다')
    """
    text = norm if isinstance(norm, str) and norm else form
    if base_tag(tag) in LEMMA_TAGS and not text.endswith("다"):
        return form + "다"
    return text


def text_key(text: str) -> str:
    """Comparison key of a word or alias: NFC, no white space, Latin letters casefolded.

    Examples
    --------
    >>> text_key("Deep Seek")
    'deepseek'
    """
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", str(text))).casefold()


# ---------------------------------------------------------------------------
# Quotation marks
# ---------------------------------------------------------------------------

#: Opening → closing mark of double quotations (direct speech).
DOUBLE_QUOTES = {"“": "”", '"': '"', "「": "」", "『": "』", "＂": "＂", "″": "″"}
#: Opening → closing mark of single quotations (terms, titles, and speech before 라고).
SINGLE_QUOTES = {"‘": "’", "'": "'"}
QUOTE_PAIRS = {**DOUBLE_QUOTES, **SINGLE_QUOTES}
#: Every double quotation mark, opening or closing.
DOUBLE_QUOTE_MARKS = frozenset(DOUBLE_QUOTES) | frozenset(DOUBLE_QUOTES.values())
#: Characters stripped from a written word to compare it with a word list.
WORD_STRIP = " \t\"'“”‘’「」『』()[]{}<>《》〈〉,.·…!?;:"

_DOUBLE_QUOTE_PATTERNS = tuple(
    re.compile(re.escape(opening) + r"([^" + re.escape(closing) + r"]*)" + re.escape(closing))
    for opening, closing in DOUBLE_QUOTES.items()
)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside double quotation marks (“...”, "...", 「...」), sorted.

    Examples
    --------
    >>> quote_spans('그는 “좋다”고 했다')
    [(4, 6)]
    """
    spans = []
    for pattern in _DOUBLE_QUOTE_PATTERNS:
        spans.extend((m.start(1), m.end(1)) for m in pattern.finditer(text))
    return sorted(spans)


# ---------------------------------------------------------------------------
# Endings and particles
# ---------------------------------------------------------------------------

#: Connective endings that close a clause (-지만, -는데, -고, -며, -면 ...).
CLAUSE_ENDINGS = frozenset(
    {
        "지만", "는데", "ᆫ데", "ㄴ데", "은데", "는데도", "ᆫ데도", "은데도", "나", "으나", "며",
        "으며", "면서", "으면서", "고", "어서", "아서", "여서", "니까", "으니까", "므로",
        "으므로", "면", "으면", "더니", "다가", "자", "거나", "든지", "어도", "아도", "여도",
        "더라도", "도록", "다고", "라고", "냐고", "자고", "다며", "라며", "냐며", "자며",
        "다면서", "라면서", "다면", "라면", "으면서도", "면서도", "지마는", "듯", "듯이",
        "려면", "으려면", "려고", "으려고", "자마자", "다시피",
    }
)
#: Connective endings that end a reported clause (-다고 말했다, -라며 ...).
QUOTATIVE_ENDINGS = frozenset(
    {"다고", "라고", "냐고", "자고", "다며", "라며", "냐며", "자며", "다면서", "라면서", "며", "으며"}
)
#: Ending suffixes of an indirect quotation before a reporting verb.
INDIRECT_ENDINGS = ("다고", "라고", "냐고", "자고", "다며", "라며", "냐며", "자며", "다면서", "라면서")
#: Adnominal endings of a content clause (...했다는 의혹, ...라는 분석).
CONTENT_CLAUSE_ENDINGS = ("다는", "라는", "냐는", "자는", "다던", "라던")
#: Endings that chain quotations: "A"며 "B"라고 말했다.
QUOTE_CHAIN_ENDINGS = ("며", "라며", "이라며", "면서", "라면서", "이라면서")
#: Connectives that break a clause chain before a reporting verb (not quotative).
CHAIN_BREAKS = frozenset(
    {"지만", "는데", "ᆫ데", "은데", "으나", "나", "고", "어서", "아서", "여서", "니까", "으니까", "므로",
     "으므로", "면", "으면", "거나", "더라도", "어도", "아도"}
)
#: Nouns of contrast that open a clause (반면).
CONTRAST_NOUNS = frozenset({"반면", "반면에"})
#: Auxiliary particles that mark a topic or subject (은/는/도/만 ...).
SUBJECT_PARTICLES = frozenset({"은", "는", "도", "만", "까지", "조차", "마저", "ᆫ"})
#: Topic particles that mark a speaker (은/는/도).
TOPIC_PARTICLES = frozenset({"은", "는", "도", "ᆫ"})
#: Adverbial particles of the dative (에/에게/한테 ...).
DATIVE_PARTICLES = frozenset({"에", "에게", "한테", "께", "에게서"})
