"""The report runner's pieces: figure registry, notebook normalization, index page."""

from __future__ import annotations

import json

import nbformat
import pandas as pd
import pytest

from analysis import paths, plots, report, tables


def test_every_registered_figure_has_a_function_and_a_notebook_source():
    sources = {p.stem for p in report.notebook_sources()}
    for entry in report.FIGURES:
        assert callable(getattr(plots, entry.function)), entry.function
        assert entry.notebook in sources, entry.notebook


def test_every_figure_file_is_registered():
    registered = {entry.name for entry in report.FIGURES}
    on_disk = {p.stem for p in paths.FIGURES.glob("fig*.png")}
    assert on_disk <= registered
    for stem in on_disk:
        for suffix in (".svg", ".csv"):
            assert (paths.FIGURES / f"{stem}{suffix}").exists()


def test_normalize_makes_ids_and_metadata_stable():
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("1"), nbformat.v4.new_markdown_cell("# t")]
    )
    notebook.metadata["papermill"] = {"start_time": "now"}
    notebook.cells[0].metadata["execution"] = {"iopub.execute_input": "now"}
    notebook.cells[0].metadata["papermill"] = {"duration": 1.0}
    report._normalize(notebook)
    assert [c["id"] for c in notebook.cells] == ["cell-000", "cell-001"]
    assert "papermill" not in notebook.metadata
    assert notebook.cells[0].metadata == {}


def test_stderr_in_outputs_fails_the_report():
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import warnings")])
    notebook.cells[0].outputs = [nbformat.v4.new_output("stream", name="stderr", text="UserWarning: x")]
    with pytest.raises(report.ReportError, match="cell 0"):
        report._check_clean_outputs(notebook, "x.py")


def test_committed_notebooks_have_clean_outputs_and_no_machine_paths():
    for path in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        assert str(paths.ROOT) not in text, f"{path.name} stores an absolute path"
        report._check_clean_outputs(nbformat.reads(text, as_version=4), path.name)
        cell_ids = [cell["id"] for cell in json.loads(text)["cells"]]
        assert cell_ids == [f"cell-{i:03d}" for i in range(len(cell_ids))]


def test_committed_outputs_come_from_committed_sources():
    """A report made from uncommitted sources ("+dirty") cannot be rebuilt from a clone: commit the
    sources, then run `make report`, then commit its outputs."""
    rendered = [*sorted(paths.NOTEBOOKS.glob("*.ipynb")), *sorted(paths.REPORTS.glob("*.html"))]
    assert rendered
    dirty = [path.name for path in rendered if "+dirty" in path.read_text(encoding="utf-8")]
    assert not dirty, f"made from uncommitted sources: {dirty}"


def test_index_lists_notebooks_figures_findings_and_citation(tmp_path):
    outputs = paths.outputs(tmp_path)
    outputs.figures.mkdir(parents=True)
    for suffix in ("png", "svg", "csv"):
        (outputs.figures / f"fig01_corpus_overview.{suffix}").write_bytes(b"x")
    tables.write_json({"corpus": "3 documents from 2 outlets (가, 나)", "questions": {"RQ1 vocabulary": "가 & 나 differ."}},
                      outputs.tables / "key_findings.json")
    page = report.write_index([("01_corpus", "The corpus")], outputs, corpus="seeds/")
    text = page.read_text(encoding="utf-8")
    assert '<a href="01_corpus.html">The corpus</a>' in text
    assert '(<a href="../notebooks/01_corpus.ipynb">notebook with code</a>)' in text
    assert '<img src="../figures/fig01_corpus_overview.png"' in text
    for suffix in ("png", "svg", "csv"):
        assert f'<a href="../figures/fig01_corpus_overview.{suffix}">{suffix.upper()}</a>' in text
    assert "fig10" not in text  # no file: the validation notebook did not run
    assert "<b>RQ1 vocabulary.</b> 가 &amp; 나 differ." in text
    assert "3 documents from 2 outlets (가, 나)" in text
    assert "The deepseek-framing project contributors. How Korean media framed DeepSeek" in text
    assert (outputs.reports / "CITATION.cff").read_text(encoding="utf-8") == report.CITATION_FILE.read_text(
        encoding="utf-8")


def test_index_without_synthesis_says_so(tmp_path):
    text = report.write_index([], paths.outputs(tmp_path), corpus="x").read_text(encoding="utf-8")
    assert "did not run, so there are no key findings" in text


def test_reader_page_folds_code_and_links_back():
    page = '<html><head><title>t</title></head><body class="jp-Notebook" x="1"><div>cell</div></body></html>'
    reader = report.reader_page(page, name="03_framing", notebook_href="../nb/03_framing.ipynb")
    assert '<body class="code-hidden jp-Notebook" x="1">' in reader
    assert 'id="code-toggle"' in reader and "toggleCode()" in reader
    assert '<a href="../nb/03_framing.ipynb">' in reader and '<a href="index.html">' in reader
    assert reader.index('id="reader-style"') < reader.index("</head>")
    with pytest.raises(report.ReportError, match="03_framing"):
        report.reader_page("<p>no page</p>", name="03_framing")


def test_corpus_facts_and_seed_reading():
    documents = pd.DataFrame({"doc_id": list("abcd"), "outlet": ["나", "가", "나", "다"]})
    other = report.corpus_facts(documents, "/somewhere/else")
    assert other.summary(max_names=2) == "4 documents from 3 outlets (나, 가 and 1 more)"
    assert not other.seed and report.corpus_facts(documents, None).seed
    assert "not repeated here" in report.seed_reading(other, "동포투데이 leads.").data
    assert report.seed_reading(report.corpus_facts(documents, paths.SEEDS), "동포투데이 leads.").data == (
        "*In the seed corpus:* 동포투데이 leads.")


def test_another_corpus_needs_an_output_folder(tmp_path):
    with pytest.raises(ValueError, match="output folder"):
        report.run_report(corpus_dir=tmp_path, output_dir=None)


def test_saved_figure_displays_its_png(tmp_path):
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots(figsize=(4, 2))
    ax.plot([0, 1], [0, 1])
    saved = plots.save_figure(figure, "fig99_test", pd.DataFrame({"x": [0.0, 1.0]}), directory=tmp_path)
    data, metadata = saved._repr_png_()
    assert data.startswith(b"\x89PNG") and data == (tmp_path / "fig99_test.png").read_bytes()
    assert metadata == {"width": 400}  # 4 inches at the 100-dpi display size
    assert plt.fignum_exists(figure.number) is False  # closed: no "<Figure size ...>" later
    assert sorted(p.name for p in saved.files().values()) == ["fig99_test.csv", "fig99_test.png", "fig99_test.svg"]
    assert {oct(p.stat().st_mode & 0o777) for p in tmp_path.iterdir()} == {"0o644"}


def test_figure_numbers_and_stems_are_unique_and_match():
    numbers = [entry.number for entry in report.FIGURES]
    assert numbers == list(range(1, len(numbers) + 1))
    for entry in report.FIGURES:
        assert entry.name.startswith(f"fig{entry.number:02d}_")


def test_notebook_sources_save_every_registered_figure_and_show_no_foreign_image():
    sources = {p.stem: p.read_text(encoding="utf-8") for p in report.notebook_sources()}
    for entry in report.FIGURES:
        assert f'"{entry.name}"' in sources[entry.notebook], entry.name
    for name, text in sources.items():
        assert "Image(filename" not in text, f"{name} shows an image file it did not draw"


def test_declared_parameters_reads_the_tagged_cell_only():
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("not_a_parameter = 1"),
        nbformat.v4.new_code_cell('corpus_dir = None\nmodel, output_dir = "hybrid", None',
                                  metadata={"tags": ["parameters"]}),
    ]
    assert report.declared_parameters(notebook) == {"corpus_dir", "model", "output_dir"}
    assert report.declared_parameters(nbformat.v4.new_notebook()) == set()


def test_every_notebook_declares_the_parameters_the_runner_passes():
    import jupytext

    for source in report.notebook_sources():
        declared = report.declared_parameters(jupytext.read(source))
        assert {"corpus_dir", "output_dir"} <= declared, source.name
