"""The whole docs tree a build renders — generated pages, data files, glossary tooltips, nav —
computed once, engine-independently: MkDocs takes it through hooks.py, Zensical (which runs no
hooks) reads it written out to a folder (`DocsTree.write`), so the two engines cannot drift."""

from __future__ import annotations

import dataclasses
import functools
import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from generator.articles import Articles
from generator.knowledge import fingerprint, knowledge_dir, load_checked, sources_dir
from generator.layout import HOME, Doc, site_pages
from generator.markup import render_template
from generator.model import KnowledgeBase
from generator.pages import render_pages
from quiz.bank import build_bank
from quiz.build import RawLinks, downloads, quiz_files
from quiz.verify import bank_problems

from .siteinfo import site_url

GLOSSARY_PAGE = Doc.GLOSSARY  # defines the terms in place: no tooltips of its own

NavItem: TypeAlias = "str | dict[str, str | list[NavItem]]"
"""One entry of an MkDocs nav: a page path, or {title: page path or a section's entries}."""


@dataclass(frozen=True)
class DocsTree:
    """What a build renders beyond the hand-written docs/.

    `files`: generated path → content (pages, data files, assets); `binaries` the same for
    binary files (the SCORM package). `abbreviations`: every Markdown
    page, hand-written ones included → the `abbr` definitions appended to it. `nav`: the navigation.
    """

    files: dict[str, str]
    abbreviations: dict[str, str]
    nav: list[NavItem]
    binaries: dict[str, bytes] = dataclasses.field(default_factory=dict)  # downloads (the SCORM package)

    def page_markdown(self, path: str, markdown: str) -> str:
        """A page's Markdown as both engines render it: the page, then its glossary tooltips."""
        return markdown + self.abbreviations.get(path, "")

    def write(self, docs_dir: Path, target: Path) -> None:
        """Materialise the tree into `target` (new or empty): docs/ copied, generated files added,
        each page with its tooltips — the folder a hook-less engine (Zensical) builds."""
        shutil.copytree(docs_dir, target, dirs_exist_ok=True)
        for path, content in self.files.items():
            out = target / path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(content, encoding="utf-8")
        for path, data in self.binaries.items():
            out = target / path
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data)
        for path in self.abbreviations:
            out = target / path
            out.write_text(self.page_markdown(path, out.read_text(encoding="utf-8")), encoding="utf-8")


def docs_tree(kb: KnowledgeBase, docs_dir: Path, raw_links: RawLinks = "url") -> DocsTree:
    """Every generated page and data file (from one question bank), each page's tooltips, the nav.

    `docs_dir` holds the hand-written pages: they get tooltips too. A generated file may not
    shadow a hand-written one (each engine would pick a different winner). `raw_links` is the one
    thing the engines read differently (quiz.build.RawLinks): MkDocs "url", Zensical "file".
    The SCORM package's links to the guide go to the address the site is published at when the
    environment gives it (`SITE_URL`, or the repository's GitHub Pages address: siteinfo.site_url)."""
    bank = build_bank(kb)
    files = dict(render_pages(kb))
    files.update(quiz_files(kb, bank, raw_links))
    binaries = downloads(kb, bank, site_url(None))
    clashes = sorted(p for p in [*files, *binaries] if (docs_dir / p).exists())
    if clashes:
        raise ValueError(f"{docs_dir} has files the generator makes: {', '.join(clashes)}")
    pages = {p: c for p, c in files.items() if p.endswith(".md")}
    pages.update(
        {p.relative_to(docs_dir).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs_dir.rglob("*.md"))}
    )
    abbreviations = {
        path: glossary_abbreviations(kb, text) for path, text in sorted(pages.items()) if path != GLOSSARY_PAGE
    }
    return DocsTree(files, abbreviations, nav(kb), binaries)


def tree_for(config_file: Path, docs_dir: Path) -> tuple[DocsTree, Articles]:
    """The docs tree a build of `config_file` renders, and whether its quotations were verified;
    made once while no file it reads changes: the MkDocs hooks ask for it at each step of a build
    (config, files, every page), and `mkdocs serve` gets a new one after an edit. Raises
    KnowledgeBaseError for a broken knowledge base, ValueError when docs/ holds a file the
    generator makes."""
    knowledge, sources = knowledge_dir(config_file), sources_dir()
    return _tree(knowledge, sources, docs_dir, (*fingerprint(knowledge, sources, docs_dir), site_url(None)))


@functools.lru_cache(maxsize=2)
def _tree(knowledge: Path, sources: Path, docs_dir: Path, files: tuple[object, ...]) -> tuple[DocsTree, Articles]:
    """`tree_for` itself; `files` (what the folders hold, and the published address) only keys the cache."""
    kb, articles = load_checked(knowledge, sources, more=[bank_problems])
    return docs_tree(kb, docs_dir), articles


def nav(kb: KnowledgeBase) -> list[NavItem]:
    """The navigation, from the page registry (generator/layout.py) in its reading order: each
    section's pages, grouped where the registry groups them (the first-week checklists)."""
    top: list[NavItem] = []
    sections: dict[str, list[NavItem]] = {}
    groups: dict[tuple[str, str], list[NavItem]] = {}
    for page in site_pages(kb):
        title = page.shown_title
        entry: NavItem = page.path if title is None else {_nav_title(title): page.path}
        if page.section == HOME:
            top.append(entry)
            continue
        if page.section not in sections:
            sections[page.section] = []
            top.append({page.section: sections[page.section]})
        if page.group:
            key = (page.section, page.group)
            if key not in groups:
                groups[key] = []
                sections[page.section].append({page.group: groups[key]})
            groups[key].append(entry)
        else:
            sections[page.section].append(entry)
    return top


def _nav_title(text: str) -> str:
    """Themes print nav titles as HTML, and `<title>` unescapes them once more (striptags): escape
    KB text, and turn angle brackets into look-alikes so no second unescape can make a tag."""
    return html.escape(text.replace("<", "\u2039").replace(">", "\u203a"), quote=False)


def glossary_abbreviations(kb: KnowledgeBase, markdown: str | None = None) -> str:
    """Markdown `abbr` definitions so glossary terms show a tooltip wherever they appear.

    With `markdown`, only the terms that page can contain are defined: the abbr extension costs
    time per definition on every page, so defining every term everywhere made the build grow with
    pages × terms. A term is kept when each of its words occurs in the page (entities decoded), a
    superset of where abbr can match it, so no tooltip is lost.
    """
    glossary = kb.glossary
    if markdown is not None:
        present = set(_WORD.findall(html.unescape(markdown)))
        # Only the terms whose first word the page has are looked at (in glossary order): the cost
        # follows the page's words and its candidate terms, not pages × terms.
        by_first = _terms_by_first_word(kb)
        candidates = sorted({i for word in present | {""} for i in by_first.get(word, ())})
        glossary = [kb.glossary[i] for i in candidates if set(_WORD.findall(kb.glossary[i].term)) <= present]
    return render_template("abbreviations.md.j2", glossary=glossary)


_FIRST_WORDS: list[tuple[KnowledgeBase, dict[str, list[int]]]] = []


def _terms_by_first_word(kb: KnowledgeBase) -> dict[str, list[int]]:
    """First word of a glossary term → the indexes of the terms that start with it ("" for a term
    without a word, which every page keeps, as before). Made once per knowledge base."""
    if _FIRST_WORDS and _FIRST_WORDS[0][0] is kb:
        return _FIRST_WORDS[0][1]
    index: dict[str, list[int]] = {}
    for i, term in enumerate(kb.glossary):
        words = _WORD.findall(term.term)
        index.setdefault(words[0] if words else "", []).append(i)
    _FIRST_WORDS[:] = [(kb, index)]
    return index


_WORD = re.compile(r"\w+")
