"""Pure evaluation of the decision model — the one place rules are interpreted.

The quiz answers, the guide's tables and diagram, and (through rules.json) the
browser tool all use these functions or a line-for-line port of them
(quiz/assets/quiz.js), and a browser test checks the port on every input.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Iterator, Mapping

from .model import Decision, Rule

Facts = Mapping[str, bool]


def all_fact_combinations(decision: Decision) -> Iterator[dict[str, bool]]:
    """Every assignment of yes/no to the facts, in a stable order."""
    ids = [f.id for f in decision.facts]
    for values in product((True, False), repeat=len(ids)):
        yield dict(zip(ids, values))


def matches(rule: Rule, facts: Facts) -> bool:
    """A rule matches when every fact it names has the value it requires."""
    return all(facts.get(fact) == value for fact, value in rule.when.items())


def matching_rules(decision: Decision, facts: Facts) -> list[Rule]:
    """All rules that match; the checks guarantee exactly one for complete facts."""
    return [rule for rule in decision.rules if matches(rule, facts)]


def classify(decision: Decision, facts: Facts) -> Rule:
    """The rule that decides a complete set of facts (ValueError if not exactly one)."""
    found = matching_rules(decision, facts)
    if len(found) != 1:
        raise ValueError(f"{len(found)} rules match {dict(facts)}")
    return found[0]


def candidates(decision: Decision, answers: Facts) -> list[Rule]:
    """Rules still possible given partial answers (a rule is out once an answer contradicts it)."""
    return [rule for rule in decision.rules
            if all(answers.get(f, v) == v for f, v in rule.when.items())]


def next_question(decision: Decision, answers: Facts) -> str | None:
    """The first fact, in question order, that a still-possible rule depends on and is unanswered.

    None means the answers already decide the outcome. Asking in this order is
    what makes the guide's flowchart and the tool's step-by-step path the same.
    """
    left = candidates(decision, answers)
    if len(left) <= 1:
        return None
    for fact in decision.facts:
        if fact.id not in answers and any(fact.id in rule.when for rule in left):
            return fact.id
    return None


def path(decision: Decision, facts: Facts) -> list[tuple[str, bool]]:
    """The questions asked, in order, for complete facts — the reasoning shown to a reader."""
    answers: dict[str, bool] = {}
    while (fact := next_question(decision, answers)) is not None:
        answers[fact] = bool(facts[fact])
    return list(answers.items())


@dataclass(frozen=True)
class Node:
    """A node of the flowchart: either a question with two branches or a rule (leaf)."""

    fact: str | None = None
    yes: "Node | None" = None
    no: "Node | None" = None
    rule: Rule | None = None


def tree(decision: Decision, answers: Facts | None = None) -> Node:
    """The flowchart the rules imply, built by asking `next_question` repeatedly."""
    answers = dict(answers or {})
    fact = next_question(decision, answers)
    if fact is None:
        left = candidates(decision, answers)
        return Node(rule=left[0] if left else None)
    return Node(fact=fact,
                yes=tree(decision, {**answers, fact: True}),
                no=tree(decision, {**answers, fact: False}))
