"""Every built page in a real headless Chromium: axe-core in both schemes, no request off the
origin, and readable with JavaScript disabled.

The pages are discovered from the built site (every .html file), not listed by hand, so a new
page is tested the day it appears.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from playwright.sync_api import Browser, expect

from support.browser import (
    axe_every_page,
    follow_instantly,
    is_off_origin,
    open_page,
    page_problems,
    serve_sitemap_for,
    wait_for_instant_navigation,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(browser: Browser, site_server, built_paths, scheme):
    """0 violations on every page; the scheme follows the OS preference (Material's palette media)."""
    failures = axe_every_page(browser, site_server, built_paths, scheme)
    assert not failures, "\n".join(failures)


def test_no_page_requests_anything_off_the_origin(browser: Browser, site_server, built_paths):
    """Every request of every page (scripts, styles, fonts, images, search index) stays on the site and succeeds."""
    failed: list[str] = []
    with open_page(browser, site_server.origin) as page:
        page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        # A request cut off because the next page was opened (net::ERR_ABORTED, seen on a loaded
        # machine) is the test's doing, not the site's; a missing file still answers 404 above.
        page.on(
            "requestfailed",
            lambda r: (
                failed.append(f"failed {r.url} ({r.failure})")
                if not is_off_origin(r.url, site_server.origin) and "ERR_ABORTED" not in (r.failure or "")
                else None
            ),
        )
        for path in built_paths:
            page.goto(site_server.url(path), wait_until="networkidle")
        requests = list(page.requests_seen)
        problems = page_problems(page, site_server.origin)
    assert len(requests) > len(built_paths), "the request recorder saw nothing"
    assert not problems, "\n".join(problems)
    # Served under a sub-path like a GitHub Pages project site, every asset still loads
    # (404.html itself answers with 404, as on Pages).
    assert [f for f in failed if not f.endswith("/404.html")] == []


def test_every_page_is_readable_without_javascript(browser: Browser, site_server, built_paths):
    """With JavaScript off, each page still shows its title, its content and the site navigation."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        empty = []
        for path in built_paths:
            page.goto(site_server.url(path))
            article = page.locator("article.md-content__inner")
            expect(article.locator("h1").first).to_be_visible()
            text = article.inner_text()
            if len(text.split()) < 15 and path != "404.html":
                empty.append(f"/{path}: {text!r}")
            expect(page.locator("nav.md-nav--primary a[href]").first).to_be_attached()
        assert not empty, "pages with (almost) nothing to read without JavaScript:\n" + "\n".join(empty)
    finally:
        context.close()


def test_search_override_only_names_the_dialog(repo_root: Path):
    """overrides/partials/search.html is the theme's partial plus an aria-label, nothing else."""
    theme = (Path(material.__file__).parent / "templates" / "partials" / "search.html").read_text(encoding="utf-8")
    ours = (repo_root / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    strip_comment = re.compile(r"\A\{#-.*?-#\}\n", re.S)
    theme, ours = strip_comment.sub("", theme), strip_comment.sub("", ours)
    assert ours != theme
    assert ours.replace(" aria-label=\"{{ lang.t('search') }}\">", ">", 1) == theme


def test_first_week_checklists_print_alone(browser: Browser, site_server, kb):
    """On paper a checklist page is the checklist: no menus, search or footer, every step with its box."""
    from generator.layout import first_week_slug
    from support.browser import layout_problems

    assert kb.playbook.first_week
    with open_page(browser, site_server.origin, viewport={"width": 794, "height": 1123}) as page:
        for week in kb.playbook.first_week:
            page.goto(site_server.url(f"first-week/{first_week_slug(week.outcome)}/"))
            page.emulate_media(media="print")
            for furniture in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
                expect(page.locator(furniture).first).to_be_hidden()
            steps = page.locator("ol.poc-checklist > li")
            expect(steps).to_have_count(len(week.steps))
            for i in range(len(week.steps)):
                step = steps.nth(i)
                expect(step).to_be_visible()
                box = step.evaluate(
                    "li => { const s = getComputedStyle(li, '::after'); return [s.width, s.borderTopStyle]; }"
                )
                assert box[0] != "auto" and box[1] == "solid", f"step {i + 1} has no box to tick: {box}"
            assert layout_problems(page) == []
            page.emulate_media(media="screen")


def test_each_case_keeps_its_reading_folded_until_asked(browser: Browser, site_server, kb):
    """A reader decides first: the answers, outcome and why sit in a closed <details> under each
    story, open with a click or the keyboard, and are all open on paper (Material opens them)."""
    with open_page(browser, site_server.origin) as page:
        page.goto(site_server.url("scenarios/"))
        readings = page.locator("details.poc-reading")
        expect(readings).to_have_count(len(kb.scenarios))
        assert page.evaluate("() => [...document.querySelectorAll('details.poc-reading')].every(d => !d.open)")
        first = readings.nth(0)
        expect(first.locator(".poc-verdict")).to_be_hidden()
        first.locator("summary").click()
        expect(first.locator(".poc-verdict")).to_be_visible()
        second = readings.nth(1)
        second.locator("summary").focus()
        page.keyboard.press("Enter")
        expect(second.locator(".poc-verdict")).to_be_visible()
        shut = "() => [...document.querySelectorAll('details.poc-reading')].filter(d => !d.open).length"
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # what printing does first
        page.wait_for_function(f"({shut})() === 0")
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        page.wait_for_function(f"({shut})() === {len(kb.scenarios) - 2}")  # as the reader left them


SIDEBAR = """() => {
  const wrap = document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap");
  const link = wrap.querySelector(".md-nav__link--active[href]");
  const home = [...wrap.querySelectorAll("a.md-nav__link")].find(a => a.textContent.trim() === "Home");
  const box = wrap.getBoundingClientRect(), l = link.getBoundingClientRect(), h = home.getBoundingClientRect();
  return {scrollTop: wrap.scrollTop, linkInView: l.top >= box.top - 1 && l.bottom <= box.bottom + 1,
          fitsUnscrolled: l.bottom - box.top + wrap.scrollTop <= wrap.clientHeight, homeInView: h.top >= box.top - 1};
}"""


# site.js settles the sidebar once Material has scrolled it: two animation frames after a page comes
# in (document$), then one task later. The same chain, started once the page is in, ends after
# site.js's, so the sidebar read then is the settled one - a fixed sleep was not, on a slow machine.
AFTER_SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done))))"


def test_the_sidebar_keeps_home_in_view(browser: Browser, site_server, built_paths):
    """Every page's own link shows in the sidebar, and "Home" too whenever both fit (the classify page
    used to scroll "Home" under the header), also after an instant navigation."""
    failures = []
    with open_page(browser, site_server.origin, viewport={"width": 1280, "height": 800}) as page:
        for path in [p for p in built_paths if p not in ("", "404.html")]:
            page.goto(site_server.url(path))  # document$ has emitted: the page is loaded
            page.evaluate(AFTER_SETTLE)
            state = page.evaluate(SIDEBAR)
            if not state["linkInView"] or (state["fitsUnscrolled"] and not state["homeInView"]):
                failures.append(f"/{path}: {state}")
        serve_sitemap_for(page, site_server)  # else the click below is an ordinary page load
        page.goto(site_server.url(""))
        wait_for_instant_navigation(page)
        link = page.locator(".md-sidebar--primary a.md-nav__link", has_text="Classify a relationship")
        follow_instantly(page, link, "**/classify/")
        page.evaluate(AFTER_SETTLE)
        state = page.evaluate(SIDEBAR)
        assert state["linkInView"] and state["homeInView"], f"after instant navigation: {state}"
        assert page.evaluate("window.pocSidebarTop(500, 20, 600, 24)") == 0
        assert page.evaluate("window.pocSidebarTop(700, 20, 600, 24)") == 144
    assert not failures, "\n".join(failures)
