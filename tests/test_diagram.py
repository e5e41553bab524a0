"""generator/diagram.py: the drawn flowchart is the rules' own tree, with numbered questions.

On the tiny knowledge base (two facts, four rules) and on a hand-built model whose yes branch skips a
question; what the real flowchart looks like is tests/test_content_quiz.py.
"""
from __future__ import annotations

import pytest

from generator import decision
from generator.diagram import Step, flowchart
from generator.model import Decision, Fact, KnowledgeBase, Outcome, Rule


def leaves(step: Step) -> list[Step]:
    if step.fact is None:
        return [step]
    return [leaf for branch in (step.yes, step.no) if branch is not None for leaf in leaves(branch)]


def shape(step: Step) -> object:
    """The chart as nested tuples: (number, fact, skipped, yes, no) for a question, (rule, outcome) for a leaf."""
    if step.fact is None:
        return (step.rule.id if step.rule else None, step.outcome.id if step.outcome else None)
    return (step.number, step.fact.id, step.skipped, shape(step.yes), shape(step.no))


def test_the_tiny_flowchart_asks_sells_ours_then_pays_us(tiny: KnowledgeBase) -> None:
    chart = flowchart(tiny.decision)
    assert shape(chart) == (1, "sells_ours", (),
                            (2, "pays_us", (), ("paying-reseller", "both"), ("reseller", "reseller")),
                            (2, "pays_us", (), ("customer", "customer"), ("bystander", "bystander")))
    assert chart.depth == 0 and chart.yes.depth == 1 and chart.yes.yes.depth == 2
    assert chart.yes.yes.outcome.name == "Reseller and customer" and chart.fact.question.startswith("Do they earn")
    assert (chart.leaves, chart.height, chart.yes.leaves, chart.yes.height) == (4, 2, 2, 1)


def test_every_answer_set_reaches_the_rule_that_classifies_it(tiny: KnowledgeBase) -> None:
    chart = flowchart(tiny.decision)
    for answers in decision.all_fact_combinations(tiny.decision):
        step, asked = chart, []
        while step.fact is not None:
            asked.append(step.fact.id)
            step = step.yes if answers[step.fact.id] else step.no
            assert step is not None
        rule = decision.classify(tiny.decision, answers)
        assert step.rule == rule and step.outcome is not None and step.outcome.id == rule.outcome
        assert [(f, answers[f]) for f in asked] == decision.path(tiny.decision, answers)


def fact(fid: str) -> Fact:
    return Fact(id=fid, question=f"{fid}?", help="h", yes="y", no="n", how_to_find_out="ask", synthesis=True)


def outcome(oid: str) -> Outcome:
    return Outcome(id=oid, name=oid.upper(), summary="s", next_step="n", synthesis=True)


def rule(rid: str, when: dict[str, bool], to: str) -> Rule:
    return Rule(id=rid, when=when, outcome=to, because="b", synthesis=True)


# a yes to Q1 makes Q2 irrelevant (the path goes Q1 → Q3), a no makes Q3 irrelevant.
SKIPPING = Decision(facts=[fact("a"), fact("b"), fact("c")], outcomes=[outcome("x"), outcome("y")],
                    rules=[rule("ac", {"a": True, "c": True}, "x"), rule("a-not-c", {"a": True, "c": False}, "y"),
                           rule("b", {"a": False, "b": True}, "y"), rule("neither", {"a": False, "b": False}, "x")])


def test_each_question_says_which_questions_it_skips() -> None:
    """Numbers jump (Q1 → Q3) because questions keep their model order; the jump is recorded."""
    chart = flowchart(SKIPPING)
    assert shape(chart) == (1, "a", (), (3, "c", (2,), ("ac", "x"), ("a-not-c", "y")),
                            (2, "b", (), ("b", "y"), ("neither", "x")))
    assert chart.yes.skipped_label == "Q2" and chart.no.skipped_label == ""
    assert (chart.leaves, chart.height) == (4, 2)
    assert {leaf.rule.id for leaf in leaves(chart)} == {r.id for r in SKIPPING.rules}


def test_an_uncovered_branch_ends_without_a_rule() -> None:
    """The flowchart trusts the coverage check: a branch no rule covers is a leaf with neither rule nor outcome."""
    gap = Decision(facts=[fact("a")], outcomes=[outcome("x"), outcome("y")], rules=[rule("a", {"a": True}, "x")])
    assert shape(flowchart(gap)) == ("a", "x"), "one rule left: nothing to ask"
    two = Decision(facts=[fact("a")], outcomes=[outcome("x"), outcome("y")],
                   rules=[rule("a", {"a": True}, "x"), rule("also-a", {"a": True}, "y")])
    assert shape(flowchart(two)) == (1, "a", (), ("a", "x"), (None, None))


@pytest.mark.parametrize("skipped, label", [((2, 3, 4), "Q2–Q4"), ((3,), "Q3"), ((2, 4), "Q2, Q4"),
                                            ((2, 3, 5), "Q2–Q3, Q5"), ((), "")])
def test_skipped_label(skipped, label) -> None:
    assert Step(0, skipped=skipped).skipped_label == label
