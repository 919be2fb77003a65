"""Stance targets: their aliases, and where a sentence mentions them.

:func:`load_targets` reads the target alias file (default
``analysis/data/targets.yaml``): the targets are those the file defines, each
with a label and aliases by kind. :func:`find_mentions` finds them in one
sentence, at token boundaries, longest alias first, with the grammatical role
of the noun phrase (subject, object, genitive ...). The stance coder
(:mod:`analysis.stance`) and the voices (:mod:`analysis.voices`, a speaker's
country) both use these mentions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Sequence

import pandas as pd
import yaml

from analysis import grammar, paths
from analysis.sentences import Tok, as_toks

TARGETS_FILE = "targets.yaml"


class TargetsError(ValueError):
    """A target alias file that cannot be used."""


@dataclass(frozen=True)
class Alias:
    text: str
    targets: tuple[str, ...]
    kind: str
    pattern: re.Pattern


@dataclass(frozen=True)
class StanceTargets:
    """Target aliases read by :func:`load_targets`.

    Attributes
    ----------
    labels : dict
        Target id → label (``{"china": "중국·딥시크", ...}``).
    aliases : tuple
        Every alias with its target(s) and kind (country, firm, person,
        institution, generic, outside_quotes, compound).
    source : str
        Where the aliases were read from.
    """

    labels: dict[str, str]
    aliases: tuple[Alias, ...]
    source: str

    @property
    def targets(self) -> tuple[str, ...]:
        """Target ids in the order of the file (the order of the ``stance_<id>`` columns)."""
        return tuple(self.labels)

    @cached_property
    def by_first(self) -> dict[str, tuple[Alias, ...]]:
        """Aliases by their first character (lower case), longest first: built once."""
        index: dict[str, list[Alias]] = {}
        for alias in self.aliases:
            index.setdefault(alias.text[0].lower(), []).append(alias)
        return {first: tuple(aliases) for first, aliases in index.items()}

    def alias_table(self) -> pd.DataFrame:
        """The aliases as a table: ``alias, target, kind`` (one row per target)."""
        return pd.DataFrame(
            [(a.text, t, a.kind) for a in self.aliases for t in a.targets],
            columns=["alias", "target", "kind"],
        ).sort_values(["target", "kind", "alias"], kind="stable").reset_index(drop=True)


def _alias_pattern(alias: str) -> re.Pattern:
    body = r"\s*".join(re.escape(part) for part in alias.split())
    if re.search(r"[A-Za-z]", alias):
        return re.compile(rf"(?<![A-Za-z])(?i:{body})(?![A-Za-z])")
    return re.compile(body)


def load_targets(path: str | Path | None = None) -> StanceTargets:
    """Read the target aliases (default ``analysis/data/targets.yaml``).

    The file has ``targets`` (target id → ``label`` and lists of aliases by
    kind), and optional ``generic``, ``outside_quotes`` (alias → target) and
    ``compounds`` (alias → list of targets); see the comments in the default
    file for how each kind is matched.

    Raises
    ------
    TargetsError
        Missing file, bad structure, an alias given to two targets, a
        compound naming an unknown target.

    Examples
    --------
    >>> targets = load_targets()
    >>> sorted(targets.labels)
    ['china', 'korea', 'us']
    """
    path = Path(path) if path is not None else paths.package_data(TARGETS_FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TargetsError(f"{path}: target alias file not found.") from None
    except yaml.YAMLError as error:
        raise TargetsError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("targets"), dict) or not data["targets"]:
        raise TargetsError(f"{path}: needs a 'targets' mapping (target id → aliases by kind).")
    labels: dict[str, str] = {}
    owner: dict[str, tuple[str, ...]] = {}
    aliases: list[Alias] = []

    def add(alias: object, targets: tuple[str, ...], kind: str) -> None:
        if not isinstance(alias, str) or not alias.strip():
            raise TargetsError(f"{path}: alias {alias!r} under {kind} of {targets} is not text.")
        text = unicodedata.normalize("NFC", alias.strip())
        key = re.sub(r"\s+", "", text).lower()
        if key in owner and owner[key] != targets:
            raise TargetsError(f"{path}: alias {text!r} is given to {owner[key]} and to {targets}.")
        if key in owner:
            return
        owner[key] = targets
        aliases.append(Alias(text, targets, kind, _alias_pattern(text)))

    for target, spec in data["targets"].items():
        if not isinstance(spec, dict):
            raise TargetsError(f"{path}: target {target!r} must map kinds to alias lists.")
        labels[str(target)] = str(spec.get("label", target))
        for kind, values in spec.items():
            if kind == "label":
                continue
            if not isinstance(values, list):
                raise TargetsError(f"{path}: {target}.{kind} must be a list of aliases.")
            for alias in values:
                add(alias, (str(target),), str(kind))
    for section in ("generic", "outside_quotes"):
        for alias, target in (data.get(section) or {}).items():
            if target not in labels:
                raise TargetsError(f"{path}: {section}.{alias} names unknown target {target!r}.")
            add(alias, (str(target),), section)
    for alias, targets in (data.get("compounds") or {}).items():
        if not isinstance(targets, list) or not set(targets) <= set(labels):
            raise TargetsError(f"{path}: compounds.{alias} must list known targets {sorted(labels)}.")
        add(alias, tuple(dict.fromkeys(map(str, targets))), "compound")
    aliases.sort(key=lambda a: (-len(a.text), a.text))
    return StanceTargets(labels, tuple(aliases), str(path))


@lru_cache(maxsize=1)
def default_targets() -> StanceTargets:
    return load_targets()


def as_targets(targets: StanceTargets | str | Path | None) -> StanceTargets:
    if targets is None:
        return default_targets()
    if isinstance(targets, StanceTargets):
        return targets
    return load_targets(targets)


@dataclass
class Mention:
    """A target mention in a sentence (see :func:`find_mentions`)."""

    alias: str
    targets: tuple[str, ...]
    kind: str
    start: int
    end: int
    first: int
    last: int
    role: str = "bare"
    np_end: int = -1


_HANGUL_SYLLABLE = re.compile(r"^[\uac00-\ud7a3]$")
# a mention cannot end in the copula, an auxiliary or a predicate-forming suffix
_PREDICATE_END_TAGS = grammar.COPULA_TAGS | grammar.PREDICATE_SUFFIX_TAGS | {"VX"}


def _valid_mention(alias: Alias, toks: Sequence[Tok], first: int, last: int) -> bool:
    if toks[last].tag.startswith(("J", "E")) or toks[last].tag in _PREDICATE_END_TAGS:
        return False
    if _HANGUL_SYLLABLE.match(alias.text):
        return first == last and toks[first].tag == "NNP"
    return True


def find_mentions(
    text: str, tokens: Sequence[Tok] | pd.DataFrame, targets: StanceTargets | str | Path | None = None
) -> list[Mention]:
    """Target mentions in one sentence, longest alias first, at token boundaries.

    Parameters
    ----------
    text : str
        The sentence.
    tokens : sequence or pandas.DataFrame
        Its tokens (``form, tag, norm, start, end``), offsets into ``text``.
    targets : StanceTargets or path, optional
        Default: ``analysis/data/targets.yaml``.

    Returns
    -------
    list of Mention
        With ``role`` (subject, object, genitive, dative, comparative,
        complement, oblique, bare) from the particle that closes the noun
        phrase.

    Examples
    --------
    >>> from analysis.tokenize import tokenize_units
    >>> units = tokenize_units(["미중 갈등 속에 中 딥시크가 주목받는다."])
    >>> [(m.alias, m.targets) for m in find_mentions(units.sentences.text[0], units.tokens)]
    [('미중', ('us', 'china')), ('中', ('china',)), ('딥시크', ('china',))]
    """
    spec = as_targets(targets)
    toks = as_toks(tokens)
    ends = {tok.end: i for i, tok in enumerate(toks)}
    by_first = spec.by_first
    quotes = None
    mentions: list[Mention] = []
    covered_until = -1
    for first, tok in enumerate(toks):
        if tok.start < covered_until:
            continue
        for alias in by_first.get(text[tok.start : tok.start + 1].lower(), ()):
            match = alias.pattern.match(text, tok.start)
            if not match or match.end() not in ends:
                continue
            last = ends[match.end()]
            if last < first or not _valid_mention(alias, toks, first, last):
                continue
            if alias.kind == "outside_quotes":
                quotes = grammar.quote_spans(text) if quotes is None else quotes
                if any(s <= tok.start < e for s, e in quotes):
                    continue
            mentions.append(Mention(alias.text, alias.targets, alias.kind, tok.start, match.end(), first, last))
            covered_until = match.end()
            break
    mentions = _drop_prefixed_generics(mentions, toks)
    for mention in mentions:
        mention.role, mention.np_end = np_role(toks, mention.last)
    return mentions


def _drop_prefixed_generics(mentions: list[Mention], toks: Sequence[Tok]) -> list[Mention]:
    """A generic institution word right after another target word belongs to it."""
    kept: list[Mention] = []
    for mention in mentions:
        if mention.kind == "generic" and kept:
            previous = kept[-1]
            between = toks[previous.last + 1 : mention.first]
            if all(t.tag in grammar.NOMINAL_TAGS for t in between) and len(between) <= 3:
                continue
        kept.append(mention)
    return kept


def np_role(toks: Sequence[Tok], last: int) -> tuple[str, int]:
    """Grammatical role of the noun phrase containing token ``last``."""
    n = len(toks)
    k, depth = last + 1, 0
    while k < n:
        tok = toks[k]
        if tok.tag == "SSO" and tok.form in "([":
            depth += 1
        elif tok.tag == "SSC" and tok.form in ")]" and depth:
            depth -= 1
        elif depth == 0 and tok.tag not in grammar.NOMINAL_TAGS - {"MM"} and not (tok.tag == "SP" and tok.form == "·"):
            break
        k += 1
    if k >= n:
        return "bare", k
    tok = toks[k]
    if tok.tag == "JKS" or (tok.tag == "JX" and tok.form in grammar.SUBJECT_PARTICLES):
        return "subject", k
    if tok.tag == "JKO":
        return "object", k
    if tok.tag == "JKG":
        return "genitive", k
    if tok.tag in {"JKC", "VCP"}:
        return "complement", k
    if tok.tag == "JKB":
        if tok.form == "보다":
            return "comparative", k
        if tok.form in grammar.DATIVE_PARTICLES:
            return "dative", k
        return "oblique", k
    if tok.tag == "JC":
        following = k + 1
        while following < n and toks[following].tag in grammar.NOMINAL_TAGS:
            following += 1
        if following > k + 1:
            return np_role(toks, following - 1)  # 삼성전자와 SK하이닉스가: one phrase
    return "bare", k


