# quizapp: `make run` serves the app, `make test` runs the whole suite.
# Both create .venv and install the project into it first; nothing else is needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 5000

.PHONY: install run test lint format bench bench-login clean crashtest crashtest-short screenshots \
	scaletest scaletest-deps scaletest-short stampede

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/quizapp db upgrade
	$(BIN)/quizapp bank load
	$(BIN)/quizapp run --host 127.0.0.1 --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	$(BIN)/pytest

# The README's screenshots (docs/screenshots/), taken by the browser test that visits every page.
screenshots: install
	QUIZAPP_SCREENSHOTS=docs/screenshots $(BIN)/pytest tests/e2e/test_every_page.py -q \
		-k "quiz.question or quiz.review or review.study or review.progress or courses.report"

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis tests/artifacts

# ---------------------------------------------------------------------------- benchmark
# Not part of `make test`.  `make bench` (about 15 minutes at scale 1) rewrites
# bench/results.json and bench/results.md; `make crashtest` rewrites bench/crashtest.json.
# Both need PostgreSQL on 127.0.0.1:5432 (or QUIZAPP_BENCH_POSTGRES_URL) and Debian's wrk.
# BENCH_ARGS / CRASH_ARGS pass options, e.g. BENCH_ARGS="--scale 0.01 --duration 2".
BENCH_STAMP := $(VENV)/.bench-stamp
BENCH_ARGS ?=
CRASH_ARGS ?=

$(BENCH_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } || \
		{ echo "bench: wrk is missing (apt-get install -y wrk)"; exit 1; }
	$(BIN)/python -m bench.run --profile $(BENCH_ARGS)
	$(BIN)/python -m bench.stampede $(STAMPEDE_ARGS)

# Login time for known and unknown emails (issue 16: medians within 10%); about a minute.
bench-login: $(STAMP)
	$(BIN)/python -m bench.login_timing $(BENCH_ARGS)

crashtest: $(BENCH_STAMP)
	$(BIN)/python -m bench.crashtest --rounds 20 $(CRASH_ARGS)

# The short form for CI (5 rounds per engine, under 3 minutes); its counts go to .venv.
crashtest-short: $(BENCH_STAMP)
	$(BIN)/python -m bench.crashtest --rounds 5 --out $(VENV)/crashtest-short.json $(CRASH_ARGS)

# Several app instances behind nginx (docs/deployment.md): sessions, attempts, shared rate
# limits and the client's address across instances, one instance SIGKILLed at a time; needs
# PostgreSQL, redis-server and nginx (installed here when missing and run as root).
# `make scaletest` (3 instances, 6 kills, about 2 minutes) writes bench/scaletest.json;
# the short form for CI (2 instances, 2 kills, about a minute) writes .venv/scaletest-short.json.
SCALE_ARGS ?=

scaletest-deps:
	@command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { [ "$$(id -u)" = 0 ] && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx; } || \
		{ echo "scaletest: nginx is missing (apt-get install -y nginx)"; exit 1; }

scaletest: $(BENCH_STAMP) scaletest-deps
	$(BIN)/python -m bench.scaletest $(SCALE_ARGS)

scaletest-short: $(BENCH_STAMP) scaletest-deps
	$(BIN)/python -m bench.scaletest --short --out $(VENV)/scaletest-short.json $(SCALE_ARGS)

# 300 students start one timed quiz within 5 s (both engines); writes the "stampede" key of
# bench/results.json.  `make bench` runs it too.
STAMPEDE_ARGS ?=

stampede: $(BENCH_STAMP)
	$(BIN)/python -m bench.stampede $(STAMPEDE_ARGS)
