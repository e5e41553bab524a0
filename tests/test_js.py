"""The browser code's pure modules (quiz/assets/rules.js, draw.js, storage.js, …) under Node's own test
runner: tests/js/*.test.mjs, one pytest test per file, so `make test` runs them and names a failing one."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from support import REPO_ROOT
from support.node import require_node

JS_TESTS = REPO_ROOT / "tests" / "js"
ASSETS = REPO_ROOT / "quiz" / "assets"
PURE = ["rules", "urlstate", "draw", "storage", "valid", "validrules", "format", "lms"]


def test_every_pure_module_has_its_node_tests() -> None:
    """The parametrized test below runs what it finds: this one fails if a module's tests go missing."""
    for name in PURE:
        assert (ASSETS / f"{name}.js").is_file(), name
        assert (JS_TESTS / f"{name}.test.mjs").is_file(), f"no tests/js/{name}.test.mjs"


@pytest.mark.parametrize("path", sorted(JS_TESTS.glob("*.test.mjs")), ids=lambda p: p.name)
def test_node_tests_pass(path: Path) -> None:
    node = require_node()
    result = subprocess.run(
        [node, "--test", "--test-reporter=tap", str(path)], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    counts = {
        key: int(n) for key, n in re.findall(r"^# (tests|pass|fail|skipped|todo|cancelled) (\d+)$", result.stdout, re.M)
    }
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr
    assert counts.get("tests", 0) > 0 and counts["pass"] == counts["tests"], counts  # none skipped, todo or lost
