"""Hostile text in the knowledge base stays text: in the generated Markdown, in a strict MkDocs
build, and in the templates' escaping (support/hostile.py poisons every prose string)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.knowledge import load
from generator.layout import anchors
from generator.markup import markdown_text
from generator.model import KnowledgeBase
from generator.pages import render_pages
from support import build
from support.hostile import PAYLOAD, inert, poisoned_copy
from support.pages import (
    OWN_PAGES,
    built_page,
    parse,
)
from support.tiny import TINY_ARTICLES, TINY_KB

# --- hostile text stays text -------------------------------------------------------------------


@pytest.fixture(scope="session")
def tiny_hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A copy of the tiny knowledge base whose prose is full of markup, and the strings written into it."""
    directory = tmp_path_factory.mktemp("hostile") / "knowledge"
    return directory, poisoned_copy(TINY_KB, directory)


def visible(text: str) -> str:
    """What a reader sees of a knowledge-base string (Markdown collapses whitespace)."""
    return " ".join(text.split())


def test_hostile_markdown_is_inert(tiny_hostile: tuple[Path, list[str]]) -> None:
    directory, written = tiny_hostile
    assert len(written) > 100  # every prose field of the tiny knowledge base, poisoned
    kb = load(directory, TINY_ARTICLES)
    tiny_pages = render_pages(kb)
    everything = "\n".join(tiny_pages.values())
    for dangerous in (
        "<script",
        "</script",
        "](javascript:",
        "**bold**",
        "_under_",
        "`tick`",
        "{{ 7*7 }}",
        "{#evil}",
        "| pipe |",
        '"onmouseover',
        "&amp;",
        "<img",
        "<svg",
        "<a href=javascript",
    ):
        assert dangerous not in everything, dangerous
    assert inert(PAYLOAD) in everything
    for value in written:  # no string may begin a Markdown block where the template puts it on its own line
        assert not re.match(r"\s*(\d+[.)]|[#>+*:!|=-])", inert(value)), value


@pytest.mark.build
def test_hostile_build_shows_text_not_markup(
    tiny_hostile: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    directory, written = tiny_hostile
    site = build(tmp_path_factory.mktemp("hostile-site") / "site", directory, TINY_ARTICLES)
    seen = ""
    for url in OWN_PAGES:
        html = parse(built_page(site, url))
        for attrs, code in html.scripts:
            assert "alert" not in code and "alert" not in str(attrs), f"/{url}: script from the knowledge base"
        assert not html.event_attrs, f"/{url}: {html.event_attrs}"
        assert not [h for h in html.hrefs if h.strip().lower().startswith("javascript:")], f"/{url}"
        assert "evil" not in html.ids
        assert html.tags.count("h1") == 1, f"/{url}: a knowledge-base string became a heading"
        page = built_page(site, url).read_text(encoding="utf-8")
        assert "<strong>bold</strong>" not in page and "<em>under</em>" not in page and "<code>tick</code>" not in page
        assert " 49 " not in html.plain
        assert visible(PAYLOAD) in html.plain, f"/{url}: the text is not visible"
        seen += html.plain + "\n"
    # Every poisoned string is shown on the guide's pages exactly as written, prefix and all.
    missing = [w for w in written if visible(w) not in seen]
    assert not missing, f"{len(missing)} strings were not shown as written, e.g. {missing[0]!r}"


def test_markdown_text_escapes() -> None:
    assert (
        str(markdown_text("a * b _ c ` d [e](f) {g} | h < i & j"))
        == "a &#42; b &#95; c &#96; d &#91;e&#93;(f) &#123;g&#125; &#124; h &#60; i &#38; j"
    )
    for start in ("# x", "- x", "+ x", "> x", ": x", "= x", "!!! x", "? x", "~~~ x", "% x"):
        assert str(markdown_text(start)).startswith("&#"), start
    assert str(markdown_text("12. x")) == "12&#46; x" and str(markdown_text("3) x")) == "3&#41; x"
    assert str(markdown_text("a\n\n# b")) == "a # b"
    assert str(markdown_text("x\x02klzzwxh:0\x03y")) == "xklzzwxh:0y"
    assert str(markdown_text("co-branding e.g. 5%")) == "co-branding e.g. 5%"  # tooltips still match


def test_compiled_templates_are_cached_and_an_unwritable_cache_is_no_error(tmp_path, monkeypatch) -> None:
    from generator.markup import _bytecode_cache, environment

    monkeypatch.setenv("PARTNER_CACHE", str(tmp_path / "jinja"))
    environment().get_template("glossary.md.j2")
    assert list((tmp_path / "jinja").glob("__jinja2_*.cache")), "the compiled template was not stored"
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("PARTNER_CACHE", str(blocker / "jinja"))
    assert _bytecode_cache() is None
    assert environment().get_template("glossary.md.j2")  # still renders, just uncached


def test_a_hand_written_quiz_question_is_not_guide_text(tiny: KnowledgeBase, tiny_pages: dict[str, str]) -> None:
    """q-never-pays cites Ada l. 11, which nothing on the guide's pages cites: only the quiz shows the
    question, so Ada's page has no entry for line 11, promises none, and the home count leaves it out."""
    assert tiny.quiz.questions[0].cites == ["ada:11"]
    assert "line-11" not in anchors(tiny)["sources/ada/"]
    assert "{ #line-11 }" not in tiny_pages["sources/ada.md"] and 'id="line-11"' not in tiny_pages["sources/ada.md"]
    assert "q-never-pays" not in tiny_pages["sources/ada.md"]
