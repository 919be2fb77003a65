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
import re
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


# The notebook parameter of an instrument whose name the notebooks use for something
# else (``voices`` is the table of voices there).
NOTEBOOK_PARAMETERS = {"voices": "voices_file"}

# Notebooks that compare with manual coding: for another corpus they run only
# when a manual coding file is given.
NEEDS_MANUAL_CODING = ("04_validation",)


class ReportError(RuntimeError):
    """A notebook failed, or wrote warnings or errors into its output."""


@dataclass(frozen=True)
class CorpusFacts:
    """What the notebooks say about the corpus they report: sizes and names from its metadata.

    Attributes
    ----------
    n_documents, n_outlets : int
    outlets : tuple of str
        Outlet names in corpus order.
    seed : bool
        True when the corpus is the seed study's (``seeds/``); only then do
        the notebooks print the seed study's interpretation.
    """

    n_documents: int
    n_outlets: int
    outlets: tuple[str, ...]
    seed: bool

    def summary(self, *, max_names: int = 8) -> str:
        """``"5 documents from 5 outlets (가, 나, …)"``, at most ``max_names`` names."""
        names = ", ".join(self.outlets[:max_names])
        more = f" and {self.n_outlets - max_names} more" if self.n_outlets > max_names else ""
        documents = "document" if self.n_documents == 1 else "documents"
        outlets = "outlet" if self.n_outlets == 1 else "outlets"
        return f"{self.n_documents} {documents} from {self.n_outlets} {outlets} ({names}{more})"


def is_seed_corpus(corpus_dir: Path | str | None) -> bool:
    """True for the seed corpus (no ``corpus_dir``, or ``seeds/`` itself)."""
    return corpus_dir is None or Path(corpus_dir).resolve() == paths.SEEDS.resolve()


def corpus_facts(documents: pd.DataFrame, corpus_dir: Path | str | None) -> CorpusFacts:
    """Sizes and outlet names of a loaded corpus (``Corpus.documents``).

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["나", "가", "나"]})
    >>> corpus_facts(docs, "/elsewhere").summary()
    '3 documents from 2 outlets (나, 가)'
    """
    outlets = tuple(dict.fromkeys(documents["outlet"]))
    return CorpusFacts(n_documents=len(documents), n_outlets=len(outlets), outlets=outlets,
                       seed=is_seed_corpus(corpus_dir))


def seed_reading(facts: CorpusFacts, text: str):
    """The seed study's interpretation as Markdown, only when the seed corpus is reported.

    For another corpus a one-line note says that the interpretation written
    for the seed texts is not repeated, so that no report carries
    conclusions drawn from other texts.
    """
    from IPython.display import Markdown

    if facts.seed:
        return Markdown(f"*In the seed corpus:* {text.strip()}")
    return Markdown("*The seed study's reading of this result is not repeated here: it was written for other "
                    "texts. Read the numbers above for this corpus.*")


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


def declared_parameters(notebook) -> set[str]:
    """Names assigned in a notebook's cell tagged ``parameters``.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        A notebook (as read by jupytext).

    Returns
    -------
    set of str
        The parameter names; empty when the notebook has no parameters cell.
    """
    import ast

    names: set[str] = set()
    for cell in notebook.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    names.add(node.id)
    return names


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
    # Inject only what the notebook declares: papermill warns ("Passed unknown parameter")
    # about the rest, which reads as a failure in `make report`'s output.
    declared = declared_parameters(notebook)
    parameters = {name: value for name, value in (parameters or {}).items() if name in declared}
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

    text = nbformat.writes(notebook, version=4)
    text = json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    tables.write_text(text, path)


# Reader-facing pages: code cells are folded away (prose, figures and tables
# first); a button shows them again. Without JavaScript the code stays hidden
# and the executed notebook beside the page has it.
READER_STYLE = """<style id="reader-style">
body.code-hidden .jp-CodeCell .jp-Cell-inputWrapper,
body.code-hidden .jp-InputPrompt, body.code-hidden .jp-OutputPrompt {display: none;}
#code-toggle {position: fixed; top: .6rem; right: .8rem; z-index: 10; padding: .3rem .7rem;
  font: 13px sans-serif; border: 1px solid #888; border-radius: 4px; background: #fff; cursor: pointer;}
#report-nav {font: 14px sans-serif; padding: .5rem 1rem; border-bottom: 1px solid #ddd;}
</style>
<script>
function toggleCode() {
  var hidden = document.body.classList.toggle("code-hidden");
  document.getElementById("code-toggle").textContent = hidden ? "show code" : "hide code";
}
</script>
"""


def reader_page(page: str, *, name: str, notebook_href: str | None = None) -> str:
    """Fold the code of an nbconvert HTML page away, with a "show code" toggle and a link to the index."""
    match = re.search(r"<body([^>]*)>", page)
    if match is None or "</head>" not in page:
        raise ReportError(f"{name}: the rendered HTML has no <head> or <body>; cannot add the code toggle")
    attributes = match.group(1)
    if 'class="' in attributes:
        attributes = attributes.replace('class="', 'class="code-hidden ', 1)
    else:
        attributes += ' class="code-hidden"'
    header = (
        f"<body{attributes}>\n"
        '<button id="code-toggle" type="button" onclick="toggleCode()">show code</button>\n'
        f'<nav id="report-nav"><a href="index.html">Report index</a> · '
        f'<a href="{html.escape(notebook_href or f"../notebooks/{name}.ipynb")}">'
        f"executed notebook with code ({html.escape(name)}.ipynb)</a></nav>\n"
    )
    page = page[: match.start()] + header + page[match.end():]
    return page.replace("</head>", READER_STYLE + "</head>", 1)


def render_html(notebook, path: Path, *, notebook_href: str | None = None) -> None:
    """Render an executed notebook to a reader-facing HTML page (nbconvert, code folded away).

    ``notebook_href`` is the link from the page to the executed ``.ipynb``
    (default ``../notebooks/<name>.ipynb``).
    """
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    tables.write_text(reader_page(body, name=path.stem, notebook_href=notebook_href), path)


def notebook_title(notebook) -> str:
    """The first Markdown heading of a notebook."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return ""


CITATION_FILE = paths.ROOT / "CITATION.cff"
KEY_FINDINGS = "key_findings.json"


def citation_text(path: Path = CITATION_FILE, *, commit: str | None = None) -> str:
    """A plain-text reference built from ``CITATION.cff`` (authors, title, version, commit).

    Examples
    --------
    >>> "deepseek-framing" in citation_text(commit="abc1234")
    True
    """
    import yaml

    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ReportError(f"{path}: cannot read the citation file ({error}); restore CITATION.cff") from error
    authors = ", ".join(
        a.get("name") or " ".join(p for p in (a.get("given-names"), a.get("family-names")) if p)
        for a in meta.get("authors", [])
    )
    commit = commit or source_commit()
    return f"{authors}. {meta['title']}. Software, version {meta.get('version', '')}, commit {commit}."


def _figure_cards(outputs: paths.Outputs) -> str:
    """A thumbnail per figure file present, linked to its PNG, SVG and CSV."""
    figures_rel = os.path.relpath(outputs.figures, outputs.reports)
    cards = []
    for f in FIGURES:
        if not (outputs.figures / f"{f.name}.png").exists():
            continue
        base = f"{figures_rel}/{f.name}"
        cards.append(
            '<figure class="card">'
            f'<a href="{html.escape(base)}.png"><img src="{html.escape(base)}.png" alt="{html.escape(f.caption)}" '
            'loading="lazy"></a>'
            f"<figcaption><b>Figure {f.number}.</b> {html.escape(f.caption)}<br>"
            f'<a href="{html.escape(base)}.png">PNG</a> · <a href="{html.escape(base)}.svg">SVG</a> · '
            f'<a href="{html.escape(base)}.csv">CSV</a> · in <a href="{html.escape(f.notebook)}.html">'
            f"{html.escape(f.notebook)}</a> · <code>analysis.plots.{html.escape(f.function)}</code></figcaption>"
            "</figure>"
        )
    return "\n".join(cards)


def _findings(outputs: paths.Outputs) -> str:
    path = outputs.tables / KEY_FINDINGS
    if not path.exists():
        return "<p>The synthesis notebook did not run, so there are no key findings on this page.</p>"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ReportError(f"{path}: not valid JSON ({error}); rerun notebook 06") from error
    items = "\n".join(
        f"<li><b>{html.escape(question)}.</b> {html.escape(text)}</li>"
        for question, text in data.get("questions", {}).items()
    )
    return (f"<p>{html.escape(data.get('corpus', ''))}. Computed by <a href=\"06_synthesis.html\">06_synthesis</a>, "
            f"which shows each finding next to its figure and its agreement with manual coding.</p>\n<ul>\n{items}\n</ul>")


def write_index(entries: list[tuple[str, str]], outputs: paths.Outputs, *, corpus: str) -> Path:
    """Write ``index.html``: key findings, the notebooks, a thumbnail of every figure, how to cite.

    Parameters
    ----------
    entries : list of (str, str)
        ``(notebook name, title)`` of the notebooks rendered.
    outputs : analysis.paths.Outputs
        Where the run wrote; links are relative, so the folder can be moved.
    corpus : str
        How the corpus is named on the page.

    Returns
    -------
    pathlib.Path
    """
    commit = source_commit()
    notebook_rows = "\n".join(
        f'<li><a href="{html.escape(name)}.html">{html.escape(title or name)}</a> '
        f'(<a href="{html.escape(os.path.relpath(outputs.notebooks / (name + ".ipynb"), outputs.reports))}">'
        "notebook with code</a>)</li>"
        for name, title in entries
    )
    # a copy beside the page, so that the link resolves wherever the report folder goes
    tables.write_text(CITATION_FILE.read_text(encoding="utf-8"), outputs.reports / CITATION_FILE.name)
    page = f"""<!DOCTYPE html>
<html lang="ko">
<head><meta charset="utf-8"><title>How Korean media framed DeepSeek — report</title>
<style>body{{font-family:sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
.cards{{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem}}
.card{{margin:0;border:1px solid #ddd;padding:.5rem;font-size:.85rem;overflow-wrap:anywhere}}
.card img{{width:100%;height:11rem;object-fit:contain;background:#fafafa}}
blockquote{{border-left:3px solid #ccc;margin:0;padding:.3rem 1rem;background:#f7f7f7}}</style>
</head>
<body>
<h1>How Korean media framed DeepSeek</h1>
<p>Corpus: <code>{html.escape(corpus)}</code>. Source commit: <code>{html.escape(commit)}</code>.</p>
<h2>Key findings</h2>
{_findings(outputs)}
<h2>Notebooks</h2>
<ol>
{notebook_rows}
</ol>
<h2>Figures</h2>
<div class="cards">
{_figure_cards(outputs)}
</div>
<h2>How to cite</h2>
<blockquote>{html.escape(citation_text(commit=commit))}</blockquote>
<p>The citation metadata is in the repository's <a href="CITATION.cff">CITATION.cff</a>. Cite a figure by its number
and file name, e.g. <code>fig04_frame_prominence</code>, with the source commit above.</p>
</body>
</html>
"""
    return tables.write_text(page, outputs.reports / "index.html")


def run_report(
    *,
    corpus_dir: Path | str | None = None,
    output_dir: Path | str | None = None,
    only: list[str] | None = None,
    manual_coding: Path | str | None = None,
    model: str | Path | None = None,
    codebook: Path | str | None = None,
    targets: Path | str | None = None,
    lexicon: Path | str | None = None,
    tone_rules: Path | str | None = None,
    voices: Path | str | None = None,
    entities: Path | str | None = None,
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
        folder from ``python -m analysis train``. Default: ``hybrid``, or
        ``dictionary`` when another codebook or targets file is given (the
        shipped models were trained on the study's own).
    codebook, targets, lexicon, tone_rules : path-like, optional
        Other instruments for every coding notebook (as for the ``code``
        command): frames, labels and generic frames come from the codebook,
        one stance column and figure panel per target of the targets file.
        Each is read and checked before any notebook runs.
    voices, entities : path-like, optional
        Another voices file (reporting verbs, media, speakers) and your own
        table of speakers' countries (:func:`analysis.voices.read_entity_table`)
        for the voices of notebooks 4 and 5; read and checked first too.
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
    instruments = {"codebook": codebook, "targets": targets, "lexicon": lexicon, "tone_rules": tone_rules,
                   "voices": voices, "entities": entities}
    instruments = {name: Path(value).resolve() for name, value in instruments.items() if value is not None}
    if instruments and output_dir is None:
        raise ValueError("other instruments (--codebook, --targets, --lexicon, --tone-rules, --voices, --entities) "
                         "need an output folder (--out DIR), so that the seed study's results are never overwritten")
    if instruments:
        from analysis.coding import Coder

        # a missing or malformed instrument fails here, naming its file
        Coder(**instruments).voice_tables()
        parameters.update({NOTEBOOK_PARAMETERS.get(name, name): str(value) for name, value in instruments.items()})
        if model is None and ("codebook" in instruments or "targets" in instruments):
            model = "dictionary"
            print("other instruments given: coding with the dictionary alone (--model to choose one)",
                  file=sys.stderr)
    if model is not None:
        from analysis.training import SHIPPED_MODELS, resolve_model

        from analysis.coding import Coder

        # a missing or unreadable model, or one trained on other codes, fails here, before any notebook runs
        Coder(**instruments, model=resolve_model(model))
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
        render_html(notebook, outputs.reports / f"{source.stem}.html",
                    notebook_href=os.path.relpath(target, outputs.reports))
        entries.append((source.stem, notebook_title(notebook)))
        written.append(target)
    if not only:
        write_index(entries, outputs, corpus=str(corpus_dir or "seeds/"))
    return written
