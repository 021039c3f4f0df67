# Two commands on a fresh machine with python3: `make run`, then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DATA   ?= ../shared/data

.PHONY: run test score model benchmark bench clean

run: $(VENV)/.installed
	$(BIN)/python build_graph.py

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

score: $(VENV)/.installed
	$(BIN)/python build_graph.py --quiet
	$(BIN)/python ../shared/eval/score.py out/graph.ttl --ontology ontology.ttl

model: $(VENV)/.installed
	$(BIN)/python training/train.py --data $(DATA)

benchmark: $(VENV)/.installed
	$(BIN)/python training/benchmark.py

# End-to-end timings of kg itself (benchmarks/bench.py; about 15 minutes on 2 cores).
# A quick check: make bench BENCH_ARGS="--sizes 50"
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

clean:
	rm -rf $(VENV) out build *.egg-info
