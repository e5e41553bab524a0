"""The decision flowchart's layout: `decision.tree()` with everything a template needs to draw it.

Pure: the tree comes from the rules (so the drawing cannot disagree with the
classifier), and this module only attaches the fact, its question number, each
branch's answer label and the outcome to each node. The markup is in templates/decision.md.j2.
"""

from __future__ import annotations

from dataclasses import dataclass

from .decision import Node, tree
from .model import Decision, Fact, Outcome, Rule, Value


def answer_label(fact: Fact, value: Value) -> str:
    """How one answer to a fact reads in a branch or a table cell: "Yes", "No", or the option's short text."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    option = fact.option(value)
    return option.short if option else value


@dataclass(frozen=True)
class Branch:
    """Answers to a question of the flowchart that lead to the same step (one answer, usually)."""

    values: tuple[Value, ...]
    label: str
    step: Step

    @property
    def kind(self) -> str:
        """'yes', 'no' or 'option': how the page marks the branch."""
        first = self.values[0]
        if isinstance(first, bool) and len(self.values) == 1:
            return "yes" if first else "no"
        return "option"

    def takes(self, value: Value) -> bool:
        """Whether this branch is the one for `value`."""
        return any(type(v) is type(value) and v == value for v in self.values)


@dataclass(frozen=True)
class Step:
    """A question with a branch per answer, or (when `fact` is None) the rule and outcome it ends in."""

    depth: int
    fact: Fact | None = None
    number: int = 0  # the question's position in the decision model (Q1, Q2 …)
    skipped: tuple[int, ...] = ()  # numbers passed over since the question before: they no longer matter
    branches: tuple[Branch, ...] = ()
    rule: Rule | None = None
    outcome: Outcome | None = None

    def branch(self, value: Value) -> Step | None:
        """The step one answer leads to."""
        return next((b.step for b in self.branches if b.takes(value)), None)

    @property
    def yes(self) -> Step | None:
        """The yes branch of a yes/no question."""
        return self.branch(True)

    @property
    def no(self) -> Step | None:
        """The no branch of a yes/no question."""
        return self.branch(False)

    @property
    def skipped_label(self) -> str:
        """The skipped questions as a reader counts them: 'Q2–Q4', 'Q3', 'Q2, Q4'."""
        runs: list[list[int]] = []
        for n in self.skipped:
            if runs and n == runs[-1][-1] + 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        return ", ".join(f"Q{r[0]}" if len(r) == 1 else f"Q{r[0]}–Q{r[-1]}" for r in runs)

    @property
    def leaves(self) -> int:
        """How many outcomes this step leads to (1 for an outcome)."""
        if self.fact is None:
            return 1
        return sum(b.step.leaves for b in self.branches)

    @property
    def height(self) -> int:
        """Questions on the longest way down from here."""
        if self.fact is None:
            return 0
        return 1 + max(b.step.height for b in self.branches)


def flowchart(decision: Decision) -> Step:
    """The flowchart of the rules, as asked by `decision.next_question`.

    Questions keep their numbers from the decision model and are always asked in that order, so a
    path may go from Q1 to Q5: each step records the numbers it passes over (`skipped`), and the
    page says so where it happens instead of leaving the jump unexplained. Answers that lead to the
    same questions and outcomes share one branch ("No: our branding guidelines or No: a legal
    restriction"), so the chart grows with what the answers change, not with how many there are.
    """
    facts = {f.id: (f, i) for i, f in enumerate(decision.facts, 1)}
    outcomes = {o.id: o for o in decision.outcomes}

    def step(node: Node, depth: int, previous: int) -> Step:
        if node.fact is None:
            rule = node.rule
            return Step(depth, rule=rule, outcome=outcomes.get(rule.outcome) if rule else None)
        fact, number = facts[node.fact]
        grouped: list[tuple[list[Value], Step]] = []
        for value, child in node.branches:
            drawn = step(child, depth + 1, number)
            same = next((g for g in grouped if g[1] == drawn), None)
            if same is None:
                grouped.append(([value], drawn))
            else:
                same[0].append(value)
        return Step(
            depth,
            fact=fact,
            number=number,
            skipped=tuple(range(previous + 1, number)),
            branches=tuple(
                Branch(tuple(values), " or ".join(answer_label(fact, v) for v in values), drawn)
                for values, drawn in grouped
            ),
        )

    return step(tree(decision), 0, 0)
