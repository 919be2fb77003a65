"""Reading real captures and real exports, through the command line (issue 12).

Every case checks the exit status, the message on standard error, and that a
failed run leaves no output file behind.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest

from conftest import ARTICLE, write_corpus
from test_cli import run

BODY = "중국 AI 스타트업 딥시크가 저비용 모델을 공개해 미국 빅테크를 긴장시켰다. " * 12


def assert_failed_cleanly(result, out, *messages):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for message in messages:
        assert message in result.stderr, result.stderr
    assert not out.exists()
    if out.parent.exists():
        assert list(out.parent.iterdir()) == []


@pytest.mark.parametrize(
    "content, label",
    [
        (ARTICLE.encode("utf-8"), "2 UTF-8"),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "UTF-8 with BOM"),
        (b"\xff\xfe" + ARTICLE.encode("utf-16-le"), "UTF-16 LE with BOM"),
        (b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "UTF-16 BE with BOM"),
        (ARTICLE.encode("utf-16-le"), "UTF-16 LE without BOM"),
        (ARTICLE.encode("utf-16-be"), "UTF-16 BE without BOM"),
        (ARTICLE.encode("cp949"), "CP949/EUC-KR"),
        (ARTICLE.encode("euc-kr"), "CP949/EUC-KR"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be", "cp949", "euc-kr"],
)
def test_encodings_are_decoded_and_each_decision_is_printed(tmp_path, content, label):
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": content})
    out = tmp_path / "out" / "audit.csv"
    result = run("corpus", "--corpus", str(corpus), "--audit", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "decoded 2 files:" in result.stderr and label in result.stderr
    if label != "2 UTF-8":
        assert "a.txt: " in result.stderr  # the file that was not plain UTF-8 is named
    audit = pd.read_csv(out, keep_default_na=False)
    assert audit["text"].tolist()[0] == "딥시크 충격, 한국의 선택은"


def test_undecodable_text_names_the_file_and_the_byte_offset(tmp_path):
    content = "딥시크 충격\n".encode("utf-8") + b"\x80\xff\x80"
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": content})
    out = tmp_path / "out" / "audit.csv"
    result = run("corpus", "--corpus", str(corpus), "--audit", "-o", str(out))
    # "딥시크 충격\n" is 17 bytes in UTF-8: the bad byte is at offset 17
    assert_failed_cleanly(result, out, "a.txt", "offset 17 is not valid UTF-8", "re-save it as UTF-8")


def test_binary_file_hints_at_utf16(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    out = tmp_path / "out" / "audit.csv"
    result = run("corpus", "--corpus", str(corpus), "--audit", "-o", str(out))
    assert_failed_cleanly(result, out, "a.txt", "binary file (a zero byte at offset 8)", "UTF-16")


def write_csv_table(path, rows, *, title_rows=()):
    table = pd.DataFrame(rows)
    text = "".join(f"{row}\n" for row in title_rows) + table.to_csv(index=False, lineterminator="\n")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("missing", ["NaN", "NA", "-", ""])
def test_missing_text_cells_are_reported_with_their_physical_line(tmp_path, missing):
    # the first body spans two physical lines, so the third record starts on line 4
    table = write_csv_table(tmp_path / "export.csv", [
        {"outlet": "가", "text": "첫 줄.\n둘째 줄."}, {"outlet": "나", "text": missing}])
    out = tmp_path / "out" / "audit.csv"
    result = run("corpus", "--corpus", str(table), "--audit", "-o", str(out))
    assert_failed_cleanly(result, out, "empty or missing text", "column 'text'", "line(s) 4")


def test_header_row_below_title_rows_is_found_and_said(tmp_path):
    rows = [["뉴스 검색 결과", "", ""], ["기간: 2025-01-01 ~ 2025-03-31", "", ""],
            ["언론사", "제목", "본문"], ["한빛일보", "딥시크 충격", BODY], ["새누리경제", "AI 경쟁", BODY]]
    path = tmp_path / "export.xlsx"
    pd.DataFrame(rows).to_excel(path, index=False, header=False)
    out = tmp_path / "out" / "audit.csv"
    result = run("corpus", "--corpus", str(path), "--columns", "outlet=언론사,title=제목,text=본문",
                 "--audit", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "header row found on row 3, below 2 title rows" in result.stderr
    audit = pd.read_csv(out, keep_default_na=False)
    assert audit["file"].unique().tolist() == ["export.xlsx#4", "export.xlsx#5"]
    wrong = tmp_path / "wrong" / "audit.csv"
    result = run("corpus", "--corpus", str(path), "--columns", "outlet=언론사,text=본문",
                 "--header-row", "1", "--audit", "-o", str(wrong))
    assert_failed_cleanly(result, wrong, "no column '본문' for the text", "row 1", "--header-row N")
    given = tmp_path / "given" / "audit.csv"
    result = run("corpus", "--corpus", str(path), "--columns", "outlet=언론사,text=본문",
                 "--header-row", "3", "--audit", "-o", str(given))
    assert result.returncode == 0 and "header row: row 3 (set with --header-row)" in result.stderr


def test_unknown_field_in_columns_lists_the_valid_fields(tmp_path):
    table = write_csv_table(tmp_path / "export.csv", [{"제목": "t", "언론사": "가", "본문": BODY}])
    out = tmp_path / "out" / "audit.csv"
    result = run("corpus", "--corpus", str(table), "--columns", "titel=제목,text=본문,outlet=언론사",
                 "--audit", "-o", str(out))
    assert_failed_cleanly(result, out, "unknown field(s) titel", "valid fields are doc_id, text, outlet")


def test_mapped_column_that_does_not_exist_is_an_error(tmp_path):
    table = write_csv_table(tmp_path / "export.csv", [{"제목": "t", "언론사": "가", "본문": BODY}])
    out = tmp_path / "out" / "audit.csv"
    result = run("corpus", "--corpus", str(table), "--columns", "title=헤드라인,text=본문,outlet=언론사",
                 "--audit", "-o", str(out))
    assert_failed_cleanly(result, out, "not in the header", "title=헤드라인", "제목, 언론사, 본문")


@pytest.mark.parametrize("option", [["--columns", "text=본문"], ["--preset", "bigkinds"], ["--header-row", "2"]])
def test_table_options_for_a_folder_are_an_error(tmp_path, small_corpus, option):
    out = tmp_path / "out" / "audit.csv"
    result = run("corpus", "--corpus", str(small_corpus), *option, "--audit", "-o", str(out))
    assert_failed_cleanly(result, out, option[0], "a corpus folder takes its fields from metadata.csv")


def test_short_bodies_get_a_warning_with_their_share(tmp_path):
    rows = [{"언론사": "가", "본문": "짧은 본문이다. " * 10}] * 3 + [{"언론사": "나", "본문": BODY}]
    table = write_csv_table(tmp_path / "export.csv", rows)
    out = tmp_path / "out" / "audit.csv"
    result = run("corpus", "--corpus", str(table), "--columns", "text=본문,outlet=언론사", "--audit", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "warning: export.csv: 75% of the bodies are shorter than 300 characters" in result.stderr


@pytest.mark.parametrize(
    "path, expected",
    [("nowhere/export.xlsx", "corpus table not found (expected a .xlsx file"),
     ("nowhere/export.csv", "corpus table not found (expected a .csv file"),
     ("nowhere/corpus", "corpus folder not found (expected a folder of text files")],
)
def test_missing_corpus_says_what_was_expected(tmp_path, path, expected):
    out = tmp_path / "out" / "audit.csv"
    result = run("corpus", "--corpus", str(tmp_path / path), "--audit", "-o", str(out))
    assert_failed_cleanly(result, out, str(tmp_path / path), expected)
    if path.endswith(".xlsx"):
        assert "corpus folder not found" not in result.stderr


def test_missing_units_file_for_code(tmp_path):
    out = tmp_path / "out" / "coded.csv"
    result = run("code", str(tmp_path / "units.txt"), "-o", str(out))
    assert_failed_cleanly(result, out, "units.txt: units file not found (expected a .txt file of units")


def test_keyness_kwic_and_code_read_a_mapped_table(tmp_path):
    rows = [{"매체": "한빛일보", "본문": BODY}, {"매체": "새누리경제", "본문": BODY.replace("미국", "한국")}]
    table = write_csv_table(tmp_path / "export.csv", rows)
    mapping = ["--corpus", str(table), "--columns", "text=본문,outlet=매체"]
    keyness = run("keyness", *mapping, "--min-count", "1")
    assert keyness.returncode == 0, keyness.stderr
    assert set(pd.read_csv(io.StringIO(keyness.stdout))["outlet"]) == {"한빛일보", "새누리경제"}
    kwic = run("kwic", "딥시크", *mapping, "-o", str(tmp_path / "kwic.csv"))
    assert kwic.returncode == 0 and "decoded 1 file: 1 UTF-8" in kwic.stderr
    code = run("code", *mapping, "-o", str(tmp_path / "coded.csv"))
    assert code.returncode == 0, code.stderr
    assert set(pd.read_csv(tmp_path / "coded.csv")["outlet"]) == {"한빛일보", "새누리경제"}
    unmapped = run("keyness", "--corpus", str(table), "-o", str(tmp_path / "none" / "k.csv"))
    assert_failed_cleanly(unmapped, tmp_path / "none" / "k.csv", "no column 'text' for the text")


def test_code_takes_units_or_a_corpus_not_both(tmp_path, small_corpus):
    units = tmp_path / "units.txt"
    units.write_text("정부는 대응해야 한다.\n", encoding="utf-8")
    out = tmp_path / "out" / "coded.csv"
    result = run("code", str(units), "--corpus", str(small_corpus), "-o", str(out))
    assert_failed_cleanly(result, out, "not both")


PAGE = """<!DOCTYPE html><html><head><title>딥시크 충격, 한국의 선택은 - 한빛일보</title></head><body>
<header><a>한빛일보</a><nav><ul><li>홈</li><li>정치</li><li>경제</li></ul></nav><a>로그인</a></header>
<main><article><header><h1>딥시크 충격, 한국의 선택은</h1></header>
<p>중국 AI 스타트업 딥시크가 저비용 모델을 공개했다.</p><aside><h3>관련 기사</h3><p>다른 소식</p></aside>
<p>정부는 대응책을 서둘러야 한다.</p></article></main>
<footer><p>회사소개</p><p>ⓒ 한빛일보</p></footer></body></html>"""


def test_html_page_saved_as_txt_keeps_only_the_article(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": PAGE})
    result = run("corpus", "--corpus", str(corpus))
    assert result.returncode == 0, result.stderr
    assert "HTML page" in result.stderr
    sentences = pd.read_csv(io.StringIO(result.stdout))
    assert sentences[["role", "text"]].values.tolist() == [
        ["title", "딥시크 충격, 한국의 선택은"],
        ["body", "중국 AI 스타트업 딥시크가 저비용 모델을 공개했다."],
        ["body", "정부는 대응책을 서둘러야 한다."],
    ]


def test_units_file_decoding_is_printed(tmp_path):
    units = tmp_path / "units.txt"
    units.write_bytes("정부는 대응해야 한다.\n".encode("cp949"))
    result = run("code", str(units), "-o", str(tmp_path / "coded.csv"))
    assert result.returncode == 0, result.stderr
    assert "decoded units.txt: not UTF-8; decoded as CP949" in result.stderr


def test_make_report_passes_the_table_options():
    import subprocess

    from analysis import paths

    result = subprocess.run(
        ["make", "-n", "report", "CORPUS=exports/export.xlsx", "PRESET=bigkinds",
         "COLUMNS=text=본문,outlet=언론사", "HEADER_ROW=3", "STAMP="],
        capture_output=True, text=True, cwd=paths.ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert ('report --corpus "exports/export.xlsx" --out "out/export" --preset "bigkinds" '
            '--columns "text=본문,outlet=언론사" --header-row "3"') in result.stdout
