# The two commands of the README. Each installs what it needs first (scripts/bootstrap).
PYTHON ?= python3

.PHONY: demo test lint bench

demo:
	@scripts/bootstrap
	$(PYTHON) -m toolkit.cli demo $(ARGS)

test:
	@scripts/bootstrap --test
	$(PYTHON) -m pytest -n auto --dist loadfile $(ARGS)

lint:
	@scripts/bootstrap --test
	$(PYTHON) -m ruff check toolkit tests bench
	$(PYTHON) -m mypy

bench:
	@scripts/bootstrap --test
	$(PYTHON) bench/run_all.py
