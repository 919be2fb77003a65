"""Every path the project uses, in one place.

Nothing else in the package builds paths from the working directory: modules
ask this one. ``ROOT`` is the project folder (the parent of ``analysis/``), so
the code behaves the same whichever folder it is started from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DATA = Path(__file__).resolve().parent / "data"

SEEDS = ROOT / "seeds"
FIGURES = ROOT / "figures"
TABLES = ROOT / "tables"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"
MANUAL_CODING = ROOT / "data" / "manual_coding.csv"
# The team-written, double-coded training corpus of the supervised layer (see its DATASHEET.md).
TRAINING = ROOT / "data" / "training"
# The adjudicated manual voice coding of the seeds (data/coding/VOICES_PROTOCOL.md).
MANUAL_VOICES = ROOT / "data" / "manual_voices.csv"
# The two independent coders' files, on the units of the first coding sheet (see data/coding/PROTOCOL.md).
CODING = ROOT / "data" / "coding"
CODER_FILES = (CODING / "coder_a.csv", CODING / "coder_b.csv")
CODING_SHEET_V1 = CODING / "coding_sheet_v1.csv"
# The two blind coders of the voices, before adjudication (data/coding/VOICES_PROTOCOL.md).
VOICE_CODER_FILES = (CODING / "voices_coder_a.csv", CODING / "voices_coder_b.csv")
BENCH = ROOT / "bench"


@dataclass(frozen=True)
class Outputs:
    """Where one run of the study writes: figures, tables, notebooks, HTML reports."""

    figures: Path
    tables: Path
    notebooks: Path
    reports: Path


def outputs(output_dir: Path | str | None = None) -> Outputs:
    """Output folders: the project's own for the seed study, or below ``output_dir``.

    A study of another corpus never writes over the seed study's files.
    """
    if output_dir is None:
        return Outputs(figures=FIGURES, tables=TABLES, notebooks=NOTEBOOKS, reports=REPORTS)
    base = Path(output_dir).resolve()
    return Outputs(
        figures=base / "figures",
        tables=base / "tables",
        notebooks=base / "notebooks",
        reports=base / "reports",
    )


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
