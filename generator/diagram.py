"""The decision flowchart's layout: `decision.tree()` with everything a template needs to draw it.

Pure: the tree comes from the rules (so the drawing cannot disagree with the
classifier), and this module only attaches the fact, its question number and
the outcome to each node. The markup is in templates/decision.md.j2.
"""
from __future__ import annotations

from dataclasses import dataclass

from .decision import Node, tree
from .model import Decision, Fact, Outcome, Rule


@dataclass(frozen=True)
class Step:
    """A question with a yes and a no branch, or (when `fact` is None) the rule and outcome it ends in."""

    depth: int
    fact: Fact | None = None
    number: int = 0  # the question's position in the decision model (Q1, Q2 …)
    skipped: tuple[int, ...] = ()  # numbers passed over since the question before: they no longer matter
    yes: Step | None = None
    no: Step | None = None
    rule: Rule | None = None
    outcome: Outcome | None = None

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
        return sum(branch.leaves for branch in (self.yes, self.no) if branch is not None)

    @property
    def height(self) -> int:
        """Questions on the longest way down from here."""
        if self.fact is None:
            return 0
        return 1 + max(branch.height for branch in (self.yes, self.no) if branch is not None)


def flowchart(decision: Decision) -> Step:
    """The flowchart of the rules, as asked by `decision.next_question`.

    Questions keep their numbers from the decision model and are always asked in that order, so a
    path may go from Q1 to Q5: each step records the numbers it passes over (`skipped`), and the
    page says so where it happens instead of leaving the jump unexplained.
    """
    facts = {f.id: (f, i) for i, f in enumerate(decision.facts, 1)}
    outcomes = {o.id: o for o in decision.outcomes}

    def step(node: Node, depth: int, previous: int) -> Step:
        if node.fact is None:
            rule = node.rule
            return Step(depth, rule=rule, outcome=outcomes.get(rule.outcome) if rule else None)
        fact, number = facts[node.fact]
        return Step(depth, fact=fact, number=number, skipped=tuple(range(previous + 1, number)),
                    yes=step(node.yes, depth + 1, number) if node.yes else None,
                    no=step(node.no, depth + 1, number) if node.no else None)

    return step(tree(decision), 0, 0)
