"""Command-line interface: ``python -m analysis <command> ...``.

A thin face over the package: argument parsing and writing files only. Every
command reads the seed corpus unless ``--corpus DIR`` names another one.
Tables go to ``-o FILE`` (CSV, UTF-8), or to standard output without it.
Files are written to a temporary name and moved into place, so a failed run
leaves no partial output. Errors print one line naming the file and the
problem, and exit with status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable

import pandas as pd

from analysis import __version__

COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable]] = {}


def command(name: str, help_text: str, arguments: Callable[[argparse.ArgumentParser], None]):
    """Register a subcommand: its help, its arguments and its handler."""

    def register(handler: Callable[[argparse.Namespace], int]) -> Callable:
        COMMANDS[name] = (help_text, arguments, handler)
        return handler

    return register


def write_table(table: pd.DataFrame, output: str | None) -> None:
    """Write ``table`` as CSV to ``output`` atomically, or to stdout."""
    from analysis.pipeline import write_csv

    if output is None or output == "-":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    write_csv(table, output, bom=False)
    print(f"wrote {len(table)} rows to {output}", file=sys.stderr)


def _column_mapping(text: str) -> dict[str, str]:
    """Parse ``field=column,field=column`` into a mapping."""
    mapping = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        field, separator, column = part.partition("=")
        if not separator or not field.strip() or not column.strip():
            raise argparse.ArgumentTypeError(f"expected FIELD=COLUMN, got {part!r}")
        mapping[field.strip()] = column.strip()
    return mapping


def _corpus_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus", metavar="DIR", default=None,
        help="corpus folder (text files plus metadata.csv) or a CSV/XLSX table with one "
        "document a row (default: the seed corpus in seeds/)",
    )
    parser.add_argument(
        "--columns", metavar="FIELD=COLUMN,...", type=_column_mapping, default=None,
        help="for a corpus table: which column holds each field, e.g. text=본문,outlet=언론사",
    )
    parser.add_argument(
        "--preset", choices=["bigkinds"], default=None,
        help="for a corpus table: a known export format (BigKinds news search export)",
    )
    parser.add_argument(
        "--header-row", metavar="N", type=_positive_int, default=None,
        help="for a corpus table: the line (CSV) or row (XLSX) of the header, when title rows are "
        "above it (default: found among the first 20 rows)",
    )


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a line number (1, 2, ...), got {text!r}")
    return int(text)


def _load(args: argparse.Namespace):
    """The corpus of ``--corpus`` (or the seeds), read the one way every command reads it;
    how each file was decoded, and what loading had to do, goes to standard error."""
    from analysis.corpus import decoding_summary, load_corpus

    corpus = load_corpus(args.corpus, columns=args.columns, preset=args.preset, header_row=args.header_row)
    for line in decoding_summary(corpus):
        print(line, file=sys.stderr)
    return corpus


def _prepare(args: argparse.Namespace):
    """:func:`_load`, then cleaning and tokenization."""
    from analysis.pipeline import prepare

    return prepare(_load(args))


def _output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="CSV file to write (default: standard output)")


def _corpus_arguments(parser: argparse.ArgumentParser) -> None:
    _corpus_option(parser)
    _output_option(parser)
    parser.add_argument("--audit", action="store_true",
                        help="write the cleaning audit (one row per raw line) instead of sentences")


@command("corpus", "sentence table of the article text, or the cleaning audit", _corpus_arguments)
def _corpus(args: argparse.Namespace) -> int:
    if args.audit:
        from analysis.clean import AUDIT_COLUMNS, clean_corpus

        write_table(clean_corpus(_load(args)).lines[AUDIT_COLUMNS], args.output)
        return 0
    sentences = _prepare(args).sentences
    write_table(
        sentences[["file", "doc_id", "outlet", "para", "role", "sent_id", "text"]], args.output
    )
    return 0


def _tokens_arguments(parser: argparse.ArgumentParser) -> None:
    _corpus_option(parser)
    _output_option(parser)


@command("tokens", "token table (form, tag, normalized term, offsets) of the article text",
         _tokens_arguments)
def _tokens(args: argparse.Namespace) -> int:
    tokens = _prepare(args).tokens
    write_table(
        tokens[["file", "doc_id", "sent_id", "form", "tag", "norm", "start", "end", "gloss"]],
        args.output,
    )
    return 0


def _voices_arguments(parser: argparse.ArgumentParser) -> None:
    _corpus_option(parser)
    _output_option(parser)
    _voice_options(parser)
    parser.add_argument("--targets", metavar="YAML", default=None,
                        help="stance targets whose aliases also give a speaker's country "
                        "(default: analysis/data/targets.yaml)")


@command("voices", "quotations and citations: speaker, type, country, reporting verb, direct or indirect",
         _voices_arguments)
def _voices(args: argparse.Namespace) -> int:
    from analysis.coding import Coder

    coder = Coder(targets=args.targets, voices=args.voices, entities=args.entities)
    coder.voice_tables()  # the instruments are read and checked before the corpus is tokenized
    write_table(coder.extract_voices(_prepare(args).tokenized), args.output)
    return 0


def _keyness_arguments(parser: argparse.ArgumentParser) -> None:
    _corpus_option(parser)
    _output_option(parser)
    parser.add_argument("--measure", choices=("g2", "chi2"), default="g2",
                        help="Dunning log-likelihood G² (default) or Pearson chi-square")
    parser.add_argument("--min-count", type=int, default=2, metavar="N",
                        help="keep terms used at least N times in the whole corpus (default 2)")


@command("keyness", "distinctive terms of each outlet against all other outlets", _keyness_arguments)
def _keyness(args: argparse.Namespace) -> int:
    from analysis import vocabulary

    study = _prepare(args)
    counts = vocabulary.dfm(study.tokens, study.sentences, by="document")
    write_table(vocabulary.keyness(counts, measure=args.measure, min_count=args.min_count), args.output)
    return 0


def _kwic_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("term", help="counting term (norm), e.g. 인재 or 내놓다; a regular expression with --regex")
    parser.add_argument("--window", type=int, default=5, metavar="N",
                        help="words (eojeol) of context on each side (default 5)")
    parser.add_argument("--regex", action="store_true",
                        help="search the sentence text with a regular expression instead of terms")
    _corpus_option(parser)
    parser.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="CSV file to write (default: aligned lines on standard output)")


@command("kwic", "keyword in context: every sentence that uses a term", _kwic_arguments)
def _kwic(args: argparse.Namespace) -> int:
    from analysis import vocabulary

    study = _prepare(args)
    table = vocabulary.kwic(study.sentences, study.tokens, args.term, window=args.window, regex=args.regex)
    if args.output is not None:
        write_table(table, args.output)
    elif table.empty:
        print(f"no match for {args.term!r}", file=sys.stderr)
    else:
        print(vocabulary.format_kwic(table))
    return 0


def _instrument_options(parser: argparse.ArgumentParser) -> None:
    """The coding instruments' options, the same for ``code`` and ``report``."""
    parser.add_argument("--codebook", metavar="YAML", default=None,
                        help="another codebook: its frame ids, labels and generic frames throughout "
                        "(default: analysis/data/codebook.yaml)")
    parser.add_argument("--lexicon", metavar="FILE", default=None,
                        help="another polarity lexicon, TSV/CSV with term and polarity columns "
                        "(e.g. KOSAC's polarity table); default: the study lexicon")
    parser.add_argument("--targets", metavar="YAML", default=None,
                        help="another stance target alias file, one stance_<id> column per target it "
                        "defines (default: analysis/data/targets.yaml)")
    parser.add_argument("--tone-rules", metavar="YAML", default=None,
                        help="other negator, intensifier and stance predicate lists "
                        "(default: analysis/data/tone_rules.yaml)")


def _voice_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--voices", metavar="YAML", default=None,
                        help="other reporting verbs, media and speaker tables "
                        "(default: analysis/data/voices.yaml)")
    parser.add_argument("--entities", metavar="FILE", default=None,
                        help="your own people, institutions and media with their country: a CSV/TSV with "
                        "name,type,country[,aliases] or YAML sections media/people/institutions; "
                        "added to the voices file's, its entries win")


def _code_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "input", nargs="?", default=None, metavar="INPUT",
        help="a .txt file with one unit a line (a blank line gives an empty, uncoded row), or a .csv "
        "file with a text column; units are coded as given, one row each, in order. Without it, "
        "the sentences of --corpus (default: the seed corpus) are coded",
    )
    _corpus_option(parser)
    _output_option(parser)
    parser.add_argument("--text-column", default="text", help="text column of a .csv input (default: text)")
    _instrument_options(parser)
    parser.add_argument(
        "--model", metavar="DIR", default=None,
        help="a trained model folder (from `train`), or a shipped one: hybrid, supervised, or dictionary "
        "(default: hybrid; dictionary when --codebook or --targets is given)",
    )
    parser.add_argument(
        "--jobs", type=_jobs, default=1, metavar="N",
        help="processes that code a large corpus (-1: every core; default 1). The output is the same "
        "for any N; a corpus under 500 sentences a process is coded in one",
    )


def _jobs(value: str) -> int:
    """``--jobs``: a positive number of processes, or -1 for every core."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes or -1, got {value!r}") from None
    if number < 1 and number != -1:
        raise argparse.ArgumentTypeError(f"expected a positive number of processes or -1 (every core), got {number}")
    return number


@command("code", "code sentences for frames, prescription, tone and stance (with evidence)",
         _code_arguments)
def _code(args: argparse.Namespace) -> int:
    from analysis.coding import Coder, read_units, units_as_sentences, write_sidecar

    # instruments are read and checked before the corpus is tokenized
    model = args.model
    if model is None:
        # the shipped model was trained on the study's codebook and targets: other instruments get the dictionary
        model = "dictionary" if (args.codebook or args.targets) else "hybrid"
        if model == "dictionary":
            print("other instruments given: coding with the dictionary alone (--model to train or choose one)",
                  file=sys.stderr)
    coder = Coder(codebook=args.codebook, lexicon=args.lexicon, targets=args.targets, tone_rules=args.tone_rules,
                  model=_load_layer(model), n_jobs=args.jobs)
    lines = None
    if args.input is not None:
        source = Path(args.input)
        if args.corpus is not None or args.columns or args.preset or args.header_row:
            raise ValueError(f"{source}: give either units to code (INPUT) or a corpus (--corpus ...), not both")
        if source.suffix.lower() not in (".txt", ".csv"):
            raise ValueError(f"{source}: INPUT is a .txt file (one unit a line) or a .csv file with a text "
                             "column; pass a corpus folder or table with --corpus")
        if not source.is_file():
            raise FileNotFoundError(f"{source}: units file not found (expected a {source.suffix.lower()} file "
                                    "of units to code)")
        _print_decoding(source)
        if source.suffix.lower() == ".txt":
            lines = _unit_lines(source)
            units = [line for line in lines if line]
            if not units:
                raise ValueError(f"{source}: no units to code (every line is blank)")
        else:
            units = read_units(source, text_column=args.text_column)
        tokenized = units_as_sentences(units, name=source.stem)
    else:
        tokenized = _prepare(args).tokenized
    with coder:
        coded = coder.transform(tokenized)
    table = coded[[c for c in coded.columns if c != "role"]]
    if lines is not None:
        table = _one_row_per_line(table, lines, name=Path(args.input).stem)
    write_table(table, args.output)
    if args.output not in (None, "-"):
        write_sidecar(coded, args.output)
    return 0


def _print_decoding(path: Path) -> None:
    """Say on standard error how a units file was decoded."""
    from analysis.corpus import ENCODING_NOTES, decode_bytes

    _, encoding = decode_bytes(path.read_bytes(), source=path)
    print(f"decoded {path.name}: {ENCODING_NOTES[encoding]}", file=sys.stderr)


def _unit_lines(path: Path) -> list[str]:
    """Every line of a units file, stripped, blank ones included (the final line break ends the last)."""
    from analysis.corpus import decode_bytes

    text, _ = decode_bytes(path.read_bytes(), source=path)
    lines = [line.strip() for line in text.split("\n")]
    return lines[:-1] if lines and lines[-1] == "" else lines


def _one_row_per_line(coded: pd.DataFrame, lines: list[str], *, name: str) -> pd.DataFrame:
    """The coded units back on the lines they came from: a ``line`` column first, ids by
    line number, and an empty, uncoded row for each blank line."""
    width = max(3, len(str(len(lines))))
    numbers = [number for number, line in enumerate(lines, start=1) if line]
    coded = coded.copy()
    coded.insert(0, "line", numbers)
    coded["sent_id"] = [f"{name}-{number:0{width}d}" for number in numbers]
    blanks = pd.DataFrame({"line": [n for n, line in enumerate(lines, start=1) if not line]})
    blanks["sent_id"] = [f"{name}-{number:0{width}d}" for number in blanks["line"]]
    blanks["doc_id"], blanks["outlet"], blanks["text"] = coded["doc_id"].iloc[0], name, ""
    table = pd.concat([coded, blanks.reindex(columns=coded.columns)], ignore_index=True)
    for column in coded.columns:  # codes stay whole numbers beside the empty rows
        if pd.api.types.is_integer_dtype(coded[column]) or pd.api.types.is_bool_dtype(coded[column]):
            table[column] = table[column].astype("Int64")
    return table.sort_values("line", kind="stable").reset_index(drop=True)


def _report_arguments(parser: argparse.ArgumentParser) -> None:
    _corpus_option(parser)
    parser.add_argument(
        "--out", metavar="DIR", default=None,
        help="output folder for another corpus (figures/, tables/, notebooks/, reports/ below it); "
        "required with --corpus, so the seed study is never overwritten",
    )
    parser.add_argument("--only", metavar="NN", nargs="+", default=None,
                        help="run only the notebooks whose names start with these prefixes, e.g. 01 02")
    parser.add_argument("--manual-coding", metavar="CSV", default=None,
                        help="manual coding of the corpus's sentences (format of data/manual_coding.csv); "
                        "without it the validation notebook is skipped for another corpus")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    _instrument_options(parser)
    _voice_options(parser)
    _model_option(parser, default=None)


@command("report", "run every notebook: figures, tables, executed notebooks and HTML reports",
         _report_arguments)
def _report(args: argparse.Namespace) -> int:
    from analysis.corpus import write_corpus_folder
    from analysis.report import run_report, source_commit

    corpus_dir = args.corpus
    if corpus_dir is None and (args.columns or args.preset or args.header_row):
        _load(args)  # names the options that cannot apply to the seed folder
    if corpus_dir is not None:
        if args.out is None:
            raise ValueError("--corpus needs --out DIR: results of another corpus never go over the seed study")
        corpus = _load(args)
        if Path(corpus_dir).is_file():  # a corpus table becomes a corpus folder the notebooks read
            corpus_dir = write_corpus_folder(corpus, Path(args.out) / "corpus")
    written = run_report(corpus_dir=corpus_dir, output_dir=args.out, only=args.only,
                         manual_coding=args.manual_coding, model=args.model, codebook=args.codebook,
                         targets=args.targets, lexicon=args.lexicon, tone_rules=args.tone_rules,
                         voices=args.voices, entities=args.entities, progress=not args.quiet)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    if args.out is None and source_commit().endswith("+dirty"):
        print("note: the report's sources (analysis/, data/, seeds/, notebooks/*.py) have uncommitted "
              "changes, and the colophons say so (+dirty); commit the sources, then run `make report` "
              "again before committing these outputs", file=sys.stderr)
    return 0


def _bench_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sizes", metavar="N", type=int, nargs="+", default=None,
                        help="corpus sizes in articles, at least three (default: 250 500 1000 2000; "
                        "up to 100000)")
    parser.add_argument("--workers", type=int, default=0,
                        help="Kiwi worker threads (default 0: all cores)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpora")
    parser.add_argument("--repeats", type=int, default=4,
                        help="pairs of timings, tokenization against kiwipiepy alone, per batch "
                        "(default 4); the ratio is their median")
    parser.add_argument("--out", metavar="DIR", default=None, help="output folder (default: bench/)")
    parser.add_argument("--model", metavar="DIR", default="hybrid",
                        help="the coder's trained model, as in `code` and `report`: hybrid (default, what "
                        "`make report` uses), supervised, a model folder, or none for the dictionary alone")
    parser.add_argument("--measure", metavar="DIR", default=None, help=argparse.SUPPRESS)


@command("bench", "benchmark the pipeline on synthetic corpora of growing size", _bench_arguments)
def _bench(args: argparse.Namespace) -> int:
    import json

    from analysis import bench

    if args.measure:  # one size, in its own process (called by run_benchmark)
        print(json.dumps(bench.measure(Path(args.measure), num_workers=args.workers, repeats=args.repeats,
                                       model=args.model)))
        return 0
    sizes = args.sizes or list(bench.DEFAULT_SIZES)
    if len(sizes) < 3:
        raise ValueError("give at least three sizes, so the plot shows how cost grows")
    if args.repeats < 1:
        raise ValueError("--repeats must be at least 1")
    table = bench.run_benchmark(sizes, output_dir=args.out, seed=args.seed, num_workers=args.workers,
                                repeats=args.repeats, model=args.model)
    from analysis import paths, plots

    output_dir = Path(args.out) if args.out else paths.BENCH
    figure = plots.plot_benchmark(table, stages=bench.STAGES)
    figure.savefig(output_dir / "time_vs_articles.png", dpi=150, metadata={"Software": None})
    columns = ["size", "sentences", "tokens", *[f"{s}_seconds" for s in bench.STAGES],
               "total_seconds", "articles_per_second", "code_ms_per_sentence", "model_ms_per_sentence",
               "pipeline_vs_kiwi", "dictionary_pipeline_vs_kiwi", "tokenize_vs_kiwi", "tokenize_vs_kiwi_q1",
               "tokenize_vs_kiwi_q3", "peak_rss_mb"]
    print(table[columns].to_string(index=False))
    print(f"wrote {output_dir / 'results.csv'} and {output_dir / 'time_vs_articles.png'}", file=sys.stderr)
    return 0


def _model_option(parser: argparse.ArgumentParser, *, default: str | None = "hybrid") -> None:
    shown = default or "hybrid; dictionary when --codebook or --targets is given"
    parser.add_argument(
        "--model", metavar="DIR", default=default,
        help="a trained model folder (from `train`), or a shipped one: hybrid (dictionary plus "
        f"supervised layer), supervised, or dictionary for the dictionary alone (default: {shown})",
    )


def _load_layer(name: str | None):
    """The supervised layer named on the command line, or None for the dictionary alone."""
    from analysis.training import resolve_model

    return resolve_model(name)


def _sample_arguments(parser: argparse.ArgumentParser) -> None:
    _corpus_option(parser)
    parser.add_argument("--n", type=int, default=300, metavar="N", help="units to draw (default: 300)")
    parser.add_argument("-o", "--output", metavar="XLSX", required=True, help="the coding sheet to write (.xlsx)")
    parser.add_argument("--uncertain-share", type=float, default=0.25, metavar="SHARE",
                        help="share of the sample taken from the units the model is least sure of "
                        "(default: 0.25; 0 for a purely stratified sample)")
    parser.add_argument("--by", default="outlet", help="column to stratify by (default: outlet)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random draw (default: 0)")
    _model_option(parser)


@command("sample", "draw units to code by hand and write them as an XLSX coding sheet", _sample_arguments)
def _sample(args: argparse.Namespace) -> int:
    from analysis import sheets
    from analysis.coding import Coder

    if not args.output.lower().endswith(".xlsx"):
        raise ValueError(f"{args.output}: the coding sheet is written as .xlsx")
    if not 0 <= args.uncertain_share <= 1:
        raise ValueError("--uncertain-share must lie between 0 and 1")
    study = _prepare(args)
    units = study.sentences[study.sentences["role"].ne("chrome")] if "role" in study.sentences else study.sentences
    layer = _load_layer(args.model)
    table = units[["sent_id", "outlet", "role", "text"] + ([args.by] if args.by not in
                                                           ("sent_id", "outlet", "role", "text") else [])]
    if layer is not None and args.uncertain_share > 0:
        coded = Coder(model=layer).transform(study.tokenized)
        certainty = coded.set_index("sent_id")["certainty"]
        table = table.assign(certainty=table["sent_id"].map(certainty).to_numpy())
    elif args.uncertain_share > 0:
        print("no model: the sample is stratified only", file=sys.stderr)
    drawn = sheets.sample_units(table, args.n, by=args.by, uncertain_share=args.uncertain_share,
                                random_state=args.seed)
    sheets.write_coding_sheet(drawn, args.output)
    counts = drawn["drawn_as"].value_counts()
    print(f"wrote {len(drawn)} units to {args.output} ({counts.get('stratum', 0)} by {args.by}, "
          f"{counts.get('uncertain', 0)} least certain)", file=sys.stderr)
    return 0


def _reliability_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sheets", nargs=2, metavar="SHEET", help="two coders' filled-in sheets (.xlsx or .csv)")
    _output_option(parser)


@command("reliability", "intercoder agreement (Krippendorff's alpha) per code of two coding sheets",
         _reliability_arguments)
def _reliability(args: argparse.Namespace) -> int:
    from analysis.sheets import read_coding_sheet, sheet_codes
    from analysis.validation import intercoder_reliability

    first, second = (read_coding_sheet(path) for path in args.sheets)
    shared = first.index.intersection(second.index)
    if len(shared) == 0:
        raise ValueError(f"{args.sheets[0]} and {args.sheets[1]} share no coded unit")
    for path, table in zip(args.sheets, (first, second)):
        only = len(table.index.difference(shared))
        print(f"{path}: {len(table)} coded units ({table.attrs['uncoded']} not coded yet, {only} not in the other sheet)",
              file=sys.stderr)
    codes = [c.code for c in sheet_codes()]
    write_table(intercoder_reliability(first.loc[shared], second.loc[shared], columns=codes), args.output)
    return 0


def _train_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--manual", metavar="SHEET", required=True,
                        help="the adjudicated coding (.xlsx or .csv sheet from `sample`, with its text column)")
    parser.add_argument("-o", "--output", metavar="DIR", required=True, help="model folder to write")
    parser.add_argument("--no-dictionary", action="store_true",
                        help="do not use the dictionary coder's decisions as features (supervised only)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (default: 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the folds and solvers (default: 0)")


@command("train", "fit the supervised layer on your own coding, with a cross-validated report", _train_arguments)
def _train(args: argparse.Namespace) -> int:
    from analysis import training
    from analysis.sheets import read_coding_sheet

    coding = read_coding_sheet(args.manual)
    print(f"{args.manual}: {len(coding)} coded units ({coding.attrs['uncoded']} not coded yet, left out)",
          file=sys.stderr)
    layer = training.train_on_coding(coding, use_dictionary=not args.no_dictionary, n_splits=args.folds,
                                     random_state=args.seed)
    if layer.skipped_codes_:
        print(f"not learnt (fewer than 3 units of a value; the dictionary codes them): "
              f"{', '.join(layer.skipped_codes_)}", file=sys.stderr)
    card = {"name": Path(args.output).name, "skipped_codes": layer.skipped_codes_, "training_data": {
        "file": Path(args.manual).name, "sha256": training.file_sha256(Path(args.manual)), "n_train": len(coding)},
        "cross_validation": training._rounded_records(layer.cv_report_)}
    training.save_model(layer, args.output, card=card)
    report = layer.cv_report_[["code", "n", "n_positive", "folds", "threshold", "cv_f1"]]
    print(report.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"wrote {args.output} (cross-validated F1 per code above)", file=sys.stderr)
    return 0


def _model_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--training", metavar="DIR", default=None,
                        help="training corpus folder with units.csv and labels.csv (default: data/training)")
    parser.add_argument("--out", metavar="DIR", default=None,
                        help="where the model folders go (default: analysis/data/models, the shipped models)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the folds and solvers (default: 0)")


@command("model", "retrain the shipped hybrid and supervised models from the training corpus (make model)",
         _model_arguments)
def _model(args: argparse.Namespace) -> int:
    from analysis import training

    from analysis.tables import write_csv

    training.train_shipped_models(args.training, output=args.out, random_state=args.seed,
                                  progress=lambda message: print(message, file=sys.stderr))
    folder = Path(args.training) if args.training else None
    for name, table in training.datasheet_tables(folder).items():
        target = (folder or training.paths.TRAINING) / f"{name}.csv"
        write_csv(table, target, bom=False)
        print(f"wrote {target} (numbers of DATASHEET.md)", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="How Korean media framed DeepSeek: run the study's stages from the shell.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (help_text, arguments, handler) in COMMANDS.items():
        subparser = subparsers.add_parser(name, help=help_text, description=help_text)
        arguments(subparser)
        subparser.set_defaults(handler=handler)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    from analysis.clean import CleaningError
    from analysis.corpus import CorpusError
    from analysis.report import ReportError
    from analysis.sheets import SheetError
    from analysis.tokenize import TokenizeError
    from analysis.training import TrainingError

    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except (CorpusError, CleaningError, TokenizeError, ReportError, SheetError, TrainingError, FileNotFoundError,
            ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
