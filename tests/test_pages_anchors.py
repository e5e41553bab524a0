"""Every page the registry (generator/layout.py) lists is rendered, and every anchor it promises —
the page's own and one per knowledge-base item — is written into the Markdown and reaches the
built HTML (tiny fixture knowledge base)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown.extensions.toc import slugify

from assemble.tree import DocsTree, docs_tree
from generator.layout import Page, anchors, site_pages
from generator.markup import TEMPLATES as TEMPLATES_DIR
from generator.model import KnowledgeBase
from generator.pages import VIEWS
from support import REPO_ROOT
from support.pages import (
    HEADING,
    built_page,
    parse,
)
from support.tiny import tiny_kb

# --- the pages exist ---------------------------------------------------------------------------


def test_render_pages_makes_every_guide_page(tiny_pages: dict[str, str]) -> None:
    assert set(tiny_pages) == {
        f"{name}.md"
        for name in (
            "index",
            "definitions",
            "comparison",
            "kinds",
            "debate",
            "decision",
            "playbook",
            "pitfalls",
            "scenarios",
            "glossary",
            "about",
            "sources/index",
            "sources/ada",
            "sources/ben",
            "sources/cy",
            "first-week/index",
            "first-week/reseller",
        )
    }
    for path, text in tiny_pages.items():
        body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)  # optional front matter
        assert body.startswith("# "), f"{path} does not start with its title"


def test_anchors_promised_for_what_the_pages_show(tiny: KnowledgeBase) -> None:
    promised = anchors(tiny)
    # A source page promises an entry for each line cited, quoted or paraphrased (read off the YAML).
    assert {a for a in promised["sources/ada/"] if a.startswith("line-")} == {"line-3", "line-5", "line-7", "line-9"}
    assert {a for a in promised["sources/ben/"] if a.startswith("line-")} == {"line-3", "line-5", "line-7"}
    assert {a for a in promised["sources/cy/"] if a.startswith("line-")} == {"line-3", "line-5", "line-7", "line-9"}
    assert {
        "fact-sells_ours",
        "fact-pays_us",
        "rule-paying-reseller",
        "rule-bystander",
        "outcome-both",
        "signal-what-they-sell",
        "parties",
        "impossible",
    } <= promised["decision/"]
    assert promised["first-week/reseller/"] == {"steps", "step-1", "step-2"}
    assert promised["debate/"] == {"positions", "by-source", "synthesis", "ada", "ben", "cy"}
    assert promised["comparison/"] == {"table", "money", "yardstick"}


TINY_PAGES = site_pages(tiny_kb())  # the registry's tiny_pages of the tiny knowledge base, one test each


@pytest.fixture(scope="module")
def tiny_tree(tiny: KnowledgeBase) -> DocsTree:
    """Everything a build of the tiny knowledge base renders: generated and quiz tiny_pages alike."""
    return docs_tree(tiny, REPO_ROOT / "docs")


def unwritten(markdown: str | None, ids: set[str]) -> list[str]:
    """The anchors not written exactly once in `markdown` (every one, when there is no Markdown):
    as `{ #id }`, in raw HTML (the checklists' steps) as id="…", or as the id MkDocs gives a
    heading without one (the quiz's "# Quiz" is #quiz)."""
    if markdown is None:
        return sorted(ids)
    slugs = [
        slugify(line.lstrip("#").strip(), "-")
        for line in markdown.splitlines()
        if HEADING.match(line) and "{ #" not in line
    ]
    return sorted(a for a in ids if markdown.count(f"{{ #{a} }}") + markdown.count(f' id="{a}"') + slugs.count(a) != 1)


def test_every_page_that_promises_anchors_is_in_the_registry(tiny: KnowledgeBase) -> None:
    assert set(anchors(tiny)) <= {page.url for page in TINY_PAGES}


@pytest.mark.parametrize("page", TINY_PAGES, ids=[page.path for page in TINY_PAGES])
def test_markdown_writes_every_promised_anchor(page: Page, tiny: KnowledgeBase, tiny_tree: DocsTree) -> None:
    """No page is skipped: a page whose Markdown cannot be found fails with every anchor it promises."""
    ids = anchors(tiny).get(page.url, set())
    assert not unwritten(tiny_tree.files.get(page.path), ids), f"{page.path} ({page.url}) lacks these anchors"


def test_a_page_without_markdown_fails_the_anchor_check() -> None:
    """What the old loop skipped with `continue` (a URL mapped to no Markdown file) now fails."""
    assert unwritten(None, {"steps", "step-1"}) == ["step-1", "steps"]
    assert unwritten("## Steps { #steps }\n", {"steps", "step-1"}) == ["step-1"]
    assert unwritten("# Quiz\n\n# Quiz\n", {"quiz"}) == ["quiz"]  # twice is as wrong as never


def test_every_promised_anchor_is_in_the_built_html(tiny: KnowledgeBase, tiny_site: Path) -> None:
    for url, ids in anchors(tiny).items():
        html = parse(built_page(tiny_site, url))
        missing = ids - html.ids
        assert not missing, f"/{url} lacks {sorted(missing)}"


def test_every_page_template_has_a_view_that_answers_what_it_asks(tiny: KnowledgeBase) -> None:
    """Each template's `view.name` calls are answered by its own view (not one object with everything):
    read from the templates, so a template reaching for another page's lookup fails here by name."""
    templates = {
        page.template
        for page in site_pages(tiny)
        if page.template and page.template.endswith(".md.j2") and (TEMPLATES_DIR / page.template).exists()
    }
    assert templates <= set(VIEWS), templates - set(VIEWS)
    macros = set(re.findall(r"\bview\.([a-z_]+)", (TEMPLATES_DIR / "_macros.md.j2").read_text(encoding="utf-8")))
    for name, view in VIEWS.items():
        asked = set(re.findall(r"\bview\.([a-z_]+)", (TEMPLATES_DIR / name).read_text(encoding="utf-8"))) | macros
        assert all(hasattr(view, method) for method in asked), (name, sorted(m for m in asked if not hasattr(view, m)))
    assert not hasattr(VIEWS["glossary.md.j2"], "worked") and not hasattr(VIEWS["index.md.j2"], "cited_in")
