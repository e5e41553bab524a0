"""Packages import one way: the knowledge model and its checks at the bottom, the guide renderer
and the quiz bank beside each other above it, the site assembly on top, the benchmark beside the
tests. Read from the source (every import statement, at any depth), so a new import that breaks
the order fails here rather than as a circular import some day."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support import REPO_ROOT

PACKAGES = ("generator", "quiz", "assemble", "bench")
# What each package may import from the project (itself always).
ALLOWED = {
    "generator": {"generator"},
    "quiz": {"generator", "quiz"},
    "assemble": {"generator", "quiz", "assemble"},
    "bench": {"generator", "quiz", "assemble", "bench"},
}
VALIDATION = (
    "load",
    "typed",
    "model",
    "errors",
    "articles",
    "cited",
    "layout",
    "checks",
    "knowledge",
    "quotelock",
    "decision",
    "schema",
)
"""generator modules that validate the knowledge base: they never import the renderer."""
RENDERING = {"generator.pages", "generator.views", "generator.diagram", "generator.markup"}


def imports(path: Path, package: str) -> set[str]:
    """Every module a file imports, relative imports resolved against its package."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = f"{package}.{base}" if base else package
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def modules(package: str) -> list[Path]:
    return sorted((REPO_ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", PACKAGES)
def test_each_package_imports_only_the_layers_below(package: str) -> None:
    wrong = []
    for path in modules(package):
        for name in imports(path, package):
            top = name.split(".")[0]
            if (top in PACKAGES and top not in ALLOWED[package]) or top in ("tests", "support", "bad_inputs"):
                wrong.append(f"{path.relative_to(REPO_ROOT)} imports {name}")
    assert not wrong, "\n".join(wrong)


def test_validation_never_imports_the_renderer() -> None:
    wrong = [
        f"generator/{m}.py imports {name}"
        for m in VALIDATION
        for name in imports(REPO_ROOT / "generator" / f"{m}.py", "generator")
        if name in RENDERING
    ]
    assert not wrong, "\n".join(wrong)


QUIZ_ORDER = (
    "question",
    "gates",
    "cues",
    "feedback",
    "assessment",
    "bank",
    "verify",
    "export",
    "exchange",
    "bundle",
    "scorm",
    "build",
)
"""Inside the quiz: the question model at the bottom, the gates that judge questions above it (and the
cue solvers that judge a pool), the feedback computed from the rules and the held-out assessment pool,
the generators above those; the bank's readers (verify, export, the LMS formats, the bundle and the
SCORM package, build) on top."""


def test_quiz_modules_import_one_way() -> None:
    wrong = []
    for i, name in enumerate(QUIZ_ORDER):
        later = {f"quiz.{m}" for m in QUIZ_ORDER[i + 1 :]}
        wrong += [
            f"quiz/{name}.py imports {m}" for m in imports(REPO_ROOT / "quiz" / f"{name}.py", "quiz") if m in later
        ]
    assert {p.stem for p in modules("quiz")} - {"__init__"} <= set(QUIZ_ORDER), (
        "a new quiz module: place it in QUIZ_ORDER"
    )
    assert not wrong, "\n".join(wrong)


ASSEMBLE_ORDER = (
    "abbr",
    "siteinfo",
    "tree",
    "preview",
    "zensical",
    "engines",
    "report",
    "publish",
    "serve",
    "__main__",
)
"""Inside the assembly, one job per module, each importing only those before it: the linear `abbr`
for MkDocs, the docs tree,
the Zensical project, the engines (how each builds), loading and reporting, the atomic build, the
preview, the command line. No cycle: the engines never import the build that dispatches to them."""


def test_assemble_modules_import_one_way() -> None:
    wrong = []
    for i, name in enumerate(ASSEMBLE_ORDER):
        later = {f"assemble.{m}" for m in ASSEMBLE_ORDER[i:]}  # itself included: no module imports itself
        wrong += [
            f"assemble/{name}.py imports {m}"
            for m in imports(REPO_ROOT / "assemble" / f"{name}.py", "assemble")
            if m in later
        ]
    assert {p.stem for p in modules("assemble")} - {"__init__"} <= set(ASSEMBLE_ORDER), (
        "a new assemble module: place it in ASSEMBLE_ORDER"
    )
    assert not wrong, "\n".join(wrong)


def test_the_check_can_fail(tmp_path: Path) -> None:
    """The import reader sees relative and nested imports, so the checks above can fail."""
    source = tmp_path / "x.py"
    source.write_text("from .pages import Guide\ndef f():\n    from quiz.bank import build_bank\n")
    assert {"generator.pages", "generator.pages.Guide", "quiz.bank"} <= imports(source, "generator")
