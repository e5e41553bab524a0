"""Headless Chromium helpers: launching, request/error recording, the same-origin check and axe-core."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Locator,
    Page,
    Playwright,
    Request,
    Route,
    expect,
)

from . import REPO_ROOT

DEFAULT_CHROMIUM = "/usr/bin/chromium"
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM_ARGS = [
    "--no-sandbox",  # root in containers/CI: the sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# URL schemes that never reach the network.
LOCAL_SCHEMES = {"data", "blob", "about", "javascript"}


def chromium_executable() -> Path | None:
    """`$CHROMIUM`, else /usr/bin/chromium, if it is an executable file; None otherwise."""
    path = Path(os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM)
    return path if path.is_file() and os.access(path, os.X_OK) else None


def launch(playwright: Playwright, executable: Path) -> Browser:
    """A headless system Chromium with the flags the tests need."""
    return playwright.chromium.launch(executable_path=str(executable), headless=True, args=CHROMIUM_ARGS)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_off_origin(url: str, origin: str) -> bool:
    """True when loading `url` would leave `origin` (data:, blob: and about: URLs stay local)."""
    scheme = urlsplit(url).scheme.lower()
    return scheme not in LOCAL_SCHEMES and origin_of(url) != origin.rstrip("/").lower()


def off_origin(urls: list[str], origin: str) -> list[str]:
    """The URLs among `urls` that leave `origin`, in order, without repeats."""
    return list(dict.fromkeys(url for url in urls if is_off_origin(url, origin)))


@dataclass
class PageLog:
    """What a page did: every request URL, console errors and uncaught page errors."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


def record(context: BrowserContext, page: Page) -> PageLog:
    """Start recording into a PageLog: requests of the whole context (popups too), errors of `page`."""
    log = PageLog()
    context.on("request", lambda request: log.requests.append(request.url))

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            log.console_errors.append(message.text)

    def on_page_error(error: Error) -> None:
        log.page_errors.append(error.stack or f"{error.name}: {error.message}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    return log


def block_off_origin(context: BrowserContext, origin: str) -> None:
    """Abort every request that would leave `origin`, so nothing reaches the network.

    Gotcha: any route turns request interception on, which disables Chromium's HTTP cache.
    """

    def abort(route: Route, request: Request) -> None:
        route.abort("blockedbyclient")

    context.route(lambda url: is_off_origin(url, origin), abort)


# Marks the page once Material has read the sitemap: the parse's own call stack (Material's
# requestXML → extract → the click handler's combineLatest) has run when the flag is set.
_SITEMAP_READ = """(() => {
  const parse = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (...args) {
    const parsed = parse.apply(this, args);
    if (parsed.documentElement && parsed.documentElement.localName === "urlset")
      setTimeout(() => { window.__sitemapRead = true; });
    return parsed;
  };
})()"""


def serve_sitemap_for(page: Page, server: Any) -> None:
    """Let Material's instant navigation work on the test server's random port (call before `goto`).

    Material keeps only the links listed in sitemap.xml, whose URLs come from `site_url` and are
    matched after taking the page's protocol and host name - but not its port. Deployed, the
    origin matches; here the sitemap's origin is replaced with the server's (`server.origin`), the
    paths are kept. Without this, a click on a guide link is an ordinary page load.
    """

    def rewrite(route: Route) -> None:
        response = route.fetch()
        body = re.sub(r"(<loc>|href=\")https?://[^/<\"]+/", rf"\g<1>{server.origin}/", response.text())
        route.fulfill(response=response, body=body)

    page.route(re.compile(r"/sitemap\.xml$"), rewrite)
    page.add_init_script(_SITEMAP_READ)


def wait_for_instant_navigation(page: Page) -> None:
    """Wait until Material has read the sitemap of the page just opened (after `serve_sitemap_for`).

    Material decides on a click only once it knows the sitemap: a click before that is an ordinary
    page load. Having received the sitemap is not enough (parsing it comes later, a fixed sleep
    after the response was too short on a slow machine); this waits for the parse itself.
    """
    page.wait_for_function("() => window.__sitemapRead === true")


def follow_instantly(page: Page, link: Locator, url: str) -> None:
    """Click `link` and wait until the page it opens by instant navigation is in (after
    `wait_for_instant_navigation`); fails if the click was an ordinary page load.

    The URL (`url`, a glob) changes first and the page is swapped in later, so document$'s pages
    are counted (1: the current one, replayed): at 2 the new page is in, and the scripts that
    subscribed before this count (site.js, terms.js) have run on it."""
    page.evaluate("() => { window.__pages = 0; document$.subscribe(() => window.__pages++); }")
    link.click()
    page.wait_for_url(url)
    assert page.evaluate("() => window.__pages") is not None, "expected an instant navigation, got a page load"
    page.wait_for_function("() => window.__pages === 2")


# A phone as the guide's readers hold it: 390×844 CSS pixels, touch, mobile viewport rules.
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


@contextmanager
def open_page(browser: Browser, origin: str, **context_options: Any) -> Iterator[Page]:
    """A page in a fresh context that cannot leave `origin` and records what it does.

    `context_options` go to `browser.new_context` (a phone: viewport, has_touch, is_mobile).

    The page gets `requests_seen`, `console_errors` and `page_errors` (lists of str);
    the context is closed on exit. Check it afterwards with `page_problems`.
    `context_options` go to `browser.new_context`, e.g. `**PHONE`.
    """
    context = browser.new_context(**context_options)
    try:
        block_off_origin(context, origin)
        page = context.new_page()
        log = record(context, page)
        page.requests_seen = log.requests  # type: ignore[attr-defined]
        page.console_errors = log.console_errors  # type: ignore[attr-defined]
        page.page_errors = log.page_errors  # type: ignore[attr-defined]
        yield page
    finally:
        context.close()


@contextmanager
def checked_page(browser: Browser, origin: str, **context_options: Any) -> Iterator[Page]:
    """`open_page` for a test fixture: after the test, any off-origin request or uncaught page
    error fails it (a test that expects page errors clears `page.page_errors`)."""
    with open_page(browser, origin, **context_options) as page:
        yield page
    problems = page_problems(page, origin)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def page_problems(page: Page, origin: str) -> list[str]:
    """Why a page from `open_page` should fail its test: off-origin requests, uncaught page errors."""
    problems = [f"request left {origin}: {url}" for url in off_origin(page.requests_seen, origin)]  # type: ignore[attr-defined]
    problems += [f"uncaught page error: {error}" for error in page.page_errors]  # type: ignore[attr-defined]
    return problems


def run_axe(page: Page, options: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run axe-core on the page's document; return its violations (empty when accessible).

    `options` are merged over {resultTypes: ['violations']}, e.g. {"runOnly": ["wcag2a", "wcag2aa"]}.
    """
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `make browser` (npm ci)")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=AXE_JS)
    return page.evaluate(
        "async (options) => (await axe.run(document, options)).violations",
        {"resultTypes": ["violations"], **(options or {})},
    )


# WCAG 2.1 A and AA plus axe's best-practice rules (landmarks, headings, region...).
AXE_OPTIONS = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}


def axe_every_page(browser: Browser, server: Any, paths: list[str], scheme: str, **context_options: Any) -> list[str]:
    """Every page of `paths` on `server` (a SiteServer) in the OS colour `scheme` ("light"/"dark"),
    checked by axe-core with AXE_OPTIONS; the failures as text, page problems included (empty: all
    passed). The theme must follow the scheme (Material's and Zensical's palette media).
    `context_options` set up the browser (PHONE for a phone)."""
    failures = []
    with open_page(browser, server.origin, **context_options) as page:
        page.emulate_media(color_scheme=scheme)
        for path in paths:
            page.goto(server.url(path))
            expect(page.locator("body")).to_have_attribute(
                "data-md-color-scheme", "slate" if scheme == "dark" else "default"
            )
            violations = run_axe(page, AXE_OPTIONS)
            if violations:
                failures.append(f"/{path} ({scheme}): {format_violations(violations)}")
        failures += page_problems(page, server.origin)
    return failures


def format_violations(violations: list[dict[str, Any]], max_nodes: int = 5) -> str:
    """Axe violations as readable text for an assertion message."""
    if not violations:
        return "no accessibility violations"
    lines = [f"{len(violations)} accessibility violation(s):"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']} <{violation['helpUrl']}>")
        nodes = violation.get("nodes", [])
        for node in nodes[:max_nodes]:
            summary = "; ".join(
                line.strip() for line in (node.get("failureSummary") or "").splitlines() if line.strip()
            )
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(nodes) > max_nodes:
            lines.append(f"    ... and {len(nodes) - max_nodes} more")
    return "\n".join(lines)


# Why a page does not fit its screen, measured the way a reader sees it. Material's own table and
# code wrappers reach the screen's edges by design (their padding keeps the table inside the text
# column), so they are only checked for scrolling; boxes inside a visually hidden (1 px, clipped)
# element are read by screen readers and never shown, so they are skipped.
_LAYOUT_JS = """() => {
  const problems = [];
  const doc = document.scrollingElement || document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) problems.push(`the page scrolls sideways: ${doc.scrollWidth} px in ${doc.clientWidth} px`);
  const article = document.querySelector("article.md-content__inner");
  if (!article) return problems;
  const box = article.getBoundingClientRect();
  const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
    + (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\\s+/).join(".") : "");
  const wrapper = e => e.matches(".md-typeset__scrollwrap, .md-typeset__table");
  const hidden = e => {
    for (let a = e.parentElement; a && a !== article; a = a.parentElement) {
      const r = a.getBoundingClientRect();
      if ((r.width <= 1 || r.height <= 1) && getComputedStyle(a).overflow !== "visible") return true;
    }
    return false;
  };
  for (const e of article.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    if (r.width <= 1 || r.height <= 1 || style.visibility === "hidden" || hidden(e)) continue;
    const outside = r.right > box.right + 1 || r.left < box.left - 1;
    if (["table", "figure", "pre", "img", "svg"].includes(e.tagName.toLowerCase()) && outside)
      problems.push(`${name(e)} is ${Math.round(r.width)} px wide, the article ${Math.round(box.width)} px`);
    else if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && style.overflowX !== "visible")
      problems.push(`${name(e)} hides or scrolls its content: ${e.scrollWidth} px in ${e.clientWidth} px (overflow-x: ${style.overflowX})`);
    else if (outside && !wrapper(e))
      problems.push(`${name(e)} sticks out of the article: ${Math.round(r.left)}..${Math.round(r.right)} px, the article ${Math.round(box.left)}..${Math.round(box.right)} px`);
  }
  return problems;
}"""


def layout_problems(page: Page) -> list[str]:
    """What does not fit on the current page: sideways scrolling of the document, a table, figure,
    code block or image wider than the article, content clipped or scrolled inside its box, anything
    sticking out of the article. Empty when the page fits its screen."""
    return page.evaluate(_LAYOUT_JS)
