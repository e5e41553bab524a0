"""Site search finds what people type: the words readers use (synonyms shown as "also called")
lead to the right section, and technical pages stay out of the results.

Two levels: the built search index (search/search_index.json, what every reader downloads), and
Material's own search box in headless Chromium, which tokenises and ranks it as readers see it.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from generator.model import KnowledgeBase
from support.browser import open_page

# What people type → the sections that answer it (kinds: the special case; glossary: the term).
QUERIES = {
    "founding": {"kinds/#cofounder", "glossary/#co-founder"},
    "cofounder": {"kinds/#cofounder", "glossary/#co-founder"},
    # the term, the worked cases about advertisers and the decision guide's "several parties" section
    "advertisers": {
        "glossary/#advertiser",
        "scenarios/#social-network-advertiser",
        "scenarios/#free-game-advertisers",
        "decision/#parties",
    },
    "volume": {"glossary/#share-of-wallet"},
}
TECHNICAL = ("formats/", "quiz/")  # JSON internals, the quiz widget, the study sheet (quiz/study/)


@pytest.fixture(scope="module")
def index(built_site: Path) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def words(doc: dict, separator: str) -> set[str]:
    """A section's words as the index's tokeniser splits them (its separator), lower-case, tags removed."""
    text = unescape(re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}")).lower()
    return {w.strip(".,;:!?()\"'“”") for w in re.split(separator, text) if w}


def test_the_words_people_use_find_the_right_section(index: dict) -> None:
    separator = index["config"]["separator"]
    for query, wanted in QUERIES.items():
        found = {doc["location"] for doc in index["docs"] if query in words(doc, separator)}
        assert found & wanted, f"{query!r} finds {sorted(found)}, none of {sorted(wanted)}"
        assert found <= wanted | {
            "scenarios/",
            "classify/",
            "sources/colormetrix/#cited-in",
            "sources/colormetrix/#line-3",
            "sources/colormetrix/#line-8",
            "sources/channel-manager/#line-13",
            "definitions/#excluded-senses",
        }, f"{query!r} also finds {sorted(found - wanted)}"


def test_synonyms_are_shown_where_they_are_indexed(index: dict, kb: KnowledgeBase) -> None:
    """Every 'also called' of the knowledge base is on its section's page, so search can find it."""
    separator = index["config"]["separator"]
    sections = {doc["location"]: words(doc, separator) for doc in index["docs"]}
    items = [(f"glossary/#{t.id}", t.also_called) for t in kb.glossary]
    items += [(f"kinds/#{k.id}", k.also_called) for k in [*kb.partner_kinds, *kb.special_cases]]
    assert any(names for _, names in items), "the knowledge base records no synonym"
    for location, names in items:
        for name in names:
            missing = set(re.split(separator, name.lower())) - sections[location]
            assert not missing, f"{location}: 'also called' {name!r} is not indexed ({missing})"


def test_technical_pages_stay_out_of_search(index: dict, built_site: Path) -> None:
    locations = [doc["location"] for doc in index["docs"]]
    assert locations, "the index is empty"
    assert not [loc for loc in locations if loc.startswith(TECHNICAL)]
    for page in ("formats", "quiz", "quiz/study"):  # the pages exist; only search leaves them out
        assert (built_site / page / "index.html").is_file()


@pytest.mark.browser
def test_the_search_box_finds_them(browser: Browser, site_server) -> None:
    """Material's search box, as a reader uses it: the first page it lists holds a wanted section."""
    with open_page(browser, site_server.origin) as page:
        page.goto(site_server.url(""))
        box = page.locator("input.md-search__input")
        for query, wanted in {**QUERIES, "start business": {"kinds/#cofounder"}}.items():
            if not box.is_visible():
                page.locator("label.md-search__icon[for=__search]").first.click()
            results = page.locator(".md-search-result__list > li")
            # One search per query: Material searches on keyup, so typing letter by letter sends
            # every prefix, and the list shown may still be an earlier one's. Empty the list, set
            # the whole query, then one key: the next list drawn is this query's.
            page.locator(".md-search-result__list").evaluate("list => list.replaceChildren()")
            box.fill(query)
            box.press("End")
            expect(results.first).to_be_visible()
            hrefs = results.first.locator("a.md-search-result__link").evaluate_all(
                "links => links.map(a => new URL(a.href).pathname + new URL(a.href).hash)"
            )
            first_group = [href.removeprefix(site_server.prefix) for href in hrefs]
            assert set(first_group) & wanted, f"{query!r}: the first result lists {first_group}"
