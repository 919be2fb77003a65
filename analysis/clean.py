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

The rules (``analysis/data/chrome_rules.yaml`` plus the layout rules in this
module) are general conventions of Korean news sites and blogs, not line
numbers of particular files. What they get wrong is fixed per document by an
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
_INNER_SENTENCE_END = re.compile(r"(?<![.…])[.!?]\s+\S")
# A short question line is a headline ("한국의 운명은?"), a long one is prose.
HEADLINE_QUESTION_MAX_CHARS = 45
HEADLINE_MAX_CHARS = 80
MASTHEAD_MAX_CHARS = 30
# Lines repeated within this many non-blank lines are a caption printed twice.
REPEAT_WINDOW = 3
REPEAT_MIN_CHARS = 5
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
    """One compiled rule of ``chrome_rules.yaml``."""

    reason: str
    max_chars: int
    full: tuple[re.Pattern, ...]
    search: tuple[re.Pattern, ...]
    starts_block: bool

    def matches(self, line: str) -> bool:
        if len(line) > self.max_chars:
            return False
        return any(p.fullmatch(line) for p in self.full) or any(p.search(line) for p in self.search)


def load_chrome_rules(path: Path | str | None = None) -> tuple[ChromeRule, ...]:
    """Load and compile chrome rules (default: the package's ``chrome_rules.yaml``).

    Raises
    ------
    CleaningError
        If the file is not valid YAML, a rule lacks a reason, or a pattern
        does not compile.
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
    rules = []
    for number, rule in enumerate(spec["rules"], start=1):
        if not isinstance(rule, dict) or not rule.get("reason"):
            raise CleaningError(f"{path}: rule {number} has no 'reason'.")
        compiled = {}
        for kind in ("full", "search"):
            patterns = []
            for pattern in rule.get(kind, []) or []:
                try:
                    patterns.append(re.compile(pattern))
                except re.error as error:
                    raise CleaningError(
                        f"{path}: rule {number} ({rule['reason']}): pattern {pattern!r} "
                        f"does not compile ({error})."
                    ) from error
            compiled[kind] = tuple(patterns)
        if not compiled["full"] and not compiled["search"]:
            raise CleaningError(f"{path}: rule {number} ({rule['reason']}) has no patterns.")
        rules.append(
            ChromeRule(
                reason=str(rule["reason"]),
                max_chars=int(rule.get("max_chars", 10_000)),
                full=compiled["full"],
                search=compiled["search"],
                starts_block=bool(rule.get("starts_block", False)),
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
            _INNER_SENTENCE_END.search(core)
        )
    if core.endswith(_TERMINAL):
        return True
    # "다" without a period: a headline ("딥시크는 시작일 가능성이 높다") unless the
    # line holds several sentences or is too long for a headline.
    return len(stripped) > HEADLINE_MAX_CHARS or bool(_INNER_SENTENCE_END.search(core))


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

    # 1. blank lines, repeated captions and rule-based chrome, with blocks.
    # Lists and widgets start a block only after the article has begun: the
    # same labels near the top of a page are buttons ("댓글" = go to comments).
    block_reason = None
    seen_prose = False
    for index, text in enumerate(stripped):
        if is_blank(text):
            roles[index] = ("chrome", "blank line")
            continue
        if block_reason is not None:
            if block_reason == "comment widget" or _related_block_continues(text):
                roles[index] = ("chrome", block_reason)
                continue
            block_reason = None
        rule = next((r for r in rules if r.matches(text)), None)
        if rule is not None:
            roles[index] = ("chrome", rule.reason if seen_prose or not rule.starts_block
                            else "share/print buttons")
            if rule.starts_block and seen_prose:
                block_reason = rule.reason
            continue
        if _is_doubled(text):
            roles[index] = ("chrome", "photo caption (printed twice)")
        elif reads_as_prose(text):
            seen_prose = True

    _mark_repeats(stripped, roles)
    _mark_editors_note(stripped, roles)

    # 2. article lines: title, subheads, body; mastheads before the article.
    seen_body = seen_title = False
    for index, text in enumerate(stripped):
        if roles[index] is not None:
            continue
        if reads_as_prose(text):
            roles[index] = ("body", "")
            seen_body = True
        elif not seen_body and outlet and outlet in text and len(text) <= MASTHEAD_MAX_CHARS:
            roles[index] = ("chrome", "masthead / section label")
        elif not seen_body and not seen_title:
            roles[index] = ("title", "")
            seen_title = True
        else:
            roles[index] = ("subhead", "")
    return [role for role in roles if role is not None]


def _mark_repeats(stripped: list[str], roles: list) -> None:
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
            is_caption = roles[index] is not None and roles[index][1].startswith("photo caption")
            reads_as_paragraph = len(text) > CAPTION_MAX_CHARS or bool(_INNER_SENTENCE_END.search(text))
            if reads_as_paragraph and not is_caption:  # a paragraph printed twice: keep the first
                if roles[later] is None:
                    roles[later] = ("chrome", "repeated paragraph (counted once)")
                continue
            caught_by_rule = roles[index] is not None
            if not caught_by_rule:
                roles[index] = ("chrome", "photo caption")
            if roles[later] is None or roles[later] == roles[index]:
                roles[later] = ("chrome", f"{roles[index][1]} (repeat, counted once)")


def _mark_editors_note(stripped: list[str], roles: list) -> None:
    """The first content line after an "편집자주" label is the editor's note."""
    for index, role in enumerate(roles):
        if role == ("chrome", "editor's note"):
            for later in range(index + 1, len(stripped)):
                if is_blank(stripped[later]):
                    continue
                if roles[later] is None:
                    roles[later] = ("chrome", "editor's note")
                break


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
    chrome = lines[(lines["role"] == "chrome") & (lines["reason"] != "blank line")].copy()
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
