# Integrity Academy — `make run` serves the demo, `make test` runs the whole suite.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
FLASK   := $(VENV)/bin/flask --app wsgi
PORT    ?= 5000
WORKERS ?= 2

.PHONY: run test install install-dev translations extract-messages db seed check clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

translations: $(VENV)/.runtime
	$(VENV)/bin/pybabel compile -d app/translations

extract-messages: $(VENV)/.runtime
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 -o app/translations/messages.pot app
	$(VENV)/bin/pybabel update --no-fuzzy-matching -i app/translations/messages.pot -d app/translations

db: install translations
	mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) courses sync

seed: db
	$(FLASK) demo seed

run: seed
	@echo "Serving on http://127.0.0.1:$(PORT) (Ctrl+C to stop)"
	$(VENV)/bin/gunicorn --workers $(WORKERS) --bind 127.0.0.1:$(PORT) --access-logfile - wsgi:app

check: install
	$(FLASK) courses check

test: install-dev translations
	$(PY) -m pytest

clean:
	rm -rf $(VENV) instance .pytest_cache test-artifacts
