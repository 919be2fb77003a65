"""Reading a corpus: a folder of text files plus ``metadata.csv``.

A corpus directory holds one plain-text file per document and a
``metadata.csv`` describing them (see ``seeds/README.md`` for the columns).
:func:`load_corpus` validates the folder and returns a :class:`Corpus` whose
``documents`` table carries the decoded, NFC-normalized text. Files on disk
are never changed.

Everything that can be wrong with the input raises :class:`CorpusError` with
the file name and what to do, rather than silently dropping a document.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterator, Mapping

import pandas as pd

from analysis import paths

REQUIRED_COLUMNS = ("doc_id", "file", "outlet")
OPTIONAL_COLUMNS = ("outlet_type", "genre", "author", "date", "date_note", "title")
METADATA_FILE = "metadata.csv"
DECODING_COLUMNS = ["file", "encoding", "html", "note"]
MAX_CONTROL_CHAR_SHARE = 0.01


class CorpusError(ValueError):
    """A corpus folder, its metadata or one of its files cannot be used as is."""


@dataclass(frozen=True)
class Corpus:
    """A validated corpus.

    Attributes
    ----------
    directory : pathlib.Path
        Where the corpus was read from.
    documents : pandas.DataFrame
        One row per document, in metadata order: the metadata columns plus
        ``text`` (decoded, NFC-normalized) and ``encoding``.
    notes : tuple of str
        What loading had to do that a reader should know (legacy encodings
        decoded, byte-order marks removed, HTML converted, ...), one line each.
    decoding : pandas.DataFrame
        Every decoding decision, one row per file read (the metadata file,
        each text file, or the corpus table): ``file, encoding, html, note``
        (``encoding`` a key of :data:`ENCODING_NOTES`; ``note`` says it in
        words). Shown on the command line and in notebook 01.
    """

    directory: Path
    documents: pd.DataFrame
    notes: tuple[str, ...] = field(default_factory=tuple)
    decoding: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DECODING_COLUMNS))


def read_metadata(path: Path) -> pd.DataFrame:
    """Read and validate a ``metadata.csv``.

    Parameters
    ----------
    path : pathlib.Path
        The metadata file.

    Returns
    -------
    pandas.DataFrame
        All columns as strings (missing optional columns added empty).

    Raises
    ------
    CorpusError
        If the file is missing, unreadable, lacks a required column, has an
        empty required cell or duplicate ``doc_id``/``file`` values.
    """
    path = Path(path)
    if not path.is_file():
        raise CorpusError(
            f"{path}: metadata file not found. A corpus folder needs a {METADATA_FILE} "
            f"with at least the columns {', '.join(REQUIRED_COLUMNS)}."
        )
    raw = path.read_bytes()
    text, encoding = decode_bytes(raw, source=path)
    try:
        table = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=False
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as error:
        raise CorpusError(f"{path}: metadata is not a readable CSV table ({error}).") from error
    table.columns = [str(column).strip() for column in table.columns]
    missing = [column for column in REQUIRED_COLUMNS if column not in table.columns]
    if missing:
        raise CorpusError(
            f"{path}: metadata lacks the required column(s) {', '.join(missing)}; "
            f"found {', '.join(table.columns) or 'none'}."
        )
    if table.empty:
        raise CorpusError(f"{path}: metadata has a header but no documents.")
    table = table.apply(lambda column: column.str.strip())
    for column in REQUIRED_COLUMNS:
        empty_rows = table.index[table[column] == ""].tolist()
        if empty_rows:
            rows = ", ".join(str(row + 2) for row in empty_rows)
            raise CorpusError(f"{path}: column {column!r} is empty on line(s) {rows}.")
    for column in ("doc_id", "file"):
        duplicated = sorted(table.loc[table[column].duplicated(), column].unique())
        if duplicated:
            raise CorpusError(
                f"{path}: duplicate {column} value(s) {', '.join(duplicated)}; each must be unique."
            )
    for column in OPTIONAL_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    table.attrs["encoding"] = encoding
    return table


# How each decoding is described to the user (command line, notebook 01).
ENCODING_NOTES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with a byte-order mark (mark removed)",
    "utf-16-le-sig": "UTF-16 little-endian with a byte-order mark (mark removed)",
    "utf-16-be-sig": "UTF-16 big-endian with a byte-order mark (mark removed)",
    "utf-16-le": "UTF-16 little-endian without a byte-order mark (recognized by its zero bytes)",
    "utf-16-be": "UTF-16 big-endian without a byte-order mark (recognized by its zero bytes)",
    "cp949": "not UTF-8; decoded as CP949 (Korean Windows, a superset of EUC-KR)",
    "xlsx": "an Excel workbook (cells are text already; nothing to decode)",
}
# Short names for the counts on the command line.
ENCODING_LABELS = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16-le-sig": "UTF-16 LE with BOM",
    "utf-16-be-sig": "UTF-16 BE with BOM", "utf-16-le": "UTF-16 LE without BOM",
    "utf-16-be": "UTF-16 BE without BOM", "cp949": "CP949/EUC-KR", "xlsx": "XLSX",
}
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe", "utf-16-le-sig", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be-sig", "utf-16-be"),
)
# In UTF-16 text without a byte-order mark, ASCII characters (spaces, digits,
# line breaks) put a zero byte on one side of their pair: odd offsets for
# little-endian, even ones for big-endian. Korean text has spaces often enough.
UTF16_ZERO_SHARE = 0.05


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the zero bytes of ``raw`` sit on one side of the pairs."""
    if len(raw) < 2 or len(raw) % 2:
        return None
    pairs = len(raw) // 2
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    # a character whose low byte is zero (가 = U+AC00) puts a few on the other side
    if odd >= UTF16_ZERO_SHARE * pairs and even <= odd / 4:
        return "utf-16-le"
    if even >= UTF16_ZERO_SHARE * pairs and odd <= even / 4:
        return "utf-16-be"
    return None


def decode_bytes(raw: bytes, *, source: Path) -> tuple[str, str]:
    """Decode a text file's bytes: UTF-8 or UTF-16 (with or without a byte-order mark), else CP949.

    Parameters
    ----------
    raw : bytes
        File content.
    source : pathlib.Path
        The file, for error messages.

    Returns
    -------
    (str, str)
        The NFC-normalized text (line endings unified to ``\\n``, byte-order
        mark removed) and the decoding used, a key of :data:`ENCODING_NOTES`
        (``utf-8``, ``utf-8-sig``, ``utf-16-le-sig``, ``utf-16-be-sig``,
        ``utf-16-le``, ``utf-16-be`` or ``cp949``).

    Raises
    ------
    CorpusError
        If the bytes are binary, or decode in none of the encodings (the
        message names the byte offset where each attempt failed).

    Examples
    --------
    >>> decode_bytes("딥시크".encode("cp949"), source=Path("x.txt"))
    ('딥시크', 'cp949')
    >>> decode_bytes("\\ufeff딥시크 AI".encode("utf-16-le"), source=Path("x.txt"))
    ('딥시크 AI', 'utf-16-le-sig')
    """
    text = None
    for bom, label, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text, encoding = raw[len(bom):].decode(codec), label
            except UnicodeDecodeError as error:
                raise CorpusError(
                    f"{source}: starts with a {ENCODING_NOTES[label].split(' with')[0]} byte-order mark "
                    f"but byte {error.start + len(bom)} is not valid {codec.upper()}; re-save the file "
                    "as UTF-8."
                ) from error
            break
    if text is None and b"\x00" in raw:
        codec = _utf16_without_bom(raw)
        if codec is not None:
            try:
                text, encoding = raw.decode(codec), codec
            except UnicodeDecodeError:
                text = None
        if text is None:
            offset = raw.index(b"\x00")
            raise CorpusError(
                f"{source}: looks like a binary file (a zero byte at offset {offset}), not text. If it "
                "is text saved as UTF-16 or UTF-32, re-save it as UTF-8."
            )
    if text is None:
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as utf8_error:
            try:
                text, encoding = raw.decode("cp949"), "cp949"
            except UnicodeDecodeError as cp949_error:
                raise CorpusError(
                    f"{source}: text is neither UTF-8 nor a Korean legacy encoding (CP949/EUC-KR): the "
                    f"byte at offset {utf8_error.start} is not valid UTF-8 and the byte at offset "
                    f"{cp949_error.start} not valid CP949; re-save it as UTF-8."
                ) from cp949_error
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\r\t"
    )
    if text and controls / len(text) > MAX_CONTROL_CHAR_SHARE:
        raise CorpusError(
            f"{source}: looks like a binary file ({controls} control characters), not text."
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), encoding


_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    "p div br li h1 h2 h3 h4 h5 h6 tr td th article section header footer figcaption "
    "blockquote ul ol table title nav aside".split()
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})


# Page furniture that is dropped before line roles are decided: navigation and
# side boxes always, the page's header and footer unless they belong to the
# article itself (an <article>'s <header> holds its headline and byline).
_FURNITURE_TAGS = frozenset({"nav", "aside"})
_PAGE_FRAME_TAGS = frozenset({"header", "footer"})
_FURNITURE_ROLES = frozenset({"navigation", "complementary", "search"})
_PAGE_FRAME_ROLES = frozenset({"banner", "contentinfo"})
_CONTENT_TAGS = frozenset({"article", "main"})
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, one line per block element, without its furniture.

    ``<title>`` is kept apart: it becomes the headline only when the page has
    no ``<h1>`` (the two name the same headline).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[tuple[str, bool]] = []  # element, whether it hides its content
        self.content_depth = 0
        self.in_title = False
        self.title: list[str] = []
        self.has_h1 = False

    def _hidden(self) -> bool:
        return any(hides for _, hides in self.open)

    def handle_starttag(self, tag, attrs):
        if tag in _VOID_TAGS:
            if tag == "br" and not self._hidden():
                self.parts.append("\n")
            return
        role = (dict(attrs).get("role") or "").lower()
        frame = (tag in _PAGE_FRAME_TAGS or role in _PAGE_FRAME_ROLES) and not self.content_depth
        hides = tag in _SKIP_TAGS or tag in _FURNITURE_TAGS or role in _FURNITURE_ROLES or frame
        self.open.append((tag, hides))
        if tag in _CONTENT_TAGS:
            self.content_depth += 1
        if tag == "title":
            self.in_title = True
        elif tag == "h1" and not self._hidden():
            self.has_h1 = True
        if tag in _BLOCK_TAGS and not self._hidden():
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _VOID_TAGS or not any(name == tag for name, _ in self.open):
            return
        while self.open:  # close what was left open inside this element too
            name, _ = self.open.pop()
            if name in _CONTENT_TAGS:
                self.content_depth -= 1
            if name == "title":
                self.in_title = False
            if name == tag:
                break
        if tag in _BLOCK_TAGS and not self._hidden():
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self._hidden():
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """True when a document is an HTML page rather than plain text."""
    return bool(_HTML_START.match(text))


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page: block elements become lines; scripts, styles,
    navigation, side boxes and the page's header and footer go; ``<title>`` and
    ``<h1>`` give one headline.

    Examples
    --------
    >>> html_to_text("<html><body><h1>딥시크</h1><p>첫 문단.</p><script>x()</script></body></html>")
    '딥시크\\n첫 문단.'
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    title = re.sub(r"\s+", " ", "".join(parser.title)).strip()
    if title and not parser.has_h1:
        text = f"{title}\n{text}"
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def read_document(path: Path) -> tuple[str, str]:
    """Read one text file; see :func:`decode_bytes`. Empty files are an error.

    An HTML page (a saved web page rather than a text capture) is converted to
    its visible text, one line per block element; the returned encoding then
    ends in ``+html``.
    """
    path = Path(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise CorpusError(f"{path}: the file is empty; remove it from metadata.csv or add its text.")
    text, encoding = decode_bytes(raw, source=path)
    if looks_like_html(text):
        text, encoding = html_to_text(text), f"{encoding}+html"
    if not text.strip():
        raise CorpusError(f"{path}: the file contains no text.")
    return text, encoding


def load_corpus(
    directory: Path | str | None = None,
    *,
    suffix: str = ".txt",
    columns: Mapping[str, str] | None = None,
    preset: str | None = None,
    header_row: int | None = None,
) -> Corpus:
    """Load and validate a corpus folder (or a corpus table, see :func:`load_table_corpus`).

    Parameters
    ----------
    directory : path-like, optional
        Folder with the text files and ``metadata.csv``, or a ``.csv``/``.xlsx``
        table with one document a row. Default: the seed corpus in ``seeds/``.
    suffix : str, default ".txt"
        Which files in the folder are documents; each must be listed in the
        metadata.
    columns, preset, header_row
        Column mapping and header row of a corpus table; an error for a
        folder (its fields come from ``metadata.csv``).

    Returns
    -------
    Corpus

    Raises
    ------
    CorpusError
        Folder missing or empty, metadata missing or malformed, a listed file
        absent, a text file not in the metadata, duplicate ids, an empty or
        binary file, or undecodable text.

    Examples
    --------
    >>> corpus = load_corpus()
    >>> corpus.documents[["doc_id", "outlet"]].head(2)  # doctest: +SKIP
    """
    directory = Path(directory) if directory is not None else paths.SEEDS
    if directory.suffix.lower() in TABLE_SUFFIXES and not directory.is_dir():
        if not directory.is_file():
            raise CorpusError(
                f"{directory}: corpus table not found (expected a {directory.suffix.lower()} file "
                "with one document a row)."
            )
        return load_table_corpus(directory, columns=columns, preset=preset, header_row=header_row)
    if directory.is_file():
        raise CorpusError(
            f"{directory}: expected a corpus folder (text files plus {METADATA_FILE}) or a corpus "
            f"table ({', '.join(TABLE_SUFFIXES)}), not a {directory.suffix or 'suffix-less'} file."
        )
    if columns or preset or header_row is not None:
        given = ", ".join(option for option, value in (("--columns", columns), ("--preset", preset),
                                                        ("--header-row", header_row)) if value is not None and value != {})
        raise CorpusError(
            f"{directory}: {given} map the columns of a corpus table (.csv/.xlsx); a corpus folder "
            f"takes its fields from {METADATA_FILE}. Leave {given} out, or pass the table."
        )
    metadata = corpus_metadata(directory, suffix=suffix)
    return _read_documents(directory, metadata)


def corpus_metadata(directory: Path | str | None = None, *, suffix: str = ".txt") -> pd.DataFrame:
    """Validate a corpus folder without reading its texts; return its metadata.

    Checks everything :func:`load_corpus` checks except the texts themselves:
    the folder exists and is not empty, ``metadata.csv`` is well formed,
    every listed file exists and every text file is listed.
    """
    directory = Path(directory) if directory is not None else paths.SEEDS
    if not directory.is_dir():
        raise CorpusError(
            f"{directory}: corpus folder not found (expected a folder of text files with a "
            f"{METADATA_FILE}, or a .csv/.xlsx corpus table)."
        )
    text_files = sorted(p.name for p in directory.iterdir() if p.is_file() and p.suffix == suffix)
    metadata_path = directory / METADATA_FILE
    if not text_files and not metadata_path.exists():
        raise CorpusError(
            f"{directory}: the corpus folder is empty (no {suffix} files and no {METADATA_FILE})."
        )
    metadata = read_metadata(metadata_path)
    listed = set(metadata["file"])
    absent = sorted(name for name in listed if not (directory / name).is_file())
    if absent:
        raise CorpusError(
            f"{metadata_path}: listed file(s) not found in {directory}: {', '.join(absent)}."
        )
    unlisted = sorted(set(text_files) - listed)
    if unlisted:
        raise CorpusError(
            f"{directory}: text file(s) not described in {METADATA_FILE}: {', '.join(unlisted)}. "
            "Add a row for each (doc_id, file, outlet) or move them out of the folder."
        )
    return metadata


def decoding_row(file: str, encoding: str) -> dict:
    """One row of :attr:`Corpus.decoding` for a file read with ``encoding``
    (as returned by :func:`read_document`, ``+html`` for a converted page)."""
    base, html = encoding.removesuffix("+html"), encoding.endswith("+html")
    note = ENCODING_NOTES[base] + ("; an HTML page, converted to its visible text" if html else "")
    return {"file": file, "encoding": base, "html": html, "note": note}


def _notes_of(decoding: pd.DataFrame) -> tuple[str, ...]:
    """The decisions a reader should know: everything but plain UTF-8 text."""
    unusual = decoding[~decoding["encoding"].isin(["utf-8", "xlsx"]) | decoding["html"]]
    return tuple(f"{row.file}: {row.note}" for row in unusual.itertuples(index=False))


# Dates as Korean sources print them: BigKinds 20250224, ISO 2025-02-24
# (optionally with a time), 2025.02.12 18:00, 2025. 1. 31. 17:17.
DATE_PATTERN = re.compile(
    r"^(?P<year>\d{4})(?:(?P<month8>\d{2})(?P<day8>\d{2})"
    r"|\s*[-./]\s*(?P<month>\d{1,2})\s*[-./]\s*(?P<day>\d{1,2})\.?)"
    r"(?:(?:\s+|T)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?$"
)


def parse_date(value) -> pd.Timestamp | None:
    """Parse a publication date as Korean sources print it.

    Parameters
    ----------
    value : str or None
        ``20250224`` (BigKinds ``일자``), ``2025-02-24`` or
        ``2025-02-24 18:00[:00]`` / ``2025-02-24T18:00``, ``2025.02.12 18:00``,
        ``2025. 1. 31.`` or ``2025. 1. 31. 17:17``.

    Returns
    -------
    pandas.Timestamp or None
        None when the value is empty (the text states no date).

    Raises
    ------
    ValueError
        When the value is not empty but is not a date in one of these forms,
        or names a day that does not exist (``20250231``).

    Examples
    --------
    >>> parse_date("20250224"), parse_date("2025. 1. 31. 17:17")
    (Timestamp('2025-02-24 00:00:00'), Timestamp('2025-01-31 17:17:00'))
    >>> parse_date("") is None
    True
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if not text:
        return None
    match = DATE_PATTERN.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a date (expected e.g. 20250224, 2025-02-24, 2025.02.12 18:00, 2025. 1. 31.)")
    parts = match.groupdict()
    try:
        return pd.Timestamp(
            year=int(parts["year"]), month=int(parts["month8"] or parts["month"]),
            day=int(parts["day8"] or parts["day"]), hour=int(parts["hour"] or 0),
            minute=int(parts["minute"] or 0), second=int(parts["second"] or 0),
        )
    except ValueError as error:
        raise ValueError(f"{text!r} is not a valid date ({error})") from error


def _with_dates(documents: pd.DataFrame, source: str) -> tuple[pd.DataFrame, list[str]]:
    """Add ``published`` (a timestamp, NaT when missing or invalid) and ``date_status``.

    ``date_status`` is ``parsed``, ``missing`` or ``invalid: <reason>``; the
    documents are kept either way, and the notes say how many were not dated.
    """
    published, status = [], []
    for value in documents["date"]:
        try:
            stamp = parse_date(value)
        except ValueError as error:
            published.append(pd.NaT)
            status.append(f"invalid: {error}")
            continue
        published.append(pd.NaT if stamp is None else stamp)
        status.append("missing" if stamp is None else "parsed")
    documents = documents.copy()
    documents["published"] = pd.to_datetime(pd.Series(published, index=documents.index, dtype="object"))
    documents["date_status"] = status
    notes = []
    invalid = [f"{d} ({s[9:]})" for d, s in zip(documents["doc_id"], status) if s.startswith("invalid")]
    if invalid:
        notes.append(f"{source}: {len(invalid)} document(s) with an invalid date, kept undated: {'; '.join(invalid[:5])}")
    missing = status.count("missing")
    if missing:
        notes.append(f"{source}: {missing} of {len(status)} document(s) state no date")
    return documents, notes


def _read_documents(directory: Path, metadata: pd.DataFrame) -> Corpus:
    texts, encodings = [], []
    rows = []
    if metadata.attrs.get("encoding"):
        rows.append(decoding_row(METADATA_FILE, metadata.attrs["encoding"]))
    for name in metadata["file"]:
        text, encoding = read_document(directory / name)
        texts.append(text)
        encodings.append(encoding)
        rows.append(decoding_row(name, encoding))
    documents = metadata.copy()
    documents["text"] = texts
    documents["encoding"] = encodings
    documents, date_notes = _with_dates(documents, METADATA_FILE)
    decoding = pd.DataFrame(rows, columns=DECODING_COLUMNS)
    return Corpus(directory=directory, documents=documents, notes=(*_notes_of(decoding), *date_notes),
                  decoding=decoding)


def decoding_summary(corpus: Corpus) -> list[str]:
    """Lines for the command line: how many files were read in each encoding, then every
    file that was not plain UTF-8 text, with what was done to it.

    Examples
    --------
    >>> decoding_summary(load_corpus())
    ['decoded 6 files: 6 UTF-8', 'metadata.csv: 3 of 5 document(s) state no date']
    """
    decoding = corpus.decoding
    if decoding.empty:
        return []
    counts = decoding.groupby("encoding", sort=False).size()
    order = [e for e in ENCODING_NOTES if e in counts.index]
    parts = ", ".join(f"{counts[e]} {ENCODING_LABELS[e]}" for e in order)
    html = int(decoding["html"].sum())
    lines = [f"decoded {len(decoding)} file{'s' if len(decoding) != 1 else ''}: {parts}"
             + (f"; {html} HTML page{'s' if html != 1 else ''} converted to text" if html else "")]
    return lines + list(corpus.notes)


def iter_corpus(
    directory: Path | str | None = None, *, batch_size: int = 200, suffix: str = ".txt"
) -> Iterator[Corpus]:
    """Validate a corpus folder, then yield it in batches of ``batch_size`` documents.

    Only one batch of texts is in memory at a time, so a corpus of any size
    can be processed with bounded memory (see :mod:`analysis.stream`).
    Batches follow metadata order; together they hold every document.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    directory = Path(directory) if directory is not None else paths.SEEDS
    metadata = corpus_metadata(directory, suffix=suffix)
    for start in range(0, len(metadata), batch_size):
        part = metadata.iloc[start : start + batch_size].reset_index(drop=True)
        yield _read_documents(directory, part)


TABLE_SUFFIXES = (".csv", ".xlsx", ".xls")
# Column names of a BigKinds (한국언론진흥재단) news export.
BIGKINDS_COLUMNS = {
    "doc_id": "뉴스 식별자",
    "date": "일자",
    "outlet": "언론사",
    "author": "기고자",
    "title": "제목",
    "text": "본문",
}
PRESETS = {"bigkinds": BIGKINDS_COLUMNS}
TABLE_FIELDS = ("doc_id", "text", "outlet", *OPTIONAL_COLUMNS)
# Cells that spreadsheet programs and pandas write for a missing value.
MISSING_CELLS = frozenset({"nan", "na", "n/a", "-", "null", "none", "#n/a"})
# A header row is looked for among the first rows (title rows of an export above it).
HEADER_SEARCH_ROWS = 20
# Exports that cut bodies short (BigKinds' free export keeps about 200 characters).
SHORT_BODY_CHARS = 300
SHORT_BODY_WARN_SHARE = 0.5


def check_column_mapping(columns: Mapping[str, str] | None) -> dict[str, str]:
    """Validate a ``field -> column`` mapping: every field must be a corpus field.

    Raises
    ------
    CorpusError
        Naming the unknown fields and listing the valid ones.

    Examples
    --------
    >>> check_column_mapping({"text": "본문"})
    {'text': '본문'}
    """
    mapping = dict(columns or {})
    unknown = sorted(set(mapping) - set(TABLE_FIELDS))
    if unknown:
        raise CorpusError(
            f"--columns: unknown field(s) {', '.join(unknown)}; valid fields are "
            f"{', '.join(TABLE_FIELDS)} (write FIELD=COLUMN, e.g. text=본문)."
        )
    return mapping


def _read_grid(path: Path) -> tuple[list[list[str]], list[int], str, str]:
    """All cells of a table as text, the physical line (CSV) or row (XLSX) of each
    record, the decoding used, and the word for a record's position."""
    if path.suffix.lower() == ".csv":
        text, encoding = decode_bytes(path.read_bytes(), source=path)
        reader = csv.reader(io.StringIO(text))
        rows, starts, line = [], [], 0
        try:
            for record in reader:
                starts.append(line + 1)
                line = reader.line_num
                rows.append(record)
        except csv.Error as error:
            raise CorpusError(f"{path}, line {reader.line_num}: not a readable CSV table ({error}).") from error
        kept = [(start, row) for start, row in zip(starts, rows) if any(cell.strip() for cell in row)]
        return [row for _, row in kept], [start for start, _ in kept], encoding, "line"
    try:
        grid = pd.read_excel(path, header=None, dtype=str, na_filter=False)
    except (ValueError, OSError, ImportError) as error:
        raise CorpusError(f"{path}: cannot read the table ({error}).") from error
    rows = [[str(cell) for cell in row] for row in grid.itertuples(index=False)]
    kept = [(number, row) for number, row in enumerate(rows, start=1) if any(cell.strip() for cell in row)]
    return [row for _, row in kept], [number for number, _ in kept], "xlsx", "row"


def _find_header(
    path: Path, rows: list[list[str]], positions: list[int], unit: str, wanted: Mapping[str, str],
    header_row: int | None,
) -> tuple[int, str]:
    """Index (in ``rows``) of the header row, and a note on how it was chosen."""
    if header_row is not None:
        if header_row not in positions:
            raise CorpusError(
                f"{path}: --header-row {header_row}: the table has no {unit} {header_row} with cells "
                f"(its {unit}s with cells are {positions[0]}-{positions[-1]})."
            )
        return positions.index(header_row), f"header row: {unit} {header_row} (set with --header-row)"
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {cell.strip() for cell in row}
        if all(name in names for name in wanted.values()):
            above = index
            how = (f"header row found on {unit} {positions[index]}, below {above} title "
                   f"{unit}{'s' if above != 1 else ''}") if above else f"header row: {unit} {positions[index]}"
            return index, how
    first = [cell.strip() for cell in rows[0]]
    lacking = ", ".join(f"no column {name!r} for the {field}" for field, name in wanted.items() if name not in first)
    raise CorpusError(
        f"{path}: {lacking} in {unit} {positions[0]} ({', '.join(c for c in first if c) or 'no cells'}), "
        f"nor a header row holding them among the first {min(len(rows), HEADER_SEARCH_ROWS)} {unit}s. "
        "Map the fields with --columns FIELD=COLUMN (or --preset), or name the header with --header-row N."
    )


def load_table_corpus(
    path: Path | str,
    *,
    columns: Mapping[str, str] | None = None,
    preset: str | None = None,
    header_row: int | None = None,
) -> Corpus:
    """Load a corpus stored as one table: a row per document (CSV or Excel).

    Parameters
    ----------
    path : path-like
        A ``.csv`` (decoded as :func:`decode_bytes` does) or ``.xlsx`` file.
    columns : mapping, optional
        Which table column holds each corpus field, e.g.
        ``{"text": "본문", "outlet": "언론사"}``. Fields not mapped are looked up
        under their own name (``text``, ``outlet``, ``doc_id``, ``title`` ...).
        ``text`` and ``outlet`` are required; ``doc_id`` defaults to
        ``row-0001``... in table order. Every field named must be a corpus
        field and every column named must exist.
    preset : {"bigkinds"}, optional
        A known export format (BigKinds news search exports); ``columns``
        entries override it.
    header_row : int, optional
        The physical line (CSV) or row (XLSX) of the header; default: the
        first of the first 20 rows that holds the text and outlet columns
        (exports often put title rows above the header).

    Returns
    -------
    Corpus
        ``file`` is ``<table name>#<line>`` (the physical line or row of the
        record); a ``title`` column becomes the document's first line, so the
        cleaning stage finds it as the title. ``notes`` say which header row
        was used, which optional columns were absent, and warn when most
        bodies are shorter than 300 characters (a truncated export).

    Raises
    ------
    CorpusError
        Unreadable table, unknown fields, missing mapped columns, no header
        row, empty or missing (``NaN``, ``NA``, ``-``) texts or outlets with
        their lines, duplicate ids.
    """
    path = Path(path)
    if preset is not None and preset not in PRESETS:
        raise CorpusError(f"unknown preset {preset!r}; known: {', '.join(sorted(PRESETS))}")
    given = check_column_mapping(columns)
    mapping = dict(PRESETS.get(preset, {}))
    mapping.update(given)
    source = {name: mapping.get(name, name) for name in TABLE_FIELDS}
    rows, positions, encoding, unit = _read_grid(path)
    if not rows:
        raise CorpusError(f"{path}: the table is empty.")
    head, how = _find_header(path, rows, positions, unit, {"text": source["text"], "outlet": source["outlet"]}, header_row)
    header = [cell.strip() for cell in rows[head]]
    for name in ("text", "outlet"):
        if source[name] not in header:
            raise CorpusError(
                f"{path}: no column {source[name]!r} for the {name} in the header ({unit} "
                f"{positions[head]}: {', '.join(c for c in header if c)}). Map it with --columns "
                f"{name}=NAME, or name another header with --header-row N."
            )
    absent = sorted(f"{name}={column}" for name, column in given.items() if column not in header)
    if absent:
        raise CorpusError(
            f"{path}: --columns names column(s) not in the header ({unit} {positions[head]}): "
            f"{', '.join(absent)}; the columns are {', '.join(c for c in header if c)}."
        )
    body = rows[head + 1 :]
    lines = positions[head + 1 :]
    if not body:
        raise CorpusError(f"{path}: the table has a header ({unit} {positions[head]}) but no rows.")
    width = len(header)
    body = [row + [""] * (width - len(row)) for row in body]
    table = pd.DataFrame([row[:width] for row in body], columns=range(width))

    def cells(name: str) -> list[str] | None:
        if source[name] not in header:
            return None
        values = table[header.index(source[name])].map(lambda v: unicodedata.normalize("NFC", v.replace("\r\n", "\n")).strip())
        return values.tolist()

    def missing(value: str) -> bool:
        return not value or value.lower() in MISSING_CELLS

    documents = pd.DataFrame(index=range(len(table)))
    notes = [f"{path.name}: {how}"]
    for name in ("text", "outlet", "doc_id"):
        values = cells(name)
        if values is None:
            continue
        bad = [line for line, value in zip(lines, values) if missing(value)]
        if bad:
            shown = ", ".join(map(str, bad[:20])) + (f" and {len(bad) - 20} more" if len(bad) > 20 else "")
            raise CorpusError(
                f"{path}: empty or missing {name} (empty, NaN, NA or -) in column {source[name]!r} on "
                f"{unit}(s) {shown}. Fill them in or remove those rows."
            )
    width_id = max(4, len(str(len(table))))
    ids = cells("doc_id")
    documents["doc_id"] = ids if ids is not None else [f"row-{i:0{width_id}d}" for i in range(1, len(table) + 1)]
    documents["file"] = [f"{path.name}#{line}" for line in lines]
    documents["outlet"] = cells("outlet")
    absent_optional = []
    for name in OPTIONAL_COLUMNS:
        values = cells(name)
        if values is None:
            if name in mapping:
                absent_optional.append(f"{name} ({source[name]!r})")
            documents[name] = ""
        else:
            documents[name] = ["" if missing(value) else value for value in values]
    if absent_optional:
        notes.append(f"{path.name}: no column for {', '.join(absent_optional)}; left empty")
    duplicated = sorted(documents.loc[documents["doc_id"].duplicated(), "doc_id"].unique())
    if duplicated:
        raise CorpusError(f"{path}: duplicate doc_id value(s) {', '.join(duplicated[:10])}.")
    bodies = cells("text")
    short = sum(len(body) < SHORT_BODY_CHARS for body in bodies) / len(bodies)
    if short >= SHORT_BODY_WARN_SHARE:
        notes.append(
            f"warning: {path.name}: {short:.0%} of the bodies are shorter than {SHORT_BODY_CHARS} "
            "characters; the export may cut articles short (BigKinds' free export keeps about 200). "
            "Results on such bodies describe leads, not articles."
        )
    documents["text"] = [f"{title}\n\n{body}" if title else body for title, body in zip(documents["title"], bodies)]
    documents["encoding"] = "table"
    documents, date_notes = _with_dates(documents.reset_index(drop=True), path.name)
    decoding = pd.DataFrame([decoding_row(path.name, encoding)], columns=DECODING_COLUMNS)
    notes = [*_notes_of(decoding), *notes, f"{path.name}: {len(documents)} documents read from a table", *date_notes]
    return Corpus(directory=path.parent, documents=documents, notes=tuple(notes), decoding=decoding)


def write_corpus_folder(corpus: Corpus, directory: Path | str) -> Path:
    """Write a corpus as a folder of UTF-8 ``.txt`` files plus ``metadata.csv``.

    Used to turn a corpus table (CSV/XLSX export) into the folder format that
    every stage and notebook reads. File names are ``<doc_id>.txt`` with
    characters outside letters, digits, ``-`` and ``_`` replaced.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    documents = corpus.documents.copy()
    names = [re.sub(r"[^\w\-]", "_", doc_id) + ".txt" for doc_id in documents["doc_id"]]
    if len(set(names)) != len(names):
        raise CorpusError("doc_ids collide after making them file names; make them distinct.")
    for name, text in zip(names, documents["text"]):
        (directory / name).write_text(text, encoding="utf-8")
    documents["file"] = names
    columns = [*REQUIRED_COLUMNS[:2], "outlet", *OPTIONAL_COLUMNS]
    documents[columns].to_csv(directory / METADATA_FILE, index=False, encoding="utf-8", lineterminator="\n")
    return directory
