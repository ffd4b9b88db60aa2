# The two commands a fresh machine needs: `make run` and `make test`. Both create .venv first;
# `run` installs only what running needs, `test` adds the test tools, `installer` the build tool.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
BUILD_STAMP := $(VENV)/.installed-build

.PHONY: run test lint bench installer smoke clean screenshots

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(RUN_STAMP)
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@

# The frozen app's numpy is built without BLAS: the app does no linear algebra that needs it
# (an elementwise Monte Carlo; eigenvalues of a small matrix through numpy's own lapack_lite), and
# OpenBLAS with its Fortran runtime is 28 MB of the folder. pip builds it from source once (about
# ten minutes on two cores; needs a C and C++ compiler) and reuses the wheel from its cache after.
NUMPY_WITHOUT_BLAS := -Csetup-args=-Dallow-noblas=true -Csetup-args=-Dblas=none -Csetup-args=-Dlapack=none

$(BUILD_STAMP): pyproject.toml $(RUN_STAMP)
	$(BIN)/python -m pip install -q -e ".[build]"
	$(BIN)/python -m pip install -q --no-deps --force-reinstall --no-binary numpy $(NUMPY_WITHOUT_BLAS) \
		"numpy==$$($(BIN)/python -c 'import numpy; print(numpy.__version__)')"
	touch $@

run: $(RUN_STAMP)
	$(BIN)/ses-decider

test: $(TEST_STAMP) lint
	$(BIN)/python -m pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check ses_decider tests benchmarks
	$(BIN)/ruff format --check ses_decider tests benchmarks
	$(BIN)/lint-imports

# Figures with the same-run baseline beside each; run it on a quiet machine.
bench: $(RUN_STAMP)
	$(BIN)/python -m benchmarks

# The one-folder app in dist/ses-decider/ (and dist/SES Decider.app on macOS); see README.
installer: $(BUILD_STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build_installer.spec
	@du -sh dist/ses-decider

# Builds the installer, then runs it as a user would: --version, score, a headless start, its size.
smoke: installer
	PY=$(BIN)/python bash .ci/smoke_frozen

screenshots: $(RUN_STAMP)
	$(BIN)/python docs/make_screenshots.py

clean:
	rm -rf build dist .pytest_cache
