"""assemble.publish: a site is replaced only by a complete build; any failure leaves it byte-identical.

Most tests build a one-page MkDocs project (fast); one builds the real site end to end.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assemble import engines, publish
from assemble.publish import build_atomically, swap
from assemble.zensical import without_traceback
from bad_inputs import KNOWLEDGE, REPO_ROOT
from generator.knowledge import knowledge_dir
from support import ARTICLES, leftovers
from support.tiny import TINY_ARTICLES, copy_tiny, edit, line_of

TIER = "build"  # most tests here build a small site; the others are marked `unit`


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under `directory` with its bytes."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tiny MkDocs project (no hooks) with a previously published site; the real knowledge base."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Hello\n\nA [link](other.md).\n")
    (tmp_path / "docs" / "other.md").write_text("# Other\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Tiny\n")
    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    (site / "sentinel.txt").write_text("previous site\n")
    (site / "old" / "page.html").write_text("<p>old</p>\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARTNER_KB", str(KNOWLEDGE))
    monkeypatch.setenv("PARTNER_SOURCES", str(ARTICLES))
    return tmp_path


def test_success_replaces_the_site(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build_atomically(Path("mkdocs.yml"), Path("site")) == 0
    site = project / "site"
    assert (site / "index.html").is_file() and (site / "other" / "index.html").is_file()
    assert not (site / "sentinel.txt").exists(), "the old site is gone, not merged"
    assert leftovers(project) == []
    out = capsys.readouterr().out
    status, built = out.splitlines()
    assert status == f"quotations verified against 5 articles in {ARTICLES}"
    assert built.startswith("built 2 pages into ") and built.endswith(" s")


def test_a_missing_site_dir_is_created(project: Path) -> None:
    assert build_atomically(Path("mkdocs.yml"), Path("out/deep/site")) == 0
    assert (project / "out" / "deep" / "site" / "index.html").is_file()
    assert leftovers(project / "out" / "deep") == []


def test_an_mkdocs_failure_keeps_the_old_site(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "other.md").unlink()  # index.md now links to a missing page: fatal in strict mode
    before = snapshot(project / "site")
    assert build_atomically(Path("mkdocs.yml"), Path("site")) == 1
    assert snapshot(project / "site") == before
    assert leftovers(project) == []
    err = capsys.readouterr().err
    assert "other.md" in err and "strict mode" in err and "left unchanged" in err


def test_an_mkdocs_failure_is_a_message_not_a_traceback(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "docs" / "other.md").unlink()
    assert build_atomically(Path("mkdocs.yml"), Path("site")) == 1
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.unit
def test_a_bug_in_the_generator_keeps_its_traceback(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception no engine raises for bad input is our bug: the site is kept, and the traceback shown."""

    def broken(config: Path, dest: Path) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(engines, "mkdocs_build", broken)
    before = snapshot(project / "site")
    assert build_atomically(Path("mkdocs.yml"), Path("site")) == 1
    assert snapshot(project / "site") == before and leftovers(project) == []
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "in broken" in err
    assert "ZeroDivisionError: division by zero (an error in the generator itself" in err


def test_a_broken_config_keeps_the_old_site(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "mkdocs.yml").write_text("site_name: Tiny\ntheme: {name: no-such-theme}\n")
    before = snapshot(project / "site")
    assert build_atomically(Path("mkdocs.yml"), Path("site")) == 1
    assert snapshot(project / "site") == before and leftovers(project) == []
    assert "build failed" in capsys.readouterr().err


@pytest.mark.unit
def test_a_broken_knowledge_base_stops_before_mkdocs(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = copy_tiny(project / "kb")
    edit(directory / "debate.yml", "      position: sometimes\n", "      position: somtimes\n")
    monkeypatch.setenv("PARTNER_KB", str(directory))
    monkeypatch.setenv("PARTNER_SOURCES", str(TINY_ARTICLES))
    monkeypatch.setattr(engines, "mkdocs_build", lambda *a: pytest.fail("MkDocs must not run"))
    before = snapshot(project / "site")
    assert build_atomically(Path("mkdocs.yml"), Path("site")) == 1
    assert snapshot(project / "site") == before and leftovers(project) == []
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"knowledge/debate.yml:{line_of(directory / 'debate.yml', 'somtimes')}: unknown position 'somtimes' "
        "(did you mean 'sometimes'?)",
        "1 problem(s) found; the site was not built.",
    ]


def test_a_file_in_the_way_is_not_replaced(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "site.txt").write_text("not a directory\n")
    assert build_atomically(Path("mkdocs.yml"), Path("site.txt")) == 1
    assert (project / "site.txt").read_text() == "not a directory\n"
    assert leftovers(project) == []
    assert "could not replace" in capsys.readouterr().err


@pytest.mark.unit
def test_swap_restores_the_old_site_when_the_new_one_cannot_move(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, built = tmp_path / "site", tmp_path / ".site-build-x"
    site.mkdir(), built.mkdir()
    (site / "a").write_text("old")
    (built / "a").write_text("new")
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self == built:
            raise OSError("disk trouble")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError, match="disk trouble"):
        swap(built, site)
    assert (site / "a").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-build-x", "site"]


@pytest.mark.unit
def test_knowledge_dir_follows_partner_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTNER_KB", raising=False)
    assert knowledge_dir(tmp_path / "mkdocs.yml") == tmp_path.resolve() / "knowledge"
    monkeypatch.setenv("PARTNER_KB", "/elsewhere/kb")
    assert knowledge_dir(tmp_path / "mkdocs.yml") == Path("/elsewhere/kb")


def test_the_real_site_builds_and_replaces(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sentinel.txt").write_text("previous site\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNER_")}
    result = subprocess.run(
        [sys.executable, "-m", "assemble", "build", "--site-dir", str(site)],
        cwd=REPO_ROOT,
        env={**env, "PARTNER_SOURCES": str(ARTICLES), "PARTNER_LOCK": "", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file() and (site / "decision" / "index.html").is_file()
    assert not (site / "sentinel.txt").exists()
    assert leftovers(tmp_path) == []
    pages = int(result.stdout.splitlines()[-1].split()[1])
    assert pages == publish.count_pages(site) and pages > 10


def _build_command(site: Path, engine: str) -> list[str]:
    return [sys.executable, "-m", "assemble", "build", "--site-dir", str(site), "--engine", engine]


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNER_")}
    return {**env, "PARTNER_SOURCES": str(ARTICLES), "PARTNER_LOCK": "", "NO_MKDOCS_2_WARNING": "1"}


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_sigterm_during_a_build_leaves_no_temporary_folder(tmp_path: Path, engine: str) -> None:
    """A stopped `make site` (Ctrl+C, a CI timeout) must not leave `.site-build-*` — nor Zensical's
    project folder beside it — behind, and the published site stays as it was."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sentinel.txt").write_text("previous site\n")
    # the engine is at work once its folder exists (Zensical's: once its config is written)
    started = "*-zensical/mkdocs.yml" if engine == "zensical" else f"{publish.BUILD_PREFIX}*/*"
    child = subprocess.Popen(
        _build_command(site, engine),
        cwd=REPO_ROOT,
        env=_clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not list(tmp_path.glob(started)):
            assert child.poll() is None, f"the build ended before it could be stopped: {child.communicate()}"
            assert time.monotonic() < deadline, "the build never started"
            time.sleep(0.005)
        child.send_signal(signal.SIGTERM)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 128 + signal.SIGTERM, err
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert snapshot(site) == {"sentinel.txt": b"previous site\n"}
    assert "left unchanged" in err and "Traceback" not in err


def test_a_zensical_failure_of_its_own_is_a_message_not_its_traceback(tmp_path: Path) -> None:
    """Zensical dies with a Python traceback when it cannot write (here: a file larger than the
    process may write, which its search index is); the reader gets the error, not click's frames."""
    site = tmp_path / "site"
    limit = 200_000  # above every file the docs tree holds, below Zensical's search.json

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        _build_command(site, "zensical"),
        cwd=REPO_ROOT,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=small_files,
    )
    assert result.returncode == 1, result.stderr
    assert "File too large" in result.stderr
    assert "Traceback" not in result.stderr and 'File "' not in result.stderr, result.stderr
    assert leftovers(tmp_path) == []


@pytest.mark.unit
def test_without_traceback_keeps_the_report_and_the_error() -> None:
    output = (
        "Build started\nNo issues found\nTraceback (most recent call last):\n"
        '  File "<frozen runpy>", line 198, in _run_module_as_main\n'
        '  File "/x/zensical/main.py", line 81, in execute_build\n'
        "    build(os.path.abspath(config_file), kwargs)\n"
        "RuntimeError: File too large (os error 27)\nafter"
    )
    assert without_traceback(output) == (
        "Build started\nNo issues found\nRuntimeError: File too large (os error 27)\nafter"
    )
