"""Pure evaluation of the decision model — the one place rules are interpreted.

The quiz answers, the guide's tables and diagram, and (through rules.json) the
browser tool all use these functions or a line-for-line port of them
(quiz/assets/rules.js), and tests/test_rules_parity.py checks the port on every input.

A fact is answered yes or no (True, False), or — a choice fact — by one of its
option ids; None is "not sure". A fact missing from the answers has not been
asked yet. A rule's `when` names, per fact, the one answer it needs or a list
of answers any of which will do. An unknown answer keeps every rule possible
that some answer would satisfy, so the verdict names the outcomes still
possible and which unknown fact to find out first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import product
from typing import Literal

from .model import Decision, Reading, Rule, Value

Answer = Value | None  # None: "not sure"
Facts = Mapping[str, Answer]
Conditions = Mapping[str, Value | list[Value] | None]  # a rule's `when`, or answers, or a mix


def accepted(wanted: Value | list[Value]) -> tuple[Value, ...]:
    """The answers a rule's (or an impossible combination's) condition on one fact accepts."""
    return tuple(wanted) if isinstance(wanted, list) else (wanted,)


def _holds(wanted: Value | list[Value], given: Answer) -> bool:
    """A known answer meets a condition. Compared by type too: an option id never equals a yes/no."""
    return given is not None and any(type(given) is type(w) and given == w for w in accepted(wanted))


def domains(decision: Decision) -> dict[str, tuple[Value, ...]]:
    """Every fact's possible answers, facts in question order."""
    return {f.id: f.values for f in decision.facts}


def all_fact_combinations(decision: Decision) -> Iterator[dict[str, Value]]:
    """Every assignment of an answer to every fact, in a stable order (the product of the facts'
    answer counts: 2 for a yes/no fact, one per option for a choice fact)."""
    ids, values = zip(*domains(decision).items())
    for combo in product(*values):
        yield dict(zip(ids, combo))


def all_answer_combinations(decision: Decision) -> Iterator[dict[str, Answer]]:
    """Every assignment of an answer or "not sure" to every fact, in a stable order."""
    ids, values = zip(*domains(decision).items())
    for combo in product(*(v + (None,) for v in values)):
        yield dict(zip(ids, combo))


def matches(rule: Rule, facts: Facts) -> bool:
    """A rule matches when every fact it names has an answer it accepts."""
    return all(_holds(wanted, facts.get(fact)) for fact, wanted in rule.when.items())


def matching_rules(decision: Decision, facts: Facts) -> list[Rule]:
    """All rules that match; the checks guarantee exactly one for complete answers."""
    return [rule for rule in decision.rules if matches(rule, facts)]


def classify(decision: Decision, facts: Facts) -> Rule:
    """The rule that decides complete answers (ValueError if not exactly one)."""
    found = matching_rules(decision, facts)
    if len(found) != 1:
        raise ValueError(f"{len(found)} rules match {dict(facts)}")
    return found[0]


def _open(answers: Facts, fact: str, wanted: Value | list[Value]) -> bool:
    """An answer leaves a rule's condition possible: not asked, not sure, or one it accepts."""
    if fact not in answers or answers[fact] is None:
        return True
    return _holds(wanted, answers[fact])


def candidates(decision: Decision, answers: Facts) -> list[Rule]:
    """Rules still possible given partial answers (a rule is out once a known answer contradicts it)."""
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


def splits(rules: list[Rule] | tuple[Rule, ...], fact: str, values: tuple[Value, ...]) -> bool:
    """Knowing `fact` would change which outcomes are possible: some two of its answers leave
    different sets of outcomes among `rules`."""
    seen = {frozenset(r.outcome for r in rules if fact not in r.when or _holds(r.when[fact], v)) for v in values}
    return len(seen) > 1


def verdict(decision: Decision, answers: Facts) -> Verdict:
    """The verdict for the answers given so far (complete or not)."""
    left = candidates(decision, answers)
    outcomes = tuple(o.id for o in decision.outcomes if any(r.outcome == o.id for r in left))
    find_out: tuple[str, ...] = ()
    if len(outcomes) > 1:
        find_out = tuple(
            f.id for f in decision.facts if f.id in answers and answers[f.id] is None and splits(left, f.id, f.values)
        )
    return Verdict(tuple(left), outcomes, find_out)


def decide(decision: Decision, answers: Facts) -> Verdict | None:
    """The tool's conclusion once it has nothing more to ask (None while a question is still open)."""
    return verdict(decision, answers) if next_question(decision, answers) is None else None


def impossible(decision: Decision, facts: Facts) -> list[int]:
    """Indexes of the declared impossible combinations that these known answers fall into."""
    return [i for i, imp in enumerate(decision.impossible) if all(_holds(v, facts.get(f)) for f, v in imp.when.items())]


def plausible_completions(decision: Decision, facts: Conditions) -> Iterator[dict[str, Value]]:
    """Every complete combination agreeing with `facts` (a fact unknown, or given as a list of accepted
    answers, may take any of them) that can exist."""
    given = {f: v for f, v in facts.items() if v is not None}
    for combo in all_fact_combinations(decision):
        if all(_holds(v, combo[f]) for f, v in given.items() if f in combo) and not impossible(decision, combo):
            yield combo


@dataclass(frozen=True)
class Node:
    """A node of the flowchart: either a question with one branch per answer or a rule (leaf)."""

    fact: str | None = None
    branches: tuple[tuple[Value, Node], ...] = ()
    rule: Rule | None = None

    def branch(self, value: Value) -> Node | None:
        """The subtree for one answer to this node's question."""
        return next((node for v, node in self.branches if type(v) is type(value) and v == value), None)


def tree(decision: Decision, answers: Facts | None = None) -> Node:
    """The flowchart the rules imply (known answers only), built by asking `next_question` repeatedly."""
    answers = dict(answers or {})
    fact = next_question(decision, answers)
    if fact is None:
        left = candidates(decision, answers)
        return Node(rule=left[0] if left else None)
    values = domains(decision)[fact]
    return Node(fact=fact, branches=tuple((v, tree(decision, {**answers, fact: v})) for v in values))


@dataclass(frozen=True)
class SourceReading:
    """One source's reading of a case, where it differs from the rules' outcome.

    `status` is "applies" when the case's answers meet the source's own test, "open" when no known
    answer contradicts it but some it needs are unknown — `unknown` lists those facts, in question order.
    """

    reading: Reading
    status: Literal["applies", "open"]
    unknown: tuple[str, ...] = ()


def readings_for(decision: Decision, facts: Facts) -> list[SourceReading]:
    """The sources' readings of a case that differ from the rules' outcome — the one place that decides
    where "X would call this Y" is shown (worked scenarios, decision page, classifier, quiz feedback).

    `facts` are a case's or the tool's answers (None or absent: not known). A reading is left out when
    a known answer contradicts its test, and when the rules decide the case and the reading names that
    same outcome; it "applies" when every answer its test needs is known and met, and is "open" (with
    the unknown facts that would settle it) otherwise. In the decision model's order of readings.
    quiz/assets/rules.js has the same function (readingsFor), checked on every input by the parity test.
    """
    outcome = verdict(decision, facts).outcome
    order = [f.id for f in decision.facts]
    found: list[SourceReading] = []
    for r in decision.readings:
        if r.outcome == outcome or any(
            facts.get(f) is not None and not _holds(w, facts.get(f)) for f, w in r.when.items()
        ):
            continue
        unknown = tuple(f for f in order if f in r.when and facts.get(f) is None)
        found.append(SourceReading(r, "open" if unknown else "applies", unknown))
    return found
