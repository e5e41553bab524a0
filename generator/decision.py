"""Pure evaluation of the decision model — the one place rules are interpreted.

The quiz answers, the guide's tables and diagram, and (through rules.json) the
browser tool all use these functions or a port of them (quiz/assets/rules.js, which
reads the conditions directly where this module compiles them to bitmasks), and
tests/test_rules_parity.py checks the port on every input.

A fact is answered yes or no (True, False), or — a choice fact — by one of its
option ids; None is "not sure". A fact missing from the answers has not been
asked yet. A rule's `when` names, per fact, the one answer it needs or a list
of answers any of which will do. An unknown answer keeps every rule possible
that some answer would satisfy, so the verdict names the outcomes still
possible and which unknown fact to find out first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
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


Key = tuple[type, Value]  # an answer with its type, so that a dict lookup compares both as _holds does


def _key(value: Value) -> Key:
    return (type(value), value)


@dataclass(frozen=True)
class _Compiled:
    """A decision model as bitmasks over its rules (bit i: rule i), made once per model.

    The checks, the quiz bank and the pages evaluate tens of thousands of answer sets; with the masks
    each costs one lookup per answered fact instead of every condition of every rule. `free[f]` holds
    the rules that do not name fact f, `accepts[f][k]` those that do not name it or accept answer k;
    a fact no rule names is in neither (every rule is free of it).
    """

    source: tuple[object, ...]  # the lists compiled, to notice one changed in place
    rules: tuple[Rule, ...]
    every: int
    free: dict[str, int]
    accepts: dict[str, dict[Key, int]]
    by_outcome: tuple[tuple[str, int], ...]  # each outcome's rules, in outcome order
    impossible: tuple[dict[str, frozenset[Key]], ...]  # per declared impossible combination
    facts: dict[str, tuple[Key, ...]]  # each fact's answers, facts in question order
    # Verdicts by (rules left, facts answered "not sure"), which is all a verdict depends on: the
    # checks walk every answer combination, and most of them leave a set of rules seen before.
    verdicts: dict[tuple[int, tuple[str, ...]], Verdict] = field(default_factory=dict, compare=False)

    def rules_in(self, mask: int) -> list[Rule]:
        return [rule for i, rule in enumerate(self.rules) if mask >> i & 1]

    def outcomes_in(self, mask: int) -> tuple[str, ...]:
        return tuple(oid for oid, rules in self.by_outcome if mask & rules)

    def allowing(self, fact: str, key: Key) -> int:
        """The rules a known answer to `fact` leaves possible."""
        found = self.accepts.get(fact)
        return self.every if found is None else found.get(key, self.free[fact])

    def verdict(self, left: int, unsure: tuple[str, ...]) -> Verdict:
        """The verdict when the rules in `left` are still possible and the facts `unsure` were
        answered "not sure": a "not sure" fact is worth finding out when two of its answers would
        leave different outcomes."""
        found = self.verdicts.get((left, unsure))
        if found is None:
            outcomes = self.outcomes_in(left)
            find_out: tuple[str, ...] = ()
            if len(outcomes) > 1:
                find_out = tuple(
                    f for f in unsure if len({self.outcomes_in(left & self.allowing(f, k)) for k in self.facts[f]}) > 1
                )
            found = self.verdicts[(left, unsure)] = Verdict(tuple(self.rules_in(left)), outcomes, find_out)
        return found


_compiled: dict[int, tuple[Decision, _Compiled]] = {}


def _compile(decision: Decision) -> _Compiled:
    """The compiled form of this very model (cached by identity, holding the model so that its id is
    not reused while cached)."""
    source = (tuple(decision.facts), tuple(decision.outcomes), tuple(decision.rules), tuple(decision.impossible))
    hit = _compiled.get(id(decision))
    if hit is not None and hit[0] is decision and hit[1].source == source:
        return hit[1]
    rules = tuple(decision.rules)
    every = (1 << len(rules)) - 1
    named = {f: 0 for r in rules for f in r.when}
    for i, r in enumerate(rules):
        for f in r.when:
            named[f] |= 1 << i
    free = {f: every & ~mask for f, mask in named.items()}
    accepts: dict[str, dict[Key, int]] = {f: {} for f in named}
    for i, r in enumerate(rules):
        for f, wanted in r.when.items():
            for k in {_key(w) for w in accepted(wanted)}:
                accepts[f][k] = accepts[f].get(k, free[f]) | 1 << i
    made = _Compiled(
        source=source,
        rules=rules,
        every=every,
        free=free,
        accepts=accepts,
        by_outcome=tuple(
            (o.id, sum(1 << i for i, r in enumerate(rules) if r.outcome == o.id)) for o in decision.outcomes
        ),
        impossible=tuple(
            {f: frozenset(_key(w) for w in accepted(v)) for f, v in imp.when.items()} for imp in decision.impossible
        ),
        facts={f.id: tuple(_key(v) for v in f.values) for f in decision.facts},
    )
    # A build uses one model, `mkdocs serve` a new one per edit, tests many small variants: a few
    # are kept (each with its verdicts, about 0.3 MB for the real model), and then the lot is dropped.
    if len(_compiled) >= 16:
        _compiled.clear()
    _compiled[id(decision)] = (decision, made)
    return made


def _possible(c: _Compiled, answers: Facts) -> int:
    """The rules no known answer contradicts, as a mask."""
    mask = c.every
    for f, a in answers.items():
        if a is not None:
            mask &= c.allowing(f, _key(a))
    return mask


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


def _matching(c: _Compiled, facts: Facts) -> int:
    """The rules that match, as a mask."""
    mask = c.every
    for f, free in c.free.items():  # every fact some rule names: unknown, only the rules free of it match
        a = facts.get(f)
        mask &= free if a is None else c.allowing(f, _key(a))
    return mask


def matching_rules(decision: Decision, facts: Facts) -> list[Rule]:
    """All rules that match; the checks guarantee exactly one for complete answers."""
    c = _compile(decision)
    return c.rules_in(_matching(c, facts))


def classify(decision: Decision, facts: Facts) -> Rule:
    """The rule that decides complete answers (ValueError if not exactly one). The bank classifies
    every complete combination, so a single match is read off its bit, not found by a scan."""
    c = _compile(decision)
    mask = _matching(c, facts)
    if not mask or mask & (mask - 1):
        raise ValueError(f"{mask.bit_count()} rules match {dict(facts)}")
    return c.rules[mask.bit_length() - 1]


def candidates(decision: Decision, answers: Facts) -> list[Rule]:
    """Rules still possible given partial answers (a rule is out once a known answer contradicts it)."""
    c = _compile(decision)
    return c.rules_in(_possible(c, answers))


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


def verdict(decision: Decision, answers: Facts) -> Verdict:
    """The verdict for the answers given so far (complete or not)."""
    c = _compile(decision)
    unsure = tuple(f for f in c.facts if f in answers and answers[f] is None)
    return c.verdict(_possible(c, answers), unsure)


def decide(decision: Decision, answers: Facts) -> Verdict | None:
    """The tool's conclusion once it has nothing more to ask (None while a question is still open)."""
    return verdict(decision, answers) if next_question(decision, answers) is None else None


def impossible(decision: Decision, facts: Facts) -> list[int]:
    """Indexes of the declared impossible combinations that these known answers fall into."""
    c = _compile(decision)
    keys = {f: _key(a) for f, a in facts.items() if a is not None}
    return [i for i, when in enumerate(c.impossible) if all(keys.get(f) in acc for f, acc in when.items())]


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
