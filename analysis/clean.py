"""Separating the article from the page chrome around it.

Every line of a raw capture gets a role:

``title``
    the headline: the first headline-like line before any body text;
``subhead``
    other headline-like lines (decks, section heads, quoted pull-heads);
``body``
    article text;
``chrome``
    page furniture, with a ``reason``: blank line, filler, share/print
    buttons, comment widget, related-news list, editor's note, date stamp,
    copyright, disclaimer, contact / byline, photo caption, masthead.

The rules (``analysis/data/chrome_rules.yaml``, which also declares what a
matching line does to its neighbours: blocks, claimed lines, captions,
anchors) and the layout pass in this module (page header above the
headline, headline above the first stamp or byline, repeated headlines) are
general conventions of Korean news sites and blogs, not line numbers of
particular files. What they get wrong is fixed per document by an
overrides file (``overrides.csv`` in the corpus folder: ``doc_id, line, role,
note``), and the audit table says which lines were overridden.

Two layout repairs happen here as well: a photo caption printed twice counts
once (the repeat is marked as such), and a sentence that the capture broke
across two lines is joined into one paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

from analysis import paths
from analysis.corpus import Corpus, CorpusError

ROLES = ("title", "subhead", "body", "chrome")
OVERRIDES_FILE = "overrides.csv"
AUDIT_COLUMNS = ["file", "doc_id", "line", "role", "reason", "text"]
PARAGRAPH_COLUMNS = ["file", "doc_id", "outlet", "para", "role", "lines", "text"]

# A line that ends with terminal punctuation (ignoring closing quotes) reads as prose.
_CLOSING = "\"'”’」』)]》〉 "
_TERMINAL = (".", "!", "。")
# A full stop (not an ellipsis) followed by more text: the line holds two sentences.
# Latin abbreviations ("ft. ", "vs. ", "Dr. ") end no sentence.
# A digit before the point is a list number or a date ("1. 개요", "2025. 3. 4."), not a sentence end.
_INNER_SENTENCE_END = re.compile(r"(?<![.…0-9])(?<!\b[A-Za-z])(?<!\b[A-Za-z]{2})(?<!\b[A-Za-z]{3})[.!?]\s+\S")
# Headlines ask questions midway ("AI가 쓴 대본? 방송가는 선 긋기"); only a full stop
# or an exclamation inside a line that does not end like prose makes it two sentences.
_INNER_STATEMENT_END = re.compile(r"(?<![.…0-9])(?<!\b[A-Za-z])(?<!\b[A-Za-z]{2})(?<!\b[A-Za-z]{3})[.!]\s+\S")
# A short question line is a headline ("한국의 운명은?"), a long one is prose.
HEADLINE_QUESTION_MAX_CHARS = 45
HEADLINE_MAX_CHARS = 80
MASTHEAD_MAX_CHARS = 30
# Lines repeated within this many non-blank lines are a caption printed twice.
REPEAT_WINDOW = 3
REPEAT_MIN_CHARS = 5
# A line claimed by a neighbouring rule line is short, like a caption or a book title.
CLAIMED_MAX_CHARS = 60
# Menu and section labels are single short words.
MENU_ITEM_MAX_CHARS = 10
BLANK_REASON = "blank line"
# Captions are short single phrases; a longer line, or one of several
# sentences, printed twice is a duplicated paragraph.
CAPTION_MAX_CHARS = 220
# Teasers in related-news lists: "…", "...", "... -" at the end, "[매체]" or "△" at the start.
_TEASER = re.compile(r"(\.\.\.|…)\s*-?\s*$|^\s*(\[[^\]]{2,20}\]|△)")
# A leading dateline or credit tag on the first body line: "[동포투데이] ", "(서울=연합뉴스) 홍길동 기자 = ".
_LEADING_CREDIT = re.compile(
    r"^\s*(\[[^\]\n]{2,20}\]|\([^()\n]{1,15}=[^()\n]{1,15}\))\s*([가-힣]{2,4}\s*(기자|특파원)\s*=\s*)?"
)
_CREDIT_WORDS = re.compile(r"(뉴스|일보|신문|투데이|경제|닷컴|타임스|방송|통신|미디어|저널|=)")
# A line that ends in a particle or connective ending stops mid-sentence.
_OPEN_ENDING = re.compile(
    r"(은|는|이|가|을|를|의|에|에서|에게|와|과|로|으로|도|만|고|며|면|서|지만|는데|은데|던|및|또는|그리고|하지만|그러나|,)$"
)
# A line that begins with a particle or ending continues the previous word.
_CONTINUATION_START = re.compile(r"^(은|는|이|가|을|를|의|에|와|과|로|으로|였다|이다|다\.)")


class CleaningError(ValueError):
    """Bad cleaning input: a malformed overrides file or chrome-rule file."""


@dataclass(frozen=True)
class CleanedCorpus:
    """A corpus with every raw line roled.

    Attributes
    ----------
    corpus : Corpus
        The loaded corpus.
    lines : pandas.DataFrame
        The audit table, one row per raw line: ``file, doc_id, line, role,
        reason, text`` (``text`` as in the raw file).
    paragraphs : pandas.DataFrame
        Article paragraphs (title, subheads, body; chrome removed, broken
        sentences joined, leading credit tags removed): ``file, doc_id,
        outlet, para, role, lines, text``.
    """

    corpus: Corpus
    lines: pd.DataFrame
    paragraphs: pd.DataFrame


@dataclass(frozen=True)
class ChromeRule:
    """One compiled rule of ``chrome_rules.yaml``.

    Attributes
    ----------
    reason : str
        The audit reason of the lines it catches.
    max_chars : int
        Longer lines are never caught by the rule.
    full, search : re.Pattern or None
        The rule's patterns that must match the whole line / anywhere in it,
        joined into one alternation each (None when the rule has none).
    block : {"", "list", "paragraph", "to_end"}
        What follows a matching line: nothing; once the article has begun,
        list items up to the next article prose, or everything to the end;
        anywhere, the lines up to the next blank line ("paragraph").
    before_article : str
        Reason of a block rule's line before the article begins (it starts
        no block there); empty: the rule's own reason.
    claims : {"", "next", "previous"}
        The adjacent line that belongs to this chrome as well.
    caption : bool
        The line is a caption (a copy of it close by is printed twice).
    anchor : bool
        A date stamp or byline: the headline is the line group above it.
    """

    reason: str
    max_chars: int
    full: re.Pattern | None
    search: re.Pattern | None
    block: str = ""
    before_article: str = ""
    claims: str = ""
    caption: bool = False
    anchor: bool = False

    def matches(self, line: str) -> bool:
        """Whether the (stripped) line is caught by this rule."""
        if len(line) > self.max_chars:
            return False
        return bool((self.full is not None and self.full.fullmatch(line))
                    or (self.search is not None and self.search.search(line)))


RULE_KEYS = ("reason", "max_chars", "full", "search", "block", "before_article", "claims",
             "caption", "anchor")
BLOCK_KINDS = ("", "list", "paragraph", "to_end")
CLAIM_KINDS = ("", "next", "previous")
_FRAGMENT = re.compile(r"%\{(\w+)\}")


_LEADING_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")


def _scoped(pattern: re.Pattern) -> str:
    """A pattern as one branch of an alternation; leading flags ``(?i)`` apply to it alone."""
    flags = _LEADING_FLAGS.match(pattern.pattern)
    if flags:
        return f"(?{flags.group(1)}:{pattern.pattern[flags.end():]})"
    return f"(?:{pattern.pattern})"


def load_chrome_rules(path: Path | str | None = None) -> tuple[ChromeRule, ...]:
    """Load and compile chrome rules (default: the package's ``chrome_rules.yaml``).

    Raises
    ------
    CleaningError
        If the file is not valid YAML, a rule lacks a reason, has an unknown
        key or behaviour, names an unknown fragment, or a pattern does not
        compile.
    """
    path = Path(path) if path is not None else paths.package_data("chrome_rules.yaml")
    return _load_chrome_rules_cached(str(path))


@lru_cache(maxsize=8)
def _load_chrome_rules_cached(path: str) -> tuple[ChromeRule, ...]:
    try:
        spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CleaningError(f"{path}: not valid YAML ({error}).") from error
    if not isinstance(spec, dict) or not isinstance(spec.get("rules"), list):
        raise CleaningError(f"{path}: expected a mapping with a 'rules' list.")
    fragments = spec.get("fragments") or {}
    if not isinstance(fragments, dict):
        raise CleaningError(f"{path}: 'fragments' must map names to patterns.")

    def expand(pattern: str, where: str) -> str:
        def replace(match: re.Match) -> str:
            name = match.group(1)
            if name not in fragments:
                raise CleaningError(
                    f"{path}: {where}: unknown fragment %{{{name}}}; "
                    f"known: {', '.join(sorted(fragments)) or 'none'}."
                )
            return f"(?:{fragments[name]})"

        return _FRAGMENT.sub(replace, str(pattern))

    rules = []
    for number, rule in enumerate(spec["rules"], start=1):
        if not isinstance(rule, dict) or not rule.get("reason"):
            raise CleaningError(f"{path}: rule {number} has no 'reason'.")
        where = f"rule {number} ({rule['reason']})"
        unknown = sorted(set(rule) - set(RULE_KEYS))
        if unknown:
            raise CleaningError(
                f"{path}: {where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(RULE_KEYS)}."
            )
        for key, allowed in (("block", BLOCK_KINDS), ("claims", CLAIM_KINDS)):
            if str(rule.get(key) or "") not in allowed:
                raise CleaningError(
                    f"{path}: {where}: {key} {rule[key]!r} is not one of "
                    f"{', '.join(a for a in allowed if a)}."
                )
        compiled = {}
        for kind in ("full", "search"):
            patterns = []
            for pattern in rule.get(kind, []) or []:
                try:
                    patterns.append(re.compile(expand(pattern, where)))
                except re.error as error:
                    raise CleaningError(
                        f"{path}: {where}: pattern {pattern!r} does not compile ({error})."
                    ) from error
            # one alternation per kind: a line is tried once per rule, not once per pattern
            compiled[kind] = re.compile("|".join(map(_scoped, patterns))) if patterns else None
        if compiled["full"] is None and compiled["search"] is None:
            raise CleaningError(f"{path}: {where} has no patterns.")
        rules.append(
            ChromeRule(
                reason=str(rule["reason"]),
                max_chars=int(rule.get("max_chars", 10_000)),
                full=compiled["full"],
                search=compiled["search"],
                block=str(rule.get("block") or ""),
                before_article=str(rule.get("before_article") or ""),
                claims=str(rule.get("claims") or ""),
                caption=bool(rule.get("caption", False)),
                anchor=bool(rule.get("anchor", False)),
            )
        )
    return tuple(rules)


def is_blank(line: str) -> bool:
    """True for lines of white space only (including no-break and zero-width spaces)."""
    return not line.replace("\u200b", "").replace("\ufeff", "").strip()


def reads_as_prose(line: str) -> bool:
    """True when a line ends like a sentence (., !) or is too long for a headline.

    Examples
    --------
    >>> reads_as_prose("딥시크가 시장을 흔들었다.")
    True
    >>> reads_as_prose("미중 분쟁, AI로 확대… 정치권 대응책은")
    False
    >>> reads_as_prose("미래의 AI 주도권, 한국의 운명은?")
    False
    """
    stripped = line.strip()
    core = stripped.rstrip(_CLOSING)
    if core.endswith("?"):
        return len(stripped) > HEADLINE_QUESTION_MAX_CHARS or bool(
            _INNER_STATEMENT_END.search(core)
        )
    if core.endswith(_TERMINAL):
        return True
    # "다" without a period: a headline ("딥시크는 시작일 가능성이 높다") unless the
    # line holds several sentences or is too long for a headline.
    return len(stripped) > HEADLINE_MAX_CHARS or bool(_INNER_STATEMENT_END.search(core))


def _is_doubled(line: str) -> bool:
    """A caption printed twice on one line: the text is two identical halves."""
    text = line.strip()
    half = len(text) // 2
    return len(text) >= 2 * REPEAT_MIN_CHARS and len(text) % 2 == 0 and text[:half] == text[half:]


def _related_block_continues(line: str) -> bool:
    """List items are headlines or teasers; article prose ends the list."""
    return bool(_TEASER.search(line)) or not reads_as_prose(line)


def role_lines(
    lines: list[str],
    *,
    outlet: str = "",
    rules: tuple[ChromeRule, ...] | None = None,
) -> list[tuple[str, str]]:
    """Give each raw line of one document a ``(role, reason)``.

    Three passes: chrome rules (with the blocks, claims and captions they
    declare) and captions printed twice; then the page's layout: the
    headline is the headline-like line group just above the first date
    stamp or byline (or, without one, the last group before the article
    text), headline-like lines above it are the page header (menus,
    mastheads, section labels), a short name beside a stamp is the author,
    and later copies of the headline are chrome.

    Parameters
    ----------
    lines : list of str
        The raw lines of one document (without line breaks).
    outlet : str, optional
        The outlet's name from the metadata; short lines that carry it before
        the article starts are mastheads or section labels.
    rules : tuple of ChromeRule, optional
        Chrome rules; default :func:`load_chrome_rules`.

    Returns
    -------
    list of (role, reason)
        One pair per input line; ``reason`` is empty for article lines.

    Examples
    --------
    >>> role_lines(["속보", "딥시크 충격", "중국 AI가 시장을 흔들었다.", "홍길동 기자"])
    [('chrome', 'share/print buttons'), ('title', ''), ('body', ''), ('chrome', 'contact / byline')]
    """
    rules = rules if rules is not None else load_chrome_rules()
    stripped = [line.strip() for line in lines]
    roles: list[tuple[str, str] | None] = [None] * len(lines)
    matched: list[ChromeRule | None] = [None] * len(lines)

    # 1. blank lines, rule-based chrome with its blocks, captions printed twice.
    # Blocks start only after the article has begun: the same labels near the
    # top of a page are buttons ("댓글" = go to comments).
    block: ChromeRule | None = None
    seen_prose = False
    for index, text in enumerate(stripped):
        if is_blank(text):
            roles[index] = ("chrome", BLANK_REASON)
            if block is not None and block.block == "paragraph":
                block = None
            continue
        rule = next((r for r in rules if r.matches(text)), None)
        if block is not None:
            # a list ends at article prose, or where another block (comments) begins
            replaced = block.block == "list" and rule is not None and bool(rule.block)
            if not replaced and (block.block in ("to_end", "paragraph") or _related_block_continues(text)):
                roles[index] = ("chrome", block.reason)
                continue
            block = None
        if rule is not None:
            matched[index] = rule
            if rule.block and rule.block != "paragraph" and not seen_prose:
                roles[index] = ("chrome", rule.before_article or rule.reason)
            else:
                roles[index] = ("chrome", rule.reason)
                block = rule if rule.block else None
            continue
        if _is_doubled(text):
            roles[index] = ("chrome", "photo caption (printed twice)")
        elif reads_as_prose(text):
            seen_prose = True

    _mark_repeats(stripped, roles, matched)
    _apply_claims(stripped, roles, matched)
    _assign_article_roles(stripped, roles, matched, outlet=outlet)
    return [role for role in roles if role is not None]


def _mark_repeats(stripped: list[str], roles: list, matched: list) -> None:
    """Mark a line repeated within a few lines: a photo caption printed twice
    (both copies are chrome), or a paragraph printed twice (the copy is)."""
    content = [i for i, text in enumerate(stripped) if not is_blank(text)]
    for position, index in enumerate(content):
        text = stripped[index]
        if len(text) < REPEAT_MIN_CHARS:
            continue
        for later in content[position + 1 : position + 1 + REPEAT_WINDOW]:
            if stripped[later] != text:
                continue
            is_caption = _is_caption(index, roles, matched)
            reads_as_paragraph = len(text) > CAPTION_MAX_CHARS or bool(_INNER_SENTENCE_END.search(text))
            if reads_as_paragraph and not is_caption:  # a paragraph printed twice: keep the first
                if roles[later] is None:
                    roles[later] = ("chrome", "repeated paragraph (counted once)")
                continue
            caught_by_rule = roles[index] is not None
            if caught_by_rule and not is_caption and roles[index][1] != BLANK_REASON and matched[index] is None:
                continue  # a line inside a list or contents block: its later copy is not a caption
            if not caught_by_rule:
                roles[index] = ("chrome", "photo caption")
            if roles[later] is None or roles[later] == roles[index]:
                roles[later] = ("chrome", f"{roles[index][1]} (repeat, counted once)")


def _is_caption(index: int, roles: list, matched: list) -> bool:
    """A line caught as a caption: by a caption rule, or printed twice on one line."""
    rule = matched[index]
    return (rule is not None and rule.caption) or roles[index] == ("chrome", "photo caption (printed twice)")


def _apply_claims(stripped: list[str], roles: list, matched: list) -> None:
    """Lines claimed by a neighbouring rule line (``claims`` in the rules):
    the note after an editor's-note label, the caption above its credit."""
    for index, rule in enumerate(matched):
        if rule is None or not rule.claims:
            continue
        if rule.claims == "next":
            later = next((i for i in range(index + 1, len(stripped)) if not is_blank(stripped[i])), None)
            if later is not None and roles[later] is None:
                roles[later] = ("chrome", rule.reason)
        elif index > 0 and roles[index - 1] is None:
            previous = stripped[index - 1]
            if len(previous) <= CLAIMED_MAX_CHARS and not reads_as_prose(previous):
                roles[index - 1] = ("chrome", rule.reason)


def _is_menu_item(text: str) -> bool:
    """A one-word label of a menu or section list ("IT·과학", "오피니언")."""
    return len(text) <= MENU_ITEM_MAX_CHARS and not re.search(r"\s", text)


def _assign_article_roles(stripped: list[str], roles: list, matched: list, *, outlet: str) -> None:
    """Title, subheads, body and the page header, from the page's layout."""
    unroled = [i for i, role in enumerate(roles) if role is None]
    start = next((i for i in unroled if reads_as_prose(stripped[i])), len(stripped))
    candidates = []
    for index in unroled:
        if index >= start:
            break
        if outlet and outlet in stripped[index] and len(stripped[index]) <= MASTHEAD_MAX_CHARS:
            roles[index] = ("chrome", "masthead / section label")
        else:
            candidates.append(index)
    def is_anchor(index: int) -> bool:
        return 0 <= index < len(matched) and matched[index] is not None and matched[index].anchor

    # a one-word line just beside a stamp is its author's name, not part of a headline
    names = {i for i in candidates if _is_menu_item(stripped[i]) and (is_anchor(i - 1) or is_anchor(i + 1))}
    if names == set(candidates):
        names = set()
    runs: list[list[int]] = []
    for index in candidates:
        if index in names:
            continue
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    anchors = [i for i in range(start) if is_anchor(i)]
    anchored = [a for a in anchors if runs and runs[0][-1] < a]
    # a headline is not a row of one-word menu items ("홈", "정치", "경제")
    headline_runs = [run for run in runs if not all(_is_menu_item(stripped[i]) for i in run)] or runs
    if anchored:
        above = [run for run in headline_runs if run[-1] < anchored[0]]
        # with nothing but menus above the first stamp, the stamp heads the article
        below = [run for run in headline_runs if run[0] > anchored[0]]
        title_run = above[-1] if above else below[0] if below else runs[-1]
    else:
        title_run = headline_runs[-1] if headline_runs else []
    while len(title_run) > 1 and _is_menu_item(stripped[title_run[0]]):
        title_run = title_run[1:]
    title = title_run[0] if title_run else None
    for index in candidates:
        if title is None or index > title:
            if title is not None and index in names:
                roles[index] = ("chrome", "author name")
            elif title is not None and index not in title_run and _is_menu_item(stripped[index]):
                # decks are phrases; one word between headline and article is a label or a name
                roles[index] = ("chrome", "label between headline and article")
            else:
                roles[index] = ("subhead", "")
        elif index == title:
            roles[index] = ("title", "")
        elif len(stripped[index]) > len(stripped[title]) and not _is_menu_item(stripped[index]):
            # longer than the headline chosen: perhaps the headline, so it is kept
            roles[index] = ("subhead", "")
        else:
            roles[index] = ("chrome", "page header (menu, masthead, section)")
    for index in unroled:
        if roles[index] is not None:
            continue
        if title is not None and index > title and stripped[index] == stripped[title]:
            roles[index] = ("chrome", "repeated headline (counted once)")
        elif reads_as_prose(stripped[index]):
            roles[index] = ("body", "")
        else:
            roles[index] = ("subhead", "")


def read_overrides(directory: Path) -> pd.DataFrame:
    """Read ``overrides.csv`` of a corpus folder (empty table if absent).

    Columns: ``doc_id``, ``line`` (a number or a range ``12-14``), ``role``
    (one of title, subhead, body, chrome) and ``note`` (why; it becomes the
    audit reason).

    Raises
    ------
    CleaningError
        Missing columns, an unknown role, or a malformed line number.
    """
    path = Path(directory) / OVERRIDES_FILE
    columns = ["doc_id", "first_line", "last_line", "role", "note"]
    if not path.exists():
        return pd.DataFrame(columns=columns)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"doc_id", "line", "role", "note"} - set(table.columns)
    if missing:
        raise CleaningError(f"{path}: missing column(s) {', '.join(sorted(missing))}.")
    rows = []
    for number, row in enumerate(table.itertuples(index=False), start=2):
        if row.role not in ROLES:
            raise CleaningError(
                f"{path}, line {number}: role {row.role!r} is not one of {', '.join(ROLES)}."
            )
        match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", row.line)
        if not match:
            raise CleaningError(
                f"{path}, line {number}: line {row.line!r} is not a number or a range like 12-14."
            )
        first = int(match.group(1))
        last = int(match.group(2) or first)
        rows.append([row.doc_id, first, last, row.role, row.note or "override"])
    return pd.DataFrame(rows, columns=columns)


def _join_broken_lines(
    article: list[tuple[int, str, str]], *, blank_separated: bool, raw_lines: list[str]
) -> list[tuple[list[int], str, str]]:
    """Join a line the capture broke mid-sentence with the line after it.

    A line is joined with the next article line when it has no terminal
    punctuation, ends in a particle or connective ending, and either the
    document separates paragraphs with blank lines while these two lines
    stand together, or the next line starts with a particle or ending.
    """
    paragraphs: list[tuple[list[int], str, str]] = []
    for number, role, text in article:
        if paragraphs:
            previous_numbers, previous_role, previous_text = paragraphs[-1]
            last = previous_numbers[-1]
            adjacent = number == last + 1
            gap_is_blank = all(is_blank(raw_lines[i - 1]) for i in range(last + 1, number))
            open_end = bool(_OPEN_ENDING.search(previous_text)) and not reads_as_prose(
                previous_text
            )
            continues = bool(_CONTINUATION_START.match(text))
            if (
                previous_role in ("body", "subhead")
                and role == "body"
                and open_end
                and ((adjacent and blank_separated) or (gap_is_blank and continues))
            ):
                paragraphs[-1] = (previous_numbers + [number], "body", f"{previous_text} {text}")
                continue
        paragraphs.append(([number], role, text))
    return paragraphs


def _separates_with_blanks(raw_lines: list[str], article_numbers: list[int]) -> bool:
    """Whether most consecutive article lines have a blank line between them."""
    gaps = [b - a for a, b in zip(article_numbers, article_numbers[1:])]
    return bool(gaps) and sum(gap > 1 for gap in gaps) > len(gaps) / 2


def strip_leading_credit(text: str, *, outlet: str = "") -> tuple[str, str]:
    """Remove a dateline or credit tag at the start of a paragraph.

    Returns the text and what was removed (empty when nothing was).

    Examples
    --------
    >>> strip_leading_credit("[동포투데이] 올해 1월 ...", outlet="동포투데이")
    ('올해 1월 ...', '[동포투데이]')
    >>> strip_leading_credit("(서울=연합뉴스) 홍길동 기자 = 정부는 ...")
    ('정부는 ...', '(서울=연합뉴스) 홍길동 기자 =')
    """
    match = _LEADING_CREDIT.match(text)
    if not match:
        return text, ""
    tag = match.group(1)
    if not ((outlet and outlet in tag) or _CREDIT_WORDS.search(tag)):
        return text, ""
    return text[match.end() :], match.group(0).strip()


def clean_document(
    raw_text: str,
    *,
    doc_id: str,
    file: str,
    outlet: str = "",
    overrides: pd.DataFrame | None = None,
    rules: tuple[ChromeRule, ...] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Role the lines of one document and assemble its paragraphs.

    Returns
    -------
    (lines, paragraphs) : tuple of pandas.DataFrame
        See :class:`CleanedCorpus`.
    """
    raw_lines = raw_text.split("\n")
    roles = role_lines(raw_lines, outlet=outlet, rules=rules)
    if overrides is not None and len(overrides):
        for row in overrides[overrides["doc_id"] == doc_id].itertuples(index=False):
            if row.last_line > len(raw_lines):
                raise CleaningError(
                    f"{OVERRIDES_FILE}: {doc_id} has {len(raw_lines)} lines; "
                    f"override for line(s) {row.first_line}-{row.last_line} is out of range."
                )
            for number in range(row.first_line, row.last_line + 1):
                roles[number - 1] = (row.role, f"override: {row.note}")
    audit = pd.DataFrame(
        {
            "file": file,
            "doc_id": doc_id,
            "line": range(1, len(raw_lines) + 1),
            "role": [role for role, _ in roles],
            "reason": [reason for _, reason in roles],
            "text": raw_lines,
        },
        columns=AUDIT_COLUMNS,
    )
    article = [
        (number, role, raw_lines[number - 1].strip())
        for number, (role, _) in enumerate(roles, start=1)
        if role != "chrome"
    ]
    blank_separated = _separates_with_blanks(raw_lines, [number for number, _, _ in article])
    joined = _join_broken_lines(article, blank_separated=blank_separated, raw_lines=raw_lines)
    records = []
    lead_seen = False  # the credit tag can only open the first body paragraph
    for numbers, role, text in joined:
        if len(numbers) > 1:
            joined_rows = audit["line"].isin(numbers)
            audit.loc[joined_rows, "role"] = role
            audit.loc[joined_rows, "reason"] = (
                f"joined lines {numbers[0]}-{numbers[-1]} (sentence broken by the capture)"
            )
        if role == "body" and not lead_seen:
            lead_seen = True
            text, credit = strip_leading_credit(text, outlet=outlet)
            if credit:
                audit.loc[audit["line"] == numbers[0], "reason"] = f"leading credit {credit} removed"
        records.append(
            {
                "file": file,
                "doc_id": doc_id,
                "outlet": outlet,
                "para": len(records) + 1,
                "role": role,
                "lines": f"{numbers[0]}" if len(numbers) == 1 else f"{numbers[0]}-{numbers[-1]}",
                "text": text,
            }
        )
    return audit, pd.DataFrame(records, columns=PARAGRAPH_COLUMNS)


def clean_corpus(
    corpus: Corpus,
    *,
    rules_path: Path | str | None = None,
    overrides: pd.DataFrame | None = None,
) -> CleanedCorpus:
    """Role every line of every document and assemble article paragraphs.

    Parameters
    ----------
    corpus : Corpus
        From :func:`analysis.corpus.load_corpus`.
    rules_path : path-like, optional
        Another chrome-rules YAML file (default: the package's).
    overrides : pandas.DataFrame, optional
        Per-document overrides; default: ``overrides.csv`` in the corpus
        folder, if there is one.

    Returns
    -------
    CleanedCorpus

    Raises
    ------
    CorpusError
        If a document has no article text left after cleaning (nothing is
        dropped silently: fix it with an override).
    """
    rules = load_chrome_rules(rules_path)
    if overrides is None:
        overrides = read_overrides(corpus.directory)
    unknown = sorted(set(overrides["doc_id"]) - set(corpus.documents["doc_id"]))
    if unknown:
        raise CleaningError(
            f"{Path(corpus.directory) / OVERRIDES_FILE}: unknown doc_id(s) {', '.join(unknown)}."
        )
    audits, paragraphs = [], []
    for document in corpus.documents.itertuples(index=False):
        audit, paras = clean_document(
            document.text,
            doc_id=document.doc_id,
            file=document.file,
            outlet=document.outlet,
            overrides=overrides,
            rules=rules,
        )
        if not (paras["role"] == "body").any():
            raise CorpusError(
                f"{Path(corpus.directory) / document.file}: no article body found after removing "
                "page chrome; check the audit table (python -m analysis corpus --audit) and add "
                f"an override in {OVERRIDES_FILE}."
            )
        audits.append(audit)
        paragraphs.append(paras)
    return CleanedCorpus(
        corpus=corpus,
        lines=pd.concat(audits, ignore_index=True),
        paragraphs=pd.concat(paragraphs, ignore_index=True),
    )


def chrome_summary(cleaned: CleanedCorpus) -> pd.DataFrame:
    """Characters and lines removed per document and reason (blank lines excluded).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, reason, lines, chars``, sorted by doc_id (corpus order) then reason.
    """
    lines = cleaned.lines
    chrome = lines[(lines["role"] == "chrome") & (lines["reason"] != BLANK_REASON)].copy()
    chrome["chars"] = chrome["text"].str.strip().str.len()
    order = {doc_id: i for i, doc_id in enumerate(cleaned.corpus.documents["doc_id"])}
    summary = (
        chrome.groupby(["doc_id", "reason"], sort=False)
        .agg(lines=("line", "size"), chars=("chars", "sum"))
        .reset_index()
    )
    summary["_order"] = summary["doc_id"].map(order)
    return (
        summary.sort_values(["_order", "reason"]).drop(columns="_order").reset_index(drop=True)
    )


def removed_lines_by_reason(cleaned: CleanedCorpus) -> pd.DataFrame:
    """Lines removed as chrome: reasons in rows, outlets in columns (blank lines excluded).

    Every outlet of the corpus has a column, also when nothing was removed
    from it; a corpus with no chrome at all gives a table with no rows.
    """
    outlets = list(dict.fromkeys(cleaned.corpus.documents["outlet"]))
    outlet_of = cleaned.corpus.documents.set_index("doc_id")["outlet"]
    summary = chrome_summary(cleaned)
    summary["outlet"] = summary["doc_id"].map(outlet_of)
    table = summary.pivot_table(index="reason", columns="outlet", values="lines", aggfunc="sum", fill_value=0)
    return table.reindex(columns=outlets, fill_value=0).astype(int).rename_axis(columns=None)
