"""Shared fixtures: small invented corpora written into tmp_path."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest


def write_corpus(directory: Path, documents: dict[str, str | bytes], *, metadata=None) -> Path:
    """Write text files and a metadata.csv (doc_id = file stem, outlet = '테스트')."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in documents.items():
        path = directory / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    rows = metadata if metadata is not None else [
        {"doc_id": Path(name).stem, "file": name, "outlet": "테스트"} for name in documents
    ]
    if rows:
        with (directory / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return directory


ARTICLE = (
    "딥시크 충격, 한국의 선택은\n"
    "\n"
    "중국 AI 스타트업 딥시크가 저비용 모델을 공개했다. 미국 빅테크는 긴장하고 있다.\n"
    "\n"
    "정부는 대응책을 서둘러야 한다.\n"
    "홍길동 기자\n"
)


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A valid two-document corpus."""
    return write_corpus(tmp_path / "corpus", {"a.txt": ARTICLE, "b.txt": ARTICLE.replace("한국", "우리")})
