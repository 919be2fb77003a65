"""Running the notebooks and rendering the report.

The notebooks' sources are jupytext ``py:percent`` files
(``notebooks/NN_name.py``): reviewable diffs, no outputs. :func:`run_report`
turns each into a notebook, executes it with papermill (parameters are
injected after the cell tagged ``parameters``), normalizes what would change
between runs (cell ids, execution timestamps, papermill's timing metadata),
writes the executed ``.ipynb`` and renders it to HTML with nbconvert, then
writes ``index.html`` with a figure index. A second run on the same commit
writes the same bytes.

A notebook that prints a warning, writes to stderr or raises fails the run,
naming the notebook and cell: committed outputs stay clean.
"""

from __future__ import annotations

import html
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import paths, plots, tables

KERNEL = "python3"
# Files whose change means the report must be rebuilt; the colophon names the
# last commit that touched them (outputs are committed after their sources).
REPORT_INPUTS = ("analysis", "seeds", "data", "notebooks/*.py", "pyproject.toml", "constraints.txt")
COLOPHON_PACKAGES = (
    "kiwipiepy", "kiwipiepy_model", "pandas", "numpy", "scipy", "scikit-learn", "matplotlib",
    "seaborn", "networkx", "krippendorff", "koreanize-matplotlib", "jupytext", "papermill",
    "nbconvert", "nbval",
)


# The figure registry lives beside the plotting functions.
FigureEntry = plots.FigureEntry
FIGURES = plots.FIGURES


# Notebooks that compare with manual coding: for another corpus they run only
# when a manual coding file is given.
NEEDS_MANUAL_CODING = ("04_validation",)


class ReportError(RuntimeError):
    """A notebook failed, or wrote warnings or errors into its output."""


def notebook_sources(directory: Path | None = None) -> list[Path]:
    """The notebook sources (``NN_name.py``) in run order."""
    directory = directory or paths.NOTEBOOKS
    return sorted(directory.glob("[0-9][0-9]_*.py"))


def _git(*args: str) -> str:
    try:
        result = subprocess.run(
            ["git", *args], cwd=paths.ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return result.stdout.strip()


def source_commit() -> str:
    """The last commit that changed the report's inputs, ``+dirty`` if they have changes.

    Outputs (figures, tables, executed notebooks, HTML) are committed after
    the sources they come from, so this stays the same when only outputs are
    committed, and a rebuild on a fresh clone writes the same bytes.
    """
    commit = _git("log", "-1", "--format=%h", "--", *REPORT_INPUTS) or "unknown"
    dirty = _git("status", "--porcelain", "--", *REPORT_INPUTS)
    return f"{commit}+dirty" if dirty else commit


def colophon() -> pd.DataFrame:
    """Package versions, Python and the source commit, as a two-column table."""
    rows = [("source commit", source_commit()), ("python", platform.python_version())]
    for package in COLOPHON_PACKAGES:
        try:
            rows.append((package, importlib.metadata.version(package)))
        except importlib.metadata.PackageNotFoundError:
            rows.append((package, "not installed"))
    return pd.DataFrame(rows, columns=["item", "version"])


def _normalize(notebook) -> None:
    """Make an executed notebook byte-stable: ids, timing metadata, kernel name."""
    notebook.metadata.pop("papermill", None)
    notebook.metadata.pop("widgets", None)
    notebook.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": KERNEL}
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:03d}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for output in cell.outputs:
                output.get("metadata", {}).pop("execution", None)


def _check_clean_outputs(notebook, name: str) -> None:
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" or (
                output.get("output_type") == "stream" and output.get("name") == "stderr"
            ):
                text = "".join(output.get("text", "")) or output.get("evalue", "")
                raise ReportError(f"{name}, cell {index}: output on stderr or an error: {text[:300]}")


def _kernel_manager_class():
    """A kernel manager without the two lines of noise every run used to print.

    - ``transport = "ipc"``: the kernel talks over local socket files, so
      ipykernel does not warn that TCP traffic is unencrypted.
    - no SIGINT at shutdown: jupyter_client interrupts a kernel before asking
      it to shut down, and an idle ipykernel logs the signal as
      "KeyboardInterrupt caught in kernel". When the notebook has finished
      there is nothing to interrupt, so the shutdown request is sent alone.
    """
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import Unicode

    class QuietKernelManager(AsyncKernelManager):
        transport = Unicode("ipc")

        async def _async_interrupt_kernel(self) -> None:
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

        interrupt_kernel = _async_interrupt_kernel

    return QuietKernelManager


def execute_notebook(source: Path, *, parameters: dict | None = None, workdir: Path | None = None):
    """Read a ``py:percent`` source and execute it with papermill.

    Parameters
    ----------
    source : pathlib.Path
        ``notebooks/NN_name.py``.
    parameters : dict, optional
        Values injected after the ``parameters`` cell (papermill style);
        nothing is injected when empty.
    workdir : pathlib.Path, optional
        Working folder of the kernel (default: the notebook's folder).

    Returns
    -------
    nbformat.NotebookNode
        The executed, normalized notebook.
    """
    import jupytext
    import papermill

    notebook = jupytext.read(source)
    environment = {"MPLBACKEND": "agg", "PYTHONHASHSEED": "0", "PYTHONWARNINGS": "default"}
    previous = {key: os.environ.get(key) for key in environment}
    os.environ.update(environment)
    try:
        executed = papermill.execute_notebook(
            notebook,
            None,
            parameters=parameters or {},
            kernel_name=KERNEL,
            progress_bar=False,
            log_output=False,
            cwd=str(workdir or source.parent),
            kernel_manager_class=_kernel_manager_class(),
        )
    except papermill.PapermillExecutionError as error:
        raise ReportError(f"{source.name}: cell {error.cell_index} failed: {error.evalue}") from error
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    _normalize(executed)
    _check_clean_outputs(executed, source.name)
    return executed


def write_notebook(notebook, path: Path) -> None:
    """Write a notebook with stable formatting (sorted keys, one-space indent)."""
    import nbformat

    path.parent.mkdir(parents=True, exist_ok=True)
    text = nbformat.writes(notebook, version=4)
    text = json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def render_html(notebook, path: Path) -> None:
    """Render an executed notebook to a standalone HTML file (nbconvert)."""
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")


def notebook_title(notebook) -> str:
    """The first Markdown heading of a notebook."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


def write_index(entries: list[tuple[str, str]], outputs: paths.Outputs, *, corpus: str) -> Path:
    """Write ``index.html``: the rendered notebooks and the figure index."""
    figures_rel = os.path.relpath(outputs.figures, outputs.reports)
    notebook_rows = "\n".join(
        f'<li><a href="{html.escape(name)}.html">{html.escape(name)}</a> — {html.escape(title)}</li>'
        for name, title in entries
    )
    ran = {name for name, _ in entries}
    figure_rows = "\n".join(
        "<tr>"
        f"<td>{html.escape(f.name)}</td><td>{html.escape(f.caption)}</td>"
        f'<td><a href="{html.escape(f.notebook)}.html">{html.escape(f.notebook)}</a></td>'
        f"<td><code>analysis.plots.{html.escape(f.function)}</code></td>"
        f'<td><a href="{figures_rel}/{f.name}.png">PNG</a> · <a href="{figures_rel}/{f.name}.svg">SVG</a>'
        f' · <a href="{figures_rel}/{f.name}.csv">CSV</a></td>'
        "</tr>"
        for f in FIGURES
        if f.notebook in ran
    )
    page = f"""<!DOCTYPE html>
<html lang="ko">
<head><meta charset="utf-8"><title>How Korean media framed DeepSeek — report</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.5}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}}</style>
</head>
<body>
<h1>How Korean media framed DeepSeek</h1>
<p>Corpus: <code>{html.escape(corpus)}</code>. Source commit: <code>{html.escape(source_commit())}</code>.</p>
<h2>Notebooks</h2>
<ol>
{notebook_rows}
</ol>
<h2>Figure index</h2>
<table>
<tr><th>figure</th><th>caption</th><th>notebook</th><th>function</th><th>files</th></tr>
{figure_rows}
</table>
</body>
</html>
"""
    path = outputs.reports / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


def run_report(
    *,
    corpus_dir: Path | str | None = None,
    output_dir: Path | str | None = None,
    only: list[str] | None = None,
    manual_coding: Path | str | None = None,
    model: str | Path | None = None,
    progress: bool = True,
) -> list[Path]:
    """Execute every notebook, write figures/tables, executed notebooks and HTML.

    Parameters
    ----------
    corpus_dir : path-like, optional
        Another corpus (folder, or CSV/XLSX file); default the seed corpus.
    output_dir : path-like, optional
        Where everything the run writes goes (``figures/``, ``tables/``,
        ``notebooks/``, ``reports/`` below it), for any corpus. Required with ``corpus_dir``
        so that the seed study's files are never overwritten.
    only : list of str, optional
        Run only notebooks whose name starts with one of these (e.g. ``["01"]``).
    manual_coding : path-like, optional
        Manual coding of another corpus's sentences (format of
        ``data/manual_coding.csv``); without it, the validation notebook is
        skipped for another corpus.
    model : str or path-like, optional
        The coder of the coding notebooks: a shipped model's name (``hybrid``,
        the notebooks' default, or ``supervised``), ``dictionary``, or a model
        folder from ``python -m analysis train``.
    progress : bool, default True
        Show a progress bar on stderr.

    Returns
    -------
    list of pathlib.Path
        The executed notebooks written.
    """
    from tqdm.auto import tqdm

    if corpus_dir is not None and output_dir is None:
        raise ValueError("a study of another corpus needs an output folder (--out DIR)")
    outputs = paths.outputs(output_dir)
    parameters = {}
    if corpus_dir is not None:
        parameters["corpus_dir"] = str(Path(corpus_dir).resolve())
    if output_dir is not None:
        # Everything the run writes goes below --out, also for the seed corpus.
        parameters["output_dir"] = str(Path(output_dir).resolve())
    if manual_coding is not None:
        parameters["manual_coding"] = str(Path(manual_coding).resolve())
    if model is not None:
        from analysis.training import SHIPPED_MODELS, resolve_model

        resolve_model(model)  # a missing or unreadable model fails here, before any notebook runs
        is_folder = str(model) not in (*SHIPPED_MODELS, "dictionary")
        parameters["model"] = str(Path(model).resolve()) if is_folder else str(model)
    sources = [s for s in notebook_sources() if not only or s.name.startswith(tuple(only))]
    if corpus_dir is not None and manual_coding is None:
        sources = [s for s in sources if s.stem not in NEEDS_MANUAL_CODING]
    if not sources:
        raise ValueError(f"no notebook sources matched {only} in {paths.NOTEBOOKS}")
    written, entries = [], []
    bar = tqdm(sources, desc="notebooks", unit="nb", disable=not progress, file=sys.stderr)
    for source in bar:
        bar.set_postfix_str(source.stem)
        notebook = execute_notebook(source, parameters=parameters)
        target = outputs.notebooks / f"{source.stem}.ipynb"
        write_notebook(notebook, target)
        render_html(notebook, outputs.reports / f"{source.stem}.html")
        entries.append((source.stem, notebook_title(notebook)))
        written.append(target)
    if not only:
        write_index(entries, outputs, corpus=str(corpus_dir or "seeds/"))
    return written
