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
# # 4. Validation: how far can the automated coding be trusted?
#
# The frames, prescriptions, tone and stances in notebooks 3 and 5 come from a dictionary-based
# coder. A reader should believe them only as far as they agree with careful human coding. This
# notebook compares the automated coding with the **manual coding sample**. For the seed corpus
# that is every article sentence of the seed texts, coded by two coders who worked
# independently and blind to the automated coder, with disagreements resolved by an adjudicator
# (`data/coding/PROTOCOL.md`, `data/coding/ADJUDICATION.md`); for another corpus it is the file
# given as `manual_coding`.
#
# For each code we report precision, recall and F1 (the manual coding is the reference) and
# Krippendorff's alpha, the confusion tables, and every sentence where the two disagree. The
# agreement between the two human coders is the ceiling to compare with: a code the humans
# themselves could not agree on cannot be measured well by any coder.

# %% tags=["parameters"]
corpus_dir = None  # None: the seed corpus
output_dir = None  # None: the project's figures/ and tables/
manual_coding = None  # None: data/manual_coding.csv (the adjudicated gold standard)
coder_files = None  # None: data/coding/coder_a.csv and coder_b.csv for the seed corpus

# %%
import pandas as pd

from analysis import paths, plots
from analysis.framing import frame_ids, frame_labels
from analysis.pipeline import coded_study, write_csv
from analysis.summaries import share_by_outlet
from analysis.validation import (
    agreement,
    agreement_for_figure,
    code_columns,
    confusion,
    disagreements,
    intercoder_reliability,
    load_coder_pair,
    supervised_baseline,
)

pd.set_option("display.max_colwidth", 90)
outputs = paths.outputs(output_dir)
coded_run = coded_study(corpus_dir, manual_coding=manual_coding)
study, manual = coded_run.study, coded_run.manual
automated = coded_run.coded.set_index("sent_id")
frames = frame_ids()
columns = code_columns(frames)
labels = {f"frame_{key}": value for key, value in frame_labels().items()} | {
    "prescription": "처방 (prescription)", "tone": "어조 (tone)", "stance_china": "중국 입장",
    "stance_us": "미국 입장", "stance_korea": "한국 입장",
}
print(f"{len(manual)} manually coded sentences; {len(automated)} automatically coded sentences")

# %% [markdown]
# ## The human ceiling: coder A against coder B
#
# Before adjudication, on the units both coders saw. Percent agreement is inflated for rare codes
# (two coders who never code a frame agree on almost every sentence), which is why alpha is the
# measure to read.

# %%
coders = load_coder_pair(coder_files, corpus_dir=corpus_dir, frame_ids=frames)
human = intercoder_reliability(*coders, columns=columns) if coders else None
human

# %% [markdown]
# ## Automated coding against the manual coding
#
# `n_coded` and `n_reference` count positive sentences (frames, prescription), non-neutral
# sentences (tone) or sentences where the target is present (stance). Tone and stance scores are
# macro averages over their classes. The `:detected` rows score target detection alone.

# %%
# NBVAL_CHECK_OUTPUT
scores = agreement(automated, manual, columns=columns)
scores

# %%
write_csv(scores, outputs.tables / "validation_agreement.csv")
binary = scores[scores["kind"] == "binary"]
weakest = binary.sort_values(["f1", "code"]).iloc[0]
strongest = binary.sort_values(["f1", "code"], ascending=[False, True]).iloc[0]
print(
    f"Median F1 over the {len(binary)} binary codes: {binary['f1'].median():.2f}. "
    f"Best: {strongest['code']} (F1 {strongest['f1']:.2f}, alpha {strongest['alpha']:.2f}); "
    f"weakest: {weakest['code']} (F1 {weakest['f1']:.2f}, alpha {weakest['alpha']:.2f}). "
    f"Codes with alpha >= 0.667 (the usual floor for tentative conclusions): "
    f"{(scores['alpha'] >= 0.667).sum()} of {len(scores)}."
)

# %% [markdown]
# ## Figure 10: agreement per code, and where the automated result differs
#
# Left: F1 and alpha of the automated coder against the manual coding, next to the alpha of the
# two human coders. Right: the share of sentences that carry each code in the automated and the
# manual coding, so that a reader sees in which direction the automated result errs.

# %%
binary_codes = [c for c in columns if c.startswith("frame_")] + ["prescription"]
shares = pd.concat(
    [
        automated[binary_codes].mean().rename("share").to_frame().assign(source="자동 (automated)"),
        manual[binary_codes].mean().rename("share").to_frame().assign(source="수동 (manual)"),
    ]
).rename_axis("code").reset_index()
shares["label"] = shares["code"].map(labels)
shares["share"] = shares["share"].round(4)
figure_table = agreement_for_figure(scores, human, labels=labels)
figure = plots.plot_validation_agreement(figure_table, shares)
plots.save_figure(
    figure, "fig10_validation_agreement",
    figure_table.merge(shares.pivot_table(index="code", columns="source", values="share").reset_index(),
                       on="code", how="left"),
    directory=outputs.figures,
)

# %% [markdown]
# ## Frame shares per outlet: automated against manual
#
# The research questions are about outlets, not single sentences: what matters is whether the
# automated coder ranks outlets the way the manual coding does.

# %%
frame_codes = [c for c in columns if c.startswith("frame_")]
per_outlet = share_by_outlet(automated, study.sentences, columns=frame_codes).merge(
    share_by_outlet(manual, study.sentences, columns=frame_codes),
    on=["outlet", "code"], suffixes=("_automated", "_manual"),
)
per_outlet["difference"] = (per_outlet["share_automated"] - per_outlet["share_manual"]).round(4)
per_outlet.pivot_table(index="code", columns="outlet", values="difference", sort=False)

# %%
correlation = per_outlet[["share_automated", "share_manual"]].corr(method="spearman").iloc[0, 1]
print(
    f"Across the {len(per_outlet)} outlet × frame cells, the automated and manual shares have "
    f"a Spearman correlation of {correlation:.2f}; the largest gap is "
    f"{per_outlet['difference'].abs().max():.2f} (share of an outlet's sentences)."
)

# %% [markdown]
# ## Confusion tables
#
# Rows are the manual codes, columns the automated ones.

# %%
confusion(automated, manual, "tone")

# %%
confusion(automated, manual, "prescription")

# %%
for target in ("stance_china", "stance_us", "stance_korea"):
    display(confusion(automated, manual, target))

# %% [markdown]
# ## The sentences where they disagree
#
# One row per sentence and code. The full table is in `tables/validation_disagreements.csv`; here
# are the disagreements on frames and prescription.

# %%
disagreeing = disagreements(automated, manual, study.sentences, columns=columns)
write_csv(disagreeing, outputs.tables / "validation_disagreements.csv")
print(f"{len(disagreeing)} disagreements in {disagreeing['sent_id'].nunique()} sentences")
disagreeing[disagreeing["code"].isin(binary_codes)]

# %% [markdown]
# ## Does the dictionary earn its place? A supervised baseline
#
# A logistic regression over TF-IDF features of each sentence's content terms, trained and
# tested by stratified 5-fold cross-validation on the manual codes (each sentence is predicted by
# a model that did not see it). With a few hundred sentences this baseline is weak by construction; codes
# with fewer than ten examples of their rarer class are skipped.

# %%
# NBVAL_CHECK_OUTPUT
baseline = supervised_baseline(study.sentences, study.tokens, manual, columns=columns, random_state=0)
comparison = scores[["code", "f1", "alpha"]].merge(
    baseline[["code", "f1", "alpha", "model"]], on="code", how="left", suffixes=("_dictionary", "_baseline")
)
comparison

# %%
write_csv(comparison, outputs.tables / "validation_baseline.csv")
compared = comparison.dropna(subset=["f1_baseline"])
print(
    f"The dictionary coder has the higher F1 on {(compared['f1_dictionary'] > compared['f1_baseline']).sum()} "
    f"of the {len(compared)} codes the baseline could be trained on."
)

# %% [markdown]
# ## Limitations
#
# - **Small sample.** The size of the manual sample is printed at the top of this notebook
#   (for the seed corpus: every sentence of its texts). Rare codes (prescription, suspicion, economy, the US and Korea stances) have
#   few positive sentences, so their scores move a lot with a single sentence. The dictionaries
#   were written from the codebook definitions, not from these texts, and are also tested on
#   invented sentences in other outlets' styles (`tests/test_framing.py`,
#   `tests/test_sentiment.py`); agreement on other outlets may still be lower.
# - **Human agreement is the ceiling.** Where coder A and coder B disagreed often (tone and the
#   stances, see the first table), the gold standard itself carries the adjudicator's judgement
#   calls (`data/coding/ADJUDICATION.md`), and no automated coder can be validated beyond it.
# - **Sentence-level coding misses context.** Frames carried by a whole paragraph, irony (the
#   blog's closing "글쎄다.."), or a stance implied by an earlier sentence are out of reach of
#   a sentence coder; pronoun resolution is limited to quoted speakers (notebook 5).
# - **Lexicon tone is not stance.** Tone counts evaluative words; reported alarm or praise
#   about a third party is often scored on the wrong target. The stance scores should be read as
#   rough indicators, together with the sentences behind them.

# %% [markdown]
# ## Colophon

# %%
from analysis.report import colophon

colophon()
