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
# # 5. Tone, stance and voices (RQ3, RQ4)
#
# *How positive or negative is each outlet, overall and toward China/DeepSeek, the United States
# and Korea? And whose voices does each outlet carry: who is quoted or cited, and from which
# country?*
#
# **Tone** is a sentence's evaluative direction, scored from a polarity lexicon written for this
# study (`analysis/data/lexicon_ko.tsv`, documented in `docs/lexicon.md`) with negation
# (안, 못, -지 않다, 없다 ...) and intensifiers, and mapped to -1/0/+1 by stated thresholds.
# **Stance** needs a target: each mention of China, the US or Korea (countries, firms, people,
# institutions; 우리 for Korea in Korean opinion writing) takes the polarity of the evaluative
# words in its own clause. **Voices** are quotations and attributions ("...라고 말했다",
# "~에 따르면"), with the speaker and the speaker's country, and unattributed claims ("~라는
# 분석이 나온다", "~라는 목소리가 높다", "업계에서는 ~로 본다"), which name no speaker and are
# counted apart. Every score comes with the words behind it (`evidence`); notebook 4 scores the
# voices against a manual voice coding.
#
# Lexicon tone and stance agree least with the manual coding of all measures (notebook 4), so
# the manual result is drawn beside the automated one wherever it exists.

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
voices_file = None  # None: analysis/data/voices.yaml (reporting verbs, media, speakers); or a voices file of your own
entities = None  # None: no table of your own; or a CSV/YAML of your speakers' countries (name,type,country[,aliases])

# %%
import pandas as pd

from analysis import paths, plots
from analysis.pipeline import coded_study, write_csv
from analysis.summaries import count_voices, fold_outlets, stance_by_source, tone_by_source

pd.set_option("display.max_colwidth", 100)
outputs = paths.outputs(output_dir)
coded_run = coded_study(corpus_dir, manual_coding=manual_coding, model=model, codebook=codebook, targets=targets,
                        lexicon=lexicon, tone_rules=tone_rules, voices=voices_file, entities=entities)
study, coded, manual = coded_run.study, coded_run.coded, coded_run.manual
figure_sentences = study.sentences.assign(outlet=fold_outlets(study.sentences["outlet"], top=top_outlets))

# %% [markdown]
# ## Figure 6: tone per outlet
#
# Mean sentence tone (-1 negative … +1 positive) with 95% percentile bootstrap intervals over
# sentences (2,000 resamples, fixed seed). Titles and sub-headings count as sentences.

# %%
# NBVAL_CHECK_OUTPUT
tone = tone_by_source(coded, manual, figure_sentences, random_state=0)
tone

# %%
figure = plots.plot_tone_by_outlet(tone)
plots.save_figure(figure, "fig06_tone_by_outlet", tone, directory=outputs.figures)

# %%
automated_tone = tone[tone["source"].str.startswith("자동")].sort_values(["mean_tone", "outlet"])
print(
    f"Most negative (automated): {automated_tone.iloc[0]['outlet']} ({automated_tone.iloc[0]['mean_tone']:+.2f}); "
    f"most positive: {automated_tone.iloc[-1]['outlet']} ({automated_tone.iloc[-1]['mean_tone']:+.2f}). "
    f"Intervals that include 0: {((automated_tone['ci_low'] <= 0) & (automated_tone['ci_high'] >= 0)).sum()} "
    f"of {len(automated_tone)}."
)

# %% [markdown]
# The words behind the most negative and most positive sentences:

# %%
coded.sort_values(["polarity", "sent_id"]).iloc[[0, 1, 2, -3, -2, -1]][["sent_id", "outlet", "polarity", "text", "evidence"]]

# %% [markdown]
# ## Figure 7: stance toward China, the US and Korea
#
# Mean stance over the sentences that mention each target (-1 unfavourable … +1 favourable),
# with bootstrap intervals; `n_mentioned` says on how many sentences each mean rests.

# %%
# NBVAL_CHECK_OUTPUT
stance = stance_by_source(coded, manual, figure_sentences, random_state=0)
stance

# %%
figure = plots.plot_stance_by_outlet(stance)
plots.save_figure(figure, "fig07_stance_by_outlet", stance, directory=outputs.figures)

# %% [markdown]
# ## Voices: who is quoted, and from which country (RQ4)

# %%
voices = coded_run.coder.extract_voices(study.tokenized)  # with the run's targets, voices file and entities
write_csv(voices, outputs.tables / "voices.csv")
voices[["sent_id", "speaker", "speaker_type", "country", "verb", "kind", "attributed", "quote"]]

# %% [markdown]
# ## Figure 8: voices by country, per outlet
#
# Attributed voices by the speaker's country (a person's affiliation, a body's or medium's home
# country), and, hatched at the end of each bar, the unattributed claims: the outlet's own way of
# saying "people say" without saying who.

# %%
# NBVAL_CHECK_OUTPUT
voice_counts = count_voices(voices, figure_sentences)
voice_counts

# %%
figure = plots.plot_voices_by_country(voice_counts)
plots.save_figure(figure, "fig08_voices_by_country", voice_counts, directory=outputs.figures)

# %%
attributed_voices = voices[voices["attributed"] == "yes"]
by_country = attributed_voices.groupby("country")["sent_id"].size().sort_values(ascending=False)
print(
    f"{len(voices)} voices in all, {len(voices) - len(attributed_voices)} of them unattributed claims; "
    "attributed voices by country: "
    + ", ".join(f"{country} {count}" for country, count in by_country.items())
    + f". Most cited speaker: {attributed_voices['speaker'].value_counts().index[0]} "
    f"({attributed_voices['speaker'].value_counts().iloc[0]} times)."
)

# %% [markdown]
# ## Reporting verbs
#
# How outlets introduce what others say: neutral verbs (말했다, 밝혔다) or verbs that take a
# position on the claim (주장했다, 지적했다, 경고했다).

# %%
voices.pivot_table(index="verb", columns="kind", values="sent_id", aggfunc="count", fill_value=0)

# %% [markdown]
# ## Colophon

# %%
from analysis.report import colophon

colophon()
