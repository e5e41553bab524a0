"""A quiz question as the bank makes it and the site ships it: its options, its answer, and the
topic its kind teaches. The model the generators (bank.py) and the quality gates (gates.py) share."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from generator.model import Value
from generator.text import comparable

# Each generated kind teaches one quiz topic (quiz.yml must list these topic ids).
# In the order the data-formats page lists them (quiz/templates/formats.md.j2 reads it from here).
KIND_TOPIC: dict[str, str] = {
    "scenario": "classification",
    "first": "first-steps",
    "distinction": "distinctions",
    "perspective": "debate",
    "definition": "definitions",
    "kind": "kinds",
    "probing": "probing",
    "playbook": "playbook",
    "pitfall": "pitfalls",
}
PRACTICE, ASSESSMENT = "practice", "assessment"
"""The two pools: practice is what the guide publishes with answers; assessment is held out — its
stories appear solved nowhere on the site, and assessment mode draws only from it."""
CASE_KINDS = ("scenario", "first")  # the kinds told as cases: the judgement the quiz is for


@dataclass(frozen=True)
class Option:
    """One answer a reader can pick; `id` is stable, `text` is shown."""

    id: str
    text: str
    category: str = ""  # what sort of answer this is ("outcome", "play" …): a question's options share one


@dataclass(frozen=True)
class Question:
    """One quiz question, with its answer, explanation, sources and guide section."""

    id: str
    topic: str
    kind: str
    prompt: str
    options: list[Option]
    correct: list[str]
    explanation: str
    sources: list[str]
    link: str  # page URL relative to the site root, with anchor (see generator.layout.anchors)
    facts: dict[str, Value | None] | None = None  # case questions only: the facts of the case (None: not known)
    pool: str = PRACTICE  # PRACTICE: published with its answer (study sheet, scenarios); ASSESSMENT: held out
    case: str = ""  # assessment questions: the case asked about (a round asks one question per case)
    feedback: dict[str, str] = field(default_factory=dict)  # option id -> what a learner who picks it learns
    multiple: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "multiple", len(self.correct) > 1)


@dataclass(frozen=True)
class LeftOut:
    """A question a generator could have made but does not ask, and why (a gate it would fail)."""

    id: str
    reason: str
    topic: str = ""  # the topic it would have taught
    prompt: str = ""  # what it would have asked
    link: str = ""  # the guide section it teaches, which places it in the knowledge base (--left-out)


@functools.lru_cache(maxsize=1 << 16)
def normalised(text: str) -> str:
    """Text compared as a reader would (generator.text.comparable), case ignored too. Cached: the
    bank compares the same options' texts for every question whose distractors it picks."""
    return comparable(text, fold_case=True)
