# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 1. The corpus: which texts, from whom, and what cleaning removed
#
# This notebook answers the questions a reader asks before any finding: *which texts, from
# whom, and how much of each capture is actually the article?* Web captures carry page chrome
# around the article (share buttons, comment widgets, lists of unrelated stories, photo
# captions printed twice, bylines, copyright lines). The analysis uses the article only, and
# this notebook shows what was removed and why.
#
# Units of analysis: **document → paragraph (line) → sentence**. Sentences come from Kiwi's
# sentence splitter; tokens are Kiwi morphemes with a normalized term (`norm`) for counting.

# %% tags=["parameters"]
corpus_dir = None  # None: the seed corpus in seeds/. Or a folder with metadata.csv
output_dir = None  # None: the project's figures/ and tables/. Or a folder for another corpus

# %%
import pandas as pd

from IPython.display import Markdown

from analysis import paths, plots
from analysis.clean import removed_lines_by_reason
from analysis.pipeline import prepare, write_csv
from analysis.report import corpus_facts
from analysis.summaries import corpus_overview

pd.set_option("display.max_colwidth", 80)
outputs = paths.outputs(output_dir)
study = prepare(corpus_dir)
facts = corpus_facts(study.corpus.documents, corpus_dir)
Markdown(f"**This report: {facts.summary()}.**")

# %% [markdown]
# ## The documents and what their texts state
#
# The metadata records only what each text states; an empty cell means the text does not say,
# and the note says so.

# %%
study.corpus.documents[["doc_id", "outlet", "outlet_type", "genre", "author", "date", "date_status", "date_note"]]

# %% [markdown]
# ## What cleaning removed, and why
#
# Every raw line gets a role — `title`, `subhead`, `body` or `chrome` — and every chrome line a
# reason. The table counts removed lines per reason and outlet. The rules are general conventions of Korean news sites and blogs
# (`analysis/data/chrome_rules.yaml`); a per-document `overrides.csv` in the corpus folder fixes
# what they get wrong. Blank lines are not counted below.

# %%
removed_lines_by_reason(study.cleaned)

# %% [markdown]
# The full audit has one row per raw line. Here are the lines each rule removed, one example
# per document and reason:

# %%
audit = study.cleaned.lines
examples = (
    audit[(audit["role"] == "chrome") & (audit["reason"] != "blank line")]
    .groupby(["doc_id", "reason"], sort=False)
    .head(1)[["doc_id", "line", "reason", "text"]]
)
examples.assign(text=examples["text"].str.slice(0, 60))

# %% [markdown]
# Lines whose handling went beyond keeping or dropping them: sentences the capture broke across
# lines are joined, credit tags such as `[OO뉴스]` at the start of the lead are removed, and
# overrides are named as such.

# %%
audit[audit["reason"].str.match(r"joined|leading credit|override")][["doc_id", "line", "role", "reason"]]

# %% [markdown]
# ## Article structure and length per outlet
#
# `tokens` counts morphemes without punctuation and without bracketed glosses
# (`딥시크(DeepSeek)` is one mention).

# %%
overview = corpus_overview(study)
overview

# %%
study.sentences.groupby(["outlet", "role"], sort=False).size().unstack(fill_value=0)

# %% [markdown]
# ## Figure 1: corpus overview
#
# Sentence and token counts per outlet, and the share of the captures' characters that was page
# chrome rather than article.

# %%
figure = plots.plot_corpus_overview(overview)
plots.save_figure(figure, "fig01_corpus_overview", overview, directory=outputs.figures)

# %%
longest = overview.loc[overview["sentences"].idxmax()]
most_chrome = overview.loc[overview["chrome_share"].idxmax()]
Markdown(
    f"The outlet with most article text is {longest['outlet']} ({longest['sentences']} sentences in "
    f"{longest['documents']} document(s)); the captures with most page chrome are {most_chrome['outlet']}'s, "
    f"where {most_chrome['chrome_share']:.0%} of the non-blank characters were not article text."
)

# %% [markdown]
# ## Tables for the following notebooks
#
# The audit, sentence and token tables are written to `tables/` so that readers can check every
# step in a spreadsheet.

# %%
stage_tables = {"cleaning_audit": audit, "sentences": study.sentences, "tokens": study.tokens}
for name, table in stage_tables.items():
    write_csv(table, outputs.tables / f"{name}.csv")
# what this notebook wrote (the folder also holds the other notebooks' tables, depending on what ran before)
sorted(f"{name}.csv" for name in stage_tables)

# %% [markdown]
# ## Colophon

# %%
from analysis.report import colophon

colophon()
