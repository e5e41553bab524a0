"""Model → Markdown pages: each page of the registry (layout.py) rendered from its template with
the view its template asks (views.py, as `view`) and its links (markup.Links, as `link`). Templates
hold the markup; escaping and the Jinja environments are in markup.py.
"""

from __future__ import annotations

from .layout import site_pages
from .markup import Links, render_page_template
from .model import KnowledgeBase
from .views import (
    ChecklistsView,
    DebateView,
    DecisionView,
    DefinitionsView,
    GlossaryView,
    HomeView,
    PageView,
    PlaybookView,
    ScenariosView,
    SourcesView,
)

VIEWS: dict[str, type[PageView]] = {
    "index.md.j2": HomeView,
    "definitions.md.j2": DefinitionsView,
    "comparison.md.j2": PageView,
    "kinds.md.j2": PageView,
    "debate.md.j2": DebateView,
    "decision.md.j2": DecisionView,
    "playbook.md.j2": PlaybookView,
    "first_week_index.md.j2": ChecklistsView,
    "first_week.md.j2": ChecklistsView,
    "pitfalls.md.j2": PageView,
    "scenarios.md.j2": ScenariosView,
    "glossary.md.j2": GlossaryView,
    "sources_index.md.j2": SourcesView,
    "source.md.j2": SourcesView,
    "about.md.j2": SourcesView,
}
"""The view each page template asks: a template reaching for what its view does not offer fails the
render (the environment's undefined is strict). A new template needs an entry here."""


def render_pages(kb: KnowledgeBase) -> dict[str, str]:
    """Docs-relative path → Markdown for every page the guide renders (the registry's pages with a
    template, generator/layout.py). One view of each kind per build, shared by its pages (the source
    pages share one walk over what cites them)."""
    pages = site_pages(kb)
    views = {view: view(kb) for view in dict.fromkeys(VIEWS.values())}
    return {
        page.path: render_page_template(
            page.template, kb=kb, view=views[VIEWS[page.template]], link=Links(pages, page.path), **page.context
        )
        for page in pages
        if page.template is not None
    }
