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
# # 6. Synthesis: how five Korean outlets framed DeepSeek
#
# This notebook puts the findings of notebooks 1–5 side by side, outlet by outlet: what each
# text talks about, which frames it uses, its tone and its stance toward China, the United
# States and Korea, whose voices it carries, and what it tells Korea to do — with the
# validation caveats that limit how far each measure can be read.
#
# Every number below is computed in this notebook from the same functions the other notebooks
# use; the prose between the tables states what to look for, and the computed sentences state
# the numbers.

# %% tags=["parameters"]
corpus_dir = None  # None: the seed corpus
output_dir = None  # None: the project's figures/ and tables/
manual_coding = None  # None: data/manual_coding.csv for the seed corpus, none for another corpus
model = "hybrid"  # the coder: the shipped "hybrid" model, "supervised", "dictionary", or a model folder

# %%
import pandas as pd

from analysis import paths, plots
from analysis.framing import frame_ids
from analysis.pipeline import coded_study, write_csv
from analysis.summaries import frame_prominence_by_source, outlet_profiles, stance_by_source, tone_by_source
from analysis.validation import agreement, code_columns
from analysis.vocabulary import dfm, keyness
from analysis.voices import extract_voices

pd.set_option("display.max_colwidth", 120)
outputs = paths.outputs(output_dir)
coded_run = coded_study(corpus_dir, manual_coding=manual_coding, model=model)
study, coded, manual = coded_run.study, coded_run.coded, coded_run.manual
voices = extract_voices(study.sentences, study.tokens)
key_terms = keyness(dfm(study.tokens, study.sentences, by="outlet"), measure="g2")

# %% [markdown]
# ## The outlets at a glance
#
# Distinctive terms are the top keyness terms (G², each outlet against the others, notebook 2);
# frames are the most frequent in body sentences (automated, with the manual coding beside them
# where it exists); tone and stances are means from -1 to +1; voices count quotations and
# citations by the speaker's country.

# %%
# NBVAL_CHECK_OUTPUT
profiles = outlet_profiles(study.sentences, coded, voices, key_terms, manual=manual)
write_csv(profiles, outputs.tables / "outlet_profiles.csv")
profiles.set_index("outlet").T

# %% [markdown]
# ## What the outlets share, and where they part
#
# The sentences below are generated from the profile table.

# %%
for row in profiles.itertuples():
    frames = row.top_frames_manual if manual is not None else row.top_frames
    print(
        f"{row.outlet} ({row.sentences} sentences): distinctive terms {row.distinctive_terms}. "
        f"Main frames: {frames}. Mean tone {row.mean_tone:+.2f}"
        + (f" (manual {row.mean_tone_manual:+.2f})" if manual is not None else "")
        + f"; {row.voices} voices ({row.voices_by_country or 'none'}); "
        f"{row.prescriptions} prescriptive sentences"
        + (f", addressed to {row.addressees}" if row.addressees else "")
        + "."
    )

# %% [markdown]
# ## The key figures
#
# Frame prominence (figure 4) and tone (figure 6), with the manual coding beside the automated
# coding; the other figures are in their notebooks and in `figures/`.

# %%
prominence = frame_prominence_by_source(coded, manual, study.sentences)
plots.save_figure(plots.plot_frame_prominence(prominence), "fig04_frame_prominence", prominence,
                  directory=outputs.figures)

# %%
tone = tone_by_source(coded, manual, study.sentences, random_state=0)
plots.save_figure(plots.plot_tone_by_outlet(tone), "fig06_tone_by_outlet", tone, directory=outputs.figures)

# %%
stance = stance_by_source(coded, manual, study.sentences, random_state=0)
plots.save_figure(plots.plot_stance_by_outlet(stance), "fig07_stance_by_outlet", stance, directory=outputs.figures)

# %% [markdown]
# ## How far to trust each measure
#
# Agreement of the automated coder with the manual coding (notebook 4). Read frames with alpha
# below 0.667, and tone and stance in general, from the manual coding rather than the automated
# one; the automated coder's value lies in scale (other corpora), not in these five texts.

# %%
if manual is not None:
    scores = agreement(coded.set_index("sent_id"), manual, columns=code_columns(frame_ids()))
    reliable = scores.loc[scores["alpha"] >= 0.667, "code"].tolist()
    weak = scores.loc[(scores["alpha"] < 0.667) & ~scores["code"].str.contains(":"), "code"].tolist()
    print(f"Usable as measured (alpha >= 0.667): {', '.join(reliable)}.")
    print(f"Read with the manual coding (alpha < 0.667): {', '.join(weak)}.")

# %% [markdown]
# ## Colophon

# %%
from analysis.report import colophon

colophon()
