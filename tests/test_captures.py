"""Chrome rules measured on invented captures of twelve page layouts.

Each ``tests/fixtures/captures/NAME.txt`` is a capture written for these
tests (invented outlets, people and article text) in the layout of one kind
of Korean page; ``NAME.roles.tsv`` gives every line's expected role
(``line, role, text``; the text is repeated so a misaligned sidecar fails).
Blank lines are left out of the counts: they are trivially chrome.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.clean import is_blank, role_lines

CAPTURES = Path(__file__).parent / "fixtures" / "captures"
NAMES = sorted(path.name[: -len(".roles.tsv")] for path in CAPTURES.glob("*.roles.tsv"))
CHROME_REMOVED_TARGET = 0.95
ARTICLE_KEPT_TARGET = 0.99


def read_capture(name: str) -> tuple[list[str], list[str]]:
    """Raw lines of a capture and the expected role of each."""
    lines = (CAPTURES / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]  # the final line break ends the last line
    with (CAPTURES / f"{name}.roles.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert [int(row["line"]) for row in rows] == list(range(1, len(lines) + 1)), name
    for row, line in zip(rows, lines):
        assert row["text"] == line, f"{name}, line {row['line']}: sidecar text differs from the capture"
        assert row["role"] in ("title", "subhead", "body", "chrome"), f"{name}, line {row['line']}"
    return lines, [row["role"] for row in rows]


def measure(names=NAMES) -> dict:
    """Counts over all captures: chrome lines removed, article lines kept, and the misses."""
    counts = {"chrome": 0, "chrome_removed": 0, "article": 0, "article_kept": 0, "titles": 0,
              "titles_right": 0, "misses": []}
    for name in names:
        lines, expected = read_capture(name)
        roles = role_lines(lines)
        for number, (line, want, (got, reason)) in enumerate(zip(lines, expected, roles), start=1):
            if is_blank(line):
                continue
            if want == "chrome":
                counts["chrome"] += 1
                counts["chrome_removed"] += got == "chrome"
            else:
                counts["article"] += 1
                counts["article_kept"] += got != "chrome"
            if want == "title":
                counts["titles"] += 1
                counts["titles_right"] += got == "title"
            if (want == "chrome") != (got == "chrome"):
                counts["misses"].append(f"{name}:{number} expected {want}, got {got} {reason!r}: {line}")
    return counts


def test_every_layout_has_a_capture():
    assert len(NAMES) >= 12


@pytest.mark.parametrize("name", NAMES)
def test_sidecar_matches_capture(name):
    lines, roles = read_capture(name)
    assert roles.count("title") == 1 and "body" in roles


def test_chrome_removed_and_article_kept_over_all_captures():
    counts = measure()
    removed = counts["chrome_removed"] / counts["chrome"]
    kept = counts["article_kept"] / counts["article"]
    report = "\n".join(counts["misses"])
    assert removed >= CHROME_REMOVED_TARGET, f"chrome removed {removed:.3f}\n{report}"
    assert kept >= ARTICLE_KEPT_TARGET, f"article kept {kept:.3f}\n{report}"


def test_titles_are_found():
    counts = measure()
    assert counts["titles_right"] == counts["titles"]
