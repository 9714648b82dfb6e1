# PULS: `make run` starts the demo portal, `make test` runs the whole test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run setup demo test lint messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) load_reference
	$(MANAGE) seed_demo

run: demo
	$(MANAGE) runserver $(HOST)

test: setup
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/mypy
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=puls.settings.production \
	  SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))') \
	  PULS_CNP_ENCRYPTION_KEYS=$$($(BIN)/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
	  PULS_CNP_HMAC_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(32))') \
	  ALLOWED_HOSTS=puls.example.ro $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python tools/dependency_audit.py

# Refresh the Romanian catalogue from the sources, then compile it. New msgids arrive empty, and
# makemessages may guess some as "fuzzy": translate and review them in the .po before committing.
messages: setup
	$(MANAGE) makemessages -l ro --no-wrap --no-location --ignore '.venv/*' --ignore 'node_modules/*' \
	  --ignore 'staticfiles/*' --ignore 'tests/*' --ignore 'bench/*'
	$(MANAGE) compilemessages -l ro --ignore '.venv/*'

# Benchmarks against the database in DATABASE_URL (PostgreSQL for meaningful figures);
# BENCH_SIZE=small builds a 1 % country itself, full expects `generate_scale_data` to have run.
# bench/load.py serves the pages with gunicorn and production settings under 1, 10, 50 users.
bench: setup
	$(MANAGE) migrate --no-input -v0
	DEBUG=False $(BIN)/python bench/matching.py --size $(or $(BENCH_SIZE),full)
	DEBUG=False $(BIN)/python bench/reports.py --size $(or $(BENCH_SIZE),full)
	DEBUG=False $(BIN)/python bench/search.py --size $(or $(BENCH_SIZE),full)
	DEBUG=False $(BIN)/python bench/load.py --size $(or $(BENCH_SIZE),full)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles var
