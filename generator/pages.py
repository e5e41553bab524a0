"""Model → Markdown pages. Templates hold the markup; this module only chooses data.

`anchors()` is the contract between the pages and everything that links into
them (quiz questions, topics, the tool): tests check each listed anchor exists
in the built HTML, and the checks refuse links to anchors not listed here.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .model import KnowledgeBase

TEMPLATES = Path(__file__).parent / "templates"


def anchors(kb: KnowledgeBase) -> dict[str, set[str]]:
    """Page URL (relative to the site root) → the section anchors that page is guaranteed to have."""
    d = kb.decision
    pages: dict[str, set[str]] = {
        "": set(),
        "sources/": {s.id for s in kb.sources},
        "definitions/": {"customer", "partner", "excluded-senses"} | {x.id for x in kb.definitions},
        "comparison/": {"table"} | {x.id for x in kb.dimensions},
        "kinds/": {"partner-kinds", "special-cases"} | {k.id for k in kb.partner_kinds}
        | {k.id for k in kb.special_cases},
        "debate/": {"positions", "by-source", "synthesis"} | {s.source for s in kb.debate.stances},
        "decision/": {"flowchart", "questions", "rules", "outcomes", "probing-questions", "alternatives"}
        | {f"fact-{f.id}" for f in d.facts} | {f"rule-{r.id}" for r in d.rules}
        | {f"outcome-{o.id}" for o in d.outcomes},
        "playbook/": {"matrix"} | {o.id for o in d.outcomes} | {a.id for a in kb.playbook.aspects},
        "pitfalls/": {p.id for p in kb.pitfalls},
        "scenarios/": {s.id for s in kb.scenarios},
        "glossary/": {t.id for t in kb.glossary},
        "quiz/": {"quiz"},
        "quiz/study/": set(),
        "classify/": {"tool"},
    }
    for s in kb.sources:
        pages[f"sources/{s.id}/"] = {"stance", "key-points", "quotes", "definitions", "cited-in"}
    return pages


def environment():
    """Jinja2 environment for Markdown templates.

    Autoescaping is on for every template: KB text is HTML-escaped wherever it
    lands, so a `<script>` in the YAML stays text on the page.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(loader=FileSystemLoader([TEMPLATES, Path(__file__).parent.parent / "quiz" / "templates"]),
                       autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


_ENV: Any = None


def render_template(name: str, **context: Any) -> str:
    """Render one template with the shared environment."""
    global _ENV
    if _ENV is None:
        _ENV = environment()
    return _ENV.get_template(name).render(**context)


def render_pages(kb: KnowledgeBase) -> dict[str, str]:
    """Docs-relative path → Markdown for every guide page. (Filled in by the pages work.)"""
    return {}
