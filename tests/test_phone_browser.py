"""Every built page on a phone (390×844, touch) in real headless Chromium: nothing scrolls
sideways, no table, figure or code block is wider than the article, nothing is clipped; the
tables that compare sources or sides become cards there and stay tables on a desktop; axe-core
finds nothing in either colour scheme at phone size.

The pages come from the built site (every .html file), so a new page is measured the day it appears.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from generator.model import KnowledgeBase
from support.browser import PHONE, axe_every_page, layout_problems, open_page, page_problems
from support.widgets import answer_step

pytestmark = pytest.mark.browser

STACKED = ".poc-stack table"


def test_every_page_fits_a_phone(browser: Browser, site_server, built_paths):
    """390 px wide: no sideways scrolling, nothing wider than the text column, nothing clipped."""
    failures = []
    with open_page(browser, site_server.origin, **PHONE) as page:
        for path in built_paths:
            page.goto(site_server.url(path))
            page.evaluate("document.fonts.ready")
            failures += [f"/{path}: {problem}" for problem in layout_problems(page)]
        problems = page_problems(page, site_server.origin)
    assert not failures, "\n".join(failures)
    assert not problems, "\n".join(problems)


def test_the_measure_sees_what_does_not_fit(browser: Browser, site_server):
    """The check can fail: a wide table, a clipped box and a too-wide figure are each reported."""
    with open_page(browser, site_server.origin, **PHONE) as page:
        page.goto(site_server.url("glossary/"))
        assert layout_problems(page) == []
        page.evaluate("""() => {
          const a = document.querySelector("article.md-content__inner");
          a.insertAdjacentHTML("beforeend",
            '<table id="wide"><tr><td style="min-width: 900px">wide</td></tr></table>' +
            '<p id="clipped" style="overflow: hidden; white-space: nowrap">' + 'clipped '.repeat(80) + '</p>' +
            '<figure id="big" style="min-width: 600px">big</figure>');
        }""")
        found = "\n".join(layout_problems(page))
    assert "table#wide " in found and "p#clipped hides or scrolls" in found and "figure#big is" in found
    assert "the page scrolls sideways" in found


def test_comparison_is_one_card_per_dimension_on_a_phone(browser: Browser, site_server, kb: KnowledgeBase):
    """Rendered once and restyled: a card per dimension, each naming the side of every cell."""
    with open_page(browser, site_server.origin, **PHONE) as page:
        page.goto(site_server.url("comparison/"))
        rows = page.locator(".poc-compare tbody tr")
        expect(rows).to_have_count(len(kb.dimensions))
        for i, dim in enumerate(kb.dimensions):
            row = rows.nth(i)
            assert row.get_attribute("id") or row.locator(f"td#{dim.id}").count() == 1
            labels = row.evaluate("""r => [...r.querySelectorAll("td")].map(td =>
                getComputedStyle(td, "::before").content)""")
            assert labels[1:] == ['"Customer"', '"Partner"'], labels
            assert row.evaluate("r => getComputedStyle(r).display") == "block"
        assert page.locator(".poc-compare thead").evaluate("h => h.getBoundingClientRect().height") <= 1
        assert page.get_by_text(kb.dimensions[0].customer.text, exact=False).count() == 1


def test_stacked_tables_stay_tables_on_a_desktop(browser: Browser, site_server):
    """Desktop keeps today's layout: the same tables, with their header row, side by side."""
    with open_page(browser, site_server.origin, viewport={"width": 1280, "height": 800}) as page:
        for path in ("comparison/", "debate/", "decision/", "playbook/", "definitions/"):
            page.goto(site_server.url(path))
            tables = page.locator(STACKED)
            assert tables.count() >= 1, path
            for i in range(tables.count()):
                table = tables.nth(i)
                assert table.locator("thead").evaluate("h => h.getBoundingClientRect().height") > 10, path
                side_by_side = table.evaluate("""t => [...t.querySelectorAll("tbody tr")].every(r => {
                    const [a, b] = [...r.cells].map(c => c.getBoundingClientRect());
                    return getComputedStyle(r).display === "table-row" && b.left >= a.right - 1 && b.top === a.top;
                })""")
                assert side_by_side, f"/{path}: a table's cells no longer sit side by side on a desktop"


def test_the_playbook_lists_its_plays_once_on_a_phone(browser: Browser, site_server, kb: KnowledgeBase):
    """The matrix would repeat, card by card, every play the outcome sections list: on a phone it
    gives way to links to those sections; on a desktop it stays and the links are not shown."""
    names = [o.name for o in kb.decision.outcomes]
    with open_page(browser, site_server.origin, **PHONE) as page:
        page.goto(site_server.url("playbook/"))
        expect(page.locator(".poc-matrix")).to_be_hidden()
        jump = page.locator(".poc-jump a")
        expect(jump).to_have_text(names)
        for i, outcome in enumerate(kb.decision.outcomes):
            assert (jump.nth(i).get_attribute("href") or "").endswith(f"playbook/#{outcome.id}")
            expect(page.locator(f"h2[id='{outcome.id}']")).to_be_visible()
        height = page.evaluate("document.documentElement.scrollHeight")
    with open_page(browser, site_server.origin, viewport={"width": 1280, "height": 800}) as page:
        page.goto(site_server.url("playbook/"))
        expect(page.locator(".poc-matrix table")).to_be_visible()
        expect(page.locator(".poc-jump")).to_be_hidden()
    assert height < 9000, f"the playbook is {height} px long on a phone"


def test_debate_cards_show_every_position_on_a_phone(browser: Browser, site_server, kb: KnowledgeBase):
    """The debate table's last column is no longer cut off: every position shows, named, in every card."""
    with open_page(browser, site_server.origin, **PHONE) as page:
        page.goto(site_server.url("debate/"))
        table = page.locator(".poc-stack table").first
        for row in table.locator("tbody tr").all():
            cells = row.locator("td[data-label]")
            expect(cells).to_have_count(len(kb.debate.positions))
            for i, position in enumerate(kb.debate.positions):
                cell = cells.nth(i)
                assert cell.get_attribute("data-label") == position.label
                assert cell.evaluate("c => getComputedStyle(c, '::before').content") != "none"
                box = cell.bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_on_a_phone(browser: Browser, site_server, built_paths, scheme):
    """The cards and the narrow flowchart keep axe-core at 0 violations in both schemes."""
    failures = axe_every_page(browser, site_server, built_paths, scheme, **PHONE)
    assert not failures, "\n".join(failures)


def test_the_quiz_and_the_classifier_fit_a_phone_while_in_use(browser: Browser, site_server):
    """Their widgets change the page as one answers: measured again with a result on screen."""
    with open_page(browser, site_server.origin, **PHONE) as page:
        page.goto(site_server.url("classify/"))
        result = page.locator("[data-module=classify] [data-part=result][data-outcome]")
        for _ in range(12):
            if result.count():
                break
            answer_step(page)  # yes, or a choice's first answer
        expect(result).to_be_visible()
        assert layout_problems(page) == [], "classify/ with its result"
        page.goto(site_server.url("quiz/"))
        start = page.locator("[data-action=start]")
        expect(start).to_be_enabled()
        page.check("#pq-mode-practice")
        start.click()
        first = page.locator("fieldset.pq-q").first
        first.locator(".pq-options input").first.check()
        first.locator("[data-action=check]").click()
        expect(first.locator(".pq-feedback")).to_be_visible()
        assert layout_problems(page) == [], "quiz/ with feedback on the first answer"
        problems = page_problems(page, site_server.origin)
    assert not problems, "\n".join(problems)
