"""Typed model of the knowledge base.

Every claim carries `cites` (source ids, optionally `id:line` pointing into the
source file) or is flagged `synthesis: true` — the guide's own reading. The
decision model (facts, outcomes, rules) is the single truth that the guide's
tables and diagram, the quiz answers and the classifier tool all derive from.
"""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

ID = r"^[a-z][a-z0-9_-]*$"
CITE = re.compile(r"^(?P<source>[a-z][a-z0-9_-]*)(?::(?P<line>[1-9][0-9]*))?$")
NonEmpty = Field(min_length=1)


class Strict(BaseModel):
    """Unknown keys are typos: refuse them instead of silently dropping data."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Cited(Strict):
    """A claim that traces to sources, or is openly the guide's own synthesis."""

    cites: list[str] = Field(default_factory=list)
    synthesis: bool = False

    @field_validator("cites")
    @classmethod
    def _cite_format(cls, cites: list[str]) -> list[str]:
        for cite in cites:
            if not CITE.match(cite):
                raise ValueError(f"citation '{cite}' must be a source id, optionally ':line'")
        return cites

    @model_validator(mode="after")
    def _traceable(self) -> "Cited":
        if not self.cites and not self.synthesis:
            raise ValueError("needs 'cites' (source ids) or 'synthesis: true'")
        return self

    @property
    def source_ids(self) -> list[str]:
        """Cited source ids in order, without line numbers or repeats."""
        seen: list[str] = []
        for cite in self.cites:
            sid = cite.split(":")[0]
            if sid not in seen:
                seen.append(sid)
        return seen


class Quote(Strict):
    """A short passage quoted word for word, with the line it stands on in the source file."""

    text: str = Field(min_length=1, max_length=240)
    line: int = Field(ge=1)


class Source(Strict):
    id: str = Field(pattern=ID)
    title: str = NonEmpty
    author: str = NonEmpty
    author_note: str = ""
    file: str = Field(pattern=r"^[\w.-]+\.txt$")
    stance: str = NonEmpty
    summary: str = NonEmpty
    key_points: list[str] = Field(min_length=1)
    quotes: list[Quote] = Field(default_factory=list)
    not_content: str = ""  # which parts of the file are furniture or comments


class Definition(Cited):
    id: str = Field(pattern=ID)
    term: Literal["customer", "partner"]
    source: str = Field(pattern=ID)
    sense: str = NonEmpty
    text: str = NonEmpty
    quote: Quote | None = None
    excludes: str = ""  # a sense this source explicitly rules out


class Cell(Cited):
    text: str = NonEmpty


class Dimension(Strict):
    id: str = Field(pattern=ID)
    name: str = NonEmpty
    summary: str = NonEmpty
    customer: Cell
    partner: Cell


class Kind(Cited):
    id: str = Field(pattern=ID)
    name: str = NonEmpty
    description: str = NonEmpty
    outcome: str | None = Field(default=None, pattern=ID)
    examples: list[str] = Field(default_factory=list)


class Position(Strict):
    id: str = Field(pattern=ID)
    label: str = NonEmpty


class Stance(Cited):
    source: str = Field(pattern=ID)
    position: str = Field(pattern=ID)
    argument: str = NonEmpty
    quote: Quote | None = None


class Debate(Strict):
    question: str = NonEmpty
    intro: str = NonEmpty
    positions: list[Position] = Field(min_length=2)
    stances: list[Stance] = Field(min_length=1)
    synthesis_note: str = NonEmpty


class Fact(Cited):
    id: str = Field(pattern=ID)
    question: str = NonEmpty
    help: str = NonEmpty
    yes: str = NonEmpty  # how a scenario reads when the fact holds
    no: str = NonEmpty  # … and when it does not
    if_no: str = ""  # what to do when the answer is no (probing questions)
    probing: bool = False


class Outcome(Cited):
    id: str = Field(pattern=ID)
    name: str = NonEmpty
    summary: str = NonEmpty
    next_step: str = NonEmpty  # the first thing to do once a relationship lands here


class Alternative(Strict):
    outcome: str = Field(pattern=ID)
    source: str = Field(pattern=ID)
    reading: str = NonEmpty


class Rule(Cited):
    id: str = Field(pattern=ID)
    when: dict[str, bool] = Field(min_length=1)
    outcome: str = Field(pattern=ID)
    because: str = NonEmpty
    alternatives: list[Alternative] = Field(default_factory=list)


class Decision(Strict):
    facts: list[Fact] = Field(min_length=1, max_length=12)
    outcomes: list[Outcome] = Field(min_length=2)
    rules: list[Rule] = Field(min_length=1)


class Aspect(Strict):
    id: str = Field(pattern=ID)
    name: str = NonEmpty


class Play(Cited):
    id: str = Field(pattern=ID)
    outcome: str = Field(pattern=ID)
    aspect: str = Field(pattern=ID)
    text: str = NonEmpty


class Playbook(Strict):
    aspects: list[Aspect] = Field(min_length=1)
    plays: list[Play] = Field(min_length=1)


class Pitfall(Cited):
    id: str = Field(pattern=ID)
    name: str = NonEmpty
    description: str = NonEmpty
    remedy: str = NonEmpty


class Term(Cited):
    id: str = Field(pattern=ID)
    term: str = NonEmpty
    definition: str = Field(min_length=1, max_length=300)


class Scenario(Cited):
    id: str = Field(pattern=ID)
    title: str = NonEmpty
    story: str = NonEmpty
    facts: dict[str, bool] = Field(min_length=1)
    expect: str | None = Field(default=None, pattern=ID)  # checked against the rules
    reasoning: str = NonEmpty


class Topic(Strict):
    id: str = Field(pattern=ID)
    name: str = NonEmpty
    link: str = Field(pattern=r"^[a-z0-9/_-]+/(#[a-z0-9_-]+)?$")  # page URL relative to the site root


class QuizOption(Strict):
    id: str = Field(pattern=ID)
    text: str = NonEmpty


class AuthoredQuestion(Cited):
    """A hand-written question for what the data cannot generate; the bank checks it."""

    id: str = Field(pattern=ID)
    topic: str = Field(pattern=ID)
    prompt: str = NonEmpty
    options: list[QuizOption] = Field(min_length=2)
    correct: list[str] = Field(min_length=1)
    explanation: str = NonEmpty
    link: str = Field(pattern=r"^[a-z0-9/_-]+/(#[a-z0-9_-]+)?$")


class QuizConfig(Strict):
    size: int = Field(default=12, ge=1, le=100)
    pass_mark: float = Field(default=0.8, gt=0, le=1)
    per_topic: dict[str, int] = Field(default_factory=dict)
    topics: list[Topic] = Field(min_length=1)
    questions: list[AuthoredQuestion] = Field(default_factory=list)


class KnowledgeBase(Strict):
    """The whole knowledge base, one attribute per YAML section."""

    sources: list[Source] = Field(min_length=1)
    definitions: list[Definition] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)
    partner_kinds: list[Kind] = Field(min_length=1)
    special_cases: list[Kind] = Field(default_factory=list)
    debate: Debate
    decision: Decision
    playbook: Playbook
    pitfalls: list[Pitfall] = Field(default_factory=list)
    glossary: list[Term] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)
    quiz: QuizConfig

    # Lookup tables, filled on first use: the model is frozen, so they never go stale, and a lookup
    # per citation stays O(1) however many sources there are.
    _by_id: dict[str, dict[str, object]] = PrivateAttr(default_factory=dict)

    def source(self, source_id: str) -> Source:
        if "sources" not in self._by_id:
            self._by_id["sources"] = {s.id: s for s in self.sources}
        return self._by_id["sources"][source_id]  # type: ignore[return-value]

    def outcome(self, outcome_id: str) -> Outcome:
        if "outcomes" not in self._by_id:
            self._by_id["outcomes"] = {o.id: o for o in self.decision.outcomes}
        return self._by_id["outcomes"][outcome_id]  # type: ignore[return-value]
