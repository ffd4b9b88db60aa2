# The two commands a fresh machine needs: `make run` and `make test`. Both create .venv first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench installer smoke clean screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,build]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/ses-decider

test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check ses_decider tests benchmarks
	$(BIN)/ruff format --check ses_decider tests benchmarks
	$(BIN)/lint-imports

# Figures with the same-run baseline beside each; run it on a quiet machine.
bench: $(STAMP)
	$(BIN)/python -m benchmarks

# The one-folder app in dist/ses-decider/ (and dist/SES Decider.app on macOS); see README.
installer: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build_installer.spec
	@du -sh dist/ses-decider

# Builds the installer, then runs it as a user would: --version, score, a headless start, its size.
smoke: installer
	PY=$(BIN)/python bash .ci/smoke_frozen

screenshots: $(STAMP)
	$(BIN)/python docs/make_screenshots.py

clean:
	rm -rf build dist .pytest_cache
