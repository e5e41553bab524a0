"""Every internal link and anchor in a built site resolves: a checker over the HTML MkDocs wrote.

Why a separate pass: MkDocs validates links written in Markdown, but not those inside raw HTML,
templates or theme partials, nor `#anchors` that a page promises another. This reads the output
the way a browser would: relative URLs resolved against the page, directories served as their
index.html, fragments looked up among the target's ids (or `<a name>`).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (tag, attribute) pairs that point at another resource of the site.
LINK_ATTRIBUTES = {
    ("a", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("form", "action"),
}


@dataclass(frozen=True)
class BrokenLink:
    """One link that does not resolve, reported as `page: url: why`."""

    page: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url}: {self.reason}"


class _Page(HTMLParser):
    """The ids and the outgoing links of one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.duplicates: list[str] = []  # ids seen twice: a link to them lands on whichever comes first
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                if value in self.ids and name == "id":
                    self.duplicates.append(value)
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES:
                self.links.append(value)


def _parse(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        page = _Page()
        page.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = page
    return cache[path]


def check_site(site: Path, base_path: str = "/") -> list[BrokenLink]:
    """Broken internal links and anchors, and duplicate ids, of every .html file under `site`, in file order.

    `base_path` is the URL path the site is served under (e.g. "/repo/"): root-relative links
    must stay inside it. Links to other hosts and non-HTTP schemes (mailto:, data:) are not
    followed; a `javascript:` link is always reported.
    """
    site = site.resolve()
    cache: dict[Path, _Page] = {}
    broken: list[BrokenLink] = []
    for html in sorted(site.rglob("*.html")):
        page_path = html.relative_to(site).as_posix()
        parsed = _parse(html, cache)
        broken += [
            BrokenLink(page_path, f"#{dup}", "duplicate id: two elements share it, so links to it are ambiguous")
            for dup in parsed.duplicates
        ]
        for url in parsed.links:
            reason = _check(site, html, url, base_path, cache)
            if reason:
                broken.append(BrokenLink(page_path, url, reason))
    return broken


def _check(site: Path, html: Path, url: str, base_path: str, cache: dict[Path, _Page]) -> str | None:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() == "javascript":
        return "javascript: URL"
    if parts.scheme or parts.netloc:
        return None  # another origin, or mailto:/data:/tel: - not part of this site
    page_dir = html.parent.relative_to(site).as_posix()
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return f"leaves the site's base path {base_path}"
        page_dir, path = ".", path[len(base_path) :] or "."
    # Relative to the site root, so a link climbing above it keeps its leading "..".
    target_path = posixpath.normpath(posixpath.join(page_dir, path)) if path else html.relative_to(site).as_posix()
    if target_path == ".." or target_path.startswith("../"):
        return "points above the site root"
    target = site / target_path
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return "no such file in the site"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in _parse(target, cache).ids:
        return f"no element with id {fragment!r} in {target.relative_to(site).as_posix()}"
    return None


def base_path_of(config: Path, env: Mapping[str, str] | None = None) -> str:
    """The URL path the site is served under, from the `site_url` a build uses ("/" when none)."""
    import yaml

    class _Lenient(yaml.SafeLoader):
        """mkdocs.yml may hold `!ENV` and `!!python/name` tags; only site_url matters here."""

    _Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_Lenient) or {}
    path = urlsplit(site_url(data.get("site_url"), env) or "/").path or "/"
    return path if path.endswith("/") else path + "/"


_REPOSITORY = re.compile(r"([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+)")


def site_url(configured: object, env: Mapping[str, str] | None = None) -> str | None:
    """The address the site is published at, which the sitemap, the canonical links and Material's
    instant navigation need: mkdocs.yml's `site_url` when the maintainer set one, else `SITE_URL`
    (the deploy workflow passes what GitHub Pages reports, custom domains included), else the
    GitHub Pages address of `GITHUB_REPOSITORY` (owner/name, set on GitHub's runners), else None.
    So a fork publishes under its own address without editing a file."""
    env = os.environ if env is None else env
    if isinstance(configured, str) and configured.strip():
        return configured.strip()
    given = env.get("SITE_URL", "").strip()
    if given:
        return given if given.endswith("/") else given + "/"
    match = _REPOSITORY.fullmatch(env.get("GITHUB_REPOSITORY", "").strip())
    if match is None:
        return None
    owner, name = match.group(1).lower(), match.group(2)
    if name.lower() == f"{owner}.github.io":
        return f"https://{owner}.github.io/"
    return f"https://{owner}.github.io/{name}/"
