"""The shipped training corpus and models: consistent, current, and reproducible by retraining."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import paths, training


@pytest.fixture(scope="module")
def corpus():
    return training.read_training_corpus()


def test_corpus_shape_and_split(corpus):
    units = corpus.units
    assert len(units) >= 4000 and units["unit_id"].is_unique and units["text"].is_unique
    assert set(units["writer"]) == {f"w{n}" for n in range(1, 11)}
    # the test split is a fifth of every writer's units (round 3: five of each writer's 26 articles)
    share = units.assign(test=units["split"] == "test").groupby("writer")["test"].mean()
    assert share.between(0.19, 0.21).all(), share.to_dict()


def test_round_three_is_split_by_article(corpus):
    """The units of a whole invented article are all in the training split or all in the test split."""
    articles = corpus.units[corpus.units["article_id"] != ""]
    assert set(articles["writer"]) == {"w8", "w9", "w10"}
    assert (articles.groupby("article_id")["split"].nunique() == 1).all()
    assert articles.groupby("writer")["article_id"].nunique().to_dict() == {"w8": 26, "w9": 26, "w10": 26}
    # the earlier rounds are single sentences, split one by one
    assert (corpus.units.loc[~corpus.units["writer"].isin(["w8", "w9", "w10"]), "article_id"] == "").all()


def test_every_frame_has_at_least_400_positives(corpus):
    frames = [c for c in corpus.labels.columns if c.startswith("frame_")]
    positives = (corpus.labels[frames] == 1).sum()
    assert len(frames) == 8 and (positives >= 400).all(), positives.to_dict()


def test_the_datasheet_prints_the_current_tables():
    text = (paths.TRAINING / "DATASHEET.md").read_text(encoding="utf-8")
    for name, table in training.datasheet_markdown(training.datasheet_tables()).items():
        assert table in text, f"DATASHEET.md's {name} table is out of date: paste training.datasheet_markdown()"


def test_labels_are_the_adjudicated_double_coding():
    folder = paths.TRAINING
    read = lambda name: pd.read_csv(folder / name, dtype=str, keep_default_na=False).set_index("unit_id")  # noqa: E731
    first, second, labels = read("coder_a.csv"), read("coder_b.csv"), read("labels.csv")
    decisions = pd.read_csv(folder / "adjudication.csv", dtype=str, keep_default_na=False)
    rebuilt = training.adjudicated_labels(first, second, decisions)
    pd.testing.assert_frame_equal(rebuilt.loc[labels.index], labels[rebuilt.columns])


def test_datasheet_tables_are_current():
    tables = training.datasheet_tables()
    for name, table in tables.items():
        shipped = pd.read_csv(paths.TRAINING / f"{name}.csv", keep_default_na=False)
        assert shipped.columns.tolist() == table.columns.tolist()
        assert len(shipped) == len(table)
        for column in table.columns:
            if pd.api.types.is_float_dtype(table[column]):
                assert (shipped[column].astype(float) - table[column]).abs().max() < 1e-4, column
            else:
                assert shipped[column].astype(str).tolist() == table[column].astype(str).tolist(), column


@pytest.mark.parametrize("name", sorted(training.SHIPPED_MODELS))
def test_shipped_models_were_trained_on_this_corpus(name):
    card = json.loads((training.model_folder(name) / training.CARD_FILE).read_text(encoding="utf-8"))
    expected = training.file_sha256(paths.TRAINING / "units.csv", paths.TRAINING / "labels.csv")
    assert card["training_data"]["sha256"] == expected, "the training corpus changed: run `make model`"
    assert training.load_model(training.model_folder(name)).codes_ == card["codes"]


def test_retraining_gives_identical_predictions(corpus, tmp_path):
    """`make model` is deterministic: retrained models predict the held-out split exactly as the shipped ones."""
    written = training.train_shipped_models(output=tmp_path, learning_curve_sizes=(), progress=None)
    test = corpus.split("test")
    tokens, coded = training.prepare_units(test.units["unit_id"].tolist(), test.units["text"].tolist(), name="test")
    for name, folder in written.items():
        shipped = training.load_model(training.model_folder(name)).predict(tokens, coded)
        retrained = training.load_model(folder).predict(tokens, coded)
        pd.testing.assert_frame_equal(shipped, retrained)
