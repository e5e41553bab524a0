"""The views the page templates ask (as `view`), one for each kind of page and named for it: all
choices about data are made here, templates hold the markup. Every view answers what every page
may ask — a source or an outcome by id and an item's citations (the citation macros) — and, beyond
that, only what its pages need. Which page gets which view is in pages.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby
from math import prod

from . import decision as rules
from . import layout as where
from . import text
from .cited import cited_items, on_guide_pages, quoted_items
from .diagram import Step, answer_label, flowchart
from .layout import (
    COMPARISON,
    DEBATE,
    DECISION,
    DEFINITIONS,
    FIRST_WEEK,
    GLOSSARY,
    KINDS,
    PITFALLS,
    PLAYBOOK,
    SCENARIOS,
    Doc,
    Target,
    at,
    first_weeks,
    site_pages,
)
from .model import (
    Cell,
    ChecklistStep,
    Cited,
    Definition,
    Fact,
    FirstWeek,
    Kind,
    KnowledgeBase,
    Note,
    Outcome,
    Pitfall,
    Play,
    Quote,
    Reading,
    Rule,
    Scenario,
    Signal,
    Source,
    Stance,
    Term,
    Value,
    is_synthesis,
)
from .typed import DataPath, Record


@dataclass(frozen=True)
class CiteGroup:
    """The lines of one source that an item cites (empty: the source as a whole)."""

    source: Source
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Use:
    """One place on the site where a source is cited."""

    group: str
    label: str
    target: Target
    lines: tuple[int, ...]


@dataclass(frozen=True)
class SourceLine:
    """One line of a source's article and everything the guide takes from it: the key points that
    paraphrase it, the quotations on it and the places on the site that cite it."""

    line: int
    points: tuple[str, ...]
    quotes: tuple[Quote, ...]
    uses: tuple[Use, ...]


@dataclass(frozen=True)
class Condition:
    """One fact a rule (or a scenario) depends on, with the answer it requires (None: not known)."""

    fact: Fact
    number: int
    value: Value | None


@dataclass(frozen=True)
class Worked:
    """A case classified by the rules: the outcome (None: undecided), the rules still possible,
    the questions asked and, when undecided, the outcomes still possible and what to find out."""

    rule: Rule | None
    outcome: Outcome | None
    facts: list[Condition]
    path: list[Condition]
    possible: list[Outcome]
    rules: list[Rule]
    find_out: list[Fact]

    @property
    def unasked(self) -> list[Condition]:
        """The answers the flowchart never needed for this case."""
        asked = {c.fact.id for c in self.path}
        return [c for c in self.facts if c.fact.id not in asked]


def first_week_title(outcome: Outcome) -> str:
    """'First week with a new channel partner': the outcome's name, read inside a sentence."""
    name = outcome.name
    if name[:1].isupper() and not name[1:2].isupper():  # keep acronyms such as "VAR"
        name = name[:1].lower() + name[1:]
    return f"First week with a new {name}"


def definitions_of(kb: KnowledgeBase, source_id: str, term: str | None = None) -> list[Definition]:
    """One source's definitions, of one term or (term None) of both, in file order."""
    return [x for x in kb.definitions if x.source == source_id and term in (None, x.term)]


class PageView:
    """What every page may ask: a source or an outcome by id, and how an item cites its sources
    (the citation macros every page uses) and how an answer reads (the answer macro). The comparison,
    kinds and pitfalls pages need no more."""

    def is_synthesis(self, item: Record, field: str) -> bool:
        """Whether a statement is the guide's own (generator.model.is_synthesis): the said macro labels it."""
        return is_synthesis(item, field)

    def answer_label(self, fact: Fact, value: Value) -> str:
        """One answer as the pages show it: Yes, No, or a choice fact's option in a few words."""
        return answer_label(fact, value)

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def source(self, source_id: str) -> Source:
        """The source with this id, for templates that hold only the id."""
        return self.kb.source(source_id)

    def outcome(self, outcome_id: str) -> Outcome:
        """The decision outcome with this id."""
        return self.kb.outcome(outcome_id)

    def cites(self, item: Cited) -> list[CiteGroup]:
        """An item's citations grouped by source, in the order first cited, lines ascending."""
        lines: dict[str, list[int]] = {}
        for sid, line in item.citations:
            lines.setdefault(sid, [])
            if line is not None and line not in lines[sid]:
                lines[sid].append(line)
        return [CiteGroup(self.kb.source(sid), tuple(sorted(ls))) for sid, ls in lines.items()]


class HomeView(PageView):
    """The home page: what the knowledge base holds and how much of it is cited."""

    def counts(self) -> list[tuple[str, int, Target]]:
        """(what, how many, where) for the home page's overview; "1 pitfall", "2 pitfalls"."""
        kb, d = self.kb, self.kb.decision
        rows = [
            (
                "definition of customer or partner",
                "definitions of customer and partner",
                len(kb.definitions),
                at(Doc.DEFINITIONS),
            ),
            (
                "dimension on which they differ",
                "dimensions on which they differ",
                len(kb.dimensions),
                at(Doc.COMPARISON),
            ),
            ("kind of partner", "kinds of partner", len(kb.partner_kinds), at(Doc.KINDS, "partner-kinds")),
            ("special case", "special cases", len(kb.special_cases), at(Doc.KINDS, "special-cases")),
            (
                "position in the debate",
                "positions in the debate",
                len(kb.debate.positions),
                at(Doc.DEBATE, "positions"),
            ),
            (
                "question (any may be answered not sure)",
                "questions (any may be answered not sure)",
                len(d.facts),
                at(Doc.DECISION, "questions"),
            ),
            ("decision rule", "decision rules", len(d.rules), at(Doc.DECISION, "rules")),
            ("outcome", "outcomes", len(d.outcomes), at(Doc.DECISION, "outcomes")),
            ("play in the playbook", "plays in the playbook", len(kb.playbook.plays), at(Doc.PLAYBOOK, "matrix")),
            ("pitfall", "pitfalls", len(kb.pitfalls), at(Doc.PITFALLS)),
            ("case", "cases", len(kb.scenarios), at(Doc.SCENARIOS)),
            ("glossary term", "glossary terms", len(kb.glossary), at(Doc.GLOSSARY)),
        ]
        return [(one if n == 1 else many, n, href) for one, many, n, href in rows]

    def citation_totals(self) -> tuple[int, int]:
        """(citations of a source line or source, statements the site labels as the guide's synthesis):
        flagged items, plus next steps and remedies flagged on their own, plus the debate's synthesis note."""
        kb = self.kb
        items = [
            item for path, item in cited_items(kb) if on_guide_pages(path)
        ]  # the quiz's own questions are not guide text
        labelled = (
            sum(1 for x in items if x.synthesis)
            + 1
            + sum(1 for o in kb.decision.outcomes if o.next_step_synthesis)
            + sum(1 for p in kb.pitfalls if p.remedy_synthesis)
        )
        return sum(len(x.cites) for x in items), labelled


class DefinitionsView(PageView):
    """The definitions page: each source's definitions and the senses ruled out."""

    def definitions_of(self, source_id: str, term: str | None = None) -> list[Definition]:
        """One source's definitions, of one term or (term None) of both, in file order."""
        return definitions_of(self.kb, source_id, term)

    def excluded(self) -> list[Definition]:
        """The definitions that rule a sense of their term out, for the section on senses ruled out."""
        return [x for x in self.kb.definitions if x.excludes]


class DebateView(PageView):
    """The debate page: who holds which position."""

    def position(self, position_id: str) -> str:
        """The label of a debate position, shown with each stance."""
        return next(p.label for p in self.kb.debate.positions if p.id == position_id)

    def holds(self, source_id: str, position_id: str) -> bool:
        """Whether this source takes this position: one mark of the debate table."""
        return any(st.source == source_id and st.position == position_id for st in self.kb.debate.stances)

    def holds_any(self, source_id: str) -> bool:
        """Whether this source takes any position; one that takes none links to its source page instead."""
        return any(st.source == source_id for st in self.kb.debate.stances)

    def stances_by_source(self) -> list[tuple[Source, list[Stance]]]:
        """One entry per source that takes a stance (a source may take several), in stance order."""
        order: dict[str, list[Stance]] = {}
        for st in self.kb.debate.stances:
            order.setdefault(st.source, []).append(st)
        return [(self.source(sid), sts) for sid, sts in order.items()]

    def debate_rows(self) -> list[Source]:
        """The debate table's rows: sources in the order of their stances (so the marks run down the
        columns like the sections below), then the sources that take no position."""
        with_stance = [s for s, _ in self.stances_by_source()]
        taken = {s.id for s in with_stance}
        return with_stance + [s for s in self.kb.sources if s.id not in taken]


class DecisionView(PageView):
    """The decision guide: the questions (numbered), the rules, the flowchart and what a result notes."""

    def __init__(self, kb: KnowledgeBase):
        super().__init__(kb)
        self._facts = {f.id: f for f in kb.decision.facts}
        self._numbers = {f.id: i for i, f in enumerate(kb.decision.facts, 1)}

    def fact(self, fact_id: str) -> Fact:
        """The decision fact with this id."""
        return self._facts[fact_id]

    def number(self, fact_id: str) -> int:
        """The fact's number, counted from 1 in decision.yml's order: how every page refers to the questions."""
        return self._numbers[fact_id]

    def short_question(self, fact: Fact) -> str:
        """The question up to its first dash-separated gloss, e.g. 'Do they pay us?'."""
        return text.short_question(fact.question)

    def rules_for(self, outcome_id: str) -> list[Rule]:
        """The rules that decide this outcome, in rule order."""
        return [r for r in self.kb.decision.rules if r.outcome == outcome_id]

    def readings(self) -> list[tuple[Reading, list[Rule]]]:
        """Each source's own reading, with the rules whose outcome it disputes (those it can meet, by a
        combination that can exist, with another outcome): the section on where the sources differ."""
        return self._readings

    @cached_property
    def _readings(self) -> list[tuple[Reading, list[Rule]]]:
        """readings(), worked out once per page: every rule's "disputed by" asks for it."""
        d = self.kb.decision
        out: list[tuple[Reading, list[Rule]]] = []
        for r in d.readings:
            met = {
                rule.id: rule
                for c in rules.plausible_completions(d, r.when)
                for rule in [rules.classify(d, c)]
                if rule.outcome != r.outcome
            }
            out.append((r, [rule for rule in d.rules if rule.id in met]))
        return out

    def disputing(self, rule: Rule) -> list[Reading]:
        """The sources' readings that dispute this rule's outcome somewhere it applies."""
        return [r for r, disputed in self.readings() if rule in disputed]

    def has_checklist(self, outcome_id: str) -> bool:
        """Whether this outcome has a first-week checklist page, which a decided case links to."""
        return any(w.outcome == outcome_id for w in self.kb.playbook.first_week)

    def readings_for(self, facts: dict[str, Value | None]) -> list[rules.SourceReading]:
        """The sources' readings of one case that differ from the rules (generator.decision.readings_for)."""
        return rules.readings_for(self.kb.decision, facts)

    def probing(self) -> list[Fact]:
        """The probing questions: a no to one of them must be explained before classifying."""
        return [f for f in self.kb.decision.facts if f.probing]

    def fact_combinations(self) -> int:
        """How many complete sets of answers the rules must decide, each exactly once."""
        return prod(len(f.values) for f in self.kb.decision.facts)

    def answer_combinations(self) -> int:
        """How many sets of answers, "not sure" included, must each be decided or say what to find out."""
        return prod(len(f.values) + 1 for f in self.kb.decision.facts)

    def flowchart(self) -> Step:
        """The decision flowchart, derived from the rules rather than drawn by hand."""
        return flowchart(self.kb.decision)

    def kinds_for(self, outcome_id: str) -> list[Kind]:
        """Kinds of partner and special cases that land on this outcome, partner kinds first."""
        return [k for k in [*self.kb.partner_kinds, *self.kb.special_cases] if k.outcome == outcome_id]

    def signal(self, signal_id: str) -> Signal:
        """The decision signal with this id."""
        return next(s for s in self.kb.decision.signals if s.id == signal_id)

    def special_case(self, kind_id: str) -> Kind:
        """The special case with this id."""
        return next(k for k in self.kb.special_cases if k.id == kind_id)

    def pitfall(self, pitfall_id: str) -> Pitfall:
        """The pitfall with this id."""
        return next(p for p in self.kb.pitfalls if p.id == pitfall_id)

    def notes(self, items: Sequence[Rule | Outcome]) -> tuple[list[Signal], list[Kind], list[Pitfall]]:
        """(signals, special cases, pitfalls) that rules or outcomes attach, without repeats, in order."""
        found: dict[str, list[str]] = {"signals": [], "special_cases": [], "pitfalls": []}
        for item in items:
            if item.notes is None:
                continue
            for key, ids in found.items():
                ids.extend(i for i in getattr(item.notes, key) if i not in ids)
        return (
            [self.signal(i) for i in found["signals"]],
            [self.special_case(i) for i in found["special_cases"]],
            [self.pitfall(i) for i in found["pitfalls"]],
        )


class ScenariosView(DecisionView):
    """The worked scenarios: each case classified by the rules, as the decision guide shows them."""

    def worked(self, facts: dict[str, Value | None]) -> Worked:
        """Classify by the rules (never by a scenario's `expect`) and show the questions asked."""
        d = self.kb.decision
        v = rules.verdict(d, facts)
        every = [Condition(f, self.number(f.id), facts.get(f.id)) for f in d.facts]
        asked = [Condition(self.fact(fid), self.number(fid), value) for fid, value in rules.path(d, facts)]
        return Worked(
            v.rule,
            self.outcome(v.outcome) if v.outcome else None,
            every,
            asked,
            [self.outcome(o) for o in v.outcomes],
            list(v.rules),
            [self.fact(f) for f in v.find_out],
        )

    def case_notes(self, w: Worked) -> tuple[list[Signal], list[Kind], list[Pitfall]]:
        """The notes a case's result lists: those of its deciding rule(s) and outcome(s)."""
        return self.notes([*w.rules, *w.possible])

    def deals(self) -> list[tuple[str, list[Scenario]]]:
        """Cases grouped by deal id (cases with several parties), in the order the deals first appear."""
        found: dict[str, list[Scenario]] = {}
        for sc in self.kb.scenarios:
            if sc.deal:
                found.setdefault(sc.deal, []).append(sc)
        return [(deal, cases) for deal, cases in found.items() if len(cases) > 1]


class PlaybookView(PageView):
    """The playbook: the plays for each outcome and aspect."""

    def plays(self, outcome_id: str, aspect_id: str | None = None) -> list[Play]:
        """What to do for this outcome, in one aspect or (aspect None) in all of them, in file order."""
        return [p for p in self.kb.playbook.plays if p.outcome == outcome_id and aspect_id in (None, p.aspect)]


class ChecklistsView(PageView):
    """The first-week checklists and their index."""

    def first_weeks(self) -> list[tuple[FirstWeek, Outcome]]:
        """The first-week checklists with their outcomes, in the pages' order (layout.first_weeks)."""
        return [(w, self.outcome(w.outcome)) for w in first_weeks(self.kb)]

    def first_week_title(self, outcome: Outcome) -> str:
        """'First week with a new channel partner': the outcome's name, read inside a sentence."""
        return first_week_title(outcome)


class GlossaryView(PageView):
    """The glossary."""

    def glossary(self) -> list[Term]:
        """Glossary terms in alphabetical order, ignoring case."""
        return sorted(self.kb.glossary, key=lambda t: t.term.casefold())


class SourcesView(PageView):
    """The source pages, the list of sources and the page on how the guide is built: each source's
    author, lines, quotations and every place on the site that cites it."""

    def __init__(self, kb: KnowledgeBase):
        super().__init__(kb)
        self._uses_by_source: dict[str, list[Use]] | None = None
        self._quotes_by_source: dict[str, dict[tuple[int, str], Quote]] | None = None
        self._decision, self._debate = DecisionView(kb), DebateView(kb)  # the labels of what cites a source
        self._aspects = {a.id: a for a in kb.playbook.aspects}

    def definitions_of(self, source_id: str, term: str | None = None) -> list[Definition]:
        """One source's definitions, of one term or (term None) of both, in file order."""
        return definitions_of(self.kb, source_id, term)

    def author(self, source: Source) -> str:
        """The author as a reader should see it, with the note that identifies them (for an unnamed
        author, the only identification there is)."""
        name = "Unnamed author" if source.author.lower() == "unnamed" else source.author
        return f"{name} ({source.author_note})" if source.author_note else name

    def uses(self) -> Iterator[tuple[Use, str]]:
        """Every place a source is cited, with the cited source id, in the site's reading order.

        Driven by the one walk over cited items (cited.py): a new cited section appears here, or
        fails loudly in `_place`, instead of silently missing from the source pages."""
        pages = {page.path: i for i, page in enumerate(site_pages(self.kb))}
        found: list[tuple[Use, str]] = []
        for path, item in cited_items(self.kb):
            if not on_guide_pages(path):
                continue  # the quiz's hand-written questions: only the quiz shows them
            found += [(Use(*self._place(path, item), g.lines), g.source.id) for g in self.cites(item)]
            if isinstance(item, Reading) and item.source not in item.source_ids:
                found.append((Use(*self._place(path, item), ()), item.source))
        yield from sorted(found, key=lambda use: pages[use[0].target.page])  # stable: the walk's order within a page

    def _place(self, path: DataPath, item: Cited) -> tuple[str, str, Target]:
        """Where a cited item of the guide's pages is shown: (group, label, where on the site)."""
        match item:
            case Definition():
                return (
                    DEFINITIONS,
                    f"{self.source(item.source).byline}: {item.term} — {item.sense}",
                    where.definition(item.id),
                )
            case Cell():
                dim = self.kb.dimensions[int(path[1])]
                return COMPARISON, f"{dim.name} — {path[2]}", where.dimension(dim.id)
            case Kind():
                return KINDS, item.name, where.partner_kind(item.id)
            case Stance():
                return DEBATE, self._debate.position(item.position), where.stance(item.source)
            case Fact():
                return DECISION, f"Q{self._decision.number(item.id)}: {item.question}", where.fact(item.id)
            case Rule():
                return DECISION, f"Rule {item.id}", where.rule(item.id)
            case Outcome():
                return DECISION, f"Outcome: {item.name}", where.outcome(item.id)
            case Signal():
                return DECISION, f"Signal: {item.name}", where.signal(item.id)
            case Reading():
                return (
                    DECISION,
                    f"{self.source(item.source).byline}'s reading: {self.outcome(item.outcome).name}",
                    where.reading(item.id),
                )
            case Note() if path == ("decision", "parties"):
                return DECISION, "Deals with several parties", at(Doc.DECISION, "parties")
            case Play():
                return (
                    PLAYBOOK,
                    f"{self.outcome(item.outcome).name}: {self.aspect_name(item.aspect)}",
                    where.plays(item.outcome),
                )
            case ChecklistStep():
                week, n = self.kb.playbook.first_week[int(path[2])], int(path[4]) + 1
                return (
                    FIRST_WEEK,
                    f"{first_week_title(self.outcome(week.outcome))}: step {n}",
                    where.checklist(week.outcome, n),
                )
            case Pitfall():
                return PITFALLS, item.name, where.pitfall(item.id)
            case Term():
                return GLOSSARY, item.term, where.term(item.id)
            case Scenario():
                return SCENARIOS, item.title, where.scenario(item.id)
        raise TypeError(
            f"generator/cited.py walks {path} ({type(item).__name__}), which has no place on "
            "the source pages: add it to SourcesView._place"
        )

    def cited_in(self, source_id: str) -> list[tuple[str, list[Use]]]:
        """Where one source is cited, grouped by page in reading order."""
        if self._uses_by_source is None:  # one pass over the KB for all sources, not one per source
            self._uses_by_source = {}
            for use, sid in self.uses():
                self._uses_by_source.setdefault(sid, []).append(use)
        found = self._uses_by_source.get(source_id, [])
        return [(group, list(items)) for group, items in groupby(found, key=lambda u: u.group)]

    def quotes_of(self, source: Source) -> list[Quote]:
        """Every passage of one source quoted anywhere in the guide, in line order, without repeats."""
        if self._quotes_by_source is None:  # one pass over the quotations for all sources, not one per source
            self._quotes_by_source = {}
            for _, sid, q in quoted_items(self.kb):
                self._quotes_by_source.setdefault(sid, {})[(q.line, q.text)] = q
        unique = self._quotes_by_source.get(source.id, {})
        return [unique[key] for key in sorted(unique)]

    def source_lines(self, source: Source) -> list[SourceLine]:
        """Every line of one source that the guide cites, quotes or paraphrases in a key point, in order."""
        uses: dict[int, list[Use]] = {}
        for _, group in self.cited_in(source.id):
            for use in group:
                for n in use.lines:
                    uses.setdefault(n, []).append(use)
        points: dict[int, list[str]] = {}
        for p in source.key_points:
            for n in p.lines:
                points.setdefault(n, []).append(p.text)
        quotes: dict[int, list[Quote]] = {}
        for q in self.quotes_of(source):
            quotes.setdefault(q.line, []).append(q)
        return [
            SourceLine(n, tuple(points.get(n, ())), tuple(quotes.get(n, ())), tuple(uses.get(n, ())))
            for n in sorted({*uses, *points, *quotes})
        ]

    def aspect_name(self, aspect_id: str) -> str:
        """The name of a playbook aspect, as its row heading shows it."""
        return self._aspects[aspect_id].name
