"""Hostile knowledge bases: every prose string of a copy followed by markup that would run if it
were ever inserted as HTML, for the tests that prove knowledge-base text stays text (pages,
builds, browser, both engines)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.load import load_knowledge
from generator.markup import markdown_text


def inert(text: str) -> str:
    """How a knowledge-base string is written into the Markdown."""
    return str(markdown_text(text))


PAYLOAD = (
    '<script>alert(1)</script> </script></title> "onmouseover=alert(1) x=" {{ 7*7 }} '
    "<img src=x onerror=alert(document.domain)> <svg onload=alert(2)> <a href=javascript:alert(3)>a</a> "
    "[click](javascript:alert(1)) **bold** _under_ `tick` {#evil} | pipe | &amp; \\"
)


SHORT_PAYLOAD = "<img src=x onerror=alert(document.domain)> <svg onload=alert(2)>"
"""For fields with a length limit (a glossary definition): the two payloads that run from innerHTML."""
"""Markup that runs when inserted as HTML, not only `<script>` (which never runs from innerHTML):
event handlers on elements that fire by themselves (`onerror`, `onload`) and a javascript: link."""


PROSE = {
    "title",
    "author",
    "author_note",
    "stance",
    "summary",
    "key_points",
    "not_content",
    "sense",
    "text",
    "excludes",
    "name",
    "description",
    "examples",
    "label",
    "argument",
    "question",
    "intro",
    "synthesis_note",
    "help",
    "yes",
    "no",
    "if_no",
    "next_step",
    "because",
    "reading",
    "story",
    "reasoning",
    "remedy",
    "term",
    "definition",
    "also_called",
    "example",
    "then",
}


PREFIXES = ["", "# ", "- ", "> ", "1. ", "!!! tip ", ": ", "    ", "* ", "| "]


def poison(data: Any, path: tuple[str, ...] = (), found: list[str] | None = None) -> Any:
    """Append PAYLOAD (and sometimes a block-starting prefix) to every prose string.

    Left alone: quotations (the build checks them against the articles), the quiz's own
    settings, a definition's `term` (customer/partner, a fixed choice), the author "unnamed"
    (so that the author note is what the pages show) and the answers cases and rules give
    (a choice fact's option ids). Its options' texts are prose and are poisoned.
    """
    key = path[-1] if path else ""
    if isinstance(data, dict):
        return {
            k: v if k in ("quote", "quotes", "quiz") else poison(v, path + (str(k),), found) for k, v in data.items()
        }
    if isinstance(data, list):
        return [poison(v, path, found) for v in data]
    if path[:1] == ("quiz",) or (key == "term" and path[:1] == ("definitions",)) or data == "unnamed":
        return data
    if "facts" in path[1:] or "when" in path:  # answers (a choice fact's option ids), not prose
        return data
    if isinstance(data, str) and key in PROSE:
        prefix = "" if key in ("term", "definition") else PREFIXES[len(found or []) % len(PREFIXES)]
        value = f"{prefix}{data} {SHORT_PAYLOAD if key == 'definition' else PAYLOAD}"
        if found is not None:
            found.append(value)
        return value
    return data


def poisoned_copy(knowledge: Path, directory: Path) -> list[str]:
    """Write a copy of `knowledge` whose prose is full of markup to `directory`; the strings written."""
    directory.mkdir()
    loaded = load_knowledge(knowledge)  # keeps keys such as `yes:` as written, unlike yaml.safe_load
    written: list[str] = []
    files: dict[str, dict[str, Any]] = {}
    for section_name, value in loaded.data.items():
        files.setdefault(Path(loaded.origin[section_name]).name, {})[section_name] = poison(
            value, (section_name,), written
        )
    for name, data in files.items():
        (directory / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return written
