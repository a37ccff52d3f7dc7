# Baton — make demo · make test · make bench · make install · make dist
#
# The system libraries (libgit2, cmark-gfm) are installed on Debian/Ubuntu when missing;
# on macOS, install them with Homebrew (see `make deps`).

SWIFT      ?= swift
PREFIX     ?= /usr/local
DESTDIR    ?=
DEBIAN_PKGS = libgit2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libjemalloc-dev pkg-config
BATON       = .build/debug/baton
PORT       ?= 8000

.PHONY: demo test test-deps bench install dist dist-test deps build release lint rules-page fuzz clean

## Installs the C libraries Baton links against, when they are missing.
deps:
	@if [ "$$(uname)" = "Darwin" ]; then \
	  command -v pkg-config >/dev/null && pkg-config --exists libgit2 libcmark-gfm || \
	    { echo "Install the libraries first: brew install libgit2 cmark-gfm pkg-config"; exit 1; }; \
	elif command -v dpkg >/dev/null; then \
	  missing=""; for p in $(DEBIAN_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing:$$missing"; \
	    SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	  fi; \
	else \
	  pkg-config --exists libgit2 libcmark-gfm || \
	    { echo "Install libgit2 and cmark-gfm (with extensions) development files first"; exit 1; }; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## Checks this project's own handbook in site/, builds it into site/_site and serves it.
demo: build
	$(BATON) check site
	cd site && ../$(BATON) build
	@echo "The demo handbook is in site/_site: open file://$(CURDIR)/site/_site/index.html"
	@echo "Serving it on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop) …"
	cd site && ../$(BATON) serve --port $(PORT)

## What the tests use beyond the libraries, when missing: git and Debian's chromium with its
## driver (browser and accessibility tests), Python's jsonschema (SARIF against its schema) and
## axe-selenium-python (it bundles axe-core).
TEST_DEBIAN_PKGS = git curl python3 chromium chromium-driver
TEST_PYTHON_PKGS = jsonschema axe-selenium-python
test-deps: deps
	@if command -v dpkg >/dev/null; then \
	  missing=""; for p in $(TEST_DEBIAN_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing:$$missing"; \
	    SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	  fi; \
	fi
	@python3 -c 'import jsonschema, axe_selenium_python' 2>/dev/null || \
	  python3 -m pip install -q $(TEST_PYTHON_PKGS) 2>/dev/null || \
	  python3 -m pip install -q --break-system-packages $(TEST_PYTHON_PKGS)

## Unit, end-to-end and browser tests, the formatter, and the demo handbook's check.
test: test-deps
	$(SWIFT) build --build-tests --explicit-target-dependency-import-check error
	$(SWIFT) test --skip-build
	$(SWIFT) format lint --strict -r Sources Tests
	$(BATON) check site

## Coverage-guided fuzzing (libFuzzer, address sanitizer) of every reader of untrusted bytes:
## FUZZ_SECONDS per target (default 60); findings are kept in Fuzz/Findings/.
FUZZ_SECONDS ?= 60
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) Fuzz/run.sh

lint:
	$(SWIFT) format lint --strict -r Sources Tests

## Regenerates site/handbook/reference/rules.md from the rules' own descriptions.
rules-page: build
	$(BATON) rules --markdown > site/handbook/reference/rules.md

## Release builds (dynamic, and the tarball users install, which is what is timed), generated
## repositories, and timings against peers.
bench: release dist
	Benchmarks/run.sh

## Installs the release binary, its man page and bash/zsh/fish completions under DESTDIR/PREFIX.
install: release
	Distribution/install-files.sh .build/release/baton "$(DESTDIR)$(PREFIX)"

## The release tarball for this machine: dist/baton-<version>-linux-<arch>.tar.gz and .sha256,
## its binary linked statically against everything but the C library.
dist: deps
	Distribution/make-dist.sh

## Runs the tarball's binary in a minimal Debian root, the GitHub Action, the GitLab template
## and the pre-commit hook against it.
dist-test: dist
	Distribution/test/run.sh

clean:
	rm -rf .build Benchmarks/out dist
