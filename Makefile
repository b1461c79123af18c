# phapluat: `make run` sets everything up and serves the portal; `make test` runs the whole suite.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000
export DJANGO_SETTINGS_MODULE := phapluat.settings

.PHONY: run install install-test migrate seed test test-postgres bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/phapluat migrate --noinput

seed: migrate
	$(BIN)/phapluat seed

run: seed
	$(BIN)/phapluat collectstatic --noinput --verbosity 0
	@echo "Cổng pháp luật đang chạy tại http://$(HOST)/ (quản trị: http://$(HOST)/quan-tri/)"
	$(BIN)/phapluat runserver --noreload $(HOST)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# The same suite against the PostgreSQL server on localhost:5432.
test-postgres: $(VENV)/.installed-test
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/phapluat} $(BIN)/python -m pytest

bench: $(VENV)/.installed-test
	$(BIN)/python bench/import_corpus.py
	$(BIN)/python bench/document_page.py

clean:
	rm -rf $(VENV) var
