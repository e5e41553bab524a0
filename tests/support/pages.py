"""Reading generated Markdown and built HTML in the page tests (test_pages_*.py): sections by anchor,
citation links, counts from the tiny knowledge base's YAML, and a small HTML parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from generator.model import Cited
from support.tiny import TINY_KB

ANCHOR_LINE = re.compile(r"\{ #([a-z][a-z0-9_-]*) \}")
HEADING = re.compile(r"^#{1,6} ")


def section(markdown: str, anchor: str) -> str:
    """The Markdown from the line carrying `{ #anchor }` up to the next anchored line or heading."""
    lines = markdown.splitlines()
    starts = [i for i, line in enumerate(lines) if f"{{ #{anchor} }}" in line]
    assert len(starts) == 1, f"anchor #{anchor} is written {len(starts)} times"
    out = [lines[starts[0]]]
    for line in lines[starts[0] + 1 :]:
        if ANCHOR_LINE.search(line) or HEADING.match(line):
            break
        out.append(line)
    return "\n".join(out)


def check_cited(text: str, item: Cited, root: str = "") -> None:
    """Every citation of the item, read from its `cites` here (not through Guide.cites), is linked —
    a cited line to its own entry on the source's page, a whole source to the page — and a
    synthesis item carries the label."""
    assert item.cites or item.synthesis
    for cite in item.cites:
        sid, _, line = cite.partition(":")
        page = f"{root}sources/{sid}.md"
        if line:
            assert re.search(rf"(line|l\.)&nbsp;{line}\]\({re.escape(page)}#line-{line}\)", text), (
                f"no link to line {line} of {sid} in:\n{text}"
            )
        else:
            assert f"]({page})" in text, f"no link to {sid} in:\n{text}"
    if item.synthesis:
        assert f"]({root}about.md#synthesis)" in text and "Guide's synthesis" in text


def tiny_yaml() -> dict[str, Any]:
    """The tiny knowledge base's sections as plain YAML data, read here without the generator."""
    data: dict[str, Any] = {}
    for path in sorted(TINY_KB.glob("*.yml")):
        data.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    return data


def count_in(data: Any, what: str) -> int:
    """In plain YAML data: the citations ('cites') or the synthesis flags set ('synthesis' and
    '…_synthesis' true) anywhere."""
    if isinstance(data, list):
        return sum(count_in(v, what) for v in data)
    if not isinstance(data, dict):
        return 0
    found = 0
    for key, value in data.items():
        if what == "cites" and key == "cites":
            found += len(value)
        elif what == "synthesis" and str(key).endswith("synthesis") and value is True:
            found += 1
        else:
            found += count_in(value, what)
    return found


class Html(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.event_attrs: list[tuple[str, str, str | None]] = []
        self.abbrs: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._abbr: str | None = None
        self._main = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"] or "")
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.event_attrs.append((tag, name, value))
        if tag == "script":
            self._script = a
            self.scripts.append((a, ""))
        if tag == "abbr":
            self._abbr = a.get("title") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        if tag == "abbr":
            self._abbr = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
            return
        if self._abbr is not None:
            self.abbrs.append((data, self._abbr))
        self.text.append(data)

    @property
    def plain(self) -> str:
        return " ".join("".join(self.text).split())


def parse(path: Path) -> Html:
    parser = Html()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def built_page(site: Path, url: str) -> Path:
    """The HTML file for a page URL such as 'decision/' or ''."""
    return site / url / "index.html"


def debate_rows(page: str) -> list[tuple[str, list[bool]]]:
    """The debate table's rows: the source's label and, per position, whether it holds it."""
    matrix = page[page.index("{ #positions }") : page.index("{ #by-source }")]
    rows = []
    for line in matrix.splitlines():
        if line.startswith("| ["):
            cells = line.strip().strip("|").split(" | ")
            for cell in cells[1:]:
                assert "holds" in cell or ">does not state it<" in cell  # read aloud, shown as a dash
            rows.append((cells[0].strip(), ["holds" in cell for cell in cells[1:]]))  # a word, not only a symbol
    return rows


OWN_PAGES = [
    "",
    "definitions/",
    "comparison/",
    "kinds/",
    "debate/",
    "decision/",
    "playbook/",
    "first-week/",
    "first-week/reseller/",
    "pitfalls/",
    "scenarios/",
    "glossary/",
    "sources/",
    "sources/ada/",
    "sources/ben/",
    "sources/cy/",
    "about/",
]
"""The guide's own pages, those the generator renders (About among them)."""
