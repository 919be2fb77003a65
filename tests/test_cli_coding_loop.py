"""The own-coding loop through the command line: sample -> fill in -> reliability -> train."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis import sheets
from analysis.cli import main


def _fill(path, out, decide):
    """Fill every row of a sheet: ``decide(text) -> dict of code values``."""
    book = load_workbook(path)
    sheet = book[sheets.SHEET_NAME]
    headers = [c.value for c in sheet[1]]
    text_column = headers.index("문장 [text]") + 1
    for row in range(2, sheet.max_row + 1):
        values = decide(sheet.cell(row=row, column=text_column).value)
        for code, value in values.items():
            column = next(i for i, h in enumerate(headers, start=1) if h.endswith(f"[{code}]"))
            sheet.cell(row=row, column=column, value=value)
    book.save(out)


def _coder(flip: bool):
    def decide(text):
        codes = {c.code: ("" if c.allow_empty else 0) for c in sheets.sheet_codes()}
        china = "중국" in text or "딥시크" in text
        codes["frame_rivalry"] = int(("미국" in text and china) != flip)
        codes["tone"] = -1 if "우려" in text else 0
        codes["stance_china"] = 0 if china else ""
        codes["frame_economy"] = int("투자" in text or "주가" in text)
        codes["prescription"] = int("해야" in text)
        return codes
    return decide


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    folder = tmp_path_factory.mktemp("loop")
    path = folder / "sheet.xlsx"
    assert main(["sample", "--n", "60", "-o", str(path), "--model", "dictionary"]) == 0
    return path


def test_sample_writes_a_stratified_sheet(sheet, capsys):
    units = pd.read_excel(sheet, dtype=str)
    assert len(units) == 60 and units["단위 ID [unit_id]"].is_unique
    # five seed outlets, proportional shares: every outlet is drawn
    assert units["매체 [outlet]"].nunique() == 5


def test_reliability_and_train(sheet, tmp_path, capsys):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _fill(sheet, a, _coder(flip=False))
    _fill(sheet, b, _coder(flip=False))
    assert main(["reliability", str(a), str(b), "-o", str(tmp_path / "alpha.csv")]) == 0
    table = pd.read_csv(tmp_path / "alpha.csv")
    assert (table["percent_agreement"] == 1.0).all()  # identical sheets
    assert main(["train", "--manual", str(a), "-o", str(tmp_path / "model"), "--folds", "3"]) == 0
    out = capsys.readouterr().out
    assert "frame_rivalry" in out and "cv_f1" in out
    card = json.loads((tmp_path / "model" / "model.json").read_text(encoding="utf-8"))
    assert card["training_data"]["n_train"] == 60
    # the trained folder is usable for sampling
    again = tmp_path / "again.xlsx"
    assert main(["sample", "--n", "10", "-o", str(again), "--model", str(tmp_path / "model")]) == 0
    drawn = pd.read_excel(again, dtype=str)
    assert len(drawn) == 10


def test_bad_inputs_exit_2_with_a_message(sheet, tmp_path, capsys):
    assert main(["reliability", str(tmp_path / "missing.xlsx"), str(sheet)]) == 2
    assert "missing.xlsx: coding sheet not found" in capsys.readouterr().err
    assert main(["train", "--manual", str(sheet), "-o", str(tmp_path / "m")]) == 2
    assert "no coded rows" in capsys.readouterr().err
    assert not (tmp_path / "m").exists()
    assert main(["sample", "--n", "5", "-o", str(tmp_path / "x.xlsx"), "--model", str(tmp_path / "nomodel")]) == 2
    assert "model folder not found" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
