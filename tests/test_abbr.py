"""assemble.abbr: the linear `abbr` tree walk writes exactly the HTML of the stock extension, and the
MkDocs build uses it."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from assemble.abbr import LinearAbbrExtension, linear_abbr
from assemble.tree import docs_tree
from generator.model import KnowledgeBase
from support import REPO_ROOT
from support.markdown import site_extensions

CRAFTED = """\
*[CP]: channel partner
*[ISV]: independent software vendor
*[CP ISV]: both at once

A CP that is an ISV, and a *CP* whose tail names an ISV; then **ISV** and CP ISV and `CP` in code.

- CP one *em* CP tail ISV
- nested: *outer **CP inner** ISV tail* CP
- [a CP link](x.md) ISV after the link, *CP* again

| CP | ISV |
|----|-----|
| a CP | *ISV* tail CP |

<div markdown>
CP in raw HTML with markdown, *ISV* tail CP
</div>

> A quoted CP, *emphasis* ISV, and a tail CP.
"""


def both(text: str) -> tuple[str, str]:
    names, options = site_extensions()
    stock = markdown.Markdown(extensions=names, extension_configs=options).convert(text)
    linear = markdown.Markdown(extensions=linear_abbr(names, options), extension_configs=options).convert(text)
    return stock, linear


def test_the_project_uses_abbr_by_its_stock_name() -> None:
    names, options = site_extensions()
    assert "abbr" in names
    swapped = linear_abbr(names, options)
    assert "abbr" not in swapped and sum(isinstance(e, LinearAbbrExtension) for e in swapped) == 1
    assert len(swapped) == len(names)


def test_crafted_text_gives_the_stock_html() -> None:
    stock, linear = both(CRAFTED)
    assert stock.count("<abbr") >= 12, "the crafted text exercises the extension"
    assert linear == stock


def test_many_siblings_with_abbreviations_in_their_tails() -> None:
    """The case the stock walk paid for with the square of the siblings: it must still come out the same."""
    text = "*[CP]: channel partner\n\n" + "\n\n".join(f"<span>{i}</span> CP tail {i}" for i in range(300))
    stock, linear = both(text + "\n\n" + " ".join(f"*e{i}* CP" for i in range(300)))
    assert stock.count("<abbr") == 600
    assert linear == stock


@pytest.mark.build
def test_every_page_of_the_tiny_site_gives_the_stock_html(tiny: KnowledgeBase, tmp_path: Path) -> None:
    tree = docs_tree(tiny, tmp_path)
    pages = [p for p in tree.files if p.endswith(".md")]
    assert pages
    for path in pages:
        stock, linear = both(tree.page_markdown(path, tree.files[path]))
        assert linear == stock, path


@pytest.mark.build
def test_the_mkdocs_hooks_swap_it_in(monkeypatch: pytest.MonkeyPatch, tiny_site: Path) -> None:
    """hooks.on_config replaces the stock `abbr` in the configuration MkDocs renders with."""
    from mkdocs.config import load_config

    import hooks
    from support.tiny import TINY_ARTICLES, TINY_KB

    monkeypatch.setenv("PARTNER_KB", str(TINY_KB))
    monkeypatch.setenv("PARTNER_SOURCES", str(TINY_ARTICLES))
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    assert "abbr" in config.markdown_extensions
    config = hooks.on_config(config)
    assert "abbr" not in config.markdown_extensions
    assert sum(isinstance(e, LinearAbbrExtension) for e in config.markdown_extensions) == 1
    assert "<abbr title=" in (tiny_site / "scenarios" / "index.html").read_text(encoding="utf-8")
