"""Citations (Guide.cites) and, in the built tiny site, internal links, citation links and
glossary tooltips."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from generator.layout import site_pages
from generator.markup import abbr_term, abbr_title, render_template
from generator.model import KnowledgeBase
from generator.pages import render_pages
from generator.views import CiteGroup, PageView
from support.pages import (
    OWN_PAGES,
    built_page,
    parse,
    section,
)

# --- Guide's citations ----------------------------------------------------------------------


def test_cites_groups_lines_by_source_in_order_first_cited(tiny: KnowledgeBase, tiny_guide: PageView) -> None:
    ada, ben = tiny.source("ada"), tiny.source("ben")
    item = replace(tiny.pitfalls[0], cites=["ben:7", "ada:9", "ben:3", "ben:7", "ada"])
    assert tiny_guide.cites(item) == [CiteGroup(ben, (3, 7)), CiteGroup(ada, (9,))]
    assert tiny_guide.cites(replace(item, cites=["ada"])) == [CiteGroup(ada, ())]


def test_a_whole_source_citation_links_to_the_source_page(tiny: KnowledgeBase) -> None:
    """No tiny item cites a source without a line: a variant does, in full and in a table cell."""
    pitfall = replace(tiny.pitfalls[0], cites=["ben"])
    dim = tiny.dimensions[0]
    variant = replace(
        tiny,
        pitfalls=[pitfall, *tiny.pitfalls[1:]],
        dimensions=[replace(dim, customer=replace(dim.customer, cites=["ben", "ada:3"])), *tiny.dimensions[1:]],
    )
    tiny_pages = render_pages(variant)
    assert '<span class="poc-cite">Source: [Ben, *Partners are customers too*](sources/ben.md)</span>' in section(
        tiny_pages["pitfalls.md"], pitfall.id
    )
    row = section(tiny_pages["comparison.md"], dim.id)
    assert '<span class="poc-cite">[Ben](sources/ben.md); [Ada l.&nbsp;3](sources/ada.md#line-3)</span>' in row
    assert f"- [{pitfall.name}](../pitfalls.md#{pitfall.id})\n" in tiny_pages["sources/ben.md"]  # cited in, no line


# --- links, citations and tooltips in the built site -------------------------------------------


def test_the_registry_renders_the_pages_listed_here(tiny: KnowledgeBase) -> None:
    assert [p.url for p in site_pages(tiny) if p.template is not None] == OWN_PAGES


def test_built_links_resolve(tiny_site: Path) -> None:
    """Every relative link on the guide's pages reaches a built page, and its #anchor exists there."""
    checked = 0
    for url in OWN_PAGES:
        page = built_page(tiny_site, url)
        for href in parse(page).hrefs:
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                assert not href.lower().startswith("javascript:")
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"/{url}: broken link {href}"
            if fragment and target.suffix == ".html":
                assert fragment in parse(target).ids, f"/{url}: {href} has no such anchor"
                checked += 1
    assert checked > 100


def test_built_citations_link_to_source_pages(tiny_site: Path) -> None:
    lines = {"ada": {3, 5, 7, 9}, "ben": {3, 5, 7}, "cy": {3, 5, 7, 9}}  # the tiny articles' cited lines
    seen: set[tuple[str, int]] = set()
    for url in OWN_PAGES:
        page = built_page(tiny_site, url)
        html = page.read_text(encoding="utf-8")
        cites = re.findall(r'<span class="poc-cite">(.*?)</span>', html)
        if url in ("definitions/", "comparison/", "decision/", "scenarios/", "glossary/"):
            assert cites, f"/{url} shows no citation"
        for cite in cites:
            for href, label in re.findall(r'href="([^"]+)"[^>]*>(.*?)</a>', cite):
                if href.endswith("about/#synthesis"):
                    continue
                path, _, fragment = href.partition("#")
                target = (page.parent / path).resolve()
                sid = next((s for s in lines if target == (tiny_site / f"sources/{s}/").resolve()), None)
                assert sid is not None, f"/{url}: {href}"
                assert (target / "index.html").is_file()
                # A line citation lands on that line's entry.
                assert re.fullmatch(r"line-\d+", fragment), f"/{url}: {href}"
                n = int(fragment[5:])
                assert n in lines[sid], f"/{url}: {href}"
                assert label.endswith(f"\xa0{n}") or label.endswith(f"&nbsp;{n}"), (
                    f"/{url}: {label!r} does not name the line it links to ({href})"
                )
                assert fragment in parse(target / "index.html").ids, f"/{url}: {href} has no such line entry"
                seen.add((sid, n))
    assert seen == {(s, n) for s, ns in lines.items() for n in ns}


def test_glossary_terms_get_tooltips(tiny_site: Path) -> None:
    """Every term used on a page shows its definition there; the glossary defines them in place, and
    B2B appears on no other page, so it has no tooltip anywhere."""
    found: dict[str, str] = {}
    for url in OWN_PAGES:
        html = parse(built_page(tiny_site, url))
        found.update(html.abbrs)
        if url != "glossary/":
            assert "B2B" not in html.plain
    assert found == {
        "reseller": "A firm that earns by selling your product.",
        "referral agency": "An agency that sends you clients.",
        "lowest price": "What a customer looks for, says Cy.",
    }
    assert parse(built_page(tiny_site, "glossary/")).abbrs == []
    assert ("reseller", "A firm that earns by selling your product.") in parse(built_page(tiny_site, "kinds/")).abbrs


def test_abbreviations_are_safe() -> None:
    assert str(abbr_term("ok term")) == "ok term"
    assert str(abbr_term("bad ] term")) == "" and str(abbr_term("bad \\ term")) == ""
    assert str(abbr_title('a\nb  <c> & "d"')) == 'a b <c> & "d"'  # raw: the abbr extension escapes it
    assert str(abbr_title('""')) == ""


def test_abbreviation_lines(tiny: KnowledgeBase) -> None:
    from assemble.tree import glossary_abbreviations

    text = glossary_abbreviations(tiny)
    assert text.startswith("\n\n"), "a blank line keeps the definitions out of the page's last block"
    assert [line for line in text.splitlines() if line] == [
        "*[reseller]: A firm that earns by selling your product.",
        "*[B2B]: Business to business.",
        "*[referral agency]: An agency that sends you clients.",
        "*[lowest price]: What a customer looks for, says Cy.",
    ]
    odd = replace(tiny.glossary[0], term="x]y", definition="z")
    assert render_template("abbreviations.md.j2", glossary=[odd]).strip() == ""


def test_a_page_gets_only_the_terms_it_can_contain(tiny: KnowledgeBase) -> None:
    from assemble.tree import glossary_abbreviations

    text = glossary_abbreviations(tiny, "Intro mentioning a reseller and the lowest &amp; price only.")
    assert [line for line in text.splitlines() if line] == [
        "*[reseller]: A firm that earns by selling your product.",
        "*[lowest price]: What a customer looks for, says Cy.",
    ]
    assert "referral" not in glossary_abbreviations(tiny, "a referral, and nothing more")
    assert glossary_abbreviations(tiny, "").strip() == ""
    assert glossary_abbreviations(tiny, "reseller B2B referral agency lowest price") == glossary_abbreviations(tiny)
