"""The command line, run as a user would: a subprocess with exit codes."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from analysis import paths
from conftest import ARTICLE, write_corpus


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True, text=True, cwd=cwd or paths.ROOT,
    )


def test_help_lists_commands():
    result = run("--help")
    assert result.returncode == 0
    for name in ("corpus", "tokens"):
        assert name in result.stdout


def test_audit_table(tmp_path):
    out = tmp_path / "audit.csv"
    result = run("corpus", "--audit", "-o", str(out))
    assert result.returncode == 0, result.stderr
    audit = pd.read_csv(out, keep_default_na=False)
    assert list(audit.columns) == ["file", "doc_id", "line", "role", "reason", "text"]
    raw_lines = sum(len(p.read_text(encoding="utf-8").split("\n")) for p in paths.SEEDS.glob("*.txt"))
    assert len(audit) == raw_lines


def test_sentence_table_from_another_folder(tmp_path, small_corpus):
    out = tmp_path / "sentences.csv"
    result = run("corpus", "--corpus", str(small_corpus), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    sentences = pd.read_csv(out)
    assert list(sentences.columns) == ["file", "doc_id", "outlet", "para", "role", "sent_id", "text"]
    assert sentences["sent_id"].tolist()[:2] == ["a-001", "a-002"]
    assert "홍길동 기자" not in " ".join(sentences["text"])


def test_token_table(tmp_path, small_corpus):
    out = tmp_path / "tokens.csv"
    result = run("tokens", "--corpus", str(small_corpus), "-o", str(out))
    assert result.returncode == 0, result.stderr
    tokens = pd.read_csv(out)
    assert ["file", "doc_id", "sent_id", "form", "tag", "norm", "start", "end"] == list(tokens.columns[:8])
    assert "딥시크" in set(tokens["norm"])


@pytest.mark.parametrize(
    "documents, metadata, message",
    [
        ({}, [], "corpus folder is empty"),
        ({"a.txt": ""}, None, "a.txt: the file is empty"),
        ({"a.txt": b"\x00\x01binary"}, None, "binary file"),
        ({"a.txt": ARTICLE}, [{"doc_id": "a", "file": "a.txt"}], "required column(s) outlet"),
        ({"a.txt": ARTICLE, "b.txt": ARTICLE}, [{"doc_id": "a", "file": "a.txt", "outlet": "x"},
                                                {"doc_id": "a", "file": "b.txt", "outlet": "x"}],
         "duplicate doc_id"),
        ({"a.txt": ARTICLE, "b.txt": ARTICLE}, [{"doc_id": "a", "file": "a.txt", "outlet": "x"}],
         "not described in metadata.csv"),
    ],
    ids=["empty-folder", "empty-file", "binary-file", "missing-column", "duplicate-id", "unlisted-file"],
)
def test_bad_input_exits_non_zero_and_leaves_no_output(tmp_path, documents, metadata, message):
    corpus = write_corpus(tmp_path / "corpus", documents, metadata=metadata)
    out = tmp_path / "out" / "sentences.csv"
    result = run("corpus", "--corpus", str(corpus), "-o", str(out))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    if out.parent.exists():
        assert list(out.parent.iterdir()) == []


def test_cp949_file_is_processed(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ARTICLE.encode("cp949")})
    result = run("corpus", "--corpus", str(corpus))
    assert result.returncode == 0, result.stderr
    assert "딥시크" in result.stdout


def test_report_on_another_corpus_writes_only_to_the_output_folder(tmp_path):
    from analysis.bench import synthetic_corpus
    from analysis.pipeline import prepare

    corpus = synthetic_corpus(prepare().sentences, 4, tmp_path / "corpus", seed=2, sentences_per_article=6)
    before = {p: p.stat().st_mtime_ns for p in paths.FIGURES.glob("*")}
    out = tmp_path / "out"
    result = run("report", "--corpus", str(corpus), "--out", str(out), "--only", "01", "--quiet")
    assert result.returncode == 0, result.stderr
    assert (out / "figures" / "fig01_corpus_overview.png").exists()
    assert (out / "notebooks" / "01_corpus.ipynb").exists()
    assert (out / "reports" / "01_corpus.html").exists()
    assert (out / "tables" / "sentences.csv").exists()
    assert {p: p.stat().st_mtime_ns for p in paths.FIGURES.glob("*")} == before


def test_report_on_another_corpus_requires_an_output_folder(small_corpus):
    result = run("report", "--corpus", str(small_corpus))
    assert result.returncode == 2 and "--out" in result.stderr


def test_code_units_from_txt_in_order(tmp_path):
    units = tmp_path / "units.txt"
    units.write_text(
        "미국과 중국의 AI 패권 경쟁이 격화되고 있다.\n\n정부는 AI 인재 양성을 서둘러야 한다.\n딥시크는 저비용으로 모델을 만들었다.\n",
        encoding="utf-8",
    )
    out = tmp_path / "coded.csv"
    result = run("code", str(units), "-o", str(out))
    assert result.returncode == 0, result.stderr
    coded = pd.read_csv(out, keep_default_na=False)
    # one row per input line: the blank line 2 is an empty, uncoded row
    assert coded["line"].tolist() == [1, 2, 3, 4]
    assert coded["text"].tolist() == [
        "미국과 중국의 AI 패권 경쟁이 격화되고 있다.",
        "",
        "정부는 AI 인재 양성을 서둘러야 한다.",
        "딥시크는 저비용으로 모델을 만들었다.",
    ]
    assert coded.loc[1, "frame_rivalry"] == "" and coded.loc[1, "tone"] == ""
    coded = coded.drop(index=1).reset_index(drop=True)
    expected = ["text", "prescription", "tone", "polarity", "stance_china", "stance_us", "stance_korea", "evidence"]
    assert set(expected) <= set(coded.columns)
    assert [c for c in coded.columns if c.startswith("frame_")] == [
        "frame_rivalry", "frame_efficiency", "frame_open_source", "frame_talent",
        "frame_suspicion", "frame_economy", "frame_china_state", "frame_korea_response",
    ]
    assert coded["prescription"].tolist()[1] == "1"
    assert coded["frame_rivalry"].tolist()[0] == "1"


def test_code_units_from_csv_with_text_column(tmp_path):
    table = tmp_path / "units.csv"
    pd.DataFrame({"id": [1, 2], "body": ["한국은 AI 경쟁에서 뒤처지고 있다.", "중국의 인재 양성이 성공했다."]}).to_csv(
        table, index=False
    )
    result = run("code", str(table), "--text-column", "body")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3  # header and one row per unit
    missing = run("code", str(table))
    assert missing.returncode == 2 and "no 'text' column" in missing.stderr


def test_code_rejects_empty_csv_units(tmp_path):
    table = tmp_path / "units.csv"
    pd.DataFrame({"text": ["한국은 대응해야 한다.", " "]}).to_csv(table, index=False)
    result = run("code", str(table))
    assert result.returncode == 2 and "empty 'text' on line(s) [3]" in result.stderr


def test_html_file_is_read_as_its_visible_text(tmp_path):
    page = (
        "<!DOCTYPE html><html><head><script>var ad = 1;</script></head><body>"
        "<h1>딥시크 충격</h1><p>중국 AI 스타트업 딥시크가 저비용 모델을 공개했다.</p></body></html>"
    )
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": page})
    result = run("corpus", "--corpus", str(corpus))
    assert result.returncode == 0, result.stderr
    sentences = pd.read_csv(__import__("io").StringIO(result.stdout))
    assert sentences["text"].tolist() == ["딥시크 충격", "중국 AI 스타트업 딥시크가 저비용 모델을 공개했다."]


def test_five_megabyte_article_is_audited(tmp_path):
    paragraph = "중국 AI 스타트업 딥시크가 저비용 모델을 공개해 미국 빅테크를 긴장시켰다. " * 20
    paragraphs = [f"{number}번째 문단이다. {paragraph}" for number in range(2600)]
    corpus = write_corpus(tmp_path / "corpus", {"big.txt": "큰 기사\n" + "\n".join(paragraphs)})
    out = tmp_path / "audit.csv"
    result = run("corpus", "--corpus", str(corpus), "--audit", "-o", str(out))
    assert result.returncode == 0, result.stderr
    audit = pd.read_csv(out)
    assert len(audit) == 2601 and (audit["role"] == "body").sum() == 2600


def test_code_jobs_option(tmp_path):
    """--jobs takes a number of processes or -1; the coded table does not depend on it."""
    units = tmp_path / "units.txt"
    units.write_text("미국과 중국의 AI 패권 경쟁이 격화되고 있다.\n정부는 AI 인재 양성을 서둘러야 한다.\n",
                     encoding="utf-8")
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert run("code", str(units), "--model", "dictionary", "-o", str(one)).returncode == 0
    result = run("code", str(units), "--model", "dictionary", "--jobs", "2", "-o", str(two))
    assert result.returncode == 0, result.stderr
    assert one.read_bytes() == two.read_bytes()
    for bad in ("0", "-3", "two"):
        refused = run("code", str(units), "--jobs", bad)
        assert refused.returncode == 2 and "--jobs" in refused.stderr, refused.stderr


def test_voices_with_your_own_entity_table(tmp_path):
    """`voices --entities` gives a speaker the table's country; a bad table is refused naming the file."""
    article = ("딥시크 성능 논쟁\n"
               "한빛연구소는 \"딥시크의 성능은 일부 과장됐다\"고 밝혔다.\n"
               "업계 관계자는 비용 계산이 다르다고 말했다.\n")
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": article})
    entities = tmp_path / "entities.csv"
    entities.write_text("name,type,country,aliases\n한빛연구소,institution,Korea,한빛연\n", encoding="utf-8")
    plain, mine = tmp_path / "plain.csv", tmp_path / "mine.csv"
    assert run("voices", "--corpus", str(corpus), "-o", str(plain)).returncode == 0
    result = run("voices", "--corpus", str(corpus), "--entities", str(entities), "-o", str(mine))
    assert result.returncode == 0, result.stderr
    before = pd.read_csv(plain, keep_default_na=False).set_index("speaker")
    after = pd.read_csv(mine, keep_default_na=False).set_index("speaker")
    assert after.loc["한빛연구소", "country"] == "Korea" and after.loc["한빛연구소", "speaker_type"] == "institution"
    assert before.loc["한빛연구소", "country"] != "Korea"
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type,country\n한빛연구소,institution,Mars\n", encoding="utf-8")
    refused = run("voices", "--corpus", str(corpus), "--entities", str(bad))
    assert refused.returncode == 2 and "bad.csv" in refused.stderr, refused.stderr
