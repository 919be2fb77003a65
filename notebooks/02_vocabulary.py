# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Vocabulary: which words set each outlet apart (RQ1)
#
# Before asking how the outlets *frame* DeepSeek (notebook 03), this notebook
# asks what they *talk about*:
#
# 1. what is counted (the choices behind every number below);
# 2. the most frequent words of each outlet;
# 3. TF-IDF: frequent words weighed down when every text uses them;
# 4. keyness: the words each outlet uses more than all the others together
#    (Figure 2), and those words in their sentences (KWIC);
# 5. which outlets resemble each other (Figure 3);
# 6. which words travel together in sentences, the 연관어 network (Figure 9).
#
# All computing happens in `analysis.vocabulary`; `analysis.plots` draws.

# %% tags=["parameters"]
corpus_dir = None  # None: the seed corpus in seeds/; or a folder with metadata.csv
output_dir = None  # None: figures/ and tables/ of the project; or a folder for another corpus
figures_dir = None  # None: the figures/ folder of output_dir; or any folder for the figures
top_outlets = 12  # figures 2 and 3 show the outlets with most sentences; the tables and CSVs keep all

# %%
import pandas as pd
from IPython.display import Markdown

from analysis import paths, plots, vocabulary
from analysis.pipeline import prepare
from analysis.report import corpus_facts, seed_reading
from analysis.summaries import OTHER_OUTLETS, fold_outlets

study = prepare(corpus_dir)
facts = corpus_facts(study.corpus.documents, corpus_dir)
figures = figures_dir if figures_dir is not None else paths.outputs(output_dir).figures
plots.use_study_style()
pd.set_option("display.max_columns", 20)
pd.set_option("display.width", 160)

options = vocabulary.DfmOptions()  # content-word tags, kiwipiepy + project stopwords, no n-grams
n_top = 10  # terms shown per outlet
min_term_count = 2  # keyness: terms used at least this often in the corpus
kwic_window = 5  # KWIC: words (eojeol) of context on each side
min_pair_count = 3  # co-occurrence: pairs found together in at least this many sentences
network_size = 40  # co-occurrence network: number of strongest pairs drawn
layout_seed = 2025  # fixed seed of the network layout
by_document = vocabulary.dfm(study.tokens, study.sentences, by="document", options=options)
by_sentence = vocabulary.dfm(study.tokens, study.sentences, by="sentence", options=options)

# %% [markdown]
# ## 1. What is counted
#
# A *term* is the `norm` of a token from the morphological analyser: the
# dictionary form of verbs and adjectives (내놓았다 → 내놓다) and one spelling
# for the variants of a name (DeepSeek, 딥씩 → 딥시크). Only content words
# count: general and proper nouns (NNG, NNP), verbs (VV), adjectives (VA),
# roots (XR, as 심각 in 심각하다) and words in Latin letters (SL, e.g. AI).
# A gloss in brackets, as in 딥시크(DeepSeek), is not counted a second time.
# Two stopword lists drop words that say nothing about the topic: kiwipiepy's
# built-in list and the project's list of generic news words (bylines,
# captions, time expressions, reporting verbs), each entry with its reason in
# `analysis/data/stopwords_ko.txt`.

# %%
# NBVAL_CHECK_OUTPUT
stopwords = vocabulary.load_stopwords(sources=options.stopwords, extra=options.extra_stopwords)
print(options)
print("stopwords per list:", stopwords.groupby("source").size().to_dict())
print("project list:", ", ".join(stopwords.loc[stopwords["source"] == "project", "term"]))

# %% [markdown]
# How much text each outlet contributes after these choices. The texts differ
# in length, so the tables below use relative frequencies or length-normalized
# weights where it matters.

# %%
# NBVAL_CHECK_OUTPUT
by_document.summary()

# %% [markdown]
# ## 2. What each outlet talks about: raw frequency
#
# The most frequent terms of each outlet, with their counts. `doc_freq` in the
# full table counts the sentences that use a term.

# %%
# NBVAL_CHECK_OUTPUT
frequencies = vocabulary.frequency(by_sentence)
top_frequent = vocabulary.top_terms(frequencies, score="count", n=n_top)
vocabulary.top_terms_table(top_frequent, score="count", decimals=0)

# %%
# NBVAL_CHECK_OUTPUT
shared_top = sorted(set.intersection(*(set(g["term"]) for _, g in top_frequent.groupby("outlet"))))
print(f"terms among the {n_top} most frequent of every outlet: {', '.join(shared_top)}")

# %%
Markdown(
    f"Raw frequency mostly shows what *all* texts share: the topic itself. {len(shared_top)} term(s) are among the "
    f"{n_top} most frequent of every one of the {facts.n_outlets} outlets ({', '.join(shared_top) or 'none'}). "
    "That the same few words lead every list can be a finding, but it does not tell the outlets apart; the next "
    "two sections weigh the shared words down."
)

# %% [markdown]
# ## 3. TF-IDF, with idf over documents and over sentences
#
# TF-IDF multiplies a term's count in an outlet (tf) by its inverse document
# frequency, `idf = ln((1 + n) / (1 + df)) + 1`, and scales each outlet's
# vector to length 1 (see `analysis.vocabulary.tfidf`). With as few documents
# as here, `df` can take only a handful of values, so idf over documents can
# only sort terms into a few levels, and terms unique to one text all get the
# same top weight. Counting idf over sentences instead asks how *concentrated*
# a term is in the corpus. Both are shown.

# %%
# NBVAL_CHECK_OUTPUT
weights = {
    unit: vocabulary.tfidf(study.tokens, study.sentences, idf_unit=unit, options=options)
    for unit in ("document", "sentence")
}
for unit, table in weights.items():
    print(f"idf over {unit}s: n = {table.attrs['n_units']} units, {table['idf'].nunique()} distinct idf values")

# %%
# NBVAL_CHECK_OUTPUT
vocabulary.top_terms_table(vocabulary.top_terms(weights["document"], score="tfidf", n=n_top), score="tfidf", decimals=3)

# %%
# NBVAL_CHECK_OUTPUT
vocabulary.top_terms_table(vocabulary.top_terms(weights["sentence"], score="tfidf", n=n_top), score="tfidf", decimals=3)

# %%
# NBVAL_CHECK_OUTPUT
top_by_unit = {unit: vocabulary.top_terms(table, score="tfidf", n=n_top) for unit, table in weights.items()}
overlap = pd.DataFrame(
    {
        "shared top terms": top_by_unit["document"].merge(top_by_unit["sentence"], on=["outlet", "term"])
        .groupby("outlet", sort=False).size(),
        "of": top_by_unit["document"].groupby("outlet", sort=False).size(),
    }
)
overlap

# %%
seed_reading(facts, """Because tf is not damped, the topic words (AI, 중국, 미국) lead under either idf, and
most top terms are the same (table above); what moves are the words below them. Sentence-level idf lifts terms
that an outlet uses often but that sit in few sentences of the corpus (한국일보's 인재, 한경닷컴's 산업) and lowers
terms spread over the whole corpus (AI and 딥시크 in 동포투데이). Keyness, next, compares each outlet with the
others directly.""")

# %% [markdown]
# ## 4. Keyness: what each outlet says more than the others
#
# Each outlet is compared with all other outlets together. For every term the
# 2×2 table (this term / all other terms × this outlet / the rest) gives
# Dunning's log-likelihood G², signed negative when the outlet uses the term
# *less*, with Yates' correction when expected counts are small (as quanteda
# does), and Hardie's log ratio as effect size (+1 = twice as frequent).
# Terms used less than `min_term_count` times in the whole corpus are left
# out: a word used once cannot set an outlet apart.
#
# The p-values assume that every word is an independent draw, which is not
# true of words in one text, and many terms are tested per outlet: read G² as
# a ranking, and the p-values as descriptive.

# %%
keyness_table = vocabulary.keyness(by_document, measure="g2", correction="yates", min_count=min_term_count)
top_keyness = vocabulary.top_terms(keyness_table, score="g2", n=n_top)

# %%
# NBVAL_CHECK_OUTPUT
top_keyness.round({"g2": 3, "p": 4, "log_ratio": 3})

# %%
# NBVAL_CHECK_OUTPUT
overused = keyness_table.assign(overused=(keyness_table["g2"] > 0) & (keyness_table["p"] < 0.05))
overused.groupby("outlet", sort=False)["overused"].agg(["size", "sum"]).rename(
    columns={"size": "terms tested", "sum": "over-used at p < 0.05"}
)

# %%
shown_outlets = [o for o in dict.fromkeys(fold_outlets(study.sentences["outlet"], top=top_outlets)) if o != OTHER_OUTLETS]
figure = plots.plot_distinctive_terms(top_keyness[top_keyness["outlet"].isin(shown_outlets)], score="g2")
plots.save_figure(figure, "fig02_distinctive_terms", top_keyness, directory=figures)

# %%
Markdown(
    f"Figures 2 and 3 show the {len(shown_outlets)} outlets with most sentences, of {facts.n_outlets}; the CSV beside "
    "each figure and the tables above have all of them." if len(shown_outlets) < facts.n_outlets
    else f"Figures 2 and 3 show all {facts.n_outlets} outlets."
)

# %% [markdown]
# **Figure 2.** For each outlet the terms with the highest positive G²
# against all the other outlets. Many terms of one outlet can share a score:
# a term used twice by one text and never by the others always gets the same
# G², so the order among them is alphabetical, not a ranking. Model names
# (o1, R1, V3) are single terms through the variant table.

# %%
seed_reading(facts, """The distinctive vocabulary follows each text's angle: talent, open source and researchers
(동포투데이); artificial-intelligence industry, clusters, the gap and its seriousness (한경닷컴); an intern's high
pay, patriotism, and medical school against engineering (의대, 이공; 한국일보); Korea, openness (공개), monopoly and
controversy (the blog); support, stepping up (나서다) and voices calling for it (머니S).""")

# %% [markdown]
# ### The key terms in context (KWIC)
#
# The first sentences in which each outlet uses its most distinctive term,
# with `kwic_window` words (eojeol) of context on each side.

# %%
# NBVAL_CHECK_OUTPUT
leading_terms = top_keyness.groupby("outlet", sort=False)["term"].first().reset_index()
in_context = pd.concat(
    [vocabulary.kwic(study.sentences, study.tokens, term, window=kwic_window).assign(term=term) for term in leading_terms["term"]],
    ignore_index=True,
)
in_context.merge(leading_terms, on=["outlet", "term"]).groupby("outlet", sort=False).head(3).drop(
    columns="term"
).reset_index(drop=True)

# %% [markdown]
# ## 5. Which outlets resemble each other
#
# Cosine similarity of the outlets' TF-IDF vectors (idf over documents, the
# usual choice for comparing documents): 1 = the same weighted vocabulary,
# 0 = no shared term.

# %%
# NBVAL_CHECK_OUTPUT
similarity = vocabulary.similarity(weights["document"])
similarity.round(3)

# %%
figure = plots.plot_similarity_heatmap(similarity.loc[shown_outlets, shown_outlets])
plots.save_figure(figure, "fig03_outlet_similarity", similarity.reset_index(), directory=figures)

# %% [markdown]
# **Figure 3.** Cosine similarity of the outlets' TF-IDF vectors. Is the ranking of pairs an
# artefact of the idf choice? The pairs under both idf units, and each
# outlet's mean similarity to the others:

# %%
# NBVAL_CHECK_OUTPUT
pairs_by_unit = {unit: vocabulary.similarity_pairs(vocabulary.similarity(table)) for unit, table in weights.items()}
pairs_by_unit["document"].merge(
    pairs_by_unit["sentence"], on=["outlet_a", "outlet_b"], suffixes=("_idf_document", "_idf_sentence")
).round(3)

# %%
# NBVAL_CHECK_OUTPUT
pd.DataFrame(
    {
        f"mean cosine, idf over {unit}s": (vocabulary.similarity(table).sum(axis=1) - 1)
        / (table["outlet"].nunique() - 1)
        for unit, table in weights.items()
    }
).round(3)

# %%
# NBVAL_CHECK_OUTPUT
closest = {unit: pairs.iloc[0] for unit, pairs in pairs_by_unit.items()}
farthest = {unit: pairs.iloc[-1] for unit, pairs in pairs_by_unit.items()}
for unit in pairs_by_unit:
    print(
        f"idf over {unit}s: closest {closest[unit]['outlet_a']}–{closest[unit]['outlet_b']} "
        f"({closest[unit]['cosine']:.3f}), farthest {farthest[unit]['outlet_a']}–{farthest[unit]['outlet_b']} "
        f"({farthest[unit]['cosine']:.3f})"
    )
print(
    "same closest pair under both idf units:",
    tuple(closest["document"][["outlet_a", "outlet_b"]]) == tuple(closest["sentence"][["outlet_a", "outlet_b"]]),
)

# %%
seed_reading(facts, """The similarities are moderate and close to each other: every text shares the China–US–AI
core, and each adds its own angle. The editorial column of 한국일보, built around one person's story, has the
lowest mean similarity to the others under both idf units; the blog and 머니S, both arguing about strategy and what
Korea should do, are the closest pair.""")

# %% [markdown]
# ## 6. Words that travel together: the 연관어 network
#
# Two terms co-occur when they appear in the same sentence. The table lists
# the pairs found together in at least `min_pair_count` sentences with two association
# measures: PMI (how much more often than chance; favours rare pairs) and
# Jaccard (share of the sentences with either term that contain both).

# %%
cooccurrences = vocabulary.cooccurrence(by_sentence, min_count=min_pair_count)
network = vocabulary.cooccurrence_graph(cooccurrences, top_n=network_size, weight="n_ab")
edges = vocabulary.graph_edges(network)
positions = vocabulary.graph_layout(network, seed=layout_seed)

# %%
# NBVAL_CHECK_OUTPUT
cooccurrences.head(15).round(3)

# %%
# NBVAL_CHECK_OUTPUT
cooccurrences.sort_values(["pmi", "term_a", "term_b"], ascending=[False, True, True]).head(10).reset_index(drop=True).round(3)

# %%
figure = plots.plot_cooccurrence_network(edges, positions)
plots.save_figure(figure, "fig09_cooccurrence_network", edges, directory=figures)

# %% [markdown]
# **Figure 9.** The strongest co-occurrence pairs (by number of shared
# sentences); node size is the number of sentences with the term.

# %%
seed_reading(facts, """AI, 중국 and 미국 form the hub: the texts discuss DeepSeek as a move in a China–US contest
rather than as a product. Ranked by PMI instead, the pairs show narrower arguments (계획–발전, 데이터–학습, 비용–훈련,
엔비디아–칩).""")

# %% [markdown]
# ## Summary
#
# Computed from the tables above:

# %%
# NBVAL_CHECK_OUTPUT
hub = positions.sort_values(["degree", "term"], ascending=[False, True]).iloc[0]
print(f"shared core of every outlet's most frequent terms: {', '.join(shared_top)}")
print(f"most connected term of the co-occurrence network: {hub['term']} ({hub['degree']} of {len(edges)} edges)")
for outlet, rows in top_keyness.groupby("outlet", sort=False):
    print(f"{outlet}: {', '.join(rows['term'].head(5))}")
