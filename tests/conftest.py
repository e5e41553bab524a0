"""Shared fixtures: the built site, a local server for it, and headless Chromium pages.

Browser tests: mark them `@pytest.mark.browser` and take `page` and `site_server`, e.g.
    page.goto(site_server.url("quiz/")); assert not run_axe(page)
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from generator.knowledge import KNOWLEDGE_DIR, load
from generator.model import KnowledgeBase
from support import ARTICLES, REPO_ROOT, build_site
from support.browser import checked_page, chromium_executable, launch
from support.server import SiteServer
from support.tiny import build_tiny_site, tiny_kb


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The real knowledge base, loaded and checked once per session."""
    return load(KNOWLEDGE_DIR, ARTICLES)


@pytest.fixture(scope="session")
def tiny() -> KnowledgeBase:
    """The tiny fixture knowledge base (tests/fixtures/tiny/), for tests of the code."""
    return tiny_kb()


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny knowledge base's site, built once per session (per xdist worker) with `mkdocs build --strict`."""
    return build_tiny_site(tmp_path_factory.mktemp("tiny") / "site")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root (where mkdocs.yml lives)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def built_site(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once per session (per xdist worker) with `mkdocs build --strict`."""
    dest = tmp_path_factory.mktemp("built") / "site"
    result = build_site(repo_root, dest)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed ({result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False)
    return dest


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[SiteServer]:
    """`built_site` served at http://127.0.0.1:PORT/partner-or-customer/ (`.base_url`, `.origin`, `.url(path)`)."""
    with SiteServer(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """The system Chromium; a missing one fails the test under CI and skips it elsewhere."""
    path = chromium_executable()
    if path is None:
        where = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
        if os.environ.get("CI"):
            pytest.fail(f"no Chromium at {where}: browser tests must run in CI (scripts/ensure-browser.sh)", pytrace=False)
        pytest.skip(f"no Chromium at {where}: run `make browser` to install it")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Browser]:
    """One headless Chromium per session (per xdist worker)."""
    with sync_playwright() as playwright:
        browser = launch(playwright, chromium_path)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, site_server: SiteServer) -> Iterator[Page]:
    """A fresh context and page that may only talk to `site_server`.

    Adds `page.requests_seen`, `page.console_errors` and `page.page_errors` (lists of str).
    Off-origin requests are aborted; at teardown any off-origin request or uncaught page
    error fails the test (a test that expects page errors clears `page.page_errors`).
    """
    with checked_page(browser, site_server.origin) as page:
        yield page
