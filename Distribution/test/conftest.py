"""Shared fixtures for the tests of the release's integrations (Action, GitLab template, pre-commit).

Each test works on the tarball `make dist` wrote (dist/), published as a release folder that
the integrations download from through file://, and on real git repositories made in temporary
folders.
"""

import glob
import os
import platform
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VERSION = (ROOT / "VERSION").read_text().strip()
ARCH = platform.machine()
NAME = f"baton-{VERSION}-linux-{ARCH}"

GOOD_DECISION = """---
status: accepted
owner: "@ada"
---
# 1. Keep decisions in git

## Context
Decisions get lost in chat.

## Proposal
Write each one as Markdown in this repository.
"""

BROKEN_DECISION = """---
status: proposed
owner: "@ada"
---
# 2. Move to Postgres

## Context
The event store outgrew SQLite.
"""

FIXED_DECISION = BROKEN_DECISION + """
## Proposal
Move the event store to Postgres 16.

## Call to Action
@ada: approve or object by 2030-01-31.
"""


def git(repo, *args, **kwargs):
    """Runs git in `repo` as a fixed author, so commits do not depend on the machine."""
    env = dict(os.environ, GIT_AUTHOR_NAME="Ada", GIT_AUTHOR_EMAIL="ada@example.com",
               GIT_COMMITTER_NAME="Ada", GIT_COMMITTER_EMAIL="ada@example.com")
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True, env=env, **kwargs).stdout.strip()


@pytest.fixture(scope="session")
def tarball():
    path = ROOT / "dist" / f"{NAME}.tar.gz"
    if not path.exists():
        pytest.fail(f"{path} is missing: run `make dist` first")
    return path


@pytest.fixture
def releases(tmp_path, tarball):
    """A release folder laid out like GitHub's: <base>/v<version>/<tarball> and its .sha256."""
    base = tmp_path / "releases"
    folder = base / f"v{VERSION}"
    folder.mkdir(parents=True)
    shutil.copy(tarball, folder)
    shutil.copy(f"{tarball}.sha256", folder)
    return base


@pytest.fixture(scope="session")
def baton_bin(tmp_path_factory, tarball):
    """The tarball's bin folder, unpacked once."""
    folder = tmp_path_factory.mktemp("baton")
    subprocess.run(["tar", "-xzf", str(tarball), "-C", str(folder), "--strip-components=1"],
                   check=True)
    return folder / "bin"


@pytest.fixture
def pull_request(tmp_path):
    """A repository whose `main` holds a good decision, cloned, with a branch `propose` that adds
    a broken one: what a CI job sees for a pull (merge) request. Returns (clone, base sha)."""
    origin = tmp_path / "origin.git"
    seed = tmp_path / "seed"
    (seed / "decisions").mkdir(parents=True)
    (seed / "decisions" / "0001-keep-decisions-in-git.md").write_text(GOOD_DECISION)
    git(seed.parent, "init", "-q", "-b", "main", str(seed))
    git(seed, "add", "-A")
    git(seed, "commit", "-q", "-m", "First decision")
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(origin))
    clone = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    base = git(clone, "rev-parse", "HEAD")
    git(clone, "checkout", "-q", "-b", "propose")
    (clone / "decisions" / "0002-move-to-postgres.md").write_text(BROKEN_DECISION)
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "Propose Postgres")
    return clone, base
