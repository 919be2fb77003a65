"""The rendered report in a real browser, and the whole report on a dated many-outlet corpus.

Runs every notebook on a corpus of 14 invented outlets over six weeks made of
the seeds' sentences (``tests/dated_corpus.py``) into a temporary ``--out``
folder, then opens every page in headless Chromium (Debian's
``/usr/bin/chromium``, driven by Playwright; ``.ci/run`` installs both) and
checks what a reader would see.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest

from analysis import report
from dated_corpus import INVALID_DATE, OUTLETS, write_dated_corpus

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def dated_report(tmp_path_factory):
    from analysis.pipeline import prepare

    base = tmp_path_factory.mktemp("dated")
    corpus = write_dated_corpus(prepare().sentences, base / "corpus")
    out = base / "out"
    written = report.run_report(corpus_dir=corpus, output_dir=out, progress=False)
    return out, written


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the dev extras")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install -y chromium (or set CHROMIUM=path)")
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield instance
        instance.close()


def test_every_page_shows_its_images_and_no_bare_figure(dated_report, browser):
    out, _ = dated_report
    pages = sorted((out / "reports").glob("*.html"))
    assert {p.stem for p in pages} >= {"index", "01_corpus", "02_vocabulary", "03_framing", "05_tone_and_voices",
                                       "06_synthesis", "07_time"}
    page = browser.new_page()
    for path in pages:
        page.goto(path.as_uri(), wait_until="load")
        # The index's thumbnails load lazily (only near the viewport); ask for all of them.
        page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })")
        page.wait_for_function("Array.from(document.images).every(i => i.complete)")
        images = page.evaluate("Array.from(document.images).map(i => [i.src.slice(0, 60), i.naturalWidth, i.naturalHeight])")
        assert images, f"{path.name} shows no image"
        broken = [src for src, width, height in images if width == 0 or height == 0]
        assert not broken, f"{path.name}: images that did not load: {broken}"
        text = page.inner_text("body")
        assert "<Figure size" not in text, f"{path.name} prints a bare matplotlib figure"
    page.close()


def test_every_index_link_resolves(dated_report, browser):
    out, _ = dated_report
    index = out / "reports" / "index.html"
    page = browser.new_page()
    page.goto(index.as_uri())
    links = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    assert len(links) > 20
    for link in links:
        target = Path(unquote(urlparse(link).path))
        assert target.is_file() and target.stat().st_size > 0, f"index link does not resolve: {link}"
    page.close()


def test_code_is_folded_and_can_be_shown(dated_report, browser):
    out, _ = dated_report
    page = browser.new_page()
    page.goto((out / "reports" / "03_framing.html").as_uri())
    code = page.locator(".jp-CodeCell .jp-Cell-inputWrapper").first
    assert not code.is_visible()
    page.click("#code-toggle")
    assert code.is_visible()
    page.close()


def test_time_figures_for_a_corpus_over_six_weeks(dated_report):
    out, _ = dated_report
    for name in ("fig12_frames_by_week", "fig13_tone_by_week"):
        for suffix in ("png", "svg", "csv"):
            assert (out / "figures" / f"{name}.{suffix}").stat().st_size > 0
    tone = pd.read_csv(out / "figures" / "fig13_tone_by_week.csv", encoding="utf-8-sig")
    overall = tone[tone["group"] == "전체 (all outlets)"]
    assert len(overall) == 6  # six weeks of documents
    assert overall["n_documents"].sum() == len(OUTLETS) * 3 - 2  # the invalid and the missing date
    assert set(tone["group"]) == {"전체 (all outlets)", "national daily", "business daily", "online outlet"}
    with_interval = tone.dropna(subset=["ci_low"])  # a week with one document of a group has none
    assert len(with_interval) >= len(overall)
    assert (with_interval["ci_low"] <= with_interval["mean_tone"]).all()
    assert (with_interval["mean_tone"] <= with_interval["ci_high"]).all()
    time_page = (out / "reports" / "07_time.html").read_text(encoding="utf-8")
    assert "40 of 42 documents are dated" in time_page
    assert INVALID_DATE in time_page and "invalid" in time_page


def test_titles_and_prose_follow_the_corpus(dated_report):
    out, _ = dated_report
    pages = {p.stem: p.read_text(encoding="utf-8") for p in (out / "reports").glob("*.html")}
    summary = "42 documents from 14 outlets"
    assert summary in pages["01_corpus"] and summary in pages["06_synthesis"] and summary in pages["index"]
    for name, text in pages.items():
        assert "In the seed corpus:" not in text, name
        assert not re.search(r"five (Korean|texts|outlets)", text), name
    # 14 outlets: figures name the 12 largest and fold the rest into 기타
    prominence = pd.read_csv(out / "figures" / "fig04_frame_prominence.csv", encoding="utf-8-sig")
    assert prominence["outlet"].nunique() == 13 and "기타" in set(prominence["outlet"])
    assert "✔ <strong>Checked:</strong>" not in pages["06_synthesis"]  # seed claims are not checked here


def test_out_receives_everything(dated_report):
    out, written = dated_report
    assert {p.parent for p in written} == {out / "notebooks"}
    assert {p.name for p in out.iterdir()} == {"figures", "tables", "notebooks", "reports"}
    modes = {oct(p.stat().st_mode & 0o777) for p in out.rglob("*") if p.is_file()}
    assert modes == {"0o644"}
