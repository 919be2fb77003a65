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
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple, Sequence

import pandas as pd
import yaml

from analysis import grammar, paths
from analysis.sentences import SentenceView, sentence_views

CODEBOOK_FILE = "codebook.yaml"
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
DERIVED_VERB_ENDINGS = grammar.DERIVED_VERB_ENDINGS
JOINERS = frozenset("·ㆍ・‧-–—/")
PUNCTUATION_TAGS = grammar.PUNCTUATION_TAGS
MAX_RUN = 6
_TAGGED_TERM = re.compile(r"^(?P<key>.+)/(?P<tags>[A-Z|.*+?()\[\]]+)$")


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

    @cached_property
    def compiled(self) -> "_Compiled":
        """Lookups built once per codebook: terms by first key, pattern starts by token."""
        return _Compiled(self)

    def frame(self, frame_id: str) -> Frame:
        """Return the frame with this id (``KeyError`` naming the known ids)."""
        for frame in self.frames:
            if frame.id == frame_id:
                return frame
        raise KeyError(f"no frame {frame_id!r} in {self.path}; known: {', '.join(frame_ids(self))}")


# ---------------------------------------------------------------------------
# Loading and validation
# ---------------------------------------------------------------------------


_key = grammar.text_key


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
    study_frames: Sequence[str] | None = None,
) -> Codebook:
    """Read and validate a codebook YAML file.

    Parameters
    ----------
    path : path-like, optional
        The YAML file; default the packaged ``analysis/data/codebook.yaml``.
    study_frames : sequence of str or None, optional
        Frame ids the codebook may define; default ``None``: any lower_snake_case
        id, the frames being those the file defines. The generic frame of
        each frame is checked against the codebook's own ``generic_frames``
        list when it has one.

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
    generic_frames = raw.get("generic_frames")
    if generic_frames is not None and (
        not isinstance(generic_frames, list) or not all(isinstance(g, str) for g in generic_frames)
    ):
        raise compiler.fail("generic_frames", "expected a list of generic frame names")
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
        if generic_frames is not None and entry["generic_frame"] not in generic_frames:
            raise compiler.fail(
                where, f"generic_frame {entry['generic_frame']!r} is not one of {list(generic_frames)} "
                "(the codebook's generic_frames)"
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


class _Group:
    """The terms of one rule group, indexed by the key a term must start with."""

    __slots__ = ("by_key", "keys", "regex_terms")

    def __init__(self, terms: Sequence[Term]):
        self.by_key: dict[str, list[Term]] = {}
        self.regex_terms = [t for t in terms if t.regex is not None]
        for term in terms:
            if term.regex is None:
                self.by_key.setdefault(term.keys[0], []).append(term)
        self.keys = frozenset(self.by_key)

    def possible(self, present: frozenset[str] | set[str]) -> bool:
        """Whether some term of the group can occur in a sentence with these keys."""
        return bool(self.regex_terms) or not self.keys.isdisjoint(present)

    def terms_in(self, sent: "_Sentence") -> list[Term]:
        """The terms that can occur in ``sent`` (the others cannot start anywhere in it)."""
        if not sent.n:
            return self.regex_terms
        found = list(self.regex_terms)
        for key in self.keys & sent.present:
            found.extend(self.by_key[key])
        return found


class _Compiled:
    """What a codebook needs at every sentence, built once: term groups and test memos.

    A term whose first key is not among a sentence's keys cannot match there
    (the test :meth:`_Sentence.hits` makes first); the groups skip such terms
    with one set intersection. Morpheme tests depend only on a token's form,
    tag and norm, so their results are kept per distinct token.
    """

    def __init__(self, codebook: "Codebook"):
        self.groups: dict[int, tuple[_Group, ...]] = {}
        self.unless: dict[int, _Group] = {}
        self.not_with: dict[int, _Group] = {}
        self.exclude_if = {frame.id: _Group(frame.exclude_if) for frame in codebook.frames}
        for frame in codebook.frames:
            for rule in frame.rules:
                self.groups[id(rule)] = tuple(_Group(group) for group in rule.groups)
                self.unless[id(rule)] = _Group(rule.unless)
                self.not_with[id(rule)] = _Group(rule.not_with)
        spec = codebook.prescription
        self.patterns = spec.patterns
        self.exceptions = spec.exceptions
        self._starts: dict[tuple[str, str, str, str], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._passes: dict[tuple[int, str, str, str, str], bool] = {}
        self.token_facts: dict[tuple[str, str], tuple[str, str, bool, tuple[str, ...]]] = {}
        # equal terms (the same term set referred to from several rules) share one
        # per-sentence cache entry
        self.term_ids: dict[int, int] = {}
        canonical: dict[tuple, int] = {}
        everything = [
            term
            for frame in codebook.frames
            for rule in frame.rules
            for term in (*[t for group in rule.groups for t in group], *rule.unless, *rule.not_with)
        ] + [term for frame in codebook.frames for term in frame.exclude_if]
        everything += [term for _, terms in spec.addressees for term in terms]
        for term in everything:
            identity = (
                term.keys, tuple(p.pattern if p is not None else None for p in term.tags),
                term.regex.pattern if term.regex is not None else None,
                term.regex.flags if term.regex is not None else None,
            )
            self.term_ids[id(term)] = canonical.setdefault(identity, len(canonical))
        # every key a term element looks up, and their prefixes: a run of tokens whose
        # joined keys are no prefix of these can never be looked up
        self.element_keys = frozenset(key for term in everything for key in term.keys)
        self.key_prefixes = frozenset(key[:n] for key in self.element_keys for n in range(1, len(key) + 1))
        # per frame: (rule number, rule) in codebook order; a rule can fire only when a
        # term of its first group can occur, so rules are found from the sentence's keys
        self.frame_rules: dict[str, list[tuple[int, Rule]]] = {}
        self.trigger: dict[str, list[int]] = {}
        self.always: set[int] = set()
        number = 0
        for frame in codebook.frames:
            numbered = []
            for rule in frame.rules:
                groups = self.groups[id(rule)]
                if rule.kind == "prescribed_to" or not groups or groups[0].regex_terms:
                    self.always.add(number)
                else:
                    for key in groups[0].keys:
                        self.trigger.setdefault(key, []).append(number)
                numbered.append((number, rule))
                number += 1
            self.frame_rules[frame.id] = numbered
        self.trigger_keys = frozenset(self.trigger)

    def candidate_rules(self, sent: "_Sentence") -> set[int]:
        """Numbers of the rules that may fire in ``sent`` (the others cannot)."""
        found = set(self.always)
        if sent.n:
            for key in self.trigger_keys & sent.present:
                found.update(self.trigger[key])
        return found

    def starts(self, sent: "_Sentence", i: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Indexes of the patterns and of the exceptions whose first test token ``i`` passes."""
        signature = sent.signature(i)
        found = self._starts.get(signature)
        if found is None:
            found = (
                tuple(k for k, pattern in enumerate(self.patterns) if sent.test(pattern.tests[0], i)),
                tuple(k for k, pattern in enumerate(self.exceptions) if sent.test(pattern.tests[0], i)),
            )
            self._starts[signature] = found
        return found


# ---------------------------------------------------------------------------
# Matching inside one sentence
# ---------------------------------------------------------------------------


class _Hit(NamedTuple):
    """A term occurrence: tokens ``[i, j)`` and characters ``[start, end)``."""

    i: int
    j: int
    start: int
    end: int

    def overlaps(self, other: "_Hit") -> bool:
        return self.start < other.end and other.start < self.end


_DERIVED: dict[str, tuple[str, ...]] = {}


def _derived(key: str) -> tuple[str, ...]:
    """The derived verbs a noun key also matches (견제 → 견제하다, 견제되다, 견제시키다)."""
    found = _DERIVED.get(key)
    if found is None:
        found = () if key.endswith("다") else tuple(key + ending for ending in DERIVED_VERB_ENDINGS)
        if len(_DERIVED) < 100_000:  # term keys only: bounded by the codebooks in use
            _DERIVED[key] = found
    return found


class _Sentence:
    """Indexes of one sentence's tokens for fast term lookup."""

    def __init__(self, view: SentenceView, compiled: "_Compiled | None" = None):
        memo = compiled._passes if compiled is not None else None
        facts = compiled.token_facts if compiled is not None else {}
        prefixes = compiled.key_prefixes if compiled is not None else None
        self.memo = memo
        self.term_ids = compiled.term_ids if compiled is not None else None
        self.text = view.text
        self.forms = view.forms
        self.tags = view.tags
        self.norms = view.norms
        self.starts = view.starts
        self.ends = view.ends
        # what matching needs of a token depends only on its norm and tag: worked out
        # once per distinct (norm, tag) of the corpus
        rows = []
        for pair in zip(self.norms, self.tags):
            fact = facts.get(pair)
            if fact is None:
                fact = facts[pair] = self._token_facts(*pair)
            rows.append(fact)
        self.keys = keys = [fact[0] for fact in rows]
        self.base_tags = [fact[1] for fact in rows]
        self.n = n = len(keys)
        self.single: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            self.single.setdefault(key, []).append(i)
        # Concatenations of 2..MAX_RUN consecutive word tokens (compounds split by the tokenizer).
        self.runs: dict[str, list[tuple[int, int]]] = {}
        joinable = [fact[2] for fact in rows]
        for i in range(n):
            if not joinable[i]:
                continue
            joined = keys[i]
            if prefixes is not None and joined not in prefixes:
                continue
            for j in range(i + 1, min(n, i + MAX_RUN)):
                if not joinable[j]:
                    break
                joined += keys[j]
                if prefixes is not None and joined not in prefixes:
                    break  # no term key starts so: no longer run can be one either
                self.runs.setdefault(joined, []).append((i, j + 1))
        # Every key a term could start with here: tokens, runs, and the stems of
        # derived verbs (견제 for 견제하다); a term starting elsewhere cannot match.
        self.present = set(self.single) | set(self.runs)
        for fact in rows:
            if fact[3]:
                self.present.update(fact[3])
        # keyed by id(term): terms live as long as their codebook, and hashing the
        # frozen dataclass (with its compiled patterns) on every lookup is slow
        self._cache: dict[int, list[_Hit]] = {}

    @staticmethod
    def _token_key(norm: str, tag: str) -> str:
        key = _key(norm)
        # A predicate stem without its 다 (the 하 of 견제하다, or 믿 of an irregular
        # VV-R token left unlemmatized) is looked up by its dictionary form.
        if tag in grammar.LEMMA_TAGS and not key.endswith("다"):
            key += "다"
        return key

    @staticmethod
    def _token_facts(norm: str, tag: str) -> tuple[str, str, bool, tuple[str, ...]]:
        """Lookup key, base tag, whether the token joins a compound run, and derived-verb stems."""
        base = grammar.base_tag(tag)
        key = _Sentence._token_key(norm, base)
        joinable = not (tag.startswith("J") or tag.startswith("E") or tag in PUNCTUATION_TAGS)
        stems = tuple(key[: -len(ending)] for ending in DERIVED_VERB_ENDINGS if key.endswith(ending))
        return key, base, joinable, stems

    def _blocked_after(self, j: int) -> bool:
        """True when token ``j`` is a derivational suffix that makes another word."""
        return j < self.n and self.tags[j] == "XSN" and self.forms[j] not in TRANSPARENT_SUFFIXES

    def _element_ends(self, key: str, tags: re.Pattern | None, i: int) -> list[int]:
        """End indices of matches of one element starting at token ``i``."""
        ends = []
        tok = self.keys[i]
        tag_ok = tags is None or bool(
            tags.fullmatch(self.tags[i]) or tags.fullmatch(self.base_tags[i])
        )
        if tag_ok and (tok == key or tok in _derived(key)):
            ends.append(i + 1)
        if tags is None:
            ends.extend(end for start, end in self.runs.get(key, ()) if start == i)
        return ends

    def _candidates(self, key: str, tags: re.Pattern | None) -> list[int]:
        found = set(self.single.get(key, ()))
        for derived in _derived(key):
            found.update(self.single.get(derived, ()))
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
        # equal terms share an entry (negative canonical ids never collide with id())
        canonical = self.term_ids.get(id(term)) if self.term_ids else None
        cache_key = id(term) if canonical is None else -1 - canonical
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        if term.regex is None and not (self.n and self._may_contain(term.keys[0])):
            self._cache[cache_key] = []
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
        self._cache[cache_key] = result
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

    def signature(self, i: int) -> tuple[str, str, str, str]:
        """What a morpheme test can see of token ``i``."""
        return self.forms[i], self.tags[i], self.norms[i], self.keys[i]

    def passes(self, test: MorphTest, i: int) -> bool:
        if i >= self.n:
            return False
        if self.memo is None:
            return self.test(test, i)
        key = (id(test), self.forms[i], self.tags[i], self.norms[i], self.keys[i])
        result = self.memo.get(key)
        if result is None:
            result = self.memo[key] = self.test(test, i)
        return result

    def test(self, test: MorphTest, i: int) -> bool:
        """Whether token ``i`` (which exists) passes ``test``."""
        if test.form is not None and test.form.fullmatch(self.forms[i]) is None:
            return False
        if test.tag is not None and not (
            test.tag.fullmatch(self.tags[i]) or test.tag.fullmatch(self.base_tags[i])
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


def _rule_hits(sent: _Sentence, rule: Rule, compiled: _Compiled | None = None) -> list[list[_Hit]]:
    """Occurrences per group, after dropping those inside an ``unless`` term."""
    if compiled is None:
        vetoes = [h for term in rule.unless for h in sent.hits(term)]
        term_groups = [list(group) for group in rule.groups]
    else:
        vetoes = [h for term in compiled.unless[id(rule)].terms_in(sent) for h in sent.hits(term)]
        term_groups = [group.terms_in(sent) for group in compiled.groups[id(rule)]]
    groups = []
    for group in term_groups:
        hits = {h for term in group for h in sent.hits(term)}
        hits = {h for h in hits if not any(h.overlaps(v) for v in vetoes)}
        groups.append(sorted(hits, key=lambda h: (h.start, h.end)))
        if not hits:  # one empty group is enough: the rule cannot fire
            groups.extend([] for _ in term_groups[len(groups):])
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


def _fire(sent: _Sentence, rule: Rule, addressee: str, compiled: _Compiled | None = None) -> list[tuple[int, str]]:
    """Evidence parts ``(start, text)`` if the rule fires, else an empty list."""
    if compiled is not None and rule.kind != "prescribed_to":
        # a group none of whose terms can occur here: the rule cannot fire
        groups = compiled.groups[id(rule)]
        if not (groups and all(group.possible(sent.present) for group in groups)):
            return []
    not_with = rule.not_with if compiled is None else compiled.not_with[id(rule)].terms_in(sent)
    if any(sent.hits(t) for t in not_with):
        return []
    if rule.kind == "prescribed_to":
        labels = [a for a in addressee.split(";") if a]
        if any(a in rule.addressees for a in labels):
            return [(0, f"prescription→{addressee}")]
        return []
    groups = _rule_hits(sent, rule, compiled)
    if rule.kind == "any_of":
        return [_format_part(sent, [h]) for h in groups[0]]
    if not all(groups):
        return []
    picked = _best_combination(groups, rule.within)
    return [_format_part(sent, picked)] if picked else []


def _prescription(
    sent: _Sentence, spec: Prescription, compiled: _Compiled | None = None
) -> tuple[int | None, Pattern | None, list[tuple[int, str]]]:
    """First token and pattern of the first prescriptive match, and all pattern evidence.

    With ``compiled``, only the patterns whose first test a token passes are
    tried from it (the same matches, found without trying the others).
    """
    first: int | None = None
    first_pattern: Pattern | None = None
    parts: list[tuple[int, str]] = []
    if compiled is None:
        starts = [(tuple(range(len(spec.patterns))), tuple(range(len(spec.exceptions))))] * sent.n
    else:
        starts = [compiled.starts(sent, i) for i in range(sent.n)]
    excepted = [
        (i, j)
        for i in range(sent.n)
        for k in starts[i][1]
        if (j := sent.match_at(spec.exceptions[k].tests, 0, i)) is not None and j > i
    ]
    for i in range(sent.n):
        for k in starts[i][0]:
            pattern = spec.patterns[k]
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


def frame_row(view: SentenceView, cb: Codebook) -> list:
    """The frame codes of one sentence: a 0/1 per frame, prescription, addressee and evidence."""
    compiled = cb.compiled
    sent = _Sentence(view, compiled)
    first, pattern, p_parts = _prescription(sent, cb.prescription, compiled)
    addressee = _addressee(sent, cb.prescription, first, pattern) if pattern is not None else ""
    flags = []
    evidence = []
    candidates = compiled.candidate_rules(sent)
    for frame in cb.frames:
        parts = [
            p for number, rule in compiled.frame_rules[frame.id] if number in candidates
            for p in _fire(sent, rule, addressee, compiled)
        ]
        if parts and any(sent.hits(t) for t in compiled.exclude_if[frame.id].terms_in(sent)):
            parts = []
        flags.append(int(bool(parts)))
        if parts:
            texts = [text for _, text in sorted(set(parts))]
            evidence.append(f"{frame.id}: {', '.join(dict.fromkeys(texts))}")
    return [*flags, int(first is not None), addressee, "; ".join(evidence), "; ".join(t for _, t in p_parts)]


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
    views = sorted(sentence_views(sentences, tokens), key=lambda view: str(view.sent_id))
    rows = [[view.sent_id, *frame_row(view, cb)] for view in views]
    columns = ["sent_id", *frame_columns(cb), "prescription", "addressee", "frame_evidence", "prescription_evidence"]
    out = pd.DataFrame(rows, columns=columns)
    for col in [*frame_columns(cb), "prescription"]:
        out[col] = out[col].astype("int64")
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------
# Tables for the report
# ---------------------------------------------------------------------------
