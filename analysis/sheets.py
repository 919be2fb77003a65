"""Coding by hand: samples to code, XLSX coding sheets, and reading them back.

This is the loop a researcher runs on a corpus of their own:

1. :func:`sample_units` draws the units to code (stratified by outlet, plus the
   units the model is least sure of);
2. :func:`write_coding_sheet` writes them as an XLSX sheet with Korean headers
   (``미중 기술패권 경쟁 [frame_rivalry]``), a drop-down list in every code
   cell and the codebook on a second sheet;
3. two coders fill in copies; :func:`read_coding_sheet` reads each back and
   names the cell of anything that does not fit the codebook;
4. :func:`analysis.validation.intercoder_reliability` compares the coders, and
   :mod:`analysis.training` learns from the adjudicated coding.

The CLI faces are ``python -m analysis sample``, ``reliability`` and ``train``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

ID_COLUMN = "unit_id"
INFO_COLUMNS = {"unit_id": "단위 ID", "outlet": "매체", "role": "역할", "text": "문장"}
NOTE_COLUMN = "note"
HEADER = re.compile(r"\[(?P<code>[A-Za-z0-9_]+)\]\s*$")
SHEET_NAME = "코딩"
CODEBOOK_SHEET = "코드북"


class SheetError(ValueError):
    """A coding sheet does not fit the codebook or the corpus; the message names the cell."""


@dataclass(frozen=True)
class Code:
    """One column a coder fills in."""

    code: str
    label: str
    values: tuple[str, ...]
    allow_empty: bool
    rule: str


def sheet_codes(codebook=None, targets=None) -> list[Code]:
    """The codes of the sheet, in report order: frames, prescription, tone, one stance per target."""
    from analysis.framing import load_codebook

    book = codebook if hasattr(codebook, "frames") else load_codebook(codebook)
    codes = [
        Code(f"frame_{f.id}", f.label_ko, ("0", "1"), False,
             f"{f.definition} (제외: {f.exclude})" if f.exclude else f.definition)
        for f in book.frames
    ]
    codes.append(Code("prescription", "처방·촉구", ("0", "1"), False,
                      "누군가가 무엇을 해야 한다/하지 말아야 한다고 말하는 문장 (인용 포함)"))
    codes.append(Code("tone", "어조", ("-1", "0", "1"), False,
                      "문장 전체의 평가적 어조: -1 부정, 0 중립·혼합, 1 긍정 (평가 없는 사실 보도는 0)"))
    for target_id, label in _target_labels(targets).items():
        codes.append(Code(f"stance_{target_id}", f"{label} 입장", ("-1", "0", "1"), True,
                          f"{label}에 대한 평가: -1 부정, 0 중립·혼합, 1 긍정, 언급이 없으면 비워 둠"))
    return codes


def _target_labels(targets=None) -> dict[str, str]:
    import yaml

    from analysis import paths

    path = Path(targets) if targets is not None else paths.package_data("targets.yaml")
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {str(k): str(v.get("label", k)) for k, v in spec["targets"].items()}


def _header(code: Code) -> str:
    return f"{code.label} [{code.code}]"


def write_coding_sheet(units: pd.DataFrame, path: Path | str, *, codes: Sequence[Code] | None = None) -> Path:
    """Write ``units`` as an XLSX coding sheet.

    Parameters
    ----------
    units : pandas.DataFrame
        ``unit_id`` (or ``sent_id``) and ``text``; ``outlet`` and ``role`` are
        shown when present. Row order is kept.
    path : path-like
        The ``.xlsx`` to write (written to a temporary file first, so a failed
        run leaves nothing half-written).
    codes : sequence of Code, optional
        Default :func:`sheet_codes` of the shipped codebook and targets.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise SheetError(f"{path}: a coding sheet is written as .xlsx")
    table = units.rename(columns={"sent_id": ID_COLUMN})
    for column in (ID_COLUMN, "text"):
        if column not in table.columns:
            raise SheetError(f"the units to write have no {column!r} column")
    codes = list(codes) if codes is not None else sheet_codes()
    info = [c for c in INFO_COLUMNS if c in table.columns]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    headers = [f"{INFO_COLUMNS[c]} [{c}]" for c in info] + [_header(c) for c in codes] + [f"메모 [{NOTE_COLUMN}]"]
    sheet.append(headers)
    for row in table[info].itertuples(index=False):
        sheet.append([str(v) for v in row] + [None] * (len(codes) + 1))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=2, column=len(info) + 1)
    last = len(table) + 1
    for offset, code in enumerate(codes):
        letter = get_column_letter(len(info) + 1 + offset)
        validation = DataValidation(type="list", formula1='"' + ",".join(code.values) + '"',
                                    allow_blank=True, showErrorMessage=True,
                                    errorTitle="코드북에 없는 값", error=f"{code.code}: {', '.join(code.values)}")
        validation.add(f"{letter}2:{letter}{max(last, 2)}")
        sheet.add_data_validation(validation)
        sheet.column_dimensions[letter].width = 14
    for index, column in enumerate(info, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 70 if column == "text" else 14
    for row in sheet.iter_rows(min_row=2, min_col=info.index("text") + 1, max_col=info.index("text") + 1):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    book = workbook.create_sheet(CODEBOOK_SHEET)
    book.append(["코드", "이름", "값", "비워 둘 수 있음", "규칙"])
    for cell in book[1]:
        cell.font = bold
    for code in codes:
        book.append([code.code, code.label, ", ".join(code.values), "예" if code.allow_empty else "아니오", code.rule])
    book.column_dimensions["E"].width = 100
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".part")
    workbook.save(scratch)
    scratch.chmod(0o644)
    scratch.replace(path)
    return path


def _cell(path: Path, row: int, column: int, *, xlsx: bool) -> str:
    from openpyxl.utils import get_column_letter

    if xlsx:
        return f"{path.name}, cell {get_column_letter(column + 1)}{row}"
    return f"{path.name}, line {row}, column {column + 1}"


def read_coding_sheet(
    path: Path | str,
    *,
    codes: Sequence[Code] | None = None,
    unit_ids: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read a filled-in coding sheet (XLSX from :func:`write_coding_sheet`, or a CSV).

    Code columns are found by the ``[code]`` at the end of their header (or a
    header that is the code itself). Rows whose code cells are all empty are
    *not coded yet*: they are left out and counted in ``.attrs["uncoded"]``;
    a row coded only in part is an error.

    Parameters
    ----------
    path : path-like
    codes : sequence of Code, optional
        Default :func:`sheet_codes`.
    unit_ids : sequence of str, optional
        The corpus's unit ids: a unit id outside them is an error.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``sent_id`` (the unit id), code columns as int (stance as
        nullable ``Int64``), plus ``note`` and, when the sheet has one, ``text``.

    Raises
    ------
    SheetError
        Missing file or columns, a value outside the codebook, a unit id
        unknown or repeated, a row coded in part; the message names the cell.
    """
    path = Path(path)
    codes = list(codes) if codes is not None else sheet_codes()
    if not path.is_file():
        raise SheetError(f"{path}: coding sheet not found (expected an .xlsx or .csv file)")
    xlsx = path.suffix.lower() == ".xlsx"
    if xlsx:
        raw = pd.read_excel(path, sheet_name=0, dtype=str, header=None, keep_default_na=False)
    elif path.suffix.lower() == ".csv":
        raw = pd.read_csv(path, dtype=str, header=None, keep_default_na=False, encoding="utf-8-sig")
    else:
        raise SheetError(f"{path}: expected an .xlsx or .csv coding sheet")
    if raw.empty:
        raise SheetError(f"{path}: the sheet is empty")
    headers = [str(h).strip() for h in raw.iloc[0]]
    names = []
    for header in headers:
        match = HEADER.search(header)
        names.append(match.group("code") if match else header)
    wanted = [ID_COLUMN, *(c.code for c in codes)]
    aliases = {"sent_id": ID_COLUMN}
    names = [aliases.get(n, n) for n in names]
    missing = [c for c in wanted if c not in names]
    if missing:
        raise SheetError(f"{path}: missing column(s) {', '.join(missing)} in the header row "
                         f"(found: {', '.join(h for h in headers if h)})")
    position = {name: i for i, name in enumerate(names) if name in wanted or name in (NOTE_COLUMN, "text")}
    known = set(unit_ids) if unit_ids is not None else None
    rows, uncoded, seen = [], 0, {}
    for offset in range(1, len(raw)):
        line = offset + 1  # spreadsheet row / CSV line number
        record = raw.iloc[offset]
        unit = str(record.iloc[position[ID_COLUMN]]).strip()
        values = {c.code: str(record.iloc[position[c.code]]).strip() for c in codes}
        if not unit and not any(values.values()):
            continue  # an empty row at the end of a sheet
        if not unit:
            raise SheetError(f"{_cell(path, line, position[ID_COLUMN], xlsx=xlsx)}: no unit id")
        if known is not None and unit not in known:
            raise SheetError(f"{_cell(path, line, position[ID_COLUMN], xlsx=xlsx)}: unit {unit!r} is not in the corpus")
        if unit in seen:
            raise SheetError(f"{_cell(path, line, position[ID_COLUMN], xlsx=xlsx)}: unit {unit!r} "
                             f"appears twice (first on row {seen[unit]})")
        seen[unit] = line
        if not any(values.values()):
            uncoded += 1
            continue
        parsed = {ID_COLUMN: unit}
        for code in codes:
            value = re.sub(r"^\+", "", values[code.code])
            value = re.sub(r"\.0$", "", value)  # 1.0 typed into a number cell
            where = _cell(path, line, position[code.code], xlsx=xlsx)
            if value == "" and not code.allow_empty:
                raise SheetError(f"{where}: {code.code} is empty; the row is coded in part "
                                 f"(allowed: {', '.join(code.values)})")
            if value != "" and value not in code.values:
                raise SheetError(f"{where}: {values[code.code]!r} is not a value of {code.code} "
                                 f"({', '.join(code.values)}{' or empty' if code.allow_empty else ''})")
            parsed[code.code] = value
        parsed[NOTE_COLUMN] = (str(record.iloc[position[NOTE_COLUMN]]).strip() if NOTE_COLUMN in position else "")
        if "text" in position:
            parsed["text"] = str(record.iloc[position["text"]]).strip()
        rows.append(parsed)
    if not rows:
        raise SheetError(f"{path}: no coded rows (every code cell is empty)")
    table = pd.DataFrame(rows).set_index(ID_COLUMN)
    table.index.name = "sent_id"
    for code in codes:
        if code.allow_empty:
            table[code.code] = pd.to_numeric(table[code.code].replace("", np.nan)).astype("Int64")
        else:
            table[code.code] = table[code.code].astype(int)
    table.attrs["uncoded"] = uncoded
    table.attrs["source"] = str(path)
    return table


def sample_units(
    units: pd.DataFrame,
    n: int,
    *,
    by: str = "outlet",
    uncertain_share: float = 0.25,
    certainty: str = "certainty",
    random_state: int = 0,
) -> pd.DataFrame:
    """Draw ``n`` units to code by hand: stratified by ``by``, plus the least certain.

    ``round(n * uncertain_share)`` units are those with the lowest
    ``certainty`` (ties by unit id); the rest are drawn at random within each
    stratum, in proportion to its size (largest remainder, so the counts add
    up to ``n``). With no ``certainty`` column every unit is drawn by stratum.

    Parameters
    ----------
    units : pandas.DataFrame
        One row per unit (``sent_id`` or ``unit_id``, ``by``, optionally ``certainty``).
    n : int
        Units to draw; at most ``len(units)``.

    Returns
    -------
    pandas.DataFrame
        The drawn rows in corpus order, with a ``drawn_as`` column
        (``"stratum"`` or ``"uncertain"``).

    Examples
    --------
    >>> units = pd.DataFrame({"sent_id": list("abcdef"), "outlet": list("xxxxyy")})
    >>> sample_units(units, 3, random_state=0)["outlet"].tolist()
    ['x', 'x', 'y']
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    if n > len(units):
        raise ValueError(f"cannot draw {n} units from {len(units)}")
    if by not in units.columns:
        raise ValueError(f"no column {by!r} to stratify by (columns: {', '.join(units.columns)})")
    id_column = "sent_id" if "sent_id" in units.columns else ID_COLUMN
    table = units.reset_index(drop=True)
    chosen: dict[int, str] = {}
    if certainty in table.columns and uncertain_share > 0:
        k = int(round(n * uncertain_share))
        ranked = table.assign(_id=table[id_column].astype(str)).sort_values([certainty, "_id"], kind="mergesort")
        for index in ranked.index[:k]:
            chosen[int(index)] = "uncertain"
    remaining = table.drop(index=list(chosen))
    quota = n - len(chosen)
    if quota:
        sizes = remaining.groupby(by, sort=True).size()
        exact = sizes / sizes.sum() * quota
        counts = np.floor(exact).astype(int)
        leftover = quota - int(counts.sum())
        order = (exact - counts).sort_values(ascending=False, kind="mergesort").index[:leftover]
        counts.loc[order] += 1
        rng = np.random.default_rng(random_state)
        for stratum, count in counts.items():
            members = remaining.index[remaining[by] == stratum].to_numpy()
            for index in rng.choice(members, size=int(count), replace=False):
                chosen[int(index)] = "stratum"
    drawn = table.loc[sorted(chosen)].copy()
    drawn["drawn_as"] = [chosen[i] for i in sorted(chosen)]
    return drawn.reset_index(drop=True)
