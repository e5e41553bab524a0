"""The whole docs tree a build renders — generated pages, data files, glossary tooltips, nav —
computed once, engine-independently: MkDocs takes it through hooks.py, Zensical (which runs no
hooks) reads it written out to a folder (`DocsTree.write`), so the two engines cannot drift."""
from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

from quiz.bank import build_bank  # imported here, while MkDocs has the project root on sys.path for hooks.py
from quiz.build import RawLinks, quiz_files

from .model import KnowledgeBase
from .pages import Guide, first_week_slug, render_pages, render_template

GLOSSARY_PAGE = "glossary.md"  # defines the terms in place: no tooltips of its own

NavItem: TypeAlias = "str | dict[str, str | list[NavItem]]"
"""One entry of an MkDocs nav: a page path, or {title: page path or a section's entries}."""


@dataclass(frozen=True)
class DocsTree:
    """What a build renders beyond the hand-written docs/.

    `files`: generated path → content (pages, data files, assets). `abbreviations`: every Markdown
    page, hand-written ones included → the `abbr` definitions appended to it. `nav`: the navigation.
    """

    files: dict[str, str]
    abbreviations: dict[str, str]
    nav: list[NavItem]

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
        for path in self.abbreviations:
            out = target / path
            out.write_text(self.page_markdown(path, out.read_text(encoding="utf-8")), encoding="utf-8")


def docs_tree(kb: KnowledgeBase, docs_dir: Path, raw_links: RawLinks = "url") -> DocsTree:
    """Every generated page and data file (from one question bank), each page's tooltips, the nav.

    `docs_dir` holds the hand-written pages: they get tooltips too. A generated file may not
    shadow a hand-written one (each engine would pick a different winner). `raw_links` is the one
    thing the engines read differently (quiz.build.RawLinks): MkDocs "url", Zensical "file"."""
    bank = build_bank(kb)
    files = dict(render_pages(kb))
    files.update(quiz_files(kb, bank, raw_links))
    clashes = sorted(p for p in files if (docs_dir / p).exists())
    if clashes:
        raise ValueError(f"{docs_dir} has files the generator makes: {', '.join(clashes)}")
    pages = {p: c for p, c in files.items() if p.endswith(".md")}
    pages.update({p.relative_to(docs_dir).as_posix(): p.read_text(encoding="utf-8")
                  for p in sorted(docs_dir.rglob("*.md"))})
    abbreviations = {path: glossary_abbreviations(kb, text) for path, text in sorted(pages.items())
                     if path != GLOSSARY_PAGE}
    return DocsTree(files, abbreviations, nav(kb))


def nav(kb: KnowledgeBase) -> list[NavItem]:
    """The navigation, in reading order; per-source pages follow the knowledge base, named as
    citations name them (an unnamed author by the name the text identifies them with)."""
    guide = Guide(kb)
    return [
        {"Home": "index.md"},
        {"The guide": [
            {"Definitions": "definitions.md"},
            {"How they differ": "comparison.md"},
            {"Kinds of partner": "kinds.md"},
            {"Is a partner a customer?": "debate.md"},
            {"Decision guide": "decision.md"},
            {"Playbook": "playbook.md"},
            *_first_week_nav(guide),
            {"Pitfalls": "pitfalls.md"},
            {"Worked scenarios": "scenarios.md"},
            {"Glossary": "glossary.md"},
        ]},
        {"Check yourself": [
            {"Quiz": "quiz/index.md"},
            {"Classify a relationship": "classify.md"},
            {"Study sheet": "quiz/study.md"},
        ]},
        {"Sources": ["sources/index.md"] + [{_nav_title(guide.byline(s)): f"sources/{s.id}.md"}
                                              for s in kb.sources]},
        {"About": [{"How this guide is built": "about.md"}, {"Data formats": "formats.md"}]},
    ]


def _first_week_nav(guide: Guide) -> list[NavItem]:
    """'First-week checklists': the index, then one page per outcome that has a checklist."""
    weeks = guide.first_weeks()
    if not weeks:
        return []
    return [{"First-week checklists": ["first-week/index.md"] + [
        {_nav_title(guide.outcome(w.outcome).name): f"first-week/{first_week_slug(w.outcome)}.md"} for w, _ in weeks]}]


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
        glossary = [t for t in glossary if set(_WORD.findall(t.term)) <= present]
    return render_template("abbreviations.md.j2", glossary=glossary)


_WORD = re.compile(r"\w+")
