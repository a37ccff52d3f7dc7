#!/usr/bin/env bash
# `make dist-test`: the release tarball in a bare Debian root, then the GitHub Action, the GitLab
# template and the pre-commit hook, each run against that tarball on real git repositories.
set -euo pipefail
cd "$(dirname "$0")/../.."

Distribution/test/chroot.sh

# pytest, PyYAML and the real pre-commit, from PyPI, in a virtual environment of their own.
venv=.build/dist-venv
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pytest pyyaml pre-commit
fi
PATH="$PWD/$venv/bin:$PATH" "$venv/bin/python" -m pytest -q -p no:cacheprovider Distribution/test
