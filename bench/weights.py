"""What a page costs to load: gzip -9 bytes of its HTML and of every same-origin file it loads.

A page's *own* bytes are what it loads that the home page does not: the theme's CSS and JS, the
site's stylesheets and anything else every page shares are already in the cache once the reader
has seen one page, so only the page's HTML and its extra files count.
"""

from __future__ import annotations

import gzip
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .server import PREFIX

THEME_JS = "assets/javascripts/"  # Material's bundle: its .json strings are not files this site loads
_JSON_REF = re.compile(r"""["'`]([\w./-]+\.json)["'`]""")
# Static and dynamic ES module imports: import x from "./a.js"; import "./a.js"; import("./a.js")
_IMPORT = re.compile(
    r"""(?:\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?|\bimport\s*\(\s*|\bexport\s*[\w*{}\s,$]+\s*from\s*)"""
    r"""["']([^"']+\.m?js)["']"""
)


def gz(data: bytes) -> int:
    """Bytes after gzip -9 (no timestamp, so the same input always gives the same size)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


class _Assets(HTMLParser):
    """Stylesheets, scripts and JSON files a page references."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.json: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.css.append(a["href"] or "")
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"] or "")
        root = a.get("data-root") or ""  # the quiz resolves data-src against data-root
        for value in a.values():
            if value and re.fullmatch(r"[\w./-]+\.json", value):
                self.json.append(posixpath.join(root, value) if root and not value.startswith("/") else value)


def _local(site: Path, base_url: str, ref: str) -> str | None:
    """Site-relative path of a same-origin file `ref` refers to from `base_url` (a folder URL such
    as "quiz/", or a file's URL), or None when it leaves the origin or no such file was built."""
    parts = urlsplit(ref)
    if parts.scheme or parts.netloc:
        return None
    folder = base_url if base_url.endswith("/") or not base_url else posixpath.dirname(base_url) + "/"
    path = parts.path if parts.path.startswith("/") else posixpath.join("/" + folder, parts.path)
    path = posixpath.normpath(unquote(path)).lstrip("/")
    if path.startswith(PREFIX.strip("/") + "/"):
        path = path[len(PREFIX.strip("/")) + 1 :]
    return path if path and (site / path).is_file() else None


def loaded_files(site: Path, page_url: str) -> dict[str, str]:
    """Every same-origin file the page at `page_url` loads, as {site path: kind}: its stylesheets and
    scripts, ES modules those scripts import, JSON named in its attributes (resolved against
    `data-root`) and `.json` strings in the site's own scripts (resolved against the page)."""
    parser = _Assets()
    parser.feed((site / page_url / "index.html").read_text(encoding="utf-8"))
    files: dict[str, str] = {}
    for kind, refs in (("css", parser.css), ("js", parser.js), ("json", parser.json)):
        for ref in refs:
            if path := _local(site, page_url, ref) or (_local(site, "", ref) if kind == "json" else None):
                files.setdefault(path, kind)
    scripts = [path for path, kind in files.items() if kind == "js" and not path.startswith(THEME_JS)]
    while scripts:
        path = scripts.pop(0)
        text = (site / path).read_text(encoding="utf-8", errors="replace")
        for ref in _IMPORT.findall(text):
            if (found := _local(site, path, ref)) is not None and found not in files:
                files[found] = "js"
                scripts.append(found)
        for ref in _JSON_REF.findall(text):
            if (found := _local(site, page_url, ref)) is not None:
                files.setdefault(found, "json")
    return files


def page_weight(site: Path, page_url: str) -> dict[str, Any]:
    """Gzip -9 bytes of the page's HTML and every same-origin CSS/JS/JSON it loads."""
    kinds = loaded_files(site, page_url)
    items = {page_url + "index.html": gz((site / page_url / "index.html").read_bytes())}
    items.update({path: gz((site / path).read_bytes()) for path in kinds})
    return {"page": "/" + page_url, "total_gzip": sum(items.values()), "files": items, "kinds": kinds}


def own_weight(site: Path, page_url: str, home: str = "") -> dict[str, Any]:
    """What the page at `page_url` loads that the home page does not: its HTML and its extra files."""
    page = page_weight(site, page_url)
    shared = set(loaded_files(site, home))
    own = {path: n for path, n in page["files"].items() if path not in shared}
    return {
        "page": page["page"],
        "total_gzip": sum(own.values()),
        "files": own,
        "shared_with_home": sorted(p for p in page["files"] if p in shared),
    }
