# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV := DJANGO_SETTINGS_MODULE=policykb.settings.dev

.PHONY: run test test-sqlite test-postgres lint format migrate kb superuser messages clean bench load

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

migrate: $(STAMP)
	$(DEV) $(BIN)/python manage.py migrate --noinput

kb: migrate
	$(DEV) $(BIN)/python manage.py load_kb

messages: $(STAMP)
	$(DEV) $(BIN)/python manage.py compilemessages --ignore=.venv -v0

## make run: set up on SQLite and serve at http://127.0.0.1:8000/
run: kb messages
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:8000

superuser: migrate
	$(DEV) $(BIN)/python manage.py createsuperuser

## make test: the whole suite on SQLite, and again on PostgreSQL when DATABASE_URL names one
test: test-sqlite test-postgres

test-sqlite: $(STAMP) messages
	env -u DATABASE_URL $(BIN)/pytest

test-postgres: $(STAMP) messages
	@case "$$DATABASE_URL" in \
	  postgres*) echo "== PostgreSQL: $$DATABASE_URL"; $(BIN)/pytest ;; \
	  *) echo "== DATABASE_URL names no PostgreSQL database: PostgreSQL run skipped" ;; \
	esac

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

WRK := command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)

## make bench: our app under gunicorn against datasette on the same SQLite file (~11 min, a table)
bench: $(STAMP) messages
	@$(WRK)
	@$(BIN)/datasette --version >/dev/null 2>&1 || $(BIN)/pip install -q -e ".[bench]"
	$(BIN)/python -m bench.run

## make load: 60 s at 32 connections on gunicorn + PostgreSQL + Redis (not part of make test)
load: $(STAMP) messages
	@$(WRK)
	$(BIN)/python -m bench.load

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts
