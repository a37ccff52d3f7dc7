"""The `baton-check` hook (.pre-commit-hooks.yaml), run by the real pre-commit from PyPI.

A repository made here installs the hook from a copy of this project's hook file and commits:
a broken decision is refused with Baton's message; once fixed, the commit goes through.
"""

import os
import shutil
import subprocess

from conftest import BROKEN_DECISION, FIXED_DECISION, GOOD_DECISION, ROOT, git


def commit(repo, env, message):
    return subprocess.run(["git", "-C", str(repo), "commit", "-q", "-m", message], env=env,
                          capture_output=True, text=True)


def test_broken_decision_is_refused_and_fixed_one_commits(tmp_path, baton_bin):
    hooks = tmp_path / "hooks"  # the hook file as this checkout has it, committed on its own
    hooks.mkdir()
    shutil.copy(ROOT / ".pre-commit-hooks.yaml", hooks)
    git(tmp_path, "init", "-q", "-b", "main", str(hooks))
    git(hooks, "add", "-A")
    git(hooks, "commit", "-q", "-m", "Hooks")
    repo = tmp_path / "handbook"
    (repo / "decisions").mkdir(parents=True)
    git(tmp_path, "init", "-q", "-b", "main", str(repo))
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hooks}\n    rev: {git(hooks, 'rev-parse', 'HEAD')}\n"
        "    hooks: [{ id: baton-check }]\n")
    env = dict(os.environ, PATH=f"{baton_bin}:{os.environ['PATH']}",
               PRE_COMMIT_HOME=str(tmp_path / "pre-commit-cache"),
               GIT_AUTHOR_NAME="Ada", GIT_AUTHOR_EMAIL="ada@example.com",
               GIT_COMMITTER_NAME="Ada", GIT_COMMITTER_EMAIL="ada@example.com")
    subprocess.run(["pre-commit", "install"], cwd=repo, env=env, check=True, capture_output=True)
    (repo / "decisions" / "0001-keep-decisions-in-git.md").write_text(GOOD_DECISION)
    git(repo, "add", "-A")
    first = commit(repo, env, "First decision")
    assert first.returncode == 0, first.stdout + first.stderr

    (repo / "decisions" / "0002-move-to-postgres.md").write_text(BROKEN_DECISION)
    git(repo, "add", "decisions")
    refused = commit(repo, env, "Propose Postgres")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "baton check" in output and "Failed" in output
    assert "decisions/0002-move-to-postgres.md:" in output
    assert "needs a 'Proposal' section" in output
    assert git(repo, "rev-list", "--count", "HEAD") == "1"

    (repo / "decisions" / "0002-move-to-postgres.md").write_text(FIXED_DECISION)
    git(repo, "add", "decisions")
    fixed = commit(repo, env, "Propose Postgres")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert git(repo, "rev-list", "--count", "HEAD") == "2"
