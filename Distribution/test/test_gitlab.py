"""The GitLab CI template (ci/gitlab/baton.gitlab-ci.yml), run the way a GitLab runner runs a job.

`run_job` reads the template, decides from the job's `rules:` whether it runs for the pipeline,
merges its variables (the template's, the job's and those it extends, then the pipeline's
predefined ones), and runs `before_script` and `script` lines in one bash shell with `set -eo
pipefail`, in the project folder, as the runner does.
"""

import json
import os
import re
import subprocess

import yaml

from conftest import FIXED_DECISION, ROOT, VERSION, git

TEMPLATE = ROOT / "ci" / "gitlab" / "baton.gitlab-ci.yml"


def job(name):
    template = yaml.safe_load(TEMPLATE.read_text())
    spec = dict(template[name])
    parent = template.get(spec.pop("extends", ""), {})
    merged = {**parent, **spec, "variables": {**parent.get("variables", {}), **spec.get("variables", {})}}
    return template.get("variables", {}), merged


def rule_matches(expression, variables):
    """Evaluates the `$A == "b"` and `$A == $B` rules the template uses."""
    match = re.fullmatch(r'\$(\w+) == (?:"([^"]*)"|\$(\w+))', expression.strip())
    assert match, f"the test cannot evaluate the rule {expression!r}"
    left = variables.get(match.group(1), "")
    right = match.group(2) if match.group(2) is not None else variables.get(match.group(3), "")
    return left == right


def run_job(name, project, pipeline, overrides=None):
    """Runs job `name` for a pipeline (its predefined CI_* variables); None when rules skip it."""
    defaults, spec = job(name)
    variables = {**defaults, **spec["variables"], **pipeline, **(overrides or {})}
    if not any(rule_matches(rule["if"], variables) for rule in spec.get("rules", [])):
        return None
    script = "set -eo pipefail\n" + "\n".join(spec.get("before_script", []) + spec["script"]) + "\n"
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/root"), "CI": "true",
           "GITLAB_CI": "true", "CI_PROJECT_DIR": str(project), **{k: str(v) for k, v in variables.items()}}
    return subprocess.run(["bash", "--noprofile", "--norc", "-c", script], cwd=project, env=env,
                          capture_output=True, text=True)


def merge_request(base):
    return {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
            "CI_COMMIT_BRANCH": "", "CI_DEFAULT_BRANCH": "main", "CI_MERGE_REQUEST_IID": "7"}


def push_to_main():
    return {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main", "CI_DEFAULT_BRANCH": "main",
            "CI_PAGES_URL": "https://acme.gitlab.io/handbook"}


def test_default_version_is_the_release():
    assert yaml.safe_load(TEMPLATE.read_text())["variables"]["BATON_VERSION"] == VERSION


def test_merge_request_with_broken_decision_fails_with_code_quality_report(releases, pull_request):
    clone, base = pull_request
    result = run_job("baton-check", clone, merge_request(base), {"BATON_RELEASE_URL": f"file://{releases}"})
    assert result is not None and result.returncode == 1, result.stdout + result.stderr
    report = json.loads((clone / "gl-code-quality-report.json").read_text())
    assert report and {item["location"]["path"] for item in report} == {"decisions/0002-move-to-postgres.md"}
    assert all(item["severity"] in {"major", "critical", "blocker"} for item in report)
    assert "decisions/0002-move-to-postgres.md:" in result.stderr  # the log says what to fix
    artifacts = job("baton-check")[1]["artifacts"]
    assert artifacts["reports"]["codequality"] == "gl-code-quality-report.json"
    assert artifacts["when"] == "always"


def test_merge_request_fixed_passes_and_skips_on_push(releases, pull_request):
    clone, base = pull_request
    (clone / "decisions" / "0002-move-to-postgres.md").write_text(FIXED_DECISION)
    git(clone, "commit", "-q", "-am", "Add the proposal")
    result = run_job("baton-check", clone, merge_request(base), {"BATON_RELEASE_URL": f"file://{releases}"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads((clone / "gl-code-quality-report.json").read_text()) == []
    assert run_job("baton-check", clone, push_to_main()) is None


def test_pages_builds_public_on_the_default_branch_only(releases, pull_request):
    clone, base = pull_request
    git(clone, "checkout", "-q", "main")
    result = run_job("pages", clone, push_to_main(), {"BATON_RELEASE_URL": f"file://{releases}"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (clone / "public" / "index.html").exists()
    assert "https://acme.gitlab.io/handbook" in (clone / "public" / "sitemap.xml").read_text()
    assert run_job("pages", clone, merge_request(base)) is None


def test_wrong_checksum_unknown_version_and_missing_release(releases, pull_request):
    clone, base = pull_request
    url = {"BATON_RELEASE_URL": f"file://{releases}"}
    unknown = run_job("baton-check", clone, merge_request(base), {**url, "BATON_VERSION": "9.9.9"})
    assert unknown.returncode != 0 and "unknown Baton version 9.9.9" in unknown.stdout + unknown.stderr
    checksum = next(releases.glob("v*/*.sha256"))
    good = checksum.read_text()
    checksum.write_text("0" * 64 + good[64:])
    wrong = run_job("baton-check", clone, merge_request(base), url)
    assert wrong.returncode != 0 and "wrong checksum" in wrong.stdout + wrong.stderr
    checksum.write_text(good)
    next(releases.glob("v*/*.tar.gz")).unlink()
    missing = run_job("baton-check", clone, merge_request(base), url)
    assert missing.returncode != 0 and "missing release" in missing.stdout + missing.stderr
