# Self-documenting Makefile: `make help` lists the targets.
# The first two commands on a fresh machine are `make report` and `make test`;
# both create the virtual environment (.venv/) when it is missing or out of date.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Run the study on another corpus: make report CORPUS=path/to/dir OUT=path/to/out
# A corpus table (CSV/XLSX export) takes PRESET=bigkinds, COLUMNS=text=본문,outlet=언론사
# and HEADER_ROW=N (the header's line when title rows are above it).
CORPUS ?=
OUT    ?=
PRESET ?=
COLUMNS ?=
HEADER_ROW ?=
TABLE_OPTIONS = $(if $(strip $(PRESET)),--preset "$(PRESET)") $(if $(strip $(COLUMNS)),--columns "$(COLUMNS)") $(if $(strip $(HEADER_ROW)),--header-row "$(HEADER_ROW)")
# Other coding instruments: CODEBOOK=my_codebook.yaml TARGETS=my_targets.yaml LEXICON= TONE_RULES= MODEL=
CODEBOOK ?=
TARGETS ?=
LEXICON ?=
TONE_RULES ?=
MODEL ?=
INSTRUMENT_OPTIONS = $(if $(strip $(CODEBOOK)),--codebook "$(CODEBOOK)") $(if $(strip $(TARGETS)),--targets "$(TARGETS)") $(if $(strip $(LEXICON)),--lexicon "$(LEXICON)") $(if $(strip $(TONE_RULES)),--tone-rules "$(TONE_RULES)") $(if $(strip $(VOICES)),--voices "$(VOICES)") $(if $(strip $(ENTITIES)),--entities "$(ENTITIES)") $(if $(strip $(MODEL)),--model "$(MODEL)")
# Benchmark sizes (articles), see `make bench`
BENCH_SIZES ?= 250 500 1000 2000
BENCH_REPEATS ?= 4

export MPLBACKEND := agg
export PYTHONHASHSEED := 0
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.DEFAULT_GOAL := help
.PHONY: help venv report test unit nbval bench model clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,dist]'
	touch $(STAMP)

venv: $(STAMP) ## create or update the virtual environment in .venv/

report: $(STAMP) ## regenerate every table, figure and rendered notebook (CORPUS=dir-or-table OUT=dir PRESET= COLUMNS= HEADER_ROW= for your own corpus; CODEBOOK= TARGETS= LEXICON= TONE_RULES= VOICES= ENTITIES= MODEL= for other instruments)
ifeq ($(strip $(CORPUS)),)
	$(BIN)/python -m analysis report $(TABLE_OPTIONS) $(INSTRUMENT_OPTIONS) $(if $(strip $(OUT)),--out "$(OUT)")
else
	$(BIN)/python -m analysis report --corpus "$(CORPUS)" --out "$(or $(OUT),out/$(basename $(notdir $(CORPUS))))" $(TABLE_OPTIONS) $(INSTRUMENT_OPTIONS)
endif

unit: $(STAMP) ## run the unit tests only
	$(BIN)/python -m pytest tests

nbval: $(STAMP) ## check every notebook against its committed outputs
	$(BIN)/python -m pytest --nbval notebooks --nbval-sanitize-with notebooks/nbval_sanitize.cfg -p no:cacheprovider

test: $(STAMP) ## run the unit tests and nbval over every notebook
	$(BIN)/python -m pytest tests --nbval notebooks --nbval-sanitize-with notebooks/nbval_sanitize.cfg

model: $(STAMP) ## retrain the shipped models (analysis/data/models) from data/training, deterministically
	$(BIN)/python -m analysis model

bench: $(STAMP) ## benchmark the pipeline on synthetic corpora (writes bench/)
	$(BIN)/python -m analysis bench --sizes $(BENCH_SIZES) --repeats $(BENCH_REPEATS)

clean: ## remove the virtual environment and caches (never seeds/ or figures/)
	rm -rf $(VENV) .cache .pytest_cache
