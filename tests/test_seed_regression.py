"""The five seed captures stay cleaned as they were before the chrome rules grew.

``tests/fixtures/seed_cleaning_*.csv`` were written from the cleaning output
of the seeds before issue 12's rules were added; every line's role and reason
and every paragraph (its role, raw lines and a hash of its text) must stay
the same.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from analysis.clean import clean_corpus
from analysis.corpus import load_corpus

FIXTURES = Path(__file__).parent / "fixtures"


def test_seed_line_roles_are_unchanged():
    cleaned = clean_corpus(load_corpus())
    expected = pd.read_csv(FIXTURES / "seed_cleaning_lines.csv", dtype=str, keep_default_na=False)
    actual = cleaned.lines[["doc_id", "line", "role", "reason"]].astype(str)
    changed = expected.merge(actual, on=["doc_id", "line"], how="outer", suffixes=("_before", "_now"),
                             indicator=True)
    changed = changed[(changed["_merge"] != "both") | (changed["role_before"] != changed["role_now"])
                      | (changed["reason_before"] != changed["reason_now"])]
    assert changed.empty, changed.to_string()


def test_seed_paragraphs_are_unchanged():
    cleaned = clean_corpus(load_corpus())
    expected = pd.read_csv(FIXTURES / "seed_cleaning_paragraphs.csv", dtype=str, keep_default_na=False)
    actual = cleaned.paragraphs.copy()
    actual["sha256"] = actual["text"].map(lambda t: hashlib.sha256(t.encode()).hexdigest()[:16])
    actual = actual[["doc_id", "para", "role", "lines", "sha256"]].astype(str).reset_index(drop=True)
    pd.testing.assert_frame_equal(actual, expected)
