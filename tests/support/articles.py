"""Fixture articles: stand-ins for the source articles, so the tests need nothing beside the clone.

The real articles are kept outside the repository (a team's private folder, `PARTNER_SOURCES`), so
tests cannot rely on them. Each fixture file holds, on the line a quotation cites, only that short
quotation (text the site already shows), and a filler on every other line up to the last line the
knowledge base cites. Quotation checks then behave as with the real articles — a changed word or a
wrong line is still refused — while the real articles are verified by `python -m assemble check
--require-articles` wherever they exist (CI), and elsewhere against knowledge/quotations.lock.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

from generator.load import load_knowledge

FILLER = "(a line of the article that the knowledge base does not quote)"


def _quotes_and_lines(data: dict) -> tuple[dict[str, str], dict[str, dict[int, list[str]]], dict[str, int]]:
    """Source files, quotations by source and line, and the last cited line of each source."""
    files = {s["id"]: s["file"] for s in data.get("sources", [])}
    quotes: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    last: dict[str, int] = defaultdict(int)

    def walk(node: object, source: str | None = None) -> None:
        if isinstance(node, dict):
            here = node.get("source") if isinstance(node.get("source"), str) else source
            for key, value in node.items():
                if key in ("quote", "quotes"):
                    for q in value if isinstance(value, list) else [value]:
                        if isinstance(q, dict) and here:
                            quotes[here][int(q["line"])].append(str(q["text"]))
                            last[here] = max(last[here], int(q["line"]))
                elif key == "cites" and isinstance(value, list):
                    for cite in value:
                        sid, _, line = str(cite).partition(":")
                        if line.isdigit():
                            last[sid] = max(last[sid], int(line))
                else:
                    walk(value, here)
        elif isinstance(node, list):
            for item in node:
                walk(item, source)

    for source in data.get("sources", []):
        walk({k: v for k, v in source.items() if k != "quotes"}, source["id"])
        for q in source.get("quotes", []):
            quotes[source["id"]][int(q["line"])].append(str(q["text"]))
            last[source["id"]] = max(last[source["id"]], int(q["line"]))
    walk({k: v for k, v in data.items() if k != "sources"})
    return files, quotes, last


def write_fixture_articles(knowledge: Path, dest: Path) -> Path:
    """Write one fixture article per source of the knowledge base in `knowledge` into `dest`."""
    files, quotes, last = _quotes_and_lines(load_knowledge(knowledge).data)
    dest.mkdir(parents=True, exist_ok=True)
    for sid, name in files.items():
        count = max(last.get(sid, 0), 1)
        lines = [" … ".join(quotes[sid][n]) if quotes[sid].get(n) else FILLER for n in range(1, count + 1)]
        (dest / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def fixture_articles(knowledge: Path) -> Path:
    """Fixture articles for `knowledge`, written once per process into a temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="partner-articles-"))
    atexit.register(shutil.rmtree, folder, True)
    return write_fixture_articles(knowledge, folder / "sources")
