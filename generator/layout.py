"""The site's pages, in reading order: one registry that the renderer, the nav, the anchors every
link relies on, the checks, the home page and the tests all read.

Adding a page is one entry in `site_pages` plus its template (generator/templates/). This module
sits just above the model: it says which pages exist and which anchors they promise, never how
they look, so validation can rely on it without importing the renderer.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .cited import cited_items, on_guide_pages, quoted_items
from .model import FirstWeek, KnowledgeBase

HOME, GUIDE, CHECK, SOURCES, ABOUT = "", "The guide", "Check yourself", "Sources", "About"
"""Nav sections, in order; HOME is the top level."""

# Page titles double as the "cited in" groups of what each page shows.
DEFINITIONS, COMPARISON, KINDS, DEBATE = "Definitions", "How they differ", "Kinds of partner", "Is a partner a customer?"
DECISION, PLAYBOOK, PITFALLS, SCENARIOS, GLOSSARY = ("Decision guide", "Playbook", "Pitfalls",
                                                     "Worked scenarios", "Glossary")
FIRST_WEEK = "First-week checklists"


@dataclass(frozen=True)
class Page:
    """One page of the site.

    `nav_title` None lists the bare path in the nav (the page's own heading names it); `group`
    nests it under a titled group of its section; `template` None means the page is written
    elsewhere (by hand in docs/, or by the quiz); `context` is what its template needs beyond the
    knowledge base (the source, the checklist)."""

    path: str
    title: str
    section: str
    template: str | None = None
    anchors: tuple[str, ...] = ()
    nav_title: str | None = ""  # "" = use `title`
    group: str = ""
    context: Mapping[str, object] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """The page's URL relative to the site root: comparison/, sources/nikolov/, the home page ''."""
        stem = self.path.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return stem + "/"

    @property
    def root(self) -> str:
        """The way back to the docs root from the page's Markdown file (links in raw HTML need it)."""
        return "../" * self.path.count("/")

    @property
    def shown_title(self) -> str | None:
        """What the nav shows (None: the bare path)."""
        return self.title if self.nav_title == "" else self.nav_title


def first_week_slug(outcome_id: str) -> str:
    """The URL name of an outcome's first-week checklist: first-week/channel-partner/."""
    return outcome_id.replace("_", "-")


def first_weeks(kb: KnowledgeBase) -> list[FirstWeek]:
    """The first-week checklists in the decision model's order of outcomes (the pages' order); one
    for an unknown outcome (reported by the checks) goes last."""
    order = {o.id: i for i, o in enumerate(kb.decision.outcomes)}
    return sorted(kb.playbook.first_week, key=lambda w: order.get(w.outcome, len(order)))


def site_pages(kb: KnowledgeBase) -> list[Page]:
    """Every page, in reading order (the nav's order); per-source and per-checklist pages follow
    the knowledge base."""
    weeks = first_weeks(kb)
    checklists = [Page("first-week/index.md", FIRST_WEEK, GUIDE, "first_week_index.md.j2", nav_title=None,
                        group=FIRST_WEEK)] if weeks else []
    names = {o.id: o.name for o in kb.decision.outcomes}  # the checks ask before references are checked
    checklists += [Page(f"first-week/{first_week_slug(w.outcome)}.md", names.get(w.outcome, w.outcome), GUIDE,
                         "first_week.md.j2", ("steps", *(f"step-{n}" for n in range(1, len(w.steps) + 1))),
                         group=FIRST_WEEK, context={"week": w}) for w in weeks]
    return [
        Page("index.md", "Home", HOME, "index.md.j2"),
        Page("definitions.md", DEFINITIONS, GUIDE, "definitions.md.j2", ("customer", "partner", "excluded-senses")),
        Page("comparison.md", COMPARISON, GUIDE, "comparison.md.j2", ("table",)),
        Page("kinds.md", KINDS, GUIDE, "kinds.md.j2", ("partner-kinds", "special-cases")),
        Page("debate.md", DEBATE, GUIDE, "debate.md.j2", ("positions", "by-source", "synthesis")),
        Page("decision.md", DECISION, GUIDE, "decision.md.j2",
             ("flowchart", "questions", "rules", "outcomes", "probing-questions", "alternatives", "not-sure",
              "signals", "impossible", "parties")),
        Page("playbook.md", PLAYBOOK, GUIDE, "playbook.md.j2", ("matrix",)),
        *checklists,
        Page("pitfalls.md", PITFALLS, GUIDE, "pitfalls.md.j2"),
        Page("scenarios.md", SCENARIOS, GUIDE, "scenarios.md.j2"),
        Page("glossary.md", GLOSSARY, GUIDE, "glossary.md.j2"),
        Page("quiz/index.md", "Quiz", CHECK, anchors=("quiz",)),
        Page("classify.md", "Classify a relationship", CHECK, anchors=("tool",)),
        Page("quiz/study.md", "Study sheet", CHECK),
        Page("sources/index.md", "Sources", SOURCES, "sources_index.md.j2", nav_title=None),
        *(Page(f"sources/{s.id}.md", s.byline, SOURCES, "source.md.j2",
               ("stance", "key-points", "quotes", "definitions", "lines", "cited-in"), context={"source": s})
          for s in kb.sources),
        Page("about.md", "How this guide is built", ABOUT, "about.md.j2", ("sources", "citations", "synthesis", "rules", "formats")),
        Page("formats.md", "Data formats", ABOUT),
    ]


Claim = tuple[str, tuple[str | int, ...] | None]
"""An anchor a page will carry, and the knowledge-base item that gives it (None: the page's own)."""


def anchor_claims(kb: KnowledgeBase) -> dict[str, list[Claim]]:
    """Page URL → every anchor the page carries, with who claims it: the page's own (from the
    registry) and one per knowledge-base item it shows.

    Two claims of one anchor on a page would give two elements one id, so the checks refuse them
    (an item whose id equals a fixed section's, or two sections' items sharing an id)."""
    d = kb.decision

    def items(section: tuple[str | int, ...], ids: list[str], prefix: str = "") -> list[Claim]:
        return [(prefix + item_id, (*section, i, "id")) for i, item_id in enumerate(ids)]

    lines = _source_line_numbers(kb)
    shown: dict[str, list[Claim]] = {
        "sources/": items(("sources",), [s.id for s in kb.sources]),
        "definitions/": items(("definitions",), [x.id for x in kb.definitions]),
        "comparison/": items(("dimensions",), [x.id for x in kb.dimensions]),
        "kinds/": items(("partner_kinds",), [k.id for k in kb.partner_kinds])
        + items(("special_cases",), [k.id for k in kb.special_cases]),
        "debate/": [(sid, ("debate", "stances", i, "source"))
                    for i, sid in enumerate(dict.fromkeys(s.source for s in kb.debate.stances))],
        "decision/": items(("decision", "signals"), [s.id for s in d.signals], "signal-")
        + items(("decision", "facts"), [f.id for f in d.facts], "fact-")
        + items(("decision", "rules"), [r.id for r in d.rules], "rule-")
        + items(("decision", "outcomes"), [o.id for o in d.outcomes], "outcome-"),
        "playbook/": items(("decision", "outcomes"), [o.id for o in d.outcomes])
        + items(("playbook", "aspects"), [a.id for a in kb.playbook.aspects]),
        "pitfalls/": items(("pitfalls",), [p.id for p in kb.pitfalls]),
        "scenarios/": items(("scenarios",), [s.id for s in kb.scenarios]),
        "glossary/": items(("glossary",), [t.id for t in kb.glossary]),
        **{f"sources/{s.id}/": [(f"line-{n}", None) for n in sorted(lines.get(s.id, ()))] for s in kb.sources},
    }
    return {page.url: [(name, None) for name in page.anchors] + shown.get(page.url, [])
            for page in site_pages(kb) if page.template is not None or page.anchors or page.section == CHECK}


def anchors(kb: KnowledgeBase, claims: dict[str, list[Claim]] | None = None) -> dict[str, set[str]]:
    """Page URL (relative to the site root) → the section anchors that page is guaranteed to have
    (from `claims` when the caller has them already)."""
    claims = anchor_claims(kb) if claims is None else claims
    return {page: {anchor for anchor, _ in claimed} for page, claimed in claims.items()}


def _source_line_numbers(kb: KnowledgeBase) -> dict[str, set[int]]:
    """Source id → the lines its page has an entry for: cited, quoted or paraphrased in a key point.
    From the raw data alone, so that the checks can ask before they have validated any reference."""
    found: dict[str, set[int]] = {s.id: {n for p in s.key_points for n in p.lines} for s in kb.sources}
    for _, sid, quote in quoted_items(kb):
        found.setdefault(sid, set()).add(quote.line)
    for path, item in cited_items(kb):
        if not on_guide_pages(path):
            continue  # a hand-written quiz question's citation gets no entry on the source's page
        for sid, line in item.citations:
            if line is not None:
                found.setdefault(sid, set()).add(line)
    return found
