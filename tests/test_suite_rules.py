"""The test suite's own rules: shared helpers live in tests/support/ (no test file imports another),
a fixture name means one thing (it is defined once), and every test is in exactly one tier."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import TIERS

TESTS = Path(__file__).resolve().parent
TEST_FILES = sorted(TESTS.glob("test_*.py"))
PYTHON_FILES = sorted(p for p in TESTS.rglob("*.py") if "fixtures" not in p.parts)


def imported_modules(path: Path) -> set[str]:
    """The top-level names of every module `path` imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_the_rules_see_every_test_file() -> None:
    assert len(TEST_FILES) >= 30


@pytest.mark.parametrize("path", PYTHON_FILES, ids=[p.relative_to(TESTS).as_posix() for p in PYTHON_FILES])
def test_no_test_imports_another_test_file(path: Path) -> None:
    """What two test files share belongs in tests/support/: importing a test file runs its tests'
    module code twice and ties one file's helpers to another's."""
    tests = {p.stem for p in TEST_FILES}
    assert not imported_modules(path) & tests, f"{path.name} imports a test file: move the helper to tests/support/"


def fixtures_defined() -> dict[str, list[str]]:
    """Fixture name → the files that define a fixture of that name."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in PYTHON_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any("fixture" in ast.unparse(d) for d in node.decorator_list):
                found[node.name].append(path.relative_to(TESTS).as_posix())
    return found


def test_a_fixture_name_means_one_thing() -> None:
    """Defined once, in conftest.py when files share it: the same name (`kb`, `bank`, `site`) once
    meant the real knowledge base in one file and the tiny one in another."""
    twice = {name: files for name, files in fixtures_defined().items() if len(files) > 1}
    assert not twice, f"fixture names defined more than once: {twice}"


def test_the_tiers_are_the_registered_markers(pytestconfig: pytest.Config) -> None:
    registered = {line.split(":")[0].strip() for line in pytestconfig.getini("markers")}
    assert set(TIERS) <= registered


def test_every_collected_test_has_one_tier(request: pytest.FixtureRequest) -> None:
    for item in request.session.items:
        tiers = [m.name for m in item.iter_markers() if m.name in TIERS]
        assert len(tiers) == 1, f"{item.nodeid}: tiers {tiers}"
