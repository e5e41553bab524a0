"""Typed model of the knowledge base.

Every claim carries `cites` (source ids, optionally `id:line` pointing into the
source file) or is flagged `synthesis: true` — the guide's own reading. The
decision model (facts, outcomes, rules) is the single truth that the guide's
tables and diagram, the quiz answers and the classifier tool all derive from.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import field
from typing import Literal

from .typed import DataPath, Record, spec

ID = r"^[a-z][a-z0-9_-]*$"
SITE_LINK = r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9_-]+)*/(#[a-z0-9_-]+)?$"
"""A page of this site relative to its root, optionally with an anchor: decision/#rules. It starts with
a letter or digit, so "//host/" (another site) and "/x/" (outside a project site) cannot pass."""
MIN_QUOTE_WORDS = 3  # "ork fo" or "win" proves nothing about what a source says
CITE = re.compile(
    r"^[a-z][a-z0-9_-]*(?::[1-9][0-9]{0,8})?$"
)  # source id, optionally :line below 10⁹ (also valid in JS)


class Cited(Record):
    """A claim that traces to sources, or is openly the guide's own synthesis."""

    cites: list[str] = spec(
        default_factory=list,
        doc="Source ids this rests on, each optionally with ':line', the line in the article file: nikolov:25.",
    )
    synthesis: bool = spec(
        default=False, doc="true when this is the guide's own reading, not any one source's claim; the site labels it."
    )

    def problems(self) -> list[tuple[DataPath, str]]:
        """Each citation is a source id (optionally ':line'), and there is one unless this is synthesis."""
        found: list[tuple[DataPath, str]] = [
            (
                ("cites", i),
                f"citation '{_shortened(cite)}' must be a source id, optionally ':line' "
                "(a line number of at most 9 digits)",
            )
            for i, cite in enumerate(self.cites)
            if not CITE.match(cite)
        ]
        if not self.cites and not self.synthesis:
            found.append(((), "needs 'cites' (source ids) or 'synthesis: true'"))
        return found

    @property
    def citations(self) -> list[tuple[str, int | None]]:
        """Each citation as (source id, line in its article, or None for the source as a whole), in
        order: the one reading of 'nikolov:25' that the checks, the line entries and the pages share."""
        return [(sid, int(line) if line else None) for sid, _, line in (cite.partition(":") for cite in self.cites)]

    @property
    def source_ids(self) -> list[str]:
        """Cited source ids in order, without line numbers or repeats."""
        return list(dict.fromkeys(sid for sid, _ in self.citations))


def _shortened(text: str, keep: int = 60) -> str:
    """Text short enough to quote in a message (a 5,000-digit line number is quoted by its start)."""
    return text if len(text) <= keep else f"{text[:keep]}… ({len(text)} characters)"


def is_synthesis(item: Record, field_name: str) -> bool:
    """Whether what `item.field_name` says is the guide's own reading rather than a cited source's — the one
    place that decides it, so that the guide, the checklists, the classifier, the quiz's feedback and the
    study sheet label the same statements. A field declared `synthesis=True` (advice such as where to
    find out) always is; an outcome's next step and a pitfall's remedy carry their own flag; anything
    else is as its record says."""
    meta = next((f.metadata for f in dataclasses.fields(item) if f.name == field_name), None)
    if meta is None:
        raise AttributeError(f"{type(item).__name__} has no field '{field_name}'")
    if meta.get("synthesis"):
        return True
    own = getattr(item, f"{field_name}_synthesis", None)
    if isinstance(own, bool):
        return own
    return bool(getattr(item, "synthesis", False))


class Quote(Record):
    """A short passage quoted word for word, with the line it stands on in the source file."""

    text: str = spec(
        min_length=1, max_length=240, doc="Word for word as on that line of the article; the check finds it there."
    )
    line: int = spec(ge=1, doc="Line number in the source's article file.")

    def problems(self) -> list[tuple[DataPath, str]]:
        """A quote of a word or two proves nothing, so it must have at least MIN_QUOTE_WORDS words."""
        words = len(re.findall(r"\w+", self.text))
        if words < MIN_QUOTE_WORDS:
            return [
                (
                    ("text",),
                    f"quotation too short to mean anything ({words} word(s)): quote at least {MIN_QUOTE_WORDS} words",
                )
            ]
        return []


class KeyPoint(Record):
    """One point the guide takes from a source, with the lines of the article it paraphrases."""

    text: str = spec(min_length=1)
    lines: list[int] = spec(
        default_factory=list,
        doc="Lines of the article file this point paraphrases; a citation of such a line leads to it.",
    )

    def problems(self) -> list[tuple[DataPath, str]]:
        """Line numbers count from 1, so a citation of such a line can lead to it."""
        return [(("lines", i), f"line {n} must be 1 or more") for i, n in enumerate(self.lines) if n < 1]


URL = re.compile(r"^https?://[^\s\"'<>`\\]+$", re.IGNORECASE)


class Source(Record):
    """One source article: who wrote it, what it argues, and the points and quotes the guide takes from it."""

    id: str = spec(pattern=ID)
    short: str = spec(
        min_length=1,
        max_length=30,
        pattern=r"^[A-Za-z][A-Za-z0-9 .'-]*$",
        doc="The one short name the guide, the quiz and the tool call this source by, as written mid-sentence: 'Nikolov', 'the channel manager'.",
    )
    title: str = spec(min_length=1)
    author: str = spec(min_length=1)
    author_note: str = ""
    file: str = spec(pattern=r"^[\w.-]+\.txt$")
    url: str = spec(
        default="", doc="Address of the original article (http or https), shown and linked on the source's page."
    )
    stance: str = spec(min_length=1)
    summary: str = spec(min_length=1)
    key_points: list[KeyPoint] = spec(min_length=1)
    quotes: list[Quote] = spec(default_factory=list)
    not_content: str = spec(
        default="", doc="Which parts of the article file are page furniture or reader comments, not source content."
    )

    @property
    def byline(self) -> str:
        """How the site names the source everywhere (nav, citations, the quiz): its one short name,
        capitalised to start a label."""
        return self.short[:1].upper() + self.short[1:]

    def problems(self) -> list[tuple[DataPath, str]]:
        """The url lands in a link on the site, so only a plain http(s) address is accepted."""
        if self.url and not URL.match(self.url):
            return [(("url",), f"url '{self.url}' must be an http:// or https:// address without spaces or quotes")]
        return []


class Definition(Cited):
    """How one source defines 'customer' or 'partner', in one sense of the word."""

    id: str = spec(pattern=ID)
    term: Literal["customer", "partner"]
    source: str = spec(pattern=ID)
    sense: str = spec(min_length=1)
    text: str = spec(min_length=1)
    quote: Quote | None = None
    excludes: str = spec(default="", doc="A sense of the term this source explicitly rules out.")


class Cell(Cited):
    """One side (customer or partner) of a comparison dimension, with the source lines it paraphrases."""

    text: str = spec(min_length=1)


class Dimension(Record):
    """One way the sources contrast customers and partners: a row of the comparison table."""

    id: str = spec(pattern=ID)
    name: str = spec(min_length=1)
    summary: str = spec(min_length=1)
    customer: Cell
    partner: Cell


def _synonym_problems(names: list[str]) -> list[tuple[DataPath, str]]:
    return [(("also_called", i), "a synonym must not be empty") for i, n in enumerate(names) if not n]


class Kind(Cited):
    """A kind of partner, or a special case, as the sources describe it; may map to a decision outcome."""

    id: str = spec(pattern=ID)
    name: str = spec(min_length=1)
    also_called: list[str] = spec(
        default_factory=list, doc="Other words people use for this kind; shown on the page, so search finds them."
    )
    description: str = spec(min_length=1)
    outcome: str | None = spec(default=None, pattern=ID)
    examples: list[str] = spec(default_factory=list)

    def problems(self) -> list[tuple[DataPath, str]]:
        """The citation checks, and no empty synonym (it would show as a blank on the page)."""
        return super().problems() + _synonym_problems(self.also_called)


class Position(Record):
    """One answer the debate's question can take; each source's stance picks one."""

    id: str = spec(pattern=ID)
    label: str = spec(min_length=1)


class Stance(Cited):
    """Where one source stands in the debate, with its argument and optionally a quote."""

    source: str = spec(pattern=ID)
    position: str = spec(pattern=ID)
    argument: str = spec(min_length=1)
    quote: Quote | None = None


class Debate(Record):
    """The question the sources disagree on, and each source's stance, shown side by side with attribution."""

    question: str = spec(min_length=1)
    intro: str = spec(min_length=1)
    positions: list[Position] = spec(min_length=2)
    stances: list[Stance] = spec(min_length=1)
    synthesis_note: str = spec(min_length=1)


Value = bool | str
"""An answer to a fact: true or false for a yes/no fact, an option id for a choice fact."""


class FactOption(Record):
    """One answer of a choice fact: its id (what rules and cases write), how it reads, an example."""

    id: str = spec(pattern=ID)
    short: str = spec(
        min_length=1, max_length=40, doc="The answer in a few words, for the flowchart's branches and the rules table."
    )
    label: str = spec(min_length=1, doc="The answer as the classifier offers it.")
    example: str = spec(min_length=1, doc="How a quiz scenario describes a company with this answer.")
    then: str = spec(
        default="",
        synthesis=True,
        doc="What to do when this is the answer (shown with it), like a yes/no fact's if_no: the guide's own advice, labelled as such.",
    )


NOT_SURE = "unknown"
"""The classifier's value for "not sure"; no option may take it as its id."""
MAX_OPTIONS = 9
"""A choice fact's options are one digit each in the classifier's address (?a=…), 1 to 9."""


class Fact(Cited):
    """A question about a relationship that the decision rules, the quiz and the classifier ask:
    answered yes or no, or (with `options`) by one of several named answers."""

    id: str = spec(pattern=ID)
    question: str = spec(min_length=1)
    help: str = spec(min_length=1)
    options: list[FactOption] = spec(
        default_factory=list,
        max_length=MAX_OPTIONS,
        doc="For a choice fact: its answers, in the order offered (2 to 9). Leave out for a yes/no fact.",
    )
    yes: str = spec(
        default="", doc="A yes/no fact: how a quiz scenario describes a company for which the answer is yes."
    )
    no: str = spec(default="", doc="… and one for which it is no.")
    if_no: str = spec(
        default="",
        synthesis=True,
        doc="What to do when the answer is no (probing questions): the guide's own advice, labelled as such.",
    )
    probing: bool = spec(default=False, doc="true for a probing question: a no must be explained before classifying.")
    how_to_find_out: str = spec(
        min_length=1,
        synthesis=True,
        doc="Where to look or whom to ask when the answer is not known ('not sure'): the guide's own advice, labelled as such.",
    )

    @property
    def choice(self) -> bool:
        """True for a fact answered by one of its named options rather than yes or no."""
        return bool(self.options)

    @property
    def values(self) -> tuple[Value, ...]:
        """Every answer this fact can have, in the order offered: (True, False), or the option ids."""
        return tuple(o.id for o in self.options) if self.options else (True, False)

    def option(self, value: Value) -> FactOption | None:
        """The option with this id (None for a yes/no answer or an unknown id)."""
        return next((o for o in self.options if o.id == value), None)

    def problems(self) -> list[tuple[DataPath, str]]:
        """A yes/no fact needs its two examples; a choice fact has at least two options, no yes/no texts."""
        found = super().problems()
        if self.options:
            if len(self.options) < 2:
                found.append((("options",), "a choice fact needs at least 2 options"))
            for key in ("yes", "no", "if_no"):
                if getattr(self, key):
                    found.append(((key,), f"a choice fact has no '{key}': put what each answer means in its option"))
            seen: set[str] = set()
            for i, o in enumerate(self.options):
                if o.id == NOT_SURE:
                    found.append(
                        (
                            ("options", i, "id"),
                            f"option id '{NOT_SURE}' is reserved: the classifier offers 'not sure' under it",
                        )
                    )
                if o.id in seen:
                    found.append((("options", i, "id"), f"duplicate option id '{o.id}'"))
                seen.add(o.id)
        else:
            for key in ("yes", "no"):
                if not getattr(self, key):
                    found.append(
                        ((key,), f"a yes/no fact needs '{key}' (or give it 'options' to make it a choice fact)")
                    )
        return found


class Signal(Cited):
    """A sign shown with a result that supports or questions it, without deciding it."""

    id: str = spec(pattern=ID)
    name: str = spec(min_length=1)
    text: str = spec(min_length=1, doc="What to watch for and what each reading suggests.")


class Impossible(Record):
    """A combination of answers that cannot describe a real company; no question or case may use it."""

    when: dict[str, Value | list[Value]] = spec(
        min_length=2,
        doc="Fact id: answer (true/false, an option id, or a list of them meaning any of these). Together these answers cannot all be true.",
    )
    why: str = spec(min_length=1)


class Notes(Record):
    """What a result lists besides its outcome: signals, special cases and pitfalls that apply."""

    signals: list[str] = spec(default_factory=list, doc="Ids of decision signals shown with this result.")
    special_cases: list[str] = spec(default_factory=list, doc="Ids of special cases (kinds.yml) that apply.")
    pitfalls: list[str] = spec(default_factory=list, doc="Ids of pitfalls (pitfalls.yml) that apply.")


class Outcome(Cited):
    """Where a relationship can land (customer, channel partner, …), with what to do next."""

    id: str = spec(pattern=ID)
    notes: Notes | None = spec(
        default=None, doc="Signals, special cases and pitfalls listed with every result of this outcome."
    )
    name: str = spec(min_length=1)
    summary: str = spec(min_length=1)
    next_step: str = spec(min_length=1, doc="The first thing to do once a relationship lands here.")
    next_step_synthesis: bool = spec(
        default=False,
        doc="true when the next step is the guide's own advice, not what a cited source says; the site labels it.",
    )


class Reading(Cited):
    """How one source would classify a case by its own test, where that differs from the rules.

    `when` is the source's own test, in the decision model's facts (cited to the lines that state
    it). The guide shows the reading only for cases whose answers meet it, says it is open where
    unknown answers leave it undecided, and never where it agrees with the rules
    (`generator.decision.readings_for`); the build refuses one that only ever agrees with them."""

    id: str = spec(pattern=ID)
    source: str = spec(pattern=ID)
    outcome: str = spec(pattern=ID, doc="What this source would call a case that meets `when`.")
    when: dict[str, Value | list[Value]] = spec(
        min_length=1, doc="The source's own test: fact id → the answer it needs (or a list, any of which will do)."
    )
    answers: str = spec(min_length=1, doc="The question this source's label answers, e.g. 'Who pays whom?'.")
    text: str = spec(min_length=1, doc="The reading in a sentence, paraphrasing the source.")


class Rule(Cited):
    """One decision rule: when these facts have these answers, the relationship is this outcome."""

    id: str = spec(pattern=ID)
    when: dict[str, Value | list[Value]] = spec(
        min_length=1,
        doc="Fact id: the answer this rule needs — true/false, an option id, or a list of them meaning any of these. Facts left out do not matter to it.",
    )
    outcome: str = spec(pattern=ID)
    because: str = spec(min_length=1)
    notes: Notes | None = spec(default=None, doc="Signals, special cases and pitfalls listed when this rule decides.")


class Note(Cited):
    """A short passage of guidance with its citations, for a section that is one paragraph."""

    text: str = spec(min_length=1)


class Decision(Record):
    """The decision model — facts, outcomes and rules — from which the tables, quiz and classifier derive."""

    facts: list[Fact] = spec(min_length=1, max_length=9)
    outcomes: list[Outcome] = spec(min_length=2)
    rules: list[Rule] = spec(min_length=1)
    signals: list[Signal] = spec(default_factory=list)
    impossible: list[Impossible] = spec(
        default_factory=list, doc="Fact combinations that cannot describe a real company."
    )
    readings: list[Reading] = spec(
        default_factory=list, doc="How each source would read a case differently, by its own test."
    )
    parties: Note | None = spec(
        default=None,
        doc="How to classify the several parties of one deal (cases sharing a `deal`); shown on the decision page.",
    )


class Aspect(Record):
    """One aspect of working with a relationship (winning, onboarding, …): a row of the playbook matrix."""

    id: str = spec(pattern=ID)
    name: str = spec(min_length=1)


class Play(Cited):
    """What to do for one outcome in one aspect: a cell of the playbook matrix."""

    id: str = spec(pattern=ID)
    outcome: str = spec(pattern=ID)
    aspect: str = spec(pattern=ID)
    text: str = spec(min_length=1)


class ChecklistStep(Cited):
    """One step of a first-week checklist."""

    text: str = spec(min_length=1)


class FirstWeek(Record):
    """What to do, in order, in the first week with a new relationship of one outcome: a printable page."""

    outcome: str = spec(pattern=ID)
    steps: list[ChecklistStep] = spec(min_length=1)


class Playbook(Record):
    """What to do differently with each outcome, aspect by aspect, and the first-week checklists."""

    aspects: list[Aspect] = spec(min_length=1)
    plays: list[Play] = spec(min_length=1)
    first_week: list[FirstWeek] = spec(
        default_factory=list, doc="First-week checklists, one per outcome; each gets a printable page."
    )


class Pitfall(Cited):
    """A common mistake in treating partners and customers, with its remedy."""

    id: str = spec(pattern=ID)
    name: str = spec(min_length=1)
    description: str = spec(min_length=1)
    remedy: str = spec(min_length=1)
    remedy_synthesis: bool = spec(
        default=False,
        doc="true when the remedy is the guide's own advice, not what a cited source says; the site labels it.",
    )


class Term(Cited):
    """A glossary entry: one term, its synonyms and a short definition."""

    id: str = spec(pattern=ID)
    term: str = spec(min_length=1)
    also_called: list[str] = spec(
        default_factory=list, doc="Other words people use for this term; shown on the glossary, so search finds them."
    )
    definition: str = spec(min_length=1, max_length=300)

    def problems(self) -> list[tuple[DataPath, str]]:
        """The citation checks, and no empty synonym (it would show as a blank on the page)."""
        return super().problems() + _synonym_problems(self.also_called)


class Scenario(Cited):
    """A worked case: a story, its answers to every fact, and the outcome the rules must reach."""

    id: str = spec(pattern=ID)
    title: str = spec(min_length=1)
    story: str = spec(min_length=1)
    facts: dict[str, Value | None] = spec(
        min_length=1,
        doc="Fact id: the answer in this case — true or false (a yes/no fact), an option id (a choice fact) or null (not known from the story) — for every fact of the decision model.",
    )
    expect: str | None = spec(
        default=None,
        pattern=ID,
        doc="The outcome id you expect, or 'undecided'; the build fails when the rules say otherwise.",
    )
    find_out: str | None = spec(
        default=None, pattern=ID, doc="For an undecided case: the fact to find out first; the build checks it."
    )
    deal: str | None = spec(default=None, pattern=ID, doc="Cases with the same deal id are parties of one deal.")
    party: str = spec(default="", doc="Who this party is in its deal, e.g. 'the advertisers'.")
    reasoning: str = spec(min_length=1)


class Mistake(Cited):
    """A wrong reading new hires are likely to choose: when a relationship is `right`, people pick
    `picked`, tempted by what `text` says. The quiz's assessment offers a wrong outcome for a case only
    if it is recorded here for the case's outcome, and shows `text` to whoever picks it."""

    right: str = spec(pattern=ID, doc="The outcome id the relationship really is (or 'undecided').")
    picked: str = spec(pattern=ID, doc="The outcome id people pick instead (or 'undecided').")
    text: str = spec(min_length=1, doc="What tempts them, and why it fails: shown as feedback to whoever picks it.")
    when: dict[str, Value | list[Value]] = spec(
        default_factory=dict,
        doc="Only for cases with these answers (fact id: answer or list of answers, as a rule's `when`); the first recorded mistake that fits is shown.",
    )


class WrittenOption(Cited):
    """An option written out for a `reading` item: one source's reading of the case, and why it is
    (or is not) that source's reading, with the line that shows it."""

    id: str = spec(pattern=ID)
    source: str = spec(pattern=ID, doc="The source whose reading the option claims to give.")
    text: str = spec(min_length=1)
    why: str = spec(
        min_length=1, doc="Feedback for whoever picks it: why it is, or is not, that source's reading here."
    )


ITEM_KINDS = ("classify", "find_out", "check", "act", "play", "reading")
"""What an assessment item asks about its case (see knowledge/assessment.yml)."""


class AssessmentItem(Record):
    """One question about an assessment case. Its answer is computed from the rules, except for a
    `reading` item, whose `key` names the written option a careful reader can defend."""

    kind: Literal["classify", "find_out", "check", "act", "play", "reading"]
    ask: str = spec(min_length=1, doc="The lead-in, asked after the story.")
    options: list[str] = spec(
        default_factory=list, doc="Ids: outcomes (classify, act), facts (find_out, check) or plays (play)."
    )
    written: list[WrittenOption] = spec(default_factory=list, doc="A reading item's options, written out.")
    key: str | None = spec(default=None, pattern=ID, doc="A reading item: the id of the written option that is right.")

    def problems(self) -> list[tuple[DataPath, str]]:
        """A reading item has written options and a key among them; every other kind lists option ids."""
        found: list[tuple[DataPath, str]] = []
        if self.kind == "reading":
            if len(self.written) < 3 or self.options:
                found.append(
                    (("written",), "a reading item writes out 3 to 5 options under 'written' (and no 'options')")
                )
            if self.key not in {o.id for o in self.written}:
                found.append((("key",), f"key '{self.key}' is not one of the written options"))
        else:
            if not 3 <= len(self.options) <= 5 or self.written or self.key:
                found.append(
                    (
                        ("options",),
                        f"a {self.kind} item lists 3 to 5 option ids under 'options' (no 'written', "
                        "no 'key': its answer is computed)",
                    )
                )
        if len(set(self.options)) < len(self.options) or len({o.id for o in self.written}) < len(self.written):
            found.append((("options",), "an option is listed twice"))
        return found


class AssessmentCase(Record):
    """A held-out case: a story no page of the site solves, its facts, and the items asked about it."""

    id: str = spec(pattern=ID)
    family: Literal[
        "core", "unknown-irrelevant", "becoming-partner", "lapsed", "chain", "other-sense", "playbook", "disagreement"
    ] = spec(doc="The kind of judgement the case trains.")
    story: str = spec(min_length=1, doc="Told as a colleague would; paraphrase the fact questions, never echo them.")
    facts: dict[str, Value | None] = spec(
        min_length=1,
        doc="Fact id: the answer in this case — true/false, an option id of a choice fact, or null (not known from the story) — for every fact.",
    )
    expect: str = spec(
        pattern=ID, doc="The outcome id you expect, or 'undecided'; the build fails when the rules say otherwise."
    )
    find_out: str | None = spec(default=None, pattern=ID, doc="For an undecided case: the fact to find out first.")
    deal: str | None = spec(default=None, pattern=ID, doc="Cases with the same deal id are parties of one deal.")
    items: list[AssessmentItem] = spec(min_length=1)


class Assessment(Record):
    """The held-out assessment pool and how a round of it is drawn."""

    size: int = spec(default=12, ge=1, le=100, doc="Questions in one assessment round.")
    per_topic: dict[str, int] = spec(
        default_factory=dict,
        doc="Topic id: at least this many a round (when the pool allows); every other topic of the pool at least one.",
    )
    max_per_kind: dict[str, int] = spec(
        default_factory=dict, doc="Item kind: at most this many a round (recall-like kinds)."
    )
    cases: list[AssessmentCase] = spec(min_length=1)


class Topic(Record):
    """A quiz topic: what a question is about and the guide page a learner should read for it."""

    id: str = spec(pattern=ID)
    name: str = spec(min_length=1)
    link: str = spec(
        pattern=SITE_LINK, doc="Page URL relative to the site root, optionally with an anchor: decision/#rules."
    )


class QuizOption(Record):
    """One answer option of a hand-written quiz question."""

    id: str = spec(pattern=ID)
    text: str = spec(min_length=1)


class AuthoredQuestion(Cited):
    """A hand-written question for what the data cannot generate; the bank checks it."""

    id: str = spec(pattern=ID)
    topic: str = spec(pattern=ID)
    prompt: str = spec(min_length=1)
    options: list[QuizOption] = spec(min_length=2)
    correct: list[str] = spec(min_length=1, doc="Ids of the correct options (several make it a select-all question).")
    explanation: str = spec(min_length=1)
    link: str = spec(pattern=SITE_LINK)


class Retired(Record):
    """A generated question the quiz no longer asks, and why (two defensible answers, teaches nothing)."""

    id: str = spec(pattern=ID)
    why: str = spec(min_length=1)


class QuizConfig(Record):
    """How a quiz round is drawn and passed, its topics, and the hand-written questions."""

    size: int = spec(default=12, ge=1, le=100, doc="Questions in one quiz round.")
    pass_mark: float = spec(
        default=0.8, gt=0, le=1, doc="Share of right answers needed to pass, above 0 and at most 1."
    )
    per_topic: dict[str, int] = spec(
        default_factory=dict,
        doc="Topic id: at least this many questions per round from that topic (every other topic gets at least one; 0 leaves a topic out of the minimum).",
    )
    topics: list[Topic] = spec(min_length=1)
    questions: list[AuthoredQuestion] = spec(default_factory=list)
    retired: list[Retired] = spec(
        default_factory=list, doc="Generated questions not asked any more, each with the reason."
    )


class KnowledgeBase(Record):
    """The whole knowledge base, one attribute per YAML section."""

    sources: list[Source] = spec(min_length=1)
    definitions: list[Definition] = spec(min_length=1)
    dimensions: list[Dimension] = spec(min_length=1)
    partner_kinds: list[Kind] = spec(min_length=1)
    special_cases: list[Kind] = spec(default_factory=list)
    debate: Debate
    decision: Decision
    playbook: Playbook
    pitfalls: list[Pitfall] = spec(default_factory=list)
    glossary: list[Term] = spec(default_factory=list)
    scenarios: list[Scenario] = spec(default_factory=list)
    quiz: QuizConfig
    mistakes: list[Mistake] = spec(default_factory=list)
    assessment: Assessment | None = None

    # Lookup tables, filled on first use: the model is frozen, so they never go stale, and a lookup
    # per citation stays O(1) however many sources there are.
    _sources_by_id: dict[str, Source] = field(default_factory=dict, init=False, repr=False, compare=False)
    _outcomes_by_id: dict[str, Outcome] = field(default_factory=dict, init=False, repr=False, compare=False)

    def source(self, source_id: str) -> Source:
        """The source with this id (KeyError when there is none: the checks rule that out first)."""
        if not self._sources_by_id:
            self._sources_by_id.update((s.id, s) for s in self.sources)
        return self._sources_by_id[source_id]

    def outcome(self, outcome_id: str) -> Outcome:
        """The decision outcome with this id (KeyError when there is none: the checks rule that out first)."""
        if not self._outcomes_by_id:
            self._outcomes_by_id.update((o.id, o) for o in self.decision.outcomes)
        return self._outcomes_by_id[outcome_id]
