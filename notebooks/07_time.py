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
# # 7. Time: how the framing changed from week to week
#
# *Did the outlets frame DeepSeek differently in the first weeks after R1 (20 January 2025) than
# later, and did their tone change?* Dates are parsed when the corpus is loaded (BigKinds
# `20250224`, ISO `2025-02-24`, `2025.02.12 18:00`, `2025. 1. 31.`); documents whose date is
# missing or invalid are listed below, not dropped from the other notebooks.
#
# When the dated documents span at least three calendar weeks, this notebook draws each frame's
# weekly share of body sentences (figure 12) and the weekly tone (figure 13), overall and per
# outlet group, with 95% intervals from a bootstrap over the week's documents.

# %% tags=["parameters"]
corpus_dir = None  # None: the seed corpus
output_dir = None  # None: the project's figures/ and tables/
manual_coding = None  # not used here; accepted so that every notebook takes the same parameters
group_column = "outlet_type"  # metadata column grouping the outlets; "outlet" for one series per outlet
top_groups = 6  # groups drawn by name; smaller ones are folded into "기타"
model = "hybrid"  # the coder: the shipped "hybrid" model, "supervised", "dictionary", or a model folder
codebook = None  # None: the study codebook (analysis/data/codebook.yaml); or a codebook YAML of your own
targets = None  # None: the study's stance targets (analysis/data/targets.yaml); or a targets YAML of your own
lexicon = None  # None: the study's polarity lexicon; or a TSV/CSV lexicon of your own
tone_rules = None  # None: analysis/data/tone_rules.yaml; or tone rules of your own

# %%
import pandas as pd
from IPython.display import Markdown

from analysis import paths, plots, timeline
from analysis.framing import frame_labels
from analysis.pipeline import coded_study, write_csv
from analysis.summaries import fold_outlets

outputs = paths.outputs(output_dir)
coded_run = coded_study(corpus_dir, manual_coding=manual_coding, model=model, codebook=codebook, targets=targets,
                        lexicon=lexicon, tone_rules=tone_rules)
study, coded = coded_run.study, coded_run.coded
documents = study.corpus.documents
coverage = timeline.date_coverage(documents)

# %% [markdown]
# ## Which documents are dated

# %%
documents[["doc_id", "outlet", "date", "published", "date_status"]]

# %%
span = (
    f"from {coverage['first']:%Y-%m-%d} to {coverage['last']:%Y-%m-%d}: {coverage['n_weeks']} calendar week(s), "
    f"{coverage['n_weeks_with_documents']} of them with a dated text"
    if coverage["n_dated"] else "no dates at all"
)
verdict = (
    "enough for weekly series: figures 12 and 13 follow."
    if coverage["enough"] else
    f"too few dated texts for a weekly series (texts in at least {timeline.MIN_WEEKS} different weeks are needed); "
    "figures 12 and 13 are not drawn for this corpus."
)
Markdown(
    f"**{coverage['n_dated']} of {coverage['n_documents']} documents are dated** ({span}); "
    f"{coverage['n_missing']} state no date and {coverage['n_invalid']} have a date that could not be read. "
    f"That is {verdict}"
)

# %% [markdown]
# ## Outlet groups
#
# Outlets are grouped by the metadata column `group_column` when the corpus fills it, and
# otherwise by outlet; groups beyond the `top_groups` largest (by number of documents) are
# drawn together as "기타".

# %%
column = group_column if group_column in documents and documents[group_column].astype(str).str.strip().ne("").any() else "outlet"
folded = fold_outlets(documents[column].astype(str).replace("", "미상"), top=top_groups)
groups = pd.Series(folded.to_numpy(), index=documents["doc_id"])
documents.assign(group=folded.to_numpy()).groupby("group")["doc_id"].count().rename("documents").to_frame()

# %% [markdown]
# ## Figure 12: frames per week

# %%
if coverage["enough"]:
    dated = timeline.dated_sentences(coded, documents, groups=groups)
    frames_weekly = timeline.weekly_frames(dated, frame_labels(coded_run.coder.codebook_), random_state=0)
    write_csv(frames_weekly, outputs.tables / "frames_by_week.csv")
    display(plots.save_figure(plots.plot_frames_by_week(frames_weekly), "fig12_frames_by_week", frames_weekly,
                              directory=outputs.figures))
else:
    display(Markdown("Not drawn: too few dated texts (see above)."))

# %% [markdown]
# ## Figure 13: tone per week

# %%
if coverage["enough"]:
    tone_weekly = timeline.weekly_tone(dated, random_state=0)
    write_csv(tone_weekly, outputs.tables / "tone_by_week.csv")
    display(plots.save_figure(plots.plot_tone_by_week(tone_weekly), "fig13_tone_by_week", tone_weekly,
                              directory=outputs.figures))
    overall = tone_weekly[tone_weekly["group"] == timeline.OVERALL]
    first, last = overall.iloc[0], overall.iloc[-1]
    display(Markdown(
        f"Overall tone moved from {first['mean_tone']:+.2f} in the week of {first['week']:%Y-%m-%d} "
        f"({first['n_documents']} documents) to {last['mean_tone']:+.2f} in the week of {last['week']:%Y-%m-%d} "
        f"({last['n_documents']} documents)."
    ))
else:
    display(Markdown("Not drawn: too few dated texts (see above)."))

# %% [markdown]
# ## Colophon

# %%
from analysis.report import colophon

colophon()
