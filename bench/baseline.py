"""The baseline: a plain Material site with the same pages, text and tables as this site's build.

`profile_site` reads what each built page holds (words, headings, tables inside <article>);
`plain_project` writes a throwaway MkDocs project with one plain Markdown page per profile, at
the same URL, under this project's theme and Markdown settings without its hooks. Building
both in the same run gives the ratio that is comparable between machines.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from assemble.tree import tree_for
from assemble.zensical import read_config

from . import ROOT


@dataclass
class Table:
    """One table of a built page: its shape and how many words it holds."""

    rows: int = 0
    cols: int = 0
    words: int = 0


@dataclass
class PageProfile:
    """The shape of one built page's content: enough to write a comparable plain Markdown page."""

    doc: str  # Markdown path the plain site uses, giving the same URL
    words: int = 0  # outside tables
    headings: int = 0  # h2-h6
    tables: list[Table] = field(default_factory=list)


class _ContentParser(HTMLParser):
    """Words, headings and tables inside Material's <article> (the page content, not the chrome)."""

    def __init__(self, profile: PageProfile):
        super().__init__(convert_charrefs=True)
        self.p = profile
        self.depth = 0  # nesting inside <article>
        self.skip = 0  # inside <script>/<style>
        self.table: Table | None = None
        self.row_cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("h2", "h3", "h4", "h5", "h6"):
            self.p.headings += 1
        elif tag == "table":
            self.table = Table()
        elif tag == "tr" and self.table:
            self.table.rows += 1
            self.row_cells = 0
        elif tag in ("td", "th") and self.table:
            self.row_cells += 1
            self.table.cols = max(self.table.cols, self.row_cells)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1
        elif tag in ("script", "style") and self.skip:
            self.skip -= 1
        elif tag == "table" and self.table:
            self.p.tables.append(self.table)
            self.table = None

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            n = len(data.split())
            if self.table:
                self.table.words += n
            else:
                self.p.words += n


def profile_site(site: Path) -> list[PageProfile]:
    """One profile per built page (every index.html; 404.html is the theme's own)."""
    profiles = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        profile = PageProfile("index.md" if rel == "." else f"{rel}/index.md")
        _ContentParser(profile).feed(html.read_text(encoding="utf-8"))
        profiles.append(profile)
    return profiles


def _vocabulary(sources: Path) -> list[str]:
    """Words of the real source articles, so plain pages have text of the same kind."""
    words: list[str] = []
    for path in sorted(sources.glob("*.txt")) if sources.is_dir() else []:
        words += re.findall(r"[A-Za-z][A-Za-z']*[A-Za-z]|[A-Za-z]", path.read_text(encoding="utf-8"))
    return words or [
        "partners",
        "and",
        "customers",
        "differ",
        "in",
        "who",
        "pays",
        "whom",
        "and",
        "why",
        "it",
        "matters",
    ]


class _Words:
    """An endless, deterministic stream of vocabulary words."""

    def __init__(self, vocabulary: list[str]):
        self.vocabulary, self.i = vocabulary, 0

    def take(self, n: int) -> str:
        out = [self.vocabulary[(self.i + j) % len(self.vocabulary)] for j in range(max(n, 1))]
        self.i += max(n, 1)
        return " ".join(out)


def plain_markdown(profile: PageProfile, words: _Words) -> str:
    """A page with the profile's word count, heading count and tables, in plain Markdown."""
    parts = [f"# {words.take(3).capitalize()}\n"]
    sections = profile.headings + 1
    per_section = max(profile.words // sections, 1)
    tables = list(profile.tables)
    for s in range(sections):
        if s:
            parts.append(f"## {words.take(3).capitalize()}\n")
        left = per_section
        while left > 0:
            n = min(left, 60)
            parts.append(words.take(n) + ".\n")
            left -= n
        if tables and (s >= sections - len(tables) or s == sections - 1):
            t = tables.pop(0)
            cols, rows = max(t.cols, 1), max(t.rows, 2)
            cell = max(t.words // (rows * cols), 1)
            lines = ["| " + " | ".join(words.take(cell) for _ in range(cols)) + " |", "|" + " --- |" * cols]
            lines += ["| " + " | ".join(words.take(cell) for _ in range(cols)) + " |" for _ in range(rows - 1)]
            parts.append("\n".join(lines) + "\n")
    while tables:  # more tables than sections
        t = tables.pop(0)
        cols = max(t.cols, 1)
        parts.append(
            "| "
            + " | ".join(["x"] * cols)
            + " |\n|"
            + " --- |" * cols
            + "\n"
            + "".join(
                "| " + " | ".join(words.take(max(t.words // (max(t.rows, 2) * cols), 1)) for _ in range(cols)) + " |\n"
                for _ in range(max(t.rows, 2) - 1)
            )
        )
    return "\n".join(parts)


def plain_config(drop: tuple[str, ...] = ("hooks", "nav", "watch", "docs_dir", "site_dir")) -> dict[str, Any]:
    """The project's mkdocs.yml without what makes it this project (hooks, nav, watch)."""
    config = read_config(ROOT / "mkdocs.yml")
    for key in drop:
        config.pop(key, None)
    return config


def plain_skeleton(dest: Path, config: dict[str, Any]) -> Path:
    """A fresh project folder with `config` as mkdocs.yml, the theme overrides and the static
    files of docs/ (site.css, terms.js, …), none of its pages; returns its docs folder."""
    shutil.rmtree(dest, ignore_errors=True)
    docs = dest / "docs"
    docs.mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    custom_dir = (config.get("theme") or {}).get("custom_dir")
    if custom_dir:  # the same theme overrides (partials/search.html)
        shutil.copytree(ROOT / custom_dir, dest / custom_dir)
    for path in (ROOT / "docs").rglob("*"):
        if path.is_file() and path.suffix != ".md":
            target = docs / path.relative_to(ROOT / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return docs


def plain_project(profiles: list[PageProfile], dest: Path, sources: Path) -> Path:
    """A throwaway Material project: this mkdocs.yml without hooks/nav, and one plain page per profile."""
    docs = plain_skeleton(dest, plain_config())
    words = _Words(_vocabulary(sources))
    for profile in profiles:
        target = docs / profile.doc
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_markdown(profile, words), encoding="utf-8")
    return dest


def pregenerated_project(dest: Path) -> Path:
    """The site's own pages, generated here once and written out as a throwaway project (this
    mkdocs.yml without hooks, the generated nav): rendering them then runs no code of this project.
    Its build is the floor any build of these pages pays, so the full build minus it is what the
    build code itself costs."""
    tree, _ = tree_for(ROOT / "mkdocs.yml", ROOT / "docs")
    config = plain_config()
    config["nav"] = tree.nav
    tree.write(ROOT / "docs", plain_skeleton(dest, config))
    return dest


def scale_profiles(profiles: list[PageProfile], k: int) -> list[PageProfile]:
    """Estimated profiles of a site k times bigger: per-source pages multiply, every other page grows k-fold.

    Used only when this site's own build timed out, so the plain baseline can still be built.
    """
    out: list[PageProfile] = []
    for p in profiles:
        if p.doc.startswith("sources/") and p.doc != "sources/index.md":
            out.append(p)
            out += [replace(p, doc=p.doc.replace("/index.md", f"-s{j}/index.md")) for j in range(2, k + 1)]
        else:
            out.append(
                PageProfile(
                    p.doc, p.words * k, p.headings * k, [Table(t.rows * k, t.cols, t.words * k) for t in p.tables]
                )
            )
    return out
