"""Glossary terms (docs/assets/terms.js) in a real browser: reachable by keyboard, shown on focus,
hover and tap, announced through aria-describedby, and always plain text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.model import KnowledgeBase
from support.browser import (
    follow_instantly,
    format_violations,
    open_page,
    page_problems,
    run_axe,
    serve_sitemap_for,
    wait_for_instant_navigation,
)
from support.server import SiteServer
from support.widgets import TERM, definition_of

pytestmark = pytest.mark.browser


def test_terms_are_reached_with_tab_and_show_their_definition(
    page: Page, site_server: SiteServer, kb: KnowledgeBase
) -> None:
    page.goto(site_server.url("comparison/"))
    assert page.locator(TERM).count() >= 2, "the comparison page uses glossary terms"
    assert page.locator("article abbr[title]").count() == 0, "a term kept a title the theme could read as HTML"
    for _ in range(200):  # Tab from the top until the first term has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('abbr[data-term]')"):
            break
    else:
        pytest.fail("no glossary term could be reached with Tab")
    focused = page.locator("abbr[data-term]:focus")
    tip = focused.locator(".pc-term__tip")
    expect(tip).to_be_visible()
    shown = focused.evaluate("el => el.firstChild.textContent")
    assert tip.inner_text() == definition_of(kb, shown)
    described = focused.get_attribute("aria-describedby")
    assert described and page.locator(f"#{described}").count() == 1, "the definition is not announced"
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    page.keyboard.press("Enter")
    expect(tip).to_be_visible()
    page.keyboard.press("Tab")
    expect(tip).to_be_hidden()


def test_hover_shows_and_leaving_hides(page: Page, site_server: SiteServer) -> None:
    page.goto(site_server.url("comparison/"))
    term = page.locator(TERM).first
    tip = term.locator(".pc-term__tip")
    expect(tip).to_be_hidden()
    term.hover()
    expect(tip).to_be_visible()
    page.mouse.move(1, 1)
    expect(tip).to_be_hidden()


@pytest.fixture
def phone(browser: Browser, site_server: SiteServer) -> Iterator[Page]:
    """A 390 px touch screen."""
    with open_page(
        browser, site_server.origin, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    ) as page:
        yield page
        problems = page_problems(page, site_server.origin)
    assert not problems, "\n".join(problems)


def test_tapping_a_term_shows_it_within_the_screen_and_tapping_elsewhere_hides_it(
    phone: Page, site_server: SiteServer
) -> None:
    phone.goto(site_server.url("comparison/"))
    term = phone.locator(TERM).first
    term.scroll_into_view_if_needed()
    term.tap()
    tip = term.locator(".pc-term__tip")
    expect(tip).to_be_visible()
    box = tip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, f"tooltip off screen: {box}"
    phone.locator("article h1").tap()
    expect(tip).to_be_hidden()


def test_instant_navigation_enhances_the_new_page(page: Page, site_server: SiteServer) -> None:
    serve_sitemap_for(page, site_server)  # else the click below is an ordinary page load
    page.goto(site_server.url(""))
    wait_for_instant_navigation(page)
    # the home page has a term too: what is read below must be the comparison page, enhanced
    follow_instantly(page, page.locator("nav a[href$='comparison/']").first, "**/comparison/")
    expect(page.locator(TERM).first).to_be_attached()
    assert page.locator("article abbr[title]").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_open_tooltip_passes_axe(page: Page, site_server: SiteServer, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(site_server.url("comparison/"))
    page.locator(TERM).first.focus()
    expect(page.locator(".pc-term__tip:not([hidden])")).to_be_visible()
    violations = run_axe(page)
    assert not violations, format_violations(violations)
