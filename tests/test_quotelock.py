"""The quotation lock (generator/quotelock.py, knowledge/quotations.lock): written by `check` where
the articles are, it verifies every citation and quotation where they are not, and a lock that no
longer matches the articles fails. On the tiny knowledge base and copies of its articles; the last
test checks that the committed lock covers the real knowledge base, without the real articles."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import KnowledgeBaseError
from generator.knowledge import KNOWLEDGE_DIR, load_checked
from generator.quotelock import LOCK_NAME, fingerprint, read_lock
from support import REPO_ROOT
from support.tiny import TINY_ARTICLES, copy_tiny, edit, line_of

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def run(*args: str, articles: Path | None, **extra: str) -> subprocess.CompletedProcess[str]:
    """`python -m assemble …` with the lock on (the tests' environment turns it off) and the articles
    at `articles` (None: none found)."""
    env = {k: v for k, v in os.environ.items() if k != "PARTNER_LOCK"}
    env["PARTNER_SOURCES"] = str(articles) if articles else "/nonexistent/articles"
    return subprocess.run(
        [sys.executable, "-m", "assemble", *args],
        cwd=REPO_ROOT,
        env={**env, **extra},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def locked(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the tiny knowledge base and of its articles, with the lock `check` wrote for them."""
    knowledge = copy_tiny(tmp_path)
    articles = tmp_path / "articles"
    shutil.copytree(TINY_ARTICLES, articles)
    result = run("check", "--knowledge", str(knowledge), articles=articles)
    assert result.returncode == 0, result.stderr
    assert f"wrote knowledge/{LOCK_NAME}: 3 articles" in result.stdout
    return knowledge, articles


def problems(knowledge: Path, articles: Path | None) -> list[str]:
    try:
        load_checked(knowledge, articles, use_lock=True)
    except KnowledgeBaseError as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.fixture(autouse=True)
def lock_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTNER_LOCK", raising=False)


def test_check_writes_a_lock_of_fingerprints(locked: tuple[Path, Path]) -> None:
    knowledge, articles = locked
    text = (knowledge / LOCK_NAME).read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["format"] == 1 and DATE.fullmatch(data["verified"])
    assert set(data["articles"]) == {"ada", "ben", "cy"}
    assert data["articles"]["ada"]["file"] == "ada.txt" and data["articles"]["ada"]["lines"] == 13
    line3 = (articles / "ada.txt").read_text(encoding="utf-8").splitlines()[2]
    assert data["lines"]["ada:3"] == {
        "text": fingerprint(line3),
        "quotes": [fingerprint("A customer pays you the price you ask")],
    }
    assert "A customer pays" not in text, "fingerprints only: the lock holds no text of the articles"
    again = run("check", "--knowledge", str(knowledge), articles=articles)
    assert again.returncode == 0 and "wrote" not in again.stdout  # nothing new: not rewritten
    assert (knowledge / LOCK_NAME).read_text(encoding="utf-8") == text


def test_without_articles_check_verifies_against_the_lock(locked: tuple[Path, Path]) -> None:
    knowledge, _ = locked
    result = run("check", "--require-articles", "--knowledge", str(knowledge), articles=None)
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"quotations verified against the lock of \d{4}-\d{2}-\d{2} \(knowledge/quotations.lock: "
        r"3 articles, \d+ cited lines; no articles found at /nonexistent/articles\)",
        result.stdout,
    )


def test_a_changed_quotation_fails_at_its_line(locked: tuple[Path, Path]) -> None:
    knowledge, _ = locked
    edit(knowledge / "sources.yml", "A customer pays you the price you ask", "A customer pays you the price")
    line = line_of(knowledge / "sources.yml", "A customer pays you the price")
    lock = read_lock(knowledge / LOCK_NAME, "")
    assert lock is not None
    assert problems(knowledge, None) == [
        f"knowledge/sources.yml:{line}: quotation not verified: knowledge/quotations.lock (verified {lock.verified}) "
        "has no such quotation on line 3 of ada.txt (new or changed since); run `make lock` where the articles "
        "are (README: The source articles)"
    ]


def test_a_new_citation_the_lock_does_not_cover_fails(locked: tuple[Path, Path]) -> None:
    knowledge, articles = locked
    text = (knowledge / "glossary.yml").read_text(encoding="utf-8")
    cite = re.search(r'"(ada:\d+)"', text)
    assert cite
    edit(knowledge / "glossary.yml", f'"{cite.group(1)}"', '"ada:13"')  # a line that exists, never cited
    found = problems(knowledge, None)
    assert len(found) == 1 and found[0].startswith(
        f"knowledge/glossary.yml:{line_of(knowledge / 'glossary.yml', 'ada:13')}: "
    )
    assert "citation 'ada:13' is not covered by knowledge/quotations.lock" in found[0] and "make lock" in found[0]
    edit(knowledge / "glossary.yml", '"ada:13"', '"ada:14"')  # past the end, which the lock knows
    assert "citation 'ada:14': line 14 is past the end of ada.txt (13 lines" in problems(knowledge, None)[0]
    edit(knowledge / "glossary.yml", '"ada:14"', '"ada:13"')
    assert problems(knowledge, articles) == []  # with the articles, the line exists: check passes …
    result = run("check", "--knowledge", str(knowledge), articles=articles)
    assert "wrote knowledge/quotations.lock" in result.stdout  # … and brings the lock up to date
    assert problems(knowledge, None) == []


def test_a_quotation_on_another_line_says_where_it_is(locked: tuple[Path, Path]) -> None:
    knowledge, articles = locked
    edit(
        knowledge / "sources.yml",
        '{text: "A customer pays you the price you ask", line: 3}',
        '{text: "A customer pays you the price you ask", line: 5}',
    )
    line = line_of(knowledge / "sources.yml", "A customer pays you the price you ask")
    assert problems(knowledge, None)[0].startswith(
        f"knowledge/sources.yml:{line}: quotation not on line 5 of ada.txt: found on line 3 (per knowledge/quotations.lock"
    )
    assert problems(knowledge, articles) == [
        f"knowledge/sources.yml:{line}: quotation not on line 5 of ada.txt: found on line 3"
    ]


def test_a_lock_made_from_other_articles_fails_until_make_lock(locked: tuple[Path, Path]) -> None:
    knowledge, articles = locked
    ada = articles / "ada.txt"
    lines = ada.read_text(encoding="utf-8").splitlines()
    lines[4] = "A reseller earns by selling your product to its clients, says a new edition."
    ada.write_text("\n".join(lines) + "\n", encoding="utf-8")
    lock = read_lock(knowledge / LOCK_NAME, "")
    assert lock is not None
    found = problems(knowledge, articles)
    assert found == [
        f"knowledge/quotations.lock:{lock.line_of('ada')}: the article of 'ada' (ada.txt) is not the "
        f"one this lock was verified against on {lock.verified} (cited line(s) 5 changed): check those "
        "citations and quotations, then run `make lock`"
    ]
    result = run("check", "--knowledge", str(knowledge), articles=articles)
    assert result.returncode == 1 and found[0] in result.stderr
    refreshed = run("lock", "--knowledge", str(knowledge), articles=articles)
    assert refreshed.returncode == 0, refreshed.stderr
    assert "wrote knowledge/quotations.lock" in refreshed.stdout
    assert problems(knowledge, articles) == [] and problems(knowledge, None) == []
    assert "is up to date" in run("lock", "--knowledge", str(knowledge), articles=articles).stdout


def test_make_lock_needs_the_articles(locked: tuple[Path, Path]) -> None:
    knowledge, _ = locked
    result = run("lock", "--knowledge", str(knowledge), articles=None)
    assert result.returncode == 1 and "`make lock` needs the source articles" in result.stderr


def test_locked_refuses_an_out_of_date_lock(locked: tuple[Path, Path]) -> None:
    knowledge, articles = locked
    cite = re.search(r'"ada:\d+"', (knowledge / "glossary.yml").read_text(encoding="utf-8"))
    assert cite
    edit(knowledge / "glossary.yml", cite.group(0), '"ada:13"')
    before = (knowledge / LOCK_NAME).read_text(encoding="utf-8")
    result = run("check", "--locked", "--knowledge", str(knowledge), articles=articles)
    assert result.returncode == 1
    assert "knowledge/quotations.lock: out of date" in result.stderr and "make lock" in result.stderr
    assert (knowledge / LOCK_NAME).read_text(encoding="utf-8") == before


def test_no_lock_and_no_articles_is_not_verified(tmp_path: Path) -> None:
    knowledge = copy_tiny(tmp_path)
    result = run("check", "--require-articles", "--knowledge", str(knowledge), articles=None)
    assert result.returncode == 1
    assert "quotations NOT verified: no articles found at /nonexistent/articles and no quotation lock" in result.stderr


def test_a_malformed_lock_is_located(locked: tuple[Path, Path]) -> None:
    knowledge, _ = locked
    (knowledge / LOCK_NAME).write_text('{\n  "format": 1,\n  "articles": [\n', encoding="utf-8")
    found = problems(knowledge, None)
    assert len(found) == 1 and found[0].startswith("knowledge/quotations.lock:4: not valid JSON")
    (knowledge / LOCK_NAME).write_text('{"format": 1}\n', encoding="utf-8")
    assert problems(knowledge, None)[0].startswith("knowledge/quotations.lock:1: not a quotation lock")


def test_the_knowledge_folder_still_refuses_stray_files(locked: tuple[Path, Path]) -> None:
    knowledge, _ = locked
    (knowledge / "quotations.lock.bak").write_text("x", encoding="utf-8")
    assert any(
        p.startswith("knowledge/quotations.lock.bak:1: unknown file in the knowledge directory")
        for p in problems(knowledge, None)
    )


def test_the_committed_lock_covers_the_real_knowledge_base() -> None:
    """Without the real articles (the tests never read them): every citation and quotation of
    knowledge/ is one the committed lock vouches for. After a change to a quotation or a cited line,
    run `make lock` where the articles are and commit knowledge/quotations.lock."""
    kb, articles = load_checked(KNOWLEDGE_DIR, None)
    assert articles.lock is not None and articles.verified
    assert {s.id for s in kb.sources} == set(articles.lock.articles)
