"""A small dated corpus of many outlets, built from the seed texts' sentences.

For the end-to-end report test: 14 invented outlets in three outlet types,
three articles each, dated over six weeks in the date forms Korean sources
print (BigKinds ``YYYYMMDD``, ISO, ``2025.02.12 18:00``, ``2025. 1. 31.``),
with one invalid and one missing date that the report must list. The
sentences are the seeds' own (shuffled with a fixed seed), so the coders
find frames, tone and voices in them.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pandas as pd

OUTLETS = (
    ("가람일보", "national daily"), ("나래신문", "national daily"), ("다온경제", "business daily"),
    ("라온뉴스", "online outlet"), ("마루타임스", "national daily"), ("바다일보", "national daily"),
    ("사이경제", "business daily"), ("아름뉴스", "online outlet"), ("자람매일", "national daily"),
    ("차오름뉴스", "online outlet"), ("카나경제", "business daily"), ("타래일보", "national daily"),
    ("파도뉴스", "online outlet"), ("하늘경제", "business daily"),
)
ARTICLES_PER_OUTLET = 3
WEEKS = 6
INVALID_DATE = "2025-02-30"


def _date_text(day: pd.Timestamp, form: int) -> str:
    return (f"{day:%Y%m%d}", f"{day:%Y-%m-%d}", f"{day:%Y.%m.%d} 18:00", f"{day.year}. {day.month}. {day.day}.")[form % 4]


def write_dated_corpus(sentences: pd.DataFrame, directory: Path, *, seed: int = 7) -> Path:
    """Write the corpus folder (text files + ``metadata.csv``) and return it.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The seed sentence table (``role``, ``text``).
    directory : pathlib.Path
    seed : int
    """
    rng = random.Random(seed)
    headlines = sentences.loc[sentences["role"] != "body", "text"].tolist()
    body = sentences.loc[sentences["role"] == "body", "text"].tolist()
    directory.mkdir(parents=True, exist_ok=True)
    first_monday = pd.Timestamp("2025-01-27")
    rows = []
    number = 0
    for article in range(ARTICLES_PER_OUTLET):
        for index, (outlet, kind) in enumerate(OUTLETS):
            number += 1
            doc_id = f"d{number:02d}"
            picked = rng.sample(body, k=9)
            paragraphs = [" ".join(picked[i : i + 3]) for i in range(0, 9, 3)]
            text = "\n".join([rng.choice(headlines), "공유", *paragraphs, "ⓒ 무단전재 및 재배포 금지"])
            (directory / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
            day = first_monday + pd.Timedelta(days=7 * ((index + article * 5) % WEEKS) + index % 5)
            date = _date_text(day, number)
            if number == 5:
                date = INVALID_DATE
            elif number == 9:
                date = ""
            rows.append({"doc_id": doc_id, "file": f"{doc_id}.txt", "outlet": outlet, "outlet_type": kind,
                         "date": date})
    with open(directory / "metadata.csv", "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return directory
