"""Every path the project uses, in one place.

Nothing else in the package builds paths from the working directory: modules
ask this one. ``ROOT`` is the project folder (the parent of ``analysis/``), so
the code behaves the same whichever folder it is started from.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DATA = Path(__file__).resolve().parent / "data"

SEEDS = ROOT / "seeds"
FIGURES = ROOT / "figures"
TABLES = ROOT / "tables"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"
MANUAL_CODING = ROOT / "data" / "manual_coding.csv"
BENCH = ROOT / "bench"


def cache_dir() -> Path:
    """Folder for derived, git-ignored caches (tokenization results).

    ``DEEPSEEK_FRAMING_CACHE`` overrides the default ``ROOT/.cache``.
    """
    return Path(os.environ.get("DEEPSEEK_FRAMING_CACHE", ROOT / ".cache"))


def package_data(name: str) -> Path:
    """Path of a data file shipped inside the package (``analysis/data``)."""
    path = PACKAGE_DATA / name
    if not path.exists():
        raise FileNotFoundError(f"package data file {name!r} not found in {PACKAGE_DATA}")
    return path
