"""Python-Markdown's `abbr` extension with its tree walk made linear, for the MkDocs build.

Glossary tooltips are `abbr` definitions appended to every page (assemble.tree). The stock tree
processor finds where to put an abbreviation that sits in an element's tail with
`list(parent).index(el)` for every child, which costs the number of siblings each time: on a page
whose body has thousands of top-level blocks (the worked scenarios or the study sheet of a big
knowledge base) the walk grew with the square of the page. This one hands each child its index as
it walks, which is the only change; tests/test_abbr.py checks that it writes the same HTML as the
stock extension. The hooks swap it in for `abbr` (mkdocs.yml keeps the stock name, which Zensical
reads).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.util import AtomicString


class LinearAbbrTreeprocessor(AbbrTreeprocessor):
    """The stock processor, walking children by index."""

    def iter_element(self, el: etree.Element, parent: etree.Element | None = None, index: int = -1) -> None:
        """Wrap abbreviations in `el`'s text and tail; `index` is `el`'s position in `parent`.

        Children are walked last to first, as upstream does: an abbreviation found in a child's tail
        is inserted right after that child, which moves only the children already walked."""
        pattern = self.RE
        assert pattern is not None, "run() compiles the pattern before the walk"
        for i in range(len(el) - 1, -1, -1):
            self.iter_element(el[i], el, i)
        if (text := el.text) and not isinstance(text, AtomicString):
            for m in reversed(list(pattern.finditer(text))):
                if self.abbrs[m.group(0)]:
                    el.insert(0, self.create_element(self.abbrs[m.group(0)], m.group(0), text[m.end() :]))
                    text = text[: m.start()]
            el.text = text
        if parent is not None and el.tail:
            tail = el.tail
            if not isinstance(tail, AtomicString):
                for m in reversed(list(pattern.finditer(tail))):
                    if self.abbrs[m.group(0)]:
                        parent.insert(
                            index + 1, self.create_element(self.abbrs[m.group(0)], m.group(0), tail[m.end() :])
                        )
                        tail = tail[: m.start()]
                el.tail = tail


class LinearAbbrExtension(AbbrExtension):
    """`abbr`, with the linear tree processor registered under the stock one's name and priority."""

    abbrs: dict[str, str]  # set by the stock __init__ (the stubs leave it out)

    def extendMarkdown(self, md: Markdown) -> None:
        """Register as the stock extension does, then replace its tree processor."""
        super().extendMarkdown(md)
        md.treeprocessors.register(LinearAbbrTreeprocessor(md, self.abbrs), "abbr", 7)


ABBR = ("abbr", "markdown.extensions.abbr")  # the names mkdocs.yml may give the stock extension


def linear_abbr(extensions: list[Any], configs: dict[str, Any]) -> list[Any]:
    """A build's Markdown extensions with the stock `abbr` (by name, with its options) replaced by the
    linear one."""
    return [LinearAbbrExtension(**configs.get(ext, {})) if ext in ABBR else ext for ext in extensions]
