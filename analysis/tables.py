"""The one writer of every output file: atomic, fixed float precision, mode 0644.

Every table and every figure file the study writes goes through this module,
so that a run on another machine writes the same bytes:

- floats are rounded to :data:`FLOAT_DECIMALS` decimals before they are
  written (the last digits of a logarithm differ between CPUs and BLAS
  builds; six decimals are far more than any reported number needs);
- files are written to a temporary file beside the target and moved into
  place, so an interrupted run never leaves a partial file;
- files get mode ``0644`` (``tempfile`` would leave them ``0600``, unreadable
  for the other users of a shared results folder).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

FLOAT_DECIMALS = 6
FILE_MODE = 0o644


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place (mode 0644) on success.

    Parameters
    ----------
    path : path-like
        The file to write; its folder is created when missing.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "note.txt"
    >>> with atomic_path(target) as temporary:
    ...     _ = temporary.write_text("done")
    >>> target.read_text(), oct(target.stat().st_mode & 0o777)
    ('done', '0o644')
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def round_floats(table: pd.DataFrame, decimals: int = FLOAT_DECIMALS) -> pd.DataFrame:
    """A copy of ``table`` with every float column rounded to ``decimals``.

    Negative zero (from rounding a tiny negative value) becomes ``0.0`` so
    that it is not written as ``-0.0`` on one machine and ``0.0`` on another.

    Examples
    --------
    >>> round_floats(pd.DataFrame({"x": [0.1234567891, -1e-9], "n": [1, 2]}))
              x  n
    0  0.123457  1
    1  0.000000  2
    """
    result = table.copy()
    for column in result.columns[[pd.api.types.is_float_dtype(t) for t in result.dtypes]]:
        result[column] = result[column].round(decimals) + 0.0
    return result


def write_csv(table: pd.DataFrame, path: Path | str, *, bom: bool = True, index: bool = False) -> Path:
    """Write ``table`` as UTF-8 CSV: floats rounded, atomic, mode 0644.

    Parameters
    ----------
    table : pandas.DataFrame
    path : path-like
    bom : bool, default True
        Start the file with a byte-order mark, so that spreadsheet programs
        read the Korean text correctly.
    index : bool, default False
        Write the index as the first column(s).

    Returns
    -------
    pathlib.Path
        The file written.
    """
    rounded = round_floats(table)
    with atomic_path(path) as temporary:
        with open(temporary, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as stream:
            rounded.to_csv(stream, index=index, lineterminator="\n")
    return Path(path)


def _plain(value):
    """JSON-ready value: floats rounded, numpy scalars unwrapped, NaN as null."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, FLOAT_DECIMALS) + 0.0
    if isinstance(value, Path):
        return str(value)
    return value


def write_json(data, path: Path | str) -> Path:
    """Write ``data`` as UTF-8 JSON: sorted keys, floats rounded, atomic, mode 0644.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "x.json"
    >>> print(write_json({"b": 1 / 3, "a": [np.int64(2), float("nan")]}, target).read_text(), end="")
    {
     "a": [
      2,
      null
     ],
     "b": 0.333333
    }
    """
    text = json.dumps(_plain(data), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    return write_text(text, path)


def write_text(text: str, path: Path | str) -> Path:
    """Write UTF-8 text atomically with mode 0644 (HTML pages, notebooks)."""
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return Path(path)
