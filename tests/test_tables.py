"""The one writer of output files: rounding, atomicity, file mode."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from analysis import tables


def test_floats_are_written_with_fixed_precision(tmp_path):
    # Two values that differ only in the 12th decimal, as PMI does between machines.
    first = pd.DataFrame({"term": ["가"], "pmi": [1.234567890123]})
    second = pd.DataFrame({"term": ["가"], "pmi": [1.234567890456]})
    tables.write_csv(first, tmp_path / "a.csv")
    tables.write_csv(second, tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert (tmp_path / "a.csv").read_text(encoding="utf-8-sig") == "term,pmi\n가,1.234568\n"


def test_negative_zero_and_integers(tmp_path):
    table = pd.DataFrame({"x": [-1e-9, 2.5], "n": [1, 2]})
    tables.write_csv(table, tmp_path / "t.csv", bom=False)
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == "x,n\n0.0,1\n2.5,2\n"


def test_files_are_0644_and_no_temporary_is_left(tmp_path):
    path = tables.write_csv(pd.DataFrame({"a": [1]}), tmp_path / "sub" / "t.csv")
    assert oct(path.stat().st_mode & 0o777) == "0o644"
    assert [p.name for p in path.parent.iterdir()] == ["t.csv"]


def test_a_failed_write_leaves_the_old_file(tmp_path):
    target = tmp_path / "t.txt"
    tables.write_text("old", target)
    with pytest.raises(RuntimeError):
        with tables.atomic_path(target) as temporary:
            temporary.write_text("half")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.txt"]


def test_json_is_sorted_rounded_and_plain(tmp_path):
    path = tables.write_json({"b": np.float64(2 / 3), "a": {"n": np.int64(3), "x": float("nan")}}, tmp_path / "j.json")
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": {"n": 3, "x": None}, "b": 0.666667}
    assert path.read_text(encoding="utf-8").index('"a"') < path.read_text(encoding="utf-8").index('"b"')
