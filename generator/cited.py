"""Every item of the knowledge base that cites sources, and every quotation: the one walk that
validation, the source pages' "cited in" lists and line entries, the home page's citation count and
the tests all use, so a new cited section cannot be checked in one place and forgotten in another."""

from __future__ import annotations

from .model import Cited, KnowledgeBase, Quote
from .typed import DataPath


def cited_items(kb: KnowledgeBase) -> list[tuple[DataPath, Cited]]:
    """Each item that cites sources (or is marked synthesis), with its data path, in file order."""
    d = kb.decision
    cited: list[tuple[DataPath, Cited]] = []
    cited += [(("definitions", i), x) for i, x in enumerate(kb.definitions)]
    for i, dim in enumerate(kb.dimensions):
        cited += [(("dimensions", i, "customer"), dim.customer), (("dimensions", i, "partner"), dim.partner)]
    cited += [(("partner_kinds", i), x) for i, x in enumerate(kb.partner_kinds)]
    cited += [(("special_cases", i), x) for i, x in enumerate(kb.special_cases)]
    cited += [(("debate", "stances", i), x) for i, x in enumerate(kb.debate.stances)]
    cited += [(("decision", "facts", i), x) for i, x in enumerate(d.facts)]
    cited += [(("decision", "rules", i), x) for i, x in enumerate(d.rules)]
    cited += [(("decision", "outcomes", i), x) for i, x in enumerate(d.outcomes)]
    cited += [(("decision", "signals", i), x) for i, x in enumerate(d.signals)]
    cited += [(("decision", "readings", i), x) for i, x in enumerate(d.readings)]
    cited += [(("decision", "parties"), d.parties)] if d.parties else []
    cited += [(("playbook", "plays", i), x) for i, x in enumerate(kb.playbook.plays)]
    cited += [
        (("playbook", "first_week", i, "steps", j), x)
        for i, w in enumerate(kb.playbook.first_week)
        for j, x in enumerate(w.steps)
    ]
    cited += [(("pitfalls", i), x) for i, x in enumerate(kb.pitfalls)]
    cited += [(("glossary", i), x) for i, x in enumerate(kb.glossary)]
    cited += [(("scenarios", i), x) for i, x in enumerate(kb.scenarios)]
    cited += [(("quiz", "questions", i), x) for i, x in enumerate(kb.quiz.questions)]
    cited += [(("mistakes", i), x) for i, x in enumerate(kb.mistakes)]
    if kb.assessment:
        cited += [
            (("assessment", "cases", i, "items", j, "written", k), w)
            for i, case in enumerate(kb.assessment.cases)
            for j, item in enumerate(case.items)
            for k, w in enumerate(item.written)
        ]
    return cited


QUIZ_ONLY = ("quiz", "mistakes", "assessment")
"""Sections only the quiz shows: hand-written questions, the mistakes its options come from, and the
held-out assessment (whose cases must appear solved nowhere on the site)."""


def on_guide_pages(path: DataPath) -> bool:
    """Whether a cited item at `path` is shown on the guide's pages (and so on its sources' pages):
    everything but what only the quiz shows (QUIZ_ONLY)."""
    return path[0] not in QUIZ_ONLY


def quoted_items(kb: KnowledgeBase) -> list[tuple[DataPath, str, Quote]]:
    """Every quotation the site shows, with its data path and the id of the source it quotes: a
    source's own list, a definition's, a stance's — the one list the checks and pages walk."""
    quotes: list[tuple[DataPath, str, Quote]] = [
        (("sources", i, "quotes", j), src.id, q) for i, src in enumerate(kb.sources) for j, q in enumerate(src.quotes)
    ]
    quotes += [(("definitions", i, "quote"), x.source, x.quote) for i, x in enumerate(kb.definitions) if x.quote]
    quotes += [
        (("debate", "stances", i, "quote"), st.source, st.quote) for i, st in enumerate(kb.debate.stances) if st.quote
    ]
    return quotes
