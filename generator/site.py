"""Everything the build adds to MkDocs: generated pages, quiz files and the nav."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from quiz.bank import build_bank  # imported here, while MkDocs has the project root on sys.path for hooks.py
from quiz.build import STUDY_PAGE, quiz_files, study_fragments

from .model import KnowledgeBase
from .pages import Guide, first_week_slug, render_pages, render_template


@dataclass(frozen=True)
class GeneratedSite:
    """What the build adds: `files` (site path → content) and `fragments`, HTML spliced into a
    page after Markdown has rendered it (page path → {placeholder: html})."""

    files: dict[str, str]
    fragments: dict[str, dict[str, str]]


def generated_site(kb: KnowledgeBase) -> GeneratedSite:
    """Every generated page, data file and post-Markdown fragment, from one question bank."""
    bank = build_bank(kb)
    files = dict(render_pages(kb))
    files.update(quiz_files(kb, bank))
    return GeneratedSite(files, {STUDY_PAGE: study_fragments(kb, bank)})


def nav(kb: KnowledgeBase) -> list:
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


def _first_week_nav(guide: Guide) -> list:
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
