"""The coded output equals the frozen output of ``tests/fixtures/make_regression.py``.

The fixture was written before the coders were rebuilt around one compiled
``Coder``; any difference is either a bug or a fix that must be listed (and
the fixture rewritten by the script).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pandas as pd
import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(FIXTURES))

from make_regression import coded_tables  # noqa: E402


def _as_text_table(table: pd.DataFrame) -> pd.DataFrame:
    """A table as its CSV file reads back: every cell a string, empty for missing."""
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    return pd.read_csv(io.StringIO(buffer.getvalue()), dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def current() -> dict[str, pd.DataFrame]:
    return coded_tables()


@pytest.mark.parametrize("name", ["coded_seed.csv.gz", "coded_synthetic.csv.gz", "voices_seed.csv.gz"])
def test_output_equals_frozen_fixture(current, name):
    frozen = pd.read_csv(FIXTURES / name, dtype=str, keep_default_na=False)
    now = _as_text_table(current[name])
    assert list(now.columns) == list(frozen.columns), f"{name}: columns changed"
    assert len(now) == len(frozen), f"{name}: {len(now)} rows, frozen {len(frozen)}"
    differing = [
        (row, column, frozen.at[row, column], now.at[row, column])
        for column in frozen.columns
        for row in frozen.index[frozen[column] != now[column]]
    ]
    assert not differing, f"{name}: {len(differing)} cell(s) differ, first: {differing[:3]}"
