"""The tiny knowledge base: a fixture for the code's tests, written for them (tests/fixtures/tiny/).

Three made-up sources with their own short articles, two facts, four outcomes, five cases. Code tests
use it so that they state their expected values outright (this file's content is known and small)
and do not break when the real knowledge base is reworded; the real one is tested for what it says
(tests/test_content.py, tests/test_content_quiz.py).
"""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

from generator.knowledge import load
from generator.model import KnowledgeBase

from . import REPO_ROOT, build_site

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "tiny"
TINY_KB = TINY / "knowledge"
TINY_ARTICLES = TINY / "articles"
TINY_TOPICS = (
    "definitions",
    "distinctions",
    "kinds",
    "debate",
    "classification",
    "first-steps",
    "probing",
    "playbook",
    "pitfalls",
)
"""The tiny knowledge base's quiz topics, in quiz.yml's order (written out, not read from it)."""


@cache
def tiny_kb() -> KnowledgeBase:
    """The tiny knowledge base, loaded and checked against its articles (once per process)."""
    return load(TINY_KB, TINY_ARTICLES)


def copy_tiny(tmp_path: Path) -> Path:
    """A writable copy of the tiny knowledge base at tmp_path/knowledge (its articles stay put)."""
    target = tmp_path / "knowledge"
    shutil.copytree(TINY_KB, target)
    return target


def line_of(path: Path, text: str) -> int:
    """The 1-based line of `path` on which `text` first appears (the test's own reading of the file)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} is not in {path}")


def edit(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in `path` (a test's deliberate mistake)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def build_tiny_site(dest: Path) -> Path:
    """Build the tiny knowledge base's site into `dest` with `mkdocs build --strict`; a failed build
    fails the test with MkDocs' output."""
    result = build_site(REPO_ROOT, dest, env={"PARTNER_KB": str(TINY_KB), "PARTNER_SOURCES": str(TINY_ARTICLES)})
    assert result.returncode == 0, f"the tiny site did not build:\n{result.stdout}\n{result.stderr}"
    return dest
