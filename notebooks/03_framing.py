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
# # 3. Frames and prescriptions (RQ2, RQ5)
#
# *Which frames does each outlet use, how prominently, where in the text, and which travel
# together? And what, if anything, does each text tell Korea to do?*
#
# Every article sentence is coded for eight issue-specific frames (multi-label: a sentence can
# carry several or none) and for a **prescription** flag — Entman's "treatment recommendation":
# the sentence says some actor should or must act. A sentence carries a frame when it presents
# DeepSeek or the AI race in that light; a topical mention is not enough. Each frame maps to one
# of Semetko and Valkenburg's (2000) generic frames, so results can be compared with the
# literature.
#
# The coding is automated, by the machine-readable codebook `analysis/data/codebook.yaml`
# (documented in `docs/codebook.md`), and every code comes with the words that triggered it.
# How far it agrees with manual coding is the subject of notebook 4; where the two differ,
# the figures here show them side by side.

# %% tags=["parameters"]
corpus_dir = None  # None: the seed corpus
output_dir = None  # None: the project's figures/ and tables/
manual_coding = None  # None: data/manual_coding.csv for the seed corpus, none for another corpus
top_outlets = 12  # figures name the outlets with most sentences, the others drawn together as "기타"; None: all
model = "hybrid"  # the coder: the shipped "hybrid" model, "supervised", "dictionary", or a model folder
codebook = None  # None: the study codebook (analysis/data/codebook.yaml); or a codebook YAML of your own
targets = None  # None: the study's stance targets (analysis/data/targets.yaml); or a targets YAML of your own
lexicon = None  # None: the study's polarity lexicon; or a TSV/CSV lexicon of your own
tone_rules = None  # None: analysis/data/tone_rules.yaml; or tone rules of your own

# %%
import pandas as pd

from analysis import paths, plots
from analysis.framing import frame_ids
from analysis.pipeline import coded_study, write_csv
from analysis.summaries import (
    fold_outlets,
    frame_cooccurrence,
    frame_positions,
    frame_prominence_by_source,
    frames_in_title_and_lead,
    prescriptions_by_addressee,
)
from analysis.validation import agreement

pd.set_option("display.max_colwidth", 100)
outputs = paths.outputs(output_dir)
coded_run = coded_study(corpus_dir, manual_coding=manual_coding, model=model, codebook=codebook, targets=targets,
                        lexicon=lexicon, tone_rules=tone_rules)
study, coded, manual = coded_run.study, coded_run.coded, coded_run.manual
figure_sentences = study.sentences.assign(outlet=fold_outlets(study.sentences["outlet"], top=top_outlets))
book = coded_run.coder.codebook_  # the codebook the sentences were coded with
write_csv(coded, outputs.tables / "coded_sentences.csv")

# %% [markdown]
# ## The frames

# %%
pd.DataFrame(
    [(f.id, f.label_ko, f.label_en, f.generic_frame) for f in book.frames],
    columns=["frame", "label (ko)", "label (en)", "generic frame (Semetko & Valkenburg)"],
)

# %% [markdown]
# ## Figure 4: frame prominence per outlet
#
# The share of each outlet's **body** sentences that carry each frame (titles and sub-headings
# are counted separately below). For the seed corpus the manual coding is drawn beside the
# automated one.

# %%
# NBVAL_CHECK_OUTPUT
prominence = frame_prominence_by_source(coded, manual, figure_sentences)
prominence.pivot_table(index=["source", "outlet"], columns="label", values="share", sort=False)

# %%
figure = plots.plot_frame_prominence(prominence)
plots.save_figure(figure, "fig04_frame_prominence", prominence, directory=outputs.figures)

# %%
automated_share = prominence[prominence["source"].str.startswith("자동")]
leading = automated_share.sort_values(["outlet", "share", "frame"], ascending=[True, False, True]).groupby(
    "outlet", sort=False
).head(1)
for row in leading.itertuples():
    print(f"{row.outlet}: the most frequent frame is {row.label} ({row.share:.0%} of body sentences)")

# %% [markdown]
# ## Frames in titles and leads
#
# Journalists put what matters most in the headline and the first paragraph. A frame in the
# title or lead is prominent beyond its share of sentences. `in_title`/`in_lead` are 0/1;
# `body_share` is the share of body sentences with the frame.

# %%
title_lead = frames_in_title_and_lead(coded, study.sentences)
write_csv(title_lead, outputs.tables / "frames_in_title_and_lead.csv")
title_lead.pivot_table(index="label", columns="outlet", values=["in_title", "in_lead"], sort=False)

# %% [markdown]
# ## Figure 5: where in the text each frame appears
#
# Each mark is a sentence carrying a frame, placed at its relative position in its article
# (0 = the first sentence, 1 = the last).

# %%
positions = frame_positions(coded, figure_sentences)
figure = plots.plot_frame_position(positions, labels=[f.label_ko for f in book.frames])
plots.save_figure(figure, "fig05_frame_position", positions, directory=outputs.figures)

# %%
median_position = positions.groupby("label", sort=False)["position"].median().round(2)
print(
    f"Frames placed earliest (median position): {median_position.idxmin()} ({median_position.min():.2f}); "
    f"latest: {median_position.idxmax()} ({median_position.max():.2f})."
)

# %% [markdown]
# ## Figure 11: which frames travel together?
#
# Sentences coded for two frames at once, over all outlets (the diagonal is each frame's own
# count).

# %%
pairs = frame_cooccurrence(coded)
write_csv(pairs, outputs.tables / "frame_cooccurrence.csv")
figure = plots.plot_frame_cooccurrence(pairs)
plots.save_figure(figure, "fig11_frame_cooccurrence", pairs, directory=outputs.figures)

# %%
off_diagonal = pairs[pairs["frame_a"] < pairs["frame_b"]].sort_values(
    ["n_both", "frame_a", "frame_b"], ascending=[False, True, True]
)
top = off_diagonal.iloc[0]
print(f"The most frequent pair is {top['label_a']} + {top['label_b']}: {top['n_both']} sentences "
      f"(Jaccard {top['jaccard']:.2f}).")

# %% [markdown]
# ## Prescriptions: what should be done, and by whom (RQ5)
#
# Sentences that say some actor should or must act (-해야 한다, 필요하다, 서둘러야, 나서야 ...),
# with the addressee when the sentence names one.

# %%
# NBVAL_CHECK_OUTPUT
prescriptions_by_addressee(coded, study.sentences)

# %%
prescriptive = coded[coded["prescription"] == 1][["sent_id", "outlet", "addressee", "text"]]
write_csv(prescriptive, outputs.tables / "prescriptions.csv")
prescriptive

# %%
korea_frame = coded.groupby("outlet", sort=False)[["frame_korea_response", "prescription"]].mean().round(3)
korea_frame

# %% [markdown]
# ## How a code was reached: evidence
#
# One example per frame: the first sentence coded for it, with the matched terms and their
# character positions in the sentence.

# %%
examples = pd.concat(
    [coded[coded[f"frame_{f.id}"] == 1].head(1).assign(frame=f.id) for f in book.frames]
)
examples[["frame", "sent_id", "text", "evidence"]]

# %% [markdown]
# ## Reading these results
#
# The automated frames agree with the manual coding unevenly (notebook 4): the per-frame F1 is
# printed below. Frames with low agreement should be read from the manual panel of figure 4.

# %%
if manual is not None:
    frame_scores = agreement(coded.set_index("sent_id"), manual, columns=[f"frame_{f}" for f in frame_ids(book)])
    display(frame_scores[["code", "n_coded", "n_reference", "precision", "recall", "f1"]])

# %% [markdown]
# ## Colophon

# %%
from analysis.report import colophon

colophon()
