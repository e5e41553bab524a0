"""Pure evaluation of the decision model — the one place rules are interpreted.

The quiz answers, the guide's tables and diagram, and (through rules.json) the
browser tool all use these functions or a line-for-line port of them
(quiz/assets/rules.js), and tests/test_rules_parity.py checks the port on every input.

An answer is True (yes), False (no) or None (not sure). A fact missing from the
answers has not been asked yet. Rules only ever require yes or no; an unknown
answer keeps every rule that needs either value possible, so the verdict names
the outcomes still possible and which unknown fact to find out first.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import product

from .model import Decision, Rule

Answer = bool | None  # None: "not sure"
Facts = Mapping[str, Answer]


def all_fact_combinations(decision: Decision) -> Iterator[dict[str, bool]]:
    """Every assignment of yes/no to the facts, in a stable order."""
    ids = [f.id for f in decision.facts]
    for values in product((True, False), repeat=len(ids)):
        yield dict(zip(ids, values))


def all_answer_combinations(decision: Decision) -> Iterator[dict[str, Answer]]:
    """Every assignment of yes/no/not sure to the facts (3^n), in a stable order."""
    ids = [f.id for f in decision.facts]
    for values in product((True, False, None), repeat=len(ids)):
        yield dict(zip(ids, values))


def matches(rule: Rule, facts: Facts) -> bool:
    """A rule matches when every fact it names has the value it requires."""
    return all(facts.get(fact) == value for fact, value in rule.when.items())


def matching_rules(decision: Decision, facts: Facts) -> list[Rule]:
    """All rules that match; the checks guarantee exactly one for complete yes/no facts."""
    return [rule for rule in decision.rules if matches(rule, facts)]


def classify(decision: Decision, facts: Facts) -> Rule:
    """The rule that decides a complete set of yes/no facts (ValueError if not exactly one)."""
    found = matching_rules(decision, facts)
    if len(found) != 1:
        raise ValueError(f"{len(found)} rules match {dict(facts)}")
    return found[0]


def _open(answers: Facts, fact: str, value: bool) -> bool:
    """An answer leaves a rule's condition possible: not asked, not sure, or the value it needs."""
    given = answers.get(fact, value)
    return given is None or given == value


def candidates(decision: Decision, answers: Facts) -> list[Rule]:
    """Rules still possible given partial answers (a rule is out once a yes or no contradicts it)."""
    return [rule for rule in decision.rules if all(_open(answers, f, v) for f, v in rule.when.items())]


def next_question(decision: Decision, answers: Facts) -> str | None:
    """The first fact, in question order, that a still-possible rule depends on and is unasked.

    None means nothing more can be asked: the answers decide the rule, or what is
    left depends only on answers given as "not sure". Asking in this order is what
    makes the guide's flowchart and the tool's step-by-step path the same.
    """
    left = candidates(decision, answers)
    if len(left) <= 1:
        return None
    for fact in decision.facts:
        if fact.id not in answers and any(fact.id in rule.when for rule in left):
            return fact.id
    return None


def path(decision: Decision, facts: Facts) -> list[tuple[str, Answer]]:
    """The questions asked, in order, with the answers from `facts` — the reasoning shown to a reader."""
    answers: dict[str, Answer] = {}
    while (fact := next_question(decision, answers)) is not None:
        answers[fact] = facts.get(fact)
    return list(answers.items())


UNDECIDED = "undecided"
"""The reading of a case the rules cannot decide from what is known: a case's `expect`, the quiz's
answer id and the classifier's data-outcome all use this word."""


@dataclass(frozen=True)
class Verdict:
    """What the answers allow: the rules and outcomes still possible, and what to find out.

    `outcome` is the outcome when only one is possible (it may be reached by several
    rules); otherwise None — undecided — and `find_out` lists the facts answered
    "not sure" whose answer would narrow the outcomes, the first one first.
    """

    rules: tuple[Rule, ...]
    outcomes: tuple[str, ...]
    find_out: tuple[str, ...]

    @property
    def outcome(self) -> str | None:
        """The one outcome still possible, or None when the answers leave several (undecided)."""
        return self.outcomes[0] if len(self.outcomes) == 1 else None

    @property
    def rule(self) -> Rule | None:
        """The one rule that decides, or None when several (or none) still apply."""
        return self.rules[0] if len(self.rules) == 1 else None


def _splits(rules: list[Rule], fact: str) -> bool:
    """Answering `fact` would change which outcomes are possible."""
    def outcomes(value: bool) -> set[str]:
        return {r.outcome for r in rules if r.when.get(fact, value) == value}
    return outcomes(True) != outcomes(False)


def verdict(decision: Decision, answers: Facts) -> Verdict:
    """The verdict for the answers given so far (complete or not)."""
    left = candidates(decision, answers)
    outcomes = tuple(o.id for o in decision.outcomes if any(r.outcome == o.id for r in left))
    find_out: tuple[str, ...] = ()
    if len(outcomes) > 1:
        find_out = tuple(f.id for f in decision.facts
                         if f.id in answers and answers[f.id] is None and _splits(left, f.id))
    return Verdict(tuple(left), outcomes, find_out)


def decide(decision: Decision, answers: Facts) -> Verdict | None:
    """The tool's conclusion once it has nothing more to ask (None while a question is still open)."""
    return verdict(decision, answers) if next_question(decision, answers) is None else None


def impossible(decision: Decision, facts: Facts) -> list[int]:
    """Indexes of the declared impossible combinations that these yes/no answers fall into."""
    return [i for i, imp in enumerate(decision.impossible)
            if all(facts.get(f) == v for f, v in imp.when.items())]


def plausible_completions(decision: Decision, facts: Facts) -> Iterator[dict[str, bool]]:
    """Every complete yes/no combination agreeing with `facts` (unknowns either way) that can exist."""
    for combo in all_fact_combinations(decision):
        if all(facts.get(f) is None or facts[f] == v for f, v in combo.items()) and not impossible(decision, combo):
            yield combo


@dataclass(frozen=True)
class Node:
    """A node of the flowchart: either a question with two branches or a rule (leaf)."""

    fact: str | None = None
    yes: Node | None = None
    no: Node | None = None
    rule: Rule | None = None


def tree(decision: Decision, answers: Facts | None = None) -> Node:
    """The flowchart the rules imply (yes/no answers), built by asking `next_question` repeatedly."""
    answers = dict(answers or {})
    fact = next_question(decision, answers)
    if fact is None:
        left = candidates(decision, answers)
        return Node(rule=left[0] if left else None)
    return Node(fact=fact,
                yes=tree(decision, {**answers, fact: True}),
                no=tree(decision, {**answers, fact: False}))
