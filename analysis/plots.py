"""One function per figure, and one helper that saves them.

``plots`` draws tables it is given; it computes nothing. Every ``plot_*``
function takes the table behind the figure and returns a matplotlib
``Figure``; :func:`save_figure` writes it as PNG (300 dpi) and SVG together
with that table as CSV, with stable bytes (no timestamps, fixed SVG hash
salt), so a re-run leaves ``git diff figures/`` empty.

Korean text is rendered with NanumGothic, which the ``koreanize-matplotlib``
package ships; the font file is registered directly (the package's own import
hook relies on ``distutils``, which newer Pythons lack).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.ticker  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from analysis import paths, tables  # noqa: E402

KOREAN_FONT = "NanumGothic"
DPI = 300
# No figure grows beyond this (inches; 4800 × 4200 px at 300 dpi), however many
# outlets, terms or frames it shows: rows get thinner instead. Long outlet
# lists are folded into the largest N plus "기타" before plotting
# (analysis.summaries.fold_outlets, the notebooks' ``top_outlets`` option).
MAX_FIGURE_WIDTH = 16.0
MAX_FIGURE_HEIGHT = 14.0


def capped_size(width: float, height: float) -> tuple[float, float]:
    """``(width, height)`` in inches, each capped at :data:`MAX_FIGURE_WIDTH` / :data:`MAX_FIGURE_HEIGHT`.

    Examples
    --------
    >>> capped_size(9, 40)
    (9, 14.0)
    """
    return min(width, MAX_FIGURE_WIDTH), min(height, MAX_FIGURE_HEIGHT)


def _nanum_font_files() -> list[Path]:
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "koreanize-matplotlib is not installed; it provides the NanumGothic font "
            "used for Korean labels (pip install koreanize-matplotlib)."
        )
    font_dir = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    files = sorted(font_dir.rglob("*.ttf"))
    if not files:
        raise RuntimeError(f"no NanumGothic .ttf files found in {font_dir}")
    return files


def use_study_style() -> None:
    """Set the seaborn theme, then the Korean font (``set_theme`` resets fonts).

    NanumGothic has no U+2212 minus sign, so ``axes.unicode_minus`` is off.
    """
    registered = {f.fname for f in font_manager.fontManager.ttflist}
    for font_file in _nanum_font_files():
        if str(font_file) not in registered:
            font_manager.fontManager.addfont(str(font_file))
    sns.set_theme(style="whitegrid", context="notebook")
    matplotlib.rcParams.update(
        {
            "font.family": KOREAN_FONT,
            "axes.unicode_minus": False,
            "svg.hashsalt": "deepseek-framing",
            "svg.fonttype": "path",
            "figure.dpi": 100,
            "savefig.dpi": DPI,
            "savefig.bbox": "tight",
            # constrained layout keeps titles, legends and labels outside the axes at any size
            "figure.constrained_layout.use": True,
        }
    )


@dataclass(frozen=True)
class FigureEntry:
    """One figure of the study: its number, file stem, caption, notebook and plotting function."""

    number: int
    name: str
    caption: str
    notebook: str
    function: str


# Every figure of the report, by number. A stem never changes once published.
FIGURES = (
    FigureEntry(1, "fig01_corpus_overview", "Corpus overview: article length and removed page chrome",
                "01_corpus", "plot_corpus_overview"),
    FigureEntry(2, "fig02_distinctive_terms", "Distinctive terms per outlet (keyness against the other outlets)",
                "02_vocabulary", "plot_distinctive_terms"),
    FigureEntry(3, "fig03_outlet_similarity", "Similarity of the outlets' vocabularies (cosine over TF-IDF)",
                "02_vocabulary", "plot_similarity_heatmap"),
    FigureEntry(4, "fig04_frame_prominence", "Frame prominence: outlets × frames",
                "03_framing", "plot_frame_prominence"),
    FigureEntry(5, "fig05_frame_position", "Frame position from lead to end",
                "03_framing", "plot_frame_position"),
    FigureEntry(6, "fig06_tone_by_outlet", "Tone per outlet with bootstrap intervals",
                "05_tone_and_voices", "plot_tone_by_outlet"),
    FigureEntry(7, "fig07_stance_by_outlet", "Stance toward China, the US and Korea per outlet",
                "05_tone_and_voices", "plot_stance_by_outlet"),
    FigureEntry(8, "fig08_voices_by_country", "Voices per outlet: who is quoted, by country",
                "05_tone_and_voices", "plot_voices_by_country"),
    FigureEntry(9, "fig09_cooccurrence_network", "Co-occurrence network of key terms (연관어)",
                "02_vocabulary", "plot_cooccurrence_network"),
    FigureEntry(10, "fig10_validation_agreement",
                "Validation: dictionary, supervised and hybrid coders against the manual coding",
                "04_validation", "plot_coder_comparison"),
    FigureEntry(11, "fig11_frame_cooccurrence", "Frames coded in the same sentence",
                "03_framing", "plot_frame_cooccurrence"),
    FigureEntry(12, "fig12_frames_by_week", "Frames per week, overall and per outlet group (corpora spanning 3+ weeks)",
                "07_time", "plot_frames_by_week"),
    FigureEntry(13, "fig13_tone_by_week", "Tone per week, overall and per outlet group (corpora spanning 3+ weeks)",
                "07_time", "plot_tone_by_week"),
    FigureEntry(14, "fig14_learning_curve", "Learning curve: training units against held-out agreement",
                "04_validation", "plot_learning_curve"),
)


# Width at which a saved figure is shown in a notebook (pixels of a 100-dpi
# rendering), and the most it may take on a page.
DISPLAY_DPI = 100
MAX_DISPLAY_WIDTH = 1100


@dataclass(frozen=True)
class SavedFigure:
    """The files of one saved figure; shown inline as its PNG in a notebook.

    A notebook cell that ends with :func:`save_figure` displays the figure
    exactly as written to ``figures/`` (IPython calls :meth:`_repr_png_`),
    never matplotlib's ``<Figure size ...>`` placeholder, and never an image
    another notebook wrote.

    Attributes
    ----------
    name : str
        The file stem, e.g. ``"fig04_frame_prominence"``.
    png, svg, csv : pathlib.Path
        The files written.
    width : int
        Display width in pixels.
    """

    name: str
    png: Path
    svg: Path
    csv: Path
    width: int

    def files(self) -> dict[str, Path]:
        """``{"png": path, "svg": path, "csv": path}``."""
        return {"png": self.png, "svg": self.svg, "csv": self.csv}

    def __getitem__(self, kind: str) -> Path:
        return self.files()[kind]

    def _repr_png_(self):
        return self.png.read_bytes(), {"width": self.width}

    def __repr__(self) -> str:
        return f"SavedFigure({self.name}: {self.png.name}, {self.svg.name}, {self.csv.name})"


def save_figure(
    fig: matplotlib.figure.Figure,
    name: str,
    table: pd.DataFrame,
    *,
    directory: Path | None = None,
) -> SavedFigure:
    """Write ``fig`` as ``<name>.png`` (300 dpi) and ``<name>.svg``, and ``table`` as ``<name>.csv``.

    The figure is closed afterwards; the returned object shows the PNG when
    it ends a notebook cell.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to save.
    name : str
        Stable file stem, e.g. ``"fig01_corpus_overview"``.
    table : pandas.DataFrame
        The data behind the figure; written by :func:`analysis.tables.write_csv`
        (floats rounded, UTF-8 with BOM so that spreadsheet programs open the
        Korean text correctly).
    directory : pathlib.Path, optional
        Output folder; default ``figures/`` of the project.

    Returns
    -------
    SavedFigure
        The three paths (also as ``saved["png"]`` ...), displayable inline.
    """
    out = Path(directory) if directory is not None else paths.FIGURES
    saved = SavedFigure(
        name=name, png=out / f"{name}.png", svg=out / f"{name}.svg", csv=out / f"{name}.csv",
        width=min(MAX_DISPLAY_WIDTH, round(fig.get_figwidth() * DISPLAY_DPI)),
    )
    with tables.atomic_path(saved.png) as temporary:
        fig.savefig(temporary, format="png", dpi=DPI, metadata={"Software": None})
    with tables.atomic_path(saved.svg) as temporary:
        fig.savefig(temporary, format="svg", metadata={"Date": None, "Creator": None})
    tables.write_csv(table, saved.csv)
    plt.close(fig)
    return saved


# ---------------------------------------------------------------------------
# Figure 1: corpus overview (notebook 01_corpus)
# ---------------------------------------------------------------------------


def plot_corpus_overview(overview: pd.DataFrame) -> matplotlib.figure.Figure:
    """Figure 1: article length per outlet, and how much page chrome was removed.

    Parameters
    ----------
    overview : pandas.DataFrame
        From :func:`analysis.summaries.corpus_overview` (``outlet, sentences,
        tokens, article_chars, chrome_chars``), one row per document.

    Returns
    -------
    matplotlib.figure.Figure
        Three panels: sentences, tokens, and characters kept vs removed.
    """
    use_study_style()
    fig, axes = plt.subplots(1, 3, figsize=capped_size(12, 0.6 * len(overview) + 1.8), sharey=True)
    labels = overview["outlet"].tolist()
    positions = range(len(labels))
    for ax, column, title in (
        (axes[0], "sentences", "문장 수 (sentences)"),
        (axes[1], "tokens", "형태소 수 (tokens)"),
    ):
        ax.barh(positions, overview[column], color="#4C72B0")
        for y, value in zip(positions, overview[column]):
            ax.text(value, y, f" {value:,}", va="center", fontsize=9)
        ax.set_title(title, fontsize=11)
        ax.margins(x=0.2)
    axes[2].barh(positions, overview["article_chars"], color="#4C72B0", label="기사 본문 (kept)")
    axes[2].barh(
        positions, overview["chrome_chars"], left=overview["article_chars"],
        color="#C44E52", label="페이지 크롬 (removed)",
    )
    for y, row in zip(positions, overview.itertuples()):
        share = row.chrome_chars / max(row.article_chars + row.chrome_chars, 1)
        axes[2].text(row.article_chars + row.chrome_chars, y, f" {share:.0%}", va="center", fontsize=9)
    axes[2].set_title("글자 수: 본문 vs 제거된 크롬", fontsize=11)
    axes[2].legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)
    axes[2].margins(x=0.15)
    axes[0].set_yticks(list(positions), labels)
    axes[0].invert_yaxis()
    fig.suptitle("그림 1. 코퍼스 개요: 매체별 본문 길이와 제거된 페이지 요소", fontsize=12)
    return fig



# ---------------------------------------------------------------------------
# Figure 2: distinctive terms per outlet (notebook 02_vocabulary)
# ---------------------------------------------------------------------------

SCORE_LABELS = {
    "g2": "G² (로그우도비, 다른 매체 대비)",
    "chi2": "χ² (다른 매체 대비)",
    "tfidf": "TF-IDF",
    "count": "빈도",
}


def plot_distinctive_terms(
    top: pd.DataFrame, *, score: str = "g2", ncols: int = 3, title: str | None = None
) -> matplotlib.figure.Figure:
    """Figure 2: each outlet's most distinctive terms, one panel per outlet.

    Parameters
    ----------
    top : pandas.DataFrame
        Columns ``outlet, term`` and ``score``, already cut to the terms to
        show and ordered within each outlet (``analysis.vocabulary.top_terms``);
        panels follow the order of the outlets in the table.
    score : str
        The column drawn as bars (``"g2"``, ``"chi2"``, ``"tfidf"``, ``"count"``).
    ncols : int
        Panels per row.
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
        Horizontal bars with the score printed at the end of each bar; all
        panels share one x scale so outlets compare.
    """
    outlets = list(pd.unique(top["outlet"]))
    if not outlets:
        raise ValueError("the table of top terms is empty")
    ncols = min(ncols, len(outlets))
    nrows = -(-len(outlets) // ncols)
    most_terms = int(top.groupby("outlet").size().max())
    fig, axes = plt.subplots(
        nrows, ncols, figsize=capped_size(4.4 * ncols, (0.3 * most_terms + 1.1) * nrows), squeeze=False
    )
    x_max = float(top[score].max()) * 1.3
    color = sns.color_palette("colorblind")[0]
    for ax, outlet in zip(axes.flat, outlets):
        rows = top[top["outlet"] == outlet]
        y = list(range(len(rows)))
        ax.barh(y, rows[score], color=color)
        ax.set_yticks(y, rows["term"])
        ax.set_ylim(most_terms - 0.5, -0.5)
        for y_pos, value in zip(y, rows[score]):
            ax.text(value, y_pos, f" {value:.2f}" if value < 10 else f" {value:.1f}", va="center", fontsize=8)
        ax.set_xlim(0, x_max)
        ax.set_title(outlet, fontsize=12)
        ax.set_xlabel(SCORE_LABELS.get(score, score), fontsize=9)
        ax.grid(axis="y", visible=False)
    for ax in list(axes.flat)[len(outlets):]:
        ax.set_axis_off()
    fig.suptitle(title or "그림 2. 매체별 특징어: 다른 매체 전체와 비교한 키니스 (keyness)", fontsize=13)
    return fig


# ---------------------------------------------------------------------------
# Figure 3: similarity of the outlets' vocabularies (notebook 02_vocabulary)
# ---------------------------------------------------------------------------


def plot_similarity_heatmap(sim: pd.DataFrame, *, title: str | None = None) -> matplotlib.figure.Figure:
    """Figure 3: cosine similarity of outlets as an annotated heatmap.

    Parameters
    ----------
    sim : pandas.DataFrame
        Square outlet × outlet table (``analysis.vocabulary.similarity``),
        values between 0 and 1.
    title : str, optional
        Figure title (default: the study's numbered title).

    Returns
    -------
    matplotlib.figure.Figure
    """
    size = 1.2 + 1.1 * len(sim)
    fig, ax = plt.subplots(figsize=capped_size(size + 1.2, size))
    sns.heatmap(
        sim,
        annot=True,
        fmt=".2f",
        vmin=0,
        vmax=1,
        cmap="Blues",
        square=True,
        linewidths=0.5,
        cbar_kws={"label": "코사인 유사도 (TF-IDF)"},
        ax=ax,
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="x", rotation=30)
    ax.tick_params(axis="y", rotation=0)
    fig.suptitle(title or "그림 3. 매체 간 어휘 유사도 (TF-IDF 코사인)", fontsize=12)
    return fig


# ---------------------------------------------------------------------------
# Figure 9: co-occurrence network of key terms, 연관어 (notebook 02_vocabulary)
# ---------------------------------------------------------------------------


def plot_cooccurrence_network(
    edges: pd.DataFrame, positions: pd.DataFrame, *, title: str | None = None
) -> matplotlib.figure.Figure:
    """Figure 9: terms that appear in the same sentences, drawn as a network.

    Parameters
    ----------
    edges : pandas.DataFrame
        Columns ``term_a, term_b, weight`` (``analysis.vocabulary.graph_edges``);
        line width grows with ``weight``.
    positions : pandas.DataFrame
        Columns ``term, x, y, n`` (``analysis.vocabulary.graph_layout``);
        node area grows with ``n``, the number of sentences with the term.
    title : str, optional
        Figure title (default: the study's numbered title).

    Returns
    -------
    matplotlib.figure.Figure
    """
    at = positions.set_index("term")
    missing = sorted((set(edges["term_a"]) | set(edges["term_b"])) - set(at.index))
    if missing:
        raise ValueError(f"edge terms without a position: {missing[:5]}")
    fig, ax = plt.subplots(figsize=(10, 8.5))
    low, high = float(edges["weight"].min()), float(edges["weight"].max())
    span = high - low if high > low else 1.0
    for edge in edges.itertuples(index=False):
        a, b = at.loc[edge.term_a], at.loc[edge.term_b]
        ax.plot(
            [a["x"], b["x"]],
            [a["y"], b["y"]],
            color="0.55",
            linewidth=0.6 + 4.0 * (edge.weight - low) / span,
            alpha=0.6,
            zorder=1,
        )
    area = 250 + 2250 * at["n"] / at["n"].max()
    ax.scatter(at["x"], at["y"], s=area, color=sns.color_palette("colorblind")[0], alpha=0.35,
               edgecolors="white", zorder=2)
    for term, node in at.iterrows():
        ax.text(node["x"], node["y"], term, ha="center", va="center", fontsize=10, zorder=3)
    ax.set_axis_off()
    ax.margins(0.08)
    fig.suptitle(title or "그림 9. 핵심어 동시 출현 네트워크 (연관어, 같은 문장)", fontsize=12)
    return fig


# ---------------------------------------------------------------------------
# Figures 4, 5 and 11: frame prominence, position, co-occurrence (notebook 03_framing)
# ---------------------------------------------------------------------------


def plot_frame_prominence(
    prominence: pd.DataFrame, *, by: str = "outlet", title: str | None = None
) -> matplotlib.figure.Figure:
    """Figure 4: share of sentences carrying each frame, outlets × frames.

    Parameters
    ----------
    prominence : pandas.DataFrame
        From :func:`analysis.summaries.frame_prominence`: ``<by>, frame, label,
        n_sentences, n_coded, share``; columns follow the order of the labels
        in the table (codebook order). An optional ``source`` column (e.g.
        ``자동``/``수작업``) draws one panel per source, side by side.
    by : str
        The row column (default ``"outlet"``).
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
        Annotated heatmap: percentage of sentences, with the count below.
    """
    if prominence.empty:
        raise ValueError("the frame prominence table is empty")
    use_study_style()
    sources = list(pd.unique(prominence["source"])) if "source" in prominence else [None]
    labels = list(pd.unique(prominence["label"]))
    rows = list(pd.unique(prominence[by]))
    fig, axes = plt.subplots(
        1, len(sources), figsize=capped_size(1.0 * len(labels) * len(sources) + 3.0, 0.55 * len(rows) + 2.6),
        squeeze=False, sharey=True,
    )
    for ax, source in zip(axes.flat, sources):
        part = prominence if source is None else prominence[prominence["source"] == source]
        share = part.pivot(index=by, columns="label", values="share").reindex(index=rows, columns=labels)
        count = part.pivot(index=by, columns="label", values="n_coded").reindex(index=rows, columns=labels)
        notes = share.map(lambda v: "" if pd.isna(v) else f"{v:.0%}") + count.map(
            lambda v: "" if pd.isna(v) else f"\n({int(v)})"
        )
        sns.heatmap(
            share, annot=notes, fmt="", vmin=0, vmax=max(float(prominence["share"].max()), 0.01),
            cmap="Blues", linewidths=0.5, cbar=source == sources[-1],
            cbar_kws={"label": "문장 비율 (share of sentences)"}, annot_kws={"fontsize": 8}, ax=ax,
        )
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.tick_params(axis="x", rotation=40)
        ax.tick_params(axis="y", rotation=0)
        for tick in ax.get_xticklabels():
            tick.set_horizontalalignment("right")
        if source is not None:
            ax.set_title(str(source), fontsize=11)
    fig.suptitle(title or "그림 4. 매체별 프레임 비중 (본문 문장 중 프레임이 코딩된 비율)", fontsize=12)
    return fig


def plot_frame_position(
    positions: pd.DataFrame,
    *,
    labels: list[str] | None = None,
    by: str = "outlet",
    title: str | None = None,
) -> matplotlib.figure.Figure:
    """Figure 5: where in each text each frame appears, from the lead (0) to the end (1).

    Parameters
    ----------
    positions : pandas.DataFrame
        From :func:`analysis.summaries.frame_positions`: ``<by>, doc_id,
        sent_id, role, position, frame, label``, one row per coded
        (sentence, frame).
    labels : list of str, optional
        Frame labels for the y axis, top to bottom (pass all codebook labels
        so that frames never coded still get a row); default the labels in
        the table, in order of first appearance.
    by : str
        One panel per value of this column (default ``"outlet"``).
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per outlet; a tick per coded sentence at its relative
        position; title and sub-heading sentences drawn as open diamonds.
    """
    if positions.empty:
        raise ValueError("the frame position table is empty: no sentence carries a frame")
    use_study_style()
    labels = labels or list(pd.unique(positions["label"]))
    unknown = sorted(set(positions["label"]) - set(labels))
    if unknown:
        raise ValueError(f"labels {unknown} are in the table but not in labels=")
    groups = list(pd.unique(positions[by]))
    colors = dict(zip(labels, sns.color_palette("colorblind", len(labels))))
    ncols = 1 if len(groups) <= 4 else 2
    nrows = -(-len(groups) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=capped_size(9 * ncols, (0.32 * len(labels) + 0.9) * nrows + 0.8),
        squeeze=False, sharex=True,
    )
    row_of = {label: i for i, label in enumerate(labels)}
    for ax, group in zip(axes.flat, groups):
        part = positions[positions[by] == group]
        body = part[part["role"] == "body"] if "role" in part else part
        heads = part[part["role"] != "body"] if "role" in part else part.iloc[0:0]
        ax.scatter(body["position"], body["label"].map(row_of), marker="|", s=260, linewidths=2.2,
                   c=[colors[label] for label in body["label"]])
        if len(heads):
            ax.scatter(heads["position"], heads["label"].map(row_of), marker="D", s=40,
                       facecolors="none", edgecolors=[colors[label] for label in heads["label"]])
        ax.set_yticks(range(len(labels)), labels, fontsize=9)
        ax.set_ylim(len(labels) - 0.5, -0.5)
        ax.set_xlim(-0.03, 1.03)
        ax.set_title(str(group), fontsize=11, loc="left")
        ax.grid(axis="y", visible=False)
    for ax in list(axes.flat)[len(groups):]:
        ax.set_axis_off()
    fig.supxlabel("문서 내 상대 위치 (0 = 제목·리드, 1 = 끝);  | 본문 문장, ◇ 제목·소제목", fontsize=10)
    fig.suptitle(title or "그림 5. 프레임의 위치: 기사 앞부분에서 끝까지", fontsize=12)
    return fig


def plot_frame_cooccurrence(
    cooccurrence: pd.DataFrame, *, value: str = "n_both", title: str | None = None
) -> matplotlib.figure.Figure:
    """Figure 11: frames coded in the same sentence, as an annotated frames × frames heatmap.

    Parameters
    ----------
    cooccurrence : pandas.DataFrame
        From :func:`analysis.summaries.frame_cooccurrence` (``label_a,
        label_b, n_both, jaccard, ...``), in codebook order.
    value : str
        ``"n_both"`` (number of sentences; the diagonal is each frame's
        count) or ``"jaccard"``.
    title : str, optional
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if value not in ("n_both", "jaccard"):
        raise ValueError(f"value must be 'n_both' or 'jaccard', got {value!r}")
    use_study_style()
    labels = list(pd.unique(cooccurrence["label_a"]))
    square = cooccurrence.pivot(index="label_a", columns="label_b", values=value).reindex(
        index=labels, columns=labels
    )
    size = 1.5 + 0.85 * len(labels)
    fig, ax = plt.subplots(figsize=capped_size(size + 1.5, size))
    sns.heatmap(
        square, annot=True, fmt="d" if value == "n_both" else ".2f", cmap="Purples", square=True,
        linewidths=0.5, ax=ax,
        cbar_kws={"label": "함께 코딩된 문장 수" if value == "n_both" else "자카드 계수 (Jaccard)"},
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(axis="x", rotation=40)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
    fig.suptitle(title or "그림 11. 프레임 동시 출현 (같은 문장에 함께 코딩된 프레임)", fontsize=12)
    return fig


# The study's figure numbers, for readers who look a figure up by its number.
fig04_frame_prominence = plot_frame_prominence
fig05_frame_position = plot_frame_position
fig11_frame_cooccurrence = plot_frame_cooccurrence


# ---------------------------------------------------------------------------
# Benchmark plot (make bench; not a report figure)
# ---------------------------------------------------------------------------


def plot_benchmark(results: pd.DataFrame, *, stages, target_ratio: float = 0.9) -> matplotlib.figure.Figure:
    """Wall time per stage, peak memory and tokenization throughput against corpus size.

    Parameters
    ----------
    results : pandas.DataFrame
        From :func:`analysis.bench.run_benchmark`: ``articles``,
        ``<stage>_seconds``, ``total_seconds``, ``peak_rss_mb`` and
        ``tokenize_vs_kiwi`` with its quartiles ``tokenize_vs_kiwi_q1``,
        ``tokenize_vs_kiwi_q3``.
    stages : sequence of str
        Stage names, in pipeline order.
    target_ratio : float
        Drawn as a reference line on the throughput panel.
    """
    use_study_style()
    fig, (time_ax, memory_ax, ratio_ax) = plt.subplots(
        1, 3, figsize=(15, 4.2), gridspec_kw={"width_ratios": [3, 2, 2]}, layout="tight"
    )
    for stage in stages:
        time_ax.plot(results["articles"], results[f"{stage}_seconds"], marker="o", label=stage)
    time_ax.plot(results["articles"], results["total_seconds"], marker="o", color="black", label="total")
    low, high = results["articles"].min(), results["articles"].max()
    base = results["total_seconds"].iloc[0]
    time_ax.plot([low, high], [base, base * high / low], linestyle="--", color="grey", label="linear growth")
    time_ax.set(xscale="log", yscale="log", xlabel="기사 수 (articles)", ylabel="초 (seconds)",
                title="단계별 소요 시간")
    time_ax.legend(fontsize=8)
    memory_ax.plot(results["articles"], results["peak_rss_mb"], marker="o", color="#C44E52")
    memory_ax.set(xscale="log", xlabel="기사 수 (articles)", ylabel="MB", title="최대 메모리 (peak RSS)")
    # from zero, so that flat memory looks flat
    memory_ax.set_ylim(0, float(results["peak_rss_mb"].max()) * 1.15)
    ratio = results["tokenize_vs_kiwi"]
    spread = [ratio - results["tokenize_vs_kiwi_q1"], results["tokenize_vs_kiwi_q3"] - ratio]
    ratio_ax.errorbar(results["articles"], ratio, yerr=spread, marker="o", capsize=4, color="#4C72B0",
                      label="median, quartiles")
    ratio_ax.axhline(target_ratio, linestyle="--", color="grey", label=f"target {target_ratio:g}")
    ratio_ax.set(xscale="log", xlabel="기사 수 (articles)", ylabel="kiwipiepy 대비 처리량 (ratio)",
                 title="형태소 분석 처리량 비율")
    ratio_ax.set_ylim(0, max(1.2, float(results["tokenize_vs_kiwi_q3"].max()) + 0.05))
    ratio_ax.legend(fontsize=8, loc="lower right")
    for ax in (time_ax, memory_ax, ratio_ax):
        ax.set_xticks(list(results["articles"]))
    for axis in (time_ax.xaxis, time_ax.yaxis, memory_ax.xaxis, ratio_ax.xaxis):
        # plain numbers: the default log labels use a minus sign NanumGothic lacks
        axis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
        axis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    return fig


# ---------------------------------------------------------------------------
# Figure 10: validation, agreement with manual coding (notebook 04_validation)
# ---------------------------------------------------------------------------


def plot_validation_agreement(agreement_long: pd.DataFrame, shares: pd.DataFrame) -> matplotlib.figure.Figure:
    """Figure 10: per-code agreement with the manual coding, and coded shares side by side.

    Parameters
    ----------
    agreement_long : pandas.DataFrame
        From :func:`analysis.validation.agreement_for_figure`: ``label,
        comparison, measure, value``.
    shares : pandas.DataFrame
        ``label, source, share``: share of sentences with each binary code in
        the automated and in the manual coding (so the reader sees where the
        automated result differs from the manual one).
    """
    use_study_style()
    labels = list(dict.fromkeys(agreement_long["label"]))
    fig, (left, right) = plt.subplots(
        1, 2, figsize=capped_size(13, 0.42 * len(labels) + 2.2), gridspec_kw={"width_ratios": [3, 2]}
    )
    series = (
        agreement_long.assign(series=agreement_long["measure"] + " · " + agreement_long["comparison"])
        .pivot_table(index="label", columns="series", values="value", sort=False)
        .reindex(labels)
    )
    colors = ["#4C72B0", "#55A868", "#C44E52", "#8172B2"]
    height = 0.8 / max(len(series.columns), 1)
    for offset, (column, color) in enumerate(zip(series.columns, colors)):
        positions = [i + offset * height for i in range(len(labels))]
        left.barh(positions, series[column].fillna(0), height=height, color=color, label=column)
        for y, value in zip(positions, series[column]):
            text = "n/a" if pd.isna(value) else f"{value:.2f}"
            left.text(max(value, 0) if not pd.isna(value) else 0, y, f" {text}", va="center", fontsize=7)
    left.set_yticks([i + height * (len(series.columns) - 1) / 2 for i in range(len(labels))], labels)
    left.invert_yaxis()
    left.axvline(0.667, color="grey", linestyle=":", linewidth=1)
    left.axvline(0.8, color="grey", linestyle="--", linewidth=1)
    left.set_xlim(min(0, float(agreement_long["value"].min(skipna=True) or 0)) - 0.05, 1.12)
    left.set_xlabel("점수 (F1, Krippendorff's α); 점선 α = 0.667 / 0.8")
    left.set_title("코드별 일치도", fontsize=11)
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)
    share_labels = list(dict.fromkeys(shares["label"]))
    wide = shares.pivot_table(index="label", columns="source", values="share", sort=False).reindex(share_labels)
    for offset, (column, color) in enumerate(zip(wide.columns, ["#4C72B0", "#DD8452"])):
        positions = [i + offset * 0.4 for i in range(len(share_labels))]
        right.barh(positions, wide[column], height=0.4, color=color, label=column)
    right.set_yticks([i + 0.2 for i in range(len(share_labels))], share_labels)
    right.invert_yaxis()
    right.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    right.set_title("문장 비율: 자동 vs 수동", fontsize=11)
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize=8, frameon=False)
    fig.suptitle("그림 10. 자동 코딩의 타당도: 수동 코딩과의 일치", fontsize=12)
    return fig


CODER_COLORS = ("#4C72B0", "#DD8452", "#55A868", "#8172B2")


def plot_coder_comparison(
    comparison: pd.DataFrame, shares: pd.DataFrame, human: pd.DataFrame | None = None
) -> matplotlib.figure.Figure:
    """Figure 10: the coders side by side against the manual coding, and the shares they code.

    Parameters
    ----------
    comparison : pandas.DataFrame
        From :func:`analysis.validation.compare_coders` with a ``label``
        column: ``coder, code, label, f1, f1_low, f1_high, alpha, alpha_low,
        alpha_high`` (coders drawn in their order of appearance).
    shares : pandas.DataFrame
        ``label, source, share``: share of sentences with each binary code,
        per coder and in the manual coding.
    human : pandas.DataFrame, optional
        ``label, alpha``: the two human coders' alpha, drawn as a grey mark.
    """
    use_study_style()
    table = comparison[comparison["code"] != "frames (macro)"]
    labels = list(dict.fromkeys(table["label"]))
    coders = list(dict.fromkeys(table["coder"]))
    height = 0.8 / max(len(coders), 1)
    fig, axes = plt.subplots(1, 3, figsize=(16, 0.45 * len(labels) + 2.6), sharey=False,
                             gridspec_kw={"width_ratios": [2, 2, 2]})
    for ax, measure, title in ((axes[0], "f1", "F1 (95% 부트스트랩 구간)"), (axes[1], "alpha", "Krippendorff's α (95% 구간)")):
        for k, (coder, color) in enumerate(zip(coders, CODER_COLORS)):
            part = table[table["coder"] == coder].set_index("label").reindex(labels)
            y = np.arange(len(labels)) + (k - (len(coders) - 1) / 2) * height
            value = part[measure].to_numpy(dtype=float)
            low = np.clip(value - part[f"{measure}_low"].to_numpy(dtype=float), 0, None)
            high = np.clip(part[f"{measure}_high"].to_numpy(dtype=float) - value, 0, None)
            ax.errorbar(value, y, xerr=[np.nan_to_num(low), np.nan_to_num(high)], fmt="o", color=color,
                        markersize=4, capsize=2, linewidth=1, label=coder)
        if measure == "alpha" and human is not None:
            marks = human.set_index("label").reindex(labels)["alpha"].to_numpy(dtype=float)
            ax.scatter(marks, np.arange(len(labels)), marker="|", s=160, color="#555555", zorder=3,
                       label="사람–사람 α")
            ax.axvline(0.667, color="grey", linestyle=":", linewidth=1)
            ax.axvline(0.8, color="grey", linestyle="--", linewidth=1)
        ax.set_yticks(np.arange(len(labels)), labels if ax is axes[0] else [""] * len(labels))
        ax.invert_yaxis()
        ax.set_xlim(-0.25 if measure == "alpha" else 0, 1.02)
        ax.set_title(title, fontsize=11)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    handles, names = axes[1].get_legend_handles_labels()
    fig.legend(handles, names, loc="outside lower center", ncol=len(names), frameon=False, fontsize=9)
    share_labels = list(dict.fromkeys(shares["label"]))
    sources = list(dict.fromkeys(shares["source"]))
    wide = shares.pivot_table(index="label", columns="source", values="share", sort=False).reindex(share_labels)
    bar = 0.8 / max(len(sources), 1)
    for k, source in enumerate(sources):
        color = "#333333" if source.startswith("수동") else CODER_COLORS[k % len(CODER_COLORS)]
        axes[2].barh(np.arange(len(share_labels)) + (k - (len(sources) - 1) / 2) * bar, wide[source],
                     height=bar, color=color, label=source)
    axes[2].set_yticks(np.arange(len(share_labels)), share_labels)
    axes[2].yaxis.tick_right()
    axes[2].invert_yaxis()
    axes[2].xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    axes[2].set_title("코드가 붙은 문장 비율", fontsize=11)
    axes[2].legend(loc="lower right", fontsize=7, frameon=False)
    fig.suptitle("그림 10. 세 코더의 타당도: 사전, 지도학습, 혼합 (수동 코딩 기준)", fontsize=12)
    return fig


def plot_learning_curve(curve: pd.DataFrame) -> matplotlib.figure.Figure:
    """Figure 14: held-out F1 of the hybrid model against the number of training units.

    Parameters
    ----------
    curve : pandas.DataFrame
        ``learning_curve.csv`` of the shipped model: ``n_train, code, f1,
        alpha`` with a ``frames (macro)`` row per size; a ``label`` column
        names the codes.
    """
    use_study_style()
    fig, ax = plt.subplots(figsize=(9, 5))
    codes = [c for c in dict.fromkeys(curve["code"]) if c != "frames (macro)"]
    palette = sns.color_palette("tab20", len(codes))
    for code, color in zip(codes, palette):
        part = curve[curve["code"] == code].sort_values("n_train")
        ax.plot(part["n_train"], part["f1"], color=color, linewidth=1, alpha=0.7, marker=".",
                label=part["label"].iloc[0] if "label" in part else code)
    macro = curve[curve["code"] == "frames (macro)"].sort_values("n_train")
    ax.plot(macro["n_train"], macro["f1"], color="black", linewidth=2.5, marker="o", label="프레임 평균 (macro-F1)")
    ax.set_xscale("log")
    ax.set_xticks(sorted(curve["n_train"].unique()))
    ax.xaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_ylim(0, 1)
    ax.set_xlabel("훈련 단위 수 (훈련 코퍼스의 무작위 부분집합)")
    ax.set_ylabel("보류 평가셋 F1")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=7, frameon=False)
    ax.set_title("그림 14. 학습 곡선: 훈련 단위가 늘면 일치도가 얼마나 오르나", fontsize=12)
    return fig


# ---------------------------------------------------------------------------
# Figures 6, 7, 8: tone, stance, voices (notebook 04_tone_voices)
# ---------------------------------------------------------------------------

STANCE_TARGET_LABELS = {"china": "중국·딥시크", "us": "미국", "korea": "한국"}
VOICE_COUNTRY_LABELS = {"US": "미국", "China": "중국", "Korea": "한국", "other": "기타 국가", "unknown": "미상",
                        "unattributed": "출처 없는 주장"}
VOICE_COUNTRY_COLORS = {"US": "#4C72B0", "China": "#C44E52", "Korea": "#55A868", "other": "#8172B3",
                        "unknown": "#B0B0B0", "unattributed": "#E8E8E8"}


def _interval_panel(ax, part: pd.DataFrame, *, by: str, rows: list, value: str, count: str,
                    sources: list) -> None:
    """Point estimates with bootstrap intervals, one row per group (and source)."""
    offsets = {s: (i - (len(sources) - 1) / 2) * 0.22 for i, s in enumerate(sources)}
    markers = ["o", "s", "D", "^"]
    for i, source in enumerate(sources):
        sub = part if source is None else part[part["source"] == source]
        sub = sub.set_index(by).reindex(rows)
        y = [r + offsets[source] for r in range(len(rows))]
        has = sub[value].notna().to_numpy()
        ax.errorbar(
            sub[value][has], [v for v, h in zip(y, has) if h],
            xerr=[(sub[value] - sub["ci_low"])[has], (sub["ci_high"] - sub[value])[has]],
            fmt=markers[i % len(markers)], color=sns.color_palette()[i], capsize=3,
            label=None if source is None else str(source),
        )
        for yy, row in zip(y, sub.itertuples()):
            n = getattr(row, count)
            note = f"n={int(n)}" if pd.notna(getattr(row, value)) else "언급 없음"
            ax.text(1.04, yy, note, va="center", fontsize=7, transform=ax.get_yaxis_transform())
    ax.axvline(0, color="grey", linewidth=0.8)
    ax.set_xlim(-1.05, 1.05)
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(len(rows) - 0.5, -0.5)


def plot_tone_by_outlet(
    tone: pd.DataFrame, *, by: str = "outlet", title: str | None = None
) -> matplotlib.figure.Figure:
    """Figure 6: mean sentence tone per outlet with bootstrap intervals.

    Parameters
    ----------
    tone : pandas.DataFrame
        From :func:`analysis.summaries.bootstrap_tone`: ``<by>, n_sentences,
        mean_tone, ci_low, ci_high``. An optional ``source`` column (e.g.
        ``자동``/``수작업``) draws the sources side by side.
    by : str
        The row column (default ``"outlet"``).
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
        Points (mean tone, -1 negative to +1 positive) with 95% intervals.
    """
    if tone.empty:
        raise ValueError("the tone table is empty")
    use_study_style()
    rows = list(pd.unique(tone[by]))
    sources = list(pd.unique(tone["source"])) if "source" in tone else [None]
    fig, ax = plt.subplots(figsize=capped_size(7.5, 0.55 * len(rows) + 1.8))
    _interval_panel(ax, tone, by=by, rows=rows, value="mean_tone", count="n_sentences", sources=sources)
    ax.set_xlabel("평균 어조 (-1 부정 … +1 긍정), 부트스트랩 95% 구간")
    if sources != [None]:
        ax.legend(fontsize=8, loc="lower right")
    ax.set_title(title or "그림 6. 매체별 문장 어조", fontsize=12)
    return fig


def plot_stance_by_outlet(
    stance: pd.DataFrame, *, by: str = "outlet", title: str | None = None
) -> matplotlib.figure.Figure:
    """Figure 7: mean stance toward China/DeepSeek, the US and Korea per outlet.

    Parameters
    ----------
    stance : pandas.DataFrame
        From :func:`analysis.summaries.summarize_stance`: ``<by>, target,
        n_mentioned, mean_stance, ci_low, ci_high`` (targets ``china``,
        ``us``, ``korea``); optional ``source`` column as in figure 6.
    by : str
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
        One panel per target; outlets that never mention a target are marked
        "언급 없음".
    """
    if stance.empty:
        raise ValueError("the stance table is empty")
    use_study_style()
    rows = list(pd.unique(stance[by]))
    # the targets of the table, in its order (those of the targets file)
    targets = list(pd.unique(stance["target"]))
    labels = dict(zip(stance["target"], stance["label"])) if "label" in stance else {}
    sources = list(pd.unique(stance["source"])) if "source" in stance else [None]
    fig, axes = plt.subplots(1, len(targets), figsize=capped_size(4.2 * len(targets) + 1.5, 0.55 * len(rows) + 2.0),
                             sharey=True, squeeze=False)
    for ax, target in zip(axes.flat, targets):
        _interval_panel(ax, stance[stance["target"] == target], by=by, rows=rows, value="mean_stance",
                        count="n_mentioned", sources=sources)
        ax.set_title(STANCE_TARGET_LABELS.get(target, labels.get(target, target)), fontsize=11)
        ax.set_xlabel("평균 입장 (-1 비우호 … +1 우호)")
    if sources != [None]:
        axes.flat[-1].legend(fontsize=8, loc="lower right")
    fig.suptitle(title or "그림 7. 매체별 대상 입장 (대상을 언급한 문장, 부트스트랩 95% 구간)", fontsize=12)
    return fig


def plot_voices_by_country(
    voices: pd.DataFrame, *, by: str = "outlet", title: str | None = None
) -> matplotlib.figure.Figure:
    """Figure 8: who is quoted or cited, by the speaker's country, per outlet; unattributed claims apart.

    Parameters
    ----------
    voices : pandas.DataFrame
        From :func:`analysis.summaries.count_voices`: ``<by>, country, n, share``
        (countries US, China, Korea, other, unknown, and ``unattributed`` for
        claims no speaker is named for).
    by : str
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
        Stacked bars of the share of voices per country, with counts; the
        unattributed claims are the hatched segment at the right end of each
        bar, so that the countries of attributed voices read apart from them.
    """
    if voices.empty:
        raise ValueError("the voices table is empty")
    use_study_style()
    rows = list(pd.unique(voices[by]))
    countries = [c for c in VOICE_COUNTRY_LABELS if c in set(voices["country"])]
    share = voices.pivot(index=by, columns="country", values="share").reindex(index=rows, columns=countries)
    count = voices.pivot(index=by, columns="country", values="n").reindex(index=rows, columns=countries)
    fig, ax = plt.subplots(figsize=capped_size(8.5, 0.55 * len(rows) + 2.2))
    left = pd.Series(0.0, index=rows)
    for country in countries:
        apart = country == "unattributed"
        ax.barh(range(len(rows)), share[country].fillna(0), left=left, color=VOICE_COUNTRY_COLORS[country],
                label=VOICE_COUNTRY_LABELS[country], hatch="///" if apart else None,
                edgecolor="#808080" if apart else "white", linewidth=0.8 if apart else 0.5)
        for y, (start, width, n) in enumerate(zip(left, share[country].fillna(0), count[country].fillna(0))):
            if width >= 0.06:
                ax.text(start + width / 2, y, f"{int(n)}", ha="center", va="center", fontsize=8,
                        color="black" if apart else "white")
        left = left + share[country].fillna(0)
    totals = count.sum(axis=1)
    unattributed = count["unattributed"] if "unattributed" in count else pd.Series(0, index=rows)
    for y, (total, claims) in enumerate(zip(totals, unattributed.fillna(0))):
        ax.text(1.01, y, f"n={int(total)} (출처 없음 {int(claims)})", va="center", fontsize=8,
                transform=ax.get_yaxis_transform())
    ax.set_yticks(range(len(rows)), rows)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel("인용·출처 비율 (막대 안 숫자: 건수; 빗금: 화자가 밝혀지지 않은 주장)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=min(len(countries), 6), fontsize=8,
              frameon=False)
    ax.set_title(title or "그림 8. 매체별 인용된 목소리의 국적 (출처 없는 주장은 따로)", fontsize=12)
    return fig


# The study's figure numbers.
fig06_tone_by_outlet = plot_tone_by_outlet
fig07_stance_by_outlet = plot_stance_by_outlet
fig08_voices_by_country = plot_voices_by_country


# ---------------------------------------------------------------------------
# Figures 12, 13: frames and tone per week (notebook 07_time)
# ---------------------------------------------------------------------------


def _week_axis(ax, weeks: list) -> None:
    weeks = [pd.Timestamp(w) for w in weeks]
    ax.set_xticks(weeks, [f"{w:%m-%d}" for w in weeks], rotation=45, fontsize=8)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")


def _group_colors(groups: list) -> dict:
    palette = sns.color_palette("colorblind", max(len(groups), 1))
    return {group: ("black" if i == 0 else palette[(i - 1) % len(palette)]) for i, group in enumerate(groups)}


def plot_frames_by_week(weekly: pd.DataFrame, *, ncols: int = 4, title: str | None = None
                        ) -> matplotlib.figure.Figure:
    """Figure 12: each frame's weekly share of body sentences, one panel per frame.

    Parameters
    ----------
    weekly : pandas.DataFrame
        From :func:`analysis.timeline.weekly_frames`: ``week, group, label,
        share, ci_low, ci_high``; the first group is drawn in black (the
        overall series), the others in colour; bands are the intervals.
    ncols : int
        Panels per row.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    if weekly.empty:
        raise ValueError("the weekly frame table is empty: no dated document")
    use_study_style()
    labels = list(pd.unique(weekly["label"]))
    groups = list(pd.unique(weekly["group"]))
    weeks = sorted(pd.unique(weekly["week"]))
    colors = _group_colors(groups)
    ncols = min(ncols, len(labels))
    nrows = -(-len(labels) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=capped_size(3.6 * ncols, 2.6 * nrows + 1.4),
                             squeeze=False, sharex=True, sharey=True)
    for ax, label in zip(axes.flat, labels):
        part = weekly[weekly["label"] == label]
        for group in groups:
            series = part[part["group"] == group].sort_values("week")
            ax.plot(series["week"], series["share"], marker="o", markersize=3, color=colors[group],
                    linewidth=1.8 if group == groups[0] else 1.1, label=group)
            ax.fill_between(series["week"], series["ci_low"], series["ci_high"], color=colors[group],
                            alpha=0.15 if group == groups[0] else 0.08, linewidth=0)
        ax.set_title(label, fontsize=10)
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        _week_axis(ax, weeks)
    for ax in list(axes.flat)[len(labels):]:
        ax.set_axis_off()
    handles, names = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="outside lower center", ncol=min(len(groups), 5), fontsize=8, frameon=False)
    fig.suptitle(title or "그림 12. 주별 프레임 비중 (본문 문장, 문서 부트스트랩 95% 구간)", fontsize=12)
    return fig


def plot_tone_by_week(weekly: pd.DataFrame, *, title: str | None = None) -> matplotlib.figure.Figure:
    """Figure 13: mean sentence tone per week, overall and per group, with intervals.

    Parameters
    ----------
    weekly : pandas.DataFrame
        From :func:`analysis.timeline.weekly_tone`: ``week, group,
        mean_tone, ci_low, ci_high, n_documents``.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure
        Left: the overall series with its band and the number of documents
        per week; right: one line per group.
    """
    if weekly.empty:
        raise ValueError("the weekly tone table is empty: no dated document")
    use_study_style()
    groups = list(pd.unique(weekly["group"]))
    weeks = sorted(pd.unique(weekly["week"]))
    colors = _group_colors(groups)
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 4.6), sharey=True)
    overall = weekly[weekly["group"] == groups[0]].sort_values("week")
    left.plot(overall["week"], overall["mean_tone"], marker="o", color="black")
    left.fill_between(overall["week"], overall["ci_low"], overall["ci_high"], color="black", alpha=0.12, linewidth=0)
    for row in overall.itertuples():
        left.annotate(f"n={row.n_documents}", (row.week, row.mean_tone), textcoords="offset points",
                      xytext=(0, 7), ha="center", fontsize=7)
    left.set_title(str(groups[0]), fontsize=11)
    for group in groups[1:]:
        series = weekly[weekly["group"] == group].sort_values("week")
        right.plot(series["week"], series["mean_tone"], marker="o", markersize=3, color=colors[group], label=group)
        right.fill_between(series["week"], series["ci_low"], series["ci_high"], color=colors[group], alpha=0.08,
                           linewidth=0)
    right.set_title("매체 집단별 (by outlet group)", fontsize=11)
    if len(groups) > 1:
        right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=min(len(groups) - 1, 4), fontsize=8,
                     frameon=False)
    for ax in (left, right):
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.set_ylim(-1.05, 1.05)
        _week_axis(ax, weeks)
    left.set_ylabel("평균 어조 (-1 부정 … +1 긍정)")
    fig.suptitle(title or "그림 13. 주별 문장 어조 (문서 부트스트랩 95% 구간)", fontsize=12)
    return fig


fig12_frames_by_week = plot_frames_by_week
fig13_tone_by_week = plot_tone_by_week
