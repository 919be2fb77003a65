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
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

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


def read_document(path: Path) -> tuple[str, str]:
    """Read one text file; see :func:`decode_bytes`. Empty files are an error."""
    path = Path(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise CorpusError(f"{path}: the file is empty; remove it from metadata.csv or add its text.")
    text, encoding = decode_bytes(raw, source=path)
    if not text.strip():
        raise CorpusError(f"{path}: the file contains only white space.")
    return text, encoding


def load_corpus(directory: Path | str | None = None, *, suffix: str = ".txt") -> Corpus:
    """Load and validate a corpus folder.

    Parameters
    ----------
    directory : path-like, optional
        Folder with the text files and ``metadata.csv``. Default: the seed
        corpus in ``seeds/``.
    suffix : str, default ".txt"
        Which files in the folder are documents; each must be listed in the
        metadata.

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
    texts, encodings, notes = [], [], []
    for name in metadata["file"]:
        text, encoding = read_document(directory / name)
        texts.append(text)
        encodings.append(encoding)
        if encoding not in ("utf-8",):
            notes.append(f"{name}: decoded as {encoding}")
    documents = metadata.copy()
    documents["text"] = texts
    documents["encoding"] = encodings
    return Corpus(directory=directory, documents=documents, notes=tuple(notes))
