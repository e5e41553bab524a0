"""`make serve` with MkDocs on a broken knowledge base: the browser gets an answer at once — the
problems, above the last good site (or alone, when nothing built yet) — and the fix brings the site
back; an edit to a source article rebuilds too. A real `mkdocs serve` on 127.0.0.1, on a copy of the
tiny knowledge base and its articles, every request and every wait bounded."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from support import REPO_ROOT
from support.serving import free_port, get, wait_for
from support.tiny import TINY_ARTICLES, copy_tiny, edit

pytestmark = pytest.mark.build  # a real `mkdocs serve`

BOX = "problem(s) in the knowledge base"


def test_mkdocs_serve_shows_problems_and_recovers(tmp_path: Path) -> None:
    knowledge = copy_tiny(tmp_path)
    articles = tmp_path / "articles"
    shutil.copytree(TINY_ARTICLES, articles)
    edit(knowledge / "glossary.yml", '"ada:', '"adda:')  # broken from the start: an unknown source
    port = free_port()
    root, glossary = f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/glossary/"
    log = (tmp_path / "serve.log").open("w+")
    env = {
        **os.environ,
        "PARTNER_KB": str(knowledge),
        "PARTNER_SOURCES": str(articles),
        "PARTNER_LOCK": "",
        "NO_MKDOCS_2_WARNING": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )

    def page(url: str, *needles: str, absent: str | None = None) -> Callable[[], str | None]:
        def check() -> str | None:
            text = get(url)
            ok = text is not None and all(n in text for n in needles) and (absent is None or absent not in text)
            return text if ok else None

        return check

    try:
        first = html.unescape(wait_for(page(root, BOX), "the problems page of a knowledge base broken from the start"))
        assert "nothing to show yet" in first and "citation to unknown source 'adda'" in first
        edit(knowledge / "glossary.yml", '"adda:', '"ada:')
        wait_for(page(glossary, "Glossary", absent=BOX), "the site once the knowledge base is fixed")

        edit(knowledge / "glossary.yml", '"ada:', '"adda:')  # broken again: the last good site, with the box
        broken = wait_for(page(glossary, BOX, "showing the last good build"), "the problems above the last good site")
        assert "Glossary" in broken and "knowledge/glossary.yml:" in broken
        edit(knowledge / "glossary.yml", '"adda:', '"ada:')
        wait_for(page(glossary, absent=BOX), "the box to go once fixed")

        ada = articles / "ada.txt"  # the articles are watched: a quotation no longer in its article
        text = ada.read_text(encoding="utf-8")
        ada.write_text(
            text.replace("A customer pays you the price you ask", "A customer pays what you ask"), encoding="utf-8"
        )
        wait_for(
            page(root, BOX, "quotation not found word for word on line 3 of ada.txt"), "an article edit to be checked"
        )
        ada.write_text(text, encoding="utf-8")
        wait_for(page(root, absent=BOX), "the article fix to be picked up")
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text(encoding="utf-8")
