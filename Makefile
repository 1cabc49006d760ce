# Integrity Academy — `make run` serves the demo, `make test` runs the whole suite.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
FLASK   := $(VENV)/bin/flask --app wsgi
PORT    ?= 5000
WORKERS ?= 2

.PHONY: run test test-fast test-calendar screens install install-dev translations extract-messages db seed check clean

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
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k M -k ngettext:1,2 -o app/translations/messages.pot app
	$(VENV)/bin/pybabel update --no-fuzzy-matching -i app/translations/messages.pot -d app/translations

db: install translations
	mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) courses sync

seed: db
	$(FLASK) demo seed

run: seed
	@echo "Serving on http://127.0.0.1:$(PORT) (Ctrl+C to stop)"
	@# The job consumer (certificate ZIPs) runs beside the web server and stops with it.
	$(VENV)/bin/flask --app wsgi jobs worker & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
	$(VENV)/bin/gunicorn --workers $(WORKERS) --bind 127.0.0.1:$(PORT) --access-logfile - wsgi:app

# Screenshots of each role's main pages at 390x844 and 1280x900 into docs/screens/ (Debian chromium).
screens: install-dev translations
	$(PY) docs/screens/take.py

check: install
	$(FLASK) courses check

test: install-dev translations
	$(PY) -m pytest

# The loop while working: no browser tests and none marked slow (see README, "Layout").
test-fast: install-dev translations
	$(PY) -m pytest -m "not slow and not e2e"

# The suite at the turn of the year, on a fake clock: midday on 31 December, then half an hour
# into 1 January in Hanoi (still 31 December in UTC). Browser and load tests run real clocks
# in other processes, so they sit these runs out.
CALENDAR_MOMENTS ?= 2026-12-31T12:00:00+07:00 2027-01-01T00:30:00+07:00
test-calendar: install-dev translations
	for moment in $(CALENDAR_MOMENTS); do \
	  echo "== the suite at $$moment"; \
	  TEST_CLOCK=$$moment $(PY) -m pytest -m "not e2e" --ignore=tests/bench || exit 1; \
	done

clean:
	rm -rf $(VENV) instance .pytest_cache test-artifacts
