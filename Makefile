# Two commands on a fresh machine:
#   make demo   - create .venv, install cleaner, clean seeds/ and show the result
#   make test   - create .venv if needed, install the test extra, run the whole suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test venv clean-venv docs bench

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	rm -f $(VENV)/.installed-* && touch $@

venv: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/cleaner clean seeds/ -o build/seeds/
	@echo; echo "== clean text: build/seeds/000_3c41ec6d64b9f297.txt =="; cat build/seeds/000_3c41ec6d64b9f297.txt
	@echo; echo "== report (changes) =="; $(PY) -c "import json; r = json.load(open('build/seeds/000_3c41ec6d64b9f297.txt.report.json')); [print(f\"{c['code']:7} {c['action']:8} [{c['start']}:{c['end']}] {c['reason']}\") for c in r['changes']]; print('language:', r['language']['lang'], '| verdict:', r['verdict'])"
	@echo; echo "full report: build/seeds/000_3c41ec6d64b9f297.txt.report.json"

test: $(STAMP)
	$(PY) -m pytest -q -n 2

docs: $(STAMP)
	$(VENV)/bin/cleaner rules --format markdown > docs/rules.md
	$(PY) docs/gen_report_md.py

clean-venv:
	rm -rf $(VENV)
