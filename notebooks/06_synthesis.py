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
# # 6. Synthesis: how the outlets framed DeepSeek
#
# This notebook tells the findings of notebooks 1–5 side by side, one research question at a
# time: what sets each outlet apart, which frames each leads with, its tone and its stance
# toward China, the United States and Korea with their intervals, whose voices it carries, and
# what it tells Korea to do. Each measure is followed by how far it agrees with the manual
# coding, so that a reader knows how far to trust it.
#
# The prose is written from the computed tables (`analysis.synthesis`), so it follows the
# corpus being reported. The seed study's own comparative claims appear only for the seed
# corpus, each with a check that fails when the data stop supporting it.

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
from IPython.display import Markdown

from analysis import paths, plots, synthesis
from analysis.tables import write_json
from analysis.framing import frame_labels
from analysis.pipeline import coded_study, write_csv
from analysis.report import corpus_facts, seed_reading
from analysis.summaries import (
    AUTOMATED,
    MANUAL,
    count_voices,
    fold_outlets,
    frame_prominence_by_source,
    outlet_profiles,
    stance_by_source,
    tone_by_source,
)
from analysis.validation import agreement, code_columns
from analysis.vocabulary import dfm, keyness, similarity, similarity_pairs, tfidf

pd.set_option("display.max_colwidth", 120)
outputs = paths.outputs(output_dir)
coded_run = coded_study(corpus_dir, manual_coding=manual_coding, model=model, codebook=codebook, targets=targets,
                        lexicon=lexicon, tone_rules=tone_rules, voices=voices_file, entities=entities)
study, coded, manual = coded_run.study, coded_run.coded, coded_run.manual
figure_sentences = study.sentences.assign(outlet=fold_outlets(study.sentences["outlet"], top=top_outlets))
facts = corpus_facts(study.corpus.documents, corpus_dir)
voices = coded_run.coder.extract_voices(study.tokenized)  # with the run's targets, voices file and entities
key_terms = keyness(dfm(study.tokens, study.sentences, by="outlet"), measure="g2")
profiles = outlet_profiles(study.sentences, coded, voices, key_terms, manual=manual)
coder = coded_run.coder
scores = (agreement(coded.set_index("sent_id"), manual, columns=code_columns(coder.frame_ids_, coder.target_ids_))
          if manual is not None else None)
labels = frame_labels(coder.codebook_)
# the seed study's own claims name its frames, targets and outlets: only for the seed corpus with its own instruments
seed_claims = facts.seed and codebook is None and targets is None
sources = [AUTOMATED, MANUAL] if manual is not None else [AUTOMATED]
Markdown(f"**This report: {facts.summary()}**; {len(study.sentences):,} sentences"
         + ("; with manual coding of every sentence." if manual is not None else "; no manual coding."))

# %% [markdown]
# ## The outlets at a glance
#
# Distinctive terms are the top keyness terms (G², each outlet against the others, notebook 2);
# frames are the most frequent in body sentences (automated, and manual where it exists); tone
# and stances are means from -1 to +1; voices count quotations and citations by the speaker's
# country.

# %%
# NBVAL_CHECK_OUTPUT
write_csv(profiles, outputs.tables / "outlet_profiles.csv")
profiles.set_index("outlet").T

# %% [markdown]
# ## RQ1. What sets each outlet apart: vocabulary

# %%
pairs = similarity_pairs(similarity(tfidf(study.tokens, study.sentences)))
mean_similarity = (similarity(tfidf(study.tokens, study.sentences)).sum(axis=1) - 1) / max(facts.n_outlets - 1, 1)
findings = {"corpus": facts.summary(), "questions": {}}
reference = MANUAL if manual is not None else AUTOMATED  # the source the key findings quote
findings["questions"]["RQ1 vocabulary"] = synthesis.vocabulary_paragraph(profiles, pairs, mean_similarity)
Markdown(findings["questions"]["RQ1 vocabulary"]
         + "\n\n*Validation:* vocabulary is counted, not coded; what is counted (tags, stopwords, variants) is "
         "stated in notebook 2, and figure 2 shows the terms.")

# %%
if seed_claims:
    display(synthesis.check_claim(
        "the blog and 머니S, both arguing about what Korea should do, are the closest pair by vocabulary",
        {pairs.iloc[0]["outlet_a"], pairs.iloc[0]["outlet_b"]} == {"개인 블로그", "머니S"},
        evidence=f"closest pair {pairs.iloc[0]['outlet_a']}–{pairs.iloc[0]['outlet_b']}, cosine {pairs.iloc[0]['cosine']:.2f}",
    ))
    display(synthesis.check_claim(
        "한국일보's column, built around one person's story, is the least like the others",
        mean_similarity.idxmin() == "한국일보",
        evidence=f"mean cosine {mean_similarity.min():.2f} ({mean_similarity.idxmin()})",
    ))

# %% [markdown]
# ## RQ2. Which frames each outlet leads with
#
# Figure 4 (drawn here from the same table as in notebook 3): the share of each outlet's body
# sentences carrying each frame.

# %%
prominence = frame_prominence_by_source(coded, manual, figure_sentences)
plots.save_figure(plots.plot_frame_prominence(prominence), "fig04_frame_prominence", prominence,
                  directory=outputs.figures)

# %%
focus = {"rivalry": "a US–China contest", "korea_response": "a lesson or a crisis for Korea"}
focus = {frame: name for frame, name in focus.items() if frame in labels}  # frames of another codebook: none
findings["questions"]["RQ2 frames"] = f"({reference}) " + synthesis.frames_paragraph(
    prominence[prominence["source"] == reference], focus=focus)
Markdown("\n\n".join(
    f"**{source}.** " + synthesis.frames_paragraph(prominence[prominence["source"] == source], focus=focus)
    for source in sources
) + "\n\n" + synthesis.validation_sentence(scores, {f"frame_{key}": label for key, label in labels.items()}))

# %%
if seed_claims:
    for source in sources:
        part = prominence[prominence["source"] == source]
        talent = part[part["frame"] == "talent"]
        korea = part[part["frame"] == "korea_response"]
        display(synthesis.check_claim(
            f"동포투데이, relaying a column on China's engineers, leads with the talent frame ({source})",
            synthesis.ranked(part[part["outlet"] == "동포투데이"], "share", by="frame")[0] == "talent",
            evidence=f"talent share {talent.set_index('outlet').loc['동포투데이', 'share']:.0%}",
        ))
        display(synthesis.check_claim(
            f"머니S gives Korea's crisis and response the largest share of any outlet ({source})",
            synthesis.ranked(korea, "share")[0] == "머니S",
            evidence=", ".join(f"{r.outlet} {r.share:.0%}" for r in korea.itertuples()),
        ))

# %% [markdown]
# ## RQ3. Tone, and stance toward China, the United States and Korea
#
# Figure 6: mean sentence tone per outlet with 95% bootstrap intervals.

# %%
tone = tone_by_source(coded, manual, figure_sentences, random_state=0)
plots.save_figure(plots.plot_tone_by_outlet(tone), "fig06_tone_by_outlet", tone, directory=outputs.figures)

# %%
findings["questions"]["RQ3 tone"] = f"({reference}) " + synthesis.tone_paragraph(tone[tone["source"] == reference])
Markdown("\n\n".join(
    f"**{source}.** " + synthesis.tone_paragraph(tone[tone["source"] == source]) for source in sources
) + "\n\n" + synthesis.validation_sentence(scores, {"tone": "tone"}))

# %%
if seed_claims:
    for source in sources:
        part = tone[tone["source"] == source]
        display(synthesis.check_claim(
            f"the personal blog is the most negative outlet ({source})",
            synthesis.ranked(part, "mean_tone", ascending=True)[0] == "개인 블로그",
            evidence=", ".join(f"{r.outlet} {r.mean_tone:+.2f}" for r in part.itertuples()),
        ))

# %% [markdown]
# Figure 7: mean stance toward each target, over the sentences that mention it.

# %%
stance = stance_by_source(coded, manual, figure_sentences, random_state=0)
plots.save_figure(plots.plot_stance_by_outlet(stance), "fig07_stance_by_outlet", stance, directory=outputs.figures)

# %%
target_names = {"china": "China/DeepSeek", "us": "the United States", "korea": "Korea"}
target_names = {t: target_names.get(t, t) for t in dict.fromkeys(stance["target"])}
findings["questions"]["RQ3 stance"] = f"({reference}) " + synthesis.stance_paragraph(
    stance[stance["source"] == reference], target_names=target_names)
Markdown("\n\n".join(
    f"**{source}.** " + synthesis.stance_paragraph(stance[stance["source"] == source], target_names=target_names)
    for source in sources
) + "\n\n" + synthesis.validation_sentence(scores, {f"stance_{t}": f"stance toward {n}" for t, n in target_names.items()}))

# %%
if seed_claims:
    us = stance[(stance["source"] == AUTOMATED) & (stance["target"] == "us")]
    display(synthesis.check_claim(
        "the blog, which blames American monopoly, is the least favourable toward the United States (automated)",
        synthesis.ranked(us.dropna(subset=["mean_stance"]), "mean_stance", ascending=True)[0] == "개인 블로그",
        evidence=", ".join(f"{r.outlet} {r.mean_stance:+.2f}" for r in us.itertuples()),
    ))

# %% [markdown]
# ## RQ4. Whose voices each outlet carries
#
# Figure 8: quotations and attributions per outlet, by the speaker's country; unattributed claims
# ("...라는 분석이 나온다", "업계에서는") apart.

# %%
voice_counts = count_voices(voices, figure_sentences)
plots.save_figure(plots.plot_voices_by_country(voice_counts), "fig08_voices_by_country", voice_counts,
                  directory=outputs.figures)

# %%
findings["questions"]["RQ4 voices"] = synthesis.voices_paragraph(voice_counts, country_names=plots.VOICE_COUNTRY_LABELS)
Markdown(findings["questions"]["RQ4 voices"]
         + "\n\n*Validation:* notebook 4 scores the voice extraction against the manual voice coding "
         "(`tables/validation_voices.csv`), and notebook 5 lists every voice with its sentence so that a reader can "
         "check them. \"Unknown\" countries are speakers the text does not place.")

# %%
if seed_claims:
    totals = voice_counts.groupby("outlet")["n"].sum()
    dongpo = voice_counts[(voice_counts["outlet"] == "동포투데이") & (~voice_counts["country"].isin(["unknown", "unattributed"]))]
    display(synthesis.check_claim(
        "동포투데이, relaying an American column, carries the most voices, most of them American",
        totals.idxmax() == "동포투데이" and synthesis.ranked(dongpo, "n", by="country")[0] == "US",
        evidence=f"{int(totals.max())} voices; " + ", ".join(f"{r.country} {r.n}" for r in dongpo.itertuples()),
    ))

# %% [markdown]
# ## RQ5. What each outlet tells Korea to do

# %%
findings["questions"]["RQ5 prescriptions"] = synthesis.prescriptions_paragraph(profiles)
Markdown(findings["questions"]["RQ5 prescriptions"] + "\n\n"
         + synthesis.validation_sentence(scores, {"prescription": "prescription"}))

# %%
if seed_claims:
    display(synthesis.check_claim(
        "머니S, a feature on Korea's way out, prescribes most",
        synthesis.ranked(profiles, "prescriptions")[0] == "머니S",
        evidence=", ".join(f"{r.outlet} {r.prescriptions}" for r in profiles.itertuples()),
    ))

# %% [markdown]
# ## Reading the whole
#
# The key findings above are also written to `tables/key_findings.json`, which the report's
# index page quotes.

# %%
write_json(findings, outputs.tables / "key_findings.json")
seed_reading(facts, """The texts part on what DeepSeek means for Korea. 동포투데이 relays an American view and
tells the story through China's engineers, with the most voices; the blog and 머니S, the closest pair by vocabulary,
argue most about what Korea should do — the blog in the most negative tone and the least favourable to the United
States, 머니S with the largest share of Korea's-response framing and the most prescriptions. Each of these
comparisons is checked above. The automated tone and stance agree least with the manual coding (α below the floor),
so those comparisons rest on the manual panels of figures 6 and 7.""")

# %% [markdown]
# ## Colophon

# %%
from analysis.report import colophon

colophon()
