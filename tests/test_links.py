"""Every internal link comes from the page registry (generator/layout.py): templates write links
through `link` (generator.markup.Links), Python through layout's builders. A path or URL of a
page written by hand anywhere else fails here, so moving a page or an anchor is one edit."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator import layout
from generator.layout import Doc, Target, at
from generator.markup import Links
from support import REPO_ROOT

TEMPLATES = sorted(
    p for folder in ("generator", "quiz", "assemble") for p in (REPO_ROOT / folder / "templates").glob("*.j2")
)
CODE = sorted(p for folder in ("generator", "quiz", "assemble") for p in (REPO_ROOT / folder).rglob("*.py")) + [
    REPO_ROOT / "hooks.py"
]
REGISTRY = REPO_ROOT / "generator" / "layout.py"
SCRIPTS = sorted([*(REPO_ROOT / "quiz" / "assets").glob("*.js"), *(REPO_ROOT / "docs" / "assets").glob("*.js")])
JS_PAGE_URL = re.compile(r"""(["'`])((?:[a-z0-9_-]+/)+(?:#[^"'`]*)?)\1""")
"""A page URL in a JavaScript string: 'sources/', "quiz/study/#" (the data's `urls` say where pages are)."""

MARKDOWN_LINK = re.compile(r"\]\((?!\{\{)(?!https?://)([^)\s]*)")
"""A Markdown link whose target is neither `{{ … }}` (a builder's output) nor an outside address."""
HTML_LINK = re.compile(r"""(?<![\w-])(?:href|src)="(?!\{\{)(?!https?://)([^"]*)\"""")
ASSET = re.compile(r"^(?:\.\./)*assets/")
"""Files the quiz adds (its CSS and scripts) are not pages: they have no registry entry."""
SITE_LINK = re.compile(r"(?:^|[\s\"'(])(?:[a-z0-9_-]+/)*[a-z0-9_-]+(?:\.md)?/?#|(?:^|/)[a-z0-9_-]+\.md(?:#|$)")
"""A page path or URL in a string: 'decision/#rule-x', 'decision.md#x', 'first-week/index.md'."""


def hand_written_template_links(text: str) -> list[str]:
    """The links of a template that do not come from `link`/`noscript` (markup.Links)."""
    return [
        m.group(1)
        for pattern in (MARKDOWN_LINK, HTML_LINK)
        for m in pattern.finditer(text)
        if not ASSET.match(m.group(1))
    ]


def hand_written_code_links(source: str) -> list[str]:
    """String constants (f-string parts included) that spell a page's path or URL; documentation
    (docstrings, attribute docstrings, a field's `doc=`) may give examples."""
    tree = ast.parse(source)
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    docstrings |= {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg == "doc"}
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and SITE_LINK.search(node.value)
        ):
            found.append(node.value)
    return found


def hand_written_script_links(source: str) -> list[str]:
    """The page URLs a browser module spells itself instead of reading them from the data."""
    return [m.group(2) for m in JS_PAGE_URL.finditer(source)]


def test_the_scans_find_hand_written_links() -> None:
    """The scans can fail: each kind of hand-written link is caught, builders' output is not."""
    assert hand_written_template_links("see [the rules](decision.md#rules) and [x](#flowchart)") == [
        "decision.md#rules",
        "#flowchart",
    ]
    assert hand_written_template_links('<a href="../decision/#flowchart">') == ["../decision/#flowchart"]
    assert hand_written_template_links('[a]({{ link.rule(r.id) }}) <a href="{{ noscript.at("quiz/study") }}">') == []
    assert hand_written_template_links('[b](https://example.org) <link href="../assets/quiz/quiz.css">') == []
    assert hand_written_code_links('link = f"decision/#rule-{r.id}"') == ["decision/#rule-"]
    assert hand_written_code_links('x = "comparison/#table"\ny = "first-week/index.md"') == [
        "comparison/#table",
        "first-week/index.md",
    ]
    assert hand_written_script_links('new URL("sources/" + id + "/", base); x = "quiz/study/#" + id') == [
        "sources/",
        "quiz/study/#",
    ]
    assert hand_written_script_links('import { h } from "./dom.js"; new URL(urlOf(d.urls.source, id), base)') == []
    assert (
        hand_written_code_links('def f():\n    """From decision/#rules."""\n    return at(Doc.DECISION, "rules")') == []
    )


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_templates_write_no_internal_link_by_hand(path: Path) -> None:
    assert hand_written_template_links(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", [p for p in CODE if p != REGISTRY], ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_code_writes_no_internal_link_by_hand(path: Path) -> None:
    assert hand_written_code_links(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_scripts_write_no_page_url_by_hand(path: Path) -> None:
    assert hand_written_script_links(path.read_text(encoding="utf-8")) == []


def test_a_link_is_written_for_where_it_is() -> None:
    pages = [
        layout.Page(Doc.DECISION, "D", layout.GUIDE, anchors=("flowchart",)),
        layout.Page(Doc.STUDY, "S", layout.CHECK),
        layout.Page(Doc.QUIZ, "Q", layout.CHECK),
    ]
    from_checklist = Links(pages, "first-week/customer.md")
    assert from_checklist.rule("supplier") == "../decision.md#rule-supplier"
    assert from_checklist.checklist("channel_partner", 2) == "channel-partner.md#step-2"
    assert Links(pages, Doc.DECISION).local.fact("pays") == "#fact-pays"
    assert Links(pages, Doc.DECISION).section("flowchart") == "#flowchart"
    assert Links(pages, Doc.QUIZ, up="").at("quiz/study") == "study/"  # <noscript>: from the page's URL
    assert Links(pages, Doc.CLASSIFY, up="").at("decision", "flowchart") == "../decision/#flowchart"
    assert Links(pages, Doc.STUDY, up="../../").source("ada") == "../../sources/ada/"
    assert layout.rule("supplier").url == "decision/#rule-supplier" and at(Doc.HOME).url == ""


@pytest.mark.parametrize(
    "bad",
    [
        lambda links: links.at("decision", "no-such-section"),
        lambda links: links.at("no-such-page"),
        lambda links: links.local.rule("x") and links.local.term("t"),
        lambda links: links.to(Target("../etc/passwd.md")),
    ],
)
def test_a_link_to_no_promised_place_fails_the_render(bad) -> None:
    links = Links([layout.Page(Doc.DECISION, "D", layout.GUIDE, anchors=("flowchart",))], Doc.DECISION)
    with pytest.raises(ValueError):
        bad(links)
