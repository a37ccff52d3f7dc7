"""The example workflows in site/.github/workflows: they use this release of the Action the way
the Action expects, and the handbook's CI page shows them exactly as the files are."""

import yaml

from conftest import ROOT, VERSION

WORKFLOWS = ROOT / "site" / ".github" / "workflows"
ACTION = f"baton-project/baton@v{VERSION}"


def steps(name, job):
    return yaml.safe_load((WORKFLOWS / name).read_text())["jobs"][job]["steps"]


def test_pull_request_check_uses_this_release_with_full_history():
    workflow = yaml.safe_load((WORKFLOWS / "baton-check.yml").read_text())
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    check = steps("baton-check.yml", "check")
    assert check[0]["uses"].startswith("actions/checkout@") and check[0]["with"]["fetch-depth"] == 0
    assert check[1]["uses"] == ACTION and check[1]["with"]["command"] == "check"


def test_pages_builds_with_the_action_and_deploys():
    build = steps("baton-pages.yml", "build")
    assert build[0]["with"]["fetch-depth"] == 0
    baton = next(step for step in build if step.get("uses") == ACTION)
    assert baton["with"]["command"] == "build" and "--output _site" in baton["with"]["args"]
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "_site"
    deploy = steps("baton-pages.yml", "deploy")
    assert deploy[0]["uses"].startswith("actions/deploy-pages@")


def test_action_inputs_used_by_the_workflows_exist():
    inputs = set(yaml.safe_load((ROOT / "action.yml").read_text())["inputs"])
    for name, job in [("baton-check.yml", "check"), ("baton-pages.yml", "build")]:
        for step in steps(name, job):
            if step.get("uses") == ACTION:
                assert set(step["with"]) <= inputs


def test_handbook_shows_the_files_verbatim():
    page = (ROOT / "site" / "handbook" / "engineering" / "running-baton-in-ci.md").read_text()
    for name in ["baton-check.yml", "baton-pages.yml"]:
        assert (WORKFLOWS / name).read_text() in page, f"{name} differs from the handbook's copy"
