# The two commands a newcomer needs: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
COMPAT := tests/email_compat
NODE_STAMP := $(COMPAT)/node_modules/.installed-stamp

DATA   ?= ../shared/data

.PHONY: run test lint fmt clean help serve preview chromium bench eval

help:
	@echo "make run    - set up .venv and run the daily-digest flow on seeds/ into outbox/"
	@echo "make test   - set up .venv and run the test suite"
	@echo "make lint   - ruff and mypy"
	@echo "make preview - screenshots of the latest digest in outbox/ (600px and 375px, light and dark)"
	@echo "make serve  - serve the daily-digest/daily deployment (see README: Run it on a schedule)"
	@echo "make eval   - summary, quote and page quality on ../shared/data; make bench - speed figures"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

# The caniemail.com check in the tests runs on node (doiuse-email, pinned in package-lock.json).
$(NODE_STAMP): $(COMPAT)/package.json $(COMPAT)/package-lock.json
	npm ci --prefix $(COMPAT) --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

# Screenshots (digest preview and its test) use Debian's chromium; installed when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "installing chromium (Debian package) for screenshots"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	    echo "warning: could not install chromium; screenshot tests will be skipped"; }
	@command -v chromedriver >/dev/null 2>&1 || \
	  { echo "installing chromium-driver (Debian package) for the browser test of the web app"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-driver >/dev/null) || \
	    echo "warning: could not install chromium-driver; the browser test will be skipped"; }

run: $(STAMP)
	$(VENV)/bin/digest run

preview: $(STAMP) chromium
	$(VENV)/bin/digest preview

# Serve the daily-digest/daily deployment (needs PREFECT_API_URL pointing at a Prefect server).
serve: $(STAMP)
	$(VENV)/bin/digest serve

# Speed at a size: library vs flow, cores used, scaling, SMTP and outbox rates (docs/flow.md).
BENCH_ARGS ?= --articles 1000 --subscribers 10000
bench: $(STAMP)
	$(VENV)/bin/digest bench $(BENCH_ARGS) --input $(DATA)/summaries-dev.jsonl

# Quality figures on the evaluation data beside the repo (../shared/data).
eval: $(STAMP)
	$(VENV)/bin/digest eval summaries --input $(DATA)/summaries-dev.jsonl --methods all
	$(VENV)/bin/digest eval quotes --input $(DATA)/quotes-dev.jsonl
	$(VENV)/bin/digest eval quotes --input $(DATA)/quotes-train.jsonl --subset heldout
	$(VENV)/bin/digest eval pages --input $(DATA)/pages-dev --subset even
	$(VENV)/bin/digest eval pages --input $(DATA)/pages-dev --subset odd

test: $(STAMP) $(NODE_STAMP) chromium
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check digest flows tests
	$(VENV)/bin/ruff format --check digest flows tests
	$(VENV)/bin/mypy

fmt: $(STAMP)
	$(VENV)/bin/ruff format digest flows tests
	$(VENV)/bin/ruff check --fix digest flows tests

clean:
	rm -rf $(VENV) outbox .digest-state .pytest_cache .mypy_cache .ruff_cache $(COMPAT)/node_modules
