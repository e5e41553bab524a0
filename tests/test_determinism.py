"""Two clean builds, in processes with different hash seeds, write byte-identical pages and data.

Set and dict iteration order, time stamps or random draws leaking into the output would show
up here as a diff between the two builds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import build_site

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.build
# The sitemap carries the build date (and its .gz the gzip time stamp): date-dependent by design.
DATED = {"sitemap.xml", "sitemap.xml.gz"}


def build(dest: Path, seed: str) -> dict[str, bytes]:
    result = build_site(ROOT, dest, timeout=300, env={"PYTHONHASHSEED": seed})
    assert result.returncode == 0, result.stderr
    return {
        p.relative_to(dest).as_posix(): p.read_bytes()
        for p in sorted(dest.rglob("*"))
        if p.is_file() and p.name not in DATED
    }


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = build(tmp_path / "one", "1"), build(tmp_path / "two", "2")
    assert first.keys() == second.keys()
    differ = [path for path in first if first[path] != second[path]]
    assert not differ, f"{len(differ)} file(s) differ between two builds: {differ[:10]}"
    generated = [p for p in first if p.endswith((".html", ".json"))]
    assert "quiz/questions.json" in generated and "quiz/rules.json" in generated and len(generated) > 20
