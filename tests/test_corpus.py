"""Loading a corpus folder: validation and decoding."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from analysis import paths
from analysis.corpus import CorpusError, decode_bytes, load_corpus
from conftest import ARTICLE, write_corpus

SHARED_SEEDS = paths.ROOT.parent / "shared" / "seeds"


def test_seed_corpus_loads_with_metadata():
    corpus = load_corpus()
    documents = corpus.documents
    assert documents["doc_id"].tolist() == ["dongpo", "hankyung", "hankook", "blog", "moneys"]
    assert documents["outlet"].tolist() == ["동포투데이", "한경닷컴", "한국일보", "개인 블로그", "머니S"]
    assert set(documents["encoding"]) == {"utf-8"}
    # unknown fields stay empty, and a note says so
    dongpo = documents.set_index("doc_id").loc["dongpo"]
    assert dongpo["author"] == "" and dongpo["date"] == "" and "not stated" in dongpo["date_note"]


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside the clone")
def test_seed_files_are_byte_identical_to_the_shared_originals():
    for original in sorted(SHARED_SEEDS.glob("*.txt")):
        copy = paths.SEEDS / original.name
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == hashlib.sha256(
            original.read_bytes()
        ).hexdigest()


def test_metadata_lists_every_seed_file():
    listed = set(load_corpus().documents["file"])
    assert listed == {p.name for p in paths.SEEDS.glob("*.txt")}


def test_text_is_nfc_normalized_and_file_unchanged(tmp_path):
    decomposed = unicodedata.normalize("NFD", ARTICLE)
    directory = write_corpus(tmp_path / "c", {"a.txt": decomposed})
    before = (directory / "a.txt").read_bytes()
    corpus = load_corpus(directory)
    assert corpus.documents.loc[0, "text"] == unicodedata.normalize("NFC", ARTICLE)
    assert (directory / "a.txt").read_bytes() == before


def test_cp949_is_decoded_and_reported(tmp_path):
    directory = write_corpus(tmp_path / "c", {"a.txt": ARTICLE.encode("cp949")})
    corpus = load_corpus(directory)
    assert corpus.documents.loc[0, "encoding"] == "cp949"
    assert corpus.documents.loc[0, "text"].startswith("딥시크 충격")
    assert any("CP949" in note for note in corpus.notes)


def test_decode_bytes_handles_bom_and_crlf():
    text, encoding = decode_bytes("\ufeff가\r\n나".encode("utf-8"), source=Path("x.txt"))
    assert (text, encoding) == ("가\n나", "utf-8-sig")


@pytest.mark.parametrize(
    "documents, metadata, message",
    [
        ({"a.txt": ARTICLE}, [], "metadata file not found"),
        ({"a.txt": ARTICLE}, [{"doc_id": "a", "file": "a.txt"}], "required column(s) outlet"),
        ({"a.txt": ARTICLE}, [{"doc_id": "a", "file": "a.txt", "outlet": ""}], "'outlet' is empty"),
        ({"a.txt": ARTICLE}, [{"doc_id": "a", "file": "a.txt", "outlet": "x"},
                              {"doc_id": "b", "file": "b.txt", "outlet": "x"}], "not found in"),
        ({"a.txt": ARTICLE, "b.txt": ARTICLE}, [{"doc_id": "a", "file": "a.txt", "outlet": "x"}],
         "not described in metadata.csv: b.txt"),
        ({"a.txt": ARTICLE, "b.txt": ARTICLE}, [{"doc_id": "a", "file": "a.txt", "outlet": "x"},
                                                {"doc_id": "a", "file": "b.txt", "outlet": "x"}],
         "duplicate doc_id"),
        ({"a.txt": ""}, None, "a.txt: the file is empty"),
        ({"a.txt": "  \n\n "}, None, "a.txt: the file is empty"),
        ({"a.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, None, "binary file"),
        ({"a.txt": "가".encode("utf-8") + b"\xff\xfe\xff\xfe\xff"}, None,
         "neither UTF-8 nor a Korean legacy encoding"),
    ],
    ids=["no-metadata", "missing-column", "empty-required-cell", "listed-file-absent",
         "unlisted-text-file", "duplicate-id", "empty-file", "whitespace-file", "binary-file",
         "undecodable"],
)
def test_bad_corpora_fail_with_a_clear_message(tmp_path, documents, metadata, message):
    directory = write_corpus(tmp_path / "c", documents, metadata=metadata)
    with pytest.raises(CorpusError) as error:
        load_corpus(directory)
    assert message in str(error.value)


def test_missing_and_empty_folders(tmp_path):
    with pytest.raises(CorpusError, match="corpus folder not found"):
        load_corpus(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="corpus folder is empty"):
        load_corpus(tmp_path / "empty")


def test_malformed_metadata_csv(tmp_path):
    directory = write_corpus(tmp_path / "c", {"a.txt": ARTICLE})
    (directory / "metadata.csv").write_text('doc_id,file,outlet\n"a,a.txt,x\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="metadata"):
        load_corpus(directory)


HTML_PAGE = """<!DOCTYPE html>
<html><head><title>딥시크 충격</title><style>p {color: red}</style>
<script>var x = "광고";</script></head>
<body><h1>딥시크 충격, 한국의 선택은</h1>
<p>중국 AI 스타트업 딥시크가 저비용 모델을 공개했다.</p>
<p>정부는 대응책을 서둘러야 한다.</p>
<div class="share">공유</div></body></html>
"""


def test_html_page_is_converted_to_text_lines(tmp_path):
    directory = write_corpus(tmp_path / "c", {"a.txt": HTML_PAGE})
    corpus = load_corpus(directory)
    text = corpus.documents.loc[0, "text"]
    assert corpus.documents.loc[0, "encoding"] == "utf-8+html"
    assert "중국 AI 스타트업 딥시크가 저비용 모델을 공개했다." in text.split("\n")
    assert "광고" not in text and "color" not in text and "<p>" not in text


def test_table_corpus_with_column_mapping(tmp_path):
    import pandas as pd

    from analysis.corpus import load_table_corpus

    table = pd.DataFrame(
        {"언론사": ["조선일보", "한겨레"], "제목": ["딥시크 충격", "AI 경쟁"],
         "본문": ["중국 딥시크가 미국을 흔들었다.", "한국은 대응해야 한다."], "뉴스 식별자": ["n1", "n2"]}
    )
    table.to_excel(tmp_path / "export.xlsx", index=False)
    corpus = load_table_corpus(tmp_path / "export.xlsx", preset="bigkinds")
    documents = corpus.documents
    assert documents["doc_id"].tolist() == ["n1", "n2"]
    assert documents["outlet"].tolist() == ["조선일보", "한겨레"]
    assert documents["text"].tolist()[0] == "딥시크 충격\n\n중국 딥시크가 미국을 흔들었다."
    table.to_csv(tmp_path / "export.csv", index=False)
    mapped = load_corpus(tmp_path / "export.csv", columns={"text": "본문", "outlet": "언론사"})
    assert mapped.documents["doc_id"].tolist() == ["row-0001", "row-0002"]
    with pytest.raises(CorpusError, match="no column 'text'"):
        load_corpus(tmp_path / "export.csv")


def test_large_article_is_read_whole(tmp_path):
    paragraph = "중국 AI 스타트업 딥시크가 저비용 모델을 공개해 미국 빅테크를 긴장시켰다. " * 20
    big = "큰 기사\n" + "\n".join([paragraph] * 2600)  # over 5 MB
    directory = write_corpus(tmp_path / "c", {"big.txt": big})
    corpus = load_corpus(directory)
    assert len(corpus.documents.loc[0, "text"].encode("utf-8")) > 5_000_000


# ---------------------------------------------------------------------------
# dates parsed on load
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20250224", "2025-02-24 00:00:00"),  # BigKinds 일자
        ("2025-02-24", "2025-02-24 00:00:00"),
        ("2025-02-24 18:00:00", "2025-02-24 18:00:00"),  # Excel cells read as text
        ("2025-02-24T09:05", "2025-02-24 09:05:00"),
        ("2025.02.12 18:00", "2025-02-12 18:00:00"),
        ("2025. 1. 31.", "2025-01-31 00:00:00"),
        ("2025. 1. 31. 17:17", "2025-01-31 17:17:00"),
        ("  2025.1.5 ", "2025-01-05 00:00:00"),
    ],
)
def test_parse_date_forms(text, expected):
    from analysis.corpus import parse_date

    assert str(parse_date(text)) == expected


@pytest.mark.parametrize("text", ["20250231", "2025-13-01", "어제", "2025년 2월 3일", "250224"])
def test_parse_date_rejects_what_is_not_a_date(text):
    from analysis.corpus import parse_date

    with pytest.raises(ValueError, match="date"):
        parse_date(text)


def test_invalid_and_missing_dates_are_reported_not_dropped(tmp_path):
    from analysis.corpus import load_corpus

    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text("딥시크가 나왔다.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "doc_id,file,outlet,date\na,a.txt,갑,20250224\nb,b.txt,을,2025-02-30\nc,c.txt,병,\n", encoding="utf-8"
    )
    corpus = load_corpus(tmp_path)
    documents = corpus.documents.set_index("doc_id")
    assert list(documents.index) == ["a", "b", "c"]
    assert str(documents.loc["a", "published"]) == "2025-02-24 00:00:00"
    assert documents["date_status"].str.split(":").str[0].tolist() == ["parsed", "invalid", "missing"]
    assert pd.isna(documents.loc["b", "published"]) and pd.isna(documents.loc["c", "published"])
    assert any("1 document(s) with an invalid date" in note and "b (" in note for note in corpus.notes)
    assert any("1 of 3 document(s) state no date" in note for note in corpus.notes)
