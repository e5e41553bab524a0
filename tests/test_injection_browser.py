"""Hostile knowledge-base text in a real browser: every page, the quiz and the tool stay inert.

The knowledge base is the real one with markup appended to every prose string (see
`test_pages.poison`): `<script>alert(1)</script>`, `"onmouseover=alert(1)`, `{{ 7*7 }}`, a
`javascript:` link and Markdown tricks. If any of it ran, `alert` would open a dialog.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.knowledge import KNOWLEDGE_DIR, load
from generator.layout import site_pages
from support import ARTICLES, build
from support.browser import open_page, page_problems
from support.server import SiteServer
from support.widgets import (
    INJECTED,
    RESULT,
    ROUND,
    SCORE,
    SUBMIT,
    answer_step,
    assert_inert,
    start,
)

pytestmark = pytest.mark.browser

PAGES = [page.url for page in site_pages(load(KNOWLEDGE_DIR, ARTICLES))] + ["404.html"]
"""Every page of the site, from the registry (the real knowledge base's pages; the hostile copy has the same)."""


@pytest.fixture(scope="module")
def hostile_server(hostile, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    directory, _ = hostile
    site = build(tmp_path_factory.mktemp("hostile-browser") / "site", directory)
    with SiteServer(site) as server:
        yield server


@pytest.fixture
def guarded(browser: Browser, hostile_server: SiteServer) -> Iterator[tuple[Page, list[str]]]:
    """A page on the hostile site and the list of every dialog it tried to open."""
    dialogs: list[str] = []
    with open_page(browser, hostile_server.origin) as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        yield page, dialogs
        problems = page_problems(page, hostile_server.origin)
    assert not problems, "\n".join(problems)


def test_the_hostile_site_has_exactly_the_registry_pages(hostile_server):
    """The per-page tests below take their pages from the registry: the built site has no other."""
    built = sorted(
        p.relative_to(hostile_server.root).as_posix().removesuffix("index.html")
        for p in Path(hostile_server.root).rglob("*.html")
    )
    assert built == sorted(PAGES)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_shows_hostile_text_as_text(guarded, hostile_server, path):
    page, dialogs = guarded
    page.goto(hostile_server.url(path))
    # Hand-written pages, the 404 and the two widgets before they start show no knowledge-base text.
    quiet = path in ("formats/", "404.html", "quiz/", "classify/")
    assert_inert(page, dialogs, f"/{path}", shows_text=not quiet)


def test_quiz_rounds_keep_hostile_text_as_text(guarded, hostile_server):
    page, dialogs = guarded
    for mode in ("practice", "assessment"):
        page.goto(hostile_server.url("quiz/"))
        ids = start(page, mode, 12)
        for qid in ids:
            fieldset = page.locator(f"{ROUND}[data-question-id='{qid}']")
            fieldset.locator(".pq-options input").first.check()
            if mode == "practice":
                fieldset.locator("[data-action=check]").click()
                expect(fieldset.locator(".pq-feedback")).to_be_visible()
        submit = page.locator(SUBMIT)
        submit.click()
        expect(page.locator(SCORE)).to_be_visible()
        assert_inert(page, dialogs, f"quiz ({mode}, result shown)")


def test_classify_tool_keeps_hostile_text_as_text(guarded, hostile_server):
    page, dialogs = guarded
    page.goto(hostile_server.url("classify/"))
    for _ in range(10):
        if page.locator(RESULT).count():
            break
        answer_step(page)  # yes, or a choice fact's first answer
    expect(page.locator(RESULT)).to_be_visible()
    assert_inert(page, dialogs, "classify (result shown)")


# Everything that shows a tooltip: a title (the theme adds some itself, e.g. to a cut-off table-of-
# contents entry), a term whose title became a tooltip, and the tooltips' own anchors.
TITLED = "[title], abbr, [aria-describedby], .md-ellipsis"
# Every element with a tooltip, once per distinct text (the same text shows the same tooltip):
# mouse and focus events dispatched in the page itself, one round trip per page instead of several
# per element; then longer than the theme's tooltip delay. The glossary terms (our own tooltips)
# are returned so that the test also hovers each distinct one with the real mouse.
PROBE_ALL = """async (selector) => {
  const seen = new Set(), terms = [];
  let probed = 0;
  document.querySelectorAll(selector).forEach((el, i) => {
    const key = el.getAttribute("title") || el.textContent.trim().slice(0, 80);
    if (seen.has(key)) return;
    seen.add(key);
    for (const type of ["pointerover", "pointerenter", "mouseover", "mouseenter"]) {
      el.dispatchEvent(new MouseEvent(type, {bubbles: type.endsWith("over")}));
    }
    el.focus();
    probed += 1;
    if (el.matches("abbr[data-term]")) { el.setAttribute("data-probe", String(i)); terms.push(String(i)); }
  });
  await new Promise(resolve => setTimeout(resolve, 400));
  return {probed, terms};
}"""


@pytest.mark.parametrize("path", PAGES)
def test_hovering_and_focusing_every_tooltip_stays_inert(guarded, hostile_server, path):
    """The theme's tooltips read `title` back as HTML: hover and focus every element with one, on
    every page, wide enough that long table-of-contents entries are cut off and get a title."""
    page, dialogs = guarded
    page.set_viewport_size({"width": 1600, "height": 900})
    page.goto(hostile_server.url(path))
    page.wait_for_timeout(150)  # the theme sets titles on cut-off entries once it has measured them
    found = page.evaluate(PROBE_ALL, TITLED)
    for probe in found["terms"]:  # each distinct glossary term once with the real mouse as well
        element = page.locator(f"[data-probe='{probe}']")
        if element.is_visible():
            element.hover(timeout=2000, force=True)
    if found["terms"]:
        page.wait_for_timeout(400)
    assert dialogs == [], f"/{path}: a tooltip ran knowledge-base markup: {dialogs}"
    assert page.evaluate(INJECTED) == 0, f"/{path}: a tooltip turned knowledge-base text into markup"
    for tip in page.locator(".pc-term__tip:not([hidden])").all():
        assert tip.evaluate("el => el.children.length") == 0, f"/{path}: a glossary tooltip holds markup"
    assert found["probed"] > 0 or path in ("404.html",), f"/{path}: no element with a tooltip was tried"


@pytest.mark.parametrize("query", ["img onerror", "svg onload"])
def test_search_results_keep_hostile_text_as_text(guarded, hostile_server, query):
    """The theme renders search results (titles and text from the index) as HTML: the index must
    hold knowledge-base text still escaped, so a result shows markup instead of running it."""
    page, dialogs = guarded
    page.goto(hostile_server.url(""))
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator(".md-search__input")
    expect(box).to_be_focused()
    page.wait_for_function("() => document.querySelector('.md-search__input').form !== null")
    # One search, for the whole query: typed letter by letter, every prefix is searched ("i", "im" …)
    # and the list shown and hovered below may be a prefix's, redrawn (shorter) under the pointer.
    # The theme searches on keyup: set the whole query, then one key (as tests/test_search.py does).
    box.fill(query)
    box.press("End")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10000)
    for item in results.all()[:10]:
        item.hover()
    page.wait_for_timeout(300)
    assert dialogs == [], f"search for {query!r}: a result ran knowledge-base markup: {dialogs}"
    assert page.evaluate(INJECTED) == 0, f"search for {query!r}: a result turned text into markup"
