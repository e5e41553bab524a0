"""Shared fixtures: the built site, a local server for it, and headless Chromium pages; and the tiers.

Every test is in exactly one tier (markers registered in pyproject.toml):

    unit        no site build, no browser: `make test-fast` runs these, in parallel, in seconds
    build       builds a site (MkDocs or Zensical, real or tiny) or runs a whole-site command
    browser     drives a real headless Chromium (builds the site it opens)
    exhaustive  walks every combination or every case of something large (rules × answers …)

A test takes its tier from its own marker, or its module's `pytestmark`, or its module's `TIER = "build"`
(a default its tests may override with their own marker, without ending up in two tiers); without one, from its
fixtures: `page`/`browser` make it a browser test, a built site a build test, else it is a unit test.
A unit test that starts a build anyway fails (see `_unit_tests_build_nothing`), so the fast loop
stays fast by construction, not by vigilance.

Browser tests take `page` and `site_server`, e.g.
    page.goto(site_server.url("quiz/")); assert not run_axe(page)
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from generator.knowledge import KNOWLEDGE_DIR, load
from generator.model import KnowledgeBase
from generator.pages import render_pages
from generator.views import PageView
from quiz.bank import build_bank
from quiz.question import Question
from support import ARTICLES, REPO_ROOT, build_site, site_paths
from support.browser import checked_page, chromium_executable, launch
from support.hostile import poisoned_copy
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
def tiny_pages(tiny: KnowledgeBase) -> dict[str, str]:
    """The tiny knowledge base's generated pages: path ("decision.md") → Markdown."""
    return render_pages(tiny)


@pytest.fixture(scope="session")
def tiny_guide(tiny: KnowledgeBase) -> PageView:
    """The view every page of the tiny knowledge base's guide shares (citations, sources by id)."""
    return PageView(tiny)


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny knowledge base's site, built once per session (per xdist worker) with `mkdocs build --strict`."""
    return build_tiny_site(tmp_path_factory.mktemp("tiny") / "site")


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A copy of the real knowledge base whose prose is full of markup (support/hostile.py), and
    the strings written into it: for the browser tests of both engines, which build it."""
    directory = tmp_path_factory.mktemp("hostile-real") / "knowledge"
    return directory, poisoned_copy(KNOWLEDGE_DIR, directory)


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
        pytest.fail(
            f"mkdocs build --strict failed ({result.returncode}):\n{result.stdout}\n{result.stderr}", pytrace=False
        )
    return dest


@pytest.fixture(scope="session")
def built_paths(built_site: Path) -> list[str]:
    """URL paths of every HTML page of `built_site` ("", "decision/", "quiz/study/" …)."""
    found = site_paths(built_site)
    assert len(found) >= 20, f"expected the whole guide, found {found}"
    return found


@pytest.fixture(scope="session")
def tiny_bank(tiny: KnowledgeBase) -> list[Question]:
    """The tiny knowledge base's question bank (checked: build_bank raises on a bank that is not sound)."""
    return build_bank(tiny)


@pytest.fixture(scope="session")
def real_bank(kb: KnowledgeBase) -> list[Question]:
    """The real knowledge base's question bank."""
    return build_bank(kb)


@pytest.fixture(scope="session")
def real_pages(kb: KnowledgeBase) -> dict[str, str]:
    """The real knowledge base's generated pages: path → Markdown."""
    return render_pages(kb)


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
            pytest.fail(
                f"no Chromium at {where}: browser tests must run in CI (scripts/ensure-browser.sh)", pytrace=False
            )
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


# --- tiers -----------------------------------------------------------------------------------------

TIERS = ("unit", "build", "browser", "exhaustive")
BROWSER_FIXTURES = frozenset({"page", "browser", "chromium_path"})
BUILD_FIXTURES = frozenset({"built_site", "site_server", "tiny_site", "built_paths"})


def tier_of(item: pytest.Item) -> str:
    """The one tier of a collected test: its own (or its module's) marker, else from its fixtures."""
    own = {m.name for m in item.own_markers if m.name in TIERS}  # the test's own marker beats its module's
    marked = own or {m.name for m in item.iter_markers() if m.name in TIERS}
    if len(marked) > 1:
        raise pytest.UsageError(f"{item.nodeid}: more than one tier marker ({', '.join(sorted(marked))})")
    if marked:
        return marked.pop()
    module_default = getattr(getattr(item, "module", None), "TIER", None)  # a module's tier for its unmarked tests
    if module_default is not None:
        if module_default not in TIERS:
            raise pytest.UsageError(f"{item.nodeid}: TIER = {module_default!r} is not one of {', '.join(TIERS)}")
        return str(module_default)
    fixtures = set(getattr(item, "fixturenames", ()))
    if fixtures & BROWSER_FIXTURES:
        return "browser"
    if fixtures & BUILD_FIXTURES:
        return "build"
    return "unit"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give every test its tier marker before `-m` selects (pytest applies -m after this hook)."""
    for item in items:
        tier = tier_of(item)
        if not item.get_closest_marker(tier):
            item.add_marker(tier)


_BUILDERS = (
    ("mkdocs", "build"),
    ("assemble", "build"),
    ("assemble", "serve"),
    ("zensical", "build"),
    ("zensical", "serve"),
    ("mkdocs", "serve"),
)


class BuildInUnitTest(BaseException):
    """Raised when a unit test starts a build: a BaseException, so that the build's own handling of
    failures (which turns an Exception into "build failed") cannot make the test pass anyway."""


class _NoBuildPopen(subprocess.Popen):  # type: ignore[type-arg]
    """subprocess.Popen that refuses to start a site build (for unit tests)."""

    def __init__(self, args: Any, *rest: Any, **kwargs: Any) -> None:
        words = [str(a) for a in args] if isinstance(args, (list, tuple)) else str(args).split()
        for tool, command in [] if "--help" in words else _BUILDERS:
            if any(tool in w for w in words) and command in words:
                raise BuildInUnitTest(
                    f"a unit test started a build ({' '.join(words)}): mark it "
                    "@pytest.mark.build (tests/conftest.py explains the tiers)"
                )
        super().__init__(args, *rest, **kwargs)


@pytest.fixture(autouse=True)
def _unit_tests_build_nothing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A unit test may not build a site, in-process or in a child process: it would belong to `build`."""
    if request.node.get_closest_marker("unit") is None:
        return
    from assemble import engines, zensical

    def refuse(*args: object, **kwargs: object) -> None:
        raise BuildInUnitTest(
            "a unit test started a build: mark it @pytest.mark.build (tests/conftest.py explains the tiers)"
        )

    monkeypatch.setattr(engines, "mkdocs_build", refuse)
    monkeypatch.setattr(zensical, "run_build", refuse)
    monkeypatch.setattr(subprocess, "Popen", _NoBuildPopen)


# --- an honest exit code ---------------------------------------------------------------------------

_SKIPPED: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note every skipped test (xdist relays the workers' reports here)."""
    if report.skipped:
        _SKIPPED.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under `make test`/`make test-fast` (PARTNER_NO_SKIPS=1) a skipped test fails the run: a
    test that did not run must not be counted as passing."""
    if os.environ.get("PARTNER_NO_SKIPS") and _SKIPPED and exitstatus == 0:
        print(f"\n{len(_SKIPPED)} test(s) skipped, which `make test` does not allow:", *_SKIPPED, sep="\n  ")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
