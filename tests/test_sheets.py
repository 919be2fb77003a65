"""Coding sheets: writing, reading back with cell-naming errors, and sampling."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis import sheets


@pytest.fixture()
def units():
    return pd.DataFrame({
        "sent_id": ["a-1", "a-2", "b-1"],
        "outlet": ["가신문", "가신문", "나방송"],
        "role": ["title", "body", "body"],
        "text": ["첫 문장이다.", "둘째 문장이다.", "셋째 문장이다."],
    })


def _fill(path, rows):
    book = load_workbook(path)
    sheet = book[sheets.SHEET_NAME]
    headers = [c.value for c in sheet[1]]
    for row_number, values in rows.items():
        for code, value in values.items():
            column = next(i for i, h in enumerate(headers, start=1) if h.endswith(f"[{code}]"))
            sheet.cell(row=row_number, column=column, value=value)
    book.save(path)


def _all_codes(value="0", **overrides):
    codes = {c.code: ("" if c.allow_empty else value) for c in sheets.sheet_codes()}
    codes.update(overrides)
    return codes


def test_sheet_has_korean_headers_dropdowns_and_codebook(units, tmp_path):
    path = sheets.write_coding_sheet(units, tmp_path / "sheet.xlsx")
    book = load_workbook(path)
    sheet = book[sheets.SHEET_NAME]
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["단위 ID [unit_id]", "매체 [outlet]", "역할 [role]", "문장 [text]"]
    assert "미중 기술패권 경쟁 [frame_rivalry]" in headers and "어조 [tone]" in headers
    assert headers[-1] == "메모 [note]"
    n_codes = len(sheets.sheet_codes())
    validations = sheet.data_validations.dataValidation
    assert len(validations) == n_codes
    assert {v.formula1 for v in validations} == {'"0,1"', '"-1,0,1"'}
    assert str(validations[0].sqref) == "E2:E4"
    assert [c.value for c in book[sheets.CODEBOOK_SHEET]["A"]][1:] == [c.code for c in sheets.sheet_codes()]
    assert sheet.max_row == 4


def test_read_back_a_filled_sheet(units, tmp_path):
    path = sheets.write_coding_sheet(units, tmp_path / "sheet.xlsx")
    _fill(path, {2: _all_codes(frame_rivalry=1, tone=-1, stance_china="1"), 3: _all_codes()})
    coded = sheets.read_coding_sheet(path, unit_ids=units["sent_id"])
    assert coded.index.tolist() == ["a-1", "a-2"]
    assert coded.loc["a-1", "frame_rivalry"] == 1 and coded.loc["a-1", "tone"] == -1
    assert coded.loc["a-1", "stance_china"] == 1 and pd.isna(coded.loc["a-2", "stance_china"])
    assert coded.attrs["uncoded"] == 1  # b-1 was left empty


@pytest.mark.parametrize(
    "rows, message",
    [
        ({2: _all_codes(tone=2)}, r"sheet.xlsx, cell \w+2: '2' is not a value of tone \(-1, 0, 1\)"),
        ({3: _all_codes(frame_talent="")}, r"cell \w+3: frame_talent is empty; the row is coded in part"),
        ({2: _all_codes(unit_id="zz-9")}, r"cell A2: unit 'zz-9' is not in the corpus"),
        ({2: _all_codes(unit_id="a-2")}, r"cell A3: unit 'a-2' appears twice \(first on row 2\)"),
    ],
)
def test_bad_sheets_name_the_cell(units, tmp_path, rows, message):
    path = sheets.write_coding_sheet(units, tmp_path / "sheet.xlsx")
    _fill(path, {**{3: _all_codes()}, **rows} if 3 not in rows else rows)
    with pytest.raises(sheets.SheetError, match=message):
        sheets.read_coding_sheet(path, unit_ids=units["sent_id"])


def test_missing_columns_and_files(tmp_path):
    pd.DataFrame({"unit_id": ["a"], "tone": ["0"]}).to_csv(tmp_path / "thin.csv", index=False)
    with pytest.raises(sheets.SheetError, match="missing column.*frame_rivalry"):
        sheets.read_coding_sheet(tmp_path / "thin.csv")
    with pytest.raises(sheets.SheetError, match="not found"):
        sheets.read_coding_sheet(tmp_path / "none.xlsx")


def test_csv_sheet_names_line_and_column(tmp_path):
    codes = _all_codes(prescription="x")
    table = pd.DataFrame([{"unit_id": "a-1", **codes}])
    table.to_csv(tmp_path / "coded.csv", index=False)
    column = list(table.columns).index("prescription") + 1
    with pytest.raises(sheets.SheetError, match=rf"coded.csv, line 2, column {column}: 'x'"):
        sheets.read_coding_sheet(tmp_path / "coded.csv")


def test_sample_is_stratified_and_takes_the_least_certain():
    units = pd.DataFrame({
        "sent_id": [f"u{i:02d}" for i in range(10)],
        "outlet": ["x"] * 6 + ["y"] * 4,
        "certainty": [0.9, 0.2, 0.9, 0.9, 0.9, 0.9, 0.9, 0.1, 0.9, 0.9],
    })
    drawn = sheets.sample_units(units, 6, uncertain_share=1 / 3, random_state=1)
    assert len(drawn) == 6 and drawn["sent_id"].is_unique
    uncertain = drawn.loc[drawn["drawn_as"] == "uncertain", "sent_id"].tolist()
    assert uncertain == ["u01", "u07"]
    # the other 4 by stratum: x has 5 left, y 3 -> exact quotas 4*5/8 = 2.5 and 4*3/8 = 1.5;
    # floors 2 + 1, the one left over goes to the larger remainder, a tie broken by outlet order: x
    stratum = drawn[drawn["drawn_as"] == "stratum"]
    assert stratum["outlet"].value_counts().to_dict() == {"x": 3, "y": 1}
    assert drawn.equals(sheets.sample_units(units, 6, uncertain_share=1 / 3, random_state=1))
    with pytest.raises(ValueError, match="cannot draw 11"):
        sheets.sample_units(units, 11)
