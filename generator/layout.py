"""The site's pages, in reading order: one registry that the renderer, the nav, the anchors every
link relies on, the checks, the home page and the tests all read.

Adding a page is one entry in `site_pages` plus its template (generator/templates/). This module
sits just above the model: it says which pages exist and which anchors they promise, never how
they look, so validation can rely on it without importing the renderer.

It is also the one place that says where things are: every internal link of the site — Markdown
links in the templates, the source pages' "cited in" lists, the quiz's `link`s, the URLs in the
exported JSON — is a `Target` made here (`at` for a page's own sections, one builder per kind of
knowledge-base item), and `anchor_claims` uses the same builders, so a link and the anchor it
needs cannot drift apart.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .cited import cited_items, on_guide_pages, quoted_items
from .model import FirstWeek, KnowledgeBase

HOME, GUIDE, CHECK, SOURCES, ABOUT = "", "The guide", "Check yourself", "Sources", "About"
"""Nav sections, in order; HOME is the top level."""

# Page titles double as the "cited in" groups of what each page shows.
DEFINITIONS, COMPARISON, KINDS, DEBATE = (
    "Definitions",
    "How they differ",
    "Kinds of partner",
    "Is a partner a customer?",
)
DECISION, PLAYBOOK, PITFALLS, SCENARIOS, GLOSSARY = (
    "Decision guide",
    "Playbook",
    "Pitfalls",
    "Worked scenarios",
    "Glossary",
)
FIRST_WEEK = "First-week checklists"


class Doc:
    """The fixed pages' Markdown paths (docs-relative): the registry's entries and every link to
    them name a page through these, never through a path written out by hand."""

    HOME = "index.md"
    DEFINITIONS = "definitions.md"
    COMPARISON = "comparison.md"
    KINDS = "kinds.md"
    DEBATE = "debate.md"
    DECISION = "decision.md"
    PLAYBOOK = "playbook.md"
    FIRST_WEEK = "first-week/index.md"
    PITFALLS = "pitfalls.md"
    SCENARIOS = "scenarios.md"
    GLOSSARY = "glossary.md"
    QUIZ = "quiz/index.md"
    CLASSIFY = "classify.md"
    STUDY = "quiz/study.md"
    SOURCES = "sources/index.md"
    ABOUT = "about.md"
    FORMATS = "formats.md"


def url_of(path: str) -> str:
    """The URL (relative to the site root) of the page made from Markdown file `path`:
    comparison.md → comparison/, sources/index.md → sources/, index.md → ''."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@dataclass(frozen=True)
class Target:
    """A place on the site: a page (its docs-relative Markdown path) and an anchor on it ('' for
    the top of the page). How it is written depends on where the link is: `url` from the site
    root (the exported JSON, the quiz), `markdown` from a page's Markdown file, `href` from raw
    HTML (markup.Links picks)."""

    page: str
    anchor: str = ""

    @property
    def fragment(self) -> str:
        """'#anchor', or '' for the top of the page."""
        return f"#{self.anchor}" if self.anchor else ""

    @property
    def url(self) -> str:
        """From the site root: decision/#rule-supplier."""
        return url_of(self.page) + self.fragment

    def markdown(self, here: str) -> str:
        """A Markdown link from page `here` (a docs-relative Markdown path): relative to its folder,
        as both engines read Markdown links."""
        return posixpath.relpath(self.page, posixpath.dirname(here) or ".") + self.fragment

    def relative_url(self, here: str) -> str:
        """A link from the page at URL `here` (relative to the site root), as a browser resolves it."""
        rel = posixpath.relpath(url_of(self.page) or ".", here or ".")
        return ("" if rel == "." else rel + "/") + self.fragment

    def href(self, up: str) -> str:
        """A raw-HTML link from a page whose way up to the site root, as the engine reads raw HTML,
        is `up` (quiz.build.root_from)."""
        return up + self.url


def at(page: str, anchor: str = "") -> Target:
    """A page's own section (one of its registry `anchors`), or the page itself."""
    return Target(page, anchor)


# Where each kind of knowledge-base item is shown: the links to it and the anchor its page claims.
def definition(definition_id: str) -> Target:
    """A definition, in the definitions page's list."""
    return Target(Doc.DEFINITIONS, definition_id)


def dimension(dimension_id: str) -> Target:
    """A dimension's row of the comparison."""
    return Target(Doc.COMPARISON, dimension_id)


def partner_kind(kind_id: str) -> Target:
    """A kind of partner or a special case."""
    return Target(Doc.KINDS, kind_id)


def stance(source_id: str) -> Target:
    """A source's stances in the debate (by source)."""
    return Target(Doc.DEBATE, source_id)


def fact(fact_id: str) -> Target:
    """A question of the decision guide."""
    return Target(Doc.DECISION, f"fact-{fact_id}")


def rule(rule_id: str) -> Target:
    """A decision rule."""
    return Target(Doc.DECISION, f"rule-{rule_id}")


def outcome(outcome_id: str) -> Target:
    """An outcome of the decision guide."""
    return Target(Doc.DECISION, f"outcome-{outcome_id}")


def reading(reading_id: str) -> Target:
    """A source's own reading, on the decision page's list of where the sources would classify differently."""
    return Target(Doc.DECISION, f"reading-{reading_id}")


def signal(signal_id: str) -> Target:
    """A signal of the decision guide."""
    return Target(Doc.DECISION, f"signal-{signal_id}")


def plays(outcome_id: str) -> Target:
    """What to do with one outcome: its column of the playbook."""
    return Target(Doc.PLAYBOOK, outcome_id)


def aspect(aspect_id: str) -> Target:
    """A row (aspect) of the playbook."""
    return Target(Doc.PLAYBOOK, aspect_id)


def checklist(outcome_id: str, step: int | None = None) -> Target:
    """An outcome's first-week checklist, or one of its steps (counted from 1)."""
    return Target(f"first-week/{first_week_slug(outcome_id)}.md", "" if step is None else f"step-{step}")


def pitfall(pitfall_id: str) -> Target:
    """A pitfall."""
    return Target(Doc.PITFALLS, pitfall_id)


def scenario(scenario_id: str) -> Target:
    """A worked scenario."""
    return Target(Doc.SCENARIOS, scenario_id)


def term(term_id: str) -> Target:
    """A glossary term."""
    return Target(Doc.GLOSSARY, term_id)


def source(source_id: str, line: int | None = None) -> Target:
    """A source's page, or one line's entry on it."""
    return Target(f"sources/{source_id}.md", "" if line is None else f"line-{line}")


def listed_source(source_id: str) -> Target:
    """A source's entry in the list of sources."""
    return Target(Doc.SOURCES, source_id)


def question(question_id: str) -> Target:
    """A quiz question on the study sheet."""
    return Target(Doc.STUDY, question_id)


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
        return url_of(self.path)

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
    checklists = (
        [Page(Doc.FIRST_WEEK, FIRST_WEEK, GUIDE, "first_week_index.md.j2", nav_title=None, group=FIRST_WEEK)]
        if weeks
        else []
    )
    names = {o.id: o.name for o in kb.decision.outcomes}  # the checks ask before references are checked
    checklists += [
        Page(
            checklist(w.outcome).page,
            names.get(w.outcome, w.outcome),
            GUIDE,
            "first_week.md.j2",
            ("steps", *(checklist(w.outcome, n).anchor for n in range(1, len(w.steps) + 1))),
            group=FIRST_WEEK,
            context={"week": w},
        )
        for w in weeks
    ]
    return [
        Page(Doc.HOME, "Home", HOME, "index.md.j2"),
        Page(Doc.DEFINITIONS, DEFINITIONS, GUIDE, "definitions.md.j2", ("customer", "partner", "excluded-senses")),
        Page(Doc.COMPARISON, COMPARISON, GUIDE, "comparison.md.j2", ("table",)),
        Page(Doc.KINDS, KINDS, GUIDE, "kinds.md.j2", ("partner-kinds", "special-cases")),
        Page(Doc.DEBATE, DEBATE, GUIDE, "debate.md.j2", ("positions", "by-source", "synthesis")),
        Page(
            Doc.DECISION,
            DECISION,
            GUIDE,
            "decision.md.j2",
            (
                "flowchart",
                "questions",
                "rules",
                "outcomes",
                "probing-questions",
                "alternatives",
                "not-sure",
                "signals",
                "impossible",
                "parties",
            ),
        ),
        Page(Doc.PLAYBOOK, PLAYBOOK, GUIDE, "playbook.md.j2", ("matrix",)),
        *checklists,
        Page(Doc.PITFALLS, PITFALLS, GUIDE, "pitfalls.md.j2"),
        Page(Doc.SCENARIOS, SCENARIOS, GUIDE, "scenarios.md.j2"),
        Page(Doc.GLOSSARY, GLOSSARY, GUIDE, "glossary.md.j2"),
        Page(Doc.QUIZ, "Quiz", CHECK, anchors=("quiz",)),
        Page(Doc.CLASSIFY, "Classify a relationship", CHECK, anchors=("tool",)),
        Page(Doc.STUDY, "Study sheet", CHECK),
        Page(Doc.SOURCES, "Sources", SOURCES, "sources_index.md.j2", nav_title=None),
        *(
            Page(
                source(s.id).page,
                s.byline,
                SOURCES,
                "source.md.j2",
                ("stance", "key-points", "quotes", "definitions", "lines", "cited-in"),
                context={"source": s},
            )
            for s in kb.sources
        ),
        Page(
            Doc.ABOUT,
            "How this guide is built",
            ABOUT,
            "about.md.j2",
            ("sources", "citations", "synthesis", "rules", "formats"),
        ),
        Page(Doc.FORMATS, "Data formats", ABOUT),
    ]


Claim = tuple[str, tuple[str | int, ...] | None]
"""An anchor a page will carry, and the knowledge-base item that gives it (None: the page's own)."""


def anchor_claims(kb: KnowledgeBase) -> dict[str, list[Claim]]:
    """Page URL → every anchor the page carries, with who claims it: the page's own (from the
    registry) and one per knowledge-base item it shows.

    Two claims of one anchor on a page would give two elements one id, so the checks refuse them
    (an item whose id equals a fixed section's, or two sections' items sharing an id)."""
    d = kb.decision

    def items(section: tuple[str | int, ...], ids: list[str], where: Callable[[str], Target]) -> list[Claim]:
        return [(where(item_id).anchor, (*section, i, "id")) for i, item_id in enumerate(ids)]

    lines = _source_line_numbers(kb)
    shown: dict[str, list[Claim]] = {
        Doc.SOURCES: items(("sources",), [s.id for s in kb.sources], listed_source),
        Doc.DEFINITIONS: items(("definitions",), [x.id for x in kb.definitions], definition),
        Doc.COMPARISON: items(("dimensions",), [x.id for x in kb.dimensions], dimension),
        Doc.KINDS: items(("partner_kinds",), [k.id for k in kb.partner_kinds], partner_kind)
        + items(("special_cases",), [k.id for k in kb.special_cases], partner_kind),
        Doc.DEBATE: [
            (stance(sid).anchor, ("debate", "stances", i, "source"))
            for i, sid in enumerate(dict.fromkeys(s.source for s in kb.debate.stances))
        ],
        Doc.DECISION: items(("decision", "signals"), [s.id for s in d.signals], signal)
        + items(("decision", "facts"), [f.id for f in d.facts], fact)
        + items(("decision", "rules"), [r.id for r in d.rules], rule)
        + items(("decision", "outcomes"), [o.id for o in d.outcomes], outcome)
        + items(("decision", "readings"), [r.id for r in d.readings], reading),
        Doc.PLAYBOOK: items(("decision", "outcomes"), [o.id for o in d.outcomes], plays)
        + items(("playbook", "aspects"), [a.id for a in kb.playbook.aspects], aspect),
        Doc.PITFALLS: items(("pitfalls",), [p.id for p in kb.pitfalls], pitfall),
        Doc.SCENARIOS: items(("scenarios",), [s.id for s in kb.scenarios], scenario),
        Doc.GLOSSARY: items(("glossary",), [t.id for t in kb.glossary], term),
        **{
            source(s.id).page: [(source(s.id, n).anchor, None) for n in sorted(lines.get(s.id, ()))] for s in kb.sources
        },
    }
    return {
        page.url: [(name, None) for name in page.anchors] + shown.get(page.path, [])
        for page in site_pages(kb)
        if page.template is not None or page.anchors or page.section == CHECK
    }


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
