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
# Korean legacy encodings: CP949 (Windows "확장 완성형") is a superset of EUC-KR.
LEGACY_ENCODINGS = ("cp949",)
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
        decoded, byte-order marks removed, ...).
    """

    directory: Path
    documents: pd.DataFrame
    notes: tuple[str, ...] = field(default_factory=tuple)


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
    text, _ = decode_bytes(raw, source=path)
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
    return table


def decode_bytes(raw: bytes, *, source: Path) -> tuple[str, str]:
    """Decode a text file's bytes as UTF-8, or else a Korean legacy encoding.

    Parameters
    ----------
    raw : bytes
        File content.
    source : pathlib.Path
        The file, for error messages.

    Returns
    -------
    (str, str)
        The NFC-normalized text (line endings unified to ``\\n``) and the
        encoding used (``utf-8``, ``utf-8-sig`` or ``cp949``).

    Raises
    ------
    CorpusError
        If the bytes are binary or decode in none of the encodings.

    Examples
    --------
    >>> decode_bytes("딥시크".encode("cp949"), source=Path("x.txt"))
    ('딥시크', 'cp949')
    """
    if b"\x00" in raw:
        raise CorpusError(f"{source}: looks like a binary file (contains NUL bytes), not text.")
    for encoding in ("utf-8-sig", "utf-8", *LEGACY_ENCODINGS):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not raw.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        break
    else:
        raise CorpusError(
            f"{source}: text is neither UTF-8 nor a Korean legacy encoding (CP949/EUC-KR); "
            "re-save it as UTF-8."
        )
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


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self.skip_depth:
            self.skip_depth -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """True when a document is an HTML page rather than plain text."""
    return bool(_HTML_START.match(text))


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page: block elements become lines, scripts and styles go.

    Examples
    --------
    >>> html_to_text("<html><body><h1>딥시크</h1><p>첫 문단.</p><script>x()</script></body></html>")
    '딥시크\\n첫 문단.'
    """
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in "".join(parser.parts).split("\n")]
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
    columns, preset
        Column mapping for a corpus table (ignored for folders).

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
    if directory.is_file() and directory.suffix.lower() in TABLE_SUFFIXES:
        return load_table_corpus(directory, columns=columns, preset=preset)
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
        raise CorpusError(f"{directory}: corpus folder not found.")
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
    texts, encodings, notes = [], [], []
    for name in metadata["file"]:
        text, encoding = read_document(directory / name)
        texts.append(text)
        encodings.append(encoding)
        if encoding != "utf-8":
            notes.append(f"{name}: read as {encoding}")
    documents = metadata.copy()
    documents["text"] = texts
    documents["encoding"] = encodings
    documents, date_notes = _with_dates(documents, METADATA_FILE)
    return Corpus(directory=directory, documents=documents, notes=tuple(notes + date_notes))


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


def load_table_corpus(
    path: Path | str,
    *,
    columns: Mapping[str, str] | None = None,
    preset: str | None = None,
) -> Corpus:
    """Load a corpus stored as one table: a row per document (CSV or Excel).

    Parameters
    ----------
    path : path-like
        A ``.csv`` (UTF-8 or CP949) or ``.xlsx`` file.
    columns : mapping, optional
        Which table column holds each corpus field, e.g.
        ``{"text": "본문", "outlet": "언론사"}``. Fields not mapped are looked up
        under their own name (``text``, ``outlet``, ``doc_id``, ``title`` ...).
        ``text`` and ``outlet`` are required; ``doc_id`` defaults to
        ``row-0001``... in table order.
    preset : {"bigkinds"}, optional
        A known export format (BigKinds news search exports); ``columns``
        entries override it.

    Returns
    -------
    Corpus
        ``file`` is ``<table name>#<row>``; a ``title`` column becomes the
        document's first line, so the cleaning stage finds it as the title.

    Raises
    ------
    CorpusError
        Unreadable table, missing mapped columns, empty texts or outlets,
        duplicate ids.
    """
    path = Path(path)
    if preset is not None and preset not in PRESETS:
        raise CorpusError(f"unknown preset {preset!r}; known: {', '.join(sorted(PRESETS))}")
    mapping = dict(PRESETS.get(preset, {}))
    mapping.update(columns or {})
    try:
        if path.suffix.lower() == ".csv":
            text, _ = decode_bytes(path.read_bytes(), source=path)
            table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        else:
            table = pd.read_excel(path, dtype=str).fillna("")
    except (ValueError, OSError, pd.errors.ParserError) as error:
        raise CorpusError(f"{path}: cannot read the table ({error}).") from error
    source = {name: mapping.get(name, name) for name in ("doc_id", "text", "outlet", *OPTIONAL_COLUMNS)}
    for name in ("text", "outlet"):
        if source[name] not in table.columns:
            raise CorpusError(
                f"{path}: no column {source[name]!r} for the {name}; columns are "
                f"{', '.join(map(str, table.columns))}. Map it with --columns {name}=NAME."
            )
    if table.empty:
        raise CorpusError(f"{path}: the table has no rows.")
    documents = pd.DataFrame(index=table.index)
    width = max(4, len(str(len(table))))
    if source["doc_id"] in table.columns:
        documents["doc_id"] = table[source["doc_id"]].astype(str).str.strip()
    else:
        documents["doc_id"] = [f"row-{i:0{width}d}" for i in range(1, len(table) + 1)]
    documents["file"] = [f"{path.name}#{i}" for i in range(1, len(table) + 1)]
    documents["outlet"] = table[source["outlet"]].astype(str).str.strip()
    for name in OPTIONAL_COLUMNS:
        documents[name] = table[source[name]].astype(str).str.strip() if source[name] in table.columns else ""
    bodies = table[source["text"]].astype(str).map(lambda t: unicodedata.normalize("NFC", t.replace("\r\n", "\n")))
    for label, values in (("text", bodies), ("outlet", documents["outlet"]), ("doc_id", documents["doc_id"])):
        empty = [i + 2 for i, value in enumerate(values) if not str(value).strip()]
        if empty:
            raise CorpusError(f"{path}: empty {label} on table line(s) {empty[:10]}.")
    duplicated = sorted(documents.loc[documents["doc_id"].duplicated(), "doc_id"].unique())
    if duplicated:
        raise CorpusError(f"{path}: duplicate doc_id value(s) {', '.join(duplicated[:10])}.")
    titles = documents["title"].map(lambda t: unicodedata.normalize("NFC", t))
    documents["title"] = titles
    documents["text"] = [f"{title}\n\n{body}" if title else body for title, body in zip(titles, bodies)]
    documents["encoding"] = "table"
    documents, date_notes = _with_dates(documents.reset_index(drop=True), path.name)
    return Corpus(directory=path.parent, documents=documents,
                  notes=(f"{path.name}: {len(documents)} documents read from a table", *date_notes))


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
