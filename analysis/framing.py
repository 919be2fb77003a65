"""Frames and treatment recommendations, coded per sentence from the codebook.

The codebook (``analysis/data/codebook.yaml``) holds every frame's definition
and the machine indicators that approximate it; this module holds no frame
vocabulary of its own, so changing the YAML changes the coding. The steps:

1. :func:`load_codebook` reads and validates the YAML into a :class:`Codebook`
   (errors name the file and the entry, e.g. ``frames[rivalry].indicators[2]``).
2. :func:`code_frames` applies it to the ``sentences`` and ``tokens`` tables
   of :mod:`analysis.tokenize` and returns one row per sentence: a 0/1 column
   ``frame_<id>`` per frame, ``prescription`` (0/1), ``addressee`` and the
   evidence (matched terms with character positions in the sentence).
3. The summary tables built on the coded rows (:func:`analysis.summaries.frame_prominence`
   and the others) live in :mod:`analysis.summaries`.

The rule language
-----------------
A *term* is one of

* a string, matched against the ``norm`` of tokens: ``패권``. Latin letters
  are compared case-insensitively and spaces are ignored. A string also
  matches a run of up to six consecutive tokens whose norms spell it
  (``기술패권`` matches ``기술`` + ``패권``, ``견제하다`` matches ``견제`` +
  ``하``), and a noun stem matches its ``-하다/-되다/-시키다`` verb when the
  tokenizer keeps that as one token (``시급`` matches ``시급하다``). It does not
  match a noun that goes on with a derivational suffix other than ``들`` or
  ``적`` (``투자`` does not match ``투자`` + ``자``). ``중/NNP`` restricts the
  token's tag (a regular expression over Kiwi's tags).
* a list of strings, a sequence of consecutive tokens: ``[수출, 통제]``.
  Only joining punctuation (``·``, ``ㆍ``, ``-``, ``/``) may stand between
  them, so ``[미, 중]`` matches ``미중`` and ``미·중``.
* ``{regex: ...}``, a regular expression over the sentence text, for what
  morphology cannot express (``미\\s*[·ㆍ]\\s*중``).
* ``"@name"``, every term of the codebook's ``term_sets[name]``.

A frame has ``indicators``, a list of rules; the frame is coded 1 when any
rule fires and no ``exclude_if`` term occurs in the sentence. Rules:

* ``any_of: [terms]`` fires when one of the terms occurs.
* ``all_of: [[terms], [terms], ...]`` fires when every group has a term in
  the sentence, at different places; ``within: n`` also requires them to
  start at most ``n`` tokens apart.
* ``prescribed_to: [labels]`` fires when the sentence is a prescription whose
  addressee is one of the labels.

Options of any rule: ``unless: [terms]`` drops the occurrences that lie inside
one of these (``정부`` inside ``중국 정부``); ``not_with: [terms]`` stops the
rule when one of these occurs anywhere in the sentence; ``name`` labels the
rule in the documentation.

Prescriptions are morpheme patterns (``prescription.patterns``): sequences of
token tests with keys ``form``, ``tag``, ``norm``, ``not_form`` (regular
expressions matched against the whole value), ``optional`` (the test may be
skipped), ``absent`` (the next token must *not* pass; consumes nothing) and
``end`` (only punctuation follows); Kiwi's irregular-conjugation tag
suffixes (``VV-R``, ``VA-I``) are ignored when testing tags. Kiwi splits
``해야 한다`` into ``하/VV 어야/EC 하/VX ᆫ다/EF``, so the patterns test forms and
tags, not text. ``prescription.exceptions`` are patterns that cancel an
overlapping match (``따라야 한다는 한계``, ``지켜봐야 한다``). The addressee is
the head noun before the first match that is followed by one of
``addressee.markers`` (topic, subject, ... in priority order; a pattern may put
its own ``addressee_markers`` first, e.g. the dative of ``정부에 촉구``), mapped
to a label by ``addressee.labels`` (first label whose terms end on that noun),
with coordinated nouns (``정부와 기업은``) joined by ``;``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd
import yaml

from analysis import paths
from analysis.tokenize import require_columns

CODEBOOK_FILE = "codebook.yaml"
STUDY_FRAMES = (
    "rivalry",
    "efficiency",
    "open_source",
    "talent",
    "suspicion",
    "economy",
    "china_state",
    "korea_response",
)
GENERIC_FRAMES = (
    "conflict",
    "economic consequences",
    "human interest",
    "morality",
    "responsibility",
)
FRAME_KEYS = (
    "id",
    "label_ko",
    "label_en",
    "generic_frame",
    "definition",
    "include",
    "exclude",
    "indicators",
    "examples",
)
OPTIONAL_FRAME_KEYS = ("exclude_if", "notes")
RULE_KINDS = ("any_of", "all_of", "prescribed_to")
RULE_OPTIONS = ("name", "within", "unless", "not_with")
ELEMENT_KEYS = ("form", "tag", "norm", "not_form", "optional", "absent", "end")
PRESCRIPTION_KEYS = ("definition", "include", "exclude", "patterns", "addressee", "examples")
SENTENCE_COLUMNS = ("sent_id", "text")
TOKEN_COLUMNS = ("sent_id", "form", "tag", "norm", "start", "end")

# Derivational noun suffixes after which a noun term still counts (plural, -적).
TRANSPARENT_SUFFIXES = frozenset({"들", "적"})
# Verb endings a noun stem may carry when the tokenizer keeps the verb whole.
DERIVED_VERB_ENDINGS = ("하다", "되다", "시키다")
JOINERS = frozenset("·ㆍ・‧-–—/")
PUNCTUATION_TAGS = frozenset({"SF", "SP", "SS", "SE", "SO", "SW", "SSO", "SSC"})
MAX_RUN = 6
_TAGGED_TERM = re.compile(r"^(?P<key>.+)/(?P<tags>[A-Z|.*+?()\[\]]+)$")
# Predicate tags, with Kiwi's irregular-conjugation suffixes (VV-R, VA-I).
_PREDICATE_TAG = re.compile(r"^(VV|VA|VX|VCN|VCP|XSV|XSA)(-[RI])?$")
_IRREGULAR_SUFFIX = re.compile(r"-[RI]$")


class CodebookError(ValueError):
    """The codebook file is missing, malformed or refers to unknown things."""


# ---------------------------------------------------------------------------
# Compiled codebook
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One indicator term: a token sequence (length >= 1) or a text regex."""

    source: str
    keys: tuple[str, ...] = ()
    tags: tuple[re.Pattern | None, ...] = ()
    regex: re.Pattern | None = None


@dataclass(frozen=True)
class Rule:
    """One indicator rule of a frame (see the module docstring)."""

    kind: str
    groups: tuple[tuple[Term, ...], ...]
    name: str = ""
    within: int | None = None
    unless: tuple[Term, ...] = ()
    not_with: tuple[Term, ...] = ()
    addressees: tuple[str, ...] = ()


@dataclass(frozen=True)
class Frame:
    """A frame of the codebook: its documentation and its compiled rules."""

    id: str
    label_ko: str
    label_en: str
    generic_frame: str
    definition: str
    include: str
    exclude: str
    rules: tuple[Rule, ...]
    exclude_if: tuple[Term, ...]
    examples: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class MorphTest:
    """One position of a prescription pattern."""

    form: re.Pattern | None = None
    tag: re.Pattern | None = None
    norm: re.Pattern | None = None
    not_form: re.Pattern | None = None
    optional: bool = False
    absent: bool = False
    end: bool = False


@dataclass(frozen=True)
class Pattern:
    """A named morpheme pattern that marks a prescription."""

    name: str
    tests: tuple[MorphTest, ...]
    addressee_markers: tuple[MorphTest, ...] = ()


@dataclass(frozen=True)
class Prescription:
    """The prescription flag: patterns, and how the addressee is found."""

    definition: str
    include: str
    exclude: str
    patterns: tuple[Pattern, ...]
    exceptions: tuple[Pattern, ...]
    addressees: tuple[tuple[str, tuple[Term, ...]], ...]
    markers: tuple[MorphTest, ...]
    skip: tuple[MorphTest, ...]
    coordinators: tuple[MorphTest, ...]
    examples: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class Codebook:
    """A validated codebook.

    Attributes
    ----------
    path : pathlib.Path
        The YAML file it was read from.
    version : str
        The codebook's ``version`` field.
    frames : tuple of Frame
        In codebook order (the order of the output columns).
    prescription : Prescription
        The prescription flag and addressee rules.
    raw : dict
        The parsed YAML, for documentation and export.
    """

    path: Path
    version: str
    frames: tuple[Frame, ...]
    prescription: Prescription
    raw: Mapping[str, Any] = field(repr=False, default_factory=dict)

    def frame(self, frame_id: str) -> Frame:
        """Return the frame with this id (``KeyError`` naming the known ids)."""
        for frame in self.frames:
            if frame.id == frame_id:
                return frame
        raise KeyError(f"no frame {frame_id!r} in {self.path}; known: {', '.join(frame_ids(self))}")


# ---------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------


def _key(text: str) -> str:
    """The comparison key of a norm or term: NFC, no spaces, Latin casefolded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", str(text))).casefold()


class _Compiler:
    """Turns the parsed YAML into compiled objects, naming entries in errors."""

    def __init__(self, path: Path, term_sets: Mapping[str, Any]):
        self.path = path
        self.term_sets = term_sets
        self._expanding: list[str] = []

    def fail(self, where: str, message: str) -> CodebookError:
        return CodebookError(f"{self.path}: {where}: {message}")

    def regex(self, value: Any, where: str) -> re.Pattern:
        if not isinstance(value, str) or not value:
            raise self.fail(where, f"expected a non-empty regular expression, got {value!r}")
        try:
            return re.compile(value)
        except re.error as err:
            raise self.fail(where, f"invalid regular expression {value!r}: {err}") from None

    def element(self, value: Any, where: str) -> tuple[str, re.Pattern | None]:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # YAML reads the 52 of [주, 52, 시간] as a number
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"a term must be a non-empty string, got {value!r}")
        tagged = _TAGGED_TERM.match(value.strip())
        if tagged:
            return _key(tagged["key"]), self.regex(tagged["tags"], where)
        return _key(value), None

    def term(self, value: Any, where: str) -> list[Term]:
        """Compile one YAML term (``@set`` references expand to several)."""
        if isinstance(value, str) and value.startswith("@"):
            name = value[1:]
            if name not in self.term_sets:
                known = ", ".join(sorted(self.term_sets)) or "none"
                raise self.fail(where, f"unknown term set {value!r} (term_sets: {known})")
            if name in self._expanding:
                raise self.fail(where, f"term set {value!r} refers to itself")
            self._expanding.append(name)
            try:
                return self.terms(self.term_sets[name], f"term_sets[{name}]")
            finally:
                self._expanding.pop()
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            value = str(value)
            key, tags = self.element(value, where)
            return [Term(source=value.strip(), keys=(key,), tags=(tags,))]
        if isinstance(value, list):
            if len(value) < 2:
                raise self.fail(where, f"a sequence needs at least two elements, got {value!r}")
            parts = [self.element(item, f"{where}[{i}]") for i, item in enumerate(value)]
            return [
                Term(
                    source=" ".join(str(v).strip() for v in value),
                    keys=tuple(k for k, _ in parts),
                    tags=tuple(t for _, t in parts),
                )
            ]
        if isinstance(value, dict):
            if set(value) != {"regex"}:
                raise self.fail(where, f"a mapping term must be {{regex: ...}}, got keys {sorted(value)}")
            return [Term(source=f"/{value['regex']}/", regex=self.regex(value["regex"], where))]
        raise self.fail(where, f"a term must be a string, a list or {{regex: ...}}, got {value!r}")

    def terms(self, value: Any, where: str) -> list[Term]:
        if not isinstance(value, list) or not value:
            raise self.fail(where, f"expected a non-empty list of terms, got {value!r}")
        compiled: list[Term] = []
        for i, item in enumerate(value):
            compiled.extend(self.term(item, f"{where}[{i}]"))
        return compiled

    def rule(self, value: Any, where: str, addressee_labels: Sequence[str]) -> Rule:
        if not isinstance(value, dict):
            raise self.fail(where, f"a rule must be a mapping, got {value!r}")
        kinds = [k for k in RULE_KINDS if k in value]
        unknown = sorted(set(value) - set(RULE_KINDS) - set(RULE_OPTIONS))
        if unknown:
            raise self.fail(
                where,
                f"unknown key(s) {unknown}; a rule has one of {list(RULE_KINDS)} "
                f"and optionally {list(RULE_OPTIONS)}",
            )
        if len(kinds) != 1:
            raise self.fail(where, f"a rule needs exactly one of {list(RULE_KINDS)}, found {kinds}")
        kind = kinds[0]
        body = value[kind]
        addressees: tuple[str, ...] = ()
        if kind == "any_of":
            groups = (tuple(self.terms(body, f"{where}.any_of")),)
        elif kind == "all_of":
            if not isinstance(body, list) or len(body) < 2:
                raise self.fail(where, "all_of needs a list of at least two term groups")
            groups = tuple(
                tuple(self.terms(group, f"{where}.all_of[{i}]")) for i, group in enumerate(body)
            )
        else:
            if not isinstance(body, list) or not body or not all(isinstance(b, str) for b in body):
                raise self.fail(where, "prescribed_to needs a list of addressee labels")
            missing = [b for b in body if b not in addressee_labels]
            if missing:
                raise self.fail(
                    where,
                    f"unknown addressee label(s) {missing}; prescription.addressee.labels "
                    f"defines {list(addressee_labels)}",
                )
            groups, addressees = (), tuple(body)
        within = value.get("within")
        if within is not None and (not isinstance(within, int) or isinstance(within, bool) or within < 1):
            raise self.fail(where, f"within must be a positive integer, got {within!r}")
        if within is not None and kind != "all_of":
            raise self.fail(where, "within only applies to all_of rules")
        return Rule(
            kind=kind,
            groups=groups,
            name=str(value.get("name", "")),
            within=within,
            unless=tuple(self.terms(value["unless"], f"{where}.unless")) if "unless" in value else (),
            not_with=tuple(self.terms(value["not_with"], f"{where}.not_with")) if "not_with" in value else (),
            addressees=addressees,
        )

    def morph_test(self, value: Any, where: str) -> MorphTest:
        if not isinstance(value, dict) or not value:
            raise self.fail(where, f"a pattern position must be a mapping, got {value!r}")
        unknown = sorted(set(value) - set(ELEMENT_KEYS))
        if unknown:
            raise self.fail(where, f"unknown key(s) {unknown}; allowed: {list(ELEMENT_KEYS)}")
        compiled = {
            k: self.regex(value[k], f"{where}.{k}") for k in ("form", "tag", "norm", "not_form") if k in value
        }
        flags = {}
        for flag in ("optional", "absent", "end"):
            if flag in value:
                if not isinstance(value[flag], bool):
                    raise self.fail(where, f"{flag} must be true or false, got {value[flag]!r}")
                flags[flag] = value[flag]
        if flags.get("end") and (compiled or flags.get("optional") or flags.get("absent")):
            raise self.fail(where, "end: true stands alone (it tests that only punctuation follows)")
        if not compiled and not flags.get("end"):
            raise self.fail(where, "a pattern position needs at least one of form, tag, norm")
        return MorphTest(**compiled, **flags)

    def morph_tests(self, value: Any, where: str) -> tuple[MorphTest, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(where, f"expected a non-empty list of token tests, got {value!r}")
        return tuple(self.morph_test(v, f"{where}[{i}]") for i, v in enumerate(value))


def _require(compiler: _Compiler, entry: Mapping, keys: Iterable[str], where: str) -> None:
    missing = [k for k in keys if k not in entry or entry[k] in (None, "", [], {})]
    if missing:
        raise compiler.fail(where, f"missing required key(s) {missing}")


def _examples(compiler: _Compiler, value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not {"positive", "negative"} <= set(value):
        raise compiler.fail(where, "examples needs 'positive' and 'negative' lists of sentences")
    out = {}
    for key in ("positive", "negative"):
        items = value[key]
        if not isinstance(items, list) or not items or not all(isinstance(s, str) for s in items):
            raise compiler.fail(f"{where}.{key}", "expected a non-empty list of sentences")
        out[key] = tuple(items)
    return out


def _compile_prescription(compiler: _Compiler, value: Any) -> Prescription:
    where = "prescription"
    if not isinstance(value, dict):
        raise compiler.fail(where, "missing or not a mapping")
    _require(compiler, value, PRESCRIPTION_KEYS, where)
    unknown = sorted(set(value) - set(PRESCRIPTION_KEYS) - {"exceptions"})
    if unknown:
        raise compiler.fail(where, f"unknown key(s) {unknown}")

    def patterns(key: str) -> tuple[Pattern, ...]:
        entries = value.get(key) or []
        if not isinstance(entries, list) or (key == "patterns" and not entries):
            raise compiler.fail(f"{where}.{key}", "expected a non-empty list of patterns")
        compiled = []
        for i, entry in enumerate(entries):
            at = f"{where}.{key}[{i}]"
            if not isinstance(entry, dict) or not {"name", "sequence"} <= set(entry) or set(entry) - {
                "name", "sequence", "addressee_markers"
            }:
                raise compiler.fail(
                    at, "a pattern is a mapping with 'name', 'sequence' and optionally 'addressee_markers'"
                )
            tests = compiler.morph_tests(entry["sequence"], f"{at}.sequence")
            if all(t.optional or t.absent or t.end for t in tests):
                raise compiler.fail(at, "a pattern needs at least one required token test")
            markers = (
                compiler.morph_tests(entry["addressee_markers"], f"{at}.addressee_markers")
                if "addressee_markers" in entry
                else ()
            )
            compiled.append(Pattern(name=str(entry["name"]), tests=tests, addressee_markers=markers))
        return tuple(compiled)
    addressee = value["addressee"]
    at = f"{where}.addressee"
    if not isinstance(addressee, dict):
        raise compiler.fail(at, "expected a mapping with labels, markers (and optional skip, coordinators)")
    _require(compiler, addressee, ("labels", "markers"), at)
    labels = addressee["labels"]
    if not isinstance(labels, list) or not labels:
        raise compiler.fail(f"{at}.labels", "expected a list of {label: ..., terms: [...]} entries")
    addressees = []
    for i, entry in enumerate(labels):
        if not isinstance(entry, dict) or set(entry) != {"label", "terms"}:
            raise compiler.fail(f"{at}.labels[{i}]", "expected exactly 'label' and 'terms'")
        addressees.append((str(entry["label"]), tuple(compiler.terms(entry["terms"], f"{at}.labels[{i}].terms"))))
    names = [label for label, _ in addressees]
    if len(set(names)) != len(names):
        raise compiler.fail(f"{at}.labels", f"duplicate labels in {names}")
    return Prescription(
        definition=str(value["definition"]),
        include=str(value["include"]),
        exclude=str(value["exclude"]),
        patterns=patterns("patterns"),
        exceptions=patterns("exceptions"),
        addressees=tuple(addressees),
        markers=compiler.morph_tests(addressee["markers"], f"{at}.markers"),
        skip=compiler.morph_tests(addressee["skip"], f"{at}.skip") if addressee.get("skip") else (),
        coordinators=(
            compiler.morph_tests(addressee["coordinators"], f"{at}.coordinators")
            if addressee.get("coordinators")
            else ()
        ),
        examples=_examples(compiler, value["examples"], f"{where}.examples"),
    )


def load_codebook(
    path: Path | str | None = None,
    *,
    study_frames: Sequence[str] | None = STUDY_FRAMES,
) -> Codebook:
    """Read and validate a codebook YAML file.

    Parameters
    ----------
    path : path-like, optional
        The YAML file; default the packaged ``analysis/data/codebook.yaml``.
    study_frames : sequence of str or None, optional
        Frame ids the codebook may define (default: the eight frames of the
        study). ``None`` accepts any identifier, for a codebook of a new study.

    Returns
    -------
    Codebook

    Raises
    ------
    CodebookError
        With the file and the entry at fault (``frames[rivalry].indicators[1]``)
        when the file is missing or not YAML, a key is missing, a frame id is
        unknown or repeated, a term or regular expression is malformed, or a
        rule refers to an unknown term set or addressee label.

    Examples
    --------
    >>> cb = load_codebook()
    >>> frame_ids(cb)[:2]
    ['rivalry', 'efficiency']
    """
    path = Path(path) if path is not None else paths.package_data(CODEBOOK_FILE)
    if not path.is_file():
        raise CodebookError(f"{path}: codebook file not found")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "?"
        raise CodebookError(f"{path}: {where}: not valid YAML: {err}") from None
    if not isinstance(raw, dict):
        raise CodebookError(f"{path}: the codebook must be a mapping with 'frames' and 'prescription'")
    term_sets = raw.get("term_sets") or {}
    compiler = _Compiler(path, term_sets)
    if not isinstance(term_sets, dict):
        raise compiler.fail("term_sets", "expected a mapping of name: [terms]")
    for name, terms in term_sets.items():
        compiler.terms(terms, f"term_sets[{name}]")
    _require(compiler, raw, ("version", "frames", "prescription"), "top level")
    prescription = _compile_prescription(compiler, raw["prescription"])
    labels = [label for label, _ in prescription.addressees]
    if not isinstance(raw["frames"], list):
        raise compiler.fail("frames", "expected a list of frames")
    frames: list[Frame] = []
    for i, entry in enumerate(raw["frames"]):
        frame_id = entry.get("id") if isinstance(entry, dict) else None
        where = f"frames[{frame_id}]" if isinstance(frame_id, str) else f"frames[{i}]"
        if not isinstance(entry, dict):
            raise compiler.fail(where, "a frame must be a mapping")
        _require(compiler, entry, FRAME_KEYS, where)
        unknown_keys = sorted(set(entry) - set(FRAME_KEYS) - set(OPTIONAL_FRAME_KEYS))
        if unknown_keys:
            raise compiler.fail(where, f"unknown key(s) {unknown_keys}")
        if not isinstance(frame_id, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", frame_id):
            raise compiler.fail(where, f"frame id must be lower_snake_case, got {frame_id!r}")
        if study_frames is not None and frame_id not in study_frames:
            raise compiler.fail(
                where,
                f"unknown frame id {frame_id!r}; the study's frames are {list(study_frames)} "
                "(pass study_frames=None to allow new frames)",
            )
        if any(f.id == frame_id for f in frames):
            raise compiler.fail(where, f"frame id {frame_id!r} is defined twice")
        if entry["generic_frame"] not in GENERIC_FRAMES:
            raise compiler.fail(
                where, f"generic_frame {entry['generic_frame']!r} is not one of {list(GENERIC_FRAMES)}"
            )
        rules = entry["indicators"]
        if not isinstance(rules, list):
            raise compiler.fail(f"{where}.indicators", "expected a list of rules")
        frames.append(
            Frame(
                id=frame_id,
                label_ko=str(entry["label_ko"]),
                label_en=str(entry["label_en"]),
                generic_frame=entry["generic_frame"],
                definition=str(entry["definition"]).strip(),
                include=str(entry["include"]).strip(),
                exclude=str(entry["exclude"]).strip(),
                rules=tuple(
                    compiler.rule(r, f"{where}.indicators[{j}]", labels) for j, r in enumerate(rules)
                ),
                exclude_if=(
                    tuple(compiler.terms(entry["exclude_if"], f"{where}.exclude_if"))
                    if entry.get("exclude_if")
                    else ()
                ),
                examples=_examples(compiler, entry["examples"], f"{where}.examples"),
            )
        )
    if not frames:
        raise compiler.fail("frames", "the codebook defines no frames")
    return Codebook(
        path=path,
        version=str(raw["version"]),
        frames=tuple(frames),
        prescription=prescription,
        raw=raw,
    )


def _resolve(codebook: Codebook | Path | str | None) -> Codebook:
    if isinstance(codebook, Codebook):
        return codebook
    return load_codebook(codebook)


def frame_ids(codebook: Codebook | Path | str | None = None) -> list[str]:
    """Frame ids in codebook order.

    Examples
    --------
    >>> frame_ids()[-1]
    'korea_response'
    """
    return [f.id for f in _resolve(codebook).frames]


def frame_labels(codebook: Codebook | Path | str | None = None, *, lang: str = "ko") -> dict[str, str]:
    """Map frame id to its label, ``lang`` ``"ko"`` or ``"en"``, in codebook order.

    Examples
    --------
    >>> frame_labels(lang="en")["rivalry"]
    'US-China tech rivalry'
    """
    if lang not in ("ko", "en"):
        raise ValueError(f"lang must be 'ko' or 'en', got {lang!r}")
    return {f.id: (f.label_ko if lang == "ko" else f.label_en) for f in _resolve(codebook).frames}


def frame_columns(codebook: Codebook | Path | str | None = None) -> list[str]:
    """The ``frame_<id>`` column names of :func:`code_frames`, in codebook order."""
    return [f"frame_{i}" for i in frame_ids(codebook)]


# ---------------------------------------------------------------------------
# Matching inside one sentence
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    """A term occurrence: tokens ``[i, j)`` and characters ``[start, end)``."""

    i: int
    j: int
    start: int
    end: int

    def overlaps(self, other: "_Hit") -> bool:
        return self.start < other.end and other.start < self.end


class _Sentence:
    """Indexes of one sentence's tokens for fast term lookup."""

    def __init__(self, text: str, tokens: pd.DataFrame):
        self.text = text
        self.forms = [str(v) for v in tokens["form"]]
        self.tags = [str(v) for v in tokens["tag"]]
        self.norms = [str(v) for v in tokens["norm"]]
        self.starts = [int(v) for v in tokens["start"]]
        self.ends = [int(v) for v in tokens["end"]]
        self.keys = [self._token_key(n, t) for n, t in zip(self.norms, self.tags)]
        self.n = len(self.keys)
        self.single: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            self.single.setdefault(key, []).append(i)
        # Concatenations of 2..MAX_RUN consecutive word tokens (compounds split by the tokenizer).
        self.runs: dict[str, list[tuple[int, int]]] = {}
        for i in range(self.n):
            if not self._joinable(i):
                continue
            joined = self.keys[i]
            for j in range(i + 1, min(self.n, i + MAX_RUN)):
                if not self._joinable(j):
                    break
                joined += self.keys[j]
                self.runs.setdefault(joined, []).append((i, j + 1))
        # Every key a term could start with here: tokens, runs, and the stems of
        # derived verbs (견제 for 견제하다); a term starting elsewhere cannot match.
        self.present = set(self.single) | set(self.runs)
        for key in self.single:
            for ending in DERIVED_VERB_ENDINGS:
                if key.endswith(ending):
                    self.present.add(key[: -len(ending)])
        # keyed by id(term): terms live as long as their codebook, and hashing the
        # frozen dataclass (with its compiled patterns) on every lookup is slow
        self._cache: dict[int, list[_Hit]] = {}

    @staticmethod
    def _token_key(norm: str, tag: str) -> str:
        key = _key(norm)
        # A predicate stem without its 다 (the 하 of 견제하다, or 믿 of an irregular
        # VV-R token left unlemmatized) is looked up by its dictionary form.
        if _PREDICATE_TAG.match(tag) and not key.endswith("다"):
            key += "다"
        return key

    def _joinable(self, i: int) -> bool:
        tag = self.tags[i]
        return not (tag.startswith("J") or tag.startswith("E") or tag in PUNCTUATION_TAGS)

    def _blocked_after(self, j: int) -> bool:
        """True when token ``j`` is a derivational suffix that makes another word."""
        return j < self.n and self.tags[j] == "XSN" and self.forms[j] not in TRANSPARENT_SUFFIXES

    def _element_ends(self, key: str, tags: re.Pattern | None, i: int) -> list[int]:
        """End indices of matches of one element starting at token ``i``."""
        ends = []
        tok = self.keys[i]
        tag_ok = tags is None or bool(
            tags.fullmatch(self.tags[i]) or tags.fullmatch(_IRREGULAR_SUFFIX.sub("", self.tags[i]))
        )
        if tag_ok and (
            tok == key or (not key.endswith("다") and tok in {key + e for e in DERIVED_VERB_ENDINGS})
        ):
            ends.append(i + 1)
        if tags is None:
            ends.extend(end for start, end in self.runs.get(key, ()) if start == i)
        return ends

    def _candidates(self, key: str, tags: re.Pattern | None) -> list[int]:
        found = set(self.single.get(key, ()))
        if not key.endswith("다"):
            for ending in DERIVED_VERB_ENDINGS:
                found.update(self.single.get(key + ending, ()))
        if tags is None:
            found.update(i for i, _ in self.runs.get(key, ()))
        return sorted(found)

    def _skip_joiners(self, j: int) -> int:
        while j < self.n and self.tags[j] in PUNCTUATION_TAGS and self.forms[j] in JOINERS:
            j += 1
        return j

    def _may_contain(self, key: str) -> bool:
        """Cheap test: can a term starting with ``key`` occur in this sentence at all?"""
        return key in self.present

    def hits(self, term: Term) -> list[_Hit]:
        """All occurrences of ``term``, sorted by position."""
        cached = self._cache.get(id(term))
        if cached is not None:
            return cached
        if term.regex is None and not (self.n and self._may_contain(term.keys[0])):
            self._cache[id(term)] = []
            return []
        found: set[_Hit] = set()
        if term.regex is not None:
            for m in term.regex.finditer(self.text):
                if m.end() > m.start():
                    found.add(self._hit_from_span(m.start(), m.end()))
        elif self.n:
            for i in self._candidates(term.keys[0], term.tags[0]):
                frontier = self._element_ends(term.keys[0], term.tags[0], i)
                for key, tags in zip(term.keys[1:], term.tags[1:]):
                    nxt = []
                    for j in frontier:
                        j = self._skip_joiners(j)
                        if j < self.n:
                            nxt.extend(self._element_ends(key, tags, j))
                    frontier = nxt
                for j in frontier:
                    if not self._blocked_after(j):
                        found.add(_Hit(i, j, self.starts[i], self.ends[j - 1]))
        result = sorted(found, key=lambda h: (h.start, h.end, h.i, h.j))
        self._cache[id(term)] = result
        return result

    def _hit_from_span(self, start: int, end: int) -> _Hit:
        inside = [k for k in range(self.n) if self.starts[k] < end and start < self.ends[k]]
        if inside:
            return _Hit(inside[0], inside[-1] + 1, start, end)
        after = next((k for k in range(self.n) if self.starts[k] >= end), self.n)
        return _Hit(after, after, start, end)

    def surface(self, hit: _Hit) -> str:
        return re.sub(r"\s+", " ", self.text[hit.start : hit.end])

    # -- morpheme patterns ---------------------------------------------------

    def passes(self, test: MorphTest, i: int) -> bool:
        if i >= self.n:
            return False
        if test.form is not None and test.form.fullmatch(self.forms[i]) is None:
            return False
        if test.tag is not None and not (
            test.tag.fullmatch(self.tags[i]) or test.tag.fullmatch(_IRREGULAR_SUFFIX.sub("", self.tags[i]))
        ):
            return False
        if test.norm is not None and not (
            test.norm.fullmatch(self.norms[i]) or test.norm.fullmatch(self.keys[i])
        ):
            return False
        if test.not_form is not None and test.not_form.fullmatch(self.forms[i]):
            return False
        return True

    def match_at(self, tests: Sequence[MorphTest], k: int, i: int) -> int | None:
        """End token index if ``tests[k:]`` match from token ``i``, else None."""
        if k == len(tests):
            return i
        test = tests[k]
        if test.end:
            rest_is_punct = all(self.tags[t] in PUNCTUATION_TAGS for t in range(i, self.n))
            return self.match_at(tests, k + 1, i) if rest_is_punct else None
        if test.absent:
            return None if self.passes(test, i) else self.match_at(tests, k + 1, i)
        if self.passes(test, i):
            end = self.match_at(tests, k + 1, i + 1)
            if end is not None:
                return end
        if test.optional:
            return self.match_at(tests, k + 1, i)
        return None


def _rule_hits(sent: _Sentence, rule: Rule) -> list[list[_Hit]]:
    """Occurrences per group, after dropping those inside an ``unless`` term."""
    vetoes = [h for term in rule.unless for h in sent.hits(term)]
    groups = []
    for group in rule.groups:
        hits = {h for term in group for h in sent.hits(term)}
        hits = {h for h in hits if not any(h.overlaps(v) for v in vetoes)}
        groups.append(sorted(hits, key=lambda h: (h.start, h.end)))
        if not hits:  # one empty group is enough: the rule cannot fire
            groups.extend([] for _ in rule.groups[len(groups):])
            break
    return groups


def _best_combination(groups: list[list[_Hit]], within: int | None) -> list[_Hit] | None:
    """One non-overlapping occurrence per group, as close together as possible."""
    best: tuple[tuple[int, int], list[_Hit]] | None = None
    for anchor_group, anchors in enumerate(groups):
        for anchor in anchors:
            chosen = {anchor_group: anchor}
            for g, hits in enumerate(groups):
                if g == anchor_group:
                    continue
                options = [h for h in hits if not any(h.overlaps(c) for c in chosen.values())]
                if not options:
                    break
                chosen[g] = min(options, key=lambda h: (abs(h.i - anchor.i), h.start))
            if len(chosen) != len(groups):
                continue
            picked = [chosen[g] for g in range(len(groups))]
            spread = max(h.i for h in picked) - min(h.i for h in picked)
            if within is not None and spread > within:
                continue
            score = (spread, min(h.start for h in picked))
            if best is None or score < best[0]:
                best = (score, picked)
    return best[1] if best else None


def _format_part(sent: _Sentence, hits: Sequence[_Hit]) -> tuple[int, str]:
    start = min(h.start for h in hits)
    end = max(h.end for h in hits)
    return start, f"{'+'.join(sent.surface(h) for h in hits)}@{start}-{end}"


def _fire(sent: _Sentence, rule: Rule, addressee: str) -> list[tuple[int, str]]:
    """Evidence parts ``(start, text)`` if the rule fires, else an empty list."""
    if any(sent.hits(t) for t in rule.not_with):
        return []
    if rule.kind == "prescribed_to":
        labels = [a for a in addressee.split(";") if a]
        if any(a in rule.addressees for a in labels):
            return [(0, f"prescription→{addressee}")]
        return []
    groups = _rule_hits(sent, rule)
    if rule.kind == "any_of":
        return [_format_part(sent, [h]) for h in groups[0]]
    if not all(groups):
        return []
    picked = _best_combination(groups, rule.within)
    return [_format_part(sent, picked)] if picked else []


def _prescription(
    sent: _Sentence, spec: Prescription
) -> tuple[int | None, Pattern | None, list[tuple[int, str]]]:
    """First token and pattern of the first prescriptive match, and all pattern evidence."""
    first: int | None = None
    first_pattern: Pattern | None = None
    parts: list[tuple[int, str]] = []
    excepted = [
        (i, j)
        for i in range(sent.n)
        for pattern in spec.exceptions
        if (j := sent.match_at(pattern.tests, 0, i)) is not None and j > i
    ]
    for i in range(sent.n):
        for pattern in spec.patterns:
            j = sent.match_at(pattern.tests, 0, i)
            if j is None or j <= i or any(a < j and i < b for a, b in excepted):
                continue
            start, end = sent.starts[i], sent.ends[j - 1]
            parts.append((start, f"{pattern.name}: {sent.surface(_Hit(i, j, start, end))}@{start}-{end}"))
            if first is None:
                first, first_pattern = i, pattern
    return first, first_pattern, sorted(set(parts))


def _addressee(sent: _Sentence, spec: Prescription, before: int, pattern: Pattern) -> str:
    """Label(s) of who is told to act: the head noun marked as topic/subject before ``before``.

    Markers are tried in priority order: the pattern's own ``addressee_markers``
    (the dative of 정부에 ~를 촉구했다), then the codebook's ``markers``.
    """
    markers = pattern.addressee_markers + spec.markers
    # label per token index where one of its terms ends (first label in codebook order wins)
    label_at: dict[int, tuple[str, _Hit]] = {}
    for label, terms in spec.addressees:
        for term in terms:
            for hit in sent.hits(term):
                if hit.j - 1 not in label_at:
                    label_at[hit.j - 1] = (label, hit)
    best: tuple[tuple[int, int], int] | None = None
    for m in range(1, min(before, sent.n)):
        priority = next((p for p, t in enumerate(markers) if sent.passes(t, m)), None)
        if priority is None:
            continue
        head = m - 1
        while head > 0 and any(sent.passes(t, head) for t in spec.skip):
            head -= 1
        if head in label_at:
            score = (priority, -head)
            if best is None or score < best[0]:
                best = (score, head)
    if best is None:
        return ""
    labels = [label_at[best[1]][0]]
    hit = label_at[best[1]][1]
    # walk back over coordination: 정부와 기업은, 정부·기업은
    while hit.i >= 2 and any(sent.passes(t, hit.i - 1) for t in spec.coordinators):
        previous = label_at.get(hit.i - 2)
        if previous is None:
            break
        labels.insert(0, previous[0])
        hit = previous[1]
    return ";".join(dict.fromkeys(labels))


def code_frames(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    codebook: Codebook | Path | str | None = None,
) -> pd.DataFrame:
    """Code every sentence for the codebook's frames and the prescription flag.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentence table (``sent_id``, ``text``, ...).
    tokens : pandas.DataFrame
        The token table (``sent_id``, ``form``, ``tag``, ``norm``, ``start``,
        ``end``); offsets are character positions in the sentence text.
    codebook : Codebook or path, optional
        Default: the packaged codebook.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, sorted by ``sent_id``: ``sent_id``, one 0/1
        column ``frame_<id>`` per frame in codebook order, ``prescription``
        (0/1), ``addressee`` (label(s) from the codebook joined by ``;``,
        empty when no one is named), ``frame_evidence`` (``"rivalry:
        미중+패권@0-7; economy: 주가@12-14"``: matched text and its character
        span, per coded frame) and ``prescription_evidence`` (``"must: 해야
        한다@20-25"``).

    Examples
    --------
    >>> from analysis.tokenize import tokenize_units  # doctest: +SKIP
    >>> s, t = tokenize_units(["미중 기술패권 경쟁이 격화하고 있다."])  # doctest: +SKIP
    >>> code_frames(s, t)["frame_rivalry"].tolist()  # doctest: +SKIP
    [1]
    """
    cb = _resolve(codebook)
    require_columns(sentences, SENTENCE_COLUMNS, "sentences")
    require_columns(tokens, TOKEN_COLUMNS, "tokens")
    if sentences["sent_id"].duplicated().any():
        dup = sentences.loc[sentences["sent_id"].duplicated(), "sent_id"].iloc[0]
        raise ValueError(f"sentences table has duplicate sent_id {dup!r}")
    unknown = set(tokens["sent_id"]) - set(sentences["sent_id"])
    if unknown:
        raise ValueError(f"tokens refer to sent_id(s) not in sentences, e.g. {sorted(unknown)[:3]}")
    ordered = tokens.sort_values(["sent_id", "start", "end"], kind="stable")
    by_sentence = {sid: group for sid, group in ordered.groupby("sent_id", sort=False)}
    empty = tokens.iloc[0:0]
    rows = []
    for sid, text in sorted(zip(sentences["sent_id"], sentences["text"]), key=lambda p: str(p[0])):
        sent = _Sentence("" if pd.isna(text) else str(text), by_sentence.get(sid, empty))
        first, pattern, p_parts = _prescription(sent, cb.prescription)
        addressee = _addressee(sent, cb.prescription, first, pattern) if pattern is not None else ""
        row: dict[str, Any] = {"sent_id": sid}
        evidence = []
        for frame in cb.frames:
            parts = [p for rule in frame.rules for p in _fire(sent, rule, addressee)]
            if parts and any(sent.hits(t) for t in frame.exclude_if):
                parts = []
            row[f"frame_{frame.id}"] = int(bool(parts))
            if parts:
                texts = [text for _, text in sorted(set(parts))]
                evidence.append(f"{frame.id}: {', '.join(dict.fromkeys(texts))}")
        row["prescription"] = int(first is not None)
        row["addressee"] = addressee
        row["frame_evidence"] = "; ".join(evidence)
        row["prescription_evidence"] = "; ".join(text for _, text in p_parts)
        rows.append(row)
    columns = ["sent_id", *frame_columns(cb), "prescription", "addressee", "frame_evidence", "prescription_evidence"]
    out = pd.DataFrame(rows, columns=columns)
    for col in [*frame_columns(cb), "prescription"]:
        out[col] = out[col].astype("int64")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Tables for the report
# ---------------------------------------------------------------------------
