"""The coded sentence table, made by one compiled :class:`Coder`.

A :class:`Coder` holds the instruments — codebook, polarity lexicon, tone
rules, stance targets, voices tables — and their options. It reads and
compiles them once, in ``__init__``, and then codes any number of
tokenized corpora with :meth:`Coder.transform`, which gives one row per
sentence::

    sent_id, doc_id, outlet, role, text, frame_<id>..., prescription, addressee,
    tone, polarity, stance_<target>..., evidence

with one ``frame_<id>`` column per frame of the codebook and one
``stance_<target>`` column per target of the targets file. ``evidence``
gathers what triggered each code (matched terms and their character
positions), so every number can be traced back to words. The table's
``attrs`` name the instruments and their content hashes (also written beside
every coded CSV by :func:`write_coded`).

A trained component plugs in with ``Coder(model=...)``: see :meth:`Coder.transform`.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import time
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from analysis.framing import Codebook, frame_row, load_codebook
from analysis.lexicon import LexiconIndex, as_lexicon, index_lexicon, load_lexicon
from analysis.sentences import SentenceView, sentence_views
from analysis.stance import check_window, stance_row
from analysis.targets import StanceTargets, load_targets
from analysis.tokenize import Tokenized, tokenize_units
from analysis.tone import DEFAULT_THRESHOLDS, ToneRules, check_thresholds, load_tone_rules, tone_row, view_scored_words

SENTENCE_COLUMNS = ["sent_id", "doc_id", "outlet", "role", "text"]
#: Code columns a trained model may replace (besides the frame and stance columns).
MODEL_CODES = ("prescription", "tone")
SIDECAR_SUFFIX = ".json"


class InputError(ValueError):
    """A units file (.txt or .csv) cannot be coded as given."""


class CodingModel(Protocol):
    """What :class:`Coder` needs of a trained component (see :meth:`Coder.transform`)."""

    name: str

    def predict(self, tokens: pd.DataFrame, dictionary_coded: pd.DataFrame) -> pd.DataFrame: ...


def _file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _table_hash(table: pd.DataFrame) -> str:
    buffer = io.StringIO()
    table.to_csv(buffer, index=False, lineterminator="\n")
    return hashlib.sha256(buffer.getvalue().encode("utf-8")).hexdigest()


class Coder:
    """Frames, prescription, tone and stance of every sentence, from instruments compiled once.

    Parameters follow scikit-learn's convention: kept as given; what is built
    from them carries a trailing underscore.

    Parameters
    ----------
    codebook : path-like or Codebook, optional
        Default ``analysis/data/codebook.yaml``; the frames are those it defines.
    lexicon : path-like or DataFrame, optional
        A polarity lexicon (see :func:`analysis.lexicon.load_lexicon`).
    tone_rules : path-like or ToneRules, optional
        Negators, intensifiers and the stance predicate lists (default
        ``analysis/data/tone_rules.yaml``).
    targets : path-like or StanceTargets, optional
        Stance targets and their aliases (default ``analysis/data/targets.yaml``);
        one ``stance_<id>`` column per target of the file.
    voices : path-like, optional
        Reporting verbs and speaker tables for :meth:`extract_voices` (default
        ``analysis/data/voices.yaml``).
    entities : path-like, optional
        Your own table of people, institutions and media with their country
        for :meth:`extract_voices` (see :func:`analysis.voices.read_entity_table`),
        added to the voices file's; its entries win.
    thresholds : (float, float)
        ``(lower, upper)`` tone and stance thresholds.
    window : int, optional
        Maximum distance from a noun to the target it is given to (stance).
    model : object, optional
        A trained component with ``name`` and ``predict(tokens,
        dictionary_coded)``; see :meth:`transform`. ``None``: dictionary coding only.
    n_jobs : int, default 1
        Processes that code at once. ``1`` codes in this process. ``k > 1``
        splits a corpus of at least ``k × 500`` sentences by document into
        ``k`` parts, codes one part here and the others in ``k - 1`` worker
        processes, started on first use and kept until :meth:`close` (or the
        end of the program); ``-1`` uses every core. Every sentence is coded on
        its own, so the output is the same for any ``n_jobs``.

    Attributes
    ----------
    codebook_ : Codebook
    lexicon_ : pandas.DataFrame
    tone_rules_ : ToneRules
    targets_ : StanceTargets
    frame_ids_ : list of str
    target_ids_ : list of str
    columns_ : list of str
        The columns of the coded table, in order.
    instruments_ : dict
        Instrument name → ``{"source": ..., "sha256": ...}``.
    timings_ : dict
        Seconds spent by :meth:`transform` since the Coder was made: ``wall``
        (elapsed), and ``dictionary`` and ``model``, summed over the processes
        that coded (with ``n_jobs > 1`` they add up to more than ``wall``).

    Examples
    --------
    >>> coder = Coder()
    >>> coded = coder.transform(tokenize_units(["미국은 실패했지만 중국은 성공했다."]))
    >>> coded[["stance_china", "stance_us"]].iloc[0].tolist()
    [1, -1]
    >>> sorted(coded.attrs["instruments"])
    ['codebook', 'lexicon', 'targets', 'tone_rules']
    """

    def __init__(
        self,
        *,
        codebook: Path | str | Codebook | None = None,
        lexicon: Path | str | pd.DataFrame | None = None,
        tone_rules: Path | str | ToneRules | None = None,
        targets: Path | str | StanceTargets | None = None,
        voices: Path | str | None = None,
        entities: Path | str | None = None,
        thresholds: tuple[float, float] = DEFAULT_THRESHOLDS,
        window: int | None = None,
        model: CodingModel | None = None,
        n_jobs: int = 1,
    ) -> None:
        self.codebook = codebook
        self.lexicon = lexicon
        self.tone_rules = tone_rules
        self.targets = targets
        self.voices = voices
        self.entities = entities
        self.thresholds = thresholds
        self.window = window
        self.model = model
        self.n_jobs = n_jobs
        self._compile()

    # -- compiling ---------------------------------------------------------

    def _compile(self) -> None:
        self.n_jobs_ = _resolve_jobs(self.n_jobs)
        self._pool = None
        self._voice_tables = None
        self.timings_ = {"wall": 0.0, "dictionary": 0.0, "model": 0.0}
        self.lower_, self.upper_ = check_thresholds(self.thresholds)
        check_window(self.window)
        self.codebook_ = (
            self.codebook if isinstance(self.codebook, Codebook) else load_codebook(self.codebook)
        )
        if isinstance(self.lexicon, pd.DataFrame):
            self.lexicon_ = as_lexicon(self.lexicon)
            lexicon_source, lexicon_hash = "(table)", _table_hash(self.lexicon_[["term", "polarity"]])
        else:
            self.lexicon_ = load_lexicon(self.lexicon)
            lexicon_source = str(self.lexicon) if self.lexicon is not None else _default_path("lexicon")
            lexicon_hash = _file_hash(Path(lexicon_source))
        self.lexicon_index_: LexiconIndex = index_lexicon(self.lexicon_)
        self.tone_rules_ = (
            self.tone_rules if isinstance(self.tone_rules, ToneRules) else load_tone_rules(self.tone_rules)
        )
        self.targets_ = self.targets if isinstance(self.targets, StanceTargets) else load_targets(self.targets)
        self.targets_.by_first  # the alias index, built once
        self.frame_ids_ = [frame.id for frame in self.codebook_.frames]
        self.target_ids_ = list(self.targets_.targets)
        self.columns_ = [
            *SENTENCE_COLUMNS, *[f"frame_{i}" for i in self.frame_ids_], "prescription", "addressee",
            "tone", "polarity", *[f"stance_{t}" for t in self.target_ids_], "evidence",
        ]
        self._check_model_codes()
        self.instruments_ = {
            "codebook": _instrument(self.codebook_.path),
            "lexicon": {"source": lexicon_source, "sha256": lexicon_hash},
            "tone_rules": _instrument(Path(self.tone_rules_.source)),
            "targets": _instrument(Path(self.targets_.source)),
        }

    def _allowed_model_codes(self) -> set[str]:
        return {f"frame_{i}" for i in self.frame_ids_} | {f"stance_{t}" for t in self.target_ids_} | set(MODEL_CODES)

    def fits_model(self, model: CodingModel | None) -> bool:
        """Whether ``model`` codes only codes of these instruments (``None``, the dictionary alone, always does)."""
        codes = getattr(model, "codes_", None)
        return codes is None or all(code in self._allowed_model_codes() for code in codes)

    def _check_model_codes(self) -> None:
        """A trained model's codes must be codes of these instruments (checked before any coding)."""
        codes = getattr(self.model, "codes_", None)
        if codes is None:
            return
        unknown = [code for code in codes if code not in self._allowed_model_codes()]
        if unknown:
            name = getattr(self.model, "name", type(self.model).__name__)
            raise ValueError(
                f"model {name!r} was trained on codes that these instruments do not define: {unknown} "
                f"(codebook {self.codebook_.path}, targets {self.targets_.source}). Code with the dictionary "
                "alone (model 'dictionary', --model dictionary) or train a model on a coding with these "
                "instruments (python -m analysis train)."
            )

    def __getstate__(self) -> dict[str, Any]:
        # the parameters only: a worker compiles its own copy (regular expressions,
        # indexes) instead of unpickling them
        return {name: getattr(self, name) for name in _PARAMETERS}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name in _PARAMETERS:
            setattr(self, name, state[name])
        self._compile()

    def get_params(self) -> dict[str, Any]:
        """The parameters given to ``__init__`` (scikit-learn style)."""
        return {name: getattr(self, name) for name in _PARAMETERS}

    def __repr__(self) -> str:
        given = ", ".join(
            f"{k}={v!r}" for k, v in self.get_params().items()
            if v is not None and k != "thresholds" and not (k == "n_jobs" and v == 1)
        )
        return f"Coder({given})"

    # -- coding --------------------------------------------------------------

    def code_views(self, views: list[SentenceView]) -> list[list]:
        """Code rows for sentence views: frames, prescription, addressee, tone, polarity, stances, evidence."""
        cb, index, rules, spec = self.codebook_, self.lexicon_index_, self.tone_rules_, self.targets_
        lower, upper, window = self.lower_, self.upper_, self.window
        rows = []
        for view in views:
            framed = frame_row(view, cb)
            words = view_scored_words(view, index, rules)
            polarity, tone, tone_evidence = tone_row(view, words, lower, upper)
            stances, stance_evidence = stance_row(
                view, spec, lambda words=words: words, rules, window=window, lower=lower, upper=upper,
            )
            *flags, prescription, addressee, frame_evidence, _ = framed
            evidence = " | ".join(part for part in (frame_evidence, tone_evidence, stance_evidence) if part)
            rows.append([*flags, prescription, addressee, tone, polarity, *stances, evidence])
        return rows

    def transform(self, tokenized: Tokenized) -> pd.DataFrame:
        """Code every sentence of a tokenized corpus.

        Parameters
        ----------
        tokenized : Tokenized
            From :func:`analysis.tokenize.tokenize_corpus`, ``tokenize_units``
            or :func:`analysis.pipeline.prepare` (``.tokenized``).

        Returns
        -------
        pandas.DataFrame
            One row per sentence in the order of ``tokenized.sentences``, with
            :attr:`columns_`; ``attrs["instruments"]`` names each instrument's
            source and SHA-256, ``attrs["coder"]`` the options.

        Notes
        -----
        With a ``model``, the dictionary coding is made first; then
        ``model.predict(tokens, dictionary_coded)`` is called with the
        per-sentence token table the Coder used (glosses included, in text
        order) and the dictionary's coded table. It returns a DataFrame with
        the same index holding some code columns (``frame_*``,
        ``prescription``, ``tone``, ``stance_*``) plus ``certainty`` (float)
        and ``model_evidence`` (str). Those code columns are replaced; the
        dictionary's values are kept in ``dict_<code>`` columns, its evidence
        in ``evidence``, and the model's name (and ``sha256`` when it has one)
        in ``attrs["model"]``.
        """
        start = time.perf_counter()
        parts = _document_parts(tokenized, self.n_jobs_)
        if len(parts) == 1:
            coded, seconds = self._transform_part(tokenized)
            timings = [seconds]
        else:
            pool = self._worker_pool()
            futures = [pool.submit(_transform_in_worker, part) for part in parts[1:]]
            results = [self._transform_part(parts[0]), *(future.result() for future in futures)]
            coded = pd.concat([table for table, _ in results], ignore_index=True)
            coded.attrs = results[0][0].attrs
            timings = [seconds for _, seconds in results]
        for seconds in timings:
            for name, value in seconds.items():
                self.timings_[name] += value
        self.timings_["wall"] += time.perf_counter() - start
        return coded

    def _transform_part(self, tokenized: Tokenized) -> tuple[pd.DataFrame, dict[str, float]]:
        """The coded table of ``tokenized`` in this process, and the seconds of the dictionary and the model."""
        start = time.perf_counter()
        sentences, tokens = tokenized.sentences, tokenized.tokens
        views = sentence_views(sentences, tokens)
        codes = self.columns_[len(SENTENCE_COLUMNS):]
        coded = pd.DataFrame(self.code_views(views), columns=codes)
        base = sentences.reindex(columns=SENTENCE_COLUMNS).reset_index(drop=True)
        coded = pd.concat([base, coded], axis=1)
        for column in [f"frame_{i}" for i in self.frame_ids_] + ["prescription"]:
            coded[column] = coded[column].astype("int64")
        coded["tone"] = coded["tone"].astype("Int64")
        coded["polarity"] = coded["polarity"].astype(float)
        for target in self.target_ids_:
            coded[f"stance_{target}"] = coded[f"stance_{target}"].astype("Int64")
        coded.attrs = self.attrs()
        seconds = {"dictionary": time.perf_counter() - start, "model": 0.0}
        if self.model is not None:
            start = time.perf_counter()
            coded = self._apply_model(coded, tokens)
            seconds["model"] = time.perf_counter() - start
        return coded, seconds

    def _worker_pool(self):
        """The ``n_jobs - 1`` worker processes, started once; each compiles its own copy of this Coder."""
        if self._pool is None:
            # loky (joblib's process executor) starts clean processes, without this
            # process's threads (Kiwi's), and without re-running the main script
            from joblib.externals.loky.process_executor import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(
                max_workers=self.n_jobs_ - 1,
                initializer=_start_worker, initargs=({**self.get_params(), "n_jobs": 1},),
            )
        return self._pool

    def close(self) -> None:
        """Stop the worker processes (a later :meth:`transform` starts new ones)."""
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> "Coder":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _apply_model(self, coded: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
        predicted = self.model.predict(tokens, coded)
        allowed = self._allowed_model_codes()
        if not predicted.index.equals(coded.index):
            raise ValueError(f"model {getattr(self.model, 'name', self.model)!r}: predict() must return the index of the coded table.")
        missing = [c for c in ("certainty", "model_evidence") if c not in predicted.columns]
        unknown = [c for c in predicted.columns if c not in allowed | {"certainty", "model_evidence"}]
        if missing or unknown:
            raise ValueError(
                f"model {getattr(self.model, 'name', self.model)!r}: predict() lacks {missing} or returns "
                f"columns the Coder does not code {unknown}; allowed: {sorted(allowed)}."
            )
        result = coded.copy()
        for column in [c for c in self.columns_ if c in predicted.columns]:
            result[f"dict_{column}"] = coded[column]
            result[column] = predicted[column].astype(coded[column].dtype)
        result["certainty"] = predicted["certainty"].astype(float)
        result["model_evidence"] = predicted["model_evidence"].fillna("").astype(str)
        result.attrs = {**coded.attrs, "model": {
            "name": str(getattr(self.model, "name", type(self.model).__name__)),
            "sha256": getattr(self.model, "sha256", None),
            "replaces": [c for c in self.columns_ if c in predicted.columns],
        }}
        return result

    def attrs(self) -> dict[str, Any]:
        """What the coded table records of its making: instruments, hashes and options."""
        return {
            "instruments": {name: dict(value) for name, value in self.instruments_.items()},
            "coder": {"thresholds": list(self.thresholds), "window": self.window},
        }

    def empty_table(self) -> pd.DataFrame:
        """A coded table with no rows: the columns and ``attrs`` of this Coder's output."""
        table = pd.DataFrame(columns=self.columns_)
        table.attrs = self.attrs()
        return table

    def voice_tables(self):
        """The voices file and your entity table, read once (on first use: frames and tone do not need them).

        Raises
        ------
        analysis.voices.VoicesError
            A missing or malformed file, named in the message.
        """
        from analysis.voices import load_voice_tables

        if self._voice_tables is None:
            self._voice_tables = load_voice_tables(self.voices, entities=self.entities)
        return self._voice_tables

    def extract_voices(self, tokenized: Tokenized) -> pd.DataFrame:
        """Quotations and citations (see :func:`analysis.voices.extract_voices`) with these targets."""
        from analysis.voices import voices_from_views

        views = sentence_views(tokenized.sentences, tokenized.tokens)
        return voices_from_views(tokenized.sentences, views, tables=self.voice_tables(), targets=self.targets_)


_PARAMETERS = ("codebook", "lexicon", "tone_rules", "targets", "voices", "entities", "thresholds", "window", "model",
               "n_jobs")
#: Below this many sentences per process, a corpus is coded in one process (starting work costs more).
MIN_SENTENCES_PER_JOB = 500

# the Coder of a worker process (see Coder._worker_pool)
_WORKER_CODER: "Coder | None" = None


def _resolve_jobs(n_jobs: int) -> int:
    """``n_jobs`` as a number of processes (``-1``: every core this process may use)."""
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or not (n_jobs >= 1 or n_jobs == -1):
        raise ValueError(f"n_jobs must be a positive number of processes or -1 (every core), got {n_jobs!r}.")
    if n_jobs == -1:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return n_jobs


def _start_worker(params: dict[str, Any]) -> None:
    global _WORKER_CODER
    _WORKER_CODER = Coder(**params)


def _transform_in_worker(tokenized: Tokenized) -> tuple[pd.DataFrame, dict[str, float]]:
    return _WORKER_CODER._transform_part(tokenized)


def _document_parts(tokenized: Tokenized, n_jobs: int) -> list[Tokenized]:
    """``tokenized`` cut into at most ``n_jobs`` runs of whole documents of about equal sentence counts, in order.

    One part (``tokenized`` itself) when there is one job, when the corpus has
    fewer than ``n_jobs × MIN_SENTENCES_PER_JOB`` sentences, or when the
    tables lack ``doc_id``.
    """
    sentences, tokens = tokenized.sentences, tokenized.tokens
    if (n_jobs < 2 or len(sentences) < n_jobs * MIN_SENTENCES_PER_JOB
            or "doc_id" not in sentences.columns or "doc_id" not in tokens.columns):
        return [tokenized]
    documents = sentences["doc_id"].to_numpy()
    # a cut may fall only where a new document begins
    boundaries = [0] + [i for i in range(1, len(documents)) if documents[i] != documents[i - 1]]
    cuts = sorted({min(boundaries, key=lambda b: (abs(b - k * len(documents) / n_jobs), b)) for k in range(1, n_jobs)} - {0})
    edges = [0, *cuts, len(documents)]
    parts = []
    for begin, end in zip(edges, edges[1:]):
        part_sentences = sentences.iloc[begin:end]
        part_tokens = tokens[tokens["doc_id"].isin(set(part_sentences["doc_id"]))]
        parts.append(Tokenized(sentences=part_sentences, tokens=part_tokens))
    seen = sum(len(part.sentences) for part in parts)
    if seen != len(sentences) or sum(len(part.tokens) for part in parts) != len(tokens):
        # a document's sentences are not contiguous: code in one process rather than lose or repeat any
        return [tokenized]
    return parts


def _default_path(name: str) -> str:
    from analysis import paths
    from analysis.lexicon import LEXICON_FILE

    return str(paths.package_data({"lexicon": LEXICON_FILE}[name]))


def _instrument(path: Path) -> dict[str, str]:
    return {"source": str(path), "sha256": _file_hash(path)}


def sidecar_path(csv_path: Path | str) -> Path:
    """The JSON file written beside a coded CSV (``coded.csv`` → ``coded.csv.json``)."""
    csv_path = Path(csv_path)
    return csv_path.with_name(csv_path.name + SIDECAR_SUFFIX)


def write_sidecar(coded: pd.DataFrame, csv_path: Path | str, *, rows: int | None = None) -> Path:
    """Write the coded table's ``attrs`` (instruments, hashes, options) as JSON beside ``csv_path``.

    ``rows`` gives the row count when ``coded`` is not the whole table (a
    batched run writes the CSV batch by batch). Returns the JSON path.
    """
    target = sidecar_path(csv_path)
    record = {
        "table": Path(csv_path).name, "rows": int(len(coded) if rows is None else rows),
        "columns": list(coded.columns), **coded.attrs,
    }
    target.write_text(json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


def code_sentences(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame,
    *,
    codebook: Path | str | None = None,
    lexicon: Path | str | pd.DataFrame | None = None,
    targets: Path | str | None = None,
    tone_rules: Path | str | None = None,
) -> pd.DataFrame:
    """Code every sentence: ``Coder(...).transform(Tokenized(sentences, tokens))``.

    A convenience for one call; to code several tables with the same
    instruments, build one :class:`Coder` and call its ``transform``.

    Examples
    --------
    >>> units = tokenize_units(["미국과 중국의 AI 패권 경쟁이 본격화되고 있다."])
    >>> code_sentences(units.sentences, units.tokens)["frame_rivalry"].tolist()  # doctest: +SKIP
    [1]
    """
    coder = Coder(codebook=codebook, lexicon=lexicon, targets=targets, tone_rules=tone_rules)
    return coder.transform(Tokenized(sentences=sentences, tokens=tokens))


def read_units(path: Path | str, *, text_column: str = "text") -> list[str]:
    """Units to code from a ``.txt`` (one unit a line) or a ``.csv`` (a text column).

    Empty lines of a ``.txt`` are not units; every other line is one, in order.
    For a ``.csv`` every row is a unit, and an empty text is an error (it
    would otherwise vanish from the output).

    Raises
    ------
    InputError
        Unknown file type, missing column, empty texts, no units.
    """
    from analysis.corpus import decode_bytes

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found.")
    text, _ = decode_bytes(path.read_bytes(), source=path)
    if path.suffix.lower() == ".txt":
        units = [line.strip() for line in text.split("\n") if line.strip()]
    elif path.suffix.lower() == ".csv":
        import io

        # blank lines are rows too: an empty unit must be reported, not skipped
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skip_blank_lines=False)
        if text_column not in table.columns:
            raise InputError(
                f"{path}: no {text_column!r} column (columns: {', '.join(table.columns)}); "
                "name the text column with --text-column."
            )
        empty = [i + 2 for i, value in enumerate(table[text_column]) if not value.strip()]
        if empty:
            raise InputError(f"{path}: empty {text_column!r} on line(s) {empty[:10]}.")
        units = table[text_column].str.strip().tolist()
    else:
        raise InputError(f"{path}: expected a corpus folder, a .txt or a .csv file.")
    if not units:
        raise InputError(f"{path}: no units to code.")
    return units


def units_as_sentences(units: list[str], *, name: str = "units") -> Tokenized:
    """Tokenize units as given (no sentence splitting), labelled with an outlet ``name``."""
    tokenized = tokenize_units(units)
    tokenized.sentences["outlet"] = name
    tokenized.sentences["file"] = name
    tokenized.tokens["file"] = name
    return tokenized
