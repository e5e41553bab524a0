"""Every malformed knowledge base in tests/bad_inputs/ is refused with a `path:line` an editor can use.

Three ways in, three guarantees: the loader raises at the exact line, `python -m assemble
check` fails and prints it, and a build (ours and plain `mkdocs build`) fails without
touching the previously published site.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bad_inputs import REPO_ROOT, Case, all_cases, articles_for, materialise
from generator.errors import KnowledgeBaseError
from generator.knowledge import load_checked
from quiz.verify import bank_problems
from support import ARTICLES as SOURCES_DIR

CASES = all_cases()
BUILD_CASES = {"01-yaml-unclosed-brace", "07-not-utf8", "31-rule-gap", "57-missing-section"}


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    """Run a command from the repository root with a clean PARTNER_* environment."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("PARTNER_")}
    env = {"PARTNER_SOURCES": str(SOURCES_DIR), "PARTNER_LOCK": "", **env}
    return subprocess.run(
        args,
        cwd=REPO_ROOT,
        env={**base, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def reported(output: str, case: Case) -> bool:
    """True when some line of `output` is `path:line: …message…` for this case."""
    return any(line.startswith(f"{case.where}: ") and case.message in line for line in output.splitlines())


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` with its bytes, keyed by relative path."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_catalogue_is_large_and_well_formed() -> None:
    assert len(CASES) >= 30
    numbers = [case.name.split("-")[0] for case in CASES]
    assert len(set(numbers)) == len(numbers), "two cases share a number"
    for case in CASES:
        assert case.path.startswith("knowledge"), case.name
        assert case.line >= 1 and case.message.strip() and case.description.strip(), case.name
        changed = [f"knowledge/{case.file}", f"knowledge/{case.change.get('rename', case.file)}", "knowledge"]
        assert case.path in changed, f"{case.name}: blames a file it did not change"


def test_real_knowledge_base_passes_check() -> None:
    result = run([sys.executable, "-m", "assemble", "check"])
    assert result.returncode == 0, result.stderr
    assert "knowledge base OK" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_loader_reports_the_line(case: Case, tmp_path: Path) -> None:
    directory = materialise(case, tmp_path)
    with pytest.raises(KnowledgeBaseError) as info:
        load_checked(directory, articles_for(case, tmp_path, SOURCES_DIR), more=[bank_problems])
    problems = info.value.problems
    shown = "\n".join(map(str, problems))
    assert any(p.path == case.path and p.line == case.line and case.message in p.message for p in problems), (
        f"{case.name} ({case.description}): wanted {case.where}: …{case.message}…, got:\n{shown}"
    )
    assert problems == sorted(problems)


# The command line on every case is the exhaustive tier (a child process each, ~100 of them); the fast
# tier runs it on the build subset and a YAML, a schema and a cross-reference case, and the loader
# test above covers every case in-process.
CLI_SAMPLE = BUILD_CASES | {"09-duplicate-key", "23-unknown-field", "29-rule-unknown-fact"}


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=() if c.name in CLI_SAMPLE else pytest.mark.exhaustive) for c in CASES],
    ids=[c.name for c in CASES],
)
def test_check_command_fails_and_prints_the_line(case: Case, tmp_path: Path) -> None:
    directory = materialise(case, tmp_path)
    result = run(
        [sys.executable, "-m", "assemble", "check", "--knowledge", str(directory)],
        PARTNER_SOURCES=str(articles_for(case, tmp_path, SOURCES_DIR)),
    )
    assert result.returncode == 1
    assert reported(result.stderr, case), result.stderr
    assert "knowledge base OK" not in result.stdout


BUILD = [c for c in CASES if c.name in BUILD_CASES]


def test_build_subset_is_present() -> None:
    assert {c.name for c in BUILD} == BUILD_CASES


@pytest.mark.build
@pytest.mark.parametrize("case", BUILD, ids=[c.name for c in BUILD])
def test_build_fails_and_keeps_the_published_site(case: Case, tmp_path: Path) -> None:
    directory = materialise(case, tmp_path / "kb")
    out = tmp_path / "out"
    site = out / "site"
    (site / "sub").mkdir(parents=True)
    (site / "sentinel.txt").write_text("the previous site\n")
    (site / "index.html").write_bytes(b"<!doctype html><title>old</title>\n")
    (site / "sub" / "page.html").write_bytes(b"\x00\xffbinary\n")
    before = snapshot(site)

    result = run([sys.executable, "-m", "assemble", "build", "--site-dir", str(site)], PARTNER_KB=str(directory))
    assert result.returncode == 1
    assert reported(result.stderr, case), result.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in out.iterdir()) == ["site"], "a temporary build directory was left behind"


@pytest.mark.build
@pytest.mark.parametrize("case", BUILD, ids=[c.name for c in BUILD])
def test_plain_mkdocs_build_fails_with_the_line(case: Case, tmp_path: Path) -> None:
    directory = materialise(case, tmp_path / "kb")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sentinel.txt").write_text("kept\n")
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], PARTNER_KB=str(directory)
    )
    assert result.returncode != 0
    assert reported(result.stdout + result.stderr, case), result.stdout + result.stderr
    assert "nothing was built" in result.stdout + result.stderr
    assert (site / "sentinel.txt").read_text() == "kept\n"


def test_cli_sample_is_present() -> None:
    assert {c.name for c in CASES} >= CLI_SAMPLE
