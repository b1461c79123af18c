# phapluat: `make run` sets everything up and serves the portal; `make test` runs the whole suite.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000
export DJANGO_SETTINGS_MODULE := phapluat.settings

.PHONY: run install install-test migrate seed test test-postgres bench clean a11y-tools system-tools

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# catdoc (Debian) reads Word 97–2003 files; without it .doc imports are refused with what to do.
system-tools:
	@command -v catdoc >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq catdoc; } \
	  || echo "Không cài được catdoc: tệp .doc sẽ bị từ chối khi nhập (hãy lưu thành .docx)."

install: $(VENV)/.installed system-tools

# Accessibility tests: Debian's chromium, and axe-core + playwright-core from npm into phapluat/a11y/node_modules
# (pinned by phapluat/a11y/package-lock.json; no browser download). Without root the test skips (fails under CI).
A11Y := phapluat/a11y
$(A11Y)/node_modules/.installed: $(A11Y)/package.json $(A11Y)/package-lock.json
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
	  || echo "Không cài được chromium: kiểm thử trợ năng sẽ bị bỏ qua ngoài CI."
	@command -v npm >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm \
	  || echo "Không cài được npm: kiểm thử trợ năng sẽ bị bỏ qua ngoài CI."
	cd $(A11Y) && npm ci --no-audit --no-fund --ignore-scripts --silent
	touch $@

a11y-tools: $(A11Y)/node_modules/.installed

migrate: install
	$(BIN)/phapluat migrate --noinput

seed: migrate
	$(BIN)/phapluat seed

# The semantic vectors of the articles are stored in the background at low priority while the portal serves
# (the shipped library's ship with it: about a minute; texts imported later are embedded, which takes longer).
run: seed
	$(BIN)/phapluat collectstatic --noinput --verbosity 0
	@echo "Cổng pháp luật đang chạy tại http://$(HOST)/ (quản trị: http://$(HOST)/quan-tri/)"
	@mkdir -p var; nice -n 19 $(BIN)/phapluat embed --verbosity 0 > var/embed.log 2>&1 & embed=$$!; \
	  trap 'kill $$embed 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/phapluat runserver --noreload $(HOST)

test: $(VENV)/.installed-test a11y-tools system-tools
	$(BIN)/python -m pytest

# The same suite against the PostgreSQL server on localhost:5432.
test-postgres: $(VENV)/.installed-test a11y-tools system-tools
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/phapluat} $(BIN)/python -m pytest --backend-only

bench: $(VENV)/.installed-test
	$(BIN)/python bench/import_corpus.py
	$(BIN)/python bench/document_page.py

clean:
	rm -rf $(VENV) var
