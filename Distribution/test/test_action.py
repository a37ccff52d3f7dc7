"""The GitHub Action (action.yml), run the way a runner runs a composite action.

No GitHub runner is at hand, so `run_action` does what one does: reads action.yml, fills each
step's `${{ … }}` from the inputs, the `github` and `runner` contexts and earlier steps'
outputs, and runs each step's script with bash and the runner's variables and files
(GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STEP_SUMMARY, RUNNER_TOOL_CACHE), stopping at the first
step that fails.
"""

import os
import re
import subprocess
from pathlib import Path

import yaml

from conftest import ROOT, VERSION, git

EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


class ActionRun:
    def __init__(self, status, output, summary, outputs):
        self.status, self.output, self.summary, self.outputs = status, output, summary, outputs


def run_action(workspace, runner, inputs, event="pull_request", base_ref="main"):
    """Runs action.yml's steps in `workspace`; `runner` is a folder for the runner's files."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(inputs) - set(values)
    assert not unknown, f"the action has no inputs {unknown}"
    values.update(inputs)
    files = {name: runner / name.lower() for name in
             ["GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_STEP_SUMMARY", "GITHUB_ENV"]}
    for file in files.values():
        file.touch()
    (runner / "tool-cache").mkdir(exist_ok=True)
    context = {"inputs": values,
               "github": {"action_path": str(ROOT), "workspace": str(workspace),
                          "event_name": event, "base_ref": base_ref if event.startswith("pull_request") else ""},
               "runner": {"os": "Linux", "tool_cache": str(runner / "tool-cache")},
               "steps": {}}
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "CI": "true",
           "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(workspace),
           "GITHUB_EVENT_NAME": event, "GITHUB_BASE_REF": context["github"]["base_ref"],
           "GITHUB_HEAD_REF": "propose" if event.startswith("pull_request") else "",
           "GITHUB_REF": "refs/pull/7/merge" if event.startswith("pull_request") else "refs/heads/main",
           "RUNNER_OS": "Linux", "RUNNER_TOOL_CACHE": context["runner"]["tool_cache"],
           "RUNNER_TEMP": str(runner), **{name: str(path) for name, path in files.items()}}
    output = ""
    for step in action["runs"]["steps"]:
        assert step["shell"] == "bash"
        step_env = dict(env, **{key: evaluate(value, context) for key, value in step.get("env", {}).items()})
        script = runner / "step.sh"
        script.write_text(evaluate(step["run"], context))
        files["GITHUB_OUTPUT"].write_text("")
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                                cwd=workspace, env=step_env, capture_output=True, text=True)
        output += result.stdout + result.stderr
        context["steps"][step.get("id", "")] = {"outputs": dict(
            line.split("=", 1) for line in files["GITHUB_OUTPUT"].read_text().splitlines() if "=" in line)}
        added = [line for line in files["GITHUB_PATH"].read_text().splitlines() if line]
        env["PATH"] = ":".join(reversed(added)) + ":" + os.environ["PATH"]
        if result.returncode != 0:
            return ActionRun(result.returncode, output, files["GITHUB_STEP_SUMMARY"].read_text(), {})
    outputs = {name: evaluate(spec["value"], context) for name, spec in action.get("outputs", {}).items()}
    return ActionRun(0, output, files["GITHUB_STEP_SUMMARY"].read_text(), outputs)


def evaluate(text, context):
    """Replaces each `${{ a.b.c }}` by its value; anything else is an error of the action."""
    def value(match):
        node = context
        for part in match.group(1).split("."):
            assert isinstance(node, dict) and part in node, f"cannot evaluate {match.group(0)}"
            node = node[part]
        return str(node)
    return EXPRESSION.sub(value, str(text))


def test_default_version_is_the_release(tmp_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["inputs"]["version"]["default"] == VERSION


def test_pull_request_with_broken_decision_fails_with_annotations(tmp_path, releases, pull_request):
    clone, _ = pull_request
    run = run_action(clone, tmp_path, {"release-url": f"file://{releases}"})
    assert run.status == 1, run.output
    assert "downloaded and verified" in run.output
    assert "--since origin/main" in run.output
    assert re.search(r"^::error file=decisions/0002-move-to-postgres\.md,line=\d+", run.output, re.M), run.output
    assert "0001-keep-decisions-in-git" not in run.output  # --since: only what the branch changed
    assert "0002-move-to-postgres.md" in run.summary and "error" in run.summary.lower()


def test_fixed_decision_passes_and_cache_is_reused(tmp_path, releases, pull_request):
    from conftest import FIXED_DECISION
    clone, _ = pull_request
    (clone / "decisions" / "0002-move-to-postgres.md").write_text(FIXED_DECISION)
    git(clone, "commit", "-q", "-am", "Add the proposal")
    first = run_action(clone, tmp_path, {"release-url": f"file://{releases}"})
    assert first.status == 0, first.output
    assert "::error" not in first.output
    assert first.outputs["path"].startswith(str(tmp_path / "tool-cache" / "baton" / VERSION))
    assert (tmp_path / "tool-cache" / "baton" / VERSION / f"{os.uname().machine}.complete").exists()
    again = run_action(clone, tmp_path, {"release-url": "file:///nonexistent"})
    assert again.status == 0, again.output
    assert "from the tool cache" in again.output


def test_explicit_format_and_build(tmp_path, releases, pull_request):
    clone, _ = pull_request
    json_run = run_action(clone, tmp_path, {"release-url": f"file://{releases}", "args": "--format json"})
    assert json_run.status == 1 and '"diagnostics"' in json_run.output
    assert "--format github" not in json_run.output
    git(clone, "checkout", "-q", "main")
    build = run_action(clone, tmp_path, {"release-url": f"file://{releases}", "command": "build"},
                       event="push")
    assert build.status == 0, build.output
    assert (clone / "_site" / "index.html").exists()


def test_wrong_checksum_fails(tmp_path, releases, pull_request):
    clone, _ = pull_request
    checksum = next(releases.glob("v*/*.sha256"))
    checksum.write_text("0" * 64 + "  " + checksum.name.removesuffix(".sha256") + "\n")
    run = run_action(clone, tmp_path, {"release-url": f"file://{releases}"})
    assert run.status != 0
    assert "wrong checksum" in run.output and "0" * 64 in run.output
    assert not list((tmp_path / "tool-cache").rglob("baton/bin/baton"))


def test_missing_release_fails(tmp_path, releases, pull_request):
    clone, _ = pull_request
    next(releases.glob("v*/*.tar.gz")).unlink()
    run = run_action(clone, tmp_path, {"release-url": f"file://{releases}"})
    assert run.status != 0
    assert "missing release" in run.output, run.output


def test_unknown_version_fails(tmp_path, releases, pull_request):
    clone, _ = pull_request
    run = run_action(clone, tmp_path, {"release-url": f"file://{releases}", "version": "9.9.9"})
    assert run.status != 0
    assert "unknown Baton version 9.9.9" in run.output, run.output
    malformed = run_action(clone, tmp_path, {"release-url": f"file://{releases}", "version": "latest-ish"})
    assert malformed.status != 0 and "unknown Baton version 'latest-ish'" in malformed.output


def test_unknown_command_fails(tmp_path, releases, pull_request):
    clone, _ = pull_request
    run = run_action(clone, tmp_path, {"release-url": f"file://{releases}", "command": "deploy"})
    assert run.status != 0 and "unknown command 'deploy'" in run.output
